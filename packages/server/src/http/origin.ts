import type { RequestHandler } from 'express';
import { HttpError } from './problem.js';
import { pathMatcher } from './path-match.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const ALLOWED_HEADERS =
  'Content-Type, Authorization, Idempotency-Key, X-Portico-Session, X-Request-Id, Accept-Language';
const EXPOSED_HEADERS = 'Retry-After, X-Request-Id, Content-Disposition';

/**
 * CORS from an exact allow-list (plus the server's own origin) and the CSRF rule: a state-changing request that
 * a browser could send with the session cookie must carry an allowed `Origin`. Never reflects an unknown origin,
 * never allows `null`, always varies on Origin.
 */
export function originPolicy(options: {
  ownOrigin: string;
  allowedOrigins: () => readonly string[];
  cookieNames: readonly string[];
  /**
   * Bearer prefix of API tokens (`pt_`): such a request without a cookie carries no ambient credential, so it is
   * no CSRF risk and any Origin (a script, a server) may send it.
   */
  apiTokenPrefix?: string;
  /**
   * Paths whose body is a file's raw bytes (attachment uploads): there `application/octet-stream` is accepted
   * besides JSON. The Origin rule applies to them as to any other change.
   */
  rawPaths?: Iterable<string>;
}): RequestHandler {
  const isRawPath = pathMatcher(options.rawPaths ?? []);
  return (req, res, next) => {
    res.vary('Origin');
    const origin = req.get('origin');
    const allowed = origin !== undefined && origin !== 'null' && isAllowed(origin, options);
    if (allowed) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    }
    if (req.method === 'OPTIONS') {
      if (!allowed)
        throw new HttpError(403, 'ORIGIN_NOT_ALLOWED', 'This origin may not call the Portico API');
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE');
      res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      res.setHeader('Access-Control-Max-Age', '600');
      res.vary('Access-Control-Request-Headers');
      res.status(204).end();
      return;
    }
    if (!SAFE_METHODS.has(req.method)) {
      const hasCookie = options.cookieNames.some((name) => (req.get('cookie') ?? '').includes(`${name}=`));
      const apiToken =
        options.apiTokenPrefix !== undefined &&
        !hasCookie &&
        (req.get('authorization') ?? '').startsWith(`Bearer ${options.apiTokenPrefix}`);
      if (origin !== undefined && !allowed && !apiToken) {
        throw new HttpError(403, 'ORIGIN_NOT_ALLOWED', 'This origin may not change anything here');
      }
      // A browser always sends Origin on a POST; a cookie with no Origin is not a request we can vouch for.
      if (origin === undefined && hasCookie && !req.get('authorization')) {
        throw new HttpError(
          403,
          'ORIGIN_NOT_ALLOWED',
          'Cookie-authenticated changes must carry an Origin header',
        );
      }
      const length = Number(req.get('content-length') ?? 0);
      const rawAllowed = isRawPath(req.path) && req.is('application/octet-stream');
      if ((length > 0 || req.get('transfer-encoding')) && !req.is('application/json') && !rawAllowed) {
        throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json');
      }
    }
    next();
  };
}

function isAllowed(origin: string, options: { ownOrigin: string; allowedOrigins: () => readonly string[] }) {
  return origin === options.ownOrigin || options.allowedOrigins().includes(origin);
}
