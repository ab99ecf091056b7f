import * as z from 'zod/mini';
import { DomainNameSchema, DomainYearsSchema, InvoiceSchema, MoneySchema } from './billing.js';
import { CurrencySchema } from './clients.js';
import { defineRoute, PageQuerySchema, pageSchema, TimestampSchema } from './common.js';
import { parseDomainName } from './domain-name.js';

/** Error codes of the domains area. */
export const DomainErrorCodes = {
  /** The business does not sell this TLD (or it is disabled). */
  TLD_NOT_OFFERED: 'TLD_NOT_OFFERED',
  /** Registering a name that is taken, or one another order already holds. */
  DOMAIN_UNAVAILABLE: 'DOMAIN_UNAVAILABLE',
  /** No price for that action and number of years in that currency. */
  PRICE_UNAVAILABLE: 'PRICE_UNAVAILABLE',
  /** The registrar refused or could not be reached; nothing was changed. */
  REGISTRAR_ERROR: 'REGISTRAR_ERROR',
  /** The domain is not active (pending, being registered, failed, expired or cancelled): it cannot be changed. */
  DOMAIN_NOT_ACTIVE: 'DOMAIN_NOT_ACTIVE',
} as const;

/** A TLD as the business lists it: ASCII, no leading dot (`com`, `co.uk`, `xn--p1ai`). */
export const TldNameSchema = z.string().check(
  z.overwrite((v) => v.trim().replace(/^\./, '')),
  z.maxLength(100),
  z.refine((v) => parseDomainName(`x.${v}`).ok, { error: 'Enter an ending such as com or co.uk' }),
  z.overwrite((v) => {
    const result = parseDomainName(`x.${v}`);
    return result.ok ? result.ascii.slice(2) : v;
  }),
);

export const DOMAIN_PRICE_ACTIONS = ['register', 'renew', 'transfer'] as const;
export const DomainPriceActionSchema = z.enum(DOMAIN_PRICE_ACTIONS);
export type DomainPriceAction = (typeof DOMAIN_PRICE_ACTIONS)[number];

/** A price for a term. */
export const TermPriceSchema = z.object({ years: z.int(), amount: z.int() });
export type TermPrice = z.infer<typeof TermPriceSchema>;

/** A TLD with its prices in one currency; an action without prices is not offered. */
export const TldSchema = z.object({
  tld: z.string(),
  /** The ending as people read it (`рф` for `xn--p1ai`). */
  unicode: z.string(),
  register: z.array(TermPriceSchema),
  renew: z.array(TermPriceSchema),
  transfer: z.array(TermPriceSchema),
});
export type Tld = z.infer<typeof TldSchema>;

export const TldListSchema = z.object({
  currency: z.string(),
  /** Currencies the business bills in; a guest may pick one. */
  currencies: z.array(z.string()),
  /** In the business's order; only TLDs with a register or transfer price in `currency`. */
  tlds: z.array(TldSchema),
});
export type TldList = z.infer<typeof TldListSchema>;

export const TldQuerySchema = z.object({ currency: z.optional(CurrencySchema) });

/**
 * `available`: can be registered. `taken`: registered already (it may be transferred in). `unknown`: the registry
 * did not answer in time or limited us; try again.
 */
export const AvailabilityStatusSchema = z.enum(['available', 'taken', 'unknown']);
export type AvailabilityStatus = z.infer<typeof AvailabilityStatusSchema>;

export const DomainAvailabilitySchema = z.object({
  domain: z.string(),
  unicode: z.string(),
  tld: z.string(),
  status: AvailabilityStatusSchema,
  /** Why the status is `unknown`. */
  reason: z.nullable(z.enum(['timeout', 'rate_limited', 'error'])),
  /** One year's registration, or null when not offered in this currency. */
  register: z.nullable(MoneySchema),
  /** A transfer's price (one year added), or null. */
  transfer: z.nullable(MoneySchema),
  /** A premium name: the registry asks more than the list price, so it is not sold here. */
  premium: z.boolean(),
});
export type DomainAvailability = z.infer<typeof DomainAvailabilitySchema>;

export const AvailabilityQuerySchema = z.object({
  domain: DomainNameSchema,
  currency: z.optional(CurrencySchema),
});
export type AvailabilityQuery = z.input<typeof AvailabilityQuerySchema>;

export const SuggestionQuerySchema = z.object({
  /** What the visitor typed: a name, a few words or a domain. */
  query: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, { error: 'Enter a name' }),
      z.maxLength(100, { error: 'At most 100 characters' }),
    ),
  /** How many (default 8). */
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(20))),
});
export type SuggestionQuery = z.input<typeof SuggestionQuerySchema>;

export const DomainSuggestionsSchema = z.object({
  items: z.array(z.object({ domain: z.string(), unicode: z.string() })),
});
export type DomainSuggestions = z.infer<typeof DomainSuggestionsSchema>;

// ─── My Domains ─────────────────────────────────────────────────────────────────────────────────────────────

/**
 * `pending`: ordered, the invoice is not paid yet. `provisioning`: paid; the registrar is registering or
 * transferring it. `failed`: the registrar could not; staff are retrying (nothing is lost). `active`, `expired`
 * (past its expiry date, not renewed), `cancelled` (its order was cancelled unpaid).
 */
export const DOMAIN_STATUSES = [
  'pending',
  'provisioning',
  'failed',
  'active',
  'expired',
  'cancelled',
] as const;
export const DomainStatusSchema = z.enum(DOMAIN_STATUSES);
export type DomainStatus = (typeof DOMAIN_STATUSES)[number];

export const DomainSchema = z.object({
  id: z.string(),
  /** ASCII form. */
  domain: z.string(),
  unicode: z.string(),
  tld: z.string(),
  status: DomainStatusSchema,
  /** How it came here. */
  action: z.enum(['register', 'transfer']),
  registeredAt: z.nullable(TimestampSchema),
  expiresAt: z.nullable(TimestampSchema),
  autoRenew: z.boolean(),
  /** WHOIS privacy: the registrant's details are hidden in public WHOIS/RDAP. */
  privacy: z.boolean(),
  /** Registrar lock: transfers away are refused while on. */
  locked: z.boolean(),
  nameservers: z.array(z.string()),
  /** The order's invoice (pay it to start registration). */
  invoiceId: z.nullable(z.string()),
  /** An unpaid renewal invoice, if there is one. */
  renewalInvoiceId: z.nullable(z.string()),
  /** One year's renewal in the account's currency, or null when not offered. */
  renewPrice: z.nullable(MoneySchema),
  createdAt: TimestampSchema,
});
export type Domain = z.infer<typeof DomainSchema>;

export const DomainListQuerySchema = z.extend(PageQuerySchema, {
  status: z.optional(DomainStatusSchema),
});
export type DomainListQuery = z.input<typeof DomainListQuerySchema>;

/** A name server: a host name of at least two labels (IDN becomes ASCII). */
export const NameserverSchema = z.string().check(
  z.maxLength(300, { error: 'A name server is at most 253 characters' }),
  z.refine((v) => parseDomainName(v).ok, {
    error: (issue) => {
      const result = parseDomainName(String(issue.input));
      return result.ok ? 'Enter a host name such as ns1.example.com' : result.message;
    },
  }),
  z.overwrite((v) => {
    const result = parseDomainName(v);
    return result.ok ? result.ascii : v;
  }),
);

export const NameserversInputSchema = z.object({
  nameservers: z.array(NameserverSchema).check(
    z.minLength(2, { error: 'Enter at least 2 name servers' }),
    z.maxLength(13, { error: 'At most 13 name servers' }),
    z.refine((list) => new Set(list).size === list.length, { error: 'Each name server only once' }),
  ),
});
export type NameserversInput = z.input<typeof NameserversInputSchema>;

export const DomainToggleInputSchema = z.object({ enabled: z.boolean() });
export type DomainToggleInput = z.input<typeof DomainToggleInputSchema>;

export const EppCodeSchema = z.object({ code: z.string() });
export type EppCode = z.infer<typeof EppCodeSchema>;

export const DomainRenewInputSchema = z.object({ years: z.optional(DomainYearsSchema) });
export type DomainRenewInput = z.input<typeof DomainRenewInputSchema>;

const domainErrors = ['NOT_FOUND'] as const;
const changeErrors = ['NOT_FOUND', 'DOMAIN_NOT_ACTIVE', 'REGISTRAR_ERROR'] as const;

/** Domain search and pricing (public), and the account's domains. */
export const domainRoutes = {
  tlds: defineRoute({
    id: 'domains.tlds',
    method: 'GET',
    path: '/api/v1/domains/tlds',
    summary: 'The TLDs the business sells, with register, renew and transfer prices for 1–10 years',
    tags: ['domains'],
    auth: 'optional',
    access: 'domains:read',
    query: TldQuerySchema,
    status: 200,
    output: TldListSchema,
    errors: ['NOT_FOUND', 'CURRENCY_NOT_ENABLED'],
  }),
  availability: defineRoute({
    id: 'domains.availability',
    method: 'GET',
    path: '/api/v1/domains/availability',
    summary: 'Whether one domain can be registered, with its price (rate-limited per IP, cached briefly)',
    tags: ['domains'],
    auth: 'optional',
    access: 'domains:read',
    query: AvailabilityQuerySchema,
    status: 200,
    output: DomainAvailabilitySchema,
    errors: ['NOT_FOUND', 'TLD_NOT_OFFERED', 'CURRENCY_NOT_ENABLED', 'RATE_LIMITED'],
    rateLimited: true,
  }),
  suggestions: defineRoute({
    id: 'domains.suggestions',
    method: 'GET',
    path: '/api/v1/domains/suggestions',
    summary: 'Alternative names across the business’s TLDs (not checked: check each one)',
    tags: ['domains'],
    auth: 'optional',
    access: 'domains:read',
    query: SuggestionQuerySchema,
    status: 200,
    output: DomainSuggestionsSchema,
    errors: ['NOT_FOUND', 'RATE_LIMITED'],
    rateLimited: true,
  }),
  list: defineRoute({
    id: 'domains.list',
    method: 'GET',
    path: '/api/v1/domains',
    summary: "The account's domains, newest first, optionally of one status",
    tags: ['domains'],
    auth: 'client',
    access: 'domains:read',
    query: DomainListQuerySchema,
    status: 200,
    output: pageSchema(DomainSchema),
  }),
  get: defineRoute({
    id: 'domains.get',
    method: 'GET',
    path: '/api/v1/domains/:domainId',
    summary: 'One domain: status, expiry, name servers, privacy, lock and auto-renew',
    tags: ['domains'],
    auth: 'client',
    access: 'domains:read',
    status: 200,
    output: DomainSchema,
    errors: domainErrors,
  }),
  setNameservers: defineRoute({
    id: 'domains.setNameservers',
    method: 'PUT',
    path: '/api/v1/domains/:domainId/nameservers',
    summary: 'Replace the name servers (2 to 13): the registrar first, stored only when it succeeds',
    tags: ['domains'],
    auth: 'client',
    access: 'domains:write',
    body: NameserversInputSchema,
    status: 200,
    output: DomainSchema,
    errors: changeErrors,
  }),
  setPrivacy: defineRoute({
    id: 'domains.setPrivacy',
    method: 'PUT',
    path: '/api/v1/domains/:domainId/privacy',
    summary: 'Turn WHOIS privacy on or off at the registrar',
    tags: ['domains'],
    auth: 'client',
    access: 'domains:write',
    body: DomainToggleInputSchema,
    status: 200,
    output: DomainSchema,
    errors: changeErrors,
  }),
  setLock: defineRoute({
    id: 'domains.setLock',
    method: 'PUT',
    path: '/api/v1/domains/:domainId/lock',
    summary: 'Turn the registrar lock (transfer lock) on or off',
    tags: ['domains'],
    auth: 'client',
    access: 'domains:write',
    body: DomainToggleInputSchema,
    status: 200,
    output: DomainSchema,
    errors: changeErrors,
  }),
  setAutoRenew: defineRoute({
    id: 'domains.setAutoRenew',
    method: 'PUT',
    path: '/api/v1/domains/:domainId/auto-renew',
    summary: 'Turn auto-renew on or off: renewal invoices are issued before expiry while on',
    tags: ['domains'],
    auth: 'client',
    access: 'domains:write',
    body: DomainToggleInputSchema,
    status: 200,
    output: DomainSchema,
    errors: ['NOT_FOUND', 'DOMAIN_NOT_ACTIVE'],
  }),
  eppCode: defineRoute({
    id: 'domains.eppCode',
    method: 'POST',
    path: '/api/v1/domains/:domainId/epp-code',
    summary: 'The transfer (EPP) code, from the registrar; audited, and the account owner is told',
    tags: ['domains'],
    auth: 'client',
    access: 'domains:write',
    status: 200,
    output: EppCodeSchema,
    errors: [...changeErrors, 'RATE_LIMITED'],
    rateLimited: true,
  }),
  renew: defineRoute({
    id: 'domains.renew',
    method: 'POST',
    path: '/api/v1/domains/:domainId/renewals',
    summary: 'Renew now: an invoice for the years chosen; paying it extends the domain at the registrar',
    tags: ['domains'],
    auth: 'client',
    access: 'billing:write',
    idempotent: true,
    body: DomainRenewInputSchema,
    status: 201,
    output: z.object({ invoice: InvoiceSchema }),
    errors: ['NOT_FOUND', 'DOMAIN_NOT_ACTIVE', 'PRICE_UNAVAILABLE', 'CONFLICT'],
  }),
};
