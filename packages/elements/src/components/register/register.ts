import { isMfaRequired, type MfaRequired, type Session, type SignInResult } from '@portico/sdk';
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { CooldownController } from '../../lib/cooldown-controller.js';
import { PortalSignedInEvent } from '../../lib/events.js';
import { codeField, field, linkButton, normalizeCode, submitButton } from '../../lib/form.js';
import { addMessages } from '../../lib/localize.js';
import { newPasswordField, newPasswordStyles } from '../../lib/new-password.js';
import * as en from '../../lib/locales/en.js';
import * as es from '../../lib/locales/es.js';
import { mfaStep } from '../../lib/mfa-step.js';
import { PortalElement } from '../../lib/portal-element.js';
import { clearReferral, storedReferral } from '../../lib/referral.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import styles from './register.styles.js';

addMessages('en', en.forms, en.register);
addMessages('es', es.forms, es.register);

/**
 * A registration form: full name, email and password, then the 6-digit code emailed to confirm the address,
 * which signs the new user in (after the code from their authenticator app, when the email belongs to a login
 * with two-step verification that registers another account).
 *
 * A visitor who came through an affiliate's referral link (kept by `<portal-provider>`) registers with that
 * referral; it is forgotten once the email is verified.
 *
 * Inside a `<portal-provider>` it uses the provider's client; standalone, give it an `api` attribute. Themed by the
 * global `--portal-*` tokens (see `<portal-provider>`) and the properties and parts below.
 *
 * @summary Registration form with email verification by code.
 *
 * @attr api - The Portico server's URL, when used without a `<portal-provider>`.
 * @attr mode - Session mode of the standalone client: `cookie` (default) or `token`.
 * @attr lang - Language of the form (`en`, `es`); else the provider's, else the page's.
 * @attr theme - `light` or `dark` to force a colour scheme.
 * @attr login-href - Where "Go to sign in" leads when a confirmed sign-up must sign in again (its two-step
 * verification expired); without it, that view has no link.
 *
 * @slot header - Shown above the form.
 * @slot footer - Shown below the form, e.g. a link to sign in.
 *
 * @csspart base - The box around everything.
 * @csspart form - The registration form and the verification form.
 * @csspart title - The heading of each step.
 * @csspart intro - The explanation under the verification heading.
 * @csspart field - A label, input, hint and error.
 * @csspart label - A field's label.
 * @csspart input - A field's input.
 * @csspart hint - A field's hint (the password length).
 * @csspart toggle - The show/hide password button.
 * @csspart error - Error messages: beside fields (also `field-error`) and the alert (also `alert`).
 * @csspart field-error - The error beside a field.
 * @csspart alert - The `role="alert"` region for errors that are not about one field.
 * @csspart status - The `role="status"` region, e.g. "We sent a new code".
 * @csspart button - The submit and sign-out buttons.
 * @csspart submit - The submit button.
 * @csspart spinner - The spinner in the submit button while a request is in flight.
 * @csspart link - Resend code and "use another email".
 * @csspart loading - Shown while the session loads.
 * @csspart signed-in - "Signed in as …" with the sign-out button.
 * @csspart sign-out - The sign-out button.
 * @csspart expiry - Until when the two-step verification step works.
 *
 * @cssproperty [--portal-register-width=26rem] - Maximum width.
 * @cssproperty --portal-register-padding - Padding inside the box.
 * @cssproperty --portal-register-background - Background; falls back to `--portal-color-surface`.
 * @cssproperty --portal-register-border - Border; falls back to a 1px `--portal-color-border` line.
 * @cssproperty --portal-register-radius - Corner radius; falls back to `--portal-radius`.
 *
 * @event {PortalSignedInEvent} portal-signed-in - The new user confirmed the code and is signed in; `event.detail` is the session.
 * @event {PortalSignedOutEvent} portal-signed-out - Someone signed out with the sign-out button.
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-register')
export class PortalRegister extends PortalElement {
  static override styles = [hostStyles, formStyles, newPasswordStyles, styles];

  /** Seconds before "Resend code" can be pressed again. */
  @property({ type: Number, attribute: 'resend-cooldown' }) resendCooldown = 30;

  /** Where "Go to sign in" leads once the email is confirmed but the two-step verification can no longer finish. */
  @property({ attribute: 'login-href' }) loginHref = '';

  /**
   * `details` (name, email, password), `verify` (the emailed code), or `confirmed` (the email is confirmed but
   * its two-step verification expired: signing in is what is left).
   */
  @state() step: 'details' | 'verify' | 'confirmed' = 'details';

  @state() private showPassword = false;

  /** The verified sign-in waiting for its second factor. */
  @state() private mfa?: MfaRequired;

  readonly #cooldown = new CooldownController(this);

  protected override render() {
    const { status, session } = this.sessionState;
    return html`<div part="base" class="base" lang=${this.textLang}>
      <slot name="header"></slot>
      ${
        status === 'loading'
          ? this.renderLoading()
          : session
            ? this.renderSignedIn(session)
            : this.mfa
              ? mfaStep(
                  this,
                  this.mfa,
                  (s) => this.#signedIn(s),
                  (message) => this.#restart(message),
                )
              : this.step === 'verify'
                ? this.#renderVerify()
                : this.step === 'confirmed'
                  ? this.#renderConfirmed()
                  : this.#renderDetails()
      }
      ${this.renderMessages()}
      <slot name="footer"></slot>
    </div>`;
  }

  #renderDetails() {
    return html`<form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#register}>
      <h2 part="title" class="title">${this.t('registerTitle')}</h2>
      ${field({
        name: 'name',
        label: this.t('fullName'),
        autocomplete: 'name',
        value: this.values.name,
        error: this.fieldErrors.name,
        onInput: this.onInput,
      })}
      ${field({
        name: 'email',
        label: this.t('email'),
        type: 'email',
        autocomplete: 'email',
        value: this.values.email,
        error: this.fieldErrors.email,
        onInput: this.onInput,
      })}
      ${newPasswordField({
        label: this.t('password'),
        hint: this.t('passwordHint'),
        value: this.values.password,
        error: this.fieldErrors.password,
        onInput: this.onInput,
        shown: this.showPassword,
        toggleLabel: this.t('showPassword'),
        onToggle: () => {
          this.showPassword = !this.showPassword;
        },
      })}
      ${submitButton(this.t('createAccount'), this.busy)}
    </form>`;
  }

  #renderVerify() {
    const wait = this.#cooldown.remaining;
    return html`<form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#verify}>
      <h2 part="title" class="title">${this.t('verifyTitle')}</h2>
      <p part="intro" class="intro">${this.t('codeSent', { email: this.#email() })}</p>
      ${codeField({
        label: this.t('code'),
        value: this.values.code,
        error: this.fieldErrors.code,
        onInput: this.onInput,
      })}
      ${submitButton(this.t('verify'), this.busy)}
      <div class="links">
        ${linkButton(
          wait ? this.t('resendIn', { seconds: wait }) : this.t('resendCode'),
          () => this.#resend(),
          wait > 0 || this.busy,
        )}
        ${linkButton(this.t('useAnotherEmail'), () => this.#back())}
      </div>
    </form>`;
  }

  #email() {
    return (this.values.email ?? '').trim();
  }

  /** The page's language as a registration locale (`es`), when it is one the server accepts. */
  #locale() {
    const language = this.resolvedLocale.split('-')[0]?.toLowerCase() ?? '';
    return /^[a-z]{2}$/.test(language) ? language : undefined;
  }

  #register = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!this.validate({ name: 'name', email: 'email', password: 'newPassword' })) return;
    const { name = '', password = '' } = this.values;
    const email = this.#email();
    const locale = this.#locale();
    // The affiliate link this visitor came through, kept by `<portal-provider>`.
    const referral = storedReferral();
    const ok = await this.attempt('register', ['name', 'email', 'password'], (client) =>
      client.auth.register({
        name,
        email,
        password,
        ...(locale ? { locale } : {}),
        ...(referral ? { referral } : {}),
      }),
    );
    if (ok) {
      this.step = 'verify';
      this.values = { ...this.values, code: '' };
      this.#cooldown.start(this.resendCooldown);
      void this.focusField('code');
    }
  };

  #verify = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!this.validate({ code: 'code' })) return;
    const email = this.#email();
    const code = normalizeCode(this.values.code);
    let result: SignInResult | undefined;
    await this.attempt('verifyEmail', ['code'], async (client) => {
      result = await client.auth.verifyEmail({ email, code });
    });
    if (!result) return;
    // The address is verified and the registration counted its referral: it is spent.
    clearReferral();
    if (isMfaRequired(result)) {
      this.mfa = result;
      this.notice = '';
    } else {
      this.#signedIn(result);
    }
  };

  #signedIn(session: Session) {
    this.mfa = undefined;
    this.values = {};
    this.step = 'details';
    this.emit(new PortalSignedInEvent(session));
    void this.focusPart('#signed-in');
  }

  /** The two-step verification cannot go on: the address is verified, so signing in is what is left. */
  #restart(message: string) {
    this.mfa = undefined;
    this.values = {};
    this.step = 'confirmed';
    this.alertMessage = message;
    void this.focusPart('#confirmed-title');
  }

  #renderConfirmed() {
    return html`<div part="form">
      <h2 part="title" class="title" id="confirmed-title" tabindex="-1">${this.t('emailConfirmedTitle')}</h2>
      <p part="intro" class="intro">${this.t('emailConfirmedIntro')}</p>
      ${this.loginHref ? html`<a part="link" class="link" href=${this.loginHref}>${this.t('signInToContinue')}</a>` : nothing}
    </div>`;
  }

  async #resend() {
    const email = this.#email();
    if (await this.attempt('resendCode', [], (client) => client.auth.resendCode({ email }))) {
      this.#cooldown.start(this.resendCooldown);
      this.notice = this.t('codeResent', { email });
      void this.focusField('code');
    }
  }

  #back() {
    this.step = 'details';
    this.alertMessage = '';
    this.notice = '';
    this.fieldErrors = {};
    void this.focusField('email');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-register': PortalRegister;
  }
}
