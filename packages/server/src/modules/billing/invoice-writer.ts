import type { Address, TaxRule } from '@portico/sdk/contract';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, InvoiceLinesTable, InvoicesTable } from '../../db/schema.js';

export type InvoiceRow = Selectable<InvoicesTable>;
export type InvoiceLineRow = Selectable<InvoiceLinesTable>;
import type { IdGenerator } from '../../deps.js';
import type { BillingRules } from '../settings/settings.js';
import { addDays } from './cycles.js';
import { lineAmount, type TotalsLine, taxRuleFor, totalsOf } from './money.js';

type Trx = Transaction<Database> | Kysely<Database>;

/** A line as written on an invoice. */
export interface DraftLine extends TotalsLine {
  kind: InvoiceLinesTable['kind'];
  description: string;
  serviceId?: string | null;
  /** The domain a `domain_*` line registers, transfers or renews. */
  domainId?: string | null;
  periodStart?: string | null;
  periodEnd?: string | null;
}

/** Who an invoice is to, frozen when it is written (the contract's BillTo). */
export interface BillTo {
  name: string;
  company: string | null;
  email: string | null;
  address: Address;
}

export interface InvoiceDraft {
  accountId: string;
  orderId?: string | null;
  currency: string;
  /** `draft` (staff still writing) or `unpaid` (issued now: numbered, due after the payment terms). */
  status: 'draft' | 'unpaid';
  lines: readonly DraftLine[];
  notes?: string;
  /** Due date; defaults to issue + payment terms when issued. */
  dueAt?: string | null;
  now: string;
}

/** The account's billing name, company, owner's email and address, as an invoice prints them. */
export async function billToOf(trx: Trx, accountId: string): Promise<BillTo> {
  const account = await trx
    .selectFrom('accounts')
    .leftJoin('memberships', (join) =>
      join.onRef('memberships.account_id', '=', 'accounts.id').on('memberships.role', '=', 'owner'),
    )
    .leftJoin('users', 'users.id', 'memberships.user_id')
    .select(['accounts.name', 'accounts.company', 'accounts.address', 'users.email'])
    .where('accounts.id', '=', accountId)
    .executeTakeFirstOrThrow();
  return {
    name: account.name,
    company: account.company,
    email: account.email ?? null,
    address: JSON.parse(account.address) as Address,
  };
}

/** The tax rule for an account's address under the business's rules. */
export function taxRuleForBillTo(rules: BillingRules, billTo: BillTo): TaxRule | null {
  return taxRuleFor(rules.taxRules, billTo.address);
}

/**
 * Takes the next invoice number from the `counters` row in the caller's transaction, so two invoices never share
 * one and an aborted transaction gives its number back.
 */
export async function takeInvoiceNumber(
  trx: Trx,
  rules: Pick<BillingRules, 'invoicePrefix' | 'numberPadding'>,
) {
  const row = await trx
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', 'invoice_number')
    .returning('value')
    .executeTakeFirstOrThrow();
  return `${rules.invoicePrefix}${String(row.value - 1).padStart(rules.numberPadding, '0')}`;
}

/**
 * Writes an invoice and its lines in the caller's transaction. Totals are computed here and nowhere else:
 * subtotal = Σ lines, tax = the account's tax rule on the taxable lines (rounded once), total = subtotal + tax.
 * An issued invoice takes its number now.
 */
export async function writeInvoice(
  trx: Trx,
  ids: IdGenerator,
  rules: BillingRules,
  draft: InvoiceDraft,
): Promise<InvoiceRow & { lines: InvoiceLineRow[] }> {
  const billTo = await billToOf(trx, draft.accountId);
  const totals = totalsOf(draft.lines, taxRuleForBillTo(rules, billTo));
  const issued = draft.status === 'unpaid';
  const row: InvoiceRow = {
    id: ids('inv'),
    account_id: draft.accountId,
    order_id: draft.orderId ?? null,
    number: issued ? await takeInvoiceNumber(trx, rules) : null,
    status: draft.status,
    currency: draft.currency,
    subtotal: totals.subtotal,
    tax_name: totals.taxName,
    tax_rate_bps: totals.taxRateBps,
    tax: totals.tax,
    total: totals.total,
    credit_applied: 0,
    amount_paid: 0,
    bill_to: JSON.stringify(billTo),
    notes: draft.notes ?? '',
    issued_at: issued ? draft.now : null,
    due_at: draft.dueAt ?? (issued ? addDays(draft.now, rules.paymentTermsDays).toISOString() : null),
    paid_at: null,
    cancelled_at: null,
    refunded_at: null,
    created_at: draft.now,
    updated_at: draft.now,
  };
  await trx.insertInto('invoices').values(row).execute();
  const lines = draft.lines.map(
    (line, position): InvoiceLineRow => ({
      id: ids('invl'),
      invoice_id: row.id,
      position,
      kind: line.kind,
      description: line.description,
      quantity: line.quantity,
      unit_amount: line.unitAmount,
      amount: lineAmount(line),
      taxable: line.taxable ? 1 : 0,
      service_id: line.serviceId ?? null,
      domain_id: line.domainId ?? null,
      period_start: line.periodStart ?? null,
      period_end: line.periodEnd ?? null,
    }),
  );
  if (lines.length) await trx.insertInto('invoice_lines').values(lines).execute();
  return { ...row, lines };
}
