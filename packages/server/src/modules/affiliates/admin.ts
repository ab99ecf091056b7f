import type {
  AdminAffiliate,
  AdminAffiliateQuerySchema,
  AdminCommission,
  AdminCommissionQuerySchema,
  AdminPayout,
  AdminPayoutQuerySchema,
  AffiliateAdjustmentInputSchema,
  AffiliateSettings,
  AffiliateSettingsUpdateSchema,
  AffiliateStatusInputSchema,
  LedgerEntry,
  PageQuerySchema,
  PayoutPaidInputSchema,
  PayoutRejectInputSchema,
  PayoutStatus,
  ProductCommission,
  ProductCommissionsInputSchema,
} from '@portico/sdk/contract';
import type { Transaction } from 'kysely';
import type * as z from 'zod';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { Clock, IdGenerator } from '../../deps.js';
import { decodeCursor, encodeCursor } from '../../http/cursor.js';
import type { AuditLog } from '../audit/audit-log.js';
import { staffRecord } from '../audit/staff-record.js';
import { invalidCursor } from '../apps/paging.js';
import { DEFAULT_LIMIT, pageOf, readKeyset } from '../billing/invoice-store.js';
import type { StaffChange } from '../settings/service.js';
import type { Settings } from '../settings/settings.js';
import { AffiliateErrors } from './errors.js';
import { type Movement, move } from './ledger.js';
import type { AffiliateMailer, MailPayout } from './mail.js';
import { AffiliateStore, type PayoutRow, type PayoutView, WAITING } from './store.js';
import {
  AffiliateViews,
  referralLink,
  settingsOf,
  toAdminCommission,
  toAdminPayout,
  toLedgerEntry,
  toProductCommission,
} from './views.js';

type ListQuery = z.output<typeof AdminAffiliateQuerySchema>;
type CommissionQuery = z.output<typeof AdminCommissionQuerySchema>;
type PayoutQuery = z.output<typeof AdminPayoutQuerySchema>;
type Page = z.output<typeof PageQuerySchema>;
type StatusInput = z.output<typeof AffiliateStatusInputSchema>;
type AdjustInput = z.output<typeof AffiliateAdjustmentInputSchema>;
type SettingsUpdate = z.output<typeof AffiliateSettingsUpdateSchema>;
type RulesInput = z.output<typeof ProductCommissionsInputSchema>;
type PaidInput = z.output<typeof PayoutPaidInputSchema>;
type RejectInput = z.output<typeof PayoutRejectInputSchema>;

const DECIDED: readonly PayoutStatus[] = ['paid', 'credited', 'rejected'];

/** A part of the staff payout list: the waiting ones oldest first, then the decided ones newest first. */
interface PayoutSegment {
  key: string;
  statuses: readonly PayoutStatus[];
  oldestFirst: boolean;
}

export interface AffiliatesAdminDeps {
  db: Db;
  settings: Settings;
  config: Config;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditLog;
  mailer: AffiliateMailer;
}

/**
 * The programme as staff run it: its rules, affiliates (approve, reject, suspend), their ledgers and corrections,
 * commissions, and payouts (approve, record as paid, pay as account credit, reject). Every change commits with its
 * audit entry and the mail it causes.
 */
export class AffiliatesAdmin {
  readonly #d: AffiliatesAdminDeps;
  readonly #store: AffiliateStore;
  readonly #views: AffiliateViews;

  constructor(deps: AffiliatesAdminDeps) {
    this.#d = deps;
    this.#store = new AffiliateStore(deps.db);
    this.#views = new AffiliateViews(this.#store, deps.settings, deps.config);
  }

  #now(): string {
    return this.#d.clock.now().toISOString();
  }

  #audit(
    trx: Transaction<Database>,
    change: StaffChange,
    action: string,
    target: { type: string; id: string },
    accountId: string | null,
    details: Record<string, unknown>,
  ) {
    return trx
      .insertInto('audit_log')
      .values(this.#d.audit.row(staffRecord(change, { action, target, accountId, details })))
      .execute();
  }

  // ─── Rules ──────────────────────────────────────────────────────────────────────────────────────────────

  settings(): AffiliateSettings {
    return settingsOf(this.#d.settings.current.affiliates);
  }

  /** Changes the rules; commissions already recorded keep their amounts. */
  async updateSettings(input: SettingsUpdate, change: StaffChange): Promise<AffiliateSettings> {
    const before = this.#d.settings.current.affiliates;
    const changed = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    const next = { ...before, ...changed };
    await this.#d.settings.update({ affiliates: next }, (trx) =>
      this.#audit(trx, change, 'affiliates.settings_updated', { type: 'settings', id: 'affiliates' }, null, {
        changed,
      }).then(() => undefined),
    );
    return this.settings();
  }

  async productCommissions(): Promise<{ items: ProductCommission[] }> {
    return { items: (await this.#store.productRules()).map(toProductCommission) };
  }

  /** Replaces every product's own rule; an unknown product is a 422 on its item. */
  async setProductCommissions(
    input: RulesInput,
    change: StaffChange,
  ): Promise<{ items: ProductCommission[] }> {
    const known = await this.#store.knownProducts(input.items.map((i) => i.productId));
    const unknown = input.items.flatMap((item, index) => (known.has(item.productId) ? [] : [index]));
    if (unknown.length) throw AffiliateErrors.unknownProducts(unknown);
    await this.#d.db.transaction().execute(async (trx) => {
      await new AffiliateStore(trx).replaceRules(
        input.items.map(({ productId, rule }) => ({
          product_id: productId,
          type: rule.type,
          rate_bps: rule.type === 'percent' ? rule.rateBps : null,
          amount: rule.type === 'fixed' ? rule.amount : null,
          currency: rule.type === 'fixed' ? rule.currency : null,
        })),
      );
      await this.#audit(
        trx,
        change,
        'affiliates.product_commissions_replaced',
        { type: 'settings', id: 'affiliates' },
        null,
        { items: input.items },
      );
    });
    return this.productCommissions();
  }

  // ─── Affiliates ─────────────────────────────────────────────────────────────────────────────────────────

  async list(query: ListQuery): Promise<{ items: AdminAffiliate[]; nextCursor: string | null }> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.#store.adminList({
      status: query.status,
      q: query.q || undefined,
      after: readKeyset(query.cursor),
      limit: limit + 1,
    });
    const views = await this.#views.admin(rows.slice(0, limit));
    const byId = new Map(views.map((v) => [v.id, v]));
    return pageOf(rows, limit, (row) => byId.get(row.id) as AdminAffiliate);
  }

  async #find(id: string) {
    const row = await this.#store.find(id);
    if (!row) throw AffiliateErrors.affiliateNotFound();
    return row;
  }

  async get(id: string): Promise<AdminAffiliate> {
    const [view] = await this.#views.admin([await this.#find(id)]);
    if (!view) throw AffiliateErrors.affiliateNotFound();
    return view;
  }

  /**
   * Approves (active), rejects or suspends an affiliate. The owners are mailed when it is approved the first
   * time, and when it is rejected. Setting the status it has changes nothing.
   */
  async setStatus(id: string, input: StatusInput, change: StaffChange): Promise<AdminAffiliate> {
    const row = await this.#find(id);
    if (row.status === input.status) return this.get(id);
    const now = this.#now();
    const firstApproval = input.status === 'active' && row.approved_at === null;
    await this.#d.db.transaction().execute(async (trx) => {
      const updated = await new AffiliateStore(trx).update(id, {
        status: input.status,
        approved_at: firstApproval ? now : row.approved_at,
        decided_by: change.staff.staffId,
        updated_at: now,
      });
      if (!updated) throw AffiliateErrors.affiliateNotFound();
      const mailer = this.#d.mailer.within(trx);
      if (firstApproval) {
        await mailer.toOwners(row.account_id, {
          name: 'affiliate-approved',
          link: referralLink(this.#d.settings, this.#d.config, row.code),
        });
      } else if (input.status === 'rejected') {
        await mailer.toOwners(row.account_id, { name: 'affiliate-rejected' });
      }
      await this.#audit(trx, change, 'affiliate.status_changed', { type: 'affiliate', id }, row.account_id, {
        code: row.code,
        from: row.status,
        to: input.status,
      });
    });
    return this.get(id);
  }

  async ledger(id: string, query: Page): Promise<{ items: LedgerEntry[]; nextCursor: string | null }> {
    const row = await this.#find(id);
    const limit = query.limit ?? DEFAULT_LIMIT;
    return pageOf(
      await this.#store.ledger(row.id, readKeyset(query.cursor), limit + 1),
      limit,
      toLedgerEntry,
    );
  }

  /** Corrects the available balance with an `adjustment` row (positive or negative). */
  async adjust(id: string, input: AdjustInput, change: StaffChange): Promise<LedgerEntry> {
    const row = await this.#find(id);
    const now = this.#now();
    const [entryId] = await this.#d.db.transaction().execute(async (trx) => {
      const ids = await move(new AffiliateStore(trx), this.#d.ids, {
        affiliateId: row.id,
        currency: input.currency,
        amount: Math.abs(input.amount),
        from: input.amount < 0 ? 'available' : null,
        to: input.amount > 0 ? 'available' : null,
        kind: 'adjustment',
        description: input.description,
        staffId: change.staff.staffId,
        now,
      });
      await this.#audit(trx, change, 'affiliate.adjusted', { type: 'affiliate', id }, row.account_id, {
        amount: input.amount,
        currency: input.currency,
        description: input.description,
      });
      return ids;
    });
    const entry = entryId ? await this.#store.findLedger(entryId) : undefined;
    if (!entry) throw AffiliateErrors.affiliateNotFound();
    return toLedgerEntry(entry);
  }

  // ─── Commissions and payouts ────────────────────────────────────────────────────────────────────────────

  async commissions(
    query: CommissionQuery,
  ): Promise<{ items: AdminCommission[]; nextCursor: string | null }> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.#store.commissions({
      affiliateId: query.affiliateId || undefined,
      status: query.status,
      after: readKeyset(query.cursor),
      limit: limit + 1,
    });
    return pageOf(rows, limit, toAdminCommission);
  }

  /**
   * Payouts: with a status, those (waiting ones oldest first, decided ones newest first); else the waiting ones
   * oldest first, then the decided ones newest first.
   */
  async payouts(query: PayoutQuery): Promise<{ items: AdminPayout[]; nextCursor: string | null }> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const segments: PayoutSegment[] = query.status
      ? [{ key: 's', statuses: [query.status], oldestFirst: WAITING.includes(query.status) }]
      : [
          { key: 'w', statuses: WAITING, oldestFirst: true },
          { key: 'd', statuses: DECIDED, oldestFirst: false },
        ];
    const cursor = decodeCursor<{ s?: string; a?: string; i?: string }>(query.cursor);
    let start = 0;
    if (cursor) {
      start = segments.findIndex((s) => s.key === cursor.s);
      if (start < 0 || !cursor.a || !cursor.i) throw invalidCursor();
    }
    const rows: Array<{ segment: string; row: PayoutView }> = [];
    for (let i = start; i < segments.length && rows.length <= limit; i++) {
      const segment = segments[i] as PayoutSegment;
      const found = await this.#store.adminPayouts({
        statuses: segment.statuses,
        oldestFirst: segment.oldestFirst,
        affiliateId: query.affiliateId || undefined,
        after: i === start && cursor ? { createdAt: cursor.a as string, id: cursor.i as string } : undefined,
        limit: limit + 1 - rows.length,
      });
      rows.push(...found.map((row) => ({ segment: segment.key, row })));
    }
    const shown = rows.slice(0, limit);
    const last = shown.at(-1);
    return {
      items: shown.map(({ row }) => toAdminPayout(row)),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor({ s: last.segment, a: last.row.created_at, i: last.row.id })
          : null,
    };
  }

  async #payout(id: string): Promise<PayoutView> {
    const row = await this.#store.findPayout(id);
    if (!row) throw AffiliateErrors.payoutNotFound();
    return row;
  }

  /**
   * Moves a payout from one of `from` to `to` in one transaction with `effects` (ledger rows, credit) and its
   * audit entry; a payout no longer in `from` (decided meanwhile) is 409 CONFLICT.
   */
  async #decide(
    id: string,
    from: readonly PayoutStatus[],
    to: PayoutStatus,
    change: StaffChange,
    extra: { method?: string; reference?: string; note?: string },
    effects: (trx: Transaction<Database>, payout: PayoutRow, now: string, accountId: string) => Promise<void>,
  ): Promise<AdminPayout> {
    const found = await this.#payout(id);
    const now = this.#now();
    await this.#d.db.transaction().execute(async (trx) => {
      const moved = await new AffiliateStore(trx).movePayout(id, from, {
        status: to,
        ...extra,
        decided_by: change.staff.staffId,
        decided_at: now,
        updated_at: now,
      });
      if (!moved) {
        throw AffiliateErrors.conflict(`This payout is ${found.status}: it cannot become ${to} now.`);
      }
      await effects(trx, moved, now, found.account_id);
      await this.#audit(
        trx,
        change,
        `affiliate.payout_${to}`,
        { type: 'affiliate_payout', id },
        found.account_id,
        {
          amount: moved.amount,
          currency: moved.currency,
          from: found.status,
          ...extra,
        },
      );
    });
    return toAdminPayout(await this.#payout(id));
  }

  #mailPayout(
    trx: Transaction<Database>,
    accountId: string,
    name: 'affiliate-payout-paid' | 'affiliate-payout-credited' | 'affiliate-payout-rejected',
    payout: PayoutRow,
  ) {
    const mail: MailPayout = {
      amount: payout.amount,
      currency: payout.currency,
      method: payout.method,
      reference: payout.reference,
      note: payout.note,
    };
    return this.#d.mailer.within(trx).toOwners(accountId, { name, payout: mail });
  }

  /** Moves a decided payout's amount out of `requested`, as ledger rows naming the payout and the staff member. */
  #release(
    trx: Transaction<Database>,
    payout: PayoutRow,
    change: StaffChange,
    now: string,
    leg: Pick<Movement, 'to' | 'kind' | 'description'>,
  ) {
    return move(new AffiliateStore(trx), this.#d.ids, {
      affiliateId: payout.affiliate_id,
      currency: payout.currency,
      amount: payout.amount,
      from: 'requested',
      ...leg,
      payoutId: payout.id,
      staffId: change.staff.staffId,
      now,
    });
  }

  approvePayout(id: string, change: StaffChange): Promise<AdminPayout> {
    return this.#decide(id, ['requested'], 'approved', change, {}, async () => {});
  }

  /** Records that the payout was paid outside Portico (bank, PayPal…): it leaves `requested` for `paid`. */
  async payPayout(id: string, input: PaidInput, change: StaffChange): Promise<AdminPayout> {
    return this.#decide(
      id,
      WAITING,
      'paid',
      change,
      { method: input.method, reference: input.reference },
      async (trx, payout, now, accountId) => {
        await this.#release(trx, payout, change, now, {
          to: 'paid',
          kind: 'payout_paid',
          description: `Payout paid (${input.method}, ${input.reference})`,
        });
        await this.#mailPayout(trx, accountId, 'affiliate-payout-paid', payout);
      },
    );
  }

  /** Pays the payout as credit on the affiliate's own account: a credit ledger row in the same transaction. */
  async creditPayout(id: string, change: StaffChange): Promise<AdminPayout> {
    return this.#decide(id, WAITING, 'credited', change, {}, async (trx, payout, now, accountId) => {
      await this.#release(trx, payout, change, now, {
        to: 'paid',
        kind: 'payout_credited',
        description: 'Payout added to the account credit',
      });
      await trx
        .insertInto('credit_ledger')
        .values({
          id: this.#d.ids('cred'),
          account_id: accountId,
          currency: payout.currency,
          amount: payout.amount,
          kind: 'adjustment',
          description: 'Affiliate payout',
          invoice_id: null,
          payment_id: null,
          staff_id: change.staff.staffId,
          created_at: now,
        })
        .execute();
      await this.#mailPayout(trx, accountId, 'affiliate-payout-credited', payout);
    });
  }

  /** Refuses the payout: the amount returns to `available`. */
  async rejectPayout(id: string, input: RejectInput, change: StaffChange): Promise<AdminPayout> {
    return this.#decide(
      id,
      WAITING,
      'rejected',
      change,
      { note: input.reason },
      async (trx, payout, now, accountId) => {
        await this.#release(trx, payout, change, now, {
          to: 'available',
          kind: 'payout_rejected',
          description: `Payout rejected: ${input.reason}`,
        });
        await this.#mailPayout(trx, accountId, 'affiliate-payout-rejected', payout);
      },
    );
  }
}
