import { type Apps as AppsList, appsRoutes, grants, type Permission } from '@portico/sdk/contract';
import { Router } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Clock, IdGenerator } from '../../deps.js';
import { type Auth, unauthenticated } from '../../http/auth.js';
import type { RateLimiter } from '../../http/rate-limit.js';
import { type MountOptions, mount } from '../../http/validate.js';
import { type Affiliates, createAffiliates } from '../affiliates/index.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { RegistrationEvents } from '../auth/registrations.js';
import type { InvoiceEvents } from '../billing/hooks.js';
import { type Communities, createCommunities } from '../communities/index.js';
import { type Courses, createCourses } from '../courses/index.js';
import type { Outbox } from '../mail/outbox.js';
import type { Settings } from '../settings/settings.js';
import { AppAccess } from './access.js';
import { AppsAdmin } from './admin.js';
import { appsAdminRouter } from './admin-routes.js';
import type { PortalAppModule } from './app-module.js';

/** What the apps need from the app. A plain object type: each part takes what it declares. */
export interface AppsDeps {
  db: Db;
  settings: Settings;
  outbox: Outbox;
  clock: Clock;
  ids: IdGenerator;
  config: Config;
  logger: Logger;
  audit: AuditLog;
  rate: RateLimiter;
  /** Invoice state changes (commissions are recorded and reversed in the invoice's transaction). */
  events: InvoiceEvents;
  /** Completed registrations (referrals are attributed). */
  registrations: RegistrationEvents;
}

/** The portal's apps: who may use which, the switcher's list, and each app's routers and job. */
export interface Apps {
  access: AppAccess;
  /** Every app, in the switcher's order. */
  modules: readonly PortalAppModule[];
  affiliates: Affiliates;
  courses: Courses;
  communities: Communities;
  /** Staff side of the apps themselves: settings and invitations. */
  admin: AppsAdmin;
  /** The switcher's list for this principal. */
  list(auth: Auth): Promise<AppsList>;
  /** Where an app lives: the business's page for it, else the hosted portal's. */
  hrefOf(app: PortalAppModule): string;
  router(mountOptions: MountOptions): Router;
  adminRouter(mountOptions: MountOptions): Router;
  /** One pass of every app's timed work. */
  runJob(): Promise<Record<string, number>>;
}

export function createApps(deps: AppsDeps): Apps {
  const access = new AppAccess(deps);
  const affiliates = createAffiliates({ ...deps, access });
  const courses = createCourses({ ...deps, access });
  const communities = createCommunities({ ...deps, access });
  const modules: readonly PortalAppModule[] = [courses, communities, affiliates];
  const hrefOf = (app: PortalAppModule): string =>
    deps.settings.current.apps[app.id].href ??
    `${deps.settings.hostedUrl(deps.config.publicUrl).replace(/\/+$/, '')}${app.hostedPath}`;
  const admin = new AppsAdmin({ ...deps, access, modules, hrefOf });

  const list = async (auth: Auth): Promise<AppsList> => {
    const { settings, config } = deps;
    // Only worth saying when there is an app to open once the profile is complete.
    const profileIncomplete =
      auth.kind === 'session' &&
      auth.profileMissing.length > 0 &&
      modules.some((app) => settings.current.apps[app.id].enabled);
    const apps: AppsList['apps'] = [];
    if (!profileIncomplete) {
      for (const app of modules) {
        const allowed =
          app.access === 'owner' ? auth.role === 'owner' : grants(auth.permissions, app.access as Permission);
        if (allowed && (await access.mayUse(auth, app.id))) {
          apps.push({ id: app.id, name: app.name, description: app.description, href: hrefOf(app) });
        }
      }
    }
    return {
      portal: { name: settings.current.businessName, href: settings.portalUrl(config.publicUrl) },
      apps,
      profileIncomplete,
    };
  };

  return {
    access,
    modules,
    affiliates,
    courses,
    communities,
    admin,
    list,
    hrefOf,
    router(mountOptions) {
      const router = Router();
      mount(router, appsRoutes.list, mountOptions, async ({ auth }) => {
        if (!auth) throw unauthenticated();
        return list(auth);
      });
      for (const app of modules) router.use(app.router(mountOptions));
      return router;
    },
    adminRouter(mountOptions) {
      const router = Router();
      router.use(appsAdminRouter(admin, mountOptions));
      for (const app of modules) router.use(app.adminRouter(mountOptions));
      return router;
    },
    async runJob() {
      const counts: Record<string, number> = {};
      for (const app of modules) Object.assign(counts, await app.runJob?.());
      return counts;
    },
  };
}
