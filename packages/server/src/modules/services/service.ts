import type {
  AdminCancellation,
  AdminCancellationQuerySchema,
  AdminService,
  AdminServiceQuerySchema,
  CancellationInputSchema,
  Service,
  ServiceListQuerySchema,
  ServiceUpdateInputSchema,
} from '@portico/sdk/contract';
import type { Insertable, Updateable } from 'kysely';
import type * as z from 'zod';
import type { Db } from '../../db/database.js';
import type { AuditLogTable, ServicesTable } from '../../db/schema.js';
import type { Clock, IdGenerator } from '../../deps.js';
import type { Auth } from '../../http/auth.js';
import { encodeCursor, readKeysetCursor } from '../../http/cursor.js';
import { HttpError } from '../../http/problem.js';
import { viaToken } from '../account/activity.js';
import type { AuditLog, AuditOrigin, AuditRecord } from '../audit/audit-log.js';
import { addCycle } from '../billing/cycles.js';
import type { BillingMail, BillingMailer } from '../billing/mail.js';
import { type Keyset, type ServiceStatus, ServicesStore } from './store.js';
import {
  type CancellationRow,
  mailService,
  type ServiceRow,
  toAdminCancellation,
  toAdminService,
  toService,
} from './views.js';

type ListQuery = z.output<typeof ServiceListQuerySchema>;
type AdminListQuery = z.output<typeof AdminServiceQuerySchema>;
type CancellationQuery = z.output<typeof AdminCancellationQuerySchema>;
type CancellationInput = z.output<typeof CancellationInputSchema>;
type UpdateInput = z.output<typeof ServiceUpdateInputSchema>;

export interface ServicesDeps {
  db: Db;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditLog;
  mailer: BillingMailer;
}

/** A staff member acting in the console, and where from. */
export interface StaffActor {
  staffId: string;
  email: string;
  origin: AuditOrigin;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Page size when a list query does not say. */
export const DEFAULT_PAGE_SIZE = 50;

const ALL_STATUSES: readonly ServiceStatus[] = ['pending', 'active', 'suspended', 'cancelled'];

const notFound = () => new HttpError(404, 'NOT_FOUND', 'There is no such service.');
const requestNotFound = () => new HttpError(404, 'NOT_FOUND', 'There is no such cancellation request.');
const conflict = (detail: string) => new HttpError(409, 'CONFLICT', detail);

function keysetOf(cursor: string | undefined): Keyset | undefined {
  const key = readKeysetCursor(cursor, 'c');
  return key && { createdAt: key.value, id: key.id };
}

/** One page from `limit + 1` rows. */
function page<R extends { created_at: string; id: string }, T>(
  rows: R[],
  limit: number,
  map: (row: R) => T,
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map(map),
    nextCursor: rows.length > limit && last ? encodeCursor({ c: last.created_at, i: last.id }) : null,
  };
}

/**
 * Services and their cancellation requests: what clients see and ask for, and what staff do to them. Each change
 * and its audit entry commit together; mail is queued after the commit.
 */
export class ServicesService {
  readonly store: ServicesStore;
  readonly #d: ServicesDeps;

  constructor(deps: ServicesDeps) {
    this.#d = deps;
    this.store = new ServicesStore(deps.db);
  }

  #now(): string {
    return this.#d.clock.now().toISOString();
  }

  async #mail(accountId: string, mail: BillingMail): Promise<void> {
    await this.#d.mailer.send(accountId, mail);
  }

  // ─── Clients ─────────────────────────────────────────────────────────────────────────────────────────────

  /** The account's services, newest first, each with its latest cancellation request. */
  async list(auth: Auth, query: ListQuery): Promise<Page<Service>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.store.list(auth.accountId, {
      status: query.status,
      after: keysetOf(query.cursor),
      limit: limit + 1,
    });
    const shown = rows.slice(0, limit);
    const latest = await this.store.latestCancellations(
      auth.accountId,
      shown.map((r) => r.id),
    );
    return page(rows, limit, (row) => toService(row, latest.get(row.id)));
  }

  /** One of the account's services; another account's id is as missing as an unknown one. */
  async get(auth: Auth, id: string): Promise<Service> {
    const row = await this.store.find(auth.accountId, id);
    if (!row) throw notFound();
    return this.#view(auth.accountId, row);
  }

  async #view(accountId: string, row: ServiceRow): Promise<Service> {
    const latest = await this.store.latestCancellations(accountId, [row.id]);
    return toService(row, latest.get(row.id));
  }

  async #clientAudit(auth: Auth, entry: Omit<AuditRecord, 'actor' | 'accountId'>): Promise<AuditRecord> {
    const user = await this.#d.db
      .selectFrom('users')
      .select('email')
      .where('id', '=', auth.userId)
      .executeTakeFirst();
    return {
      ...entry,
      actor: { type: 'user', id: auth.userId, label: user?.email ?? null },
      accountId: auth.accountId,
      details: { ...entry.details, ...(auth.kind === 'token' ? viaToken(auth) : {}) },
    };
  }

  /**
   * Asks staff to cancel an active or suspended service, now or at the end of its period. One open request per
   * service (409 CONFLICT while one is pending or approved). No renewal is issued while it is open.
   */
  async requestCancellation(
    auth: Auth,
    id: string,
    input: CancellationInput,
    origin: AuditOrigin,
  ): Promise<Service> {
    const service = await this.store.find(auth.accountId, id);
    if (!service) throw notFound();
    if (service.status !== 'active' && service.status !== 'suspended')
      throw conflict(`A ${service.status} service cannot be cancelled.`);
    const requestId = this.#d.ids('cxl');
    const record = await this.#clientAudit(auth, {
      action: 'service.cancellation_requested',
      target: { type: 'service', id },
      origin,
      details: { cancellationId: requestId, type: input.type },
    });
    const filed = await this.store.insertCancellation(
      {
        id: requestId,
        service_id: id,
        account_id: auth.accountId,
        user_id: auth.userId,
        type: input.type,
        reason: input.reason,
        status: 'pending',
        effective_at: null,
        staff_note: null,
        processed_by: null,
        processed_at: null,
        created_at: this.#now(),
      },
      this.#d.audit.row(record),
    );
    if (!filed) throw conflict('This service already has an open cancellation request.');
    return this.get(auth, id);
  }

  /** Withdraws the service's request while staff have not processed it (409 CONFLICT otherwise). */
  async withdrawCancellation(auth: Auth, id: string, origin: AuditOrigin): Promise<Service> {
    const service = await this.store.find(auth.accountId, id);
    if (!service) throw notFound();
    const record = await this.#clientAudit(auth, {
      action: 'service.cancellation_withdrawn',
      target: { type: 'service', id },
      origin,
    });
    const withdrawn = await this.store.closePending({
      serviceId: id,
      accountId: auth.accountId,
      set: { status: 'withdrawn', processed_at: this.#now() },
      audit: (row) =>
        this.#d.audit.row({ ...record, details: { ...record.details, cancellationId: row.id } }),
    });
    if (!withdrawn) throw conflict('This service has no pending cancellation request.');
    return this.get(auth, id);
  }

  // ─── Staff ───────────────────────────────────────────────────────────────────────────────────────────────

  async adminList(query: AdminListQuery): Promise<Page<AdminService>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.store.adminList({
      status: query.status,
      accountId: query.accountId,
      after: keysetOf(query.cursor),
      limit: limit + 1,
    });
    const latest = await this.store.latestCancellationsAnyAccount(rows.slice(0, limit).map((r) => r.id));
    return page(rows, limit, (row) => toAdminService(row, latest.get(row.id)));
  }

  async adminGet(id: string): Promise<AdminService> {
    const row = await this.store.adminFind(id);
    if (!row) throw notFound();
    const latest = await this.store.latestCancellationsAnyAccount([id]);
    return toAdminService(row, latest.get(id));
  }

  #staffAudit(
    by: StaffActor,
    row: Pick<ServiceRow, 'id' | 'account_id'>,
    action: string,
    details: Record<string, unknown> = {},
  ): Insertable<AuditLogTable> {
    return this.#d.audit.row({
      actor: { type: 'staff', id: by.staffId, label: by.email },
      action,
      target: { type: 'service', id: row.id },
      accountId: row.account_id,
      origin: by.origin,
      details,
    });
  }

  /** Changes a service's label, recurring price or next due date (only the fields sent). */
  async update(id: string, input: UpdateInput, by: StaffActor): Promise<AdminService> {
    const current = await this.store.adminFind(id);
    if (!current) throw notFound();
    const set: Updateable<ServicesTable> = {};
    const changes: Record<string, unknown> = {};
    const change = <K extends 'label' | 'amount' | 'next_due_at'>(column: K, value: ServiceRow[K]) => {
      if (value === current[column]) return;
      set[column] = value;
      changes[column] = value;
      changes[`previous_${column}`] = current[column];
    };
    if (input.label !== undefined) change('label', input.label ? input.label : null);
    if (input.amount !== undefined) change('amount', input.amount);
    if (input.nextDueAt !== undefined)
      change('next_due_at', input.nextDueAt === null ? null : new Date(input.nextDueAt).toISOString());
    if (Object.keys(set).length) {
      const updated = await this.store.transition({
        id,
        from: ALL_STATUSES,
        set: { ...set, updated_at: this.#now() },
        audit: (row) => this.#staffAudit(by, row, 'service.updated', changes),
      });
      if (!updated) throw notFound();
    }
    return this.adminGet(id);
  }

  /** Suspends an active service (a payment never lifts a staff suspension). */
  async suspend(id: string, reason: string, by: StaffActor): Promise<AdminService> {
    const now = this.#now();
    const row = await this.#transition(id, ['active'], 'suspended', by, {
      set: { status: 'suspended', suspended_at: now, suspend_reason: reason, suspended_by: 'staff' },
      details: { reason },
    });
    await this.#mail(row.account_id, { name: 'service-suspended', service: mailService(row), reason });
    return this.adminGet(id);
  }

  async unsuspend(id: string, by: StaffActor): Promise<AdminService> {
    const row = await this.#transition(id, ['suspended'], 'unsuspended', by, {
      set: { status: 'active', suspended_at: null, suspend_reason: null, suspended_by: null },
    });
    await this.#mail(row.account_id, { name: 'service-unsuspended', service: mailService(row) });
    return this.adminGet(id);
  }

  /** Activates a pending service without waiting for payment: its first period starts now. */
  async activate(id: string, by: StaffActor): Promise<AdminService> {
    const current = await this.store.adminFind(id);
    if (!current) throw notFound();
    const now = this.#now();
    const row = await this.#transition(id, ['pending'], 'activated', by, {
      set: {
        status: 'active',
        activated_at: now,
        next_due_at: addCycle(now, current.cycle)?.toISOString() ?? null,
      },
    });
    await this.#mail(row.account_id, { name: 'service-activated', service: mailService(row) });
    return this.adminGet(id);
  }

  /** Cancels a service now; its open cancellation request, if any, is settled as approved. */
  async cancel(id: string, by: StaffActor): Promise<AdminService> {
    const current = await this.store.adminFind(id);
    if (!current) throw notFound();
    const row = await this.store.cancelNow({
      id,
      now: this.#now(),
      staffId: by.staffId,
      audit: (r) => this.#staffAudit(by, r, 'service.cancelled'),
    });
    if (!row) throw conflict('This service is already cancelled.');
    await this.#mail(row.account_id, { name: 'service-cancelled', service: mailService(row) });
    return this.adminGet(id);
  }

  async #transition(
    id: string,
    from: readonly ServiceStatus[],
    verb: string,
    by: StaffActor,
    change: { set: Updateable<ServicesTable>; details?: Record<string, unknown> },
  ): Promise<ServiceRow> {
    const row = await this.store.transition({
      id,
      from,
      set: { ...change.set, updated_at: this.#now() },
      audit: (r) => this.#staffAudit(by, r, `service.${verb}`, change.details),
    });
    if (row) return row;
    const current = await this.store.adminFind(id);
    if (!current) throw notFound();
    throw conflict(`A ${current.status} service cannot be ${verb}.`);
  }

  /** Cancellation requests of one status (pending unless asked), oldest first. */
  async listCancellations(query: CancellationQuery): Promise<Page<AdminCancellation>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.store.listCancellations({
      status: query.status ?? 'pending',
      after: keysetOf(query.cursor),
      limit: limit + 1,
    });
    return page(rows, limit, toAdminCancellation);
  }

  async #request(id: string) {
    const row = await this.store.findCancellation(id);
    if (!row) throw requestNotFound();
    return row;
  }

  /**
   * Approves a pending request. `immediate` (or a service with no period left) cancels the service now;
   * `end_of_period` takes effect at its next due date: no more renewals, and the job cancels it then.
   */
  async approve(id: string, by: StaffActor): Promise<AdminCancellation> {
    const request = await this.#request(id);
    if (request.status !== 'pending') throw conflict('This request is no longer pending.');
    const service = await this.store.adminFind(request.service_id);
    if (!service) throw requestNotFound();
    const now = this.#now();
    const effectiveAt =
      request.type === 'end_of_period' && service.next_due_at && service.next_due_at > now
        ? service.next_due_at
        : now;
    const approved = await this.store.approveCancellation({
      id,
      effectiveAt,
      now,
      staffId: by.staffId,
      audit: this.#staffAudit(by, service, 'service.cancellation_approved', {
        cancellationId: id,
        type: request.type,
        effectiveAt,
      }),
    });
    if (!approved) throw conflict('This request is no longer pending.');
    if (approved.cancelled)
      await this.#mail(service.account_id, { name: 'service-cancelled', service: mailService(service) });
    return toAdminCancellation(await this.#request(id));
  }

  /** Rejects a pending request with a note the client is mailed. */
  async reject(id: string, note: string, by: StaffActor): Promise<AdminCancellation> {
    const request = await this.#request(id);
    const now = this.#now();
    const rejected: CancellationRow | undefined = await this.store.closePending({
      id,
      set: { status: 'rejected', staff_note: note, processed_by: by.staffId, processed_at: now },
      audit: (row) =>
        this.#staffAudit(
          by,
          { id: row.service_id, account_id: row.account_id },
          'service.cancellation_rejected',
          { cancellationId: id, note },
        ),
    });
    if (!rejected) throw conflict('This request is no longer pending.');
    const service = await this.store.adminFind(request.service_id);
    if (service)
      await this.#mail(service.account_id, {
        name: 'cancellation-rejected',
        service: mailService(service),
        note,
      });
    return toAdminCancellation(await this.#request(id));
  }
}
