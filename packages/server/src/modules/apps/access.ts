import type { AppId, GrantKind } from '@portico/sdk/contract';
import type { Transaction } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { Auth } from '../../http/auth.js';
import { HttpError } from '../../http/problem.js';
import type { Settings } from '../settings/settings.js';

/** How an account came to have access to an app, a course or a group, and since when. */
export interface AccessSource {
  source: 'everyone' | 'purchase' | 'invitation';
  /** The earliest moment the account held it (a purchase: the granting service's activation). */
  since: string;
}

/** The one answer for anything a client may not see: the same as for something that does not exist. */
export const appNotFound = (what = 'page') => new HttpError(404, 'NOT_FOUND', `There is no such ${what}.`);

/**
 * Who may use what among the apps. Access to an app, a course or a group comes from:
 * - being open to everyone (the app's or course's `access`, an open or on-request group);
 * - an invitation: a staff grant for the account (`app_grants`);
 * - a purchase: an active service of a product that grants it (`product_grants`). Access lasts while the service
 *   is active, so a suspended, cancelled or refunded service takes it away with no hook.
 *
 * Every check is scoped by the principal's account id.
 */
export class AppAccess {
  readonly #db: Db;
  readonly #settings: Settings;

  constructor(deps: { db: Db; settings: Settings }) {
    this.#db = deps.db;
    this.#settings = deps.settings;
  }

  /** Whether the business has the app on. */
  enabled(appId: AppId): boolean {
    return this.#settings.current.apps[appId].enabled;
  }

  /**
   * Whether this principal may use the app: it is on, the account's required profile is complete, and it is
   * open to everyone or the account holds it.
   */
  async mayUse(auth: Auth, appId: AppId): Promise<boolean> {
    const app = this.#settings.current.apps[appId];
    if (!app.enabled) return false;
    if (auth.kind === 'session' && auth.profileMissing.length) return false;
    if (app.access === 'everyone') return true;
    return (await this.holds(auth.accountId, 'app', appId)) !== null;
  }

  /** Throws the 404 of something that does not exist unless the principal may use the app. */
  async assertApp(auth: Auth | undefined, appId: AppId): Promise<void> {
    if (!auth || !(await this.mayUse(auth, appId))) throw appNotFound();
  }

  /**
   * Whether the account holds a resource by invitation or purchase (not counting `everyone`), and since when.
   * Purchases count from the granting service's activation, invitations from the grant.
   */
  async holds(accountId: string, kind: GrantKind, resourceId: string): Promise<AccessSource | null> {
    const held = await this.heldOfKind(accountId, kind, [resourceId]);
    return held.get(resourceId) ?? null;
  }

  /**
   * The resources of a kind the account holds by invitation or purchase, by id (of `among`, when given). The
   * earliest source wins when both apply.
   */
  async heldOfKind(
    accountId: string,
    kind: GrantKind,
    among?: readonly string[],
  ): Promise<Map<string, AccessSource>> {
    if (among && among.length === 0) return new Map();
    let invited = this.#db
      .selectFrom('app_grants')
      .select(['resource_id', 'created_at'])
      .where('account_id', '=', accountId)
      .where('kind', '=', kind);
    let bought = this.#db
      .selectFrom('product_grants as g')
      .innerJoin('services as s', 's.product_id', 'g.product_id')
      .select(['g.resource_id', (eb) => eb.fn.min('s.activated_at').as('since')])
      .where('s.account_id', '=', accountId)
      .where('s.status', '=', 'active')
      .where('g.kind', '=', kind)
      .groupBy('g.resource_id');
    if (among) {
      invited = invited.where('resource_id', 'in', among);
      bought = bought.where('g.resource_id', 'in', among);
    }
    const out = new Map<string, AccessSource>();
    for (const row of await bought.execute()) {
      if (row.since) out.set(row.resource_id, { source: 'purchase', since: row.since });
    }
    for (const row of await invited.execute()) {
      const earlier = out.get(row.resource_id);
      if (!earlier || row.created_at < earlier.since) {
        out.set(row.resource_id, { source: 'invitation', since: row.created_at });
      }
    }
    return out;
  }

  /** The products that grant a resource, with their names. */
  async productsOf(
    kind: GrantKind,
    resourceIds: readonly string[],
  ): Promise<Map<string, { id: string; name: string }[]>> {
    const out = new Map<string, { id: string; name: string }[]>();
    if (!resourceIds.length) return out;
    const rows = await this.#db
      .selectFrom('product_grants as g')
      .innerJoin('products as p', 'p.id', 'g.product_id')
      .select(['g.resource_id', 'p.id', 'p.name'])
      .where('g.kind', '=', kind)
      .where('g.resource_id', 'in', resourceIds)
      .orderBy('p.name')
      .execute();
    for (const row of rows) {
      const list = out.get(row.resource_id) ?? [];
      list.push({ id: row.id, name: row.name });
      out.set(row.resource_id, list);
    }
    return out;
  }

  /**
   * Replaces the products that grant a resource, inside the caller's transaction. Unknown product ids are a
   * 422 on `productIds`.
   */
  async setProducts(
    trx: Transaction<Database>,
    kind: GrantKind,
    resourceId: string,
    productIds: readonly string[],
    now: string,
  ): Promise<void> {
    if (productIds.length) {
      const known = await trx.selectFrom('products').select('id').where('id', 'in', productIds).execute();
      if (known.length !== new Set(productIds).size) {
        throw new HttpError(422, 'VALIDATION_FAILED', 'Some of those products do not exist.', {
          errors: [{ path: 'productIds', message: 'Choose products that exist', code: 'UNKNOWN_PRODUCT' }],
        });
      }
    }
    await trx
      .deleteFrom('product_grants')
      .where('kind', '=', kind)
      .where('resource_id', '=', resourceId)
      .execute();
    if (productIds.length) {
      await trx
        .insertInto('product_grants')
        .values(
          productIds.map((product_id) => ({ kind, resource_id: resourceId, product_id, created_at: now })),
        )
        .execute();
    }
  }

  /** Drops every grant of a resource (it is being deleted), inside the caller's transaction. */
  async forget(trx: Transaction<Database>, kind: GrantKind, resourceId: string): Promise<void> {
    await trx
      .deleteFrom('product_grants')
      .where('kind', '=', kind)
      .where('resource_id', '=', resourceId)
      .execute();
    await trx
      .deleteFrom('app_grants')
      .where('kind', '=', kind)
      .where('resource_id', '=', resourceId)
      .execute();
  }
}
