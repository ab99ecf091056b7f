import {
  createPortalClient,
  PERMISSIONS,
  type PortalClient,
  type PortalConfig,
  type Session,
} from '@portico/sdk';

/** A person the fake server knows. */
export interface FakeUser {
  id: string;
  name: string;
  email: string;
  password: string;
  verified: boolean;
  /** Staff disabled this login: links answer ACCOUNT_DISABLED. */
  disabled?: boolean;
}

/** A magic link the fake server issued. */
export interface FakeMagicLink {
  email: string;
  next: string | null;
  used: boolean;
}

/** An invitation the fake server issued. */
export interface FakeInvitation {
  email: string;
  name: string;
  accountName: string;
  used: boolean;
}

/** A request the fake server received. */
export interface FakeCall {
  method: string;
  path: string;
  body: Record<string, string> | undefined;
  authorization: string | null;
}

type Handler = (call: FakeCall) => Response | Promise<Response>;

const API = 'http://portal.test';
const COMMON_PASSWORDS = new Set(['password123', '12345678']);

/** A JSON response. */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/** An RFC 9457 problem response shaped like the real server's. */
export const problem = (
  status: number,
  code: string,
  detail: string,
  errors?: { path: string; message: string }[],
  headers: Record<string, string> = {},
) =>
  new Response(
    JSON.stringify({
      type: `https://portico.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`,
      title: detail,
      status,
      detail,
      code,
      requestId: 'req_test',
      ...(errors ? { errors } : {}),
    }),
    { status, headers: { 'content-type': 'application/problem+json', ...headers } },
  );

const validation = (errors: { path: string; message: string }[]) =>
  problem(422, 'VALIDATION_FAILED', 'The request is not valid.', errors);

// The real server's answers for links (packages/server/src/modules/clients/links.ts).
const linkInvalid = () => problem(400, 'LINK_INVALID', 'This link is not valid any more. Ask for a new one.');
const accountDisabled = () =>
  problem(403, 'ACCOUNT_DISABLED', 'This login is disabled. Contact us for help.');

/** `ada@example.com` → `a•••@example.com`, as the server masks it. */
const maskEmail = (email: string) => `${email.slice(0, 1)}•••${email.slice(email.lastIndexOf('@'))}`;

/** The configuration the fake server starts with: the server's defaults with a business name. */
export const defaultConfig = (): PortalConfig => ({
  businessName: 'Northwind Hosting',
  logoUrl: null,
  brandColor: '#1d4ed8',
  sections: {
    knowledgeBase: true,
    faq: true,
    status: true,
    announcements: true,
    store: true,
    domainSearch: true,
  },
  footerLinks: [],
  footerHtml: '',
  termsUrl: null,
  portalUrl: 'http://portal.test',
  locales: ['en', 'es'],
});

/**
 * A scripted stand-in for the Portico server's auth routes, the public portal configuration, magic links and
 * invitations, answering through an injected `fetch`. Codes are always `portal.code` (default `123456`).
 * `portal.answer(route, handler, times)` overrides the next request(s) to a route.
 */
export class FakePortal {
  readonly users = new Map<string, FakeUser>();
  readonly sessions = new Map<string, string>();
  readonly calls: FakeCall[] = [];
  readonly magicLinks = new Map<string, FakeMagicLink>();
  readonly invitations = new Map<string, FakeInvitation>();
  code = '123456';
  /** What `GET /api/v1/portal/config` answers; change it before rendering. */
  config: PortalConfig = defaultConfig();
  readonly #overrides = new Map<string, { handler: Handler; times: number }>();
  #ids = 0;

  constructor() {
    this.addUser({ name: 'Ada Lovelace', email: 'ada@example.com', password: 'analytical engine' });
  }

  addUser(user: {
    name: string;
    email: string;
    password: string;
    verified?: boolean;
    disabled?: boolean;
  }): FakeUser {
    const added = { id: this.#id('usr'), verified: true, ...user };
    this.users.set(user.email, added);
    return added;
  }

  /** Issues a magic link for `email` and returns its token; `next` is the absolute URL redeeming it answers with. */
  addMagicLink(email: string, next: string | null = null): string {
    const token = this.#token('pml');
    this.magicLinks.set(token, { email, next, used: false });
    return token;
  }

  /** Invites `email` to an account and returns the invitation's token. */
  addInvitation(invite: { email: string; name: string; accountName?: string }): string {
    const token = this.#token('pin');
    this.invitations.set(token, { accountName: 'Analytical Engines Ltd', ...invite, used: false });
    return token;
  }

  /** Answers the next `times` requests to `route` (e.g. `POST /api/v1/auth/login`) with `handler`. */
  answer(route: string, handler: Handler, times = 1): void {
    this.#overrides.set(route, { handler, times });
  }

  /** Ends every session on the server's side, as when they expire or are revoked. */
  endSessions(): void {
    this.sessions.clear();
  }

  /** Requests made to `path` so far. */
  callsTo(path: string): FakeCall[] {
    return this.calls.filter((call) => call.path === path);
  }

  /** A client in token mode talking to this fake, optionally already signed in as `email`. */
  client(email?: string): PortalClient {
    let token: string | undefined;
    if (email) {
      token = this.#id('tok');
      this.sessions.set(token, email);
    }
    return createPortalClient({
      baseUrl: API,
      mode: 'token',
      fetch: this.fetch,
      retries: 0,
      ...(token ? { token } : {}),
    });
  }

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const text = request.method === 'GET' ? '' : await request.text();
    const call: FakeCall = {
      method: request.method,
      path: url.pathname,
      body: text ? JSON.parse(text) : undefined,
      authorization: request.headers.get('authorization'),
    };
    this.calls.push(call);
    const key = `${call.method} ${call.path}`;
    const override = this.#overrides.get(key);
    if (override) {
      if (--override.times === 0) this.#overrides.delete(key);
      return override.handler(call);
    }
    return this.#route(call);
  };

  #route(call: FakeCall): Response {
    const body = call.body ?? {};
    const email = (body.email ?? '').trim().toLowerCase();
    const user = this.users.get(email);
    const codeSent = () => json(202, { status: 'code_sent', email, expiresInSeconds: 600 });
    switch (`${call.method} ${call.path}`) {
      case 'GET /api/v1/auth/session': {
        const token = call.authorization?.replace(/^Bearer /, '') ?? '';
        const signedIn = this.users.get(this.sessions.get(token) ?? '');
        // Like the real server: 200 either way (`null` when signed out), so signed-out pages log no error.
        return json(200, signedIn ? this.#session(signedIn) : null);
      }
      case 'POST /api/v1/auth/login':
        if (!email.includes('@'))
          return validation([{ path: 'email', message: 'Enter a valid email address' }]);
        if (!user || user.password !== body.password) {
          return problem(401, 'INVALID_CREDENTIALS', 'Email or password is incorrect.');
        }
        return this.#signIn(user);
      case 'POST /api/v1/auth/login-code/request':
      case 'POST /api/v1/auth/password-reset/request':
      case 'POST /api/v1/auth/verify-email/resend':
        return codeSent();
      case 'POST /api/v1/auth/login-code':
      case 'POST /api/v1/auth/verify-email':
        if (!user || body.code !== this.code) return problem(400, 'INVALID_CODE', 'That code is not valid.');
        user.verified = true;
        return this.#signIn(user);
      case 'POST /api/v1/auth/password-reset':
        if (!user || body.code !== this.code) return problem(400, 'INVALID_CODE', 'That code is not valid.');
        if (COMMON_PASSWORDS.has(body.password ?? '')) return this.#tooCommon();
        user.password = body.password ?? '';
        return this.#signIn(user);
      case 'POST /api/v1/auth/register':
        if (COMMON_PASSWORDS.has(body.password ?? '')) return this.#tooCommon();
        if (!user)
          this.addUser({ name: body.name ?? '', email, password: body.password ?? '', verified: false });
        return codeSent();
      case 'GET /api/v1/portal/config':
        return json(200, this.config);
      case 'POST /api/v1/auth/magic-link/preview': {
        const link = this.magicLinks.get(body.token ?? '');
        if (!link || link.used) return linkInvalid();
        return json(200, {
          email: maskEmail(link.email),
          businessName: this.config.businessName,
          expiresAt: this.#inMinutes(10),
        });
      }
      case 'POST /api/v1/auth/magic-link': {
        const link = this.magicLinks.get(body.token ?? '');
        const linked = link && !link.used ? this.users.get(link.email) : undefined;
        if (!link || !linked) return linkInvalid();
        if (linked.disabled) return accountDisabled();
        link.used = true;
        return this.#signIn(linked, { next: link.next });
      }
      case 'POST /api/v1/invitations/preview': {
        const invite = this.invitations.get(body.token ?? '');
        if (!invite || invite.used) return linkInvalid();
        const { email, name, accountName } = invite;
        const expiresAt = this.#inMinutes(7 * 24 * 60);
        return json(200, { email, name, accountName, businessName: this.config.businessName, expiresAt });
      }
      case 'POST /api/v1/invitations/accept': {
        const invite = this.invitations.get(body.token ?? '');
        if (!invite || invite.used) return linkInvalid();
        if (COMMON_PASSWORDS.has(body.password ?? '')) return this.#tooCommon();
        const invitee =
          this.users.get(invite.email) ??
          this.addUser({ name: body.name ?? invite.name, email: invite.email, password: '' });
        if (invitee.disabled) return accountDisabled();
        invitee.password = body.password ?? '';
        invitee.name = body.name ?? invitee.name;
        invite.used = true;
        return this.#signIn(invitee);
      }
      case 'POST /api/v1/auth/logout':
        this.sessions.delete(call.authorization?.replace(/^Bearer /, '') ?? '');
        return new Response(null, { status: 204 });
      default:
        return problem(404, 'NOT_FOUND', 'No such route.');
    }
  }

  #tooCommon() {
    return problem(422, 'PASSWORD_TOO_COMMON', 'Choose a less common password.', [
      { path: 'password', message: 'This password is too common. Choose another.' },
    ]);
  }

  #signIn(user: FakeUser, extra: Record<string, unknown> = {}) {
    const token = this.#id('tok');
    this.sessions.set(token, user.email);
    return json(200, { ...this.#session(user), token, ...extra });
  }

  #session(user: FakeUser): Session {
    const now = new Date().toISOString();
    const account = { id: 'acct_01', name: 'Analytical Engines Ltd', role: 'owner' as const };
    return {
      user: {
        id: user.id,
        email: user.email,
        name: user.name,
        emailVerifiedAt: user.verified ? now : null,
        locale: 'en',
        createdAt: now,
      },
      account,
      accounts: [account],
      permissions: [...PERMISSIONS],
      profileMissing: [],
      expiresAt: now,
      idleExpiresAt: now,
    };
  }

  /** A link token shaped like the server's (`pml_` or `pin_` and 43 characters). */
  #token(prefix: string) {
    this.#ids++;
    return `${prefix}_${String(this.#ids).padStart(43, '0')}`;
  }

  #inMinutes(minutes: number) {
    return new Date(Date.now() + minutes * 60_000).toISOString();
  }

  #id(prefix: string) {
    this.#ids++;
    return `${prefix}_${String(this.#ids).padStart(26, '0')}`;
  }
}
