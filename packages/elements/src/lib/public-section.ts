// Public elements (`<portal-store>`, `<domain-search>`, `<portal-order-form>`) work signed out, and show a section
// the business may turn off: the API then answers 404 and the element hides itself.
import type { PortalSessionState } from './context.js';
import { isNotFound } from './load-error.js';

/** Whether `error` says the business turned the section off (the API answered 404). */
export const isSectionOff = isNotFound;

/** Who a public element's data is for: the active account's id, `''` for a guest, undefined while the session loads. */
export function guestOrAccount({ status, session }: PortalSessionState): string | undefined {
  return status === 'loading' ? undefined : (session?.account.id ?? '');
}

/** Hides an element whose section is off and shows it again once it is back, clearing only a `hidden` it set itself. */
export class SectionHider {
  readonly #host: HTMLElement;
  #hidByUs = false;

  constructor(host: HTMLElement) {
    this.#host = host;
  }

  hide(hide: boolean): void {
    if (hide) {
      this.#hidByUs = !this.#host.hidden;
      this.#host.hidden = true;
    } else if (this.#hidByUs) {
      this.#hidByUs = false;
      this.#host.hidden = false;
    }
  }
}
