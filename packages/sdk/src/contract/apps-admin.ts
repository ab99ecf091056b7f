import * as z from 'zod/mini';
import { AppAccessSchema, AppIdSchema, GrantKindSchema } from './apps.js';
import {
  adminRoutesOf,
  defineRoute,
  idSchema,
  itemsSchema,
  PageQuerySchema,
  pageSchema,
  staffOnly,
  TimestampSchema,
} from './common.js';

/** Product ids whose active services grant something (an app, a course, a group): at most 50, each once. */
export const GrantingProductsSchema = z.array(idSchema('prod')).check(
  z.maxLength(50, { error: 'At most 50 products' }),
  z.refine((ids) => new Set(ids).size === ids.length, { error: 'Each product only once' }),
);

/** A product as grant lists name it. */
export const ProductRefSchema = z.object({ id: z.string(), name: z.string() });
export type ProductRef = z.infer<typeof ProductRefSchema>;

/** An app as staff configure it. */
export const AdminAppSchema = z.object({
  id: AppIdSchema,
  name: z.string(),
  description: z.string(),
  enabled: z.boolean(),
  access: AppAccessSchema,
  /** The business's own page for the app; null: the hosted portal's. */
  href: z.nullable(z.string()),
  /** Where the switcher sends people now (`href`, else the hosted page). */
  effectiveHref: z.string(),
  /** Products whose active services grant the app (when `access` is `granted`). */
  products: z.array(ProductRefSchema),
  /** Accounts staff invited. */
  invited: z.int(),
});
export type AdminApp = z.infer<typeof AdminAppSchema>;

/** A link to a page: a path on the host site (`/courses.html`) or an https URL. */
export const AppHrefSchema = z.string().check(
  z.trim(),
  z.maxLength(2000, { error: 'At most 2,000 characters' }),
  z.refine(
    (v) => (/^\/(?!\/)/.test(v) && !/[\s\\]/.test(v)) || (/^https:\/\/[^\s/]/.test(v) && URL.canParse(v)),
    {
      error: 'A path such as /courses.html or a full https:// URL',
    },
  ),
);

export const AppUpdateSchema = z.object({
  enabled: z.optional(z.boolean()),
  access: z.optional(AppAccessSchema),
  href: z.optional(z.nullable(AppHrefSchema)),
  productIds: z.optional(GrantingProductsSchema),
});
export type AppUpdate = z.input<typeof AppUpdateSchema>;

/** An account's access given by staff (an invitation) to an app, a course or a group. */
export const GrantSchema = z.object({
  id: z.string(),
  kind: GrantKindSchema,
  resourceId: z.string(),
  /** The app's, course's or group's name. */
  resourceName: z.string(),
  accountId: z.string(),
  accountName: z.string(),
  note: z.string(),
  /** The staff member who gave it. */
  grantedBy: z.string(),
  createdAt: TimestampSchema,
});
export type Grant = z.infer<typeof GrantSchema>;

export const GrantInputSchema = z.object({
  kind: GrantKindSchema,
  /** The app id, `crs_…` or `grp_…`. */
  resourceId: z
    .string({ error: 'Choose what to grant' })
    .check(z.minLength(1, { error: 'Choose what to grant' })),
  accountId: idSchema('acct'),
  /** Said in the mail to the account's owner. */
  note: z.optional(z.string().check(z.trim(), z.maxLength(500, { error: 'At most 500 characters' }))),
});
export type GrantInput = z.input<typeof GrantInputSchema>;

export const GrantListQuerySchema = z.extend(PageQuerySchema, {
  kind: z.optional(GrantKindSchema),
  resourceId: z.optional(z.string().check(z.maxLength(64))),
  accountId: z.optional(z.string().check(z.maxLength(64))),
});
export type GrantListQuery = z.input<typeof GrantListQuerySchema>;

const route = adminRoutesOf('adminApps', 'apps');
const admin = staffOnly('admin');

/** Staff side of the apps: which are on, who may use them, and invitations. */
export const appsAdminRoutes = {
  list: defineRoute({
    ...route('list', 'GET', '/apps', 'Every app with its settings'),
    ...admin,
    status: 200,
    output: itemsSchema(AdminAppSchema),
  }),
  update: defineRoute({
    ...route(
      'update',
      'PATCH',
      '/apps/:appId',
      'Turn an app on or off, say who may use it and where it lives',
    ),
    ...admin,
    body: AppUpdateSchema,
    status: 200,
    output: AdminAppSchema,
    errors: ['NOT_FOUND', 'VALIDATION_FAILED'],
  }),
  grants: defineRoute({
    ...route('grants', 'GET', '/apps/grants', 'Access staff gave, newest first'),
    ...staffOnly('admin', 'support'),
    query: GrantListQuerySchema,
    status: 200,
    output: pageSchema(GrantSchema),
  }),
  grant: defineRoute({
    ...route(
      'grant',
      'POST',
      '/apps/grants',
      'Give an account access (the owner is mailed); again changes nothing',
    ),
    ...staffOnly('admin', 'support'),
    body: GrantInputSchema,
    status: 201,
    output: GrantSchema,
    errors: ['NOT_FOUND', 'VALIDATION_FAILED'],
  }),
  revoke: defineRoute({
    ...route('revoke', 'DELETE', '/apps/grants/:grantId', 'Take an invitation back'),
    ...staffOnly('admin', 'support'),
    status: 204,
    errors: ['NOT_FOUND'],
  }),
};
