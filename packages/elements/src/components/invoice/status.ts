import type { InvoiceStatus, PaymentStatus } from '@portico/sdk';
import type { TemplateResult } from 'lit';
import { badge } from '../../lib/fields.js';
import type { Translate } from '../../lib/form.js';
import type { MessageKey } from '../../lib/localize.js';

type Tone = Parameters<typeof badge>[1];

/** Each invoice status in words, with its colour (the words always say it, never the colour alone). */
export const INVOICE_STATUS: Record<InvoiceStatus, { key: MessageKey; tone: Tone }> = {
  draft: { key: 'invStatusDraft', tone: 'neutral' },
  unpaid: { key: 'invStatusUnpaid', tone: 'warn' },
  overdue: { key: 'invStatusOverdue', tone: 'bad' },
  paid: { key: 'invStatusPaid', tone: 'good' },
  cancelled: { key: 'invStatusCancelled', tone: 'neutral' },
  refunded: { key: 'invStatusRefunded', tone: 'neutral' },
};

const PAYMENT_STATUS: Record<PaymentStatus, { key: MessageKey; tone: Tone }> = {
  pending: { key: 'invPaymentPending', tone: 'warn' },
  succeeded: { key: 'invPaymentSucceeded', tone: 'good' },
  failed: { key: 'invPaymentFailed', tone: 'bad' },
  refunded: { key: 'invPaymentRefunded', tone: 'neutral' },
};

/** An invoice's status as a badge. */
export function invoiceStatusBadge(status: InvoiceStatus, t: Translate): TemplateResult {
  const { key, tone } = INVOICE_STATUS[status];
  return badge(t(key), tone);
}

/** A payment's status as a badge. */
export function paymentStatusBadge(status: PaymentStatus, t: Translate): TemplateResult {
  const { key, tone } = PAYMENT_STATUS[status];
  return badge(t(key), tone);
}

/** Whether an invoice in `status` can still be paid. */
export const isPayable = (status: InvoiceStatus) => status === 'unpaid' || status === 'overdue';
