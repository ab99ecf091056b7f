import type { AdminService, ServiceStatus } from '@portico/sdk/admin';
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatDate, formatMoney } from '../../lib/format.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { AdminElement } from '../lib/admin-element.js';
import {
  cycleName,
  SERVICE_STATUSES,
  serviceBadge,
  serviceStatusKey,
  statusOptions,
} from '../lib/billing-labels.js';
import { badge } from '../lib/form.js';
import { statusFilter } from '../lib/list-search.js';
import { addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import { hashOf } from '../lib/routes.js';
import { adminStyles } from '../lib/styles.js';
import { dataTable } from '../lib/table.js';

addAdminMessages('en', en.common, en.billing, en.services);
addAdminMessages('es', es.common, es.billing, es.services);

/**
 * The services list: newest first, filtered by status, optionally narrowed to one client (`account-id`, from
 * `#/services?account=…`), paged with "Load more". Each service links to its page (`#/services/<id>`), where staff
 * suspend, reactivate, activate, cancel or change it; a service whose client asked to cancel says so.
 *
 * @summary Services: filter by status, narrow to a client, open one.
 *
 * @attr account-id - Show only this client's services.
 * @attr page-size - How many services each request asks for (default 25).
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 *
 * @csspart heading - The page heading.
 * @csspart table - The services table.
 * @csspart badge - A status label.
 * @csspart more - The "Load more" button.
 * @csspart empty - Shown when there are no services (or none match).
 * @csspart loading - Shown while the first page loads.
 * @csspart load-error - Shown when the list could not be loaded.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-services')
export class PortalAdminServices extends AdminElement {
  static override styles = [hostStyles, formStyles, adminStyles];

  /** Show only this client's services. */
  @property({ attribute: 'account-id' }) accountId = '';

  /** How many services each request asks for. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 25;

  @state() private status: '' | ServiceStatus = '';

  readonly #list = this.pagedList({
    action: 'adminServices',
    args: () => [this.status, this.accountId, this.pageSize],
    fetch: (admin, [status, accountId, limit], page) =>
      admin.services.list({ status: status || undefined, accountId: accountId || undefined, limit, ...page }),
    focus: 'a',
  });

  protected override render() {
    const client = this.accountId ? this.#list.items?.[0]?.accountName : undefined;
    return html`<div class="page" lang=${this.textLang}>
      <div class="page-header">
        <h1 part="heading" tabindex="-1">${this.t('servicesTitle')}</h1>
        <a href=${hashOf('cancellations')}>${this.t('cancellationQueueLink')}</a>
      </div>
      ${this.renderMessages()}
      ${
        this.accountId
          ? html`<p class="filtered">
              ${client ? this.t('servicesOfClient', { name: client }) : this.t('servicesOfOneClient')}
              <a href=${hashOf('services')}>${this.t('showAllServices')}</a>
            </p>`
          : nothing
      }
      ${statusFilter({
        label: this.t('servicesTitle'),
        statusLabel: this.t('status'),
        value: this.status,
        options: statusOptions(this.t, SERVICE_STATUSES, serviceStatusKey),
        onChange: (status) => {
          this.status = status;
        },
      })}
      ${this.renderTask(this.#list.task, this.#list.items, (items) => this.#renderTable(items))}
    </div>`;
  }

  #renderTable(items: AdminService[]) {
    if (!items.length) {
      return html`<p part="empty" class="empty">
        ${this.status || this.accountId ? this.t('noServicesMatch') : this.t('noServices')}
      </p>`;
    }
    const lang = this.resolvedLocale;
    return html`${dataTable({
      label: this.t('servicesTitle'),
      caption: this.t('servicesTitle'),
      busy: this.#list.pending,
      columns: [
        this.t('service'),
        this.t('billingClient'),
        this.t('status'),
        this.t('cycle'),
        { label: this.t('price'), numeric: true },
        this.t('nextDue'),
      ],
      rows: items.map(
        (s) => html`<tr>
          <td>
            <a href=${hashOf('service', s.id)}>${s.productName}</a>
            ${s.label ? html`<br /><span class="muted">${s.label}</span>` : nothing}
          </td>
          <td><a href=${hashOf('client', s.accountId)}>${s.accountName}</a></td>
          <td>
            ${serviceBadge(this.t, s.status)}
            ${s.cancellation?.status === 'pending' ? badge(this.t('cancellationRequested'), 'warn') : nothing}
          </td>
          <td>${cycleName(this.t, s.cycle)}</td>
          <td class="num">${formatMoney(lang, s.amount, s.currency)}</td>
          <td>${formatDate(lang, s.nextDueAt) || '—'}</td>
        </tr>`,
      ),
    })}
    ${this.renderMore(this.#list)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-services': PortalAdminServices;
  }
}
