import { domainsAdminRoutes as routes } from '@portico/sdk/contract';
import { type Request, Router } from 'express';
import type { StaffAuth } from '../../http/auth.js';
import { unauthenticated } from '../../http/auth.js';
import { type MountOptions, mount } from '../../http/validate.js';
import { originOf } from '../audit/audit-log.js';
import type { StaffChange } from '../settings/service.js';
import type { DomainParts } from './index.js';

/** The staff member behind a staff route (mount has authenticated them) and where the request came from. */
function change(req: Request, staff: StaffAuth | undefined): StaffChange {
  if (!staff) throw unauthenticated();
  return { staff, origin: originOf(req) };
}

/** Staff API of domains: TLDs and their prices, registrars, domains and the domain settings. Changes are audited. */
export function domainsAdminRouter(parts: DomainParts, mountOptions: MountOptions): Router {
  const { tlds, settings, registrars } = parts;
  const router = Router();
  // The fixed paths (`/domains/tlds`, `/domains/registrars`, `/domains/settings`) are mounted before any
  // `/domains/:domainId` route, so a domain id never shadows them.

  mount(router, routes.listTlds, mountOptions, async () => ({ items: await tlds.list() }));
  mount(router, routes.createTld, mountOptions, async ({ req, body, staff }) =>
    tlds.create(body, change(req, staff)),
  );
  mount(router, routes.updateTld, mountOptions, async ({ req, params, body, staff }) =>
    tlds.update(params.tld ?? '', body, change(req, staff)),
  );
  mount(router, routes.setTldPrices, mountOptions, async ({ req, params, body, staff }) =>
    tlds.setPrices(params.tld ?? '', body, change(req, staff)),
  );
  mount(router, routes.removeTld, mountOptions, async ({ req, params, staff }) =>
    tlds.remove(params.tld ?? '', change(req, staff)),
  );
  mount(router, routes.registrars, mountOptions, async () => ({ items: registrars.list() }));
  mount(router, routes.getSettings, mountOptions, async () => settings.get());
  mount(router, routes.updateSettings, mountOptions, async ({ req, body, staff }) =>
    settings.update(body, change(req, staff)),
  );
  mount(router, routes.listDomains, mountOptions, async ({ query }) => parts.admin.list(query));
  mount(router, routes.getDomain, mountOptions, async ({ params }) => parts.admin.get(params.domainId ?? ''));
  mount(router, routes.updateDomain, mountOptions, async ({ req, params, body, staff }) =>
    parts.admin.update(params.domainId ?? '', body, change(req, staff)),
  );
  mount(router, routes.retryDomain, mountOptions, async ({ req, params, staff }) =>
    parts.admin.retry(params.domainId ?? '', change(req, staff)),
  );
  mount(router, routes.syncDomain, mountOptions, async ({ req, params, staff }) =>
    parts.admin.sync(params.domainId ?? '', change(req, staff)),
  );
  return router;
}
