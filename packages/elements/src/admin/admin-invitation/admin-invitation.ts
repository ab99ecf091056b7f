import { initialState } from '@lit/task';
import type { StaffInvitationPreview, StaffSession } from '@portico/sdk/admin';
import { html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { submitButton } from '../../lib/form.js';
import { formatDateTime } from '../../lib/format.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { AdminElement, adminChecks } from '../lib/admin-element.js';
import { PortalAdminSignedInEvent } from '../lib/events.js';
import { textField } from '../lib/form.js';
import { addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import { adminStyles } from '../lib/styles.js';
import styles from './admin-invitation.styles.js';

addAdminMessages('en', en.common, en.invitation);
addAdminMessages('es', es.common, es.invitation);

/**
 * Accepting a staff invitation: shows who the invitation is for (without spending it), asks for a password, then
 * signs the new staff member in. `<portal-admin-app>` shows it for `/admin/invitation#token=…`.
 *
 * @summary Accept a staff invitation: choose a password and sign in.
 *
 * @attr token - The invitation's token, from the link.
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 *
 * @csspart base - The box around everything.
 * @csspart heading - The heading.
 * @csspart form - The password form.
 * @csspart field - A label, input, hint and error.
 * @csspart submit - The submit button.
 * @csspart alert - The `role="alert"` region.
 * @csspart loading - Shown while the invitation loads.
 * @csspart load-error - Shown when the link is not valid or could not be checked.
 *
 * @cssproperty [--portal-admin-invitation-width=28rem] - Maximum width.
 *
 * @event {PortalAdminSignedInEvent} portal-admin-signed-in - The invitation was accepted; `event.detail` is the session.
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-invitation')
export class PortalAdminInvitation extends AdminElement {
  static override styles = [hostStyles, formStyles, adminStyles, styles];

  /** The invitation's token, from the link. */
  @property() token = '';

  @state() private preview?: StaffInvitationPreview;

  readonly #load = this.loadTask(
    'adminInvitationPreview',
    () => [this.token],
    (admin, [token]) => (token ? admin.auth.previewInvitation({ token }) : Promise.resolve(initialState)),
    (preview) => {
      this.preview = preview;
    },
  );

  protected override render() {
    return html`<div part="base" class="base" lang=${this.textLang}>
      <h1 part="heading" tabindex="-1">${this.t('invitationTitle')}</h1>
      ${
        this.token
          ? this.renderTask(this.#load, this.preview, (preview) => this.#renderForm(preview))
          : html`<div part="load-error" class="load-error" role="alert"><p>${this.t('errorLinkInvalid')}</p></div>`
      }
    </div>`;
  }

  #renderForm(preview: StaffInvitationPreview) {
    return html`<p class="intro">
        ${this.t('invitationIntro', { name: preview.name, business: preview.businessName, email: preview.email })}
      </p>
      <p class="muted">${this.t('invitationExpires', { date: formatDateTime(this.resolvedLocale, preview.expiresAt) })}</p>
      <form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#accept}>
        ${textField({ name: 'username', label: this.t('email'), type: 'email', autocomplete: 'username', readonly: true, value: preview.email })}
        ${textField({
          name: 'password',
          label: this.t('choosePassword'),
          type: 'password',
          autocomplete: 'new-password',
          required: true,
          hint: this.t('passwordHint'),
          value: this.values.password,
          error: this.fieldErrors.password,
          onInput: this.onInput,
        })}
        ${submitButton(this.t('acceptInvitation'), this.busy)}
      </form>
      ${this.renderMessages()}`;
  }

  #accept = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!this.validate({ password: adminChecks.newPassword })) return;
    const password = this.values.password ?? '';
    let session: StaffSession | undefined;
    await this.attempt('adminAcceptInvitation', ['password'], async (admin) => {
      session = await admin.auth.acceptInvitation({ token: this.token, password });
    });
    if (session) {
      this.values = {};
      this.emit(new PortalAdminSignedInEvent(session));
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-invitation': PortalAdminInvitation;
  }
}
