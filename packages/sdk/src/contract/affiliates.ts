import * as z from 'zod/mini';
import { defineRoute, PageQuerySchema, pageSchema, TimestampSchema } from './common.js';
import { MAX_AMOUNT } from './money.js';

/** Error codes of the affiliate programme. */
export const AffiliateErrorCodes = {
  /** The account is in the programme already (409). */
  ALREADY_AFFILIATE: 'ALREADY_AFFILIATE',
  /** The account is not an active affiliate (pending approval, rejected or suspended): 409. */
  AFFILIATE_INACTIVE: 'AFFILIATE_INACTIVE',
  /** A payout below the programme's minimum, or above what is available (422 on `amount`). */
  PAYOUT_AMOUNT: 'PAYOUT_AMOUNT',
  /** A payout of this currency is already waiting for staff (409). */
  PAYOUT_PENDING: 'PAYOUT_PENDING',
} as const;

/** `open`: anyone who may use the app joins at once. `approval`: staff approve each application. */
export const AffiliateSignupSchema = z.enum(['open', 'approval']);
export type AffiliateSignup = z.infer<typeof AffiliateSignupSchema>;

/** `pending`: applied, waiting for staff. `active`: earning. `rejected`, `suspended`: not earning. */
export const AFFILIATE_STATUSES = ['pending', 'active', 'rejected', 'suspended'] as const;
export const AffiliateStatusSchema = z.enum(AFFILIATE_STATUSES);
export type AffiliateStatus = (typeof AFFILIATE_STATUSES)[number];

/**
 * How much a paid invoice line earns: `percent` of the line's amount before tax (`rateBps`, 1000 = 10 %), or a
 * `fixed` amount per unit in one currency (a line in another currency earns nothing), or `none`.
 */
export const CommissionRuleSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('percent'),
    rateBps: z
      .int()
      .check(z.minimum(1, { error: 'At least 0.01 %' }), z.maximum(10_000, { error: 'At most 100 %' })),
  }),
  z.object({
    type: z.literal('fixed'),
    amount: z.int().check(z.minimum(1, { error: 'At least 1' }), z.maximum(MAX_AMOUNT)),
    currency: z.string().check(z.regex(/^[A-Z]{3}$/, { error: 'A 3-letter currency code' })),
  }),
  z.object({ type: z.literal('none') }),
]);
export type CommissionRule = z.infer<typeof CommissionRuleSchema>;

/**
 * `pending`: recorded when the referred client's invoice was paid, clearing. `payable`: cleared, part of the
 * available balance. `reversed`: the invoice was refunded.
 */
export const COMMISSION_STATUSES = ['pending', 'payable', 'reversed'] as const;
export const CommissionStatusSchema = z.enum(COMMISSION_STATUSES);
export type CommissionStatus = (typeof COMMISSION_STATUSES)[number];

/**
 * `requested` by the affiliate, `approved` by staff (to be paid), then `paid` (recorded with a reference), or
 * `credited` to the affiliate's account credit, or `rejected` (the amount returns to the available balance).
 */
export const PAYOUT_STATUSES = ['requested', 'approved', 'paid', 'credited', 'rejected'] as const;
export const PayoutStatusSchema = z.enum(PAYOUT_STATUSES);
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/**
 * The balance an amount sits in. A commission enters `pending`, moves to `available` when it clears, then to
 * `requested` with a payout request, and leaves to `paid` (or back to `available` when rejected). A reversal
 * takes it out of whichever balance it is in.
 */
export const LEDGER_BUCKETS = ['pending', 'available', 'requested', 'paid'] as const;
export const LedgerBucketSchema = z.enum(LEDGER_BUCKETS);
export type LedgerBucket = (typeof LEDGER_BUCKETS)[number];

export const LEDGER_KINDS = [
  'commission',
  'cleared',
  'reversal',
  'payout_requested',
  'payout_paid',
  'payout_credited',
  'payout_rejected',
  'adjustment',
] as const;
export const LedgerKindSchema = z.enum(LEDGER_KINDS);
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** What an affiliate holds in one currency, summed from the ledger. */
export const AffiliateBalanceSchema = z.object({
  currency: z.string(),
  pending: z.int(),
  available: z.int(),
  requested: z.int(),
  paid: z.int(),
});
export type AffiliateBalance = z.infer<typeof AffiliateBalanceSchema>;

export const AffiliateStatsSchema = z.object({
  clicks: z.int(),
  /** Referred accounts that completed registration. */
  signups: z.int(),
  /** Referred accounts with at least one commission. */
  conversions: z.int(),
});
export type AffiliateStats = z.infer<typeof AffiliateStatsSchema>;

/** The programme's terms as a client sees them. */
export const AffiliateProgrammeSchema = z.object({
  signup: AffiliateSignupSchema,
  /** The default rule (products may have their own). */
  commission: CommissionRuleSchema,
  /** Renewal invoices earn too (else only the first invoice of each service). */
  recurring: z.boolean(),
  /** Days a click counts for: a registration this long after the click is attributed. */
  windowDays: z.int(),
  /** Days a commission stays pending before it can be paid out. */
  clearingDays: z.int(),
  /** The smallest payout, in `minimumPayoutCurrency`. */
  minimumPayout: z.int(),
  minimumPayoutCurrency: z.string(),
  /** The terms, rendered and sanitized. */
  termsHtml: z.string(),
});
export type AffiliateProgramme = z.infer<typeof AffiliateProgrammeSchema>;

/** The account's place in the programme. */
export const AffiliateSchema = z.object({
  id: z.string(),
  status: AffiliateStatusSchema,
  /** What the referral link carries. */
  code: z.string(),
  /** The link to share: the business's site with `?ref=<code>`. */
  link: z.string(),
  /** Where payouts go (bank or PayPal details), as the affiliate wrote them. */
  payoutDetails: z.string(),
  stats: AffiliateStatsSchema,
  balances: z.array(AffiliateBalanceSchema),
  createdAt: TimestampSchema,
  approvedAt: z.nullable(TimestampSchema),
});
export type Affiliate = z.infer<typeof AffiliateSchema>;

/** The affiliate page: the programme, and the account's place in it (null until it joins). */
export const AffiliateOverviewSchema = z.object({
  programme: AffiliateProgrammeSchema,
  affiliate: z.nullable(AffiliateSchema),
});
export type AffiliateOverview = z.infer<typeof AffiliateOverviewSchema>;

export const PayoutDetailsSchema = z
  .string()
  .check(z.trim(), z.maxLength(1000, { error: 'At most 1,000 characters' }));

export const AffiliateJoinInputSchema = z.object({
  payoutDetails: z.optional(PayoutDetailsSchema),
  /** For programmes with approval: how the client will promote the business. */
  note: z.optional(z.string().check(z.trim(), z.maxLength(1000, { error: 'At most 1,000 characters' }))),
});
export type AffiliateJoinInput = z.input<typeof AffiliateJoinInputSchema>;

export const AffiliateUpdateInputSchema = z.object({ payoutDetails: PayoutDetailsSchema });
export type AffiliateUpdateInput = z.input<typeof AffiliateUpdateInputSchema>;

/** A referred account, as the affiliate sees it: initials only, never who it is. */
export const ReferralSchema = z.object({
  id: z.string(),
  /** Initials of the account's name (`A. L.`). */
  name: z.string(),
  registeredAt: TimestampSchema,
  converted: z.boolean(),
});
export type Referral = z.infer<typeof ReferralSchema>;

export const CommissionSchema = z.object({
  id: z.string(),
  status: CommissionStatusSchema,
  amount: z.int(),
  currency: z.string(),
  /** The referral it came from. */
  referralId: z.string(),
  referralName: z.string(),
  /** When it becomes payable (pending), or became. */
  clearsAt: TimestampSchema,
  createdAt: TimestampSchema,
  reversedAt: z.nullable(TimestampSchema),
});
export type Commission = z.infer<typeof CommissionSchema>;

export const PayoutSchema = z.object({
  id: z.string(),
  status: PayoutStatusSchema,
  amount: z.int(),
  currency: z.string(),
  /** How staff paid it (`bank`, `paypal`, …) and their reference, once paid. */
  method: z.nullable(z.string()),
  reference: z.nullable(z.string()),
  /** Why staff rejected it. */
  note: z.nullable(z.string()),
  createdAt: TimestampSchema,
  decidedAt: z.nullable(TimestampSchema),
});
export type Payout = z.infer<typeof PayoutSchema>;

export const LedgerEntrySchema = z.object({
  id: z.string(),
  kind: LedgerKindSchema,
  bucket: LedgerBucketSchema,
  /** Positive into the bucket, negative out of it. */
  amount: z.int(),
  currency: z.string(),
  description: z.string(),
  commissionId: z.nullable(z.string()),
  payoutId: z.nullable(z.string()),
  createdAt: TimestampSchema,
});
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;

export const PayoutInputSchema = z.object({
  amount: z
    .int({ error: 'Enter an amount' })
    .check(z.minimum(1, { error: 'Enter an amount' }), z.maximum(MAX_AMOUNT)),
  currency: z
    .string({ error: 'Choose a currency' })
    .check(z.regex(/^[A-Z]{3}$/, { error: 'A 3-letter currency code' })),
});
export type PayoutInput = z.input<typeof PayoutInputSchema>;

export const CommissionListQuerySchema = z.extend(PageQuerySchema, {
  status: z.optional(CommissionStatusSchema),
});
export type CommissionListQuery = z.input<typeof CommissionListQuerySchema>;

/** A click on a referral link, as the host page reports it. */
export const ReferralClickInputSchema = z.object({
  code: z
    .string({ error: 'A referral code is required' })
    .check(z.trim(), z.regex(/^[A-Za-z0-9_-]{3,32}$/, { error: 'Not a referral code' })),
});
export type ReferralClickInput = z.input<typeof ReferralClickInputSchema>;

/**
 * What a recorded click gives back: the referral id to keep (the server also sets its own first-party cookie for
 * the window) and when it stops counting. Null `referral` when the code is unknown or its affiliate not active:
 * the visitor's page is never told which.
 */
export const ReferralClickSchema = z.object({
  referral: z.nullable(z.string()),
  expiresAt: z.nullable(TimestampSchema),
});
export type ReferralClick = z.infer<typeof ReferralClickSchema>;

const tags = ['apps: affiliates'];
const affiliateErrors = ['NOT_FOUND'] as const;

/** The affiliate programme, as a client uses it. Every route is 404 while the app is off or not the client's. */
export const affiliateRoutes = {
  click: defineRoute({
    id: 'affiliate.click',
    method: 'POST',
    path: '/api/v1/affiliate/clicks',
    summary:
      'Record a visit through a referral link; answers the referral id and sets a first-party cookie for the window',
    tags,
    auth: 'public',
    body: ReferralClickInputSchema,
    status: 200,
    output: ReferralClickSchema,
    errors: ['NOT_FOUND', 'RATE_LIMITED'],
    rateLimited: true,
  }),
  overview: defineRoute({
    id: 'affiliate.overview',
    method: 'GET',
    path: '/api/v1/affiliate',
    summary: "The programme's terms and the account's place in it (link, stats, balances)",
    tags,
    auth: 'client',
    access: 'owner',
    status: 200,
    output: AffiliateOverviewSchema,
    errors: affiliateErrors,
  }),
  join: defineRoute({
    id: 'affiliate.join',
    method: 'POST',
    path: '/api/v1/affiliate',
    summary: 'Join the programme (active at once, or pending when the business approves each affiliate)',
    tags,
    auth: 'client',
    access: 'owner',
    body: AffiliateJoinInputSchema,
    status: 201,
    output: AffiliateOverviewSchema,
    errors: ['NOT_FOUND', 'ALREADY_AFFILIATE', 'RATE_LIMITED'],
    rateLimited: true,
  }),
  update: defineRoute({
    id: 'affiliate.update',
    method: 'PATCH',
    path: '/api/v1/affiliate',
    summary: 'Change where payouts go',
    tags,
    auth: 'client',
    access: 'owner',
    body: AffiliateUpdateInputSchema,
    status: 200,
    output: AffiliateOverviewSchema,
    errors: affiliateErrors,
  }),
  referrals: defineRoute({
    id: 'affiliate.referrals',
    method: 'GET',
    path: '/api/v1/affiliate/referrals',
    summary: 'Accounts this affiliate referred (initials only), newest first',
    tags,
    auth: 'client',
    access: 'owner',
    query: PageQuerySchema,
    status: 200,
    output: pageSchema(ReferralSchema),
    errors: affiliateErrors,
  }),
  commissions: defineRoute({
    id: 'affiliate.commissions',
    method: 'GET',
    path: '/api/v1/affiliate/commissions',
    summary: 'Commissions, newest first',
    tags,
    auth: 'client',
    access: 'owner',
    query: CommissionListQuerySchema,
    status: 200,
    output: pageSchema(CommissionSchema),
    errors: affiliateErrors,
  }),
  payouts: defineRoute({
    id: 'affiliate.payouts',
    method: 'GET',
    path: '/api/v1/affiliate/payouts',
    summary: 'Payout requests, newest first',
    tags,
    auth: 'client',
    access: 'owner',
    query: PageQuerySchema,
    status: 200,
    output: pageSchema(PayoutSchema),
    errors: affiliateErrors,
  }),
  requestPayout: defineRoute({
    id: 'affiliate.requestPayout',
    method: 'POST',
    path: '/api/v1/affiliate/payouts',
    summary: 'Ask for a payout of available balance (at least the minimum; one waiting request per currency)',
    tags,
    auth: 'client',
    access: 'owner',
    idempotent: true,
    body: PayoutInputSchema,
    status: 201,
    output: PayoutSchema,
    errors: ['NOT_FOUND', 'AFFILIATE_INACTIVE', 'PAYOUT_AMOUNT', 'PAYOUT_PENDING', 'RATE_LIMITED'],
    rateLimited: true,
  }),
  ledger: defineRoute({
    id: 'affiliate.ledger',
    method: 'GET',
    path: '/api/v1/affiliate/ledger',
    summary: 'Every amount that moved, newest first',
    tags,
    auth: 'client',
    access: 'owner',
    query: PageQuerySchema,
    status: 200,
    output: pageSchema(LedgerEntrySchema),
    errors: affiliateErrors,
  }),
};
