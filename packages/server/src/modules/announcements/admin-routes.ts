import { contentAdminRoutes as routes } from '@portico/sdk/contract';
import { Router } from 'express';
import { type MountOptions, mount } from '../../http/validate.js';
import { staffChange } from '../billing/admin-routes.js';
import type { AnnouncementParts } from './index.js';

/** Staff API of announcements: write, schedule, publish, delete and mail them. Changes are audited. */
export function announcementsAdminRouter(parts: AnnouncementParts, mountOptions: MountOptions): Router {
  const { service, mailer } = parts;
  const router = Router();
  mount(router, routes.listAnnouncements, mountOptions, async ({ query }) => service.adminList(query));
  mount(router, routes.getAnnouncement, mountOptions, async ({ params }) =>
    service.adminGet(params.announcementId ?? ''),
  );
  mount(router, routes.createAnnouncement, mountOptions, async ({ req, body, staff }) =>
    service.create(body, staffChange(req, staff)),
  );
  mount(router, routes.updateAnnouncement, mountOptions, async ({ req, params, body, staff }) =>
    service.update(params.announcementId ?? '', body, staffChange(req, staff)),
  );
  mount(router, routes.deleteAnnouncement, mountOptions, async ({ req, params, staff }) =>
    service.remove(params.announcementId ?? '', staffChange(req, staff)),
  );
  mount(router, routes.mailAnnouncement, mountOptions, async ({ req, params, staff }) =>
    mailer.mail(params.announcementId ?? '', staffChange(req, staff)),
  );
  return router;
}
