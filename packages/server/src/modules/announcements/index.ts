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
import { announcementsAdminRouter } from './admin-routes.js';
import { AnnouncementMailer } from './mailing.js';
import { announcementsRouter, oneClickUnsubscribeRouter } from './routes.js';
import { AnnouncementsService } from './service.js';

/** What the announcements module needs from the app. */
export interface AnnouncementsModuleDeps {
  db: Db;
  settings: Settings;
  outbox: Outbox;
  rate: RateLimiter;
  clock: Clock;
  ids: IdGenerator;
  config: Config;
  audit: AuditLog;
  logger: Logger;
}

/** The parts the routers call. */
export interface AnnouncementParts {
  service: AnnouncementsService;
  mailer: AnnouncementMailer;
}

/** Announcements, their mailing and unsubscribe links, with their client and staff routers. */
export interface Announcements extends AnnouncementParts {
  /** Client API routes (`/api/v1`). */
  router(mountOptions: MountOptions): Router;
  /** Staff API routes (`/api/admin/v1`). */
  adminRouter(mountOptions: MountOptions): Router;
  /** `POST /unsubscribe`: the RFC 8058 one-click target, mounted on the app outside the API. */
  oneClickRouter(): Router;
}

export function createAnnouncements(deps: AnnouncementsModuleDeps): Announcements {
  const parts: AnnouncementParts = {
    service: new AnnouncementsService(deps),
    mailer: new AnnouncementMailer(deps),
  };
  return {
    ...parts,
    router: (mountOptions) => announcementsRouter(parts, mountOptions),
    adminRouter: (mountOptions) => announcementsAdminRouter(parts, mountOptions),
    oneClickRouter: () => oneClickUnsubscribeRouter(parts),
  };
}
