import type { Router } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Clock, IdGenerator } from '../../deps.js';
import type { MountOptions } from '../../http/validate.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { InvoiceEvents } from '../billing/hooks.js';
import type { BillingMailer } from '../billing/mail.js';
import type { Outbox } from '../mail/outbox.js';
import type { Settings } from '../settings/settings.js';
import { servicesAdminRouter } from './admin-routes.js';
import { DashboardReader } from './dashboard.js';
import { registerInvoiceHooks } from './lifecycle.js';
import { type JobCounts, RenewalJob } from './renewals.js';
import { servicesRouter } from './routes.js';
import { ServicesService } from './service.js';

export interface ServicesModuleDeps {
  db: Db;
  settings: Settings;
  outbox: Outbox;
  clock: Clock;
  ids: IdGenerator;
  config: Config;
  logger: Logger;
  audit: AuditLog;
  /** Invoice state changes; the services module registers its hooks here. */
  events: InvoiceEvents;
  mailer: BillingMailer;
}

/** Services, cancellation requests, the billing job and the dashboard. */
export interface Services {
  /** Client API: services, cancellation requests, the dashboard. */
  router(m: MountOptions): Router;
  /** Staff API: services and cancellation requests. */
  adminRouter(m: MountOptions): Router;
  /** One pass of the billing job (renewals, reminders, overdue, suspensions, end-of-period cancellations). */
  runJob(): Promise<Record<string, number>>;
  readonly service: ServicesService;
  readonly dashboard: DashboardReader;
  readonly job: RenewalJob;
}

/**
 * Builds the services module and registers its invoice hooks on `deps.events`. Create it before billing, so a
 * paid invoice's services are activated before billing's own hooks run.
 */
export function createServices(deps: ServicesModuleDeps): Services {
  registerInvoiceHooks(deps.events, deps);
  const service = new ServicesService(deps);
  const dashboard = new DashboardReader(deps.db);
  const job = new RenewalJob(deps);
  return {
    service,
    dashboard,
    job,
    router: (m) => servicesRouter(service, dashboard, m),
    adminRouter: (m) => servicesAdminRouter(service, m),
    runJob: (): Promise<JobCounts> => job.run(),
  };
}
