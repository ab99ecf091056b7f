import { contentAdminRoutes as routes } from '@portico/sdk/contract';
import { Router } from 'express';
import { type MountOptions, mount } from '../../http/validate.js';
import { staffChange } from '../billing/admin-routes.js';
import type { StatusParts } from './index.js';

/** Staff API of the status page: components, incidents and maintenance. Changes are audited. */
export function statusAdminRouter(parts: StatusParts, mountOptions: MountOptions): Router {
  const { service, incidents } = parts;
  const router = Router();
  mount(router, routes.listStatusComponents, mountOptions, async () => ({
    items: await service.adminComponents(),
  }));
  mount(router, routes.createStatusComponent, mountOptions, async ({ req, body, staff }) =>
    service.createComponent(body, staffChange(req, staff)),
  );
  mount(router, routes.updateStatusComponent, mountOptions, async ({ req, params, body, staff }) =>
    service.updateComponent(params.componentId ?? '', body, staffChange(req, staff)),
  );
  mount(router, routes.deleteStatusComponent, mountOptions, async ({ req, params, staff }) =>
    service.removeComponent(params.componentId ?? '', staffChange(req, staff)),
  );
  mount(router, routes.listIncidents, mountOptions, async ({ query }) => service.adminIncidents(query));
  mount(router, routes.getIncident, mountOptions, async ({ params }) =>
    service.getIncident(params.incidentId ?? ''),
  );
  mount(router, routes.createIncident, mountOptions, async ({ req, body, staff }) =>
    incidents.create(body, staffChange(req, staff)),
  );
  mount(router, routes.editIncident, mountOptions, async ({ req, params, body, staff }) =>
    incidents.edit(params.incidentId ?? '', body, staffChange(req, staff)),
  );
  mount(router, routes.addIncidentUpdate, mountOptions, async ({ req, params, body, staff }) =>
    incidents.addUpdate(params.incidentId ?? '', body, staffChange(req, staff)),
  );
  mount(router, routes.deleteIncident, mountOptions, async ({ req, params, staff }) =>
    incidents.remove(params.incidentId ?? '', staffChange(req, staff)),
  );
  return router;
}
