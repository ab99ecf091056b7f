import type { Session } from '@portico/sdk';

const init: EventInit = { bubbles: true, composed: true };

/**
 * Someone signed in (password, emailed code, password reset or a verified registration).
 * `detail` is the new session.
 *
 * @example
 * ```js
 * document.addEventListener('portal-signed-in', (event) => console.log(event.detail.user.name));
 * ```
 */
export class PortalSignedInEvent extends Event {
  static readonly eventName = 'portal-signed-in';
  readonly detail: Session;
  constructor(session: Session) {
    super(PortalSignedInEvent.eventName, init);
    this.detail = session;
  }
}

/** The person signed out through one of the elements. */
export class PortalSignedOutEvent extends Event {
  static readonly eventName = 'portal-signed-out';
  readonly detail = null;
  constructor() {
    super(PortalSignedOutEvent.eventName, init);
  }
}

/** What failed and why. */
export interface PortalErrorDetail {
  /** The operation that failed, e.g. `login`, `register`, `logout`. */
  action: string;
  /** The error the SDK threw (`PortalApiError`, `PortalNetworkError`, ...). */
  error: unknown;
}

/** A request made by an element failed. The element already shows the error; this is for logging and analytics. */
export class PortalErrorEvent extends Event {
  static readonly eventName = 'portal-error';
  readonly detail: PortalErrorDetail;
  constructor(detail: PortalErrorDetail) {
    super(PortalErrorEvent.eventName, init);
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-signed-in': PortalSignedInEvent;
    'portal-signed-out': PortalSignedOutEvent;
    'portal-error': PortalErrorEvent;
  }
}
