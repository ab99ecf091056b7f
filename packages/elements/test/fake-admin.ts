import { fixture, waitUntil } from '@open-wc/testing';
import {
  type AdminClient,
  type AdminSettings,
  type AuditEntry,
  type BulkResult,
  type ClientDetail,
  type ClientSummary,
  type CustomDomain,
  createAdminClient,
  type MembershipRole,
  type PortalUser,
  type PortalUserStatus,
  type StaffMember,
  type StaffRole,
  type StaffSession,
} from '@portico/sdk/admin';
import { adminRoutes, type RouteDescriptor } from '@portico/sdk/contract';
import type { LitElement, TemplateResult } from 'lit';
import { RouteOverrides } from './route-overrides.js';
import '../src/admin.js';

/** A request the fake staff API received. */
export interface AdminCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: any;
}

type Handler = (call: AdminCall) => Response | Promise<Response>;

/** A staff member the fake knows, with their password. */
export interface FakeStaff extends StaffMember {
  password: string;
}

/** A person on a client, as the fake stores them. */
export interface FakeMember {
  userId: string;
  email: string;
  name: string;
  role: MembershipRole;
  status: PortalUserStatus;
  invitedAt: string | null;
  lastSignInAt: string | null;
  disabled: boolean;
  twoFactor: boolean;
}

/** A client (account) as the fake stores it. */
export interface FakeAccount extends Omit<ClientDetail, 'users' | 'userCount' | 'email'> {
  users: FakeMember[];
}

export const ADMIN_API = 'http://admin.test';
const COMMON_PASSWORDS = new Set(['password123', '12345678']);
const QR_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 21 21"><path d="M0 0h7v7H0zM14 0h7v7h-7zM0 14h7v7H0z"/></svg>';

/** A JSON response. */
export const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

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

/** A 404 problem for a missing `what` ("There is no such invoice."). */
export const notFound = (what: string) => problem(404, 'NOT_FOUND', `There is no such ${what}.`);

/** One page of `items` as the staff API answers a list: `limit` from the `cursor` (`c<offset>`) on. */
export function pageOf<T>(items: T[], query: { limit?: number; cursor?: string }) {
  const offset = query.cursor ? Number(query.cursor.replace(/^c/, '')) : 0;
  const limit = query.limit ?? 50;
  return {
    items: items.slice(offset, offset + limit),
    nextCursor: offset + limit < items.length ? `c${offset + limit}` : null,
  };
}

const allRoutes: RouteDescriptor[] = Object.values(adminRoutes).flatMap((area) => Object.values(area));
const compiled = allRoutes.map((route) => ({
  route,
  pattern: new RegExp(`^${route.path.replace(/:(\w+)/g, '(?<$1>[^/]+)')}$`),
}));

/** The issues of a failed zod parse as the server's `errors[]`. */
function issuesOf(error: unknown): { path: string; message: string }[] {
  const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues ?? [];
  return issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/**
 * The staff API (`/api/admin/v1`) in memory, answering through an injected `fetch`. Routes, roles, the TOTP
 * enrolment gate and request validation come from the contract's route descriptors, and every answer has the
 * contract's shape, so the SDK's parsing passes as it would against the real server. TOTP codes are always
 * `fake.code`. `fake.answer(route, handler, times)` overrides the next request(s) to a route.
 */
export class FakeAdmin {
  readonly staff: FakeStaff[] = [];
  readonly accounts: FakeAccount[] = [];
  readonly audit: AuditEntry[] = [];
  readonly calls: AdminCall[] = [];
  readonly invitations = new Map<string, string>();
  settings: AdminSettings;
  /** The signed-in staff member's id (the `portico_staff` cookie), or null. */
  signedIn: string | null = null;
  code = '123456';
  /** What the next custom domain check finds. */
  dns: 'pending' | 'verified' | 'failed' = 'pending';
  readonly #tickets = new Map<string, string>();
  readonly #pendingTotp = new Set<string>();
  readonly #overrides = new RouteOverrides<AdminCall>();
  #ids = 0;
  #clock = Date.parse('2025-03-01T12:00:00Z');

  constructor() {
    this.addStaff({ email: 'grace@example.com', name: 'Grace Hopper', role: 'admin' });
    this.addStaff({ email: 'sam@example.com', name: 'Sam Support', role: 'support' });
    this.addStaff({ email: 'bill@example.com', name: 'Bill Billing', role: 'billing' });
    this.addStaff({ email: 'tess@example.com', name: 'Tess Totp', role: 'support', totpEnabled: true });
    this.addClient({
      name: 'Acme Ltd',
      company: 'Acme Limited',
      users: [
        { email: 'ada@acme.test', name: 'Ada Acme', role: 'owner', status: 'joined', twoFactor: true },
        { email: 'bob@acme.test', name: 'Bob Acme', role: 'billing', status: 'invited' },
      ],
    });
    this.addClient({
      name: 'Globex',
      users: [{ email: 'carol@globex.test', name: 'Carol Globex', role: 'owner', status: 'not_invited' }],
    });
    this.addClient({
      name: 'Initech',
      status: 'disabled',
      users: [{ email: 'dave@initech.test', name: 'Dave Initech', role: 'owner', status: 'joined' }],
    });
    this.settings = {
      businessName: 'Portico Hosting',
      logoUrl: null,
      brandColor: '#1d4ed8',
      sections: {
        knowledgeBase: true,
        faq: true,
        status: true,
        announcements: true,
        store: false,
        domainSearch: false,
      },
      footerLinks: [
        { label: 'Privacy', url: 'https://example.com/privacy' },
        { label: 'Contact', url: 'mailto:help@example.com' },
      ],
      footerHtml: '<p>Hello</p>',
      termsUrl: null,
      allowDuplicateAccounts: false,
      defaultCurrency: 'USD',
      enabledCurrencies: ['USD', 'EUR'],
      allowedOrigins: ['https://www.example.com'],
      configuredOrigins: ['https://env.example.com'],
      requireStaffTotp: false,
      requiredProfileFields: [],
      portalUrl: null,
      customDomain: null,
    };
    for (const action of ['auth.sign_in', 'client.created', 'auth.sign_in_failed', 'magic_link.used']) {
      this.addAudit({ action });
    }
  }

  addStaff(o: { email: string; name: string; role: StaffRole; totpEnabled?: boolean; password?: string }) {
    const member: FakeStaff = {
      id: this.#id('stf'),
      email: o.email,
      name: o.name,
      role: o.role,
      totpEnabled: o.totpEnabled ?? false,
      invited: false,
      disabled: false,
      lastSignInAt: null,
      createdAt: this.#now(),
      password: o.password ?? 'correct horse battery',
    };
    this.staff.push(member);
    return member;
  }

  addClient(o: {
    name: string;
    company?: string;
    status?: 'active' | 'disabled';
    users?: Partial<FakeMember>[];
  }): FakeAccount {
    const now = this.#now();
    const account: FakeAccount = {
      id: this.#id('acct'),
      name: o.name,
      company: o.company ?? null,
      status: o.status ?? 'active',
      currency: 'USD',
      phone: null,
      address: {},
      notes: '',
      createdAt: now,
      updatedAt: now,
      users: (o.users ?? []).map((u) => this.#member(u)),
    };
    this.accounts.unshift(account);
    return account;
  }

  addAudit(o: Partial<AuditEntry>): AuditEntry {
    const staff = this.staff[0];
    const entry: AuditEntry = {
      id: this.#id('aud'),
      at: this.#now(),
      actorType: 'staff',
      actorId: staff?.id ?? null,
      actorLabel: staff?.email ?? null,
      action: 'client.updated',
      targetType: 'account',
      targetId: this.accounts[0]?.id ?? null,
      accountId: this.accounts[0]?.id ?? null,
      ip: '203.0.113.7',
      userAgent: 'Mozilla/5.0',
      details: {},
      ...o,
    };
    this.audit.unshift(entry);
    return entry;
  }

  /** The staff member with this email. */
  member(email: string): FakeStaff {
    const found = this.staff.find((s) => s.email === email);
    if (!found) throw new Error(`No staff ${email}`);
    return found;
  }

  /** Signs `email` in (as if their cookie were set) and returns the session. */
  signIn(email: string): StaffSession {
    const staff = this.member(email);
    this.signedIn = staff.id;
    return this.sessionOf(staff);
  }

  sessionOf(staff: FakeStaff): StaffSession {
    const { password: _, ...member } = staff;
    return {
      staff: member,
      mfaEnrolmentRequired: this.settings.requireStaffTotp && !staff.totpEnabled,
      expiresAt: new Date(this.#clock + 86_400_000).toISOString(),
      idleExpiresAt: new Date(this.#clock + 3_600_000).toISOString(),
    };
  }

  /** A staff invitation link's token for a new invited staff member. */
  invite(email: string, name: string, role: StaffRole = 'support'): string {
    const staff = this.addStaff({ email, name, role });
    staff.invited = true;
    const token = `sti_${'a'.repeat(43)}`;
    this.invitations.set(token, staff.id);
    return token;
  }

  /** Answers the next `times` requests to `route` (e.g. `POST /api/admin/v1/auth/login`) with `handler`. */
  answer(route: string, handler: Handler, times = 1): void {
    this.#overrides.set(route, handler, times);
  }

  /** Requests made to `path` so far (optionally only with `method`). */
  callsTo(path: string, method?: string): AdminCall[] {
    return this.calls.filter((call) => call.path === path && (!method || call.method === method));
  }

  /** A staff API client talking to this fake. */
  client(): AdminClient {
    return createAdminClient({ baseUrl: ADMIN_API, fetch: this.fetch, retries: 0 });
  }

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const text = request.method === 'GET' || request.method === 'DELETE' ? '' : await request.text();
    const call: AdminCall = {
      method: request.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: text ? JSON.parse(text) : undefined,
    };
    this.calls.push(call);
    return this.#overrides.answer(call) ?? this.#route(call);
  };

  #route(call: AdminCall): Response {
    for (const { route, pattern } of compiled) {
      const match = route.method === call.method ? pattern.exec(call.path) : null;
      if (!match) continue;
      const staff = this.staff.find((s) => s.id === this.signedIn && !s.disabled);
      if (route.auth === 'staff') {
        if (!staff) return problem(401, 'UNAUTHENTICATED', 'Sign in to the staff console to continue.');
        if (route.roles && !route.roles.includes(staff.role)) {
          return problem(403, 'ROLE_NOT_ALLOWED', 'Your role may not do this.');
        }
        if (!route.beforeMfa && this.settings.requireStaffTotp && !staff.totpEnabled) {
          return problem(403, 'MFA_ENROLMENT_REQUIRED', 'Set up two-factor authentication first.');
        }
      }
      let body: any = call.body;
      if (route.body) {
        const parsed = route.body.safeParse(call.body ?? {});
        if (!parsed.success) {
          return problem(422, 'VALIDATION_FAILED', 'The request is not valid.', issuesOf(parsed.error));
        }
        body = parsed.data;
      }
      let query: any = call.query;
      if (route.query) {
        const parsed = route.query.safeParse(call.query);
        if (!parsed.success) {
          return problem(422, 'VALIDATION_FAILED', 'The request is not valid.', issuesOf(parsed.error));
        }
        query = parsed.data;
      }
      return this.#handle(route.id, { ...(match.groups ?? {}) }, body, query, staff);
    }
    return problem(404, 'NOT_FOUND', 'No such route.');
  }

  #handle(
    id: string,
    params: Record<string, string>,
    body: any,
    query: any,
    me: FakeStaff | undefined,
  ): Response {
    switch (id) {
      case 'staffAuth.login': {
        const staff = this.staff.find((s) => s.email === body.email && !s.invited);
        if (!staff || staff.password !== body.password) {
          return problem(401, 'INVALID_CREDENTIALS', 'The email or password is not right.');
        }
        if (staff.disabled) return problem(403, 'STAFF_DISABLED', 'This staff login is disabled.');
        if (staff.totpEnabled) {
          const ticket = `tkt_${this.#id('t')}`;
          this.#tickets.set(ticket, staff.id);
          return json(200, { status: 'totp_required', ticket, expiresInSeconds: 300 });
        }
        return json(200, { status: 'signed_in', session: this.#start(staff) });
      }
      case 'staffAuth.loginTotp': {
        const staff = this.staff.find((s) => s.id === this.#tickets.get(body.ticket));
        if (!staff) return problem(400, 'TICKET_INVALID', 'This sign-in has expired. Sign in again.');
        if (body.code !== this.code) {
          return problem(400, 'INVALID_CODE', 'That code is not right.', [
            { path: 'code', message: 'That code is not right.' },
          ]);
        }
        this.#tickets.delete(body.ticket);
        return json(200, this.#start(staff));
      }
      case 'staffAuth.logout':
        this.signedIn = null;
        return new Response(null, { status: 204 });
      case 'staffAuth.session':
        return json(200, me ? this.sessionOf(me) : null);
      case 'staffAuth.previewInvitation':
      case 'staffAuth.acceptInvitation': {
        const staff = this.staff.find((s) => s.id === this.invitations.get(body.token));
        if (!staff) return problem(400, 'LINK_INVALID', 'This invitation is not valid.');
        if (id === 'staffAuth.previewInvitation') {
          return json(200, {
            email: staff.email,
            name: staff.name,
            businessName: this.settings.businessName,
            expiresAt: new Date(this.#clock + 7 * 86_400_000).toISOString(),
          });
        }
        if (COMMON_PASSWORDS.has(body.password)) return this.#tooCommon('password');
        staff.password = body.password;
        staff.invited = false;
        this.invitations.delete(body.token);
        return json(200, this.#start(staff));
      }
      case 'staffAuth.changePassword': {
        if (!me) return problem(401, 'UNAUTHENTICATED', 'Sign in.');
        if (me.password !== body.currentPassword) {
          return problem(400, 'INVALID_CREDENTIALS', 'Your current password is not right.', [
            { path: 'currentPassword', message: 'Your current password is not right.' },
          ]);
        }
        if (COMMON_PASSWORDS.has(body.newPassword)) return this.#tooCommon('newPassword');
        me.password = body.newPassword;
        return new Response(null, { status: 204 });
      }
      case 'staffAuth.totpSetup':
        if (!me) break;
        if (me.totpEnabled)
          return problem(409, 'TOTP_ALREADY_ENABLED', 'Two-factor authentication is already on.');
        this.#pendingTotp.add(me.id);
        return json(200, {
          secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
          otpauthUri: `otpauth://totp/Portico:${me.email}?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP`,
          qrSvg: QR_SVG,
        });
      case 'staffAuth.totpConfirm':
        if (!me) break;
        if (!this.#pendingTotp.has(me.id)) return problem(400, 'TOTP_NOT_STARTED', 'Start the setup first.');
        if (body.code !== this.code) {
          return problem(400, 'INVALID_CODE', 'That code is not right.', [
            { path: 'code', message: 'That code is not right.' },
          ]);
        }
        this.#pendingTotp.delete(me.id);
        me.totpEnabled = true;
        return json(200, this.sessionOf(me));
      case 'staffAuth.totpDisable':
        if (!me) break;
        if (this.settings.requireStaffTotp) {
          return problem(403, 'MFA_REQUIRED', 'Your business requires two-factor authentication for staff.');
        }
        if (body.code !== this.code) {
          return problem(400, 'INVALID_CODE', 'That code is not right.', [
            { path: 'code', message: 'That code is not right.' },
          ]);
        }
        me.totpEnabled = false;
        return json(200, this.sessionOf(me));
      case 'staff.list':
        return json(200, { items: this.staff.map(({ password: _, ...m }) => m) });
      case 'staff.create': {
        if (this.staff.some((s) => s.email === body.email)) {
          return problem(409, 'EMAIL_TAKEN', 'A staff member with this email already exists.', [
            { path: 'email', message: 'A staff member with this email already exists.' },
          ]);
        }
        const staff = this.addStaff(body);
        staff.invited = true;
        return json(201, this.#public(staff));
      }
      case 'staff.update':
      case 'staff.resetTotp': {
        const staff = this.staff.find((s) => s.id === params.staffId);
        if (!staff) return problem(404, 'STAFF_NOT_FOUND', 'There is no such staff member.');
        if (id === 'staff.resetTotp') {
          staff.totpEnabled = false;
          return json(200, this.#public(staff));
        }
        const losesAdmin =
          staff.role === 'admin' &&
          !staff.disabled &&
          (body.role ? body.role !== 'admin' : body.disabled === true);
        const admins = this.staff.filter((s) => s.role === 'admin' && !s.disabled);
        if (losesAdmin && admins.length === 1) {
          return problem(409, 'LAST_ADMIN', 'The business must keep at least one active admin.');
        }
        Object.assign(staff, body);
        return json(200, this.#public(staff));
      }
      case 'audit.list': {
        const items = this.audit.filter(
          (e) =>
            (!query.action ||
              (query.action.endsWith('.') ? e.action.startsWith(query.action) : e.action === query.action)) &&
            (!query.actorId || e.actorId === query.actorId) &&
            (!query.accountId || e.accountId === query.accountId) &&
            (!query.since || e.at >= query.since) &&
            (!query.until || e.at <= query.until),
        );
        return json(200, pageOf(items, query));
      }
      case 'clients.list': {
        const q = (query.q ?? '').toLowerCase();
        const items = this.accounts
          .filter(
            (a) =>
              (!query.status || a.status === query.status) &&
              (!q ||
                [a.name, a.company ?? '', ...a.users.map((u) => u.email)].some((v) =>
                  v.toLowerCase().includes(q),
                )),
          )
          .map((a) => this.#summary(a));
        return json(200, pageOf(items, query));
      }
      case 'clients.create': {
        if (this.accounts.some((a) => a.users.some((u) => u.email === body.email))) {
          return problem(409, 'EMAIL_TAKEN', 'This email already has a login.', [
            { path: 'email', message: 'This email already has a login.' },
          ]);
        }
        const account = this.addClient({
          name: body.name,
          company: body.company,
          users: [
            {
              email: body.email,
              name: body.ownerName ?? body.name,
              role: 'owner',
              status: body.sendInvitation ? 'invited' : 'not_invited',
            },
          ],
        });
        Object.assign(account, {
          phone: body.phone ?? null,
          address: body.address ?? {},
          currency: body.currency ?? this.settings.defaultCurrency,
          notes: body.notes ?? '',
        });
        return json(201, this.#detail(account));
      }
      case 'clients.get':
      case 'clients.update':
      case 'clients.disable':
      case 'clients.enable': {
        const account = this.accounts.find((a) => a.id === params.clientId);
        if (!account) return problem(404, 'CLIENT_NOT_FOUND', 'There is no such client.');
        if (id === 'clients.update') {
          const { company, phone, ...rest } = body;
          Object.assign(account, rest);
          if (company !== undefined) account.company = company || null;
          if (phone !== undefined) account.phone = phone || null;
        }
        if (id === 'clients.disable') account.status = 'disabled';
        if (id === 'clients.enable') account.status = 'active';
        return json(200, this.#detail(account));
      }
      case 'portalUsers.list': {
        const everyone = this.accounts.flatMap((a) => a.users.map((u) => this.#portalUser(a, u)));
        const q = (query.q ?? '').toLowerCase();
        const items = everyone.filter(
          (u) =>
            (!query.status || u.status === query.status) &&
            (!q || [u.name, u.email, u.accountName].some((v) => v.toLowerCase().includes(q))),
        );
        const count = (status: PortalUserStatus) => everyone.filter((u) => u.status === status).length;
        return json(200, {
          portalUrl: 'https://portal.example.com',
          counts: {
            total: everyone.length,
            notInvited: count('not_invited'),
            invited: count('invited'),
            joined: count('joined'),
          },
          ...pageOf(items, query),
        });
      }
      case 'portalUsers.magicLink': {
        const found = this.#findMember(body.userId, body.accountId);
        if (!found) return problem(404, 'PORTAL_USER_NOT_FOUND', 'There is no such portal user.');
        return json(201, {
          url: `https://portal.example.com/magic#token=ml_${'b'.repeat(43)}`,
          expiresAt: new Date(this.#clock + 10 * 60_000).toISOString(),
        });
      }
      case 'portalUsers.invite': {
        const results: BulkResult['results'] = body.targets.map((target: any) => {
          if (target.userId) {
            const found = this.#findMember(target.userId, target.accountId);
            if (!found) return { email: '', userId: target.userId, ok: false, code: 'PORTAL_USER_NOT_FOUND' };
            const { member } = found;
            if (member.status === 'joined') {
              return {
                email: member.email,
                userId: member.userId,
                ok: false,
                code: 'ALREADY_JOINED',
                detail: 'Already signed in to the portal.',
              };
            }
            member.status = 'invited';
            member.invitedAt = this.#now();
            return { email: member.email, userId: member.userId, ok: true };
          }
          const account = this.accounts.find((a) => a.id === target.accountId);
          if (!account) return { email: target.email, userId: null, ok: false, code: 'CLIENT_NOT_FOUND' };
          if (account.users.some((u) => u.email === target.email)) {
            return {
              email: target.email,
              userId: null,
              ok: false,
              code: 'EMAIL_TAKEN',
              detail: 'This person is already on this client.',
            };
          }
          const member = this.#member({
            email: target.email,
            name: target.name ?? target.email,
            role: target.role ?? 'technical',
            status: 'invited',
          });
          account.users.push(member);
          return { email: member.email, userId: member.userId, ok: true };
        });
        return json(200, { results });
      }
      case 'portalUsers.resetTwoFactor': {
        const found = this.#findMember(params.userId ?? '');
        if (!found) return problem(404, 'PORTAL_USER_NOT_FOUND', 'There is no such portal user.');
        found.member.twoFactor = false;
        return new Response(null, { status: 204 });
      }
      case 'portalUsers.loginEmail': {
        const results = body.userIds.map((userId: string) => {
          const found = this.#findMember(userId);
          if (!found) return { email: '', userId, ok: false, code: 'PORTAL_USER_NOT_FOUND' };
          return found.member.disabled
            ? {
                email: found.member.email,
                userId,
                ok: false,
                code: 'USER_DISABLED',
                detail: 'This login is disabled.',
              }
            : { email: found.member.email, userId, ok: true };
        });
        return json(200, { results });
      }
      case 'settings.get':
        return json(200, this.settings);
      case 'settings.update': {
        const { sections, footerHtml, ...rest } = body;
        Object.assign(this.settings, rest);
        if (sections) this.settings.sections = { ...this.settings.sections, ...sections };
        if (footerHtml !== undefined) this.settings.footerHtml = sanitize(footerHtml);
        return json(200, this.settings);
      }
      case 'settings.uploadLogo':
        this.settings.logoUrl = `data:${body.contentType};base64,${body.data}`;
        return json(200, this.settings);
      case 'settings.removeLogo':
        this.settings.logoUrl = null;
        return json(200, this.settings);
      case 'settings.setCustomDomain':
        this.settings.customDomain = {
          domain: body.domain,
          status: 'pending',
          records: [
            { type: 'CNAME', name: body.domain, value: 'portico.example.net' },
            { type: 'A', name: body.domain, value: '203.0.113.10' },
          ],
          detail: `Create a CNAME record for ${body.domain} pointing to portico.example.net.`,
          lastCheckedAt: null,
          verifiedAt: null,
        };
        return json(200, this.settings.customDomain);
      case 'settings.verifyCustomDomain': {
        const domain = this.settings.customDomain;
        if (!domain) return problem(409, 'NO_CUSTOM_DOMAIN', 'There is no custom domain.');
        const now = this.#now();
        const checked: CustomDomain = {
          ...domain,
          status: this.dns,
          lastCheckedAt: now,
          verifiedAt: this.dns === 'verified' ? now : null,
          detail:
            this.dns === 'failed'
              ? `${domain.domain} has a CNAME to elsewhere.example.net, not portico.example.net.`
              : this.dns === 'pending'
                ? `No record found for ${domain.domain} yet.`
                : null,
        };
        this.settings.customDomain = checked;
        return json(200, checked);
      }
      case 'settings.removeCustomDomain':
        this.settings.customDomain = null;
        return new Response(null, { status: 204 });
    }
    return (
      this.handleMore(id, params, body, query, me) ??
      problem(500, 'INTERNAL', `The fake does not implement ${id}.`)
    );
  }

  /** Answers routes of areas a subclass adds (`FakeAdminBilling`); undefined for a route it does not know. */
  protected handleMore(
    _id: string,
    _params: Record<string, string>,
    _body: any,
    _query: any,
    _me: FakeStaff | undefined,
  ): Response | undefined {
    return undefined;
  }

  #start(staff: FakeStaff): StaffSession {
    this.signedIn = staff.id;
    staff.lastSignInAt = this.#now();
    return this.sessionOf(staff);
  }

  #public(staff: FakeStaff): StaffMember {
    const { password: _, ...member } = staff;
    return member;
  }

  #tooCommon(path: string) {
    return problem(400, 'PASSWORD_TOO_COMMON', 'This password is too common. Choose another.', [
      { path, message: 'This password is too common. Choose another.' },
    ]);
  }

  #summary(a: FakeAccount): ClientSummary {
    return {
      id: a.id,
      name: a.name,
      company: a.company,
      email: a.users.find((u) => u.role === 'owner')?.email ?? null,
      status: a.status,
      currency: a.currency,
      userCount: a.users.length,
      createdAt: a.createdAt,
    };
  }

  #detail(a: FakeAccount): ClientDetail {
    return {
      ...this.#summary(a),
      phone: a.phone,
      address: a.address,
      notes: a.notes,
      updatedAt: a.updatedAt,
      users: a.users.map((u) => this.#portalUser(a, u)),
    };
  }

  #portalUser(a: FakeAccount, u: FakeMember): PortalUser {
    return { ...u, accountId: a.id, accountName: a.name };
  }

  #findMember(userId: string, accountId?: string) {
    for (const account of this.accounts) {
      if (accountId && account.id !== accountId) continue;
      const member = account.users.find((u) => u.userId === userId);
      if (member) return { account, member };
    }
    return undefined;
  }

  #member(u: Partial<FakeMember>): FakeMember {
    return {
      userId: this.#id('usr'),
      email: 'someone@example.com',
      name: 'Someone',
      role: 'owner',
      status: 'not_invited',
      invitedAt: null,
      lastSignInAt: null,
      disabled: false,
      twoFactor: false,
      ...u,
    };
  }

  #now() {
    this.#clock += 60_000;
    return new Date(this.#clock).toISOString();
  }

  #id(prefix: string) {
    this.#ids++;
    return `${prefix}_${String(this.#ids).padStart(26, '0')}`;
  }
}

/** What the server's sanitizer does to footer HTML, roughly: no scripts, no event handlers. */
function sanitize(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/gi, '')
    .replace(/\s+on\w+="[^"]*"/gi, '')
    .replace(/javascript:[^"']*/gi, '');
}

/**
 * Renders a console page with `fake`'s client, signed in as `as` (default the admin), and waits until its first
 * load has finished.
 */
export async function mountPage<T extends LitElement>(
  template: TemplateResult,
  fake: FakeAdmin,
  options: { as?: string } = {},
): Promise<T> {
  fake.signIn(options.as ?? 'grace@example.com');
  const el = await fixture<T>(template);
  await waitUntil(() => !el.shadowRoot?.querySelector('[part~="loading"]'), 'page never loaded');
  await el.updateComplete;
  return el;
}

/** Sets the control named `name` (input, select or textarea) as a person would, and fires `input` and `change`. */
export async function fill(element: LitElement, name: string, value: string | boolean): Promise<void> {
  const control = element.shadowRoot!.querySelector<HTMLInputElement>(`[name="${name}"]`);
  if (!control) throw new Error(`No control ${name} in <${element.localName}>`);
  if (typeof value === 'boolean') control.checked = value;
  else control.value = value;
  control.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  control.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await element.updateComplete;
}

/** Submits the form that holds the control named `name`. */
export async function submitFormOf(element: LitElement, name: string): Promise<void> {
  const control = element.shadowRoot!.querySelector<HTMLInputElement>(`[name="${name}"]`);
  const form = control?.closest('form');
  if (!form) throw new Error(`No form around ${name} in <${element.localName}>`);
  form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
  await element.updateComplete;
}

/** Waits until `element`'s shadow root text contains `text`. */
export async function waitForText(element: Element, text: string, message?: string): Promise<void> {
  await waitUntil(
    () => element.shadowRoot?.textContent?.includes(text),
    message ?? `"${text}" never appeared in <${element.localName}>`,
  );
}

/** The rows of the first table body in `element`. */
export const rows = (element: Element) => [
  ...element.shadowRoot!.querySelectorAll<HTMLTableRowElement>('tbody tr'),
];

/** Text of the `role="status"` regions (notices). */
export const noticeText = (element: Element) =>
  [...element.shadowRoot!.querySelectorAll('.notice')].map((n) => n.textContent?.trim() ?? '').join(' ');
