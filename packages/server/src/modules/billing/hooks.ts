import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { InvoiceRow } from './invoice-writer.js';

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
