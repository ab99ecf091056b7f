// The plumbing the apps fakes (apps and affiliate, courses, communities) share.
import { grants, type Permission, type PortalClient } from '@portico/sdk';
import type { FakeAccount } from './fake-account.js';
import { fakeClient, json, problem } from './fake-portal.js';
import { RouteOverrides } from './route-overrides.js';

/** A request to a fake's routes. */
export interface FakeCall {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The JSON body; undefined for GET and an empty body. */
  body: Record<string, any> | undefined;
  idempotencyKey: string | null;
}

type Handler = (call: FakeCall) => Response | Promise<Response>;

/** 400 VALIDATION_FAILED with the field errors of a contract schema's failed parse. */
export const validation = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) =>
  problem(
    400,
    'VALIDATION_FAILED',
    'The request body has invalid fields',
    issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
  );

/** One page of `all` as `{ items, nextCursor }`: the query's `limit` (20) from its numeric `cursor`. */
export function pageOf<T>(all: readonly T[], query: Record<string, string>): Response {
  const limit = Number(query.limit ?? 20);
  const start = query.cursor ? Number(query.cursor) : 0;
  const next = start + limit < all.length ? String(start + limit) : null;
  return json(200, { items: all.slice(start, start + limit), nextCursor: next });
}

/**
 * A stand-in for one area of the Portico server's client routes (those under `routes`) in front of a
 * {@link FakeAccount}, which answers everything else and decides who is signed in with which permissions. It
 * records every request to its routes in `calls`, gives the canned answers `answer(route, handler, times)` set
 * before its own routing, and hands the rest to `route`.
 */
export abstract class FakeRoutes {
  readonly account: FakeAccount;
  readonly calls: FakeCall[] = [];
  readonly #routes: RegExp;
  readonly #overrides = new RouteOverrides<FakeCall>();
  /** The answers given to each Idempotency-Key. */
  readonly #answered = new Map<string, unknown>();
  #ids = 0;

  constructor(account: FakeAccount, routes: RegExp) {
    this.account = account;
    this.#routes = routes;
  }

  /** Makes the signed-in person a contact with just these permissions. */
  asContact(permissions: Permission[]): void {
    this.account.asContact('custom', permissions);
  }

  /** Answers the next `times` requests to `route` (`METHOD /path`) with `handler`. */
  answer(route: string, handler: Handler, times = 1): void {
    this.#overrides.set(route, handler, times);
  }

  /** Requests made to `route` (`METHOD /path` or just the path). */
  callsTo(route: string): FakeCall[] {
    return this.calls.filter((c) => c.path === route || `${c.method} ${c.path}` === route);
  }

  /** A client of this fake, signed in as `email` when given. */
  client(email?: string): PortalClient {
    let token: string | undefined;
    if (email) {
      token = this.id('tok');
      this.account.portal.sessions.set(token, email);
    }
    return fakeClient(this.fetch, token);
  }

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (!this.#routes.test(url.pathname)) return this.account.fetch(request);
    const text = request.method === 'GET' ? '' : await request.text();
    const call: FakeCall = {
      method: request.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: text ? JSON.parse(text) : undefined,
      idempotencyKey: request.headers.get('idempotency-key'),
    };
    this.calls.push(call);
    return this.#overrides.answer(call) ?? this.route(call, request);
  };

  /** Answers a request to this fake's routes that no canned answer took. */
  protected abstract route(call: FakeCall, request: Request): Response | Promise<Response>;

  /** 401 UNAUTHENTICATED when the request carries no session of the fake; else undefined. */
  protected signedOut(request: Request): Response | undefined {
    const bearer = request.headers.get('authorization')?.replace(/^Bearer /, '') ?? '';
    return this.account.portal.sessions.get(bearer)
      ? undefined
      : problem(401, 'UNAUTHENTICATED', 'Sign in to continue.');
  }

  /** 403 PERMISSION_DENIED unless the signed-in person has `apps:read` (to read) or `apps:write` (to change). */
  protected appsDenied(call: FakeCall): Response | undefined {
    const access: Permission = call.method === 'GET' ? 'apps:read' : 'apps:write';
    return grants(this.account.permissions, access)
      ? undefined
      : problem(403, 'PERMISSION_DENIED', `You do not have ${access} on this account.`);
  }

  /** The 201 answer given before to the call's Idempotency-Key, if any. */
  protected repeated(call: FakeCall): Response | undefined {
    const first = call.idempotencyKey ? this.#answered.get(call.idempotencyKey) : undefined;
    return first ? json(201, first) : undefined;
  }

  /** Answers 201 with `created`, kept as the answer to the call's Idempotency-Key. */
  protected created(call: FakeCall, created: unknown): Response {
    if (call.idempotencyKey) this.#answered.set(call.idempotencyKey, created);
    return json(201, created);
  }

  /** How many ids (and session tokens) the fake has made. */
  protected get idCount(): number {
    return this.#ids;
  }

  /** A new id: `prefix_` and a running number, padded to 26 digits. */
  protected id(prefix: string): string {
    this.#ids++;
    return `${prefix}_${String(this.#ids).padStart(26, '0')}`;
  }
}
