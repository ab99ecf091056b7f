import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { LocalRegistryTable } from '../../db/schema.js';
import type { Clock } from '../../deps.js';
import { Sealer } from '../auth/seal.js';
import {
  type Availability,
  type RegisterRequest,
  type Registrar,
  type RegistrarDomain,
  RegistrarError,
  type TransferRequest,
} from './registrar.js';

type RegistryRow = Selectable<LocalRegistryTable>;

/** Who holds the names registered through this business. Any other holder is "another registrar". */
export const SELF = 'self';

/** A second-level label this short is a premium name at the registry (not sold at the list price). */
const PREMIUM_MAX_LENGTH = 3;

/** Where a name registered without name servers is delegated (the `.test` TLD is reserved: RFC 2606). */
export const LOCAL_DEFAULT_NAMESERVERS: readonly string[] = [
  'ns1.local-registrar.test',
  'ns2.local-registrar.test',
];

const EPP_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789!#%+-=?';
const EPP_LENGTH = 16;

/** A new transfer code: 16 random characters of letters, digits and a few symbols (no look-alikes). */
export function newEppCode(): string {
  let code = '';
  for (let i = 0; i < EPP_LENGTH; i++) code += EPP_ALPHABET[randomInt(EPP_ALPHABET.length)];
  return code;
}

/** `iso` plus `years` calendar years (29 February becomes 28 February in a common year). */
export function addYears(iso: string, years: number): string {
  const date = new Date(iso);
  const day = date.getUTCDate();
  date.setUTCFullYear(date.getUTCFullYear() + years);
  if (date.getUTCDate() !== day) date.setUTCDate(0);
  return date.toISOString();
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

const refused = (message: string, code: string) => new RegistrarError(message, { permanent: true, code });

export interface LocalRegistrarDeps {
  db: Db;
  clock: Clock;
  /** The server secret; EPP codes are sealed with a key derived from it (purpose `epp`). */
  secret: string;
}

/**
 * The built-in registrar: a registry of its own in the `local_registry` table, for the demo and tests. A name in
 * the table is taken, whoever holds it; names registered here are held by `self` and only those can be changed.
 * Another registrar's names (seeded) can be transferred in with their EPP code while unlocked.
 */
export class LocalRegistrar implements Registrar {
  readonly id = 'local';
  readonly name = 'Local registrar';
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #sealer: Sealer;

  constructor(deps: LocalRegistrarDeps) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#sealer = new Sealer(deps.secret, 'epp');
  }

  #now(): string {
    return this.#clock.now().toISOString();
  }

  /** Whether the first label is short enough to be premium. */
  static isPremium(name: string): boolean {
    const label = name.split('.')[0] ?? '';
    return label.length >= 1 && label.length <= PREMIUM_MAX_LENGTH;
  }

  #find(name: string): Promise<RegistryRow | undefined> {
    return this.#db.selectFrom('local_registry').selectAll().where('name', '=', name).executeTakeFirst();
  }

  /** The name's row when this business holds it; a permanent refusal otherwise. */
  async #own(name: string): Promise<RegistryRow> {
    const row = await this.#find(name);
    if (!row || row.holder !== SELF)
      throw refused(`${name} is not registered through this registrar`, 'not_held');
    return row;
  }

  async #set(name: string, set: Partial<RegistryRow>): Promise<void> {
    await this.#db
      .updateTable('local_registry')
      .set({ ...set, updated_at: this.#now() })
      .where('name', '=', name)
      .where('holder', '=', SELF)
      .execute();
  }

  #view(row: RegistryRow): RegistrarDomain {
    return {
      name: row.name,
      registeredAt: row.registered_at,
      expiresAt: row.expires_at,
      nameservers: JSON.parse(row.nameservers) as string[],
      privacy: row.privacy === 1,
      locked: row.locked === 1,
    };
  }

  async check(name: string, options: { signal?: AbortSignal } = {}): Promise<Availability> {
    if (options.signal?.aborted) return { status: 'unknown', reason: 'timeout' };
    try {
      const row = await this.#find(name);
      if (row) return { status: 'taken' };
      return { status: 'available', premium: LocalRegistrar.isPremium(name) };
    } catch {
      return { status: 'unknown', reason: 'error' };
    }
  }

  async register(request: RegisterRequest): Promise<RegistrarDomain> {
    if (LocalRegistrar.isPremium(request.name)) throw refused(`${request.name} is a premium name`, 'premium');
    const now = this.#now();
    const row = await this.#db
      .insertInto('local_registry')
      .values({
        name: request.name,
        holder: SELF,
        registered_at: now,
        expires_at: addYears(now, request.years),
        nameservers: JSON.stringify(
          request.nameservers.length ? request.nameservers : LOCAL_DEFAULT_NAMESERVERS,
        ),
        privacy: request.privacy ? 1 : 0,
        locked: 1,
        epp_code_sealed: this.#seal(newEppCode()),
        premium: 0,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('name').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) throw refused(`${request.name} is already registered`, 'taken');
    return this.#view(row);
  }

  async transfer(request: TransferRequest): Promise<RegistrarDomain> {
    const row = await this.#find(request.name);
    if (!row) throw refused(`${request.name} is not registered: register it instead`, 'not_registered');
    if (row.holder === SELF) throw refused(`${request.name} is already held here`, 'already_held');
    if (row.locked === 1) throw refused(`${request.name} is locked at its registrar`, 'locked');
    if (!this.#matches(row.epp_code_sealed, request.eppCode))
      throw refused('The transfer (EPP) code is wrong', 'bad_epp_code');
    const now = this.#now();
    // The registry adds the years to the current term (or to today, for a name already past its expiry).
    const from = row.expires_at > now ? row.expires_at : now;
    const moved = await this.#db
      .updateTable('local_registry')
      .set({
        holder: SELF,
        expires_at: addYears(from, request.years),
        locked: 1,
        epp_code_sealed: this.#seal(newEppCode()),
        updated_at: now,
      })
      .where('name', '=', request.name)
      .where('holder', '=', row.holder)
      .returningAll()
      .executeTakeFirst();
    if (!moved) throw refused(`${request.name} moved while it was being transferred`, 'changed');
    return this.#view(moved);
  }

  async renew(name: string, years: number): Promise<{ expiresAt: string }> {
    const row = await this.#own(name);
    const expiresAt = addYears(row.expires_at, years);
    await this.#set(name, { expires_at: expiresAt });
    return { expiresAt };
  }

  async setNameservers(name: string, nameservers: string[]): Promise<void> {
    await this.#own(name);
    await this.#set(name, { nameservers: JSON.stringify(nameservers) });
  }

  async setPrivacy(name: string, enabled: boolean): Promise<void> {
    await this.#own(name);
    await this.#set(name, { privacy: enabled ? 1 : 0 });
  }

  async setLock(name: string, locked: boolean): Promise<void> {
    await this.#own(name);
    await this.#set(name, { locked: locked ? 1 : 0 });
  }

  async eppCode(name: string): Promise<string> {
    const row = await this.#own(name);
    return this.#sealer.open(row.epp_code_sealed).toString('utf8');
  }

  async sync(name: string): Promise<RegistrarDomain> {
    return this.#view(await this.#own(name));
  }

  /**
   * Puts a name in the registry as another registrar's (the seed's taken names, tests' transfer sources). With
   * `eppCode` and `locked: false` it can be transferred in.
   */
  async holdElsewhere(
    name: string,
    options: { holder?: string; eppCode?: string; locked?: boolean; expiresAt?: string } = {},
  ): Promise<void> {
    const now = this.#now();
    await this.#db
      .insertInto('local_registry')
      .values({
        name,
        holder: options.holder ?? 'another-registrar',
        registered_at: now,
        expires_at: options.expiresAt ?? addYears(now, 1),
        nameservers: JSON.stringify([`ns1.${name}`, `ns2.${name}`]),
        privacy: 0,
        locked: options.locked === false ? 0 : 1,
        epp_code_sealed: this.#seal(options.eppCode ?? newEppCode()),
        premium: LocalRegistrar.isPremium(name) ? 1 : 0,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
  }

  /** Records a name this business already holds (the demo's domain), as `register` would. */
  async holdHere(
    name: string,
    domain: Pick<RegistrarDomain, 'registeredAt' | 'expiresAt' | 'nameservers' | 'privacy' | 'locked'>,
  ): Promise<void> {
    await this.#db
      .insertInto('local_registry')
      .values({
        name,
        holder: SELF,
        registered_at: domain.registeredAt,
        expires_at: domain.expiresAt,
        nameservers: JSON.stringify(domain.nameservers),
        privacy: domain.privacy ? 1 : 0,
        locked: domain.locked ? 1 : 0,
        epp_code_sealed: this.#seal(newEppCode()),
        premium: 0,
        updated_at: this.#now(),
      })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
  }

  #seal(code: string): string {
    return this.#sealer.seal(Buffer.from(code, 'utf8'));
  }

  /** Compares the code given with the sealed one in constant time (over their digests, so lengths never leak). */
  #matches(sealed: string, given: string): boolean {
    let expected: string;
    try {
      expected = this.#sealer.open(sealed).toString('utf8');
    } catch {
      return false;
    }
    return timingSafeEqual(digest(expected), digest(given));
  }
}
