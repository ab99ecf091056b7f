import { authRoutes, type MfaRequired, SESSION_MODE_HEADER, type Session } from '@portico/sdk/contract';
import { type Request, type Response, Router } from 'express';
import type { Config } from '../../config.js';
import { sessionOf } from '../../http/auth.js';
import {
  type CookieOptions,
  clearCookie,
  readCookie,
  referralCookie,
  setCookie,
} from '../../http/cookies.js';
import { type MountOptions, mount } from '../../http/validate.js';
import { countryFromHeader } from '../account/places.js';
import {
  type AuthService,
  type IssuedSession,
  needsSecondFactor,
  type RequestMeta,
  type SignInOutcome,
} from './service.js';

/** How a client session reaches the browser, and what a sign-in request carries. Shared by every sign-in route. */
export interface SessionHttp {
  /** Token mode answers with the token in the body; cookie mode sets the httpOnly cookie and never shows it. */
  deliver(req: Request, res: Response, issued: IssuedSession): Session;
  /** A sign-in step's answer: a session is delivered; a two-factor ticket is answered as is, with no cookie. */
  answer(req: Request, res: Response, outcome: SignInOutcome): Session | MfaRequired;
  /** IP, user agent and the session token the request presented (a sign-in ends it). */
  meta(req: Request): RequestMeta;
}

export function sessionHttp(
  config: Config,
  cookie: CookieOptions,
  tokenOf: (req: Request) => string | undefined,
): SessionHttp {
  const deliver = (req: Request, res: Response, issued: IssuedSession): Session => {
    if (req.get(SESSION_MODE_HEADER) === 'token') return { ...issued.session, token: issued.token };
    setCookie(res, cookie, issued.token, config.sessionAbsoluteMs);
    return issued.session;
  };
  const referral = referralCookie(config.mode === 'production');
  return {
    deliver,
    answer: (req, res, outcome) => (needsSecondFactor(outcome) ? outcome : deliver(req, res, outcome)),
    meta: (req) => ({
      ip: req.ip,
      userAgent: req.get('user-agent'),
      presentedToken: tokenOf(req),
      country: config.geoHeader ? countryFromHeader(req.get(config.geoHeader)) : undefined,
      referral: readCookie(req, referral.name),
    }),
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
  const { meta, deliver, answer } = http;

  mount(router, authRoutes.register, mountOptions, async ({ req, body }) =>
    service.register(body, meta(req)),
  );
  mount(router, authRoutes.verifyEmail, mountOptions, async ({ req, res, body }) =>
    answer(req, res, await service.verifyEmail(body, meta(req))),
  );
  mount(router, authRoutes.resendCode, mountOptions, async ({ req, body }) =>
    service.resendCode(body, meta(req)),
  );
  mount(router, authRoutes.login, mountOptions, async ({ req, res, body }) =>
    answer(req, res, await service.login(body, meta(req))),
  );
  mount(router, authRoutes.requestLoginCode, mountOptions, async ({ req, body }) =>
    service.requestLoginCode(body, meta(req)),
  );
  mount(router, authRoutes.loginWithCode, mountOptions, async ({ req, res, body }) =>
    answer(req, res, await service.loginWithCode(body, meta(req))),
  );
  mount(router, authRoutes.requestPasswordReset, mountOptions, async ({ req, body }) =>
    service.requestPasswordReset(body, meta(req)),
  );
  mount(router, authRoutes.resetPassword, mountOptions, async ({ req, res, body }) =>
    answer(req, res, await service.resetPassword(body, meta(req))),
  );
  mount(router, authRoutes.completeMfa, mountOptions, async ({ req, res, body }) =>
    deliver(req, res, await service.completeMfa(body, meta(req))),
  );
  mount(router, authRoutes.switchAccount, mountOptions, async ({ req, auth, body }) =>
    service.switchAccount(sessionOf(auth), body.accountId, meta(req)),
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
