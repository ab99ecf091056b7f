import type { Router } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Clock, IdGenerator } from '../../deps.js';
import type { RateLimiter } from '../../http/rate-limit.js';
import type { MountOptions } from '../../http/validate.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Outbox } from '../mail/outbox.js';
import type { Settings } from '../settings/settings.js';
import { SupportAdmin } from './admin.js';
import { supportAdminRouter } from './admin-routes.js';
import { SupportAttachments } from './attachments.js';
import { SupportDepartments } from './departments.js';
import { SupportJob, type SupportJobCounts } from './job.js';
import { SupportMailer } from './mail.js';
import { supportRouter } from './routes.js';
import { SupportTickets } from './service.js';

/** What the support module needs from the app. A plain object type: each part takes what it declares. */
export interface SupportDeps {
  db: Db;
  settings: Settings;
  outbox: Outbox;
  clock: Clock;
  ids: IdGenerator;
  config: Config;
  logger: Logger;
  audit: AuditLog;
  rate: RateLimiter;
}

/** The parts the client and staff routers call. */
export interface SupportParts {
  /** The account's tickets, as its people use them. */
  tickets: SupportTickets;
  /** Every ticket, as staff work them. */
  admin: SupportAdmin;
  /** Departments and the support settings. */
  departments: SupportDepartments;
  /** Uploads. */
  attachments: SupportAttachments;
}

/** Support tickets: client and staff routers, the hourly job and the dashboard's count. */
export interface Support extends SupportParts {
  /** Client API routes (`/api/v1`). */
  router(mountOptions: MountOptions): Router;
  /** Staff API routes (`/api/admin/v1`). */
  adminRouter(mountOptions: MountOptions): Router;
  /** Every support mail. */
  mailer: SupportMailer;
  /** One pass of the support job: auto-close, then expired uploads. */
  runJob(): Promise<SupportJobCounts>;
  /** How many of the account's tickets are not closed. Callers check the person may read support. */
  openTickets(accountId: string): Promise<number>;
}

export function createSupport(deps: SupportDeps): Support {
  const mailer = new SupportMailer(deps);
  const attachments = new SupportAttachments(deps);
  const tickets = new SupportTickets({ ...deps, mailer, attachments });
  const admin = new SupportAdmin({ ...deps, mailer, attachments });
  const departments = new SupportDepartments(deps);
  const job = new SupportJob(deps);
  const parts: SupportParts = { tickets, admin, departments, attachments };
  return {
    ...parts,
    mailer,
    runJob: () => job.run(),
    openTickets: (accountId) => tickets.openCount(accountId),
    router: (mountOptions) => supportRouter(parts, mountOptions),
    adminRouter: (mountOptions) => supportAdminRouter(parts, mountOptions),
  };
}
