import type {
  ChangeEmailInput,
  ChangePasswordInput,
  CodeSent,
  ConfirmEmailChangeInput,
  PasswordChanged,
} from '@portico/sdk/contract';
import type { Config } from '../../config.js';
import type { Clock } from '../../deps.js';
import { type SessionAuth, unauthenticated } from '../../http/auth.js';
import { HttpError } from '../../http/problem.js';
import type { FailureTracker, HashGate, Limit, RateLimiter } from '../../http/rate-limit.js';
import type { AuditLog, AuditOrigin } from '../audit/audit-log.js';
import { CODE_TTL_MINUTES, type Codes } from '../auth/codes.js';
import { hashPassword, passwordWeakness, verifyPassword } from '../auth/passwords.js';
import { maskEmail } from '../clients/links.js';
import type { Outbox } from '../mail/outbox.js';
import { type MailTemplate, renderMail } from '../mail/templates.js';
import type { Settings } from '../settings/settings.js';
import { type AccountStore, EmailTakenError, type UserRow } from './store.js';

/** Rate limits of the credential changes. */
export const CREDENTIAL_LIMITS = {
  /** Password confirmations (email and password changes), per user and IP. */
  confirmPassword: { max: 10, windowSeconds: 900 },
  /** Email-change codes sent, per user. */
  sendEmailCode: { max: 5, windowSeconds: 900 },
  /** Email-change codes checked, per user and IP. */
  checkEmailCode: { max: 20, windowSeconds: 900 },
} as const satisfies Record<string, Limit>;

/** What the credential changes use. */
export interface CredentialDeps {
  store: AccountStore;
  codes: Codes;
  outbox: Outbox;
  settings: Settings;
  config: Config;
  rate: RateLimiter;
  failures: FailureTracker;
  hashGate: HashGate;
  clock: Clock;
  audit: AuditLog;
}

/**
 * Changes to how a signed-in person signs in: their email address (proved with a code sent to the new address)
 * and their password. Both need the current password, checked with growing delays after wrong tries.
 */
export class CredentialChanges {
  constructor(private readonly d: CredentialDeps) {}

  #now(): string {
    return this.d.clock.now().toISOString();
  }

  async #user(auth: SessionAuth): Promise<UserRow> {
    const user = await this.d.store.findUser(auth.userId);
    if (!user) throw unauthenticated();
    return user;
  }

  async #mail(to: string, locale: string, template: MailTemplate): Promise<void> {
    const brand = {
      businessName: this.d.settings.current.businessName,
      portalUrl: this.d.settings.portalUrl(this.d.config.publicUrl),
    };
    await this.d.outbox.enqueue(to, template.name, renderMail(template, brand, locale));
  }

  /**
   * Checks the current password (the caller holds a hashing slot). Wrong tries are rate-limited per user and IP,
   * counted per user with growing delays, and audited.
   */
  async #confirmPassword(
    user: UserRow,
    password: string,
    origin: AuditOrigin,
    field: 'password' | 'currentPassword',
    purpose: 'change_email' | 'change_password',
  ): Promise<void> {
    await this.d.rate.hit(`reauth:${user.id}:${origin.ip ?? 'unknown'}`, CREDENTIAL_LIMITS.confirmPassword);
    if (!user.password_hash) {
      const message = 'Your login has no password yet. Set one with "Forgot password" first.';
      throw new HttpError(400, 'NO_PASSWORD', message, {
        errors: [{ path: field, message, code: 'NO_PASSWORD' }],
      });
    }
    const key = `reauth:${user.id}`;
    await this.d.failures.assertAllowed(key);
    if (!(await verifyPassword(user.password_hash, password))) {
      await this.d.failures.recordFailure(key);
      await this.d.audit.record({
        actor: { type: 'user', id: user.id, label: user.email },
        action: 'security.password_confirmation_failed',
        origin,
        details: { purpose },
      });
      const message = 'That is not your current password.';
      throw new HttpError(400, 'WRONG_PASSWORD', message, {
        errors: [{ path: field, message, code: 'WRONG_PASSWORD' }],
      });
    }
    await this.d.failures.clear(key);
  }

  /**
   * Starts an email change: after the password, a code goes to the new address. When that address already
   * belongs to another login, the answer is the same but its owner is told instead and the code is a decoy, so
   * nobody learns which addresses are registered. Two logins asking for the same new address within 15 minutes
   * share its challenge: the later request voids the earlier code and only the first requester can confirm.
   */
  requestEmailChange(auth: SessionAuth, input: ChangeEmailInput, origin: AuditOrigin): Promise<CodeSent> {
    return this.d.hashGate.run(async () => {
      const user = await this.#user(auth);
      await this.#confirmPassword(user, input.password, origin, 'password', 'change_email');
      if (input.email === user.email) {
        const message = 'That already is your email address.';
        throw new HttpError(400, 'VALIDATION_FAILED', message, {
          errors: [{ path: 'email', message, code: 'SAME_EMAIL' }],
        });
      }
      await this.d.rate.hit(`change_email.send:${user.id}`, CREDENTIAL_LIMITS.sendEmailCode);
      const holder = await this.d.store.findUserByEmail(input.email);
      if (holder) {
        await this.d.codes.issue('change_email', input.email, null);
        await this.#mail(input.email, holder.locale, { name: 'email-change-in-use' });
      } else {
        const issued = await this.d.codes.issue('change_email', input.email, user.id);
        if (issued) await this.#mail(input.email, user.locale, { name: 'email-change-code', ...issued });
      }
      return {
        status: 'code_sent',
        email: input.email,
        expiresInSeconds: CODE_TTL_MINUTES.change_email * 60,
      };
    });
  }

  /**
   * Finishes an email change with the code: the login's address becomes the new one, proved now; the old
   * address is told (with the new one masked). An address another login took meanwhile is a 409.
   */
  async confirmEmailChange(
    auth: SessionAuth,
    input: ConfirmEmailChangeInput,
    origin: AuditOrigin,
  ): Promise<void> {
    await this.d.rate.hit(
      `change_email.check:${auth.userId}:${origin.ip ?? 'unknown'}`,
      CREDENTIAL_LIMITS.checkEmailCode,
    );
    await this.d.codes.redeem('change_email', input.email, input.code, auth.userId);
    const user = await this.#user(auth);
    const message = 'That email address now belongs to another login. Nothing changed.';
    const taken = () =>
      new HttpError(409, 'CONFLICT', message, { errors: [{ path: 'email', message, code: 'CONFLICT' }] });
    const holder = await this.d.store.findUserByEmail(input.email);
    if (holder && holder.id !== user.id) throw taken();
    try {
      await this.d.store.changeEmail(
        user.id,
        input.email,
        this.#now(),
        this.d.audit.row({
          actor: { type: 'user', id: user.id, label: user.email },
          action: 'security.email_changed',
          origin,
          details: { from: user.email, to: input.email },
        }),
      );
    } catch (error) {
      if (error instanceof EmailTakenError) throw taken();
      throw error;
    }
    await this.#mail(user.email, user.locale, {
      name: 'security-notice',
      event: 'email-changed',
      detail: maskEmail(input.email),
    });
  }

  /** Changes the password (the current one is required), optionally ending every other session of the login. */
  changePassword(
    auth: SessionAuth,
    input: ChangePasswordInput,
    origin: AuditOrigin,
  ): Promise<PasswordChanged> {
    return this.d.hashGate.run(async () => {
      const user = await this.#user(auth);
      await this.#confirmPassword(user, input.currentPassword, origin, 'currentPassword', 'change_password');
      const reason = passwordWeakness(input.newPassword, { email: user.email, name: user.name });
      if (reason) {
        throw new HttpError(400, 'PASSWORD_TOO_COMMON', reason, {
          errors: [{ path: 'newPassword', message: reason, code: 'PASSWORD_TOO_COMMON' }],
        });
      }
      const passwordHash = await hashPassword(input.newPassword);
      const now = this.#now();
      await this.d.store.setPassword(user.id, passwordHash, now);
      const endOthers = input.endOtherSessions === true;
      const endedSessions = endOthers ? await this.d.store.endOtherSessions(user.id, auth.sessionId, now) : 0;
      await this.#mail(user.email, user.locale, { name: 'password-changed', othersEnded: endOthers });
      await this.d.audit.record({
        actor: { type: 'user', id: user.id, label: user.email },
        action: 'security.password_changed',
        origin,
        details: { endedSessions },
      });
      return { endedSessions };
    });
  }
}
