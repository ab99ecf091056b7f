import type { InvitationPreview, PortalClient, SignInResult } from '@portico/sdk';
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { field, submitButton } from '../../lib/form.js';
import { addMessages } from '../../lib/localize.js';
import { newPasswordField, newPasswordStyles } from '../../lib/new-password.js';
import * as en from '../../lib/locales/en.js';
import * as es from '../../lib/locales/es.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { LinkElement } from '../magic-link/link-element.js';
import { ConfigController } from '../provider/portal-config.js';
import styles from './invitation.styles.js';

addMessages('en', en.forms, en.register, en.invitation);
addMessages('es', es.forms, es.register, es.invitation);

/**
 * The page an invitation opens (`https://portal.example.com/invitation#token=pin_…`). It takes the token from the
 * address bar (and removes it from there at once), shows who invites whom to which account, and asks for the
 * invitee's name (prefilled) and a new password; accepting signs them in. The Terms of Service are linked when
 * the portal has them.
 *
 * A login with two-step verification is asked for the code from its authenticator app, or a backup code, first.
 * Signed in, it fires `portal-signed-in` and then goes to `redirect`, else to the portal (the configuration's
 * `portalUrl`); `no-redirect`, or cancelling the event, keeps it on the page, saying who is signed in. A used,
 * expired or unknown invitation, or a disabled login, is explained with a link to `login-href`.
 *
 * Inside a `<portal-provider>` it uses the provider's client and configuration; standalone, give it an `api`
 * attribute. Themed by the global `--portal-*` tokens (see `<portal-provider>`) and the properties and parts below.
 *
 * @summary Invitation page: see the invitation, choose a password, sign in.
 *
 * @attr api - The Portico server's URL, when used without a `<portal-provider>`.
 * @attr mode - Session mode of the standalone client: `cookie` (default) or `token`.
 * @attr lang - Language (`en`, `es`); else the provider's, else the page's.
 * @attr theme - `light` or `dark` to force a colour scheme.
 *
 * @csspart base - The box around everything.
 * @csspart form - The form.
 * @csspart title - The heading.
 * @csspart intro - Who invites whom, or why the invitation cannot be used.
 * @csspart expiry - Until when the invitation is valid.
 * @csspart field - A label, input, hint and error.
 * @csspart label - A field's label.
 * @csspart input - A field's input.
 * @csspart hint - A field's hint (the password length).
 * @csspart toggle - The show/hide password button.
 * @csspart terms - The note linking the Terms of Service.
 * @csspart error - Error messages: beside fields (also `field-error`) and the alert (also `alert`).
 * @csspart field-error - The error beside a field.
 * @csspart alert - The `role="alert"` region for errors that are not about one field.
 * @csspart status - The `role="status"` region.
 * @csspart button - The submit, retry and sign-out buttons.
 * @csspart submit - The submit button.
 * @csspart spinner - The spinner in the submit button while a request is in flight.
 * @csspart retry - "Try again", when the invitation could not be checked.
 * @csspart link - The link to the sign-in page.
 * @csspart loading - Shown while the invitation is checked.
 * @csspart signed-in - "Signed in as …" with the sign-out button.
 * @csspart sign-out - The sign-out button.
 *
 * @cssproperty [--portal-invitation-width=26rem] - Maximum width.
 * @cssproperty --portal-invitation-padding - Padding inside the box.
 * @cssproperty --portal-invitation-background - Background; falls back to `--portal-color-surface`.
 * @cssproperty --portal-invitation-border - Border; falls back to a 1px `--portal-color-border` line.
 *
 * @event {PortalSignedInEvent} portal-signed-in - The invitation was accepted and the invitee is signed in;
 * `event.detail` is the session. Cancelable: `preventDefault()` stays on the page.
 * @event {PortalSignedOutEvent} portal-signed-out - Someone signed out with the sign-out button.
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-invitation')
export class PortalInvitation extends LinkElement<InvitationPreview> {
  static override styles = [hostStyles, formStyles, newPasswordStyles, styles];

  protected readonly invalidMessage = 'invitationInvalid';
  protected readonly previewAction = 'previewInvitation';

  @state() private showPassword = false;

  readonly #config = new ConfigController(this);

  protected async fetchPreview(client: PortalClient, token: string): Promise<InvitationPreview> {
    const preview = await client.auth.previewInvitation({ token });
    this.values = { name: preview.name, ...this.values };
    return preview;
  }

  protected renderReady(preview: InvitationPreview) {
    const date = new Intl.DateTimeFormat(this.textLang, { dateStyle: 'long' }).format(
      new Date(preview.expiresAt),
    );
    return html`<form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#accept}>
      <h2 part="title" class="title" tabindex="-1">${this.t('invitationTitle')}</h2>
      <p part="intro" class="intro">
        ${this.t('invitationIntro', {
          business: preview.businessName,
          account: preview.accountName,
          email: preview.email,
        })}
      </p>
      <p part="expiry" class="hint">${this.t('invitationExpires', { date })}</p>
      <input type="email" name="username" autocomplete="username" .value=${preview.email} hidden />
      ${field({
        name: 'name',
        label: this.t('fullName'),
        autocomplete: 'name',
        value: this.values.name,
        error: this.fieldErrors.name,
        onInput: this.onInput,
      })}
      ${newPasswordField({
        label: this.t('choosePassword'),
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
      ${this.#renderTerms()} ${submitButton(this.t('acceptInvitation'), this.busy)}
    </form>`;
  }

  #renderTerms() {
    const termsUrl = this.#config.state.config?.termsUrl;
    if (!termsUrl) return nothing;
    const [before, after] = this.t('termsNote').split('{terms}');
    return html`<p part="terms" class="hint">
      ${before}<a href=${termsUrl} target="_blank" rel="noopener noreferrer">${this.t('termsOfService')}</a>${after}
    </p>`;
  }

  #accept = async (event: SubmitEvent) => {
    event.preventDefault();
    const token = this.token;
    if (!token || this.step !== 'ready' || !this.validate({ name: 'name', password: 'newPassword' })) return;
    const { name = '', password = '' } = this.values;
    const result: SignInResult | undefined = await this.run(
      'acceptInvitation',
      ['name', 'password'],
      (client) => client.auth.acceptInvitation({ token, password, name }),
    );
    if (result) this.answered(result, this.redirect ?? this.#config.state.config?.portalUrl);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-invitation': PortalInvitation;
  }
}
