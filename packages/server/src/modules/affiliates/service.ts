import { randomInt } from 'node:crypto';
import type {
  AffiliateJoinInputSchema,
  AffiliateOverview,
  AffiliateUpdateInputSchema,
  Commission,
  CommissionListQuerySchema,
  LedgerEntry,
  PageQuerySchema,
  Payout,
  PayoutInputSchema,
  Referral,
  ReferralClick,
} from '@portico/sdk/contract';
import { formatMoney } from '@portico/sdk/contract';
import type * as z from 'zod';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Clock, IdGenerator } from '../../deps.js';
import type { Auth } from '../../http/auth.js';
import type { RateLimiter } from '../../http/rate-limit.js';
import { hmac } from '../auth/secrets.js';
import { DEFAULT_LIMIT, pageOf, readKeyset } from '../billing/invoice-store.js';
import type { Settings } from '../settings/settings.js';
import { addDays } from './commissions.js';
import { AffiliateErrors } from './errors.js';
import { move } from './ledger.js';
import type { AffiliateMailer } from './mail.js';
import { type AffiliateRow, AffiliateStore } from './store.js';
import { AffiliateViews, initials, programmeOf, toCommission, toLedgerEntry, toPayout } from './views.js';

type Page = z.output<typeof PageQuerySchema>;
type CommissionQuery = z.output<typeof CommissionListQuerySchema>;
type JoinInput = z.output<typeof AffiliateJoinInputSchema>;
type UpdateInput = z.output<typeof AffiliateUpdateInputSchema>;
type PayoutInput = z.output<typeof PayoutInputSchema>;

/** Clicks on referral links: at most this many per visitor address per hour. */
export const CLICK_LIMIT = { max: 60, windowSeconds: 3600 };
/** Joining: at most this many tries per account per hour. */
const JOIN_LIMIT = { max: 10, windowSeconds: 3600 };
/** Payout requests: at most this many per account per hour. */
const PAYOUT_LIMIT = { max: 20, windowSeconds: 3600 };

/** Letters and digits nobody misreads (no 0/o, 1/l/i). */
const CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const CODE_LENGTH = 8;
/** How many codes are tried before giving up (31^8 codes: a clash is already rare). */
const CODE_TRIES = 8;

/** A fresh referral code: 8 random unambiguous lower-case letters and digits. */
export function newCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

export interface AffiliateProgrammeDeps {
  db: Db;
  settings: Settings;
  config: Config;
  clock: Clock;
  ids: IdGenerator;
  rate: RateLimiter;
  mailer: AffiliateMailer;
}

/** What a recorded click answers, and how long its cookie lasts. */
export interface RecordedClick extends ReferralClick {
  maxAgeMs: number;
}

/**
 * The affiliate programme as a client's account uses it: joining, the link and figures, referrals, commissions,
 * payouts and the ledger. Every read takes the affiliate of the account the caller proved, so one account never
 * sees another's.
 */
export class AffiliateProgramme {
  readonly #d: AffiliateProgrammeDeps;
  readonly #store: AffiliateStore;
  readonly #views: AffiliateViews;

  constructor(deps: AffiliateProgrammeDeps) {
    this.#d = deps;
    this.#store = new AffiliateStore(deps.db);
    this.#views = new AffiliateViews(this.#store, deps.settings, deps.config);
  }

  #now(): string {
    return this.#d.clock.now().toISOString();
  }

  /**
   * A visit through a referral link. The code of an active affiliate records a click (one per visitor and day:
   * the visitor is a keyed HMAC of their address and the UTC day, never the address) and answers its id; any
   * other code answers nulls, the same way, so the page never learns which codes exist.
   */
  async click(code: string, ip: string): Promise<RecordedClick | null> {
    await this.#d.rate.hit(`affiliate-click:ip:${ip}`, CLICK_LIMIT);
    const affiliate = await this.#store.byCode(code);
    if (affiliate?.status !== 'active') return null;
    const now = this.#now();
    const day = now.slice(0, 10);
    const visitor = hmac(this.#d.config.secret, `affiliate-visitor:${ip}:${day}`).slice(0, 32);
    const windowDays = this.#d.settings.current.affiliates.windowDays;
    let click = await this.#store.visitorClick(affiliate.id, visitor, `${day}T00:00:00.000Z`);
    if (!click) {
      click = { id: this.#d.ids('clk'), affiliate_id: affiliate.id, visitor, created_at: now };
      await this.#store.insertClick(click);
    }
    const expiresAt = addDays(click.created_at, windowDays);
    return {
      referral: click.id,
      expiresAt,
      maxAgeMs: new Date(expiresAt).getTime() - new Date(now).getTime(),
    };
  }

  async #mine(auth: Auth): Promise<AffiliateRow> {
    const row = await this.#store.ofAccount(auth.accountId);
    if (!row) throw AffiliateErrors.notAffiliate();
    return row;
  }

  async overview(auth: Auth): Promise<AffiliateOverview> {
    const row = await this.#store.ofAccount(auth.accountId);
    return {
      programme: programmeOf(this.#d.settings.current.affiliates),
      affiliate: row ? await this.#views.client(row) : null,
    };
  }

  /**
   * Joins the programme: active at once when sign-up is open, else pending, and staff are mailed the
   * application. A second join is 409 ALREADY_AFFILIATE.
   */
  async join(auth: Auth, input: JoinInput): Promise<AffiliateOverview> {
    await this.#d.rate.hit(`affiliate-join:account:${auth.accountId}`, JOIN_LIMIT);
    if (await this.#store.ofAccount(auth.accountId)) throw AffiliateErrors.alreadyAffiliate();
    const open = this.#d.settings.current.affiliates.signup === 'open';
    const now = this.#now();
    await this.#d.db.transaction().execute(async (trx) => {
      const store = new AffiliateStore(trx);
      for (let attempt = 1; ; attempt++) {
        const inserted = await store.insert({
          id: this.#d.ids('aff'),
          account_id: auth.accountId,
          code: newCode(),
          status: open ? 'active' : 'pending',
          payout_details: input.payoutDetails ?? '',
          note: input.note ?? '',
          created_at: now,
          updated_at: now,
          approved_at: open ? now : null,
          decided_by: null,
        });
        if (inserted === 'account') throw AffiliateErrors.alreadyAffiliate();
        if (inserted === 'code') {
          if (attempt >= CODE_TRIES) throw new Error('no free referral code after several tries');
          continue;
        }
        if (!open) {
          const account = await trx
            .selectFrom('accounts')
            .select('name')
            .where('id', '=', auth.accountId)
            .executeTakeFirst();
          await this.#d.mailer.within(trx).application(inserted.id, {
            accountName: account?.name ?? '',
            code: inserted.code,
            note: inserted.note,
          });
        }
        return;
      }
    });
    return this.overview(auth);
  }

  async update(auth: Auth, input: UpdateInput): Promise<AffiliateOverview> {
    const row = await this.#mine(auth);
    await this.#store.update(row.id, { payout_details: input.payoutDetails, updated_at: this.#now() });
    return this.overview(auth);
  }

  async referrals(auth: Auth, query: Page): Promise<{ items: Referral[]; nextCursor: string | null }> {
    const row = await this.#store.ofAccount(auth.accountId);
    const after = readKeyset(query.cursor);
    if (!row) return { items: [], nextCursor: null };
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.#store.referrals(row.id, after, limit + 1);
    return pageOf(rows, limit, (r) => ({
      id: r.id,
      name: initials(r.name),
      registeredAt: r.created_at,
      converted: Boolean(r.converted),
    }));
  }

  async commissions(
    auth: Auth,
    query: CommissionQuery,
  ): Promise<{ items: Commission[]; nextCursor: string | null }> {
    const row = await this.#store.ofAccount(auth.accountId);
    const after = readKeyset(query.cursor);
    if (!row) return { items: [], nextCursor: null };
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.#store.commissions({
      affiliateId: row.id,
      status: query.status,
      after,
      limit: limit + 1,
    });
    return pageOf(rows, limit, toCommission);
  }

  async payouts(auth: Auth, query: Page): Promise<{ items: Payout[]; nextCursor: string | null }> {
    const row = await this.#store.ofAccount(auth.accountId);
    const after = readKeyset(query.cursor);
    if (!row) return { items: [], nextCursor: null };
    const limit = query.limit ?? DEFAULT_LIMIT;
    return pageOf(await this.#store.payoutsOf(row.id, after, limit + 1), limit, toPayout);
  }

  async ledger(auth: Auth, query: Page): Promise<{ items: LedgerEntry[]; nextCursor: string | null }> {
    const row = await this.#store.ofAccount(auth.accountId);
    const after = readKeyset(query.cursor);
    if (!row) return { items: [], nextCursor: null };
    const limit = query.limit ?? DEFAULT_LIMIT;
    return pageOf(await this.#store.ledger(row.id, after, limit + 1), limit, toLedgerEntry);
  }

  /**
   * Asks for a payout of available balance: an active affiliate, at least the programme's minimum (in its
   * currency), at most what is available, one waiting request per currency. The amount moves from `available`
   * to `requested` with the request.
   */
  async requestPayout(auth: Auth, input: PayoutInput): Promise<Payout> {
    await this.#d.rate.hit(`affiliate-payout:account:${auth.accountId}`, PAYOUT_LIMIT);
    const rules = this.#d.settings.current.affiliates;
    const now = this.#now();
    const id = this.#d.ids('apo');
    await this.#d.db.transaction().execute(async (trx) => {
      const store = new AffiliateStore(trx);
      const affiliate = await store.ofAccount(auth.accountId);
      if (affiliate?.status !== 'active') throw AffiliateErrors.inactive();
      if (await store.hasWaiting(affiliate.id, input.currency))
        throw AffiliateErrors.payoutPending(input.currency);
      if (input.currency === rules.minimumPayoutCurrency && input.amount < rules.minimumPayout) {
        const minimum = formatMoney(rules.minimumPayout, rules.minimumPayoutCurrency);
        throw AffiliateErrors.payoutAmount(`Payouts start at ${minimum}.`, `At least ${minimum}`);
      }
      const available = await store.bucket(affiliate.id, input.currency, 'available');
      if (input.amount > available) {
        const most = formatMoney(Math.max(0, available), input.currency);
        throw AffiliateErrors.payoutAmount(
          `Only ${most} is available in ${input.currency}.`,
          `At most ${most}`,
        );
      }
      const inserted = await store.insertPayout({
        id,
        affiliate_id: affiliate.id,
        currency: input.currency,
        amount: input.amount,
        status: 'requested',
        method: null,
        reference: null,
        note: null,
        requested_by: auth.userId,
        decided_by: null,
        created_at: now,
        updated_at: now,
        decided_at: null,
      });
      if (!inserted) throw AffiliateErrors.payoutPending(input.currency);
      await move(store, this.#d.ids, {
        affiliateId: affiliate.id,
        currency: input.currency,
        amount: input.amount,
        from: 'available',
        to: 'requested',
        kind: 'payout_requested',
        description: 'Payout requested',
        payoutId: id,
        now,
      });
    });
    const row = await this.#store.findPayout(id);
    if (!row) throw AffiliateErrors.payoutNotFound();
    return toPayout(row);
  }
}
