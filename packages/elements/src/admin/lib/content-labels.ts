import type {
  AdminAnnouncement,
  AdminClient,
  AdminStatusComponent,
  ArticleStatus,
  ComponentStatus,
  IncidentImpact,
  IncidentKind,
  IncidentStatus,
} from '@portico/sdk/admin';
import { COMPONENT_STATUSES, INCIDENT_STATUSES, MAINTENANCE_STATUSES } from '@portico/sdk/contract';
import type { TemplateResult } from 'lit';
import { badge, checkboxField } from './form.js';
import type { AdminMessageKey, AdminTranslate } from './localize.js';

/** A whole number typed from 0 to 100000, null when empty, undefined when not one. */
export function positionOf(text: string | undefined): number | null | undefined {
  const s = (text ?? '').trim();
  if (!s) return null;
  if (!/^\d{1,6}$/.test(s)) return undefined;
  const n = Number(s);
  return n <= 100_000 ? n : undefined;
}

/** The components an incident touches, as checkboxes named `component.<id>`. */
export function componentChecks(
  components: readonly AdminStatusComponent[],
  checked: (id: string) => boolean,
  onChange: (event: Event) => void,
) {
  return components.map((c) =>
    checkboxField({ name: `component.${c.id}`, label: c.name, checked: checked(c.id), onChange }),
  );
}

/** The five component statuses in words, best first. */
export const componentStatusKey = (status: ComponentStatus): AdminMessageKey =>
  (
    ({
      operational: 'componentOperational',
      maintenance: 'componentMaintenance',
      degraded: 'componentDegraded',
      partial_outage: 'componentPartialOutage',
      major_outage: 'componentMajorOutage',
    }) as const
  )[status];

/** The component statuses as drop-down options, best first. */
export const componentStatusOptions = (t: AdminTranslate) =>
  COMPONENT_STATUSES.map((status) => ({ value: status, label: t(componentStatusKey(status)) }));

/** A component status as a badge: green when operational, amber for maintenance or degraded, red for outages. */
export function componentBadge(t: AdminTranslate, status: ComponentStatus): TemplateResult {
  const tone =
    status === 'operational'
      ? 'good'
      : status === 'maintenance'
        ? 'neutral'
        : status === 'degraded'
          ? 'warn'
          : 'bad';
  return badge(t(componentStatusKey(status)), tone);
}

export const incidentStatusKey = (status: IncidentStatus): AdminMessageKey =>
  (
    ({
      investigating: 'incidentInvestigating',
      identified: 'incidentIdentified',
      monitoring: 'incidentMonitoring',
      resolved: 'incidentResolved',
      scheduled: 'maintenanceScheduled',
      in_progress: 'maintenanceInProgress',
      completed: 'maintenanceCompleted',
    }) as const
  )[status];

/** The statuses an incident (or a maintenance) moves through, in order. */
export const statusesOfKind = (kind: IncidentKind): readonly IncidentStatus[] =>
  kind === 'maintenance' ? MAINTENANCE_STATUSES : INCIDENT_STATUSES;

/** Whether an incident or maintenance with `status` is over. */
export const isClosed = (status: IncidentStatus) => status === 'resolved' || status === 'completed';

export function incidentBadge(t: AdminTranslate, status: IncidentStatus): TemplateResult {
  return badge(
    t(incidentStatusKey(status)),
    isClosed(status) ? 'good' : status === 'scheduled' ? 'neutral' : 'warn',
  );
}

const IMPACT_KEYS = {
  none: 'impactNone',
  minor: 'impactMinor',
  major: 'impactMajor',
  critical: 'impactCritical',
} as const satisfies Record<IncidentImpact, AdminMessageKey>;

export const impactKey = (impact: IncidentImpact): AdminMessageKey => IMPACT_KEYS[impact];

export const IMPACTS = ['none', 'minor', 'major', 'critical'] as const satisfies readonly IncidentImpact[];

export const kindKey = (kind: IncidentKind): AdminMessageKey =>
  kind === 'maintenance' ? 'kindMaintenance' : 'kindIncident';

export function articleBadge(t: AdminTranslate, status: ArticleStatus): TemplateResult {
  return status === 'published' ? badge(t('articlePublished'), 'good') : badge(t('articleDraft'), 'neutral');
}

/** Where an announcement stands: a draft, scheduled (to come out later) or published. */
export type AnnouncementState = 'draft' | 'scheduled' | 'published';

export function announcementState(a: Pick<AdminAnnouncement, 'publishedAt'>, now: number): AnnouncementState {
  if (!a.publishedAt) return 'draft';
  return Date.parse(a.publishedAt) > now ? 'scheduled' : 'published';
}

/** An announcement's state as a badge with its date: "Draft", "Scheduled · 3 Mar, 09:00", "Published · …". */
export function announcementBadge(
  t: AdminTranslate,
  a: Pick<AdminAnnouncement, 'publishedAt'>,
  state: AnnouncementState,
  when: (iso: string) => string,
): TemplateResult {
  if (state === 'draft' || !a.publishedAt) return badge(t('announcementDraft'), 'neutral');
  return state === 'scheduled'
    ? badge(t('announcementScheduledAt', { date: when(a.publishedAt) }), 'warn')
    : badge(t('announcementPublishedAt', { date: when(a.publishedAt) }), 'good');
}

/**
 * A URL-safe name made from a title, as the server makes one: lower-case ASCII letters and digits with single
 * hyphens (accents dropped), at most 80 characters.
 */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

/**
 * Where clients see the portal, when the console can tell: the business's own portal page when set, else the
 * hosted portal (the verified custom domain, else this server). Only roles that read the settings can tell; for
 * the others, and when the settings cannot be read, null (pages then offer no "View on portal" link).
 */
export async function portalUrlOf(admin: AdminClient, canReadSettings: boolean): Promise<string | null> {
  if (!canReadSettings) return null;
  try {
    const s = await admin.settings.get();
    const hosted = s.customDomain?.status === 'verified' ? `https://${s.customDomain.domain}` : admin.baseUrl;
    return (s.portalUrl ?? hosted).replace(/\/+$/, '');
  } catch {
    return null;
  }
}

/** Where a published article is shown in the hosted portal's knowledge base (`/kb`, `<portal-kb>`'s hash). */
export const portalArticleUrl = (portal: string, slug: string) =>
  `${portal}/kb#kb/article/${encodeURIComponent(slug)}`;

/** Where a published announcement is shown in the hosted portal (`/announcements`, `<portal-announcements>`'s hash). */
export const portalAnnouncementUrl = (portal: string, slug: string) =>
  `${portal}/announcements#announcement/${encodeURIComponent(slug)}`;
