import { contentAdminRoutes as adminRoutes, contentRoutes as routes } from '@portico/sdk/contract';
import { Router } from 'express';
import { type MountOptions, mount } from '../../http/validate.js';
import { staffChange } from '../billing/admin-routes.js';
import type { HomeService } from './service.js';

/** Client API of the portal home. Anyone may read it; a signed-in account's currency prices its products. */
export function homeRouter(home: HomeService, mountOptions: MountOptions): Router {
  const router = Router();
  mount(router, routes.home, mountOptions, async ({ query, auth }) => home.home(query, auth));
  return router;
}

/** Staff API of the portal home's settings. Changes are audited. */
export function homeAdminRouter(home: HomeService, mountOptions: MountOptions): Router {
  const router = Router();
  mount(router, adminRoutes.getHome, mountOptions, async () => home.settings());
  mount(router, adminRoutes.updateHome, mountOptions, async ({ req, body, staff }) =>
    home.update(body, staffChange(req, staff)),
  );
  return router;
}
