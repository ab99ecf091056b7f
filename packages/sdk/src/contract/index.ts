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
export * from './auth.js';
export * from './common.js';

import { authRoutes } from './auth.js';
import { systemRoutes } from './common.js';

/** Every route of the client API, by area. */
export const routes = { system: systemRoutes, auth: authRoutes } as const;
