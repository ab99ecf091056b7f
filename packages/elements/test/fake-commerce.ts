import type {
  BillingCycle,
  Cancellation,
  Dashboard,
  Invoice,
  Order,
  PortalClient,
  Product,
  ProductGroup,
  ProductPrice,
  Quote,
  Service,
  ServiceStatus,
} from '@portico/sdk';
import { grants } from '@portico/sdk';
import { FakeAccount } from './fake-account.js';
import { fakeClient, json, problem } from './fake-portal.js';
import { invoiceSummary } from './fake-pieces.js';
import { RouteOverrides } from './route-overrides.js';
import '../src/index.js';

/** A request to one of the billing routes. */
export interface FakeCommerceCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: Record<string, any> | undefined;
  /** The `Idempotency-Key` header, when sent. */
  idempotencyKey: string | null;
  /** Whether the request carried a session. */
  signedIn: boolean;
}

type Handler = (call: FakeCommerceCall) => Response | Promise<Response>;

/** A product as the fake keeps it: prices in every currency it sells in. */
export interface FakeProduct extends Omit<Product, 'prices'> {
  prices: ProductPrice[];
  /** Units left; undefined: not tracked. */
  stock?: number;
}

const validation = (errors: { path: string; message: string }[]) =>
  problem(400, 'VALIDATION_FAILED', 'The request body has invalid fields', errors);

const day = 86_400_000;
const iso = (offsetDays: number, from = Date.UTC(2025, 2, 10, 9)) =>
  new Date(from + offsetDays * day).toISOString();

/** Rounds half away from zero, as the server rounds tax. */
const round = (n: number) => Math.sign(n) * Math.round(Math.abs(n));

/**
 * A stand-in for the Portico server's store, orders, invoices (the one an order makes), services and dashboard
 * routes, in front of a {@link FakeAccount} (which answers the session, account and auth routes). Shapes and codes
 * follow `packages/sdk/src/contract/billing.ts`: the catalog is 404 while `storeHidden`, the quote and the order are
 * priced here from the product's prices (never from the request), `POST /orders` answers a repeated
 * Idempotency-Key with the first order, and parts of the dashboard are null without the permission to see them.
 */
export class FakeCommerce {
  readonly account: FakeAccount;
  readonly calls: FakeCommerceCall[] = [];
  /** Currencies the business bills in; the first is a guest's default. */
  currencies = ['GBP', 'EUR'];
  termsUrl: string | null = null;
  storeHidden = false;
  /** The tax the quote and invoices apply, or null. */
  tax: { name: string; rateBps: number } | null = { name: 'VAT', rateBps: 2000 };
  groups: (Omit<ProductGroup, 'products'> & { products: FakeProduct[] })[] = [];
  services: Service[] = [];
  invoices: Invoice[] = [];
  orders: Order[] = [];
  credit: { currency: string; amount: number }[] = [];
  /** Open tickets, as the dashboard reports them (null: no support area). */
  openTickets: number | null = null;
  /** Answers of `POST /orders` by Idempotency-Key. */
  readonly #placed = new Map<string, { order: Order; invoice: Invoice }>();
  readonly #overrides = new RouteOverrides<FakeCommerceCall>();
  #ids = 0;

  constructor(account: FakeAccount = new FakeAccount()) {
    this.account = account;
  }

  /** A catalog of hosting plans and an add-on: the fixture most tests start from. */
  seedCatalog(): this {
    const gbp = (cycle: BillingCycle, amount: number, setupFee = 0): ProductPrice => ({
      currency: 'GBP',
      cycle,
      amount,
      setupFee,
    });
    const eur = (cycle: BillingCycle, amount: number, setupFee = 0): ProductPrice => ({
      currency: 'EUR',
      cycle,
      amount,
      setupFee,
    });
    this.groups = [
      {
        id: 'grp_hosting',
        slug: 'hosting',
        name: 'Web hosting',
        description: 'Fast SSD hosting.\n\nFree certificates on every plan.',
        products: [
          {
            id: 'prod_starter',
            groupId: 'grp_hosting',
            slug: 'starter',
            name: 'Starter',
            description: 'One website.\n\nGreat for a blog.',
            features: ['1 website', '10 GB SSD'],
            type: 'hosting',
            featured: false,
            inStock: true,
            prices: [
              gbp('monthly', 400),
              gbp('annual', 4000, 1000),
              eur('monthly', 500),
              eur('annual', 5000),
            ],
          },
          {
            id: 'prod_business',
            groupId: 'grp_hosting',
            slug: 'business',
            name: 'Business',
            description: 'Ten websites and daily backups.',
            features: ['10 websites', '50 GB SSD', 'Daily backups'],
            type: 'hosting',
            featured: true,
            inStock: true,
            prices: [gbp('monthly', 1200), gbp('annual', 12000), eur('monthly', 1400)],
          },
          {
            id: 'prod_agency',
            groupId: 'grp_hosting',
            slug: 'agency',
            name: 'Agency',
            description: 'Unlimited websites.',
            features: [],
            type: 'hosting',
            featured: false,
            inStock: false,
            prices: [gbp('monthly', 2900)],
          },
        ],
      },
      {
        id: 'grp_addons',
        slug: 'addons',
        name: 'Add-ons',
        description: '',
        products: [
          {
            id: 'prod_ip',
            groupId: 'grp_addons',
            slug: 'dedicated-ip',
            name: 'Dedicated IP',
            description: 'An IPv4 address of your own.',
            features: [],
            type: 'service',
            featured: false,
            inStock: true,
            prices: [gbp('monthly', 300), eur('monthly', 350)],
          },
        ],
      },
    ];
    return this;
  }

  /** Adds a service to the account; returns it. */
  addService(service: Partial<Service> = {}): Service {
    const id = this.#id('svc');
    const added: Service = {
      id,
      productId: 'prod_starter',
      productName: 'Starter',
      label: null,
      status: 'active',
      cycle: 'monthly',
      currency: 'GBP',
      amount: 400,
      nextDueAt: iso(30),
      activatedAt: iso(-60),
      suspendedAt: null,
      suspendReason: null,
      cancelledAt: null,
      createdAt: iso(-61),
      cancellation: null,
      ...service,
    };
    this.services.unshift(added);
    return added;
  }

  /** Adds an invoice to the account; returns it. */
  addInvoice(invoice: Partial<Invoice> = {}): Invoice {
    const total = invoice.total ?? 1200;
    const added: Invoice = {
      id: this.#id('inv'),
      number: `INV-${String(this.invoices.length + 1).padStart(4, '0')}`,
      status: 'unpaid',
      currency: 'GBP',
      total,
      balance: total,
      issuedAt: iso(-2),
      dueAt: iso(12),
      paidAt: null,
      createdAt: iso(-2),
      subtotal: total,
      taxName: null,
      taxRateBps: 0,
      tax: 0,
      creditApplied: 0,
      amountPaid: 0,
      lines: [],
      payments: [],
      billTo: { name: 'Analytical Engines Ltd', company: null, email: 'ada@example.com', address: {} },
      notes: '',
      ...invoice,
    };
    this.invoices.unshift(added);
    return added;
  }

  /** Answers the next `times` requests to `route` (e.g. `POST /api/v1/orders`) with `handler`. */
  answer(route: string, handler: Handler, times = 1): void {
    this.#overrides.set(route, handler, times);
  }

  /** Requests made to `route` (`METHOD /path` or just the path). */
  callsTo(route: string): FakeCommerceCall[] {
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
    if (
      !/^\/api\/v1\/(store|orders|invoices|services|dashboard|credit|billing\/gateways)(\/|$)/.test(
        url.pathname,
      )
    ) {
      return this.account.fetch(request);
    }
    const bearer = request.headers.get('authorization')?.replace(/^Bearer /, '') ?? '';
    const email = this.account.portal.sessions.get(bearer);
    const text = request.method === 'GET' ? '' : await request.text();
    const call: FakeCommerceCall = {
      method: request.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: text ? JSON.parse(text) : undefined,
      idempotencyKey: request.headers.get('idempotency-key'),
      signedIn: !!email,
    };
    this.calls.push(call);
    return this.#overrides.answer(call) ?? this.#route(call, email);
  };

  #route(call: FakeCommerceCall, email: string | undefined): Response {
    const body = call.body ?? {};
    const route = `${call.method} ${call.path.replace(/\/(svc|inv|ord)_\w+/, '/:id')}`;
    const id = call.path.match(/\/((?:svc|inv|ord)_\w+)/)?.[1] ?? '';
    const permissions = this.account.permissions;
    const denied = (access: string) =>
      problem(403, 'PERMISSION_DENIED', `You do not have ${access} on this account.`);
    switch (route) {
      case 'GET /api/v1/store': {
        if (this.storeHidden) return problem(404, 'NOT_FOUND', 'The store is not open.');
        const currency = call.query.currency ?? this.#currencyFor(email);
        if (!this.currencies.includes(currency)) {
          return problem(400, 'CURRENCY_NOT_ENABLED', `${currency} is not a billing currency here.`);
        }
        return json(200, this.catalog(currency));
      }
      case 'POST /api/v1/store/quote': {
        const priced = this.#price(body, email);
        return 'error' in priced ? priced.error : json(200, priced.quote);
      }
      case 'POST /api/v1/orders': {
        if (!email) return problem(401, 'UNAUTHENTICATED', 'Sign in to continue.');
        if (!grants(permissions, 'billing:write')) return denied('billing:write');
        const repeat = call.idempotencyKey ? this.#placed.get(call.idempotencyKey) : undefined;
        if (repeat) return json(201, repeat);
        if (this.termsUrl && body.acceptTerms !== true) {
          const message = 'Accept the Terms of Service';
          return problem(422, 'TERMS_NOT_ACCEPTED', `${message}.`, [{ path: 'acceptTerms', message }]);
        }
        const priced = this.#price(body, email);
        if ('error' in priced) return priced.error;
        const placed = this.#place(body, priced.quote);
        if (call.idempotencyKey) this.#placed.set(call.idempotencyKey, placed);
        return json(201, placed);
      }
      case 'GET /api/v1/invoices/:id': {
        if (!email) return problem(401, 'UNAUTHENTICATED', 'Sign in to continue.');
        const invoice = this.invoices.find((i) => i.id === id);
        return invoice ? json(200, invoice) : problem(404, 'NOT_FOUND', 'There is no such invoice.');
      }
      case 'GET /api/v1/services': {
        if (!email) return problem(401, 'UNAUTHENTICATED', 'Sign in to continue.');
        if (!grants(permissions, 'services:read')) return denied('services:read');
        const status = call.query.status as ServiceStatus | undefined;
        const all = this.services.filter((s) => !status || s.status === status);
        const limit = Number(call.query.limit ?? 20);
        const start = call.query.cursor ? Number(call.query.cursor) : 0;
        const next = start + limit < all.length ? String(start + limit) : null;
        return json(200, { items: all.slice(start, start + limit), nextCursor: next });
      }
      case 'GET /api/v1/services/:id': {
        if (!email) return problem(401, 'UNAUTHENTICATED', 'Sign in to continue.');
        if (!grants(permissions, 'services:read')) return denied('services:read');
        const service = this.services.find((s) => s.id === id);
        return service ? json(200, service) : problem(404, 'NOT_FOUND', 'There is no such service.');
      }
      case 'POST /api/v1/services/:id/cancellation': {
        if (!email) return problem(401, 'UNAUTHENTICATED', 'Sign in to continue.');
        if (!grants(permissions, 'services:write')) return denied('services:write');
        const service = this.services.find((s) => s.id === id);
        if (!service) return problem(404, 'NOT_FOUND', 'There is no such service.');
        if (service.cancellation?.status === 'pending' || service.status === 'cancelled') {
          return problem(409, 'CONFLICT', 'This service already has a cancellation request.');
        }
        const reason = String(body.reason ?? '').trim();
        if (!reason) return validation([{ path: 'reason', message: 'Tell us why you are cancelling' }]);
        const cancellation: Cancellation = {
          id: this.#id('can'),
          serviceId: service.id,
          type: body.type,
          reason,
          status: 'pending',
          effectiveAt: null,
          staffNote: null,
          createdAt: new Date().toISOString(),
          processedAt: null,
        };
        service.cancellation = cancellation;
        return json(201, service);
      }
      case 'DELETE /api/v1/services/:id/cancellation': {
        if (!email) return problem(401, 'UNAUTHENTICATED', 'Sign in to continue.');
        if (!grants(permissions, 'services:write')) return denied('services:write');
        const service = this.services.find((s) => s.id === id);
        if (!service) return problem(404, 'NOT_FOUND', 'There is no such service.');
        if (service.cancellation?.status !== 'pending') {
          return problem(409, 'CONFLICT', 'There is no pending cancellation request to withdraw.');
        }
        service.cancellation = {
          ...service.cancellation,
          status: 'withdrawn',
          processedAt: new Date().toISOString(),
        };
        return json(200, service);
      }
      case 'GET /api/v1/billing/gateways':
        if (!email) return problem(401, 'UNAUTHENTICATED', 'Sign in to continue.');
        return json(200, {
          items: [{ id: 'test', name: 'Card', kind: 'card', instructions: null, testMode: true }],
        });
      case 'GET /api/v1/credit':
        if (!email) return problem(401, 'UNAUTHENTICATED', 'Sign in to continue.');
        return json(200, { balances: this.credit });
      case 'GET /api/v1/dashboard':
        if (!email) return problem(401, 'UNAUTHENTICATED', 'Sign in to continue.');
        return json(200, this.dashboard());
      default:
        return problem(404, 'NOT_FOUND', 'No such route.');
    }
  }

  /** The catalog in `currency`, as `GET /api/v1/store` answers it. */
  catalog(currency: string) {
    return {
      currency,
      currencies: this.currencies,
      termsUrl: this.termsUrl,
      groups: this.groups.map(({ products, ...group }) => ({
        ...group,
        products: products
          .map(({ stock: _, ...p }) => ({
            ...p,
            prices: p.prices.filter((price) => price.currency === currency),
          }))
          .filter((p) => p.prices.length),
      })),
    };
  }

  /** The dashboard as the server computes it, with null for what the session may not see. */
  dashboard(): Dashboard {
    const permissions = this.account.permissions;
    const billing = grants(permissions, 'billing:read');
    const services = grants(permissions, 'services:read');
    const open = this.invoices.filter((i) => i.status === 'unpaid' || i.status === 'overdue');
    const due = new Map<string, number>();
    for (const i of open) due.set(i.currency, (due.get(i.currency) ?? 0) + i.balance);
    return {
      amountDue: billing ? [...due].map(([currency, amount]) => ({ currency, amount })) : null,
      overdueInvoices: billing ? open.filter((i) => i.status === 'overdue').length : null,
      credit: billing ? this.credit : null,
      activeServices: services ? this.services.filter((s) => s.status === 'active').length : null,
      openTickets: grants(permissions, 'support:read') ? this.openTickets : null,
      recentInvoices: billing ? this.invoices.slice(0, 5).map(invoiceSummary) : null,
      upcomingRenewals: services
        ? this.services
            .filter((s) => s.status === 'active' && s.nextDueAt)
            .sort((a, b) => a.nextDueAt!.localeCompare(b.nextDueAt!))
            .slice(0, 5)
        : null,
    };
  }

  #currencyFor(email: string | undefined): string {
    return email ? this.account.details[this.account.active]!.currency : this.currencies[0]!;
  }

  /** Prices `body.items` from the products' own prices (a price in the request would be ignored). */
  #price(body: Record<string, any>, email: string | undefined): { quote: Quote } | { error: Response } {
    const currency: string = body.currency ?? this.#currencyFor(email);
    if (!this.currencies.includes(currency)) {
      return { error: problem(400, 'CURRENCY_NOT_ENABLED', `${currency} is not a billing currency here.`) };
    }
    const items: { productId: string; cycle: BillingCycle; quantity?: number }[] = body.items ?? [];
    if (!items.length) return { error: validation([{ path: 'items', message: 'Add a product' }]) };
    const lines: Quote['lines'] = [];
    for (const [index, item] of items.entries()) {
      const quantity = item.quantity ?? 1;
      if (!Number.isInteger(quantity) || quantity < 1 || quantity > 100) {
        return {
          error: validation([{ path: `items.${index}.quantity`, message: 'At most 100 of one product' }]),
        };
      }
      const product = this.groups.flatMap((g) => g.products).find((p) => p.id === item.productId);
      const price = product?.prices.find((p) => p.currency === currency && p.cycle === item.cycle);
      if (!product || !price) {
        return {
          error: problem(
            422,
            'PRODUCT_UNAVAILABLE',
            'This product is not available in that cycle or currency.',
            [{ path: `items.${index}.productId`, message: 'Not available' }],
          ),
        };
      }
      if (!product.inStock || (product.stock !== undefined && product.stock < quantity)) {
        return { error: problem(409, 'OUT_OF_STOCK', `${product.name} is out of stock.`) };
      }
      const what = `${product.name} (${item.cycle})`;
      lines.push({
        kind: 'product',
        description: what,
        quantity,
        unitAmount: price.amount,
        amount: quantity * price.amount,
        taxable: true,
      });
      if (price.setupFee) {
        lines.push({
          kind: 'setup',
          description: `Setup: ${product.name}`,
          quantity,
          unitAmount: price.setupFee,
          amount: quantity * price.setupFee,
          taxable: true,
        });
      }
    }
    const subtotal = lines.reduce((sum, l) => sum + l.amount, 0);
    const taxable = lines.filter((l) => l.taxable).reduce((sum, l) => sum + l.amount, 0);
    const tax = this.tax ? round((taxable * this.tax.rateBps) / 10_000) : 0;
    return {
      quote: {
        currency,
        lines,
        subtotal,
        taxName: this.tax?.name ?? null,
        taxRateBps: this.tax?.rateBps ?? 0,
        tax,
        total: subtotal + tax,
      },
    };
  }

  #place(body: Record<string, any>, quote: Quote): { order: Order; invoice: Invoice } {
    const now = new Date().toISOString();
    const invoice = this.addInvoice({
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
        id: this.#id('line'),
        serviceId: null,
        domainId: null,
        periodStart: null,
        periodEnd: null,
      })),
    });
    const items = (body.items as { productId: string; cycle: BillingCycle; quantity?: number }[]).map(
      (item) => {
        const product = this.groups.flatMap((g) => g.products).find((p) => p.id === item.productId)!;
        const quantity = item.quantity ?? 1;
        const serviceIds = Array.from(
          { length: quantity },
          () =>
            this.addService({
              productId: product.id,
              productName: product.name,
              status: 'pending',
              cycle: item.cycle,
              currency: quote.currency,
              amount: product.prices.find((p) => p.currency === quote.currency && p.cycle === item.cycle)!
                .amount,
              nextDueAt: null,
              activatedAt: null,
              createdAt: now,
            }).id,
        );
        if (product.stock !== undefined) product.stock -= quantity;
        return { productId: product.id, name: product.name, cycle: item.cycle, quantity, serviceIds };
      },
    );
    const order: Order = {
      domains: [],
      id: this.#id('ord'),
      status: 'pending',
      currency: quote.currency,
      total: quote.total,
      invoiceId: invoice.id,
      items,
      createdAt: now,
    };
    this.orders.unshift(order);
    return { order, invoice };
  }

  #id(prefix: string) {
    this.#ids++;
    return `${prefix}_${String(this.#ids).padStart(26, '0')}`;
  }
}

/** Renders `content` in a provider signed in to the fake as Ada (or `signedInAs`). */
export { inFakeProvider as inCommerceProvider } from './fake-pieces.js';
