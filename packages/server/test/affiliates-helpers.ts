import type { AffiliateRules } from '../src/modules/settings/settings.js';
import { bearer, insertSession } from './account-helpers.js';
import {
  type Client,
  newClient,
  ok,
  pay,
  placeOrder,
  seedCatalog,
  staffHeaders,
  type TestCatalog,
} from './billing-helpers.js';
import { startServer, type TestServer } from './helpers.js';

export const DAY = 86_400_000;
export const ADMIN = '/api/admin/v1/affiliates';
export const CLIENT = '/api/v1/affiliate';

/** Turns the app on (for everyone, unless `access` says otherwise) and sets the programme's rules. */
export async function setProgramme(
  s: TestServer,
  rules: Partial<AffiliateRules> = {},
  app: { enabled?: boolean; access?: 'everyone' | 'granted' } = {},
): Promise<void> {
  const { settings } = s.app.portico;
  await settings.update({
    apps: {
      ...settings.current.apps,
      affiliates: { ...settings.current.apps.affiliates, enabled: true, access: 'everyone', ...app },
    },
    affiliates: { ...settings.current.affiliates, ...rules },
  });
}

/** Open sign-up, 10 %, a 30-day window and clearing, payouts from $50, no renewals. */
export const RULES: Partial<AffiliateRules> = {
  signup: 'open',
  commission: { type: 'percent', rateBps: 1000 },
  recurring: false,
  windowDays: 30,
  clearingDays: 30,
  minimumPayout: 5000,
  minimumPayoutCurrency: 'USD',
};

/** A server with the test catalog and the programme on (open sign-up). */
export async function startProgramme(
  rules: Partial<AffiliateRules> = {},
): Promise<{ s: TestServer; catalog: TestCatalog }> {
  const s = await startServer();
  const catalog = await seedCatalog(s);
  await setProgramme(s, { ...RULES, ...rules });
  return { s, catalog };
}

/** A client that joined the programme: its account's affiliate (active under open sign-up). */
export async function newAffiliate(
  s: TestServer,
  email: string,
): Promise<{ client: Client; id: string; code: string; link: string }> {
  const client = await newClient(s, email);
  const joined = ok(await s.request('POST', CLIENT, { headers: client.headers, body: {} }), 201);
  return { client, id: joined.affiliate.id, code: joined.affiliate.code, link: joined.affiliate.link };
}

/** Clicks a referral link as the visitor's browser would; answers the body and the cookie it set. */
export async function clickLink(
  s: TestServer,
  code: string,
): Promise<{ referral: string | null; expiresAt: string | null; cookie: string | null }> {
  const r = await s.request('POST', `${CLIENT}/clicks`, {
    body: { code },
    headers: { origin: s.app.portico.config.publicOrigin },
  });
  const body = ok(r);
  const setCookie = r.headers.get('set-cookie');
  return { ...body, cookie: setCookie ? (setCookie.split(';')[0] ?? null) : null };
}

/**
 * Registers and verifies through the API, as a browser (with a referral cookie) or a form (with `referral`)
 * would; answers the new account as a client.
 */
export async function register(
  s: TestServer,
  email: string,
  via: { referral?: string; cookie?: string; name?: string } = {},
): Promise<Client> {
  const headers: Record<string, string> = { origin: s.app.portico.config.publicOrigin };
  if (via.cookie) headers.cookie = via.cookie;
  const body: Record<string, unknown> = {
    name: via.name ?? 'Grace Hopper',
    email,
    password: 'correct horse battery staple',
  };
  if (via.referral !== undefined) body.referral = via.referral;
  ok(await s.request('POST', '/api/v1/auth/register', { body, headers }), 202);
  const code = await s.codeFor(email);
  const verified = ok(
    await s.request('POST', '/api/v1/auth/verify-email', {
      body: { email, code },
      headers: { 'x-portico-session': 'token', origin: s.app.portico.config.publicOrigin },
    }),
  );
  return {
    email,
    userId: verified.user.id,
    accountId: verified.account.id,
    headers: bearer(verified.token),
  };
}

/** Orders and pays with the test card; answers the paid invoice's id. */
export async function buy(
  s: TestServer,
  client: Client,
  items: Array<{ productId: string; cycle: string; quantity?: number }>,
): Promise<string> {
  const { invoice } = await placeOrder(s, client, items);
  ok(await pay(s, client, invoice.id), 201);
  return invoice.id;
}

/** Refunds an invoice as billing staff (to credit, so no gateway is involved). */
export async function refund(s: TestServer, invoiceId: string): Promise<void> {
  const headers = await staffHeaders(s, 'billing');
  ok(
    await s.request('POST', `/api/admin/v1/invoices/${invoiceId}/refund`, {
      headers,
      body: { toCredit: true, reason: 'test' },
    }),
  );
}

/** The affiliate's commissions, straight from the database, oldest first. */
export function commissionsOf(s: TestServer, affiliateId: string) {
  return s.app.portico.db
    .selectFrom('affiliate_commissions')
    .selectAll()
    .where('affiliate_id', '=', affiliateId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Ledger sums of one currency by bucket, straight from the database. */
export async function sums(
  s: TestServer,
  affiliateId: string,
  currency = 'USD',
): Promise<{ pending: number; available: number; requested: number; paid: number }> {
  const rows = await s.app.portico.db
    .selectFrom('affiliate_ledger')
    .select(['bucket', (eb) => eb.fn.sum<number>('amount').as('amount')])
    .where('affiliate_id', '=', affiliateId)
    .where('currency', '=', currency)
    .groupBy('bucket')
    .execute();
  const out = { pending: 0, available: 0, requested: 0, paid: 0 };
  for (const row of rows) out[row.bucket] = Number(row.amount);
  return out;
}

/** Runs the apps job (clearing). */
export const runJob = (s: TestServer) => s.app.portico.apps.runJob();

/** The renewal invoice the services job issues for a service, once its lead time comes. */
export async function renewalInvoiceOf(s: TestServer, serviceId: string): Promise<string | undefined> {
  const row = await s.app.portico.db
    .selectFrom('invoice_lines')
    .innerJoin('invoices', 'invoices.id', 'invoice_lines.invoice_id')
    .select('invoices.id')
    .where('invoice_lines.service_id', '=', serviceId)
    .where('invoice_lines.kind', '=', 'renewal')
    .where('invoices.status', '=', 'unpaid')
    .executeTakeFirst();
  return row?.id;
}

/** The client with a fresh session (sessions idle out while the fake clock moves on by days). */
export async function fresh(s: TestServer, client: Client): Promise<Client> {
  const { token } = await insertSession(s, client.userId, client.accountId);
  return { ...client, headers: bearer(token) };
}
