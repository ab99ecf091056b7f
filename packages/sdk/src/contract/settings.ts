import * as z from 'zod/mini';
import { ProfileFieldSchema } from './auth.js';
import { CurrencySchema } from './clients.js';
import { defineRoute, HttpUrlSchema, TimestampSchema } from './common.js';
import { FooterLinkSchema, PortalBrandingSchema, PortalSectionsSchema } from './portal.js';

/** Error codes of the settings area. */
export const SettingsErrorCodes = {
  /** The logo is not PNG, JPEG, WebP or SVG, or its content does not match its declared type. */
  LOGO_TYPE: 'LOGO_TYPE',
  LOGO_TOO_LARGE: 'LOGO_TOO_LARGE',
  NO_CUSTOM_DOMAIN: 'NO_CUSTOM_DOMAIN',
  /** The DNS lookup could not be made (resolver down, timeout). Nothing changed. */
  DNS_LOOKUP_FAILED: 'DNS_LOOKUP_FAILED',
} as const;

/** Largest logo accepted, in bytes (before base64). */
export const LOGO_MAX_BYTES = 512 * 1024;
/** Logo types accepted. */
export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml'] as const;

/** `#rrggbb` (a `#rgb` is widened). */
export const BrandColorSchema = z.string().check(
  z.trim(),
  z.toLowerCase(),
  z.regex(/^#([0-9a-f]{3}|[0-9a-f]{6})$/, { error: 'Use a colour such as #1d4ed8' }),
  z.overwrite((v) => (v.length === 4 ? `#${[...v.slice(1)].map((c) => c + c).join('')}` : v)),
);

/** An origin such as `https://www.example.com` (scheme, host, optional port; no path). */
export const OriginSchema = z.string().check(
  z.trim(),
  z.toLowerCase(),
  z.refine(
    (v) => {
      if (!URL.canParse(v)) return false;
      const url = new URL(v);
      return ['http:', 'https:'].includes(url.protocol) && url.origin === v.replace(/\/$/, '');
    },
    { error: 'Use an origin: scheme://host[:port], no path' },
  ),
  z.overwrite((v) => v.replace(/\/$/, '')),
);

/** A DNS host name (what a custom domain may be). IDN input is turned into its punycode form on the server. */
export const HostnameSchema = z.string().check(
  z.trim(),
  z.toLowerCase(),
  z.overwrite((v) => v.replace(/\.$/, '')),
  z.maxLength(253, { error: 'A domain is at most 253 characters' }),
  // Letters of any script (an IDN such as bücher.example) and punycode labels, TLD included (xn--p1ai).
  z.regex(
    /^(?=.{1,253}$)((?!-)[\p{L}\p{M}\p{N}-]{1,63}(?<!-)\.)+(?![\d-]+$)(?!-)[\p{L}\p{M}\p{N}-]{2,63}(?<!-)$/u,
    {
      error: 'Enter a domain such as portal.example.com',
    },
  ),
);

export const CustomDomainStatusSchema = z.enum(['pending', 'verified', 'failed']);

/** A DNS record the business must create at its registrar. */
export const DnsRecordSchema = z.object({
  type: z.enum(['A', 'AAAA', 'CNAME']),
  name: z.string(),
  value: z.string(),
});

/** The custom domain and where its verification stands. */
export const CustomDomainSchema = z.object({
  domain: z.string(),
  status: CustomDomainStatusSchema,
  /** Create one of these (CNAME for a subdomain is simplest). */
  records: z.array(DnsRecordSchema),
  /** What the last check found, in words. */
  detail: z.nullable(z.string()),
  lastCheckedAt: z.nullable(TimestampSchema),
  verifiedAt: z.nullable(TimestampSchema),
});
export type CustomDomain = z.infer<typeof CustomDomainSchema>;

/** Every setting of the client portal, as the admin console edits them. */
export const AdminSettingsSchema = z.extend(PortalBrandingSchema, {
  allowDuplicateAccounts: z.boolean(),
  defaultCurrency: z.string(),
  enabledCurrencies: z.array(z.string()),
  allowedOrigins: z.array(z.string()),
  /** Origins from `PORTICO_ALLOWED_ORIGINS`, which the console cannot change. */
  configuredOrigins: z.array(z.string()),
  requireStaffTotp: z.boolean(),
  /** Profile fields clients must fill before anything else in the portal. */
  requiredProfileFields: z.array(ProfileFieldSchema),
  /** The portal page, when the business hosts the elements on its own site (else the server's own). */
  portalUrl: z.nullable(z.string()),
  customDomain: z.nullable(CustomDomainSchema),
});
export type AdminSettings = z.infer<typeof AdminSettingsSchema>;

export const SettingsUpdateInputSchema = z.object({
  businessName: z.optional(
    z
      .string()
      .check(
        z.trim(),
        z.minLength(1, { error: 'Company name is required' }),
        z.maxLength(120, { error: 'Company name must be at most 120 characters' }),
      ),
  ),
  brandColor: z.optional(BrandColorSchema),
  sections: z.optional(z.partial(PortalSectionsSchema)),
  footerLinks: z.optional(z.array(FooterLinkSchema).check(z.maxLength(20))),
  footerHtml: z.optional(
    z.string().check(z.maxLength(20_000, { error: 'Footer HTML must be at most 20,000 characters' })),
  ),
  termsUrl: z.optional(z.nullable(HttpUrlSchema)),
  allowDuplicateAccounts: z.optional(z.boolean()),
  defaultCurrency: z.optional(CurrencySchema),
  enabledCurrencies: z.optional(z.array(CurrencySchema).check(z.minLength(1), z.maxLength(50))),
  allowedOrigins: z.optional(z.array(OriginSchema).check(z.maxLength(50))),
  requireStaffTotp: z.optional(z.boolean()),
  requiredProfileFields: z.optional(z.array(ProfileFieldSchema).check(z.maxLength(3))),
  portalUrl: z.optional(z.nullable(HttpUrlSchema)),
});
export type SettingsUpdateInput = z.input<typeof SettingsUpdateInputSchema>;

export const LogoUploadInputSchema = z.object({
  contentType: z.enum(LOGO_TYPES, { error: 'The logo must be PNG, JPEG, WebP or SVG' }),
  /**
   * The file, base64-encoded. Its decoded size is checked on the server (LOGO_TOO_LARGE above `LOGO_MAX_BYTES`);
   * the request body limit (800 KB) stops anything far larger before it is parsed.
   */
  data: z.string().check(z.regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'The logo data must be base64' })),
});
export type LogoUploadInput = z.input<typeof LogoUploadInputSchema>;

export const CustomDomainInputSchema = z.object({ domain: HostnameSchema });
export type CustomDomainInput = z.input<typeof CustomDomainInputSchema>;

const adminOnly = { auth: 'staff' as const, roles: ['admin'] as const };

/** Settings → Client Portal. */
export const settingsRoutes = {
  get: defineRoute({
    id: 'settings.get',
    method: 'GET',
    path: '/api/admin/v1/settings',
    summary: 'Every client portal setting',
    tags: ['admin: settings'],
    ...adminOnly,
    status: 200,
    output: AdminSettingsSchema,
  }),
  update: defineRoute({
    id: 'settings.update',
    method: 'PATCH',
    path: '/api/admin/v1/settings',
    summary: 'Change settings (only the fields sent); footer HTML is sanitized on the way in',
    tags: ['admin: settings'],
    ...adminOnly,
    body: SettingsUpdateInputSchema,
    status: 200,
    output: AdminSettingsSchema,
  }),
  uploadLogo: defineRoute({
    id: 'settings.uploadLogo',
    method: 'PUT',
    path: '/api/admin/v1/settings/logo',
    summary: 'Upload the logo (PNG, JPEG, WebP or SVG, at most 512 KB; SVG is sanitized)',
    tags: ['admin: settings'],
    ...adminOnly,
    body: LogoUploadInputSchema,
    status: 200,
    output: AdminSettingsSchema,
    errors: ['LOGO_TYPE', 'LOGO_TOO_LARGE'],
  }),
  removeLogo: defineRoute({
    id: 'settings.removeLogo',
    method: 'DELETE',
    path: '/api/admin/v1/settings/logo',
    summary: 'Remove the logo',
    tags: ['admin: settings'],
    ...adminOnly,
    status: 200,
    output: AdminSettingsSchema,
  }),
  setCustomDomain: defineRoute({
    id: 'settings.setCustomDomain',
    method: 'PUT',
    path: '/api/admin/v1/settings/custom-domain',
    summary: 'Set the custom domain; answers with the DNS records to create',
    tags: ['admin: settings'],
    ...adminOnly,
    body: CustomDomainInputSchema,
    status: 200,
    output: CustomDomainSchema,
  }),
  verifyCustomDomain: defineRoute({
    id: 'settings.verifyCustomDomain',
    method: 'POST',
    path: '/api/admin/v1/settings/custom-domain/verify',
    summary: 'Resolve the custom domain and record whether it points here',
    tags: ['admin: settings'],
    ...adminOnly,
    status: 200,
    output: CustomDomainSchema,
    errors: ['NO_CUSTOM_DOMAIN', 'DNS_LOOKUP_FAILED', 'CONFLICT', 'RATE_LIMITED'],
    rateLimited: true,
  }),
  removeCustomDomain: defineRoute({
    id: 'settings.removeCustomDomain',
    method: 'DELETE',
    path: '/api/admin/v1/settings/custom-domain',
    summary: 'Stop using the custom domain',
    tags: ['admin: settings'],
    ...adminOnly,
    status: 204,
  }),
};
