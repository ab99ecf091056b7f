import { appsAdminRoutes as routes } from '@portico/sdk/contract';
import { Router } from 'express';
import { type MountOptions, mount } from '../../http/validate.js';
import { staffChange } from '../billing/admin-routes.js';
import type { AppsAdmin } from './admin.js';

/** Staff API of the apps themselves: their settings, and invitations to an app, a course or a group. */
export function appsAdminRouter(admin: AppsAdmin, mountOptions: MountOptions): Router {
  const router = Router();
  mount(router, routes.list, mountOptions, async () => admin.list());
  // `/apps/grants` is matched before `/apps/:appId` by method: GET and POST there, PATCH on an app.
  mount(router, routes.grants, mountOptions, async ({ query }) => admin.grants(query));
  mount(router, routes.grant, mountOptions, async ({ req, body, staff }) =>
    admin.grant(body, staffChange(req, staff)),
  );
  mount(router, routes.revoke, mountOptions, async ({ req, params, staff }) =>
    admin.revoke(params.grantId ?? '', staffChange(req, staff)),
  );
  mount(router, routes.update, mountOptions, async ({ req, params, body, staff }) =>
    admin.update(params.appId ?? '', body, staffChange(req, staff)),
  );
  return router;
}
