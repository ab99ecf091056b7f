import { HttpClient, type SessionMode } from './http.js';
import { AccountResource } from './resources/account.js';
import { AuthResource } from './resources/auth.js';
import { ContactsResource } from './resources/contacts.js';
import { PortalResource } from './resources/portal.js';
import { SecurityResource } from './resources/security.js';
import { TokensResource } from './resources/tokens.js';

export interface PortalClientOptions {
  /** The Portico server's origin, e.g. `https://portal.example.com`. */
  baseUrl: string;
  /**
   * `cookie` (default): the session lives in an httpOnly cookie; use when the API is same-site with the page.
   * `token`: the session token is kept in memory and sent as `Authorization: Bearer`; use cross-site and in Node.
   * Defaults to `token` when `token` is given, else `cookie`.
   */
  mode?: SessionMode;
  /** A session token or an API token (`pt_…`) to start with (token mode). */
  token?: string;
  /** A `fetch` to use instead of the global one (tests, Node polyfills, instrumentation). */
  fetch?: typeof fetch;
  /** Milliseconds before a request is abandoned. Default 15000. */
  timeout?: number;
  /** Retries for idempotent requests on 408/502/503/504 and network errors. Default 2. */
  retries?: number;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
}

/** The typed Portico client returned by {@link createPortalClient}. */
export interface PortalClient {
  readonly baseUrl: string;
  readonly mode: SessionMode;
  /** Sign-up, sign-in (password, emailed code, magic link, invitation), password reset, sign-out. */
  readonly auth: AuthResource;
  /** The portal's public configuration (branding, sections, footer). */
  readonly portal: PortalResource;
  /** Profile, email and password changes, signed-in devices, the account's security timeline. */
  readonly account: AccountResource;
  /** Two-factor authentication, backup codes and passkeys. */
  readonly security: SecurityResource;
  /** API tokens for scripts and integrations. */
  readonly tokens: TokensResource;
  /** The account's contacts and their permissions. */
  readonly contacts: ContactsResource;
  /** The bearer token in token mode, once signed in. */
  readonly token: string | undefined;
}

/**
 * Creates a Portico client.
 *
 * @example
 * ```ts
 * import { createPortalClient } from '@portico/sdk';
 * const portal = createPortalClient({ baseUrl: 'https://portal.example.com', mode: 'token' });
 * const session = await portal.auth.login({ email: 'ada@example.com', password: 'analytical engine' });
 * console.log(session.user.name);
 * ```
 */
export function createPortalClient(options: PortalClientOptions): PortalClient {
  const mode = options.mode ?? (options.token ? 'token' : 'cookie');
  const http = new HttpClient({ ...options, mode });
  const auth = new AuthResource(http);
  return {
    baseUrl: options.baseUrl,
    mode,
    auth,
    portal: new PortalResource(http),
    account: new AccountResource(http, auth),
    security: new SecurityResource(http),
    tokens: new TokensResource(http),
    contacts: new ContactsResource(http),
    get token() {
      return http.token;
    },
  };
}
