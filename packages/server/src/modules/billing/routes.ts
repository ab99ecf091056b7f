import { billingRoutes } from '@portico/sdk/contract';
import { type Response, Router } from 'express';
import { type Auth, unauthenticated } from '../../http/auth.js';
import { type MountOptions, mount } from '../../http/validate.js';
import type { CatalogService } from './catalog.js';
import type { CreditService } from './credit.js';
import type { InvoicesService } from './invoices.js';
import type { OrdersService } from './orders.js';
import type { PaymentsService } from './payments.js';

/** The billing services the routes call. */
export interface BillingParts {
  catalog: CatalogService;
  orders: OrdersService;
  invoices: InvoicesService;
  credit: CreditService;
  payments: PaymentsService;
}

/** The principal of a `client` route (mount has authenticated it). */
function principal(auth: Auth | undefined): Auth {
  if (!auth) throw unauthenticated();
  return auth;
}

/** Sends a PDF as a download. */
export function sendPdf(res: Response, file: { fileName: string; data: Buffer }): void {
  res
    .status(200)
    .type('application/pdf')
    .setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`)
    .send(file.data);
}

/** Client API of billing: the store, orders, invoices, payments, credit and the gateway's webhook. */
export function billingRouter(parts: BillingParts, mountOptions: MountOptions): Router {
  const { catalog, orders, invoices, credit, payments } = parts;
  const router = Router();

  mount(router, billingRoutes.catalog, mountOptions, async ({ query, auth }) => catalog.catalog(query, auth));
  mount(router, billingRoutes.product, mountOptions, async ({ params, query, auth }) =>
    catalog.product(params.slug ?? '', query, auth),
  );
  mount(router, billingRoutes.quote, mountOptions, async ({ body, auth }) => catalog.quote(body, auth));

  mount(router, billingRoutes.placeOrder, mountOptions, async ({ body, auth }) =>
    orders.place(principal(auth), body),
  );
  mount(router, billingRoutes.listOrders, mountOptions, async ({ query, auth }) =>
    orders.list(principal(auth).accountId, query),
  );
  mount(router, billingRoutes.getOrder, mountOptions, async ({ params, auth }) =>
    orders.get(principal(auth).accountId, params.orderId ?? ''),
  );

  mount(router, billingRoutes.listInvoices, mountOptions, async ({ query, auth }) =>
    invoices.list(principal(auth).accountId, query),
  );
  mount(router, billingRoutes.getInvoice, mountOptions, async ({ params, auth }) =>
    invoices.get(principal(auth).accountId, params.invoiceId ?? ''),
  );
  mount(router, billingRoutes.invoicePdf, mountOptions, async ({ res, params, auth }) => {
    const who = principal(auth);
    sendPdf(res, await invoices.pdf(who.accountId, who.userId, params.invoiceId ?? ''));
  });

  mount(router, billingRoutes.gateways, mountOptions, async () => payments.gateways());
  mount(router, billingRoutes.payInvoice, mountOptions, async ({ params, body, auth }) =>
    payments.pay(principal(auth), params.invoiceId ?? '', body),
  );
  mount(router, billingRoutes.getPayment, mountOptions, async ({ params, auth }) =>
    payments.get(principal(auth).accountId, params.paymentId ?? ''),
  );
  mount(router, billingRoutes.confirmPayment, mountOptions, async ({ params, body, auth }) =>
    payments.confirm(principal(auth).accountId, params.paymentId ?? '', body.outcome),
  );
  mount(router, billingRoutes.applyCredit, mountOptions, async ({ params, body, auth }) =>
    credit.apply(principal(auth).accountId, params.invoiceId ?? '', body),
  );
  mount(router, billingRoutes.credit, mountOptions, async ({ auth }) =>
    credit.balances(principal(auth).accountId),
  );
  mount(router, billingRoutes.creditEntries, mountOptions, async ({ query, auth }) =>
    credit.entries(principal(auth).accountId, query),
  );

  mount(router, billingRoutes.stripeWebhook, mountOptions, async ({ req }) =>
    payments.webhook(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), req.get('stripe-signature')),
  );
  return router;
}
