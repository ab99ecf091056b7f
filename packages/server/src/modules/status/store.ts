import type { ComponentStatus } from '@portico/sdk/contract';
import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Db } from '../../db/database.js';
import type {
  AuditLogTable,
  IncidentsTable,
  IncidentUpdatesTable,
  StatusComponentsTable,
} from '../../db/schema.js';

export type ComponentRow = Selectable<StatusComponentsTable>;
export type IncidentRow = Selectable<IncidentsTable>;
export type IncidentUpdateRow = Selectable<IncidentUpdatesTable>;

/** An incident's link to a component: which, its name and order, and the status the incident holds it at. */
export interface IncidentComponentRow {
  incident_id: string;
  component_id: string;
  name: string;
  position: number;
  status: ComponentStatus | null;
}

/** An incident that touched a component, for the day bars. */
export interface ComponentSpanRow {
  component_id: string;
  starts_at: string;
  resolved_at: string | null;
}

/** Keyset of incident lists: newest start first. */
export interface IncidentCursor {
  s: string;
  id: string;
}

/**
 * SQL of the status page: components and their status history, incidents and maintenance with their updates and
 * components. Pass a transaction's database to work inside it.
 */
export class StatusStore {
  constructor(private readonly db: Db) {}

  // ─── Components ─────────────────────────────────────────────────────────────────────────────────────────

  components(): Promise<ComponentRow[]> {
    return this.db.selectFrom('status_components').selectAll().orderBy('position').orderBy('name').execute();
  }

  component(id: string): Promise<ComponentRow | undefined> {
    return this.db.selectFrom('status_components').selectAll().where('id', '=', id).executeTakeFirst();
  }

  componentsById(ids: readonly string[]): Promise<ComponentRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.db.selectFrom('status_components').selectAll().where('id', 'in', ids).execute();
  }

  async nameTaken(name: string, exceptId?: string): Promise<boolean> {
    let q = this.db
      .selectFrom('status_components')
      .select('id')
      .where(sql<string>`lower(name)`, '=', name.toLowerCase());
    if (exceptId) q = q.where('id', '!=', exceptId);
    return (await q.executeTakeFirst()) !== undefined;
  }

  async nextPosition(): Promise<number> {
    const row = await this.db
      .selectFrom('status_components')
      .select((eb) => eb.fn.max('position').as('p'))
      .executeTakeFirst();
    return row?.p == null ? 0 : Number(row.p) + 1;
  }

  async insertComponent(row: Insertable<StatusComponentsTable>): Promise<void> {
    await this.db.insertInto('status_components').values(row).execute();
  }

  async updateComponent(id: string, set: Updateable<StatusComponentsTable>): Promise<void> {
    await this.db.updateTable('status_components').set(set).where('id', '=', id).execute();
  }

  async deleteComponent(id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('status_components').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }

  async insertEvent(row: { id: string; component_id: string; status: ComponentStatus; at: string }) {
    await this.db.insertInto('status_component_events').values(row).execute();
  }

  /**
   * Each component's status in force at `at` (its last change before then), or none when it did not exist yet:
   * one indexed probe per component (`status_component_events_component`).
   */
  async statusesAt(at: string): Promise<Map<string, ComponentStatus>> {
    const rows = await this.db
      .selectFrom('status_components as c')
      .select((eb) => [
        'c.id',
        eb
          .selectFrom('status_component_events as e')
          .select('e.status')
          .whereRef('e.component_id', '=', 'c.id')
          .where('e.at', '<', at)
          .orderBy('e.at', 'desc')
          .orderBy(sql`e.rowid`, 'desc')
          .limit(1)
          .as('status'),
      ])
      .execute();
    return new Map(rows.flatMap((r) => (r.status ? [[r.id, r.status as ComponentStatus] as const] : [])));
  }

  /** Every status change from `since` on, oldest first (`status_component_events_at`). */
  eventsSince(since: string): Promise<Array<{ component_id: string; status: ComponentStatus; at: string }>> {
    return (
      this.db
        .selectFrom('status_component_events')
        .select(['component_id', 'status', 'at'])
        .where('at', '>=', since)
        .orderBy('at')
        // Changes within one millisecond keep their order: the index's entries are (at, rowid).
        .orderBy(sql`rowid`)
        .execute()
    );
  }

  /** Incidents (not maintenance) open at some point since `since`, by component they touch. */
  incidentSpansSince(since: string, until: string): Promise<ComponentSpanRow[]> {
    return this.db
      .selectFrom('incidents')
      .innerJoin('incident_components', 'incident_components.incident_id', 'incidents.id')
      .select(['incident_components.component_id', 'incidents.starts_at', 'incidents.resolved_at'])
      .where('incidents.kind', '=', 'incident')
      .where('incidents.starts_at', '<=', until)
      .where((eb) =>
        eb.or([eb('incidents.resolved_at', 'is', null), eb('incidents.resolved_at', '>', since)]),
      )
      .execute();
  }

  // ─── Incidents ──────────────────────────────────────────────────────────────────────────────────────────

  incident(id: string): Promise<IncidentRow | undefined> {
    return this.db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /**
   * Incidents newest start first, after `after`: of a kind, open or not, starting within [from, to]. Each filter
   * has an index that keeps the order (`incidents_recent`, `incidents_kind`, `incidents_open`).
   */
  incidents(
    filter: {
      kind?: IncidentRow['kind'] | undefined;
      open?: boolean | undefined;
      from?: string | undefined;
      to?: string | undefined;
    },
    limit: number,
    after?: IncidentCursor,
  ): Promise<IncidentRow[]> {
    let q = this.db.selectFrom('incidents').selectAll();
    if (filter.kind) q = q.where('kind', '=', filter.kind);
    if (filter.open === true) q = q.where('resolved_at', 'is', null);
    if (filter.open === false) q = q.where('resolved_at', 'is not', null);
    if (filter.from) q = q.where('starts_at', '>=', filter.from);
    if (filter.to) q = q.where('starts_at', '<=', filter.to);
    if (after) {
      q = q.where((eb) =>
        eb.or([
          eb('starts_at', '<', after.s),
          eb.and([eb('starts_at', '=', after.s), eb('id', '<', after.id)]),
        ]),
      );
    }
    return q.orderBy('starts_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  /** Unresolved incidents and maintenance in progress, newest first (`incidents_open`). */
  active(): Promise<IncidentRow[]> {
    return this.db
      .selectFrom('incidents')
      .selectAll()
      .where('resolved_at', 'is', null)
      .where((eb) => eb.or([eb('kind', '=', 'incident'), eb('status', '=', 'in_progress')]))
      .orderBy('starts_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
  }

  /** Maintenance scheduled and not started, soonest first (`incidents_maintenance_due`). */
  upcoming(): Promise<IncidentRow[]> {
    return this.db
      .selectFrom('incidents')
      .selectAll()
      .where('kind', '=', 'maintenance')
      .where('status', '=', 'scheduled')
      .orderBy('starts_at')
      .execute();
  }

  /** Resolved or completed since `since`, newest first (`incidents_resolved`). */
  resolvedSince(since: string): Promise<IncidentRow[]> {
    return this.db
      .selectFrom('incidents')
      .selectAll()
      .where('resolved_at', 'is not', null)
      .where('resolved_at', '>=', since)
      .orderBy('resolved_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
  }

  /** Scheduled maintenance whose start has come (the job starts it). */
  maintenanceToStart(now: string): Promise<IncidentRow[]> {
    return this.db
      .selectFrom('incidents')
      .selectAll()
      .where('kind', '=', 'maintenance')
      .where('status', '=', 'scheduled')
      .where('starts_at', '<=', now)
      .orderBy('starts_at')
      .execute();
  }

  /** Maintenance in progress whose planned end has come (the job completes it). */
  maintenanceToComplete(now: string): Promise<IncidentRow[]> {
    return this.db
      .selectFrom('incidents')
      .selectAll()
      .where('kind', '=', 'maintenance')
      .where('status', '=', 'in_progress')
      .where('ends_at', '<=', now)
      .orderBy('starts_at')
      .execute();
  }

  /** The components of some incidents, in component order. */
  componentsOf(incidentIds: readonly string[]): Promise<IncidentComponentRow[]> {
    if (!incidentIds.length) return Promise.resolve([]);
    return this.db
      .selectFrom('incident_components')
      .innerJoin('status_components', 'status_components.id', 'incident_components.component_id')
      .select([
        'incident_components.incident_id',
        'incident_components.component_id',
        'incident_components.status',
        'status_components.name',
        'status_components.position',
      ])
      .where('incident_components.incident_id', 'in', incidentIds)
      .execute();
  }

  /** The updates of some incidents. */
  updatesOf(incidentIds: readonly string[]): Promise<IncidentUpdateRow[]> {
    if (!incidentIds.length) return Promise.resolve([]);
    return this.db
      .selectFrom('incident_updates')
      .selectAll()
      .where('incident_id', 'in', incidentIds)
      .execute();
  }

  async insertIncident(row: Insertable<IncidentsTable>): Promise<void> {
    await this.db.insertInto('incidents').values(row).execute();
  }

  /** Changes an incident; with `fromStatus`, only while it still has that status (true when it changed). */
  async updateIncident(
    id: string,
    set: Updateable<IncidentsTable>,
    fromStatus?: IncidentRow['status'],
  ): Promise<boolean> {
    let q = this.db.updateTable('incidents').set(set).where('id', '=', id);
    if (fromStatus) q = q.where('status', '=', fromStatus);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async deleteIncident(id: string): Promise<void> {
    await this.db.deleteFrom('incidents').where('id', '=', id).execute();
  }

  async insertUpdate(row: Insertable<IncidentUpdatesTable>): Promise<void> {
    await this.db.insertInto('incident_updates').values(row).execute();
  }

  async linkComponents(
    incidentId: string,
    links: ReadonlyArray<{ id: string; status: ComponentStatus | null }>,
  ) {
    if (!links.length) return;
    await this.db
      .insertInto('incident_components')
      .values(links.map((l) => ({ incident_id: incidentId, component_id: l.id, status: l.status })))
      .onConflict((oc) =>
        oc
          .columns(['incident_id', 'component_id'])
          .doUpdateSet({ status: (eb) => eb.ref('excluded.status') }),
      )
      .execute();
  }

  async unlinkComponents(incidentId: string, componentIds: readonly string[]): Promise<void> {
    if (!componentIds.length) return;
    await this.db
      .deleteFrom('incident_components')
      .where('incident_id', '=', incidentId)
      .where('component_id', 'in', componentIds)
      .execute();
  }

  /** Sets the status an incident holds all its components at. */
  async holdAt(incidentId: string, status: ComponentStatus | null): Promise<void> {
    await this.db
      .updateTable('incident_components')
      .set({ status })
      .where('incident_id', '=', incidentId)
      .execute();
  }

  /**
   * The statuses open incidents (and maintenance in progress) hold some components at, by component: what each
   * component must show at least.
   */
  async heldStatuses(componentIds: readonly string[]): Promise<Map<string, ComponentStatus[]>> {
    const out = new Map<string, ComponentStatus[]>();
    if (!componentIds.length) return out;
    const rows = await this.db
      .selectFrom('incident_components')
      .innerJoin('incidents', 'incidents.id', 'incident_components.incident_id')
      .select(['incident_components.component_id', 'incident_components.status'])
      .where('incident_components.component_id', 'in', componentIds)
      .where('incident_components.status', 'is not', null)
      .where('incidents.resolved_at', 'is', null)
      .where((eb) =>
        eb.or([eb('incidents.kind', '=', 'incident'), eb('incidents.status', '=', 'in_progress')]),
      )
      .execute();
    for (const row of rows) {
      const list = out.get(row.component_id) ?? [];
      list.push(row.status as ComponentStatus);
      out.set(row.component_id, list);
    }
    return out;
  }

  async insertAudit(row: Insertable<AuditLogTable>): Promise<void> {
    await this.db.insertInto('audit_log').values(row).execute();
  }
}
