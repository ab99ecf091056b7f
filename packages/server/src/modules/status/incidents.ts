import type {
  ComponentStatus,
  Incident,
  IncidentEditSchema,
  IncidentInputSchema,
  IncidentStatus,
  IncidentUpdateInputSchema,
} from '@portico/sdk/contract';
import type { Updateable } from 'kysely';
import type * as z from 'zod';
import type { Db } from '../../db/database.js';
import type { IncidentsTable } from '../../db/schema.js';
import type { Clock, IdGenerator } from '../../deps.js';
import type { AuditActor, AuditLog, AuditOrigin } from '../audit/audit-log.js';
import { staffActor } from '../audit/staff-record.js';
import { renderMarkdown } from '../content/markdown.js';
import type { StaffChange } from '../settings/service.js';
import { StatusErrors } from './errors.js';
import { toInstant } from './instant.js';
import type { StatusService } from './service.js';
import { settleComponents } from './settle.js';
import { type IncidentRow, StatusStore } from './store.js';
import { fitsKind, IMPACT_STATUS, isClosed } from './views.js';

type IncidentInput = z.output<typeof IncidentInputSchema>;
type IncidentEdit = z.output<typeof IncidentEditSchema>;
type UpdateInput = z.output<typeof IncidentUpdateInputSchema>;

export interface IncidentsDeps {
  db: Db;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditLog;
  status: StatusService;
}

/** What the maintenance job did in one pass. */
export interface MaintenanceCounts {
  maintenanceStarted: number;
  maintenanceCompleted: number;
}

/** The words of the updates the job posts by itself. */
const AUTOMATIC = {
  started: 'The scheduled maintenance has started.',
  completed: 'The scheduled maintenance is complete.',
} as const;

/**
 * Incidents and maintenance as staff run them, and the job that starts and ends maintenance on time.
 *
 * Each incident holds its components at a status (`incident_components.status`): an incident's `componentStatus`,
 * else what its impact means; maintenance's `componentStatus`, else `maintenance`. An incident holds them while it
 * is unresolved, maintenance while it is in progress. A component shows the worst status held on it; when nothing
 * holds it any more it is back to `operational` (`settleComponents`). Every change commits in one transaction with
 * its update entry, the component statuses and history events it causes, and its audit entry.
 */
export class Incidents {
  readonly #d: IncidentsDeps;

  constructor(deps: IncidentsDeps) {
    this.#d = deps;
  }

  #audit(actor: AuditActor, origin: AuditOrigin | undefined, action: string, id: string, details: object) {
    return this.#d.audit.row({
      actor,
      action,
      target: { type: 'incident', id },
      ...(origin && { origin }),
      details: { ...details },
    });
  }

  /** Component ids that exist, in the order given without repeats; an unknown one is a field error. */
  async #components(store: StatusStore, ids: readonly string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    const found = new Set((await store.componentsById(unique)).map((c) => c.id));
    const missing = ids.findIndex((id) => !found.has(id));
    if (missing >= 0) throw StatusErrors.field(`componentIds.${missing}`, 'There is no such component');
    return unique;
  }

  #update(incidentId: string, status: IncidentStatus, message: string, at: string) {
    const rendered = renderMarkdown(message, { kind: 'document' });
    return {
      id: this.#d.ids('inu'),
      incident_id: incidentId,
      status,
      body: message,
      html: rendered.html,
      created_at: at,
    };
  }

  /** Opens an incident (from now, or a start already past) or schedules maintenance, with its first update. */
  async create(input: IncidentInput, change: StaffChange): Promise<Incident> {
    const now = this.#d.clock.now().toISOString();
    const kind = input.kind;
    const status: IncidentStatus = input.status ?? (kind === 'maintenance' ? 'scheduled' : 'investigating');
    if (!fitsKind(kind, status)) throw StatusErrors.statusOfOtherKind(kind);
    let startsAt = now;
    let endsAt: string | null = null;
    if (kind === 'incident') {
      if (input.endsAt !== undefined)
        throw StatusErrors.field('endsAt', 'Only maintenance has a planned end');
      if (input.startsAt !== undefined) {
        startsAt = toInstant(input.startsAt);
        if (startsAt > now) throw StatusErrors.field('startsAt', 'An incident cannot start in the future');
      }
    } else {
      startsAt = toInstant(input.startsAt ?? now);
      endsAt = toInstant(input.endsAt ?? now);
    }
    const hold: ComponentStatus =
      input.componentStatus ?? (kind === 'maintenance' ? 'maintenance' : IMPACT_STATUS[input.impact]);
    const id = this.#d.ids('inc');
    await this.#d.db.transaction().execute(async (trx) => {
      const store = new StatusStore(trx);
      const componentIds = await this.#components(store, input.componentIds);
      await store.insertIncident({
        id,
        kind,
        title: input.title,
        impact: input.impact,
        status,
        starts_at: startsAt,
        ends_at: endsAt,
        resolved_at: isClosed(status) ? now : null,
        created_at: now,
        updated_at: now,
      });
      await store.linkComponents(
        id,
        componentIds.map((componentId) => ({ id: componentId, status: hold })),
      );
      await store.insertUpdate(this.#update(id, status, input.message, now));
      await settleComponents(store, this.#d.ids, componentIds, now);
      await store.insertAudit(
        this.#audit(staffActor(change), change.origin, 'incident.created', id, {
          kind,
          title: input.title,
          impact: input.impact,
          status,
          componentIds,
        }),
      );
    });
    // Maintenance scheduled with a start (or an end) already past moves on at once rather than at the next pass.
    if (kind === 'maintenance') await this.runJob();
    return this.#d.status.getIncident(id);
  }

  async #find(store: StatusStore, id: string): Promise<IncidentRow> {
    const row = await store.incident(id);
    if (!row) throw StatusErrors.notFound('incident');
    return row;
  }

  /**
   * Posts an update. Its status must be of the incident's kind (400 VALIDATION_FAILED). Resolving or completing
   * releases the components (to `operational`, or to the worst status another open incident holds them at);
   * reopening holds them again; `componentStatus` changes the status it holds them at.
   */
  async addUpdate(id: string, input: UpdateInput, change: StaffChange): Promise<Incident> {
    const now = this.#d.clock.now().toISOString();
    await this.#d.db.transaction().execute(async (trx) => {
      const store = new StatusStore(trx);
      const current = await this.#find(store, id);
      if (!fitsKind(current.kind, input.status)) throw StatusErrors.statusOfOtherKind(current.kind);
      const closed = isClosed(input.status);
      const set: Updateable<IncidentsTable> = { status: input.status, updated_at: now };
      if (closed && !current.resolved_at) set.resolved_at = now;
      if (!closed) set.resolved_at = null;
      await store.updateIncident(id, set);
      if (input.componentStatus && !closed) await store.holdAt(id, input.componentStatus);
      await store.insertUpdate(this.#update(id, input.status, input.message, now));
      const components = await store.componentsOf([id]);
      await settleComponents(
        store,
        this.#d.ids,
        components.map((c) => c.component_id),
        now,
      );
      await store.insertAudit(
        this.#audit(staffActor(change), change.origin, 'incident.updated', id, {
          from: current.status,
          to: input.status,
          ...(input.componentStatus && { componentStatus: input.componentStatus }),
        }),
      );
    });
    return this.#d.status.getIncident(id);
  }

  /**
   * Changes the title, impact (an incident's components follow the new impact), components (new ones are held as
   * the others are; removed ones are released) or schedule.
   */
  async edit(id: string, input: IncidentEdit, change: StaffChange): Promise<Incident> {
    const now = this.#d.clock.now().toISOString();
    let kind = 'incident' as IncidentRow['kind'];
    await this.#d.db.transaction().execute(async (trx) => {
      const store = new StatusStore(trx);
      const current = await this.#find(store, id);
      kind = current.kind;
      const set: Updateable<IncidentsTable> = {};
      if (input.title !== undefined) set.title = input.title;
      if (input.impact !== undefined) set.impact = input.impact;
      if (input.startsAt !== undefined) set.starts_at = toInstant(input.startsAt);
      if (input.endsAt !== undefined) set.ends_at = input.endsAt === null ? null : toInstant(input.endsAt);
      if (current.kind === 'incident') {
        if (set.ends_at) throw StatusErrors.field('endsAt', 'Only maintenance has a planned end');
        if (set.starts_at && set.starts_at > now)
          throw StatusErrors.field('startsAt', 'An incident cannot start in the future');
      } else {
        if (input.endsAt === null) throw StatusErrors.field('endsAt', 'Maintenance needs an end');
        const starts = set.starts_at ?? current.starts_at;
        const ends = set.ends_at ?? current.ends_at;
        if (ends && ends <= starts) throw StatusErrors.field('endsAt', 'The end must be after the start');
      }

      const links = await store.componentsOf([id]);
      const before = links.map((l) => l.component_id);
      let hold: ComponentStatus =
        links[0]?.status ?? (current.kind === 'maintenance' ? 'maintenance' : IMPACT_STATUS[current.impact]);
      if (current.kind === 'incident' && input.impact !== undefined && input.impact !== current.impact) {
        hold = IMPACT_STATUS[input.impact];
        await store.holdAt(id, hold);
      }
      let after = before;
      if (input.componentIds !== undefined) {
        after = await this.#components(store, input.componentIds);
        const keep = new Set(after);
        await store.unlinkComponents(
          id,
          before.filter((c) => !keep.has(c)),
        );
        const had = new Set(before);
        await store.linkComponents(
          id,
          after.filter((c) => !had.has(c)).map((c) => ({ id: c, status: hold })),
        );
      }
      const changedComponents = input.componentIds !== undefined;
      if (!Object.keys(set).length && !changedComponents) return;
      if (Object.keys(set).length) await store.updateIncident(id, { ...set, updated_at: now });
      await settleComponents(store, this.#d.ids, [...before, ...after], now);
      await store.insertAudit(
        this.#audit(staffActor(change), change.origin, 'incident.edited', id, {
          fields: [...Object.keys(set), ...(changedComponents ? ['componentIds'] : [])],
          ...(changedComponents && { componentIds: after }),
        }),
      );
    });
    if (kind === 'maintenance') await this.runJob();
    return this.#d.status.getIncident(id);
  }

  /** Deletes an incident posted in error: its components are released. Their history keeps what was shown. */
  async remove(id: string, change: StaffChange): Promise<void> {
    const now = this.#d.clock.now().toISOString();
    await this.#d.db.transaction().execute(async (trx) => {
      const store = new StatusStore(trx);
      const current = await this.#find(store, id);
      const components = (await store.componentsOf([id])).map((c) => c.component_id);
      await store.deleteIncident(id);
      await settleComponents(store, this.#d.ids, components, now);
      await store.insertAudit(
        this.#audit(staffActor(change), change.origin, 'incident.deleted', id, {
          kind: current.kind,
          title: current.title,
        }),
      );
    });
  }

  /**
   * One pass of the maintenance job: scheduled maintenance whose start has come goes in progress (its components
   * to `maintenance`), maintenance in progress whose end has come is completed (its components released), each
   * with an update entry. A conditional update makes each step happen once however many passes run at once.
   */
  async runJob(): Promise<MaintenanceCounts> {
    const counts: MaintenanceCounts = { maintenanceStarted: 0, maintenanceCompleted: 0 };
    const system: AuditActor = { type: 'system', label: 'status job' };
    const step = async (row: IncidentRow, from: 'scheduled' | 'in_progress') => {
      const to = from === 'scheduled' ? 'in_progress' : 'completed';
      const now = this.#d.clock.now().toISOString();
      return this.#d.db.transaction().execute(async (trx) => {
        const store = new StatusStore(trx);
        const set: Updateable<IncidentsTable> = { status: to, updated_at: now };
        if (to === 'completed') set.resolved_at = now;
        if (!(await store.updateIncident(row.id, set, from))) return false;
        await store.insertUpdate(
          this.#update(row.id, to, to === 'in_progress' ? AUTOMATIC.started : AUTOMATIC.completed, now),
        );
        const components = (await store.componentsOf([row.id])).map((c) => c.component_id);
        await settleComponents(store, this.#d.ids, components, now);
        await store.insertAudit(
          this.#audit(
            system,
            undefined,
            to === 'in_progress' ? 'incident.maintenance_started' : 'incident.maintenance_completed',
            row.id,
            {},
          ),
        );
        return true;
      });
    };
    const reader = new StatusStore(this.#d.db);
    for (const row of await reader.maintenanceToStart(this.#d.clock.now().toISOString())) {
      if (await step(row, 'scheduled')) counts.maintenanceStarted++;
    }
    for (const row of await reader.maintenanceToComplete(this.#d.clock.now().toISOString())) {
      if (await step(row, 'in_progress')) counts.maintenanceCompleted++;
    }
    return counts;
  }
}
