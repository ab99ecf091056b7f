import type { Session } from '@portico/sdk';

/**
 * The person made another of their accounts the active one (`<portal-account-switcher>` or the account menu).
 * `detail` is the new session; every element inside the same provider already follows it.
 *
 * @example
 * ```js
 * document.addEventListener('portal-account-switched', (event) => console.log(event.detail.account.name));
 * ```
 */
export class PortalAccountSwitchedEvent extends Event {
  static readonly eventName = 'portal-account-switched';
  readonly detail: Session;
  constructor(session: Session) {
    super(PortalAccountSwitchedEvent.eventName, { bubbles: true, composed: true });
    this.detail = session;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-account-switched': PortalAccountSwitchedEvent;
  }
}
