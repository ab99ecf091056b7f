import type {
  AdminStatusComponent,
  ComponentStatus,
  Incident,
  IncidentListQuerySchema,
  StatusComponent,
  StatusComponentInputSchema,
  StatusComponentUpdateSchema,
  StatusDay,
  StatusPage,
} from '@portico/sdk/contract';
import type { Updateable } from 'kysely';
import type * as z from 'zod';
import type { Db } from '../../db/database.js';
import type { StatusComponentsTable } from '../../db/schema.js';
import type { Clock, IdGenerator } from '../../deps.js';
import { decodeCursor, encodeCursor } from '../../http/cursor.js';
import type { AuditLog } from '../audit/audit-log.js';
import { staffRecord } from '../audit/staff-record.js';
import type { StaffChange } from '../settings/service.js';
import type { Settings } from '../settings/settings.js';
import { StatusErrors } from './errors.js';
import { componentHistory, DAY_MS, windowStart, worstOf } from './history.js';
import { type ComponentRow, type IncidentCursor, type IncidentRow, StatusStore } from './store.js';
import { groupBy, toIncident } from './views.js';

type IncidentListQuery = z.output<typeof IncidentListQuerySchema>;
type ComponentInput = z.output<typeof StatusComponentInputSchema>;
type ComponentUpdate = z.output<typeof StatusComponentUpdateSchema>;

export interface StatusDeps {
  db: Db;
  settings: Settings;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditLog;
}

/** Days an incident stays in the page's `recent` list after it was resolved. */
export const RECENT_DAYS = 7;

/**
 * The status page as clients read it (components with 90 days of history, incidents and maintenance) and the
 * components as staff manage them. The page is read with a fixed number of queries however long the history.
 */
export class StatusService {
  readonly #d: StatusDeps;

  constructor(deps: StatusDeps) {
    this.#d = deps;
  }

  #now(): Date {
    return this.#d.clock.now();
  }

  #open(): void {
    if (!this.#d.settings.current.sections.status) throw StatusErrors.hidden();
  }

  /** Incidents with their components and updates: two queries for any number of them. */
  async withDetails(rows: readonly IncidentRow[], db: Db = this.#d.db): Promise<Incident[]> {
    const store = new StatusStore(db);
    const ids = rows.map((r) => r.id);
    const [components, updates] = await Promise.all([store.componentsOf(ids), store.updatesOf(ids)]);
    const componentsOf = groupBy(components, (c) => c.incident_id);
    const updatesOf = groupBy(updates, (u) => u.incident_id);
    return rows.map((row) => toIncident(row, componentsOf.get(row.id) ?? [], updatesOf.get(row.id) ?? []));
  }

  /** Every component with its 90 days and uptime, in page order. */
  async #components(): Promise<Array<StatusComponent & { position: number }>> {
    const now = this.#now();
    const since = windowStart(now).toISOString();
    const store = new StatusStore(this.#d.db);
    const [rows, inForce, events, spans] = await Promise.all([
      store.components(),
      store.statusesAt(since),
      store.eventsSince(since),
      store.incidentSpansSince(since, now.toISOString()),
    ]);
    const eventsOf = groupBy(events, (e) => e.component_id);
    const spansOf = groupBy(spans, (s) => s.component_id);
    return rows.map((row) => {
      const { days, uptime } = componentHistory({
        now,
        inForce: inForce.get(row.id) ?? null,
        events: eventsOf.get(row.id) ?? [],
        incidents: (spansOf.get(row.id) ?? []).map((s) => ({
          startsAt: s.starts_at,
          resolvedAt: s.resolved_at,
        })),
      });
      return this.#component(row, days, uptime);
    });
  }

  #component(row: ComponentRow, days: StatusDay[], uptime: number): StatusComponent & { position: number } {
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      group: row.group_name,
      status: row.status,
      uptime,
      days,
      position: row.position,
    };
  }

  /** The public page: overall status, components, active, upcoming and recent incidents. */
  async page(): Promise<StatusPage> {
    this.#open();
    const now = this.#now();
    const store = new StatusStore(this.#d.db);
    const [components, active, upcoming, recent] = await Promise.all([
      this.#components(),
      store.active(),
      store.upcoming(),
      store.resolvedSince(new Date(now.getTime() - RECENT_DAYS * DAY_MS).toISOString()),
    ]);
    const incidents = await this.withDetails([...active, ...upcoming, ...recent]);
    return {
      overall: worstOf(components.map((c) => c.status)),
      components: components.map(({ position: _p, ...component }) => component),
      active: incidents.slice(0, active.length),
      upcoming: incidents.slice(active.length, active.length + upcoming.length),
      recent: incidents.slice(active.length + upcoming.length),
    };
  }

  /** Incidents and maintenance that started in the last 90 days, newest first. */
  async incidents(query: IncidentListQuery): Promise<{ items: Incident[]; nextCursor: string | null }> {
    this.#open();
    const now = this.#now();
    return this.#page(
      { kind: query.kind, from: windowStart(now).toISOString(), to: now.toISOString() },
      query.limit ?? 20,
      query.cursor,
    );
  }

  async incident(id: string): Promise<Incident> {
    this.#open();
    return this.getIncident(id);
  }

  /** One incident, whatever its age (staff, and the public route once the section is checked). */
  async getIncident(id: string, db: Db = this.#d.db): Promise<Incident> {
    const row = await new StatusStore(db).incident(id);
    if (!row) throw StatusErrors.notFound('incident');
    const [incident] = await this.withDetails([row], db);
    return incident!;
  }

  /** A page of incidents, newest first (staff lists filter on kind and open). */
  async #page(
    filter: Parameters<StatusStore['incidents']>[0],
    limit: number,
    cursor: string | undefined,
  ): Promise<{ items: Incident[]; nextCursor: string | null }> {
    const after = decodeCursor<{ s: string; id: string }>(cursor) as IncidentCursor | undefined;
    const rows = await new StatusStore(this.#d.db).incidents(filter, limit + 1, after);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: await this.withDetails(page),
      nextCursor: rows.length > limit && last ? encodeCursor({ s: last.starts_at, id: last.id }) : null,
    };
  }

  adminIncidents(query: {
    kind?: IncidentRow['kind'] | undefined;
    open?: 'true' | 'false' | undefined;
    limit?: number | undefined;
    cursor?: string | undefined;
  }): Promise<{ items: Incident[]; nextCursor: string | null }> {
    const open = query.open === undefined ? undefined : query.open === 'true';
    return this.#page({ kind: query.kind, open }, query.limit ?? 50, query.cursor);
  }

  // ─── Components (staff) ─────────────────────────────────────────────────────────────────────────────────

  async adminComponents(): Promise<AdminStatusComponent[]> {
    return this.#components();
  }

  async adminComponent(id: string): Promise<AdminStatusComponent> {
    const found = (await this.#components()).find((c) => c.id === id);
    if (!found) throw StatusErrors.notFound('component');
    return found;
  }

  #audit(change: StaffChange, action: string, id: string, details: Record<string, unknown>) {
    return this.#d.audit.row(
      staffRecord(change, { action, target: { type: 'status_component', id }, details }),
    );
  }

  /** Adds a component (its status, `operational` unless given, is the first entry of its history). */
  async createComponent(input: ComponentInput, change: StaffChange): Promise<AdminStatusComponent> {
    const now = this.#now().toISOString();
    const id = this.#d.ids('stc');
    const status: ComponentStatus = input.status ?? 'operational';
    await this.#d.db.transaction().execute(async (trx) => {
      const store = new StatusStore(trx);
      if (await store.nameTaken(input.name)) throw StatusErrors.nameTaken(input.name);
      await store.insertComponent({
        id,
        name: input.name,
        description: input.description ?? '',
        group_name: input.group || null,
        status,
        position: input.position ?? (await store.nextPosition()),
        created_at: now,
        updated_at: now,
      });
      await store.insertEvent({ id: this.#d.ids('sce'), component_id: id, status, at: now });
      await store.insertAudit(
        this.#audit(change, 'status_component.created', id, { name: input.name, status }),
      );
    });
    return this.adminComponent(id);
  }

  /** Renames, regroups, reorders or sets the status of a component (a new status is kept in its history). */
  async updateComponent(
    id: string,
    input: ComponentUpdate,
    change: StaffChange,
  ): Promise<AdminStatusComponent> {
    const now = this.#now().toISOString();
    await this.#d.db.transaction().execute(async (trx) => {
      const store = new StatusStore(trx);
      const current = await store.component(id);
      if (!current) throw StatusErrors.notFound('component');
      const set: Updateable<StatusComponentsTable> = {};
      if (input.name !== undefined && input.name !== current.name) {
        if (await store.nameTaken(input.name, id)) throw StatusErrors.nameTaken(input.name);
        set.name = input.name;
      }
      if (input.description !== undefined) set.description = input.description;
      if (input.group !== undefined) set.group_name = input.group || null;
      if (input.position !== undefined) set.position = input.position;
      if (input.status !== undefined && input.status !== current.status) set.status = input.status;
      if (!Object.keys(set).length) return;
      await store.updateComponent(id, { ...set, updated_at: now });
      if (set.status) {
        await store.insertEvent({ id: this.#d.ids('sce'), component_id: id, status: set.status, at: now });
      }
      await store.insertAudit(
        this.#audit(change, 'status_component.updated', id, {
          fields: Object.keys(set),
          ...(set.status && { from: current.status, to: set.status }),
        }),
      );
    });
    return this.adminComponent(id);
  }

  /** Removes a component with its history; incidents that named it no longer do. */
  async removeComponent(id: string, change: StaffChange): Promise<void> {
    await this.#d.db.transaction().execute(async (trx) => {
      const store = new StatusStore(trx);
      const current = await store.component(id);
      if (!current) throw StatusErrors.notFound('component');
      await store.deleteComponent(id);
      await store.insertAudit(this.#audit(change, 'status_component.deleted', id, { name: current.name }));
    });
  }
}
