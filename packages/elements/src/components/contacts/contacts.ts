import { initialState } from '@lit/task';
import type { Contact, ContactRole, Permission } from '@portico/sdk';
import { CONTACT_ROLE_PERMISSIONS } from '@portico/sdk/contract';
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { customElement, state } from 'lit/decorators.js';
import { AccountElement } from '../../lib/account-element.js';
import { accountStyles } from '../../lib/account-styles.js';
import { badge, textField } from '../../lib/fields.js';
import { checks, rowButton, submitButton } from '../../lib/form.js';
import { formatDateTime } from '../../lib/format.js';
import { addMessages, type MessageKey } from '../../lib/localize.js';
import * as en from '../../lib/locales/en.js';
import * as es from '../../lib/locales/es.js';
import { permissionGrid, permissionSummary } from '../../lib/permission-grid.js';
import { ROLE_KEYS } from '../../lib/roles.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import styles from './contacts.styles.js';

addMessages('en', en.account, en.accountRoles, en.permissions, en.contacts);
addMessages('es', es.account, es.accountRoles, es.permissions, es.contacts);

const ROLES: readonly ContactRole[] = ['billing', 'technical', 'custom'];

const ROLE_HINTS: Record<ContactRole, MessageKey> = {
  billing: 'roleBillingHint',
  technical: 'roleTechnicalHint',
  custom: 'roleCustomHint',
};

/** The form shown: adding a contact, or changing one's access. */
type ContactForm = { kind: 'add' } | { kind: 'edit'; contact: Contact };

/**
 * The active account's contacts, for its owner: people with their own login and a role (billing, technical, or
 * custom permissions per area). The list shows each one's name, email, role, what they may do, whether they
 * accepted the invitation, and their last sign-in.
 *
 * "Add contact" asks for a name, an email and a role: billing and technical show what they include, custom shows
 * a grid of areas by "View" and "Change". The person gets an invitation (or a note, if they already have a login).
 * Each contact can have their access changed, be sent a new invitation while invited, or be removed (confirmed:
 * their sessions on this account end at once).
 *
 * Anyone but the owner sees a short explanation instead.
 *
 * @summary The account's contacts: add, change access, resend invitation, remove (owner only).
 *
 * @attr api - The Portico server's URL, when used without a `<portal-provider>`.
 * @attr mode - Session mode of the standalone client: `cookie` (default) or `token`.
 * @attr login-href - Where the "Sign in" link goes when signed out.
 * @attr lang - Language (`en`, `es`); else the provider's, else the page's.
 * @attr theme - `light` or `dark` to force a colour scheme.
 *
 * @csspart base - The box around everything.
 * @csspart title - The heading.
 * @csspart intro - The explanation under the heading.
 * @csspart new - The "Add contact" button.
 * @csspart form - The form adding a contact or changing one's access.
 * @csspart field - A label, input, hint and error.
 * @csspart label - A field's label.
 * @csspart input - A field's input.
 * @csspart hint - A field's hint.
 * @csspart roles - The role choice.
 * @csspart role - One role's radio button.
 * @csspart permissions - The permission grid.
 * @csspart permission-grid - The table inside it.
 * @csspart checkbox - A checkbox of the grid.
 * @csspart table - The list of contacts.
 * @csspart badge - "Invited" or "Active".
 * @csspart edit - An "Edit" button.
 * @csspart resend - A "Resend invitation" button.
 * @csspart remove - A "Remove" button.
 * @csspart dialog - The confirmation dialog.
 * @csspart cancel - The dialog's "Cancel" button.
 * @csspart confirm - The dialog's confirm button.
 * @csspart button - Buttons.
 * @csspart submit - The form's submit button.
 * @csspart empty - Shown when there are no contacts.
 * @csspart not-allowed - Shown to someone who is not the owner.
 * @csspart error - Error messages: beside fields (also `field-error`) and the alert (also `alert`).
 * @csspart field-error - The error beside a field.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 * @csspart loading - Shown while the list loads.
 * @csspart load-error - Shown when the list could not be loaded.
 * @csspart retry - "Try again" after a failed load.
 * @csspart signed-out - Shown when signed out.
 *
 * @cssproperty [--portal-contacts-width=60rem] - Maximum width.
 * @cssproperty --portal-contacts-padding - Padding inside the box.
 * @cssproperty --portal-contacts-background - Background; falls back to `--portal-color-surface`.
 * @cssproperty --portal-contacts-border - Border; falls back to a 1px `--portal-color-border` line.
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-contacts')
export class PortalContacts extends AccountElement {
  static override styles = [hostStyles, formStyles, accountStyles, styles];

  @state() private contacts?: Contact[];
  @state() private form?: ContactForm;
  @state() private formRole: ContactRole = 'billing';
  /** The custom permissions picked in the form. */
  @state() private permissions: Permission[] = [];

  readonly #load = this.loadTask(
    'listContacts',
    () => [],
    (client, session) =>
      session.account.role === 'owner' ? client.contacts.list() : Promise.resolve(initialState),
    (contacts) => {
      this.contacts = contacts;
    },
  );

  protected override render() {
    return html`<div part="base" class="base" lang=${this.textLang}>
      ${this.renderSession(() =>
        this.isOwner
          ? this.#renderContent()
          : html`<h2 part="title">${this.t('contactsTitle')}</h2>
              <p part="not-allowed" class="not-allowed">${this.t('contactsOwnerOnly')}</p>`,
      )}
      ${this.renderMessages()} ${this.renderConfirm()}
    </div>`;
  }

  #renderContent(): TemplateResult {
    const adding = this.form?.kind === 'add';
    return html`<div class="header">
        <h2 part="title">${this.t('contactsTitle')}</h2>
        <button
          part="button new"
          class="primary"
          type="button"
          aria-expanded=${adding ? 'true' : 'false'}
          aria-controls="contact-form"
          @click=${this.#toggleAdd}
        >
          ${this.t('addContact')}
        </button>
      </div>
      <p part="intro" class="intro">${this.t('contactsIntro')}</p>
      ${this.form ? this.#renderForm(this.form) : nothing}
      ${this.renderTask(this.#load, this.contacts, (contacts) => this.#renderTable(contacts))}`;
  }

  #renderForm(form: ContactForm): TemplateResult {
    const adding = form.kind === 'add';
    const title = adding ? this.t('addContact') : this.t('editContactTitle', { name: form.contact.name });
    const permissions =
      this.formRole === 'custom' ? this.permissions : [...CONTACT_ROLE_PERMISSIONS[this.formRole]];
    return html`<form
      part="form"
      class="card"
      id="contact-form"
      novalidate
      aria-labelledby="contact-form-title"
      aria-busy=${this.busy ? 'true' : 'false'}
      @submit=${this.#submit}
    >
      <h3 id="contact-form-title" tabindex="-1">${title}</h3>
      ${
        adding
          ? html`<p class="intro">${this.t('addContactIntro')}</p>
              <div class="grid-2">
                ${textField({
                  name: 'name',
                  label: this.t('contactName'),
                  value: this.values.name,
                  autocomplete: 'off',
                  required: true,
                  maxlength: 120,
                  error: this.fieldErrors.name,
                  onInput: this.onInput,
                })}
                ${textField({
                  name: 'email',
                  label: this.t('contactEmail'),
                  type: 'email',
                  inputmode: 'email',
                  required: true,
                  value: this.values.email,
                  error: this.fieldErrors.email,
                  onInput: this.onInput,
                })}
              </div>`
          : nothing
      }
      <fieldset part="roles" class="roles">
        <legend part="label">${this.t('contactRole')}</legend>
        ${ROLES.map(
          (role) => html`<div class="role">
            <input
              part="role"
              type="radio"
              id=${`role-${role}`}
              name="role"
              value=${role}
              .checked=${live(this.formRole === role)}
              aria-describedby=${`role-${role}-hint`}
              @change=${() => this.#pickRole(role)}
            />
            <label for=${`role-${role}`}>${this.t(ROLE_KEYS[role])}</label>
            <p class="hint" id=${`role-${role}-hint`}>${this.t(ROLE_HINTS[role])}</p>
          </div>`,
        )}
      </fieldset>
      ${permissionGrid({
        name: 'permissions',
        legend: this.t('contactPermissions'),
        value: permissions,
        readonly: this.formRole !== 'custom',
        required: this.formRole === 'custom',
        error: this.fieldErrors.permissions,
        t: this.t,
        onChange: (next) => {
          this.permissions = next;
          if (this.fieldErrors.permissions) {
            const { permissions: _, ...rest } = this.fieldErrors;
            this.fieldErrors = rest;
          }
        },
      })}
      <div class="actions">
        ${submitButton(this.t(adding ? 'sendInvitation' : 'saveContact'), this.busy)}
        <button part="button" class="secondary" type="button" @click=${this.#closeForm}>${this.t('cancel')}</button>
      </div>
    </form>`;
  }

  #renderTable(contacts: Contact[]): TemplateResult {
    if (!contacts.length) return html`<p part="empty" class="empty">${this.t('noContacts')}</p>`;
    const lang = this.resolvedLocale;
    return html`<div class="table-wrap" role="region" aria-labelledby="contacts-caption" tabindex="0">
      <table part="table">
        <caption id="contacts-caption" class="sr-only">${this.t('contactsTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">${this.t('contactName')}</th>
            <th scope="col">${this.t('contactRole')}</th>
            <th scope="col">${this.t('contactPermissions')}</th>
            <th scope="col">${this.t('contactStatus')}</th>
            <th scope="col">${this.t('lastSignIn')}</th>
            <th scope="col"><span class="sr-only">${this.t('actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          ${contacts.map(
            (c) => html`<tr id=${c.id}>
              <th scope="row">${c.name} <span class="sub">${c.email}</span></th>
              <td>${this.t(ROLE_KEYS[c.role])}</td>
              <td>${permissionSummary(c.permissions, this.t)}</td>
              <td>
                ${c.status === 'invited' ? badge(this.t('statusInvited'), 'warn') : badge(this.t('statusActive'), 'good')}
              </td>
              <td>
                ${c.lastSignInAt ? html`<time datetime=${c.lastSignInAt}>${formatDateTime(lang, c.lastSignInAt)}</time>` : this.t('neverSignedIn')}
              </td>
              <td>${c.role === 'owner' ? nothing : this.#renderActions(c)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  #renderActions(c: Contact): TemplateResult {
    return html`<div class="actions row-actions">
      ${rowButton({
        part: 'edit',
        text: this.t('editContact'),
        ariaLabel: this.t('editContactName', { name: c.name }),
        disabled: this.busy,
        onClick: () => this.#openEdit(c),
      })}
      ${
        c.status === 'invited'
          ? rowButton({
              part: 'resend',
              text: this.t('resendInvitation'),
              ariaLabel: this.t('resendInvitationName', { name: c.name }),
              disabled: this.busy,
              onClick: () => this.#resend(c),
            })
          : nothing
      }
      ${rowButton({
        part: 'remove',
        text: this.t('removeContact'),
        ariaLabel: this.t('removeContactName', { name: c.name }),
        danger: true,
        disabled: this.busy,
        onClick: () => this.#remove(c),
      })}
    </div>`;
  }

  protected override sessionChanged(): void {
    super.sessionChanged();
    this.form = undefined;
  }

  #pickRole(role: ContactRole) {
    // Custom starts from what the previous role included, to adjust rather than start over.
    if (role === 'custom' && this.formRole !== 'custom')
      this.permissions = [...CONTACT_ROLE_PERMISSIONS[this.formRole]];
    this.formRole = role;
  }

  #toggleAdd = () => {
    if (this.form?.kind === 'add') return this.#closeForm();
    this.form = { kind: 'add' };
    this.values = {};
    this.fieldErrors = {};
    this.alertMessage = '';
    this.formRole = 'billing';
    this.permissions = [];
    void this.focusField('name');
  };

  #openEdit(contact: Contact) {
    this.form = { kind: 'edit', contact };
    this.fieldErrors = {};
    this.alertMessage = '';
    this.formRole = contact.role === 'owner' ? 'custom' : contact.role;
    this.permissions = [...contact.permissions];
    void this.focusPart('#contact-form-title');
  }

  #closeForm = () => {
    const editing = this.form?.kind === 'edit' ? this.form.contact : undefined;
    this.form = undefined;
    this.fieldErrors = {};
    void this.focusPart(editing ? `[id="${editing.id}"] [part~="edit"]` : '[part~="new"]');
  };

  #submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = this.form;
    if (!form) return;
    const errors: Record<string, string> = {};
    if (form.kind === 'add') {
      if (!(this.values.name ?? '').trim()) errors.name = this.t('fieldRequired');
      const email = checks.email(this.values.email);
      if (email) errors.email = this.t(email);
    }
    if (this.formRole === 'custom' && !this.permissions.length) errors.permissions = this.t('pickPermission');
    this.fieldErrors = errors;
    this.alertMessage = '';
    const first = Object.keys(errors)[0];
    if (first) {
      if (first === 'permissions') void this.focusPart('input[name="permissions"]');
      else void this.focusField(first);
      return;
    }
    const permissions = this.formRole === 'custom' ? { permissions: this.permissions } : {};
    let saved: Contact | undefined;
    if (form.kind === 'add') {
      const input = {
        name: (this.values.name ?? '').trim(),
        email: (this.values.email ?? '').trim(),
        role: this.formRole,
        ...permissions,
      };
      await this.attempt('addContact', ['name', 'email', 'role', 'permissions'], async (client) => {
        saved = await client.contacts.add(input);
      });
      if (!saved) return;
      this.contacts = [...(this.contacts ?? []), saved];
      this.notice = this.t('contactAdded', { email: saved.email });
    } else {
      const input = { role: this.formRole, ...permissions };
      await this.attempt('updateContact', ['role', 'permissions'], async (client) => {
        saved = await client.contacts.update(form.contact.id, input);
      });
      if (!saved) return;
      const updated = saved;
      this.contacts = this.contacts?.map((c) => (c.id === updated.id ? updated : c));
      this.notice = this.t('contactUpdated', { name: updated.name });
    }
    this.form = undefined;
    this.values = {};
    void this.focusPart(form.kind === 'add' ? '[part~="new"]' : `[id="${saved.id}"] [part~="edit"]`);
  };

  async #resend(contact: Contact) {
    let sent: Contact | undefined;
    await this.attempt('resendContactInvitation', [], async (client) => {
      sent = await client.contacts.resendInvitation(contact.id);
    });
    if (!sent) return;
    const updated = sent;
    this.contacts = this.contacts?.map((c) => (c.id === updated.id ? updated : c));
    this.notice = this.t('invitationResent', { email: updated.email });
  }

  async #remove(contact: Contact) {
    const confirmed = await this.confirmAction({
      title: this.t('removeContactTitle', { name: contact.name }),
      body: this.t('removeContactBody'),
      confirm: this.t('removeContact'),
      danger: true,
    });
    if (!confirmed) return;
    const removed = await this.attempt('removeContact', [], (client) => client.contacts.remove(contact.id));
    if (!removed) return;
    if (this.form?.kind === 'edit' && this.form.contact.id === contact.id) this.form = undefined;
    this.contacts = this.contacts?.filter((c) => c.id !== contact.id);
    this.notice = this.t('contactRemoved', { name: contact.name });
    void this.focusPart('[part~="new"]');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-contacts': PortalContacts;
  }
}
