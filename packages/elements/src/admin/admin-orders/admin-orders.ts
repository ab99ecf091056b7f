import type { AdminOrder, OrderStatus } from '@portico/sdk/admin';
import { billingAdminRoutes } from '@portico/sdk/contract';
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { rowButton } from '../../lib/form.js';
import { formatDateTime, formatMoney } from '../../lib/format.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { AdminElement } from '../lib/admin-element.js';
import {
  cycleName,
  ORDER_STATUSES,
  orderBadge,
  orderStatusKey,
  shortId,
  statusOptions,
} from '../lib/billing-labels.js';
import { statusFilter } from '../lib/list-search.js';
import { addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import { hashOf } from '../lib/routes.js';
import { adminStyles } from '../lib/styles.js';
import { dataTable, rowActions } from '../lib/table.js';

addAdminMessages('en', en.common, en.billing, en.orders);
addAdminMessages('es', es.common, es.billing, es.orders);

/**
 * The orders list: newest first, filtered by status, optionally narrowed to one client (`account-id`), paged with
 * "Load more". "View" shows an order's items (with the services they created) and its invoice; billing and admin
 * staff may cancel a pending order after a confirmation (its unpaid invoice and pending services are cancelled
 * with it).
 *
 * @summary Orders: filter, view, cancel pending ones.
 *
 * @attr account-id - Show only this client's orders.
 * @attr page-size - How many orders each request asks for (default 25).
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 *
 * @csspart heading - The page heading.
 * @csspart table - The orders table.
 * @csspart detail - The order shown with "View".
 * @csspart badge - A status label.
 * @csspart more - The "Load more" button.
 * @csspart empty - Shown when there are no orders (or none match).
 * @csspart dialog - The confirmation dialog.
 * @csspart loading - Shown while the first page loads.
 * @csspart load-error - Shown when the list could not be loaded.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-orders')
export class PortalAdminOrders extends AdminElement {
  static override styles = [hostStyles, formStyles, adminStyles];

  /** Show only this client's orders. */
  @property({ attribute: 'account-id' }) accountId = '';

  /** How many orders each request asks for. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 25;

  @state() private status: '' | OrderStatus = '';
  /** The order shown in detail. */
  @state() private shown?: AdminOrder;

  readonly #list = this.pagedList({
    action: 'adminOrders',
    args: () => [this.status, this.accountId, this.pageSize],
    fetch: (admin, [status, accountId, limit], page) =>
      admin.orders.list({ status: status || undefined, accountId: accountId || undefined, limit, ...page }),
    focus: 'button',
  });

  protected override render() {
    return html`<div class="page" lang=${this.textLang}>
      <h1 part="heading" tabindex="-1">${this.t('ordersTitle')}</h1>
      ${this.renderMessages()}
      ${this.accountId ? html`<p class="filtered"><a href=${hashOf('orders')}>${this.t('showAllOrders')}</a></p>` : nothing}
      ${this.shown ? this.#renderDetail(this.shown) : nothing}
      ${statusFilter({
        label: this.t('ordersTitle'),
        statusLabel: this.t('status'),
        value: this.status,
        options: statusOptions(this.t, ORDER_STATUSES, orderStatusKey),
        onChange: (status) => {
          this.status = status;
        },
      })}
      ${this.renderTask(this.#list.task, this.#list.items, (items) => this.#renderTable(items))}
      ${this.renderConfirm()}
    </div>`;
  }

  #renderTable(items: AdminOrder[]) {
    if (!items.length) {
      return html`<p part="empty" class="empty">
        ${this.status || this.accountId ? this.t('noOrdersMatch') : this.t('noOrders')}
      </p>`;
    }
    const lang = this.resolvedLocale;
    const canCancel = this.can(billingAdminRoutes.cancelOrder);
    return html`${dataTable({
      label: this.t('ordersTitle'),
      caption: this.t('ordersTitle'),
      busy: this.#list.pending,
      columns: [
        this.t('orderColumn'),
        this.t('billingClient'),
        this.t('orderItems'),
        this.t('status'),
        this.t('created'),
        { label: this.t('total'), numeric: true },
        this.t('actions'),
      ],
      rows: items.map(
        (o) => html`<tr>
          <td><code title=${o.id}>${shortId(o.id)}</code></td>
          <td><a href=${hashOf('client', o.accountId)}>${o.accountName}</a></td>
          <td>${o.items.map((item) => `${item.name} × ${item.quantity}`).join(', ')}</td>
          <td>${orderBadge(this.t, o.status)}</td>
          <td>${formatDateTime(lang, o.createdAt)}</td>
          <td class="num">${formatMoney(lang, o.total, o.currency)}</td>
          ${rowActions(
            rowButton({
              part: 'view',
              text: this.t('viewOrder'),
              ariaLabel: this.t('viewOrderOf', {
                name: o.accountName,
                date: formatDateTime(lang, o.createdAt),
              }),
              disabled: false,
              onClick: () => this.#show(o),
            }),
            canCancel && o.status === 'pending'
              ? rowButton({
                  part: 'cancel-order',
                  text: this.t('cancelOrder'),
                  ariaLabel: this.t('cancelOrderOf', {
                    name: o.accountName,
                    date: formatDateTime(lang, o.createdAt),
                  }),
                  danger: true,
                  disabled: this.busy,
                  onClick: () => this.#cancel(o),
                })
              : nothing,
          )}
        </tr>`,
      ),
    })}
    ${this.renderMore(this.#list)}`;
  }

  #renderDetail(o: AdminOrder) {
    const lang = this.resolvedLocale;
    return html`<section part="detail" class="card" aria-labelledby="order-title">
      <div class="page-header">
        <h2 id="order-title" tabindex="-1">${this.t('orderTitle', { id: o.id })}</h2>
        <button class="secondary small" type="button" @click=${this.#hide}>${this.t('close')}</button>
      </div>
      <dl>
        <dt>${this.t('billingClient')}</dt>
        <dd><a href=${hashOf('client', o.accountId)}>${o.accountName}</a></dd>
        <dt>${this.t('status')}</dt>
        <dd>${orderBadge(this.t, o.status)}</dd>
        <dt>${this.t('created')}</dt>
        <dd>${formatDateTime(lang, o.createdAt)}</dd>
        <dt>${this.t('total')}</dt>
        <dd>${formatMoney(lang, o.total, o.currency)}</dd>
        <dt>${this.t('orderInvoice')}</dt>
        <dd><a href=${hashOf('invoice', o.invoiceId)}>${this.t('openInvoice')}</a></dd>
      </dl>
      ${dataTable({
        label: this.t('orderItems'),
        caption: this.t('orderItems'),
        columns: [
          this.t('product'),
          this.t('cycle'),
          { label: this.t('quantity'), numeric: true },
          this.t('orderServices'),
        ],
        rows: o.items.map(
          (item) => html`<tr>
            <td>${item.name}</td>
            <td>${cycleName(this.t, item.cycle)}</td>
            <td class="num">${item.quantity}</td>
            <td>
              ${
                item.serviceIds.length
                  ? item.serviceIds.map(
                      (id, n) =>
                        html`${n ? ', ' : ''}<a href=${hashOf('service', id)}><code>${shortId(id)}</code></a>`,
                    )
                  : '—'
              }
            </td>
          </tr>`,
        ),
      })}
    </section>`;
  }

  #show(order: AdminOrder) {
    this.shown = order;
    void this.focusPart('#order-title');
  }

  #hide = () => {
    this.shown = undefined;
    void this.focusHeading();
  };

  async #cancel(order: AdminOrder) {
    const ok = await this.confirmAction({
      title: this.t('cancelOrderTitle', { name: order.accountName }),
      body: this.t('cancelOrderBody'),
      confirm: this.t('cancelOrder'),
      danger: true,
    });
    if (!ok) return;
    let saved: AdminOrder | undefined;
    await this.attempt('adminCancelOrder', [], async (admin) => {
      saved = await admin.orders.cancel(order.id);
    });
    if (!saved) return;
    const done = saved;
    this.#list.items = this.#list.items?.map((o) => (o.id === done.id ? done : o));
    if (this.shown?.id === done.id) this.shown = done;
    this.notice = this.t('orderCancelled', { name: done.accountName });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-orders': PortalAdminOrders;
  }
}
