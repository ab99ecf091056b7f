import type { StaffSession } from '@portico/sdk/admin';

const init: EventInit = { bubbles: true, composed: true };

/**
 * A staff member signed in to the console (password, TOTP code, or an accepted invitation). `detail` is the staff
 * session.
 *
 * @example
 * ```js
 * document.addEventListener('portal-admin-signed-in', (event) => console.log(event.detail.staff.email));
 * ```
 */
export class PortalAdminSignedInEvent extends Event {
  static readonly eventName = 'portal-admin-signed-in';
  readonly detail: StaffSession;
  constructor(session: StaffSession) {
    super(PortalAdminSignedInEvent.eventName, init);
    this.detail = session;
  }
}

/** The staff member signed out, or the server ended their session. */
export class PortalAdminSignedOutEvent extends Event {
  static readonly eventName = 'portal-admin-signed-out';
  readonly detail = null;
  constructor() {
    super(PortalAdminSignedOutEvent.eventName, init);
  }
}

/** The signed-in staff member's session changed (e.g. they turned TOTP on or off). `detail` is the new session. */
export class PortalAdminSessionChangeEvent extends Event {
  static readonly eventName = 'portal-admin-session-change';
  readonly detail: StaffSession;
  constructor(session: StaffSession) {
    super(PortalAdminSessionChangeEvent.eventName, init);
    this.detail = session;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-admin-signed-in': PortalAdminSignedInEvent;
    'portal-admin-signed-out': PortalAdminSignedOutEvent;
    'portal-admin-session-change': PortalAdminSessionChangeEvent;
  }
}
