// What the public content elements (<portal-kb>, <portal-faq>, <portal-announcements>, <portal-status>,
// <portal-home>) share: plurals, scrolling to an in-page anchor of rich text, and the "search" box.
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Translate } from './form.js';
import type { MessageKey } from './localize.js';

/** `one` or `other` by the language's plural rules, with `{count}` filled in. */
export function plural(
  t: Translate,
  lang: string,
  count: number,
  one: MessageKey,
  other: MessageKey,
): string {
  return t(new Intl.PluralRules(lang).select(count) === 'one' ? one : other, { count });
}

/**
 * A click on an in-page link inside rich text (`#install`, a heading's id): the target lives in the element's
 * shadow root, where the browser would not find it, and changing the page's hash would look like navigation to
 * the elements that follow it. Scrolls to the target instead; other links are left to the browser.
 */
export function followInPageLink(event: MouseEvent, root: ShadowRoot | HTMLElement | DocumentFragment): void {
  const link = (event.composedPath()[0] as Element | undefined)?.closest?.('a[href^="#"]');
  const id = link?.getAttribute('href')?.slice(1);
  if (!id) return;
  const target = (root as ParentNode).querySelector(`.rich [id="${CSS.escape(decodeURIComponent(id))}"]`);
  if (!target) return;
  event.preventDefault();
  target.scrollIntoView({ block: 'start' });
}

export interface SearchBoxOptions {
  name: string;
  label: string;
  placeholder: string;
  value: string;
  /** Id of text that describes the box (a hint); none when undefined. */
  describedBy?: string | undefined;
  busy: boolean;
  /** Shown as a submit button beside the box; none when undefined. */
  button?: string | undefined;
  onInput: (value: string) => void;
  onSubmit: (value: string) => void;
}

/** A labelled `type="search"` box in a `role="search"` form. */
export function searchBox(o: SearchBoxOptions): TemplateResult {
  return html`<form
    part="search"
    class="search"
    role="search"
    novalidate
    @submit=${(event: SubmitEvent) => {
      event.preventDefault();
      o.onSubmit((event.currentTarget as HTMLFormElement).querySelector('input')!.value);
    }}
  >
    <label part="label" for=${o.name}>${o.label}</label>
    <div class="control">
      <input
        part="input"
        id=${o.name}
        name=${o.name}
        type="search"
        .value=${live(o.value)}
        placeholder=${o.placeholder}
        autocomplete="off"
        enterkeyhint="search"
        maxlength="200"
        aria-describedby=${o.describedBy ?? nothing}
        @input=${(event: Event) => o.onInput((event.target as HTMLInputElement).value)}
      />
      ${
        o.button
          ? html`<button part="button search-button" class="secondary" type="submit">
              ${o.busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${o.button}
            </button>`
          : nothing
      }
    </div>
  </form>`;
}
