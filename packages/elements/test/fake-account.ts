import {
  type AccountSummary,
  type ActivityEvent,
  type Address,
  type ApiToken,
  type Contact,
  type ContactRole,
  grants,
  type MembershipRole,
  PERMISSIONS,
  type Permission,
  type PortalClient,
  type Profile,
  type ProfileField,
  type Session,
} from '@portico/sdk';
import { CONTACT_ROLE_PERMISSIONS } from '@portico/sdk/contract';
import { html } from '@open-wc/testing';
import { type LitElement, nothing, type TemplateResult } from 'lit';
import { FakePortal, fakeClient, json, problem } from './fake-portal.js';
import { providerChild } from './helpers.js';
import { RouteOverrides } from './route-overrides.js';
import '../src/index.js';

/** A request to one of the account routes. */
export interface FakeAccountCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: Record<string, any> | undefined;
}

type Handler = (call: FakeAccountCall) => Response | Promise<Response>;

/** The fake server's validation answer (the real one is 400 VALIDATION_FAILED with `errors[]`). */
const validation = (errors: { path: string; message: string }[]) =>
  problem(400, 'VALIDATION_FAILED', 'The request body has invalid fields', errors);

const filled = (v: string | null | undefined) => typeof v === 'string' && v.trim() !== '';

/** The account's details the profile shows, as the fake keeps them. */
export interface FakeAccountDetails {
  name: string;
  company: string | null;
  phone: string | null;
  address: Address;
  currency: string;
}

/**
 * A stand-in for the Portico server's account routes (profile, me, email change, activity, API tokens,
 * contacts, switching account) in front of a {@link FakePortal}: it answers those itself and passes everything
 * else to the portal, adjusting the sessions the portal hands out to the active account, role, permissions,
 * missing profile fields and preferred language kept here. Shapes and codes follow the contract and the server
 * (`packages/server/src/modules/{tokens,contacts}`, `http/validate.ts`).
 */
export class FakeAccount {
  readonly portal: FakePortal;
  readonly calls: FakeAccountCall[] = [];
  /** The signed-in person's memberships; `active` picks one. */
  accounts: AccountSummary[] = [{ id: 'acct_01', name: 'Analytical Engines Ltd', role: 'owner' }];
  active = 'acct_01';
  /** A contact's permissions (an owner holds every permission). */
  contactPermissions: Permission[] = [];
  locale = 'en';
  hasPassword = true;
  details: Record<string, FakeAccountDetails> = {
    acct_01: {
      name: 'Analytical Engines Ltd',
      company: 'Analytical Engines Ltd',
      phone: '+44 20 7946 0000',
      address: {
        line1: '12 St James’s Square',
        line2: '',
        city: 'London',
        state: '',
        postcode: 'SW1Y 4JH',
        country: 'GB',
      },
      currency: 'GBP',
    },
  };
  currencies = ['GBP', 'EUR', 'USD'];
  requiredFields: ProfileField[] = [];
  /** The pending email change: the new address, once a code was sent. */
  pendingEmail: string | undefined;
  tokens: ApiToken[] = [];
  contacts: Contact[] = [];
  activity: ActivityEvent[] = [];
  readonly #overrides = new RouteOverrides<FakeAccountCall>();
  #ids = 0;

  constructor(portal: FakePortal = new FakePortal()) {
    this.portal = portal;
  }

  /** The active membership. */
  get membership(): AccountSummary {
    return this.accounts.find((a) => a.id === this.active) ?? this.accounts[0]!;
  }

  get permissions(): Permission[] {
    return this.membership.role === 'owner' ? [...PERMISSIONS] : this.contactPermissions;
  }

  /** Makes the signed-in person a contact of the active account with `role` and `permissions`. */
  asContact(role: Exclude<MembershipRole, 'owner'>, permissions: Permission[] = []): void {
    this.accounts = this.accounts.map((a) => (a.id === this.active ? { ...a, role } : a));
    this.contactPermissions =
      permissions.length || role === 'custom' ? permissions : [...CONTACT_ROLE_PERMISSIONS[role]];
  }

  /** Adds a membership the signed-in person may switch to. */
  addAccount(summary: AccountSummary, details?: Partial<FakeAccountDetails>): void {
    this.accounts = [...this.accounts, summary];
    this.details[summary.id] = {
      name: summary.name,
      company: null,
      phone: null,
      address: {},
      currency: 'EUR',
      ...details,
    };
  }

  /** Required profile fields the active account has not filled (as the server computes them). */
  get missing(): ProfileField[] {
    const d = this.details[this.active]!;
    return this.requiredFields.filter((field) =>
      field === 'company'
        ? !filled(d.company)
        : field === 'phone'
          ? !filled(d.phone)
          : !(filled(d.address.line1) && filled(d.address.city) && filled(d.address.country)),
    );
  }

  /** Answers the next `times` requests to `route` (e.g. `GET /api/v1/profile`) with `handler`. */
  answer(route: string, handler: Handler, times = 1): void {
    this.#overrides.set(route, handler, times);
  }

  /** Requests made to `path` so far (`METHOD /path` or just the path). */
  callsTo(route: string): FakeAccountCall[] {
    return this.calls.filter((c) => c.path === route || `${c.method} ${c.path}` === route);
  }

  /** A client in token mode talking to this fake, optionally already signed in as `email`. */
  client(email?: string): PortalClient {
    let token: string | undefined;
    if (email) {
      token = this.#id('tok');
      this.portal.sessions.set(token, email);
    }
    return fakeClient(this.fetch, token);
  }

  /** Adds `count` activity entries, one an hour going back from now, cycling through some actions. */
  seedActivity(count: number, now = Date.now()): void {
    const samples: Pick<ActivityEvent, 'action' | 'details'>[] = [
      { action: 'auth.signed_in', details: { method: 'password' } },
      { action: 'token.created', details: { name: 'CI deploys', scopes: 'services:read' } },
      { action: 'auth.sign_in_failed', details: { method: 'password' } },
      { action: 'contact.added', details: { email: 'grace@example.com', role: 'billing' } },
      { action: 'security.totp_enabled', details: {} },
    ];
    for (let i = 0; i < count; i++) {
      const sample = samples[i % samples.length]!;
      this.activity.push({
        id: this.#id('aud'),
        at: new Date(now - i * 3_600_000).toISOString(),
        ...sample,
        actor: { type: 'user', label: 'ada@example.com' },
        device: 'Firefox on Windows',
        ip: '203.0.113.9',
        place: 'GB',
      });
    }
  }

  /** Adds a contact to the active account. */
  addContact(contact: Partial<Contact> & { name: string; email: string }): Contact {
    const role = contact.role ?? 'billing';
    const added: Contact = {
      id: this.#id('mem'),
      userId: this.#id('usr'),
      role,
      permissions: role === 'owner' ? [...PERMISSIONS] : [...CONTACT_ROLE_PERMISSIONS[role]],
      status: 'active',
      invitedAt: new Date(Date.now() - 86_400_000 * 3).toISOString(),
      joinedAt: new Date(Date.now() - 86_400_000 * 2).toISOString(),
      lastSignInAt: new Date(Date.now() - 3_600_000).toISOString(),
      ...contact,
    };
    this.contacts.push(added);
    return added;
  }

  /** Adds an API token to the active account. */
  addToken(token: Partial<ApiToken> & { name: string }): ApiToken {
    const added: ApiToken = {
      id: this.#id('tok'),
      prefix: `pt_${String(this.#ids).padStart(7, 'x')}`,
      scopes: ['services:read'],
      createdBy: { id: 'usr_ada', name: 'Ada Lovelace' },
      createdAt: new Date(Date.now() - 86_400_000 * 10).toISOString(),
      expiresAt: null,
      lastUsedAt: null,
      lastUsedIp: null,
      ...token,
    };
    this.tokens.push(added);
    return added;
  }

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (!this.#ours(url.pathname)) return this.#adjust(await this.portal.fetch(request));
    const text = request.method === 'GET' ? '' : await request.text();
    const call: FakeAccountCall = {
      method: request.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: text ? JSON.parse(text) : undefined,
    };
    this.calls.push(call);
    const canned = this.#overrides.answer(call);
    if (canned) return canned;
    const bearer = request.headers.get('authorization')?.replace(/^Bearer /, '') ?? '';
    if (bearer.startsWith('pt_')) {
      return problem(403, 'TOKEN_NOT_ALLOWED', 'API tokens cannot do this; sign in to the portal.');
    }
    const email = this.portal.sessions.get(bearer);
    const user = email ? this.portal.users.get(email) : undefined;
    if (!user) return problem(401, 'UNAUTHENTICATED', 'Sign in to continue.');
    return this.#route(call, bearer, user.email);
  };

  #ours(path: string): boolean {
    return /^\/api\/v1\/(profile|me(\/|$)|account\/|tokens|contacts|auth\/switch-account)/.test(path);
  }

  /** Puts this fake's account, role, permissions, missing fields and language into a session the portal made. */
  async #adjust(response: Response): Promise<Response> {
    if (!response.headers.get('content-type')?.includes('application/json')) return response;
    const body: unknown = await response.clone().json();
    if (!body || typeof body !== 'object' || !('user' in body) || !('account' in body)) return response;
    const session = body as Session;
    return json(response.status, this.#session(session.user.email, session));
  }

  #session(email: string, base?: Session): Session {
    const user = this.portal.users.get(email)!;
    const now = new Date().toISOString();
    const permissions = this.permissions;
    return {
      expiresAt: now,
      idleExpiresAt: now,
      ...base,
      user: {
        id: user.id,
        email: user.email,
        name: user.name,
        emailVerifiedAt: user.verified ? now : null,
        createdAt: now,
        ...base?.user,
        locale: this.locale,
      },
      account: this.membership,
      accounts: this.accounts,
      permissions,
      profileMissing: grants(permissions, 'profile:read') ? this.missing : [],
    };
  }

  #profile(email: string): Profile {
    const user = this.portal.users.get(email)!;
    const d = this.details[this.active]!;
    return {
      user: {
        id: user.id,
        name: user.name,
        email: user.email,
        emailVerifiedAt: user.verified ? new Date().toISOString() : null,
        locale: this.locale,
        hasPassword: this.hasPassword,
      },
      account: {
        id: this.active,
        name: d.name,
        company: d.company,
        phone: d.phone,
        address: d.address,
        currency: d.currency,
      },
      currencies: this.currencies,
      requiredFields: this.requiredFields,
      missingFields: this.missing,
      canEdit: grants(this.permissions, 'profile:write'),
    };
  }

  #route(call: FakeAccountCall, bearer: string, email: string): Response {
    const body = call.body ?? {};
    const owner = this.membership.role === 'owner';
    const ownerOnly = () => problem(403, 'OWNER_ONLY', "Only the account's owner can do this.");
    const denied = (access: string) =>
      problem(403, 'PERMISSION_DENIED', `You do not have ${access} on this account.`);
    const route = `${call.method} ${call.path.replace(/\/(tok|mem)_\w+/, '/:id')}`;
    const id = call.path.match(/\/((?:tok|mem)_\w+)/)?.[1] ?? '';
    switch (route) {
      case 'GET /api/v1/profile':
        if (!grants(this.permissions, 'profile:read')) return denied('profile:read');
        return json(200, this.#profile(email));
      case 'PATCH /api/v1/profile': {
        if (!grants(this.permissions, 'profile:write')) return denied('profile:write');
        const errors: { path: string; message: string }[] = [];
        if (body.phone && !/^[+()\d\s./-]*$/.test(body.phone))
          errors.push({ path: 'phone', message: 'Use digits, spaces and + ( ) - . / only' });
        if (body.accountName !== undefined && !String(body.accountName).trim())
          errors.push({ path: 'accountName', message: 'Name is required' });
        if (body.address?.country && !/^[A-Z]{2}$/i.test(body.address.country))
          errors.push({ path: 'address.country', message: 'Use a 2-letter country code' });
        if (errors.length) return validation(errors);
        if (body.currency !== undefined && !this.currencies.includes(body.currency)) {
          return problem(400, 'CURRENCY_NOT_ENABLED', `${body.currency} is not a billing currency here.`);
        }
        const d = this.details[this.active]!;
        if (body.accountName !== undefined) d.name = body.accountName;
        if (body.company !== undefined) d.company = body.company;
        if (body.phone !== undefined) d.phone = body.phone;
        if (body.address !== undefined) d.address = body.address;
        if (body.currency !== undefined) d.currency = body.currency;
        this.accounts = this.accounts.map((a) => (a.id === this.active ? { ...a, name: d.name } : a));
        return json(200, this.#profile(email));
      }
      case 'PATCH /api/v1/me': {
        const user = this.portal.users.get(email)!;
        if (body.name !== undefined) {
          if (!String(body.name).trim()) return validation([{ path: 'name', message: 'Name is required' }]);
          user.name = body.name;
        }
        if (body.locale !== undefined) this.locale = body.locale;
        return json(200, this.#session(email));
      }
      case 'POST /api/v1/me/email': {
        if (!this.hasPassword) {
          return problem(400, 'NO_PASSWORD', 'This login has no password; set one through a password reset.');
        }
        if (this.portal.users.get(email)!.password !== body.password) {
          return problem(400, 'WRONG_PASSWORD', 'The password is not right.');
        }
        if (!/^[^\s@]+@[^\s@]+$/.test(body.email ?? ''))
          return validation([{ path: 'email', message: 'Enter a valid email address' }]);
        this.pendingEmail = String(body.email).toLowerCase();
        return json(202, { status: 'code_sent', email: this.pendingEmail, expiresInSeconds: 900 });
      }
      case 'POST /api/v1/me/email/confirm': {
        const next = String(body.email ?? '').toLowerCase();
        if (next !== this.pendingEmail || body.code !== this.portal.code) {
          return problem(400, 'INVALID_CODE', 'That code is not valid.');
        }
        const user = this.portal.users.get(email)!;
        this.portal.users.delete(email);
        user.email = next;
        this.portal.users.set(next, user);
        for (const [token, holder] of this.portal.sessions) {
          if (holder === email) this.portal.sessions.set(token, next);
        }
        this.pendingEmail = undefined;
        return json(200, this.#session(next));
      }
      case 'GET /api/v1/account/activity': {
        if (!owner) return ownerOnly();
        const limit = Number(call.query.limit ?? 50);
        const start = call.query.cursor ? Number(call.query.cursor) : 0;
        const items = this.activity.slice(start, start + limit);
        const next = start + limit < this.activity.length ? String(start + limit) : null;
        return json(200, { items, nextCursor: next });
      }
      case 'GET /api/v1/tokens':
        return json(200, { items: this.tokens });
      case 'POST /api/v1/tokens': {
        const name = String(body.name ?? '').trim();
        const scopes: Permission[] = body.scopes ?? [];
        const errors: { path: string; message: string }[] = [];
        if (!name) errors.push({ path: 'name', message: 'Name is required' });
        if (!scopes.length) errors.push({ path: 'scopes', message: 'Pick at least one scope' });
        if (errors.length) return validation(errors);
        const refused = scopes.filter((scope) => !grants(this.permissions, scope));
        if (refused.length) {
          return problem(
            403,
            'SCOPE_NOT_GRANTED',
            `You do not hold ${refused.join(', ')} on this account, so a token cannot either.`,
            refused.map((scope) => ({
              path: `scopes.${scopes.indexOf(scope)}`,
              message: `You do not hold ${scope} on this account`,
            })),
          );
        }
        const user = this.portal.users.get(email)!;
        const secret = `pt_${'s3cr3t'.repeat(7)}${this.#ids}`;
        const created = this.addToken({
          name,
          scopes,
          prefix: secret.slice(0, 10),
          createdBy: { id: user.id, name: user.name },
          createdAt: new Date().toISOString(),
          expiresAt: body.expiresInDays
            ? new Date(Date.now() + body.expiresInDays * 86_400_000).toISOString()
            : null,
        });
        return json(201, { ...created, token: secret });
      }
      case 'DELETE /api/v1/tokens/:id': {
        const before = this.tokens.length;
        this.tokens = this.tokens.filter((t) => t.id !== id);
        if (this.tokens.length === before)
          return problem(404, 'NOT_FOUND', 'There is no such API token on this account.');
        return new Response(null, { status: 204 });
      }
      case 'GET /api/v1/contacts':
        if (!owner) return ownerOnly();
        return json(200, { items: this.contacts });
      case 'POST /api/v1/contacts': {
        if (!owner) return ownerOnly();
        const role = body.role as ContactRole;
        const permissions: Permission[] = body.permissions ?? [...CONTACT_ROLE_PERMISSIONS[role]];
        if (role === 'custom' && !permissions.length) {
          return validation([
            { path: 'permissions', message: 'Pick at least one permission for a custom contact' },
          ]);
        }
        const address = String(body.email ?? '').toLowerCase();
        if (this.contacts.some((c) => c.email === address) || address === email) {
          const message = 'This person already is a member of this account';
          return problem(409, 'ALREADY_A_MEMBER', `${message}.`, [{ path: 'email', message }]);
        }
        const added = this.addContact({
          name: body.name,
          email: address,
          role,
          permissions,
          status: 'invited',
          invitedAt: new Date().toISOString(),
          joinedAt: null,
          lastSignInAt: null,
        });
        return json(201, added);
      }
      case 'PATCH /api/v1/contacts/:id': {
        if (!owner) return ownerOnly();
        const contact = this.contacts.find((c) => c.id === id);
        if (!contact) return problem(404, 'NOT_FOUND', 'There is no such contact on this account.');
        const role = (body.role ?? contact.role) as ContactRole;
        const permissions: Permission[] =
          body.permissions ??
          (body.role && body.role !== 'custom' ? [...CONTACT_ROLE_PERMISSIONS[role]] : contact.permissions);
        if (role === 'custom' && !permissions.length) {
          return validation([
            { path: 'permissions', message: 'Pick at least one permission for a custom contact' },
          ]);
        }
        Object.assign(contact, { role, permissions });
        return json(200, contact);
      }
      case 'DELETE /api/v1/contacts/:id': {
        if (!owner) return ownerOnly();
        const before = this.contacts.length;
        this.contacts = this.contacts.filter((c) => c.id !== id);
        if (this.contacts.length === before)
          return problem(404, 'NOT_FOUND', 'There is no such contact on this account.');
        return new Response(null, { status: 204 });
      }
      case 'POST /api/v1/contacts/:id/invitation': {
        if (!owner) return ownerOnly();
        const contact = this.contacts.find((c) => c.id === id);
        if (!contact) return problem(404, 'NOT_FOUND', 'There is no such contact on this account.');
        if (contact.status === 'active') {
          return problem(409, 'CONFLICT', 'This contact has already joined; there is nothing to resend.');
        }
        contact.invitedAt = new Date().toISOString();
        return json(200, contact);
      }
      case 'POST /api/v1/auth/switch-account': {
        const target = this.accounts.find((a) => a.id === body.accountId);
        if (!target) return problem(404, 'ACCOUNT_NOT_FOUND', 'You are not a member of that account.');
        this.active = target.id;
        return json(200, { ...this.#session(email), token: bearer });
      }
      default:
        return problem(404, 'NOT_FOUND', 'No such route.');
    }
  }

  #id(prefix: string) {
    this.#ids++;
    return `${prefix}_${String(this.#ids).padStart(26, '0')}`;
  }
}

/**
 * Renders `content` inside a `<portal-provider>` whose client talks to `account`, signed in as Ada unless
 * `signedInAs` says otherwise (`null`: signed out), waits for the session, and returns the first match of
 * `selector`. The profile gate is off unless `gate` is set; `lang: null` leaves the provider without `lang`.
 */
export function inAccountProvider<T extends LitElement>(
  account: FakeAccount,
  content: TemplateResult,
  selector: string,
  options: { signedInAs?: string | null; lang?: string | null; gate?: boolean } = {},
): Promise<T> {
  const email = options.signedInAs === undefined ? 'ada@example.com' : (options.signedInAs ?? undefined);
  const lang = options.lang === undefined ? 'en' : options.lang;
  return providerChild<T>(
    html`<portal-provider
      .client=${account.client(email)}
      lang=${lang ?? nothing}
      profile-gate=${options.gate ? 'on' : 'off'}
      >${content}</portal-provider
    >`,
    selector,
  );
}
