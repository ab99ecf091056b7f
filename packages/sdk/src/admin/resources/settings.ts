import {
  type AdminSettings,
  type CustomDomain,
  type LogoUploadInput,
  type SettingsUpdateInput,
  settingsRoutes,
} from '../../contract/settings.js';
import type { HttpClient } from '../../client/http.js';

/**
 * Settings → Client Portal (admin role).
 *
 * @example
 * ```ts
 * await admin.settings.update({ brandColor: '#0f766e', sections: { faq: false } });
 * ```
 */
export class SettingsResource {
  readonly #http: HttpClient;

  constructor(http: HttpClient) {
    this.#http = http;
  }

  get(): Promise<AdminSettings> {
    return this.#http.send(settingsRoutes.get);
  }

  /** Changes only the fields given. Footer HTML comes back sanitized. */
  update(input: SettingsUpdateInput): Promise<AdminSettings> {
    return this.#http.send(settingsRoutes.update, { body: input });
  }

  /** Uploads the logo (PNG, JPEG, WebP or SVG, at most 512 KB), base64-encoded. */
  uploadLogo(input: LogoUploadInput): Promise<AdminSettings> {
    return this.#http.send(settingsRoutes.uploadLogo, { body: input });
  }

  removeLogo(): Promise<AdminSettings> {
    return this.#http.send(settingsRoutes.removeLogo);
  }

  /** Sets the custom domain; the answer lists the DNS records to create. */
  setCustomDomain(domain: string): Promise<CustomDomain> {
    return this.#http.send(settingsRoutes.setCustomDomain, { body: { domain } });
  }

  /** Looks the custom domain up in DNS and records whether it points here. */
  verifyCustomDomain(): Promise<CustomDomain> {
    return this.#http.send(settingsRoutes.verifyCustomDomain);
  }

  removeCustomDomain(): Promise<void> {
    return this.#http.send(settingsRoutes.removeCustomDomain);
  }
}
