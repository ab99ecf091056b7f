import { authRoutes, SESSION_MODE_HEADER, type Session } from '@portico/sdk/contract';
import { type Request, type Response, Router } from 'express';
import type { Config } from '../../config.js';
import { sessionOf } from '../../http/auth.js';
import { type CookieOptions, clearCookie, setCookie } from '../../http/cookies.js';
import { type MountOptions, mount } from '../../http/validate.js';
import type { AuthService, IssuedSession, RequestMeta } from './service.js';

/** How a client session reaches the browser, and what a sign-in request carries. Shared by every sign-in route. */
export interface SessionHttp {
  /** Token mode answers with the token in the body; cookie mode sets the httpOnly cookie and never shows it. */
  deliver(req: Request, res: Response, issued: IssuedSession): Session;
  /** IP, user agent and the session token the request presented (a sign-in ends it). */
  meta(req: Request): RequestMeta;
}

export function sessionHttp(
  config: Config,
  cookie: CookieOptions,
  tokenOf: (req: Request) => string | undefined,
): SessionHttp {
  return {
    deliver(req, res, issued) {
      if (req.get(SESSION_MODE_HEADER) === 'token') return { ...issued.session, token: issued.token };
      setCookie(res, cookie, issued.token, config.sessionAbsoluteMs);
      return issued.session;
    },
    meta: (req) => ({ ip: req.ip, userAgent: req.get('user-agent'), presentedToken: tokenOf(req) }),
  };
}

/** HTTP for the auth area: cookies or tokens in, sessions out. The rules live in AuthService. */
export function authRouter(
  service: AuthService,
  cookie: CookieOptions,
  mountOptions: MountOptions,
  http: SessionHttp,
): Router {
  const router = Router();
  const { meta, deliver } = http;

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
    await service.logout(auth && sessionOf(auth));
    clearCookie(res, cookie);
  });
  mount(router, authRoutes.session, mountOptions, async ({ auth }) =>
    auth ? service.describe(sessionOf(auth)) : null,
  );
  return router;
}
