import * as z from 'zod/mini';
import {
  AmountSchema,
  BillingCycleSchema,
  CancellationSchema,
  CancellationStatusSchema,
  CreditEntrySchema,
  InvoiceLineKindSchema,
  InvoiceSchema,
  InvoiceStatusSchema,
  InvoiceSummarySchema,
  MoneySchema,
  OrderSchema,
  OrderStatusSchema,
  PaymentSchema,
  PaymentStatusSchema,
  PositiveAmountSchema,
  ProductTypeSchema,
  ServiceSchema,
  ServiceStatusSchema,
} from './billing.js';
import { CurrencySchema } from './clients.js';
import {
  adminRoutesOf,
  defineRoute,
  idSchema,
  itemsSchema,
  PageQuerySchema,
  pageSchema,
  staffOnly,
  TimestampSchema,
} from './common.js';

const text = (max: number, label: string) =>
  z
    .string()
    .check(
      z.trim(),
      z.minLength(1, { error: `${label} is required` }),
      z.maxLength(max, { error: `${label} must be at most ${max} characters` }),
    );
const longText = (max: number) => z.string().check(z.trim(), z.maxLength(max));
const slug = z
  .string()
  .check(
    z.trim(),
    z.toLowerCase(),
    z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'Use lower-case letters, digits and single hyphens' }),
    z.maxLength(80),
  );
/** A calendar date or a timestamp; stored as an ISO timestamp. */
const WhenSchema = z.string().check(
  z.refine((v) => /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(v) && !Number.isNaN(Date.parse(v)), {
    error: 'Use a date such as 2026-12-31',
  }),
);

// ─── Catalog ────────────────────────────────────────────────────────────────────────────────────────────────

export const AdminProductGroupSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  sortOrder: z.int(),
  hidden: z.boolean(),
  productCount: z.int(),
  createdAt: TimestampSchema,
});
export type AdminProductGroup = z.infer<typeof AdminProductGroupSchema>;

export const ProductGroupInputSchema = z.object({
  name: text(120, 'Name'),
  slug: z.optional(slug),
  description: z.optional(longText(2000)),
  sortOrder: z.optional(z.int()),
  hidden: z.optional(z.boolean()),
});
export type ProductGroupInput = z.input<typeof ProductGroupInputSchema>;
export const ProductGroupUpdateSchema = z.partial(ProductGroupInputSchema);
export type ProductGroupUpdate = z.input<typeof ProductGroupUpdateSchema>;

/** A price as staff set it: one per currency per cycle. */
export const PriceInputSchema = z.object({
  currency: CurrencySchema,
  cycle: BillingCycleSchema,
  amount: z.int().check(z.minimum(0, { error: 'A price cannot be negative' }), z.maximum(1_000_000_000_000)),
  setupFee: z.optional(z.int().check(z.minimum(0), z.maximum(1_000_000_000_000))),
});
export type PriceInput = z.input<typeof PriceInputSchema>;

export const AdminProductSchema = z.object({
  id: z.string(),
  groupId: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  features: z.array(z.string()),
  type: ProductTypeSchema,
  featured: z.boolean(),
  hidden: z.boolean(),
  /** Units left; null when stock is not tracked. */
  stock: z.nullable(z.int()),
  taxable: z.boolean(),
  sortOrder: z.int(),
  /** Every price, every currency. */
  prices: z.array(
    z.object({
      currency: z.string(),
      cycle: BillingCycleSchema,
      amount: AmountSchema,
      setupFee: AmountSchema,
    }),
  ),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type AdminProduct = z.infer<typeof AdminProductSchema>;

export const ProductInputSchema = z.object({
  groupId: idSchema('pgrp'),
  name: text(120, 'Name'),
  slug: z.optional(slug),
  description: z.optional(longText(5000)),
  features: z.optional(z.array(text(200, 'Feature')).check(z.maxLength(30))),
  type: z.optional(ProductTypeSchema),
  featured: z.optional(z.boolean()),
  hidden: z.optional(z.boolean()),
  stock: z.optional(z.nullable(z.int().check(z.minimum(0)))),
  taxable: z.optional(z.boolean()),
  sortOrder: z.optional(z.int()),
  /** Replaces every price when given. Currencies must be enabled; at most one price per currency and cycle. */
  prices: z.optional(z.array(PriceInputSchema).check(z.maxLength(300))),
});
export type ProductInput = z.input<typeof ProductInputSchema>;
export const ProductUpdateSchema = z.partial(ProductInputSchema);
export type ProductUpdate = z.input<typeof ProductUpdateSchema>;

// ─── Orders, invoices, payments ─────────────────────────────────────────────────────────────────────────────

/** Who an invoice, order, payment or service belongs to, for the console's lists. */
const accountRef = { accountId: z.string(), accountName: z.string() };

export const AdminOrderSchema = z.extend(OrderSchema, accountRef);
export type AdminOrder = z.infer<typeof AdminOrderSchema>;
export const AdminOrderQuerySchema = z.extend(PageQuerySchema, {
  status: z.optional(OrderStatusSchema),
  accountId: z.optional(z.string()),
});

export const AdminInvoiceSummarySchema = z.extend(InvoiceSummarySchema, accountRef);
export type AdminInvoiceSummary = z.infer<typeof AdminInvoiceSummarySchema>;
export const AdminInvoiceSchema = z.extend(InvoiceSchema, {
  ...accountRef,
  /** The order that created it, if any. */
  orderId: z.nullable(z.string()),
  cancelledAt: z.nullable(TimestampSchema),
  refundedAt: z.nullable(TimestampSchema),
});
export type AdminInvoice = z.infer<typeof AdminInvoiceSchema>;

export const AdminInvoiceQuerySchema = z.extend(PageQuerySchema, {
  status: z.optional(InvoiceStatusSchema),
  accountId: z.optional(z.string()),
  /** An invoice number, or part of it. */
  q: z.optional(z.string().check(z.trim(), z.maxLength(60))),
});
export type AdminInvoiceQuery = z.input<typeof AdminInvoiceQuerySchema>;

export const InvoiceLineInputSchema = z.object({
  kind: z.optional(InvoiceLineKindSchema),
  description: text(300, 'Description'),
  quantity: z.optional(z.int().check(z.minimum(1), z.maximum(10_000))),
  /** May be negative for a discount line. */
  unitAmount: z.int().check(z.minimum(-1_000_000_000_000), z.maximum(1_000_000_000_000)),
  taxable: z.optional(z.boolean()),
  serviceId: z.optional(z.nullable(idSchema('svc'))),
});
export type InvoiceLineInput = z.input<typeof InvoiceLineInputSchema>;

export const InvoiceCreateInputSchema = z.object({
  accountId: idSchema('acct'),
  /** Defaults to the account's currency. */
  currency: z.optional(CurrencySchema),
  lines: z.array(InvoiceLineInputSchema).check(z.minLength(1, { error: 'Add a line' }), z.maxLength(200)),
  /** Defaults to the business's payment terms after issue. */
  dueAt: z.optional(WhenSchema),
  notes: z.optional(longText(2000)),
  /** Issue it at once (number, email) instead of keeping a draft. */
  issue: z.optional(z.boolean()),
});
export type InvoiceCreateInput = z.input<typeof InvoiceCreateInputSchema>;

export const InvoiceUpdateInputSchema = z.object({
  lines: z.optional(z.array(InvoiceLineInputSchema).check(z.minLength(1), z.maxLength(200))),
  dueAt: z.optional(z.nullable(WhenSchema)),
  notes: z.optional(longText(2000)),
  currency: z.optional(CurrencySchema),
});
export type InvoiceUpdateInput = z.input<typeof InvoiceUpdateInputSchema>;

export const RefundInputSchema = z.object({
  reason: z.optional(longText(500)),
  /** Put the refunded money on the account's credit instead of back through the gateway. */
  toCredit: z.optional(z.boolean()),
});
export type RefundInput = z.input<typeof RefundInputSchema>;

export const RecordPaymentInputSchema = z.object({
  amount: PositiveAmountSchema,
  /** "Bank transfer", "Cheque"… */
  method: z.optional(longText(80)),
  /** The bank's reference. */
  reference: z.optional(longText(120)),
  paidAt: z.optional(WhenSchema),
});
export type RecordPaymentInput = z.input<typeof RecordPaymentInputSchema>;

export const AdminPaymentSchema = z.extend(PaymentSchema, {
  ...accountRef,
  invoiceNumber: z.nullable(z.string()),
  reference: z.nullable(z.string()),
});
export type AdminPayment = z.infer<typeof AdminPaymentSchema>;
export const AdminPaymentQuerySchema = z.extend(PageQuerySchema, {
  status: z.optional(PaymentStatusSchema),
  gateway: z.optional(z.string().check(z.maxLength(32))),
  accountId: z.optional(z.string()),
});

export const AdminCreditSchema = z.object({
  balances: z.array(MoneySchema),
  entries: z.array(CreditEntrySchema),
});
export const CreditAdjustmentInputSchema = z.object({
  currency: CurrencySchema,
  /** Positive adds credit, negative removes it (never below zero). */
  amount: z.int().check(
    z.refine((v) => v !== 0, { error: 'The amount cannot be zero' }),
    z.minimum(-1_000_000_000_000),
    z.maximum(1_000_000_000_000),
  ),
  description: text(300, 'Description'),
});
export type CreditAdjustmentInput = z.input<typeof CreditAdjustmentInputSchema>;

// ─── Services and cancellations ─────────────────────────────────────────────────────────────────────────────

export const AdminServiceSchema = z.extend(ServiceSchema, accountRef);
export type AdminService = z.infer<typeof AdminServiceSchema>;
export const AdminServiceQuerySchema = z.extend(PageQuerySchema, {
  status: z.optional(ServiceStatusSchema),
  accountId: z.optional(z.string()),
});
export const ServiceUpdateInputSchema = z.object({
  label: z.optional(z.nullable(longText(200))),
  amount: z.optional(z.int().check(z.minimum(0), z.maximum(1_000_000_000_000))),
  nextDueAt: z.optional(z.nullable(WhenSchema)),
});
export type ServiceUpdateInput = z.input<typeof ServiceUpdateInputSchema>;
export const SuspendInputSchema = z.object({ reason: text(300, 'Reason') });

export const AdminCancellationSchema = z.extend(CancellationSchema, {
  ...accountRef,
  productName: z.string(),
  requestedBy: z.string(),
});
export type AdminCancellation = z.infer<typeof AdminCancellationSchema>;
export const AdminCancellationQuerySchema = z.extend(PageQuerySchema, {
  status: z.optional(CancellationStatusSchema),
});
export const RejectCancellationInputSchema = z.object({ note: text(500, 'Note') });

// ─── Billing settings and gateways ──────────────────────────────────────────────────────────────────────────

/** A tax rate for a country (or every country when `country` is null), optionally one state of it. */
export const TaxRuleSchema = z.object({
  name: text(40, 'Tax name'),
  /** Basis points: 2100 is 21%. */
  rateBps: z.int().check(z.minimum(0), z.maximum(10_000)),
  country: z.nullable(z.string().check(z.trim(), z.toUpperCase(), z.regex(/^[A-Z]{2}$/))),
  state: z.optional(z.nullable(longText(100))),
});
export type TaxRule = z.infer<typeof TaxRuleSchema>;

export const BillingSettingsSchema = z.object({
  /** Invoice numbers are `prefix` + the next number, zero-padded to `numberPadding` digits. */
  invoicePrefix: z.string(),
  nextInvoiceNumber: z.int(),
  numberPadding: z.int(),
  /** Days from issue to due date. */
  paymentTermsDays: z.int(),
  /** Days before a service's due date its renewal invoice is issued. */
  renewalLeadDays: z.int(),
  /** Days before the due date a reminder is sent for an unpaid invoice. */
  reminderDays: z.array(z.int()),
  /** Days after the due date a reminder is sent for an overdue invoice. */
  overdueReminderDays: z.array(z.int()),
  /** Suspend services overdue this many days; null never suspends. */
  suspendAfterDays: z.nullable(z.int()),
  taxRules: z.array(TaxRuleSchema),
  /** Printed on invoices under the business's name. */
  businessAddress: z.string(),
  /** VAT or tax number printed on invoices. */
  taxId: z.nullable(z.string()),
  /** Printed at the foot of every invoice. */
  invoiceFooter: z.string(),
});
export type BillingSettings = z.infer<typeof BillingSettingsSchema>;

const days = z.int().check(z.minimum(0), z.maximum(365));
export const BillingSettingsInputSchema = z.object({
  invoicePrefix: z.optional(z.string().check(z.trim(), z.maxLength(20), z.regex(/^[\w\-/.#]*$/))),
  /** Cannot go below a number already used. */
  nextInvoiceNumber: z.optional(z.int().check(z.minimum(1), z.maximum(1_000_000_000))),
  numberPadding: z.optional(z.int().check(z.minimum(0), z.maximum(12))),
  paymentTermsDays: z.optional(days),
  renewalLeadDays: z.optional(days),
  reminderDays: z.optional(z.array(days).check(z.maxLength(5))),
  overdueReminderDays: z.optional(z.array(days).check(z.maxLength(5))),
  suspendAfterDays: z.optional(z.nullable(days)),
  taxRules: z.optional(z.array(TaxRuleSchema).check(z.maxLength(100))),
  businessAddress: z.optional(longText(500)),
  taxId: z.optional(z.nullable(longText(60))),
  invoiceFooter: z.optional(longText(1000)),
});
export type BillingSettingsInput = z.input<typeof BillingSettingsInputSchema>;

/** A gateway's settings as the console shows them: secrets are never sent back, only whether they are set. */
export const AdminGatewaySchema = z.object({
  id: z.enum(['test', 'manual', 'stripe']),
  enabled: z.boolean(),
  /** What payers see. */
  name: z.string(),
  /** Manual: the bank-transfer instructions. */
  instructions: z.nullable(z.string()),
  /** Stripe-compatible: API base URL, publishable key, browser library URL. */
  apiBase: z.nullable(z.string()),
  publishableKey: z.nullable(z.string()),
  jsUrl: z.nullable(z.string()),
  secretKeySet: z.boolean(),
  webhookSecretSet: z.boolean(),
  /** Where to point the gateway's webhooks. */
  webhookUrl: z.nullable(z.string()),
});
export type AdminGateway = z.infer<typeof AdminGatewaySchema>;

export const GatewayUpdateInputSchema = z.object({
  enabled: z.optional(z.boolean()),
  name: z.optional(text(60, 'Name')),
  instructions: z.optional(z.nullable(longText(2000))),
  apiBase: z.optional(
    z.string().check(z.trim(), z.regex(/^https?:\/\/[^\s]+$/, { error: 'Use an http(s) URL' })),
  ),
  publishableKey: z.optional(longText(200)),
  jsUrl: z.optional(
    z.string().check(z.trim(), z.regex(/^https?:\/\/[^\s]+$/, { error: 'Use an http(s) URL' })),
  ),
  /** Stored sealed; never returned. */
  secretKey: z.optional(text(300, 'Secret key')),
  webhookSecret: z.optional(text(300, 'Webhook secret')),
});
export type GatewayUpdateInput = z.input<typeof GatewayUpdateInputSchema>;

const billing = staffOnly('admin', 'billing');
const anyStaff = staffOnly('admin', 'billing', 'support');
const admin = adminRoutesOf('adminBilling', 'billing');

/** Staff routes of billing: products, orders, invoices, payments, credit, services, cancellations, settings. */
export const billingAdminRoutes = {
  listGroups: defineRoute({
    ...admin('listGroups', 'GET', '/product-groups', 'Product groups, in store order', 'products'),
    ...anyStaff,
    status: 200,
    output: itemsSchema(AdminProductGroupSchema),
  }),
  createGroup: defineRoute({
    ...admin('createGroup', 'POST', '/product-groups', 'Add a product group', 'products'),
    ...billing,
    body: ProductGroupInputSchema,
    status: 201,
    output: AdminProductGroupSchema,
    errors: ['CONFLICT'],
  }),
  updateGroup: defineRoute({
    ...admin('updateGroup', 'PATCH', '/product-groups/:groupId', 'Change a product group', 'products'),
    ...billing,
    body: ProductGroupUpdateSchema,
    status: 200,
    output: AdminProductGroupSchema,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  removeGroup: defineRoute({
    ...admin(
      'removeGroup',
      'DELETE',
      '/product-groups/:groupId',
      'Remove an empty product group',
      'products',
    ),
    ...billing,
    status: 204,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  listProducts: defineRoute({
    ...admin('listProducts', 'GET', '/products', 'Every product with every price', 'products'),
    ...anyStaff,
    status: 200,
    output: itemsSchema(AdminProductSchema),
  }),
  createProduct: defineRoute({
    ...admin('createProduct', 'POST', '/products', 'Add a product with its prices', 'products'),
    ...billing,
    body: ProductInputSchema,
    status: 201,
    output: AdminProductSchema,
    errors: ['NOT_FOUND', 'CONFLICT', 'CURRENCY_NOT_ENABLED'],
  }),
  getProduct: defineRoute({
    ...admin('getProduct', 'GET', '/products/:productId', 'One product', 'products'),
    ...anyStaff,
    status: 200,
    output: AdminProductSchema,
    errors: ['NOT_FOUND'],
  }),
  updateProduct: defineRoute({
    ...admin(
      'updateProduct',
      'PATCH',
      '/products/:productId',
      'Change a product (prices replace all)',
      'products',
    ),
    ...billing,
    body: ProductUpdateSchema,
    status: 200,
    output: AdminProductSchema,
    errors: ['NOT_FOUND', 'CONFLICT', 'CURRENCY_NOT_ENABLED'],
  }),
  removeProduct: defineRoute({
    ...admin(
      'removeProduct',
      'DELETE',
      '/products/:productId',
      'Remove a product nobody has ordered (else hide it)',
      'products',
    ),
    ...billing,
    status: 204,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  listOrders: defineRoute({
    ...admin('listOrders', 'GET', '/orders', 'Orders, newest first', 'orders'),
    ...anyStaff,
    query: AdminOrderQuerySchema,
    status: 200,
    output: pageSchema(AdminOrderSchema),
  }),
  getOrder: defineRoute({
    ...admin('getOrder', 'GET', '/orders/:orderId', 'One order', 'orders'),
    ...anyStaff,
    status: 200,
    output: AdminOrderSchema,
    errors: ['NOT_FOUND'],
  }),
  cancelOrder: defineRoute({
    ...admin(
      'cancelOrder',
      'POST',
      '/orders/:orderId/cancel',
      'Cancel a pending order, its unpaid invoice and pending services',
      'orders',
    ),
    ...billing,
    status: 200,
    output: AdminOrderSchema,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  listInvoices: defineRoute({
    ...admin(
      'listInvoices',
      'GET',
      '/invoices',
      'Invoices, newest first, by status, account or number',
      'invoices',
    ),
    ...anyStaff,
    query: AdminInvoiceQuerySchema,
    status: 200,
    output: pageSchema(AdminInvoiceSummarySchema),
  }),
  createInvoice: defineRoute({
    ...admin(
      'createInvoice',
      'POST',
      '/invoices',
      'Write an invoice (a draft unless issued at once)',
      'invoices',
    ),
    ...billing,
    body: InvoiceCreateInputSchema,
    status: 201,
    output: AdminInvoiceSchema,
    errors: ['NOT_FOUND', 'CURRENCY_NOT_ENABLED'],
  }),
  getInvoice: defineRoute({
    ...admin('getInvoice', 'GET', '/invoices/:invoiceId', 'One invoice', 'invoices'),
    ...anyStaff,
    status: 200,
    output: AdminInvoiceSchema,
    errors: ['NOT_FOUND'],
  }),
  updateInvoice: defineRoute({
    ...admin('updateInvoice', 'PATCH', '/invoices/:invoiceId', 'Change a draft invoice', 'invoices'),
    ...billing,
    body: InvoiceUpdateInputSchema,
    status: 200,
    output: AdminInvoiceSchema,
    errors: ['NOT_FOUND', 'INVOICE_NOT_EDITABLE', 'CURRENCY_NOT_ENABLED'],
  }),
  issueInvoice: defineRoute({
    ...admin(
      'issueInvoice',
      'POST',
      '/invoices/:invoiceId/issue',
      'Issue a draft: it gets its number and the client is emailed',
      'invoices',
    ),
    ...billing,
    status: 200,
    output: AdminInvoiceSchema,
    errors: ['NOT_FOUND', 'INVOICE_NOT_EDITABLE'],
  }),
  cancelInvoice: defineRoute({
    ...admin(
      'cancelInvoice',
      'POST',
      '/invoices/:invoiceId/cancel',
      'Cancel an unpaid invoice (credit applied returns to the account)',
      'invoices',
    ),
    ...billing,
    status: 200,
    output: AdminInvoiceSchema,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  refundInvoice: defineRoute({
    ...admin(
      'refundInvoice',
      'POST',
      '/invoices/:invoiceId/refund',
      'Refund a paid invoice through its gateways or to credit',
      'invoices',
    ),
    ...billing,
    idempotent: true,
    body: RefundInputSchema,
    status: 200,
    output: AdminInvoiceSchema,
    errors: ['NOT_FOUND', 'CONFLICT', 'GATEWAY_ERROR'],
  }),
  recordPayment: defineRoute({
    ...admin(
      'recordPayment',
      'POST',
      '/invoices/:invoiceId/payments',
      'Record a payment received offline (bank transfer); overpayment becomes credit',
      'invoices',
    ),
    ...billing,
    idempotent: true,
    body: RecordPaymentInputSchema,
    status: 201,
    output: AdminInvoiceSchema,
    errors: ['NOT_FOUND', 'INVOICE_NOT_PAYABLE', 'CONFLICT'],
  }),
  invoicePdf: defineRoute({
    ...admin('invoicePdf', 'GET', '/invoices/:invoiceId/pdf', 'The invoice as a PDF', 'invoices'),
    ...anyStaff,
    status: 200,
    produces: 'application/pdf',
    errors: ['NOT_FOUND'],
  }),
  listPayments: defineRoute({
    ...admin('listPayments', 'GET', '/payments', 'Payments, newest first', 'invoices'),
    ...anyStaff,
    query: AdminPaymentQuerySchema,
    status: 200,
    output: pageSchema(AdminPaymentSchema),
  }),
  accountCredit: defineRoute({
    ...admin(
      'accountCredit',
      'GET',
      '/clients/:accountId/credit',
      "A client's credit balances and ledger (latest 100)",
      'invoices',
    ),
    ...anyStaff,
    status: 200,
    output: AdminCreditSchema,
    errors: ['NOT_FOUND'],
  }),
  adjustCredit: defineRoute({
    ...admin(
      'adjustCredit',
      'POST',
      '/clients/:accountId/credit',
      "Add to or take from a client's credit (a ledger row)",
      'invoices',
    ),
    ...billing,
    idempotent: true,
    body: CreditAdjustmentInputSchema,
    status: 201,
    output: AdminCreditSchema,
    errors: ['NOT_FOUND', 'INSUFFICIENT_CREDIT', 'CURRENCY_NOT_ENABLED'],
  }),
  listServices: defineRoute({
    ...admin('listServices', 'GET', '/services', 'Services, newest first', 'services'),
    ...anyStaff,
    query: AdminServiceQuerySchema,
    status: 200,
    output: pageSchema(AdminServiceSchema),
  }),
  getService: defineRoute({
    ...admin('getService', 'GET', '/services/:serviceId', 'One service', 'services'),
    ...anyStaff,
    status: 200,
    output: AdminServiceSchema,
    errors: ['NOT_FOUND'],
  }),
  updateService: defineRoute({
    ...admin(
      'updateService',
      'PATCH',
      '/services/:serviceId',
      'Change a service’s label, price or next due date',
      'services',
    ),
    ...billing,
    body: ServiceUpdateInputSchema,
    status: 200,
    output: AdminServiceSchema,
    errors: ['NOT_FOUND'],
  }),
  suspendService: defineRoute({
    ...admin(
      'suspendService',
      'POST',
      '/services/:serviceId/suspend',
      'Suspend an active service',
      'services',
    ),
    ...billing,
    body: SuspendInputSchema,
    status: 200,
    output: AdminServiceSchema,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  unsuspendService: defineRoute({
    ...admin(
      'unsuspendService',
      'POST',
      '/services/:serviceId/unsuspend',
      'Reactivate a suspended service',
      'services',
    ),
    ...billing,
    status: 200,
    output: AdminServiceSchema,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  activateService: defineRoute({
    ...admin(
      'activateService',
      'POST',
      '/services/:serviceId/activate',
      'Activate a pending service without waiting for payment',
      'services',
    ),
    ...billing,
    status: 200,
    output: AdminServiceSchema,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  cancelService: defineRoute({
    ...admin('cancelService', 'POST', '/services/:serviceId/cancel', 'Cancel a service now', 'services'),
    ...billing,
    status: 200,
    output: AdminServiceSchema,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  listCancellations: defineRoute({
    ...admin(
      'listCancellations',
      'GET',
      '/cancellations',
      'Cancellation requests, oldest pending first',
      'services',
    ),
    ...anyStaff,
    query: AdminCancellationQuerySchema,
    status: 200,
    output: pageSchema(AdminCancellationSchema),
  }),
  approveCancellation: defineRoute({
    ...admin(
      'approveCancellation',
      'POST',
      '/cancellations/:cancellationId/approve',
      'Approve: cancel now, or at the end of the period (no more renewals)',
      'services',
    ),
    ...billing,
    status: 200,
    output: AdminCancellationSchema,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  rejectCancellation: defineRoute({
    ...admin(
      'rejectCancellation',
      'POST',
      '/cancellations/:cancellationId/reject',
      'Reject with a note the client sees',
      'services',
    ),
    ...billing,
    body: RejectCancellationInputSchema,
    status: 200,
    output: AdminCancellationSchema,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  getSettings: defineRoute({
    ...admin(
      'getSettings',
      'GET',
      '/billing/settings',
      'Numbering, terms, reminders, suspension and tax',
      'billing settings',
    ),
    ...billing,
    status: 200,
    output: BillingSettingsSchema,
  }),
  updateSettings: defineRoute({
    ...admin(
      'updateSettings',
      'PATCH',
      '/billing/settings',
      'Change billing settings (only the fields sent)',
      'billing settings',
    ),
    roles: ['admin'],
    auth: 'staff',
    body: BillingSettingsInputSchema,
    status: 200,
    output: BillingSettingsSchema,
    errors: ['CONFLICT'],
  }),
  listGateways: defineRoute({
    ...admin(
      'listGateways',
      'GET',
      '/billing/gateways',
      'Payment gateways and their settings (never their secrets)',
      'billing settings',
    ),
    ...billing,
    status: 200,
    output: itemsSchema(AdminGatewaySchema),
  }),
  updateGateway: defineRoute({
    ...admin(
      'updateGateway',
      'PATCH',
      '/billing/gateways/:gatewayId',
      'Turn a gateway on or off and set its details',
      'billing settings',
    ),
    roles: ['admin'],
    auth: 'staff',
    body: GatewayUpdateInputSchema,
    status: 200,
    output: AdminGatewaySchema,
    errors: ['NOT_FOUND'],
  }),
};
