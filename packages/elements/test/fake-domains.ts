import type {
  BillingCycle,
  DomainAvailability,
  Invoice,
  Order,
  OrderDomain,
  PortalClient,
  Quote,
  TermPrice,
  Tld,
} from '@portico/sdk';
import { domainToUnicode, grants, parseDomainName } from '@portico/sdk';
import { FakeCommerce, type FakeCommerceCall } from './fake-commerce.js';
import { fakeClient, json, problem } from './fake-portal.js';
import { RouteOverrides } from './route-overrides.js';
import '../src/index.js';

type Handler = (call: FakeCommerceCall) => Response | Promise<Response>;

/** A TLD as the fake keeps it: its prices in every currency it sells in. */
export interface FakeTld {
  tld: string;
  unicode: string;
  prices: Record<string, { register: TermPrice[]; renew: TermPrice[]; transfer: TermPrice[] }>;
}

const terms = (...amounts: number[]): TermPrice[] => amounts.map((amount, i) => ({ years: i + 1, amount }));

const validation = (errors: { path: string; message: string }[]) =>
  problem(400, 'VALIDATION_FAILED', 'The request has invalid fields', errors);

/** Waits `ms`, or rejects as fetch does when `signal` aborts. */
function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const aborted = () => reject(signal.reason ?? new DOMException('Aborted', 'AbortError'));
    if (signal.aborted) return aborted();
    const timer = ms === Number.POSITIVE_INFINITY ? undefined : setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        aborted();
      },
      { once: true },
    );
  });
}

/**
 * A stand-in for the Portico server's public domain routes (TLDs with prices, availability, suggestions) and for
 * quotes and orders that carry `domains`, in front of a {@link FakeCommerce} (which answers everything else,
 * including product-only quotes and orders). Shapes and codes follow `packages/sdk/src/contract/domains.ts` and
 * `billing.ts`: the routes are 404 while `hidden`, names are checked with the shared rules, prices come from the
 * TLD grid (never from the request), a transfer needs its EPP code, and a taken name cannot be registered.
 *
 * Availability answers can be slowed per TLD (`delays`, ms), held until released (`hold(domain)`) or never given
 * (`hung`); like `fetch`, a held or hung answer ends when the request is aborted.
 */
export class FakeDomains {
  readonly commerce: FakeCommerce;
  /** Requests to the domain routes, and quotes and orders with domains. */
  readonly calls: FakeCommerceCall[] = [];
  /** The business hides domain search: every public domain route is 404. */
  hidden = false;
  tlds: FakeTld[] = [
    {
      tld: 'com',
      unicode: 'com',
      prices: {
        GBP: { register: terms(1000, 1900, 2800), renew: terms(1100), transfer: terms(900) },
        EUR: { register: terms(1200, 2300), renew: terms(1300), transfer: terms(1100) },
      },
    },
    {
      tld: 'net',
      unicode: 'net',
      prices: {
        GBP: { register: terms(1200, 2300), renew: terms(1200), transfer: terms(1100, 2200) },
        EUR: { register: terms(1400), renew: terms(1400), transfer: terms(1300) },
      },
    },
    {
      tld: 'org',
      unicode: 'org',
      prices: { GBP: { register: terms(1100), renew: terms(1100), transfer: terms(1000) } },
    },
    {
      tld: 'io',
      unicode: 'io',
      prices: { GBP: { register: terms(3500), renew: terms(3500), transfer: terms(3500) } },
    },
    {
      tld: 'example',
      unicode: 'example',
      prices: { GBP: { register: terms(500, 1000), renew: terms(500), transfer: [] } },
    },
  ];
  /** Registered names (ASCII). */
  taken = new Set(['example.com', 'example.net', 'ada.com']);
  /** Names the registry prices above the list. */
  premium = new Set(['ada.io']);
  /** Names whose registry does not answer: `status: unknown`, `reason: timeout`. */
  unknown = new Set<string>();
  /** Names whose check never answers (until aborted). */
  hung = new Set<string>();
  /** Checks whose request was aborted before the answer (ASCII names). */
  readonly aborted: string[] = [];
  /** Milliseconds before answering a check, by TLD. */
  delays: Record<string, number> = {};
  /** The suggestions for a query (ASCII names; the fake adds their Unicode form). */
  suggest: (query: string) => string[] = (query) => {
    const label = query.replace(/\..*$/, '').toLowerCase();
    return [`get${label}.com`, `${label}hq.net`, `${label}.shop`, `${label}.com`];
  };

  readonly #overrides = new RouteOverrides<FakeCommerceCall>();
  readonly #gates = new Map<string, Promise<void>>();
  readonly #placed = new Map<string, { order: Order; invoice: Invoice }>();
  #ids = 0;

  constructor(commerce: FakeCommerce = new FakeCommerce()) {
    this.commerce = commerce;
  }

  /** Answers the next `times` requests to `route` (e.g. `GET /api/v1/domains/availability`) with `handler`. */
  answer(route: string, handler: Handler, times = 1): void {
    this.#overrides.set(route, handler, times);
  }

  /** Requests made to `route` (`METHOD /path` or just the path). */
  callsTo(route: string): FakeCommerceCall[] {
    return this.calls.filter((c) => c.path === route || `${c.method} ${c.path}` === route);
  }

  /** The domains whose availability was asked, in order. */
  checked(): string[] {
    return this.callsTo('GET /api/v1/domains/availability').map((c) => c.query.domain!);
  }

  /** Holds the answer for `domain` until the returned function is called. */
  hold(domain: string): () => void {
    let release!: () => void;
    this.#gates.set(
      domain,
      new Promise<void>((resolve) => {
        release = resolve;
      }),
    );
    return () => {
      this.#gates.delete(domain);
      release();
    };
  }

  /** A client in token mode talking to this fake, optionally already signed in as `email`. */
  client(email?: string): PortalClient {
    let token: string | undefined;
    if (email) {
      token = `tok_domains_${++this.#ids}`;
      this.commerce.account.portal.sessions.set(token, email);
    }
    return fakeClient(this.fetch, token);
  }

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const domainRoute = url.pathname.startsWith('/api/v1/domains/');
    const ordering = request.method === 'POST' && /^\/api\/v1\/(store\/quote|orders)$/.test(url.pathname);
    if (!domainRoute && !ordering) return this.commerce.fetch(request);
    const text = request.method === 'GET' ? '' : await request.text();
    const body = text ? (JSON.parse(text) as Record<string, any>) : undefined;
    if (ordering && !body?.domains?.length) {
      return this.commerce.fetch(
        new Request(request.url, { method: request.method, headers: request.headers, body: text }),
      );
    }
    const bearer = request.headers.get('authorization')?.replace(/^Bearer /, '') ?? '';
    const email = this.commerce.account.portal.sessions.get(bearer);
    const call: FakeCommerceCall = {
      method: request.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
      idempotencyKey: request.headers.get('idempotency-key'),
      signedIn: !!email,
    };
    this.calls.push(call);
    const override = this.#overrides.answer(call);
    if (override) return override;
    return this.#route(call, email, request.signal);
  };

  async #route(call: FakeCommerceCall, email: string | undefined, signal: AbortSignal): Promise<Response> {
    const route = `${call.method} ${call.path}`;
    switch (route) {
      case 'GET /api/v1/domains/tlds': {
        if (this.hidden) return problem(404, 'NOT_FOUND', 'Domain search is not available.');
        const currency = call.query.currency ?? this.#currencyFor(email);
        if (!this.commerce.currencies.includes(currency)) {
          return problem(400, 'CURRENCY_NOT_ENABLED', `${currency} is not a billing currency here.`);
        }
        return json(200, { currency, currencies: this.commerce.currencies, tlds: this.tldList(currency) });
      }
      case 'GET /api/v1/domains/availability': {
        if (this.hidden) return problem(404, 'NOT_FOUND', 'Domain search is not available.');
        const parsed = parseDomainName(call.query.domain ?? '');
        if (!parsed.ok) return validation([{ path: 'domain', message: parsed.message }]);
        const currency = call.query.currency ?? this.#currencyFor(email);
        const tld = this.#tldOf(parsed.ascii);
        if (!tld) return problem(422, 'TLD_NOT_OFFERED', 'We do not sell this ending.');
        try {
          await wait(this.delays[tld.tld] ?? 0, signal);
          if (this.hung.has(parsed.ascii)) await wait(Number.POSITIVE_INFINITY, signal);
          const gate = this.#gates.get(parsed.ascii);
          if (gate) await Promise.race([gate, wait(Number.POSITIVE_INFINITY, signal)]);
        } catch (error) {
          this.aborted.push(parsed.ascii);
          throw error;
        }
        return json(200, this.availability(parsed.ascii, currency));
      }
      case 'GET /api/v1/domains/suggestions': {
        if (this.hidden) return problem(404, 'NOT_FOUND', 'Domain search is not available.');
        const query = (call.query.query ?? '').trim();
        if (!query) return validation([{ path: 'query', message: 'Enter a name' }]);
        const limit = Number(call.query.limit ?? 8);
        const items = this.suggest(query)
          .slice(0, limit)
          .map((domain) => ({ domain, unicode: domainToUnicode(domain) }));
        return json(200, { items });
      }
      case 'POST /api/v1/store/quote': {
        const priced = await this.#price(call.body ?? {}, email);
        return 'error' in priced ? priced.error : json(200, priced.quote);
      }
      case 'POST /api/v1/orders': {
        const body = call.body ?? {};
        if (!email) return problem(401, 'UNAUTHENTICATED', 'Sign in to continue.');
        if (!grants(this.commerce.account.permissions, 'billing:write')) {
          return problem(403, 'PERMISSION_DENIED', 'You do not have billing:write on this account.');
        }
        const repeat = call.idempotencyKey ? this.#placed.get(call.idempotencyKey) : undefined;
        if (repeat) return json(201, repeat);
        if (this.commerce.termsUrl && body.acceptTerms !== true) {
          const message = 'Accept the Terms of Service';
          return problem(422, 'TERMS_NOT_ACCEPTED', `${message}.`, [{ path: 'acceptTerms', message }]);
        }
        const priced = await this.#price(body, email);
        if ('error' in priced) return priced.error;
        const placed = this.#place(body, priced.quote, priced.domains);
        if (call.idempotencyKey) this.#placed.set(call.idempotencyKey, placed);
        return json(201, placed);
      }
      default:
        return problem(404, 'NOT_FOUND', 'No such route.');
    }
  }

  /** The TLDs with prices in `currency`, as `GET /domains/tlds` lists them. */
  tldList(currency: string): Tld[] {
    return this.tlds
      .filter((t) => t.prices[currency])
      .map((t) => ({ tld: t.tld, unicode: t.unicode, ...t.prices[currency]! }))
      .filter((t) => t.register.length || t.transfer.length);
  }

  /** What the availability route answers for `domain` (ASCII) in `currency`. */
  availability(domain: string, currency: string): DomainAvailability {
    const tld = this.#tldOf(domain)!;
    const grid = tld.prices[currency];
    const money = (list: TermPrice[] | undefined) => {
      const one = list?.find((p) => p.years === 1);
      return one ? { currency, amount: one.amount } : null;
    };
    const unknown = this.unknown.has(domain);
    return {
      domain,
      unicode: domainToUnicode(domain),
      tld: tld.tld,
      status: unknown ? 'unknown' : this.taken.has(domain) ? 'taken' : 'available',
      reason: unknown ? 'timeout' : null,
      register: money(grid?.register),
      transfer: money(grid?.transfer),
      premium: this.premium.has(domain),
    };
  }

  #tldOf(ascii: string): FakeTld | undefined {
    return this.tlds
      .filter((t) => ascii.endsWith(`.${t.tld}`) && ascii.split('.').length === t.tld.split('.').length + 1)
      .sort((a, b) => b.tld.length - a.tld.length)[0];
  }

  #currencyFor(email: string | undefined): string {
    const account = this.commerce.account;
    return email ? account.details[account.active]!.currency : this.commerce.currencies[0]!;
  }

  /** Prices the products (through the commerce fake) and the domains (from the TLD grid), then the tax. */
  async #price(
    body: Record<string, any>,
    email: string | undefined,
  ): Promise<{ quote: Quote; domains: OrderDomain[] } | { error: Response }> {
    const currency: string = body.currency ?? this.#currencyFor(email);
    if (!this.commerce.currencies.includes(currency)) {
      return { error: problem(400, 'CURRENCY_NOT_ENABLED', `${currency} is not a billing currency here.`) };
    }
    const lines: Quote['lines'] = [];
    if (body.items?.length) {
      const products = await this.commerce.fetch(
        new Request('http://portal.test/api/v1/store/quote', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ items: body.items, currency }),
        }),
      );
      if (!products.ok) return { error: products };
      lines.push(...((await products.json()) as Quote).lines);
    }
    const domains: OrderDomain[] = [];
    for (const [index, item] of (body.domains as Record<string, any>[]).entries()) {
      const parsed = parseDomainName(String(item.domain ?? ''));
      if (!parsed.ok)
        return { error: validation([{ path: `domains.${index}.domain`, message: parsed.message }]) };
      const years = item.years ?? 1;
      if (!Number.isInteger(years) || years < 1 || years > 10) {
        return { error: validation([{ path: `domains.${index}.years`, message: 'At most 10 years' }]) };
      }
      if (item.action === 'transfer' && !String(item.eppCode ?? '').trim()) {
        return {
          error: validation([
            {
              path: `domains.${index}.eppCode`,
              message: 'Enter the transfer (EPP) code from the current registrar',
            },
          ]),
        };
      }
      const tld = this.#tldOf(parsed.ascii);
      if (!tld?.prices[currency]) {
        return { error: problem(422, 'TLD_NOT_OFFERED', 'We do not sell this ending.') };
      }
      if (item.action === 'register' && (this.taken.has(parsed.ascii) || this.premium.has(parsed.ascii))) {
        return { error: problem(409, 'DOMAIN_UNAVAILABLE', `${parsed.unicode} is not available.`) };
      }
      const action: 'register' | 'transfer' = item.action;
      const amount = tld.prices[currency]![action].find((p) => p.years === years)?.amount;
      if (amount === undefined) {
        return { error: problem(422, 'PRICE_UNAVAILABLE', 'No price for that term.') };
      }
      const term = years === 1 ? '1 year' : `${years} years`;
      lines.push({
        kind: action === 'register' ? 'domain_register' : 'domain_transfer',
        description: `${action === 'register' ? 'Domain registration' : 'Domain transfer'}: ${parsed.unicode} (${term})`,
        quantity: 1,
        unitAmount: amount,
        amount,
        taxable: true,
      });
      domains.push({ domainId: '', domain: parsed.ascii, unicode: parsed.unicode, action, years });
    }
    const subtotal = lines.reduce((sum, l) => sum + l.amount, 0);
    const taxable = lines.filter((l) => l.taxable).reduce((sum, l) => sum + l.amount, 0);
    const tax = this.commerce.tax ? Math.round((taxable * this.commerce.tax.rateBps) / 10_000) : 0;
    return {
      quote: {
        currency,
        lines,
        subtotal,
        taxName: this.commerce.tax?.name ?? null,
        taxRateBps: this.commerce.tax?.rateBps ?? 0,
        tax,
        total: subtotal + tax,
      },
      domains,
    };
  }

  #place(body: Record<string, any>, quote: Quote, priced: OrderDomain[]): { order: Order; invoice: Invoice } {
    const now = new Date().toISOString();
    const domains = priced.map((d) => ({ ...d, domainId: `dom_${String(++this.#ids).padStart(26, '0')}` }));
    let next = 0;
    const invoice = this.commerce.addInvoice({
      currency: quote.currency,
      total: quote.total,
      balance: quote.total,
      subtotal: quote.subtotal,
      taxName: quote.taxName,
      taxRateBps: quote.taxRateBps,
      tax: quote.tax,
      issuedAt: now,
      createdAt: now,
      lines: quote.lines.map((line) => ({
        ...line,
        id: `line_${String(++this.#ids).padStart(26, '0')}`,
        serviceId: null,
        domainId: line.kind.startsWith('domain_') ? (domains[next++]?.domainId ?? null) : null,
        periodStart: null,
        periodEnd: null,
      })),
    });
    const items = ((body.items ?? []) as { productId: string; cycle: BillingCycle; quantity?: number }[]).map(
      (item) => {
        const product = this.commerce.groups.flatMap((g) => g.products).find((p) => p.id === item.productId)!;
        const service = this.commerce.addService({
          productId: product.id,
          productName: product.name,
          status: 'pending',
          cycle: item.cycle,
          currency: quote.currency,
          nextDueAt: null,
          activatedAt: null,
          createdAt: now,
        });
        return {
          productId: product.id,
          name: product.name,
          cycle: item.cycle,
          quantity: item.quantity ?? 1,
          serviceIds: [service.id],
        };
      },
    );
    const order: Order = {
      id: `ord_${String(++this.#ids).padStart(26, '0')}`,
      status: 'pending',
      currency: quote.currency,
      total: quote.total,
      invoiceId: invoice.id,
      items,
      domains,
      createdAt: now,
    };
    this.commerce.orders.unshift(order);
    return { order, invoice };
  }
}

/** Renders `content` in a provider signed in to the fake as Ada (or `signedInAs`; `null`: signed out). */
export { inFakeProvider as inDomainsProvider } from './fake-pieces.js';
