import { accountRoutes, authRoutes, clientRoutes } from '@portico/sdk/contract';
import { Router } from 'express';
import { sessionOf } from '../../http/auth.js';
import { type MountOptions, mount } from '../../http/validate.js';
import { originOf } from '../audit/audit-log.js';
import type { SessionHttp } from '../auth/routes.js';
import type { Passkeys } from './passkeys.js';
import type { TwoFactor } from './two-factor.js';

/**
 * Client API: the security page (TOTP, backup codes, passkeys; session-only `self` routes) and passkey sign-in.
 * The rules live in TwoFactor and Passkeys.
 */
export function securityRouter(
  twoFactor: TwoFactor,
  passkeys: Passkeys,
  mountOptions: MountOptions,
  http: SessionHttp,
): Router {
  const router = Router();
  const { meta } = http;

  mount(router, accountRoutes.security, mountOptions, async ({ auth }) =>
    twoFactor.overview(sessionOf(auth)),
  );
  mount(router, accountRoutes.setupTotp, mountOptions, async ({ auth }) => twoFactor.setup(sessionOf(auth)));
  mount(router, accountRoutes.enableTotp, mountOptions, async ({ req, auth, body }) =>
    twoFactor.enable(sessionOf(auth), body.code, meta(req)),
  );
  mount(router, accountRoutes.disableTotp, mountOptions, async ({ req, auth, body }) =>
    twoFactor.disable(sessionOf(auth), body.code, meta(req)),
  );
  mount(router, accountRoutes.regenerateBackupCodes, mountOptions, async ({ req, auth, body }) =>
    twoFactor.regenerateBackupCodes(sessionOf(auth), body.code, meta(req)),
  );

  mount(router, accountRoutes.listPasskeys, mountOptions, async ({ auth }) => passkeys.list(sessionOf(auth)));
  mount(router, accountRoutes.passkeyRegistrationOptions, mountOptions, async ({ auth }) =>
    passkeys.registrationOptions(sessionOf(auth)),
  );
  mount(router, accountRoutes.registerPasskey, mountOptions, async ({ req, auth, body }) =>
    passkeys.register(sessionOf(auth), body, meta(req)),
  );
  mount(router, accountRoutes.renamePasskey, mountOptions, async ({ auth, params, body }) =>
    passkeys.rename(sessionOf(auth), params.passkeyId!, body.name),
  );
  mount(router, accountRoutes.removePasskey, mountOptions, async ({ req, auth, params }) =>
    passkeys.remove(sessionOf(auth), params.passkeyId!, meta(req)),
  );

  mount(router, authRoutes.passkeyOptions, mountOptions, async ({ req }) => passkeys.loginOptions(meta(req)));
  mount(router, authRoutes.passkeyLogin, mountOptions, async ({ req, res, body }) =>
    http.deliver(req, res, await passkeys.login(body, meta(req))),
  );
  return router;
}

/** Staff API: turning off a portal user's two-factor when they lost both their app and their backup codes. */
export function securityAdminRouter(twoFactor: TwoFactor, mountOptions: MountOptions): Router {
  const router = Router();
  mount(router, clientRoutes.resetTwoFactor, mountOptions, async ({ req, params, staff }) =>
    twoFactor.reset(params.userId!, {
      actor: { type: 'staff', id: staff!.staffId, label: staff!.email },
      origin: originOf(req),
    }),
  );
  return router;
}
