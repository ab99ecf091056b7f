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
export * from './auth.js';
export * from './billing.js';
export * from './billing-admin.js';
export * from './clients.js';
export * from './common.js';
export * from './content.js';
export * from './content-admin.js';
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
import { authRoutes } from './auth.js';
import { billingRoutes } from './billing.js';
import { billingAdminRoutes } from './billing-admin.js';
import { clientRoutes } from './clients.js';
import { systemRoutes } from './common.js';
import { contentRoutes } from './content.js';
import { contentAdminRoutes } from './content-admin.js';
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
} as const;

/** Both APIs, by area: what the OpenAPI document describes. */
export const allRoutes = { ...routes, ...adminRoutes } as const;
