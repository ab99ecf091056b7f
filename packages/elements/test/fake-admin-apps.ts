import { type AdminClient, createAdminClient } from '@portico/sdk/admin';
import type {
  AdminAffiliate,
  AdminApp,
  AdminCommission,
  AdminCourseSummary,
  AdminGroup,
  AdminPayout,
  AffiliateBalance,
  AffiliateSettings,
  AffiliateStatus,
  AppAccess,
  AppId,
  CommissionRule,
  Grant,
  LedgerBucket,
  LedgerEntry,
  LedgerKind,
  PayoutStatus,
} from '@portico/sdk/admin';
import { AdminCommissionQuerySchema, AdminPayoutQuerySchema, APP_IDS } from '@portico/sdk/contract';
import {
  ADMIN_API,
  type FakeAccount,
  type FakeStaff,
  json,
  notFound,
  pageOf,
  problem,
} from './fake-admin.js';
import { FakeAdminBilling } from './fake-admin-billing.js';

/** An app's settings as the fake stores them. */
interface FakeApp {
  enabled: boolean;
  access: AppAccess;
  href: string | null;
  productIds: string[];
}

/** An affiliate as the fake stores it (balances are summed from the ledger when answered). */
type FakeAffiliate = Omit<AdminAffiliate, 'balances'>;

/** A ledger row with the affiliate it belongs to. */
type FakeLedgerEntry = LedgerEntry & { affiliateId: string };

const APP_NAMES: Record<AppId, { name: string; description: string; path: string }> = {
  affiliates: { name: 'Affiliates', description: 'Refer clients and earn.', path: '/portal/affiliates' },
  courses: { name: 'Courses', description: 'Learn at your pace.', path: '/portal/courses' },
  communities: { name: 'Communities', description: 'Talk with other clients.', path: '/portal/communities' },
};

/** The adjustment route, which takes an Idempotency-Key as the server's does. */
const ADJUST_PATH = /^\/api\/admin\/v1\/affiliates\/[^/]+\/adjustments$/;

/** Payouts waiting for staff, listed first: requested ones, then approved ones (oldest first); then the rest, newest first. */
const WAITING: readonly PayoutStatus[] = ['requested', 'approved'];

/**
 * The fake staff API with billing and the apps: the three apps (affiliates on for everyone, courses on for
 * holders of Starter, communities off), staff invitations (grants) to apps, courses and groups, a course and a
 * group list for the invitation form, and the affiliate programme: its rules and per-product commissions, four
 * affiliates (Acme active with a balance, Globex pending, Initech suspended), their commissions, payouts
 * (requested, approved, paid) and ledgers. Payout actions and adjustments write ledger rows as the server does,
 * and balances are summed from the ledger.
 */
export class FakeAdminApps extends FakeAdminBilling {
  readonly apps: Record<AppId, FakeApp>;
  readonly grants: Grant[] = [];
  readonly courseList: AdminCourseSummary[] = [];
  readonly groupList: AdminGroup[] = [];
  readonly affiliates: FakeAffiliate[] = [];
  readonly commissions: AdminCommission[] = [];
  readonly payouts: AdminPayout[] = [];
  readonly ledger: FakeLedgerEntry[] = [];
  /** Credit the affiliate's account got from payouts paid as credit, by account id. */
  readonly credited: { accountId: string; amount: number; currency: string }[] = [];
  /** The Idempotency-Key of each request that carried one, in order. */
  readonly idempotencyKeys: { method: string; path: string; key: string }[] = [];
  /**
   * How many of the next adjustments are recorded but never answered (the connection drops): the page sees a
   * network error, as after a timeout.
   */
  loseAnswers = 0;
  /** Adjustments answered by key, as the server remembers them: what was asked, and the answer. */
  readonly #keyed = new Map<string, { fingerprint: string; status: number; body: string }>();
  affiliateSettings: AffiliateSettings;
  productRules: { productId: string; rule: CommissionRule }[] = [];
  #n = 0;
  #at = Date.parse('2025-06-01T09:00:00Z');

  constructor() {
    super();
    const starter = this.products.find((p) => p.name === 'Starter')!;
    this.apps = {
      affiliates: { enabled: true, access: 'everyone', href: null, productIds: [] },
      courses: { enabled: true, access: 'granted', href: '/courses.html', productIds: [starter.id] },
      communities: { enabled: false, access: 'everyone', href: null, productIds: [] },
    };
    this.affiliateSettings = {
      signup: 'approval',
      commission: { type: 'percent', rateBps: 1000 },
      recurring: false,
      windowDays: 30,
      clearingDays: 14,
      minimumPayout: 5000,
      minimumPayoutCurrency: 'USD',
      linkBase: 'https://www.example.com/',
      terms: 'Earn **10 %** of what your referrals pay.',
    };
    this.productRules = [{ productId: starter.id, rule: { type: 'fixed', amount: 1500, currency: 'USD' } }];
    const course = this.addCourse('Getting started with hosting');
    this.addCourse('Email deliverability');
    this.addCommunityGroup('Web developers');
    this.addCommunityGroup('Resellers');
    const acme = this.account('Acme Ltd');
    const globex = this.account('Globex');
    const initech = this.account('Initech');
    const ada = this.addAffiliate(acme, 'active', 'ACME10');
    this.addAffiliate(globex, 'pending', 'GLOBEX', 'I run a hosting blog.');
    this.addAffiliate(initech, 'suspended', 'INITECH');
    // Ada's history: three cleared commissions, a payout paid, one requested, one approved.
    for (const amount of [4000, 6000, 5000]) {
      const c = this.addCommission(ada, amount, 'payable');
      this.move(ada.id, 'commission', 'pending', amount, 'USD', 'Commission', { commissionId: c.id });
      this.move(ada.id, 'cleared', 'pending', -amount, 'USD', 'Cleared', { commissionId: c.id });
      this.move(ada.id, 'cleared', 'available', amount, 'USD', 'Cleared', { commissionId: c.id });
    }
    this.addCommission(ada, 2500, 'pending');
    this.move(ada.id, 'commission', 'pending', 2500, 'USD', 'Commission');
    this.addCommission(ada, 1200, 'reversed');
    this.addPayout(ada, 5000, 'paid');
    this.addPayout(ada, 5000, 'approved');
    this.addPayout(ada, 5000, 'requested');
    this.grants.push({
      id: this.#id('grt'),
      kind: 'course',
      resourceId: course.id,
      resourceName: course.title,
      accountId: globex.id,
      accountName: globex.name,
      note: 'Welcome aboard',
      grantedBy: 'Grace Hopper',
      createdAt: this.#now(),
    });
  }

  override client(): AdminClient {
    return createAdminClient({ baseUrl: ADMIN_API, fetch: this.#keyedFetch, retries: 0 });
  }

  /**
   * Adjustments as the server takes them (`idempotent: true`): a repeat of a key with the same path and body gets
   * the first answer without a second ledger row; with another path or body it is refused (422
   * IDEMPOTENCY_KEY_REUSED). Only successes are remembered.
   */
  readonly #keyedFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const key = request.headers.get('idempotency-key');
    if (key) this.idempotencyKeys.push({ method: request.method, path: url.pathname, key });
    if (request.method !== 'POST' || !ADJUST_PATH.test(url.pathname) || !key) return this.fetch(request);
    const text = await request.clone().text();
    const fingerprint = JSON.stringify([url.pathname, text ? JSON.parse(text) : null]);
    const known = this.#keyed.get(key);
    let answer: Response;
    if (known) {
      answer =
        known.fingerprint === fingerprint
          ? new Response(known.body, {
              status: known.status,
              headers: { 'content-type': 'application/json' },
            })
          : problem(
              422,
              'IDEMPOTENCY_KEY_REUSED',
              'This Idempotency-Key was already used with a different request. Use a new key for a new request.',
            );
    } else {
      answer = await this.fetch(request);
      if (answer.ok) {
        const body = await answer.text();
        this.#keyed.set(key, { fingerprint, status: answer.status, body });
        answer = new Response(body, {
          status: answer.status,
          headers: { 'content-type': 'application/json' },
        });
      }
    }
    if (this.loseAnswers > 0) {
      this.loseAnswers--;
      throw new TypeError('Failed to fetch');
    }
    return answer;
  };

  addCourse(title: string): AdminCourseSummary {
    const course: AdminCourseSummary = {
      id: this.#id('crs'),
      slug: title.toLowerCase().replace(/\W+/g, '-'),
      title,
      summary: '',
      status: 'published',
      access: 'granted',
      position: this.courseList.length,
      lessonCount: 3,
      students: 0,
      products: [],
      updatedAt: this.#now(),
    };
    this.courseList.push(course);
    return course;
  }

  addCommunityGroup(name: string): AdminGroup {
    const now = this.#now();
    const group: AdminGroup = {
      id: this.#id('grp'),
      slug: name.toLowerCase().replace(/\W+/g, '-'),
      name,
      description: '',
      join: 'open',
      position: this.groupList.length,
      memberCount: 0,
      requestCount: 0,
      postCount: 0,
      products: [],
      createdAt: now,
      updatedAt: now,
    };
    this.groupList.push(group);
    return group;
  }

  addAffiliate(account: FakeAccount, status: AffiliateStatus, code: string, note = ''): FakeAffiliate {
    const affiliate: FakeAffiliate = {
      id: this.#id('aff'),
      accountId: account.id,
      accountName: account.name,
      status,
      code,
      link: `https://www.example.com/?ref=${code}`,
      payoutDetails: status === 'active' ? 'IBAN GB00 1234' : '',
      note,
      stats: { clicks: 40, signups: 5, conversions: 3 },
      createdAt: this.#now(),
      approvedAt: status === 'pending' ? null : this.#now(),
    };
    this.affiliates.unshift(affiliate);
    return affiliate;
  }

  addCommission(a: FakeAffiliate, amount: number, status: AdminCommission['status']): AdminCommission {
    const invoice = this.invoices[0]!;
    const commission: AdminCommission = {
      id: this.#id('com'),
      status,
      amount,
      currency: 'USD',
      referralId: this.#id('ref'),
      referralName: 'B. W.',
      clearsAt: this.#now(),
      createdAt: this.#now(),
      reversedAt: status === 'reversed' ? this.#now() : null,
      affiliateId: a.id,
      affiliateName: a.accountName,
      invoiceId: invoice.id,
      invoiceNumber: invoice.number,
      referredAccountId: this.account('Globex').id,
    };
    this.commissions.unshift(commission);
    return commission;
  }

  /** A payout in `status`, with the ledger rows that got it there. */
  addPayout(a: FakeAffiliate, amount: number, status: PayoutStatus, currency = 'USD'): AdminPayout {
    const payout: AdminPayout = {
      id: this.#id('apo'),
      status,
      amount,
      currency,
      method: status === 'paid' ? 'bank' : null,
      reference: status === 'paid' ? 'TRX-1' : null,
      note: null,
      createdAt: this.#now(),
      decidedAt: status === 'requested' ? null : this.#now(),
      affiliateId: a.id,
      affiliateName: a.accountName,
      accountId: a.accountId,
      payoutDetails: a.payoutDetails,
    };
    this.payouts.push(payout);
    const at = { payoutId: payout.id };
    this.move(a.id, 'payout_requested', 'available', -amount, currency, 'Payout requested', at);
    this.move(a.id, 'payout_requested', 'requested', amount, currency, 'Payout requested', at);
    if (status === 'paid') {
      this.move(a.id, 'payout_paid', 'requested', -amount, currency, 'Payout paid', at);
      this.move(a.id, 'payout_paid', 'paid', amount, currency, 'Payout paid', at);
    }
    return payout;
  }

  /** Writes one ledger row. */
  move(
    affiliateId: string,
    kind: LedgerKind,
    bucket: LedgerBucket,
    amount: number,
    currency: string,
    description: string,
    refs: { commissionId?: string; payoutId?: string } = {},
  ): FakeLedgerEntry {
    const entry: FakeLedgerEntry = {
      id: this.#id('alg'),
      kind,
      bucket,
      amount,
      currency,
      description,
      commissionId: refs.commissionId ?? null,
      payoutId: refs.payoutId ?? null,
      createdAt: this.#now(),
      affiliateId,
    };
    this.ledger.unshift(entry);
    return entry;
  }

  /** The affiliate of the client named `name`. */
  affiliate(name: string): FakeAffiliate {
    const found = this.affiliates.find((a) => a.accountName === name);
    if (!found) throw new Error(`No affiliate ${name}`);
    return found;
  }

  /** What `affiliateId` holds in each currency, summed from the ledger. */
  balancesOf(affiliateId: string): AffiliateBalance[] {
    const by = new Map<string, AffiliateBalance>();
    for (const e of [...this.ledger].reverse()) {
      if (e.affiliateId !== affiliateId) continue;
      const b = by.get(e.currency) ?? {
        currency: e.currency,
        pending: 0,
        available: 0,
        requested: 0,
        paid: 0,
      };
      b[e.bucket] += e.amount;
      by.set(e.currency, b);
    }
    return [...by.values()];
  }

  /** The ledger rows of one payout, oldest first, as `kind bucket amount`. */
  ledgerOfPayout(payoutId: string): string[] {
    return this.ledger
      .filter((e) => e.payoutId === payoutId)
      .reverse()
      .map((e) => `${e.kind} ${e.bucket} ${e.amount}`);
  }

  adminApp(id: AppId): AdminApp {
    const app = this.apps[id];
    const names = APP_NAMES[id];
    return {
      id,
      name: names.name,
      description: names.description,
      enabled: app.enabled,
      access: app.access,
      href: app.href,
      effectiveHref: app.href ?? names.path,
      products: app.productIds.map((pid) => ({
        id: pid,
        name: this.products.find((p) => p.id === pid)?.name ?? pid,
      })),
      invited: this.grants.filter((g) => g.kind === 'app' && g.resourceId === id).length,
    };
  }

  protected override handleMore(
    id: string,
    params: Record<string, string>,
    body: any,
    query: any,
    me: FakeStaff | undefined,
  ): Response | undefined {
    if (id.startsWith('adminApps.'))
      return this.#apps(id.slice('adminApps.'.length), params, body, query, me);
    if (id.startsWith('adminAffiliates.')) {
      return this.#affiliates(id.slice('adminAffiliates.'.length), params, body, query);
    }
    if (id === 'adminCourses.list') return json(200, { items: this.courseList });
    if (id === 'adminCommunities.groups') return json(200, { items: this.groupList });
    return super.handleMore(id, params, body, query, me);
  }

  #apps(name: string, params: Record<string, string>, body: any, query: any, me: FakeStaff | undefined) {
    switch (name) {
      case 'list':
        return json(200, { items: APP_IDS.map((appId) => this.adminApp(appId)) });
      case 'update': {
        const appId = params.appId as AppId;
        const app = this.apps[appId];
        if (!app) return notFound('app');
        if (body.productIds) {
          const unknown = body.productIds.findIndex((p: string) => !this.products.some((x) => x.id === p));
          if (unknown >= 0) {
            return problem(422, 'VALIDATION_FAILED', 'The request is not valid.', [
              { path: `productIds.${unknown}`, message: 'No such product' },
            ]);
          }
          app.productIds = body.productIds;
        }
        if (body.enabled !== undefined) app.enabled = body.enabled;
        if (body.access !== undefined) app.access = body.access;
        if (body.href !== undefined) app.href = body.href;
        return json(200, this.adminApp(appId));
      }
      case 'grants': {
        const items = this.grants.filter(
          (g) =>
            (!query.kind || g.kind === query.kind) &&
            (!query.resourceId || g.resourceId === query.resourceId) &&
            (!query.accountId || g.accountId === query.accountId),
        );
        return json(200, pageOf(items, query));
      }
      case 'grant': {
        const account = this.accounts.find((a) => a.id === body.accountId);
        if (!account) {
          return problem(422, 'VALIDATION_FAILED', 'The request is not valid.', [
            { path: 'accountId', message: 'No such account' },
          ]);
        }
        const resourceName =
          body.kind === 'app'
            ? APP_NAMES[body.resourceId as AppId]?.name
            : body.kind === 'course'
              ? this.courseList.find((c) => c.id === body.resourceId)?.title
              : this.groupList.find((g) => g.id === body.resourceId)?.name;
        if (!resourceName) return notFound(body.kind);
        const held = this.grants.find(
          (g) => g.kind === body.kind && g.resourceId === body.resourceId && g.accountId === account.id,
        );
        if (held) return json(201, held);
        const grant: Grant = {
          id: this.#id('grt'),
          kind: body.kind,
          resourceId: body.resourceId,
          resourceName,
          accountId: account.id,
          accountName: account.name,
          note: body.note ?? '',
          grantedBy: me?.name ?? '',
          createdAt: this.#now(),
        };
        this.grants.unshift(grant);
        return json(201, grant);
      }
      case 'revoke': {
        const i = this.grants.findIndex((g) => g.id === params.grantId);
        if (i < 0) return notFound('invitation');
        this.grants.splice(i, 1);
        return new Response(null, { status: 204 });
      }
    }
    return undefined;
  }

  #affiliates(name: string, params: Record<string, string>, body: any, query: any): Response | undefined {
    // `/affiliates/:affiliateId` is listed before the fixed paths beside it: answer those by their own route.
    if (name === 'get' && (params.affiliateId === 'commissions' || params.affiliateId === 'payouts')) {
      const schema =
        params.affiliateId === 'commissions' ? AdminCommissionQuerySchema : AdminPayoutQuerySchema;
      const parsed = schema.safeParse(query);
      if (!parsed.success) return problem(422, 'VALIDATION_FAILED', 'The request is not valid.');
      return this.#affiliates(params.affiliateId, {}, body, parsed.data);
    }
    const affiliate = params.affiliateId
      ? this.affiliates.find((a) => a.id === params.affiliateId)
      : undefined;
    const payout = params.payoutId ? this.payouts.find((p) => p.id === params.payoutId) : undefined;
    if (params.affiliateId && !affiliate) return notFound('affiliate');
    if (params.payoutId && !payout) return notFound('payout');
    switch (name) {
      case 'settings':
        return json(200, this.affiliateSettings);
      case 'updateSettings':
        this.affiliateSettings = { ...this.affiliateSettings, ...body };
        return json(200, this.affiliateSettings);
      case 'productCommissions':
        return json(200, { items: this.#productCommissions() });
      case 'setProductCommissions': {
        const unknown = body.items.findIndex(
          (i: { productId: string }) => !this.products.some((p) => p.id === i.productId),
        );
        if (unknown >= 0) {
          return problem(422, 'VALIDATION_FAILED', 'The request is not valid.', [
            { path: `items.${unknown}.productId`, message: 'No such product' },
          ]);
        }
        this.productRules = body.items;
        return json(200, { items: this.#productCommissions() });
      }
      case 'list': {
        const q = (query.q ?? '').toLowerCase();
        const items = this.affiliates
          .filter(
            (a) =>
              (!query.status || a.status === query.status) &&
              (!q || a.accountName.toLowerCase().includes(q) || a.code.toLowerCase().includes(q)),
          )
          .map((a) => this.#admin(a));
        return json(200, pageOf(items, query));
      }
      case 'get':
        return json(200, this.#admin(affiliate!));
      case 'setStatus':
        affiliate!.status = body.status;
        if (body.status === 'active' && !affiliate!.approvedAt) affiliate!.approvedAt = this.#now();
        return json(200, this.#admin(affiliate!));
      case 'ledger':
        return json(
          200,
          pageOf(
            this.ledger.filter((e) => e.affiliateId === affiliate!.id).map(({ affiliateId: _, ...e }) => e),
            query,
          ),
        );
      case 'adjust': {
        const { affiliateId: _, ...entry } = this.move(
          affiliate!.id,
          'adjustment',
          'available',
          body.amount,
          body.currency,
          body.description,
        );
        return json(201, entry);
      }
      case 'commissions':
        return json(
          200,
          pageOf(
            this.commissions.filter(
              (c) =>
                (!query.status || c.status === query.status) &&
                (!query.affiliateId || c.affiliateId === query.affiliateId),
            ),
            query,
          ),
        );
      case 'payouts': {
        const matching = this.payouts.filter(
          (p) =>
            (!query.status || p.status === query.status) &&
            (!query.affiliateId || p.affiliateId === query.affiliateId),
        );
        const waiting = WAITING.flatMap((status) => matching.filter((p) => p.status === status));
        const decided = matching.filter((p) => !WAITING.includes(p.status)).reverse();
        return json(200, pageOf([...waiting, ...decided], query));
      }
      case 'approvePayout':
        if (payout!.status !== 'requested') return this.#conflict();
        payout!.status = 'approved';
        payout!.decidedAt = this.#now();
        return json(200, payout);
      case 'payPayout':
      case 'creditPayout': {
        if (!WAITING.includes(payout!.status)) return this.#conflict();
        const credit = name === 'creditPayout';
        const kind = credit ? 'payout_credited' : 'payout_paid';
        const text = credit ? 'Payout credited to the account' : `Payout paid (${body.method})`;
        this.move(payout!.affiliateId, kind, 'requested', -payout!.amount, payout!.currency, text, {
          payoutId: payout!.id,
        });
        this.move(payout!.affiliateId, kind, 'paid', payout!.amount, payout!.currency, text, {
          payoutId: payout!.id,
        });
        if (credit) {
          this.credited.push({
            accountId: payout!.accountId,
            amount: payout!.amount,
            currency: payout!.currency,
          });
        }
        Object.assign(payout!, {
          status: credit ? 'credited' : 'paid',
          method: credit ? null : body.method,
          reference: credit ? null : body.reference,
          decidedAt: this.#now(),
        });
        return json(200, payout);
      }
      case 'rejectPayout': {
        if (!WAITING.includes(payout!.status)) return this.#conflict();
        const at = { payoutId: payout!.id };
        const { affiliateId, amount, currency } = payout!;
        this.move(affiliateId, 'payout_rejected', 'requested', -amount, currency, 'Rejected', at);
        this.move(affiliateId, 'payout_rejected', 'available', amount, currency, 'Rejected', at);
        Object.assign(payout!, { status: 'rejected', note: body.reason, decidedAt: this.#now() });
        return json(200, payout);
      }
    }
    return undefined;
  }

  #conflict() {
    return problem(409, 'CONFLICT', 'This payout was already decided.');
  }

  #admin(a: FakeAffiliate): AdminAffiliate {
    return { ...a, balances: this.balancesOf(a.id) };
  }

  #productCommissions() {
    return this.productRules.map((r) => ({
      productId: r.productId,
      productName: this.products.find((p) => p.id === r.productId)?.name ?? r.productId,
      rule: r.rule,
    }));
  }

  #now() {
    this.#at += 60_000;
    return new Date(this.#at).toISOString();
  }

  #id(prefix: string) {
    this.#n++;
    return `${prefix}_${`z${this.#n}`.padStart(26, '0')}`;
  }
}
