import { accountRoutes } from '@portico/sdk/contract';
import { Router } from 'express';
import { type Auth, sessionOf, unauthenticated } from '../../http/auth.js';
import { type MountOptions, mount } from '../../http/validate.js';
import { originOf } from '../audit/audit-log.js';
import type { AccountService } from './service.js';

/** The principal of a `client` route (mount() already answered 401 without one). */
function principal(auth: Auth | undefined): Auth {
  if (!auth) throw unauthenticated();
  return auth;
}

/** HTTP for the account area: profile, email, password, sessions and the activity timeline. */
export function accountRouter(service: AccountService, mountOptions: MountOptions): Router {
  const router = Router();
  const o = mountOptions;

  mount(router, accountRoutes.getProfile, o, async ({ auth }) => service.profile(principal(auth)));
  mount(router, accountRoutes.updateProfile, o, async ({ req, auth, body }) =>
    service.updateProfile(principal(auth), body, originOf(req)),
  );
  mount(router, accountRoutes.updateMe, o, async ({ auth, body }) => service.updateMe(sessionOf(auth), body));

  mount(router, accountRoutes.changeEmail, o, async ({ req, auth, body }) =>
    service.requestEmailChange(sessionOf(auth), body, originOf(req)),
  );
  mount(router, accountRoutes.confirmEmailChange, o, async ({ req, auth, body }) =>
    service.confirmEmailChange(sessionOf(auth), body, originOf(req)),
  );
  mount(router, accountRoutes.changePassword, o, async ({ req, auth, body }) =>
    service.changePassword(sessionOf(auth), body, originOf(req)),
  );

  mount(router, accountRoutes.listSessions, o, async ({ auth }) => service.sessions(sessionOf(auth)));
  mount(router, accountRoutes.endOtherSessions, o, async ({ req, auth }) =>
    service.endOtherSessions(sessionOf(auth), originOf(req)),
  );
  mount(router, accountRoutes.endSession, o, async ({ req, auth, params }) =>
    service.endSession(sessionOf(auth), params.sessionId ?? '', originOf(req)),
  );

  mount(router, accountRoutes.activity, o, async ({ auth, query }) =>
    service.activity(sessionOf(auth), query),
  );
  return router;
}
