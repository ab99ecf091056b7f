import type {
  AdminOrder,
  AdminOrderQuerySchema,
  Invoice,
  Order,
  OrderDomain,
  OrderInputSchema,
  PageQuerySchema,
} from '@portico/sdk/contract';
import type { Transaction } from 'kysely';
import type * as z from 'zod';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { Clock, IdGenerator } from '../../deps.js';
import type { Auth } from '../../http/auth.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { StaffChange } from '../settings/service.js';
import type { Settings } from '../settings/settings.js';
import { type CatalogService, linesOf } from './catalog.js';
import { addCycle } from './cycles.js';
import { BillingErrors } from './errors.js';
import type { DomainOrderLines } from './hooks.js';
import {
  DEFAULT_LIMIT,
  InvoiceStore,
  type OrderItemRow,
  type OrderRow,
  pageOf,
  readKeyset,
  type Trx,
} from './invoice-store.js';
import { type DraftLine, writeInvoice } from './invoice-writer.js';
import { type InvoicesService, mailInvoice } from './invoices.js';

type OrderInput = z.output<typeof OrderInputSchema>;
type PageQuery = z.output<typeof PageQuerySchema>;
type AdminQuery = z.output<typeof AdminOrderQuerySchema>;

export interface OrdersDeps {
  db: Db;
  settings: Settings;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditLog;
  catalog: CatalogService;
  invoices: InvoicesService;
  /** Domains in orders (the domains module); without it an order with domains is refused. */
  domains?: DomainOrderLines | undefined;
}

type OrderItems = Awaited<ReturnType<InvoiceStore['orderItems']>> & {
  domains: Map<string, OrderDomain[]>;
};

function toOrder(row: OrderRow, { items, services, domains }: OrderItems): Order {
  return {
    id: row.id,
    status: row.status,
    currency: row.currency,
    total: row.total,
    invoiceId: row.invoice_id,
    items: items
      .filter((item: OrderItemRow) => item.order_id === row.id)
      .map((item) => ({
        productId: item.product_id,
        name: item.name,
        cycle: item.cycle,
        quantity: item.quantity,
        serviceIds: services.filter((s) => s.order_item_id === item.id).map((s) => s.id),
      })),
    domains: domains.get(row.id) ?? [],
    createdAt: row.created_at,
  };
}

/**
 * Orders: the server prices every line itself, takes stock, and writes the order, a pending service per unit and
 * the unpaid invoice in one transaction. Paying the invoice activates the order (and, through the services
 * module's hooks, its services); cancelling it cancels the order.
 */
export class OrdersService {
  readonly #d: OrdersDeps;
  readonly #store: InvoiceStore;

  constructor(deps: OrdersDeps) {
    this.#d = deps;
    this.#store = new InvoiceStore(deps.db);
  }

  /** The items of some orders with the services and domains each made. */
  async #contents(orderIds: readonly string[], db: Trx = this.#d.db): Promise<OrderItems> {
    const [items, domains] = await Promise.all([
      new InvoiceStore(db).orderItems(orderIds),
      this.#d.domains ? this.#d.domains.ofOrders(db, orderIds) : new Map<string, OrderDomain[]>(),
    ]);
    return { ...items, domains };
  }

  /** The domain side of orders, or a 422 on the first domain when this server sells none. */
  #domains(count: number): DomainOrderLines | undefined {
    if (count && !this.#d.domains)
      throw BillingErrors.productUnavailable('domains.0.domain', 'Domains are not sold here.');
    return this.#d.domains;
  }

  /**
   * Places an order for the account. Prices, setup fees and tax come from the catalog, the TLD price book and the
   * account's address; whatever money fields the request carried were never parsed. Domains to register are
   * checked with their registry first, outside the transaction. A zero total is paid at once.
   */
  async place(auth: Auth, input: OrderInput): Promise<{ order: Order; invoice: Invoice }> {
    const { termsUrl, billing } = this.#d.settings.current;
    const currency = await this.#d.catalog.currencyFor(input.currency, auth);
    if (termsUrl && input.acceptTerms !== true) throw BillingErrors.termsNotAccepted();
    const domains = this.#domains(input.domains.length);
    await domains?.prepare(input.domains, currency);
    const now = this.#d.clock.now().toISOString();
    const orderId = this.#d.ids('ord');
    const invoiceId = await this.#d.db.transaction().execute(async (trx) => {
      const store = new InvoiceStore(trx);
      const items = await this.#d.catalog.price(input.items, currency, trx);
      await this.#d.catalog.takeStock(trx, items);
      // The invoice is written last (it names the services); the order points at it once it exists.
      await store.insertOrder({
        id: orderId,
        account_id: auth.accountId,
        user_id: auth.userId,
        status: 'pending',
        currency,
        total: 0,
        invoice_id: '',
        notes: input.notes ?? '',
        created_at: now,
        updated_at: now,
      });
      const itemRows = items.map((item, position) => ({
        id: this.#d.ids('ordi'),
        order_id: orderId,
        position,
        product_id: item.product.id,
        name: item.product.name,
        cycle: item.cycle,
        quantity: item.quantity,
      }));
      await store.insertOrderItems(itemRows);
      const lines: DraftLine[] = [];
      for (const [i, item] of items.entries()) {
        const periodEnd = addCycle(now, item.cycle)?.toISOString() ?? null;
        const [productLine, setupLine] = linesOf(item, 1);
        for (let unit = 0; unit < item.quantity; unit++) {
          const serviceId = this.#d.ids('svc');
          await trx
            .insertInto('services')
            .values({
              id: serviceId,
              account_id: auth.accountId,
              product_id: item.product.id,
              order_id: orderId,
              order_item_id: itemRows[i]!.id,
              product_name: item.product.name,
              label: null,
              status: 'pending',
              cycle: item.cycle,
              currency,
              amount: item.amount,
              next_due_at: null,
              activated_at: null,
              suspended_at: null,
              suspend_reason: null,
              suspended_by: null,
              cancelled_at: null,
              created_at: now,
              updated_at: now,
            })
            .execute();
          lines.push({ ...productLine!, serviceId, periodStart: now, periodEnd });
        }
        if (setupLine) lines.push({ ...setupLine, quantity: item.quantity });
      }
      if (domains) {
        lines.push(
          ...(await domains.place(trx, { accountId: auth.accountId, orderId, currency, now }, input.domains)),
        );
      }
      const invoice = await writeInvoice(trx, this.#d.ids, billing, {
        accountId: auth.accountId,
        orderId,
        currency,
        status: 'unpaid',
        lines,
        now,
      });
      await store.setOrderInvoice(orderId, invoice.id, invoice.total);
      await this.#d.invoices.settle(trx, invoice.id, now);
      return invoice.id;
    });
    const invoice = await this.#d.invoices.get(auth.accountId, invoiceId);
    const row = await this.#store.find(invoiceId);
    if (row)
      await this.#d.invoices.mail(auth.accountId, [{ name: 'invoice-issued', invoice: mailInvoice(row) }]);
    return { order: await this.get(auth.accountId, orderId), invoice };
  }

  async list(accountId: string, query: PageQuery): Promise<{ items: Order[]; nextCursor: string | null }> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.#store.ordersForAccount(accountId, {
      after: readKeyset(query.cursor),
      limit: limit + 1,
    });
    const items = await this.#contents(rows.slice(0, limit).map((r) => r.id));
    return pageOf(rows, limit, (row) => toOrder(row, items));
  }

  /** The account's order; another account's is the same 404 as a missing one. */
  async get(accountId: string, id: string): Promise<Order> {
    const row = await this.#store.findOrderForAccount(accountId, id);
    if (!row) throw BillingErrors.notFound('order');
    return toOrder(row, await this.#contents([id]));
  }

  // ─── Staff ──────────────────────────────────────────────────────────────────────────────────────────────

  async adminList(query: AdminQuery): Promise<{ items: AdminOrder[]; nextCursor: string | null }> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.#store.adminOrders({
      status: query.status,
      accountId: query.accountId,
      after: readKeyset(query.cursor),
      limit: limit + 1,
    });
    const items = await this.#contents(rows.slice(0, limit).map((r) => r.id));
    return pageOf(rows, limit, (row) => ({
      ...toOrder(row, items),
      accountId: row.account_id,
      accountName: row.account_name,
    }));
  }

  async adminGet(id: string, db: Trx = this.#d.db): Promise<AdminOrder> {
    const store = new InvoiceStore(db);
    const row = await store.adminFindOrder(id);
    if (!row) throw BillingErrors.notFound('order');
    return {
      ...toOrder(row, await this.#contents([id], db)),
      accountId: row.account_id,
      accountName: row.account_name,
    };
  }

  /**
   * Ends a pending order: its services that never started are cancelled and its stock returns. Runs in the
   * caller's transaction (the invoice's `cancelled` hook calls it); false when the order was not pending.
   */
  async cancelInTrx(trx: Transaction<Database>, orderId: string, now: string): Promise<boolean> {
    const store = new InvoiceStore(trx);
    if (!(await store.transitionOrder(orderId, 'pending', 'cancelled', now))) return false;
    const { items } = await store.orderItems([orderId]);
    await this.#d.catalog.returnStock(trx, items);
    await store.cancelPendingServices(orderId, now);
    return true;
  }

  /** Cancels a pending order with its unpaid invoice (credit applied returns to the account). */
  async cancel(id: string, change: StaffChange): Promise<AdminOrder> {
    const now = this.#d.clock.now().toISOString();
    await this.#d.db.transaction().execute(async (trx) => {
      const store = new InvoiceStore(trx);
      const order = await store.adminFindOrder(id);
      if (!order) throw BillingErrors.notFound('order');
      if (order.status !== 'pending') {
        throw BillingErrors.conflict(`This order is ${order.status}: only pending orders can be cancelled.`);
      }
      // Cancelling the invoice cancels the order through the hook; an invoice no longer payable leaves it to us.
      await this.#d.invoices.cancelInTrx(trx, order.invoice_id, now, change.staff.staffId);
      await this.cancelInTrx(trx, id, now);
      await trx
        .insertInto('audit_log')
        .values(
          this.#d.audit.row({
            actor: { type: 'staff', id: change.staff.staffId, label: change.staff.email },
            action: 'order.cancelled',
            target: { type: 'order', id },
            accountId: order.account_id,
            origin: change.origin,
            details: { invoiceId: order.invoice_id },
          }),
        )
        .execute();
    });
    return this.adminGet(id);
  }
}
