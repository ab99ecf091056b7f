import {
  type AdminDomain,
  type AdminDomainQuery,
  type AdminDomainUpdate,
  type AdminTld,
  type DomainSettings,
  type DomainSettingsInput,
  domainsAdminRoutes as routes,
  type RegistrarInfo,
  type TldInput,
  type TldPricesInput,
  type TldUpdate,
} from '../../contract/domains-admin.js';
import type { Page } from '../../client/resources/account.js';
import type { HttpClient } from '../../client/http.js';

/**
 * TLDs and their price grids, registrars, clients' domains and their registrar tasks, and domain settings.
 *
 * @example
 * ```ts
 * await admin.domains.createTld({ tld: 'dev', registrar: 'local', availability: 'registrar' });
 * await admin.domains.setTldPrices('dev', { currency: 'USD', prices: [{ action: 'register', years: 1, amount: 1500 }] });
 * const failed = await admin.domains.list({ status: 'failed' });
 * await admin.domains.retry(failed.items[0].id);
 * ```
 */
export class AdminDomainsResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }
  tlds(): Promise<{ items: AdminTld[] }> {
    return this.#http.send(routes.listTlds);
  }
  createTld(input: TldInput): Promise<AdminTld> {
    return this.#http.send(routes.createTld, { body: input });
  }
  updateTld(tld: string, input: TldUpdate): Promise<AdminTld> {
    return this.#http.send(routes.updateTld, { params: { tld }, body: input });
  }
  /** Replaces one currency's grid: an (action, years) left out is not offered. */
  setTldPrices(tld: string, input: TldPricesInput): Promise<AdminTld> {
    return this.#http.send(routes.setTldPrices, { params: { tld }, body: input });
  }
  removeTld(tld: string): Promise<void> {
    return this.#http.send(routes.removeTld, { params: { tld } });
  }
  registrars(): Promise<{ items: RegistrarInfo[] }> {
    return this.#http.send(routes.registrars);
  }
  settings(): Promise<DomainSettings> {
    return this.#http.send(routes.getSettings);
  }
  updateSettings(input: DomainSettingsInput): Promise<DomainSettings> {
    return this.#http.send(routes.updateSettings, { body: input });
  }
  list(options: AdminDomainQuery = {}): Promise<Page<AdminDomain>> {
    return this.#http.send(routes.listDomains, { query: { ...options } });
  }
  get(domainId: string): Promise<AdminDomain> {
    return this.#http.send(routes.getDomain, { params: { domainId } });
  }
  update(domainId: string, input: AdminDomainUpdate): Promise<AdminDomain> {
    return this.#http.send(routes.updateDomain, { params: { domainId }, body: input });
  }
  /** Asks the registrar again for a failed registration, transfer or renewal, now. */
  retry(domainId: string): Promise<AdminDomain> {
    return this.#http.send(routes.retryDomain, { params: { domainId } });
  }
  /** Reads expiry, name servers, lock and privacy from the registrar. */
  sync(domainId: string): Promise<AdminDomain> {
    return this.#http.send(routes.syncDomain, { params: { domainId } });
  }
}
