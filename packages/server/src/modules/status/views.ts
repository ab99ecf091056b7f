import type {
  ComponentStatus,
  Incident,
  IncidentImpact,
  IncidentKind,
  IncidentStatus,
} from '@portico/sdk/contract';
import type { IncidentComponentRow, IncidentRow, IncidentUpdateRow } from './store.js';

/** The status an incident's impact puts its components in, unless staff say otherwise. */
export const IMPACT_STATUS: Record<IncidentImpact, ComponentStatus> = {
  none: 'operational',
  minor: 'degraded',
  major: 'partial_outage',
  critical: 'major_outage',
};

export const INCIDENT_STATUS_SET: ReadonlySet<string> = new Set([
  'investigating',
  'identified',
  'monitoring',
  'resolved',
]);
export const MAINTENANCE_STATUS_SET: ReadonlySet<string> = new Set(['scheduled', 'in_progress', 'completed']);

export const fitsKind = (kind: IncidentKind, status: IncidentStatus): boolean =>
  (kind === 'maintenance' ? MAINTENANCE_STATUS_SET : INCIDENT_STATUS_SET).has(status);

/** Resolved (an incident) or completed (maintenance): it holds no component any more. */
export const isClosed = (status: IncidentStatus): boolean => status === 'resolved' || status === 'completed';

/** Rows by a key, in their order. */
export function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

/** An incident as the contract shows it: its components in page order, its updates newest first. */
export function toIncident(
  row: IncidentRow,
  components: readonly IncidentComponentRow[],
  updates: readonly IncidentUpdateRow[],
): Incident {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    impact: row.impact,
    status: row.status,
    components: [...components]
      .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name))
      .map((c) => ({ id: c.component_id, name: c.name })),
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    resolvedAt: row.resolved_at,
    updates: [...updates]
      .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id))
      .map((u) => ({
        id: u.id,
        status: u.status as IncidentStatus,
        body: u.body,
        html: u.html,
        createdAt: u.created_at,
      })),
  };
}
