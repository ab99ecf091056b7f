import {
  type AdminAffiliate,
  type AdminAffiliateQuery,
  type AdminCommission,
  type AdminCommissionQuery,
  type AdminPayout,
  type AdminPayoutQuery,
  type AffiliateAdjustmentInput,
  type AffiliateSettings,
  type AffiliateSettingsUpdate,
  type AffiliateStatusInput,
  affiliatesAdminRoutes as routes,
  type PayoutPaidInput,
  type ProductCommission,
  type ProductCommissionsInput,
} from '../../contract/affiliates-admin.js';
import type { LedgerEntry } from '../../contract/affiliates.js';
import type { HttpClient } from '../../client/http.js';
import type { Page } from '../../client/resources/account.js';
import type { PageOptions } from '../../client/resources/orders.js';

/**
 * The affiliate programme as staff run it: rules, per-product commissions, affiliates (approve, suspend),
 * commissions, payouts (approve, record paid, credit, reject) and ledger adjustments.
 *
 * @example
 * ```ts
 * await admin.affiliates.updateSettings({ signup: 'open', commission: { type: 'percent', rateBps: 2000 } });
 * const { items } = await admin.affiliates.payouts({ status: 'requested' });
 * await admin.affiliates.approvePayout(items[0].id);
 * await admin.affiliates.payPayout(items[0].id, { method: 'bank', reference: 'TRX-2291' });
 * ```
 */
export class AdminAffiliatesResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }

  settings(): Promise<AffiliateSettings> {
    return this.#http.send(routes.settings);
  }

  updateSettings(input: AffiliateSettingsUpdate): Promise<AffiliateSettings> {
    return this.#http.send(routes.updateSettings, { body: input });
  }

  productCommissions(): Promise<{ items: ProductCommission[] }> {
    return this.#http.send(routes.productCommissions);
  }

  /** Replaces every product's own rule (products left out use the programme's). */
  setProductCommissions(input: ProductCommissionsInput): Promise<{ items: ProductCommission[] }> {
    return this.#http.send(routes.setProductCommissions, { body: input });
  }

  list(query: AdminAffiliateQuery = {}): Promise<Page<AdminAffiliate>> {
    return this.#http.send(routes.list, { query: { ...query } });
  }

  get(affiliateId: string): Promise<AdminAffiliate> {
    return this.#http.send(routes.get, { params: { affiliateId } });
  }

  /** Approves (`active`), rejects, suspends or reactivates. */
  setStatus(affiliateId: string, status: AffiliateStatusInput['status']): Promise<AdminAffiliate> {
    return this.#http.send(routes.setStatus, { params: { affiliateId }, body: { status } });
  }

  ledger(affiliateId: string, options: PageOptions = {}): Promise<Page<LedgerEntry>> {
    return this.#http.send(routes.ledger, { params: { affiliateId }, query: { ...options } });
  }

  /** Corrects the available balance. Safe to retry: the SDK sends an `Idempotency-Key`. */
  adjust(
    affiliateId: string,
    input: AffiliateAdjustmentInput,
    options: { idempotencyKey?: string } = {},
  ): Promise<LedgerEntry> {
    return this.#http.send(routes.adjust, { params: { affiliateId }, body: input, ...options });
  }

  commissions(query: AdminCommissionQuery = {}): Promise<Page<AdminCommission>> {
    return this.#http.send(routes.commissions, { query: { ...query } });
  }

  payouts(query: AdminPayoutQuery = {}): Promise<Page<AdminPayout>> {
    return this.#http.send(routes.payouts, { query: { ...query } });
  }

  approvePayout(payoutId: string): Promise<AdminPayout> {
    return this.#http.send(routes.approvePayout, { params: { payoutId } });
  }

  /** Records that the payout was paid outside Portico (bank, PayPal…). */
  payPayout(payoutId: string, input: PayoutPaidInput): Promise<AdminPayout> {
    return this.#http.send(routes.payPayout, { params: { payoutId }, body: input });
  }

  /** Pays the payout as credit on the affiliate's own account. */
  creditPayout(payoutId: string): Promise<AdminPayout> {
    return this.#http.send(routes.creditPayout, { params: { payoutId } });
  }

  rejectPayout(payoutId: string, reason: string): Promise<AdminPayout> {
    return this.#http.send(routes.rejectPayout, { params: { payoutId }, body: { reason } });
  }
}
