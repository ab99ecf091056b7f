import type {
  AdminTld,
  AvailabilitySource,
  TldInputSchema,
  TldPricesInputSchema,
  TldUpdateSchema,
} from '@portico/sdk/contract';
import { domainToUnicode } from '@portico/sdk/contract';
import type { Selectable, Updateable } from 'kysely';
import type * as z from 'zod';
import type { Db } from '../../db/database.js';
import type { DomainPricesTable, DomainTldsTable } from '../../db/schema.js';
import type { Clock } from '../../deps.js';
import type { AuditLog } from '../audit/audit-log.js';
import { BillingErrors } from '../billing/errors.js';
import type { Trx } from '../billing/invoice-store.js';
import type { StaffChange } from '../settings/service.js';
import type { Settings } from '../settings/settings.js';
import { DomainErrors } from './errors.js';
import type { TldRow } from './pricing.js';
import type { RegistrarRegistry } from './registry.js';
import { DomainsStore } from './store.js';

type TldInput = z.output<typeof TldInputSchema>;
type TldUpdate = z.output<typeof TldUpdateSchema>;
type PricesInput = z.output<typeof TldPricesInputSchema>;
type PriceRow = Selectable<DomainPricesTable>;

const ACTION_ORDER = { register: 0, renew: 1, transfer: 2 } as const;

export interface DomainTldsDeps {
  db: Db;
  settings: Settings;
  clock: Clock;
  audit: AuditLog;
  registrars: RegistrarRegistry;
}

/**
 * The TLDs the business sells as staff manage them: which registrar serves each, where availability answers come
 * from, store order, and every currency's price grid. Each change commits with its audit entry.
 */
export class DomainTlds {
  readonly #d: DomainTldsDeps;

  constructor(deps: DomainTldsDeps) {
    this.#d = deps;
  }

  #now(): string {
    return this.#d.clock.now().toISOString();
  }

  /** Every TLD (enabled or not), in store order, with all prices and its domain count. */
  async list(): Promise<AdminTld[]> {
    const [rows, prices, counts] = await Promise.all([
      this.#d.db.selectFrom('domain_tlds').selectAll().orderBy('position').orderBy('tld').execute(),
      this.#d.db.selectFrom('domain_prices').selectAll().execute(),
      new DomainsStore(this.#d.db).countByTld(),
    ]);
    return rows.map((row) =>
      this.#view(
        row,
        prices.filter((p) => p.tld === row.tld),
        counts.get(row.tld) ?? 0,
      ),
    );
  }

  async get(tld: string, db: Trx = this.#d.db): Promise<AdminTld> {
    const row = await this.#find(tld, db);
    const [prices, count] = await Promise.all([
      db.selectFrom('domain_prices').selectAll().where('tld', '=', row.tld).execute(),
      db
        .selectFrom('domains')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tld', '=', row.tld)
        .executeTakeFirstOrThrow(),
    ]);
    return this.#view(row, prices, Number(count.n));
  }

  async #find(tld: string, db: Trx = this.#d.db): Promise<TldRow> {
    const row = await db
      .selectFrom('domain_tlds')
      .selectAll()
      .where('tld', '=', tld.toLowerCase())
      .executeTakeFirst();
    if (!row) throw DomainErrors.notFound('TLD');
    return row;
  }

  #view(row: TldRow, prices: readonly PriceRow[], domains: number): AdminTld {
    return {
      tld: row.tld,
      unicode: domainToUnicode(row.tld),
      enabled: row.enabled === 1,
      position: row.position,
      registrar: row.registrar,
      availability: row.availability,
      rdapServer: this.#d.registrars.rdapServerFor(row.tld),
      prices: [...prices]
        .sort(
          (a, b) =>
            a.currency.localeCompare(b.currency) ||
            ACTION_ORDER[a.action] - ACTION_ORDER[b.action] ||
            a.years - b.years,
        )
        .map((p) => ({ currency: p.currency, action: p.action, years: p.years, amount: p.amount })),
      domains,
    };
  }

  /** A registrar staff may pick must exist; RDAP availability needs a server in the bootstrap file. */
  #checkSources(tld: string, registrar: string | undefined, availability: AvailabilitySource | undefined) {
    if (registrar !== undefined && !this.#d.registrars.has(registrar))
      throw DomainErrors.field('registrar', `There is no registrar “${registrar}”`);
    if (availability === 'rdap' && !this.#d.registrars.rdapServerFor(tld))
      throw DomainErrors.field('availability', `The RDAP bootstrap file names no server for .${tld}`);
  }

  #audit(change: StaffChange, action: string, tld: string, details: Record<string, unknown>) {
    return this.#d.audit.row({
      actor: { type: 'staff', id: change.staff.staffId, label: change.staff.email },
      action,
      target: { type: 'domain_tld', id: tld },
      origin: change.origin,
      details,
    });
  }

  /** Adds a TLD (409 CONFLICT when it exists); it goes last in store order unless a position is given. */
  async create(input: TldInput, change: StaffChange): Promise<AdminTld> {
    const registrar = input.registrar ?? 'local';
    const availability = input.availability ?? 'registrar';
    this.#checkSources(input.tld, registrar, availability);
    const now = this.#now();
    const created = await this.#d.db.transaction().execute(async (trx) => {
      const last = await trx
        .selectFrom('domain_tlds')
        .select((eb) => eb.fn.max('position').as('p'))
        .executeTakeFirst();
      const row = await trx
        .insertInto('domain_tlds')
        .values({
          tld: input.tld,
          position: input.position ?? (last?.p == null ? 0 : Number(last.p) + 1),
          enabled: input.enabled === false ? 0 : 1,
          registrar,
          availability,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.column('tld').doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!row) return undefined;
      await trx
        .insertInto('audit_log')
        .values(
          this.#audit(change, 'domain_tld.created', row.tld, {
            registrar,
            availability,
            enabled: row.enabled === 1,
          }),
        )
        .execute();
      return row;
    });
    if (!created) throw DomainErrors.conflict(`.${input.tld} is already on the list.`);
    return this.get(created.tld);
  }

  /** Enables or disables a TLD, or changes its registrar, availability source or position (the fields sent). */
  async update(tld: string, input: TldUpdate, change: StaffChange): Promise<AdminTld> {
    const current = await this.#find(tld);
    this.#checkSources(current.tld, input.registrar, input.availability ?? undefined);
    const set: Updateable<DomainTldsTable> = {};
    if (input.enabled !== undefined) set.enabled = input.enabled ? 1 : 0;
    if (input.registrar !== undefined) set.registrar = input.registrar;
    if (input.availability !== undefined) set.availability = input.availability;
    if (input.position !== undefined) set.position = input.position;
    if (Object.keys(set).length) {
      await this.#d.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('domain_tlds')
          .set({ ...set, updated_at: this.#now() })
          .where('tld', '=', current.tld)
          .execute();
        await trx
          .insertInto('audit_log')
          .values(this.#audit(change, 'domain_tld.updated', current.tld, { ...input }))
          .execute();
      });
    }
    return this.get(current.tld);
  }

  /** Replaces one currency's grid (enabled currencies only): what is not sent is no longer offered in it. */
  async setPrices(tld: string, input: PricesInput, change: StaffChange): Promise<AdminTld> {
    const current = await this.#find(tld);
    if (!this.#d.settings.current.enabledCurrencies.includes(input.currency))
      throw BillingErrors.currencyNotEnabled(input.currency);
    await this.#d.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('domain_prices')
        .where('tld', '=', current.tld)
        .where('currency', '=', input.currency)
        .execute();
      if (input.prices.length) {
        await trx
          .insertInto('domain_prices')
          .values(input.prices.map((p) => ({ tld: current.tld, currency: input.currency, ...p })))
          .execute();
      }
      await trx
        .insertInto('audit_log')
        .values(
          this.#audit(change, 'domain_tld.prices_set', current.tld, {
            currency: input.currency,
            prices: input.prices.map((p) => `${p.action}:${p.years}:${p.amount}`),
          }),
        )
        .execute();
    });
    return this.get(current.tld);
  }

  /** Removes a TLD and its prices; 409 CONFLICT while any domain (of any status) uses it: disable it instead. */
  async remove(tld: string, change: StaffChange): Promise<void> {
    const current = await this.#find(tld);
    const removed = await this.#d.db.transaction().execute(async (trx) => {
      const used = await trx
        .selectFrom('domains')
        .select('id')
        .where('tld', '=', current.tld)
        .limit(1)
        .executeTakeFirst();
      if (used) return false;
      await trx.deleteFrom('domain_tlds').where('tld', '=', current.tld).execute();
      await trx
        .insertInto('audit_log')
        .values(this.#audit(change, 'domain_tld.removed', current.tld, {}))
        .execute();
      return true;
    });
    if (!removed)
      throw DomainErrors.conflict(`Domains use .${current.tld}: disable it instead of removing it.`);
  }
}
