import { supportAdminRoutes as routes } from '@portico/sdk/contract';
import { Router } from 'express';
import { unauthenticated } from '../../http/auth.js';
import { type MountOptions, mount } from '../../http/validate.js';
import { staffChange } from '../billing/admin-routes.js';
import { sendAttachment } from './attachments.js';
import type { SupportParts } from './index.js';

/**
 * Staff API of support: queues, tickets, replies, internal notes, files, departments and settings. Changes are
 * audited by the part that makes them. The fixed paths (`/support/tickets`, `/support/departments`, …) never
 * collide with an id.
 */
export function supportAdminRouter(parts: SupportParts, mountOptions: MountOptions): Router {
  const { admin, departments } = parts;
  const router = Router();

  mount(router, routes.queues, mountOptions, async ({ staff }) => {
    if (!staff) throw unauthenticated();
    return admin.queues(staff);
  });
  mount(router, routes.listTickets, mountOptions, async ({ staff, query }) => {
    if (!staff) throw unauthenticated();
    return admin.list(staff, query);
  });
  mount(router, routes.openTicket, mountOptions, async ({ req, body, staff }) =>
    admin.open(body, staffChange(req, staff)),
  );
  mount(router, routes.getTicket, mountOptions, async ({ params }) => admin.get(params.ticketId ?? ''));
  mount(router, routes.updateTicket, mountOptions, async ({ req, params, body, staff }) =>
    admin.update(params.ticketId ?? '', body, staffChange(req, staff)),
  );
  mount(router, routes.reply, mountOptions, async ({ req, params, body, staff }) =>
    admin.reply(params.ticketId ?? '', body, staffChange(req, staff)),
  );
  mount(router, routes.addNote, mountOptions, async ({ req, params, body, staff }) =>
    admin.addNote(params.ticketId ?? '', body, staffChange(req, staff)),
  );
  mount(router, routes.upload, mountOptions, async ({ req, query, staff }) => {
    if (!staff) throw unauthenticated();
    return admin.upload(staff, req, query.name);
  });
  mount(router, routes.download, mountOptions, async ({ res, params }) => {
    sendAttachment(res, await admin.download(params.ticketId ?? '', params.attachmentId ?? ''));
  });

  mount(router, routes.listStaff, mountOptions, async () => ({ items: await admin.assignees() }));
  mount(router, routes.listDepartments, mountOptions, async () => ({ items: await departments.list() }));
  mount(router, routes.createDepartment, mountOptions, async ({ req, body, staff }) =>
    departments.create(body, staffChange(req, staff)),
  );
  mount(router, routes.updateDepartment, mountOptions, async ({ req, params, body, staff }) =>
    departments.update(params.departmentId ?? '', body, staffChange(req, staff)),
  );
  mount(router, routes.deleteDepartment, mountOptions, async ({ req, params, staff }) =>
    departments.remove(params.departmentId ?? '', staffChange(req, staff)),
  );
  mount(router, routes.getSettings, mountOptions, async () => departments.settings());
  mount(router, routes.updateSettings, mountOptions, async ({ req, body, staff }) =>
    departments.updateSettings(body, staffChange(req, staff)),
  );
  return router;
}
