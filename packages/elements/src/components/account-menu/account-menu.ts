import type { AccountSummary, Session } from '@portico/sdk';
import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { PortalAccountSwitchedEvent } from '../../lib/account-switch.js';
import { addMessages } from '../../lib/localize.js';
import * as en from '../../lib/locales/en.js';
import * as es from '../../lib/locales/es.js';
import { MenuController } from '../../lib/menu-controller.js';
import { PortalElement } from '../../lib/portal-element.js';
import { ROLE_KEYS } from '../../lib/roles.js';
import { hostStyles } from '../../lib/styles.js';
import styles from './account-menu.styles.js';

addMessages('en', en.accountMenu, en.accountRoles, en.accountSwitcher);
addMessages('es', es.accountMenu, es.accountRoles, es.accountSwitcher);

/** Up to two initials of a name: "Ada Lovelace" → "AL". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = [words[0], words.length > 1 ? words[words.length - 1] : undefined].map((w) =>
    w ? (Array.from(w)[0] ?? '') : '',
  );
  return letters.join('').toUpperCase();
}

/**
 * The signed-in person's menu for a site header: a button with their initials and name that opens a menu with
 * their name, email and active account, and "Sign out". Signed out, a "Sign in" link to `login-href`.
 *
 * Someone with several accounts also finds a "Switch account" section in the menu: one radio item per account
 * with their role there, the active one checked; picking another makes it the active account.
 *
 * Keyboard: Enter, Space or Arrow Down on the button open the menu and focus its first item; Arrow keys, Home
 * and End move between items; Escape closes it and returns focus to the button; Tab closes it.
 *
 * Inside a `<portal-provider>` it uses the provider's session; standalone, give it an `api` attribute. Themed by
 * the global `--portal-*` tokens (see `<portal-provider>`) and the properties and parts below.
 *
 * @summary Header account menu: who is signed in, with sign out; or a sign-in link.
 *
 * @attr api - The Portico server's URL, when used without a `<portal-provider>`.
 * @attr mode - Session mode of the standalone client: `cookie` (default) or `token`.
 * @attr lang - Language (`en`, `es`); else the provider's, else the page's.
 * @attr theme - `light` or `dark` to force a colour scheme.
 *
 * @csspart trigger - The button that opens the menu.
 * @csspart avatar - The initials in the button.
 * @csspart name - The name in the button.
 * @csspart panel - The open menu.
 * @csspart header - Name, email and account at the top of the menu.
 * @csspart menu - The list of menu items.
 * @csspart menu-item - A menu item.
 * @csspart switch-account - The "Switch account" section (several accounts only).
 * @csspart account - An account item of that section (also `menu-item`).
 * @csspart sign-out - The "Sign out" item.
 * @csspart link - The "Sign in" link shown when signed out.
 * @csspart skeleton - The placeholder shown while the session loads.
 *
 * @cssproperty [--portal-account-menu-avatar-size=2rem] - Size of the initials circle.
 * @cssproperty [--portal-account-menu-width=16rem] - Minimum width of the open menu.
 * @cssproperty --portal-account-menu-background - Background of the button and menu; falls back to `--portal-color-surface`.
 * @cssproperty --portal-account-menu-border-color - Border colour; falls back to `--portal-color-border`.
 * @cssproperty [--portal-account-menu-z-index=10] - Stacking order of the open menu.
 *
 * @event {PortalSignedOutEvent} portal-signed-out - The person chose "Sign out".
 * @event {PortalAccountSwitchedEvent} portal-account-switched - The person picked another account; `event.detail` is the session.
 * @event {PortalErrorEvent} portal-error - Signing out or switching failed on the server; `event.detail` is `{ action, error }`.
 */
@customElement('portal-account-menu')
export class PortalAccountMenu extends PortalElement {
  static override styles = [hostStyles, styles];

  /** Where the "Sign in" link goes when signed out. Without it, nothing is shown when signed out. */
  @property({ attribute: 'login-href' }) loginHref?: string;

  /** Whether the menu is open. */
  @property({ type: Boolean, reflect: true }) open = false;

  readonly #menu = new MenuController(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!this.sessionState.session) this.open = false;
  }

  protected override render() {
    const { status, session } = this.sessionState;
    if (status === 'loading') {
      return html`<span part="skeleton" class="skeleton" role="status"
        ><span class="sr-only">${this.t('loading')}</span></span
      >`;
    }
    return html`${session ? this.#renderMenu(session) : this.#renderSignedOut()}
      <div class="sr-only" role="alert">${this.alertMessage || nothing}</div>
      <div class="sr-only" role="status">${this.notice || nothing}</div>`;
  }

  #renderSignedOut() {
    return this.loginHref
      ? html`<a part="link" class="sign-in" href=${this.loginHref} lang=${this.textLang}>${this.t('signIn')}</a>`
      : nothing;
  }

  #renderMenu(session: Session) {
    const { user, account } = session;
    return this.#menu.render(
      this.textLang,
      html`<span part="avatar" class="avatar" aria-hidden="true">${initials(user.name)}</span>
        <span part="name" aria-hidden="true">${user.name}</span>
        <span class="sr-only">${this.t('accountMenu', { name: user.name })}</span>`,
      html`<div part="header" class="who">
          <span class="name">${user.name}</span>
          <span class="email">${user.email}</span>
          <span class="account">${this.t('activeAccount', { name: account.name })}</span>
        </div>
        <div part="menu" role="menu" id="menu" aria-labelledby="trigger">
          ${session.accounts.length > 1 ? this.#renderAccounts(session) : nothing}
          <button
            part="menu-item sign-out"
            role="menuitem"
            type="button"
            tabindex="-1"
            ?disabled=${this.busy}
            @click=${this.#signOut}
          >
            ${this.t('signOut')}
          </button>
        </div>`,
    );
  }

  #renderAccounts(session: Session) {
    const label = this.t('switchAccount');
    return html`<div part="switch-account" class="accounts" role="group" aria-label=${label}>
        <div class="group-label" aria-hidden="true">${label}</div>
        ${session.accounts.map(
          (account) => html`<button
            part="menu-item account"
            role="menuitemradio"
            aria-checked=${account.id === session.account.id ? 'true' : 'false'}
            type="button"
            tabindex="-1"
            ?disabled=${this.busy}
            @click=${() => this.#switchTo(session, account)}
          >
            <span class="account-name">${account.name}</span>
            <span class="account-role">${this.t(ROLE_KEYS[account.role])}</span>
          </button>`,
        )}
      </div>
      <div class="separator" role="separator"></div>`;
  }

  async #switchTo(session: Session, account: AccountSummary) {
    if (account.id !== session.account.id) {
      let switched: Session | undefined;
      await this.attempt('switchAccount', [], async (client) => {
        switched = await client.auth.switchAccount({ accountId: account.id });
      });
      if (!switched) return;
      this.notice = this.t('switchedTo', { name: switched.account.name });
      this.emit(new PortalAccountSwitchedEvent(switched));
    }
    this.#menu.close(true);
  }

  #signOut = async () => {
    await this.signOut();
    this.open = false;
    void this.focusPart('[part="link"]');
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-account-menu': PortalAccountMenu;
  }
}
