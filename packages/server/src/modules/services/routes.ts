import { billingRoutes } from '@portico/sdk/contract';
import { Router } from 'express';
import { type MountOptions, mount } from '../../http/validate.js';
import { originOf } from '../audit/audit-log.js';
import type { DashboardReader } from './dashboard.js';
import type { ServicesService } from './service.js';

/** Client API: the account's services, cancellation requests and the dashboard. Rules live in ServicesService. */
export function servicesRouter(
  service: ServicesService,
  dashboard: DashboardReader,
  mountOptions: MountOptions,
): Router {
  const router = Router();
  mount(router, billingRoutes.listServices, mountOptions, async ({ auth, query }) =>
    service.list(auth!, query),
  );
  mount(router, billingRoutes.getService, mountOptions, async ({ auth, params }) =>
    service.get(auth!, params.serviceId ?? ''),
  );
  mount(router, billingRoutes.requestCancellation, mountOptions, async ({ req, auth, params, body }) =>
    service.requestCancellation(auth!, params.serviceId ?? '', body, originOf(req)),
  );
  mount(router, billingRoutes.withdrawCancellation, mountOptions, async ({ req, auth, params }) =>
    service.withdrawCancellation(auth!, params.serviceId ?? '', originOf(req)),
  );
  mount(router, billingRoutes.dashboard, mountOptions, async ({ auth }) => dashboard.read(auth!));
  return router;
}
