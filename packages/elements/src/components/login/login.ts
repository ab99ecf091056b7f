import {
  type AccountSummary,
  isMfaRequired,
  isPortalApiError,
  type MembershipRole,
  type MfaRequired,
  type PasskeyLoginInput,
  type PortalClient,
  type Session,
  type SignInResult,
} from '@portico/sdk';
import { startAuthentication } from '@simplewebauthn/browser';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { CooldownController } from '../../lib/cooldown-controller.js';
import { PortalSignedInEvent } from '../../lib/events.js';
import { codeField, field, linkButton, normalizeCode, submitButton } from '../../lib/form.js';
import { addMessages, type MessageKey } from '../../lib/localize.js';
import * as en from '../../lib/locales/en.js';
import * as es from '../../lib/locales/es.js';
import { mfaStep } from '../../lib/mfa-step.js';
import { ceremonyOutcome, credentialJson, passkeysSupported, requestOptions } from '../../lib/passkeys.js';
import { PortalElement } from '../../lib/portal-element.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import styles from './login.styles.js';
import { PasskeyAutofill } from './passkey-autofill.js';

addMessages('en', en.forms, en.login, en.accountRoles);
addMessages('es', es.forms, es.login, es.accountRoles);

const ROLES = {
  owner: 'roleOwner',
  billing: 'roleBilling',
  technical: 'roleTechnical',
  custom: 'roleCustom',
} as const satisfies Record<MembershipRole, MessageKey>;

/** The views of `<portal-login>`. */
export type LoginView = 'password' | 'code' | 'code-verify' | 'reset' | 'reset-verify';

/**
 * A sign-in form with four ways in: email and password; a one-time code sent by email; a passkey (shown when the
 * browser has WebAuthn); and "forgot password", which sets a new password with an emailed code and signs in. A login
 * with two-step verification is then asked for the code from its authenticator app, or a backup code. A login with
 * several accounts picks the one to use before `portal-signed-in` fires. When someone is already signed in it says
 * who, with a sign-out button.
 *
 * With `passkey-autofill`, the browser also offers the person's passkeys in the email field's autofill (WebAuthn
 * conditional mediation); this asks the server for a passkey challenge each time the form is shown.
 *
 * Inside a `<portal-provider>` it uses the provider's client; standalone, give it an `api` attribute. Themed by the
 * global `--portal-*` tokens (see `<portal-provider>`) and the properties and parts below.
 *
 * @summary Sign-in form: password, emailed code, or password reset.
 *
 * @attr api - The Portico server's URL, when used without a `<portal-provider>`.
 * @attr mode - Session mode of the standalone client: `cookie` (default) or `token`.
 * @attr lang - Language of the form (`en`, `es`); else the provider's, else the page's.
 * @attr theme - `light` or `dark` to force a colour scheme.
 * @attr passkey-autofill - Offer passkeys in the email field's autofill too.
 *
 * @slot header - Shown above the form, e.g. a logo.
 * @slot footer - Shown below the form, e.g. a link to registration.
 *
 * @csspart base - The box around everything.
 * @csspart form - Each view's form.
 * @csspart title - The heading of each view.
 * @csspart intro - The explanation under a heading.
 * @csspart field - A label, input, hint and error.
 * @csspart label - A field's label.
 * @csspart input - A field's input.
 * @csspart hint - A field's hint.
 * @csspart error - Error messages: beside fields (also `field-error`) and the alert (also `alert`).
 * @csspart field-error - The error beside a field.
 * @csspart alert - The `role="alert"` region for errors that are not about one field.
 * @csspart status - The `role="status"` region, e.g. "We sent a new code".
 * @csspart button - The submit and sign-out buttons.
 * @csspart submit - The submit button.
 * @csspart spinner - The spinner in the submit button while a request is in flight.
 * @csspart link - Secondary actions (other ways to sign in, resend code).
 * @csspart loading - Shown while the session loads.
 * @csspart signed-in - "Signed in as …" with the sign-out button.
 * @csspart sign-out - The sign-out button.
 * @csspart passkey - The "Sign in with a passkey" button.
 * @csspart expiry - Until when the two-step verification step works.
 * @csspart accounts - The account chooser shown after signing in to a login with several accounts.
 * @csspart account - An account to choose (`aria-current` marks the active one).
 * @csspart account-role - The role held on that account.
 *
 * @cssproperty [--portal-login-width=26rem] - Maximum width.
 * @cssproperty --portal-login-padding - Padding inside the box.
 * @cssproperty --portal-login-background - Background; falls back to `--portal-color-surface`.
 * @cssproperty --portal-login-border - Border; falls back to a 1px `--portal-color-border` line.
 * @cssproperty --portal-login-radius - Corner radius; falls back to `--portal-radius`.
 *
 * @event {PortalSignedInEvent} portal-signed-in - Someone signed in (and chose an account, when they have several);
 * `event.detail` is the session.
 * @event {PortalSignedOutEvent} portal-signed-out - Someone signed out with the sign-out button.
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-login')
export class PortalLogin extends PortalElement {
  static override styles = [hostStyles, formStyles, styles];

  /** Seconds before "Resend code" can be pressed again. */
  @property({ type: Number, attribute: 'resend-cooldown' }) resendCooldown = 30;

  /** Offer passkeys in the email field's autofill too (WebAuthn conditional mediation). */
  @property({ type: Boolean, attribute: 'passkey-autofill' }) passkeyAutofill = false;

  /** The view shown. */
  @state() view: LoginView = 'password';

  /** The sign-in waiting for its second factor. */
  @state() private mfa?: MfaRequired;

  /** The new session of a login with several accounts, until one is chosen. */
  @state() private choosing?: Session;

  /** The view the two-step verification started from, to go back to when it must start over. */
  #mfaFrom: LoginView = 'password';
  /** The passkey button's ceremony is running. */
  #passkeyButtonBusy = false;

  readonly #cooldown = new CooldownController(this);
  readonly #autofill = new PasskeyAutofill(this, (challengeId, credential) => {
    void this.#signInWithPasskey(async () => ({ challengeId, credential }));
  });

  protected override render() {
    const { status, session } = this.sessionState;
    return html`<div part="base" class="base" lang=${this.textLang}>
      <slot name="header"></slot>
      ${
        status === 'loading'
          ? this.renderLoading()
          : this.mfa
            ? mfaStep(
                this,
                this.mfa,
                (s) => this.#signedIn(s),
                (message) => this.#restart(message),
              )
            : this.choosing && session
              ? this.#renderChooser(this.choosing)
              : session
                ? this.renderSignedIn(session)
                : this.#renderView()
      }
      ${this.renderMessages()}
      <slot name="footer"></slot>
    </div>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const { status } = this.sessionState;
    const wanted =
      this.passkeyAutofill &&
      passkeysSupported() &&
      (status === 'signed-out' || status === 'error') &&
      this.view === 'password' &&
      !this.mfa &&
      !this.#passkeyButtonBusy;
    if (wanted && !this.#autofill.armed && this.client) void this.#autofill.start(this.client);
    else if (!wanted && this.#autofill.armed) this.#autofill.stop();
  }

  #renderView(): TemplateResult {
    switch (this.view) {
      case 'code':
        return html`${this.#form(
          this.#requestCode,
          'codeTitle',
          this.t('codeIntro'),
          [this.#email()],
          'sendCode',
          [linkButton(this.t('usePassword'), () => this.#go('password', 'email'))],
        )}${this.#passkeyButton()}`;
      case 'code-verify':
        return this.#form(this.#loginWithCode, 'verifyTitle', this.#sentTo(), [this.#code()], 'signIn', [
          this.#resend(),
          linkButton(this.t('useAnotherEmail'), () => this.#go('code', 'email')),
        ]);
      case 'reset':
        return this.#form(
          this.#requestReset,
          'resetTitle',
          this.t('resetIntro'),
          [this.#email()],
          'sendCode',
          [linkButton(this.t('backToSignIn'), () => this.#go('password', 'email'))],
        );
      case 'reset-verify':
        return this.#form(
          this.#resetPassword,
          'resetTitle',
          this.#sentTo(),
          [
            this.#code(),
            field({
              name: 'password',
              label: this.t('newPassword'),
              type: 'password',
              autocomplete: 'new-password',
              hint: this.t('passwordHint'),
              value: this.values.password,
              error: this.fieldErrors.password,
              onInput: this.onInput,
            }),
          ],
          'setPassword',
          [this.#resend(), linkButton(this.t('useAnotherEmail'), () => this.#go('reset', 'email'))],
        );
      default:
        return html`${this.#form(
          this.#login,
          'signIn',
          undefined,
          [
            this.#email(),
            field({
              name: 'password',
              label: this.t('password'),
              type: 'password',
              autocomplete: 'current-password',
              value: this.values.password,
              error: this.fieldErrors.password,
              onInput: this.onInput,
            }),
          ],
          'signIn',
          [
            linkButton(this.t('forgotPassword'), () => this.#go('reset', 'email')),
            linkButton(this.t('useCode'), () => this.#go('code', 'email')),
          ],
        )}${this.#passkeyButton()}`;
    }
  }

  #passkeyButton() {
    if (!passkeysSupported()) return nothing;
    return html`<button
      part="button passkey"
      class="secondary passkey"
      type="button"
      ?disabled=${this.busy}
      @click=${this.#passkey}
    >
      ${this.t('passkeySignIn')}
    </button>`;
  }

  #renderChooser(session: Session) {
    const active = session.account.id;
    return html`<div part="accounts" class="chooser">
      <h2 part="title" class="title" id="choose-title" tabindex="-1">${this.t('chooseAccountTitle')}</h2>
      <p part="intro" class="intro">${this.t('chooseAccountIntro')}</p>
      <ul class="accounts" aria-labelledby="choose-title">
        ${session.accounts.map(
          (account) =>
            html`<li>
              <button
                part="account"
                class="account"
                type="button"
                aria-current=${account.id === active ? 'true' : nothing}
                ?disabled=${this.busy}
                @click=${() => this.#choose(session, account)}
              >
                <span class="account-name">${account.name}</span>
                <span part="account-role" class="account-role"
                  >${this.t(ROLES[account.role])}${account.id === active ? ` · ${this.t('accountCurrent')}` : ''}</span
                >
              </button>
            </li>`,
        )}
      </ul>
    </div>`;
  }

  #form(
    onSubmit: (event: SubmitEvent) => void,
    title: MessageKey,
    intro: string | undefined,
    fields: TemplateResult[],
    submit: MessageKey,
    links: TemplateResult[],
  ): TemplateResult {
    return html`<form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${onSubmit}>
      <h2 part="title" class="title">${this.t(title)}</h2>
      ${intro ? html`<p part="intro" class="intro">${intro}</p>` : nothing} ${fields}
      ${submitButton(this.t(submit), this.busy)}
      <div class="links">${links}</div>
    </form>`;
  }

  #email() {
    return field({
      name: 'email',
      label: this.t('email'),
      type: 'email',
      autocomplete: this.passkeyAutofill ? 'username webauthn' : 'username',
      value: this.values.email,
      error: this.fieldErrors.email,
      onInput: this.onInput,
    });
  }

  #code() {
    return codeField({
      label: this.t('code'),
      value: this.values.code,
      error: this.fieldErrors.code,
      onInput: this.onInput,
    });
  }

  #sentTo() {
    return this.t('codeSent', { email: this.values.email?.trim() });
  }

  #resend() {
    const wait = this.#cooldown.remaining;
    return linkButton(
      wait ? this.t('resendIn', { seconds: wait }) : this.t('resendCode'),
      () => this.#resendCode(),
      wait > 0 || this.busy,
    );
  }

  /** Switches view and focuses `focus` there. */
  #go(view: LoginView, focus: string) {
    this.view = view;
    this.alertMessage = '';
    this.fieldErrors = {};
    if (view !== 'code-verify' && view !== 'reset-verify') this.notice = '';
    void this.focusField(focus);
  }

  /** A sign-in answered: the session, or the two-step verification step started from `from`. */
  #answered(result: SignInResult, from: LoginView) {
    if (!isMfaRequired(result)) return this.#signedIn(result);
    this.#mfaFrom = from;
    this.mfa = result;
    this.alertMessage = '';
    this.notice = '';
    this.fieldErrors = {};
  }

  #signedIn(session: Session) {
    this.mfa = undefined;
    this.values = { email: this.values.email ?? '' };
    this.view = 'password';
    if (session.accounts.length > 1) {
      this.choosing = session;
      void this.focusPart('#choose-title');
    } else {
      this.#enter(session);
    }
  }

  /** Signed in, on the account to use. */
  #enter(session: Session) {
    this.choosing = undefined;
    this.emit(new PortalSignedInEvent(session));
    void this.focusPart('#signed-in');
  }

  async #choose(session: Session, account: AccountSummary) {
    if (account.id === session.account.id) return this.#enter(session);
    let switched: Session | undefined;
    await this.attempt('switchAccount', [], async (client) => {
      switched = await client.auth.switchAccount({ accountId: account.id });
    });
    if (switched) this.#enter(switched);
  }

  /** The two-step verification cannot go on: back to where that sign-in started, saying why. */
  #restart(message: string) {
    this.mfa = undefined;
    const view = this.#mfaFrom === 'code-verify' ? 'code' : 'password';
    this.values = { email: this.values.email ?? '' };
    this.#go(view, view === 'code' ? 'email' : 'password');
    this.alertMessage = message;
  }

  #passkey = async () => {
    this.#autofill.stop();
    this.#passkeyButtonBusy = true;
    try {
      await this.#signInWithPasskey(async (client) => {
        const { challengeId, options } = await client.auth.passkeyOptions();
        const credential = await startAuthentication({ optionsJSON: requestOptions(options) });
        return { challengeId, credential: credentialJson(credential) };
      });
    } finally {
      this.#passkeyButtonBusy = false;
      this.requestUpdate();
    }
    if (!this.sessionState.session) void this.focusPart('[part~="passkey"]');
  };

  /** Signs in with the passkey `ceremony` picked; a cancelled ceremony is no failure, only a calm note. */
  async #signInWithPasskey(ceremony: (client: PortalClient) => Promise<PasskeyLoginInput>) {
    let session: Session | undefined;
    let outcome: 'cancelled' | 'aborted' | 'rejected' | 'browser' | undefined;
    await this.attempt('passkeyLogin', [], async (client) => {
      let answer: PasskeyLoginInput;
      try {
        answer = await ceremony(client);
      } catch (error) {
        if (isPortalApiError(error)) throw error;
        const how = ceremonyOutcome(error);
        if (how === 'cancelled' || how === 'aborted') {
          outcome = how;
          return;
        }
        outcome = 'browser';
        throw error;
      }
      try {
        session = await client.auth.passkeyLogin(answer);
      } catch (error) {
        if (isPortalApiError(error, 'PASSKEY_FAILED')) outcome = 'rejected';
        throw error;
      }
    });
    if (session) this.#signedIn(session);
    else if (outcome === 'cancelled') this.notice = this.t('passkeyCancelled');
    else if (outcome === 'rejected') this.alertMessage = this.t('passkeyFailed');
    else if (outcome === 'browser') this.alertMessage = this.t('passkeyError');
  }

  protected override async signOut(): Promise<void> {
    await super.signOut();
    void this.focusField('email');
  }

  #login = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!this.validate({ email: 'email', password: 'password' })) return;
    const { email = '', password = '' } = this.values;
    let result: SignInResult | undefined;
    await this.attempt('login', ['email', 'password'], async (client) => {
      result = await client.auth.login({ email, password });
    });
    if (result) this.#answered(result, 'password');
  };

  #requestCode = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!this.validate({ email: 'email' })) return;
    const email = this.values.email ?? '';
    if (await this.attempt('requestLoginCode', ['email'], (c) => c.auth.requestLoginCode({ email }))) {
      this.#codeSent('code-verify');
    }
  };

  #loginWithCode = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!this.validate({ code: 'code' })) return;
    const email = this.values.email ?? '';
    const code = normalizeCode(this.values.code);
    let result: SignInResult | undefined;
    await this.attempt('loginWithCode', ['code'], async (client) => {
      result = await client.auth.loginWithCode({ email, code });
    });
    if (result) this.#answered(result, 'code-verify');
  };

  #requestReset = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!this.validate({ email: 'email' })) return;
    const email = this.values.email ?? '';
    if (
      await this.attempt('requestPasswordReset', ['email'], (c) => c.auth.requestPasswordReset({ email }))
    ) {
      this.#codeSent('reset-verify');
    }
  };

  #resetPassword = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!this.validate({ code: 'code', password: 'newPassword' })) return;
    const email = this.values.email ?? '';
    const code = normalizeCode(this.values.code);
    const password = this.values.password ?? '';
    let result: SignInResult | undefined;
    await this.attempt('resetPassword', ['code', 'password'], async (client) => {
      result = await client.auth.resetPassword({ email, code, password });
    });
    if (result) this.#answered(result, 'reset-verify');
  };

  async #resendCode() {
    const email = this.values.email ?? '';
    const sent = await this.attempt('resendCode', [], (client) =>
      this.view === 'reset-verify'
        ? client.auth.requestPasswordReset({ email })
        : client.auth.requestLoginCode({ email }),
    );
    if (sent) {
      this.#cooldown.start(this.resendCooldown);
      this.notice = this.t('codeResent', { email: email.trim() });
      void this.focusField('code');
    }
  }

  #codeSent(view: LoginView) {
    this.values = { ...this.values, code: '', password: '' };
    this.#cooldown.start(this.resendCooldown);
    this.#go(view, 'code');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-login': PortalLogin;
  }
}
