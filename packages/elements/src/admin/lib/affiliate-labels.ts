import type {
  AdminAffiliate,
  AffiliateStatus,
  CommissionStatus,
  LedgerBucket,
  LedgerKind,
  PayoutStatus,
} from '@portico/sdk/admin';
import type { TemplateResult } from 'lit';
import type { ConfirmOptions } from '../../lib/confirm-controller.js';
import { badge } from './form.js';
import type { AdminMessageKey, AdminTranslate } from './localize.js';

type Tone = 'good' | 'warn' | 'bad' | 'neutral';

const AFFILIATE: Record<AffiliateStatus, [AdminMessageKey, Tone]> = {
  pending: ['affStatusPending', 'warn'],
  active: ['affStatusActive', 'good'],
  rejected: ['affStatusRejected', 'bad'],
  suspended: ['affStatusSuspended', 'bad'],
};

const COMMISSION: Record<CommissionStatus, [AdminMessageKey, Tone]> = {
  pending: ['comStatusPending', 'warn'],
  payable: ['comStatusPayable', 'good'],
  reversed: ['comStatusReversed', 'bad'],
};

const PAYOUT: Record<PayoutStatus, [AdminMessageKey, Tone]> = {
  requested: ['payStatusRequested', 'warn'],
  approved: ['payStatusApproved', 'neutral'],
  paid: ['payStatusPaid', 'good'],
  credited: ['payStatusCredited', 'good'],
  rejected: ['payStatusRejected', 'bad'],
};

const KIND: Record<LedgerKind, AdminMessageKey> = {
  commission: 'ledgerCommission',
  cleared: 'ledgerCleared',
  reversal: 'ledgerReversal',
  payout_requested: 'ledgerPayoutRequested',
  payout_paid: 'ledgerPayoutPaid',
  payout_credited: 'ledgerPayoutCredited',
  payout_rejected: 'ledgerPayoutRejected',
  adjustment: 'ledgerAdjustment',
};

const BUCKET: Record<LedgerBucket, AdminMessageKey> = {
  pending: 'bucketPending',
  available: 'bucketAvailable',
  requested: 'bucketRequested',
  paid: 'bucketPaid',
};

/** The message key of an affiliate's status name. */
export const affiliateStatusKey = (s: AffiliateStatus): AdminMessageKey => AFFILIATE[s][0];
/** An affiliate's status as a badge. */
export const affiliateStatusBadge = (t: AdminTranslate, s: AffiliateStatus): TemplateResult =>
  badge(t(AFFILIATE[s][0]), AFFILIATE[s][1]);
/** The message key of a commission's status name. */
export const commissionStatusKey = (s: CommissionStatus): AdminMessageKey => COMMISSION[s][0];
/** A commission's status as a badge. */
export const commissionStatusBadge = (t: AdminTranslate, s: CommissionStatus): TemplateResult =>
  badge(t(COMMISSION[s][0]), COMMISSION[s][1]);
/** The message key of a payout's status name. */
export const payoutStatusKey = (s: PayoutStatus): AdminMessageKey => PAYOUT[s][0];
/** A payout's status as a badge. */
export const payoutStatusBadge = (t: AdminTranslate, s: PayoutStatus): TemplateResult =>
  badge(t(PAYOUT[s][0]), PAYOUT[s][1]);
/** What moved an amount in a ledger row. */
export const ledgerKindName = (t: AdminTranslate, k: LedgerKind) => t(KIND[k]);
/** The balance a ledger row moved an amount into or out of. */
export const bucketName = (t: AdminTranslate, b: LedgerBucket) => t(BUCKET[b]);

/** A status staff may move an affiliate to, with the button's text and whether it needs a confirmation. */
export interface StatusAction {
  status: 'active' | 'rejected' | 'suspended';
  label: AdminMessageKey;
  /** The button's accessible name, with `{name}`. */
  named: AdminMessageKey;
  danger: boolean;
}

const APPROVE: StatusAction = {
  status: 'active',
  label: 'affApprove',
  named: 'affApproveName',
  danger: false,
};
const REJECT: StatusAction = { status: 'rejected', label: 'affReject', named: 'affRejectName', danger: true };
const SUSPEND: StatusAction = {
  status: 'suspended',
  label: 'affSuspend',
  named: 'affSuspendName',
  danger: true,
};
const REACTIVATE: StatusAction = {
  status: 'active',
  label: 'affReactivate',
  named: 'affReactivateName',
  danger: false,
};

/** What staff may do with an affiliate in `status`: approve or reject a pending one, and so on. */
export function statusActions(status: AdminAffiliate['status']): StatusAction[] {
  switch (status) {
    case 'pending':
      return [APPROVE, REJECT];
    case 'active':
      return [SUSPEND];
    default:
      return [REACTIVATE];
  }
}

/** The confirmation a status change asks for (rejecting, suspending), about the affiliate `name`; else none. */
export function statusConfirm(
  t: AdminTranslate,
  action: StatusAction,
  name: string,
): ConfirmOptions | undefined {
  if (!action.danger) return undefined;
  const rejecting = action.status === 'rejected';
  return {
    title: t(rejecting ? 'affRejectTitle' : 'affSuspendTitle', { name }),
    body: t(rejecting ? 'affRejectBody' : 'affSuspendBody'),
    confirm: t(action.label),
    danger: true,
  };
}

/** The notice after a status change, by the new status. */
export const statusNotice = (status: AffiliateStatus): AdminMessageKey =>
  status === 'active' ? 'affNowActive' : status === 'rejected' ? 'affNowRejected' : 'affNowSuspended';
