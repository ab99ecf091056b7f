import {
  type AddContactInputSchema,
  CONTACT_ROLE_PERMISSIONS,
  type Contact,
  type Permission,
  type UpdateContactInputSchema,
} from '@portico/sdk/contract';
import type * as z from 'zod';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Clock, IdGenerator } from '../../deps.js';
import { type SessionAuth, unauthenticated } from '../../http/auth.js';
import { HttpError } from '../../http/problem.js';
import type { Limit, RateLimiter } from '../../http/rate-limit.js';
import { parsePermissions } from '../account/permissions.js';
import type { AuditActor, AuditLog, AuditOrigin } from '../audit/audit-log.js';
import type { PortalLinks } from '../clients/links.js';
import type { Outbox } from '../mail/outbox.js';
import { type MailTemplate, renderMail } from '../mail/templates.js';
import type { Settings } from '../settings/settings.js';
import { type ContactRole, type ContactRow, ContactsStore, type UserRow } from './store.js';

type AddInput = z.output<typeof AddContactInputSchema>;
type UpdateInput = z.output<typeof UpdateContactInputSchema>;

/** Mails about contacts one account may cause, and reminders to one contact. */
export const CONTACT_LIMITS = {
  account: { max: 30, windowSeconds: 3600 },
  resend: { max: 5, windowSeconds: 3600 },
} as const satisfies Record<string, Limit>;

export interface ContactsDeps {
  db: Db;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditLog;
  rate: RateLimiter;
  outbox: Outbox;
  settings: Settings;
  config: Config;
  /** The invitation machinery staff invitations use (`pin_` links, 7 days, bound to the email). */
  links: PortalLinks;
}

const notFound = () => new HttpError(404, 'NOT_FOUND', 'There is no such contact on this account.');

function toContact(row: ContactRow): Contact {
  return {
    id: row.id,
    userId: row.user_id,
    // Until they join, the name the owner typed: an existing login's own name is theirs to show.
    name: row.joined_at ? row.name : (row.invited_name ?? row.name),
    email: row.email,
    role: row.role,
    permissions: parsePermissions(row.permissions),
    status: row.joined_at ? 'active' : 'invited',
    invitedAt: row.last_invited_at ?? row.created_at,
    joinedAt: row.joined_at,
    lastSignInAt: row.last_session_at ?? row.joined_at,
  };
}

/** A contact's permissions: those given, else the role's; a `custom` contact must list some. */
function permissionsFor(role: ContactRole, given: readonly Permission[] | undefined): Permission[] {
  const permissions = [...new Set(given ?? CONTACT_ROLE_PERMISSIONS[role])];
  if (role === 'custom' && permissions.length === 0) {
    const message = 'Pick at least one permission for a custom contact';
    throw new HttpError(400, 'VALIDATION_FAILED', 'The request body has invalid fields', {
      errors: [{ path: 'permissions', message, code: 'too_small' }],
    });
  }
  return permissions;
}

/**
 * The owner's contacts: other people with their own logins on the account, each with a role and per-area
 * permissions. A new person gets an invitation (a set-password link); someone who already has a password is only
 * told, never sent a link that would set it.
 */
export class ContactsService {
  readonly #d: ContactsDeps;
  readonly #store: ContactsStore;

  constructor(deps: ContactsDeps) {
    this.#d = deps;
    this.#store = new ContactsStore(deps.db);
  }

  #now(): string {
    return this.#d.clock.now().toISOString();
  }

  async #context(
    auth: SessionAuth,
  ): Promise<{ actor: AuditActor; inviterName: string; accountName: string }> {
    const [owner, account] = await Promise.all([
      this.#store.findUser(auth.userId),
      this.#store.findAccount(auth.accountId),
    ]);
    if (!owner || !account) throw unauthenticated();
    return {
      actor: { type: 'user', id: owner.id, label: owner.email },
      inviterName: owner.name,
      accountName: account.name,
    };
  }

  async #contact(accountId: string, membershipId: string): Promise<Contact> {
    const row = await this.#store.find(accountId, membershipId);
    if (!row) throw notFound();
    return toContact(row);
  }

  /** The account's contacts, oldest first. */
  async list(auth: SessionAuth): Promise<Contact[]> {
    return (await this.#store.list(auth.accountId)).map(toContact);
  }

  /**
   * Adds a contact: a new person gets a user without a password and an invitation; an existing login gets the
   * membership at once and a note by mail (or the invitation, if it has no password yet). 409 ALREADY_A_MEMBER
   * when they already belong to the account.
   */
  async add(auth: SessionAuth, input: AddInput, origin: AuditOrigin): Promise<Contact> {
    const permissions = permissionsFor(input.role, input.permissions);
    await this.#d.rate.hit(`contacts.mail:account:${auth.accountId}`, CONTACT_LIMITS.account);
    const context = await this.#context(auth);
    const membershipId = this.#d.ids('mem');
    const added = await this.#store.add({
      accountId: auth.accountId,
      email: input.email,
      name: input.name,
      role: input.role,
      permissions,
      invitedBy: auth.userId,
      newUserId: this.#d.ids('usr'),
      membershipId,
      now: this.#now(),
      audit: (user) =>
        this.#d.audit.row({
          actor: context.actor,
          action: 'contact.added',
          target: { type: 'membership', id: membershipId },
          accountId: auth.accountId,
          origin,
          details: {
            userId: user.id,
            email: input.email,
            role: input.role,
            permissions: permissions.join(' '),
          },
        }),
    });
    if (added === 'member') {
      const message = 'This person already is a member of this account';
      throw new HttpError(409, 'ALREADY_A_MEMBER', `${message}.`, {
        errors: [{ path: 'email', message, code: 'ALREADY_A_MEMBER' }],
      });
    }
    await this.#tell(added.user, auth.accountId, membershipId, context, origin);
    return this.#contact(auth.accountId, membershipId);
  }

  /**
   * Changes a contact's role and permissions. A new preset role without a list takes the role's permissions; a
   * list alone keeps the role. The contact's next request already runs with them.
   */
  async update(
    auth: SessionAuth,
    membershipId: string,
    input: UpdateInput,
    origin: AuditOrigin,
  ): Promise<Contact> {
    const current = await this.#store.find(auth.accountId, membershipId);
    if (!current) throw notFound();
    if (input.role === undefined && input.permissions === undefined) return toContact(current);
    const role = (input.role ?? current.role) as ContactRole;
    const permissions = permissionsFor(
      role,
      input.permissions ??
        (input.role && input.role !== 'custom' ? undefined : parsePermissions(current.permissions)),
    );
    const { actor } = await this.#context(auth);
    const updated = await this.#store.update(
      auth.accountId,
      membershipId,
      { role, permissions },
      this.#d.audit.row({
        actor,
        action: 'contact.updated',
        target: { type: 'membership', id: membershipId },
        accountId: auth.accountId,
        origin,
        details: {
          userId: current.user_id,
          email: current.email,
          role,
          permissions: permissions.join(' '),
          previousRole: current.role,
          previousPermissions: parsePermissions(current.permissions).join(' '),
        },
      }),
    );
    if (!updated) throw notFound();
    return this.#contact(auth.accountId, membershipId);
  }

  /**
   * Removes a contact: their membership, sessions and API tokens on this account end together, and their unused
   * invitation to it is spent. Their login stays for their other accounts.
   */
  async remove(auth: SessionAuth, membershipId: string, origin: AuditOrigin): Promise<void> {
    const { actor } = await this.#context(auth);
    const removed = await this.#store.remove(auth.accountId, membershipId, this.#now(), (removal) =>
      this.#d.audit.row({
        actor,
        action: 'contact.removed',
        target: { type: 'membership', id: membershipId },
        accountId: auth.accountId,
        origin,
        details: {
          userId: removal.userId,
          email: removal.email,
          sessionsEnded: removal.sessionsEnded,
          tokensRevoked: removal.tokensRevoked,
        },
      }),
    );
    if (!removed) throw notFound();
  }

  /** Sends a contact who has not joined yet a fresh invitation (older ones stop working). */
  async resendInvitation(auth: SessionAuth, membershipId: string, origin: AuditOrigin): Promise<Contact> {
    const current = await this.#store.find(auth.accountId, membershipId);
    if (!current) throw notFound();
    if (current.joined_at) {
      throw new HttpError(409, 'CONFLICT', 'This contact has already joined; there is nothing to resend.');
    }
    await this.#d.rate.hit(`contacts.resend:${membershipId}`, CONTACT_LIMITS.resend);
    await this.#d.rate.hit(`contacts.mail:account:${auth.accountId}`, CONTACT_LIMITS.account);
    const user = await this.#store.findUser(current.user_id);
    if (!user) throw notFound();
    await this.#tell(user, auth.accountId, membershipId, await this.#context(auth), origin);
    return this.#contact(auth.accountId, membershipId);
  }

  /**
   * Tells a new contact: a login without a password gets an invitation that sets one; a login with a password
   * only a note (a set-password link would let whoever holds the mail replace a working password).
   */
  async #tell(
    user: UserRow,
    accountId: string,
    membershipId: string,
    context: { actor: AuditActor; inviterName: string; accountName: string },
    origin: AuditOrigin,
  ): Promise<void> {
    if (user.disabled_at) return;
    const { inviterName, accountName } = context;
    if (user.password_hash) {
      await this.#mail(user, { name: 'contact-added', accountName, inviterName });
    } else {
      await this.#d.links.invite({
        user,
        accountId,
        accountName,
        by: { actor: context.actor, origin },
        mail: ({ url, days }) => ({
          name: 'contact-invitation',
          url,
          days,
          accountName,
          inviterName,
          userName: user.name,
        }),
      });
    }
    await this.#d.audit.record({
      actor: context.actor,
      action: 'contact.invited',
      target: { type: 'membership', id: membershipId },
      accountId,
      origin,
      details: { userId: user.id, email: user.email, link: !user.password_hash },
    });
  }

  async #mail(user: UserRow, template: MailTemplate): Promise<void> {
    const brand = {
      businessName: this.#d.settings.current.businessName,
      portalUrl: this.#d.settings.portalUrl(this.#d.config.publicUrl),
    };
    await this.#d.outbox.enqueue(user.email, template.name, renderMail(template, brand, user.locale));
  }
}
