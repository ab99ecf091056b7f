import * as z from 'zod/mini';
import { defineRoute } from './common.js';

/**
 * The portal's apps: modules a client moves between with the app switcher, each with its own client routes,
 * staff routes, SDK resource and elements. The business enables each one and says who may use it.
 */
export const APP_IDS = ['affiliates', 'courses', 'communities'] as const;
export const AppIdSchema = z.enum(APP_IDS);
export type AppId = (typeof APP_IDS)[number];

/**
 * Who may use an enabled app: `everyone` (every client whose profile is complete), or `granted` (accounts a
 * staff member invited, or that hold an active service of a product that grants it).
 */
export const AppAccessSchema = z.enum(['everyone', 'granted']);
export type AppAccess = z.infer<typeof AppAccessSchema>;

/** What a grant gives access to: an app, a course, or a community group. */
export const GRANT_KINDS = ['app', 'course', 'group'] as const;
export const GrantKindSchema = z.enum(GRANT_KINDS);
export type GrantKind = (typeof GRANT_KINDS)[number];

/** An app as the switcher lists it. */
export const PortalAppSchema = z.object({
  id: AppIdSchema,
  name: z.string(),
  description: z.string(),
  /** Where the app lives: the business's page for it, else the hosted portal's. */
  href: z.string(),
});
export type PortalApp = z.infer<typeof PortalAppSchema>;

/** What the app switcher shows: the portal itself, then the apps this person may use. */
export const AppsSchema = z.object({
  portal: z.object({ name: z.string(), href: z.string() }),
  /**
   * Apps this person may use now. Empty while the account's required profile is incomplete (see
   * `profileIncomplete`), and for a contact without `apps:read`.
   */
  apps: z.array(PortalAppSchema),
  /** The business requires profile fields this account has not filled, and has apps on: they open once it is. */
  profileIncomplete: z.boolean(),
});
export type Apps = z.infer<typeof AppsSchema>;

/** The app switcher's list. */
export const appsRoutes = {
  list: defineRoute({
    id: 'apps.list',
    method: 'GET',
    path: '/api/v1/apps',
    summary: 'The apps this person may use, for the app switcher',
    tags: ['apps'],
    auth: 'client',
    access: 'self',
    status: 200,
    output: AppsSchema,
  }),
};
