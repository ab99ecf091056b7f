import * as z from 'zod/mini';
import {
  AffiliateSchema,
  AffiliateSignupSchema,
  AffiliateStatusSchema,
  CommissionListQuerySchema,
  CommissionRuleSchema,
  CommissionSchema,
  LedgerEntrySchema,
  PayoutSchema,
  PayoutStatusSchema,
} from './affiliates.js';
import {
  adminRoutesOf,
  defineRoute,
  idSchema,
  itemsSchema,
  PageQuerySchema,
  pageSchema,
  staffOnly,
} from './common.js';
import { MAX_AMOUNT } from './money.js';

/** The programme's rules as staff set them. */
export const AffiliateSettingsSchema = z.object({
  signup: AffiliateSignupSchema,
  /** The rule for products without their own. */
  commission: CommissionRuleSchema,
  recurring: z.boolean(),
  windowDays: z.int(),
  clearingDays: z.int(),
  minimumPayout: z.int(),
  minimumPayoutCurrency: z.string(),
  /** Where referral links point (the business's site); null: the hosted portal. `?ref=<code>` is added. */
  linkBase: z.nullable(z.string()),
  /** The programme's terms, Markdown. */
  terms: z.string(),
});
export type AffiliateSettings = z.infer<typeof AffiliateSettingsSchema>;

const days = (max: number) =>
  z.int().check(z.minimum(0, { error: 'At least 0' }), z.maximum(max, { error: `At most ${max}` }));

export const AffiliateSettingsUpdateSchema = z.object({
  signup: z.optional(AffiliateSignupSchema),
  commission: z.optional(CommissionRuleSchema),
  recurring: z.optional(z.boolean()),
  windowDays: z.optional(
    z.int().check(z.minimum(1, { error: 'At least 1' }), z.maximum(365, { error: 'At most 365' })),
  ),
  clearingDays: z.optional(days(365)),
  minimumPayout: z.optional(z.int().check(z.minimum(0, { error: 'At least 0' }), z.maximum(MAX_AMOUNT))),
  minimumPayoutCurrency: z.optional(
    z.string().check(z.regex(/^[A-Z]{3}$/, { error: 'A 3-letter currency code' })),
  ),
  linkBase: z.optional(
    z.nullable(
      z.string().check(
        z.trim(),
        z.maxLength(2000, { error: 'At most 2,000 characters' }),
        z.refine((v) => /^https?:\/\/[^\s/]/.test(v) && URL.canParse(v), { error: 'A full http(s) URL' }),
      ),
    ),
  ),
  terms: z.optional(z.string().check(z.trim(), z.maxLength(50_000, { error: 'At most 50,000 characters' }))),
});
export type AffiliateSettingsUpdate = z.input<typeof AffiliateSettingsUpdateSchema>;

/** A product's own commission rule. */
export const ProductCommissionSchema = z.object({
  productId: z.string(),
  productName: z.string(),
  rule: CommissionRuleSchema,
});
export type ProductCommission = z.infer<typeof ProductCommissionSchema>;

export const ProductCommissionsInputSchema = z.object({
  items: z.array(z.object({ productId: idSchema('prod'), rule: CommissionRuleSchema })).check(
    z.maxLength(500, { error: 'At most 500 products' }),
    z.refine((items) => new Set(items.map((i) => i.productId)).size === items.length, {
      error: 'Each product only once',
    }),
  ),
});
export type ProductCommissionsInput = z.input<typeof ProductCommissionsInputSchema>;

/** An affiliate as staff see it. */
export const AdminAffiliateSchema = z.extend(AffiliateSchema, {
  accountId: z.string(),
  accountName: z.string(),
  /** What the client wrote when applying. */
  note: z.string(),
});
export type AdminAffiliate = z.infer<typeof AdminAffiliateSchema>;

export const AdminAffiliateQuerySchema = z.extend(PageQuerySchema, {
  status: z.optional(AffiliateStatusSchema),
  /** Part of the account's name or the code. */
  q: z.optional(z.string().check(z.trim(), z.maxLength(100))),
});
export type AdminAffiliateQuery = z.input<typeof AdminAffiliateQuerySchema>;

export const AffiliateStatusInputSchema = z.object({
  status: z.enum(['active', 'rejected', 'suspended']),
});
export type AffiliateStatusInput = z.input<typeof AffiliateStatusInputSchema>;

/** A commission as staff see it: which account and invoice it came from. */
export const AdminCommissionSchema = z.extend(CommissionSchema, {
  affiliateId: z.string(),
  affiliateName: z.string(),
  invoiceId: z.string(),
  invoiceNumber: z.nullable(z.string()),
  referredAccountId: z.string(),
});
export type AdminCommission = z.infer<typeof AdminCommissionSchema>;

export const AdminCommissionQuerySchema = z.extend(CommissionListQuerySchema, {
  affiliateId: z.optional(z.string().check(z.maxLength(64))),
});
export type AdminCommissionQuery = z.input<typeof AdminCommissionQuerySchema>;

export const AdminPayoutSchema = z.extend(PayoutSchema, {
  affiliateId: z.string(),
  affiliateName: z.string(),
  accountId: z.string(),
  payoutDetails: z.string(),
});
export type AdminPayout = z.infer<typeof AdminPayoutSchema>;

export const AdminPayoutQuerySchema = z.extend(PageQuerySchema, {
  status: z.optional(PayoutStatusSchema),
  affiliateId: z.optional(z.string().check(z.maxLength(64))),
});
export type AdminPayoutQuery = z.input<typeof AdminPayoutQuerySchema>;

const short = (max: number, what: string) =>
  z
    .string({ error: `${what} is required` })
    .check(
      z.trim(),
      z.minLength(1, { error: `${what} is required` }),
      z.maxLength(max, { error: `At most ${max} characters` }),
    );

export const PayoutPaidInputSchema = z.object({
  method: short(40, 'The method'),
  reference: short(200, 'The reference'),
});
export type PayoutPaidInput = z.input<typeof PayoutPaidInputSchema>;

export const PayoutRejectInputSchema = z.object({ reason: short(500, 'A reason') });
export type PayoutRejectInput = z.input<typeof PayoutRejectInputSchema>;

/** A correction staff make to an affiliate's available balance (positive or negative, never zero). */
export const AffiliateAdjustmentInputSchema = z.object({
  amount: z.int({ error: 'Enter an amount' }).check(
    z.minimum(-MAX_AMOUNT),
    z.maximum(MAX_AMOUNT),
    z.refine((v) => v !== 0, { error: 'Enter an amount other than 0' }),
  ),
  currency: z.string().check(z.regex(/^[A-Z]{3}$/, { error: 'A 3-letter currency code' })),
  description: short(200, 'A description'),
});
export type AffiliateAdjustmentInput = z.input<typeof AffiliateAdjustmentInputSchema>;

const route = adminRoutesOf('adminAffiliates', 'affiliates');
const read = staffOnly('admin', 'billing', 'support');
const money = staffOnly('admin', 'billing');

/** Staff side of the affiliate programme. */
export const affiliatesAdminRoutes = {
  settings: defineRoute({
    ...route('settings', 'GET', '/affiliates/settings', "The programme's rules"),
    ...read,
    status: 200,
    output: AffiliateSettingsSchema,
  }),
  updateSettings: defineRoute({
    ...route(
      'updateSettings',
      'PATCH',
      '/affiliates/settings',
      "Change the programme's rules (future commissions only)",
    ),
    ...money,
    body: AffiliateSettingsUpdateSchema,
    status: 200,
    output: AffiliateSettingsSchema,
  }),
  productCommissions: defineRoute({
    ...route(
      'productCommissions',
      'GET',
      '/affiliates/product-commissions',
      'Products with their own commission rule',
    ),
    ...read,
    status: 200,
    output: itemsSchema(ProductCommissionSchema),
  }),
  setProductCommissions: defineRoute({
    ...route(
      'setProductCommissions',
      'PUT',
      '/affiliates/product-commissions',
      'Replace every product’s own rule',
    ),
    ...money,
    body: ProductCommissionsInputSchema,
    status: 200,
    output: itemsSchema(ProductCommissionSchema),
    errors: ['VALIDATION_FAILED'],
  }),
  list: defineRoute({
    ...route('list', 'GET', '/affiliates', 'Affiliates, newest first'),
    ...read,
    query: AdminAffiliateQuerySchema,
    status: 200,
    output: pageSchema(AdminAffiliateSchema),
  }),
  get: defineRoute({
    ...route('get', 'GET', '/affiliates/:affiliateId', 'An affiliate with stats and balances'),
    ...read,
    status: 200,
    output: AdminAffiliateSchema,
    errors: ['NOT_FOUND'],
  }),
  setStatus: defineRoute({
    ...route(
      'setStatus',
      'POST',
      '/affiliates/:affiliateId/status',
      'Approve, reject, suspend or reactivate',
    ),
    ...money,
    body: AffiliateStatusInputSchema,
    status: 200,
    output: AdminAffiliateSchema,
    errors: ['NOT_FOUND'],
  }),
  ledger: defineRoute({
    ...route('ledger', 'GET', '/affiliates/:affiliateId/ledger', "The affiliate's ledger, newest first"),
    ...read,
    query: PageQuerySchema,
    status: 200,
    output: pageSchema(LedgerEntrySchema),
    errors: ['NOT_FOUND'],
  }),
  adjust: defineRoute({
    ...route(
      'adjust',
      'POST',
      '/affiliates/:affiliateId/adjustments',
      'Correct the available balance (a ledger row)',
    ),
    ...money,
    idempotent: true,
    body: AffiliateAdjustmentInputSchema,
    status: 201,
    output: LedgerEntrySchema,
    errors: ['NOT_FOUND'],
  }),
  commissions: defineRoute({
    ...route('commissions', 'GET', '/affiliates/commissions', 'Commissions of every affiliate, newest first'),
    ...read,
    query: AdminCommissionQuerySchema,
    status: 200,
    output: pageSchema(AdminCommissionSchema),
  }),
  payouts: defineRoute({
    ...route('payouts', 'GET', '/affiliates/payouts', 'Payout requests, oldest waiting first'),
    ...read,
    query: AdminPayoutQuerySchema,
    status: 200,
    output: pageSchema(AdminPayoutSchema),
  }),
  approvePayout: defineRoute({
    ...route('approvePayout', 'POST', '/affiliates/payouts/:payoutId/approve', 'Approve a requested payout'),
    ...money,
    status: 200,
    output: AdminPayoutSchema,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  payPayout: defineRoute({
    ...route('payPayout', 'POST', '/affiliates/payouts/:payoutId/paid', 'Record that the payout was paid'),
    ...money,
    body: PayoutPaidInputSchema,
    status: 200,
    output: AdminPayoutSchema,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  creditPayout: defineRoute({
    ...route(
      'creditPayout',
      'POST',
      '/affiliates/payouts/:payoutId/credit',
      "Pay it as credit on the affiliate's account",
    ),
    ...money,
    status: 200,
    output: AdminPayoutSchema,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  rejectPayout: defineRoute({
    ...route(
      'rejectPayout',
      'POST',
      '/affiliates/payouts/:payoutId/reject',
      'Refuse it: the amount returns to available',
    ),
    ...money,
    body: PayoutRejectInputSchema,
    status: 200,
    output: AdminPayoutSchema,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
};
