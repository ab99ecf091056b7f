import * as z from 'zod/mini';
import { MfaRequiredSchema, SessionSchema, SignInResultSchema } from './auth.js';
import { defineRoute, LinkTokenSchema, NameSchema, NewPasswordSchema, TimestampSchema } from './common.js';

/** Error codes of magic links and invitations. */
export const LinkErrorCodes = {
  /** Unknown, already used, revoked or expired: one answer for all, so a guesser learns nothing. */
  LINK_INVALID: 'LINK_INVALID',
} as const;

/** Public sections of the portal the business may show or hide. */
export const PortalSectionsSchema = z.object({
  knowledgeBase: z.boolean(),
  faq: z.boolean(),
  status: z.boolean(),
  announcements: z.boolean(),
  store: z.boolean(),
  /** The `<domain-search>` widget on the portal home. */
  domainSearch: z.boolean(),
});
export type PortalSections = z.infer<typeof PortalSectionsSchema>;

/** A link in the portal footer. */
export const FooterLinkSchema = z.object({
  label: z.string().check(z.trim(), z.minLength(1, { error: 'Label is required' }), z.maxLength(60)),
  url: z
    .string()
    .check(
      z.trim(),
      z.maxLength(2000),
      z.regex(/^(https?:\/\/|mailto:)[^\s]+$/i, { error: 'Links must be http(s) or mailto' }),
    ),
});
export type FooterLink = z.infer<typeof FooterLinkSchema>;

/** The branding, visible sections and footer: what the public config shows and the admin settings edit. */
export const PortalBrandingSchema = z.object({
  businessName: z.string(),
  /** Absolute URL of the logo, or null when none is uploaded. */
  logoUrl: z.nullable(z.string()),
  /** `#rrggbb`. */
  brandColor: z.string(),
  sections: PortalSectionsSchema,
  footerLinks: z.array(FooterLinkSchema),
  /**
   * Sanitized HTML (allow-listed tags; http(s) and mailto links only). Empty when unset. Stored sanitized: what
   * the console reads back is what clients get.
   */
  footerHtml: z.string(),
  termsUrl: z.nullable(z.string()),
});
export type PortalBranding = z.infer<typeof PortalBrandingSchema>;

/** What any page needs to draw the portal: branding, visible sections, footer. Public. */
export const PortalConfigSchema = z.extend(PortalBrandingSchema, {
  /** Where the portal lives (the custom domain once verified). */
  portalUrl: z.string(),
  /** Languages the elements may show. */
  locales: z.array(z.string()),
});
export type PortalConfig = z.infer<typeof PortalConfigSchema>;

export const LinkTokenInputSchema = z.object({ token: LinkTokenSchema });
export type LinkTokenInput = z.input<typeof LinkTokenInputSchema>;

/** What a magic-link page shows before its button spends the link. */
export const MagicLinkPreviewSchema = z.object({
  /** The address it signs in, partly masked (`a•••@example.com`). */
  email: z.string(),
  businessName: z.string(),
  expiresAt: TimestampSchema,
});
export type MagicLinkPreview = z.infer<typeof MagicLinkPreviewSchema>;

/** A session from a magic link, with where to go next. */
export const MagicLinkSessionSchema = z.extend(SessionSchema, {
  /**
   * The absolute URL of the link's destination on the portal (the business's portal page, else the hosted
   * portal), or null when the link carried none.
   */
  next: z.nullable(z.string()),
});
export type MagicLinkSession = z.infer<typeof MagicLinkSessionSchema>;

/** What spending a magic link answers: the session, or the two-factor step (the link never skips 2FA). */
export const MagicLinkResultSchema = z.union([
  z.extend(MfaRequiredSchema, { next: z.nullable(z.string()) }),
  MagicLinkSessionSchema,
]);
export type MagicLinkResult = z.infer<typeof MagicLinkResultSchema>;

/** What an invitation page shows before the invitee sets a password. */
export const InvitationPreviewSchema = z.object({
  email: z.string(),
  name: z.string(),
  accountName: z.string(),
  businessName: z.string(),
  expiresAt: TimestampSchema,
});
export type InvitationPreview = z.infer<typeof InvitationPreviewSchema>;

export const AcceptInvitationInputSchema = z.object({
  token: LinkTokenSchema,
  password: NewPasswordSchema,
  name: z.optional(NameSchema),
});
export type AcceptInvitationInput = z.input<typeof AcceptInvitationInputSchema>;

const rateLimited = true;

/** Public portal configuration, magic links and invitations. */
export const portalRoutes = {
  config: defineRoute({
    id: 'portal.config',
    method: 'GET',
    path: '/api/v1/portal/config',
    summary: 'Branding, visible sections and footer of the portal',
    tags: ['portal'],
    auth: 'public',
    status: 200,
    output: PortalConfigSchema,
  }),
  previewMagicLink: defineRoute({
    id: 'portal.previewMagicLink',
    method: 'POST',
    path: '/api/v1/auth/magic-link/preview',
    summary: 'Who a magic link signs in (does not spend it)',
    tags: ['auth'],
    auth: 'public',
    body: LinkTokenInputSchema,
    status: 200,
    output: MagicLinkPreviewSchema,
    errors: ['LINK_INVALID', 'RATE_LIMITED'],
    rateLimited,
  }),
  redeemMagicLink: defineRoute({
    id: 'portal.redeemMagicLink',
    method: 'POST',
    path: '/api/v1/auth/magic-link',
    summary: 'Spend a magic link (single use, 10 minutes) and sign in',
    tags: ['auth'],
    auth: 'public',
    body: LinkTokenInputSchema,
    status: 200,
    output: MagicLinkResultSchema,
    errors: ['LINK_INVALID', 'ACCOUNT_DISABLED', 'RATE_LIMITED'],
    rateLimited,
  }),
  previewInvitation: defineRoute({
    id: 'portal.previewInvitation',
    method: 'POST',
    path: '/api/v1/invitations/preview',
    summary: 'Who an invitation is for (does not spend it)',
    tags: ['auth'],
    auth: 'public',
    body: LinkTokenInputSchema,
    status: 200,
    output: InvitationPreviewSchema,
    errors: ['LINK_INVALID', 'RATE_LIMITED'],
    rateLimited,
  }),
  acceptInvitation: defineRoute({
    id: 'portal.acceptInvitation',
    method: 'POST',
    path: '/api/v1/invitations/accept',
    summary: 'Accept an invitation (7 days, bound to the invited email): set a password and sign in',
    tags: ['auth'],
    auth: 'public',
    body: AcceptInvitationInputSchema,
    status: 200,
    output: SignInResultSchema,
    errors: ['LINK_INVALID', 'PASSWORD_TOO_COMMON', 'ACCOUNT_DISABLED', 'RATE_LIMITED', 'SERVER_BUSY'],
    rateLimited,
  }),
};
