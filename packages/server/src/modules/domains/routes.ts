import { domainRoutes as routes } from '@portico/sdk/contract';
import { Router } from 'express';
import { type MountOptions, mount } from '../../http/validate.js';
import { originOf } from '../audit/audit-log.js';
import type { DomainParts } from './index.js';

/**
 * Client API of domains: the public search (TLDs with prices, availability, suggestions) and the account's
 * domains. Rules live in DomainSearch and DomainsService.
 */
export function domainsRouter(parts: DomainParts, mountOptions: MountOptions): Router {
  const { search, service } = parts;
  const router = Router();

  mount(router, routes.tlds, mountOptions, async ({ auth, query }) => search.tlds(query, auth));
  mount(router, routes.availability, mountOptions, async ({ req, auth, query }) =>
    search.availability(query, auth, req.ip ?? ''),
  );
  mount(router, routes.suggestions, mountOptions, async ({ req, query }) =>
    search.suggestions(query, req.ip ?? ''),
  );

  mount(router, routes.list, mountOptions, async ({ auth, query }) => service.list(auth!, query));
  mount(router, routes.get, mountOptions, async ({ auth, params }) =>
    service.get(auth!, params.domainId ?? ''),
  );
  mount(router, routes.setNameservers, mountOptions, async ({ req, auth, params, body }) =>
    service.setNameservers(auth!, params.domainId ?? '', body.nameservers, originOf(req)),
  );
  mount(router, routes.setPrivacy, mountOptions, async ({ req, auth, params, body }) =>
    service.setPrivacy(auth!, params.domainId ?? '', body.enabled, originOf(req)),
  );
  mount(router, routes.setLock, mountOptions, async ({ req, auth, params, body }) =>
    service.setLock(auth!, params.domainId ?? '', body.enabled, originOf(req)),
  );
  mount(router, routes.setAutoRenew, mountOptions, async ({ req, auth, params, body }) =>
    service.setAutoRenew(auth!, params.domainId ?? '', body.enabled, originOf(req)),
  );
  mount(router, routes.eppCode, mountOptions, async ({ req, auth, params }) =>
    service.eppCode(auth!, params.domainId ?? '', originOf(req)),
  );
  mount(router, routes.renew, mountOptions, async ({ auth, params, body }) =>
    parts.renewals.renewNow(auth!, params.domainId ?? '', body.years),
  );
  return router;
}
