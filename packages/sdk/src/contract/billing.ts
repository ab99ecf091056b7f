import * as z from 'zod/mini';
import { AddressSchema, CurrencySchema } from './clients.js';
import {
  defineRoute,
  idSchema,
  itemsSchema,
  PageQuerySchema,
  pageSchema,
  TimestampSchema,
} from './common.js';
import { parseDomainName } from './domain-name.js';

/** Error codes of the billing area (store, orders, invoices, payments, credit). */
export const BillingErrorCodes = {
  /** A product that does not exist, is hidden, or has no price for that cycle in that currency. */
  PRODUCT_UNAVAILABLE: 'PRODUCT_UNAVAILABLE',
  OUT_OF_STOCK: 'OUT_OF_STOCK',
  /** The business has Terms of Service and the order did not accept them. */
  TERMS_NOT_ACCEPTED: 'TERMS_NOT_ACCEPTED',
  CURRENCY_NOT_ENABLED: 'CURRENCY_NOT_ENABLED',
  /** The invoice's status does not allow this (paying a paid invoice, editing an issued one…). */
  INVOICE_NOT_PAYABLE: 'INVOICE_NOT_PAYABLE',
  INVOICE_NOT_EDITABLE: 'INVOICE_NOT_EDITABLE',
  /** The amount is more than the invoice's balance allows, or not positive. */
  AMOUNT_INVALID: 'AMOUNT_INVALID',
  /** Not enough credit in the invoice's currency. */
  INSUFFICIENT_CREDIT: 'INSUFFICIENT_CREDIT',
  /** The gateway is unknown, disabled, or cannot take this payment (manual: staff record it). */
  GATEWAY_UNAVAILABLE: 'GATEWAY_UNAVAILABLE',
  /** The gateway could not be reached or answered with an error; nothing was charged. */
  GATEWAY_ERROR: 'GATEWAY_ERROR',
  /** The payment is not waiting for a confirmation. */
  PAYMENT_NOT_PENDING: 'PAYMENT_NOT_PENDING',
  /** A webhook whose signature, timestamp or body is not valid. Nothing was applied. */
  WEBHOOK_INVALID: 'WEBHOOK_INVALID',
} as const;

/** How often a product is billed. `one_time` is billed once and never renews. */
export const BILLING_CYCLES = [
  'one_time',
  'monthly',
  'quarterly',
  'semiannual',
  'annual',
  'biennial',
] as const;
export const BillingCycleSchema = z.enum(BILLING_CYCLES);
export type BillingCycle = (typeof BILLING_CYCLES)[number];
/** Months in each recurring cycle. */
export const CYCLE_MONTHS: Record<Exclude<BillingCycle, 'one_time'>, number> = {
  monthly: 1,
  quarterly: 3,
  semiannual: 6,
  annual: 12,
  biennial: 24,
};

/**
 * An amount of money in the currency's minor unit (cents for USD, yen for JPY, fils for KWD): an integer,
 * never a float. The currency is on the object that carries the amount.
 */
export const AmountSchema = z.int();
/** An amount a person enters: a positive integer in minor units, at most 10^12. */
export const PositiveAmountSchema = z
  .int({ error: 'Enter a whole amount in minor units' })
  .check(
    z.minimum(1, { error: 'The amount must be more than zero' }),
    z.maximum(1_000_000_000_000, { error: 'The amount is too large' }),
  );

/** An amount in a currency. */
export const MoneySchema = z.object({ currency: z.string(), amount: AmountSchema });
export type Money = z.infer<typeof MoneySchema>;

// ─── Store ──────────────────────────────────────────────────────────────────────────────────────────────────

/** A product's price for one cycle in one currency. */
export const ProductPriceSchema = z.object({
  currency: z.string(),
  cycle: BillingCycleSchema,
  amount: AmountSchema,
  /** Charged once, on the first invoice. */
  setupFee: AmountSchema,
});
export type ProductPrice = z.infer<typeof ProductPriceSchema>;

/** What kind of thing a product is: hosting and services renew; `other` is anything else the business sells. */
export const ProductTypeSchema = z.enum(['hosting', 'service', 'other']);

/** A product as the store shows it. */
export const ProductSchema = z.object({
  id: z.string(),
  groupId: z.string(),
  slug: z.string(),
  name: z.string(),
  /** Plain text; paragraphs separated by blank lines. */
  description: z.string(),
  features: z.array(z.string()),
  type: ProductTypeSchema,
  featured: z.boolean(),
  /** False when stock is tracked and none is left. */
  inStock: z.boolean(),
  /** Prices in the catalog's currency, one per cycle offered, in cycle order. */
  prices: z.array(ProductPriceSchema),
});
export type Product = z.infer<typeof ProductSchema>;

export const ProductGroupSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  products: z.array(ProductSchema),
});
export type ProductGroup = z.infer<typeof ProductGroupSchema>;

/** The store in one currency. Products without a price in that currency are left out. */
export const CatalogSchema = z.object({
  currency: z.string(),
  /** Currencies the business bills in; a guest may pick one. */
  currencies: z.array(z.string()),
  groups: z.array(ProductGroupSchema),
  /** The business's Terms of Service, which an order must accept when set. */
  termsUrl: z.nullable(z.string()),
});
export type Catalog = z.infer<typeof CatalogSchema>;

export const CatalogQuerySchema = z.object({
  /** Defaults to the signed-in account's currency, else the business's default. */
  currency: z.optional(CurrencySchema),
});

export const ProductQuerySchema = CatalogQuerySchema;

/** One product line of an order. Prices are never sent: the server prices every line itself. */
export const OrderItemInputSchema = z.object({
  productId: idSchema('prod'),
  cycle: BillingCycleSchema,
  quantity: z.optional(z.int().check(z.minimum(1), z.maximum(100, { error: 'At most 100 of one product' }))),
});
export type OrderItemInput = z.input<typeof OrderItemInputSchema>;

/** A whole domain name; IDN input becomes its ASCII (`xn--`) form. See `parseDomainName`. */
export const DomainNameSchema = z.string().check(
  z.maxLength(300, { error: 'A domain is at most 253 characters' }),
  z.refine((v) => parseDomainName(v).ok, {
    error: (issue) => {
      const result = parseDomainName(String(issue.input));
      return result.ok ? 'Enter a domain name' : result.message;
    },
  }),
  z.overwrite((v) => {
    const result = parseDomainName(v);
    return result.ok ? result.ascii : v;
  }),
);

/** Register, renew and transfer terms run 1 to 10 years. */
export const DomainYearsSchema = z
  .int({ error: 'Choose a number of years' })
  .check(z.minimum(1, { error: 'At least 1 year' }), z.maximum(10, { error: 'At most 10 years' }));

// ─── Orders ─────────────────────────────────────────────────────────────────────────────────────────────────

/** A domain to order: register an available name, or transfer one in with its EPP (auth) code. */
export const DomainOrderItemInputSchema = z
  .object({
    domain: DomainNameSchema,
    action: z.enum(['register', 'transfer']),
    /** Defaults to 1. A transfer adds this many years (most registries: 1). */
    years: z.optional(DomainYearsSchema),
    /** The transfer's authorization code from the current registrar. */
    eppCode: z.optional(
      z
        .string()
        .check(
          z.trim(),
          z.minLength(1, { error: 'Enter the transfer (EPP) code' }),
          z.maxLength(64, { error: 'An EPP code is at most 64 characters' }),
        ),
    ),
  })
  .check(
    z.refine((v) => v.action !== 'transfer' || !!v.eppCode, {
      error: 'Enter the transfer (EPP) code from the current registrar',
      path: ['eppCode'],
    }),
  );
export type DomainOrderItemInput = z.input<typeof DomainOrderItemInputSchema>;

/** A domain of an order. */
export const OrderDomainSchema = z.object({
  domainId: z.string(),
  domain: z.string(),
  unicode: z.string(),
  action: z.enum(['register', 'transfer']),
  years: z.int(),
});
export type OrderDomain = z.infer<typeof OrderDomainSchema>;

/** Products and domains of an order or quote: at least one of either, at most 20 of each. */
const orderContents = {
  items: z._default(z.array(OrderItemInputSchema).check(z.maxLength(20)), []),
  domains: z._default(
    z.array(DomainOrderItemInputSchema).check(z.maxLength(20, { error: 'At most 20 domains in one order' })),
    [],
  ),
};
const notEmpty = z.refine<{ items: unknown[]; domains: unknown[] }>(
  (v) => v.items.length + v.domains.length > 0,
  {
    error: 'Add a product or a domain',
    path: ['items'],
  },
);

export const QuoteInputSchema = z
  .object({
    ...orderContents,
    /** Defaults to the account's currency (a guest: the business's default). */
    currency: z.optional(CurrencySchema),
    /** A guest's country (ISO 3166-1 alpha-2), to estimate tax; a signed-in account's address wins. */
    country: z.optional(z.string().check(z.trim(), z.toUpperCase(), z.regex(/^[A-Z]{2}$/))),
  })
  .check(notEmpty);
export type QuoteInput = z.input<typeof QuoteInputSchema>;

export const OrderInputSchema = z
  .object({
    ...orderContents,
    currency: z.optional(CurrencySchema),
    /** Must be true when the business has Terms of Service. */
    acceptTerms: z.optional(z.boolean()),
    notes: z.optional(z.string().check(z.trim(), z.maxLength(1000))),
  })
  .check(notEmpty);
export type OrderInput = z.input<typeof OrderInputSchema>;

/** Kinds of invoice line. */
export const InvoiceLineKindSchema = z.enum([
  'product',
  'setup',
  'renewal',
  'custom',
  'domain_register',
  'domain_transfer',
  'domain_renewal',
]);
export type InvoiceLineKind = z.infer<typeof InvoiceLineKindSchema>;

/** A priced line (of a quote or an invoice): `amount` = `quantity` × `unitAmount`. */
export const PricedLineSchema = z.object({
  kind: InvoiceLineKindSchema,
  description: z.string(),
  quantity: z.int(),
  unitAmount: AmountSchema,
  amount: AmountSchema,
  taxable: z.boolean(),
});
export type PricedLine = z.infer<typeof PricedLineSchema>;

/**
 * What an order would cost, priced by the server: `total` = `subtotal` + `tax`, and `tax` is the rate applied to
 * the taxable lines' sum, rounded half away from zero to the minor unit.
 */
export const QuoteSchema = z.object({
  currency: z.string(),
  lines: z.array(PricedLineSchema),
  subtotal: AmountSchema,
  /** The tax applied ("VAT"), or null when none applies. */
  taxName: z.nullable(z.string()),
  /** Basis points: 2100 is 21%. */
  taxRateBps: z.int(),
  tax: AmountSchema,
  total: AmountSchema,
});
export type Quote = z.infer<typeof QuoteSchema>;

export const OrderStatusSchema = z.enum(['pending', 'active', 'cancelled']);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

export const OrderItemSchema = z.object({
  productId: z.string(),
  name: z.string(),
  cycle: BillingCycleSchema,
  quantity: z.int(),
  /** The service the item created (one per unit). */
  serviceIds: z.array(z.string()),
});

export const OrderSchema = z.object({
  id: z.string(),
  status: OrderStatusSchema,
  currency: z.string(),
  total: AmountSchema,
  invoiceId: z.string(),
  items: z.array(OrderItemSchema),
  domains: z.array(OrderDomainSchema),
  createdAt: TimestampSchema,
});
export type Order = z.infer<typeof OrderSchema>;

// ─── Invoices ───────────────────────────────────────────────────────────────────────────────────────────────

/**
 * `draft`: staff are writing it (clients never see it). `unpaid`: issued, not yet paid. `overdue`: unpaid past its
 * due date. `paid`, `cancelled`, `refunded`: final.
 */
export const INVOICE_STATUSES = ['draft', 'unpaid', 'paid', 'overdue', 'cancelled', 'refunded'] as const;
export const InvoiceStatusSchema = z.enum(INVOICE_STATUSES);
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export const InvoiceSummarySchema = z.object({
  id: z.string(),
  /** From the business's numbering sequence; null while a draft. */
  number: z.nullable(z.string()),
  status: InvoiceStatusSchema,
  currency: z.string(),
  total: AmountSchema,
  /** What is left to pay: total − credit applied − payments. */
  balance: AmountSchema,
  issuedAt: z.nullable(TimestampSchema),
  dueAt: z.nullable(TimestampSchema),
  paidAt: z.nullable(TimestampSchema),
  createdAt: TimestampSchema,
});
export type InvoiceSummary = z.infer<typeof InvoiceSummarySchema>;

export const InvoiceLineSchema = z.extend(PricedLineSchema, {
  id: z.string(),
  serviceId: z.nullable(z.string()),
  /** The domain a `domain_*` line registers, transfers or renews. */
  domainId: z.nullable(z.string()),
  periodStart: z.nullable(TimestampSchema),
  periodEnd: z.nullable(TimestampSchema),
});
export type InvoiceLine = z.infer<typeof InvoiceLineSchema>;

export const PaymentStatusSchema = z.enum(['pending', 'succeeded', 'failed', 'refunded']);
export type PaymentStatus = z.infer<typeof PaymentStatusSchema>;

/** What the payer must still do for a pending payment. */
export const PaymentActionSchema = z.union([
  /** The test gateway's 3-D-Secure-like challenge: confirm (or fail) it with `payments.confirm`. */
  z.object({ type: z.literal('test_challenge') }),
  /** Confirm with the Stripe-compatible browser library, then call `payments.confirm` (or wait for the webhook). */
  z.object({
    type: z.literal('stripe'),
    clientSecret: z.string(),
    publishableKey: z.string(),
    /** Where the browser library is loaded from. */
    jsUrl: z.string(),
  }),
]);
export type PaymentAction = z.infer<typeof PaymentActionSchema>;

export const PaymentSchema = z.object({
  id: z.string(),
  invoiceId: z.string(),
  gateway: z.string(),
  status: PaymentStatusSchema,
  currency: z.string(),
  amount: AmountSchema,
  /** "Visa •••• 4242", "Bank transfer (ref 123)". */
  method: z.nullable(z.string()),
  failureMessage: z.nullable(z.string()),
  action: z.nullable(PaymentActionSchema),
  createdAt: TimestampSchema,
});
export type Payment = z.infer<typeof PaymentSchema>;

/** Who the invoice is to, as it was when issued. */
export const BillToSchema = z.object({
  name: z.string(),
  company: z.nullable(z.string()),
  email: z.nullable(z.string()),
  address: AddressSchema,
});

export const InvoiceSchema = z.extend(InvoiceSummarySchema, {
  subtotal: AmountSchema,
  taxName: z.nullable(z.string()),
  taxRateBps: z.int(),
  tax: AmountSchema,
  creditApplied: AmountSchema,
  amountPaid: AmountSchema,
  lines: z.array(InvoiceLineSchema),
  payments: z.array(PaymentSchema),
  billTo: BillToSchema,
  notes: z.string(),
});
export type Invoice = z.infer<typeof InvoiceSchema>;

export const InvoiceListQuerySchema = z.extend(PageQuerySchema, {
  status: z.optional(InvoiceStatusSchema),
});
export type InvoiceListQuery = z.input<typeof InvoiceListQuerySchema>;

/** A card for the `test` gateway: only its test numbers are accepted (see docs/billing.md). */
export const TestCardSchema = z.object({
  number: z.string().check(
    z.overwrite((v) => v.replace(/[\s-]/g, '')),
    z.regex(/^\d{12,19}$/, { error: 'Enter the card number' }),
  ),
  /** `MM/YY`. */
  expiry: z.string().check(z.trim(), z.regex(/^(0[1-9]|1[0-2])\/\d{2}$/, { error: 'Use MM/YY' })),
  cvc: z.string().check(z.trim(), z.regex(/^\d{3,4}$/, { error: 'Enter the 3 or 4 digit code' })),
  name: z.optional(z.string().check(z.trim(), z.maxLength(120))),
});
export type TestCard = z.input<typeof TestCardSchema>;

export const PayInvoiceInputSchema = z.object({
  /** A gateway from `billing.gateways()` that takes payments online. */
  gateway: z.string().check(z.regex(/^[a-z][a-z0-9_-]{0,31}$/, { error: 'Choose a payment method' })),
  /** Pay part of the balance; defaults to all of it. */
  amount: z.optional(PositiveAmountSchema),
  /** The `test` gateway's card. */
  card: z.optional(TestCardSchema),
});
export type PayInvoiceInput = z.input<typeof PayInvoiceInputSchema>;

export const ConfirmPaymentInputSchema = z.object({
  /** The test gateway's challenge outcome (default `approve`). Other gateways re-read the payment's state. */
  outcome: z.optional(z.enum(['approve', 'fail'])),
});
export type ConfirmPaymentInput = z.input<typeof ConfirmPaymentInputSchema>;

export const ApplyCreditInputSchema = z.object({
  /** Defaults to as much as covers the balance. */
  amount: z.optional(PositiveAmountSchema),
});
export type ApplyCreditInput = z.input<typeof ApplyCreditInputSchema>;

/** A way to pay, as clients see it. */
export const GatewayInfoSchema = z.object({
  id: z.string(),
  /** What the payer sees ("Card", "Bank transfer"). */
  name: z.string(),
  /** `card`: paid here online; `offline`: follow the instructions, and staff record the payment. */
  kind: z.enum(['card', 'offline']),
  instructions: z.nullable(z.string()),
  /** The test gateway: only test card numbers work. */
  testMode: z.boolean(),
});
export type GatewayInfo = z.infer<typeof GatewayInfoSchema>;

// ─── Credit ─────────────────────────────────────────────────────────────────────────────────────────────────

export const CreditEntryKindSchema = z.enum(['overpayment', 'applied', 'adjustment', 'refund']);

/** One row of the credit ledger; the balance is their sum, per currency. */
export const CreditEntrySchema = z.object({
  id: z.string(),
  currency: z.string(),
  /** Positive adds credit, negative spends it. */
  amount: AmountSchema,
  kind: CreditEntryKindSchema,
  description: z.string(),
  invoiceId: z.nullable(z.string()),
  createdAt: TimestampSchema,
});
export type CreditEntry = z.infer<typeof CreditEntrySchema>;

export const CreditSchema = z.object({ balances: z.array(MoneySchema) });
export type Credit = z.infer<typeof CreditSchema>;

// ─── Services ───────────────────────────────────────────────────────────────────────────────────────────────

export const ServiceStatusSchema = z.enum(['pending', 'active', 'suspended', 'cancelled']);
export type ServiceStatus = z.infer<typeof ServiceStatusSchema>;

export const CancellationTypeSchema = z.enum(['immediate', 'end_of_period']);
export const CancellationStatusSchema = z.enum(['pending', 'approved', 'rejected', 'withdrawn']);

export const CancellationSchema = z.object({
  id: z.string(),
  serviceId: z.string(),
  type: CancellationTypeSchema,
  reason: z.string(),
  status: CancellationStatusSchema,
  /** When the service ends (set once approved). */
  effectiveAt: z.nullable(TimestampSchema),
  /** Staff's note when rejecting. */
  staffNote: z.nullable(z.string()),
  createdAt: TimestampSchema,
  processedAt: z.nullable(TimestampSchema),
});
export type Cancellation = z.infer<typeof CancellationSchema>;

export const ServiceSchema = z.object({
  id: z.string(),
  productId: z.string(),
  productName: z.string(),
  /** What the business calls this instance (a hostname, a project). */
  label: z.nullable(z.string()),
  status: ServiceStatusSchema,
  cycle: BillingCycleSchema,
  currency: z.string(),
  /** The recurring price per cycle. */
  amount: AmountSchema,
  /** When the next renewal is due (null: one-time, pending or cancelled). */
  nextDueAt: z.nullable(TimestampSchema),
  activatedAt: z.nullable(TimestampSchema),
  suspendedAt: z.nullable(TimestampSchema),
  suspendReason: z.nullable(z.string()),
  cancelledAt: z.nullable(TimestampSchema),
  createdAt: TimestampSchema,
  /** The latest cancellation request, if any. */
  cancellation: z.nullable(CancellationSchema),
});
export type Service = z.infer<typeof ServiceSchema>;

export const ServiceListQuerySchema = z.extend(PageQuerySchema, {
  status: z.optional(ServiceStatusSchema),
});
export type ServiceListQuery = z.input<typeof ServiceListQuerySchema>;

export const CancellationInputSchema = z.object({
  type: CancellationTypeSchema,
  reason: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, { error: 'Tell us why you are cancelling' }),
      z.maxLength(1000, { error: 'At most 1,000 characters' }),
    ),
});
export type CancellationInput = z.input<typeof CancellationInputSchema>;

// ─── Dashboard ──────────────────────────────────────────────────────────────────────────────────────────────

/** The account at a glance. Parts the person may not see (no `billing:read`, no `services:read`) are null. */
export const DashboardSchema = z.object({
  /** Unpaid and overdue balances, per currency. */
  amountDue: z.nullable(z.array(MoneySchema)),
  overdueInvoices: z.nullable(z.int()),
  credit: z.nullable(z.array(MoneySchema)),
  activeServices: z.nullable(z.int()),
  /** Null until the support area exists or when the person may not see tickets. */
  openTickets: z.nullable(z.int()),
  recentInvoices: z.nullable(z.array(InvoiceSummarySchema)),
  /** Active services by next due date, soonest first. */
  upcomingRenewals: z.nullable(z.array(ServiceSchema)),
});
export type Dashboard = z.infer<typeof DashboardSchema>;

const billingErrors = ['NOT_FOUND'] as const;

/** The store, orders, invoices, payments, credit, services and the dashboard. */
export const billingRoutes = {
  catalog: defineRoute({
    id: 'billing.catalog',
    method: 'GET',
    path: '/api/v1/store',
    summary: 'Product groups and products with their prices in one currency (404 when the store is hidden)',
    tags: ['store'],
    auth: 'optional',
    access: 'billing:read',
    query: CatalogQuerySchema,
    status: 200,
    output: CatalogSchema,
    errors: ['NOT_FOUND', 'CURRENCY_NOT_ENABLED'],
  }),
  product: defineRoute({
    id: 'billing.product',
    method: 'GET',
    path: '/api/v1/store/products/:slug',
    summary: 'One product by its slug or id, with its prices in one currency',
    tags: ['store'],
    auth: 'optional',
    access: 'billing:read',
    query: ProductQuerySchema,
    status: 200,
    output: ProductSchema,
    errors: ['NOT_FOUND', 'CURRENCY_NOT_ENABLED'],
  }),
  quote: defineRoute({
    id: 'billing.quote',
    method: 'POST',
    path: '/api/v1/store/quote',
    summary: 'Price an order (lines, tax, total) without placing it',
    tags: ['store'],
    auth: 'optional',
    access: 'billing:read',
    body: QuoteInputSchema,
    status: 200,
    output: QuoteSchema,
    errors: [
      'PRODUCT_UNAVAILABLE',
      'OUT_OF_STOCK',
      'CURRENCY_NOT_ENABLED',
      'TLD_NOT_OFFERED',
      'PRICE_UNAVAILABLE',
    ],
  }),
  placeOrder: defineRoute({
    id: 'billing.placeOrder',
    method: 'POST',
    path: '/api/v1/orders',
    summary: 'Place an order: an unpaid invoice and a pending service per unit; prices are the server’s own',
    tags: ['orders'],
    auth: 'client',
    access: 'billing:write',
    idempotent: true,
    body: OrderInputSchema,
    status: 201,
    output: z.object({ order: OrderSchema, invoice: InvoiceSchema }),
    errors: [
      'PRODUCT_UNAVAILABLE',
      'OUT_OF_STOCK',
      'TERMS_NOT_ACCEPTED',
      'CURRENCY_NOT_ENABLED',
      'TLD_NOT_OFFERED',
      'PRICE_UNAVAILABLE',
      'DOMAIN_UNAVAILABLE',
    ],
  }),
  listOrders: defineRoute({
    id: 'billing.listOrders',
    method: 'GET',
    path: '/api/v1/orders',
    summary: "The account's orders, newest first",
    tags: ['orders'],
    auth: 'client',
    access: 'billing:read',
    query: PageQuerySchema,
    status: 200,
    output: pageSchema(OrderSchema),
  }),
  getOrder: defineRoute({
    id: 'billing.getOrder',
    method: 'GET',
    path: '/api/v1/orders/:orderId',
    summary: 'One order',
    tags: ['orders'],
    auth: 'client',
    access: 'billing:read',
    status: 200,
    output: OrderSchema,
    errors: billingErrors,
  }),
  listInvoices: defineRoute({
    id: 'billing.listInvoices',
    method: 'GET',
    path: '/api/v1/invoices',
    summary: "The account's invoices, newest first, optionally of one status (drafts are never listed)",
    tags: ['invoices'],
    auth: 'client',
    access: 'billing:read',
    query: InvoiceListQuerySchema,
    status: 200,
    output: pageSchema(InvoiceSummarySchema),
  }),
  getInvoice: defineRoute({
    id: 'billing.getInvoice',
    method: 'GET',
    path: '/api/v1/invoices/:invoiceId',
    summary: 'One invoice with its lines, tax, credit applied, payments and balance',
    tags: ['invoices'],
    auth: 'client',
    access: 'billing:read',
    status: 200,
    output: InvoiceSchema,
    errors: billingErrors,
  }),
  invoicePdf: defineRoute({
    id: 'billing.invoicePdf',
    method: 'GET',
    path: '/api/v1/invoices/:invoiceId/pdf',
    summary: 'The invoice as a PDF, in the account’s language and currency',
    tags: ['invoices'],
    auth: 'client',
    access: 'billing:read',
    status: 200,
    produces: 'application/pdf',
    errors: billingErrors,
  }),
  gateways: defineRoute({
    id: 'billing.gateways',
    method: 'GET',
    path: '/api/v1/billing/gateways',
    summary: 'The ways to pay the business offers',
    tags: ['payments'],
    auth: 'client',
    access: 'billing:read',
    status: 200,
    output: itemsSchema(GatewayInfoSchema),
  }),
  payInvoice: defineRoute({
    id: 'billing.payInvoice',
    method: 'POST',
    path: '/api/v1/invoices/:invoiceId/payments',
    summary: 'Pay an invoice (all of its balance or part) through a gateway',
    tags: ['payments'],
    auth: 'client',
    access: 'billing:write',
    idempotent: true,
    body: PayInvoiceInputSchema,
    status: 201,
    output: PaymentSchema,
    errors: ['NOT_FOUND', 'INVOICE_NOT_PAYABLE', 'AMOUNT_INVALID', 'GATEWAY_UNAVAILABLE', 'GATEWAY_ERROR'],
    rateLimited: true,
  }),
  getPayment: defineRoute({
    id: 'billing.getPayment',
    method: 'GET',
    path: '/api/v1/payments/:paymentId',
    summary: 'One payment',
    tags: ['payments'],
    auth: 'client',
    access: 'billing:read',
    status: 200,
    output: PaymentSchema,
    errors: billingErrors,
  }),
  confirmPayment: defineRoute({
    id: 'billing.confirmPayment',
    method: 'POST',
    path: '/api/v1/payments/:paymentId/confirm',
    summary: 'Finish a pending payment: the test challenge’s outcome, or re-read the gateway’s state',
    tags: ['payments'],
    auth: 'client',
    access: 'billing:write',
    body: ConfirmPaymentInputSchema,
    status: 200,
    output: PaymentSchema,
    errors: ['NOT_FOUND', 'PAYMENT_NOT_PENDING', 'GATEWAY_ERROR'],
  }),
  applyCredit: defineRoute({
    id: 'billing.applyCredit',
    method: 'POST',
    path: '/api/v1/invoices/:invoiceId/credit',
    summary: 'Pay an invoice from the account’s credit balance',
    tags: ['payments'],
    auth: 'client',
    access: 'billing:write',
    idempotent: true,
    body: ApplyCreditInputSchema,
    status: 200,
    output: InvoiceSchema,
    errors: ['NOT_FOUND', 'INVOICE_NOT_PAYABLE', 'INSUFFICIENT_CREDIT', 'AMOUNT_INVALID'],
  }),
  credit: defineRoute({
    id: 'billing.credit',
    method: 'GET',
    path: '/api/v1/credit',
    summary: "The account's credit balance, per currency",
    tags: ['payments'],
    auth: 'client',
    access: 'billing:read',
    status: 200,
    output: CreditSchema,
  }),
  creditEntries: defineRoute({
    id: 'billing.creditEntries',
    method: 'GET',
    path: '/api/v1/credit/entries',
    summary: 'The credit ledger, newest first',
    tags: ['payments'],
    auth: 'client',
    access: 'billing:read',
    query: PageQuerySchema,
    status: 200,
    output: pageSchema(CreditEntrySchema),
  }),
  stripeWebhook: defineRoute({
    id: 'billing.stripeWebhook',
    method: 'POST',
    path: '/api/v1/billing/webhooks/stripe',
    summary:
      'Events from the Stripe-compatible gateway, signed (Stripe-Signature, HMAC-SHA256 over the raw body, 300 s tolerance); each applied once',
    tags: ['payments'],
    auth: 'public',
    rawBody: true,
    status: 200,
    output: z.object({ received: z.boolean() }),
    errors: ['WEBHOOK_INVALID'],
  }),
  listServices: defineRoute({
    id: 'billing.listServices',
    method: 'GET',
    path: '/api/v1/services',
    summary: "The account's services, newest first, optionally of one status",
    tags: ['services'],
    auth: 'client',
    access: 'services:read',
    query: ServiceListQuerySchema,
    status: 200,
    output: pageSchema(ServiceSchema),
  }),
  getService: defineRoute({
    id: 'billing.getService',
    method: 'GET',
    path: '/api/v1/services/:serviceId',
    summary: 'One service with its latest cancellation request',
    tags: ['services'],
    auth: 'client',
    access: 'services:read',
    status: 200,
    output: ServiceSchema,
    errors: billingErrors,
  }),
  requestCancellation: defineRoute({
    id: 'billing.requestCancellation',
    method: 'POST',
    path: '/api/v1/services/:serviceId/cancellation',
    summary: 'Ask to cancel a service, now or at the end of its period; staff process the request',
    tags: ['services'],
    auth: 'client',
    access: 'services:write',
    body: CancellationInputSchema,
    status: 201,
    output: ServiceSchema,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  withdrawCancellation: defineRoute({
    id: 'billing.withdrawCancellation',
    method: 'DELETE',
    path: '/api/v1/services/:serviceId/cancellation',
    summary: 'Withdraw a cancellation request staff have not processed yet',
    tags: ['services'],
    auth: 'client',
    access: 'services:write',
    status: 200,
    output: ServiceSchema,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  dashboard: defineRoute({
    id: 'billing.dashboard',
    method: 'GET',
    path: '/api/v1/dashboard',
    summary: 'Amount due, credit, active services, recent invoices and upcoming renewals',
    tags: ['services'],
    auth: 'client',
    access: 'self',
    status: 200,
    output: DashboardSchema,
  }),
};
