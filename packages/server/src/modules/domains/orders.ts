import { type DomainSettings, domainToUnicode, type OrderDomain, tldOf } from '@portico/sdk/contract';
import type { Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { Clock, IdGenerator } from '../../deps.js';
import { Sealer } from '../auth/seal.js';
import { addMonths } from '../billing/cycles.js';
import type { DomainOrderItem, DomainOrderLines } from '../billing/hooks.js';
import type { Trx } from '../billing/invoice-store.js';
import type { DraftLine } from '../billing/invoice-writer.js';
import { isUniqueViolation } from '../services/store.js';
import { DomainErrors } from './errors.js';
import type { DomainPricing, TldRow } from './pricing.js';
import type { AvailabilityChecker } from './registrar.js';
import { yearsLabel } from './views.js';

/** How long an order waits for a registry's availability answer before it lets the registrar decide on payment. */
const CHECK_TIMEOUT_MS = 5_000;

export interface DomainOrdersDeps {
  db: Db;
  clock: Clock;
  ids: IdGenerator;
  config: Config;
  logger: Logger;
  pricing: DomainPricing;
  /** The checker that answers availability for a TLD (its registrar, or RDAP). */
  checkerFor(tld: TldRow): AvailabilityChecker;
  /** The business's domain settings (default name servers, privacy). */
  domainSettings(): Promise<DomainSettings> | DomainSettings;
}

/** One domain of an order, priced. */
interface PricedDomain {
  item: DomainOrderItem;
  tld: TldRow;
  years: number;
  amount: number;
  unicode: string;
  /** Where errors about it point (`domains.0.domain`). */
  path: string;
}

/** What the invoice line says (names in Unicode, so `bücher.example` reads as typed). */
function describe(domain: PricedDomain): string {
  return domain.item.action === 'transfer'
    ? `Domain transfer: ${domain.unicode} (${yearsLabel(domain.years)} added)`
    : `Domain registration: ${domain.unicode} (${yearsLabel(domain.years)})`;
}

/**
 * Domains in orders (the billing module calls this through `DomainOrderLines`). Prices come from DomainPricing
 * only; whatever money fields a request carried were never parsed. A name can be held by one live domain at a
 * time (the unique index `domains_live_name` decides, so two accounts racing for one free name get one order and
 * one 409). Registration itself waits for payment (see DomainLifecycle).
 */
export class DomainOrders implements DomainOrderLines {
  readonly #d: DomainOrdersDeps;
  readonly #epp: Sealer;

  constructor(deps: DomainOrdersDeps) {
    this.#d = deps;
    this.#epp = new Sealer(deps.config.secret, 'epp');
  }

  /** Prices each domain: its TLD must be enabled and priced for the action and years in the currency. */
  async #price(items: readonly DomainOrderItem[], currency: string, db: Trx): Promise<PricedDomain[]> {
    const tlds = new Map((await this.#d.pricing.enabledTlds(db)).map((row) => [row.tld, row]));
    const seen = new Set<string>();
    const priced: PricedDomain[] = [];
    for (const [i, item] of items.entries()) {
      const path = `domains.${i}.domain`;
      const unicode = domainToUnicode(item.domain);
      if (seen.has(item.domain)) throw DomainErrors.duplicate(path, unicode);
      seen.add(item.domain);
      const tldName = tldOf(item.domain, tlds.keys());
      const tld = tldName ? tlds.get(tldName) : undefined;
      if (!tld) throw DomainErrors.tldNotOffered(item.domain, path);
      if (item.domain.slice(0, -(tld.tld.length + 1)).includes('.')) {
        throw DomainErrors.notRegistrable(path, unicode, tld.tld);
      }
      const years = item.years ?? 1;
      const amount = await this.#d.pricing.priceFor(tld.tld, currency, item.action, years, db);
      if (amount === null) {
        throw DomainErrors.priceUnavailable(item.years === undefined ? path : `domains.${i}.years`, {
          tld: tld.tld,
          action: item.action,
          years,
          currency,
        });
      }
      priced.push({ item, tld, years, amount, unicode, path });
    }
    return priced;
  }

  #lines(priced: readonly PricedDomain[], now: string, domainIds?: readonly string[]): DraftLine[] {
    return priced.map((domain, i) => ({
      kind: domain.item.action === 'transfer' ? 'domain_transfer' : 'domain_register',
      description: describe(domain),
      quantity: 1,
      unitAmount: domain.amount,
      taxable: true,
      domainId: domainIds?.[i] ?? null,
      // A registration's term starts now; a transfer's adds to an expiry only the registry knows until it is done.
      periodStart: domain.item.action === 'register' ? now : null,
      periodEnd:
        domain.item.action === 'register' ? addMonths(new Date(now), 12 * domain.years).toISOString() : null,
    }));
  }

  async quote(items: readonly DomainOrderItem[], currency: string): Promise<DraftLine[]> {
    if (!items.length) return [];
    return this.#lines(await this.#price(items, currency, this.#d.db), this.#d.clock.now().toISOString());
  }

  /**
   * Before the order's transaction (a registry is never asked inside one): prices the domains (so bad input fails
   * before anything slow) and asks each registration's checker. Taken, or premium (the registry asks more than the
   * list price) → 409 DOMAIN_UNAVAILABLE; unknown → accepted, the registrar decides once it is paid.
   */
  async prepare(items: readonly DomainOrderItem[], currency: string): Promise<void> {
    if (!items.length) return;
    const priced = await this.#price(items, currency, this.#d.db);
    const held = new Set(
      (
        await this.#d.db
          .selectFrom('domains')
          .select('name')
          .where(
            'name',
            'in',
            priced.map((p) => p.item.domain),
          )
          .where('status', '<>', 'cancelled')
          .execute()
      ).map((row) => row.name),
    );
    for (const domain of priced) {
      if (held.has(domain.item.domain)) {
        throw DomainErrors.unavailable(domain.path, domain.unicode, 'is not available');
      }
    }
    const answers = await Promise.all(
      priced.map(async (domain) => {
        if (domain.item.action !== 'register') return { domain, status: 'skipped' as const };
        const checker = this.#d.checkerFor(domain.tld);
        const answer = await checker.check(domain.item.domain, {
          signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
        });
        return { domain, ...answer };
      }),
    );
    for (const answer of answers) {
      if (answer.status === 'taken')
        throw DomainErrors.unavailable(answer.domain.path, answer.domain.unicode);
      if (answer.status === 'available' && answer.premium) {
        throw DomainErrors.unavailable(
          answer.domain.path,
          answer.domain.unicode,
          'is a premium name: it is not sold here',
        );
      }
      if (answer.status === 'unknown') {
        this.#d.logger.info(
          { domain: answer.domain.item.domain, reason: answer.reason },
          'availability unknown at order time; the registrar decides on payment',
        );
      }
    }
  }

  async place(
    trx: Transaction<Database>,
    order: { accountId: string; orderId: string; currency: string; now: string },
    items: readonly DomainOrderItem[],
  ): Promise<DraftLine[]> {
    if (!items.length) return [];
    const priced = await this.#price(items, order.currency, trx);
    const settings = await this.#d.domainSettings();
    const ids: string[] = [];
    for (const domain of priced) {
      const id = this.#d.ids('dom');
      try {
        await trx
          .insertInto('domains')
          .values({
            id,
            account_id: order.accountId,
            order_id: order.orderId,
            name: domain.item.domain,
            tld: domain.tld.tld,
            registrar: domain.tld.registrar,
            action: domain.item.action,
            years: domain.years,
            status: 'pending',
            auto_renew: 1,
            privacy: settings.privacyByDefault ? 1 : 0,
            locked: 1,
            nameservers: JSON.stringify(settings.defaultNameservers),
            epp_code_sealed:
              domain.item.action === 'transfer' && domain.item.eppCode
                ? this.#epp.seal(Buffer.from(domain.item.eppCode, 'utf8'))
                : null,
            registered_at: null,
            expires_at: null,
            last_error: null,
            created_at: order.now,
            updated_at: order.now,
          })
          .execute();
      } catch (error) {
        if (isUniqueViolation(error))
          throw DomainErrors.unavailable(domain.path, domain.unicode, 'is not available');
        throw error;
      }
      ids.push(id);
    }
    return this.#lines(priced, order.now, ids);
  }

  async ofOrders(db: Trx, orderIds: readonly string[]): Promise<Map<string, OrderDomain[]>> {
    const out = new Map<string, OrderDomain[]>();
    if (!orderIds.length) return out;
    const rows = await db
      .selectFrom('domains')
      .select(['id', 'order_id', 'name', 'action', 'years'])
      .where('order_id', 'in', orderIds)
      .orderBy('order_id')
      .orderBy('id')
      .execute();
    for (const row of rows) {
      const domain: OrderDomain = {
        domainId: row.id,
        domain: row.name,
        unicode: domainToUnicode(row.name),
        action: row.action,
        years: row.years,
      };
      const list = out.get(row.order_id as string);
      if (list) list.push(domain);
      else out.set(row.order_id as string, [domain]);
    }
    return out;
  }

  /** Opens a transfer's sealed EPP code. */
  openEppCode(sealed: string): string {
    return this.#epp.open(sealed).toString('utf8');
  }
}
