import {
  type AccountSummary,
  createPortalClient,
  type Passkey,
  PERMISSIONS,
  type PortalClient,
  type PortalConfig,
  type Session,
  type SessionInfo,
} from '@portico/sdk';
import { RouteOverrides } from './route-overrides.js';

/** A person the fake server knows. */
export interface FakeUser {
  id: string;
  name: string;
  email: string;
  password: string;
  verified: boolean;
  /** Staff disabled this login: links answer ACCOUNT_DISABLED. */
  disabled?: boolean;
  /** Two-step verification is on: every sign-in but a passkey answers `mfa_required`. */
  totp?: boolean;
  /** When two-step verification was turned on. */
  totpEnabledAt?: string;
  /** A set-up was started and not confirmed yet. */
  totpPending?: boolean;
  /** Unused backup codes (16 letters and digits, lower case). */
  backupCodes?: string[];
  /** The accounts this login may use; the first is active at sign-in. Default: one owned account. */
  accounts?: AccountSummary[];
}

/** A passkey the fake server registered; `credentialId` is the authenticator's id for it. */
export interface FakePasskey extends Passkey {
  email: string;
  credentialId: string;
}

/** Where a session was signed in, for `GET /api/v1/me/sessions`. */
export type FakeSessionInfo = Omit<SessionInfo, 'current' | 'accountName'>;

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

/** A client in token mode for the fake server's address, sending its requests to `fetch`. */
export const fakeClient = (fetch: typeof globalThis.fetch, token?: string): PortalClient =>
  createPortalClient({ baseUrl: API, mode: 'token', fetch, retries: 0, ...(token ? { token } : {}) });
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
  readonly #overrides = new RouteOverrides<FakeCall>();
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
    this.#overrides.set(route, handler, times);
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
    return fakeClient(this.fetch, token);
  }

  /** The authenticator app's code for every login with two-step verification. */
  totpCode = '246810';
  /** Lifetime of a two-step verification ticket. */
  mfaTicketSeconds = 300;
  readonly mfaTickets = new Map<
    string,
    { email: string; extra: Record<string, unknown>; expiresAt: number; attempts: number }
  >();
  readonly passkeys: FakePasskey[] = [];
  readonly webauthnChallenges = new Map<string, { challenge: string; email?: string }>();
  /** Device, place and times of each session token. */
  readonly sessionInfo = new Map<string, FakeSessionInfo>();
  /** The account each session token has active, when switched. */
  readonly activeAccounts = new Map<string, string>();

  /** Turns two-step verification on for `email`, with fresh backup codes; returns them. */
  enableTotp(email: string): string[] {
    const user = this.users.get(email)!;
    user.totp = true;
    user.totpEnabledAt = new Date(Date.now() - 30 * 86_400_000).toISOString();
    user.backupCodes = this.#backupCodes();
    return [...user.backupCodes];
  }

  /** Signs `email` in elsewhere (another device) and returns that session's token. */
  addSession(email: string, info: Partial<FakeSessionInfo> = {}): string {
    const token = this.#id('tok');
    this.sessions.set(token, email);
    this.sessionInfo.set(token, { ...this.#info(token), ...info });
    return token;
  }

  /** Lists a passkey for `email` that no authenticator holds (for lists; it cannot sign in). */
  addPasskey(email: string, passkey: Partial<Passkey> = {}): FakePasskey {
    const added: FakePasskey = {
      id: this.#id('pkey'),
      name: 'Passkey',
      backedUp: false,
      createdAt: new Date().toISOString(),
      lastUsedAt: null,
      ...passkey,
      email,
      credentialId: this.#id('cred'),
    };
    this.passkeys.push(added);
    return added;
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
    return this.#overrides.answer(call) ?? this.#securityRoute(call) ?? this.#route(call);
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
        return json(200, signedIn ? this.#session(signedIn, token) : null);
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
    if (user.totp) {
      const ticket = this.#token('mfa');
      const expiresAt = Date.now() + this.mfaTicketSeconds * 1000;
      this.mfaTickets.set(ticket, { email: user.email, extra, expiresAt, attempts: 0 });
      const methods = user.backupCodes?.length ? ['totp', 'backup_code'] : ['totp'];
      return json(200, {
        status: 'mfa_required',
        ticket,
        methods,
        expiresInSeconds: this.mfaTicketSeconds,
        ...extra,
      });
    }
    return this.#startSession(user, extra);
  }

  #startSession(user: FakeUser, extra: Record<string, unknown> = {}) {
    const token = this.#id('tok');
    this.sessions.set(token, user.email);
    return json(200, { ...this.#session(user, token), token, ...extra });
  }

  #session(user: FakeUser, token = ''): Session {
    const now = new Date().toISOString();
    const accounts = user.accounts ?? [
      { id: 'acct_01', name: 'Analytical Engines Ltd', role: 'owner' as const },
    ];
    const active = this.activeAccounts.get(token);
    const account = accounts.find((a) => a.id === active) ?? accounts[0]!;
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
      accounts,
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

  /**
   * Two-step verification, passkeys, switching account and the security routes, answered like the contract says
   * (`packages/sdk/src/contract/{auth,account}.ts`); undefined for every other route.
   */
  #securityRoute(call: FakeCall): Response | undefined {
    const body = (call.body ?? {}) as Record<string, unknown>;
    const path = call.path.replace(
      /^(\/api\/v1\/me\/(?:passkeys|sessions))\/(?!options$|end-others$)[^/]+$/,
      '$1/:id',
    );
    const id = call.path.slice(call.path.lastIndexOf('/') + 1);
    const route = `${call.method} ${path}`;
    switch (route) {
      case 'POST /api/v1/auth/mfa': {
        const ticket = this.mfaTickets.get(String(body.ticket));
        const ticketInvalid = () =>
          problem(400, 'TICKET_INVALID', 'This sign-in has expired or was already used. Sign in again.');
        if (!ticket || ticket.expiresAt <= Date.now()) return ticketInvalid();
        const user = this.users.get(ticket.email)!;
        const code = String(body.code);
        if (code === this.totpCode || user.backupCodes?.includes(code)) {
          user.backupCodes = user.backupCodes?.filter((c) => c !== code);
          this.mfaTickets.delete(String(body.ticket));
          return this.#startSession(user);
        }
        if (++ticket.attempts >= 5) {
          this.mfaTickets.delete(String(body.ticket));
          return problem(
            429,
            'TOO_MANY_ATTEMPTS',
            'Too many wrong codes. Sign in again to get a new chance.',
          );
        }
        return this.#wrongCode(5 - ticket.attempts);
      }
      case 'POST /api/v1/auth/passkey/options':
        return json(
          200,
          this.#challenge(undefined, (challenge) => ({
            challenge,
            rpId: location.hostname,
            timeout: 300_000,
            userVerification: 'required',
            allowCredentials: [],
          })),
        );
      case 'POST /api/v1/auth/passkey': {
        const credential = body.credential as { id: string; response: { clientDataJSON: string } };
        const passkey = this.passkeys.find((p) => p.credentialId === credential.id);
        if (!this.#verify(String(body.challengeId), credential, 'webauthn.get') || !passkey) {
          return this.#passkeyFailed();
        }
        passkey.lastUsedAt = new Date().toISOString();
        return this.#startSession(this.users.get(passkey.email)!);
      }
      default:
    }
    if (!call.path.startsWith('/api/v1/me/') && route !== 'POST /api/v1/auth/switch-account')
      return undefined;
    const token = call.authorization?.replace(/^Bearer /, '') ?? '';
    const user = this.users.get(this.sessions.get(token) ?? '');
    if (!user) return problem(401, 'UNAUTHENTICATED', 'Sign in to continue.');
    const code = String(body.code ?? '');
    const mine = () => this.passkeys.filter((p) => p.email === user.email);
    const found = () => mine().find((p) => p.id === id);
    const notFound = (what: string) => problem(404, 'NOT_FOUND', `There is no such ${what}.`);
    const publicPasskey = ({ email: _e, credentialId: _c, ...passkey }: FakePasskey): Passkey => passkey;
    switch (route) {
      case 'POST /api/v1/auth/switch-account': {
        const accounts = user.accounts ?? [];
        if (!accounts.some((a) => a.id === body.accountId)) {
          return problem(404, 'ACCOUNT_NOT_FOUND', 'You have no account with that id.');
        }
        this.activeAccounts.set(token, String(body.accountId));
        return json(200, this.#session(user, token));
      }
      case 'GET /api/v1/me/security':
        return json(200, {
          hasPassword: user.password !== '',
          totp: { enabled: !!user.totp, enabledAt: user.totp ? (user.totpEnabledAt ?? null) : null },
          backupCodes: {
            remaining: user.totp ? (user.backupCodes?.length ?? 0) : 0,
            generatedAt: user.totp ? (user.totpEnabledAt ?? null) : null,
          },
          passkeys: mine().length,
        });
      case 'POST /api/v1/me/totp/setup': {
        if (user.totp)
          return problem(
            409,
            'TOTP_ALREADY_ENABLED',
            'Two-factor authentication is already on. Turn it off first.',
          );
        user.totpPending = true;
        const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
        const issuer = encodeURIComponent(this.config.businessName);
        return json(200, {
          secret,
          uri: `otpauth://totp/${issuer}:${encodeURIComponent(user.email)}?secret=${secret}&issuer=${issuer}`,
          // A script inside must stay inert: the QR code is shown as an image, never as markup.
          qrSvg:
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 21 21"><path d="M0 0h7v7H0zM14 0h7v7h-7zM0 14h7v7H0z"/>' +
            '<script>window.qrScriptRan = true</script></svg>',
        });
      }
      case 'POST /api/v1/me/totp/enable':
        if (user.totp)
          return problem(
            409,
            'TOTP_ALREADY_ENABLED',
            'Two-factor authentication is already on. Turn it off first.',
          );
        if (!user.totpPending) {
          return problem(
            400,
            'TOTP_SETUP_EXPIRED',
            'This two-factor setup has expired (15 minutes). Start again and scan the new QR code.',
          );
        }
        if (code !== this.totpCode) return this.#wrongCode();
        user.totpPending = false;
        user.totp = true;
        user.totpEnabledAt = new Date().toISOString();
        user.backupCodes = this.#backupCodes();
        return json(200, { codes: [...user.backupCodes], generatedAt: user.totpEnabledAt });
      case 'POST /api/v1/me/totp/disable':
        if (!user.totp) return problem(409, 'TOTP_NOT_ENABLED', 'Two-factor authentication is not on.');
        if (code !== this.totpCode && !user.backupCodes?.includes(code)) return this.#wrongCode();
        user.totp = false;
        user.backupCodes = [];
        return new Response(null, { status: 204 });
      case 'POST /api/v1/me/backup-codes':
        if (!user.totp) return problem(409, 'TOTP_NOT_ENABLED', 'Two-factor authentication is not on.');
        if (code !== this.totpCode) return this.#wrongCode();
        user.backupCodes = this.#backupCodes();
        return json(200, { codes: [...user.backupCodes], generatedAt: new Date().toISOString() });
      case 'GET /api/v1/me/passkeys':
        return json(200, { items: mine().map(publicPasskey) });
      case 'POST /api/v1/me/passkeys/options':
        return json(
          200,
          this.#challenge(user.email, (challenge) => ({
            challenge,
            rp: { id: location.hostname, name: this.config.businessName },
            user: {
              id: base64url(new TextEncoder().encode(user.id)),
              name: user.email,
              displayName: user.name,
            },
            pubKeyCredParams: [
              { type: 'public-key', alg: -7 },
              { type: 'public-key', alg: -257 },
            ],
            timeout: 300_000,
            attestation: 'none',
            authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
            excludeCredentials: mine().map((p) => ({ id: p.credentialId, type: 'public-key' })),
          })),
        );
      case 'POST /api/v1/me/passkeys': {
        const credential = body.credential as { id: string; response: { clientDataJSON: string } };
        if (!this.#verify(String(body.challengeId), credential, 'webauthn.create', user.email)) {
          return this.#passkeyFailed();
        }
        const passkey = this.addPasskey(user.email, { name: String(body.name ?? 'Passkey') });
        passkey.credentialId = credential.id;
        return json(201, publicPasskey(passkey));
      }
      case 'PATCH /api/v1/me/passkeys/:id': {
        const passkey = found();
        if (!passkey) return notFound('passkey');
        passkey.name = String(body.name);
        return json(200, publicPasskey(passkey));
      }
      case 'DELETE /api/v1/me/passkeys/:id': {
        const passkey = found();
        if (!passkey) return notFound('passkey');
        this.passkeys.splice(this.passkeys.indexOf(passkey), 1);
        return new Response(null, { status: 204 });
      }
      case 'POST /api/v1/me/password': {
        if (user.password === '') {
          const message = 'Your login has no password yet. Set one with "Forgot password" first.';
          return problem(400, 'NO_PASSWORD', message, [{ path: 'currentPassword', message }]);
        }
        if (body.currentPassword !== user.password) {
          const message = 'That is not your current password.';
          return problem(400, 'WRONG_PASSWORD', message, [{ path: 'currentPassword', message }]);
        }
        if (COMMON_PASSWORDS.has(String(body.newPassword))) {
          const message = 'This password is too common. Choose another.';
          return problem(400, 'PASSWORD_TOO_COMMON', message, [{ path: 'newPassword', message }]);
        }
        user.password = String(body.newPassword);
        const ended = body.endOtherSessions ? this.#endOthers(user.email, token) : 0;
        return json(200, { endedSessions: ended });
      }
      case 'GET /api/v1/me/sessions': {
        const accountName = this.#session(user, token).account.name;
        const items = [...this.sessions]
          .filter(([, email]) => email === user.email)
          .map(([t]) => ({ ...this.#info(t), current: t === token, accountName }));
        return json(200, { items });
      }
      case 'DELETE /api/v1/me/sessions/:id': {
        const ended = [...this.sessions].find(
          ([t, email]) => email === user.email && this.#info(t).id === id,
        );
        if (!ended) return notFound('session');
        this.sessions.delete(ended[0]);
        return new Response(null, { status: 204 });
      }
      case 'POST /api/v1/me/sessions/end-others':
        return json(200, { ended: this.#endOthers(user.email, token) });
      default:
        return undefined;
    }
  }

  /** The server's wrong-code answer; on a sign-in ticket its detail says how many tries are `left`. */
  #wrongCode(left?: number) {
    const message = 'That code is not right.';
    const detail = left === undefined ? message : `${message} ${left} ${left === 1 ? 'try' : 'tries'} left.`;
    return problem(400, 'INVALID_CODE', detail, [{ path: 'code', message }]);
  }

  #passkeyFailed() {
    return problem(400, 'PASSKEY_FAILED', 'That passkey could not be verified. Try again.');
  }

  /** Ten backup codes of 16 letters and digits (base32, lower case), different each time. */
  #backupCodes() {
    const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
    const seed = ++this.#ids;
    return Array.from({ length: 10 }, (_, i) =>
      Array.from({ length: 16 }, (_, j) => alphabet[(seed * 7 + i * 13 + j * 5 + i * j) % 32]).join(''),
    );
  }

  /** A new WebAuthn challenge and the options carrying it. */
  #challenge(email: string | undefined, options: (challenge: string) => Record<string, unknown>) {
    const challengeId = this.#id('wch');
    const challenge = base64url(crypto.getRandomValues(new Uint8Array(32)));
    this.webauthnChallenges.set(challengeId, { challenge, ...(email ? { email } : {}) });
    return { challengeId, options: options(challenge) };
  }

  /** Spends the challenge and checks that the browser signed it, for this page, in the right ceremony. */
  #verify(
    challengeId: string,
    credential: { response: { clientDataJSON: string } },
    type: string,
    email?: string,
  ): boolean {
    const issued = this.webauthnChallenges.get(challengeId);
    this.webauthnChallenges.delete(challengeId);
    if (!issued || issued.email !== email) return false;
    const text = atob(credential.response.clientDataJSON.replace(/-/g, '+').replace(/_/g, '/'));
    const client = JSON.parse(text) as { type: string; challenge: string; origin: string };
    return client.type === type && client.challenge === issued.challenge && client.origin === location.origin;
  }

  /** Where the session with `token` was signed in (made up, once, for tokens signed in without it). */
  #info(token: string): FakeSessionInfo {
    let info = this.sessionInfo.get(token);
    if (!info) {
      const now = new Date().toISOString();
      info = {
        id: this.#id('ses'),
        device: 'Chrome on Linux',
        ip: '203.0.113.7',
        place: 'Spain',
        createdAt: now,
        lastSeenAt: now,
      };
      this.sessionInfo.set(token, info);
    }
    return info;
  }

  #endOthers(email: string, keep: string): number {
    const others = [...this.sessions].filter(([t, e]) => e === email && t !== keep);
    for (const [t] of others) this.sessions.delete(t);
    return others.length;
  }
}

/** Bytes as base64url without padding, as WebAuthn JSON carries them. */
function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
