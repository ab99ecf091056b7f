import type { BulkResult, ClientDetail, ClientUpdateInput, PortalUser } from '@portico/sdk/admin';
import { clientRoutes } from '@portico/sdk/contract';
import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { rowButton, submitButton } from '../../lib/form.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import '../admin-client-billing/admin-client-billing.js';
import { MagicLinkDialog } from '../admin-magic-link/admin-magic-link.js';
import { ADDRESS, addressFieldset } from '../lib/address.js';
import { AdminElement, adminChecks } from '../lib/admin-element.js';
import { textareaField } from '../lib/form.js';
import {
  clientStatusBadge,
  invitableRoleOptions,
  type invitableRoles,
  membershipKey,
  userStatusBadge,
} from '../lib/labels.js';
import { addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import { hashOf } from '../lib/routes.js';
import { adminStyles } from '../lib/styles.js';
import { dataTable, rowActions } from '../lib/table.js';
import styles from './admin-client.styles.js';

addAdminMessages('en', en.common, en.clients, en.client, en.magicLink, en.domainList, en.supportClient);
addAdminMessages('es', es.common, es.clients, es.client, es.magicLink, es.domainList, es.supportClient);

const EDIT_FIELDS = ['name', 'company', 'phone', 'currency', 'notes', ...ADDRESS.map((l) => `address.${l}`)];

/** Server paths of a one-target invitation, mapped to the invite form's fields. */
const inviteField = (path: string) =>
  ({ 'targets.0.email': 'invite.email', 'targets.0.name': 'invite.name', 'targets.0.role': 'invite.role' })[
    path
  ];

/**
 * One client (`#/clients/<id>`): its details with an edit form; Disable (after a confirmation that explains every
 * session on it ends at once) and Enable; its billing (`<portal-admin-client-billing>`: credit, latest invoices and
 * services, a new invoice); links to its domains and its support tickets; the people who may sign in for it, each with a magic link
 * (optionally landing on a page), an invitation and a sign-in email; and a form to invite someone new onto it.
 * Actions the staff member's role may not take are not offered.
 *
 * @summary One client: details, disable/enable, billing, and its portal users.
 *
 * @attr client-id - The client's id.
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 *
 * @csspart heading - The page heading (the client's name).
 * @csspart details - The details section.
 * @csspart form - The edit and invite forms.
 * @csspart field - A label, input, hint and error.
 * @csspart domains - The link to the client's domains.
 * @csspart tickets - The link to the client's support tickets.
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

  readonly #magic = new MagicLinkDialog(this);

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
      ${this.renderTask(this.#load, detail, (d) => [
        this.#renderDetails(d),
        html`<portal-admin-client-billing
          .client=${this.admin}
          .session=${this.staffSession}
          lang=${this.resolvedLocale}
          client-id=${d.id}
          currency=${d.currency}
        ></portal-admin-client-billing>`,
        html`<section part="domains" class="card" aria-labelledby="client-domains-title">
          <h2 id="client-domains-title">${this.t('domainsTitle')}</h2>
          <p><a href=${hashOf('domains', undefined, { account: d.id })}>${this.t('allClientDomains')}</a></p>
        </section>`,
        html`<section part="tickets" class="card" aria-labelledby="client-tickets-title">
          <h2 id="client-tickets-title">${this.t('clientTicketsTitle')}</h2>
          <p><a href=${hashOf('tickets', undefined, { account: d.id, query: 'status=all' })}>${this.t('clientTicketsLink')}</a></p>
        </section>`,
        this.#renderUsers(d),
        this.#renderInvite(d),
      ])}
      ${this.renderConfirm()}
      ${this.#magic.render({
        client: this.admin,
        lang: this.resolvedLocale,
        title: this.t('magicLinkTitle'),
        closeLabel: this.t('close'),
      })}
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
    const field = this.textInput.bind(this);
    return html`<form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#save}>
      <div class="grid-2">
        ${field('name', this.t('clientName'), { required: true })} ${field('company', this.t('company'))}
        ${field('phone', this.t('phone'), { type: 'tel' })}
        ${field('currency', this.t('currency'), { maxlength: 3, hint: this.t('currencyHint') })}
      </div>
      ${addressFieldset(this.t, field)}
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
          ? dataTable({
              label: this.t('usersOf', { name: d.name }),
              caption: this.t('portalUsersTitle'),
              columns: [
                this.t('name'),
                this.t('email'),
                this.t('role'),
                this.t('status'),
                this.t('lastSignIn'),
                this.t('actions'),
              ],
              rows: d.users.map((u) => {
                const open = usable && !u.disabled;
                return html`<tr>
                  <td>${u.name}</td>
                  <td>${u.email}</td>
                  <td>${this.t(membershipKey(u.role))}</td>
                  <td>${userStatusBadge(this.t, u.status, u.disabled)}</td>
                  <td>${formatDateTime(lang, u.lastSignInAt) || '—'}</td>
                  ${rowActions(
                    open && canMagic
                      ? rowButton({
                          text: this.t('magicLinkAction'),
                          ariaLabel: this.t('magicLinkForName', { name: u.name }),
                          disabled: false,
                          onClick: (e) => this.#magic.open(u, e),
                        })
                      : nothing,
                    open && canInvite && u.status !== 'joined'
                      ? rowButton({
                          text: this.t(u.status === 'invited' ? 'reinvite' : 'invite'),
                          ariaLabel: this.t(u.status === 'invited' ? 'reinviteName' : 'inviteName', {
                            name: u.name,
                          }),
                          disabled: this.busy,
                          onClick: () => this.#inviteUser(u),
                        })
                      : nothing,
                    open && canEmail
                      ? rowButton({
                          text: this.t('sendLoginEmail'),
                          ariaLabel: this.t('sendLoginEmailName', { name: u.name }),
                          disabled: this.busy,
                          onClick: () => this.#emailUser(u),
                        })
                      : nothing,
                  )}
                </tr>`;
              }),
            })
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
          ${this.textInput('invite.email', this.t('email'), { type: 'email', required: true })}
          ${this.textInput('invite.name', this.t('personName'))}
          ${this.selectInput('invite.role', this.t('role'), invitableRoleOptions(this.t), { required: true })}
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
