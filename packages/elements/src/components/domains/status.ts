import type { Domain, DomainStatus } from '@portico/sdk';
import type { TemplateResult } from 'lit';
import { badge } from '../../lib/fields.js';
import type { Translate } from '../../lib/form.js';
import type { MessageKey } from '../../lib/localize.js';

/** A domain status's name. */
export const DOMAIN_STATUS_KEYS: Record<DomainStatus, MessageKey> = {
  pending: 'domStatusPending',
  provisioning: 'domStatusProvisioning',
  failed: 'domStatusFailed',
  active: 'domStatusActive',
  expired: 'domStatusExpired',
  cancelled: 'domStatusCancelled',
};

/** Expired and failed domains stand out; the badge's text always says the status too. */
const TONES = {
  pending: 'warn',
  provisioning: 'neutral',
  failed: 'bad',
  active: 'good',
  expired: 'bad',
  cancelled: 'neutral',
} as const;

/** The status badge of a domain. */
export const domainBadge = (t: Translate, domain: Pick<Domain, 'status'>): TemplateResult =>
  badge(t(DOMAIN_STATUS_KEYS[domain.status]), TONES[domain.status]);

const DAY = 86_400_000;
/** How close an expiry must be to be pointed out. */
const SOON_DAYS = 30;

/** Calendar days (the reader's) from `now` to `iso`: 0 for later today, 1 for tomorrow, negative once past. */
export function daysUntil(iso: string, now: Date = new Date()): number {
  const date = new Date(iso);
  const startOf = (d: Date) => Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
  return Math.round((startOf(date) - startOf(now)) / DAY);
}

/** "Expires in N days" for an active domain whose expiry is within 30 days; else undefined. */
export function expirySoon(t: Translate, domain: Pick<Domain, 'status' | 'expiresAt'>): string | undefined {
  if (domain.status !== 'active' || !domain.expiresAt) return undefined;
  const days = daysUntil(domain.expiresAt);
  if (days < 0 || days > SOON_DAYS || new Date(domain.expiresAt).getTime() < Date.now()) return undefined;
  if (days === 0) return t('domExpiresToday');
  if (days === 1) return t('domExpiresTomorrow');
  return t('domExpiresInDays', { days });
}

/** Shows the Unicode form of a domain, and the ASCII form beside it when they differ (for the IDN). */
export const asciiIfDifferent = (domain: Pick<Domain, 'domain' | 'unicode'>): string | undefined =>
  domain.unicode !== domain.domain ? domain.domain : undefined;
