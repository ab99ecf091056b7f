import { clientRoutes } from '@portico/sdk/contract';
import { type Request, Router } from 'express';
import type { StaffAuth } from '../../http/auth.js';
import { type MountOptions, mount } from '../../http/validate.js';
import { originOf } from '../audit/audit-log.js';
import type { Actor, ClientsService } from './service.js';

/** The staff member behind a staff route (mount has authenticated them) and where the request came from. */
function staffActor(req: Request, staff: StaffAuth | undefined): Actor {
  return {
    actor: { type: 'staff', id: staff!.staffId, label: staff!.email },
    origin: originOf(req),
  };
}

/** Staff API: clients and the portal users dashboard. The rules live in ClientsService. */
export function clientsAdminRouter(service: ClientsService, mountOptions: MountOptions): Router {
  const router = Router();

  mount(router, clientRoutes.list, mountOptions, async ({ query }) => service.list(query));
  mount(router, clientRoutes.create, mountOptions, async ({ req, body, staff }) =>
    service.create(body, staffActor(req, staff)),
  );
  mount(router, clientRoutes.get, mountOptions, async ({ params }) => service.get(params.clientId!));
  mount(router, clientRoutes.update, mountOptions, async ({ req, params, body, staff }) =>
    service.update(params.clientId!, body, staffActor(req, staff)),
  );
  mount(router, clientRoutes.disable, mountOptions, async ({ req, params, staff }) =>
    service.setStatus(params.clientId!, 'disabled', staffActor(req, staff)),
  );
  mount(router, clientRoutes.enable, mountOptions, async ({ req, params, staff }) =>
    service.setStatus(params.clientId!, 'active', staffActor(req, staff)),
  );

  mount(router, clientRoutes.portalUsers, mountOptions, async ({ query }) => service.portalUsers(query));
  mount(router, clientRoutes.magicLink, mountOptions, async ({ req, body, staff }) =>
    service.createMagicLink(body, staffActor(req, staff)),
  );
  mount(router, clientRoutes.invite, mountOptions, async ({ req, body, staff }) =>
    service.invite(body, staffActor(req, staff)),
  );
  mount(router, clientRoutes.loginEmail, mountOptions, async ({ req, body, staff }) =>
    service.sendLoginEmails(body, staffActor(req, staff)),
  );
  return router;
}
