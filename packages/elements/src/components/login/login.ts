import type { Session } from '@portico/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { CooldownController } from '../../lib/cooldown-controller.js';
import { PortalSignedInEvent } from '../../lib/events.js';
import { codeField, field, linkButton, normalizeCode, submitButton } from '../../lib/form.js';
import { addMessages, type MessageKey } from '../../lib/localize.js';
import * as en from '../../lib/locales/en.js';
import * as es from '../../lib/locales/es.js';
import { PortalElement } from '../../lib/portal-element.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import styles from './login.styles.js';

addMessages('en', en.forms, en.login);
addMessages('es', es.forms, es.login);

/** The views of `<portal-login>`. */
export type LoginView = 'password' | 'code' | 'code-verify' | 'reset' | 'reset-verify';

/**
 * A sign-in form with three ways in: email and password; a one-time code sent by email; and "forgot password",
 * which sets a new password with an emailed code and signs in. When someone is already signed in it says who,
 * with a sign-out button.
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
 *
 * @cssproperty [--portal-login-width=26rem] - Maximum width.
 * @cssproperty --portal-login-padding - Padding inside the box.
 * @cssproperty --portal-login-background - Background; falls back to `--portal-color-surface`.
 * @cssproperty --portal-login-border - Border; falls back to a 1px `--portal-color-border` line.
 * @cssproperty --portal-login-radius - Corner radius; falls back to `--portal-radius`.
 *
 * @event {PortalSignedInEvent} portal-signed-in - Someone signed in; `event.detail` is the session.
 * @event {PortalSignedOutEvent} portal-signed-out - Someone signed out with the sign-out button.
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-login')
export class PortalLogin extends PortalElement {
  static override styles = [hostStyles, formStyles, styles];

  /** Seconds before "Resend code" can be pressed again. */
  @property({ type: Number, attribute: 'resend-cooldown' }) resendCooldown = 30;

  /** The view shown. */
  @state() view: LoginView = 'password';

  readonly #cooldown = new CooldownController(this);

  protected override render() {
    const { status, session } = this.sessionState;
    return html`<div part="base" class="base" lang=${this.textLang}>
      <slot name="header"></slot>
      ${status === 'loading' ? this.renderLoading() : session ? this.renderSignedIn(session) : this.#renderView()}
      ${this.renderMessages()}
      <slot name="footer"></slot>
    </div>`;
  }

  #renderView(): TemplateResult {
    switch (this.view) {
      case 'code':
        return this.#form(this.#requestCode, 'codeTitle', this.t('codeIntro'), [this.#email()], 'sendCode', [
          linkButton(this.t('usePassword'), () => this.#go('password', 'email')),
        ]);
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
        return this.#form(
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
        );
    }
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
      autocomplete: 'username',
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

  #signedIn(session: Session) {
    this.values = { email: this.values.email ?? '' };
    this.view = 'password';
    this.emit(new PortalSignedInEvent(session));
    void this.focusPart('#signed-in');
  }

  protected override async signOut(): Promise<void> {
    await super.signOut();
    void this.focusField('email');
  }

  #login = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!this.validate({ email: 'email', password: 'password' })) return;
    const { email = '', password = '' } = this.values;
    let session: Session | undefined;
    await this.attempt('login', ['email', 'password'], async (client) => {
      session = await client.auth.login({ email, password });
    });
    if (session) this.#signedIn(session);
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
    let session: Session | undefined;
    await this.attempt('loginWithCode', ['code'], async (client) => {
      session = await client.auth.loginWithCode({ email, code });
    });
    if (session) this.#signedIn(session);
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
    let session: Session | undefined;
    await this.attempt('resetPassword', ['code', 'password'], async (client) => {
      session = await client.auth.resetPassword({ email, code, password });
    });
    if (session) this.#signedIn(session);
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
