import { contentRoutes as routes } from '@portico/sdk/contract';
import { Router } from 'express';
import { type MountOptions, mount } from '../../http/validate.js';
import type { StatusParts } from './index.js';

/** Client API of the status page. Public; a hidden status page answers 404 on every route. */
export function statusRouter(parts: StatusParts, mountOptions: MountOptions): Router {
  const { service } = parts;
  const router = Router();
  mount(router, routes.status, mountOptions, async () => service.page());
  mount(router, routes.incidents, mountOptions, async ({ query }) => service.incidents(query));
  mount(router, routes.incident, mountOptions, async ({ params }) =>
    service.incident(params.incidentId ?? ''),
  );
  return router;
}
