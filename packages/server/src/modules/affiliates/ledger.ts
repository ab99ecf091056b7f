import type { LedgerBucket, LedgerKind } from '@portico/sdk/contract';
import type { IdGenerator } from '../../deps.js';
import type { AffiliateStore } from './store.js';

/** One amount moving, as ledger rows: out of `from` (when given) and into `to`. */
export interface Movement {
  affiliateId: string;
  currency: string;
  /** Positive: how much moves. */
  amount: number;
  from: LedgerBucket | null;
  to: LedgerBucket | null;
  kind: LedgerKind;
  description: string;
  commissionId?: string | null;
  payoutId?: string | null;
  staffId?: string | null;
  now: string;
}

/**
 * Writes a movement as ledger rows: −amount in `from`, +amount in `to` (a commission only enters, a reversal only
 * leaves). Balances are sums of these rows, so nothing else is ever updated. Answers the ids written, `from`
 * first. Run it inside the change's transaction.
 */
export async function move(store: AffiliateStore, ids: IdGenerator, m: Movement): Promise<string[]> {
  const legs: Array<[LedgerBucket, number]> = [];
  if (m.from) legs.push([m.from, -m.amount]);
  if (m.to) legs.push([m.to, m.amount]);
  const rows = legs.map(([bucket, amount]) => ({
    id: ids('alg'),
    affiliate_id: m.affiliateId,
    currency: m.currency,
    bucket,
    amount,
    kind: m.kind,
    commission_id: m.commissionId ?? null,
    payout_id: m.payoutId ?? null,
    staff_id: m.staffId ?? null,
    description: m.description,
    created_at: m.now,
  }));
  if (rows.length) await store.insertLedger(rows);
  return rows.map((r) => r.id);
}
