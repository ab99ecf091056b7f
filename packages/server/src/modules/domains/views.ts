import type { Domain, DomainTask, Money } from '@portico/sdk/contract';
import { domainToUnicode } from '@portico/sdk/contract';
import type { Selectable } from 'kysely';
import type { DomainsTable, DomainTasksTable } from '../../db/schema.js';

export type DomainRow = Selectable<DomainsTable>;
export type DomainTaskRow = Selectable<DomainTasksTable>;

/** What a domain's view needs beside its row. */
export interface DomainExtras {
  /** The order's invoice. */
  invoiceId: string | null;
  /** An unpaid renewal invoice. */
  renewalInvoiceId: string | null;
  /** One year's renewal in the account's currency. */
  renewPrice: Money | null;
}

/** A term as invoices and errors word it: `1 year`, `3 years`. */
export const yearsLabel = (years: number) => (years === 1 ? '1 year' : `${years} years`);

export function toDomain(row: DomainRow, extras: DomainExtras): Domain {
  return {
    id: row.id,
    domain: row.name,
    unicode: domainToUnicode(row.name),
    tld: row.tld,
    status: row.status,
    action: row.action,
    registeredAt: row.registered_at,
    expiresAt: row.expires_at,
    autoRenew: row.auto_renew === 1,
    privacy: row.privacy === 1,
    locked: row.locked === 1,
    nameservers: JSON.parse(row.nameservers) as string[],
    invoiceId: extras.invoiceId,
    renewalInvoiceId: extras.renewalInvoiceId,
    renewPrice: extras.renewPrice,
    createdAt: row.created_at,
  };
}

export function toDomainTask(row: DomainTaskRow): DomainTask {
  return {
    id: row.id,
    kind: row.kind,
    years: row.years,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    invoiceId: row.invoice_id,
    runAfter: row.run_after,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
