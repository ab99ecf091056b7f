import type { ClientCreateInput, ClientDetail, ClientSummary } from '@portico/sdk/admin';
import { clientRoutes } from '@portico/sdk/contract';
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { submitButton } from '../../lib/form.js';
import { formatDate } from '../../lib/format.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { ADDRESS, addressFieldset } from '../lib/address.js';
import { AdminElement, adminChecks, type Check } from '../lib/admin-element.js';
import { checkboxField } from '../lib/form.js';
import { clientStatusBadge } from '../lib/labels.js';
import { addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import { ListSearch } from '../lib/list-search.js';
import { hashOf } from '../lib/routes.js';
import { adminStyles } from '../lib/styles.js';
import { dataTable } from '../lib/table.js';

addAdminMessages('en', en.common, en.clients);
addAdminMessages('es', es.common, es.clients);

type ClientStatus = '' | 'active' | 'disabled';

const CREATE_FIELDS = [
  'name',
  'email',
  'ownerName',
  'company',
  'phone',
  'currency',
  ...ADDRESS.map((line) => `address.${line}`),
];

/** Two letters, or nothing. */
const country: Check = (v) => (!v?.trim() || /^[a-z]{2}$/i.test(v.trim()) ? undefined : 'errorCountry');

/** The address lines typed into `values` under `prefix`, or undefined when none was. */
function addressFrom(values: Record<string, string>, prefix = 'address.') {
  const address: Record<string, string> = {};
  for (const line of ADDRESS) {
    const value = values[`${prefix}${line}`]?.trim();
    if (value) address[line] = value;
  }
  return Object.keys(address).length ? address : undefined;
}

/**
 * The clients list: search by name, company or email (as you type), filter by status, and page through with
 * "Load more". "New client" opens a form that creates an active client and can email the owner an invitation;
 * the server's objections appear beside the fields they are about. Each client links to its page
 * (`#/clients/<id>`).
 *
 * @summary Clients: search, filter, page through, and create.
 *
 * @attr page-size - How many clients each request asks for (default 25).
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 *
 * @csspart heading - The page heading.
 * @csspart new - The "New client" button.
 * @csspart form - The new client form.
 * @csspart field - A label, input, hint and error.
 * @csspart table - The clients table.
 * @csspart badge - A status label.
 * @csspart more - The "Load more" button.
 * @csspart empty - Shown when there are no clients (or none match).
 * @csspart loading - Shown while the first page loads.
 * @csspart load-error - Shown when the list could not be loaded.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-clients')
export class PortalAdminClients extends AdminElement {
  static override styles = [hostStyles, formStyles, adminStyles];

  /** How many clients each request asks for. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 25;

  /** Milliseconds after the last keystroke before the search runs. */
  @property({ attribute: false }) searchDelay = 300;

  @state() private creating = false;

  readonly #search = new ListSearch<ClientStatus>(this, {
    delay: () => this.searchDelay,
    onInput: this.onInput,
    typed: () => this.values.q,
  });

  readonly #list = this.pagedList({
    action: 'adminClients',
    args: () => [this.#search.query, this.#search.status, this.pageSize],
    fetch: (admin, [q, status, limit], page) =>
      admin.clients.list({ q: q || undefined, status: status || undefined, limit, ...page }),
    focus: 'a',
  });

  protected override render() {
    return html`<div class="page" lang=${this.textLang}>
      <div class="page-header">
        <h1 part="heading" tabindex="-1">${this.t('clientsTitle')}</h1>
        ${
          this.can(clientRoutes.create)
            ? html`<button
                part="button new"
                class="primary"
                type="button"
                aria-expanded=${this.creating ? 'true' : 'false'}
                aria-controls="new-client"
                @click=${this.#toggleCreate}
              >
                ${this.t('newClient')}
              </button>`
            : nothing
        }
      </div>
      ${this.renderMessages()} ${this.creating ? this.#renderCreate() : nothing}
      ${this.#search.render({
        label: this.t('clientsTitle'),
        searchLabel: this.t('searchClients'),
        statusLabel: this.t('status'),
        statuses: [
          { value: '', label: this.t('allStatuses') },
          { value: 'active', label: this.t('statusActive') },
          { value: 'disabled', label: this.t('statusDisabled') },
        ],
      })}
      ${this.renderTask(this.#list.task, this.#list.items, (items) => this.#renderTable(items))}
    </div>`;
  }

  #renderTable(items: ClientSummary[]) {
    if (!items.length) {
      return html`<p part="empty" class="empty">
        ${this.#search.filtered ? this.t('noClientsMatch') : this.t('noClients')}
      </p>`;
    }
    const lang = this.resolvedLocale;
    return html`${dataTable({
      label: this.t('clientsTitle'),
      caption: this.t('clientsTitle'),
      busy: this.#list.pending,
      columns: [
        this.t('name'),
        this.t('company'),
        this.t('email'),
        this.t('status'),
        { label: this.t('users'), numeric: true },
        this.t('created'),
      ],
      rows: items.map(
        (c) => html`<tr>
          <td><a href=${hashOf('client', c.id)}>${c.name}</a></td>
          <td>${c.company ?? ''}</td>
          <td>${c.email ?? ''}</td>
          <td>${clientStatusBadge(this.t, c.status)}</td>
          <td class="num">${c.userCount}</td>
          <td>${formatDate(lang, c.createdAt)}</td>
        </tr>`,
      ),
    })}
    ${this.renderMore(this.#list)}`;
  }

  #renderCreate() {
    const field = this.textInput.bind(this);
    return html`<section class="card" id="new-client" aria-labelledby="new-client-title">
      <h2 id="new-client-title">${this.t('newClient')}</h2>
      <form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#create}>
        <div class="grid-2">
          ${field('name', this.t('clientName'), { required: true, hint: this.t('clientNameHint') })}
          ${field('email', this.t('ownerEmail'), { type: 'email', required: true })}
          ${field('ownerName', this.t('ownerName'), { hint: this.t('ownerNameHint') })}
          ${field('company', this.t('company'))} ${field('phone', this.t('phone'), { type: 'tel' })}
          ${field('currency', this.t('currency'), { maxlength: 3, hint: this.t('currencyHint') })}
        </div>
        ${addressFieldset(this.t, field)}
        ${checkboxField({
          name: 'sendInvitation',
          label: this.t('sendInvitation'),
          hint: this.t('sendInvitationHint'),
          checked: this.values.sendInvitation === 'on',
          onChange: this.onInput,
        })}
        <div class="actions">
          ${submitButton(this.t('createClient'), this.busy)}
          <button class="secondary" type="button" @click=${this.#toggleCreate}>${this.t('cancel')}</button>
        </div>
      </form>
    </section>`;
  }

  #toggleCreate = () => {
    this.creating = !this.creating;
    this.fieldErrors = {};
    if (this.creating) void this.focusField('name');
    else void this.focusPart('[part~="new"]');
  };

  #create = async (event: SubmitEvent) => {
    event.preventDefault();
    const rules: Record<string, Check> = {
      name: adminChecks.required,
      email: adminChecks.email,
      currency: adminChecks.currency,
      'address.country': country,
    };
    if (!this.validate(rules)) return;
    const v = (name: string) => this.values[name]?.trim() || undefined;
    const input: ClientCreateInput = {
      name: v('name') ?? '',
      email: v('email') ?? '',
      ownerName: v('ownerName'),
      company: v('company'),
      phone: v('phone'),
      currency: v('currency')?.toUpperCase(),
      address: addressFrom(this.values),
      sendInvitation: this.values.sendInvitation === 'on',
    };
    let created: ClientDetail | undefined;
    await this.attempt('adminCreateClient', CREATE_FIELDS, async (admin) => {
      created = await admin.clients.create(input);
    });
    if (!created) return;
    this.creating = false;
    this.values = { q: this.values.q ?? '' };
    this.notice = this.t('clientCreated', { name: created.name });
    location.hash = hashOf('client', created.id);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-clients': PortalAdminClients;
  }
}
