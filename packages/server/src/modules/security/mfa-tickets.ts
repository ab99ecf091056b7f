import type { MfaRequired } from '@portico/sdk/contract';
import type { Clock, IdGenerator } from '../../deps.js';
import type { FailureTracker, Limit, RateLimiter } from '../../http/rate-limit.js';
import type { AuditLog, AuditOrigin } from '../audit/audit-log.js';
import { randomToken, sha256 } from '../auth/secrets.js';
import { invalidCode, ticketInvalid, tooManyCodes } from './errors.js';
import type { SecurityNotices } from './notices.js';
import { secondFactorFailureKey, type TwoFactor } from './two-factor.js';
import type { MfaTicketRow, Redemption, UserRow } from './two-factor-store.js';

/** Prefix of the ticket between a sign-in's first step and its second factor. */
export const MFA_TICKET_PREFIX = 'pmt_';
/** How long the ticket lives. */
export const MFA_TICKET_SECONDS = 300;
/** Wrong codes that kill a ticket. */
export const MFA_MAX_ATTEMPTS = 5;
/** Second-factor checks per IP (as code checks at sign-in) and per user, across tickets. */
export const MFA_LIMITS = {
  ip: { max: 50, windowSeconds: 900 },
  user: { max: 20, windowSeconds: 900 },
} as const satisfies Record<string, Limit>;

/** The second factors a sign-in ticket accepts. */
export type SecondFactor = 'totp' | 'backup_code';

/** A sign-in whose second factor is in: who, on which account, and how both steps were made. */
export interface SecondFactorProof {
  user: UserRow;
  /** The account the first step chose (a magic link's or invitation's, else the one last used). */
  accountId: string | null;
  /** How the first step was made (`password`, `magic_link`, ...). */
  method: string;
  secondFactor: SecondFactor;
}

export interface MfaTicketsDeps {
  twoFactor: TwoFactor;
  notices: SecurityNotices;
  audit: AuditLog;
  rate: RateLimiter;
  failures: FailureTracker;
  clock: Clock;
  ids: IdGenerator;
}

/**
 * Two-factor sign-in tickets (`pmt_`, 256 bits, stored as SHA-256): made when a first step succeeds for a login
 * with TOTP, spent by one right TOTP or backup code within 5 minutes and 5 tries. The ticket and the code are
 * spent in one transaction, so parallel right answers make exactly one session.
 */
export class MfaTickets {
  readonly #d: MfaTicketsDeps;

  constructor(deps: MfaTicketsDeps) {
    this.#d = deps;
  }

  get #store() {
    return this.#d.twoFactor.store;
  }

  /** A ticket for a user whose first step just succeeded. No session exists until it is spent. */
  async issue(input: {
    userId: string;
    accountId: string | null;
    method: string;
    next?: string | null | undefined;
    ip: string | undefined;
  }): Promise<MfaRequired> {
    const now = this.#d.clock.now();
    const ticket = randomToken(MFA_TICKET_PREFIX);
    await this.#store.insertTicket({
      id: this.#d.ids('mft'),
      token_hash: sha256(ticket),
      user_id: input.userId,
      account_id: input.accountId,
      method: input.method,
      next: input.next ?? null,
      ip: input.ip ?? null,
      expires_at: new Date(now.getTime() + MFA_TICKET_SECONDS * 1000).toISOString(),
      used_at: null,
      created_at: now.toISOString(),
    });
    return {
      status: 'mfa_required',
      ticket,
      methods: ['totp', 'backup_code'],
      expiresInSeconds: MFA_TICKET_SECONDS,
    };
  }

  /**
   * Spends a ticket with a 6-digit TOTP code (±1 step, a used step never again) or a 16-character backup code
   * (single use; the owner is mailed how many are left). Wrong codes count against the ticket and the user.
   */
  async complete(input: { ticket: string; code: string }, origin: AuditOrigin): Promise<SecondFactorProof> {
    const { rate, failures, twoFactor } = this.#d;
    await rate.hit(`mfa:ip:${origin.ip ?? 'unknown'}`, MFA_LIMITS.ip);
    const now = this.#d.clock.now();
    const nowIso = now.toISOString();
    const ticket = await this.#store.findTicket(sha256(input.ticket));
    if (!ticket || ticket.used_at || ticket.expires_at <= nowIso || ticket.attempts >= MFA_MAX_ATTEMPTS)
      throw ticketInvalid();
    await rate.hit(`mfa:user:${ticket.user_id}`, MFA_LIMITS.user);
    const failureKey = secondFactorFailureKey(ticket.user_id);
    await failures.assertAllowed(failureKey);
    const user = await this.#store.findUser(ticket.user_id);
    // Two-factor was reset (or the login disabled) since the first step: that sign-in is over.
    if (!user || user.disabled_at || !user.totp_enabled_at) throw ticketInvalid();
    const secondFactor: SecondFactor = input.code.length === 6 ? 'totp' : 'backup_code';
    let redeemed: Redemption = 'code';
    if (secondFactor === 'totp') {
      const step = twoFactor.matchTotp(user, input.code, now);
      if (step !== undefined)
        redeemed = await this.#store.redeemWithStep(ticket.id, user.id, step, nowIso, MFA_MAX_ATTEMPTS);
    } else {
      const backup = await twoFactor.matchBackupCode(user.id, input.code);
      if (backup)
        redeemed = await this.#store.redeemWithBackupCode(
          ticket.id,
          user.id,
          backup.id,
          nowIso,
          MFA_MAX_ATTEMPTS,
        );
    }
    if (redeemed === 'ticket') throw ticketInvalid();
    if (redeemed === 'code') return this.#wrongCode(ticket, user, secondFactor, origin);
    await failures.clear(failureKey);
    if (secondFactor === 'backup_code') {
      const { remaining } = await this.#store.backupCodeStatus(user.id);
      await this.#d.notices.send(user, 'backup-code-used', String(remaining));
    }
    return { user, accountId: ticket.account_id, method: ticket.method, secondFactor };
  }

  /** Counts a wrong (or already used) code against the ticket and the user, audits it, then refuses. */
  async #wrongCode(
    ticket: MfaTicketRow,
    user: UserRow,
    secondFactor: SecondFactor,
    origin: AuditOrigin,
  ): Promise<never> {
    const attempts = await this.#store.tickets.countWrongAttempt(
      ticket.id,
      MFA_MAX_ATTEMPTS,
      this.#d.clock.now().toISOString(),
    );
    await this.#d.failures.recordFailure(secondFactorFailureKey(user.id));
    await this.#d.audit.record({
      actor: { type: 'user', id: user.id, label: user.email },
      action: 'auth.mfa_failed',
      accountId: ticket.account_id,
      origin,
      details: { method: ticket.method, secondFactor },
    });
    if (attempts === undefined) throw ticketInvalid();
    const left = MFA_MAX_ATTEMPTS - attempts;
    if (left <= 0) throw tooManyCodes();
    throw invalidCode(left);
  }

  /** Deletes tickets that expired before `before`. */
  sweep(before: string): Promise<number> {
    return this.#store.sweepTickets(before);
  }
}
