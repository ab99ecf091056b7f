import { waitUntil } from '@open-wc/testing';
import type { LitElement } from 'lit';
import type { PortalMfaStep } from '../src/lib/mfa-step.js';

/** The two-step verification step `element` shows, once rendered. */
export async function mfaStep(element: LitElement): Promise<PortalMfaStep> {
  await element.updateComplete;
  await waitUntil(
    () => element.shadowRoot!.querySelector('portal-mfa-step'),
    'no two-step verification step',
  );
  const step = element.shadowRoot!.querySelector('portal-mfa-step')!;
  await step.updateComplete;
  return step;
}

/** Which input has focus inside the step. */
export const focusedInStep = (step: PortalMfaStep) =>
  (step.shadowRoot!.activeElement as HTMLInputElement | null)?.name;
