import type {
  ApplyCreditInputSchema,
  Credit,
  CreditAdjustmentInputSchema,
  CreditEntry,
  Invoice,
  PageQuerySchema,
} from '@portico/sdk/contract';
import type * as z from 'zod';
import type { Db } from '../../db/database.js';
import type { Clock, IdGenerator } from '../../deps.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { StaffChange } from '../settings/service.js';
import type { Settings } from '../settings/settings.js';
import { BillingErrors } from './errors.js';
import { DEFAULT_LIMIT, InvoiceStore, type LedgerRow, PAYABLE, pageOf, readKeyset } from './invoice-store.js';
import { balanceOf, type InvoicesService, mailInvoice } from './invoices.js';

type PageQuery = z.output<typeof PageQuerySchema>;
type ApplyInput = z.output<typeof ApplyCreditInputSchema>;
type AdjustInput = z.output<typeof CreditAdjustmentInputSchema>;

export interface CreditDeps {
  db: Db;
  settings: Settings;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditLog;
  invoices: InvoicesService;
}

/** Ledger rows staff see per client. */
const ADMIN_ENTRIES = 100;

function toEntry(row: LedgerRow): CreditEntry {
  return {
    id: row.id,
    currency: row.currency,
    amount: row.amount,
    kind: row.kind,
    description: row.description,
    invoiceId: row.invoice_id,
    createdAt: row.created_at,
  };
}

/**
 * The credit ledger: every change of a client's credit is a signed row, and the balance is their sum per currency
 * (never a stored number). Spending credit checks the sum inside the transaction that spends it, and Kysely's
 * SQLite driver runs one transaction at a time, so parallel spends can never take it below zero.
 */
export class CreditService {
  readonly #d: CreditDeps;
  readonly #store: InvoiceStore;

  constructor(deps: CreditDeps) {
    this.#d = deps;
    this.#store = new InvoiceStore(deps.db);
  }

  async balances(accountId: string): Promise<Credit> {
    return { balances: (await this.#store.balances(accountId)).filter((b) => b.amount !== 0) };
  }

  async entries(
    accountId: string,
    query: PageQuery,
  ): Promise<{ items: CreditEntry[]; nextCursor: string | null }> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.#store.ledger(accountId, { after: readKeyset(query.cursor), limit: limit + 1 });
    return pageOf(rows, limit, toEntry);
  }

  /**
   * Pays an invoice of the account from its credit in the invoice's currency: `amount`, or as much as covers the
   * balance. 409 INSUFFICIENT_CREDIT when there is not that much; 422 AMOUNT_INVALID above the balance.
   */
  async apply(accountId: string, invoiceId: string, input: ApplyInput): Promise<Invoice> {
    const now = this.#d.clock.now().toISOString();
    const outcome = await this.#d.db.transaction().execute(async (trx) => {
      const store = new InvoiceStore(trx);
      const invoice = await store.findForAccount(accountId, invoiceId);
      if (!invoice) throw BillingErrors.notFound('invoice');
      const balance = balanceOf(invoice);
      if (!PAYABLE.includes(invoice.status) || balance === 0)
        throw BillingErrors.invoiceNotPayable(invoice.status);
      const credit = await store.balance(accountId, invoice.currency);
      if (input.amount !== undefined && input.amount > balance) {
        throw BillingErrors.amountInvalid('The amount is more than the invoice’s balance.');
      }
      const amount = input.amount ?? Math.min(balance, credit);
      if (amount <= 0 || amount > credit) {
        throw BillingErrors.insufficientCredit(`There is not enough credit in ${invoice.currency} for this.`);
      }
      await store.insertLedger({
        id: this.#d.ids('cred'),
        account_id: accountId,
        currency: invoice.currency,
        amount: -amount,
        kind: 'applied',
        description: `Applied to invoice ${invoice.number ?? invoice.id}`,
        invoice_id: invoice.id,
        payment_id: null,
        staff_id: null,
        created_at: now,
      });
      await store.addCreditApplied(invoice.id, amount, now);
      const settled = await this.#d.invoices.settle(trx, invoice.id, now);
      return { amount, invoice: settled.invoice };
    });
    await this.#d.invoices.mail(accountId, [
      {
        name: 'payment-received',
        invoice: mailInvoice(outcome.invoice),
        amount: outcome.amount,
        method: 'Account credit',
      },
    ]);
    return this.#d.invoices.get(accountId, invoiceId);
  }

  // ─── Staff ──────────────────────────────────────────────────────────────────────────────────────────────

  /** A client's balances and latest ledger rows. */
  async adminCredit(accountId: string): Promise<{ balances: Credit['balances']; entries: CreditEntry[] }> {
    if ((await this.#store.accountName(accountId)) === undefined) throw BillingErrors.notFound('client');
    const [balances, rows] = await Promise.all([
      this.balances(accountId),
      this.#store.ledger(accountId, { limit: ADMIN_ENTRIES }),
    ]);
    return { balances: balances.balances, entries: rows.map(toEntry) };
  }

  /** Adds credit, or takes it (never below zero: 409 INSUFFICIENT_CREDIT), as an `adjustment` row. */
  async adjust(accountId: string, input: AdjustInput, change: StaffChange) {
    const now = this.#d.clock.now().toISOString();
    if (!this.#d.settings.current.enabledCurrencies.includes(input.currency)) {
      throw BillingErrors.currencyNotEnabled(input.currency);
    }
    await this.#d.db.transaction().execute(async (trx) => {
      const store = new InvoiceStore(trx);
      if ((await store.accountName(accountId)) === undefined) throw BillingErrors.notFound('client');
      const balance = await store.balance(accountId, input.currency);
      if (balance + input.amount < 0) {
        throw BillingErrors.insufficientCredit(
          `The client has ${balance} in ${input.currency} minor units of credit; it cannot go below zero.`,
        );
      }
      const id = this.#d.ids('cred');
      await store.insertLedger({
        id,
        account_id: accountId,
        currency: input.currency,
        amount: input.amount,
        kind: 'adjustment',
        description: input.description,
        invoice_id: null,
        payment_id: null,
        staff_id: change.staff.staffId,
        created_at: now,
      });
      await trx
        .insertInto('audit_log')
        .values(
          this.#d.audit.row({
            actor: { type: 'staff', id: change.staff.staffId, label: change.staff.email },
            action: 'credit.adjusted',
            target: { type: 'credit_entry', id },
            accountId,
            origin: change.origin,
            details: { currency: input.currency, amount: input.amount, description: input.description },
          }),
        )
        .execute();
    });
    return this.adminCredit(accountId);
  }
}
