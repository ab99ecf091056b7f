import type {
  AvailabilityQuerySchema,
  DomainAvailability,
  DomainSuggestions,
  SuggestionQuerySchema,
  TldList,
  TldQuerySchema,
} from '@portico/sdk/contract';
import { domainToUnicode, tldOf } from '@portico/sdk/contract';
import type * as z from 'zod';
import type { Config } from '../../config.js';
import type { Clock } from '../../deps.js';
import type { Auth } from '../../http/auth.js';
import type { Limit, RateLimiter } from '../../http/rate-limit.js';
import type { Settings } from '../settings/settings.js';
import { DomainErrors } from './errors.js';
import type { DomainPricing, TldRow } from './pricing.js';
import type { Availability, AvailabilityChecker } from './registrar.js';
import type { RegistrarRegistry } from './registry.js';
import { DEFAULT_SUGGESTIONS, suggestDomains } from './suggestions.js';

type TldQuery = z.output<typeof TldQuerySchema>;
type AvailabilityQuery = z.output<typeof AvailabilityQuerySchema>;
type SuggestionQuery = z.output<typeof SuggestionQuerySchema>;

/** Public availability checks per IP. */
export const CHECK_LIMIT: Limit = { max: 120, windowSeconds: 60 };
/** Public suggestion requests per IP. */
export const SUGGEST_LIMIT: Limit = { max: 60, windowSeconds: 60 };
/** Answers kept at most; the oldest go first. */
export const CACHE_MAX_ENTRIES = 10_000;

type Known = Exclude<Availability, { status: 'unknown' }>;

/**
 * Available and taken answers for a short while, in this process: a widget checking ten TLDs as a visitor types
 * asks for the same names again and again. `unknown` is never kept (the next check may get through). Bounded:
 * past `max` entries the oldest answer goes.
 */
export class AvailabilityCache {
  readonly #entries = new Map<string, { answer: Known; until: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlSeconds: number,
    private readonly max = CACHE_MAX_ENTRIES,
  ) {}

  get size(): number {
    return this.#entries.size;
  }

  get(name: string): Known | undefined {
    const entry = this.#entries.get(name);
    if (!entry) return undefined;
    if (entry.until <= this.clock.now().getTime()) {
      this.#entries.delete(name);
      return undefined;
    }
    return entry.answer;
  }

  set(name: string, answer: Availability): void {
    if (this.ttlSeconds <= 0 || answer.status === 'unknown') return;
    this.#entries.delete(name);
    this.#entries.set(name, { answer, until: this.clock.now().getTime() + this.ttlSeconds * 1000 });
    while (this.#entries.size > this.max) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
  }
}

/**
 * Asks a checker with a deadline. The checker gets an `AbortSignal` that fires at `ms`, and the answer is
 * `unknown` (`timeout`) then even if the checker ignores it; a checker that throws (it should not) is `unknown`
 * (`error`).
 */
export async function checkWithin(
  checker: AvailabilityChecker,
  name: string,
  ms: number,
): Promise<Availability> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<Availability>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new DOMException('The availability check timed out', 'TimeoutError'));
      resolve({ status: 'unknown', reason: 'timeout' });
    }, ms);
  });
  try {
    return await Promise.race([
      checker
        .check(name, { signal: controller.signal })
        .catch((): Availability => ({ status: 'unknown', reason: 'error' })),
      expired,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export interface DomainSearchDeps {
  settings: Settings;
  clock: Clock;
  rate: RateLimiter;
  config: Pick<Config, 'rdapTimeoutMs' | 'domainCheckCacheSeconds'>;
  registrars: RegistrarRegistry;
  pricing: DomainPricing;
  /** The currency asked for, else the signed-in account's, else the default; must be enabled (billing's rule). */
  currencyFor(asked: string | undefined, auth: Auth | undefined): Promise<string>;
  /** The deadline of one availability check (default: the RDAP timeout). */
  checkDeadlineMs?: number | undefined;
}

/**
 * The public domain search: the TLDs for sale with their prices, one name's availability, and alternatives. All
 * three are closed (404) while the business hides the store or the domain search from the portal.
 */
export class DomainSearch {
  readonly cache: AvailabilityCache;
  readonly #d: DomainSearchDeps;
  /** Checks running now, by name: a second visitor asking the same name waits for the same answer. */
  readonly #running = new Map<string, Promise<Availability>>();

  constructor(deps: DomainSearchDeps) {
    this.#d = deps;
    this.cache = new AvailabilityCache(deps.clock, deps.config.domainCheckCacheSeconds);
  }

  #open(): void {
    const { sections } = this.#d.settings.current;
    if (!sections.store || !sections.domainSearch) throw DomainErrors.searchClosed();
  }

  /** Enabled TLDs with their price grids in the visitor's currency. */
  async tlds(query: TldQuery, auth: Auth | undefined): Promise<TldList> {
    this.#open();
    const currency = await this.#d.currencyFor(query.currency, auth);
    return {
      currency,
      currencies: [...this.#d.settings.current.enabledCurrencies],
      tlds: await this.#d.pricing.tlds(currency),
    };
  }

  /**
   * Whether one name (already ASCII and valid, from the contract) can be registered, with one year's register and
   * transfer prices. 422 TLD_NOT_OFFERED when it does not end in an enabled TLD. Limited per IP.
   */
  async availability(
    query: AvailabilityQuery,
    auth: Auth | undefined,
    ip: string,
  ): Promise<DomainAvailability> {
    this.#open();
    await this.#d.rate.hit(`domain-check:ip:${ip}`, CHECK_LIMIT);
    const currency = await this.#d.currencyFor(query.currency, auth);
    const name = query.domain;
    const rows = await this.#d.pricing.enabledTlds();
    const tld = tldOf(
      name,
      rows.map((r) => r.tld),
    );
    const row = rows.find((r) => r.tld === tld);
    if (!tld || !row) throw DomainErrors.tldNotOffered(name);
    const checker = this.#checkerOf(row);
    const [answer, { register, transfer }] = await Promise.all([
      checker ? this.check(name, checker) : ({ status: 'unknown', reason: 'error' } as const),
      this.#d.pricing.termPrices(tld, currency, 1),
    ]);
    return {
      domain: name,
      unicode: domainToUnicode(name),
      tld,
      status: answer.status,
      reason: answer.status === 'unknown' ? answer.reason : null,
      register: register === null ? null : { currency, amount: register },
      transfer: transfer === null ? null : { currency, amount: transfer },
      premium: answer.status === 'available' && answer.premium,
    };
  }

  /** The TLD's checker; undefined when it names a registrar the server no longer has (staff see it in the list). */
  #checkerOf(row: TldRow): AvailabilityChecker | undefined {
    try {
      return this.#d.registrars.checkerFor(row);
    } catch {
      return undefined;
    }
  }

  /** One name's availability: from the cache, else from the checker within the deadline (and then cached). */
  async check(name: string, checker: AvailabilityChecker): Promise<Availability> {
    const cached = this.cache.get(name);
    if (cached) return cached;
    const running = this.#running.get(name);
    if (running) return running;
    const deadline = this.#d.checkDeadlineMs ?? this.#d.config.rdapTimeoutMs;
    const pending = checkWithin(checker, name, deadline).then((answer) => {
      this.cache.set(name, answer);
      return answer;
    });
    this.#running.set(name, pending);
    try {
      return await pending;
    } finally {
      this.#running.delete(name);
    }
  }

  /** Alternatives to what the visitor typed, across the enabled TLDs (not checked). Limited per IP. */
  async suggestions(query: SuggestionQuery, ip: string): Promise<DomainSuggestions> {
    this.#open();
    await this.#d.rate.hit(`domain-suggest:ip:${ip}`, SUGGEST_LIMIT);
    const tlds = (await this.#d.pricing.enabledTlds()).map((r) => r.tld);
    return { items: suggestDomains(query.query, tlds, query.limit ?? DEFAULT_SUGGESTIONS) };
  }
}
