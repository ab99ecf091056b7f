import type { StaffSession, TotpSetup } from '@portico/sdk/admin';
import { html, nothing } from 'lit';
import { unsafeSVG } from 'lit/directives/unsafe-svg.js';
import { customElement, property, state } from 'lit/decorators.js';
import { codeField, normalizeCode, submitButton } from '../../lib/form.js';
import { groupSecret } from '../../lib/format.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { AdminElement, adminChecks } from '../lib/admin-element.js';
import { PortalAdminSessionChangeEvent } from '../lib/events.js';
import { badge, textField } from '../lib/form.js';
import { addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import { adminStyles } from '../lib/styles.js';
import styles from './admin-security.styles.js';

addAdminMessages('en', en.common, en.security);
addAdminMessages('es', es.common, es.security);

/**
 * The signed-in staff member's own security: change their password, and turn two-step sign-in (TOTP) on (scan the
 * QR code, or type the key, then confirm with a code) or off (with a current code; refused, with the reason, when
 * the business requires it). With `enrolment-required`, only the enrolment is shown: `<portal-admin-app>` holds
 * staff there until they enrol when the business requires TOTP.
 *
 * @summary My security: password and TOTP.
 *
 * @attr enrolment-required - Show only the TOTP enrolment, explaining that the business requires it.
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 *
 * @csspart heading - The page heading.
 * @csspart form - The password, enrolment and turn-off forms.
 * @csspart field - A label, input, hint and error.
 * @csspart qr - The QR code to scan.
 * @csspart secret - The key to type, in groups of four.
 * @csspart badge - Whether TOTP is on.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 * @csspart loading - Shown while the session loads (standalone use).
 *
 * @cssproperty [--portal-admin-qr-size=12rem] - Width of the QR code.
 *
 * @event {PortalAdminSessionChangeEvent} portal-admin-session-change - TOTP was turned on or off; `event.detail` is the new session.
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-security')
export class PortalAdminSecurity extends AdminElement {
  static override styles = [hostStyles, formStyles, adminStyles, styles];

  /** Show only the TOTP enrolment, explaining that the business requires it. */
  @property({ type: Boolean, attribute: 'enrolment-required' }) enrolmentRequired = false;

  /** The enrolment in progress. */
  @state() private setup?: TotpSetup;
  /** The session as this page last knew it. */
  @state() private me?: StaffSession | null;

  // Standalone, the page loads the session itself; inside the console it has it already.
  readonly #session = this.loadTask(
    'adminSecuritySession',
    () => [this.staffSession],
    (admin, [known]) => (known ? Promise.resolve(known) : admin.auth.session()),
    (session) => {
      this.me = session;
    },
  );

  protected override render() {
    return html`<div class="page" lang=${this.textLang}>
      <h1 part="heading" tabindex="-1">${this.t(this.enrolmentRequired ? 'enrolTitle' : 'securityTitle')}</h1>
      ${this.enrolmentRequired ? html`<p class="intro">${this.t('enrolRequiredIntro')}</p>` : nothing}
      ${this.renderMessages()}
      ${this.renderTask(this.#session, this.me, (me) =>
        me
          ? [this.enrolmentRequired ? nothing : this.#renderPassword(me), this.#renderTotp(me)]
          : html`<p part="empty" class="empty">${this.t('errorSignedOut')}</p>`,
      )}
    </div>`;
  }

  #renderPassword(me: StaffSession) {
    return html`<section class="card" aria-labelledby="password-title">
      <h2 id="password-title">${this.t('changePassword')}</h2>
      <form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#changePassword}>
        <input hidden type="email" name="username" autocomplete="username" .value=${me.staff.email} readonly />
        ${textField({
          name: 'currentPassword',
          label: this.t('currentPassword'),
          type: 'password',
          autocomplete: 'current-password',
          required: true,
          value: this.values.currentPassword,
          error: this.fieldErrors.currentPassword,
          onInput: this.onInput,
        })}
        ${textField({
          name: 'newPassword',
          label: this.t('newPassword'),
          type: 'password',
          autocomplete: 'new-password',
          required: true,
          hint: this.t('newPasswordHint'),
          value: this.values.newPassword,
          error: this.fieldErrors.newPassword,
          onInput: this.onInput,
        })}
        <div class="actions">${submitButton(this.t('changePassword'), this.busy)}</div>
      </form>
    </section>`;
  }

  #renderTotp(me: StaffSession) {
    const on = me.staff.totpEnabled;
    return html`<section class="card" aria-labelledby="totp-title">
      <div class="status">
        <h2 id="totp-title" tabindex="-1">${this.t('totpSection')}</h2>
        ${on ? badge(this.t('totpOn'), 'good') : badge(this.t('totpOff'), 'neutral')}
      </div>
      ${on ? this.#renderDisable() : this.setup ? this.#renderEnrol(this.setup) : this.#renderStart()}
    </section>`;
  }

  #renderStart() {
    return html`<p>${this.t('totpOffIntro')}</p>
      <div class="actions">
        <button part="button start" class="primary" type="button" ?disabled=${this.busy} @click=${this.#start}>
          ${this.t('totpStart')}
        </button>
      </div>`;
  }

  #renderEnrol(setup: TotpSetup) {
    return html`<ol class="steps">
      <li>
        <p>${this.t('totpScan')}</p>
        <div part="qr" class="qr" role="img" aria-label=${this.t('totpQrLabel')}>${unsafeSVG(setup.qrSvg)}</div>
      </li>
      <li>
        <p id="secret-label">${this.t('totpTypeKey')}</p>
        <div class="actions">
          <code part="secret" class="secret" aria-labelledby="secret-label">${groupSecret(setup.secret)}</code>
          <button class="secondary small" type="button" @click=${() => this.copy(setup.secret, this.t('totpKey'))}>
            ${this.t('copy')}
          </button>
        </div>
      </li>
      <li>
        <form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#confirm}>
          ${codeField({ label: this.t('totpEnterCode'), value: this.values.code, error: this.fieldErrors.code, onInput: this.onInput })}
          <div class="actions">
            ${submitButton(this.t('totpTurnOn'), this.busy)}
            ${
              this.enrolmentRequired
                ? nothing
                : html`<button class="secondary" type="button" @click=${this.#cancel}>${this.t('cancel')}</button>`
            }
          </div>
        </form>
      </li>
    </ol>`;
  }

  #renderDisable() {
    return html`<p>${this.t('totpOnIntro')}</p>
      <form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#disable}>
        ${codeField({ label: this.t('totpCurrentCode'), value: this.values.code, error: this.fieldErrors.code, onInput: this.onInput })}
        <p class="hint">${this.t('totpTurnOffHint')}</p>
        <div class="actions">${submitButton(this.t('totpTurnOff'), this.busy)}</div>
      </form>`;
  }

  #changed(session: StaffSession) {
    this.me = session;
    this.emit(new PortalAdminSessionChangeEvent(session));
  }

  #changePassword = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!this.validate({ currentPassword: adminChecks.password, newPassword: adminChecks.newPassword }))
      return;
    const input = {
      currentPassword: this.values.currentPassword ?? '',
      newPassword: this.values.newPassword ?? '',
    };
    const ok = await this.attempt('adminChangePassword', ['currentPassword', 'newPassword'], (admin) =>
      admin.auth.changePassword(input),
    );
    if (ok) {
      this.values = {};
      this.notice = this.t('passwordChanged');
    }
  };

  #start = async () => {
    let setup: TotpSetup | undefined;
    await this.attempt('adminTotpSetup', [], async (admin) => {
      setup = await admin.auth.totpSetup();
    });
    if (!setup) return;
    this.setup = setup;
    this.values = { ...this.values, code: '' };
    void this.focusField('code');
  };

  #cancel = () => {
    this.setup = undefined;
    this.fieldErrors = {};
    void this.focusPart('[part~="start"]');
  };

  #confirm = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!this.validate({ code: adminChecks.code })) return;
    const code = normalizeCode(this.values.code);
    let session: StaffSession | undefined;
    await this.attempt('adminTotpConfirm', ['code'], async (admin) => {
      session = await admin.auth.totpConfirm({ code });
    });
    if (!session) return;
    this.setup = undefined;
    this.values = { ...this.values, code: '' };
    this.notice = this.t('totpEnabledNotice');
    this.#changed(session);
    void this.focusPart('#totp-title');
  };

  #disable = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!this.validate({ code: adminChecks.code })) return;
    const code = normalizeCode(this.values.code);
    let session: StaffSession | undefined;
    await this.attempt('adminTotpDisable', ['code'], async (admin) => {
      session = await admin.auth.totpDisable({ code });
    });
    if (!session) return;
    this.values = { ...this.values, code: '' };
    this.notice = this.t('totpDisabledNotice');
    this.#changed(session);
    void this.focusPart('[part~="start"]');
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-security': PortalAdminSecurity;
  }
}
