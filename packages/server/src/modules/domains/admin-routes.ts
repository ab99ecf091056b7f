import { domainsAdminRoutes as routes } from '@portico/sdk/contract';
import { Router } from 'express';
import { type MountOptions, mount } from '../../http/validate.js';
import { staffChange } from '../billing/admin-routes.js';
import type { DomainParts } from './index.js';

/** Staff API of domains: TLDs and their prices, registrars, domains and the domain settings. Changes are audited. */
export function domainsAdminRouter(parts: DomainParts, mountOptions: MountOptions): Router {
  const { tlds, settings, registrars } = parts;
  const router = Router();
  // The fixed paths (`/domains/tlds`, `/domains/registrars`, `/domains/settings`) are mounted before any
  // `/domains/:domainId` route, so a domain id never shadows them.

  mount(router, routes.listTlds, mountOptions, async () => ({ items: await tlds.list() }));
  mount(router, routes.createTld, mountOptions, async ({ req, body, staff }) =>
    tlds.create(body, staffChange(req, staff)),
  );
  mount(router, routes.updateTld, mountOptions, async ({ req, params, body, staff }) =>
    tlds.update(params.tld ?? '', body, staffChange(req, staff)),
  );
  mount(router, routes.setTldPrices, mountOptions, async ({ req, params, body, staff }) =>
    tlds.setPrices(params.tld ?? '', body, staffChange(req, staff)),
  );
  mount(router, routes.removeTld, mountOptions, async ({ req, params, staff }) =>
    tlds.remove(params.tld ?? '', staffChange(req, staff)),
  );
  mount(router, routes.registrars, mountOptions, async () => ({ items: registrars.list() }));
  mount(router, routes.getSettings, mountOptions, async () => settings.get());
  mount(router, routes.updateSettings, mountOptions, async ({ req, body, staff }) =>
    settings.update(body, staffChange(req, staff)),
  );
  mount(router, routes.listDomains, mountOptions, async ({ query }) => parts.admin.list(query));
  mount(router, routes.getDomain, mountOptions, async ({ params }) => parts.admin.get(params.domainId ?? ''));
  mount(router, routes.updateDomain, mountOptions, async ({ req, params, body, staff }) =>
    parts.admin.update(params.domainId ?? '', body, staffChange(req, staff)),
  );
  mount(router, routes.retryDomain, mountOptions, async ({ req, params, staff }) =>
    parts.admin.retry(params.domainId ?? '', staffChange(req, staff)),
  );
  mount(router, routes.syncDomain, mountOptions, async ({ req, params, staff }) =>
    parts.admin.sync(params.domainId ?? '', staffChange(req, staff)),
  );
  return router;
}
