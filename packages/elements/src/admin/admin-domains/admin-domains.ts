import type { AdminDomain, DomainStatus } from '@portico/sdk/admin';
import { html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatDate } from '../../lib/format.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { AdminElement } from '../lib/admin-element.js';
import { statusOptions } from '../lib/billing-labels.js';
import { DOMAIN_STATUS_LIST, domainBadge, domainStatusKey } from '../lib/domain-labels.js';
import { ListSearch } from '../lib/list-search.js';
import { addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import { registrarName, registrarsOf } from '../lib/registrars.js';
import { hashOf } from '../lib/routes.js';
import { adminStyles } from '../lib/styles.js';
import { dataTable } from '../lib/table.js';

addAdminMessages('en', en.common, en.domains, en.domainList);
addAdminMessages('es', es.common, es.domains, es.domainList);

/** How many failed domains the page counts (one request); beyond it, it says "more than". */
const FAILED_COUNT_LIMIT = 100;

/**
 * Clients' domains (`#/domains`): newest first, searched by name (ASCII or Unicode, as you type), filtered by
 * status, optionally narrowed to one client (`account-id`, from `#/domains?account=…`), paged with "Load more".
 * Domains that failed at the registrar stand out: the page counts them and offers to show only them. Each domain
 * links to its page (`#/domains/<id>`), where staff retry or sync it.
 *
 * @summary Domains: search, filter by status, narrow to a client, open one.
 *
 * @attr account-id - Show only this client's domains.
 * @attr page-size - How many domains each request asks for (default 25).
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 *
 * @csspart heading - The page heading.
 * @csspart failed - The count of failed domains, with "Show failed domains".
 * @csspart table - The domains table.
 * @csspart badge - A status label.
 * @csspart more - The "Load more" button.
 * @csspart empty - Shown when there are no domains (or none match).
 * @csspart loading - Shown while the first page loads.
 * @csspart load-error - Shown when the list could not be loaded.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-domains')
export class PortalAdminDomains extends AdminElement {
  static override styles = [hostStyles, formStyles, adminStyles];

  /** Show only this client's domains. */
  @property({ attribute: 'account-id' }) accountId = '';

  /** How many domains each request asks for. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 25;

  /** Milliseconds after the last keystroke before the search runs. */
  @property({ attribute: false }) searchDelay = 300;

  readonly #search = new ListSearch<DomainStatus>(this, {
    delay: () => this.searchDelay,
    onInput: this.onInput,
    typed: () => this.values.q,
  });

  readonly #list = this.pagedList({
    action: 'adminDomains',
    args: () => [this.#search.query, this.#search.status, this.accountId, this.pageSize],
    fetch: (admin, [q, status, accountId, limit], page) =>
      admin.domains.list({
        q: q || undefined,
        status: status || undefined,
        accountId: accountId || undefined,
        limit,
        ...page,
      }),
    focus: 'a',
  });

  /** The failed domains (of the client, when narrowed), counted up to FAILED_COUNT_LIMIT. */
  readonly #failed = this.loadTask(
    'adminFailedDomains',
    () => [this.accountId],
    async (admin, [accountId]) => {
      const page = await admin.domains.list({
        status: 'failed',
        accountId: accountId || undefined,
        limit: FAILED_COUNT_LIMIT,
      });
      return { count: page.items.length, more: !!page.nextCursor };
    },
  );

  /** The registrars' names for the registrar column (their ids show until they come, or if they cannot). */
  readonly #registrars = this.loadTask(
    'adminRegistrars',
    () => [],
    (admin) => registrarsOf(admin),
  );

  protected override render() {
    const client = this.accountId ? this.#list.items?.[0]?.accountName : undefined;
    return html`<div class="page" lang=${this.textLang}>
      <h1 part="heading" tabindex="-1">${this.t('domainsTitle')}</h1>
      ${this.renderMessages()}
      ${
        this.accountId
          ? html`<p class="filtered">
              ${client ? this.t('domainsOfClient', { name: client }) : this.t('domainsOfOneClient')}
              <a href=${hashOf('domains')}>${this.t('showAllDomains')}</a>
            </p>`
          : nothing
      }
      ${this.#renderFailed()}
      ${this.#search.render({
        label: this.t('domainsTitle'),
        searchLabel: this.t('searchDomains'),
        statusLabel: this.t('status'),
        statuses: statusOptions(this.t, DOMAIN_STATUS_LIST, domainStatusKey),
      })}
      ${this.renderTask(this.#list.task, this.#list.items, (items) => this.#renderTable(items))}
    </div>`;
  }

  /** A callout while domains are failed (a failed count request only hides it: the list says the rest). */
  #renderFailed() {
    const failed = this.#failed.value;
    if (!failed?.count || this.#search.status === 'failed') return nothing;
    const text = failed.more
      ? this.t('failedDomainsLots', { count: failed.count })
      : failed.count === 1
        ? this.t('failedDomainsOne')
        : this.t('failedDomainsMany', { count: failed.count });
    return html`<div part="failed" class="load-error">
      <p>${text}</p>
      <button class="secondary small" type="button" @click=${this.#showFailed}>${this.t('showFailedDomains')}</button>
    </div>`;
  }

  #renderTable(items: AdminDomain[]) {
    if (!items.length) {
      return html`<p part="empty" class="empty">
        ${this.#search.filtered || this.accountId ? this.t('noDomainsMatch') : this.t('noDomains')}
      </p>`;
    }
    const lang = this.resolvedLocale;
    return html`${dataTable({
      label: this.t('domainsTable'),
      caption: this.t('domainsTable'),
      busy: this.#list.pending,
      columns: [
        this.t('domainColumn'),
        this.t('domainClient'),
        this.t('status'),
        this.t('domainExpires'),
        this.t('domainAutoRenew'),
        this.t('domainRegistrar'),
      ],
      rows: items.map(
        (d) => html`<tr>
          <td>
            <a href=${hashOf('domain', d.id)}>${d.unicode}</a>
            ${d.unicode === d.domain ? nothing : html`<br /><span class="muted mono">${d.domain}</span>`}
          </td>
          <td><a href=${hashOf('client', d.accountId)}>${d.accountName}</a></td>
          <td>${domainBadge(this.t, d.status)}</td>
          <td>${formatDate(lang, d.expiresAt) || '—'}</td>
          <td>${d.autoRenew ? this.t('switchedOn') : this.t('switchedOff')}</td>
          <td>${registrarName(this.#registrars.value, d.registrar)}</td>
        </tr>`,
      ),
    })}
    ${this.renderMore(this.#list)}`;
  }

  #showFailed = () => {
    this.#search.status = 'failed';
    void this.focusField('status');
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-domains': PortalAdminDomains;
  }
}
