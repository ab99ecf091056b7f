import {
  type AffiliateJoinInput,
  type AffiliateOverview,
  affiliateRoutes as routes,
  type Commission,
  type CommissionStatus,
  type LedgerEntry,
  type Payout,
  type PayoutInput,
  type Referral,
  type ReferralClick,
} from '../../contract/affiliates.js';
import type { HttpClient } from '../http.js';
import type { Page } from './account.js';
import type { PageOptions } from './orders.js';

/**
 * The affiliate programme: joining, the referral link, stats, commissions, payouts and the ledger (the account's
 * owner, in a session). `track` is for visitors: it records a click on a referral link.
 *
 * @example
 * ```ts
 * // On the page a referral link lands on:
 * const code = new URLSearchParams(location.search).get('ref');
 * if (code) {
 *   const { referral } = await portal.affiliate.track(code);
 *   if (referral) localStorage.setItem('referral', referral);
 * }
 * // At sign-up:
 * await portal.auth.register({ name, email, password, referral: localStorage.getItem('referral') ?? undefined });
 *
 * // The affiliate's side:
 * const { affiliate } = await portal.affiliate.join({ payoutDetails: 'PayPal: ada@example.com' });
 * console.log(affiliate?.link, affiliate?.balances);
 * ```
 */
export class AffiliateResource {
  readonly #http: HttpClient;

  constructor(http: HttpClient) {
    this.#http = http;
  }

  /**
   * Records a visit through a referral link. Answers the referral id to send with `auth.register` (the server
   * also sets its own first-party cookie for the programme's window); `referral` is null for a code that earns
   * nothing. Anyone may call it.
   */
  track(code: string): Promise<ReferralClick> {
    return this.#http.send(routes.click, { body: { code } });
  }

  /** The programme's terms and the account's place in it (`affiliate` is null until it joins). */
  overview(): Promise<AffiliateOverview> {
    return this.#http.send(routes.overview);
  }

  /** Joins: active at once, or `pending` while staff review it. */
  join(input: AffiliateJoinInput = {}): Promise<AffiliateOverview> {
    return this.#http.send(routes.join, { body: input });
  }

  /** Changes where payouts go. */
  update(payoutDetails: string): Promise<AffiliateOverview> {
    return this.#http.send(routes.update, { body: { payoutDetails } });
  }

  /** Accounts referred (initials only), newest first. */
  referrals(options: PageOptions = {}): Promise<Page<Referral>> {
    return this.#http.send(routes.referrals, { query: { ...options } });
  }

  commissions(options: PageOptions & { status?: CommissionStatus } = {}): Promise<Page<Commission>> {
    return this.#http.send(routes.commissions, { query: { ...options } });
  }

  payouts(options: PageOptions = {}): Promise<Page<Payout>> {
    return this.#http.send(routes.payouts, { query: { ...options } });
  }

  /** Asks for a payout of available balance. Safe to retry: the SDK sends an `Idempotency-Key`. */
  requestPayout(input: PayoutInput, options: { idempotencyKey?: string } = {}): Promise<Payout> {
    return this.#http.send(routes.requestPayout, { body: input, ...options });
  }

  /** Every amount that moved, newest first. */
  ledger(options: PageOptions = {}): Promise<Page<LedgerEntry>> {
    return this.#http.send(routes.ledger, { query: { ...options } });
  }
}
