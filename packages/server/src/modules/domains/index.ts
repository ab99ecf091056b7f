import type { Router } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Clock, IdGenerator } from '../../deps.js';
import type { RateLimiter } from '../../http/rate-limit.js';
import type { MountOptions } from '../../http/validate.js';
import type { AuditLog } from '../audit/audit-log.js';
import { currencyFor } from '../billing/catalog.js';
import type { InvoiceEvents } from '../billing/hooks.js';
import type { BillingMailer } from '../billing/mail.js';
import type { Outbox } from '../mail/outbox.js';
import type { Settings } from '../settings/settings.js';
import { DomainsAdmin } from './admin.js';
import { domainsAdminRouter } from './admin-routes.js';
import { DomainSearch } from './availability.js';
import { DomainPricing } from './pricing.js';
import { DomainRenewals, type RenewalCounts } from './renewals.js';
import type { Registrar } from './registrar.js';
import { createRegistrars, type RegistrarRegistry } from './registry.js';
import { registerDomainHooks } from './lifecycle.js';
import { DomainMailer } from './mail.js';
import { DomainOrders } from './orders.js';
import { domainsRouter } from './routes.js';
import { DomainsService } from './service.js';
import { DomainSettingsService } from './settings.js';
import { DomainTasks, type TaskCounts } from './tasks.js';
import { DomainTlds } from './tlds.js';

/** What the domains module needs from the app. A plain object type: each part takes what it declares. */
export interface DomainsDeps {
  db: Db;
  settings: Settings;
  outbox: Outbox;
  clock: Clock;
  ids: IdGenerator;
  config: Config;
  logger: Logger;
  audit: AuditLog;
  rate: RateLimiter;
  /** Registrars (or checkers) by id, in place of the built-in ones of that id (tests inject failing ones). */
  registrars?: Record<string, Registrar> | undefined;
  /** Invoice state changes: a paid invoice queues its domains' registrar tasks. */
  events: InvoiceEvents;
  /** Billing's mails (renewal invoices are mailed as service renewals are). */
  billingMailer: BillingMailer;
  /** How long a registrar task's call may take (tests shorten it). */
  registrarTaskDeadlineMs?: number | undefined;
}

/** The parts the client and staff routers call. */
export interface DomainParts {
  search: DomainSearch;
  service: DomainsService;
  tlds: DomainTlds;
  settings: DomainSettingsService;
  registrars: RegistrarRegistry;
  /** Renewal invoices, expiry and renew now. */
  renewals: DomainRenewals;
  /** Staff: every client's domains, retry and sync. */
  admin: DomainsAdmin;
}

/** Domain search and pricing, My Domains, TLDs and registrars, and their client and staff routers. */
export interface Domains extends DomainParts {
  /** Client API routes (`/api/v1`). */
  router(mountOptions: MountOptions): Router;
  /** Staff API routes (`/api/admin/v1`). */
  adminRouter(mountOptions: MountOptions): Router;
  /** The one place domain prices are read. */
  pricing: DomainPricing;
  /** Every domain mail. */
  mailer: DomainMailer;
  /** Domains in quotes and orders (billing's `DomainOrderLines`). */
  orders: DomainOrders;
  /** The registrar tasks paid invoices queue. */
  tasks: DomainTasks;
  /** One pass of the domains job: registrar tasks due, then renewal invoices and expiries. */
  runJob(): Promise<TaskCounts & RenewalCounts>;
}

/** Builds the domains module. Create it before billing: orders price and place domains through it. */
export function createDomains(deps: DomainsDeps): Domains {
  const registrars = createRegistrars(deps, deps.registrars);
  const pricing = new DomainPricing(deps.db);
  const search = new DomainSearch({
    ...deps,
    registrars,
    pricing,
    currencyFor: (asked, auth) => currencyFor(deps, asked, auth),
  });
  const mailer = new DomainMailer(deps);
  const service = new DomainsService({ ...deps, registrars, pricing, mailer });
  const tlds = new DomainTlds({ ...deps, registrars });
  const settings = new DomainSettingsService(deps);
  const orders = new DomainOrders({
    ...deps,
    pricing,
    checkerFor: (tld) => registrars.checkerFor(tld),
    domainSettings: () => settings.get(),
  });
  const tasks = new DomainTasks({ ...deps, registrars, mailer, deadlineMs: deps.registrarTaskDeadlineMs });
  registerDomainHooks(deps.events, { ids: deps.ids, kick: () => tasks.kick() });
  const renewals = new DomainRenewals({ ...deps, pricing, mailer });
  const admin = new DomainsAdmin({ ...deps, pricing, registrars, tasks });
  const parts: DomainParts = { search, service, tlds, settings, registrars, renewals, admin };
  return {
    ...parts,
    pricing,
    mailer,
    orders,
    tasks,
    runJob: async () => ({ ...(await tasks.run()), ...(await renewals.run()) }),
    router: (mountOptions) => domainsRouter(parts, mountOptions),
    adminRouter: (mountOptions) => domainsAdminRouter(parts, mountOptions),
  };
}
