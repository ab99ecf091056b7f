import type { AdminCancellation, AdminService, Cancellation, Service } from '@portico/sdk/contract';
import type { Selectable } from 'kysely';
import type { CancellationRequestsTable, ServicesTable } from '../../db/schema.js';
import type { MailService } from '../billing/mail.js';

export type ServiceRow = Selectable<ServicesTable>;
export type CancellationRow = Selectable<CancellationRequestsTable>;
export type AdminServiceRow = ServiceRow & { account_name: string };
export type AdminCancellationRow = CancellationRow & {
  account_name: string;
  product_name: string;
  requested_by: string | null;
};

export function toCancellation(row: CancellationRow): Cancellation {
  return {
    id: row.id,
    serviceId: row.service_id,
    type: row.type,
    reason: row.reason,
    status: row.status,
    effectiveAt: row.effective_at,
    staffNote: row.staff_note,
    createdAt: row.created_at,
    processedAt: row.processed_at,
  };
}

export function toService(row: ServiceRow, cancellation: CancellationRow | undefined): Service {
  return {
    id: row.id,
    productId: row.product_id,
    productName: row.product_name,
    label: row.label,
    status: row.status,
    cycle: row.cycle,
    currency: row.currency,
    amount: row.amount,
    nextDueAt: row.next_due_at,
    activatedAt: row.activated_at,
    suspendedAt: row.suspended_at,
    suspendReason: row.suspend_reason,
    cancelledAt: row.cancelled_at,
    createdAt: row.created_at,
    cancellation: cancellation ? toCancellation(cancellation) : null,
  };
}

export function toAdminService(
  row: AdminServiceRow,
  cancellation: CancellationRow | undefined,
): AdminService {
  return { ...toService(row, cancellation), accountId: row.account_id, accountName: row.account_name };
}

export function toAdminCancellation(row: AdminCancellationRow): AdminCancellation {
  return {
    ...toCancellation(row),
    accountId: row.account_id,
    accountName: row.account_name,
    productName: row.product_name,
    requestedBy: row.requested_by ?? 'A former contact',
  };
}

/** A service as billing mails name it: the product, and the label when it has one. */
export const mailService = (row: Pick<ServiceRow, 'id' | 'product_name' | 'label'>): MailService => ({
  id: row.id,
  name: row.label ? `${row.product_name} (${row.label})` : row.product_name,
});
