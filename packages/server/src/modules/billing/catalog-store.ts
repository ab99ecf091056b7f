import type { Insertable, Selectable, Updateable } from 'kysely';
import { changedOne } from '../../db/changed.js';
import type { Cycle, ProductGroupsTable, ProductPricesTable, ProductsTable } from '../../db/schema.js';
import type { Trx } from './invoice-store.js';

export type GroupRow = Selectable<ProductGroupsTable>;
export type ProductRow = Selectable<ProductsTable>;
export type PriceRow = Selectable<ProductPricesTable>;

/** SQL of the catalog: product groups, products and their prices. The catalog is the business's, not a client's. */
export class CatalogStore {
  constructor(private readonly db: Trx) {}

  /** Visible groups in store order. */
  visibleGroups(): Promise<GroupRow[]> {
    return this.db
      .selectFrom('product_groups')
      .selectAll()
      .where('hidden', '=', 0)
      .orderBy('sort_order')
      .orderBy('name')
      .execute();
  }

  /** Visible products of visible groups, in store order. */
  visibleProducts(): Promise<ProductRow[]> {
    return this.db
      .selectFrom('products')
      .innerJoin('product_groups', 'product_groups.id', 'products.group_id')
      .selectAll('products')
      .where('products.hidden', '=', 0)
      .where('product_groups.hidden', '=', 0)
      .orderBy('products.group_id')
      .orderBy('products.sort_order')
      .orderBy('products.id')
      .execute();
  }

  /** A visible product of a visible group, by id or slug. */
  visibleProduct(key: string): Promise<ProductRow | undefined> {
    return this.db
      .selectFrom('products')
      .innerJoin('product_groups', 'product_groups.id', 'products.group_id')
      .selectAll('products')
      .where((eb) => eb.or([eb('products.id', '=', key), eb('products.slug', '=', key)]))
      .where('products.hidden', '=', 0)
      .where('product_groups.hidden', '=', 0)
      .executeTakeFirst();
  }

  /** Visible products of visible groups, by id. */
  visibleProductsById(ids: readonly string[]): Promise<ProductRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.db
      .selectFrom('products')
      .innerJoin('product_groups', 'product_groups.id', 'products.group_id')
      .selectAll('products')
      .where('products.id', 'in', ids)
      .where('products.hidden', '=', 0)
      .where('product_groups.hidden', '=', 0)
      .execute();
  }

  /** Prices of some products, in one currency or in all. */
  prices(productIds: readonly string[], currency?: string): Promise<PriceRow[]> {
    if (!productIds.length) return Promise.resolve([]);
    let q = this.db.selectFrom('product_prices').selectAll().where('product_id', 'in', productIds);
    if (currency) q = q.where('currency', '=', currency);
    return q.execute();
  }

  /**
   * Takes `quantity` units from a product's stock; true when it had them (or does not track stock). One
   * conditional UPDATE, so parallel orders can never take the same last unit.
   */
  async takeStock(productId: string, quantity: number): Promise<boolean> {
    const r = await this.db
      .updateTable('products')
      .set((eb) => ({ stock: eb('stock', '-', quantity) }))
      .where('id', '=', productId)
      .where((eb) => eb.or([eb('stock', 'is', null), eb('stock', '>=', quantity)]))
      .executeTakeFirst();
    return changedOne(r);
  }

  /** Gives units back to a product that tracks stock. */
  async returnStock(productId: string, quantity: number): Promise<void> {
    await this.db
      .updateTable('products')
      .set((eb) => ({ stock: eb('stock', '+', quantity) }))
      .where('id', '=', productId)
      .where('stock', 'is not', null)
      .execute();
  }

  // ─── Staff ──────────────────────────────────────────────────────────────────────────────────────────────

  #groupsWithCounts() {
    return this.db
      .selectFrom('product_groups')
      .selectAll('product_groups')
      .select((eb) =>
        eb
          .selectFrom('products')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('products.group_id', '=', 'product_groups.id')
          .as('product_count'),
      );
  }

  /** Every group in store order, with its product count. */
  groupsWithCounts() {
    return this.#groupsWithCounts().orderBy('sort_order').orderBy('name').execute();
  }

  groupWithCount(id: string) {
    return this.#groupsWithCounts().where('id', '=', id).executeTakeFirst();
  }

  async slugTaken(table: 'product_groups' | 'products', slug: string, exceptId?: string): Promise<boolean> {
    let q = this.db.selectFrom(table).select('id').where('slug', '=', slug);
    if (exceptId) q = q.where('id', '<>', exceptId);
    return (await q.executeTakeFirst()) !== undefined;
  }

  async insertGroup(row: Insertable<ProductGroupsTable>): Promise<void> {
    await this.db.insertInto('product_groups').values(row).execute();
  }

  async updateGroup(id: string, set: Updateable<ProductGroupsTable>): Promise<boolean> {
    return changedOne(
      await this.db.updateTable('product_groups').set(set).where('id', '=', id).executeTakeFirst(),
    );
  }

  /** Removes a group that has no products; false when it has some (or is gone). */
  async removeEmptyGroup(id: string): Promise<boolean> {
    const r = await this.db
      .deleteFrom('product_groups')
      .where('id', '=', id)
      .where((eb) =>
        eb.not(
          eb.exists(eb.selectFrom('products').select('id').whereRef('group_id', '=', 'product_groups.id')),
        ),
      )
      .executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }

  allProducts(): Promise<ProductRow[]> {
    return this.db
      .selectFrom('products')
      .selectAll()
      .orderBy('group_id')
      .orderBy('sort_order')
      .orderBy('id')
      .execute();
  }

  product(id: string): Promise<ProductRow | undefined> {
    return this.db.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirst();
  }

  group(id: string): Promise<GroupRow | undefined> {
    return this.db.selectFrom('product_groups').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insertProduct(row: Insertable<ProductsTable>): Promise<void> {
    await this.db.insertInto('products').values(row).execute();
  }

  async updateProduct(id: string, set: Updateable<ProductsTable>): Promise<boolean> {
    return changedOne(await this.db.updateTable('products').set(set).where('id', '=', id).executeTakeFirst());
  }

  /** Replaces every price of a product. */
  async replacePrices(
    productId: string,
    prices: ReadonlyArray<{ currency: string; cycle: Cycle; amount: number; setupFee: number }>,
  ): Promise<void> {
    await this.db.deleteFrom('product_prices').where('product_id', '=', productId).execute();
    if (!prices.length) return;
    await this.db
      .insertInto('product_prices')
      .values(
        prices.map((p) => ({
          product_id: productId,
          currency: p.currency,
          cycle: p.cycle,
          amount: p.amount,
          setup_fee: p.setupFee,
        })),
      )
      .execute();
  }

  /** Whether anyone ever ordered the product (an order line or a service names it). */
  async everOrdered(productId: string): Promise<boolean> {
    const [item, service] = await Promise.all([
      this.db.selectFrom('order_items').select('id').where('product_id', '=', productId).executeTakeFirst(),
      this.db.selectFrom('services').select('id').where('product_id', '=', productId).executeTakeFirst(),
    ]);
    return item !== undefined || service !== undefined;
  }

  async removeProduct(id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('products').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }
}
