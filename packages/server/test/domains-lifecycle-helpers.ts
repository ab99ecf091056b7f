import type { LocalRegistrar } from '../src/modules/domains/local-registrar.js';
import type { Registrar, RegisterRequest } from '../src/modules/domains/registrar.js';
import type { DomainTaskRow } from '../src/modules/domains/views.js';
import { bearer, insertSession } from './account-helpers.js';
import { type Client, key, newClient, ok, pay } from './billing-helpers.js';
import { ScriptedRegistrar, seedTlds, startDomainServer } from './domains-helpers.js';
import type { TestServer } from './helpers.js';

export const NAMESERVERS = ['ns1.portico-dns.net', 'ns2.portico-dns.net'];

/**
 * A server selling `com`, `net`, `org`, `co.uk` through the local registrar and `test` through a scripted one
 * (same prices), with default name servers set, and one client billed in USD.
 */
export async function startDomainShop(
  email = 'ada@example.com',
  registrars: Record<string, Registrar> = {},
): Promise<{ s: TestServer; client: Client; scripted: ScriptedRegistrar }> {
  const scripted = (registrars.scripted as ScriptedRegistrar | undefined) ?? new SlowRegistrar('scripted');
  const s = await startDomainServer({}, { scripted, ...registrars });
  await seedTlds(s);
  await seedTlds(s, { tlds: ['test'], registrar: 'scripted' });
  await s.app.portico.settings.update({
    domains: { defaultNameservers: NAMESERVERS, renewalLeadDays: 30, privacyByDefault: true },
  });
  return { s, client: await newClient(s, email), scripted };
}

/** A scripted registrar whose registration takes a moment (so two runners really overlap). */
export class SlowRegistrar extends ScriptedRegistrar {
  delayMs = 0;

  override async register(request: RegisterRequest, options: { signal?: AbortSignal } = {}) {
    if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    return super.register(request, options);
  }
}

/** The built-in registrar of a server. */
export function localRegistrar(s: TestServer): LocalRegistrar {
  return s.app.portico.domains.registrars.registrar('local') as LocalRegistrar;
}

/** Places an order of domains (and products) and answers the raw response. */
export function orderDomains(
  s: TestServer,
  client: Client,
  domains: Array<Record<string, unknown>>,
  extra: Record<string, unknown> = {},
) {
  return s.request('POST', '/api/v1/orders', {
    headers: { ...client.headers, 'idempotency-key': key() },
    body: { domains, ...extra },
  });
}

/** Orders domains (201) and answers `{order, invoice}`. */
export async function placeDomainOrder(
  s: TestServer,
  client: Client,
  domains: Array<Record<string, unknown>>,
): Promise<{ order: any; invoice: any }> {
  return ok(await orderDomains(s, client, domains), 201);
}

/** Pays an invoice with the test card and waits for the registrar tasks the payment kicked. */
export async function payAndProvision(s: TestServer, client: Client, invoiceId: string): Promise<any> {
  const paid = ok(await pay(s, client, invoiceId), 201);
  await s.app.portico.domains.tasks.idle();
  return paid;
}

/** A domain's registrar tasks, oldest first. */
export function tasksOf(s: TestServer, domainId: string): Promise<DomainTaskRow[]> {
  return s.app.portico.db
    .selectFrom('domain_tasks')
    .selectAll()
    .where('domain_id', '=', domainId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Renewal invoice lines of a domain, oldest term first. */
export function renewalLinesOf(s: TestServer, domainId: string) {
  return s.app.portico.db
    .selectFrom('invoice_lines')
    .innerJoin('invoices', 'invoices.id', 'invoice_lines.invoice_id')
    .select([
      'invoices.id as invoice_id',
      'invoices.number',
      'invoices.status',
      'invoices.due_at',
      'invoices.total',
      'invoices.currency',
      'invoice_lines.period_start',
      'invoice_lines.period_end',
      'invoice_lines.description',
    ])
    .where('invoice_lines.domain_id', '=', domainId)
    .where('invoice_lines.kind', '=', 'domain_renewal')
    .orderBy('invoice_lines.period_start')
    .execute();
}

/** Audit actions recorded about a domain, oldest first. */
export async function auditOf(s: TestServer, domainId: string): Promise<string[]> {
  const rows = await s.app.portico.db
    .selectFrom('audit_log')
    .select('action')
    .where('target_type', '=', 'domain')
    .where('target_id', '=', domainId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

/** The client with a new session (after the fake clock moved past the old one's lifetime). */
export async function resumed(s: TestServer, client: Client): Promise<Client> {
  const { token } = await insertSession(s, client.userId, client.accountId);
  return { ...client, headers: bearer(token) };
}
