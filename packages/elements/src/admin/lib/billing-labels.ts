import type {
  BillingCycle,
  CancellationInput,
  InvoiceStatus,
  OrderStatus,
  PaymentStatus,
  ServiceStatus,
} from '@portico/sdk/admin';
import { BILLING_CYCLES } from '@portico/sdk/contract';
import { badge } from './form.js';
import type { AdminMessageKey, AdminTranslate } from './localize.js';

type Tone = 'good' | 'warn' | 'bad' | 'neutral';
type CancellationStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn';

export const INVOICE_STATUSES: readonly InvoiceStatus[] = [
  'draft',
  'unpaid',
  'overdue',
  'paid',
  'cancelled',
  'refunded',
];
export const ORDER_STATUSES: readonly OrderStatus[] = ['pending', 'active', 'cancelled'];
export const SERVICE_STATUSES: readonly ServiceStatus[] = ['pending', 'active', 'suspended', 'cancelled'];
export const CANCELLATION_STATUSES: readonly CancellationStatus[] = [
  'pending',
  'approved',
  'rejected',
  'withdrawn',
];

const invoiceStatus: Record<InvoiceStatus, [AdminMessageKey, Tone]> = {
  draft: ['invoiceStatusDraft', 'neutral'],
  unpaid: ['invoiceStatusUnpaid', 'warn'],
  overdue: ['invoiceStatusOverdue', 'bad'],
  paid: ['invoiceStatusPaid', 'good'],
  cancelled: ['invoiceStatusCancelled', 'neutral'],
  refunded: ['invoiceStatusRefunded', 'neutral'],
};
const orderStatus: Record<OrderStatus, [AdminMessageKey, Tone]> = {
  pending: ['orderStatusPending', 'warn'],
  active: ['orderStatusActive', 'good'],
  cancelled: ['orderStatusCancelled', 'neutral'],
};
const serviceStatus: Record<ServiceStatus, [AdminMessageKey, Tone]> = {
  pending: ['serviceStatusPending', 'warn'],
  active: ['serviceStatusActive', 'good'],
  suspended: ['serviceStatusSuspended', 'bad'],
  cancelled: ['serviceStatusCancelled', 'neutral'],
};
const cancellationStatus: Record<CancellationStatus, [AdminMessageKey, Tone]> = {
  pending: ['cancellationStatusPending', 'warn'],
  approved: ['cancellationStatusApproved', 'good'],
  rejected: ['cancellationStatusRejected', 'bad'],
  withdrawn: ['cancellationStatusWithdrawn', 'neutral'],
};
const paymentStatus: Record<PaymentStatus, [AdminMessageKey, Tone]> = {
  pending: ['paymentStatusPending', 'warn'],
  succeeded: ['paymentStatusSucceeded', 'good'],
  failed: ['paymentStatusFailed', 'bad'],
  refunded: ['paymentStatusRefunded', 'neutral'],
};

const cycles: Record<BillingCycle, AdminMessageKey> = {
  one_time: 'cycleOneTime',
  monthly: 'cycleMonthly',
  quarterly: 'cycleQuarterly',
  semiannual: 'cycleSemiannual',
  annual: 'cycleAnnual',
  biennial: 'cycleBiennial',
};

/** Every billing cycle, in the contract's order. */
export const CYCLES: readonly BillingCycle[] = BILLING_CYCLES;

/** The message key of a status's name. */
export const invoiceStatusKey = (s: InvoiceStatus) => invoiceStatus[s][0];
export const orderStatusKey = (s: OrderStatus) => orderStatus[s][0];
export const serviceStatusKey = (s: ServiceStatus) => serviceStatus[s][0];
export const cancellationStatusKey = (s: CancellationStatus) => cancellationStatus[s][0];

/** A status as a badge (the word says it; the colour only helps). */
export const invoiceBadge = (t: AdminTranslate, s: InvoiceStatus) =>
  badge(t(invoiceStatus[s][0]), invoiceStatus[s][1]);
export const orderBadge = (t: AdminTranslate, s: OrderStatus) =>
  badge(t(orderStatus[s][0]), orderStatus[s][1]);
export const serviceBadge = (t: AdminTranslate, s: ServiceStatus) =>
  badge(t(serviceStatus[s][0]), serviceStatus[s][1]);
export const cancellationBadge = (t: AdminTranslate, s: CancellationStatus) =>
  badge(t(cancellationStatus[s][0]), cancellationStatus[s][1]);
export const paymentBadge = (t: AdminTranslate, s: PaymentStatus) =>
  badge(t(paymentStatus[s][0]), paymentStatus[s][1]);

/** A billing cycle's name ("Monthly"). */
export const cycleName = (t: AdminTranslate, cycle: BillingCycle) => t(cycles[cycle]);

/** When a requested cancellation takes effect, in words. */
export const cancellationTypeName = (t: AdminTranslate, type: CancellationInput['type']) =>
  t(type === 'immediate' ? 'cancelImmediate' : 'cancelEndOfPeriod');

/** "All statuses" and then each status, for a filter drop-down. */
export function statusOptions<S extends string>(
  t: AdminTranslate,
  statuses: readonly S[],
  key: (s: S) => AdminMessageKey,
): { value: '' | S; label: string }[] {
  return [{ value: '', label: t('allStatuses') }, ...statuses.map((s) => ({ value: s, label: t(key(s)) }))];
}

/** A calendar day (`YYYY-MM-DD`, a date input's value) of an ISO time, in the reader's time zone; '' for null. */
export function dateInputValue(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A short, readable form of an id for tables: `ord_01JX…` → `…9XK2QF` (the end is what differs). */
export const shortId = (id: string) => (id.length > 10 ? `…${id.slice(-6)}` : id);
