import type {
  StaffCreateInput,
  StaffInvitationPreview,
  StaffMember,
  StaffRole,
  StaffSession,
  StaffUpdateInput,
  TotpSetup,
} from '@portico/sdk/contract';
import type { Insertable, Updateable } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { LinkTokensTable, StaffTable } from '../../db/schema.js';
import type { Clock, IdGenerator } from '../../deps.js';
import type { StaffAuth } from '../../http/auth.js';
import { HttpError } from '../../http/problem.js';
import type { FailureTracker, HashGate, Limit, RateLimiter } from '../../http/rate-limit.js';
import type { AuditActor, AuditLog } from '../audit/audit-log.js';
import { hashPassword, passwordWeakness, verifyPassword } from '../auth/passwords.js';
import { hmac, randomToken, sha256 } from '../auth/secrets.js';
import type { RequestMeta } from '../auth/service.js';
import type { Outbox } from '../mail/outbox.js';
import { renderMail } from '../mail/templates.js';
import type { Settings } from '../settings/settings.js';
import { Sealer } from '../auth/seal.js';
import { newStaffRow, type StaffLinkPurpose, type StaffLinkRow, type StaffRow, StaffStore } from './store.js';
import { base32Encode, matchTotp, newTotpSecret, otpauthUri, totpQrSvg } from '../auth/totp.js';

export interface StaffDeps {
  db: Db;
  settings: Settings;
  outbox: Outbox;
  rate: RateLimiter;
  failures: FailureTracker;
  hashGate: HashGate;
  clock: Clock;
  ids: IdGenerator;
  config: Config;
  logger: Logger;
  audit: AuditLog;
}

/** Prefix of staff session tokens (the `portico_staff` cookie). */
export const STAFF_SESSION_PREFIX = 'pst_';
/** Prefix of the ticket between a right password and the TOTP code. */
export const STAFF_MFA_PREFIX = 'psm_';
/** Prefix of staff invitation tokens. */
export const STAFF_INVITATION_PREFIX = 'psi_';
/** How long the sign-in ticket between password and TOTP code lives. */
export const STAFF_MFA_TICKET_SECONDS = 300;
/** Wrong TOTP codes that kill a sign-in ticket. */
export const STAFF_MFA_MAX_ATTEMPTS = 5;
/** How long a staff invitation lives. */
export const STAFF_INVITATION_DAYS = 7;
/** How often a session's last-seen time is written (saves a write per request). */
const TOUCH_EVERY_MS = 60_000;
/** A `pst_` prefix and 43 base64url characters (256 bits). */
const SESSION_TOKEN_LENGTH = STAFF_SESSION_PREFIX.length + 43;

/** Rate limits of the staff side, on keys of their own (a client's attempts never use up a staff limit). */
export const STAFF_LIMITS = {
  login: { ip: { max: 30, windowSeconds: 900 }, email: { max: 10, windowSeconds: 900 } },
  totp: { ip: { max: 30, windowSeconds: 900 }, staff: { max: 10, windowSeconds: 900 } },
  invitation: { ip: { max: 30, windowSeconds: 900 } },
  password: { staff: { max: 10, windowSeconds: 900 } },
} as const satisfies Record<string, Record<string, Limit>>;

/** A staff sign-in's result: a session (with its secret token, for the cookie), or a request for the TOTP code. */
export type StaffSignIn =
  | { status: 'signed_in'; token: string; session: StaffSession }
  | { status: 'totp_required'; ticket: string; expiresInSeconds: number };

/** A freshly issued staff session: the secret token (for the cookie only) and what the console sees. */
export interface IssuedStaffSession {
  token: string;
  session: StaffSession;
}

type SessionSnapshot = NonNullable<Awaited<ReturnType<StaffStore['findSessionByTokenHash']>>>;

function toMember(row: StaffRow): StaffMember {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    totpEnabled: row.totp_enabled_at !== null,
    invited: row.password_hash === null,
    disabled: row.disabled_at !== null,
    lastSignInAt: row.last_sign_in_at,
    createdAt: row.created_at,
  };
}

const invalidCode = (detail = 'That code is not right.') =>
  new HttpError(400, 'INVALID_CODE', detail, {
    errors: [{ path: 'code', message: 'That code is not right.', code: 'INVALID_CODE' }],
  });
const ticketInvalid = () =>
  new HttpError(400, 'TICKET_INVALID', 'This sign-in has expired or was already used. Sign in again.');
const linkInvalid = () =>
  new HttpError(400, 'LINK_INVALID', 'This invitation is not valid: it expired, was used, or was withdrawn.');
const staffNotFound = () => new HttpError(404, 'STAFF_NOT_FOUND', 'There is no such staff member.');
const emailTaken = () =>
  new HttpError(409, 'EMAIL_TAKEN', 'A staff member with this email already exists.', {
    errors: [
      { path: 'email', message: 'A staff member with this email already exists.', code: 'EMAIL_TAKEN' },
    ],
  });

/** Staff sign-in, staff sessions, staff TOTP and staff management. Routes do HTTP; the store does SQL. */
export class StaffService {
  readonly #store: StaffStore;
  readonly #totpSeal: Sealer;
  #dummyHash: Promise<string> | undefined;

  constructor(readonly deps: StaffDeps) {
    this.#store = new StaffStore(deps.db);
    this.#totpSeal = new Sealer(deps.config.secret, 'staff-totp-secret');
  }

  /** How long the staff cookie lives: the session's absolute lifetime. */
  get sessionMaxAgeMs(): number {
    return this.deps.config.staffSessionAbsoluteMs;
  }

  #now(): Date {
    return this.deps.clock.now();
  }

  /** A hash to verify against when there is no usable one, so every sign-in costs one argon2 verify. */
  #dummy(): Promise<string> {
    this.#dummyHash ??= hashPassword(randomToken('dummy_'));
    return this.#dummyHash;
  }

  #emailKey(email: string): string {
    return hmac(this.deps.config.secret, `staff-email:${email}`).slice(0, 32);
  }

  #assertStrong(password: string, context: { email: string; name?: string }, path: string): void {
    const reason = passwordWeakness(password, context);
    if (reason) {
      throw new HttpError(400, 'PASSWORD_TOO_COMMON', reason, {
        errors: [{ path, message: reason, code: 'PASSWORD_TOO_COMMON' }],
      });
    }
  }

  #mfaRequired(row: { totp_enabled_at: string | null }): boolean {
    return this.deps.settings.current.requireStaffTotp && row.totp_enabled_at === null;
  }

  async #row(staffId: string): Promise<StaffRow> {
    const row = await this.#store.findById(staffId);
    if (!row) throw staffNotFound();
    return row;
  }

  /**
   * Opens a sealed TOTP seed. A seed that will not open was sealed under another PORTICO_SECRET: say so instead of
   * failing obscurely; an admin (or `portico staff reset-totp`) clears it.
   */
  #openSeed(sealed: string): Buffer {
    try {
      return this.#totpSeal.open(sealed);
    } catch {
      throw new HttpError(
        503,
        'TOTP_UNREADABLE',
        'Two-factor settings cannot be read on this server (was PORTICO_SECRET changed?). Ask an admin to reset your two-factor, or run `portico staff reset-totp --email <email>`.',
      );
    }
  }

  #actor(auth: StaffAuth): AuditActor {
    return { type: 'staff', id: auth.staffId, label: auth.email };
  }

  /** A staff link (an invitation or a sign-in ticket) bound to the member's email; only the token's hash is kept. */
  #link(
    purpose: StaffLinkPurpose,
    token: string,
    staff: Pick<StaffRow, 'id' | 'email'>,
    { now, ttlMs, createdBy }: { now: Date; ttlMs: number; createdBy: string | null },
  ): Insertable<LinkTokensTable> {
    return {
      id: this.deps.ids('lnk'),
      purpose,
      token_hash: sha256(token),
      user_id: null,
      account_id: null,
      staff_id: staff.id,
      email: staff.email,
      destination: null,
      created_by: createdBy,
      expires_at: new Date(now.getTime() + ttlMs).toISOString(),
      used_at: null,
      created_at: now.toISOString(),
    };
  }

  #invitationLink(
    staff: Pick<StaffRow, 'id' | 'email'>,
    token: string,
    auth: StaffAuth,
    now: Date,
  ): Insertable<LinkTokensTable> {
    const ttlMs = STAFF_INVITATION_DAYS * 86_400_000;
    return this.#link('staff_invitation', token, staff, { now, ttlMs, createdBy: auth.staffId });
  }

  // Sign-in

  /** Password sign-in: a session, or a ticket to finish with the TOTP code when the member enrolled. */
  login(input: { email: string; password: string }, meta: RequestMeta): Promise<StaffSignIn> {
    // The hashing slot is taken first, so a busy answer changes nothing and costs nothing.
    return this.deps.hashGate.run(() => this.#login(input, meta));
  }

  async #login(input: { email: string; password: string }, meta: RequestMeta): Promise<StaffSignIn> {
    const key = this.#emailKey(input.email);
    await this.deps.rate.hit(`staff-login:ip:${meta.ip ?? 'unknown'}`, STAFF_LIMITS.login.ip);
    await this.deps.rate.hit(`staff-login:email:${key}`, STAFF_LIMITS.login.email);
    await this.deps.failures.assertAllowed(`staff:${key}`);
    const staff = await this.#store.findByEmail(input.email);
    // Unknown emails and invited members without a password cost the same verify as everyone else.
    const ok = await verifyPassword(staff?.password_hash ?? (await this.#dummy()), input.password);
    if (!staff?.password_hash || !ok) {
      await this.deps.failures.recordFailure(`staff:${key}`);
      await this.deps.audit.record({
        actor: staff
          ? { type: 'staff', id: staff.id, label: staff.email }
          : { type: 'anonymous', label: input.email },
        action: 'staff.sign_in_failed',
        origin: meta,
        details: { method: 'password' },
      });
      throw new HttpError(401, 'INVALID_CREDENTIALS', 'The email or password is not right.');
    }
    await this.deps.failures.clear(`staff:${key}`);
    if (staff.disabled_at) {
      await this.deps.audit.record({
        actor: { type: 'staff', id: staff.id, label: staff.email },
        action: 'staff.sign_in_failed',
        origin: meta,
        details: { method: 'password', reason: 'disabled' },
      });
      throw new HttpError(403, 'STAFF_DISABLED', 'This staff login is disabled. Ask an admin for help.');
    }
    if (staff.totp_enabled_at) {
      const now = this.#now();
      const ticket = randomToken(STAFF_MFA_PREFIX);
      await this.#store.insertLink(
        this.#link('staff_mfa', ticket, staff, {
          now,
          ttlMs: STAFF_MFA_TICKET_SECONDS * 1000,
          createdBy: null,
        }),
      );
      return { status: 'totp_required', ticket, expiresInSeconds: STAFF_MFA_TICKET_SECONDS };
    }
    return { status: 'signed_in', ...(await this.#signIn(staff, meta, 'password')) };
  }

  /** Finishes a sign-in with the TOTP code: the ticket and the code's step are spent together. */
  async loginTotp(input: { ticket: string; code: string }, meta: RequestMeta): Promise<IssuedStaffSession> {
    await this.deps.rate.hit(`staff-totp:ip:${meta.ip ?? 'unknown'}`, STAFF_LIMITS.totp.ip);
    const now = this.#now();
    const nowIso = now.toISOString();
    const ticket = await this.#store.findLink('staff_mfa', sha256(input.ticket));
    if (!ticket || ticket.used_at || ticket.expires_at <= nowIso || ticket.attempts >= STAFF_MFA_MAX_ATTEMPTS)
      throw ticketInvalid();
    await this.deps.rate.hit(`staff-totp:staff:${ticket.staff_id}`, STAFF_LIMITS.totp.staff);
    const failureKey = `staff:totp:${ticket.staff_id}`;
    await this.deps.failures.assertAllowed(failureKey);
    const staff = await this.#store.findById(ticket.staff_id);
    if (!staff || staff.disabled_at || !staff.totp_secret) throw ticketInvalid();
    const secret = this.#openSeed(staff.totp_secret);
    const step = matchTotp(secret, input.code, now.getTime(), staff.totp_last_step);
    const redeemed =
      step === undefined
        ? 'step'
        : await this.#store.redeemTicket(ticket.id, staff.id, step, nowIso, STAFF_MFA_MAX_ATTEMPTS);
    if (redeemed === 'ticket') throw ticketInvalid();
    if (redeemed === 'step') return this.#wrongTicketCode(ticket, staff, failureKey, meta);
    await this.deps.failures.clear(failureKey);
    return this.#signIn(staff, meta, 'totp');
  }

  /** Counts a wrong (or already used) code against the ticket and the member, then refuses. */
  async #wrongTicketCode(
    ticket: StaffLinkRow,
    staff: StaffRow,
    failureKey: string,
    meta: RequestMeta,
  ): Promise<never> {
    const attempts = await this.#store.tickets.countWrongAttempt(
      ticket.id,
      STAFF_MFA_MAX_ATTEMPTS,
      this.#now().toISOString(),
    );
    await this.deps.failures.recordFailure(failureKey);
    await this.deps.audit.record({
      actor: { type: 'staff', id: staff.id, label: staff.email },
      action: 'staff.sign_in_failed',
      origin: meta,
      details: { method: 'totp' },
    });
    if (attempts === undefined) throw ticketInvalid();
    const left = STAFF_MFA_MAX_ATTEMPTS - attempts;
    if (left <= 0) {
      throw new HttpError(
        429,
        'TOO_MANY_ATTEMPTS',
        'Too many wrong codes. Sign in again with your password.',
      );
    }
    throw invalidCode(`That code is not right. ${left} ${left === 1 ? 'try' : 'tries'} left.`);
  }

  async #signIn(staff: StaffRow, meta: RequestMeta, method: string): Promise<IssuedStaffSession> {
    const now = this.#now();
    const nowIso = now.toISOString();
    // A new session id at every sign-in; a staff session that came with the request ends.
    if (meta.presentedToken?.startsWith(STAFF_SESSION_PREFIX))
      await this.#store.sessions.revokeByTokenHash(sha256(meta.presentedToken), nowIso);
    const token = randomToken(STAFF_SESSION_PREFIX);
    const expiresAt = new Date(now.getTime() + this.deps.config.staffSessionAbsoluteMs).toISOString();
    const idleExpiresAt = new Date(
      Math.min(now.getTime() + this.deps.config.staffSessionIdleMs, Date.parse(expiresAt)),
    ).toISOString();
    await this.#store.createSession({
      id: this.deps.ids('sts'),
      token_hash: sha256(token),
      staff_id: staff.id,
      created_at: nowIso,
      last_seen_at: nowIso,
      idle_expires_at: idleExpiresAt,
      expires_at: expiresAt,
      ip: meta.ip ?? null,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
      revoked_at: null,
    });
    await this.#store.noteSignIn(staff.id, nowIso);
    await this.deps.audit.record({
      actor: { type: 'staff', id: staff.id, label: staff.email },
      action: 'staff.signed_in',
      origin: meta,
      details: { method },
    });
    return {
      token,
      session: {
        staff: toMember({ ...staff, last_sign_in_at: nowIso }),
        mfaEnrolmentRequired: this.#mfaRequired(staff),
        expiresAt,
        idleExpiresAt,
      },
    };
  }

  // Sessions

  /** Resolves a staff cookie token to its principal, or undefined when it is unknown, ended or expired. */
  async authenticate(token: string): Promise<StaffAuth | undefined> {
    if (!token.startsWith(STAFF_SESSION_PREFIX) || token.length !== SESSION_TOKEN_LENGTH) return undefined;
    const row = await this.#store.findSessionByTokenHash(sha256(token));
    if (!row || row.revoked_at || row.disabled_at) return undefined;
    const now = this.#now();
    const nowIso = now.toISOString();
    if (row.expires_at <= nowIso || row.idle_expires_at <= nowIso) return undefined;
    let idleExpiresAt = row.idle_expires_at;
    if (now.getTime() - Date.parse(row.last_seen_at) >= TOUCH_EVERY_MS) {
      idleExpiresAt = new Date(
        Math.min(now.getTime() + this.deps.config.staffSessionIdleMs, Date.parse(row.expires_at)),
      ).toISOString();
      await this.#store.sessions.touch(row.id, nowIso, idleExpiresAt);
    }
    return {
      kind: 'staff',
      sessionId: row.id,
      staffId: row.staff_id,
      email: row.email,
      role: row.role,
      mfaEnrolmentRequired: this.#mfaRequired(row),
      snapshot: { ...row, idle_expires_at: idleExpiresAt } satisfies SessionSnapshot,
    };
  }

  /** The session as the console sees it, read fresh (a TOTP change in this request shows). */
  async describe(auth: StaffAuth): Promise<StaffSession> {
    const staff = await this.#store.findById(auth.staffId);
    const session =
      (auth.snapshot as SessionSnapshot | undefined) ?? (await this.#store.findSession(auth.sessionId));
    if (!staff || !session)
      throw new HttpError(401, 'UNAUTHENTICATED', 'Sign in to the staff console to continue.');
    return {
      staff: toMember(staff),
      mfaEnrolmentRequired: this.#mfaRequired(staff),
      expiresAt: session.expires_at,
      idleExpiresAt: session.idle_expires_at,
    };
  }

  async logout(auth: StaffAuth | undefined, meta: RequestMeta): Promise<void> {
    if (!auth) return;
    await this.#store.sessions.revoke(auth.sessionId, this.#now().toISOString());
    await this.deps.audit.record({ actor: this.#actor(auth), action: 'staff.signed_out', origin: meta });
  }

  /** Changes the member's own password and ends their other sessions. */
  changePassword(
    auth: StaffAuth,
    input: { currentPassword: string; newPassword: string },
    meta: RequestMeta,
  ): Promise<void> {
    return this.deps.hashGate.run(async () => {
      await this.deps.rate.hit(`staff-password:staff:${auth.staffId}`, STAFF_LIMITS.password.staff);
      const staff = await this.#row(auth.staffId);
      this.#assertStrong(input.newPassword, staff, 'newPassword');
      const ok = await verifyPassword(staff.password_hash ?? (await this.#dummy()), input.currentPassword);
      if (!staff.password_hash || !ok) {
        await this.deps.audit.record({
          actor: this.#actor(auth),
          action: 'staff.password_change_failed',
          target: { type: 'staff', id: staff.id },
          origin: meta,
        });
        const message = 'Your current password is not right.';
        throw new HttpError(400, 'INVALID_CREDENTIALS', message, {
          errors: [{ path: 'currentPassword', message, code: 'INVALID_CREDENTIALS' }],
        });
      }
      const now = this.#now().toISOString();
      await this.#store.setPassword(staff.id, await hashPassword(input.newPassword), now);
      const ended = await this.#store.sessions.revokeAllOf(staff.id, now, auth.sessionId);
      await this.deps.failures.clear(`staff:${this.#emailKey(staff.email)}`);
      await this.deps.audit.record({
        actor: this.#actor(auth),
        action: 'staff.password_changed',
        target: { type: 'staff', id: staff.id },
        origin: meta,
        details: { otherSessionsEnded: ended },
      });
    });
  }

  // TOTP

  /** Starts (or restarts) enrolment: a new secret, kept sealed as pending until a code confirms it. */
  async totpSetup(auth: StaffAuth): Promise<TotpSetup> {
    const staff = await this.#row(auth.staffId);
    const already = () =>
      new HttpError(
        409,
        'TOTP_ALREADY_ENABLED',
        'Two-factor authentication is already on. Turn it off first.',
      );
    if (staff.totp_enabled_at) throw already();
    const secretBytes = newTotpSecret();
    if (
      !(await this.#store.totp.setPending(
        staff.id,
        this.#totpSeal.seal(secretBytes),
        this.#now().toISOString(),
      ))
    )
      throw already();
    const secret = base32Encode(secretBytes);
    const otpauthUriText = otpauthUri({
      issuer: this.deps.settings.current.businessName,
      account: staff.email,
      secret,
    });
    return {
      secret,
      otpauthUri: otpauthUriText,
      qrSvg: await totpQrSvg(otpauthUriText),
    };
  }

  /** Turns TOTP on with a code of the pending secret. */
  async totpConfirm(auth: StaffAuth, code: string, meta: RequestMeta): Promise<StaffSession> {
    await this.deps.rate.hit(`staff-totp:staff:${auth.staffId}`, STAFF_LIMITS.totp.staff);
    const staff = await this.#row(auth.staffId);
    if (staff.totp_enabled_at)
      throw new HttpError(409, 'TOTP_ALREADY_ENABLED', 'Two-factor authentication is already on.');
    if (!staff.totp_pending_secret)
      throw new HttpError(400, 'TOTP_NOT_STARTED', 'Start the two-factor setup first.');
    const secret = this.#openSeed(staff.totp_pending_secret);
    const step = matchTotp(secret, code, this.#now().getTime(), null);
    if (step === undefined) throw invalidCode();
    const enabled = await this.#store.totp.enable(
      staff.id,
      staff.totp_pending_secret,
      step,
      this.#now().toISOString(),
    );
    // Another setup replaced the pending secret meanwhile: the code belongs to the old one.
    if (!enabled) throw invalidCode('That code belongs to an older setup. Scan the newest QR code.');
    await this.deps.audit.record({
      actor: this.#actor(auth),
      action: 'staff.totp_enabled',
      target: { type: 'staff', id: staff.id },
      origin: meta,
    });
    return this.describe(auth);
  }

  /** Turns the member's own TOTP off with a current code, unless the business requires it. */
  async totpDisable(auth: StaffAuth, code: string, meta: RequestMeta): Promise<StaffSession> {
    await this.deps.rate.hit(`staff-totp:staff:${auth.staffId}`, STAFF_LIMITS.totp.staff);
    if (this.deps.settings.current.requireStaffTotp) {
      throw new HttpError(
        403,
        'MFA_REQUIRED',
        'Two-factor authentication is required for staff and cannot be turned off.',
      );
    }
    const staff = await this.#row(auth.staffId);
    if (!staff.totp_secret || !staff.totp_enabled_at)
      throw new HttpError(400, 'TOTP_NOT_STARTED', 'Two-factor authentication is not on.');
    const now = this.#now();
    const step = matchTotp(this.#openSeed(staff.totp_secret), code, now.getTime(), staff.totp_last_step);
    if (step === undefined || !(await this.#store.totp.disableWithStep(staff.id, step, now.toISOString())))
      throw invalidCode();
    await this.deps.audit.record({
      actor: this.#actor(auth),
      action: 'staff.totp_disabled',
      target: { type: 'staff', id: staff.id },
      origin: meta,
    });
    return this.describe(auth);
  }

  // Staff management

  async list(): Promise<StaffMember[]> {
    return (await this.#store.list()).map(toMember);
  }

  /** Adds a staff member without a password and mails them an invitation to set one. */
  async create(auth: StaffAuth, input: StaffCreateInput, meta: RequestMeta): Promise<StaffMember> {
    if (await this.#store.findByEmail(input.email)) throw emailTaken();
    const now = this.#now();
    const row = newStaffRow({
      id: this.deps.ids('stf'),
      email: input.email,
      name: input.name,
      role: input.role,
      passwordHash: null,
      now: now.toISOString(),
    });
    const token = randomToken(STAFF_INVITATION_PREFIX);
    const inserted = await this.#store.insert(row, this.#invitationLink(row, token, auth, now));
    if (!inserted) throw emailTaken();
    await this.#mailInvitation(row, token);
    await this.deps.audit.record({
      actor: this.#actor(auth),
      action: 'staff.created',
      target: { type: 'staff', id: row.id },
      origin: meta,
      details: { email: row.email, role: row.role, via: 'invitation' },
    });
    return toMember(row);
  }

  /** Mails a staff invitation link. */
  async #mailInvitation(row: Pick<StaffRow, 'email' | 'name' | 'role'>, token: string): Promise<void> {
    const template = {
      name: 'staff-invitation',
      url: `${this.deps.config.publicUrl}/admin/invitation#token=${token}`,
      days: STAFF_INVITATION_DAYS,
      role: row.role,
      userName: row.name,
    } as const;
    await this.deps.outbox.enqueue(
      row.email,
      template.name,
      renderMail(
        template,
        { businessName: this.deps.settings.current.businessName, portalUrl: this.deps.config.publicUrl },
        'en',
      ),
    );
  }

  /**
   * Sends a fresh invitation to a member who has not accepted theirs (it expired or got lost); the older links
   * stop working. Refused with CONFLICT once they have a password.
   */
  async resendInvitation(auth: StaffAuth, staffId: string, meta: RequestMeta): Promise<StaffMember> {
    const row = await this.#store.findById(staffId);
    if (!row) throw staffNotFound();
    if (row.password_hash || row.disabled_at) {
      throw new HttpError(
        409,
        'CONFLICT',
        row.disabled_at
          ? 'This staff member is disabled. Enable them first.'
          : 'This staff member has already accepted their invitation.',
      );
    }
    const now = this.#now();
    const nowIso = now.toISOString();
    const token = randomToken(STAFF_INVITATION_PREFIX);
    await this.#store.replaceInvitation(this.#invitationLink(row, token, auth, now), nowIso);
    await this.#mailInvitation(row, token);
    await this.deps.audit.record({
      actor: this.#actor(auth),
      action: 'staff.invitation_resent',
      target: { type: 'staff', id: row.id },
      origin: meta,
    });
    return toMember(row);
  }

  /**
   * Renames, changes the role of, disables (ending their sessions at once) or re-enables a staff member. Refused
   * with LAST_ADMIN when no enabled admin would be left.
   */
  async update(
    auth: StaffAuth,
    staffId: string,
    input: StaffUpdateInput,
    meta: RequestMeta,
  ): Promise<StaffMember> {
    const before = await this.#row(staffId);
    const nowIso = this.#now().toISOString();
    const patch: Updateable<StaffTable> = {};
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (input.name !== undefined && input.name !== before.name) {
      patch.name = input.name;
      changes.name = { from: before.name, to: input.name };
    }
    if (input.role !== undefined && input.role !== before.role) {
      patch.role = input.role;
      changes.role = { from: before.role, to: input.role };
    }
    const disabling = input.disabled === true && before.disabled_at === null;
    const enabling = input.disabled === false && before.disabled_at !== null;
    if (disabling) patch.disabled_at = nowIso;
    if (enabling) patch.disabled_at = null;
    if (!Object.keys(patch).length) return toMember(before);
    const result = await this.#store.updateGuarded(staffId, { ...patch, updated_at: nowIso }, nowIso);
    if (result === 'not_found') throw staffNotFound();
    if (result === 'last_admin') {
      throw new HttpError(
        409,
        'LAST_ADMIN',
        'This change would leave no enabled admin. Make someone else an admin first.',
      );
    }
    const record = (action: string, details?: Record<string, unknown>) =>
      this.deps.audit.record({
        actor: this.#actor(auth),
        action,
        target: { type: 'staff', id: staffId },
        origin: meta,
        ...(details ? { details } : {}),
      });
    if (Object.keys(changes).length) await record('staff.updated', { changes });
    if (disabling) await record('staff.disabled');
    if (enabling) await record('staff.enabled');
    return toMember(await this.#row(staffId));
  }

  /** Clears a member's TOTP (a lost phone); they enrol again, at their next request if the business requires it. */
  async resetTotp(auth: StaffAuth | 'cli', staffId: string, meta: RequestMeta): Promise<StaffMember> {
    if (!(await this.#store.resetTotp(staffId, this.#now().toISOString()))) throw staffNotFound();
    await this.deps.failures.clear(`staff:totp:${staffId}`);
    await this.deps.audit.record({
      actor: auth === 'cli' ? { type: 'system', label: 'portico staff reset-totp' } : this.#actor(auth),
      action: 'staff.totp_reset',
      target: { type: 'staff', id: staffId },
      origin: meta,
    });
    return toMember(await this.#row(staffId));
  }

  // Invitations

  /** The invitation behind a token and its member, or LINK_INVALID for unknown, used, expired and withdrawn. */
  async #liveInvitation(token: string): Promise<{ link: StaffLinkRow; staff: StaffRow }> {
    const link = await this.#store.findLink('staff_invitation', sha256(token));
    if (!link || link.used_at || link.expires_at <= this.#now().toISOString()) throw linkInvalid();
    const staff = await this.#store.findById(link.staff_id);
    if (!staff || staff.email !== link.email || staff.password_hash || staff.disabled_at) throw linkInvalid();
    return { link, staff };
  }

  /** Who an invitation is for; does not spend it. */
  async previewInvitation(token: string, meta: RequestMeta): Promise<StaffInvitationPreview> {
    await this.deps.rate.hit(`staff-invitation:ip:${meta.ip ?? 'unknown'}`, STAFF_LIMITS.invitation.ip);
    const { link, staff } = await this.#liveInvitation(token);
    return {
      email: staff.email,
      name: staff.name,
      businessName: this.deps.settings.current.businessName,
      expiresAt: link.expires_at,
    };
  }

  /** Sets the invited member's first password, spends the invitation and signs them in. */
  async acceptInvitation(
    input: { token: string; password: string },
    meta: RequestMeta,
  ): Promise<IssuedStaffSession> {
    await this.deps.rate.hit(`staff-invitation:ip:${meta.ip ?? 'unknown'}`, STAFF_LIMITS.invitation.ip);
    const { link, staff } = await this.#liveInvitation(input.token);
    this.#assertStrong(input.password, staff, 'password');
    // Hash before spending, so a busy server refuses with the invitation still usable.
    const passwordHash = await this.deps.hashGate.run(() => hashPassword(input.password));
    if (!(await this.#store.acceptInvitation(link.id, staff.id, passwordHash, this.#now().toISOString())))
      throw linkInvalid();
    await this.deps.audit.record({
      actor: { type: 'staff', id: staff.id, label: staff.email },
      action: 'staff.invitation_accepted',
      target: { type: 'staff', id: staff.id },
      origin: meta,
    });
    return this.#signIn({ ...staff, password_hash: passwordHash }, meta, 'invitation');
  }

  // The CLI

  /**
   * Creates a staff member who can sign in at once (the CLI's `staff create`). Throws 400 PASSWORD_TOO_COMMON
   * and 409 EMAIL_TAKEN like the API.
   */
  async createWithPassword(input: {
    email: string;
    name: string;
    role: StaffRole;
    password: string;
  }): Promise<StaffMember> {
    this.#assertStrong(input.password, input, 'password');
    if (await this.#store.findByEmail(input.email)) throw emailTaken();
    const passwordHash = await this.deps.hashGate.run(() => hashPassword(input.password));
    const row = newStaffRow({
      id: this.deps.ids('stf'),
      email: input.email,
      name: input.name,
      role: input.role,
      passwordHash,
      now: this.#now().toISOString(),
    });
    if (!(await this.#store.insert(row))) throw emailTaken();
    await this.deps.audit.record({
      actor: { type: 'system', label: 'portico staff create' },
      action: 'staff.created',
      target: { type: 'staff', id: row.id },
      details: { email: row.email, role: row.role, via: 'cli' },
    });
    return toMember(row);
  }

  /** Removes staff sessions, invitations and tickets that ended over a week ago (a job runs it). */
  async sweep(): Promise<{ staffSessions: number; staffLinks: number }> {
    const weekAgo = new Date(this.#now().getTime() - 7 * 86_400_000).toISOString();
    return {
      staffSessions: await this.#store.sessions.sweep(weekAgo),
      staffLinks: await this.#store.sweepLinks(weekAgo),
    };
  }
}
