import * as z from 'zod/mini';
import { DomainYearsSchema } from './billing.js';
import { CurrencySchema } from './clients.js';
import {
  adminRoutesOf,
  defineRoute,
  itemsSchema,
  PageQuerySchema,
  pageSchema,
  staffOnly,
  TimestampSchema,
} from './common.js';
import {
  DomainPriceActionSchema,
  DomainSchema,
  DomainStatusSchema,
  NameserverSchema,
  TldNameSchema,
} from './domains.js';

/** Where a TLD's availability answers come from: its registrar, or the registry's RDAP server. */
export const AvailabilitySourceSchema = z.enum(['registrar', 'rdap']);
export type AvailabilitySource = z.infer<typeof AvailabilitySourceSchema>;

/** One price of a TLD's grid. */
export const TldPriceSchema = z.object({
  currency: z.string(),
  action: DomainPriceActionSchema,
  years: z.int(),
  amount: z.int(),
});
export type TldPrice = z.infer<typeof TldPriceSchema>;

/** A TLD as staff manage it: every currency's prices. */
export const AdminTldSchema = z.object({
  tld: z.string(),
  unicode: z.string(),
  enabled: z.boolean(),
  /** Store order (lower first). */
  position: z.int(),
  /** The registrar that registers, transfers and renews it (`local`, or one the business added). */
  registrar: z.string(),
  availability: AvailabilitySourceSchema,
  /** The RDAP server the shipped IANA bootstrap file names for it, or null when it names none. */
  rdapServer: z.nullable(z.string()),
  prices: z.array(TldPriceSchema),
  /** Domains of this TLD (any status). */
  domains: z.int(),
});
export type AdminTld = z.infer<typeof AdminTldSchema>;

export const TldInputSchema = z.object({
  tld: TldNameSchema,
  enabled: z.optional(z.boolean()),
  registrar: z.optional(
    z.string().check(z.regex(/^[a-z][a-z0-9_-]{0,31}$/, { error: 'Choose a registrar' })),
  ),
  availability: z.optional(AvailabilitySourceSchema),
  position: z.optional(z.int().check(z.minimum(0), z.maximum(100_000))),
});
export type TldInput = z.input<typeof TldInputSchema>;

export const TldUpdateSchema = z.object({
  enabled: z.optional(z.boolean()),
  registrar: z.optional(
    z.string().check(z.regex(/^[a-z][a-z0-9_-]{0,31}$/, { error: 'Choose a registrar' })),
  ),
  availability: z.optional(AvailabilitySourceSchema),
  position: z.optional(z.int().check(z.minimum(0), z.maximum(100_000))),
});
export type TldUpdate = z.input<typeof TldUpdateSchema>;

/** One currency's price grid of a TLD, replacing what was there: a missing (action, years) is not offered. */
export const TldPricesInputSchema = z.object({
  currency: CurrencySchema,
  prices: z
    .array(
      z.object({
        action: DomainPriceActionSchema,
        years: DomainYearsSchema,
        amount: z
          .int({ error: 'Enter a whole amount in minor units' })
          .check(
            z.minimum(0, { error: 'The price cannot be negative' }),
            z.maximum(1_000_000_000_000, { error: 'The amount is too large' }),
          ),
      }),
    )
    .check(
      z.maxLength(30),
      z.refine((list) => new Set(list.map((p) => `${p.action}:${p.years}`)).size === list.length, {
        error: 'One price per action and number of years',
      }),
    ),
});
export type TldPricesInput = z.input<typeof TldPricesInputSchema>;

/** A registrar or availability checker the server has. */
export const RegistrarInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** `registrar` registers domains; `checker` only answers availability (RDAP). */
  kind: z.enum(['registrar', 'checker']),
});
export type RegistrarInfo = z.infer<typeof RegistrarInfoSchema>;

/** What the registrar is asked to do for a domain, and how far it got. */
export const DomainTaskSchema = z.object({
  id: z.string(),
  kind: z.enum(['register', 'transfer', 'renew']),
  years: z.int(),
  /** `queued`: waiting (or waiting to retry); `running`; `failed`: gave up, staff may retry; `done`. */
  status: z.enum(['queued', 'running', 'failed', 'done']),
  attempts: z.int(),
  lastError: z.nullable(z.string()),
  invoiceId: z.nullable(z.string()),
  runAfter: TimestampSchema,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type DomainTask = z.infer<typeof DomainTaskSchema>;

export const AdminDomainSchema = z.extend(DomainSchema, {
  accountId: z.string(),
  accountName: z.string(),
  registrar: z.string(),
  /** The registrar's last error, for staff (clients see only the status). */
  lastError: z.nullable(z.string()),
  /** Newest first. */
  tasks: z.array(DomainTaskSchema),
});
export type AdminDomain = z.infer<typeof AdminDomainSchema>;

export const AdminDomainQuerySchema = z.extend(PageQuerySchema, {
  status: z.optional(DomainStatusSchema),
  accountId: z.optional(z.string()),
  /** Part of the name (ASCII or Unicode). */
  q: z.optional(z.string().check(z.trim(), z.maxLength(100))),
});
export type AdminDomainQuery = z.input<typeof AdminDomainQuerySchema>;

export const AdminDomainUpdateSchema = z.object({
  autoRenew: z.optional(z.boolean()),
});
export type AdminDomainUpdate = z.input<typeof AdminDomainUpdateSchema>;

/** The business's domain settings. */
export const DomainSettingsSchema = z.object({
  /** Name servers new registrations start with. */
  defaultNameservers: z.array(z.string()),
  /** Days before expiry a renewal invoice is issued for a domain with auto-renew. */
  renewalLeadDays: z.int(),
  /** Whether new registrations start with WHOIS privacy on. */
  privacyByDefault: z.boolean(),
});
export type DomainSettings = z.infer<typeof DomainSettingsSchema>;

export const DomainSettingsInputSchema = z.object({
  defaultNameservers: z.optional(
    z.array(NameserverSchema).check(
      z.minLength(2, { error: 'Enter at least 2 name servers' }),
      z.maxLength(13, { error: 'At most 13 name servers' }),
      z.refine((list) => new Set(list).size === list.length, { error: 'Each name server only once' }),
    ),
  ),
  renewalLeadDays: z.optional(
    z.int().check(z.minimum(1, { error: 'At least 1 day' }), z.maximum(120, { error: 'At most 120 days' })),
  ),
  privacyByDefault: z.optional(z.boolean()),
});
export type DomainSettingsInput = z.input<typeof DomainSettingsInputSchema>;

const manage = staffOnly('admin', 'billing');
const anyStaff = staffOnly('admin', 'billing', 'support');
const admin = adminRoutesOf('adminDomains', 'domains');

/** Staff routes of domains: TLDs and their prices, registrars, domains and their registrar tasks, settings. */
export const domainsAdminRoutes = {
  listTlds: defineRoute({
    ...admin('listTlds', 'GET', '/domains/tlds', 'Every TLD with every price, in store order'),
    ...anyStaff,
    status: 200,
    output: itemsSchema(AdminTldSchema),
  }),
  createTld: defineRoute({
    ...admin('createTld', 'POST', '/domains/tlds', 'Add a TLD (prices are set per currency after)'),
    ...manage,
    body: TldInputSchema,
    status: 201,
    output: AdminTldSchema,
    errors: ['CONFLICT', 'VALIDATION_FAILED'],
  }),
  updateTld: defineRoute({
    ...admin('updateTld', 'PATCH', '/domains/tlds/:tld', 'Enable or disable a TLD, or change its registrar'),
    ...manage,
    body: TldUpdateSchema,
    status: 200,
    output: AdminTldSchema,
    errors: ['NOT_FOUND', 'VALIDATION_FAILED'],
  }),
  setTldPrices: defineRoute({
    ...admin(
      'setTldPrices',
      'PUT',
      '/domains/tlds/:tld/prices',
      'Replace one currency’s price grid of a TLD',
    ),
    ...manage,
    body: TldPricesInputSchema,
    status: 200,
    output: AdminTldSchema,
    errors: ['NOT_FOUND', 'CURRENCY_NOT_ENABLED'],
  }),
  removeTld: defineRoute({
    ...admin('removeTld', 'DELETE', '/domains/tlds/:tld', 'Remove a TLD no domain uses (else disable it)'),
    ...manage,
    status: 204,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  registrars: defineRoute({
    ...admin('registrars', 'GET', '/domains/registrars', 'The registrars and availability checkers'),
    ...anyStaff,
    status: 200,
    output: itemsSchema(RegistrarInfoSchema),
  }),
  getSettings: defineRoute({
    ...admin('getSettings', 'GET', '/domains/settings', 'Default name servers, renewal lead time, privacy'),
    ...anyStaff,
    status: 200,
    output: DomainSettingsSchema,
  }),
  updateSettings: defineRoute({
    ...admin('updateSettings', 'PATCH', '/domains/settings', 'Change the domain settings'),
    ...manage,
    body: DomainSettingsInputSchema,
    status: 200,
    output: DomainSettingsSchema,
  }),
  listDomains: defineRoute({
    ...admin(
      'listDomains',
      'GET',
      '/domains',
      'Every client’s domains, newest first; by status, client or name',
    ),
    ...anyStaff,
    query: AdminDomainQuerySchema,
    status: 200,
    output: pageSchema(AdminDomainSchema),
  }),
  getDomain: defineRoute({
    ...admin('getDomain', 'GET', '/domains/:domainId', 'One domain with its registrar tasks'),
    ...anyStaff,
    status: 200,
    output: AdminDomainSchema,
    errors: ['NOT_FOUND'],
  }),
  updateDomain: defineRoute({
    ...admin('updateDomain', 'PATCH', '/domains/:domainId', 'Turn a domain’s auto-renew on or off'),
    ...manage,
    body: AdminDomainUpdateSchema,
    status: 200,
    output: AdminDomainSchema,
    errors: ['NOT_FOUND', 'DOMAIN_NOT_ACTIVE'],
  }),
  retryDomain: defineRoute({
    ...admin(
      'retryDomain',
      'POST',
      '/domains/:domainId/retry',
      'Ask the registrar again for a failed registration, transfer or renewal (runs now)',
    ),
    ...manage,
    status: 200,
    output: AdminDomainSchema,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  syncDomain: defineRoute({
    ...admin(
      'syncDomain',
      'POST',
      '/domains/:domainId/sync',
      'Read the domain’s expiry, name servers, lock and privacy from the registrar',
    ),
    ...anyStaff,
    status: 200,
    output: AdminDomainSchema,
    errors: ['NOT_FOUND', 'DOMAIN_NOT_ACTIVE', 'REGISTRAR_ERROR'],
  }),
};
