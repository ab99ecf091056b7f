import { applyRate, type CommissionRule } from '@portico/sdk/contract';
import type { Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { Clock, IdGenerator } from '../../deps.js';
import type { Registered } from '../auth/registrations.js';
import type { InvoiceRow } from '../billing/invoice-writer.js';
import type { Settings } from '../settings/settings.js';
import { move } from './ledger.js';
import { type AffiliateRow, AffiliateStore, type CommissionRow } from './store.js';
import { ruleOf } from './views.js';

export const DAY_MS = 86_400_000;
/** Commissions cleared per transaction by the job (short transactions keep the database free for requests). */
const CLEAR_BATCH = 100;

export const addDays = (iso: string, days: number): string =>
  new Date(new Date(iso).getTime() + days * DAY_MS).toISOString();

/**
 * What one line earns under a rule, in the invoice's currency (never negative). A fixed rule pays per unit of the
 * product (its product and renewal lines), so a setup fee beside it earns nothing more; a percentage applies to
 * every earning line.
 */
export function lineCommission(
  rule: CommissionRule,
  line: { kind: string; amount: number; quantity: number },
  currency: string,
): number {
  switch (rule.type) {
    case 'percent':
      return Math.max(0, applyRate(line.amount, rule.rateBps));
    case 'fixed':
      return rule.currency === currency && line.kind !== 'setup' ? rule.amount * line.quantity : 0;
    case 'none':
      return 0;
  }
}

export interface CommissionEngineDeps {
  db: Db;
  settings: Settings;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
}

/**
 * Where money enters the programme: registrations are attributed to the affiliate who referred them, a paid
 * invoice of a referred account records one pending commission, a refund reverses it, and the job clears pending
 * commissions into the available balance. An affiliate never earns from an account it shares a person with.
 */
export class CommissionEngine {
  constructor(private readonly d: CommissionEngineDeps) {}

  /**
   * Attributes a new account to the affiliate of its referral: a click (`clk_…`) within the programme's window,
   * else an active affiliate's code. Nothing happens for an unknown, expired or inactive referral, a self-referral
   * (the new account or the person registering belongs to the affiliate's account) or an account already
   * referred (the first wins).
   */
  async attribute(registered: Registered): Promise<boolean> {
    const referral = registered.referral?.trim();
    if (!referral || referral.length > 64) return false;
    const store = new AffiliateStore(this.d.db);
    let affiliate: AffiliateRow | undefined;
    let clickId: string | null = null;
    if (referral.startsWith('clk_')) {
      const click = await store.findClick(referral);
      const windowDays = this.d.settings.current.affiliates.windowDays;
      if (!click || addDays(click.created_at, windowDays) < registered.now) return false;
      affiliate = (await store.find(click.affiliate_id)) ?? undefined;
      clickId = click.id;
    } else {
      affiliate = await store.byCode(referral);
    }
    if (affiliate?.status !== 'active') return false;
    if (affiliate.account_id === registered.accountId) return false;
    if (await store.isMember(registered.userId, affiliate.account_id)) return false;
    return store.insertReferral({
      id: this.d.ids('ref'),
      affiliate_id: affiliate.id,
      account_id: registered.accountId,
      click_id: clickId,
      created_at: registered.now,
    });
  }

  /**
   * Records the commission of a paid invoice of a referred account, inside the invoice's transaction: one row per
   * invoice (paying again changes nothing) and its ledger row into `pending`.
   */
  async paid(trx: Transaction<Database>, invoice: InvoiceRow, now: string): Promise<void> {
    const store = new AffiliateStore(trx);
    const referral = await store.referralOf(invoice.account_id);
    if (!referral) return;
    if (await store.commissionOfInvoice(invoice.id)) return;
    const affiliate = await store.find(referral.affiliate_id);
    if (affiliate?.status !== 'active') return;
    if (await store.shareMember(affiliate.account_id, invoice.account_id)) return;
    const amount = await this.#amountOf(trx, store, invoice);
    if (amount <= 0) return;
    const rules = this.d.settings.current.affiliates;
    const id = this.d.ids('com');
    const inserted = await store.insertCommission({
      id,
      affiliate_id: affiliate.id,
      referral_id: referral.id,
      invoice_id: invoice.id,
      currency: invoice.currency,
      amount,
      status: 'pending',
      clears_at: addDays(now, rules.clearingDays),
      created_at: now,
      updated_at: now,
      reversed_at: null,
    });
    if (!inserted) return;
    await move(store, this.d.ids, {
      affiliateId: affiliate.id,
      currency: invoice.currency,
      amount,
      from: null,
      to: 'pending',
      kind: 'commission',
      // The affiliate learns that a referred client paid, never which invoice (numbers tell the business's volume).
      description: 'Commission on a referred client’s paid invoice',
      commissionId: id,
      now,
    });
  }

  /**
   * What the invoice's earning lines make under each product's rule (else the programme's), scaled down by the
   * invoice's discount lines. A line's product is its service's; a setup line (orders write it without a service,
   * right after its product's lines) takes the product of the line before it.
   */
  async #amountOf(trx: Transaction<Database>, store: AffiliateStore, invoice: InvoiceRow): Promise<number> {
    const rules = this.d.settings.current.affiliates;
    const lines = await trx
      .selectFrom('invoice_lines as l')
      .leftJoin('services as s', 's.id', 'l.service_id')
      .select(['l.kind', 'l.amount', 'l.quantity', 's.product_id'])
      .where('l.invoice_id', '=', invoice.id)
      .orderBy('l.position')
      .execute();
    const productIds = [...new Set(lines.flatMap((l) => (l.product_id ? [l.product_id] : [])))];
    const own = await store.rulesOf(productIds);
    let total = 0;
    let previous: string | null = null;
    // Negative lines (a staff discount) lower what every line charged, in proportion: the commission is earned on
    // what the client was charged, never on the price before the discount.
    const charged = lines.reduce((sum, l) => sum + l.amount, 0);
    const gross = lines.reduce((sum, l) => sum + Math.max(0, l.amount), 0);
    for (const line of lines) {
      const productId = line.product_id ?? (line.kind === 'setup' ? previous : null);
      previous = line.product_id;
      const earns =
        line.kind === 'product' || line.kind === 'setup' || (line.kind === 'renewal' && rules.recurring);
      if (!earns) continue;
      const row = productId ? own.get(productId) : undefined;
      total += lineCommission(row ? ruleOf(row) : rules.commission, line, invoice.currency);
    }
    if (charged >= gross) return total;
    return charged <= 0 ? 0 : Number((BigInt(total) * BigInt(charged)) / BigInt(gross));
  }

  /** Reverses the refunded invoice's commission, out of whichever balance it is in, inside the refund. */
  async refunded(trx: Transaction<Database>, invoice: InvoiceRow, now: string): Promise<void> {
    const store = new AffiliateStore(trx);
    const commission = await store.commissionOfInvoice(invoice.id);
    if (!commission || commission.status === 'reversed') return;
    const bucket = commission.status === 'pending' ? 'pending' : 'available';
    const reversed = await store.setCommissionStatus(commission.id, commission.status, {
      status: 'reversed',
      reversed_at: now,
      updated_at: now,
    });
    if (!reversed) return;
    await move(store, this.d.ids, {
      affiliateId: commission.affiliate_id,
      currency: commission.currency,
      amount: commission.amount,
      from: bucket,
      to: null,
      kind: 'reversal',
      description: 'A referred client’s invoice was refunded',
      commissionId: commission.id,
      now,
    });
  }

  /** Moves every pending commission whose clearing time has come into the available balance. */
  async clearDue(): Promise<number> {
    let cleared = 0;
    for (;;) {
      const now = this.d.clock.now().toISOString();
      const due = await new AffiliateStore(this.d.db).dueToClear(now, CLEAR_BATCH);
      for (const commission of due) {
        if (await this.#clear(commission, now)) cleared++;
      }
      if (due.length < CLEAR_BATCH) return cleared;
    }
  }

  #clear(commission: CommissionRow, now: string): Promise<boolean> {
    return this.d.db.transaction().execute(async (trx) => {
      const store = new AffiliateStore(trx);
      // A refund committed meanwhile has reversed it: nothing to clear.
      const moved = await store.setCommissionStatus(commission.id, 'pending', {
        status: 'payable',
        updated_at: now,
      });
      if (!moved) return false;
      await move(store, this.d.ids, {
        affiliateId: commission.affiliate_id,
        currency: commission.currency,
        amount: commission.amount,
        from: 'pending',
        to: 'available',
        kind: 'cleared',
        description: 'Commission cleared',
        commissionId: commission.id,
        now,
      });
      return true;
    });
  }
}
