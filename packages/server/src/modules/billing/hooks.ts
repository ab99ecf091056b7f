import type { OrderDomain } from '@portico/sdk/contract';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Trx } from './invoice-store.js';
import type { DraftLine, InvoiceRow } from './invoice-writer.js';

/**
 * What other modules do when an invoice's state changes, inside the same transaction as the change (so a paid
 * invoice and an activated service, or a refund and a reversed commission, commit together or not at all).
 * Hooks must only write the database: no mail, no provider calls (queue mail through the outbox table).
 */
export interface InvoiceHooks {
  /** The invoice became `paid` (its balance reached zero). */
  paid?(trx: Transaction<Database>, invoice: InvoiceRow, now: string): Promise<void>;
  /** The invoice was refunded. */
  refunded?(trx: Transaction<Database>, invoice: InvoiceRow, now: string): Promise<void>;
  /** The invoice was cancelled unpaid. */
  cancelled?(trx: Transaction<Database>, invoice: InvoiceRow, now: string): Promise<void>;
}

/** Hooks registered by modules, run in registration order. */
export class InvoiceEvents {
  readonly #hooks: InvoiceHooks[] = [];

  on(hooks: InvoiceHooks): void {
    this.#hooks.push(hooks);
  }

  async emit(
    event: keyof InvoiceHooks,
    trx: Transaction<Database>,
    invoice: InvoiceRow,
    now: string,
  ): Promise<void> {
    for (const hooks of this.#hooks) await hooks[event]?.(trx, invoice, now);
  }
}

/** A domain of an order as the contract parsed it (ASCII name). */
export interface DomainOrderItem {
  domain: string;
  action: 'register' | 'transfer';
  years?: number | undefined;
  eppCode?: string | undefined;
}

/**
 * How orders take domains: the domains module prices them and, inside the order's transaction, writes its rows
 * and answers the invoice lines. Billing never reads domain tables itself.
 */
export interface DomainOrderLines {
  /** Prices domains for a quote; throws the contract's errors (TLD_NOT_OFFERED, PRICE_UNAVAILABLE, …). */
  quote(items: readonly DomainOrderItem[], currency: string): Promise<DraftLine[]>;
  /**
   * Runs before the order's transaction (it may ask registries, which never happens inside one): prices the
   * domains and refuses names that are taken (409 DOMAIN_UNAVAILABLE). `place` still has the last word.
   */
  prepare(items: readonly DomainOrderItem[], currency: string): Promise<void>;
  /** Writes the order's domains (status `pending`) and answers their invoice lines (with `domainId`). */
  place(
    trx: Transaction<Database>,
    order: { accountId: string; orderId: string; currency: string; now: string },
    items: readonly DomainOrderItem[],
  ): Promise<DraftLine[]>;
  /** The domains of each order, for the order view. */
  ofOrders(db: Trx, orderIds: readonly string[]): Promise<Map<string, OrderDomain[]>>;
}
