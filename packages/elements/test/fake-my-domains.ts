import {
  type Domain,
  domainToUnicode,
  grants,
  type Invoice,
  type Permission,
  type PortalClient,
  type TldList,
} from '@portico/sdk';
import { NameserversInputSchema } from '@portico/sdk/contract';
import { FakeAccount } from './fake-account.js';
import { fakeClient, json, problem } from './fake-portal.js';
import { RouteOverrides } from './route-overrides.js';
import '../src/index.js';

/** A request to one of the domain routes. */
export interface FakeDomainsCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: Record<string, any> | undefined;
  /** The `Idempotency-Key` header, when sent. */
  idempotencyKey: string | null;
}

type Handler = (call: FakeDomainsCall) => Response | Promise<Response>;

const DAY = 86_400_000;
const daysFromNow = (days: number) => new Date(Date.now() + days * DAY).toISOString();

/** The registrar's refusal, in the real server's words (`packages/server/src/modules/domains/errors.ts`). */
export const registrarError = () =>
  problem(
    502,
    'REGISTRAR_ERROR',
    'The registrar refused the change. Nothing was changed; contact support if it keeps happening.',
  );

/**
 * A stand-in for the Portico server's My Domains routes (`/api/v1/domains…`: list, one domain, name servers,
 * privacy, lock, auto-renew, transfer code, renewal, TLD prices) in front of a {@link FakeAccount}, which answers
 * everything else and decides who is signed in with which permissions. Shapes, permissions and codes follow
 * `packages/sdk/src/contract/domains.ts`: changes need `domains:write` and an active domain (409
 * DOMAIN_NOT_ACTIVE), name servers are validated with the contract's own schema, and a renewal (`billing:write`)
 * answers a repeated Idempotency-Key with the first invoice. `answer(route, handler, times)` overrides the next
 * request(s), e.g. with {@link registrarError}.
 */
export class FakeMyDomains {
  readonly account: FakeAccount;
  readonly calls: FakeDomainsCall[] = [];
  domains: Domain[] = [];
  /** TLD prices, in the account's currency. */
  tlds: TldList = {
    currency: 'GBP',
    currencies: ['GBP', 'EUR'],
    tlds: [
      {
        tld: 'com',
        unicode: 'com',
        register: [{ years: 1, amount: 1200 }],
        renew: [
          { years: 1, amount: 1200 },
          { years: 2, amount: 2300 },
          { years: 5, amount: 5500 },
        ],
        transfer: [{ years: 1, amount: 1000 }],
      },
      {
        tld: 'example',
        unicode: 'example',
        register: [{ years: 1, amount: 900 }],
        renew: [{ years: 1, amount: 900 }],
        transfer: [],
      },
    ],
  };
  /** Transfer codes handed out. */
  eppCode = 'Xk7#pQ2!vL9z';
  invoices: Invoice[] = [];
  readonly #renewals = new Map<string, Invoice>();
  readonly #overrides = new RouteOverrides<FakeDomainsCall>();
  #ids = 0;

  constructor(account: FakeAccount = new FakeAccount()) {
    this.account = account;
  }

  /** Adds a domain (newest first, as the server lists them); an active `.com` by default. */
  addDomain(domain: Partial<Domain> = {}): Domain {
    const name = domain.domain ?? `example-${this.domains.length + 1}.com`;
    const added: Domain = {
      id: this.#id('dom'),
      domain: name,
      unicode: domainToUnicode(name),
      tld: name.slice(name.indexOf('.') + 1),
      status: 'active',
      action: 'register',
      registeredAt: daysFromNow(-300),
      expiresAt: daysFromNow(65),
      autoRenew: true,
      privacy: true,
      locked: true,
      nameservers: ['ns1.northwind.example', 'ns2.northwind.example'],
      invoiceId: null,
      renewalInvoiceId: null,
      renewPrice: { currency: 'GBP', amount: 1200 },
      createdAt: daysFromNow(-300),
      ...domain,
    };
    this.domains.unshift(added);
    return added;
  }

  /** Makes the signed-in person a contact with just these permissions. */
  asContact(permissions: Permission[]): void {
    this.account.asContact('custom', permissions);
  }

  /** Answers the next `times` requests to `route` (e.g. `PUT /api/v1/domains/dom_…/lock`) with `handler`. */
  answer(route: string, handler: Handler, times = 1): void {
    this.#overrides.set(route, handler, times);
  }

  /** Requests made to `route` (`METHOD /path` or just the path). */
  callsTo(route: string): FakeDomainsCall[] {
    return this.calls.filter((c) => c.path === route || `${c.method} ${c.path}` === route);
  }

  /** A client in token mode talking to this fake, optionally already signed in as `email`. */
  client(email?: string): PortalClient {
    let token: string | undefined;
    if (email) {
      token = this.#id('tok');
      this.account.portal.sessions.set(token, email);
    }
    return fakeClient(this.fetch, token);
  }

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (!/^\/api\/v1\/domains(\/|$)/.test(url.pathname)) return this.account.fetch(request);
    const text = request.method === 'GET' ? '' : await request.text();
    const call: FakeDomainsCall = {
      method: request.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: text ? JSON.parse(text) : undefined,
      idempotencyKey: request.headers.get('idempotency-key'),
    };
    this.calls.push(call);
    const canned = this.#overrides.answer(call);
    if (canned) return canned;
    const bearer = request.headers.get('authorization')?.replace(/^Bearer /, '') ?? '';
    const signedIn = !!this.account.portal.sessions.get(bearer);
    if (call.path === '/api/v1/domains/tlds') return json(200, this.tlds);
    if (!signedIn) return problem(401, 'UNAUTHENTICATED', 'Sign in to continue.');
    return this.#route(call);
  };

  #route(call: FakeDomainsCall): Response {
    const [, , , , id, action] = call.path.split('/');
    const permissions = this.account.permissions;
    const need = (access: Permission) =>
      grants(permissions, access)
        ? undefined
        : problem(403, 'PERMISSION_DENIED', `You do not have ${access} on this account.`);
    if (!id) {
      if (call.method !== 'GET') return problem(404, 'NOT_FOUND', 'No such route.');
      const denied = need('domains:read');
      if (denied) return denied;
      const status = call.query.status;
      const all = this.domains.filter((d) => !status || d.status === status);
      const limit = Number(call.query.limit ?? 20);
      const start = call.query.cursor ? Number(call.query.cursor) : 0;
      const next = start + limit < all.length ? String(start + limit) : null;
      return json(200, { items: all.slice(start, start + limit), nextCursor: next });
    }
    const domain = this.domains.find((d) => d.id === id);
    const route = `${call.method} ${action ?? ''}`;
    const access: Permission =
      route === 'GET ' ? 'domains:read' : route === 'POST renewals' ? 'billing:write' : 'domains:write';
    const denied = need(access);
    if (denied) return denied;
    if (!domain) return problem(404, 'NOT_FOUND', 'There is no such domain.');
    if (route === 'GET ') return json(200, domain);
    if (route === 'POST renewals') return this.#renew(domain, call);
    if (domain.status !== 'active') {
      return problem(409, 'DOMAIN_NOT_ACTIVE', `This domain is ${domain.status}: it cannot be changed now.`);
    }
    const body = call.body ?? {};
    switch (route) {
      case 'PUT nameservers': {
        const parsed = NameserversInputSchema.safeParse(body);
        if (!parsed.success) {
          const errors = parsed.error.issues.map((issue) => ({
            path: issue.path.join('.'),
            message: issue.message,
          }));
          return problem(400, 'VALIDATION_FAILED', 'The request body has invalid fields', errors);
        }
        domain.nameservers = parsed.data.nameservers;
        return json(200, domain);
      }
      case 'PUT privacy':
        domain.privacy = body.enabled === true;
        return json(200, domain);
      case 'PUT lock':
        domain.locked = body.enabled === true;
        return json(200, domain);
      case 'PUT auto-renew':
        domain.autoRenew = body.enabled === true;
        return json(200, domain);
      case 'POST epp-code':
        return json(200, { code: this.eppCode });
      default:
        return problem(404, 'NOT_FOUND', 'No such route.');
    }
  }

  #renew(domain: Domain, call: FakeDomainsCall): Response {
    const repeat = call.idempotencyKey ? this.#renewals.get(call.idempotencyKey) : undefined;
    if (repeat) return json(201, { invoice: repeat });
    if (domain.status !== 'active' && domain.status !== 'expired') {
      return problem(409, 'DOMAIN_NOT_ACTIVE', `This domain is ${domain.status}: it cannot be renewed now.`);
    }
    const years: number = call.body?.years ?? 1;
    const price = this.tlds.tlds.find((t) => t.tld === domain.tld)?.renew.find((p) => p.years === years);
    if (!price) return problem(422, 'PRICE_UNAVAILABLE', 'There is no price for that term.');
    const now = new Date().toISOString();
    const invoice: Invoice = {
      id: this.#id('inv'),
      number: `INV-${String(this.invoices.length + 1).padStart(4, '0')}`,
      status: 'unpaid',
      currency: this.tlds.currency,
      total: price.amount,
      balance: price.amount,
      issuedAt: now,
      dueAt: domain.expiresAt ?? now,
      paidAt: null,
      createdAt: now,
      subtotal: price.amount,
      taxName: null,
      taxRateBps: 0,
      tax: 0,
      creditApplied: 0,
      amountPaid: 0,
      lines: [
        {
          id: this.#id('invl'),
          kind: 'domain_renewal',
          description: `${domain.unicode} — renewal, ${years} year${years === 1 ? '' : 's'}`,
          quantity: 1,
          unitAmount: price.amount,
          amount: price.amount,
          taxable: false,
          serviceId: null,
          domainId: domain.id,
          periodStart: null,
          periodEnd: null,
        },
      ],
      payments: [],
      billTo: { name: 'Analytical Engines Ltd', company: null, email: 'ada@example.com', address: {} },
      notes: '',
    };
    this.invoices.unshift(invoice);
    domain.renewalInvoiceId = invoice.id;
    if (call.idempotencyKey) this.#renewals.set(call.idempotencyKey, invoice);
    return json(201, { invoice });
  }

  #id(prefix: string) {
    this.#ids++;
    return `${prefix}_${String(this.#ids).padStart(26, '0')}`;
  }
}

/** Renders `content` in a provider signed in to the fake as Ada (or `signedInAs`). */
export { inFakeProvider as inDomainsProvider } from './fake-pieces.js';
