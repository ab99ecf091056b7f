import { affiliatesAdminRoutes as routes } from '@portico/sdk/contract';
import { Router } from 'express';
import { type MountOptions, mount } from '../../http/validate.js';
import { staffChange } from '../billing/admin-routes.js';
import type { AffiliatesAdmin } from './admin.js';

/**
 * Staff API of the affiliate programme. The fixed paths (`/affiliates/settings`, `/affiliates/commissions`, …)
 * are mounted before `/affiliates/:affiliateId`, so they are never read as an id. Changes are audited by the
 * part that makes them.
 */
export function affiliatesAdminRouter(admin: AffiliatesAdmin, mountOptions: MountOptions): Router {
  const router = Router();

  mount(router, routes.settings, mountOptions, async () => admin.settings());
  mount(router, routes.updateSettings, mountOptions, async ({ req, body, staff }) =>
    admin.updateSettings(body, staffChange(req, staff)),
  );
  mount(router, routes.productCommissions, mountOptions, async () => admin.productCommissions());
  mount(router, routes.setProductCommissions, mountOptions, async ({ req, body, staff }) =>
    admin.setProductCommissions(body, staffChange(req, staff)),
  );
  mount(router, routes.commissions, mountOptions, async ({ query }) => admin.commissions(query));
  mount(router, routes.payouts, mountOptions, async ({ query }) => admin.payouts(query));
  mount(router, routes.approvePayout, mountOptions, async ({ req, params, staff }) =>
    admin.approvePayout(params.payoutId ?? '', staffChange(req, staff)),
  );
  mount(router, routes.payPayout, mountOptions, async ({ req, params, body, staff }) =>
    admin.payPayout(params.payoutId ?? '', body, staffChange(req, staff)),
  );
  mount(router, routes.creditPayout, mountOptions, async ({ req, params, staff }) =>
    admin.creditPayout(params.payoutId ?? '', staffChange(req, staff)),
  );
  mount(router, routes.rejectPayout, mountOptions, async ({ req, params, body, staff }) =>
    admin.rejectPayout(params.payoutId ?? '', body, staffChange(req, staff)),
  );

  mount(router, routes.list, mountOptions, async ({ query }) => admin.list(query));
  mount(router, routes.get, mountOptions, async ({ params }) => admin.get(params.affiliateId ?? ''));
  mount(router, routes.setStatus, mountOptions, async ({ req, params, body, staff }) =>
    admin.setStatus(params.affiliateId ?? '', body, staffChange(req, staff)),
  );
  mount(router, routes.ledger, mountOptions, async ({ params, query }) =>
    admin.ledger(params.affiliateId ?? '', query),
  );
  mount(router, routes.adjust, mountOptions, async ({ req, params, body, staff }) =>
    admin.adjust(params.affiliateId ?? '', body, staffChange(req, staff)),
  );
  return router;
}
