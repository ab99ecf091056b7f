import type { CodeSent, MfaRequired, ProfileField, Session } from '@portico/sdk/contract';
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { ChallengePurpose } from '../../db/schema.js';
import type { Clock, IdGenerator } from '../../deps.js';
import { type SessionAuth, unauthenticated } from '../../http/auth.js';
import { HttpError } from '../../http/problem.js';
import type { FailureTracker, HashGate, RateLimiter } from '../../http/rate-limit.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Outbox } from '../mail/outbox.js';
import { type MailTemplate, renderMail } from '../mail/templates.js';
import { memberAccess } from '../account/permissions.js';
import type { Places } from '../account/places.js';
import type { RegistrationEvents } from './registrations.js';
import type { MfaTickets } from '../security/mfa-tickets.js';
import type { Settings } from '../settings/settings.js';
import { hashPassword, passwordWeakness, verifyPassword } from './passwords.js';
import { CODE_TTL_MINUTES, Codes } from './codes.js';
import { hmac, randomToken, sha256 } from './secrets.js';
import type { AuthStore, ChallengeRow, UserRow } from './store.js';

export { CODE_TTL_MINUTES, MAX_CODE_ATTEMPTS, MAX_CODE_SENDS } from './codes.js';
/**
 * Code requests answer no sooner than this, so the extra work a registered email causes (rendering and queueing
 * the mail) cannot be told apart by timing. Far above that work (about 1 ms), far below what a person notices.
 */
export const CODE_REQUEST_FLOOR_MS = 20;
/** How often a session's last-seen time is written (saves a write per request). */
const TOUCH_EVERY_MS = 60_000;

/** Rate limits per route, per IP and per email. */
export const AUTH_LIMITS = {
  register: { ip: { max: 10, windowSeconds: 3600 }, email: { max: 5, windowSeconds: 3600 } },
  sendCode: { ip: { max: 20, windowSeconds: 900 }, email: { max: 5, windowSeconds: 900 } },
  checkCode: { ip: { max: 50, windowSeconds: 900 }, email: { max: 20, windowSeconds: 900 } },
  login: { ip: { max: 50, windowSeconds: 900 }, email: { max: 20, windowSeconds: 900 } },
} as const;

export interface RequestMeta {
  ip: string | undefined;
  userAgent: string | undefined;
  /** The session token presented with this request, if any: a sign-in ends it (new session id). */
  presentedToken: string | undefined;
  /** The country a trusted proxy's header gave (`PORTICO_GEO_HEADER`); preferred to the IP lookup. */
  country?: string | undefined;
  /** The server's first-party referral cookie (`portico_ref`), set by a click on an affiliate's link. */
  referral?: string | undefined;
}

/** A freshly issued session: the secret token (shown once) and what the client sees. */
export interface IssuedSession {
  token: string;
  session: Session;
}

/**
 * What a sign-in step comes to: a session, or (for a login with two-factor) the ticket to finish it with a code.
 * No session exists in the second case, so nothing may be delivered to the browser.
 */
export type SignInOutcome = IssuedSession | MfaRequired;

/** Whether a sign-in still needs its second factor. */
export function needsSecondFactor(outcome: SignInOutcome): outcome is MfaRequired {
  return 'status' in outcome && outcome.status === 'mfa_required';
}

interface Deps {
  store: AuthStore;
  outbox: Outbox;
  settings: Settings;
  rate: RateLimiter;
  failures: FailureTracker;
  hashGate: HashGate;
  clock: Clock;
  ids: IdGenerator;
  config: Config;
  logger: Logger;
  audit: AuditLog;
  places: Places;
  /** Two-factor sign-in tickets: every first step of a login with TOTP ends in one instead of a session. */
  tickets: MfaTickets;
  /** Told of every completed registration (the affiliate programme attributes it). */
  registrations?: RegistrationEvents;
}

/** How someone signed in, for the audit log. */
export type SignInMethod =
  | 'password'
  | 'email_code'
  | 'email_verification'
  | 'password_reset'
  | 'magic_link'
  | 'invitation'
  | 'passkey';

/** Runs `work` and settles (either way) no sooner than `ms` of wall time after it started. */
async function atLeast<T>(ms: number, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    const left = ms - (performance.now() - started);
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
  }
}

type SessionSnapshot = NonNullable<Awaited<ReturnType<AuthStore['findSessionByTokenHash']>>>;

type AccountRow = Awaited<ReturnType<AuthStore['listAccounts']>>[number];

function toSession(
  user: Pick<UserRow, 'id' | 'email' | 'name' | 'email_verified_at' | 'locale' | 'created_at'>,
  active: AccountRow,
  rows: AccountRow[],
  expiresAt: string,
  idleExpiresAt: string,
  required: readonly ProfileField[],
): Session {
  const summary = ({ id, name, role }: AccountRow) => ({ id, name, role });
  return {
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      emailVerifiedAt: user.email_verified_at,
      locale: user.locale,
      createdAt: user.created_at,
    },
    account: summary(active),
    accounts: rows.filter((a) => a.status === 'active').map(summary),
    ...memberAccess(active, active, required),
    expiresAt,
    idleExpiresAt,
  };
}

/** The rules of signing up, in and out. Routes do HTTP; the store does SQL. */
export class AuthService {
  readonly #d: Deps;
  readonly #codes: Codes;
  #dummyHash: Promise<string> | undefined;

  constructor(deps: Deps) {
    this.#d = deps;
    this.#codes = new Codes({
      store: deps.store,
      secret: deps.config.secret,
      clock: deps.clock,
      ids: deps.ids,
    });
  }

  /** A hash to verify against when the email is unknown, so both paths cost one argon2 verify. */
  #dummy(): Promise<string> {
    this.#dummyHash ??= hashPassword(randomToken('dummy_'));
    return this.#dummyHash;
  }

  #emailKey(email: string): string {
    return hmac(this.#d.config.secret, `email:${email}`).slice(0, 32);
  }

  async #limit(kind: keyof typeof AUTH_LIMITS, meta: RequestMeta, email: string): Promise<void> {
    const limits = AUTH_LIMITS[kind];
    await this.#d.rate.hit(`${kind}:ip:${meta.ip ?? 'unknown'}`, limits.ip);
    await this.#d.rate.hit(`${kind}:email:${this.#emailKey(email)}`, limits.email);
  }

  #now(): Date {
    return this.#d.clock.now();
  }

  #codeSent(email: string, purpose: ChallengePurpose): CodeSent {
    return { status: 'code_sent', email, expiresInSeconds: CODE_TTL_MINUTES[purpose] * 60 };
  }

  #brand() {
    return { businessName: this.#d.settings.current.businessName, portalUrl: this.#d.config.publicUrl };
  }

  async #mail(to: string, locale: string, template: MailTemplate): Promise<void> {
    await this.#d.outbox.enqueue(to, template.name, renderMail(template, this.#brand(), locale));
  }

  #assertStrong(password: string, context: { email: string; name?: string }): void {
    const reason = passwordWeakness(password, context);
    if (reason) {
      throw new HttpError(400, 'PASSWORD_TOO_COMMON', reason, {
        errors: [{ path: 'password', message: reason, code: 'PASSWORD_TOO_COMMON' }],
      });
    }
  }

  /**
   * Issues (or re-sends) a code. For an unknown email a decoy challenge with no user and no mail is made, so
   * everything a caller can observe (answers, counts, lockouts) is the same whether or not the email is known.
   */
  async #issueCode(
    purpose: ChallengePurpose,
    email: string,
    user: UserRow | undefined,
    mail: ((code: string, minutes: number) => MailTemplate) | undefined,
    payload?: Record<string, unknown>,
  ): Promise<void> {
    const issued = await this.#codes.issue(purpose, email, user && mail ? user.id : null, payload);
    if (issued && user && mail) await this.#mail(email, user.locale, mail(issued.code, issued.minutes));
  }

  /** Checks a code and spends it. Exactly one of any number of parallel right answers succeeds. */
  async #redeemCode(
    purpose: ChallengePurpose,
    email: string,
    code: string,
  ): Promise<ChallengeRow & { user_id: string }> {
    return this.#codes.redeem(purpose, email, code);
  }

  // Registration

  async register(
    input: {
      name: string;
      email: string;
      password: string;
      locale?: string | undefined;
      referral?: string | undefined;
    },
    meta: RequestMeta,
  ): Promise<CodeSent> {
    // The hashing slot is taken before anything else, so a busy answer changes nothing and costs nothing.
    return this.#d.hashGate.run(() => this.#register(input, meta));
  }

  async #register(
    input: {
      name: string;
      email: string;
      password: string;
      locale?: string | undefined;
      referral?: string | undefined;
    },
    meta: RequestMeta,
  ): Promise<CodeSent> {
    await this.#limit('register', meta, input.email);
    this.#assertStrong(input.password, input);
    // Hash before looking the email up: known and unknown emails cost the same.
    const passwordHash = await hashPassword(input.password);
    const locale = input.locale ?? 'en';
    const now = this.#now().toISOString();
    const existing = await this.#d.store.findUserByEmail(input.email);
    // Who referred them travels with the code and counts once the address is proven.
    const referral = input.referral || meta.referral || undefined;
    const referred = referral ? { referral } : {};
    const verifyMail = (name: string) => (code: string, minutes: number) =>
      ({ name: 'verify-email', code, minutes, userName: name }) as const;
    if (!existing) {
      const userId = this.#d.ids('usr');
      await this.#d.store.createUserWithAccount({
        userId,
        accountId: this.#d.ids('acct'),
        membershipId: this.#d.ids('mem'),
        email: input.email,
        name: input.name,
        passwordHash,
        locale,
        currency: this.#d.settings.current.defaultCurrency,
        verifiedAt: null,
        now,
      });
      const user = await this.#d.store.findUser(userId);
      await this.#issueCode(
        'verify_email',
        input.email,
        user,
        verifyMail(input.name),
        referral ? referred : undefined,
      );
    } else if (!existing.email_verified_at) {
      // Nobody proved this address yet: the latest registrant's details win, the wrong-try count stays.
      await this.#d.store.updateUnverifiedUser(existing.id, input.name, passwordHash, locale, now);
      // Someone invited as a contact (unverified, owning nothing) who signs up also gets an account of their own.
      const ownsAccount = (await this.#d.store.listAccounts(existing.id)).some((a) => a.role === 'owner');
      await this.#issueCode(
        'verify_email',
        input.email,
        { ...existing, name: input.name, locale },
        verifyMail(input.name),
        ownsAccount
          ? referral
            ? referred
            : undefined
          : { action: 'add_account', accountName: input.name, ...referred },
      );
    } else if (this.#d.settings.current.allowDuplicateAccounts && !existing.disabled_at) {
      await this.#issueCode('verify_email', input.email, existing, verifyMail(existing.name), {
        action: 'add_account',
        accountName: input.name,
        ...referred,
      });
    } else {
      // Refuse without saying so: a decoy code, and the owner is told by email.
      await this.#issueCode('verify_email', input.email, undefined, undefined);
      await this.#mail(input.email, existing.locale, { name: 'account-exists' });
    }
    return this.#codeSent(input.email, 'verify_email');
  }

  async verifyEmail(input: { email: string; code: string }, meta: RequestMeta): Promise<SignInOutcome> {
    await this.#limit('checkCode', meta, input.email);
    const challenge = await this.#redeemCode('verify_email', input.email, input.code);
    const now = this.#now().toISOString();
    const payload = challenge.payload
      ? (JSON.parse(challenge.payload) as { action?: string; accountName?: string; referral?: string })
      : {};
    let accountId: string | undefined;
    if (payload.action === 'add_account') {
      accountId = this.#d.ids('acct');
      await this.#d.store.addAccount(challenge.user_id, {
        accountId,
        membershipId: this.#d.ids('mem'),
        name: payload.accountName ?? 'New account',
        currency: this.#d.settings.current.defaultCurrency,
        now,
      });
    }
    // The code proves the address (a no-op for a login verified already).
    await this.#d.store.markVerified(challenge.user_id, now);
    const registeredAccount =
      accountId ?? (await this.#d.store.listAccounts(challenge.user_id)).find((a) => a.role === 'owner')?.id;
    if (payload.referral && registeredAccount && this.#d.registrations) {
      await this.#d.registrations.emit(
        { userId: challenge.user_id, accountId: registeredAccount, referral: payload.referral, now },
        this.#d.logger,
      );
    }
    return this.#signIn(challenge.user_id, meta, accountId, 'email_verification');
  }

  resendCode(input: { email: string }, meta: RequestMeta): Promise<CodeSent> {
    return atLeast(CODE_REQUEST_FLOOR_MS, () => this.#resendCode(input, meta));
  }

  async #resendCode(input: { email: string }, meta: RequestMeta): Promise<CodeSent> {
    await this.#limit('sendCode', meta, input.email);
    const user = await this.#d.store.findUserByEmail(input.email);
    const challenge = await this.#d.store.latestChallenge('verify_email', input.email);
    // Only a live challenge for a real pending registration gets a mail; every caller gets the same answer.
    const real = user && challenge?.user_id === user.id;
    await this.#issueCode(
      'verify_email',
      input.email,
      real ? user : undefined,
      real ? (code, minutes) => ({ name: 'verify-email', code, minutes, userName: user.name }) : undefined,
    );
    return this.#codeSent(input.email, 'verify_email');
  }

  // Password sign-in

  async login(input: { email: string; password: string }, meta: RequestMeta): Promise<SignInOutcome> {
    return this.#d.hashGate.run(() => this.#login(input, meta));
  }

  async #login(input: { email: string; password: string }, meta: RequestMeta): Promise<SignInOutcome> {
    await this.#limit('login', meta, input.email);
    const key = this.#emailKey(input.email);
    await this.#d.failures.assertAllowed(key);
    const user = await this.#d.store.findUserByEmail(input.email);
    const hash = user?.password_hash ?? (await this.#dummy());
    const ok = await verifyPassword(hash, input.password);
    if (!user?.password_hash || !ok) {
      await this.#d.failures.recordFailure(key);
      await this.#d.audit.record({
        actor: user
          ? { type: 'user', id: user.id, label: user.email }
          : { type: 'anonymous', label: input.email },
        action: 'auth.sign_in_failed',
        origin: meta,
        details: { method: 'password' },
      });
      throw new HttpError(401, 'INVALID_CREDENTIALS', 'The email or password is not right.');
    }
    await this.#d.failures.clear(key);
    if (user.disabled_at)
      throw new HttpError(403, 'ACCOUNT_DISABLED', 'This login is disabled. Contact us for help.');
    if (!user.email_verified_at) {
      await this.#issueCode('verify_email', user.email, user, (code, minutes) => ({
        name: 'verify-email',
        code,
        minutes,
        userName: user.name,
      }));
      throw new HttpError(
        403,
        'EMAIL_NOT_VERIFIED',
        `Confirm your email first: we sent a code to ${user.email}.`,
      );
    }
    return this.#signIn(user, meta, undefined, 'password');
  }

  // Email code sign-in

  requestLoginCode(input: { email: string }, meta: RequestMeta): Promise<CodeSent> {
    return this.#mailCodeToUser('login', 'login-code', input, meta);
  }

  /**
   * Mails a sign-in or reset code when the email belongs to a usable login (a decoy otherwise), answering no
   * sooner than the floor either way.
   */
  #mailCodeToUser(
    purpose: 'login' | 'reset',
    template: 'login-code' | 'reset-code',
    input: { email: string },
    meta: RequestMeta,
  ): Promise<CodeSent> {
    return atLeast(CODE_REQUEST_FLOOR_MS, async () => {
      await this.#limit('sendCode', meta, input.email);
      const user = await this.#d.store.findUserByEmail(input.email);
      const usable = user && !user.disabled_at ? user : undefined;
      await this.#issueCode(
        purpose,
        input.email,
        usable,
        usable ? (code, minutes) => ({ name: template, code, minutes }) : undefined,
      );
      return this.#codeSent(input.email, purpose);
    });
  }

  async loginWithCode(input: { email: string; code: string }, meta: RequestMeta): Promise<SignInOutcome> {
    await this.#limit('checkCode', meta, input.email);
    const challenge = await this.#redeemCode('login', input.email, input.code);
    // The code proves the address, so it also verifies an unverified one.
    await this.#d.store.markVerified(challenge.user_id, this.#now().toISOString());
    await this.#d.failures.clear(this.#emailKey(input.email));
    return this.#signIn(challenge.user_id, meta, undefined, 'email_code');
  }

  // Password reset

  requestPasswordReset(input: { email: string }, meta: RequestMeta): Promise<CodeSent> {
    return this.#mailCodeToUser('reset', 'reset-code', input, meta);
  }

  async resetPassword(
    input: { email: string; code: string; password: string },
    meta: RequestMeta,
  ): Promise<SignInOutcome> {
    await this.#limit('checkCode', meta, input.email);
    this.#assertStrong(input.password, { email: input.email });
    // Hash first so a busy server refuses before the code is spent.
    const passwordHash = await this.#d.hashGate.run(() => hashPassword(input.password));
    const challenge = await this.#redeemCode('reset', input.email, input.code);
    const now = this.#now().toISOString();
    const user = await this.#d.store.findUser(challenge.user_id);
    if (!user) throw new HttpError(400, 'INVALID_CODE', 'That code is not right.');
    await this.#d.store.setPassword(user.id, passwordHash, now);
    await this.#d.store.markVerified(user.id, now);
    await this.#d.store.sessions.revokeAllOf(user.id, now);
    await this.#d.failures.clear(this.#emailKey(input.email));
    await this.#mail(user.email, user.locale, { name: 'password-changed' });
    return this.#signIn(user.id, meta, undefined, 'password_reset');
  }

  // Sessions

  /**
   * Signs a user in after another module proved who they are (a magic link, an accepted invitation): a new
   * session on `accountId` when they belong to it (else the account they last used, else their first), recorded
   * in the audit log; or, for a login with two-factor, the ticket to finish with a code (carrying `next`).
   */
  signInUser(
    userId: string,
    meta: RequestMeta,
    options: { accountId?: string | undefined; method: SignInMethod; next?: string | null | undefined },
  ): Promise<SignInOutcome> {
    return this.#signIn(userId, meta, options.accountId, options.method, options.next);
  }

  /**
   * Signs a user in after a proof that is two factors on its own (a passkey with user verification: something
   * they have, unlocked by something they know or are), so no TOTP step follows.
   */
  async signInWithStrongProof(userId: string, meta: RequestMeta, method: 'passkey'): Promise<IssuedSession> {
    const user = this.#usable(await this.#d.store.findUser(userId));
    return this.#createSession(user, meta, await this.#pickAccount(user, undefined), { method });
  }

  /** Finishes a two-factor sign-in: the ticket and the code are spent together, then the session is made. */
  async completeMfa(input: { ticket: string; code: string }, meta: RequestMeta): Promise<IssuedSession> {
    const proof = await this.#d.tickets.complete(input, meta);
    const user = this.#usable(proof.user);
    return this.#createSession(user, meta, await this.#pickAccount(user, proof.accountId ?? undefined), {
      method: proof.method,
      secondFactor: proof.secondFactor,
    });
  }

  /**
   * Moves the session to another account of the same login (one it is a member of, and active); the next sign-in
   * starts there too. Any other id is 404, whether or not the account exists.
   */
  async switchAccount(auth: SessionAuth, accountId: string, meta: RequestMeta): Promise<Session> {
    const accounts = await this.#d.store.listAccounts(auth.userId);
    const target = accounts.find((a) => a.id === accountId && a.status === 'active');
    if (!target) throw new HttpError(404, 'ACCOUNT_NOT_FOUND', 'You have no account with that id.');
    if (
      !(await this.#d.store.switchSessionAccount(
        auth.sessionId,
        auth.userId,
        target.id,
        this.#now().toISOString(),
      ))
    )
      throw unauthenticated();
    const snapshot = auth.snapshot as SessionSnapshot | undefined;
    await this.#d.audit.record({
      actor: { type: 'user', id: auth.userId, label: snapshot?.email ?? null },
      action: 'auth.account_switched',
      accountId: target.id,
      origin: meta,
      details: { from: auth.accountId, to: target.id },
    });
    return this.describe({ ...auth, accountId: target.id });
  }

  #usable(user: UserRow | undefined): UserRow {
    if (!user || user.disabled_at) {
      throw new HttpError(403, 'ACCOUNT_DISABLED', 'This login is disabled. Contact us for help.');
    }
    return user;
  }

  /** The account a sign-in lands on: the one asked for, else the one last used, else the first (all active). */
  async #pickAccount(
    user: UserRow,
    preferredAccountId: string | undefined,
  ): Promise<{ account: AccountRow; accounts: AccountRow[] }> {
    const accounts = await this.#d.store.listAccounts(user.id);
    const active = accounts.filter((a) => a.status === 'active');
    const account =
      active.find((a) => a.id === preferredAccountId) ??
      active.find((a) => a.id === user.last_account_id) ??
      active[0];
    if (!account) {
      throw new HttpError(
        403,
        'ACCOUNT_DISABLED',
        'Every account of this login is disabled. Contact us for help.',
      );
    }
    return { account, accounts };
  }

  /**
   * The one place every sign-in path ends: a login with TOTP gets a two-factor ticket (email never skips it);
   * everyone else gets a session.
   */
  async #signIn(
    who: string | UserRow,
    meta: RequestMeta,
    preferredAccountId: string | undefined,
    method: SignInMethod,
    next?: string | null,
  ): Promise<SignInOutcome> {
    const user = this.#usable(typeof who === 'string' ? await this.#d.store.findUser(who) : who);
    const picked = await this.#pickAccount(user, preferredAccountId);
    if (user.totp_enabled_at) {
      return this.#d.tickets.issue({
        userId: user.id,
        accountId: picked.account.id,
        method,
        next,
        ip: meta.ip,
      });
    }
    return this.#createSession(user, meta, picked, { method });
  }

  async #createSession(
    user: UserRow,
    meta: RequestMeta,
    { account, accounts }: { account: AccountRow; accounts: AccountRow[] },
    details: { method: string; secondFactor?: string },
  ): Promise<IssuedSession> {
    const now = this.#now();
    // A new session id at every sign-in; whatever session came with the request ends.
    if (meta.presentedToken)
      await this.#d.store.sessions.revokeByTokenHash(sha256(meta.presentedToken), now.toISOString());
    const token = randomToken('ps_');
    const expiresAt = new Date(now.getTime() + this.#d.config.sessionAbsoluteMs).toISOString();
    const idleExpiresAt = new Date(
      Math.min(now.getTime() + this.#d.config.sessionIdleMs, Date.parse(expiresAt)),
    ).toISOString();
    await this.#d.store.createSession({
      id: this.#d.ids('ses'),
      token_hash: sha256(token),
      user_id: user.id,
      account_id: account.id,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      idle_expires_at: idleExpiresAt,
      expires_at: expiresAt,
      ip: meta.ip ?? null,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
      revoked_at: null,
      country: meta.country ?? this.#d.places.countryOf(meta.ip),
    });
    await this.#d.audit.record({
      actor: { type: 'user', id: user.id, label: user.email },
      action: 'auth.signed_in',
      accountId: account.id,
      origin: meta,
      details,
    });
    const fresh = { ...user, email_verified_at: user.email_verified_at ?? now.toISOString() };
    return {
      token,
      session: toSession(
        fresh,
        account,
        accounts,
        expiresAt,
        idleExpiresAt,
        this.#d.settings.current.requiredProfileFields,
      ),
    };
  }

  /** Resolves a bearer or cookie token to its principal, or undefined when it is unknown, ended or expired. */
  async authenticate(token: string): Promise<SessionAuth | undefined> {
    if (!token.startsWith('ps_') || token.length > 100) return undefined;
    const row = await this.#d.store.findSessionByTokenHash(sha256(token));
    if (!row || row.revoked_at || row.disabled_at || row.account_status !== 'active') return undefined;
    const now = this.#now();
    const nowIso = now.toISOString();
    if (row.expires_at <= nowIso || row.idle_expires_at <= nowIso) return undefined;
    let idleExpiresAt = row.idle_expires_at;
    if (now.getTime() - Date.parse(row.last_seen_at) >= TOUCH_EVERY_MS) {
      idleExpiresAt = new Date(
        Math.min(now.getTime() + this.#d.config.sessionIdleMs, Date.parse(row.expires_at)),
      ).toISOString();
      await this.#d.store.sessions.touch(row.id, nowIso, idleExpiresAt);
    }
    return {
      kind: 'session',
      sessionId: row.id,
      userId: row.user_id,
      accountId: row.account_id,
      role: row.role,
      ...memberAccess(
        row,
        { company: row.account_company, phone: row.account_phone, address: row.account_address },
        this.#d.settings.current.requiredProfileFields,
      ),
      snapshot: { ...row, idle_expires_at: idleExpiresAt },
    };
  }

  /** The session as the client sees it. */
  async describe(auth: SessionAuth): Promise<Session> {
    const snapshot = auth.snapshot as SessionSnapshot | undefined;
    const user = snapshot
      ? {
          id: auth.userId,
          email: snapshot.email,
          name: snapshot.name,
          email_verified_at: snapshot.email_verified_at,
          locale: snapshot.locale,
          created_at: snapshot.user_created_at,
        }
      : await this.#d.store.findUser(auth.userId);
    const session = snapshot ?? (await this.#d.store.findSession(auth.sessionId));
    if (!user || !session) throw unauthenticated();
    const accounts = await this.#d.store.listAccounts(auth.userId);
    const account = accounts.find((a) => a.id === auth.accountId && a.status === 'active');
    if (!account) throw unauthenticated();
    return toSession(
      user,
      account,
      accounts,
      session.expires_at,
      session.idle_expires_at,
      this.#d.settings.current.requiredProfileFields,
    );
  }

  async logout(auth: SessionAuth | undefined): Promise<void> {
    if (auth) await this.#d.store.sessions.revoke(auth.sessionId, this.#now().toISOString());
  }

  /** Removes ended sessions, codes and two-factor tickets (a job runs it). */
  async sweep(): Promise<{ sessions: number; challenges: number; mfaTickets: number }> {
    const now = this.#now();
    const weekAgo = new Date(now.getTime() - 7 * 86_400_000).toISOString();
    return {
      sessions: await this.#d.store.sessions.sweep(weekAgo),
      challenges: await this.#d.store.sweepChallenges(weekAgo),
      mfaTickets: await this.#d.tickets.sweep(now.toISOString()),
    };
  }
}
