import type { Invoice } from '../../contract/billing.js';
import {
  type Domain,
  type DomainAvailability,
  type DomainStatus,
  type DomainSuggestions,
  domainRoutes,
  type EppCode,
  type TldList,
} from '../../contract/domains.js';
import type { HttpClient } from '../http.js';
import type { PageOptions } from './orders.js';

/**
 * Domain search and pricing (public: no sign-in needed), and the account's domains. Every change goes to the
 * registrar first and is stored only when it succeeds; a registrar failure is a `REGISTRAR_ERROR` and changes
 * nothing.
 *
 * @example
 * ```ts
 * const { tlds } = await portal.domains.tlds({ currency: 'EUR' });
 * const result = await portal.domains.availability('bücher.example');
 * if (result.status === 'available') {
 *   await portal.orders.place({ domains: [{ domain: result.domain, action: 'register', years: 1 }] });
 * }
 * await portal.domains.setNameservers(domainId, ['ns1.example.net', 'ns2.example.net']);
 * ```
 */
export class DomainsResource {
  readonly #http: HttpClient;

  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** The TLDs the business sells, with prices for 1–10 years in one currency. */
  tlds(options: { currency?: string } = {}): Promise<TldList> {
    return this.#http.send(domainRoutes.tlds, { query: { ...options } });
  }

  /**
   * Whether one domain (`example.com`, `bücher.example`) can be registered, with its price. A registry that does
   * not answer in time gives `status: 'unknown'`, never a hang. Pass `signal` to give up sooner.
   */
  availability(
    domain: string,
    options: { currency?: string; signal?: AbortSignal } = {},
  ): Promise<DomainAvailability> {
    const { signal, ...query } = options;
    return this.#http.send(domainRoutes.availability, {
      query: { domain, ...query },
      ...(signal ? { signal } : {}),
    });
  }

  /** Alternative names for what a visitor typed (not checked: check each one). */
  suggestions(
    query: string,
    options: { limit?: number; signal?: AbortSignal } = {},
  ): Promise<DomainSuggestions> {
    const { signal, ...rest } = options;
    return this.#http.send(domainRoutes.suggestions, {
      query: { query, ...rest },
      ...(signal ? { signal } : {}),
    });
  }

  list(
    options: PageOptions & { status?: DomainStatus } = {},
  ): Promise<{ items: Domain[]; nextCursor: string | null }> {
    return this.#http.send(domainRoutes.list, { query: { ...options } });
  }

  get(domainId: string): Promise<Domain> {
    return this.#http.send(domainRoutes.get, { params: { domainId } });
  }

  /** Replaces the name servers (2 to 13 host names). */
  setNameservers(domainId: string, nameservers: string[]): Promise<Domain> {
    return this.#http.send(domainRoutes.setNameservers, { params: { domainId }, body: { nameservers } });
  }

  setPrivacy(domainId: string, enabled: boolean): Promise<Domain> {
    return this.#http.send(domainRoutes.setPrivacy, { params: { domainId }, body: { enabled } });
  }

  setLock(domainId: string, enabled: boolean): Promise<Domain> {
    return this.#http.send(domainRoutes.setLock, { params: { domainId }, body: { enabled } });
  }

  setAutoRenew(domainId: string, enabled: boolean): Promise<Domain> {
    return this.#http.send(domainRoutes.setAutoRenew, { params: { domainId }, body: { enabled } });
  }

  /** The transfer (EPP) code. Audited; the account owner is told. */
  eppCode(domainId: string): Promise<EppCode> {
    return this.#http.send(domainRoutes.eppCode, { params: { domainId } });
  }

  /** Renews now: answers the invoice to pay. Safe to retry (Idempotency-Key). */
  renew(
    domainId: string,
    options: { years?: number; idempotencyKey?: string } = {},
  ): Promise<{ invoice: Invoice }> {
    const { idempotencyKey, ...body } = options;
    return this.#http.send(domainRoutes.renew, {
      params: { domainId },
      body,
      ...(idempotencyKey ? { idempotencyKey } : {}),
    });
  }
}
