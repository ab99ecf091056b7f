import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Address } from '@portico/sdk/contract';
import { AuthStore } from '../src/modules/auth/store.js';
import { bearer, insertSession } from './account-helpers.js';
import { staffSession, startServer, type TestResponse, type TestServer } from './helpers.js';

/** The test gateway's cards (see docs/billing.md). */
export const CARD = { number: '4242 4242 4242 4242', expiry: '12/30', cvc: '123' } as const;
export const DECLINED_CARD = { number: '4000000000000002', expiry: '12/30', cvc: '123' } as const;
export const CHALLENGE_CARD = { number: '4000000000003220', expiry: '12/30', cvc: '123' } as const;

/** A fresh Idempotency-Key. */
export const key = (): string => randomUUID();

/** A client of the portal: its account, its owner's login and a session (bearer headers). */
export interface Client {
  email: string;
  userId: string;
  accountId: string;
  headers: Record<string, string>;
}

/**
 * A client account with its owner, straight in the database (no sign-up round trip, no password hashing), and a
 * live session for the owner.
 */
export async function newClient(
  s: TestServer,
  email: string,
  options: { currency?: string; address?: Address; locale?: string } = {},
): Promise<Client> {
  const { db, deps } = s.app.portico;
  const now = deps.clock.now().toISOString();
  const userId = deps.ids('usr');
  const accountId = deps.ids('acct');
  await new AuthStore(db).createUserWithAccount({
    userId,
    accountId,
    membershipId: deps.ids('mem'),
    email,
    name: email.slice(0, email.indexOf('@')),
    passwordHash: null,
    locale: options.locale ?? 'en',
    currency: options.currency ?? 'USD',
    verifiedAt: now,
    now,
  });
  if (options.address) {
    await db
      .updateTable('accounts')
      .set({ address: JSON.stringify(options.address) })
      .where('id', '=', accountId)
      .execute();
  }
  const { token } = await insertSession(s, userId, accountId);
  return { email, userId, accountId, headers: bearer(token) };
}

/** Headers of a fresh staff session of a role (cookie and the server's own Origin). */
export async function staffHeaders(
  s: TestServer,
  role: 'admin' | 'billing' | 'support' = 'admin',
): Promise<Record<string, string>> {
  return (await staffSession(s, role)).headers;
}

/** Asserts a status and answers the body. */
export function ok(r: TestResponse, status = 200): any {
  assert.equal(r.status, status, `${r.status} ${r.text}`);
  return r.body;
}

/** The demo-like catalog the tests order from, made through the staff API. */
export interface TestCatalog {
  groupId: string;
  /** Monthly $10 (setup fee $5) and annual $100; EUR monthly €9. Taxable. */
  starter: { id: string; slug: string };
  /** Monthly $25, no setup fee; not taxable. */
  pro: { id: string; slug: string };
  /** One-time $150. */
  migration: { id: string; slug: string };
  /** Two units in stock, monthly $7. */
  limited: { id: string; slug: string };
  /** Hidden: never in the store. */
  hidden: { id: string; slug: string };
}

/** Turns on EUR and JPY beside USD. */
export async function enableCurrencies(s: TestServer, currencies = ['USD', 'EUR', 'JPY']): Promise<void> {
  await s.app.portico.settings.update({ enabledCurrencies: currencies });
}

export async function seedCatalog(s: TestServer): Promise<TestCatalog> {
  await enableCurrencies(s);
  const headers = await staffHeaders(s, 'billing');
  const group = ok(
    await s.request('POST', '/api/admin/v1/product-groups', { headers, body: { name: 'Web hosting' } }),
    201,
  );
  const product = async (body: Record<string, unknown>) => {
    const made = ok(
      await s.request('POST', '/api/admin/v1/products', { headers, body: { groupId: group.id, ...body } }),
      201,
    );
    return { id: made.id as string, slug: made.slug as string };
  };
  return {
    groupId: group.id,
    starter: await product({
      name: 'Starter',
      type: 'hosting',
      features: ['1 site', '10 GB'],
      prices: [
        { currency: 'USD', cycle: 'annual', amount: 10_000 },
        { currency: 'USD', cycle: 'monthly', amount: 1_000, setupFee: 500 },
        { currency: 'EUR', cycle: 'monthly', amount: 900 },
      ],
    }),
    pro: await product({
      name: 'Pro',
      type: 'hosting',
      featured: true,
      taxable: false,
      prices: [{ currency: 'USD', cycle: 'monthly', amount: 2_500 }],
    }),
    migration: await product({
      name: 'Site migration',
      type: 'service',
      prices: [{ currency: 'USD', cycle: 'one_time', amount: 15_000 }],
    }),
    limited: await product({
      name: 'Limited',
      stock: 2,
      prices: [{ currency: 'USD', cycle: 'monthly', amount: 700 }],
    }),
    hidden: await product({
      name: 'Secret',
      hidden: true,
      prices: [{ currency: 'USD', cycle: 'monthly', amount: 100 }],
    }),
  };
}

/** A server with the test catalog and one client: where the billing route tests start. */
export async function startBilling(
  email: string,
  options?: Parameters<typeof newClient>[2],
): Promise<{ s: TestServer; catalog: TestCatalog; client: Client }> {
  const s = await startServer();
  const catalog = await seedCatalog(s);
  return { s, catalog, client: await newClient(s, email, options) };
}

/** Places an order (with a fresh Idempotency-Key) and answers `{order, invoice}`. */
export async function placeOrder(
  s: TestServer,
  client: Client,
  items: Array<{ productId: string; cycle: string; quantity?: number }>,
  extra: Record<string, unknown> = {},
): Promise<{ order: any; invoice: any }> {
  return ok(
    await s.request('POST', '/api/v1/orders', {
      headers: { ...client.headers, 'idempotency-key': key() },
      body: { items, ...extra },
    }),
    201,
  );
}

/** Pays an invoice through the test gateway with a good card (or `body`), answering the raw response. */
export function pay(
  s: TestServer,
  client: Client,
  invoiceId: string,
  body: Record<string, unknown> = { gateway: 'test', card: CARD },
  idempotencyKey = key(),
): Promise<TestResponse> {
  return s.request('POST', `/api/v1/invoices/${invoiceId}/payments`, {
    headers: { ...client.headers, 'idempotency-key': idempotencyKey },
    body,
  });
}

/** An invoice as its client sees it. */
export async function invoiceOf(s: TestServer, client: Client, id: string): Promise<any> {
  return ok(await s.request('GET', `/api/v1/invoices/${id}`, { headers: client.headers }));
}

/** The account's credit balance in a currency (0 when it has none). */
export async function creditOf(s: TestServer, client: Client, currency = 'USD'): Promise<number> {
  const credit = ok(await s.request('GET', '/api/v1/credit', { headers: client.headers }));
  return credit.balances.find((b: { currency: string }) => b.currency === currency)?.amount ?? 0;
}

/** Rows of a table for an invoice, straight from the database. */
export function paymentsIn(s: TestServer, invoiceId: string) {
  return s.app.portico.db.selectFrom('payments').selectAll().where('invoice_id', '=', invoiceId).execute();
}
