import { type PortalConfig, portalRoutes } from '../../contract/portal.js';
import type { HttpClient } from '../http.js';

/**
 * The portal's public configuration: branding, visible sections, footer.
 *
 * @example
 * ```ts
 * const config = await portal.portal.config();
 * document.title = config.businessName;
 * ```
 */
export class PortalResource {
  readonly #http: HttpClient;

  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** Branding, visible sections, footer links and HTML, terms URL and where the portal lives. */
  config(options: { signal?: AbortSignal } = {}): Promise<PortalConfig> {
    return this.#http.send(portalRoutes.config, options.signal ? { signal: options.signal } : {});
  }
}
