/**
 * The Portico API contract: zod schemas and route descriptors. The server validates with them, the SDK
 * parses with them, and the OpenAPI document is generated from them.
 *
 * @example
 * ```ts
 * import { authRoutes, LoginInputSchema } from '@portico/sdk/contract';
 * const input = LoginInputSchema.parse({ email: 'ada@example.com', password: 'correct horse' });
 * ```
 */
export * from './account.js';
export * from './affiliates.js';
export * from './affiliates-admin.js';
export * from './apps.js';
export * from './apps-admin.js';
export * from './auth.js';
export * from './billing.js';
export * from './billing-admin.js';
export * from './clients.js';
export * from './common.js';
export * from './communities.js';
export * from './communities-admin.js';
export * from './content.js';
export * from './content-admin.js';
export * from './courses.js';
export * from './courses-admin.js';
export * from './domain-name.js';
export * from './domains.js';
export * from './domains-admin.js';
export * from './money.js';
export * from './portal.js';
export * from './settings.js';
export * from './staff.js';
export * from './support.js';
export * from './support-admin.js';

import { accountRoutes } from './account.js';
import { affiliateRoutes } from './affiliates.js';
import { affiliatesAdminRoutes } from './affiliates-admin.js';
import { appsRoutes } from './apps.js';
import { appsAdminRoutes } from './apps-admin.js';
import { authRoutes } from './auth.js';
import { billingRoutes } from './billing.js';
import { billingAdminRoutes } from './billing-admin.js';
import { clientRoutes } from './clients.js';
import { systemRoutes } from './common.js';
import { communityRoutes } from './communities.js';
import { communitiesAdminRoutes } from './communities-admin.js';
import { contentRoutes } from './content.js';
import { contentAdminRoutes } from './content-admin.js';
import { courseRoutes } from './courses.js';
import { coursesAdminRoutes } from './courses-admin.js';
import { domainRoutes } from './domains.js';
import { domainsAdminRoutes } from './domains-admin.js';
import { portalRoutes } from './portal.js';
import { settingsRoutes } from './settings.js';
import { staffRoutes } from './staff.js';
import { supportRoutes } from './support.js';
import { supportAdminRoutes } from './support-admin.js';

/** Every route of the client API (`/api/v1`), by area. */
export const routes = {
  system: systemRoutes,
  auth: authRoutes,
  portal: portalRoutes,
  account: accountRoutes,
  billing: billingRoutes,
  domains: domainRoutes,
  support: supportRoutes,
  content: contentRoutes,
  apps: appsRoutes,
  affiliate: affiliateRoutes,
  courses: courseRoutes,
  communities: communityRoutes,
} as const;

/** Every route of the staff API (`/api/admin/v1`), by area. */
export const adminRoutes = {
  staff: staffRoutes,
  clients: clientRoutes,
  settings: settingsRoutes,
  adminBilling: billingAdminRoutes,
  adminDomains: domainsAdminRoutes,
  adminSupport: supportAdminRoutes,
  adminContent: contentAdminRoutes,
  adminApps: appsAdminRoutes,
  adminAffiliates: affiliatesAdminRoutes,
  adminCourses: coursesAdminRoutes,
  adminCommunities: communitiesAdminRoutes,
} as const;

/** Both APIs, by area: what the OpenAPI document describes. */
export const allRoutes = { ...routes, ...adminRoutes } as const;
