import { type Insertable, sql, type Updateable } from 'kysely';
import type { AuditLogTable, DomainsTable } from '../../db/schema.js';
import type { Keyset, Trx } from '../billing/invoice-store.js';
import type { DomainRow } from './views.js';

export type DomainStatus = DomainsTable['status'];

/** `(created_at, id) < (after)`: a row-value comparison SQLite walks the list's index with. */
const before = (after: Keyset) =>
  sql<boolean>`(domains.created_at, domains.id) < (${after.createdAt}, ${after.id})`;

/**
 * SQL of clients' domains. Every read of a client's data takes the account id the session proved; pass a
 * transaction as `db` to run inside it.
 */
export class DomainsStore {
  constructor(private readonly db: Trx) {}

  /** The account's domains, newest first, optionally of one status (indexes `domains_account[_status]`). */
  list(
    accountId: string,
    input: { status?: DomainStatus | undefined; after?: Keyset | undefined; limit: number },
  ): Promise<DomainRow[]> {
    let q = this.db.selectFrom('domains').selectAll().where('domains.account_id', '=', accountId);
    if (input.status) q = q.where('domains.status', '=', input.status);
    if (input.after) q = q.where(before(input.after));
    return q.orderBy('domains.created_at', 'desc').orderBy('domains.id', 'desc').limit(input.limit).execute();
  }

  find(accountId: string, id: string): Promise<DomainRow | undefined> {
    return this.db
      .selectFrom('domains')
      .selectAll()
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
  }

  /**
   * Changes the account's domain when its status is one of `from` (so a concurrent change cannot be overwritten),
   * with its audit entry in the same transaction. Undefined when it is missing or not in `from`.
   */
  update(input: {
    accountId: string;
    id: string;
    from: readonly DomainStatus[];
    set: Updateable<DomainsTable>;
    audit: Insertable<AuditLogTable>;
  }): Promise<DomainRow | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('domains')
        .set(input.set)
        .where('id', '=', input.id)
        .where('account_id', '=', input.accountId)
        .where('status', 'in', input.from)
        .returningAll()
        .executeTakeFirst();
      if (row) await trx.insertInto('audit_log').values(input.audit).execute();
      return row;
    });
  }

  /** The invoice each domain was ordered on (its register or transfer line), by domain id. */
  async orderInvoices(accountId: string, domainIds: readonly string[]): Promise<Map<string, string>> {
    if (!domainIds.length) return new Map();
    const rows = await this.db
      .selectFrom('invoice_lines')
      .innerJoin('invoices', 'invoices.id', 'invoice_lines.invoice_id')
      .select(['invoice_lines.domain_id', 'invoices.id', 'invoices.created_at'])
      .where('invoice_lines.domain_id', 'in', domainIds)
      .where('invoice_lines.kind', 'in', ['domain_register', 'domain_transfer'])
      .where('invoices.account_id', '=', accountId)
      .orderBy('invoices.created_at')
      .orderBy('invoices.id')
      .execute();
    // The newest wins (an order cancelled and placed again names the same domain only once, but be sure).
    return new Map(rows.map((r) => [r.domain_id as string, r.id]));
  }

  /** Each domain's unpaid (or overdue) renewal invoice, by domain id. */
  async openRenewals(accountId: string, domainIds: readonly string[]): Promise<Map<string, string>> {
    if (!domainIds.length) return new Map();
    const rows = await this.db
      .selectFrom('invoice_lines')
      .innerJoin('invoices', 'invoices.id', 'invoice_lines.invoice_id')
      .select(['invoice_lines.domain_id', 'invoices.id'])
      .where('invoice_lines.domain_id', 'in', domainIds)
      .where('invoice_lines.kind', '=', 'domain_renewal')
      .where('invoices.account_id', '=', accountId)
      .where('invoices.status', 'in', ['unpaid', 'overdue'])
      .orderBy('invoices.created_at')
      .orderBy('invoices.id')
      .execute();
    return new Map(rows.map((r) => [r.domain_id as string, r.id]));
  }

  /** The account's billing currency. */
  async accountCurrency(accountId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('accounts')
      .select('currency')
      .where('id', '=', accountId)
      .executeTakeFirst();
    return row?.currency;
  }

  /** How many domains (any status) each TLD has. */
  async countByTld(): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('domains')
      .select(['tld', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('tld')
      .execute();
    return new Map(rows.map((r) => [r.tld, Number(r.n)]));
  }
}
