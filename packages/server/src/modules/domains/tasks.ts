import { sql, type Transaction } from 'kysely';
import type { Logger } from 'pino';
import { changedOne } from '../../db/changed.js';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { Clock } from '../../deps.js';
import type { AuditLog } from '../audit/audit-log.js';
import { Sealer } from '../auth/seal.js';
import { billToOf } from '../billing/invoice-writer.js';
import type { StaffChange } from '../settings/service.js';
import { DomainErrors } from './errors.js';
import type { DomainMail, DomainMailer } from './mail.js';
import { RegistrarError, type RegistrarDomain } from './registrar.js';
import { type RegistrarRegistry, withDeadline } from './registry.js';
import type { DomainRow, DomainTaskRow } from './views.js';

/** Attempts a task gets before it is `failed` (a staff retry grants one more each time). */
export const MAX_TASK_ATTEMPTS = 3;
/** Waits before the 2nd and 3rd attempt (and any later ones). */
export const TASK_BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000] as const;
/** A registration may take a while: the registrar gets this long before the attempt counts as timed out. */
export const TASK_DEADLINE_MS = 60_000;
/** A claimed task's lease: longer than any call, so a live runner is never overtaken; a dead one's lapses. */
export const TASK_LEASE_MS = 5 * 60_000;
/** Tasks one pass runs at most (the rest wait for the next pass, 60 s later). */
const PASS_LIMIT = 50;

export interface DomainTasksDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  audit: AuditLog;
  config: { secret: string };
  registrars: Pick<RegistrarRegistry, 'registrar'>;
  mailer: DomainMailer;
  /** How long one registrar call may take (tests shorten it). */
  deadlineMs?: number | undefined;
}

/** What one pass did. */
export type TaskCounts = { done: number; retrying: number; failed: number };

type Trx = Transaction<Database>;

/** What staff see of an error: the registrar's code and words (clients only ever see the status). */
function describeError(error: unknown): { message: string; permanent: boolean } {
  if (error instanceof RegistrarError) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return { message: `${error.code}: ${error.message}${cause}`.slice(0, 1000), permanent: error.permanent };
  }
  return { message: `error: ${String((error as Error)?.message ?? error)}`.slice(0, 1000), permanent: false };
}

/**
 * The registrar's side of paid domains: register, transfer and renew tasks (queued by DomainLifecycle when an
 * invoice is paid). A pass claims each due task with a lease in one conditional UPDATE (queued and due, or running
 * with a lapsed lease), so two runners, here or in another process, never ask the registrar twice for one attempt.
 * The registrar is called outside any transaction with a deadline; the outcome is written in one transaction with
 * its audit entry and mail:
 * - success: the domain is `active` with the registrar's dates and name servers; the task `done`.
 * - a transient failure: the task waits (1 min, 5 min, 30 min) and runs again, up to {@link MAX_TASK_ATTEMPTS}.
 * - a permanent failure, or the last attempt: the task is `failed`; a registration or transfer makes the domain
 *   `failed` (its invoice stays paid; staff see the error and retry) and the client is told once that we are on it.
 */
export class DomainTasks {
  readonly #d: DomainTasksDeps;
  readonly #epp: Sealer;
  readonly #passes = new Set<Promise<unknown>>();

  constructor(deps: DomainTasksDeps) {
    this.#d = deps;
    this.#epp = new Sealer(deps.config.secret, 'epp');
  }

  /** Runs due tasks soon, outside the caller's flow (a payment just queued some); errors are logged. */
  kick(): void {
    const pass = this.run()
      .catch((err) => this.#d.logger.error({ err }, 'domain tasks failed'))
      .finally(() => this.#passes.delete(pass));
    this.#passes.add(pass);
  }

  /** Resolves when the passes `kick` started have ended (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#passes.size) await Promise.allSettled([...this.#passes]);
  }

  /** One pass: every due task, one at a time. */
  async run(): Promise<TaskCounts> {
    const counts: TaskCounts = { done: 0, retrying: 0, failed: 0 };
    for (let i = 0; i < PASS_LIMIT; i++) {
      const task = await this.#claim();
      if (!task) break;
      counts[await this.#perform(task)]++;
    }
    return counts;
  }

  /**
   * Takes one due task (or the one named): queued and due, or running with a lapsed lease. The UPDATE is the
   * claim: of two runners reaching for the same row, one changes it and the other gets nothing.
   */
  async #claim(taskId?: string): Promise<DomainTaskRow | undefined> {
    const now = this.#d.clock.now();
    const nowIso = now.toISOString();
    const due = sql<boolean>`((status = 'queued' AND run_after <= ${nowIso}) OR (status = 'running' AND lease_until <= ${nowIso}))`;
    const pick = taskId
      ? sql<string>`${taskId}`
      : sql<string>`(SELECT id FROM domain_tasks WHERE ${due} ORDER BY run_after, id LIMIT 1)`;
    return this.#d.db
      .updateTable('domain_tasks')
      .set((eb) => ({
        status: 'running',
        attempts: eb('attempts', '+', 1),
        lease_until: new Date(now.getTime() + TASK_LEASE_MS).toISOString(),
        updated_at: nowIso,
      }))
      .where(sql<boolean>`id = ${pick}`)
      .where(due)
      .returningAll()
      .executeTakeFirst();
  }

  async #perform(task: DomainTaskRow): Promise<'done' | 'retrying' | 'failed'> {
    const domain = await this.#d.db
      .selectFrom('domains')
      .selectAll()
      .where('id', '=', task.domain_id)
      .executeTakeFirstOrThrow();
    try {
      const result = await withDeadline(this.#d.deadlineMs ?? TASK_DEADLINE_MS, (signal) =>
        this.#call(task, domain, signal),
      );
      return (await this.#succeeded(task, domain, result)) ? 'done' : 'retrying';
    } catch (error) {
      return this.#failed(task, domain, error);
    }
  }

  /** Asks the domain's registrar to do the task (outside any transaction). */
  async #call(
    task: DomainTaskRow,
    domain: DomainRow,
    signal: AbortSignal,
  ): Promise<RegistrarDomain | { expiresAt: string }> {
    const registrar = this.#d.registrars.registrar(domain.registrar);
    if (task.kind === 'renew') return registrar.renew(domain.name, task.years, { signal });
    if (task.kind === 'transfer') {
      if (!domain.epp_code_sealed) {
        throw new RegistrarError('The transfer code is missing: ask the client for it', {
          permanent: true,
          code: 'epp_code_missing',
        });
      }
      const eppCode = this.#epp.open(domain.epp_code_sealed).toString('utf8');
      return registrar.transfer({ name: domain.name, years: task.years, eppCode }, { signal });
    }
    // Who registers it: the account as its invoices name it (billing name, company, owner's email, country).
    const billTo = await billToOf(this.#d.db, domain.account_id);
    const registrant = {
      name: billTo.name,
      email: billTo.email,
      company: billTo.company,
      country: billTo.address.country ?? null,
    };
    return registrar.register(
      {
        name: domain.name,
        years: task.years,
        nameservers: JSON.parse(domain.nameservers) as string[],
        privacy: domain.privacy === 1,
        registrant,
      },
      { signal },
    );
  }

  /** Ends the task while its claim is still this attempt's; false when another runner took it over meanwhile. */
  async #finish(
    trx: Trx,
    task: DomainTaskRow,
    set: { status: 'done' | 'queued' | 'failed'; last_error: string | null; run_after?: string },
    now: string,
  ): Promise<boolean> {
    const r = await trx
      .updateTable('domain_tasks')
      .set({ ...set, lease_until: null, updated_at: now })
      .where('id', '=', task.id)
      .where('status', '=', 'running')
      .where('attempts', '=', task.attempts)
      .executeTakeFirst();
    return changedOne(r);
  }

  async #succeeded(
    task: DomainTaskRow,
    domain: DomainRow,
    result: RegistrarDomain | { expiresAt: string },
  ): Promise<boolean> {
    const now = this.#d.clock.now().toISOString();
    return this.#d.db.transaction().execute(async (trx) => {
      if (!(await this.#finish(trx, task, { status: 'done', last_error: null }, now))) {
        this.#d.logger.warn({ taskId: task.id }, 'a domain task finished after its lease was taken over');
        return false;
      }
      const set =
        'registeredAt' in result
          ? {
              status: 'active' as const,
              registered_at: result.registeredAt,
              expires_at: result.expiresAt,
              nameservers: JSON.stringify(result.nameservers),
              privacy: result.privacy ? (1 as const) : (0 as const),
              locked: result.locked ? (1 as const) : (0 as const),
              epp_code_sealed: null,
            }
          : { status: 'active' as const, expires_at: result.expiresAt };
      const row = await trx
        .updateTable('domains')
        .set({ ...set, last_error: null, updated_at: now })
        .where('id', '=', domain.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const action =
        task.kind === 'renew'
          ? 'domain.renewed'
          : task.kind === 'transfer'
            ? 'domain.transferred'
            : 'domain.registered';
      await trx
        .insertInto('audit_log')
        .values(
          this.#d.audit.row({
            actor: { type: 'system' },
            action,
            target: { type: 'domain', id: domain.id },
            accountId: domain.account_id,
            details: { taskId: task.id, registrar: domain.registrar, expiresAt: row.expires_at },
          }),
        )
        .execute();
      const mail: DomainMail['name'] =
        task.kind === 'renew'
          ? 'domain-renewed'
          : task.kind === 'transfer'
            ? 'domain-transferred'
            : 'domain-registered';
      await this.#mail(trx, domain.account_id, {
        name: mail,
        domain: { id: row.id, name: row.name, expiresAt: row.expires_at },
      } as DomainMail);
      return true;
    });
  }

  async #failed(task: DomainTaskRow, domain: DomainRow, error: unknown): Promise<'retrying' | 'failed'> {
    const { message, permanent } = describeError(error);
    const now = this.#d.clock.now();
    const nowIso = now.toISOString();
    const final = permanent || task.attempts >= MAX_TASK_ATTEMPTS;
    this.#d.logger.warn(
      { err: error, taskId: task.id, domainId: domain.id, kind: task.kind, attempts: task.attempts, final },
      'registrar task failed',
    );
    const backoff =
      TASK_BACKOFF_MS[Math.min(task.attempts, TASK_BACKOFF_MS.length) - 1] ?? TASK_BACKOFF_MS[0];
    await this.#d.db.transaction().execute(async (trx) => {
      const set = final
        ? { status: 'failed' as const, last_error: message }
        : {
            status: 'queued' as const,
            last_error: message,
            run_after: new Date(now.getTime() + backoff).toISOString(),
          };
      if (!(await this.#finish(trx, task, set, nowIso))) return;
      await trx
        .updateTable('domains')
        .set({ last_error: message, updated_at: nowIso })
        .where('id', '=', domain.id)
        .execute();
      if (!final) return;
      await trx
        .insertInto('audit_log')
        .values(
          this.#d.audit.row({
            actor: { type: 'system' },
            action: 'domain.task_failed',
            target: { type: 'domain', id: domain.id },
            accountId: domain.account_id,
            details: { taskId: task.id, kind: task.kind, attempts: task.attempts, error: message },
          }),
        )
        .execute();
      if (task.kind === 'renew') return;
      // The domain goes failed once: a staff retry that fails again finds it failed already and mails nobody.
      const failed = await trx
        .updateTable('domains')
        .set({ status: 'failed', updated_at: nowIso })
        .where('id', '=', domain.id)
        .where('status', '=', 'provisioning')
        .executeTakeFirst();
      if (changedOne(failed)) {
        await this.#mail(trx, domain.account_id, {
          name: 'domain-setup-failed',
          domain: { id: domain.id, name: domain.name, expiresAt: domain.expires_at },
          action: task.kind,
        });
      }
    });
    return final ? 'failed' : 'retrying';
  }

  /** Queues a mail with the transaction (it goes only if the change commits); a mail problem never undoes it. */
  async #mail(trx: Trx, accountId: string, mail: DomainMail): Promise<void> {
    try {
      await this.#d.mailer.within(trx).send(accountId, mail);
    } catch (err) {
      this.#d.logger.error({ err, accountId, mail: mail.name }, 'could not queue a domain mail');
    }
  }

  /**
   * Staff: asks the registrar again for the domain's newest failed task, now. 409 CONFLICT when nothing failed,
   * or when the task's invoice is no longer paid (refunded). Audited; answers once the attempt has ended.
   */
  async retry(domainId: string, change: StaffChange): Promise<void> {
    const now = this.#d.clock.now().toISOString();
    const taskId = await this.#d.db.transaction().execute(async (trx) => {
      const domain = await trx
        .selectFrom('domains')
        .select(['id', 'account_id', 'status'])
        .where('id', '=', domainId)
        .executeTakeFirst();
      if (!domain) throw DomainErrors.notFound();
      const task = await trx
        .selectFrom('domain_tasks')
        .leftJoin('invoices', 'invoices.id', 'domain_tasks.invoice_id')
        .select(['domain_tasks.id', 'domain_tasks.kind', 'invoices.status as invoice_status'])
        .where('domain_tasks.domain_id', '=', domainId)
        .where('domain_tasks.status', '=', 'failed')
        .orderBy('domain_tasks.created_at', 'desc')
        .orderBy('domain_tasks.id', 'desc')
        .executeTakeFirst();
      if (!task) throw DomainErrors.conflict('Nothing to retry: this domain has no failed registrar task.');
      if (task.invoice_status && task.invoice_status !== 'paid') {
        throw DomainErrors.conflict(`The invoice of this task is ${task.invoice_status}: it is not retried.`);
      }
      if (task.kind !== 'renew' && domain.status !== 'failed' && domain.status !== 'provisioning') {
        throw DomainErrors.conflict(`This domain is ${domain.status}: there is nothing to retry.`);
      }
      await trx
        .updateTable('domain_tasks')
        .set({ status: 'queued', run_after: now, lease_until: null, updated_at: now })
        .where('id', '=', task.id)
        .where('status', '=', 'failed')
        .execute();
      await trx
        .insertInto('audit_log')
        .values(
          this.#d.audit.row({
            actor: { type: 'staff', id: change.staff.staffId, label: change.staff.email },
            action: 'domain.retried',
            target: { type: 'domain', id: domainId },
            accountId: domain.account_id,
            origin: change.origin,
            details: { taskId: task.id, kind: task.kind },
          }),
        )
        .execute();
      return task.id;
    });
    const task = await this.#claim(taskId);
    // Another runner may have claimed it first; it reports the outcome the same way.
    if (task) await this.#perform(task);
  }
}
