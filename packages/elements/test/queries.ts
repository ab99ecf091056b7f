// Reading what an element shows in its shadow root, for the element tests.
import { waitUntil } from '@open-wc/testing';
import type { LitElement } from 'lit';

/** An element's text, with each run of white space as one space. */
export const text = (element: Element | null | undefined) =>
  element?.textContent?.replace(/\s+/g, ' ').trim();

/** The first match of `selector` in `el`'s shadow root, or null. */
export const find = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);

/** Every match of `selector` in `el`'s shadow root. */
export const all = (el: Element, selector: string) => [
  ...el.shadowRoot!.querySelectorAll<HTMLElement>(selector),
];

/** Waits until `el` shows `selector` (named `what` in the failure), then for its update. */
export async function shows(el: LitElement, selector: string, what = selector): Promise<void> {
  await waitUntil(() => find(el, selector), `never showed ${what}`);
  await el.updateComplete;
}
