import type { Router } from 'express';
import type { MountOptions } from '../../http/validate.js';
import { announcementsAdminRouter } from './admin-routes.js';
import { AnnouncementMailer, type MailingDeps } from './mailing.js';
import { announcementsRouter, oneClickUnsubscribeRouter } from './routes.js';
import { AnnouncementsService } from './service.js';

/** What the announcements module needs from the app: what its mailing needs, the most of its parts. */
export type AnnouncementsModuleDeps = MailingDeps;

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
