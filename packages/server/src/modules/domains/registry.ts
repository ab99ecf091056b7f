import type { RegistrarInfo } from '@portico/sdk/contract';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../deps.js';
import { LocalRegistrar } from './local-registrar.js';
import type { TldRow } from './pricing.js';
import { loadRdapBootstrap, RdapChecker } from './rdap.js';
import { type AvailabilityChecker, type Registrar, RegistrarError } from './registrar.js';

/** The registrars and availability checkers the server has, by id. */
export interface RegistrarRegistry {
  /** The registrar of that id; throws when there is none (a TLD row naming a registrar since removed). */
  registrar(id: string): Registrar;
  /** Whether a registrar of that id exists (staff may only pick those). */
  has(id: string): boolean;
  /** Who answers availability for a TLD: the registry's RDAP server, or the TLD's registrar. */
  checkerFor(tld: Pick<TldRow, 'tld' | 'registrar' | 'availability'>): AvailabilityChecker;
  /** Registrars first, then checkers, each by id. */
  list(): RegistrarInfo[];
  /** The RDAP server the bootstrap file names for a TLD, or null. */
  rdapServerFor(tld: string): string | null;
}

export interface RegistryDeps {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'secret' | 'rdapBootstrap' | 'rdapTimeoutMs'>;
}

/** Thrown for a registrar id the server does not have. */
export class UnknownRegistrarError extends Error {
  constructor(readonly registrarId: string) {
    super(`There is no registrar “${registrarId}”`);
    this.name = 'UnknownRegistrarError';
  }
}

/**
 * Builds the registry: the built-in `local` registrar and the RDAP checker over the IANA bootstrap file (the
 * shipped one unless the config names another; a broken file fails start-up). `overrides` replaces (or adds) one
 * by id, so tests inject a failing, hanging or counting registrar; an override with id `rdap` replaces the checker.
 */
export function createRegistrars(
  deps: RegistryDeps,
  overrides: Record<string, Registrar> = {},
): RegistrarRegistry {
  const registrars = new Map<string, Registrar>();
  registrars.set('local', new LocalRegistrar({ db: deps.db, clock: deps.clock, secret: deps.config.secret }));
  const bootstrap = loadRdapBootstrap(deps.config.rdapBootstrap);
  let rdapChecker: AvailabilityChecker = new RdapChecker({
    bootstrap,
    timeoutMs: deps.config.rdapTimeoutMs,
    clock: deps.clock,
  });
  for (const [id, registrar] of Object.entries(overrides)) {
    if (id === 'rdap') rdapChecker = registrar;
    else registrars.set(id, registrar);
  }
  const registrar = (id: string): Registrar => {
    const found = registrars.get(id);
    if (!found) throw new UnknownRegistrarError(id);
    return found;
  };
  return {
    registrar,
    has: (id) => registrars.has(id),
    checkerFor(tld) {
      if (tld.availability === 'rdap') return rdapChecker;
      return registrar(tld.registrar);
    },
    list() {
      const items: RegistrarInfo[] = [...registrars.values()]
        .map((r) => ({ id: r.id, name: r.name, kind: 'registrar' as const }))
        .sort((a, b) => a.id.localeCompare(b.id));
      items.push({ id: 'rdap', name: rdapChecker.name, kind: 'checker' });
      return items;
    },
    rdapServerFor: (tld) => bootstrap.serverFor(tld),
  };
}

/** How long a registrar may take over one change before the caller gives up (nothing is stored then). */
export const REGISTRAR_DEADLINE_MS = 15_000;

/**
 * Runs one registrar call with a deadline: the call gets an `AbortSignal` that fires at `ms`, and the answer is a
 * transient `RegistrarError` then even when the registrar ignores the signal. Anything a registrar throws that is
 * not a `RegistrarError` (a bug, a registrar id no longer configured) becomes a transient one, keeping its cause.
 */
export async function withDeadline<T>(ms: number, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(new DOMException('The registrar did not answer in time', 'TimeoutError'));
      reject(
        new RegistrarError('The registrar did not answer in time', { permanent: false, code: 'timeout' }),
      );
    }, ms);
  });
  try {
    return await Promise.race([call(controller.signal), expired]);
  } catch (error) {
    if (error instanceof RegistrarError) throw error;
    throw new RegistrarError('The registrar failed', { permanent: false, cause: error });
  } finally {
    clearTimeout(timer);
  }
}
