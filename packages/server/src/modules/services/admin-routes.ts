import { billingAdminRoutes } from '@portico/sdk/contract';
import { type Request, Router } from 'express';
import type { StaffAuth } from '../../http/auth.js';
import { type MountOptions, mount } from '../../http/validate.js';
import { originOf } from '../audit/audit-log.js';
import type { ServicesService, StaffActor } from './service.js';

/** The staff member behind a staff route (mount has authenticated them) and where the request came from. */
const staffActor = (req: Request, staff: StaffAuth | undefined): StaffActor => ({
  staffId: staff!.staffId,
  email: staff!.email,
  origin: originOf(req),
});

/** Staff API: services and cancellation requests. Rules live in ServicesService. */
export function servicesAdminRouter(service: ServicesService, mountOptions: MountOptions): Router {
  const router = Router();
  const routes = billingAdminRoutes;
  mount(router, routes.listServices, mountOptions, async ({ query }) => service.adminList(query));
  mount(router, routes.getService, mountOptions, async ({ params }) =>
    service.adminGet(params.serviceId ?? ''),
  );
  mount(router, routes.updateService, mountOptions, async ({ req, params, body, staff }) =>
    service.update(params.serviceId ?? '', body, staffActor(req, staff)),
  );
  mount(router, routes.suspendService, mountOptions, async ({ req, params, body, staff }) =>
    service.suspend(params.serviceId ?? '', body.reason, staffActor(req, staff)),
  );
  mount(router, routes.unsuspendService, mountOptions, async ({ req, params, staff }) =>
    service.unsuspend(params.serviceId ?? '', staffActor(req, staff)),
  );
  mount(router, routes.activateService, mountOptions, async ({ req, params, staff }) =>
    service.activate(params.serviceId ?? '', staffActor(req, staff)),
  );
  mount(router, routes.cancelService, mountOptions, async ({ req, params, staff }) =>
    service.cancel(params.serviceId ?? '', staffActor(req, staff)),
  );
  mount(router, routes.listCancellations, mountOptions, async ({ query }) =>
    service.listCancellations(query),
  );
  mount(router, routes.approveCancellation, mountOptions, async ({ req, params, staff }) =>
    service.approve(params.cancellationId ?? '', staffActor(req, staff)),
  );
  mount(router, routes.rejectCancellation, mountOptions, async ({ req, params, body, staff }) =>
    service.reject(params.cancellationId ?? '', body.note, staffActor(req, staff)),
  );
  return router;
}
