import { authRoutes, SESSION_MODE_HEADER } from '@portico/sdk/contract';
import { type Request, type Response, Router } from 'express';
import type { Config } from '../../config.js';
import { type CookieOptions, clearCookie, setCookie } from '../../http/cookies.js';
import { type MountOptions, mount } from '../../http/validate.js';
import type { AuthService, IssuedSession, RequestMeta } from './service.js';

/** HTTP for the auth area: cookies or tokens in, sessions out. The rules live in AuthService. */
export function authRouter(
  service: AuthService,
  config: Config,
  cookie: CookieOptions,
  mountOptions: MountOptions,
  tokenOf: (req: Request) => string | undefined,
): Router {
  const router = Router();

  const meta = (req: Request): RequestMeta => ({
    ip: req.ip,
    userAgent: req.get('user-agent'),
    presentedToken: tokenOf(req),
  });

  /** Token mode answers with the token in the body; cookie mode sets the httpOnly cookie and never shows it. */
  const deliver = (req: Request, res: Response, issued: IssuedSession) => {
    if (req.get(SESSION_MODE_HEADER) === 'token') return { ...issued.session, token: issued.token };
    setCookie(res, cookie, issued.token, config.sessionAbsoluteMs);
    return issued.session;
  };

  mount(router, authRoutes.register, mountOptions, async ({ req, body }) =>
    service.register(body, meta(req)),
  );
  mount(router, authRoutes.verifyEmail, mountOptions, async ({ req, res, body }) =>
    deliver(req, res, await service.verifyEmail(body, meta(req))),
  );
  mount(router, authRoutes.resendCode, mountOptions, async ({ req, body }) =>
    service.resendCode(body, meta(req)),
  );
  mount(router, authRoutes.login, mountOptions, async ({ req, res, body }) =>
    deliver(req, res, await service.login(body, meta(req))),
  );
  mount(router, authRoutes.requestLoginCode, mountOptions, async ({ req, body }) =>
    service.requestLoginCode(body, meta(req)),
  );
  mount(router, authRoutes.loginWithCode, mountOptions, async ({ req, res, body }) =>
    deliver(req, res, await service.loginWithCode(body, meta(req))),
  );
  mount(router, authRoutes.requestPasswordReset, mountOptions, async ({ req, body }) =>
    service.requestPasswordReset(body, meta(req)),
  );
  mount(router, authRoutes.resetPassword, mountOptions, async ({ req, res, body }) =>
    deliver(req, res, await service.resetPassword(body, meta(req))),
  );
  mount(router, authRoutes.logout, mountOptions, async ({ res, auth }) => {
    await service.logout(auth);
    clearCookie(res, cookie);
  });
  mount(router, authRoutes.session, mountOptions, async ({ auth }) => (auth ? service.describe(auth) : null));
  return router;
}
