import type { Domain, DomainListQuerySchema, EppCode } from '@portico/sdk/contract';
import type { Updateable } from 'kysely';
import type { Logger } from 'pino';
import type * as z from 'zod';
import type { Db } from '../../db/database.js';
import type { DomainsTable } from '../../db/schema.js';
import type { Clock } from '../../deps.js';
import type { Auth } from '../../http/auth.js';
import type { RateLimiter } from '../../http/rate-limit.js';
import { viaToken } from '../account/activity.js';
import type { AuditLog, AuditOrigin } from '../audit/audit-log.js';
import { DEFAULT_LIMIT, pageOf, readKeyset } from '../billing/invoice-store.js';
import { DomainErrors } from './errors.js';
import type { DomainMailer } from './mail.js';
import type { DomainPricing } from './pricing.js';
import { type Registrar, RegistrarError } from './registrar.js';
import { REGISTRAR_DEADLINE_MS, type RegistrarRegistry, withDeadline } from './registry.js';
import { type DomainStatus, DomainsStore } from './store.js';
import { type DomainRow, domainViews } from './views.js';

type ListQuery = z.output<typeof DomainListQuerySchema>;

export interface DomainsServiceDeps {
  db: Db;
  clock: Clock;
  audit: AuditLog;
  rate: RateLimiter;
  logger: Logger;
  registrars: RegistrarRegistry;
  pricing: DomainPricing;
  mailer: DomainMailer;
  /** How long one registrar change may take (default 15 s). */
  registrarTimeoutMs?: number | undefined;
}

/** Reading a transfer code: at most this many per person per hour. */
export const EPP_CODE_LIMIT = { max: 10, windowSeconds: 3600 };

const CHANGEABLE: readonly DomainStatus[] = ['active'];
/** Auto-renew is the portal's own setting: it also applies to a domain past its expiry (renewing revives it). */
const AUTO_RENEWABLE: readonly DomainStatus[] = ['active', 'expired'];

/**
 * The account's domains (My Domains). A change at the registry goes to the registrar first, outside any
 * transaction and with a deadline; only when it succeeds is it stored, with its audit entry. A registrar's
 * refusal or silence is a 502 REGISTRAR_ERROR and nothing is stored.
 */
export class DomainsService {
  readonly store: DomainsStore;
  readonly #d: DomainsServiceDeps;

  constructor(deps: DomainsServiceDeps) {
    this.#d = deps;
    this.store = new DomainsStore(deps.db);
  }

  #now(): string {
    return this.#d.clock.now().toISOString();
  }

  /** The account's domains, newest first, optionally of one status. */
  async list(auth: Auth, query: ListQuery): Promise<{ items: Domain[]; nextCursor: string | null }> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.store.list(auth.accountId, {
      status: query.status,
      after: readKeyset(query.cursor),
      limit: limit + 1,
    });
    const views = await this.#views(auth.accountId, rows.slice(0, limit));
    return pageOf(rows, limit, (row) => views.get(row.id) as Domain);
  }

  /** One of the account's domains; another account's id is as missing as an unknown one. */
  async get(auth: Auth, id: string): Promise<Domain> {
    return this.#view(auth.accountId, await this.#find(auth, id));
  }

  async #find(auth: Auth, id: string): Promise<DomainRow> {
    const row = await this.store.find(auth.accountId, id);
    if (!row) throw DomainErrors.notFound();
    return row;
  }

  async #view(accountId: string, row: DomainRow): Promise<Domain> {
    return (await this.#views(accountId, [row])).get(row.id) as Domain;
  }

  /** Views of the account's rows with their order invoice, open renewal invoice and one year's renewal price. */
  async #views(accountId: string, rows: readonly DomainRow[]): Promise<Map<string, Domain>> {
    const currency = await this.store.accountCurrency(accountId);
    return domainViews(this.store, this.#d.pricing, rows, () => currency, accountId);
  }

  /** The domain if it may be changed at the registrar now (409 DOMAIN_NOT_ACTIVE otherwise). */
  async #changeable(auth: Auth, id: string): Promise<DomainRow> {
    const row = await this.#find(auth, id);
    if (!CHANGEABLE.includes(row.status)) throw DomainErrors.notActive(row.status);
    return row;
  }

  /** Asks the domain's registrar, with the deadline; a failure becomes 502 REGISTRAR_ERROR (logged for staff). */
  async #registrar<T>(row: DomainRow, call: (r: Registrar, signal: AbortSignal) => Promise<T>): Promise<T> {
    try {
      return await withDeadline(this.#d.registrarTimeoutMs ?? REGISTRAR_DEADLINE_MS, (signal) =>
        call(this.#d.registrars.registrar(row.registrar), signal),
      );
    } catch (error) {
      const failure =
        error instanceof RegistrarError
          ? error
          : new RegistrarError('The registrar failed', { permanent: false, cause: error });
      this.#d.logger.warn(
        { err: failure, domainId: row.id, registrar: row.registrar, code: failure.code },
        'registrar refused a change',
      );
      throw DomainErrors.registrar(failure.permanent);
    }
  }

  async #actor(auth: Auth): Promise<{ type: 'user'; id: string; label: string | null }> {
    const user = await this.#d.db
      .selectFrom('users')
      .select('email')
      .where('id', '=', auth.userId)
      .executeTakeFirst();
    return { type: 'user', id: auth.userId, label: user?.email ?? null };
  }

  /** Stores a change the registrar accepted (or a local one), with its audit entry. */
  async #store(
    auth: Auth,
    row: DomainRow,
    from: readonly DomainStatus[],
    set: Updateable<DomainsTable>,
    action: string,
    origin: AuditOrigin,
    details: Record<string, unknown>,
  ): Promise<Domain> {
    const updated = await this.store.update({
      accountId: auth.accountId,
      id: row.id,
      from,
      set: { ...set, updated_at: this.#now() },
      audit: this.#d.audit.row({
        actor: await this.#actor(auth),
        action,
        target: { type: 'domain', id: row.id },
        accountId: auth.accountId,
        origin,
        details: { domain: row.name, ...details, ...(auth.kind === 'token' ? viaToken(auth) : {}) },
      }),
    });
    if (updated) return this.#view(auth.accountId, updated);
    // Its status changed while the registrar was asked.
    const current = await this.#find(auth, row.id);
    throw DomainErrors.notActive(current.status);
  }

  /** Replaces the name servers (already validated and ASCII): the registrar first, then stored. */
  async setNameservers(auth: Auth, id: string, nameservers: string[], origin: AuditOrigin): Promise<Domain> {
    const row = await this.#changeable(auth, id);
    await this.#registrar(row, (r, signal) => r.setNameservers(row.name, nameservers, { signal }));
    return this.#store(
      auth,
      row,
      CHANGEABLE,
      { nameservers: JSON.stringify(nameservers) },
      'domain.nameservers_changed',
      origin,
      { nameservers, previous: JSON.parse(row.nameservers) as string[] },
    );
  }

  /** Turns WHOIS privacy on or off at the registrar, then stores it. */
  async setPrivacy(auth: Auth, id: string, enabled: boolean, origin: AuditOrigin): Promise<Domain> {
    const row = await this.#changeable(auth, id);
    await this.#registrar(row, (r, signal) => r.setPrivacy(row.name, enabled, { signal }));
    return this.#store(
      auth,
      row,
      CHANGEABLE,
      { privacy: enabled ? 1 : 0 },
      'domain.privacy_changed',
      origin,
      {
        enabled,
      },
    );
  }

  /** Turns the registrar (transfer) lock on or off at the registrar, then stores it. */
  async setLock(auth: Auth, id: string, enabled: boolean, origin: AuditOrigin): Promise<Domain> {
    const row = await this.#changeable(auth, id);
    await this.#registrar(row, (r, signal) => r.setLock(row.name, enabled, { signal }));
    return this.#store(auth, row, CHANGEABLE, { locked: enabled ? 1 : 0 }, 'domain.lock_changed', origin, {
      enabled,
    });
  }

  /** Turns auto-renew on or off: the portal's own setting (renewal invoices), so no registrar call. */
  async setAutoRenew(auth: Auth, id: string, enabled: boolean, origin: AuditOrigin): Promise<Domain> {
    const row = await this.#find(auth, id);
    if (!AUTO_RENEWABLE.includes(row.status)) throw DomainErrors.notActive(row.status);
    return this.#store(
      auth,
      row,
      AUTO_RENEWABLE,
      { auto_renew: enabled ? 1 : 0 },
      'domain.auto_renew_changed',
      origin,
      { enabled },
    );
  }

  /**
   * The transfer (EPP) code, from the registrar. Limited per person, audited (never the code itself), and the
   * account's owners are mailed that it was read and by whom.
   */
  async eppCode(auth: Auth, id: string, origin: AuditOrigin): Promise<EppCode> {
    await this.#d.rate.hit(`domain-epp:user:${auth.userId}`, EPP_CODE_LIMIT);
    const row = await this.#changeable(auth, id);
    const code = await this.#registrar(row, (r, signal) => r.eppCode(row.name, { signal }));
    const actor = await this.#actor(auth);
    const at = this.#now();
    await this.#d.audit.record({
      actor,
      action: 'domain.epp_code_viewed',
      target: { type: 'domain', id: row.id },
      accountId: auth.accountId,
      origin,
      details: { domain: row.name, ...(auth.kind === 'token' ? viaToken(auth) : {}) },
    });
    const by =
      auth.kind === 'token' ? `${actor.label ?? auth.userId} (API token “${auth.tokenName}”)` : actor.label;
    await this.#d.mailer.eppCodeViewed(
      auth.accountId,
      { id: row.id, name: row.name, expiresAt: row.expires_at },
      by ?? auth.userId,
      at,
    );
    return { code };
  }
}
