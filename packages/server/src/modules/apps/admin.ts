import {
  type AdminApp,
  APP_IDS,
  type AppId,
  type AppUpdateSchema,
  CommonErrorCodes,
  type Grant,
  type GrantInputSchema,
  type GrantKind,
  type GrantListQuerySchema,
} from '@portico/sdk/contract';
import { sql } from 'kysely';
import type * as z from 'zod';
import type { Db } from '../../db/database.js';
import { HttpError } from '../../http/problem.js';
import { staffRecord } from '../audit/staff-record.js';
import { DEFAULT_LIMIT, pageOf, readKeyset } from '../billing/invoice-store.js';
import { accountRecipients } from '../mail/recipients.js';
import { type Brand, layoutMail, type Locale } from '../mail/templates.js';
import type { StaffChange } from '../settings/service.js';
import type { AppAccess } from './access.js';
import type { PortalAppModule } from './app-module.js';
import type { AppsDeps } from './index.js';

type AppUpdate = z.output<typeof AppUpdateSchema>;
type GrantInput = z.output<typeof GrantInputSchema>;
type GrantQuery = z.output<typeof GrantListQuerySchema>;

export type AppsAdminDeps = AppsDeps & {
  access: AppAccess;
  /** Every app, in the switcher's order. */
  modules: readonly PortalAppModule[];
  /** Where an app lives: the business's page for it, else the hosted portal's. */
  hrefOf(app: PortalAppModule): string;
};

const notFound = (what: string, path?: string) =>
  new HttpError(
    404,
    CommonErrorCodes.NOT_FOUND,
    `There is no such ${what}.`,
    path ? { errors: [{ path, message: `There is no such ${what}`, code: CommonErrorCodes.NOT_FOUND }] } : {},
  );

/** The kind of resource an id names: an app id, `crs_…` or `grp_…` (undefined: none). */
function kindOf(resourceId: string): GrantKind | undefined {
  if ((APP_IDS as readonly string[]).includes(resourceId)) return 'app';
  if (resourceId.startsWith('crs_')) return 'course';
  if (resourceId.startsWith('grp_')) return 'group';
  return undefined;
}

/** What the grant mail says, in English and Spanish. */
function grantMail(
  brand: Brand,
  locale: Locale,
  what: { name: string; appName: string; href: string; note: string },
) {
  const en = locale === 'en';
  return layoutMail(
    {
      subject: en ? `You have access to ${what.name}` : `Ya tienes acceso a ${what.name}`,
      lines: [
        en
          ? `${brand.businessName} gave your account access to ${what.name}.`
          : `${brand.businessName} ha dado acceso a tu cuenta a ${what.name}.`,
        ...(what.note ? [what.note] : []),
        en
          ? `Sign in to the client portal and open ${what.appName} from the app switcher.`
          : `Entra en el portal de clientes y abre ${what.appName} desde el selector de aplicaciones.`,
      ],
      button: { label: en ? `Open ${what.appName}` : `Abrir ${what.appName}`, url: what.href },
      footer: en
        ? `You received this email from ${brand.businessName}'s client portal (${brand.portalUrl}).`
        : `Has recibido este correo del portal de clientes de ${brand.businessName} (${brand.portalUrl}).`,
    },
    brand,
  );
}

/**
 * The apps as staff run them: which are on, who may use them (everyone, or accounts holding a granting product or
 * an invitation), where they live; and the invitations themselves, to an app, a course or a group. Every change
 * commits with its audit entry; an invitation is mailed to the account's owners.
 */
export class AppsAdmin {
  readonly #d: AppsAdminDeps;

  constructor(deps: AppsAdminDeps) {
    this.#d = deps;
  }

  #module(appId: string): PortalAppModule {
    const module = this.#d.modules.find((m) => m.id === appId);
    if (!module) throw notFound('app');
    return module;
  }

  async #views(modules: readonly PortalAppModule[]): Promise<AdminApp[]> {
    const ids = modules.map((m) => m.id);
    const [products, invited] = await Promise.all([
      this.#d.access.productsOf('app', ids),
      this.#d.db
        .selectFrom('app_grants')
        .select(['resource_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('kind', '=', 'app')
        .where('resource_id', 'in', ids)
        .groupBy('resource_id')
        .execute(),
    ]);
    return modules.map((module) => {
      const settings = this.#d.settings.current.apps[module.id];
      return {
        id: module.id,
        name: module.name,
        description: module.description,
        enabled: settings.enabled,
        access: settings.access,
        href: settings.href,
        effectiveHref: this.#d.hrefOf(module),
        products: products.get(module.id) ?? [],
        invited: Number(invited.find((r) => r.resource_id === module.id)?.n ?? 0),
      };
    });
  }

  async list(): Promise<{ items: AdminApp[] }> {
    return { items: await this.#views(this.#d.modules) };
  }

  /** Turns an app on or off, says who may use it and where it lives; the granting products change with it. */
  async update(appId: string, input: AppUpdate, change: StaffChange): Promise<AdminApp> {
    const module = this.#module(appId);
    const { settings, access, audit, clock } = this.#d;
    const previous = settings.current.apps[module.id];
    const next = {
      enabled: input.enabled ?? previous.enabled,
      access: input.access ?? previous.access,
      href: input.href === undefined ? previous.href : input.href || null,
    };
    const now = clock.now().toISOString();
    await settings.update({ apps: { ...settings.current.apps, [module.id]: next } }, async (trx) => {
      if (input.productIds) await access.setProducts(trx, 'app', module.id, input.productIds, now);
      await trx
        .insertInto('audit_log')
        .values(
          audit.row(
            staffRecord(change, {
              action: 'app.updated',
              target: { type: 'app', id: module.id },
              details: {
                previous,
                next,
                ...(input.productIds ? { productIds: input.productIds } : {}),
              },
            }),
          ),
        )
        .execute();
    });
    return (await this.#views([module]))[0] as AdminApp;
  }

  // ─── Invitations ────────────────────────────────────────────────────────────────────────────────────────

  #grantQuery(db: Db) {
    return db
      .selectFrom('app_grants as g')
      .innerJoin('accounts as a', 'a.id', 'g.account_id')
      .leftJoin('staff as st', 'st.id', 'g.staff_id')
      .leftJoin('courses as c', (join) =>
        join.onRef('c.id', '=', 'g.resource_id').on('g.kind', '=', 'course'),
      )
      .leftJoin('community_groups as cg', (join) =>
        join.onRef('cg.id', '=', 'g.resource_id').on('g.kind', '=', 'group'),
      )
      .select([
        'g.id',
        'g.kind',
        'g.resource_id',
        'g.account_id',
        'g.note',
        'g.created_at',
        'a.name as account_name',
        'st.name as staff_name',
        'c.title as course_title',
        'cg.name as group_name',
      ]);
  }

  #view(row: {
    id: string;
    kind: GrantKind;
    resource_id: string;
    account_id: string;
    note: string;
    created_at: string;
    account_name: string;
    staff_name: string | null;
    course_title: string | null;
    group_name: string | null;
  }): Grant {
    const resourceName =
      row.kind === 'app'
        ? (this.#d.modules.find((m) => m.id === row.resource_id)?.name ?? row.resource_id)
        : row.kind === 'course'
          ? (row.course_title ?? row.resource_id)
          : (row.group_name ?? row.resource_id);
    return {
      id: row.id,
      kind: row.kind,
      resourceId: row.resource_id,
      resourceName,
      accountId: row.account_id,
      accountName: row.account_name,
      note: row.note,
      grantedBy: row.staff_name ?? '',
      createdAt: row.created_at,
    };
  }

  /** Invitations, newest first, of a kind, a resource or an account. */
  async grants(query: GrantQuery): Promise<{ items: Grant[]; nextCursor: string | null }> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    let kind = query.kind;
    if (query.resourceId) {
      const named = kindOf(query.resourceId);
      // An id of no kind, or of another kind than asked: nothing matches.
      if (!named || (kind && kind !== named)) return { items: [], nextCursor: null };
      kind = named;
    }
    let q = this.#grantQuery(this.#d.db);
    if (kind) q = q.where('g.kind', '=', kind);
    if (query.resourceId) q = q.where('g.resource_id', '=', query.resourceId);
    if (query.accountId) q = q.where('g.account_id', '=', query.accountId);
    const after = readKeyset(query.cursor);
    if (after) q = q.where(sql<boolean>`(g.created_at, g.id) < (${after.createdAt}, ${after.id})`);
    const rows = await q
      .orderBy('g.created_at', 'desc')
      .orderBy('g.id', 'desc')
      .limit(limit + 1)
      .execute();
    return pageOf(rows, limit, (r) => this.#view(r));
  }

  /** The name of what a grant gives and the app it belongs to: 404 on `resourceId` when it does not exist. */
  async #resource(kind: GrantKind, resourceId: string): Promise<{ name: string; app: PortalAppModule }> {
    const appOf = (id: AppId) => this.#module(id);
    if (kind === 'app') {
      const module = this.#d.modules.find((m) => m.id === resourceId);
      if (!module) throw notFound('app', 'resourceId');
      return { name: module.name, app: module };
    }
    if (kind === 'course') {
      const course = await this.#d.db
        .selectFrom('courses')
        .select('title')
        .where('id', '=', resourceId)
        .executeTakeFirst();
      if (!course) throw notFound('course', 'resourceId');
      return { name: course.title, app: appOf('courses') };
    }
    const group = await this.#d.db
      .selectFrom('community_groups')
      .select('name')
      .where('id', '=', resourceId)
      .executeTakeFirst();
    if (!group) throw notFound('group', 'resourceId');
    return { name: group.name, app: appOf('communities') };
  }

  /**
   * Gives an account access to an app, a course or a group, and mails its owners. Giving it again changes nothing
   * (no second mail) and answers the grant there is.
   */
  async grant(input: GrantInput, change: StaffChange): Promise<Grant> {
    const { db, settings, config, outbox, audit, ids, clock } = this.#d;
    const resource = await this.#resource(input.kind, input.resourceId);
    const account = await db
      .selectFrom('accounts')
      .select(['id', 'name'])
      .where('id', '=', input.accountId)
      .executeTakeFirst();
    if (!account) throw notFound('client', 'accountId');
    const now = clock.now().toISOString();
    const note = input.note ?? '';
    return db.transaction().execute(async (trx) => {
      const made = await trx
        .insertInto('app_grants')
        .values({
          id: ids('grt'),
          kind: input.kind,
          resource_id: input.resourceId,
          account_id: account.id,
          note,
          staff_id: change.staff.staffId,
          created_at: now,
        })
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      if (made) {
        await trx
          .insertInto('audit_log')
          .values(
            audit.row(
              staffRecord(change, {
                action: 'app_grant.created',
                target: { type: 'app_grant', id: made.id },
                accountId: account.id,
                details: { kind: input.kind, resourceId: input.resourceId, name: resource.name, note },
              }),
            ),
          )
          .execute();
        const brand = {
          businessName: settings.current.businessName,
          portalUrl: settings.portalUrl(config.publicUrl),
        };
        const mail = outbox.within(trx);
        for (const { email, locale } of await accountRecipients(trx, account.id, 'apps:read', {
          ownersOnly: true,
        })) {
          await mail.enqueue(
            email,
            'app-access-granted',
            grantMail(brand, locale, {
              name: resource.name,
              appName: resource.app.name,
              href: this.#d.hrefOf(resource.app),
              note,
            }),
          );
        }
      }
      const row = await this.#grantQuery(trx)
        .where('g.kind', '=', input.kind)
        .where('g.resource_id', '=', input.resourceId)
        .where('g.account_id', '=', account.id)
        .executeTakeFirstOrThrow();
      return this.#view(row);
    });
  }

  /** Takes an invitation back (access bought or open to everyone stays). */
  async revoke(grantId: string, change: StaffChange): Promise<void> {
    const { db, audit } = this.#d;
    await db.transaction().execute(async (trx) => {
      const removed = await trx
        .deleteFrom('app_grants')
        .where('id', '=', grantId)
        .returning(['id', 'kind', 'resource_id', 'account_id'])
        .executeTakeFirst();
      if (!removed) throw notFound('invitation');
      await trx
        .insertInto('audit_log')
        .values(
          audit.row(
            staffRecord(change, {
              action: 'app_grant.revoked',
              target: { type: 'app_grant', id: removed.id },
              accountId: removed.account_id,
              details: { kind: removed.kind, resourceId: removed.resource_id },
            }),
          ),
        )
        .execute();
    });
  }
}
