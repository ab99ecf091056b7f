import type { AppId, RouteAccess } from '@portico/sdk/contract';
import type { Router } from 'express';
import type { Auth } from '../../http/auth.js';
import type { MountOptions } from '../../http/validate.js';
import type { AppAccess } from './access.js';

/**
 * The shape every portal app has, so a new one is added the same way (see docs/apps.md):
 * - a contract file for its client routes and one for its staff routes (`packages/sdk/src/contract`);
 * - this module: the client router (every route behind {@link appMountOptions}), the staff router, and a job when
 *   it has timed work;
 * - an SDK resource on `PortalClient` and `AdminClient`;
 * - elements for clients and console pages for staff;
 * - an entry in `APP_IDS` and the apps' settings, so the switcher lists it.
 */
export interface PortalAppModule {
  id: AppId;
  /** English name and one-line description (the elements localize by id). */
  name: string;
  description: string;
  /** The hosted portal's page for the app (`/courses`). */
  hostedPath: string;
  /** Who of an account may use it (its client routes declare the same): `owner`, or a permission. */
  access: Exclude<RouteAccess, 'self'>;
  /** Client API routes (`/api/v1`). */
  router(mountOptions: MountOptions): Router;
  /** Staff API routes (`/api/admin/v1`). */
  adminRouter(mountOptions: MountOptions): Router;
  /** One pass of the app's timed work (counts of what it did), run by the `apps` job. */
  runJob?(): Promise<Record<string, number>>;
}

/**
 * Mount options for an app's client routes: before anything of the request is read, the caller must be able to
 * use the app, and `more` (a course's or group's own check, from the path) must pass. Whoever may not gets the
 * 404 of something that does not exist, on every route alike.
 */
export function appMountOptions(
  mountOptions: MountOptions,
  access: AppAccess,
  appId: AppId,
  more?: (auth: Auth, params: Record<string, string>) => Promise<void>,
): MountOptions {
  return {
    ...mountOptions,
    async guard(ctx) {
      await mountOptions.guard?.(ctx);
      await access.assertApp(ctx.auth, appId);
      if (more && ctx.auth) await more(ctx.auth, ctx.params);
    },
  };
}
