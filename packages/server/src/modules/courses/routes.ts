import { courseRoutes as routes } from '@portico/sdk/contract';
import { Router } from 'express';
import { type Auth, unauthenticated } from '../../http/auth.js';
import { type MountOptions, mount } from '../../http/validate.js';
import type { AppAccess } from '../apps/access.js';
import { appMountOptions } from '../apps/app-module.js';
import { sendAttachment } from '../support/attachments.js';
import type { CourseLearning } from './service.js';

/** The principal of a `client` route (mount has authenticated it). */
function principal(auth: Auth | undefined): Auth {
  if (!auth) throw unauthenticated();
  return auth;
}

/**
 * Client API of courses. Every route is behind the app's guard, and the ones under a course behind the course's
 * own check, both before the request is read: whoever may not take it gets the 404 of a course that does not exist.
 */
export function courseRouter(
  learning: CourseLearning,
  access: AppAccess,
  mountOptions: MountOptions,
): Router {
  const options = appMountOptions(mountOptions, access, 'courses', (auth, params) =>
    learning.guard(auth, params),
  );
  const router = Router();
  mount(router, routes.list, options, async ({ auth }) => learning.list(principal(auth)));
  mount(router, routes.get, options, async ({ auth, params }) => learning.get(principal(auth), params));
  mount(router, routes.lesson, options, async ({ auth, params }) => learning.lesson(principal(auth), params));
  mount(router, routes.complete, options, async ({ auth, params }) =>
    learning.complete(principal(auth), params),
  );
  mount(router, routes.uncomplete, options, async ({ auth, params }) =>
    learning.uncomplete(principal(auth), params),
  );
  mount(router, routes.download, options, async ({ res, auth, params }) => {
    sendAttachment(res, await learning.download(principal(auth), params));
  });
  return router;
}
