import type { Session } from '@portico/sdk';
import type { PortalSessionState } from './context.js';

const init: EventInit = { bubbles: true, composed: true };

/**
 * Someone signed in (password, emailed code, password reset, a verified registration, a magic link or an
 * invitation). `detail` is the new session.
 *
 * Elements that go somewhere after signing in (`<portal-magic-link>`, `<portal-invitation>`) fire it
 * `cancelable`: `preventDefault()` keeps the page where it is, e.g. for a client-side router.
 *
 * @example
 * ```js
 * document.addEventListener('portal-signed-in', (event) => console.log(event.detail.user.name));
 * ```
 */
export class PortalSignedInEvent extends Event {
  static readonly eventName = 'portal-signed-in';
  readonly detail: Session;
  constructor(session: Session, options: { cancelable?: boolean } = {}) {
    super(PortalSignedInEvent.eventName, { ...init, cancelable: options.cancelable ?? false });
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

/**
 * A `<portal-provider>` finished loading the session, or the session changed since: a sign-in or sign-out through
 * any element or its client, a session the server ended, or a reload that found a different one. `detail` is the
 * provider's `sessionState`: `{ status, session }` (and `error` when `status` is `error`). Not fired for `loading`.
 *
 * @example
 * ```js
 * document.addEventListener('portal-session-change', (event) => {
 *   document.body.classList.toggle('signed-in', event.detail.status === 'signed-in');
 * });
 * ```
 */
export class PortalSessionChangeEvent extends Event {
  static readonly eventName = 'portal-session-change';
  readonly detail: PortalSessionState;
  constructor(state: PortalSessionState) {
    super(PortalSessionChangeEvent.eventName, init);
    this.detail = state;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-signed-in': PortalSignedInEvent;
    'portal-signed-out': PortalSignedOutEvent;
    'portal-error': PortalErrorEvent;
    'portal-session-change': PortalSessionChangeEvent;
  }
}
