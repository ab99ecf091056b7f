import type { AffiliateStatus, CommissionStatus, LedgerBucket, PayoutStatus } from '@portico/sdk/contract';
import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type {
  AffiliateClicksTable,
  AffiliateCommissionsTable,
  AffiliateLedgerTable,
  AffiliatePayoutsTable,
  AffiliateProductRulesTable,
  AffiliatesTable,
} from '../../db/schema.js';
import type { Keyset, Trx } from '../billing/invoice-store.js';
import { likePattern } from '../clients/store.js';

export type AffiliateRow = Selectable<AffiliatesTable>;
export type ClickRow = Selectable<AffiliateClicksTable>;
export type CommissionRow = Selectable<AffiliateCommissionsTable>;
export type PayoutRow = Selectable<AffiliatePayoutsTable>;
export type LedgerRow = Selectable<AffiliateLedgerTable>;
export type ProductRuleRow = Selectable<AffiliateProductRulesTable>;

/** An affiliate with its account's name. */
export type AffiliateWithAccount = AffiliateRow & { account_name: string };
/** A commission with the referred account's name and the invoice's number. */
export type CommissionView = CommissionRow & {
  referred_account_id: string;
  referred_name: string;
  invoice_number: string | null;
};
/** A payout with its affiliate's account and payout details. */
export type PayoutView = PayoutRow & { account_id: string; account_name: string; payout_details: string };

/** Statuses of a payout still waiting for staff (at most one per affiliate and currency). */
export const WAITING: readonly PayoutStatus[] = ['requested', 'approved'];

/** `(t.created_at, t.id) < (at, id)`: the rows after a keyset in a newest-first list. */
const olderThan = (table: string, after: Keyset) =>
  sql<boolean>`(${sql.ref(`${table}.created_at`)}, ${sql.ref(`${table}.id`)}) < (${after.createdAt}, ${after.id})`;
const newerThan = (table: string, after: Keyset) =>
  sql<boolean>`(${sql.ref(`${table}.created_at`)}, ${sql.ref(`${table}.id`)}) > (${after.createdAt}, ${after.id})`;

export const isUniqueViolation = (error: unknown, what: string) =>
  (error as { code?: string } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE' &&
  String((error as Error).message).includes(what);

/** One currency's balance in one bucket of one affiliate. */
export interface BucketSum {
  affiliate_id: string;
  currency: string;
  bucket: LedgerBucket;
  amount: number;
}

/**
 * SQL of the affiliate programme. Every client read takes the affiliate the caller's account owns; staff reads
 * are named `admin…`. Pass a transaction as `db` to run inside it.
 */
export class AffiliateStore {
  constructor(private readonly db: Trx) {}

  // ─── Affiliates ─────────────────────────────────────────────────────────────────────────────────────────

  ofAccount(accountId: string): Promise<AffiliateRow | undefined> {
    return this.db
      .selectFrom('affiliates')
      .selectAll()
      .where('account_id', '=', accountId)
      .executeTakeFirst();
  }

  find(id: string): Promise<AffiliateWithAccount | undefined> {
    return this.db
      .selectFrom('affiliates')
      .innerJoin('accounts', 'accounts.id', 'affiliates.account_id')
      .selectAll('affiliates')
      .select('accounts.name as account_name')
      .where('affiliates.id', '=', id)
      .executeTakeFirst();
  }

  /** The affiliate whose code this is, any case (index `affiliates_code`). */
  byCode(code: string): Promise<AffiliateRow | undefined> {
    return this.db
      .selectFrom('affiliates')
      .selectAll()
      .where(sql<string>`lower(code)`, '=', code.toLowerCase())
      .executeTakeFirst();
  }

  /** Inserts an affiliate: `account` when the account has one already, `code` when the code is taken. */
  async insert(row: Insertable<AffiliatesTable>): Promise<AffiliateRow | 'account' | 'code'> {
    try {
      return await this.db.insertInto('affiliates').values(row).returningAll().executeTakeFirstOrThrow();
    } catch (error) {
      if (isUniqueViolation(error, 'affiliates.account_id')) return 'account';
      if (isUniqueViolation(error, 'affiliates_code')) return 'code';
      throw error;
    }
  }

  update(id: string, set: Updateable<AffiliatesTable>): Promise<AffiliateRow | undefined> {
    return this.db.updateTable('affiliates').set(set).where('id', '=', id).returningAll().executeTakeFirst();
  }

  /**
   * Affiliates newest first, by status (`affiliates_status`) or all (`affiliates_recent`); `q` matches part of
   * the account's name or of the code.
   */
  adminList(filter: {
    status?: AffiliateStatus | undefined;
    q?: string | undefined;
    after?: Keyset | undefined;
    limit: number;
  }): Promise<AffiliateWithAccount[]> {
    let q = this.db
      .selectFrom('affiliates')
      .innerJoin('accounts', 'accounts.id', 'affiliates.account_id')
      .selectAll('affiliates')
      .select('accounts.name as account_name');
    if (filter.status) q = q.where('affiliates.status', '=', filter.status);
    if (filter.q) {
      const pattern = likePattern(filter.q);
      q = q.where(
        sql<boolean>`(lower(accounts.name) LIKE ${pattern} ESCAPE '\\' OR lower(affiliates.code) LIKE ${pattern} ESCAPE '\\')`,
      );
    }
    if (filter.after) q = q.where(olderThan('affiliates', filter.after));
    return q
      .orderBy('affiliates.created_at', 'desc')
      .orderBy('affiliates.id', 'desc')
      .limit(filter.limit)
      .execute();
  }

  /** Whether any user is a member of both accounts (an affiliate never earns from itself). */
  async shareMember(accountA: string, accountB: string): Promise<boolean> {
    if (accountA === accountB) return true;
    const row = await this.db
      .selectFrom('memberships as a')
      .innerJoin('memberships as b', 'b.user_id', 'a.user_id')
      .select('a.user_id')
      .where('a.account_id', '=', accountA)
      .where('b.account_id', '=', accountB)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  async isMember(userId: string, accountId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('memberships')
      .select('id')
      .where('user_id', '=', userId)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return row !== undefined;
  }

  // ─── Stats ──────────────────────────────────────────────────────────────────────────────────────────────

  async clicksOf(affiliateIds: readonly string[]): Promise<Map<string, number>> {
    if (!affiliateIds.length) return new Map();
    const rows = await this.db
      .selectFrom('affiliate_clicks')
      .select(['affiliate_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('affiliate_id', 'in', affiliateIds)
      .groupBy('affiliate_id')
      .execute();
    return new Map(rows.map((r) => [r.affiliate_id, Number(r.n)]));
  }

  async signupsOf(affiliateIds: readonly string[]): Promise<Map<string, number>> {
    if (!affiliateIds.length) return new Map();
    const rows = await this.db
      .selectFrom('affiliate_referrals')
      .select(['affiliate_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('affiliate_id', 'in', affiliateIds)
      .groupBy('affiliate_id')
      .execute();
    return new Map(rows.map((r) => [r.affiliate_id, Number(r.n)]));
  }

  /** Referred accounts with a commission that was not reversed, per affiliate. */
  async conversionsOf(affiliateIds: readonly string[]): Promise<Map<string, number>> {
    if (!affiliateIds.length) return new Map();
    const rows = await this.db
      .selectFrom('affiliate_commissions')
      .select(['affiliate_id', sql<number>`count(DISTINCT referral_id)`.as('n')])
      .where('affiliate_id', 'in', affiliateIds)
      .where('status', '<>', 'reversed')
      .groupBy('affiliate_id')
      .execute();
    return new Map(rows.map((r) => [r.affiliate_id, Number(r.n)]));
  }

  // ─── Clicks and referrals ───────────────────────────────────────────────────────────────────────────────

  insertClick(row: Insertable<AffiliateClicksTable>): Promise<void> {
    return this.db
      .insertInto('affiliate_clicks')
      .values(row)
      .execute()
      .then(() => undefined);
  }

  findClick(id: string): Promise<ClickRow | undefined> {
    return this.db.selectFrom('affiliate_clicks').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The visitor's click on this affiliate's link since `since` (index `affiliate_clicks_visitor`). */
  visitorClick(affiliateId: string, visitor: string, since: string): Promise<ClickRow | undefined> {
    return this.db
      .selectFrom('affiliate_clicks')
      .selectAll()
      .where('affiliate_id', '=', affiliateId)
      .where('visitor', '=', visitor)
      .where('created_at', '>=', since)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** Records a referral unless the account has one (the first wins); whether it was recorded. */
  async insertReferral(row: {
    id: string;
    affiliate_id: string;
    account_id: string;
    click_id: string | null;
    created_at: string;
  }): Promise<boolean> {
    const result = await this.db
      .insertInto('affiliate_referrals')
      .values(row)
      .onConflict((oc) => oc.column('account_id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  referralOf(accountId: string) {
    return this.db
      .selectFrom('affiliate_referrals')
      .selectAll()
      .where('account_id', '=', accountId)
      .executeTakeFirst();
  }

  /** The affiliate's referrals newest first, with the account's name and whether it converted. */
  referrals(affiliateId: string, after: Keyset | undefined, limit: number) {
    let q = this.db
      .selectFrom('affiliate_referrals')
      .innerJoin('accounts', 'accounts.id', 'affiliate_referrals.account_id')
      .select([
        'affiliate_referrals.id',
        'affiliate_referrals.created_at',
        'accounts.name',
        (eb) =>
          eb
            .exists(
              eb
                .selectFrom('affiliate_commissions')
                .select('affiliate_commissions.id')
                .whereRef('affiliate_commissions.referral_id', '=', 'affiliate_referrals.id')
                .where('affiliate_commissions.status', '<>', 'reversed'),
            )
            .as('converted'),
      ])
      .where('affiliate_referrals.affiliate_id', '=', affiliateId);
    if (after) q = q.where(olderThan('affiliate_referrals', after));
    return q
      .orderBy('affiliate_referrals.created_at', 'desc')
      .orderBy('affiliate_referrals.id', 'desc')
      .limit(limit)
      .execute();
  }

  // ─── Commissions ────────────────────────────────────────────────────────────────────────────────────────

  /** Inserts the invoice's commission unless it has one; whether it was inserted. */
  async insertCommission(row: Insertable<AffiliateCommissionsTable>): Promise<boolean> {
    const result = await this.db
      .insertInto('affiliate_commissions')
      .values(row)
      .onConflict((oc) => oc.column('invoice_id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  commissionOfInvoice(invoiceId: string): Promise<CommissionRow | undefined> {
    return this.db
      .selectFrom('affiliate_commissions')
      .selectAll()
      .where('invoice_id', '=', invoiceId)
      .executeTakeFirst();
  }

  /** Moves a commission from one status to another; false when it was not in `from` any more. */
  async setCommissionStatus(
    id: string,
    from: CommissionStatus,
    set: Updateable<AffiliateCommissionsTable> & { status: CommissionStatus },
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('affiliate_commissions')
      .set(set)
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Pending commissions whose clearing time has come, oldest first (index `affiliate_commissions_clearing`). */
  dueToClear(now: string, limit: number): Promise<CommissionRow[]> {
    return this.db
      .selectFrom('affiliate_commissions')
      .selectAll()
      .where('status', '=', 'pending')
      .where('clears_at', '<=', now)
      .orderBy('clears_at')
      .limit(limit)
      .execute();
  }

  /** Commissions newest first, of one affiliate (client and staff) or of every one (staff). */
  commissions(filter: {
    affiliateId?: string | undefined;
    status?: CommissionStatus | undefined;
    after?: Keyset | undefined;
    limit: number;
  }): Promise<Array<CommissionView & { account_name: string }>> {
    let q = this.db
      .selectFrom('affiliate_commissions as c')
      .innerJoin('affiliate_referrals as r', 'r.id', 'c.referral_id')
      .innerJoin('accounts as referred', 'referred.id', 'r.account_id')
      .innerJoin('affiliates as a', 'a.id', 'c.affiliate_id')
      .innerJoin('accounts as owner', 'owner.id', 'a.account_id')
      .innerJoin('invoices as i', 'i.id', 'c.invoice_id')
      .selectAll('c')
      .select([
        'r.account_id as referred_account_id',
        'referred.name as referred_name',
        'i.number as invoice_number',
        'owner.name as account_name',
      ]);
    if (filter.affiliateId !== undefined) q = q.where('c.affiliate_id', '=', filter.affiliateId);
    if (filter.status) q = q.where('c.status', '=', filter.status);
    if (filter.after) q = q.where(olderThan('c', filter.after));
    return q.orderBy('c.created_at', 'desc').orderBy('c.id', 'desc').limit(filter.limit).execute();
  }

  // ─── Payouts ────────────────────────────────────────────────────────────────────────────────────────────

  /** Inserts a payout request; false when one of its currency is already waiting. */
  async insertPayout(row: Insertable<AffiliatePayoutsTable>): Promise<boolean> {
    try {
      await this.db.insertInto('affiliate_payouts').values(row).execute();
      return true;
    } catch (error) {
      if (isUniqueViolation(error, 'affiliate_payouts_waiting')) return false;
      throw error;
    }
  }

  /** Whether a payout of the currency is waiting for staff (index `affiliate_payouts_waiting`). */
  async hasWaiting(affiliateId: string, currency: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('affiliate_payouts')
      .select('id')
      .where('affiliate_id', '=', affiliateId)
      .where('currency', '=', currency)
      .where('status', 'in', WAITING)
      .executeTakeFirst();
    return row !== undefined;
  }

  #payouts() {
    return this.db
      .selectFrom('affiliate_payouts as p')
      .innerJoin('affiliates as a', 'a.id', 'p.affiliate_id')
      .innerJoin('accounts', 'accounts.id', 'a.account_id')
      .selectAll('p')
      .select(['a.account_id', 'accounts.name as account_name', 'a.payout_details']);
  }

  findPayout(id: string): Promise<PayoutView | undefined> {
    return this.#payouts().where('p.id', '=', id).executeTakeFirst();
  }

  /** One affiliate's payouts newest first. */
  payoutsOf(affiliateId: string, after: Keyset | undefined, limit: number): Promise<PayoutRow[]> {
    let q = this.db.selectFrom('affiliate_payouts').selectAll().where('affiliate_id', '=', affiliateId);
    if (after) q = q.where(olderThan('affiliate_payouts', after));
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  /**
   * Payouts for staff: one status (or the waiting ones) oldest first, or the decided ones newest first; of one
   * affiliate when asked.
   */
  adminPayouts(filter: {
    statuses: readonly PayoutStatus[];
    oldestFirst: boolean;
    affiliateId?: string | undefined;
    after?: Keyset | undefined;
    limit: number;
  }): Promise<PayoutView[]> {
    // Several statuses walk the list's own order (`…_recent`, `…_affiliate`), checked on the way: an index on the
    // status would hand each status's rows over separately and leave them to sort in a temporary B-tree.
    let q =
      filter.statuses.length === 1
        ? this.#payouts().where('p.status', '=', filter.statuses[0] as PayoutStatus)
        : this.#payouts().where(sql<boolean>`+p.status IN (${sql.join(filter.statuses)})`);
    if (filter.affiliateId !== undefined) q = q.where('p.affiliate_id', '=', filter.affiliateId);
    const dir = filter.oldestFirst ? 'asc' : 'desc';
    if (filter.after) {
      q = q.where(filter.oldestFirst ? newerThan('p', filter.after) : olderThan('p', filter.after));
    }
    return q.orderBy('p.created_at', dir).orderBy('p.id', dir).limit(filter.limit).execute();
  }

  /** Moves a payout between statuses; the row, or undefined when it was not in one of `from` any more. */
  movePayout(
    id: string,
    from: readonly PayoutStatus[],
    set: Updateable<AffiliatePayoutsTable> & { status: PayoutStatus },
  ): Promise<PayoutRow | undefined> {
    return this.db
      .updateTable('affiliate_payouts')
      .set(set)
      .where('id', '=', id)
      .where('status', 'in', from)
      .returningAll()
      .executeTakeFirst();
  }

  // ─── Ledger ─────────────────────────────────────────────────────────────────────────────────────────────

  insertLedger(rows: Insertable<AffiliateLedgerTable>[]): Promise<void> {
    return this.db
      .insertInto('affiliate_ledger')
      .values(rows)
      .execute()
      .then(() => undefined);
  }

  /** Sums of the ledger per affiliate, currency and bucket (index `affiliate_ledger_balance`). */
  async sums(affiliateIds: readonly string[]): Promise<BucketSum[]> {
    if (!affiliateIds.length) return [];
    const rows = await this.db
      .selectFrom('affiliate_ledger')
      .select(['affiliate_id', 'currency', 'bucket', (eb) => eb.fn.sum<number>('amount').as('amount')])
      .where('affiliate_id', 'in', affiliateIds)
      .groupBy(['affiliate_id', 'currency', 'bucket'])
      .orderBy('affiliate_id')
      .orderBy('currency')
      .execute();
    return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
  }

  /** One bucket's balance in one currency. */
  async bucket(affiliateId: string, currency: string, bucket: LedgerBucket): Promise<number> {
    const row = await this.db
      .selectFrom('affiliate_ledger')
      .select((eb) => eb.fn.sum<number>('amount').as('amount'))
      .where('affiliate_id', '=', affiliateId)
      .where('currency', '=', currency)
      .where('bucket', '=', bucket)
      .executeTakeFirst();
    return Number(row?.amount ?? 0);
  }

  ledger(affiliateId: string, after: Keyset | undefined, limit: number): Promise<LedgerRow[]> {
    let q = this.db.selectFrom('affiliate_ledger').selectAll().where('affiliate_id', '=', affiliateId);
    if (after) q = q.where(olderThan('affiliate_ledger', after));
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  findLedger(id: string): Promise<LedgerRow | undefined> {
    return this.db.selectFrom('affiliate_ledger').selectAll().where('id', '=', id).executeTakeFirst();
  }

  // ─── Product rules ──────────────────────────────────────────────────────────────────────────────────────

  /** Every product's own rule, with the product's name, by name. */
  productRules(): Promise<Array<ProductRuleRow & { product_name: string }>> {
    return this.db
      .selectFrom('affiliate_product_rules as r')
      .innerJoin('products as p', 'p.id', 'r.product_id')
      .selectAll('r')
      .select('p.name as product_name')
      .orderBy('p.name')
      .orderBy('r.product_id')
      .execute();
  }

  async rulesOf(productIds: readonly string[]): Promise<Map<string, ProductRuleRow>> {
    if (!productIds.length) return new Map();
    const rows = await this.db
      .selectFrom('affiliate_product_rules')
      .selectAll()
      .where('product_id', 'in', productIds)
      .execute();
    return new Map(rows.map((r) => [r.product_id, r]));
  }

  async knownProducts(productIds: readonly string[]): Promise<Set<string>> {
    if (!productIds.length) return new Set();
    const rows = await this.db.selectFrom('products').select('id').where('id', 'in', productIds).execute();
    return new Set(rows.map((r) => r.id));
  }

  async replaceRules(rows: Insertable<AffiliateProductRulesTable>[]): Promise<void> {
    await this.db.deleteFrom('affiliate_product_rules').execute();
    if (rows.length) await this.db.insertInto('affiliate_product_rules').values(rows).execute();
  }
}
