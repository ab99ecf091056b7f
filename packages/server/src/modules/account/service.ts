import {
  type ActivityEvent,
  type ActivityQuerySchema,
  type Address,
  type ChangeEmailInput,
  type ChangePasswordInput,
  type CodeSent,
  type ConfirmEmailChangeInput,
  type Ended,
  grants,
  type MeUpdateInput,
  type PasswordChanged,
  type Profile,
  type ProfileUpdateInputSchema,
  type Session,
  type SessionInfo,
} from '@portico/sdk/contract';
import type { Logger } from 'pino';
import type * as z from 'zod';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Clock, IdGenerator } from '../../deps.js';
import { type Auth, type SessionAuth, unauthenticated } from '../../http/auth.js';
import { HttpError } from '../../http/problem.js';
import type { FailureTracker, HashGate, RateLimiter } from '../../http/rate-limit.js';
import type { AuditLog, AuditOrigin } from '../audit/audit-log.js';
import { Codes } from '../auth/codes.js';
import type { AuthService } from '../auth/service.js';
import { AuthStore } from '../auth/store.js';
import type { Outbox } from '../mail/outbox.js';
import type { Settings } from '../settings/settings.js';
import { ActivityTimeline, viaToken } from './activity.js';
import { CredentialChanges } from './credentials.js';
import { missingProfileFields } from './permissions.js';
import { type Places, placeName } from './places.js';
import { type AccountRow, AccountStore, type UserRow } from './store.js';
import { describeDevice } from './user-agent.js';

/** What the account service uses: the app's shared services and the auth service (to describe sessions). */
export interface AccountDeps {
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
  places: Places;
  auth: AuthService;
}

type ProfileUpdate = z.output<typeof ProfileUpdateInputSchema>;
type ActivityQuery = z.output<typeof ActivityQuerySchema>;

const ADDRESS_KEYS = ['line1', 'line2', 'city', 'state', 'postcode', 'country'] as const;

/** An address with only its filled lines, in one key order, so two equal addresses give equal JSON. */
function cleanAddress(value: unknown): Address {
  const out: Record<string, string> = {};
  if (!value || typeof value !== 'object') return out;
  for (const key of ADDRESS_KEYS) {
    const line = (value as Record<string, unknown>)[key];
    if (typeof line === 'string' && line.trim() !== '') out[key] = line.trim();
  }
  return out;
}

function parseAddress(json: string): Address {
  try {
    return cleanAddress(JSON.parse(json));
  } catch {
    return {};
  }
}

const orNull = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

/** Profile, email and password changes, sessions and the activity timeline of the signed-in client. */
export class AccountService {
  readonly #d: AccountDeps;
  readonly #store: AccountStore;
  readonly #credentials: CredentialChanges;
  readonly #activity: ActivityTimeline;

  constructor(deps: AccountDeps) {
    this.#d = deps;
    this.#store = new AccountStore(deps.db);
    const codes = new Codes({
      store: new AuthStore(deps.db),
      secret: deps.config.secret,
      clock: deps.clock,
      ids: deps.ids,
    });
    this.#credentials = new CredentialChanges({ ...deps, store: this.#store, codes });
    this.#activity = new ActivityTimeline({ store: this.#store, places: deps.places });
  }

  #now(): string {
    return this.#d.clock.now().toISOString();
  }

  /** The session as the client sees it, read again (the request's snapshot predates the change). */
  #freshSession(auth: SessionAuth): Promise<Session> {
    return this.#d.auth.describe({ ...auth, snapshot: undefined });
  }

  async #userAndAccount(auth: Auth): Promise<{ user: UserRow; account: AccountRow }> {
    const [user, account] = await Promise.all([
      this.#store.findUser(auth.userId),
      this.#store.findAccount(auth.accountId),
    ]);
    if (!user || !account) throw unauthenticated();
    return { user, account };
  }

  // Profile

  /** The signed-in person and the active account's details, with the fields the business requires. */
  async profile(auth: Auth): Promise<Profile> {
    const { user, account } = await this.#userAndAccount(auth);
    return this.#profile(auth, user, account);
  }

  #profile(auth: Auth, user: UserRow, account: AccountRow): Profile {
    const settings = this.#d.settings.current;
    return {
      user: {
        id: user.id,
        name: user.name,
        email: user.email,
        emailVerifiedAt: user.email_verified_at,
        locale: user.locale,
        hasPassword: user.password_hash !== null,
      },
      account: {
        id: account.id,
        name: account.name,
        company: account.company,
        phone: account.phone,
        address: parseAddress(account.address),
        currency: account.currency,
      },
      currencies: settings.enabledCurrencies,
      requiredFields: settings.requiredProfileFields,
      missingFields: missingProfileFields(settings.requiredProfileFields, account),
      canEdit: grants(auth.permissions, 'profile:write'),
    };
  }

  /**
   * Changes the active account's details: only the fields sent, only those the contract knows (role, ids,
   * permissions and status never reach here). The currency must be one the business bills in. The audit entry
   * names the changed fields, never their values.
   */
  async updateProfile(auth: Auth, input: ProfileUpdate, origin: AuditOrigin): Promise<Profile> {
    const { user, account } = await this.#userAndAccount(auth);
    if (
      input.currency !== undefined &&
      !this.#d.settings.current.enabledCurrencies.includes(input.currency)
    ) {
      const message = `${input.currency} is not a currency we bill in.`;
      throw new HttpError(400, 'CURRENCY_NOT_ENABLED', message, {
        errors: [{ path: 'currency', message, code: 'CURRENCY_NOT_ENABLED' }],
      });
    }
    const patch: Partial<Pick<AccountRow, 'name' | 'company' | 'phone' | 'address' | 'currency'>> = {};
    const changed: string[] = [];
    const change = <K extends keyof typeof patch>(field: string, key: K, value: AccountRow[K]) => {
      if (value === account[key]) return;
      patch[key] = value;
      changed.push(field);
    };
    if (input.accountName !== undefined) change('accountName', 'name', input.accountName);
    if (input.company !== undefined) change('company', 'company', orNull(input.company));
    if (input.phone !== undefined) change('phone', 'phone', orNull(input.phone));
    if (input.address !== undefined) {
      const next = JSON.stringify(cleanAddress(input.address));
      if (next !== JSON.stringify(parseAddress(account.address))) {
        patch.address = next;
        changed.push('address');
      }
    }
    if (input.currency !== undefined) change('currency', 'currency', input.currency);
    if (!changed.length) return this.#profile(auth, user, account);
    const updated = await this.#store.updateAccount(
      account.id,
      patch,
      this.#now(),
      this.#d.audit.row({
        actor: { type: 'user', id: user.id, label: user.email },
        action: 'profile.updated',
        target: { type: 'account', id: account.id },
        accountId: account.id,
        origin,
        details: { fields: changed.join(', '), ...(auth.kind === 'token' ? viaToken(auth) : {}) },
      }),
    );
    if (!updated) throw unauthenticated();
    return this.profile(auth);
  }

  /** Changes the person's own name and language (the language of the elements and of every email). */
  async updateMe(auth: SessionAuth, input: MeUpdateInput): Promise<Session> {
    const patch: { name?: string; locale?: string } = {};
    if (input.name !== undefined) patch.name = input.name;
    if (input.locale !== undefined) patch.locale = input.locale;
    if (Object.keys(patch).length) await this.#store.updateUser(auth.userId, patch, this.#now());
    return this.#freshSession(auth);
  }

  // Email and password

  requestEmailChange(auth: SessionAuth, input: ChangeEmailInput, origin: AuditOrigin): Promise<CodeSent> {
    return this.#credentials.requestEmailChange(auth, input, origin);
  }

  async confirmEmailChange(
    auth: SessionAuth,
    input: ConfirmEmailChangeInput,
    origin: AuditOrigin,
  ): Promise<Session> {
    await this.#credentials.confirmEmailChange(auth, input, origin);
    return this.#freshSession(auth);
  }

  changePassword(
    auth: SessionAuth,
    input: ChangePasswordInput,
    origin: AuditOrigin,
  ): Promise<PasswordChanged> {
    return this.#credentials.changePassword(auth, input, origin);
  }

  // Sessions

  /** Where this login is signed in (every account), the most recently active first. */
  async sessions(auth: SessionAuth): Promise<{ items: SessionInfo[] }> {
    const rows = await this.#store.liveSessions(auth.userId, this.#now());
    const items = rows.map((row) => ({
      id: row.id,
      current: row.id === auth.sessionId,
      device: describeDevice(row.user_agent),
      ip: row.ip,
      place: placeName(row.country),
      accountName: row.account_name,
      createdAt: row.created_at,
      lastSeenAt: row.last_seen_at,
    }));
    items.sort(
      (a, b) =>
        b.lastSeenAt.localeCompare(a.lastSeenAt) ||
        b.createdAt.localeCompare(a.createdAt) ||
        b.id.localeCompare(a.id),
    );
    return { items };
  }

  /** Ends one session of this login; another login's session is as unknown as a missing one. */
  async endSession(auth: SessionAuth, sessionId: string, origin: AuditOrigin): Promise<void> {
    const user = await this.#store.findUser(auth.userId);
    if (!user || !(await this.#store.endSession(auth.userId, sessionId, this.#now()))) {
      throw new HttpError(404, 'NOT_FOUND', 'There is no such session.');
    }
    await this.#d.audit.record({
      actor: { type: 'user', id: user.id, label: user.email },
      action: 'security.session_ended',
      target: { type: 'session', id: sessionId },
      origin,
      details: { current: sessionId === auth.sessionId },
    });
  }

  /** Ends every session of this login but the one making the request. */
  async endOtherSessions(auth: SessionAuth, origin: AuditOrigin): Promise<Ended> {
    const user = await this.#store.findUser(auth.userId);
    if (!user) throw unauthenticated();
    const ended = await this.#store.endOtherSessions(auth.userId, auth.sessionId, this.#now());
    await this.#d.audit.record({
      actor: { type: 'user', id: user.id, label: user.email },
      action: 'security.other_sessions_ended',
      origin,
      details: { ended },
    });
    return { ended };
  }

  // Activity

  /** The active account's security timeline (the route lets only its owner in). */
  activity(
    auth: SessionAuth,
    query: ActivityQuery,
  ): Promise<{ items: ActivityEvent[]; nextCursor: string | null }> {
    return this.#activity.list(auth.accountId, query);
  }
}
