import type {
  AffiliateSignup,
  AppAccess,
  AppId,
  AttachmentExtension,
  CommissionRule,
  FooterLink,
  Hero,
  PortalSections,
  ProfileField,
  TaxRule,
} from '@portico/sdk/contract';
import type { Transaction } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { Clock } from '../../deps.js';

/** The uploaded logo (its bytes live in the `assets` table). */
export interface LogoRef {
  assetId: string;
  contentType: string;
  sha256: string;
}

/** The custom domain and the state of its DNS verification. */
export interface CustomDomainState {
  domain: string;
  status: 'pending' | 'verified' | 'failed';
  detail: string | null;
  lastCheckedAt: string | null;
  verifiedAt: string | null;
}

/** Billing rules (the console's Billing settings); the next invoice number lives in the `counters` table. */
export interface BillingRules {
  invoicePrefix: string;
  numberPadding: number;
  paymentTermsDays: number;
  renewalLeadDays: number;
  reminderDays: number[];
  overdueReminderDays: number[];
  suspendAfterDays: number | null;
  taxRules: TaxRule[];
  businessAddress: string;
  taxId: string | null;
  invoiceFooter: string;
}

/** Domain rules (the console's Domains settings). */
export interface DomainRules {
  /** Name servers new registrations start with (ASCII host names); none means the registrar's own. */
  defaultNameservers: string[];
  /** Days before expiry a renewal invoice is issued for a domain with auto-renew. */
  renewalLeadDays: number;
  /** Whether new registrations start with WHOIS privacy on. */
  privacyByDefault: boolean;
}

/** Support rules (the console's Support settings). */
export interface SupportRules {
  /** Largest attachment, bytes. */
  attachmentMaxBytes: number;
  /** Most attachments on one message. */
  attachmentMaxFiles: number;
  /** Extensions accepted. */
  attachmentTypes: AttachmentExtension[];
  /** Tickets left `answered` this many days are closed by the job; null never. */
  autoCloseDays: number | null;
}

/** What the portal home shows (the console's Home settings). */
export interface HomeRules {
  hero: Hero;
  featuredLimit: number;
  announcementsLimit: number;
}

/** One app's settings (the console's Apps page). */
export interface AppSettings {
  enabled: boolean;
  access: AppAccess;
  /** The business's own page for the app; null: the hosted portal's. */
  href: string | null;
}

/** The affiliate programme's rules (the console's Affiliates settings). */
export interface AffiliateRules {
  signup: AffiliateSignup;
  commission: CommissionRule;
  recurring: boolean;
  windowDays: number;
  clearingDays: number;
  minimumPayout: number;
  minimumPayoutCurrency: string;
  linkBase: string | null;
  /** Markdown. */
  terms: string;
}

/** One payment gateway's settings. Secrets are sealed (`Sealer`, purpose `gateway`), never stored in clear. */
export interface GatewaySettings {
  enabled: boolean;
  name: string;
  instructions: string | null;
  apiBase: string | null;
  publishableKey: string | null;
  jsUrl: string | null;
  secretKeySealed: string | null;
  webhookSecretSealed: string | null;
}

export const GATEWAY_IDS = ['test', 'manual', 'stripe'] as const;
export type GatewayId = (typeof GATEWAY_IDS)[number];

/** Business settings with their defaults. Staff edit them in the admin console. */
export interface PortalSettings {
  businessName: string;
  /** Registering again with a known email adds an account to that user (true) or is refused by email (false). */
  allowDuplicateAccounts: boolean;
  defaultCurrency: string;
  /** Currencies clients may be billed in. */
  enabledCurrencies: string[];
  /** Origins allowed to embed the portal, on top of PORTICO_ALLOWED_ORIGINS. */
  allowedOrigins: string[];
  demoSeeded: boolean;
  /** `#rrggbb`. */
  brandColor: string;
  logo: LogoRef | null;
  sections: PortalSections;
  footerLinks: FooterLink[];
  /** Already sanitized. */
  footerHtml: string;
  termsUrl: string | null;
  requireStaffTotp: boolean;
  /** Profile fields clients must fill before anything else in the portal. */
  requiredProfileFields: ProfileField[];
  /** The business's own portal page, when it hosts the elements itself. */
  portalUrl: string | null;
  customDomain: CustomDomainState | null;
  billing: BillingRules;
  domains: DomainRules;
  support: SupportRules;
  home: HomeRules;
  /** Each app: on or off, who may use it, where it lives. */
  apps: Record<AppId, AppSettings>;
  affiliates: AffiliateRules;
  gateways: Record<GatewayId, GatewaySettings>;
}

const gateway = (name: string, enabled: boolean): GatewaySettings => ({
  enabled,
  name,
  instructions: null,
  apiBase: null,
  publishableKey: null,
  jsUrl: null,
  secretKeySealed: null,
  webhookSecretSealed: null,
});

export const DEFAULT_SETTINGS: PortalSettings = {
  businessName: 'Portico',
  allowDuplicateAccounts: false,
  defaultCurrency: 'USD',
  enabledCurrencies: ['USD'],
  allowedOrigins: [],
  demoSeeded: false,
  brandColor: '#1d4ed8',
  logo: null,
  sections: {
    knowledgeBase: true,
    faq: true,
    status: true,
    announcements: true,
    store: true,
    domainSearch: true,
  },
  footerLinks: [],
  footerHtml: '',
  termsUrl: null,
  requireStaffTotp: false,
  requiredProfileFields: [],
  portalUrl: null,
  customDomain: null,
  billing: {
    invoicePrefix: 'INV-',
    numberPadding: 5,
    paymentTermsDays: 14,
    renewalLeadDays: 14,
    reminderDays: [7, 1],
    overdueReminderDays: [1, 7],
    suspendAfterDays: null,
    taxRules: [],
    businessAddress: '',
    taxId: null,
    invoiceFooter: '',
  },
  domains: {
    defaultNameservers: [],
    renewalLeadDays: 30,
    privacyByDefault: false,
  },
  support: {
    attachmentMaxBytes: 10 * 1024 * 1024,
    attachmentMaxFiles: 5,
    attachmentTypes: ['png', 'jpg', 'jpeg', 'gif', 'webp', 'pdf', 'txt', 'log', 'csv', 'zip'],
    autoCloseDays: 7,
  },
  home: {
    hero: {
      title: 'Everything for your account, in one place',
      subtitle: 'Manage your services, domains, invoices and support tickets.',
      cta: { label: 'Browse the store', url: '/store' },
    },
    featuredLimit: 3,
    announcementsLimit: 3,
  },
  apps: {
    affiliates: { enabled: false, access: 'everyone', href: null },
    courses: { enabled: false, access: 'everyone', href: null },
    communities: { enabled: false, access: 'everyone', href: null },
  },
  affiliates: {
    signup: 'approval',
    commission: { type: 'percent', rateBps: 1000 },
    recurring: false,
    windowDays: 30,
    clearingDays: 30,
    minimumPayout: 5000,
    minimumPayoutCurrency: 'USD',
    linkBase: null,
    terms: '',
  },
  gateways: {
    test: gateway('Card (test mode)', true),
    manual: gateway('Bank transfer', false),
    stripe: {
      ...gateway('Card', false),
      apiBase: 'https://api.stripe.com',
      jsUrl: 'https://js.stripe.com/v3/',
    },
  },
};

/** Settings in the `settings` table, cached in memory and reloaded on write (one row per key, JSON values). */
export class Settings {
  #cache: PortalSettings | undefined;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async load(): Promise<PortalSettings> {
    const rows = await this.db.selectFrom('settings').select(['key', 'value']).execute();
    const values: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const row of rows) {
      if (row.key in DEFAULT_SETTINGS) values[row.key] = JSON.parse(row.value);
    }
    // A section added in a later version starts at its default.
    values.sections = { ...DEFAULT_SETTINGS.sections, ...(values.sections as object) };
    values.billing = { ...DEFAULT_SETTINGS.billing, ...(values.billing as object) };
    values.domains = { ...DEFAULT_SETTINGS.domains, ...(values.domains as object) };
    values.support = { ...DEFAULT_SETTINGS.support, ...(values.support as object) };
    values.home = { ...DEFAULT_SETTINGS.home, ...(values.home as object) };
    const apps = (values.apps ?? {}) as Partial<Record<AppId, Partial<AppSettings>>>;
    values.apps = Object.fromEntries(
      (Object.keys(DEFAULT_SETTINGS.apps) as AppId[]).map((id) => [
        id,
        { ...DEFAULT_SETTINGS.apps[id], ...apps[id] },
      ]),
    );
    values.affiliates = { ...DEFAULT_SETTINGS.affiliates, ...(values.affiliates as object) };
    const gateways = (values.gateways ?? {}) as Partial<Record<GatewayId, Partial<GatewaySettings>>>;
    values.gateways = Object.fromEntries(
      GATEWAY_IDS.map((id) => [id, { ...DEFAULT_SETTINGS.gateways[id], ...gateways[id] }]),
    );
    this.#cache = values as unknown as PortalSettings;
    return this.#cache;
  }

  /** The last loaded settings (load() runs at start). */
  get current(): PortalSettings {
    return this.#cache ?? DEFAULT_SETTINGS;
  }

  /** Where the server's own portal pages answer: the verified custom domain, else the server's public URL. */
  hostedUrl(serverUrl: string): string {
    const { customDomain } = this.current;
    return customDomain?.status === 'verified' ? `https://${customDomain.domain}` : serverUrl;
  }

  /**
   * Where clients use the portal: the business's own portal page when it hosts the elements itself, else the
   * hosted portal (custom domain or server URL). Magic links land here.
   */
  portalUrl(serverUrl: string): string {
    return (this.current.portalUrl ?? this.hostedUrl(serverUrl)).replace(/\/+$/, '');
  }

  /** Origins besides the server's own that may call the API: the allow-list and the verified custom domain. */
  extraOrigins(): string[] {
    const { customDomain, allowedOrigins } = this.current;
    return customDomain?.status === 'verified'
      ? [...allowedOrigins, `https://${customDomain.domain}`]
      : allowedOrigins;
  }

  /**
   * Writes several settings in one transaction, then reloads. `within` runs in the same transaction (the audit
   * row, the logo's bytes), so the settings and what goes with them change together or not at all.
   */
  async update(
    values: Partial<PortalSettings>,
    within?: (trx: Transaction<Database>) => Promise<void>,
  ): Promise<void> {
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      for (const [key, value] of Object.entries(values)) {
        if (value === undefined) continue;
        await trx
          .insertInto('settings')
          .values({ key, value: JSON.stringify(value), updated_at: now })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: now }))
          .execute();
      }
      await within?.(trx);
    });
    await this.load();
  }

  async set<K extends keyof PortalSettings>(key: K, value: PortalSettings[K]): Promise<void> {
    const now = this.clock.now().toISOString();
    await this.db
      .insertInto('settings')
      .values({ key, value: JSON.stringify(value), updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: now }))
      .execute();
    await this.load();
  }
}
