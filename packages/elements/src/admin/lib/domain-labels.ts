import type { DomainTask } from '@portico/sdk/admin';
import { DOMAIN_STATUSES, type DomainNameProblem, type DomainStatus } from '@portico/sdk/contract';
import { badge } from './form.js';
import type { AdminMessageKey, AdminTranslate } from './localize.js';

type Tone = 'good' | 'warn' | 'bad' | 'neutral';

/** Every domain status, in the contract's order (for the filter). */
export const DOMAIN_STATUS_LIST: readonly DomainStatus[] = DOMAIN_STATUSES;

const domainStatus: Record<DomainStatus, [AdminMessageKey, Tone]> = {
  pending: ['domainStatusPending', 'neutral'],
  provisioning: ['domainStatusProvisioning', 'warn'],
  failed: ['domainStatusFailed', 'bad'],
  active: ['domainStatusActive', 'good'],
  expired: ['domainStatusExpired', 'bad'],
  cancelled: ['domainStatusCancelled', 'neutral'],
};

const taskStatus: Record<DomainTask['status'], [AdminMessageKey, Tone]> = {
  queued: ['taskStatusQueued', 'neutral'],
  running: ['taskStatusRunning', 'warn'],
  failed: ['taskStatusFailed', 'bad'],
  done: ['taskStatusDone', 'good'],
};

const taskKinds: Record<DomainTask['kind'], AdminMessageKey> = {
  register: 'taskKindRegister',
  transfer: 'taskKindTransfer',
  renew: 'taskKindRenew',
};

const problems: Record<DomainNameProblem, AdminMessageKey> = {
  empty: 'domainProblemEmpty',
  bad_character: 'domainProblemBadCharacter',
  space: 'domainProblemSpace',
  empty_label: 'domainProblemEmptyLabel',
  label_too_long: 'domainProblemLabelTooLong',
  too_long: 'domainProblemTooLong',
  hyphen_edge: 'domainProblemHyphenEdge',
  reserved_hyphens: 'domainProblemReservedHyphens',
  bad_punycode: 'domainProblemBadPunycode',
  leading_mark: 'domainProblemLeadingMark',
  numeric_tld: 'domainProblemNumericTld',
  missing_tld: 'domainProblemMissingTld',
  subdomain: 'domainProblemSubdomain',
  unknown_tld: 'domainProblemUnknownTld',
};

/** The message key of a domain status's name. */
export const domainStatusKey = (s: DomainStatus) => domainStatus[s][0];

/** A domain's status as a badge (failed and expired stand out). */
export const domainBadge = (t: AdminTranslate, s: DomainStatus) =>
  badge(t(domainStatus[s][0]), domainStatus[s][1]);

/** A registrar task's status as a badge. */
export const taskBadge = (t: AdminTranslate, s: DomainTask['status']) =>
  badge(t(taskStatus[s][0]), taskStatus[s][1]);

/** What a registrar task does ("Registration"). */
export const taskKindName = (t: AdminTranslate, kind: DomainTask['kind']) => t(taskKinds[kind]);

/** Why a typed host name is not valid, in the reader's language. */
export const domainProblemMessage = (t: AdminTranslate, problem: DomainNameProblem) => t(problems[problem]);

/** "1 year", "3 years". */
export const yearsName = (t: AdminTranslate, n: number) => (n === 1 ? t('yearsOne') : t('yearsMany', { n }));
