import type {
  AdminDomain,
  AdminDomainQuerySchema,
  AdminDomainUpdateSchema,
  Domain,
} from '@portico/sdk/contract';
import { punycodeEncode } from '@portico/sdk/contract';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type * as z from 'zod';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../deps.js';
import type { AuditLog } from '../audit/audit-log.js';
import { DEFAULT_LIMIT, type Keyset, pageOf, readKeyset } from '../billing/invoice-store.js';
import { likePattern } from '../clients/store.js';
import type { StaffChange } from '../settings/service.js';
import { DomainErrors } from './errors.js';
import type { DomainPricing } from './pricing.js';
import { type RegistrarDomain, RegistrarError } from './registrar.js';
import { REGISTRAR_DEADLINE_MS, type RegistrarRegistry, withDeadline } from './registry.js';
import type { DomainTasks } from './tasks.js';
import { DomainsStore } from './store.js';
import { type DomainRow, type DomainTaskRow, domainViews, toDomainTask } from './views.js';

type AdminQuery = z.output<typeof AdminDomainQuerySchema>;
type AdminUpdate = z.output<typeof AdminDomainUpdateSchema>;

/** A domain row with its account's name and currency. */
type AdminRow = DomainRow & { account_name: string; currency: string };

export interface DomainsAdminDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  audit: AuditLog;
  pricing: DomainPricing;
  registrars: Pick<RegistrarRegistry, 'registrar'>;
  tasks: DomainTasks;
  /** How long a registrar sync may take (default 15 s). */
  registrarTimeoutMs?: number | undefined;
}

/** Statuses of a domain the registry holds for the client. */
const REGISTERED = ['active', 'expired'] as const;

const before = (after: Keyset) =>
  sql<boolean>`(domains.created_at, domains.id) < (${after.createdAt}, ${after.id})`;

/** What staff typed, as the ASCII a stored name contains: each non-ASCII piece in its punycode form. */
function asciiOf(q: string): string {
  return q
    .toLowerCase()
    .split('.')
    .map((part) => (/^[ -~]*$/.test(part) ? part : `xn--${punycodeEncode(part)}`))
    .join('.');
}

/**
 * Every client's domains for staff: lists by status, client or name (keyset pages over the `domains_*` indexes),
 * one domain with its registrar tasks, auto-renew, retrying a failed registrar task and reading the registrar's
 * record back. Every change is audited.
 */
export class DomainsAdmin {
  readonly #d: DomainsAdminDeps;
  readonly #store: DomainsStore;

  constructor(deps: DomainsAdminDeps) {
    this.#d = deps;
    this.#store = new DomainsStore(deps.db);
  }

  #rows() {
    return this.#d.db
      .selectFrom('domains')
      .innerJoin('accounts', 'accounts.id', 'domains.account_id')
      .selectAll('domains')
      .select(['accounts.name as account_name', 'accounts.currency']);
  }

  async list(query: AdminQuery): Promise<{ items: AdminDomain[]; nextCursor: string | null }> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = readKeyset(query.cursor);
    let q = this.#rows();
    if (query.accountId) q = q.where('domains.account_id', '=', query.accountId);
    if (query.status) q = q.where('domains.status', '=', query.status);
    if (query.q) {
      const typed = likePattern(query.q);
      const ascii = likePattern(asciiOf(query.q));
      q = q.where(
        sql<boolean>`(domains.name LIKE ${typed} ESCAPE '\\' OR domains.name LIKE ${ascii} ESCAPE '\\')`,
      );
    }
    if (after) q = q.where(before(after));
    const rows = await q
      .orderBy('domains.created_at', 'desc')
      .orderBy('domains.id', 'desc')
      .limit(limit + 1)
      .execute();
    const views = await this.#views(rows.slice(0, limit));
    return pageOf(rows, limit, (row) => views.get(row.id) as AdminDomain);
  }

  async get(id: string): Promise<AdminDomain> {
    const row = await this.#rows().where('domains.id', '=', id).executeTakeFirst();
    if (!row) throw DomainErrors.notFound();
    return (await this.#views([row])).get(id) as AdminDomain;
  }

  /** Views with each domain's tasks (newest first), order invoice, open renewal invoice and renewal price. */
  async #views(rows: readonly AdminRow[]): Promise<Map<string, AdminDomain>> {
    const views = new Map<string, AdminDomain>();
    if (!rows.length) return views;
    const ids = rows.map((r) => r.id);
    const [tasks, domains] = await Promise.all([
      this.#d.db
        .selectFrom('domain_tasks')
        .selectAll()
        .where('domain_id', 'in', ids)
        .orderBy('domain_id')
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute(),
      domainViews(this.#store, this.#d.pricing, rows, (row) => row.currency, null),
    ]);
    const tasksOf = new Map<string, DomainTaskRow[]>();
    for (const task of tasks) {
      const list = tasksOf.get(task.domain_id);
      if (list) list.push(task);
      else tasksOf.set(task.domain_id, [task]);
    }
    for (const row of rows) {
      views.set(row.id, {
        ...(domains.get(row.id) as Domain),
        accountId: row.account_id,
        accountName: row.account_name,
        registrar: row.registrar,
        lastError: row.last_error,
        tasks: (tasksOf.get(row.id) ?? []).map(toDomainTask),
      });
    }
    return views;
  }

  #audit(db: Db, change: StaffChange, action: string, row: DomainRow, details: Record<string, unknown>) {
    return db
      .insertInto('audit_log')
      .values(
        this.#d.audit.row({
          actor: { type: 'staff', id: change.staff.staffId, label: change.staff.email },
          action,
          target: { type: 'domain', id: row.id },
          accountId: row.account_id,
          origin: change.origin,
          details: { domain: row.name, ...details },
        }),
      )
      .execute();
  }

  /** Turns auto-renew on or off (a portal setting: the registrar is not asked). Active or expired domains only. */
  async update(id: string, input: AdminUpdate, change: StaffChange): Promise<AdminDomain> {
    const now = this.#d.clock.now().toISOString();
    await this.#d.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('domains').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw DomainErrors.notFound();
      if (input.autoRenew === undefined) return;
      if (!(REGISTERED as readonly string[]).includes(row.status)) throw DomainErrors.notActive(row.status);
      await trx
        .updateTable('domains')
        .set({ auto_renew: input.autoRenew ? 1 : 0, updated_at: now })
        .where('id', '=', id)
        .execute();
      await this.#audit(trx, change, 'domain.auto_renew_changed', row, { autoRenew: input.autoRenew });
    });
    return this.get(id);
  }

  /** Asks the registrar again for the domain's failed task, now (409 CONFLICT when nothing failed). */
  async retry(id: string, change: StaffChange): Promise<AdminDomain> {
    await this.#d.tasks.retry(id, change);
    return this.get(id);
  }

  /**
   * Reads the domain back from its registrar and stores its expiry, name servers, lock and privacy (audited with
   * what changed). A domain the registry holds again past its stored expiry is active again. 409 DOMAIN_NOT_ACTIVE
   * unless registered; 502 REGISTRAR_ERROR when the registrar fails (nothing stored).
   */
  async sync(id: string, change: StaffChange): Promise<AdminDomain> {
    const row = await this.#d.db.selectFrom('domains').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw DomainErrors.notFound();
    if (!(REGISTERED as readonly string[]).includes(row.status)) throw DomainErrors.notActive(row.status);
    let record: RegistrarDomain;
    try {
      record = await withDeadline(this.#d.registrarTimeoutMs ?? REGISTRAR_DEADLINE_MS, (signal) =>
        this.#d.registrars.registrar(row.registrar).sync(row.name, { signal }),
      );
    } catch (error) {
      const failure =
        error instanceof RegistrarError ? error : new RegistrarError('failed', { permanent: false });
      this.#d.logger.warn({ err: error, domainId: id, registrar: row.registrar }, 'registrar sync failed');
      throw DomainErrors.registrar(failure.permanent);
    }
    const now = this.#d.clock.now().toISOString();
    const set = {
      registered_at: record.registeredAt,
      expires_at: record.expiresAt,
      nameservers: JSON.stringify(record.nameservers),
      locked: record.locked ? (1 as const) : (0 as const),
      privacy: record.privacy ? (1 as const) : (0 as const),
    };
    const changed = (Object.keys(set) as Array<keyof typeof set>).filter((key) => row[key] !== set[key]);
    await this.#d.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('domains')
        .set({
          ...set,
          ...(row.status === 'expired' && record.expiresAt > now ? { status: 'active' as const } : {}),
          updated_at: now,
        })
        .where('id', '=', id)
        .where('status', 'in', REGISTERED)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1)
        throw DomainErrors.conflict('The domain changed meanwhile. Reload it.');
      await this.#audit(trx, change, 'domain.synced', row, { changed, expiresAt: record.expiresAt });
    });
    return this.get(id);
  }
}
