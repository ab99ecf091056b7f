import {
  type FieldError,
  grants,
  IDEMPOTENCY_HEADER,
  IDEMPOTENCY_KEY_PATTERN,
  type RouteDescriptor,
} from '@portico/sdk/contract';
import type { Request, Response, Router } from 'express';
import * as z from 'zod';
import type { Auth, StaffAuth } from './auth.js';
import { Idempotency } from './idempotency.js';
import { HttpError } from './problem.js';

/** What a route handler receives: the validated input and the request. */
export interface RouteContext<B, Q> {
  req: Request;
  res: Response;
  body: B;
  query: Q;
  params: Record<string, string>;
  /** The client principal (set on `client` routes; maybe on `optional` routes). */
  auth: Auth | undefined;
  /** The staff principal (set on `staff` routes; maybe on `staff-optional` routes). */
  staff: StaffAuth | undefined;
}

type In<T> = [Exclude<T, undefined>] extends [never]
  ? undefined
  : Exclude<T, undefined> extends z.core.$ZodType
    ? z.output<Exclude<T, undefined>>
    : undefined;

export function fieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
    code: issue.code,
  }));
}

export function parseOrThrow<T extends z.core.$ZodType>(
  schema: T,
  value: unknown,
  where: string,
): z.output<T> {
  const result = z.safeParse(schema, value);
  if (!result.success) {
    throw new HttpError(400, 'VALIDATION_FAILED', `The ${where} has invalid fields`, {
      errors: fieldErrors(result.error.issues),
    });
  }
  return result.data;
}

export interface MountOptions {
  /** Checks the output against the contract (on in development and tests). */
  checkOutput: boolean;
  /** Resolves the principal for `client`/`optional` routes; throws 401 for `client` when absent. */
  authenticate: (req: Request, required: boolean) => Promise<Auth | undefined>;
  /** Resolves the staff principal for `staff`/`staff-optional` routes; throws 401 for `staff` when absent. */
  authenticateStaff: (req: Request, required: boolean) => Promise<StaffAuth | undefined>;
  /** Remembers `Idempotency-Key`s for routes that declare `idempotent`. */
  idempotency?: Idempotency;
  /**
   * Runs once the caller is authenticated and authorized, before the query and body are read: an app's routes
   * answer 404 here to whoever may not see the app, course or group, whatever they sent.
   */
  guard?: (ctx: { req: Request; auth: Auth | undefined; params: Record<string, string> }) => Promise<void>;
}

/** Checks a staff principal against a route's roles and the TOTP enrolment rule. */
function authorizeStaff(route: RouteDescriptor, staff: StaffAuth | undefined): void {
  if (!staff || route.auth !== 'staff') return;
  if (staff.mfaEnrolmentRequired && !route.beforeMfa) {
    throw new HttpError(
      403,
      'MFA_ENROLMENT_REQUIRED',
      'Set up two-factor authentication before using the console.',
    );
  }
  if (!route.roles?.includes(staff.role)) {
    throw new HttpError(403, 'ROLE_NOT_ALLOWED', `The ${staff.role} role may not do this.`);
  }
}

/**
 * Checks a client principal against the route's `access`: API tokens only ever pass permission routes within
 * their scopes; `owner` routes want the account owner's session; a contact needs the permission; and while the
 * account lacks required profile fields, a person who can fill them is sent to the profile first.
 */
function authorizeClient(route: RouteDescriptor, auth: Auth | undefined): void {
  if (!auth) return;
  const access = route.access;
  if (auth.kind === 'token') {
    if (!access || access === 'owner' || access === 'self') {
      throw new HttpError(403, 'TOKEN_NOT_ALLOWED', 'API tokens cannot do this; sign in to the portal.');
    }
    if (!grants(auth.permissions, access)) {
      throw new HttpError(403, 'PERMISSION_DENIED', `This token's scopes do not include ${access}.`);
    }
    return;
  }
  if (!access || access === 'self') return;
  if (access === 'owner') {
    if (auth.role !== 'owner') {
      throw new HttpError(403, 'OWNER_ONLY', "Only the account's owner can do this.");
    }
    return;
  }
  if (!grants(auth.permissions, access)) {
    throw new HttpError(403, 'PERMISSION_DENIED', `You do not have ${access} on this account.`);
  }
  if (
    auth.profileMissing.length &&
    !access.startsWith('profile:') &&
    grants(auth.permissions, 'profile:write')
  ) {
    throw new HttpError(403, 'PROFILE_INCOMPLETE', 'Complete your profile first.', {
      errors: auth.profileMissing.map((field) => ({
        path: field,
        message: 'Required',
        code: 'PROFILE_INCOMPLETE',
      })),
    });
  }
}

/**
 * Mounts a contract route: validates query and body with the contract, runs the handler, sends its result with
 * the declared status. Handlers return data; they never touch `res` for the normal answer.
 */
export function mount<R extends RouteDescriptor>(
  router: Router,
  route: R,
  options: MountOptions,
  handler: (ctx: RouteContext<In<R['body']>, In<R['query']>>) => Promise<unknown>,
): void {
  const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  if (route.auth === 'staff' && !route.roles?.length) throw new Error(`${route.id} declares no staff roles`);
  if (route.auth === 'client' && !route.access) throw new Error(`${route.id} declares no client access`);
  const clientSide = route.auth === 'client' || route.auth === 'optional';
  const staffSide = route.auth === 'staff' || route.auth === 'staff-optional';
  if (route.idempotent && !options.idempotency)
    throw new Error(`${route.id} is idempotent: pass mountOptions.idempotency`);
  router[method](route.path, async (req, res) => {
    let auth = clientSide ? await options.authenticate(req, route.auth === 'client') : undefined;
    const staff = staffSide ? await options.authenticateStaff(req, route.auth === 'staff') : undefined;
    authorizeStaff(route, staff);
    if (route.auth === 'optional' && route.access && auth) {
      // An optional route with an access rule serves whoever fails it as a guest (a contact without billing
      // rights still sees the public store), rather than refusing them what anyone may see.
      try {
        authorizeClient(route, auth);
      } catch {
        auth = undefined;
      }
    } else authorizeClient(route, auth);
    await options.guard?.({ req, auth, params: req.params as Record<string, string> });
    const body = route.rawBody
      ? undefined
      : route.body
        ? parseOrThrow(route.body, req.body ?? {}, 'request body')
        : undefined;
    const query = route.query ? parseOrThrow(route.query, req.query, 'query string') : undefined;
    const params = req.params as Record<string, string>;
    const run = async () => {
      const result = await handler({
        req,
        res,
        body: body as In<R['body']>,
        query: query as In<R['query']>,
        params,
        auth,
        staff,
      });
      if (options.checkOutput && route.output && route.status !== 204) {
        const checked = z.safeParse(route.output, result);
        if (!checked.success) {
          throw new Error(
            `Output of ${route.id} breaks the contract: ${JSON.stringify(checked.error.issues)}`,
          );
        }
      }
      return result;
    };
    const key = route.idempotent ? req.get(IDEMPOTENCY_HEADER) : undefined;
    let result: unknown;
    if (key !== undefined && options.idempotency) {
      if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
        throw new HttpError(400, 'VALIDATION_FAILED', 'The Idempotency-Key header is not valid', {
          errors: [{ path: 'Idempotency-Key', message: 'Use 1 to 255 visible ASCII characters (a UUID)' }],
        });
      }
      const principal = staff
        ? `staff:${staff.staffId}`
        : auth
          ? `acct:${auth.accountId}:${auth.userId}`
          : 'anon';
      const answer = await options.idempotency.run(
        `${principal}:${route.id}`,
        key,
        Idempotency.fingerprint(params, body),
        route.status,
        run,
      );
      if (answer.replayed) res.setHeader('Idempotent-Replayed', 'true');
      result = answer.body;
    } else result = await run();
    if (route.produces) {
      if (!res.headersSent)
        throw new Error(`${route.id} produces ${route.produces} but its handler sent nothing`);
      return;
    }
    if (route.status === 204 || !route.output) {
      res.status(204).end();
      return;
    }
    res.status(route.status).json(result);
  });
}
