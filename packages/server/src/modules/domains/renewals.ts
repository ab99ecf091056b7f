import { domainToUnicode, type Invoice } from '@portico/sdk/contract';
import type { Logger } from 'pino';
import type { Db } from '../../db/database.js';
import type { Clock, IdGenerator } from '../../deps.js';
import type { Auth } from '../../http/auth.js';
import type { AuditLog } from '../audit/audit-log.js';
import { addDays, addMonths } from '../billing/cycles.js';
import { InvoiceStore } from '../billing/invoice-store.js';
import { type InvoiceRow, writeInvoice } from '../billing/invoice-writer.js';
import { mailInvoice, toInvoice } from '../billing/invoices.js';
import type { BillingMail, BillingMailer } from '../billing/mail.js';
import { isUniqueViolation } from '../services/store.js';
import type { BillingRules, Settings } from '../settings/settings.js';
import { DomainErrors } from './errors.js';
import type { DomainMailer } from './mail.js';
import type { DomainPricing } from './pricing.js';
import { type DomainRow, yearsLabel } from './views.js';

export interface DomainRenewalsDeps {
  db: Db;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  audit: AuditLog;
  settings: Settings;
  pricing: DomainPricing;
  /** Invoice mails (issued), as service renewals send them. */
  billingMailer: BillingMailer;
  mailer: DomainMailer;
}

/** What one pass did. */
export type RenewalCounts = { renewalInvoices: number; expired: number };

const date = (iso: string) => iso.slice(0, 10);

/** A renewal term: from the current expiry, `years` years on. */
function term(domain: Pick<DomainRow, 'expires_at'>, years: number): { start: string; end: string } {
  const start = domain.expires_at as string;
  return { start, end: addMonths(new Date(start), 12 * years).toISOString() };
}

/**
 * Domain renewals: the job's renewal invoices for auto-renewing domains and the expiry sweep, and the client's
 * "renew now". One invoice per domain per term (the term starts at the expiry it extends): the unique index
 * `invoice_lines_domain_period` has the last word, so passes running at once (here or in another process) issue one.
 * Paying it queues a renew task (DomainLifecycle), which moves the expiry once the registrar has renewed.
 */
export class DomainRenewals {
  readonly #d: DomainRenewalsDeps;

  constructor(deps: DomainRenewalsDeps) {
    this.#d = deps;
  }

  /** One pass of the job: renewal invoices, then expiries. */
  async run(): Promise<RenewalCounts> {
    const renewalInvoices = await this.issue();
    const expired = await this.expire();
    return { renewalInvoices, expired };
  }

  /**
   * A renewal invoice for each active auto-renewing domain whose expiry is within the lead time, for one year in
   * the account's currency, due at the expiry. A domain whose TLD has no renewal price in that currency is
   * skipped (logged, so staff add the price).
   */
  async issue(): Promise<number> {
    const now = this.#d.clock.now();
    const lead = this.#d.settings.current.domains.renewalLeadDays;
    const due = await this.#d.db
      .selectFrom('domains')
      .innerJoin('accounts', 'accounts.id', 'domains.account_id')
      .selectAll('domains')
      .select('accounts.currency')
      .where('domains.status', '=', 'active')
      .where('domains.expires_at', '<=', addDays(now, lead).toISOString())
      .where('domains.auto_renew', '=', 1)
      .orderBy('domains.expires_at')
      .execute();
    let issued = 0;
    for (const domain of due) {
      try {
        const amount = await this.#d.pricing.priceFor(domain.tld, domain.currency, 'renew', 1);
        if (amount === null) {
          this.#d.logger.warn(
            { domainId: domain.id, tld: domain.tld, currency: domain.currency },
            'no renewal price for a domain: no renewal invoice',
          );
          continue;
        }
        const invoice = await this.#issueAuto(domain, domain.currency, amount, now);
        if (!invoice) continue;
        issued++;
        await this.#mailInvoice(domain.account_id, { name: 'invoice-issued', invoice: mailInvoice(invoice) });
      } catch (err) {
        this.#d.logger.error({ err, domainId: domain.id }, 'domain renewal failed');
      }
    }
    return issued;
  }

  /**
   * Writes a renewal invoice in the caller's transaction. The job's is due at the expiry (after the payment terms
   * when issued late, never in the past); renew now's after the payment terms.
   */
  #write(
    trx: Db,
    input: {
      domain: DomainRow;
      currency: string;
      amount: number;
      years: number;
      now: Date;
      dueAtExpiry: boolean;
    },
  ): Promise<InvoiceRow> {
    const rules: BillingRules = this.#d.settings.current.billing;
    const nowIso = input.now.toISOString();
    const { start, end } = term(input.domain, input.years);
    const dueAt =
      input.dueAtExpiry && start > nowIso ? start : addDays(input.now, rules.paymentTermsDays).toISOString();
    return writeInvoice(trx, this.#d.ids, rules, {
      accountId: input.domain.account_id,
      currency: input.currency,
      status: 'unpaid',
      dueAt,
      now: nowIso,
      lines: [
        {
          kind: 'domain_renewal',
          description: `Domain renewal: ${domainToUnicode(input.domain.name)} (${yearsLabel(input.years)}), ${date(start)} to ${date(end)}`,
          quantity: 1,
          unitAmount: input.amount,
          taxable: true,
          domainId: input.domain.id,
          periodStart: start,
          periodEnd: end,
        },
      ],
    });
  }

  /** The job's one-year renewal invoice, unless the term has one already (any status): null then. */
  async #issueAuto(
    domain: DomainRow,
    currency: string,
    amount: number,
    now: Date,
  ): Promise<InvoiceRow | null> {
    const { start } = term(domain, 1);
    try {
      return await this.#d.db.transaction().execute(async (trx) => {
        const issued = await trx
          .selectFrom('invoice_lines')
          .select('id')
          .where('domain_id', '=', domain.id)
          .where('period_start', '=', start)
          .where('kind', '=', 'domain_renewal')
          .executeTakeFirst();
        if (issued) return null;
        return this.#write(trx, { domain, currency, amount, years: 1, now, dueAtExpiry: true });
      });
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  /** Active domains past their expiry become `expired` (audited); the client is told once. */
  async expire(): Promise<number> {
    const nowIso = this.#d.clock.now().toISOString();
    const past = await this.#d.db
      .selectFrom('domains')
      .select('id')
      .where('status', '=', 'active')
      .where('expires_at', '<=', nowIso)
      .execute();
    let count = 0;
    for (const { id } of past) {
      try {
        const changed = await this.#d.db.transaction().execute(async (trx) => {
          const row = await trx
            .updateTable('domains')
            .set({ status: 'expired', updated_at: nowIso })
            .where('id', '=', id)
            .where('status', '=', 'active')
            .where('expires_at', '<=', nowIso)
            .returningAll()
            .executeTakeFirst();
          if (!row) return false;
          await trx
            .insertInto('audit_log')
            .values(
              this.#d.audit.row({
                actor: { type: 'system' },
                action: 'domain.expired',
                target: { type: 'domain', id },
                accountId: row.account_id,
                details: { expiresAt: row.expires_at },
              }),
            )
            .execute();
          await this.#d.mailer.within(trx).send(row.account_id, {
            name: 'domain-expired',
            domain: { id: row.id, name: row.name, expiresAt: row.expires_at },
          });
          return true;
        });
        if (changed) count++;
      } catch (err) {
        this.#d.logger.error({ err, domainId: id }, 'could not mark a domain expired');
      }
    }
    return count;
  }

  /**
   * The client's "renew now": an invoice for `years` more from the current expiry, in the account's currency.
   * 409 DOMAIN_NOT_ACTIVE unless active or expired; 422 PRICE_UNAVAILABLE; 409 CONFLICT when this term already
   * has an unpaid renewal invoice (naming it) or a paid one still being renewed. A term whose invoice was cancelled
   * or refunded is free again: that line lets go of the term.
   */
  async renewNow(auth: Auth, domainId: string, years = 1): Promise<{ invoice: Invoice }> {
    const domain = await this.#d.db
      .selectFrom('domains')
      .innerJoin('accounts', 'accounts.id', 'domains.account_id')
      .selectAll('domains')
      .select('accounts.currency')
      .where('domains.id', '=', domainId)
      .where('domains.account_id', '=', auth.accountId)
      .executeTakeFirst();
    if (!domain) throw DomainErrors.notFound();
    if ((domain.status !== 'active' && domain.status !== 'expired') || !domain.expires_at) {
      throw DomainErrors.notActive(domain.status);
    }
    const amount = await this.#d.pricing.priceFor(domain.tld, domain.currency, 'renew', years);
    if (amount === null) {
      throw DomainErrors.priceUnavailable('years', {
        tld: domain.tld,
        action: 'renew',
        years,
        currency: domain.currency,
      });
    }
    const { start } = term(domain, years);
    const existing = await this.#d.db
      .selectFrom('invoice_lines')
      .innerJoin('invoices', 'invoices.id', 'invoice_lines.invoice_id')
      .select(['invoices.id', 'invoices.number', 'invoices.status'])
      .where('invoice_lines.domain_id', '=', domain.id)
      .where('invoice_lines.period_start', '=', start)
      .where('invoice_lines.kind', '=', 'domain_renewal')
      .executeTakeFirst();
    if (existing?.status === 'unpaid' || existing?.status === 'overdue') {
      throw DomainErrors.conflict(
        `Invoice ${existing.number ?? existing.id} already renews this domain for this term: pay it, or ask us to cancel it first.`,
      );
    }
    if (existing?.status === 'paid' || existing?.status === 'draft') {
      throw DomainErrors.conflict('This term is already paid: the registrar is renewing the domain.');
    }
    const now = this.#d.clock.now();
    let invoiceId: string | null;
    try {
      invoiceId = await this.#d.db.transaction().execute(async (trx) => {
        if (existing) {
          // A cancelled or refunded invoice keeps its line's words, but lets go of the term.
          await trx
            .updateTable('invoice_lines')
            .set({ domain_id: null })
            .where('invoice_id', '=', existing.id)
            .where('domain_id', '=', domain.id)
            .where('kind', '=', 'domain_renewal')
            .execute();
        }
        const invoice = await this.#write(trx, {
          domain,
          currency: domain.currency,
          amount,
          years,
          now,
          dueAtExpiry: false,
        });
        return invoice.id;
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      invoiceId = null;
    }
    if (!invoiceId)
      throw DomainErrors.conflict('Another renewal of this domain was just issued. Reload to see it.');
    const store = new InvoiceStore(this.#d.db);
    const row = (await store.find(invoiceId)) as InvoiceRow;
    await this.#mailInvoice(auth.accountId, { name: 'invoice-issued', invoice: mailInvoice(row) });
    const [lines, payments] = await Promise.all([store.lines(invoiceId), store.paymentsOf(invoiceId)]);
    return { invoice: toInvoice(row, lines, payments) };
  }

  async #mailInvoice(accountId: string, mail: BillingMail): Promise<void> {
    try {
      await this.#d.billingMailer.send(accountId, mail);
    } catch (err) {
      this.#d.logger.error({ err, accountId, mail: mail.name }, 'could not queue a billing mail');
    }
  }
}
