import type {
  Affiliate,
  AffiliateBalance,
  AffiliateProgramme,
  Commission,
  LedgerEntry,
  Payout,
  PortalApp,
  Referral,
} from '@portico/sdk';
import {
  AffiliateJoinInputSchema,
  AffiliateUpdateInputSchema,
  PayoutInputSchema,
  ReferralClickInputSchema,
} from '@portico/sdk/contract';
import { FakeAccount } from './fake-account.js';
import { json, problem } from './fake-portal.js';
import { type FakeCall, FakeRoutes, pageOf, validation } from './fake-routes.js';
import '../src/index.js';

/** A request to the apps or affiliate routes. */
export type FakeAppsCall = FakeCall;

/** `days` ago (negative: ahead), as an ISO timestamp. */
export const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

const notFound = () => problem(404, 'NOT_FOUND', 'There is no such page.');

/** The apps every test starts with, as the server lists them (hosted addresses). */
export const defaultApps = (): PortalApp[] => [
  {
    id: 'courses',
    name: 'Courses',
    description: 'Membership courses',
    href: 'http://portal.test/apps/courses',
  },
  {
    id: 'communities',
    name: 'Communities',
    description: 'Groups and posts',
    href: 'http://portal.test/apps/communities',
  },
];

/**
 * A stand-in for the Portico server's app switcher list (`GET /api/v1/apps`) and the affiliate programme's client
 * routes (`/api/v1/affiliate/…`) in front of a {@link FakeAccount}, which answers everything else and decides who is
 * signed in. Shapes and codes follow `packages/sdk/src/contract/{apps,affiliates}.ts`: the list is empty while the
 * account's profile is incomplete; the affiliate routes answer 404 while `affiliateAvailable` is false and 403
 * OWNER_ONLY to a contact; bodies are checked with the contract's schemas (400 VALIDATION_FAILED); a payout below
 * the minimum or above the available balance is 422 PAYOUT_AMOUNT on `amount`, a second waiting one 409
 * PAYOUT_PENDING; a repeated Idempotency-Key answers the first payout. Lists page with numeric cursors.
 * `answer(route, handler, times)` overrides the next request(s).
 */
export class FakeApps extends FakeRoutes {
  /** The apps the signed-in person may use. */
  apps: PortalApp[] = defaultApps();
  portalApp = { name: 'Northwind Hosting', href: 'http://portal.test/' };
  /** Whether the affiliates app is on for this account (else every affiliate route is 404). */
  affiliateAvailable = true;
  programme: AffiliateProgramme = {
    signup: 'open',
    commission: { type: 'percent', rateBps: 1000 },
    recurring: true,
    windowDays: 30,
    clearingDays: 14,
    minimumPayout: 5000,
    minimumPayoutCurrency: 'GBP',
    termsHtml: '<p>Be <strong>honest</strong> about us.</p>',
  };
  affiliate: Affiliate | null = null;
  referrals: Referral[] = [];
  commissions: Commission[] = [];
  payouts: Payout[] = [];
  ledger: LedgerEntry[] = [];
  /** Referral codes a click is recorded for, and the referral id each gives. */
  readonly codes = new Map<string, string>([['ada42', 'clk_01']]);

  constructor(account: FakeAccount = new FakeAccount()) {
    super(account, /^\/api\/v1\/(apps|affiliate)(\/|$)/);
  }

  /** Makes the account an affiliate with `status`, its link and some balances unless told otherwise. */
  join(affiliate: Partial<Affiliate> = {}): Affiliate {
    this.affiliate = {
      id: 'aff_01',
      status: 'active',
      code: 'ada42',
      link: 'https://northwind.test/?ref=ada42',
      payoutDetails: 'PayPal: ada@example.com',
      stats: { clicks: 120, signups: 8, conversions: 3 },
      balances: [{ currency: 'GBP', pending: 1500, available: 9000, requested: 0, paid: 20000 }],
      createdAt: daysAgo(90),
      approvedAt: daysAgo(89),
      ...affiliate,
    };
    return this.affiliate;
  }

  /** Adds `count` of each list's rows, newest first. */
  seed(count: number): void {
    for (let i = 0; i < count; i++) {
      const referralId = this.id('ref');
      this.referrals.push({
        id: referralId,
        name: `R. ${i + 1}.`,
        registeredAt: daysAgo(i),
        converted: i % 2 === 0,
      });
      const commissionId = this.id('com');
      this.commissions.push({
        id: commissionId,
        status: i % 3 === 0 ? 'pending' : i % 3 === 1 ? 'payable' : 'reversed',
        amount: 1000 + i,
        currency: 'GBP',
        referralId,
        referralName: `R. ${i + 1}.`,
        clearsAt: daysAgo(i - 14),
        createdAt: daysAgo(i),
        reversedAt: i % 3 === 2 ? daysAgo(i) : null,
      });
      this.payouts.push(this.#payout({ amount: 5000 + i, status: 'paid', createdAt: daysAgo(i) }));
      this.ledger.push({
        id: this.id('alg'),
        kind: 'commission',
        bucket: 'pending',
        amount: 1000 + i,
        currency: 'GBP',
        description: `Commission on a referred client’s paid invoice (${i + 1})`,
        commissionId,
        payoutId: null,
        createdAt: daysAgo(i),
      });
    }
  }

  protected override route(call: FakeAppsCall, request: Request): Response {
    if (call.method === 'POST' && call.path === '/api/v1/affiliate/clicks') return this.#click(call);
    const signedOut = this.signedOut(request);
    if (signedOut) return signedOut;
    if (call.path === '/api/v1/apps' && call.method === 'GET') {
      const profileIncomplete = this.account.missing.length > 0;
      return json(200, {
        portal: this.portalApp,
        apps: profileIncomplete ? [] : this.apps,
        profileIncomplete,
      });
    }
    return this.#affiliateRoute(call);
  }

  #click(call: FakeAppsCall): Response {
    if (!this.affiliateAvailable) return notFound();
    const parsed = ReferralClickInputSchema.safeParse(call.body ?? {});
    if (!parsed.success) return validation(parsed.error.issues);
    const referral = this.codes.get(parsed.data.code) ?? null;
    return json(200, { referral, expiresAt: referral ? daysAgo(-this.programme.windowDays) : null });
  }

  #affiliateRoute(call: FakeAppsCall): Response {
    if (!this.affiliateAvailable) return notFound();
    if (this.account.membership.role !== 'owner') {
      return problem(403, 'OWNER_ONLY', "Only the account's owner can do this.");
    }
    const route = `${call.method} ${call.path.replace('/api/v1/affiliate', '') || '/'}`;
    if (route === 'GET /') return json(200, this.#overview());
    if (route === 'POST /') return this.#join(call);
    const affiliate = this.affiliate;
    if (!affiliate) return notFound();
    switch (route) {
      case 'PATCH /': {
        const parsed = AffiliateUpdateInputSchema.safeParse(call.body ?? {});
        if (!parsed.success) return validation(parsed.error.issues);
        affiliate.payoutDetails = parsed.data.payoutDetails;
        return json(200, this.#overview());
      }
      case 'GET /referrals':
        return pageOf(this.referrals, call.query);
      case 'GET /commissions':
        return pageOf(
          this.commissions.filter((c) => !call.query.status || c.status === call.query.status),
          call.query,
        );
      case 'GET /payouts':
        return pageOf(this.payouts, call.query);
      case 'GET /ledger':
        return pageOf(this.ledger, call.query);
      case 'POST /payouts':
        return this.#requestPayout(affiliate, call);
      default:
        return notFound();
    }
  }

  #overview() {
    return { programme: this.programme, affiliate: this.affiliate };
  }

  #join(call: FakeAppsCall): Response {
    if (this.affiliate) return problem(409, 'ALREADY_AFFILIATE', 'This account is in the programme already.');
    const parsed = AffiliateJoinInputSchema.safeParse(call.body ?? {});
    if (!parsed.success) return validation(parsed.error.issues);
    const open = this.programme.signup === 'open';
    this.join({
      status: open ? 'active' : 'pending',
      payoutDetails: parsed.data.payoutDetails ?? '',
      stats: { clicks: 0, signups: 0, conversions: 0 },
      balances: [],
      createdAt: new Date().toISOString(),
      approvedAt: open ? new Date().toISOString() : null,
    });
    return json(201, this.#overview());
  }

  #requestPayout(affiliate: Affiliate, call: FakeAppsCall): Response {
    const repeat = this.repeated(call);
    if (repeat) return repeat;
    const parsed = PayoutInputSchema.safeParse(call.body ?? {});
    if (!parsed.success) return validation(parsed.error.issues);
    if (affiliate.status !== 'active')
      return problem(409, 'AFFILIATE_INACTIVE', 'The affiliate is not active.');
    const { amount, currency } = parsed.data;
    const balance: AffiliateBalance | undefined = affiliate.balances.find((b) => b.currency === currency);
    if (
      this.payouts.some(
        (p) => p.currency === currency && (p.status === 'requested' || p.status === 'approved'),
      )
    ) {
      return problem(409, 'PAYOUT_PENDING', 'A payout of this currency is already waiting.');
    }
    const minimum = currency === this.programme.minimumPayoutCurrency ? this.programme.minimumPayout : 1;
    if (!balance || amount > balance.available || amount < minimum) {
      const message = amount < minimum ? 'Below the minimum payout' : 'More than the available balance';
      return problem(422, 'PAYOUT_AMOUNT', message, [{ path: 'amount', message }]);
    }
    balance.available -= amount;
    balance.requested += amount;
    const payout = this.#payout({
      amount,
      currency,
      status: 'requested',
      createdAt: new Date().toISOString(),
    });
    this.payouts.unshift(payout);
    return this.created(call, payout);
  }

  #payout(payout: Partial<Payout>): Payout {
    return {
      id: this.id('apo'),
      status: 'requested',
      amount: 5000,
      currency: 'GBP',
      method: payout.status === 'paid' ? 'bank' : null,
      reference: payout.status === 'paid' ? 'TRX-1' : null,
      note: null,
      createdAt: new Date().toISOString(),
      decidedAt: null,
      ...payout,
    };
  }
}

/** Renders `content` in a provider signed in to the fake as Ada (or `signedInAs`; `null` for signed out). */
export { inFakeProvider as inAppsProvider } from './fake-pieces.js';
