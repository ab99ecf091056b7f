import type {
  Address,
  BulkResult,
  ClientCreateInputSchema,
  ClientDetail,
  ClientListQuerySchema,
  ClientSummary,
  ClientUpdateInputSchema,
  InviteInputSchema,
  LoginEmailInputSchema,
  MagicLink,
  MagicLinkInputSchema,
  PortalUser,
  PortalUsersPage,
  PortalUsersQuerySchema,
} from '@portico/sdk/contract';
import type { Logger } from 'pino';
import type * as z from 'zod';
import type { Db } from '../../db/database.js';
import { encodeCursor, readKeysetCursor } from '../../http/cursor.js';
import { HttpError } from '../../http/problem.js';
import { type LinkIssuer, type LinksDeps, PortalLinks, resolveDestination } from './links.js';
import {
  ClientsStore,
  type Keyset,
  type MembershipRole,
  type PortalUserStatus,
  type UserRow,
} from './store.js';

/** What the clients service uses: what its links (PortalLinks) use, but the store it makes itself. */
export interface ClientsDeps extends Omit<LinksDeps, 'store'> {
  db: Db;
  logger: Logger;
}

/** Who does something and from where, for the audit log: a staff member, or the system (the import). */
export type Actor = LinkIssuer;

type ClientCreate = z.output<typeof ClientCreateInputSchema>;
type ClientUpdate = z.output<typeof ClientUpdateInputSchema>;
type ClientListQuery = z.output<typeof ClientListQuerySchema>;
type PortalUsersQuery = z.output<typeof PortalUsersQuerySchema>;
type MagicLinkInput = z.output<typeof MagicLinkInputSchema>;
type InviteInput = z.output<typeof InviteInputSchema>;
type LoginEmailInput = z.output<typeof LoginEmailInputSchema>;
type BulkOutcome = BulkResult['results'][number];

/** Page size when a list query does not say. */
export const DEFAULT_PAGE_SIZE = 50;

const clientNotFound = () => new HttpError(404, 'CLIENT_NOT_FOUND', 'There is no such client.');
const portalUserNotFound = () =>
  new HttpError(404, 'PORTAL_USER_NOT_FOUND', 'There is no such portal user on that client.');
const accountDisabled = () =>
  new HttpError(403, 'ACCOUNT_DISABLED', 'This login or client is disabled. Enable it first.');

/** Reads a list cursor made by `keysetCursor`; anything else is the same 400 as a tampered cursor. */
function keysetOf(cursor: string | undefined): Keyset | undefined {
  const key = readKeysetCursor(cursor, 'c');
  return key && { createdAt: key.value, id: key.id };
}

/** One page from `limit + 1` rows: the items and the cursor after the last one, when there are more. */
function page<R, T>(
  rows: R[],
  limit: number,
  key: (row: R) => Keyset,
  map: (row: R) => T,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const next = rows.length > limit && last ? key(last) : undefined;
  return { items: items.map(map), nextCursor: next ? encodeCursor({ c: next.createdAt, i: next.id }) : null };
}

/** Empty optional text clears the field. */
const orNull = (value: string | undefined): string | null => (value ? value : null);

/** Joined once they signed in; invited once an invitation went out; else not invited. */
function portalStatus(user: { invited_at: string | null; last_sign_in_at: string | null }): PortalUserStatus {
  if (user.last_sign_in_at) return 'joined';
  return user.invited_at ? 'invited' : 'not_invited';
}

function toPortalUser(row: {
  user_id: string;
  account_id: string;
  account_name: string;
  account_status: 'active' | 'disabled';
  email: string;
  name: string;
  role: MembershipRole;
  invited_at: string | null;
  last_sign_in_at: string | null;
  disabled_at: string | null;
  totp_enabled_at: string | null;
}): PortalUser {
  return {
    userId: row.user_id,
    accountId: row.account_id,
    accountName: row.account_name,
    email: row.email,
    name: row.name,
    role: row.role,
    status: portalStatus(row),
    invitedAt: row.invited_at,
    lastSignInAt: row.last_sign_in_at,
    disabled: row.disabled_at !== null || row.account_status !== 'active',
    twoFactor: row.totp_enabled_at !== null,
  };
}

function toSummary(row: {
  id: string;
  name: string;
  company: string | null;
  owner_email: string | null;
  status: 'active' | 'disabled';
  currency: string;
  user_count: number | null;
  created_at: string;
}): ClientSummary {
  return {
    id: row.id,
    name: row.name,
    company: row.company,
    email: row.owner_email,
    status: row.status,
    currency: row.currency,
    userCount: Number(row.user_count ?? 0),
    createdAt: row.created_at,
  };
}

/**
 * Clients (accounts) for staff, the portal users dashboard, and the staff side of magic links and invitations.
 * The public side of links lives in `links` (PortalLinks).
 */
export class ClientsService {
  readonly store: ClientsStore;
  readonly links: PortalLinks;

  constructor(readonly deps: ClientsDeps) {
    this.store = new ClientsStore(deps.db);
    this.links = new PortalLinks({ ...deps, store: this.store });
  }

  #now(): string {
    return this.deps.clock.now().toISOString();
  }

  #portalUrl(): string {
    return this.deps.settings.portalUrl(this.deps.config.publicUrl);
  }

  // Clients

  async list(query: ClientListQuery): Promise<{ items: ClientSummary[]; nextCursor: string | null }> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = keysetOf(query.cursor);
    const rows = await this.store.listClients({
      q: query.q,
      status: query.status,
      after,
      limit: limit + 1,
    });
    return page(rows, limit, (r) => ({ createdAt: r.created_at, id: r.id }), toSummary);
  }

  async get(id: string): Promise<ClientDetail> {
    const row = await this.store.clientSummary(id);
    if (!row) throw clientNotFound();
    const users = await this.store.accountUsers(id);
    return {
      ...toSummary(row),
      phone: row.phone,
      address: JSON.parse(row.address) as Address,
      notes: row.notes,
      users: users.map(toPortalUser),
      updatedAt: row.updated_at,
    };
  }

  /**
   * Creates a client, active at once: staff vouch for the owner's email, so it needs no verification. A known
   * email gets the account added to that user when the business allows several accounts per email, else 409.
   */
  async create(input: ClientCreate, by: Actor): Promise<ClientDetail> {
    const { ids, settings } = this.deps;
    const now = this.#now();
    const accountId = ids('acct');
    const created = await this.store.insertClient({
      account: {
        id: accountId,
        name: input.name,
        company: orNull(input.company),
        phone: orNull(input.phone),
        address: JSON.stringify(input.address ?? {}),
        notes: input.notes ?? '',
        currency: input.currency ?? settings.current.defaultCurrency,
        status: 'active',
        externalId: null,
        createdAt: now,
      },
      owner: {
        email: input.email,
        newUser: { id: ids('usr'), name: input.ownerName ?? input.name, verifiedAt: now, locale: 'en' },
        membershipId: ids('mem'),
      },
      allowExistingUser: settings.current.allowDuplicateAccounts,
      now,
      audit: this.deps.audit.row({
        actor: by.actor,
        action: 'client.created',
        target: { type: 'account', id: accountId },
        accountId,
        origin: by.origin,
        details: { name: input.name, email: input.email },
      }),
    });
    if (!created) {
      const message = 'This email already belongs to a login.';
      throw new HttpError(
        409,
        'EMAIL_TAKEN',
        `${message} Add the client to that login, or use another email.`,
        {
          errors: [{ path: 'email', message, code: 'EMAIL_TAKEN' }],
        },
      );
    }
    if (input.sendInvitation) await this.#inviteUser(created.userId, accountId, by);
    return this.get(accountId);
  }

  async update(id: string, input: ClientUpdate, by: Actor): Promise<ClientDetail> {
    const patch: Parameters<ClientsStore['updateAccount']>[1] = {};
    if (input.name !== undefined) patch.name = input.name;
    if (input.company !== undefined) patch.company = orNull(input.company);
    if (input.phone !== undefined) patch.phone = orNull(input.phone);
    if (input.address !== undefined) patch.address = JSON.stringify(input.address);
    if (input.notes !== undefined) patch.notes = input.notes;
    if (input.currency !== undefined) patch.currency = input.currency;
    const updated = await this.store.updateAccount(
      id,
      patch,
      this.#now(),
      this.deps.audit.row({
        actor: by.actor,
        action: 'client.updated',
        target: { type: 'account', id },
        accountId: id,
        origin: by.origin,
        details: { fields: Object.keys(patch) },
      }),
    );
    if (!updated) throw clientNotFound();
    return this.get(id);
  }

  /** Disables a client (every client session on it ends at once) or enables it again. */
  async setStatus(id: string, status: 'active' | 'disabled', by: Actor): Promise<ClientDetail> {
    const result = await this.store.setAccountStatus(id, status, this.#now(), (change) =>
      this.deps.audit.row({
        actor: by.actor,
        action: status === 'disabled' ? 'client.disabled' : 'client.enabled',
        target: { type: 'account', id },
        accountId: id,
        origin: by.origin,
        details: status === 'disabled' ? { sessionsRevoked: change.sessionsRevoked } : {},
      }),
    );
    if (!result) throw clientNotFound();
    return this.get(id);
  }

  // Portal users

  async portalUsers(query: PortalUsersQuery): Promise<PortalUsersPage> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = keysetOf(query.cursor);
    const [rows, counts] = await Promise.all([
      this.store.listPortalUsers({
        q: query.q,
        status: query.status,
        after,
        limit: limit + 1,
      }),
      this.store.portalUserCounts(),
    ]);
    return {
      portalUrl: this.#portalUrl(),
      counts: {
        total: counts.total,
        notInvited: counts.total - counts.invited - counts.joined,
        invited: counts.invited,
        joined: counts.joined,
      },
      ...page(
        rows,
        limit,
        (r) => ({ createdAt: r.membership_created_at, id: r.membership_id }),
        toPortalUser,
      ),
    };
  }

  /**
   * A user and the account to act on: the one asked for (it must be one of theirs) or their first active one.
   * A disabled user or client is a 403.
   */
  async #portalUser(
    userId: string,
    accountId: string | undefined,
  ): Promise<{ user: UserRow; accountId: string; accountName: string }> {
    const user = await this.store.findUser(userId);
    if (!user) throw portalUserNotFound();
    const memberships = await this.store.membershipsOf(user.id);
    if (!memberships.length) throw portalUserNotFound();
    const membership = accountId
      ? memberships.find((m) => m.account_id === accountId)
      : (memberships.find((m) => m.account_status === 'active') ?? memberships[0]);
    if (!membership) throw portalUserNotFound();
    if (user.disabled_at || membership.account_status !== 'active') throw accountDisabled();
    return { user, accountId: membership.account_id, accountName: membership.account_name };
  }

  /** A destination path, refused unless it lands inside the portal. */
  #destination(destination: string | undefined): string | null {
    if (!destination) return null;
    if (!resolveDestination(destination, this.#portalUrl())) {
      const message = 'Use a path inside the portal, starting with /';
      throw new HttpError(400, 'BAD_DESTINATION', 'A magic link may only land inside the portal.', {
        errors: [{ path: 'destination', message, code: 'BAD_DESTINATION' }],
      });
    }
    return destination;
  }

  /** Runs `work` per item; an HttpError fails that item only, never the others. */
  async #bulk<T>(
    items: readonly T[],
    work: (item: T) => Promise<{ email: string; userId: string | null }>,
    label: (item: T) => Promise<{ email: string; userId: string | null }>,
  ): Promise<BulkResult> {
    const results: BulkOutcome[] = [];
    for (const item of items) {
      try {
        results.push({ ...(await work(item)), ok: true });
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
        results.push({
          ...(await label(item)),
          ok: false,
          code: error.code,
          detail: error.detail ?? error.code,
        });
      }
    }
    return { results };
  }

  /** How a failed item names its person: the user's email when the id is known. */
  async #labelUser(userId: string): Promise<{ email: string; userId: string }> {
    return { email: (await this.store.findUser(userId))?.email ?? '', userId };
  }

  // Magic links

  /** A magic link to copy: single use, 10 minutes, optionally landing on a page of the portal. */
  async createMagicLink(input: MagicLinkInput, by: Actor): Promise<MagicLink> {
    const destination = this.#destination(input.destination);
    const { user, accountId } = await this.#portalUser(input.userId, input.accountId);
    const link = await this.links.issueMagicLink({ user, accountId, destination, by });
    return { url: link.url, expiresAt: link.expiresAt };
  }

  /** Mails each user a fresh magic link; one bad id fails alone. */
  async sendLoginEmails(input: LoginEmailInput, by: Actor): Promise<BulkResult> {
    const destination = this.#destination(input.destination);
    return this.#bulk(
      [...new Set(input.userIds)],
      async (userId) => {
        const { user, accountId } = await this.#portalUser(userId, undefined);
        await this.links.mailMagicLink({ user, accountId, destination, by });
        return { email: user.email, userId: user.id };
      },
      (userId) => this.#labelUser(userId),
    );
  }

  // Invitations

  /** Invites each target (an existing portal user, or an email to put on an account); one bad target fails alone. */
  async invite(input: InviteInput, by: Actor): Promise<BulkResult> {
    return this.#bulk(
      input.targets,
      async (target) => {
        const user =
          'email' in target
            ? await this.#inviteEmail(target, by)
            : await this.#inviteUser(target.userId, target.accountId, by);
        return { email: user.email, userId: user.id };
      },
      async (target) =>
        'email' in target ? { email: target.email, userId: null } : this.#labelUser(target.userId),
    );
  }

  /** Invites an existing portal user to one of their accounts (their first active one by default). */
  async #inviteUser(userId: string, accountId: string | undefined, by: Actor): Promise<UserRow> {
    const target = await this.#portalUser(userId, accountId);
    await this.links.invite({ ...target, by });
    return target.user;
  }

  /**
   * Invites an email onto an account: a new user (no password, unverified) or an existing one added to it. The
   * role defaults to owner when the account has none, else technical.
   */
  async #inviteEmail(
    target: {
      accountId: string;
      email: string;
      name?: string | undefined;
      role?: MembershipRole | undefined;
    },
    by: Actor,
  ): Promise<UserRow> {
    const account = await this.store.findAccount(target.accountId);
    if (!account) throw clientNotFound();
    if (account.status !== 'active') throw accountDisabled();
    if ((await this.store.findUserByEmail(target.email))?.disabled_at) throw accountDisabled();
    const { user } = await this.store.addPerson({
      accountId: account.id,
      email: target.email,
      name: target.name ?? target.email.slice(0, target.email.indexOf('@')),
      role: (hasOwner) => target.role ?? (hasOwner ? 'technical' : 'owner'),
      newUserId: this.deps.ids('usr'),
      membershipId: this.deps.ids('mem'),
      now: this.#now(),
    });
    await this.links.invite({ user, accountId: account.id, accountName: account.name, by });
    return user;
  }

  /** Removes magic links and invitations that expired more than a week ago (a job runs it). */
  async sweep(): Promise<{ linkTokens: number }> {
    const weekAgo = new Date(this.deps.clock.now().getTime() - 7 * 86_400_000).toISOString();
    return { linkTokens: await this.store.sweepLinks(weekAgo) };
  }
}
