import { affiliateRoutes as routes } from '@portico/sdk/contract';
import { Router } from 'express';
import type { Config } from '../../config.js';
import { type Auth, unauthenticated } from '../../http/auth.js';
import { referralCookie, setCookie } from '../../http/cookies.js';
import { type MountOptions, mount } from '../../http/validate.js';
import { type AppAccess, appNotFound } from '../apps/access.js';
import { appMountOptions } from '../apps/app-module.js';
import type { AffiliateProgramme } from './service.js';

/** The principal of a `client` route (mount has authenticated it). */
function principal(auth: Auth | undefined): Auth {
  if (!auth) throw unauthenticated();
  return auth;
}

/**
 * Client API of the affiliate programme. Every route answers 404 to whoever may not use the app; the public click
 * route answers 404 while the app is off, and to anyone otherwise.
 */
export function affiliateRouter(
  programme: AffiliateProgramme,
  deps: { access: AppAccess; config: Config },
  mountOptions: MountOptions,
): Router {
  const router = Router();
  const app = appMountOptions(mountOptions, deps.access, 'affiliates');
  const publicApp: MountOptions = {
    ...mountOptions,
    async guard(ctx) {
      await mountOptions.guard?.(ctx);
      if (!deps.access.enabled('affiliates')) throw appNotFound();
    },
  };
  const cookie = referralCookie(deps.config.mode === 'production');

  mount(router, routes.click, publicApp, async ({ req, res, body }) => {
    const click = await programme.click(body.code, req.ip ?? '');
    if (!click) return { referral: null, expiresAt: null };
    if (click.referral) setCookie(res, cookie, click.referral, click.maxAgeMs);
    return { referral: click.referral, expiresAt: click.expiresAt };
  });
  mount(router, routes.overview, app, async ({ auth }) => programme.overview(principal(auth)));
  mount(router, routes.join, app, async ({ auth, body }) => programme.join(principal(auth), body));
  mount(router, routes.update, app, async ({ auth, body }) => programme.update(principal(auth), body));
  mount(router, routes.referrals, app, async ({ auth, query }) =>
    programme.referrals(principal(auth), query),
  );
  mount(router, routes.commissions, app, async ({ auth, query }) =>
    programme.commissions(principal(auth), query),
  );
  mount(router, routes.payouts, app, async ({ auth, query }) => programme.payouts(principal(auth), query));
  mount(router, routes.requestPayout, app, async ({ auth, body }) =>
    programme.requestPayout(principal(auth), body),
  );
  mount(router, routes.ledger, app, async ({ auth, query }) => programme.ledger(principal(auth), query));
  return router;
}
