import type {
  AdminSettings,
  CustomDomain,
  CustomDomainInputSchema,
  LogoUploadInputSchema,
  PortalBranding,
  PortalConfig,
  SettingsUpdateInputSchema,
} from '@portico/sdk/contract';
import type { Transaction } from 'kysely';
import type { Logger } from 'pino';
import type * as z from 'zod';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { Clock, IdGenerator } from '../../deps.js';
import type { StaffAuth } from '../../http/auth.js';
import { HttpError } from '../../http/problem.js';
import type { RateLimiter } from '../../http/rate-limit.js';
import type { AuditLog, AuditOrigin } from '../audit/audit-log.js';
import { checkDomainDns, dnsRecords, normalizeDomain, pendingDomain } from './custom-domain.js';
import { checkLogo, logoPath } from './logo.js';
import { sanitizeFooterHtml } from './sanitize.js';
import type { CustomDomainState, PortalSettings, Settings } from './settings.js';

export interface SettingsDeps {
  db: Db;
  settings: Settings;
  clock: Clock;
  ids: IdGenerator;
  config: Config;
  logger: Logger;
  audit: AuditLog;
  rate: RateLimiter;
}

/** Who makes a change, and from where (for the audit log). */
export interface StaffChange {
  staff: StaffAuth;
  origin: AuditOrigin;
}

/** The logo as served from `/assets`. */
export interface LogoFile {
  contentType: string;
  data: Buffer;
}

/** At most this many DNS checks an hour: each one sends queries out to the world. */
const VERIFY_LIMIT = { max: 20, windowSeconds: 3600 };

const PORTAL_LOCALES = ['en', 'es'];

/**
 * Settings → Client Portal: branding, logo, footer, sections, origins, custom domain; and the public portal
 * configuration built from them.
 */
export class SettingsService {
  readonly #rate: RateLimiter;
  #footer = { stored: '', served: '' };

  constructor(readonly deps: SettingsDeps) {
    this.#rate = deps.rate;
  }

  /** The branding, sections and footer, as both the console and the public config show them. */
  #branding(): PortalBranding {
    const s = this.deps.settings.current;
    return {
      businessName: s.businessName,
      logoUrl: this.#logoUrl(),
      brandColor: s.brandColor,
      sections: s.sections,
      footerLinks: s.footerLinks,
      footerHtml: this.#servedFooter(),
      termsUrl: s.termsUrl,
    };
  }

  /** Every setting as the console edits them. */
  adminSettings(): AdminSettings {
    const s = this.deps.settings.current;
    return {
      ...this.#branding(),
      allowDuplicateAccounts: s.allowDuplicateAccounts,
      defaultCurrency: s.defaultCurrency,
      enabledCurrencies: s.enabledCurrencies,
      allowedOrigins: s.allowedOrigins,
      configuredOrigins: this.deps.config.allowedOrigins,
      requireStaffTotp: s.requireStaffTotp,
      requiredProfileFields: s.requiredProfileFields,
      portalUrl: s.portalUrl,
      customDomain: s.customDomain ? this.#customDomain(s.customDomain) : null,
    };
  }

  /** What any page needs to draw the portal. Public. */
  portalConfig(): PortalConfig {
    return {
      ...this.#branding(),
      portalUrl: this.deps.settings.portalUrl(this.deps.config.publicUrl),
      locales: PORTAL_LOCALES,
    };
  }

  /**
   * Changes the settings sent (and only those), in one transaction with its audit entry. Sections merge into the
   * current ones; footer HTML is sanitized; the default currency must stay among the enabled ones.
   */
  async update(
    input: z.output<typeof SettingsUpdateInputSchema>,
    change: StaffChange,
  ): Promise<AdminSettings> {
    const current = this.deps.settings.current;
    const { sections, footerHtml, enabledCurrencies, allowedOrigins, requiredProfileFields, ...plain } =
      input;
    const next: Partial<PortalSettings> = { ...plain };
    if (sections) next.sections = { ...current.sections, ...sections };
    if (footerHtml !== undefined) next.footerHtml = sanitizeFooterHtml(footerHtml);
    if (enabledCurrencies) next.enabledCurrencies = [...new Set(enabledCurrencies)];
    if (allowedOrigins) next.allowedOrigins = [...new Set(allowedOrigins)];
    if (requiredProfileFields) next.requiredProfileFields = [...new Set(requiredProfileFields)];

    const enabled = next.enabledCurrencies ?? current.enabledCurrencies;
    const defaultCurrency = next.defaultCurrency ?? current.defaultCurrency;
    if (!enabled.includes(defaultCurrency)) {
      const [path, message] =
        input.defaultCurrency !== undefined
          ? ['defaultCurrency', `Enable ${defaultCurrency} before making it the default currency.`]
          : [
              'enabledCurrencies',
              `Keep ${defaultCurrency} enabled: it is the default currency. Change the default first.`,
            ];
      throw new HttpError(400, 'VALIDATION_FAILED', message, {
        errors: [{ path, message, code: 'default_currency_disabled' }],
      });
    }

    const changed = (Object.keys(next) as Array<keyof PortalSettings>).filter(
      (key) => next[key] !== undefined && JSON.stringify(next[key]) !== JSON.stringify(current[key]),
    );
    if (changed.length) {
      const values = Object.fromEntries(changed.map((key) => [key, next[key]]));
      await this.deps.settings.update(values, (trx) => this.#audit(trx, change, { changed }));
    }
    return this.adminSettings();
  }

  /** Replaces the logo (checked, SVG sanitized); only the current logo is kept. */
  async uploadLogo(
    input: z.output<typeof LogoUploadInputSchema>,
    change: StaffChange,
  ): Promise<AdminSettings> {
    const logo = checkLogo(input);
    const assetId = this.deps.ids('ast');
    await this.deps.settings.update(
      { logo: { assetId, contentType: logo.contentType, sha256: logo.sha256 } },
      async (trx) => {
        await trx.deleteFrom('assets').where('kind', '=', 'logo').execute();
        await trx
          .insertInto('assets')
          .values({
            id: assetId,
            kind: 'logo',
            content_type: logo.contentType,
            sha256: logo.sha256,
            byte_size: logo.bytes.length,
            data: logo.bytes,
            created_at: this.deps.clock.now().toISOString(),
          })
          .execute();
        await this.#audit(trx, change, {
          changed: ['logo'],
          contentType: logo.contentType,
          byteSize: logo.bytes.length,
          sha256: logo.sha256,
        });
      },
    );
    return this.adminSettings();
  }

  /** Removes the logo. */
  async removeLogo(change: StaffChange): Promise<AdminSettings> {
    if (!this.deps.settings.current.logo) return this.adminSettings();
    await this.deps.settings.update({ logo: null }, async (trx) => {
      await trx.deleteFrom('assets').where('kind', '=', 'logo').execute();
      await this.#audit(trx, change, { changed: ['logo'], removed: true });
    });
    return this.adminSettings();
  }

  /**
   * The current logo's bytes when `file` (`<16 hex>.<ext>`, the part after `logo-`) names it, else undefined:
   * an old URL stops working as soon as the logo changes.
   */
  async logoFile(file: string): Promise<LogoFile | undefined> {
    const logo = this.deps.settings.current.logo;
    if (!logo || `/assets/logo-${file}` !== logoPath(logo)) return undefined;
    const row = await this.deps.db
      .selectFrom('assets')
      .select(['content_type', 'data'])
      .where('id', '=', logo.assetId)
      .where('kind', '=', 'logo')
      .executeTakeFirst();
    return row ? { contentType: row.content_type, data: row.data } : undefined;
  }

  /** Sets the custom domain (IDN stored as punycode), pending until its DNS is checked; answers the records. */
  async setCustomDomain(
    input: z.output<typeof CustomDomainInputSchema>,
    change: StaffChange,
  ): Promise<CustomDomain> {
    const domain = normalizeDomain(input.domain, this.deps.config);
    const current = this.deps.settings.current.customDomain;
    if (current?.domain === domain) return this.#customDomain(current);
    const state = pendingDomain(domain, this.deps.config);
    await this.deps.settings.update({ customDomain: state }, (trx) =>
      this.#audit(trx, change, { changed: ['customDomain'], domain, status: state.status }),
    );
    return this.#customDomain(state);
  }

  /**
   * Checks the custom domain's DNS and records the result (verified or failed). A lookup that could not be made
   * answers 502 DNS_LOOKUP_FAILED and changes nothing.
   */
  async verifyCustomDomain(change: StaffChange): Promise<CustomDomain> {
    const current = this.deps.settings.current.customDomain;
    if (!current) {
      throw new HttpError(404, 'NO_CUSTOM_DOMAIN', 'Set a custom domain before checking it.');
    }
    await this.#rate.hit('settings:verify-custom-domain', VERIFY_LIMIT);
    const check = await checkDomainDns(current.domain, this.deps.config);
    // Another admin may have changed the domain while DNS answered: never record a result against the new one.
    if (this.deps.settings.current.customDomain?.domain !== current.domain) {
      throw new HttpError(
        409,
        'CONFLICT',
        'The custom domain changed while it was being checked. Check again.',
      );
    }
    const now = this.deps.clock.now().toISOString();
    const state: CustomDomainState = {
      domain: current.domain,
      status: check.verified ? 'verified' : 'failed',
      detail: check.detail,
      lastCheckedAt: now,
      verifiedAt: check.verified ? (current.status === 'verified' ? current.verifiedAt : now) : null,
    };
    await this.deps.settings.update({ customDomain: state }, (trx) =>
      this.#audit(trx, change, {
        changed: ['customDomain'],
        domain: state.domain,
        status: state.status,
        previousStatus: current.status,
      }),
    );
    return this.#customDomain(state);
  }

  /** Stops using the custom domain. */
  async removeCustomDomain(change: StaffChange): Promise<void> {
    const current = this.deps.settings.current.customDomain;
    if (!current) return;
    await this.deps.settings.update({ customDomain: null }, (trx) =>
      this.#audit(trx, change, { changed: ['customDomain'], domain: current.domain, removed: true }),
    );
  }

  #customDomain(state: CustomDomainState): CustomDomain {
    return { ...state, records: dnsRecords(state.domain, this.deps.config) };
  }

  #logoUrl(): string | null {
    const { logo } = this.deps.settings.current;
    return logo ? `${this.deps.config.publicUrl}${logoPath(logo)}` : null;
  }

  // Stored HTML is sanitized again on the way out, so a policy tightened since it was saved still applies.
  #servedFooter(): string {
    const stored = this.deps.settings.current.footerHtml;
    if (stored !== this.#footer.stored) this.#footer = { stored, served: sanitizeFooterHtml(stored) };
    return this.#footer.served;
  }

  async #audit(trx: Transaction<Database>, change: StaffChange, details: Record<string, unknown>) {
    await trx
      .insertInto('audit_log')
      .values(
        this.deps.audit.row({
          actor: { type: 'staff', id: change.staff.staffId, label: change.staff.email },
          action: 'settings.updated',
          origin: change.origin,
          details,
        }),
      )
      .execute();
  }
}
