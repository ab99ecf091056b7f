import * as z from 'zod/mini';

/** Staff roles: `admin` may do everything; `billing` and `support` what each route allows. */
export const StaffRoleSchema = z.enum(['admin', 'billing', 'support']);
export type StaffRole = z.infer<typeof StaffRoleSchema>;
/** Every staff role, for routes any staff member may call. */
export const ALL_STAFF_ROLES: readonly StaffRole[] = ['admin', 'billing', 'support'];

/** Areas of an account that contacts' permissions and API tokens' scopes are granted on. */
export const ACCOUNT_AREAS = ['profile', 'billing', 'services', 'domains', 'support', 'apps'] as const;
export type AccountArea = (typeof ACCOUNT_AREAS)[number];

/**
 * A permission on one area of an account: `read` sees it, `write` also changes it (and implies `read`). Contacts
 * hold a set of them; an API token's scopes are a set of them too (never more than its creator holds).
 */
export const PERMISSIONS = [
  'profile:read',
  'profile:write',
  'billing:read',
  'billing:write',
  'services:read',
  'services:write',
  'domains:read',
  'domains:write',
  'support:read',
  'support:write',
  'apps:read',
  'apps:write',
] as const satisfies readonly `${AccountArea}:${'read' | 'write'}`[];
export const PermissionSchema = z.enum(PERMISSIONS);
export type Permission = (typeof PERMISSIONS)[number];

/**
 * What a client route needs beyond a signed-in principal:
 * - a {@link Permission}: contacts need it (or the matching `write`), API tokens need it in their scopes;
 * - `owner`: the account's owner, in a session (contacts, the activity timeline);
 * - `self`: any signed-in person acting on their own login, in a session (password, 2FA, passkeys, sessions,
 *   API tokens, switching account). API tokens never pass `owner` or `self` routes.
 */
export type RouteAccess = Permission | 'owner' | 'self';

/** Whether a set of permissions grants `needed` (`area:write` grants `area:read`). */
export function grants(held: Iterable<Permission>, needed: Permission): boolean {
  const write = needed.endsWith(':read') ? (needed.replace(':read', ':write') as Permission) : needed;
  for (const p of held) if (p === needed || p === write) return true;
  return false;
}

/** Who may call a route. */
export type RouteAuth = 'public' | 'client' | 'optional' | 'staff' | 'staff-optional';

/** HTTP methods a route descriptor may use. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * A route of the Portico API: the one description both the server (validation, OpenAPI) and the SDK
 * (request building, response parsing) use.
 */
export interface RouteDescriptor<
  TBody extends z.ZodMiniType | undefined = z.ZodMiniType | undefined,
  TQuery extends z.ZodMiniType | undefined = z.ZodMiniType | undefined,
  TOutput extends z.ZodMiniType | undefined = z.ZodMiniType | undefined,
> {
  /** Stable identifier, used as the OpenAPI operationId. */
  id: string;
  method: HttpMethod;
  /** Express-style path, e.g. `/api/v1/auth/login`. */
  path: string;
  summary: string;
  tags: string[];
  /**
   * Who may call it. Client side: `public` (anyone), `client` (a client session or API token), `optional`
   * (either). Staff side: `staff` (a staff session holding one of `roles`), `staff-optional` (either).
   * Client and staff credentials never cross: a client session never passes a staff route, nor the reverse.
   */
  auth: RouteAuth;
  /**
   * What a `client` route needs: a permission, `owner` or `self` (see {@link RouteAccess}). Every `client` route
   * declares it; `optional` routes without it are session-only (an API token gets 403 TOKEN_NOT_ALLOWED).
   */
  access?: RouteAccess;
  /** Staff roles that may call a `staff` route. Every staff route declares them. */
  roles?: readonly StaffRole[];
  /**
   * A staff route a session may call before it has finished the required TOTP enrolment (the session, sign-out
   * and enrolment routes themselves).
   */
  beforeMfa?: boolean;
  body?: TBody;
  query?: TQuery;
  /** Success status; 204 means no body. */
  status: 200 | 201 | 202 | 204;
  output?: TOutput;
  /** Error codes this route may answer with, for the docs. */
  errors?: readonly string[];
  /** Whether the route is rate-limited (documents a 429). */
  rateLimited?: boolean;
  /**
   * The route takes an `Idempotency-Key` header: the same key with the same body gives the first answer again
   * without doing anything twice; the same key with another body is refused (422 IDEMPOTENCY_KEY_REUSED). The
   * SDK sends one on every call of such a route, and retries the POST with it.
   */
  idempotent?: boolean;
  /** The answer is a file of this type (e.g. `application/pdf`) rather than JSON; the handler sends it. */
  produces?: string;
  /** The handler reads the raw request body (a signed webhook): it is not parsed as JSON. */
  rawBody?: boolean;
}

/** Declares a route with its types kept. */
export function defineRoute<
  TBody extends z.ZodMiniType | undefined = undefined,
  TQuery extends z.ZodMiniType | undefined = undefined,
  TOutput extends z.ZodMiniType | undefined = undefined,
>(route: RouteDescriptor<TBody, TQuery, TOutput>): RouteDescriptor<TBody, TQuery, TOutput> {
  return route;
}

const required = (what: string) => ({
  error: (issue: { input?: unknown }) =>
    issue.input === undefined ? `${what} is required` : `${what} must be text`,
});

/** An email address, trimmed and lower-cased. */
export const EmailSchema = z
  .string(required('Email'))
  .check(
    z.trim(),
    z.toLowerCase(),
    z.maxLength(254, { error: 'Email must be at most 254 characters' }),
    z.email({ error: 'Enter a valid email address' }),
  );

/** A new password: 8 to 256 characters (commonness is checked on the server). */
export const NewPasswordSchema = z
  .string(required('Password'))
  .check(
    z.minLength(8, { error: 'Password must be at least 8 characters' }),
    z.maxLength(256, { error: 'Password must be at most 256 characters' }),
  );

/** A password being presented at sign-in: never trimmed, bounded so nobody hashes megabytes. */
export const PasswordSchema = z
  .string(required('Password'))
  .check(
    z.minLength(1, { error: 'Password is required' }),
    z.maxLength(256, { error: 'Password must be at most 256 characters' }),
  );

/** A 6-digit one-time code. Spaces and dashes a person types are ignored. */
export const CodeSchema = z.string(required('Code')).check(
  z.overwrite((v) => v.replace(/[\s-]/g, '')),
  z.regex(/^\d{6}$/, { error: 'Enter the 6-digit code' }),
);

/** A person's full name. */
export const NameSchema = z
  .string(required('Name'))
  .check(
    z.trim(),
    z.minLength(1, { error: 'Name is required' }),
    z.maxLength(120, { error: 'Name must be at most 120 characters' }),
  );

/** A secret token from a link (magic link, invitation): 256-bit base64url with its prefix. */
export const LinkTokenSchema = z
  .string(required('Token'))
  .check(z.trim(), z.regex(/^[a-z]{2,3}_[A-Za-z0-9_-]{40,60}$/, { error: 'That link is not valid' }));

/** An http(s) URL. */
export const HttpUrlSchema = z.string(required('URL')).check(
  z.trim(),
  z.maxLength(2000, { error: 'URL must be at most 2000 characters' }),
  z.refine((v) => /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(v) && URL.canParse(v), {
    error: 'Enter a full http(s) URL',
  }),
);

/** ISO 8601 UTC timestamp. */
export const TimestampSchema = z.string();

/** A prefixed random identifier such as `usr_01JD…`. */
export const idSchema = (prefix: string) =>
  z.string().check(z.regex(new RegExp(`^${prefix}_[0-9a-z]{26}$`), { error: `Not a valid ${prefix} id` }));

/** One field's validation failure. `path` is a dotted path such as `email` or `lines.0.amount`. */
export const FieldErrorSchema = z.object({
  path: z.string(),
  message: z.string(),
  code: z.optional(z.string()),
});
export type FieldError = z.infer<typeof FieldErrorSchema>;

/** RFC 9457 problem details, with Portico's `code` and `requestId`. */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.optional(z.string()),
  instance: z.optional(z.string()),
  code: z.string(),
  requestId: z.optional(z.string()),
  errors: z.optional(z.array(FieldErrorSchema)),
  retryAfter: z.optional(z.number()),
  /** `LESSON_LOCKED`: when the lesson opens for this account. */
  opensAt: z.optional(z.string()),
});
export type Problem = z.infer<typeof ProblemSchema>;

/** The header that makes a retried POST safe (see {@link RouteDescriptor.idempotent}). */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** An `Idempotency-Key`: 1 to 255 visible ASCII characters (a UUID is ideal). */
export const IDEMPOTENCY_KEY_PATTERN: RegExp = /^[\x21-\x7e]{1,255}$/;

/** Cursor pagination query. */
export const PageQuerySchema = z.object({
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100))),
  cursor: z.optional(z.string().check(z.maxLength(200))),
});

/** Builds a page-of-items schema. */
export const pageSchema = <T extends z.ZodMiniType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.nullable(z.string()) });

/** `{ items: T[] }`: a whole list, without paging. */
export const itemsSchema = <T extends z.ZodMiniType>(item: T) => z.object({ items: z.array(item) });

/** What a staff route declares for who may call it: the staff side and `roles`. */
export const staffOnly = (...roles: StaffRole[]): { auth: 'staff'; roles: readonly StaffRole[] } => ({
  auth: 'staff',
  roles,
});

/**
 * Names the staff routes of one area: `adminRoutesOf('adminDomains', 'domains')('listTlds', 'GET', '/domains/tlds',
 * '…')` is the id `adminDomains.listTlds`, the path under `/api/admin/v1` and the OpenAPI tag `admin: domains` (a
 * route may give its own tag).
 */
export const adminRoutesOf =
  (area: string, defaultTag: string) =>
  (id: string, method: HttpMethod, path: string, summary: string, tag: string = defaultTag) => ({
    id: `${area}.${id}`,
    method,
    path: `/api/admin/v1${path}`,
    summary,
    tags: [`admin: ${tag}`],
  });

/** Error codes shared by every area. */
export const CommonErrorCodes = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  MALFORMED_JSON: 'MALFORMED_JSON',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  NOT_FOUND: 'NOT_FOUND',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  /** A staff route called by a role it does not allow. */
  ROLE_NOT_ALLOWED: 'ROLE_NOT_ALLOWED',
  /** A contact's permissions, or an API token's scopes, do not include what the route needs. */
  PERMISSION_DENIED: 'PERMISSION_DENIED',
  /** The route is only for the account's owner. */
  OWNER_ONLY: 'OWNER_ONLY',
  /** API tokens may not call this route (passwords, 2FA, passkeys, sessions, tokens, contacts). */
  TOKEN_NOT_ALLOWED: 'TOKEN_NOT_ALLOWED',
  /** The business requires profile fields this account has not filled yet; fill them first. */
  PROFILE_INCOMPLETE: 'PROFILE_INCOMPLETE',
  /** The business requires staff TOTP and this staff session has not enrolled yet. */
  MFA_ENROLMENT_REQUIRED: 'MFA_ENROLMENT_REQUIRED',
  CONFLICT: 'CONFLICT',
  /** An `Idempotency-Key` already used with another request body. */
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  /** A request with this `Idempotency-Key` is still running (in another process); retry after a moment. */
  IDEMPOTENCY_IN_PROGRESS: 'IDEMPOTENCY_IN_PROGRESS',
  ORIGIN_NOT_ALLOWED: 'ORIGIN_NOT_ALLOWED',
  RATE_LIMITED: 'RATE_LIMITED',
  SERVER_BUSY: 'SERVER_BUSY',
  INTERNAL: 'INTERNAL',
} as const;

/** `{ ok: true }` for health checks. */
export const HealthSchema = z.object({ ok: z.boolean(), version: z.string() });
export type Health = z.infer<typeof HealthSchema>;

export const systemRoutes = {
  health: defineRoute({
    id: 'system.health',
    method: 'GET',
    path: '/api/v1/health',
    summary: 'Liveness check',
    tags: ['system'],
    auth: 'public',
    status: 200,
    output: HealthSchema,
  }),
  openapi: defineRoute({
    id: 'system.openapi',
    method: 'GET',
    path: '/api/openapi.json',
    summary: 'This document: the OpenAPI 3.1 description of both APIs, generated from the contract',
    tags: ['system'],
    auth: 'public',
    status: 200,
    output: z.record(z.string(), z.unknown()),
  }),
};

/** Request header that asks for token mode: the session token comes back in the body, no cookie is set. */
export const SESSION_MODE_HEADER = 'x-portico-session';
/** Name of the client session cookie (`__Host-` prefixed in production). */
export const SESSION_COOKIE = 'portico_session';
