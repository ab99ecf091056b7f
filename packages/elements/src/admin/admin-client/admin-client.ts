import type { BulkResult, ClientDetail, ClientUpdateInput, PortalUser } from '@portico/sdk/admin';
import { clientRoutes } from '@portico/sdk/contract';
import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { submitButton } from '../../lib/form.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { magicLinkDialog } from '../admin-magic-link/admin-magic-link.js';
import { AdminElement, adminChecks } from '../lib/admin-element.js';
import { selectField, textareaField, textField } from '../lib/form.js';
import { clientStatusBadge, invitableRoles, membershipKey, userStatusBadge } from '../lib/labels.js';
import { addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import { hashOf } from '../lib/routes.js';
import { adminStyles } from '../lib/styles.js';
import styles from './admin-client.styles.js';

addAdminMessages('en', en.common, en.clients, en.client, en.magicLink);
addAdminMessages('es', es.common, es.clients, es.client, es.magicLink);

const ADDRESS = ['line1', 'line2', 'city', 'state', 'postcode', 'country'] as const;
const EDIT_FIELDS = ['name', 'company', 'phone', 'currency', 'notes', ...ADDRESS.map((l) => `address.${l}`)];

/** Server paths of a one-target invitation, mapped to the invite form's fields. */
const inviteField = (path: string) =>
  ({ 'targets.0.email': 'invite.email', 'targets.0.name': 'invite.name', 'targets.0.role': 'invite.role' })[
    path
  ];

/**
 * One client (`#/clients/<id>`): its details with an edit form; Disable (after a confirmation that explains every
 * session on it ends at once) and Enable; the people who may sign in for it, each with a magic link (optionally
 * landing on a page), an invitation and a sign-in email; and a form to invite someone new onto it. Actions the
 * staff member's role may not take are not offered.
 *
 * @summary One client: details, disable/enable, and its portal users.
 *
 * @attr client-id - The client's id.
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 *
 * @csspart heading - The page heading (the client's name).
 * @csspart details - The details section.
 * @csspart form - The edit and invite forms.
 * @csspart field - A label, input, hint and error.
 * @csspart users - The portal users section.
 * @csspart table - The portal users table.
 * @csspart badge - A status label.
 * @csspart dialog - The confirmation and magic link dialogs.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 * @csspart loading - Shown while the client loads.
 * @csspart load-error - Shown when the client could not be loaded (or does not exist).
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-client')
export class PortalAdminClient extends AdminElement {
  static override styles = [hostStyles, formStyles, adminStyles, styles];

  /** The client's id. */
  @property({ attribute: 'client-id' }) clientId = '';

  @state() private detail?: ClientDetail;
  @state() private editing = false;
  @state() private magicFor?: PortalUser;

  #magicTrigger: HTMLElement | null = null;

  readonly #load = this.loadTask(
    'adminClient',
    () => [this.clientId],
    (admin, [id]) => admin.clients.get(id),
    (detail) => {
      this.detail = detail;
    },
  );

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('clientId') && changed.get('clientId') !== undefined) {
      this.detail = undefined;
      this.editing = false;
      this.values = {};
    }
  }

  protected override render() {
    const detail = this.detail;
    return html`<div class="page" lang=${this.textLang}>
      <p class="back"><a href=${hashOf('clients')}>${this.t('backToClients')}</a></p>
      <div class="title">
        <h1 part="heading" tabindex="-1">${detail?.name ?? this.t('clientTitle')}</h1>
        ${detail ? clientStatusBadge(this.t, detail.status) : nothing}
      </div>
      ${this.renderMessages()}
      ${this.renderTask(this.#load, detail, (d) => [this.#renderDetails(d), this.#renderUsers(d), this.#renderInvite(d)])}
      ${this.renderConfirm()}
      ${
        this.magicFor
          ? magicLinkDialog({
              user: this.magicFor,
              client: this.admin,
              lang: this.resolvedLocale,
              title: this.t('magicLinkTitle'),
              closeLabel: this.t('close'),
              onClose: this.#closeMagic,
            })
          : nothing
      }
    </div>`;
  }

  #renderDetails(d: ClientDetail) {
    const lang = this.resolvedLocale;
    const address = ADDRESS.map((line) => d.address[line])
      .filter(Boolean)
      .join('\n');
    return html`<section part="details" class="card" aria-labelledby="details-title">
      <div class="page-header">
        <h2 id="details-title">${this.t('details')}</h2>
        <div class="actions">
          ${
            this.can(clientRoutes.update) && !this.editing
              ? html`<button class="secondary small" type="button" @click=${this.#startEdit}>${this.t('editDetails')}</button>`
              : nothing
          }
          ${
            this.can(clientRoutes.disable)
              ? d.status === 'active'
                ? html`<button class="secondary small" type="button" ?disabled=${this.busy} @click=${this.#disable}>
                    ${this.t('disableClient')}
                  </button>`
                : html`<button class="secondary small" type="button" ?disabled=${this.busy} @click=${this.#enable}>
                    ${this.t('enableClient')}
                  </button>`
              : nothing
          }
        </div>
      </div>
      ${d.status === 'disabled' ? html`<p class="muted">${this.t('clientDisabledNote')}</p>` : nothing}
      ${
        this.editing
          ? this.#renderEdit()
          : html`<dl>
              <dt>${this.t('company')}</dt>
              <dd>${d.company || '—'}</dd>
              <dt>${this.t('ownerEmail')}</dt>
              <dd>${d.email || '—'}</dd>
              <dt>${this.t('phone')}</dt>
              <dd>${d.phone || '—'}</dd>
              <dt>${this.t('address')}</dt>
              <dd class="address">${address || '—'}</dd>
              <dt>${this.t('currency')}</dt>
              <dd>${d.currency}</dd>
              <dt>${this.t('notes')}</dt>
              <dd class="address">${d.notes || '—'}</dd>
              <dt>${this.t('created')}</dt>
              <dd>${formatDate(lang, d.createdAt)}</dd>
            </dl>`
      }
    </section>`;
  }

  #renderEdit() {
    const field = (name: string, label: string, extra: Partial<Parameters<typeof textField>[0]> = {}) =>
      textField({
        name,
        label,
        value: this.values[name],
        error: this.fieldErrors[name],
        onInput: this.onInput,
        ...extra,
      });
    return html`<form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#save}>
      <div class="grid-2">
        ${field('name', this.t('clientName'), { required: true })} ${field('company', this.t('company'))}
        ${field('phone', this.t('phone'), { type: 'tel' })}
        ${field('currency', this.t('currency'), { maxlength: 3, hint: this.t('currencyHint') })}
      </div>
      <fieldset>
        <legend>${this.t('address')}</legend>
        <div class="grid-2">
          ${field('address.line1', this.t('addressLine1'))} ${field('address.line2', this.t('addressLine2'))}
          ${field('address.city', this.t('city'))} ${field('address.state', this.t('region'))}
          ${field('address.postcode', this.t('postcode'))}
          ${field('address.country', this.t('country'), { maxlength: 2, hint: this.t('countryHint') })}
        </div>
      </fieldset>
      ${textareaField({ name: 'notes', label: this.t('notes'), hint: this.t('notesHint'), value: this.values.notes, error: this.fieldErrors.notes, onInput: this.onInput })}
      <div class="actions">
        ${submitButton(this.t('saveChanges'), this.busy)}
        <button class="secondary" type="button" @click=${this.#cancelEdit}>${this.t('cancel')}</button>
      </div>
    </form>`;
  }

  #renderUsers(d: ClientDetail) {
    const lang = this.resolvedLocale;
    const canMagic = this.can(clientRoutes.magicLink);
    const canInvite = this.can(clientRoutes.invite);
    const canEmail = this.can(clientRoutes.loginEmail);
    const usable = d.status === 'active';
    return html`<section part="users" class="card" aria-labelledby="users-title">
      <h2 id="users-title">${this.t('portalUsersTitle')}</h2>
      ${
        d.users.length
          ? html`<div class="table-wrap" role="region" aria-label=${this.t('usersOf', { name: d.name })} tabindex="0">
              <table part="table">
                <caption class="sr-only">${this.t('portalUsersTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">${this.t('name')}</th>
                    <th scope="col">${this.t('email')}</th>
                    <th scope="col">${this.t('role')}</th>
                    <th scope="col">${this.t('status')}</th>
                    <th scope="col">${this.t('lastSignIn')}</th>
                    <th scope="col">${this.t('actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${d.users.map(
                    (u) => html`<tr>
                      <td>${u.name}</td>
                      <td>${u.email}</td>
                      <td>${this.t(membershipKey(u.role))}</td>
                      <td>${userStatusBadge(this.t, u.status, u.disabled)}</td>
                      <td>${formatDateTime(lang, u.lastSignInAt) || '—'}</td>
                      <td>
                        <div class="row-actions">
                          ${
                            usable && !u.disabled && canMagic
                              ? html`<button class="secondary small" type="button" aria-label=${this.t('magicLinkForName', { name: u.name })} @click=${(e: Event) => this.#openMagic(u, e)}>
                                  ${this.t('magicLinkAction')}
                                </button>`
                              : nothing
                          }
                          ${
                            usable && !u.disabled && canInvite && u.status !== 'joined'
                              ? html`<button class="secondary small" type="button" ?disabled=${this.busy} aria-label=${this.t(u.status === 'invited' ? 'reinviteName' : 'inviteName', { name: u.name })} @click=${() => this.#inviteUser(u)}>
                                  ${this.t(u.status === 'invited' ? 'reinvite' : 'invite')}
                                </button>`
                              : nothing
                          }
                          ${
                            usable && !u.disabled && canEmail
                              ? html`<button class="secondary small" type="button" ?disabled=${this.busy} aria-label=${this.t('sendLoginEmailName', { name: u.name })} @click=${() => this.#emailUser(u)}>
                                  ${this.t('sendLoginEmail')}
                                </button>`
                              : nothing
                          }
                        </div>
                      </td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : html`<p part="empty" class="empty">${this.t('noPortalUsers')}</p>`
      }
    </section>`;
  }

  #renderInvite(d: ClientDetail) {
    if (!this.can(clientRoutes.invite) || d.status !== 'active') return nothing;
    return html`<section class="card" aria-labelledby="invite-title">
      <h2 id="invite-title">${this.t('inviteNewTitle')}</h2>
      <p class="intro">${this.t('inviteNewIntro')}</p>
      <form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#inviteNew}>
        <div class="grid-2">
          ${textField({ name: 'invite.email', label: this.t('email'), type: 'email', required: true, value: this.values['invite.email'], error: this.fieldErrors['invite.email'], onInput: this.onInput })}
          ${textField({ name: 'invite.name', label: this.t('personName'), value: this.values['invite.name'], error: this.fieldErrors['invite.name'], onInput: this.onInput })}
          ${selectField({
            name: 'invite.role',
            label: this.t('role'),
            required: true,
            value: this.values['invite.role'],
            error: this.fieldErrors['invite.role'],
            options: [
              { value: '', label: this.t('chooseRole') },
              ...invitableRoles.map((role) => ({ value: role, label: this.t(membershipKey(role)) })),
            ],
            onChange: this.onInput,
          })}
        </div>
        <div class="actions">${submitButton(this.t('sendInvitationAction'), this.busy)}</div>
      </form>
    </section>`;
  }

  #startEdit = () => {
    const d = this.detail;
    if (!d) return;
    const values: Record<string, string> = {
      name: d.name,
      company: d.company ?? '',
      phone: d.phone ?? '',
      currency: d.currency,
      notes: d.notes,
    };
    for (const line of ADDRESS) values[`address.${line}`] = d.address[line] ?? '';
    this.values = values;
    this.editing = true;
    void this.focusField('name');
  };

  #cancelEdit = () => {
    this.editing = false;
    this.fieldErrors = {};
    void this.focusHeading();
  };

  #save = async (event: SubmitEvent) => {
    event.preventDefault();
    const d = this.detail;
    if (!d) return;
    const rules = { name: adminChecks.required, currency: adminChecks.currency };
    if (!this.validate(rules)) return;
    const v = (name: string) => (this.values[name] ?? '').trim();
    const input: ClientUpdateInput = {};
    if (v('name') !== d.name) input.name = v('name');
    if (v('company') !== (d.company ?? '')) input.company = v('company');
    if (v('phone') !== (d.phone ?? '')) input.phone = v('phone');
    if (v('currency').toUpperCase() !== d.currency) input.currency = v('currency').toUpperCase();
    if (v('notes') !== d.notes) input.notes = v('notes');
    if (ADDRESS.some((line) => v(`address.${line}`) !== (d.address[line] ?? ''))) {
      input.address = Object.fromEntries(ADDRESS.map((line) => [line, v(`address.${line}`)]));
    }
    if (!Object.keys(input).length) {
      this.editing = false;
      this.notice = this.t('nothingChanged');
      return;
    }
    const ok = await this.attempt('adminUpdateClient', EDIT_FIELDS, async (admin) => {
      this.detail = await admin.clients.update(d.id, input);
    });
    if (ok) {
      this.editing = false;
      this.notice = this.t('clientSaved');
      void this.focusHeading();
    }
  };

  #disable = async () => {
    const d = this.detail;
    if (!d) return;
    const confirmed = await this.confirmAction({
      title: this.t('disableClientTitle', { name: d.name }),
      body: this.t('disableClientBody'),
      confirm: this.t('disableClient'),
      danger: true,
    });
    if (!confirmed) return;
    const ok = await this.attempt('adminDisableClient', [], async (admin) => {
      this.detail = await admin.clients.disable(d.id);
    });
    if (ok) this.notice = this.t('clientDisabled', { name: d.name });
  };

  #enable = async () => {
    const d = this.detail;
    if (!d) return;
    const ok = await this.attempt('adminEnableClient', [], async (admin) => {
      this.detail = await admin.clients.enable(d.id);
    });
    if (ok) this.notice = this.t('clientEnabled', { name: d.name });
  };

  #openMagic(user: PortalUser, event: Event) {
    this.#magicTrigger = event.currentTarget as HTMLElement;
    this.magicFor = user;
  }

  #closeMagic = () => {
    this.magicFor = undefined;
    this.#magicTrigger?.focus();
    this.#magicTrigger = null;
  };

  /** Says how a one-person invitation or email went. */
  #report(result: BulkResult, done: 'invitationSent' | 'loginEmailSent') {
    const [first] = result.results;
    if (!first) return;
    if (first.ok) this.notice = this.t(done, { email: first.email });
    else
      this.alertMessage = this.t('actionFailedFor', {
        email: first.email,
        detail: first.detail ?? first.code ?? '',
      });
  }

  async #inviteUser(user: PortalUser) {
    let result: BulkResult | undefined;
    await this.attempt('adminInvite', [], async (admin) => {
      result = await admin.portalUsers.invite({
        targets: [{ userId: user.userId, accountId: user.accountId }],
      });
    });
    if (result) {
      this.#report(result, 'invitationSent');
      void this.#load.run();
    }
  }

  async #emailUser(user: PortalUser) {
    let result: BulkResult | undefined;
    await this.attempt('adminLoginEmail', [], async (admin) => {
      result = await admin.portalUsers.sendLoginEmail({ userIds: [user.userId] });
    });
    if (result) this.#report(result, 'loginEmailSent');
  }

  #inviteNew = async (event: SubmitEvent) => {
    event.preventDefault();
    const d = this.detail;
    if (!d) return;
    if (!this.validate({ 'invite.email': adminChecks.email, 'invite.role': adminChecks.required })) return;
    const email = this.values['invite.email']?.trim() ?? '';
    const name = this.values['invite.name']?.trim() || undefined;
    const role = this.values['invite.role'] as (typeof invitableRoles)[number];
    let result: BulkResult | undefined;
    await this.attempt('adminInviteNew', inviteField, async (admin) => {
      result = await admin.portalUsers.invite({ targets: [{ accountId: d.id, email, name, role }] });
    });
    if (!result) return;
    const [first] = result.results;
    if (first && !first.ok) {
      this.fieldErrors = { 'invite.email': first.detail ?? this.t('errorEmailTaken') };
      void this.focusField('invite.email');
      return;
    }
    this.#report(result, 'invitationSent');
    this.values = Object.fromEntries(
      Object.entries(this.values).filter(([name]) => !name.startsWith('invite.')),
    );
    void this.#load.run();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-client': PortalAdminClient;
  }
}
