import type { InvitationPreview, MagicLink, MagicLinkPreview } from '@portico/sdk/contract';
import type { Config } from '../../config.js';
import type { Clock, IdGenerator } from '../../deps.js';
import { HttpError } from '../../http/problem.js';
import type { HashGate, Limit, RateLimiter } from '../../http/rate-limit.js';
import type { AuditActor, AuditLog, AuditOrigin } from '../audit/audit-log.js';
import { hashPassword, passwordWeakness } from '../auth/passwords.js';
import { randomToken, sha256 } from '../auth/secrets.js';
import type { AuthService, RequestMeta, SignInOutcome } from '../auth/service.js';
import type { Outbox } from '../mail/outbox.js';
import { type MailTemplate, renderMail } from '../mail/templates.js';
import type { Settings } from '../settings/settings.js';
import type { ClientLinkPurpose, ClientsStore, LinkTokenRow, UserRow } from './store.js';

/** Minutes a magic link lives (DESIGN.md: sign-in links 10 minutes, after ASVS 6.5.5 and NIST 800-63B rev 4). */
export const MAGIC_LINK_TTL_MINUTES = 10;
/** Days an invitation lives. */
export const INVITATION_TTL_DAYS = 7;
/** Attempts per IP at the public link routes: previews (the page load) and spends (the button). */
export const LINK_LIMITS = {
  preview: { max: 30, windowSeconds: 900 },
  use: { max: 20, windowSeconds: 900 },
} as const satisfies Record<string, Limit>;

/** Who made a link and from where, for the audit log. */
export interface LinkIssuer {
  actor: AuditActor;
  origin?: AuditOrigin | undefined;
}

export interface LinksDeps {
  store: ClientsStore;
  settings: Settings;
  outbox: Outbox;
  auth: AuthService;
  rate: RateLimiter;
  hashGate: HashGate;
  clock: Clock;
  ids: IdGenerator;
  config: Config;
  audit: AuditLog;
}

/** Unknown, used, expired and revoked links all get this one answer, so a guesser learns nothing. */
const linkInvalid = () =>
  new HttpError(400, 'LINK_INVALID', 'This link is not valid any more. Ask for a new one.');

const accountDisabled = () =>
  new HttpError(403, 'ACCOUNT_DISABLED', 'This login is disabled. Contact us for help.');

/** `ada@example.com` → `a•••@example.com`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return `${email.slice(0, Math.min(1, at))}•••${email.slice(at)}`;
}

/**
 * The absolute URL a destination path lands on inside the portal, or undefined when it would leave the portal's
 * origin (the contract already refuses `//host` and `\`; this also guards whatever a URL parser might make of it).
 */
export function resolveDestination(destination: string, portalUrl: string): string | undefined {
  const base = portalUrl.replace(/\/+$/, '');
  const origin = new URL(base).origin;
  if (!destination.startsWith('/') || !URL.canParse(destination, base)) return undefined;
  if (new URL(destination, base).origin !== origin) return undefined;
  const url = new URL(base + destination);
  return url.origin === origin ? url.href : undefined;
}

/**
 * Magic links and invitations: issuing them (256-bit tokens, stored as SHA-256), showing what they are for
 * without spending them, and spending them exactly once.
 */
export class PortalLinks {
  readonly #d: LinksDeps;

  constructor(deps: LinksDeps) {
    this.#d = deps;
  }

  #now(): Date {
    return this.#d.clock.now();
  }

  /** Where the server's own pages (the magic-link and invitation pages) answer. */
  #hostedUrl(): string {
    return this.#d.settings.hostedUrl(this.#d.config.publicUrl).replace(/\/+$/, '');
  }

  #portalUrl(): string {
    return this.#d.settings.portalUrl(this.#d.config.publicUrl);
  }

  async #mail(user: UserRow, template: MailTemplate): Promise<void> {
    const brand = { businessName: this.#d.settings.current.businessName, portalUrl: this.#portalUrl() };
    await this.#d.outbox.enqueue(user.email, template.name, renderMail(template, brand, user.locale));
  }

  async #issue(
    store: ClientsStore,
    purpose: ClientLinkPurpose,
    prefix: string,
    input: { user: UserRow; accountId: string; destination: string | null; by: LinkIssuer; ttlMs: number },
  ): Promise<{ id: string; token: string; expiresAt: string }> {
    const now = this.#now();
    const id = this.#d.ids('lnk');
    const token = randomToken(prefix);
    const expiresAt = new Date(now.getTime() + input.ttlMs).toISOString();
    await store.insertLink({
      id,
      purpose,
      token_hash: sha256(token),
      user_id: input.user.id,
      account_id: input.accountId,
      staff_id: null,
      email: input.user.email,
      destination: input.destination,
      created_by: input.by.actor.id ?? null,
      expires_at: expiresAt,
      used_at: null,
      created_at: now.toISOString(),
    });
    return { id, token, expiresAt };
  }

  /**
   * A magic link for a user on one of their accounts (the caller checked both). The token travels in the URL's
   * fragment, so it never reaches a server log or a Referer header.
   */
  async issueMagicLink(input: {
    user: UserRow;
    accountId: string;
    destination: string | null;
    by: LinkIssuer;
  }): Promise<MagicLink & { linkId: string }> {
    const link = await this.#issue(this.#d.store, 'magic_link', 'pml_', {
      ...input,
      ttlMs: MAGIC_LINK_TTL_MINUTES * 60_000,
    });
    await this.#d.audit.record({
      actor: input.by.actor,
      action: 'magic_link.created',
      target: { type: 'user', id: input.user.id },
      accountId: input.accountId,
      origin: input.by.origin,
      details: { linkId: link.id, destination: input.destination },
    });
    return {
      url: `${this.#hostedUrl()}/magic-link#token=${link.token}`,
      expiresAt: link.expiresAt,
      linkId: link.id,
    };
  }

  /** Mails a fresh magic link to a user. */
  async mailMagicLink(input: {
    user: UserRow;
    accountId: string;
    destination: string | null;
    by: LinkIssuer;
  }): Promise<MagicLink> {
    const link = await this.issueMagicLink(input);
    await this.#mail(input.user, { name: 'magic-link', url: link.url, minutes: MAGIC_LINK_TTL_MINUTES });
    return { url: link.url, expiresAt: link.expiresAt };
  }

  /**
   * Invites a user to an account (the caller checked both): older unused invitations of theirs are spent, the new
   * one is bound to their current email, and they get it by mail (`mail` picks another template than the portal
   * invitation, e.g. a contact's).
   */
  async invite(input: {
    user: UserRow;
    accountId: string;
    accountName: string;
    by: LinkIssuer;
    mail?: (link: { url: string; days: number }) => MailTemplate;
  }): Promise<{ expiresAt: string }> {
    const now = this.#now().toISOString();
    const link = await this.#d.store.transaction(async (tx) => {
      await tx.spendInvitationsOf(input.user.id, input.accountId, now);
      await tx.markInvited(input.user.id, now);
      return this.#issue(tx, 'invitation', 'pin_', {
        ...input,
        destination: null,
        ttlMs: INVITATION_TTL_DAYS * 86_400_000,
      });
    });
    const url = `${this.#hostedUrl()}/invitation#token=${link.token}`;
    await this.#mail(
      input.user,
      input.mail?.({ url, days: INVITATION_TTL_DAYS }) ?? {
        name: 'portal-invitation',
        url,
        days: INVITATION_TTL_DAYS,
        accountName: input.accountName,
        userName: input.user.name,
      },
    );
    await this.#d.audit.record({
      actor: input.by.actor,
      action: 'invitation.sent',
      target: { type: 'user', id: input.user.id },
      accountId: input.accountId,
      origin: input.by.origin,
      details: { linkId: link.id, email: input.user.email },
    });
    return { expiresAt: link.expiresAt };
  }

  /**
   * A live link with its user and account, checked for use: still bound to the user's current email and to an
   * account they still belong to. A disabled user or account is a 403 (the link stays unspent).
   */
  async #usable(
    purpose: ClientLinkPurpose,
    token: string,
    meta: RequestMeta,
    limit: keyof typeof LINK_LIMITS,
  ): Promise<{ link: LinkTokenRow & { account_id: string }; user: UserRow; accountName: string }> {
    await this.#d.rate.hit(`${purpose}.${limit}:ip:${meta.ip ?? 'unknown'}`, LINK_LIMITS[limit]);
    const link = await this.#d.store.findLiveLink(purpose, sha256(token), this.#now().toISOString());
    if (!link?.user_id || !link.account_id) throw linkInvalid();
    const user = await this.#d.store.findUser(link.user_id);
    if (!user || user.email !== link.email) throw linkInvalid();
    const membership = (await this.#d.store.membershipsOf(user.id)).find(
      (m) => m.account_id === link.account_id,
    );
    if (!membership) throw linkInvalid();
    if (user.disabled_at || membership.account_status !== 'active') throw accountDisabled();
    return { link: { ...link, account_id: link.account_id }, user, accountName: membership.account_name };
  }

  /** What a magic link is for, without spending it. */
  async previewMagicLink(token: string, meta: RequestMeta): Promise<MagicLinkPreview> {
    const { link, user } = await this.#usable('magic_link', token, meta, 'preview');
    return {
      email: maskEmail(user.email),
      businessName: this.#d.settings.current.businessName,
      expiresAt: link.expires_at,
    };
  }

  /**
   * Spends a magic link and signs its user in on its account (or, for a login with two-factor, answers the
   * ticket that finishes the sign-in: the link never skips it). `next` is the absolute URL of its destination in
   * the portal, or null.
   */
  async redeemMagicLink(
    token: string,
    meta: RequestMeta,
  ): Promise<{ outcome: SignInOutcome; next: string | null }> {
    const { link, user } = await this.#usable('magic_link', token, meta, 'use');
    if (!(await this.#d.store.spendLink(link.id, this.#now().toISOString()))) throw linkInvalid();
    const next = link.destination ? (resolveDestination(link.destination, this.#portalUrl()) ?? null) : null;
    const outcome = await this.#d.auth.signInUser(user.id, meta, {
      accountId: link.account_id,
      method: 'magic_link',
      next,
    });
    await this.#d.audit.record({
      actor: { type: 'user', id: user.id, label: user.email },
      action: 'magic_link.used',
      target: { type: 'link', id: link.id },
      accountId: link.account_id,
      origin: meta,
      details: { createdBy: link.created_by },
    });
    return { outcome, next };
  }

  /** Who an invitation is for, without spending it. */
  async previewInvitation(token: string, meta: RequestMeta): Promise<InvitationPreview> {
    const { link, user, accountName } = await this.#usable('invitation', token, meta, 'preview');
    return {
      email: user.email,
      name: user.name,
      accountName,
      businessName: this.#d.settings.current.businessName,
      expiresAt: link.expires_at,
    };
  }

  /**
   * Accepts an invitation: the password is checked and hashed first (a refusal or a busy server leaves the link
   * unspent), then the link is spent, the password set, the address marked proved (the link came to it) and the
   * invitee signed in (or asked for their second factor). Sessions the user had before end, as after any
   * password change.
   */
  async acceptInvitation(
    input: { token: string; password: string; name?: string | undefined },
    meta: RequestMeta,
  ): Promise<SignInOutcome> {
    const { link, user } = await this.#usable('invitation', input.token, meta, 'use');
    const reason = passwordWeakness(input.password, { email: user.email, name: input.name ?? user.name });
    if (reason) {
      throw new HttpError(400, 'PASSWORD_TOO_COMMON', reason, {
        errors: [{ path: 'password', message: reason, code: 'PASSWORD_TOO_COMMON' }],
      });
    }
    const passwordHash = await this.#d.hashGate.run(() => hashPassword(input.password));
    const now = this.#now().toISOString();
    const spent = await this.#d.store.transaction(async (tx) => {
      if (!(await tx.spendLink(link.id, now))) return false;
      await tx.completeInvitation(user.id, { passwordHash, name: input.name, now });
      await tx.revokeUserSessions(user.id, now);
      return true;
    });
    if (!spent) throw linkInvalid();
    const outcome = await this.#d.auth.signInUser(user.id, meta, {
      accountId: link.account_id,
      method: 'invitation',
    });
    await this.#d.audit.record({
      actor: { type: 'user', id: user.id, label: user.email },
      action: 'invitation.accepted',
      target: { type: 'link', id: link.id },
      accountId: link.account_id,
      origin: meta,
    });
    return outcome;
  }
}
