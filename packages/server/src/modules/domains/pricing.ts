import type { DomainPriceAction, Tld } from '@portico/sdk/contract';
import { domainToUnicode } from '@portico/sdk/contract';
import type { Selectable } from 'kysely';
import type { DomainTldsTable } from '../../db/schema.js';
import type { Trx } from '../billing/invoice-store.js';

export type TldRow = Selectable<DomainTldsTable>;

/**
 * TLDs and their price grids: the one place domain prices are read. Every price the API quotes, an order charges
 * or a renewal invoices comes from here, so what a visitor saw is what the invoice says.
 */
export class DomainPricing {
  constructor(private readonly db: Trx) {}

  /** Enabled TLDs, in the business's order. */
  enabledTlds(db: Trx = this.db): Promise<TldRow[]> {
    return db
      .selectFrom('domain_tlds')
      .selectAll()
      .where('enabled', '=', 1)
      .orderBy('position')
      .orderBy('tld')
      .execute();
  }

  /** The enabled TLD row, or undefined when the business does not sell it. */
  enabledTld(tld: string, db: Trx = this.db): Promise<TldRow | undefined> {
    return db
      .selectFrom('domain_tlds')
      .selectAll()
      .where('tld', '=', tld)
      .where('enabled', '=', 1)
      .executeTakeFirst();
  }

  /** The price of `years` of `action` in `currency`, or null when not offered. */
  async priceFor(
    tld: string,
    currency: string,
    action: DomainPriceAction,
    years: number,
    db: Trx = this.db,
  ): Promise<number | null> {
    const row = await db
      .selectFrom('domain_prices')
      .select('amount')
      .where('tld', '=', tld)
      .where('currency', '=', currency)
      .where('action', '=', action)
      .where('years', '=', years)
      .executeTakeFirst();
    return row ? row.amount : null;
  }

  /** The price of `years` of each action in `currency` (null when not offered), in one query. */
  async termPrices(
    tld: string,
    currency: string,
    years: number,
    db: Trx = this.db,
  ): Promise<Record<DomainPriceAction, number | null>> {
    const rows = await db
      .selectFrom('domain_prices')
      .select(['action', 'amount'])
      .where('tld', '=', tld)
      .where('currency', '=', currency)
      .where('years', '=', years)
      .execute();
    const prices: Record<DomainPriceAction, number | null> = { register: null, renew: null, transfer: null };
    for (const row of rows) prices[row.action] = row.amount;
    return prices;
  }

  /** Enabled TLDs with their grids in one currency; a TLD with neither a register nor a transfer price is left out. */
  async tlds(currency: string, db: Trx = this.db): Promise<Tld[]> {
    const [rows, prices] = await Promise.all([
      this.enabledTlds(db),
      db
        .selectFrom('domain_prices')
        .select(['tld', 'action', 'years', 'amount'])
        .where('currency', '=', currency)
        .orderBy('tld')
        .orderBy('action')
        .orderBy('years')
        .execute(),
    ]);
    const grids = new Map<string, Tld>();
    for (const row of rows) {
      grids.set(row.tld, {
        tld: row.tld,
        unicode: domainToUnicode(row.tld),
        register: [],
        renew: [],
        transfer: [],
      });
    }
    for (const price of prices) {
      grids.get(price.tld)?.[price.action].push({ years: price.years, amount: price.amount });
    }
    return [...grids.values()].filter((t) => t.register.length > 0 || t.transfer.length > 0);
  }
}
