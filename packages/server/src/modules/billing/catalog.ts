import {
  type AdminProduct,
  type AdminProductGroup,
  BILLING_CYCLES,
  type BillingCycle,
  type Catalog,
  type OrderItemInputSchema,
  type PricedLine,
  type Product,
  type ProductGroupInputSchema,
  type ProductGroupUpdateSchema,
  type ProductInputSchema,
  type ProductPrice,
  type ProductUpdateSchema,
  type Quote,
  type QuoteInputSchema,
} from '@portico/sdk/contract';
import type * as z from 'zod';
import type { Db } from '../../db/database.js';
import type { Clock, IdGenerator } from '../../deps.js';
import type { Auth } from '../../http/auth.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { StaffChange } from '../settings/service.js';
import type { Settings } from '../settings/settings.js';
import { CatalogStore, type GroupRow, type PriceRow, type ProductRow } from './catalog-store.js';
import { BillingErrors } from './errors.js';
import type { DomainOrderLines } from './hooks.js';
import { billToOf, type DraftLine, taxRuleForBillTo } from './invoice-writer.js';
import { taxRuleFor, totalsOf } from './money.js';

type OrderItemInput = z.output<typeof OrderItemInputSchema>;
type QuoteInput = z.output<typeof QuoteInputSchema>;
type GroupInput = z.output<typeof ProductGroupInputSchema>;
type GroupUpdate = z.output<typeof ProductGroupUpdateSchema>;
type ProductInput = z.output<typeof ProductInputSchema>;
type ProductUpdate = z.output<typeof ProductUpdateSchema>;

export interface CatalogDeps {
  db: Db;
  settings: Settings;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditLog;
  /** Prices the domains of a quote (the domains module). */
  domains?: DomainOrderLines | undefined;
}

/** How a cycle reads on an invoice line. */
export const CYCLE_LABELS: Record<BillingCycle, string> = {
  one_time: 'one-time',
  monthly: 'monthly',
  quarterly: 'quarterly',
  semiannual: 'every 6 months',
  annual: 'annual',
  biennial: 'every 2 years',
};

/** Rows by a key, in their order (Node 20 has no Map.groupBy). */
function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

const cycleOrder = (cycle: BillingCycle) => BILLING_CYCLES.indexOf(cycle);

/** One order line priced by the server: the product, how many, and its price in the order's currency. */
export interface PricedItem {
  product: ProductRow;
  cycle: BillingCycle;
  quantity: number;
  /** The recurring (or one-time) price of one unit. */
  amount: number;
  /** Charged once per unit, on the first invoice. */
  setupFee: number;
}

/** A product's line and, when it has one, its setup fee's line, for `quantity` units. */
export function linesOf(item: PricedItem, quantity = item.quantity): Array<Omit<DraftLine, 'serviceId'>> {
  const taxable = item.product.taxable === 1;
  const lines: Array<Omit<DraftLine, 'serviceId'>> = [
    {
      kind: 'product',
      description: `${item.product.name} (${CYCLE_LABELS[item.cycle]})`,
      quantity,
      unitAmount: item.amount,
      taxable,
    },
  ];
  if (item.setupFee > 0) {
    lines.push({
      kind: 'setup',
      description: `${item.product.name}: setup fee`,
      quantity,
      unitAmount: item.setupFee,
      taxable,
    });
  }
  return lines;
}

const slugify = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '') || 'item';

function toPrice(row: PriceRow): ProductPrice {
  return { currency: row.currency, cycle: row.cycle, amount: row.amount, setupFee: row.setup_fee };
}

const byCycle = (a: { cycle: BillingCycle }, b: { cycle: BillingCycle }) =>
  cycleOrder(a.cycle) - cycleOrder(b.cycle);

/** What the store and the console both show of a product. */
function productFields(row: ProductRow): Omit<Product, 'inStock' | 'prices'> {
  return {
    id: row.id,
    groupId: row.group_id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    features: JSON.parse(row.features) as string[],
    type: row.type,
    featured: row.featured === 1,
  };
}

function toProduct(row: ProductRow, prices: PriceRow[]): Product {
  return {
    ...productFields(row),
    inStock: row.stock === null || row.stock > 0,
    prices: prices.map(toPrice).sort(byCycle),
  };
}

function toAdminProduct(row: ProductRow, prices: PriceRow[]): AdminProduct {
  return {
    ...productFields(row),
    hidden: row.hidden === 1,
    stock: row.stock,
    taxable: row.taxable === 1,
    sortOrder: row.sort_order,
    prices: prices.map(toPrice).sort((a, b) => a.currency.localeCompare(b.currency) || byCycle(a, b)),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toAdminGroup(row: GroupRow & { product_count: number | null }): AdminProductGroup {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    sortOrder: row.sort_order,
    hidden: row.hidden === 1,
    productCount: Number(row.product_count ?? 0),
    createdAt: row.created_at,
  };
}

/**
 * The currency a price is shown or charged in: the one asked for, else the signed-in account's (unless the business
 * has since turned it off), else the business's default. It must be enabled (400 CURRENCY_NOT_ENABLED). The store
 * and the domain search share this rule.
 */
export async function currencyFor(
  deps: { db: Db; settings: Settings },
  asked: string | undefined,
  auth: Auth | undefined,
): Promise<string> {
  const { enabledCurrencies, defaultCurrency } = deps.settings.current;
  let currency = asked;
  if (!currency && auth) {
    const account = await deps.db
      .selectFrom('accounts')
      .select('currency')
      .where('id', '=', auth.accountId)
      .executeTakeFirst();
    if (account && enabledCurrencies.includes(account.currency)) currency = account.currency;
  }
  currency ??= defaultCurrency;
  if (!enabledCurrencies.includes(currency)) throw BillingErrors.currencyNotEnabled(currency);
  return currency;
}

/**
 * The store: product groups, products and prices as clients see them (one currency at a time, hidden ones left
 * out), the server's own pricing of every order line, and the staff's catalog editing.
 */
export class CatalogService {
  readonly #d: CatalogDeps;
  readonly #store: CatalogStore;

  constructor(deps: CatalogDeps) {
    this.#d = deps;
    this.#store = new CatalogStore(deps.db);
  }

  #now(): string {
    return this.#d.clock.now().toISOString();
  }

  /** 404 when the business hides its store. */
  #open(): void {
    if (!this.#d.settings.current.sections.store) throw BillingErrors.notFound('store');
  }

  /** The currency asked for, else the signed-in account's, else the business's default; it must be enabled. */
  currencyFor(asked: string | undefined, auth: Auth | undefined): Promise<string> {
    return currencyFor(this.#d, asked, auth);
  }

  /** The visible catalog in one currency; products without a price in it are left out, and so are empty groups. */
  async catalog(query: { currency?: string | undefined }, auth: Auth | undefined): Promise<Catalog> {
    this.#open();
    const currency = await this.currencyFor(query.currency, auth);
    const [groups, products] = await Promise.all([
      this.#store.visibleGroups(),
      this.#store.visibleProducts(),
    ]);
    const prices = await this.#store.prices(
      products.map((p) => p.id),
      currency,
    );
    const pricesOf = groupBy(prices, (p) => p.product_id);
    const productsOf = groupBy(
      products.filter((p) => pricesOf.has(p.id)),
      (p) => p.group_id,
    );
    const { enabledCurrencies, termsUrl } = this.#d.settings.current;
    return {
      currency,
      currencies: [...enabledCurrencies],
      termsUrl,
      groups: groups
        .filter((g) => productsOf.has(g.id))
        .map((g) => ({
          id: g.id,
          slug: g.slug,
          name: g.name,
          description: g.description,
          products: (productsOf.get(g.id) ?? []).map((p) => toProduct(p, pricesOf.get(p.id) ?? [])),
        })),
    };
  }

  /** One visible product by slug or id, with its prices in one currency (404 when it has none in it). */
  async product(
    key: string,
    query: { currency?: string | undefined },
    auth: Auth | undefined,
  ): Promise<Product> {
    this.#open();
    const currency = await this.currencyFor(query.currency, auth);
    const row = await this.#store.visibleProduct(key);
    if (!row) throw BillingErrors.notFound('product');
    const prices = await this.#store.prices([row.id], currency);
    if (!prices.length) throw BillingErrors.notFound('product');
    return toProduct(row, prices);
  }

  /**
   * Prices order lines from the catalog: each product must be visible with a price for its cycle in the currency
   * (else 422 PRODUCT_UNAVAILABLE on that item). Any price the request carried was never read.
   */
  async price(items: readonly OrderItemInput[], currency: string, db = this.#d.db): Promise<PricedItem[]> {
    const store = new CatalogStore(db);
    const ids = [...new Set(items.map((i) => i.productId))];
    const products = new Map((await store.visibleProductsById(ids)).map((p) => [p.id, p]));
    const prices = await store.prices(ids, currency);
    return items.map((item, i) => {
      const product = products.get(item.productId);
      const price = prices.find((p) => p.product_id === item.productId && p.cycle === item.cycle);
      if (!product || !price) throw BillingErrors.productUnavailable(`items.${i}.productId`);
      return {
        product,
        cycle: item.cycle,
        quantity: item.quantity ?? 1,
        amount: price.amount,
        setupFee: price.setup_fee,
      };
    });
  }

  /** 409 OUT_OF_STOCK when a product tracking stock has fewer units than the items ask for. */
  checkStock(items: readonly PricedItem[]): void {
    const wanted = new Map<string, number>();
    items.forEach((item, i) => {
      const total = (wanted.get(item.product.id) ?? 0) + item.quantity;
      wanted.set(item.product.id, total);
      if (item.product.stock !== null && item.product.stock < total) {
        throw BillingErrors.outOfStock(`items.${i}.quantity`, item.product.name);
      }
    });
  }

  /** Takes stock for every item in the caller's transaction; 409 OUT_OF_STOCK (rolling it back) when short. */
  async takeStock(db: Db, items: readonly PricedItem[]): Promise<void> {
    const store = new CatalogStore(db);
    for (const [i, item] of items.entries()) {
      if (!(await store.takeStock(item.product.id, item.quantity))) {
        throw BillingErrors.outOfStock(`items.${i}.quantity`, item.product.name);
      }
    }
  }

  /** Gives back the stock an order took. */
  async returnStock(db: Db, items: ReadonlyArray<{ product_id: string; quantity: number }>): Promise<void> {
    const store = new CatalogStore(db);
    for (const item of items) await store.returnStock(item.product_id, item.quantity);
  }

  /**
   * What an order would cost, priced here (domains from the TLD price book); tax by the account's address, or a
   * guest's country. Availability is not checked: ordering does that.
   */
  async quote(input: QuoteInput, auth: Auth | undefined): Promise<Quote> {
    this.#open();
    const currency = await this.currencyFor(input.currency, auth);
    const items = await this.price(input.items, currency);
    this.checkStock(items);
    if (input.domains.length && !this.#d.domains) {
      throw BillingErrors.productUnavailable('domains.0.domain', 'Domains are not sold here.');
    }
    const domainLines = this.#d.domains ? await this.#d.domains.quote(input.domains, currency) : [];
    const rules = this.#d.settings.current.billing;
    const rule = auth
      ? taxRuleForBillTo(rules, await billToOf(this.#d.db, auth.accountId))
      : taxRuleFor(rules.taxRules, { country: input.country ?? null });
    const drafts = [...items.flatMap((item) => linesOf(item)), ...domainLines];
    const totals = totalsOf(drafts, rule);
    const lines: PricedLine[] = drafts.map((line) => ({
      kind: line.kind,
      description: line.description,
      quantity: line.quantity,
      unitAmount: line.unitAmount,
      amount: line.quantity * line.unitAmount,
      taxable: line.taxable,
    }));
    return {
      currency,
      lines,
      subtotal: totals.subtotal,
      taxName: totals.taxName,
      taxRateBps: totals.taxRateBps,
      tax: totals.tax,
      total: totals.total,
    };
  }

  // ─── Staff ──────────────────────────────────────────────────────────────────────────────────────────────

  async listGroups(): Promise<AdminProductGroup[]> {
    return (await this.#store.groupsWithCounts()).map(toAdminGroup);
  }

  async #group(id: string): Promise<AdminProductGroup> {
    const row = await this.#store.groupWithCount(id);
    if (!row) throw BillingErrors.notFound('product group');
    return toAdminGroup(row);
  }

  #audit(db: Db, change: StaffChange, action: string, target: { type: string; id: string }, details = {}) {
    return db
      .insertInto('audit_log')
      .values(
        this.#d.audit.row({
          actor: { type: 'staff', id: change.staff.staffId, label: change.staff.email },
          action,
          target,
          origin: change.origin,
          details,
        }),
      )
      .execute();
  }

  async createGroup(input: GroupInput, change: StaffChange): Promise<AdminProductGroup> {
    const id = this.#d.ids('pgrp');
    const slug = input.slug || slugify(input.name);
    const now = this.#now();
    await this.#d.db.transaction().execute(async (trx) => {
      const store = new CatalogStore(trx);
      if (await store.slugTaken('product_groups', slug)) throw slugConflict(slug);
      await store.insertGroup({
        id,
        slug,
        name: input.name,
        description: input.description ?? '',
        sort_order: input.sortOrder ?? 0,
        hidden: input.hidden ? 1 : 0,
        created_at: now,
        updated_at: now,
      });
      await this.#audit(trx, change, 'product_group.created', { type: 'product_group', id }, { slug });
    });
    return this.#group(id);
  }

  async updateGroup(id: string, input: GroupUpdate, change: StaffChange): Promise<AdminProductGroup> {
    await this.#d.db.transaction().execute(async (trx) => {
      const store = new CatalogStore(trx);
      if (!(await store.group(id))) throw BillingErrors.notFound('product group');
      if (input.slug && (await store.slugTaken('product_groups', input.slug, id)))
        throw slugConflict(input.slug);
      await store.updateGroup(id, {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.slug && { slug: input.slug }),
        ...(input.description !== undefined && { description: input.description }),
        ...(input.sortOrder !== undefined && { sort_order: input.sortOrder }),
        ...(input.hidden !== undefined && { hidden: input.hidden ? 1 : 0 }),
        updated_at: this.#now(),
      });
      await this.#audit(
        trx,
        change,
        'product_group.updated',
        { type: 'product_group', id },
        {
          changed: Object.keys(input),
        },
      );
    });
    return this.#group(id);
  }

  /** Removes a group without products (409 CONFLICT otherwise: move or remove them first). */
  async removeGroup(id: string, change: StaffChange): Promise<void> {
    await this.#d.db.transaction().execute(async (trx) => {
      const store = new CatalogStore(trx);
      const group = await store.group(id);
      if (!group) throw BillingErrors.notFound('product group');
      if (!(await store.removeEmptyGroup(id))) {
        throw BillingErrors.conflict('This group still has products. Move or remove them first.');
      }
      await this.#audit(
        trx,
        change,
        'product_group.removed',
        { type: 'product_group', id },
        {
          slug: group.slug,
        },
      );
    });
  }

  async listProducts(): Promise<AdminProduct[]> {
    const rows = await this.#store.allProducts();
    const pricesOf = groupBy(await this.#store.prices(rows.map((r) => r.id)), (p) => p.product_id);
    return rows.map((row) => toAdminProduct(row, pricesOf.get(row.id) ?? []));
  }

  async getProduct(id: string, db: Db = this.#d.db): Promise<AdminProduct> {
    const store = new CatalogStore(db);
    const row = await store.product(id);
    if (!row) throw BillingErrors.notFound('product');
    return toAdminProduct(row, await store.prices([id]));
  }

  /** Prices as staff send them: enabled currencies only, at most one per currency and cycle. */
  #checkPrices(prices: NonNullable<ProductInput['prices']>) {
    const { enabledCurrencies } = this.#d.settings.current;
    const seen = new Set<string>();
    return prices.map((price, i) => {
      if (!enabledCurrencies.includes(price.currency)) {
        throw BillingErrors.currencyNotEnabled(price.currency, `prices.${i}.currency`);
      }
      const key = `${price.currency}/${price.cycle}`;
      if (seen.has(key)) {
        throw BillingErrors.field(
          `prices.${i}`,
          `There already is a ${price.cycle} price in ${price.currency}`,
        );
      }
      seen.add(key);
      return {
        currency: price.currency,
        cycle: price.cycle,
        amount: price.amount,
        setupFee: price.setupFee ?? 0,
      };
    });
  }

  async createProduct(input: ProductInput, change: StaffChange): Promise<AdminProduct> {
    const prices = this.#checkPrices(input.prices ?? []);
    const id = this.#d.ids('prod');
    const slug = input.slug || slugify(input.name);
    const now = this.#now();
    return this.#d.db.transaction().execute(async (trx) => {
      const store = new CatalogStore(trx);
      if (!(await store.group(input.groupId))) throw BillingErrors.notFound('product group');
      if (await store.slugTaken('products', slug)) throw slugConflict(slug);
      await store.insertProduct({
        id,
        group_id: input.groupId,
        slug,
        name: input.name,
        description: input.description ?? '',
        features: JSON.stringify(input.features ?? []),
        type: input.type ?? 'other',
        featured: input.featured ? 1 : 0,
        hidden: input.hidden ? 1 : 0,
        stock: input.stock ?? null,
        taxable: input.taxable === false ? 0 : 1,
        sort_order: input.sortOrder ?? 0,
        created_at: now,
        updated_at: now,
      });
      await store.replacePrices(id, prices);
      await this.#audit(
        trx,
        change,
        'product.created',
        { type: 'product', id },
        { slug, prices: prices.length },
      );
      return this.getProduct(id, trx);
    });
  }

  /** Changes the fields sent; `prices`, when sent, replace every price. */
  async updateProduct(id: string, input: ProductUpdate, change: StaffChange): Promise<AdminProduct> {
    const prices = input.prices ? this.#checkPrices(input.prices) : undefined;
    return this.#d.db.transaction().execute(async (trx) => {
      const store = new CatalogStore(trx);
      if (!(await store.product(id))) throw BillingErrors.notFound('product');
      if (input.groupId && !(await store.group(input.groupId))) throw BillingErrors.notFound('product group');
      if (input.slug && (await store.slugTaken('products', input.slug, id))) throw slugConflict(input.slug);
      await store.updateProduct(id, {
        ...(input.groupId && { group_id: input.groupId }),
        ...(input.name !== undefined && { name: input.name }),
        ...(input.slug && { slug: input.slug }),
        ...(input.description !== undefined && { description: input.description }),
        ...(input.features !== undefined && { features: JSON.stringify(input.features) }),
        ...(input.type !== undefined && { type: input.type }),
        ...(input.featured !== undefined && { featured: input.featured ? 1 : 0 }),
        ...(input.hidden !== undefined && { hidden: input.hidden ? 1 : 0 }),
        ...(input.stock !== undefined && { stock: input.stock }),
        ...(input.taxable !== undefined && { taxable: input.taxable ? 1 : 0 }),
        ...(input.sortOrder !== undefined && { sort_order: input.sortOrder }),
        updated_at: this.#now(),
      });
      if (prices) await store.replacePrices(id, prices);
      await this.#audit(
        trx,
        change,
        'product.updated',
        { type: 'product', id },
        { changed: Object.keys(input) },
      );
      return this.getProduct(id, trx);
    });
  }

  /** Removes a product nobody ever ordered (409 CONFLICT otherwise: hide it instead). */
  async removeProduct(id: string, change: StaffChange): Promise<void> {
    await this.#d.db.transaction().execute(async (trx) => {
      const store = new CatalogStore(trx);
      const product = await store.product(id);
      if (!product) throw BillingErrors.notFound('product');
      if (await store.everOrdered(id)) {
        throw BillingErrors.conflict(
          'This product has been ordered, so it stays on record. Hide it instead.',
        );
      }
      await store.removeProduct(id);
      await this.#audit(trx, change, 'product.removed', { type: 'product', id }, { slug: product.slug });
    });
  }
}

const slugConflict = (slug: string) =>
  BillingErrors.conflict(`The slug “${slug}” is already used. Choose another.`);
