import { isPortalApiError, type StaffSession } from '@portico/sdk/admin';
import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { codeField, linkButton, normalizeCode, submitButton } from '../../lib/form.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { AdminElement, adminChecks } from '../lib/admin-element.js';
import { PortalAdminSignedInEvent } from '../lib/events.js';
import { textField } from '../lib/form.js';
import { addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import { adminStyles } from '../lib/styles.js';
import styles from './admin-login.styles.js';

addAdminMessages('en', en.common, en.login);
addAdminMessages('es', es.common, es.login);

/** Codes after which the sign-in must start again from the password. */
const RESTART = new Set(['TICKET_INVALID', 'TOO_MANY_ATTEMPTS']);

/**
 * The staff sign-in form: email and password, then the 6-digit code from the authenticator app when the staff
 * member has TOTP turned on. Errors say what went wrong: a wrong password, too many attempts (with the seconds to
 * wait), a disabled account, a wrong code, or a sign-in that took too long.
 *
 * Inside `<portal-admin-app>` it uses the console's client; standalone, set its `client` property.
 *
 * @summary Staff sign-in: password, then TOTP when enrolled.
 *
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 * @attr theme - `light` or `dark` to force a colour scheme.
 *
 * @slot header - Shown above the form, e.g. a logo.
 *
 * @csspart base - The box around everything.
 * @csspart form - The form of each step.
 * @csspart heading - The heading of each step.
 * @csspart field - A label, input, hint and error.
 * @csspart input - A field's input.
 * @csspart error - Error messages beside fields and in the alert.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 * @csspart submit - The submit button.
 * @csspart link - "Back to sign in" on the code step.
 *
 * @cssproperty [--portal-admin-login-width=26rem] - Maximum width.
 *
 * @event {PortalAdminSignedInEvent} portal-admin-signed-in - A staff member signed in; `event.detail` is the session.
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-login')
export class PortalAdminLogin extends AdminElement {
  static override styles = [hostStyles, formStyles, adminStyles, styles];

  /** The step shown. */
  @state() view: 'password' | 'totp' = 'password';

  /** The ticket between the password and the code steps. */
  #ticket = '';

  protected override render() {
    return html`<div part="base" class="base" lang=${this.textLang}>
      <slot name="header"></slot>
      ${this.view === 'totp' ? this.#renderTotp() : this.#renderPassword()} ${this.renderMessages()}
    </div>`;
  }

  #renderPassword() {
    return html`<form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#login}>
      <h1 part="heading" tabindex="-1">${this.t('loginTitle')}</h1>
      ${textField({
        name: 'email',
        label: this.t('email'),
        type: 'email',
        autocomplete: 'username',
        required: true,
        value: this.values.email,
        error: this.fieldErrors.email,
        onInput: this.onInput,
      })}
      ${textField({
        name: 'password',
        label: this.t('password'),
        type: 'password',
        autocomplete: 'current-password',
        required: true,
        value: this.values.password,
        error: this.fieldErrors.password,
        onInput: this.onInput,
      })}
      ${submitButton(this.t('signIn'), this.busy)}
    </form>`;
  }

  #renderTotp() {
    return html`<form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#loginTotp}>
      <h1 part="heading" tabindex="-1">${this.t('totpTitle')}</h1>
      <p class="intro">${this.t('totpIntro')}</p>
      ${codeField({
        label: this.t('code'),
        value: this.values.code,
        error: this.fieldErrors.code,
        onInput: this.onInput,
      })}
      ${submitButton(this.t('verifyAndSignIn'), this.busy)}
      <div class="links">${linkButton(this.t('backToSignIn'), () => this.#restart())}</div>
    </form>`;
  }

  #restart(keepAlert = false) {
    const alert = this.alertMessage;
    this.view = 'password';
    this.#ticket = '';
    this.values = { email: this.values.email ?? '' };
    this.fieldErrors = {};
    this.alertMessage = keepAlert ? alert : '';
    void this.focusField('password');
  }

  #signedIn(session: StaffSession) {
    this.values = {};
    this.view = 'password';
    this.#ticket = '';
    this.notice = this.t('signedInAs', { name: session.staff.name });
    this.emit(new PortalAdminSignedInEvent(session));
  }

  #login = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!this.validate({ email: adminChecks.email, password: adminChecks.password })) return;
    const email = this.values.email ?? '';
    const password = this.values.password ?? '';
    let session: StaffSession | undefined;
    const ok = await this.attempt('adminLogin', ['email', 'password'], async (admin) => {
      const result = await admin.auth.login({ email, password });
      if (result.status === 'signed_in') session = result.session;
      else this.#ticket = result.ticket;
    });
    if (session) this.#signedIn(session);
    else if (ok) {
      this.values = { email, code: '' };
      this.view = 'totp';
      void this.focusField('code');
    } else {
      this.values = { ...this.values, password: '' };
    }
  };

  #loginTotp = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!this.validate({ code: adminChecks.code })) return;
    const code = normalizeCode(this.values.code);
    let session: StaffSession | undefined;
    await this.attempt('adminLoginTotp', ['code'], async (admin) => {
      session = await admin.auth.loginTotp({ ticket: this.#ticket, code });
    });
    if (session) this.#signedIn(session);
    else if (isPortalApiError(this.lastError) && RESTART.has(this.lastError.code)) this.#restart(true);
    else this.values = { ...this.values, code: '' };
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-login': PortalAdminLogin;
  }
}
