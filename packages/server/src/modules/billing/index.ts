import type { Router } from 'express';
import type { Logger } from 'pino';
import type { Db } from '../../db/database.js';
import type { Clock, IdGenerator } from '../../deps.js';
import type { RateLimiter } from '../../http/rate-limit.js';
import type { MountOptions } from '../../http/validate.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Settings } from '../settings/settings.js';
import { billingAdminRouter } from './admin-routes.js';
import { BillingSettingsService, type GatewayConsole } from './billing-settings.js';
import { CatalogService } from './catalog.js';
import { CreditService } from './credit.js';
import type { GatewayRegistry } from './gateways/gateway.js';
import type { DomainOrderLines, InvoiceEvents } from './hooks.js';
import { InvoiceStore } from './invoice-store.js';
import { InvoicesService } from './invoices.js';
import type { BillingMailer } from './mail.js';
import { OrdersService } from './orders.js';
import { PaymentsService } from './payments.js';
import { billingRouter } from './routes.js';

/** What billing needs from the app. */
export interface BillingDeps {
  db: Db;
  settings: Settings;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditLog;
  rate: RateLimiter;
  logger: Logger;
  /** The gateways as the settings have them, with their console side. */
  gateways: GatewayRegistry & GatewayConsole;
  /** Hooks other modules registered on invoice changes (services activate on `paid`). */
  events: InvoiceEvents;
  mailer: BillingMailer;
  /** Domains in quotes and orders (the domains module's DomainOrders). */
  domains?: DomainOrderLines | undefined;
}

/** The store, orders, invoices, payments and credit, and their client and staff routers. */
export interface Billing {
  /** Client API routes (`/api/v1`). */
  router(mountOptions: MountOptions): Router;
  /** Staff API routes (`/api/admin/v1`). */
  adminRouter(mountOptions: MountOptions): Router;
  catalog: CatalogService;
  orders: OrdersService;
  invoices: InvoicesService;
  credit: CreditService;
  payments: PaymentsService;
  settings: BillingSettingsService;
}

/**
 * Builds billing. Its own invoice hooks keep orders in step with their invoices: a paid invoice activates its
 * order; a cancelled one cancels it (pending services end, stock returns).
 */
export function createBilling(deps: BillingDeps): Billing {
  const catalog = new CatalogService(deps);
  const invoices = new InvoicesService(deps);
  const orders = new OrdersService({ ...deps, catalog, invoices });
  const credit = new CreditService({ ...deps, invoices });
  const payments = new PaymentsService({ ...deps, invoices });
  const settings = new BillingSettingsService(deps);
  deps.events.on({
    async paid(trx, invoice, now) {
      if (invoice.order_id) {
        await new InvoiceStore(trx).transitionOrder(invoice.order_id, 'pending', 'active', now);
      }
    },
    async cancelled(trx, invoice, now) {
      if (invoice.order_id) await orders.cancelInTrx(trx, invoice.order_id, now);
    },
  });
  const parts = { catalog, orders, invoices, credit, payments };
  return {
    ...parts,
    settings,
    router: (mountOptions) => billingRouter(parts, mountOptions),
    adminRouter: (mountOptions) => billingAdminRouter({ ...parts, settings }, mountOptions),
  };
}
