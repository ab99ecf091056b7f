import type { Service, ServiceStatus } from '@portico/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { badge } from '../../lib/fields.js';
import type { Translate } from '../../lib/form.js';
import type { MessageKey } from '../../lib/localize.js';

/** A service status's name. */
export const SERVICE_STATUS_KEYS: Record<ServiceStatus, MessageKey> = {
  active: 'serviceStatusActive',
  pending: 'serviceStatusPending',
  suspended: 'serviceStatusSuspended',
  cancelled: 'serviceStatusCancelled',
};

const TONES = { active: 'good', pending: 'warn', suspended: 'bad', cancelled: 'neutral' } as const;

/** The status badge of a service, and "Cancellation requested" beside it while a request waits. */
export function serviceBadges(t: Translate, service: Service): TemplateResult {
  const pending = service.cancellation?.status === 'pending';
  return html`${badge(t(SERVICE_STATUS_KEYS[service.status]), TONES[service.status])}${
    pending ? html` ${badge(t('serviceCancellationPending'), 'warn')}` : nothing
  }`;
}
