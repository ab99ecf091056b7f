import type {
  AdminAffiliate,
  AdminCommission,
  AdminPayout,
  Affiliate,
  AffiliateBalance,
  AffiliateProgramme,
  AffiliateSettings,
  AffiliateStats,
  Commission,
  CommissionRule,
  LedgerEntry,
  Payout,
  ProductCommission,
} from '@portico/sdk/contract';
import type { Config } from '../../config.js';
import { renderMarkdownCached } from '../content/markdown.js';
import type { AffiliateRules, Settings } from '../settings/settings.js';
import type {
  AffiliateRow,
  AffiliateStore,
  BucketSum,
  CommissionView,
  LedgerRow,
  PayoutRow,
  PayoutView,
  ProductRuleRow,
} from './store.js';

/** `Ada Lovelace` → `A. L.`: who a referral is, without saying who. */
export function initials(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 3)
    .map((word) => `${(Array.from(word)[0] ?? '').toLocaleUpperCase()}.`)
    .join(' ');
}

/** The referral link: the business's site (or the hosted portal) with `ref=<code>`. */
export function referralLink(settings: Settings, config: Config, code: string): string {
  const url = new URL(settings.current.affiliates.linkBase ?? settings.hostedUrl(config.publicUrl));
  url.searchParams.set('ref', code);
  return url.toString();
}

export function programmeOf(rules: AffiliateRules): AffiliateProgramme {
  return {
    signup: rules.signup,
    commission: rules.commission,
    recurring: rules.recurring,
    windowDays: rules.windowDays,
    clearingDays: rules.clearingDays,
    minimumPayout: rules.minimumPayout,
    minimumPayoutCurrency: rules.minimumPayoutCurrency,
    termsHtml: rules.terms ? renderMarkdownCached(rules.terms, { kind: 'document' }).html : '',
  };
}

export function settingsOf(rules: AffiliateRules): AffiliateSettings {
  return {
    signup: rules.signup,
    commission: rules.commission,
    recurring: rules.recurring,
    windowDays: rules.windowDays,
    clearingDays: rules.clearingDays,
    minimumPayout: rules.minimumPayout,
    minimumPayoutCurrency: rules.minimumPayoutCurrency,
    linkBase: rules.linkBase,
    terms: rules.terms,
  };
}

/** A product's stored rule as the contract's. */
export function ruleOf(row: ProductRuleRow): CommissionRule {
  if (row.type === 'percent') return { type: 'percent', rateBps: row.rate_bps ?? 0 };
  if (row.type === 'fixed') return { type: 'fixed', amount: row.amount ?? 0, currency: row.currency ?? '' };
  return { type: 'none' };
}

export function toProductCommission(row: ProductRuleRow & { product_name: string }): ProductCommission {
  return { productId: row.product_id, productName: row.product_name, rule: ruleOf(row) };
}

/** Balances per currency from the ledger's sums (currencies in order). */
export function balancesOf(sums: readonly BucketSum[]): AffiliateBalance[] {
  const byCurrency = new Map<string, AffiliateBalance>();
  for (const sum of sums) {
    const balance = byCurrency.get(sum.currency) ?? {
      currency: sum.currency,
      pending: 0,
      available: 0,
      requested: 0,
      paid: 0,
    };
    balance[sum.bucket] += sum.amount;
    byCurrency.set(sum.currency, balance);
  }
  return [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

export function toLedgerEntry(row: LedgerRow): LedgerEntry {
  return {
    id: row.id,
    kind: row.kind,
    bucket: row.bucket,
    amount: row.amount,
    currency: row.currency,
    description: row.description,
    commissionId: row.commission_id,
    payoutId: row.payout_id,
    createdAt: row.created_at,
  };
}

export function toCommission(row: CommissionView): Commission {
  return {
    id: row.id,
    status: row.status,
    amount: row.amount,
    currency: row.currency,
    referralId: row.referral_id,
    referralName: initials(row.referred_name),
    clearsAt: row.clears_at,
    createdAt: row.created_at,
    reversedAt: row.reversed_at,
  };
}

export function toAdminCommission(row: CommissionView & { account_name: string }): AdminCommission {
  return {
    ...toCommission(row),
    referralName: row.referred_name,
    affiliateId: row.affiliate_id,
    affiliateName: row.account_name,
    invoiceId: row.invoice_id,
    invoiceNumber: row.invoice_number,
    referredAccountId: row.referred_account_id,
  };
}

export function toPayout(row: PayoutRow): Payout {
  return {
    id: row.id,
    status: row.status,
    amount: row.amount,
    currency: row.currency,
    method: row.method,
    reference: row.reference,
    note: row.note,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
  };
}

export function toAdminPayout(row: PayoutView): AdminPayout {
  return {
    ...toPayout(row),
    affiliateId: row.affiliate_id,
    affiliateName: row.account_name,
    accountId: row.account_id,
    payoutDetails: row.payout_details,
  };
}

/** Affiliates with their stats and balances, read for a page at once. */
export class AffiliateViews {
  constructor(
    private readonly store: AffiliateStore,
    private readonly settings: Settings,
    private readonly config: Config,
  ) {}

  async #figures(ids: readonly string[]) {
    const [clicks, signups, conversions, sums] = await Promise.all([
      this.store.clicksOf(ids),
      this.store.signupsOf(ids),
      this.store.conversionsOf(ids),
      this.store.sums(ids),
    ]);
    return (id: string): { stats: AffiliateStats; balances: AffiliateBalance[] } => ({
      stats: {
        clicks: clicks.get(id) ?? 0,
        signups: signups.get(id) ?? 0,
        conversions: conversions.get(id) ?? 0,
      },
      balances: balancesOf(sums.filter((s) => s.affiliate_id === id)),
    });
  }

  #base(row: AffiliateRow) {
    return {
      id: row.id,
      status: row.status,
      code: row.code,
      link: referralLink(this.settings, this.config, row.code),
      payoutDetails: row.payout_details,
      createdAt: row.created_at,
      approvedAt: row.approved_at,
    };
  }

  async client(row: AffiliateRow): Promise<Affiliate> {
    const figures = await this.#figures([row.id]);
    return { ...this.#base(row), ...figures(row.id) };
  }

  async admin(rows: ReadonlyArray<AffiliateRow & { account_name: string }>): Promise<AdminAffiliate[]> {
    const figures = await this.#figures(rows.map((r) => r.id));
    return rows.map((row) => ({
      ...this.#base(row),
      accountId: row.account_id,
      accountName: row.account_name,
      note: row.note,
      ...figures(row.id),
    }));
  }
}
