import { type Dashboard, grants } from '@portico/sdk/contract';
import type { Db } from '../../db/database.js';
import type { Auth } from '../../http/auth.js';
import { InvoiceStore as BillingStore } from '../billing/invoice-store.js';
import { toSummary } from '../billing/invoices.js';
import { SupportStore } from '../support/store.js';
import { InvoiceStore } from './invoice-store.js';
import { ServicesStore } from './store.js';
import { toService } from './views.js';

/** How many recent invoices and upcoming renewals the dashboard shows. */
export const DASHBOARD_ITEMS = 5;

/**
 * The account at a glance. Each part is read only when the person may see its area (`billing:read` for money,
 * `services:read` for services, `support:read` for tickets), and is null otherwise.
 */
export class DashboardReader {
  readonly #services: ServicesStore;
  readonly #invoices: InvoiceStore;
  /** Billing's own reads: the invoice list and the credit balances. */
  readonly #billing: BillingStore;
  readonly #support: SupportStore;

  constructor(db: Db) {
    this.#support = new SupportStore(db);
    this.#services = new ServicesStore(db);
    this.#invoices = new InvoiceStore(db);
    this.#billing = new BillingStore(db);
  }

  async read(auth: Auth): Promise<Dashboard> {
    const { accountId } = auth;
    const billing = grants(auth.permissions, 'billing:read');
    const services = grants(auth.permissions, 'services:read');
    const [amountDue, overdueInvoices, credit, recent] = billing
      ? await Promise.all([
          this.#invoices.amountDue(accountId),
          this.#invoices.countOverdue(accountId),
          this.#billing.balances(accountId),
          this.#billing.listForAccount(accountId, { limit: DASHBOARD_ITEMS }),
        ])
      : [null, null, null, null];
    const [activeServices, upcoming] = services
      ? await Promise.all([
          this.#services.countActive(accountId),
          this.#services.upcomingRenewals(accountId, DASHBOARD_ITEMS),
        ])
      : [null, null];
    const openTickets = grants(auth.permissions, 'support:read')
      ? await this.#support.countActive(accountId)
      : null;
    const latest = upcoming
      ? await this.#services.latestCancellations(
          accountId,
          upcoming.map((s) => s.id),
        )
      : undefined;
    return {
      amountDue,
      overdueInvoices,
      credit: credit?.filter((c) => c.amount !== 0) ?? null,
      activeServices,
      openTickets,
      recentInvoices: recent?.map(toSummary) ?? null,
      upcomingRenewals: upcoming?.map((row) => toService(row, latest?.get(row.id))) ?? null,
    };
  }
}
