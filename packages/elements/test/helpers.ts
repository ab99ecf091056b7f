import { fixture, html, waitUntil } from '@open-wc/testing';
import type { LitElement, TemplateResult } from 'lit';
import type { PortalProvider } from '../src/components/provider/provider.js';
import type { FakePortal } from './fake-portal.js';
import '../src/index.js';

/**
 * Renders `content` inside a `<portal-provider>` whose client talks to `portal`, waits for the session to load,
 * and returns the first element matching `selector`.
 */
export function inProvider<T extends LitElement>(
  portal: FakePortal,
  content: TemplateResult,
  selector: string,
  options: { signedInAs?: string; lang?: string } = {},
): Promise<T> {
  return providerChild<T>(
    html`<portal-provider .client=${portal.client(options.signedInAs)} lang=${options.lang ?? 'en'}
      >${content}</portal-provider
    >`,
    selector,
  );
}

/** Renders `provider` (a `<portal-provider>`), waits for its session to load, and returns its first `selector`. */
export async function providerChild<T extends LitElement>(
  provider: TemplateResult,
  selector: string,
): Promise<T> {
  const rendered = await fixture<PortalProvider>(provider);
  await waitUntil(() => rendered.sessionState.status !== 'loading', 'session never loaded');
  const element = rendered.querySelector<T>(selector)!;
  await element.updateComplete;
  return element;
}

/** The first match inside `element`'s shadow root. */
export function $<T extends Element = HTMLElement>(element: Element, selector: string): T {
  const found = element.shadowRoot!.querySelector<T>(selector);
  if (!found) throw new Error(`No ${selector} in <${element.localName}>`);
  return found;
}

/** The input named `name`. */
export const input = (element: Element, name: string) =>
  $<HTMLInputElement>(element, `input[name="${name}"]`);

/** Types `value` into the input named `name`, as a person would (an `input` event). */
export async function type(element: LitElement, name: string, value: string): Promise<void> {
  const field = input(element, name);
  field.value = value;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await element.updateComplete;
}

/** Presses the submit button of the shown form. */
export async function submit(element: LitElement): Promise<void> {
  $<HTMLButtonElement>(element, 'button[type="submit"]').click();
  await element.updateComplete;
}

/** The button (or link) whose text is `text`. */
export function button(element: Element, text: string | RegExp): HTMLButtonElement {
  const all = [...element.shadowRoot!.querySelectorAll<HTMLButtonElement>('button, a')];
  const found = all.find((b) => {
    const label = b.textContent?.trim() ?? '';
    return typeof text === 'string' ? label === text : text.test(label);
  });
  if (!found)
    throw new Error(
      `No button "${text}" in <${element.localName}>: ${all.map((b) => b.textContent?.trim())}`,
    );
  return found;
}

/** Text of the `role="alert"` region. */
export const alertText = (element: Element) => $(element, '[role="alert"]').textContent?.trim() ?? '';

/** Waits until no request is in flight. */
export async function settled(element: LitElement): Promise<void> {
  await waitUntil(() => !(element as unknown as { busy: boolean }).busy, 'request never finished');
  await element.updateComplete;
}
