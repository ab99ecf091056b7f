import { HttpClient, type SessionMode } from './http.js';
import { AccountResource } from './resources/account.js';
import { AuthResource } from './resources/auth.js';
import { ContactsResource } from './resources/contacts.js';
import {
  AnnouncementsResource,
  FaqResource,
  HomeResource,
  KnowledgeBaseResource,
  StatusResource,
} from './resources/content.js';
import { DomainsResource } from './resources/domains.js';
import { InvoicesResource } from './resources/invoices.js';
import { OrdersResource } from './resources/orders.js';
import { PaymentsResource } from './resources/payments.js';
import { ServicesResource } from './resources/services.js';
import { StoreResource } from './resources/store.js';
import { PortalResource } from './resources/portal.js';
import { SecurityResource } from './resources/security.js';
import { SupportResource } from './resources/support.js';
import { AppsResource } from './resources/apps.js';
import { AffiliateResource } from './resources/affiliate.js';
import { CoursesResource } from './resources/courses.js';
import { CommunitiesResource } from './resources/communities.js';
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

/** The sign-in part of the client, returned by {@link createSignInClient}. */
export interface SignInClient {
  readonly baseUrl: string;
  readonly mode: SessionMode;
  /** Sign-up, sign-in (password, emailed code, magic link, invitation, passkey), password reset, sign-out. */
  readonly auth: AuthResource;
  /** The portal's public configuration (branding, sections, footer). */
  readonly portal: PortalResource;
  /** The bearer token in token mode, once signed in. */
  readonly token: string | undefined;
}

/** The typed Portico client returned by {@link createPortalClient}. */
export interface PortalClient extends SignInClient {
  /** Profile, email and password changes, signed-in devices, the account's security timeline. */
  readonly account: AccountResource;
  /** Two-factor authentication, backup codes and passkeys. */
  readonly security: SecurityResource;
  /** API tokens for scripts and integrations. */
  readonly tokens: TokensResource;
  /** The account's contacts and their permissions. */
  readonly contacts: ContactsResource;
  /** Product groups, products, prices and server-side quotes. */
  readonly store: StoreResource;
  /** Placing and reading orders. */
  readonly orders: OrdersResource;
  /** Invoices: list, detail, PDF, pay, apply credit. */
  readonly invoices: InvoicesResource;
  /** Payments, gateways and the credit balance. */
  readonly payments: PaymentsResource;
  /** Services, cancellation requests and the dashboard. */
  readonly services: ServicesResource;
  /** Domain search and pricing (public), and the account's domains. */
  readonly domains: DomainsResource;
  /** Support tickets, their messages and attachments. */
  readonly support: SupportResource;
  /** The knowledge base (public). */
  readonly kb: KnowledgeBaseResource;
  /** The FAQ (public). */
  readonly faq: FaqResource;
  /** Announcements (public). */
  readonly announcements: AnnouncementsResource;
  /** The status page (public). */
  readonly status: StatusResource;
  /** The portal home (public). */
  readonly home: HomeResource;
  /** The apps this person may use (the app switcher's list). */
  readonly apps: AppsResource;
  /** The affiliate programme; `track` records a visit through a referral link. */
  readonly affiliate: AffiliateResource;
  /** Membership courses: outlines, lessons, progress. */
  readonly courses: CoursesResource;
  /** Community groups, posts, comments and likes. */
  readonly communities: CommunitiesResource;
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
  const { client, http } = signInParts(options);
  const { auth } = client;
  return Object.defineProperties(
    {
      account: new AccountResource(http, auth),
      security: new SecurityResource(http),
      tokens: new TokensResource(http),
      contacts: new ContactsResource(http),
      store: new StoreResource(http),
      orders: new OrdersResource(http),
      invoices: new InvoicesResource(http),
      payments: new PaymentsResource(http),
      services: new ServicesResource(http),
      domains: new DomainsResource(http),
      support: new SupportResource(http),
      kb: new KnowledgeBaseResource(http),
      faq: new FaqResource(http),
      announcements: new AnnouncementsResource(http),
      status: new StatusResource(http),
      home: new HomeResource(http),
      apps: new AppsResource(http),
      affiliate: new AffiliateResource(http),
      courses: new CoursesResource(http),
      communities: new CommunitiesResource(http),
    },
    Object.getOwnPropertyDescriptors(client),
  ) as PortalClient;
}

/**
 * Creates the sign-in part of the client only: `auth` and `portal`. A page that only signs people in (the
 * elements' login bundle) ships this, leaving out the schemas of every other area.
 *
 * @example
 * ```ts
 * import { createSignInClient } from '@portico/sdk';
 * const portal = createSignInClient({ baseUrl: 'https://portal.example.com' });
 * await portal.auth.login({ email, password });
 * ```
 */
export function createSignInClient(options: PortalClientOptions): SignInClient {
  return signInParts(options).client;
}

function signInParts(options: PortalClientOptions): { client: SignInClient; http: HttpClient } {
  const mode = options.mode ?? (options.token ? 'token' : 'cookie');
  const http = new HttpClient({ ...options, mode });
  const client: SignInClient = {
    baseUrl: options.baseUrl,
    mode,
    auth: new AuthResource(http),
    portal: new PortalResource(http),
    get token() {
      return http.token;
    },
  };
  return { client, http };
}
