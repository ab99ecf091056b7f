import type { Router } from 'express';
import type { MountOptions } from '../../http/validate.js';
import { homeAdminRouter, homeRouter } from './routes.js';
import { type HomeDeps, HomeService } from './service.js';

/** The portal home and its settings, with client and staff routers. */
export interface HomeModule {
  service: HomeService;
  /** Client API routes (`/api/v1`). */
  router(mountOptions: MountOptions): Router;
  /** Staff API routes (`/api/admin/v1`). */
  adminRouter(mountOptions: MountOptions): Router;
}

export function createHome(deps: HomeDeps): HomeModule {
  const service = new HomeService(deps);
  return {
    service,
    router: (mountOptions) => homeRouter(service, mountOptions),
    adminRouter: (mountOptions) => homeAdminRouter(service, mountOptions),
  };
}
