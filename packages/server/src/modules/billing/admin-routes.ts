import { billingAdminRoutes as routes } from '@portico/sdk/contract';
import { type Request, Router } from 'express';
import type { StaffAuth } from '../../http/auth.js';
import { unauthenticated } from '../../http/auth.js';
import { type MountOptions, mount } from '../../http/validate.js';
import { originOf } from '../audit/audit-log.js';
import type { StaffChange } from '../settings/service.js';
import type { BillingSettingsService } from './billing-settings.js';
import { type BillingParts, sendPdf } from './routes.js';

/**
 * The staff member behind a staff route (mount has authenticated them) and where the request came from: what every
 * audited staff change takes.
 */
export function staffChange(req: Request, staff: StaffAuth | undefined): StaffChange {
  if (!staff) throw unauthenticated();
  return { staff, origin: originOf(req) };
}

/**
 * Staff API of billing: products, orders, invoices, payments, credit, billing settings and gateways. Every change
 * is audited by the service that makes it.
 */
export function billingAdminRouter(
  parts: BillingParts & { settings: BillingSettingsService },
  mountOptions: MountOptions,
): Router {
  const { catalog, orders, invoices, credit, payments, settings } = parts;
  const router = Router();

  mount(router, routes.listGroups, mountOptions, async () => ({ items: await catalog.listGroups() }));
  mount(router, routes.createGroup, mountOptions, async ({ req, body, staff }) =>
    catalog.createGroup(body, staffChange(req, staff)),
  );
  mount(router, routes.updateGroup, mountOptions, async ({ req, params, body, staff }) =>
    catalog.updateGroup(params.groupId ?? '', body, staffChange(req, staff)),
  );
  mount(router, routes.removeGroup, mountOptions, async ({ req, params, staff }) =>
    catalog.removeGroup(params.groupId ?? '', staffChange(req, staff)),
  );
  mount(router, routes.listProducts, mountOptions, async () => ({ items: await catalog.listProducts() }));
  mount(router, routes.createProduct, mountOptions, async ({ req, body, staff }) =>
    catalog.createProduct(body, staffChange(req, staff)),
  );
  mount(router, routes.getProduct, mountOptions, async ({ params }) =>
    catalog.getProduct(params.productId ?? ''),
  );
  mount(router, routes.updateProduct, mountOptions, async ({ req, params, body, staff }) =>
    catalog.updateProduct(params.productId ?? '', body, staffChange(req, staff)),
  );
  mount(router, routes.removeProduct, mountOptions, async ({ req, params, staff }) =>
    catalog.removeProduct(params.productId ?? '', staffChange(req, staff)),
  );

  mount(router, routes.listOrders, mountOptions, async ({ query }) => orders.adminList(query));
  mount(router, routes.getOrder, mountOptions, async ({ params }) => orders.adminGet(params.orderId ?? ''));
  mount(router, routes.cancelOrder, mountOptions, async ({ req, params, staff }) =>
    orders.cancel(params.orderId ?? '', staffChange(req, staff)),
  );

  mount(router, routes.listInvoices, mountOptions, async ({ query }) => invoices.adminList(query));
  mount(router, routes.createInvoice, mountOptions, async ({ req, body, staff }) =>
    invoices.create(body, staffChange(req, staff)),
  );
  mount(router, routes.getInvoice, mountOptions, async ({ params }) =>
    invoices.adminGet(params.invoiceId ?? ''),
  );
  mount(router, routes.updateInvoice, mountOptions, async ({ req, params, body, staff }) =>
    invoices.update(params.invoiceId ?? '', body, staffChange(req, staff)),
  );
  mount(router, routes.issueInvoice, mountOptions, async ({ req, params, staff }) =>
    invoices.issue(params.invoiceId ?? '', staffChange(req, staff)),
  );
  mount(router, routes.cancelInvoice, mountOptions, async ({ req, params, staff }) =>
    invoices.cancel(params.invoiceId ?? '', staffChange(req, staff)),
  );
  mount(router, routes.refundInvoice, mountOptions, async ({ req, params, body, staff }) =>
    payments.refund(params.invoiceId ?? '', body, staffChange(req, staff)),
  );
  mount(router, routes.recordPayment, mountOptions, async ({ req, params, body, staff }) =>
    payments.record(params.invoiceId ?? '', body, staffChange(req, staff)),
  );
  mount(router, routes.invoicePdf, mountOptions, async ({ res, params }) => {
    sendPdf(res, await invoices.adminPdf(params.invoiceId ?? ''));
  });
  mount(router, routes.listPayments, mountOptions, async ({ query }) => payments.adminList(query));

  mount(router, routes.accountCredit, mountOptions, async ({ params }) =>
    credit.adminCredit(params.accountId ?? ''),
  );
  mount(router, routes.adjustCredit, mountOptions, async ({ req, params, body, staff }) =>
    credit.adjust(params.accountId ?? '', body, staffChange(req, staff)),
  );

  mount(router, routes.getSettings, mountOptions, async () => settings.get());
  mount(router, routes.updateSettings, mountOptions, async ({ req, body, staff }) =>
    settings.update(body, staffChange(req, staff)),
  );
  mount(router, routes.listGateways, mountOptions, async () => settings.gateways());
  mount(router, routes.updateGateway, mountOptions, async ({ req, params, body, staff }) =>
    settings.updateGateway(params.gatewayId ?? '', body, staffChange(req, staff)),
  );
  return router;
}
