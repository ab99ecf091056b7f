import { COMPONENT_STATUSES, type ComponentStatus, type StatusDay } from '@portico/sdk/contract';

/** Days of history the status page shows: today and the 89 before it (UTC). */
export const HISTORY_DAYS = 90;
export const DAY_MS = 86_400_000;

/** How bad a status is: `operational` 0 … `major_outage` 4 (the contract lists them worst last). */
export const rank = (status: ComponentStatus): number => COMPONENT_STATUSES.indexOf(status);

export const worse = (a: ComponentStatus, b: ComponentStatus): ComponentStatus => (rank(b) > rank(a) ? b : a);

/** The worst of some statuses; `operational` for none. */
export const worstOf = (statuses: Iterable<ComponentStatus>): ComponentStatus => {
  let out: ComponentStatus = 'operational';
  for (const status of statuses) out = worse(out, status);
  return out;
};

/** Tenths of downtime a millisecond in each status counts for: a major outage fully, a partial one 30 %. */
const DOWN_TENTHS: Record<ComponentStatus, number> = {
  operational: 0,
  maintenance: 0,
  degraded: 0,
  partial_outage: 3,
  major_outage: 10,
};

/** Midnight UTC that starts the 90-day window ending today. */
export function windowStart(now: Date): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(today - (HISTORY_DAYS - 1) * DAY_MS);
}

/** A status a component took, and when. */
export interface StatusEvent {
  status: ComponentStatus;
  at: string;
}

/** An incident touching a component: from its start to its resolution (open: to now). */
export interface IncidentSpan {
  startsAt: string;
  resolvedAt: string | null;
}

export interface HistoryInput {
  now: Date;
  /** The status in force when the window starts; null when the component did not exist yet (operational). */
  inForce: ComponentStatus | null;
  /** The component's status changes from the window's start to now, oldest first. */
  events: readonly StatusEvent[];
  incidents: readonly IncidentSpan[];
}

/**
 * A component's last 90 days, oldest first, and its uptime over them. A day's status is the worst the component
 * held during it: the one in force at midnight and every one it took that day. Uptime is the share of the window
 * so far (midnight 89 days ago to now) not lost, a major outage losing all of its time and a partial outage 30 %;
 * it is cut (not rounded) to 2 decimals, so any downtime at all reads below 100.
 */
export function componentHistory(input: HistoryInput): { days: StatusDay[]; uptime: number } {
  const start = windowStart(input.now).getTime();
  const nowMs = input.now.getTime();
  const events = input.events.map((e) => ({
    status: e.status,
    at: Math.min(Math.max(Date.parse(e.at), start), nowMs),
  }));
  const spans = input.incidents.map((i) => ({
    from: Date.parse(i.startsAt),
    to: i.resolvedAt ? Date.parse(i.resolvedAt) : nowMs,
  }));

  const days: StatusDay[] = [];
  let current: ComponentStatus = input.inForce ?? 'operational';
  let next = 0;
  for (let d = 0; d < HISTORY_DAYS; d++) {
    const dayStart = start + d * DAY_MS;
    const dayEnd = dayStart + DAY_MS;
    let status = current;
    while (next < events.length && events[next]!.at < dayEnd) {
      current = events[next]!.status;
      status = worse(status, current);
      next++;
    }
    days.push({
      date: new Date(dayStart).toISOString().slice(0, 10),
      status,
      incidents: spans.filter((s) => s.from < dayEnd && s.to > dayStart).length,
    });
  }

  // Whole tenths of milliseconds, so the sum is exact; the division is done in integers too.
  const total = (nowMs - start) * 10;
  let lost = 0;
  let status: ComponentStatus = input.inForce ?? 'operational';
  let from = start;
  for (const event of events) {
    lost += DOWN_TENTHS[status] * (event.at - from);
    from = event.at;
    status = event.status;
  }
  lost += DOWN_TENTHS[status] * (nowMs - from);
  if (total <= 0 || lost === 0) return { days, uptime: 100 };
  const kept = (total - lost) * 10_000;
  const hundredths = (kept - (kept % total)) / total;
  return { days, uptime: hundredths / 100 };
}
