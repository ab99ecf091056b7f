import type { Config } from '../src/config.js';
import type { DomainsTable } from '../src/db/schema.js';
import {
  type Availability,
  type RegisterRequest,
  type Registrar,
  type RegistrarDomain,
  RegistrarError,
  type TransferRequest,
} from '../src/modules/domains/registrar.js';
import type { DomainRow } from '../src/modules/domains/views.js';
import { startServer, type TestServer } from './helpers.js';

/** The TLDs most domain tests sell, with USD (and EUR where given) prices of 1 and 2 years. */
export const TEST_TLDS = ['com', 'net', 'org', 'co.uk'] as const;

/** A domain server: short check deadline so a hung checker costs little, cache on unless a test says. */
export function startDomainServer(
  config: Partial<Config> = {},
  registrars: Record<string, Registrar> = {},
): Promise<TestServer> {
  return startServer({ rdapTimeoutMs: 200, domainCheckCacheSeconds: 60, ...config }, { registrars });
}

/**
 * TLDs straight in the database, each served by `registrar`, priced in USD: register 1000 (+900 a year after),
 * renew 900 a year, transfer 800 (1 year).
 */
export async function seedTlds(
  s: TestServer,
  input: { tlds?: readonly string[]; registrar?: string; currency?: string; enabled?: boolean } = {},
): Promise<void> {
  const { db, deps } = s.app.portico;
  const now = deps.clock.now().toISOString();
  const currency = input.currency ?? 'USD';
  for (const [position, tld] of (input.tlds ?? TEST_TLDS).entries()) {
    await db
      .insertInto('domain_tlds')
      .values({
        tld,
        position,
        enabled: input.enabled === false ? 0 : 1,
        registrar: input.registrar ?? 'local',
        availability: 'registrar',
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('tld').doNothing())
      .execute();
    await db
      .insertInto('domain_prices')
      .values([
        { tld, currency, action: 'register', years: 1, amount: 1000 },
        { tld, currency, action: 'register', years: 2, amount: 1900 },
        { tld, currency, action: 'renew', years: 1, amount: 900 },
        { tld, currency, action: 'renew', years: 2, amount: 1800 },
        { tld, currency, action: 'transfer', years: 1, amount: 800 },
      ])
      .execute();
  }
}

/** A domain of an account, straight in the database (as a paid order would leave it). */
export async function insertDomain(
  s: TestServer,
  accountId: string,
  input: {
    name?: string;
    status?: DomainsTable['status'];
    registrar?: string;
    nameservers?: string[];
    createdAt?: string;
    autoRenew?: boolean;
  } = {},
): Promise<DomainRow> {
  const { db, deps } = s.app.portico;
  const at = input.createdAt ?? deps.clock.now().toISOString();
  const name = input.name ?? `site-${Math.random().toString(36).slice(2, 10)}.com`;
  const status = input.status ?? 'active';
  const live = status === 'active' || status === 'expired';
  const row: DomainRow = {
    id: deps.ids('dom'),
    account_id: accountId,
    order_id: null,
    name,
    tld: name.slice(name.indexOf('.') + 1),
    registrar: input.registrar ?? 'local',
    action: 'register',
    years: 1,
    status,
    auto_renew: input.autoRenew === false ? 0 : 1,
    privacy: 0,
    locked: 1,
    nameservers: JSON.stringify(input.nameservers ?? ['ns1.example.net', 'ns2.example.net']),
    epp_code_sealed: null,
    registered_at: live ? at : null,
    expires_at: live ? new Date(Date.parse(at) + 365 * 86_400_000).toISOString() : null,
    last_error: null,
    created_at: at,
    updated_at: at,
  };
  await db.insertInto('domains').values(row).execute();
  return row;
}

export function domainRow(s: TestServer, id: string): Promise<DomainRow> {
  return s.app.portico.db.selectFrom('domains').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/**
 * A registrar tests script: it counts every call, answers availability from `taken`, and can be told to refuse
 * (`failWith`) or never answer (`hang`). Its domains live in memory.
 */
export class ScriptedRegistrar implements Registrar {
  readonly name: string;
  readonly calls: string[] = [];
  readonly taken = new Set<string>();
  failWith: RegistrarError | null = null;
  hang = false;
  readonly domains = new Map<string, RegistrarDomain>();
  eppCodeValue = 'Scripted-EPP-Code1';

  constructor(readonly id: string) {
    this.name = `Scripted ${id}`;
  }

  async #step<T>(call: string, signal: AbortSignal | undefined, answer: () => T): Promise<T> {
    this.calls.push(call);
    if (this.hang) {
      // Like a registry that never answers: only the caller's deadline ends it.
      await new Promise<void>((resolve) =>
        signal?.addEventListener('abort', () => resolve(), { once: true }),
      );
      throw new RegistrarError('aborted', { permanent: false, code: 'timeout' });
    }
    if (this.failWith) throw this.failWith;
    return answer();
  }

  async check(name: string, options: { signal?: AbortSignal } = {}): Promise<Availability> {
    this.calls.push(`check ${name}`);
    if (this.hang) {
      // Ignores the signal on purpose: the caller's deadline must still end the wait.
      await new Promise<void>(() => {});
    }
    if (options.signal?.aborted) return { status: 'unknown', reason: 'timeout' };
    return this.taken.has(name) ? { status: 'taken' } : { status: 'available', premium: false };
  }

  register(request: RegisterRequest, options: { signal?: AbortSignal } = {}) {
    return this.#step(`register ${request.name}`, options.signal, () => {
      const domain: RegistrarDomain = {
        name: request.name,
        registeredAt: '2026-03-02T09:00:00.000Z',
        expiresAt: '2027-03-02T09:00:00.000Z',
        nameservers: request.nameservers,
        privacy: request.privacy,
        locked: true,
      };
      this.domains.set(request.name, domain);
      return domain;
    });
  }

  transfer(request: TransferRequest, options: { signal?: AbortSignal } = {}) {
    return this.#step(`transfer ${request.name}`, options.signal, () => ({
      name: request.name,
      registeredAt: '2025-03-02T09:00:00.000Z',
      expiresAt: '2027-03-02T09:00:00.000Z',
      nameservers: [],
      privacy: false,
      locked: true,
    }));
  }

  renew(name: string, years: number, options: { signal?: AbortSignal } = {}) {
    return this.#step(`renew ${name} ${years}`, options.signal, () => ({
      expiresAt: '2028-03-02T09:00:00.000Z',
    }));
  }

  setNameservers(name: string, nameservers: string[], options: { signal?: AbortSignal } = {}) {
    return this.#step(`nameservers ${name} ${nameservers.join(',')}`, options.signal, () => undefined);
  }

  setPrivacy(name: string, enabled: boolean, options: { signal?: AbortSignal } = {}) {
    return this.#step(`privacy ${name} ${enabled}`, options.signal, () => undefined);
  }

  setLock(name: string, locked: boolean, options: { signal?: AbortSignal } = {}) {
    return this.#step(`lock ${name} ${locked}`, options.signal, () => undefined);
  }

  eppCode(name: string, options: { signal?: AbortSignal } = {}) {
    return this.#step(`epp ${name}`, options.signal, () => this.eppCodeValue);
  }

  sync(name: string, options: { signal?: AbortSignal } = {}) {
    return this.#step(`sync ${name}`, options.signal, () => {
      const domain = this.domains.get(name);
      if (!domain) throw new RegistrarError(`${name} is not here`, { permanent: true });
      return domain;
    });
  }
}
