import type { Domain, DomainTask, Money } from '@portico/sdk/contract';
import { domainToUnicode } from '@portico/sdk/contract';
import type { Selectable } from 'kysely';
import type { DomainsTable, DomainTasksTable } from '../../db/schema.js';
import type { DomainPricing } from './pricing.js';
import type { DomainsStore } from './store.js';

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

/**
 * Views of domain rows with their order invoice, open renewal invoice and one year's renewal price in each row's
 * currency (`currencyOf`), each price asked once per TLD and currency, by id. `accountId` as in `invoiceLinks`.
 */
export async function domainViews<R extends DomainRow>(
  store: DomainsStore,
  pricing: DomainPricing,
  rows: readonly R[],
  currencyOf: (row: R) => string | undefined,
  accountId: string | null,
): Promise<Map<string, Domain>> {
  const links = await store.invoiceLinks(
    rows.map((r) => r.id),
    accountId,
  );
  const prices = new Map<string, number | null>();
  const views = new Map<string, Domain>();
  for (const row of rows) {
    const currency = currencyOf(row);
    const key = `${row.tld}/${currency}`;
    if (currency && !prices.has(key)) prices.set(key, await pricing.priceFor(row.tld, currency, 'renew', 1));
    const amount = prices.get(key) ?? null;
    views.set(
      row.id,
      toDomain(row, {
        invoiceId: links.order.get(row.id) ?? null,
        renewalInvoiceId: links.renewal.get(row.id) ?? null,
        renewPrice: amount !== null && currency ? { currency, amount } : null,
      }),
    );
  }
  return views;
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
