import type { MagicLink, PortalUser } from '@portico/sdk/admin';
import { html, nothing, type PropertyValues, type ReactiveControllerHost } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { submitButton } from '../../lib/form.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { AdminElement, adminChecks } from '../lib/admin-element.js';
import { textField } from '../lib/form.js';
import { addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import { adminStyles } from '../lib/styles.js';
import styles from './admin-magic-link.styles.js';

addAdminMessages('en', en.common, en.magicLink);
addAdminMessages('es', es.common, es.magicLink);

/**
 * Makes a magic link for one portal user: a single-use sign-in link that lasts 10 minutes, optionally landing on
 * a page of the portal (a path such as `/invoices`). Shows the link with a Copy button and when it expires.
 *
 * @summary Generate a portal user's magic link, with an optional destination, and copy it.
 *
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 *
 * @csspart form - The destination form.
 * @csspart field - A label, input, hint and error.
 * @csspart submit - The "Generate link" button.
 * @csspart result - The link, its Copy button and its expiry.
 * @csspart copy - The Copy button.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-magic-link')
export class PortalAdminMagicLink extends AdminElement {
  static override styles = [hostStyles, formStyles, adminStyles, styles];

  /** The person the link signs in (and the account it signs them in to). */
  @property({ attribute: false }) user?: Pick<
    PortalUser,
    'userId' | 'accountId' | 'name' | 'email' | 'accountName'
  >;

  /** The link made last. */
  @state() link?: MagicLink;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('user') && changed.get('user') !== undefined) {
      this.link = undefined;
      this.values = {};
      this.fieldErrors = {};
      this.alertMessage = '';
      this.notice = '';
    }
  }

  protected override render() {
    const user = this.user;
    if (!user) return nothing;
    const expires = this.link ? this.#time(this.link.expiresAt) : '';
    return html`<div class="base" lang=${this.textLang}>
      <p class="intro">
        ${this.t('magicLinkFor', { name: user.name, email: user.email, account: user.accountName })}
      </p>
      <form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#generate}>
        ${textField({
          name: 'destination',
          label: this.t('destination'),
          hint: this.t('destinationHint'),
          placeholder: '/invoices',
          value: this.values.destination,
          error: this.fieldErrors.destination,
          onInput: this.onInput,
        })}
        ${submitButton(this.link ? this.t('generateAnother') : this.t('generateLink'), this.busy)}
      </form>
      ${
        this.link
          ? html`<div part="result" class="result">
              ${textField({
                name: 'url',
                label: this.t('magicLink'),
                readonly: true,
                value: this.link.url,
                hint: this.t('magicLinkExpires', { time: expires }),
                after: html`<button part="button copy" class="secondary" type="button" @click=${this.#copy}>
                  ${this.t('copy')}
                </button>`,
              })}
            </div>`
          : nothing
      }
      ${this.renderMessages()}
    </div>`;
  }

  #time(iso: string) {
    return new Intl.DateTimeFormat(this.resolvedLocale, { timeStyle: 'short' }).format(new Date(iso));
  }

  #generate = async (event: SubmitEvent) => {
    event.preventDefault();
    const user = this.user;
    if (!user || !this.validate({ destination: adminChecks.destination })) return;
    const destination = this.values.destination?.trim() || undefined;
    let link: MagicLink | undefined;
    await this.attempt('adminMagicLink', ['destination'], async (admin) => {
      link = await admin.portalUsers.magicLink({
        userId: user.userId,
        accountId: user.accountId,
        destination,
      });
    });
    if (!link) return;
    this.link = link;
    this.notice = this.t('magicLinkReady', { time: this.#time(link.expiresAt) });
    void this.focusPart('[part~="copy"]');
  };

  #copy = () => {
    if (this.link) void this.copy(this.link.url, this.t('magicLink'));
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-magic-link': PortalAdminMagicLink;
  }
}

/** What the magic link dialog shows, besides the person. */
export interface MagicLinkDialogOptions {
  client: AdminElement['client'];
  lang: string;
  title: string;
  closeLabel: string;
}

/**
 * The magic link dialog of the pages that list portal users: `open()` from a person's button shows a modal
 * `<portal-admin-magic-link>` for them, and closing it puts focus back on that button. The host renders `render()`.
 */
export class MagicLinkDialog {
  readonly #host: ReactiveControllerHost;
  #user: PortalUser | undefined;
  #trigger: HTMLElement | null = null;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  /** Shows the dialog for `user`; `event` is the click on the button that opened it. */
  open(user: PortalUser, event: Event): void {
    this.#trigger = event.currentTarget as HTMLElement;
    this.#user = user;
    this.#host.requestUpdate();
  }

  render(o: MagicLinkDialogOptions): unknown {
    if (!this.#user) return nothing;
    const close = (event: Event) => (event.target as HTMLElement).closest('dialog')?.close();
    return html`<dialog part="dialog" class="dialog" data-modal aria-labelledby="magic-title" @close=${this.#close}>
      <h2 id="magic-title">${o.title}</h2>
      <portal-admin-magic-link .client=${o.client} .user=${this.#user} lang=${o.lang}></portal-admin-magic-link>
      <div class="actions">
        <button part="button" class="secondary" type="button" @click=${close}>${o.closeLabel}</button>
      </div>
    </dialog>`;
  }

  #close = () => {
    this.#user = undefined;
    this.#host.requestUpdate();
    this.#trigger?.focus();
    this.#trigger = null;
  };
}
