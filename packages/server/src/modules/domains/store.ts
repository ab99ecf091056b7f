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

  /**
   * Each domain's order invoice and open (unpaid or overdue) renewal invoice, the newest of each, in one query.
   * `accountId` scopes it to the account the session proved; `null` is the staff view, across accounts.
   */
  async invoiceLinks(
    domainIds: readonly string[],
    accountId: string | null,
  ): Promise<{ order: Map<string, string>; renewal: Map<string, string> }> {
    const order = new Map<string, string>();
    const renewal = new Map<string, string>();
    if (!domainIds.length) return { order, renewal };
    let query = this.db
      .selectFrom('invoice_lines')
      .innerJoin('invoices', 'invoices.id', 'invoice_lines.invoice_id')
      .select(['invoice_lines.domain_id', 'invoice_lines.kind', 'invoices.id', 'invoices.status'])
      .where('invoice_lines.domain_id', 'in', domainIds);
    if (accountId !== null) query = query.where('invoices.account_id', '=', accountId);
    for (const line of await query.orderBy('invoices.created_at').orderBy('invoices.id').execute()) {
      const domainId = line.domain_id as string;
      if (line.kind === 'domain_register' || line.kind === 'domain_transfer') order.set(domainId, line.id);
      else if (line.kind === 'domain_renewal' && (line.status === 'unpaid' || line.status === 'overdue')) {
        renewal.set(domainId, line.id);
      }
    }
    return { order, renewal };
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
