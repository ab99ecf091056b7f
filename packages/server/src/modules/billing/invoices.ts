import type {
  AdminInvoice,
  AdminInvoiceQuerySchema,
  AdminInvoiceSummary,
  Invoice,
  InvoiceCreateInputSchema,
  InvoiceLine,
  InvoiceListQuerySchema,
  InvoiceSummary,
  InvoiceUpdateInputSchema,
  Payment,
  PaymentAction,
} from '@portico/sdk/contract';
import type { Transaction } from 'kysely';
import type { Logger } from 'pino';
import type * as z from 'zod';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { Clock, IdGenerator } from '../../deps.js';
import type { AuditLog } from '../audit/audit-log.js';
import { type Locale, pickLocale } from '../mail/templates.js';
import type { StaffChange } from '../settings/service.js';
import type { Settings } from '../settings/settings.js';
import { addDays } from './cycles.js';
import { BillingErrors } from './errors.js';
import type { InvoiceEvents } from './hooks.js';
import {
  DEFAULT_LIMIT,
  InvoiceStore,
  PAYABLE,
  type PaymentRow,
  pageOf,
  readKeyset,
  type Trx,
} from './invoice-store.js';
import {
  type BillTo,
  billToOf,
  type DraftLine,
  type InvoiceLineRow,
  type InvoiceRow,
  taxRuleForBillTo,
  takeInvoiceNumber,
  writeInvoice,
} from './invoice-writer.js';
import type { BillingMail, BillingMailer, MailInvoice } from './mail.js';
import { totalsOf } from './money.js';
import { renderInvoicePdf } from './pdf.js';

type ListQuery = z.output<typeof InvoiceListQuerySchema>;
type AdminQuery = z.output<typeof AdminInvoiceQuerySchema>;
type CreateInput = z.output<typeof InvoiceCreateInputSchema>;
type UpdateInput = z.output<typeof InvoiceUpdateInputSchema>;
type LineInput = CreateInput['lines'][number];

export interface InvoicesDeps {
  db: Db;
  settings: Settings;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditLog;
  events: InvoiceEvents;
  mailer: BillingMailer;
  logger: Logger;
}

/** The columns an invoice's summary and its mails read (the services job and the dashboard select only these). */
export type InvoiceSummaryRow = Pick<
  InvoiceRow,
  | 'id'
  | 'number'
  | 'status'
  | 'currency'
  | 'total'
  | 'credit_applied'
  | 'amount_paid'
  | 'issued_at'
  | 'due_at'
  | 'paid_at'
  | 'created_at'
>;

/** What is left to pay: total − credit applied − payments, never below zero. */
export function balanceOf(row: Pick<InvoiceRow, 'total' | 'credit_applied' | 'amount_paid'>): number {
  return Math.max(0, row.total - row.credit_applied - row.amount_paid);
}

/** What a billing mail says about an invoice. */
export function mailInvoice(row: InvoiceSummaryRow): MailInvoice {
  return {
    id: row.id,
    number: row.number,
    currency: row.currency,
    total: row.total,
    balance: balanceOf(row),
    dueAt: row.due_at,
  };
}

export function toSummary(row: InvoiceSummaryRow): InvoiceSummary {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    currency: row.currency,
    total: row.total,
    balance: balanceOf(row),
    issuedAt: row.issued_at,
    dueAt: row.due_at,
    paidAt: row.paid_at,
    createdAt: row.created_at,
  };
}

export function toPayment(row: PaymentRow): Payment {
  return {
    id: row.id,
    invoiceId: row.invoice_id,
    gateway: row.gateway,
    status: row.status,
    currency: row.currency,
    amount: row.amount,
    method: row.method,
    failureMessage: row.failure_message,
    action: row.status === 'pending' && row.action ? (JSON.parse(row.action) as PaymentAction) : null,
    createdAt: row.created_at,
  };
}

function toLine(row: InvoiceLineRow): InvoiceLine {
  return {
    id: row.id,
    kind: row.kind,
    description: row.description,
    quantity: row.quantity,
    unitAmount: row.unit_amount,
    amount: row.amount,
    taxable: row.taxable === 1,
    serviceId: row.service_id,
    domainId: row.domain_id,
    periodStart: row.period_start,
    periodEnd: row.period_end,
  };
}

/** An invoice with its lines and payments as the API shows it (domain renewals build theirs with it). */
export function toInvoice(row: InvoiceRow, lines: InvoiceLineRow[], payments: PaymentRow[]): Invoice {
  return {
    ...toSummary(row),
    subtotal: row.subtotal,
    taxName: row.tax_name,
    taxRateBps: row.tax_rate_bps,
    tax: row.tax,
    creditApplied: row.credit_applied,
    amountPaid: row.amount_paid,
    lines: lines.map(toLine),
    payments: payments.map(toPayment),
    billTo: JSON.parse(row.bill_to) as BillTo,
    notes: row.notes,
  };
}

/** A file name for an invoice's PDF: its number, or `draft-<id>`, with nothing a header could choke on. */
export function pdfFileName(row: Pick<InvoiceRow, 'number' | 'id'>): string {
  return `${(row.number ?? `draft-${row.id}`).replace(/[^\w.-]+/g, '_')}.pdf`;
}

/** When a date or timestamp the console sent is, as an ISO timestamp. */
const isoOf = (when: string) => new Date(when).toISOString();

/** What happened to money paid into an invoice. */
export interface Receipt {
  /** The invoice after the money went in. */
  invoice: InvoiceRow;
  /** What counted against the balance. */
  applied: number;
  /** What went to the account's credit (more than the balance, or the invoice was no longer payable). */
  overpaid: number;
  /** The invoice became paid. */
  paid: boolean;
}

/**
 * Invoices: what clients see of them (never drafts), the PDF, the staff's drafting and issuing, and the ledger
 * steps every money movement shares (money in, settling, cancelling), each run inside the caller's transaction
 * and conditional on the invoice's status, so a step applies at most once however requests race.
 */
export class InvoicesService {
  readonly #d: InvoicesDeps;
  readonly #store: InvoiceStore;

  constructor(deps: InvoicesDeps) {
    this.#d = deps;
    this.#store = new InvoiceStore(deps.db);
  }

  #now(): string {
    return this.#d.clock.now().toISOString();
  }

  /** Queues mails after a commit; a failure to queue is logged, never undoes what was committed. */
  async mail(accountId: string, mails: readonly BillingMail[]): Promise<void> {
    for (const mail of mails) {
      try {
        await this.#d.mailer.send(accountId, mail);
      } catch (error) {
        this.#d.logger.error({ err: error, mail: mail.name, accountId }, 'could not queue a billing mail');
      }
    }
  }

  // ─── Client ─────────────────────────────────────────────────────────────────────────────────────────────

  async list(
    accountId: string,
    query: ListQuery,
  ): Promise<{ items: InvoiceSummary[]; nextCursor: string | null }> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.#store.listForAccount(accountId, {
      status: query.status,
      after: readKeyset(query.cursor),
      limit: limit + 1,
    });
    return pageOf(rows, limit, toSummary);
  }

  /** The account's invoice; 404 for a draft, another account's or a missing one alike. */
  async get(accountId: string, id: string, db: Trx = this.#d.db): Promise<Invoice> {
    const store = new InvoiceStore(db);
    const row = await store.findForAccount(accountId, id);
    if (!row) throw BillingErrors.notFound('invoice');
    return this.#full(row, store);
  }

  async #full(row: InvoiceRow, store: InvoiceStore): Promise<Invoice> {
    const [lines, payments] = await Promise.all([store.lines(row.id), store.paymentsOf(row.id)]);
    return toInvoice(row, lines, payments);
  }

  /** The account's invoice as a PDF, in the requesting person's language. */
  async pdf(accountId: string, userId: string, id: string): Promise<{ fileName: string; data: Buffer }> {
    const invoice = await this.get(accountId, id);
    const user = await this.#d.db
      .selectFrom('users')
      .select('locale')
      .where('id', '=', userId)
      .executeTakeFirst();
    return { fileName: pdfFileName(invoice), data: await this.#render(invoice, pickLocale(user?.locale)) };
  }

  async #render(invoice: Invoice, locale: Locale): Promise<Buffer> {
    const { businessName, billing, logo } = this.#d.settings.current;
    let logoFile: { contentType: string; data: Buffer } | null = null;
    // The PDF library draws raster images only; an SVG logo is left off.
    if (logo && logo.contentType !== 'image/svg+xml') {
      const asset = await this.#d.db
        .selectFrom('assets')
        .select(['content_type', 'data'])
        .where('id', '=', logo.assetId)
        .executeTakeFirst();
      if (asset) logoFile = { contentType: asset.content_type, data: asset.data };
    }
    return renderInvoicePdf({
      invoice,
      business: {
        name: businessName,
        address: billing.businessAddress,
        taxId: billing.taxId,
        footer: billing.invoiceFooter,
        logo: logoFile,
      },
      locale,
    });
  }

  // ─── Ledger steps (inside the caller's transaction) ─────────────────────────────────────────────────────

  /**
   * Marks a payable invoice paid once nothing is left to pay, and tells the other modules (services activate).
   * Returns the row as it is now and whether this call paid it.
   */
  async settle(
    trx: Transaction<Database>,
    id: string,
    now: string,
    paidAt = now,
  ): Promise<{ invoice: InvoiceRow; paid: boolean }> {
    const store = new InvoiceStore(trx);
    const row = await store.find(id);
    if (!row) throw BillingErrors.notFound('invoice');
    if (!PAYABLE.includes(row.status) || row.total - row.credit_applied - row.amount_paid > 0) {
      return { invoice: row, paid: false };
    }
    if (!(await store.transition(id, PAYABLE, 'paid', { paid_at: paidAt }, now))) {
      return { invoice: row, paid: false };
    }
    const paid: InvoiceRow = { ...row, status: 'paid', paid_at: paidAt, updated_at: now };
    await this.#d.events.emit('paid', trx, paid, now);
    return { invoice: paid, paid: true };
  }

  /**
   * Puts money received into an invoice: up to its balance counts as paid; the rest (or all of it, when the
   * invoice is no longer payable) becomes the account's credit, an `overpayment` row naming the payment.
   */
  async receive(
    trx: Transaction<Database>,
    id: string,
    amount: number,
    input: { paymentId: string; now: string; paidAt?: string },
  ): Promise<Receipt> {
    const store = new InvoiceStore(trx);
    const row = await store.find(id);
    if (!row) throw BillingErrors.notFound('invoice');
    const payable = PAYABLE.includes(row.status);
    const applied = payable ? Math.min(amount, balanceOf(row)) : 0;
    if (applied > 0) await store.addPaid(id, applied, input.now);
    const overpaid = amount - applied;
    if (overpaid > 0) {
      await store.insertLedger({
        id: this.#d.ids('cred'),
        account_id: row.account_id,
        currency: row.currency,
        amount: overpaid,
        kind: 'overpayment',
        description: payable
          ? `Overpayment of invoice ${row.number ?? row.id}`
          : `Payment received for ${row.status} invoice ${row.number ?? row.id}`,
        invoice_id: row.id,
        payment_id: input.paymentId,
        staff_id: null,
        created_at: input.now,
      });
    }
    const settled = await this.settle(trx, id, input.now, input.paidAt);
    return { invoice: settled.invoice, applied, overpaid, paid: settled.paid };
  }

  /**
   * Cancels a payable invoice: credit applied and payments already made go back to the account's credit
   * (`refund` rows), and the other modules hear of it (pending services end). False when it was not payable.
   */
  async cancelInTrx(
    trx: Transaction<Database>,
    id: string,
    now: string,
    staffId: string | null,
  ): Promise<boolean> {
    const store = new InvoiceStore(trx);
    const row = await store.find(id);
    if (!row || !(await store.transition(id, PAYABLE, 'cancelled', { cancelled_at: now }, now))) return false;
    const back = row.credit_applied + row.amount_paid;
    if (back > 0) {
      await store.insertLedger({
        id: this.#d.ids('cred'),
        account_id: row.account_id,
        currency: row.currency,
        amount: back,
        kind: 'refund',
        description: `Returned from cancelled invoice ${row.number ?? row.id}`,
        invoice_id: row.id,
        payment_id: null,
        staff_id: staffId,
        created_at: now,
      });
    }
    const cancelled: InvoiceRow = { ...row, status: 'cancelled', cancelled_at: now, updated_at: now };
    await this.#d.events.emit('cancelled', trx, cancelled, now);
    return true;
  }

  // ─── Staff ──────────────────────────────────────────────────────────────────────────────────────────────

  async adminList(query: AdminQuery): Promise<{ items: AdminInvoiceSummary[]; nextCursor: string | null }> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.#store.adminList({
      status: query.status,
      accountId: query.accountId,
      q: query.q || undefined,
      after: readKeyset(query.cursor),
      limit: limit + 1,
    });
    return pageOf(rows, limit, (row) => ({
      ...toSummary(row),
      accountId: row.account_id,
      accountName: row.account_name,
    }));
  }

  async adminGet(id: string, db: Trx = this.#d.db): Promise<AdminInvoice> {
    const store = new InvoiceStore(db);
    const row = await store.adminFind(id);
    if (!row) throw BillingErrors.notFound('invoice');
    return {
      ...(await this.#full(row, store)),
      accountId: row.account_id,
      accountName: row.account_name,
      orderId: row.order_id,
      cancelledAt: row.cancelled_at,
      refundedAt: row.refunded_at,
    };
  }

  /** Any invoice as a PDF, in the account owner's language. */
  async adminPdf(id: string): Promise<{ fileName: string; data: Buffer }> {
    const invoice = await this.adminGet(id);
    const owner = await this.#d.db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select('users.locale')
      .where('memberships.account_id', '=', invoice.accountId)
      .where('memberships.role', '=', 'owner')
      .orderBy('memberships.created_at')
      .executeTakeFirst();
    return { fileName: pdfFileName(invoice), data: await this.#render(invoice, pickLocale(owner?.locale)) };
  }

  /** Audits a staff change of an invoice (payments' too), in the transaction that makes it. */
  audit(
    trx: Trx,
    change: StaffChange,
    action: string,
    row: Pick<InvoiceRow, 'id' | 'account_id'>,
    details: Record<string, unknown> = {},
  ) {
    return trx
      .insertInto('audit_log')
      .values(
        this.#d.audit.row({
          actor: { type: 'staff', id: change.staff.staffId, label: change.staff.email },
          action,
          target: { type: 'invoice', id: row.id },
          accountId: row.account_id,
          origin: change.origin,
          details,
        }),
      )
      .execute();
  }

  /** Staff's lines as invoice lines; a line naming a service must name one of the account's. */
  async #lines(trx: Trx, accountId: string, lines: readonly LineInput[]): Promise<DraftLine[]> {
    const serviceIds = [...new Set(lines.flatMap((l) => (l.serviceId ? [l.serviceId] : [])))];
    if (serviceIds.length) {
      const found = await trx
        .selectFrom('services')
        .select('id')
        .where('account_id', '=', accountId)
        .where('id', 'in', serviceIds)
        .execute();
      const known = new Set(found.map((s) => s.id));
      const i = lines.findIndex((l) => l.serviceId && !known.has(l.serviceId));
      if (i >= 0) throw BillingErrors.field(`lines.${i}.serviceId`, 'This client has no such service');
    }
    return lines.map((line) => ({
      kind: line.kind ?? 'custom',
      description: line.description,
      quantity: line.quantity ?? 1,
      unitAmount: line.unitAmount,
      taxable: line.taxable ?? true,
      serviceId: line.serviceId ?? null,
    }));
  }

  #checkCurrency(currency: string): void {
    if (!this.#d.settings.current.enabledCurrencies.includes(currency)) {
      throw BillingErrors.currencyNotEnabled(currency);
    }
  }

  /** Writes an invoice for an account: a draft, or issued at once (numbered, mailed). */
  async create(input: CreateInput, change: StaffChange): Promise<AdminInvoice> {
    const now = this.#now();
    const rules = this.#d.settings.current.billing;
    const { id, issued } = await this.#d.db.transaction().execute(async (trx) => {
      const account = await trx
        .selectFrom('accounts')
        .select(['id', 'currency'])
        .where('id', '=', input.accountId)
        .executeTakeFirst();
      if (!account) throw BillingErrors.notFound('client');
      const currency = input.currency ?? account.currency;
      this.#checkCurrency(currency);
      const lines = await this.#lines(trx, account.id, input.lines);
      if (totalsOf(lines, null).subtotal < 0) throw negativeTotal();
      const row = await writeInvoice(trx, this.#d.ids, rules, {
        accountId: account.id,
        currency,
        status: input.issue ? 'unpaid' : 'draft',
        lines,
        notes: input.notes ?? '',
        dueAt: input.dueAt ? isoOf(input.dueAt) : null,
        now,
      });
      await this.audit(trx, change, input.issue ? 'invoice.issued' : 'invoice.created', row, {
        number: row.number,
        total: row.total,
        currency,
      });
      if (input.issue) await this.settle(trx, row.id, now);
      return { id: row.id, issued: input.issue === true };
    });
    const invoice = await this.adminGet(id);
    if (issued) await this.#mailIssued(invoice.accountId, id);
    return invoice;
  }

  async #mailIssued(accountId: string, id: string): Promise<void> {
    const row = await this.#store.find(id);
    if (row) await this.mail(accountId, [{ name: 'invoice-issued', invoice: mailInvoice(row) }]);
  }

  /** Totals again from the lines and the account's bill-to as it is now (the one place they are: totalsOf). */
  async #retotal(trx: Trx, row: InvoiceRow, lines: readonly DraftLine[], now: string): Promise<void> {
    const billTo = await billToOf(trx, row.account_id);
    const totals = totalsOf(lines, taxRuleForBillTo(this.#d.settings.current.billing, billTo));
    await trx
      .updateTable('invoices')
      .set({
        subtotal: totals.subtotal,
        tax: totals.tax,
        total: totals.total,
        tax_name: totals.taxName,
        tax_rate_bps: totals.taxRateBps,
        bill_to: JSON.stringify(billTo),
        updated_at: now,
      })
      .where('id', '=', row.id)
      .execute();
  }

  /** Changes a draft (409 INVOICE_NOT_EDITABLE once issued); totals are computed again. */
  async update(id: string, input: UpdateInput, change: StaffChange): Promise<AdminInvoice> {
    const now = this.#now();
    await this.#d.db.transaction().execute(async (trx) => {
      const store = new InvoiceStore(trx);
      const row = await store.find(id);
      if (!row) throw BillingErrors.notFound('invoice');
      if (row.status !== 'draft') throw BillingErrors.invoiceNotEditable(row.status);
      if (input.currency) this.#checkCurrency(input.currency);
      let lines: DraftLine[];
      if (input.lines) {
        lines = await this.#lines(trx, row.account_id, input.lines);
        if (totalsOf(lines, null).subtotal < 0) throw negativeTotal();
        await trx.deleteFrom('invoice_lines').where('invoice_id', '=', id).execute();
        await trx
          .insertInto('invoice_lines')
          .values(
            lines.map((line, position) => ({
              id: this.#d.ids('invl'),
              invoice_id: id,
              position,
              kind: line.kind,
              description: line.description,
              quantity: line.quantity,
              unit_amount: line.unitAmount,
              amount: line.quantity * line.unitAmount,
              taxable: line.taxable ? (1 as const) : (0 as const),
              service_id: line.serviceId ?? null,
              period_start: null,
              period_end: null,
            })),
          )
          .execute();
      } else {
        lines = (await store.lines(id)).map(draftLineOf);
      }
      await trx
        .updateTable('invoices')
        .set({
          ...(input.currency && { currency: input.currency }),
          ...(input.notes !== undefined && { notes: input.notes }),
          ...(input.dueAt !== undefined && { due_at: input.dueAt ? isoOf(input.dueAt) : null }),
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
      await this.#retotal(trx, row, lines, now);
      await this.audit(trx, change, 'invoice.updated', row, { changed: Object.keys(input) });
    });
    return this.adminGet(id);
  }

  /**
   * Issues a draft: its number, issue date, due date (the payment terms unless one was set), its bill-to and tax
   * as of now; the client is mailed. A zero total is paid at once.
   */
  async issue(id: string, change: StaffChange): Promise<AdminInvoice> {
    const now = this.#now();
    const rules = this.#d.settings.current.billing;
    const row = await this.#d.db.transaction().execute(async (trx) => {
      const store = new InvoiceStore(trx);
      const row = await store.find(id);
      if (!row) throw BillingErrors.notFound('invoice');
      if (row.status !== 'draft') throw BillingErrors.invoiceNotEditable(row.status);
      await this.#retotal(trx, row, (await store.lines(id)).map(draftLineOf), now);
      const number = await takeInvoiceNumber(trx, rules);
      const dueAt = row.due_at ?? addDays(now, rules.paymentTermsDays).toISOString();
      await store.transition(id, ['draft'], 'unpaid', { number, issued_at: now, due_at: dueAt }, now);
      await this.audit(trx, change, 'invoice.issued', row, { number });
      await this.settle(trx, id, now);
      return row;
    });
    await this.#mailIssued(row.account_id, id);
    return this.adminGet(id);
  }

  /** Cancels an unpaid or overdue invoice (409 CONFLICT otherwise); what was applied to it goes back to credit. */
  async cancel(id: string, change: StaffChange): Promise<AdminInvoice> {
    const now = this.#now();
    await this.#d.db.transaction().execute(async (trx) => {
      const row = await new InvoiceStore(trx).find(id);
      if (!row) throw BillingErrors.notFound('invoice');
      if (!(await this.cancelInTrx(trx, id, now, change.staff.staffId))) {
        throw BillingErrors.conflict(
          `This invoice is ${row.status}: only unpaid or overdue invoices can be cancelled.`,
        );
      }
      await this.audit(trx, change, 'invoice.cancelled', row, { number: row.number });
    });
    return this.adminGet(id);
  }
}

const negativeTotal = () => BillingErrors.field('lines', 'The lines cannot add up to less than zero');

function draftLineOf(row: InvoiceLineRow): DraftLine {
  return {
    kind: row.kind,
    description: row.description,
    quantity: row.quantity,
    unitAmount: row.unit_amount,
    taxable: row.taxable === 1,
    serviceId: row.service_id,
    periodStart: row.period_start,
    periodEnd: row.period_end,
  };
}
