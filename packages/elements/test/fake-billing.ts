import {
  type GatewayInfo,
  grants,
  type Invoice,
  type InvoiceLine,
  type Money,
  type Payment,
  type PortalClient,
} from '@portico/sdk';
import { FakeAccount } from './fake-account.js';
import { fakeClient, json, problem } from './fake-portal.js';
import { invoiceSummary } from './fake-pieces.js';
import { RouteOverrides } from './route-overrides.js';
import '../src/index.js';

/** A request to one of the billing routes. */
export interface FakeBillingCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: Record<string, any> | undefined;
  /** The `Idempotency-Key` header, when sent. */
  idempotencyKey: string | null;
}

type Handler = (call: FakeBillingCall) => Response | Promise<Response>;

/** What the test gateway does with each test card (as `packages/server/.../test-gateway.ts`). */
const TEST_CARDS: Record<string, 'succeeds' | 'declined' | 'insufficient' | 'challenge'> = {
  '4242424242424242': 'succeeds',
  '4000000000000002': 'declined',
  '4000000000009995': 'insufficient',
  '4000000000003220': 'challenge',
};

/** A line to put on an invoice: its amount is worked out. */
export interface FakeLine {
  description: string;
  quantity?: number;
  unitAmount: number;
  periodStart?: string | null;
  periodEnd?: string | null;
  taxable?: boolean;
}

/** What the fake Stripe-compatible library heard, shared with the page through `window.__portalFakeStripe`. */
export interface FakeStripeRecord {
  keys: string[];
  mounts: HTMLElement[];
  confirms: { secret: string; card: unknown }[];
  /** Client secrets whose payment the library confirmed. */
  confirmed: string[];
  destroyed: number;
  /** When set, `confirmCardPayment` answers with this error message. */
  decline: string | null;
}

/** A tiny stand-in for Stripe.js v3: `Stripe(key).elements().create('card')` and `confirmCardPayment`. */
const FAKE_STRIPE_JS = `(() => {
  const record = window.__portalFakeStripe;
  window.Stripe = (key) => {
    record.keys.push(key);
    return {
      elements: () => ({
        create: () => ({
          handlers: {},
          mount(container) {
            record.mounts.push(container);
            const field = document.createElement('div');
            field.className = 'fake-card-field';
            container.append(field);
            this.container = container;
          },
          on(event, handler) { this.handlers[event] = handler; },
          focus() {},
          destroy() { record.destroyed++; this.container && this.container.replaceChildren(); },
        }),
      }),
      confirmCardPayment: async (secret, data) => {
        record.confirms.push({ secret, card: data.payment_method.card });
        if (record.decline) return { error: { message: record.decline } };
        record.confirmed.push(secret);
        return { paymentIntent: { status: 'succeeded' } };
      },
    };
  };
})();`;

const DAY = 86_400_000;
const daysFromNow = (days: number) => new Date(Date.now() + days * DAY).toISOString();

/**
 * A stand-in for the Portico server's billing routes (invoices, PDF, paying, confirming, credit, gateways) in
 * front of a {@link FakeAccount}, which answers everything else and decides who is signed in with which
 * permissions. The test gateway follows the real one's test cards; `installStripe()` adds a Stripe-compatible
 * gateway and a fake browser library served from a blob URL (no network). Repeats of an `Idempotency-Key` get the
 * first answer, as from the real server; `answer(route, handler, times)` overrides the next request(s).
 */
export class FakeBilling {
  readonly account: FakeAccount;
  readonly calls: FakeBillingCall[] = [];
  invoices: Invoice[] = [];
  gateways: GatewayInfo[] = [
    { id: 'test', name: 'Card', kind: 'card', instructions: null, testMode: true },
    {
      id: 'manual',
      name: 'Bank transfer',
      kind: 'offline',
      instructions: 'IBAN GB33 BUKB 2020 1555 5555 55\nBIC BUKBGB22',
      testMode: false,
    },
  ];
  credit: Money[] = [];
  /** The fake Stripe-compatible library's record, once installed. */
  stripe: FakeStripeRecord | undefined;
  #stripeUrl = '';
  readonly #overrides = new RouteOverrides<FakeBillingCall>();
  readonly #answered = new Map<string, { fingerprint: string; status: number; body: unknown }>();
  #ids = 0;

  constructor(account: FakeAccount = new FakeAccount()) {
    this.account = account;
  }

  /** Adds an invoice (listed after those added before); amounts are worked out from the lines. */
  addInvoice(
    invoice: Partial<Omit<Invoice, 'lines'>> & { lines?: FakeLine[]; taxRateBps?: number } = {},
  ): Invoice {
    const n = this.invoices.length + 1;
    const lines: InvoiceLine[] = (
      invoice.lines ?? [{ description: 'Web hosting — Starter', quantity: 1, unitAmount: 1000 }]
    ).map((line) => {
      const quantity = line.quantity ?? 1;
      return {
        domainId: null,
        id: this.#id('invl'),
        kind: 'product',
        description: line.description,
        quantity,
        unitAmount: line.unitAmount,
        amount: quantity * line.unitAmount,
        taxable: line.taxable ?? true,
        serviceId: null,
        periodStart: line.periodStart ?? null,
        periodEnd: line.periodEnd ?? null,
      };
    });
    const subtotal = lines.reduce((sum, line) => sum + line.amount, 0);
    const taxable = lines.filter((l) => l.taxable).reduce((sum, line) => sum + line.amount, 0);
    const taxRateBps = invoice.taxRateBps ?? 0;
    const tax = Math.round((taxable * taxRateBps) / 10_000);
    const total = subtotal + tax;
    const creditApplied = invoice.creditApplied ?? 0;
    const amountPaid = invoice.amountPaid ?? 0;
    const added: Invoice = {
      id: this.#id('inv'),
      number: `INV-${String(n).padStart(5, '0')}`,
      status: 'unpaid',
      currency: 'GBP',
      issuedAt: daysFromNow(-10),
      dueAt: daysFromNow(4),
      paidAt: null,
      createdAt: daysFromNow(-10),
      taxName: taxRateBps ? 'VAT' : null,
      notes: '',
      payments: [],
      billTo: {
        name: 'Ada Lovelace',
        company: 'Analytical Engines Ltd',
        email: 'ada@example.com',
        address: { line1: '12 St James’s Square', city: 'London', postcode: 'SW1Y 4JH', country: 'GB' },
      },
      ...invoice,
      lines,
      subtotal,
      taxRateBps,
      tax,
      total,
      creditApplied,
      amountPaid,
      balance: invoice.balance ?? total - creditApplied - amountPaid,
    };
    this.invoices.push(added);
    return added;
  }

  /** Adds a payment to an invoice as it stands (it does not change the invoice's amounts). */
  addPayment(invoice: Invoice, payment: Partial<Payment> = {}): Payment {
    const added: Payment = {
      id: this.#id('pay'),
      invoiceId: invoice.id,
      gateway: 'test',
      status: 'succeeded',
      currency: invoice.currency,
      amount: invoice.total,
      method: 'Visa •••• 4242',
      failureMessage: null,
      action: null,
      createdAt: daysFromNow(-1),
      ...payment,
    };
    invoice.payments.push(added);
    return added;
  }

  /**
   * Adds a Stripe-compatible card gateway (first in the list) and serves a fake browser library for it from a
   * blob URL. Call `uninstallStripe()` after the test.
   */
  installStripe(): FakeStripeRecord {
    const record: FakeStripeRecord = {
      keys: [],
      mounts: [],
      confirms: [],
      confirmed: [],
      destroyed: 0,
      decline: null,
    };
    (window as any).__portalFakeStripe = record;
    this.#stripeUrl = URL.createObjectURL(new Blob([FAKE_STRIPE_JS], { type: 'text/javascript' }));
    this.gateways = [
      { id: 'stripe', name: 'Card', kind: 'card', instructions: null, testMode: false },
      ...this.gateways.filter((g) => g.id !== 'test'),
    ];
    this.stripe = record;
    return record;
  }

  /** Forgets the fake library (and `window.Stripe`). */
  uninstallStripe(): void {
    delete (window as any).Stripe;
    delete (window as any).__portalFakeStripe;
    if (this.#stripeUrl) URL.revokeObjectURL(this.#stripeUrl);
  }

  /** Answers the next `times` requests to `route` (e.g. `POST /api/v1/invoices/inv_…/payments`) with `handler`. */
  answer(route: string, handler: Handler, times = 1): void {
    this.#overrides.set(route, handler, times);
  }

  /** Requests made so far to `route` (`METHOD /path` or just the path). */
  callsTo(route: string): FakeBillingCall[] {
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
    if (!/^\/api\/v1\/(invoices|payments|credit|billing\/gateways)(\/|$)/.test(url.pathname)) {
      return this.account.fetch(request);
    }
    const text = request.method === 'GET' ? '' : await request.text();
    const call: FakeBillingCall = {
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
    if (!this.account.portal.sessions.get(bearer))
      return problem(401, 'UNAUTHENTICATED', 'Sign in to continue.');
    const needed = request.method === 'GET' ? 'billing:read' : 'billing:write';
    if (!grants(this.account.permissions, needed)) {
      return problem(403, 'PERMISSION_DENIED', 'You do not have permission to do this on this account.');
    }
    return this.serve(call);
  };

  /**
   * Answers a request the way the fake does once it is let in: for an override that lets a request through, e.g.
   * to take a payment and then lose the answer on the way back.
   */
  async serve(call: FakeBillingCall): Promise<Response> {
    if (!call.idempotencyKey) return this.#route(call);
    // As the real server: a repeat of a key gets the first answer; only successes are remembered.
    const fingerprint = JSON.stringify([call.path, call.body ?? null]);
    const first = this.#answered.get(call.idempotencyKey);
    if (first) {
      if (first.fingerprint !== fingerprint) {
        return problem(
          422,
          'IDEMPOTENCY_KEY_REUSED',
          'This Idempotency-Key was already used with another request.',
        );
      }
      return json(first.status, first.body);
    }
    const response = this.#route(call);
    if (response.ok) {
      const body: unknown = await response.clone().json();
      this.#answered.set(call.idempotencyKey, { fingerprint, status: response.status, body });
    }
    return response;
  }

  #route(call: FakeBillingCall): Response {
    const parts = call.path.split('/').slice(3);
    const body = call.body ?? {};
    const invoice =
      parts[0] === 'invoices' && parts[1] ? this.invoices.find((i) => i.id === parts[1]) : undefined;
    const notFound = () => problem(404, 'NOT_FOUND', 'There is no such invoice on this account.');
    const hasId = parts[0] === 'invoices' || parts[0] === 'payments';
    const route = `${call.method} /${parts.map((p, i) => (hasId && i === 1 ? ':id' : p)).join('/')}`;
    switch (route) {
      case 'GET /invoices': {
        const status = call.query.status;
        const all = this.invoices.filter((i) => i.status !== 'draft' && (!status || i.status === status));
        const start = Number(call.query.cursor ?? 0);
        const limit = Number(call.query.limit ?? 25);
        const items = all.slice(start, start + limit).map(invoiceSummary);
        return json(200, { items, nextCursor: start + limit < all.length ? String(start + limit) : null });
      }
      case 'GET /invoices/:id':
        return invoice ? json(200, invoice) : notFound();
      case 'GET /invoices/:id/pdf':
        if (!invoice) return notFound();
        return new Response(new Blob([`%PDF-1.7 ${invoice.number}`], { type: 'application/pdf' }), {
          status: 200,
          headers: { 'content-type': 'application/pdf' },
        });
      case 'POST /invoices/:id/payments':
        return invoice ? this.#pay(invoice, body) : notFound();
      case 'POST /invoices/:id/credit':
        return invoice ? this.#applyCredit(invoice, body) : notFound();
      case 'GET /payments/:id':
      case 'POST /payments/:id/confirm': {
        const payment = this.invoices.flatMap((i) => i.payments).find((p) => p.id === parts[1]);
        if (!payment) return problem(404, 'NOT_FOUND', 'There is no such payment on this account.');
        return call.method === 'GET' ? json(200, payment) : this.#confirm(payment, body.outcome);
      }
      case 'GET /credit':
        return json(200, { balances: this.credit });
      case 'GET /billing/gateways':
        return json(200, { items: this.gateways });
      default:
        return problem(404, 'NOT_FOUND', 'No such route.');
    }
  }

  #pay(invoice: Invoice, body: Record<string, any>): Response {
    if (invoice.status !== 'unpaid' && invoice.status !== 'overdue') {
      return problem(409, 'INVOICE_NOT_PAYABLE', 'This invoice cannot be paid.');
    }
    const gateway = this.gateways.find((g) => g.id === body.gateway && g.kind === 'card');
    if (!gateway) return problem(422, 'GATEWAY_UNAVAILABLE', 'This way to pay is not available.');
    const amount: number = body.amount ?? invoice.balance;
    if (!Number.isInteger(amount) || amount < 1 || amount > invoice.balance) {
      return problem(422, 'AMOUNT_INVALID', 'The amount is more than the balance.');
    }
    const payment: Payment = {
      id: this.#id('pay'),
      invoiceId: invoice.id,
      gateway: gateway.id,
      status: 'pending',
      currency: invoice.currency,
      amount,
      method: null,
      failureMessage: null,
      action: null,
      createdAt: new Date().toISOString(),
    };
    if (gateway.id === 'stripe') {
      payment.action = {
        type: 'stripe',
        clientSecret: `pi_${payment.id}_secret_fake`,
        publishableKey: 'pk_test_fake',
        jsUrl: this.#stripeUrl,
      };
    } else {
      const number = String(body.card?.number ?? '').replace(/\D/g, '');
      payment.method = `Visa •••• ${number.slice(-4)}`;
      const outcome = TEST_CARDS[number];
      if (outcome === 'succeeds') this.#succeed(invoice, payment);
      else if (outcome === 'challenge') payment.action = { type: 'test_challenge' };
      else {
        payment.status = 'failed';
        payment.failureMessage =
          outcome === 'declined'
            ? 'Your card was declined.'
            : outcome === 'insufficient'
              ? 'Your card has insufficient funds.'
              : 'Use a test card number.';
      }
    }
    invoice.payments.push(payment);
    return json(201, payment);
  }

  #confirm(payment: Payment, outcome: 'approve' | 'fail' | undefined): Response {
    if (payment.status !== 'pending') {
      return problem(409, 'PAYMENT_NOT_PENDING', 'This payment is not waiting for a confirmation.');
    }
    const invoice = this.invoices.find((i) => i.id === payment.invoiceId)!;
    if (payment.action?.type === 'stripe') {
      // The Stripe-compatible gateway re-reads the intent: paid once the browser library confirmed it.
      if (this.stripe?.confirmed.includes(payment.action.clientSecret)) {
        payment.method = 'Visa •••• 4242';
        this.#succeed(invoice, payment);
      }
    } else if (outcome === 'fail') {
      payment.status = 'failed';
      payment.action = null;
      payment.failureMessage = 'The card’s authentication failed.';
    } else {
      this.#succeed(invoice, payment);
    }
    return json(200, payment);
  }

  #succeed(invoice: Invoice, payment: Payment) {
    payment.status = 'succeeded';
    payment.action = null;
    invoice.amountPaid += payment.amount;
    invoice.balance -= payment.amount;
    if (invoice.balance === 0) {
      invoice.status = 'paid';
      invoice.paidAt = new Date().toISOString();
    }
  }

  #applyCredit(invoice: Invoice, body: Record<string, any>): Response {
    if (invoice.status !== 'unpaid' && invoice.status !== 'overdue') {
      return problem(409, 'INVOICE_NOT_PAYABLE', 'This invoice cannot be paid.');
    }
    const credit = this.credit.find((c) => c.currency === invoice.currency);
    const available = credit?.amount ?? 0;
    const amount: number = body.amount ?? Math.min(available, invoice.balance);
    if (!credit || amount < 1 || amount > available) {
      return problem(409, 'INSUFFICIENT_CREDIT', 'There is not enough credit in this currency.');
    }
    credit.amount -= amount;
    invoice.creditApplied += amount;
    invoice.balance -= amount;
    if (invoice.balance === 0) {
      invoice.status = 'paid';
      invoice.paidAt = new Date().toISOString();
    }
    return json(200, invoice);
  }

  #id(prefix: string) {
    this.#ids++;
    return `${prefix}_${String(this.#ids).padStart(26, '0')}`;
  }
}

/** Renders `content` in a provider signed in to the fake as Ada (or `signedInAs`). */
export { inFakeProvider as inBillingProvider } from './fake-pieces.js';
