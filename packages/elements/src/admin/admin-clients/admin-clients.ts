import { TaskStatus } from '@lit/task';
import type { ClientCreateInput, ClientDetail, ClientSummary } from '@portico/sdk/admin';
import { clientRoutes } from '@portico/sdk/contract';
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { submitButton } from '../../lib/form.js';
import { formatDate } from '../../lib/format.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { AdminElement, adminChecks, type Check } from '../lib/admin-element.js';
import { checkboxField, selectField, textField } from '../lib/form.js';
import { debounce } from '../lib/format.js';
import { clientStatusBadge } from '../lib/labels.js';
import { addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import { hashOf } from '../lib/routes.js';
import { adminStyles } from '../lib/styles.js';
import styles from './admin-clients.styles.js';

addAdminMessages('en', en.common, en.clients);
addAdminMessages('es', es.common, es.clients);

type ClientStatus = '' | 'active' | 'disabled';

const ADDRESS = ['line1', 'line2', 'city', 'state', 'postcode', 'country'] as const;
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
  static override styles = [hostStyles, formStyles, adminStyles, styles];

  /** How many clients each request asks for. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 25;

  /** Milliseconds after the last keystroke before the search runs. */
  @property({ attribute: false }) searchDelay = 300;

  @state() private query = '';
  @state() private status: ClientStatus = '';
  @state() private items?: ClientSummary[];
  @state() private nextCursor: string | null = null;
  @state() private creating = false;

  readonly #list = this.loadTask(
    'adminClients',
    () => [this.query, this.status, this.pageSize],
    (admin, [q, status, limit]) =>
      admin.clients.list({ q: q || undefined, status: status || undefined, limit }),
    (page) => {
      this.items = page.items;
      this.nextCursor = page.nextCursor;
    },
  );

  #search = debounce(
    (q: string) => {
      this.query = q.trim();
    },
    () => this.searchDelay,
  );

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#search.cancel();
  }

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
      <form class="search" role="search" aria-label=${this.t('clientsTitle')} @submit=${this.#searchNow}>
        ${textField({
          name: 'q',
          label: this.t('searchClients'),
          type: 'search',
          value: this.values.q,
          onInput: this.#onSearch,
        })}
        ${selectField({
          name: 'status',
          label: this.t('status'),
          value: this.status,
          options: [
            { value: '', label: this.t('allStatuses') },
            { value: 'active', label: this.t('statusActive') },
            { value: 'disabled', label: this.t('statusDisabled') },
          ],
          onChange: (event) => {
            this.status = (event.target as HTMLSelectElement).value as ClientStatus;
          },
        })}
      </form>
      ${this.renderTask(this.#list, this.items, (items) => this.#renderTable(items))}
    </div>`;
  }

  #renderTable(items: ClientSummary[]) {
    if (!items.length) {
      return html`<p part="empty" class="empty">
        ${this.query || this.status ? this.t('noClientsMatch') : this.t('noClients')}
      </p>`;
    }
    const lang = this.resolvedLocale;
    return html`<div class="table-wrap" role="region" aria-label=${this.t('clientsTitle')} tabindex="0">
        <table part="table" aria-busy=${this.#list.status === TaskStatus.PENDING ? 'true' : 'false'}>
          <caption class="sr-only">${this.t('clientsTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">${this.t('name')}</th>
              <th scope="col">${this.t('company')}</th>
              <th scope="col">${this.t('email')}</th>
              <th scope="col">${this.t('status')}</th>
              <th scope="col" class="num">${this.t('users')}</th>
              <th scope="col">${this.t('created')}</th>
            </tr>
          </thead>
          <tbody>
            ${items.map(
              (c) => html`<tr>
                <td><a href=${hashOf('client', c.id)}>${c.name}</a></td>
                <td>${c.company ?? ''}</td>
                <td>${c.email ?? ''}</td>
                <td>${clientStatusBadge(this.t, c.status)}</td>
                <td class="num">${c.userCount}</td>
                <td>${formatDate(lang, c.createdAt)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <div class="more">
        <p class="muted">${this.t('shownCount', { count: items.length })}</p>
        ${
          this.nextCursor
            ? html`<button part="button more" class="secondary" type="button" ?disabled=${this.busy} @click=${this.#loadMore}>
                ${this.t('loadMore')}
              </button>`
            : nothing
        }
      </div>`;
  }

  #renderCreate() {
    const field = (name: string, label: string, extra: Partial<Parameters<typeof textField>[0]> = {}) =>
      textField({
        name,
        label,
        value: this.values[name],
        error: this.fieldErrors[name],
        onInput: this.onInput,
        ...extra,
      });
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
        <fieldset>
          <legend>${this.t('address')}</legend>
          <div class="grid-2">
            ${field('address.line1', this.t('addressLine1'))} ${field('address.line2', this.t('addressLine2'))}
            ${field('address.city', this.t('city'))} ${field('address.state', this.t('region'))}
            ${field('address.postcode', this.t('postcode'))}
            ${field('address.country', this.t('country'), { maxlength: 2, hint: this.t('countryHint') })}
          </div>
        </fieldset>
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

  #onSearch = (event: Event) => {
    this.onInput(event);
    this.#search((event.target as HTMLInputElement).value);
  };

  #searchNow = (event: SubmitEvent) => {
    event.preventDefault();
    this.#search.cancel();
    this.query = (this.values.q ?? '').trim();
  };

  #loadMore = async () => {
    const shown = this.items?.length ?? 0;
    const ok = await this.attempt('adminClientsMore', [], async (admin) => {
      const page = await admin.clients.list({
        q: this.query || undefined,
        status: this.status || undefined,
        limit: this.pageSize,
        cursor: this.nextCursor ?? undefined,
      });
      this.items = [...(this.items ?? []), ...page.items];
      this.nextCursor = page.nextCursor;
    });
    // Keyboard users carry on from the first client that was added, not from the top.
    if (ok) void this.focusPart(`tbody tr:nth-child(${shown + 1}) a`);
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
