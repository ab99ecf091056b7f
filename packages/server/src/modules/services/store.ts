import { type ExpressionBuilder, type Insertable, sql, type Updateable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { AuditLogTable, CancellationRequestsTable, Database, ServicesTable } from '../../db/schema.js';
import type { AdminCancellationRow, AdminServiceRow, CancellationRow, ServiceRow } from './views.js';

export type ServiceStatus = ServicesTable['status'];
export type CancellationStatus = CancellationRequestsTable['status'];

/** Where a newest-first (or oldest-first) page left off. */
export interface Keyset {
  createdAt: string;
  id: string;
}

export const isUniqueViolation = (error: unknown): boolean =>
  (error as { code?: string } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';

/**
 * The service's open (pending or approved) cancellation request exists. Written with literals so SQLite matches
 * the partial index `cancellations_open`.
 */
export const hasOpenCancellation = (eb: ExpressionBuilder<Database, 'services'>) =>
  eb.exists(
    eb
      .selectFrom('cancellation_requests')
      .select(sql.lit(1).as('one'))
      .whereRef('cancellation_requests.service_id', '=', 'services.id')
      .where(sql<boolean>`cancellation_requests.status IN ('pending', 'approved')`),
  );

/** Services after `after` in (created_at, id) descending order. */
const olderThan = (after: Keyset) => (eb: ExpressionBuilder<Database, 'services'>) =>
  eb.or([
    eb('services.created_at', '<', after.createdAt),
    eb.and([eb('services.created_at', '=', after.createdAt), eb('services.id', '<', after.id)]),
  ]);

const adminCancellationColumns = [
  'cancellation_requests.id',
  'cancellation_requests.service_id',
  'cancellation_requests.account_id',
  'cancellation_requests.user_id',
  'cancellation_requests.type',
  'cancellation_requests.reason',
  'cancellation_requests.status',
  'cancellation_requests.effective_at',
  'cancellation_requests.staff_note',
  'cancellation_requests.processed_by',
  'cancellation_requests.processed_at',
  'cancellation_requests.created_at',
  'accounts.name as account_name',
  'services.product_name',
  'users.email as requested_by',
] as const;

/**
 * SQL of services and cancellation requests. Reads of a client's data take the account id the session proved;
 * staff reads take none. Pass a transaction as `db` to run inside it.
 */
export class ServicesStore {
  constructor(private readonly db: Db) {}

  // ─── Client reads (always by account) ───────────────────────────────────────────────────────────────────

  /** The account's services, newest first. */
  list(
    accountId: string,
    input: { status?: ServiceStatus | undefined; after?: Keyset | undefined; limit: number },
  ): Promise<ServiceRow[]> {
    let q = this.db.selectFrom('services').selectAll().where('services.account_id', '=', accountId);
    if (input.status) q = q.where('services.status', '=', input.status);
    if (input.after) q = q.where(olderThan(input.after));
    return q
      .orderBy('services.created_at', 'desc')
      .orderBy('services.id', 'desc')
      .limit(input.limit)
      .execute();
  }

  find(accountId: string, id: string): Promise<ServiceRow | undefined> {
    return this.db
      .selectFrom('services')
      .selectAll()
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
  }

  /** The latest cancellation request of each of the account's services given. */
  async latestCancellations(accountId: string, serviceIds: readonly string[]) {
    if (!serviceIds.length) return new Map<string, CancellationRow>();
    const rows = await this.db
      .selectFrom('cancellation_requests')
      .selectAll()
      .where('service_id', 'in', serviceIds)
      .where('account_id', '=', accountId)
      .execute();
    return latestByService(rows);
  }

  /**
   * The account's active services that renew, soonest due first (the dashboard's upcoming renewals). The unary `+`
   * keeps SQLite off `services_due`, which would walk every account's active services: it reads this account's
   * (`services_account_status`) and sorts those few.
   */
  upcomingRenewals(accountId: string, limit: number): Promise<ServiceRow[]> {
    return this.db
      .selectFrom('services')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('status', '=', 'active')
      .where('next_due_at', 'is not', null)
      .orderBy('next_due_at')
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  async countActive(accountId: string): Promise<number> {
    const row = await this.db
      .selectFrom('services')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', accountId)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  // ─── Staff reads ─────────────────────────────────────────────────────────────────────────────────────────

  /** Services of every account (or one), newest first. */
  adminList(input: {
    status?: ServiceStatus | undefined;
    accountId?: string | undefined;
    after?: Keyset | undefined;
    limit: number;
  }): Promise<AdminServiceRow[]> {
    let q = this.db
      .selectFrom('services')
      .innerJoin('accounts', 'accounts.id', 'services.account_id')
      .selectAll('services')
      .select('accounts.name as account_name');
    if (input.accountId) q = q.where('services.account_id', '=', input.accountId);
    if (input.status) q = q.where('services.status', '=', input.status);
    if (input.after) q = q.where(olderThan(input.after));
    return q
      .orderBy('services.created_at', 'desc')
      .orderBy('services.id', 'desc')
      .limit(input.limit)
      .execute();
  }

  adminFind(id: string): Promise<AdminServiceRow | undefined> {
    return this.db
      .selectFrom('services')
      .innerJoin('accounts', 'accounts.id', 'services.account_id')
      .selectAll('services')
      .select('accounts.name as account_name')
      .where('services.id', '=', id)
      .executeTakeFirst();
  }

  /** The latest cancellation request of each service given, whoever's. */
  async latestCancellationsAnyAccount(serviceIds: readonly string[]) {
    if (!serviceIds.length) return new Map<string, CancellationRow>();
    const rows = await this.db
      .selectFrom('cancellation_requests')
      .selectAll()
      .where('service_id', 'in', serviceIds)
      .execute();
    return latestByService(rows);
  }

  /** Cancellation requests of one status, oldest first. */
  listCancellations(input: {
    status: CancellationStatus;
    after?: Keyset | undefined;
    limit: number;
  }): Promise<AdminCancellationRow[]> {
    let q = this.#cancellations().where('cancellation_requests.status', '=', input.status);
    const after = input.after;
    if (after) {
      q = q.where((eb) =>
        eb.or([
          eb('cancellation_requests.created_at', '>', after.createdAt),
          eb.and([
            eb('cancellation_requests.created_at', '=', after.createdAt),
            eb('cancellation_requests.id', '>', after.id),
          ]),
        ]),
      );
    }
    return q
      .orderBy('cancellation_requests.created_at')
      .orderBy('cancellation_requests.id')
      .limit(input.limit)
      .execute();
  }

  findCancellation(id: string): Promise<AdminCancellationRow | undefined> {
    return this.#cancellations().where('cancellation_requests.id', '=', id).executeTakeFirst();
  }

  #cancellations() {
    return this.db
      .selectFrom('cancellation_requests')
      .innerJoin('services', 'services.id', 'cancellation_requests.service_id')
      .innerJoin('accounts', 'accounts.id', 'cancellation_requests.account_id')
      .leftJoin('users', 'users.id', 'cancellation_requests.user_id')
      .select(adminCancellationColumns);
  }

  // ─── Writes ──────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Files a cancellation request with its audit entry. False when the service already has an open one (the
   * partial unique index `cancellations_open` decides, so two parallel requests cannot both get in).
   */
  insertCancellation(
    row: Insertable<CancellationRequestsTable>,
    audit: Insertable<AuditLogTable>,
  ): Promise<boolean> {
    return this.db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('cancellation_requests').values(row).execute();
        await trx.insertInto('audit_log').values(audit).execute();
        return true;
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) return false;
        throw error;
      });
  }

  /**
   * Closes the service's pending request (withdrawn by the client, or approved/rejected by staff) with its audit
   * entry. Undefined when no request of that service is pending; `accountId` scopes a client's call.
   */
  closePending(input: {
    id?: string | undefined;
    serviceId?: string | undefined;
    accountId?: string | undefined;
    set: Updateable<CancellationRequestsTable>;
    audit: (row: CancellationRow) => Insertable<AuditLogTable>;
  }): Promise<CancellationRow | undefined> {
    return this.db.transaction().execute(async (trx) => {
      let q = trx.updateTable('cancellation_requests').set(input.set).where('status', '=', 'pending');
      if (input.id) q = q.where('id', '=', input.id);
      if (input.serviceId) q = q.where('service_id', '=', input.serviceId);
      if (input.accountId) q = q.where('account_id', '=', input.accountId);
      const row = await q.returningAll().executeTakeFirst();
      if (row) await trx.insertInto('audit_log').values(input.audit(row)).execute();
      return row;
    });
  }

  /**
   * Changes a service when its status is one of `from` (so a concurrent change cannot be overwritten), writing
   * the audit entry in the same transaction. Undefined when the service is missing or not in `from`.
   */
  transition(input: {
    id: string;
    from: readonly ServiceStatus[];
    set: Updateable<ServicesTable>;
    audit?: (row: ServiceRow) => Insertable<AuditLogTable>;
  }): Promise<ServiceRow | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const row = await new ServicesStore(trx).setWhere(input.id, input.from, input.set);
      if (row && input.audit) await trx.insertInto('audit_log').values(input.audit(row)).execute();
      return row;
    });
  }

  /** Updates a service when its status is one of `from`; the updated row, or undefined. */
  setWhere(
    id: string,
    from: readonly ServiceStatus[],
    set: Updateable<ServicesTable>,
  ): Promise<ServiceRow | undefined> {
    return this.db
      .updateTable('services')
      .set(set)
      .where('id', '=', id)
      .where('status', 'in', from)
      .returningAll()
      .executeTakeFirst();
  }

  /** Moves a renewing service's next due date forward to `periodEnd` (a paid renewal); never backwards. */
  async extendTo(id: string, periodEnd: string, now: string): Promise<void> {
    await this.db
      .updateTable('services')
      .set({ next_due_at: periodEnd, updated_at: now })
      .where('id', '=', id)
      .where('status', 'in', ['active', 'suspended'])
      .where((eb) => eb.or([eb('next_due_at', 'is', null), eb('next_due_at', '<', periodEnd)]))
      .execute();
  }

  async isSuspendedFor(id: string, by: 'overdue' | 'staff'): Promise<boolean> {
    const row = await this.db
      .selectFrom('services')
      .select('id')
      .where('id', '=', id)
      .where('status', '=', 'suspended')
      .where('suspended_by', '=', by)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Reactivates a service the job suspended for being overdue (never one staff suspended). */
  liftOverdueSuspension(id: string, now: string): Promise<ServiceRow | undefined> {
    return this.db
      .updateTable('services')
      .set({
        status: 'active',
        suspended_at: null,
        suspend_reason: null,
        suspended_by: null,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('status', '=', 'suspended')
      .where('suspended_by', '=', 'overdue')
      .returningAll()
      .executeTakeFirst();
  }

  /**
   * Cancels a service (unless already cancelled) and settles its open cancellation request as approved, effective
   * now at the latest. Call it inside a transaction. The cancelled row, or undefined when it was not open.
   */
  async cancel(
    id: string,
    now: string,
    by: { staffId: string | null; from?: readonly ServiceStatus[] },
  ): Promise<ServiceRow | undefined> {
    const row = await this.setWhere(id, by.from ?? ['pending', 'active', 'suspended'], {
      status: 'cancelled',
      cancelled_at: now,
      next_due_at: null,
      updated_at: now,
    });
    if (!row) return undefined;
    await this.db
      .updateTable('cancellation_requests')
      .set({
        status: 'approved',
        effective_at: sql<string>`min(coalesce(effective_at, ${now}), ${now})`,
        processed_at: sql<string>`coalesce(processed_at, ${now})`,
        processed_by: sql<string | null>`coalesce(processed_by, ${by.staffId})`,
      })
      .where('service_id', '=', id)
      .where(sql<boolean>`status IN ('pending', 'approved')`)
      .execute();
    return row;
  }

  /** {@link cancel} with its audit entry, in one transaction. */
  cancelNow(input: {
    id: string;
    now: string;
    staffId: string | null;
    from?: readonly ServiceStatus[];
    audit: (row: ServiceRow) => Insertable<AuditLogTable>;
  }): Promise<ServiceRow | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const row = await new ServicesStore(trx).cancel(input.id, input.now, {
        staffId: input.staffId,
        ...(input.from ? { from: input.from } : {}),
      });
      if (row) await trx.insertInto('audit_log').values(input.audit(row)).execute();
      return row;
    });
  }

  /**
   * Approves a pending request, effective at `effectiveAt`; when that is now, the service is cancelled in the
   * same transaction. Undefined when the request is no longer pending.
   */
  approveCancellation(input: {
    id: string;
    effectiveAt: string;
    now: string;
    staffId: string;
    audit: Insertable<AuditLogTable>;
  }): Promise<{ request: CancellationRow; cancelled: ServiceRow | undefined } | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const request = await trx
        .updateTable('cancellation_requests')
        .set({
          status: 'approved',
          effective_at: input.effectiveAt,
          processed_by: input.staffId,
          processed_at: input.now,
        })
        .where('id', '=', input.id)
        .where('status', '=', 'pending')
        .returningAll()
        .executeTakeFirst();
      if (!request) return undefined;
      const cancelled =
        input.effectiveAt <= input.now
          ? await new ServicesStore(trx).cancel(request.service_id, input.now, { staffId: input.staffId })
          : undefined;
      await trx.insertInto('audit_log').values(input.audit).execute();
      return { request, cancelled };
    });
  }

  // ─── The job's reads ─────────────────────────────────────────────────────────────────────────────────────

  /**
   * Recurring services (active or suspended) due by `horizon` whose current period has no invoice yet and that
   * have no open cancellation request, with their product's taxability.
   */
  dueForRenewal(horizon: string) {
    return this.db
      .selectFrom('services')
      .innerJoin('products', 'products.id', 'services.product_id')
      .selectAll('services')
      .select('products.taxable')
      .where('services.status', 'in', ['active', 'suspended'])
      .where('services.next_due_at', '<=', horizon)
      .where('services.cycle', '!=', 'one_time')
      .where((eb) => eb.not(hasOpenCancellation(eb)))
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('invoice_lines')
              .select(sql.lit(1).as('one'))
              .whereRef('invoice_lines.service_id', '=', 'services.id')
              .whereRef('invoice_lines.period_start', '=', 'services.next_due_at')
              .where(sql<boolean>`invoice_lines.kind IN ('product', 'renewal')`),
          ),
        ),
      )
      .execute();
  }

  /** Active services with a line on an overdue invoice due before `cutoff`, with that invoice's number. */
  overdueActiveServices(cutoff: string) {
    return this.db
      .selectFrom('invoices')
      .innerJoin('invoice_lines', 'invoice_lines.invoice_id', 'invoices.id')
      .innerJoin('services', 'services.id', 'invoice_lines.service_id')
      .select(['services.id', 'invoices.number'])
      .where('invoices.status', '=', 'overdue')
      .where('invoices.due_at', '<', cutoff)
      .where('services.status', '=', 'active')
      .execute();
  }

  /** Services whose approved end-of-period cancellation took effect by `now` and that are still open. */
  cancellationsDue(now: string) {
    return this.db
      .selectFrom('cancellation_requests')
      .innerJoin('services', 'services.id', 'cancellation_requests.service_id')
      .select(['services.id', 'cancellation_requests.id as request_id'])
      .where('cancellation_requests.status', '=', 'approved')
      .where('cancellation_requests.effective_at', '<=', now)
      .where('services.status', 'in', ['active', 'suspended'])
      .execute();
  }
}

/** The newest (created_at, then id) row per service. */
function latestByService(rows: CancellationRow[]): Map<string, CancellationRow> {
  const latest = new Map<string, CancellationRow>();
  for (const row of rows) {
    const seen = latest.get(row.service_id);
    if (!seen || row.created_at > seen.created_at || (row.created_at === seen.created_at && row.id > seen.id))
      latest.set(row.service_id, row);
  }
  return latest;
}
