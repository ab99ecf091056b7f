import type { AccountSummary, Session } from '@portico/sdk';
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { PortalAccountSwitchedEvent } from '../../lib/account-switch.js';
import { addMessages } from '../../lib/localize.js';
import * as en from '../../lib/locales/en.js';
import * as es from '../../lib/locales/es.js';
import { PortalElement } from '../../lib/portal-element.js';
import { ROLE_KEYS } from '../../lib/roles.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import styles from './account-switcher.styles.js';

addMessages('en', en.accountRoles, en.accountSwitcher);
addMessages('es', es.accountRoles, es.accountSwitcher);

/**
 * The accounts the signed-in person belongs to, each with their role there, the active one marked. Picking
 * another makes it the active account (no new sign-in): the session changes, and every element inside the same
 * provider follows it.
 *
 * It renders nothing while the session loads, when signed out, or with fewer than two accounts (unless `always`
 * is set). `<portal-account-menu>` offers the same choice in its menu.
 *
 * @summary Lists the person's accounts and switches the active one.
 *
 * @attr api - The Portico server's URL, when used without a `<portal-provider>`.
 * @attr mode - Session mode of the standalone client: `cookie` (default) or `token`.
 * @attr always - Show the list even with only one account.
 * @attr lang - Language (`en`, `es`); else the provider's, else the page's.
 * @attr theme - `light` or `dark` to force a colour scheme.
 *
 * @csspart base - The box around everything.
 * @csspart title - The "Switch account" heading.
 * @csspart list - The list of accounts.
 * @csspart account - An account: a button, or the active one (also `current`).
 * @csspart current - The active account.
 * @csspart name - An account's name.
 * @csspart role - The person's role in an account.
 * @csspart error - The `role="alert"` region (also `alert`).
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region ("Now using …").
 *
 * @cssproperty --portal-account-switcher-background - Background; falls back to `--portal-color-surface`.
 * @cssproperty --portal-account-switcher-border - Border; falls back to a 1px `--portal-color-border` line.
 *
 * @event {PortalAccountSwitchedEvent} portal-account-switched - Another account is active; `event.detail` is the session.
 * @event {PortalErrorEvent} portal-error - Switching failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-account-switcher')
export class PortalAccountSwitcher extends PortalElement {
  static override styles = [hostStyles, formStyles, styles];

  /** Shows the list even with only one account. */
  @property({ type: Boolean, reflect: true }) always = false;

  /** The account being switched to. */
  @state() private switching?: string;

  protected override render() {
    const session = this.sessionState.session;
    if (!session || (session.accounts.length < 2 && !this.always)) return nothing;
    const active = session.account.id;
    return html`<section part="base" class="base" lang=${this.textLang} aria-labelledby="title">
      <h2 part="title" id="title">${this.t('switchAccount')}</h2>
      <ul part="list" class="list">
        ${session.accounts.map((account) => {
          const content = html`<span part="name" class="name">${account.name}</span>
            <span part="role" class="role">${this.t(ROLE_KEYS[account.role])}</span>`;
          return html`<li>
            ${
              account.id === active
                ? html`<div part="account current" class="account current" aria-current="true" tabindex="-1">
                    ${content} <span class="mark">${this.t('currentAccount')}</span>
                  </div>`
                : html`<button
                    part="account"
                    class="account"
                    type="button"
                    ?disabled=${this.busy}
                    @click=${() => this.#switch(session, account)}
                  >
                    ${content}
                    ${this.switching === account.id ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}
                  </button>`
            }
          </li>`;
        })}
      </ul>
      ${this.renderMessages()}
    </section>`;
  }

  async #switch(from: Session, account: AccountSummary) {
    if (account.id === from.account.id) return;
    this.switching = account.id;
    let session: Session | undefined;
    await this.attempt('switchAccount', [], async (client) => {
      session = await client.auth.switchAccount({ accountId: account.id });
    });
    this.switching = undefined;
    if (!session) return;
    this.notice = this.t('switchedTo', { name: session.account.name });
    this.emit(new PortalAccountSwitchedEvent(session));
    // The button pressed is now the active account: keep focus there.
    void this.focusPart('[aria-current="true"]');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-account-switcher': PortalAccountSwitcher;
  }
}
