import type {
  BackupCodes as BackupCodesAnswer,
  ClientTotpSetup,
  SecurityOverview,
} from '@portico/sdk/contract';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Clock, IdGenerator } from '../../deps.js';
import { type SessionAuth, unauthenticated } from '../../http/auth.js';
import type { FailureTracker, Limit, RateLimiter } from '../../http/rate-limit.js';
import type { AuditActor, AuditLog, AuditOrigin } from '../audit/audit-log.js';
import { Sealer } from '../auth/seal.js';
import { base32Encode, matchTotp, newTotpSecret, otpauthUri, totpQrSvg } from '../auth/totp.js';
import type { SecurityEvent } from '../mail/templates.js';
import type { Settings } from '../settings/settings.js';
import { BackupCodes } from './backup-codes.js';
import {
  invalidCode,
  portalUserNotFound,
  totpAlreadyEnabled,
  totpNotEnabled,
  totpSetupExpired,
  totpUnreadable,
} from './errors.js';
import type { SecurityNotices } from './notices.js';
import { type NewBackupCodes, TwoFactorStore, type UserRow } from './two-factor-store.js';

/** Minutes a TOTP enrolment may take between the QR code and the confirming code. */
export const TOTP_SETUP_MINUTES = 15;
/** Code checks per user on the security page (enable, disable, regenerate), besides the failure tracker. */
export const SECURITY_CODE_LIMIT: Limit = { max: 10, windowSeconds: 900 };

/**
 * The failure-tracker key of a user's second factor. Wrong codes at sign-in and on the security page all count
 * toward it, so guessing is throttled across sign-in tickets and routes alike.
 */
export const secondFactorFailureKey = (userId: string): string => `mfa:user:${userId}`;

export interface TwoFactorDeps {
  db: Db;
  settings: Settings;
  notices: SecurityNotices;
  audit: AuditLog;
  rate: RateLimiter;
  failures: FailureTracker;
  clock: Clock;
  ids: IdGenerator;
  config: Config;
}

/**
 * A client login's TOTP and backup codes: enrolment (secret sealed at rest, 15 minutes to confirm), turning it
 * off, replacing backup codes, a staff reset, and checking codes for the sign-in step.
 */
export class TwoFactor {
  readonly store: TwoFactorStore;
  readonly #d: TwoFactorDeps;
  readonly #seal: Sealer;
  readonly #codes: BackupCodes;

  constructor(deps: TwoFactorDeps) {
    this.#d = deps;
    this.store = new TwoFactorStore(deps.db);
    this.#seal = new Sealer(deps.config.secret, 'client-totp');
    this.#codes = new BackupCodes(deps.config.secret);
  }

  #now(): Date {
    return this.#d.clock.now();
  }

  async #user(userId: string): Promise<UserRow> {
    const user = await this.store.findUser(userId);
    // The session was just authenticated, so its user exists; a race with a deletion reads as signed out.
    if (!user) throw unauthenticated();
    return user;
  }

  #open(sealed: string): Buffer {
    try {
      return this.#seal.open(sealed);
    } catch {
      throw totpUnreadable();
    }
  }

  #newCodes(userId: string): { codes: string[]; stored: NewBackupCodes } {
    const { codes, hashes } = this.#codes.generate(userId);
    return { codes, stored: { ids: codes.map(() => this.#d.ids('bkc')), hashes } };
  }

  #actor(user: UserRow): AuditActor {
    return { type: 'user', id: user.id, label: user.email };
  }

  /** Rate limit and failure lock of the security page's code checks. */
  async #guard(userId: string): Promise<void> {
    await this.#d.rate.hit(`security-code:user:${userId}`, SECURITY_CODE_LIMIT);
    await this.#d.failures.assertAllowed(secondFactorFailureKey(userId));
  }

  async #wrongCode(userId: string): Promise<never> {
    await this.#d.failures.recordFailure(secondFactorFailureKey(userId));
    throw invalidCode();
  }

  /** A right code changed the user's two-factor: the failure count starts again, the owner is told, it is audited. */
  async #changed(
    user: UserRow,
    auth: SessionAuth,
    origin: AuditOrigin,
    change: { notice: SecurityEvent; action: string; details?: Record<string, unknown> },
  ): Promise<void> {
    await this.#d.failures.clear(secondFactorFailureKey(user.id));
    await this.#d.notices.send(user, change.notice);
    await this.#d.audit.record({
      actor: this.#actor(user),
      action: change.action,
      target: { type: 'user', id: user.id },
      accountId: auth.accountId,
      origin,
      details: change.details,
    });
  }

  // Checking codes

  /** The unused step a TOTP code of the user's enabled secret belongs to (±1 step), or undefined. */
  matchTotp(user: UserRow, code: string, at: Date): number | undefined {
    if (!user.totp_secret || !user.totp_enabled_at) return undefined;
    return matchTotp(this.#open(user.totp_secret), code, at.getTime(), user.totp_last_step);
  }

  /** The unused backup code of the user that `code` is, or undefined. */
  async matchBackupCode(userId: string, code: string): Promise<{ id: string } | undefined> {
    return this.#codes.match(userId, code, await this.store.unusedBackupCodes(userId));
  }

  // The security page

  async overview(auth: SessionAuth): Promise<SecurityOverview> {
    const user = await this.#user(auth.userId);
    const enabled = user.totp_enabled_at !== null;
    const codes = await this.store.backupCodeStatus(user.id);
    return {
      hasPassword: user.password_hash !== null,
      totp: { enabled, enabledAt: user.totp_enabled_at },
      backupCodes: enabled ? codes : { remaining: 0, generatedAt: null },
      passkeys: await this.store.countPasskeys(user.id),
    };
  }

  /** Starts (or restarts) enrolment: a new 160-bit secret, kept sealed as pending for 15 minutes. */
  async setup(auth: SessionAuth): Promise<ClientTotpSetup> {
    const user = await this.#user(auth.userId);
    if (user.totp_enabled_at) throw totpAlreadyEnabled();
    const secretBytes = newTotpSecret();
    if (!(await this.store.totp.setPending(user.id, this.#seal.seal(secretBytes), this.#now().toISOString())))
      throw totpAlreadyEnabled();
    const secret = base32Encode(secretBytes);
    const uri = otpauthUri({ issuer: this.#d.settings.current.businessName, account: user.email, secret });
    return { secret, uri, qrSvg: await totpQrSvg(uri) };
  }

  /** Confirms enrolment with a code of the pending secret: TOTP on, and ten backup codes shown this once. */
  async enable(auth: SessionAuth, code: string, origin: AuditOrigin): Promise<BackupCodesAnswer> {
    await this.#guard(auth.userId);
    const user = await this.#user(auth.userId);
    if (user.totp_enabled_at) throw totpAlreadyEnabled();
    const now = this.#now();
    const started = user.totp_pending_at ? Date.parse(user.totp_pending_at) : Number.NaN;
    if (!user.totp_pending_secret || !(now.getTime() - started <= TOTP_SETUP_MINUTES * 60_000))
      throw totpSetupExpired();
    const step = matchTotp(this.#open(user.totp_pending_secret), code, now.getTime(), null);
    if (step === undefined) return this.#wrongCode(user.id);
    const { codes, stored } = this.#newCodes(user.id);
    const nowIso = now.toISOString();
    // Refused when another setup replaced the pending secret meanwhile: the code belongs to the old one.
    if (!(await this.store.enable(user.id, user.totp_pending_secret, step, stored, nowIso)))
      throw totpSetupExpired();
    await this.#changed(user, auth, origin, { notice: 'totp-enabled', action: 'security.totp_enabled' });
    return { codes, generatedAt: nowIso };
  }

  /** Turns TOTP off with a current code from the app or a backup code; the backup codes go too. */
  async disable(auth: SessionAuth, code: string, origin: AuditOrigin): Promise<void> {
    await this.#guard(auth.userId);
    const user = await this.#user(auth.userId);
    if (!user.totp_enabled_at) throw totpNotEnabled();
    const now = this.#now();
    const nowIso = now.toISOString();
    const usingTotp = code.length === 6;
    let done = false;
    if (usingTotp) {
      const step = this.matchTotp(user, code, now);
      done = step !== undefined && (await this.store.disableWithStep(user.id, step, nowIso));
    } else {
      const backup = await this.matchBackupCode(user.id, code);
      done = backup !== undefined && (await this.store.disableWithBackupCode(user.id, backup.id, nowIso));
    }
    if (!done) return this.#wrongCode(user.id);
    await this.#changed(user, auth, origin, {
      notice: 'totp-disabled',
      action: 'security.totp_disabled',
      details: { secondFactor: usingTotp ? 'totp' : 'backup_code' },
    });
  }

  /** Replaces every backup code; a current code from the app is required. */
  async regenerateBackupCodes(
    auth: SessionAuth,
    code: string,
    origin: AuditOrigin,
  ): Promise<BackupCodesAnswer> {
    await this.#guard(auth.userId);
    const user = await this.#user(auth.userId);
    if (!user.totp_enabled_at) throw totpNotEnabled();
    const now = this.#now();
    const nowIso = now.toISOString();
    const step = this.matchTotp(user, code, now);
    const { codes, stored } = this.#newCodes(user.id);
    if (step === undefined || !(await this.store.regenerateWithStep(user.id, step, stored, nowIso)))
      return this.#wrongCode(user.id);
    await this.#changed(user, auth, origin, {
      notice: 'backup-codes-regenerated',
      action: 'security.backup_codes_regenerated',
    });
    return { codes, generatedAt: nowIso };
  }

  /**
   * Staff turn off a user's TOTP and backup codes (they lost both); passkeys stay. The user is told by email
   * when anything was on; the reset is audited either way.
   */
  async reset(userId: string, by: { actor: AuditActor; origin?: AuditOrigin | undefined }): Promise<void> {
    const { found, wasOn } = await this.store.reset(userId, this.#now().toISOString());
    if (!found) throw portalUserNotFound();
    await this.#d.failures.clear(secondFactorFailureKey(userId));
    const user = await this.#user(userId);
    if (wasOn) await this.#d.notices.send(user, 'two-factor-reset');
    await this.#d.audit.record({
      actor: by.actor,
      action: 'security.two_factor_reset',
      target: { type: 'user', id: userId },
      origin: by.origin,
      details: { email: user.email, wasOn },
    });
  }
}
