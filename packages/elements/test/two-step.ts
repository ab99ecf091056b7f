import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { Session } from '@portico/sdk';
import type { LitElement } from 'lit';
import type { PortalMfaStep } from '../src/lib/mfa-step.js';
import type { FakePortal } from './fake-portal.js';
import { $, alertText, button, settled, submit, type } from './helpers.js';

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

/**
 * Passes `element`'s two-step verification `step` with the authenticator app: checks that the step asks for the
 * code (focused, accessible) and refuses a wrong one, then types the fake's code. Answers the signed-in session.
 */
export async function passWithAppCode(element: LitElement, step: PortalMfaStep): Promise<Session> {
  expect($(step, '[part="title"]').textContent).to.equal('Two-step verification');
  await waitUntil(() => focusedInStep(step) === 'code', 'code input not focused');
  await expect(element).to.be.accessible();

  await type(step, 'code', '111111');
  await submit(step);
  await settled(step);
  expect($(step, '#code-error').textContent).to.equal('That code is not right. 4 tries left.');
  await expect(element).to.be.accessible();

  const signedIn = oneEvent(element, 'portal-signed-in');
  await type(step, 'code', '246810');
  await submit(step);
  return (await signedIn).detail;
}

/** Passes `element`'s two-step verification `step` with the backup code `code`; resolves once signed in. */
export async function passWithBackupCode(
  element: LitElement,
  step: PortalMfaStep,
  code: string,
): Promise<void> {
  button(step, 'Use a backup code').click();
  await step.updateComplete;
  await type(step, 'code', code);
  const signedIn = oneEvent(element, 'portal-signed-in');
  await submit(step);
  await signedIn;
}

/** Submits a right code after the sign-in ticket is gone: the step closes and `element` says to sign in again. */
export async function submitAfterTicketSpent(
  portal: FakePortal,
  element: LitElement,
  step: PortalMfaStep,
): Promise<void> {
  portal.mfaTickets.clear();
  await type(step, 'code', '246810');
  await submit(step);
  await waitUntil(() => !element.shadowRoot!.querySelector('portal-mfa-step'), 'step still shown');
  expect(alertText(element)).to.equal('This sign-in has expired or was already used. Sign in again.');
}
