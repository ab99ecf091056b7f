import { communityRoutes as routes } from '@portico/sdk/contract';
import { Router } from 'express';
import { type Auth, unauthenticated } from '../../http/auth.js';
import { type MountOptions, mount } from '../../http/validate.js';
import type { AppAccess } from '../apps/access.js';
import { appMountOptions } from '../apps/app-module.js';
import type { CommunityService } from './service.js';

/** The principal of a `client` route (mount has authenticated it). */
function principal(auth: Auth | undefined): Auth {
  if (!auth) throw unauthenticated();
  return auth;
}

/**
 * Client API of communities. Every route answers 404 before reading anything of the request unless the caller may
 * use the app; group routes also unless they may see the group, and post routes unless they are a member of it.
 */
export function communityRouter(
  service: CommunityService,
  access: AppAccess,
  mountOptions: MountOptions,
): Router {
  const router = Router();
  const app = appMountOptions(mountOptions, access, 'communities');
  const seen = appMountOptions(mountOptions, access, 'communities', (auth, params) =>
    service.guard(auth, params, false),
  );
  const member = appMountOptions(mountOptions, access, 'communities', (auth, params) =>
    service.guard(auth, params, true),
  );
  const post = (params: Record<string, string>) => params.postId ?? '';
  const comment = (params: Record<string, string>) => params.commentId ?? '';

  mount(router, routes.groups, app, async ({ auth }) => service.groups(principal(auth)));
  mount(router, routes.group, seen, async ({ auth, params }) => service.group(principal(auth), params));
  mount(router, routes.join, seen, async ({ auth, params }) => service.join(principal(auth), params));
  mount(router, routes.update, member, async ({ auth, params, body }) =>
    service.updateMembership(principal(auth), params, body),
  );
  mount(router, routes.leave, seen, async ({ auth, params }) => service.leave(principal(auth), params));

  mount(router, routes.posts, member, async ({ auth, params, query }) =>
    service.posts(principal(auth), params, query),
  );
  mount(router, routes.createPost, member, async ({ auth, params, body }) =>
    service.createPost(principal(auth), params, body),
  );
  mount(router, routes.post, member, async ({ auth, params }) =>
    service.post(principal(auth), params, post(params)),
  );
  mount(router, routes.updatePost, member, async ({ auth, params, body }) =>
    service.updatePost(principal(auth), params, post(params), body),
  );
  mount(router, routes.deletePost, member, async ({ auth, params }) =>
    service.deletePost(principal(auth), params, post(params)),
  );
  mount(router, routes.likePost, member, async ({ auth, params }) =>
    service.likePost(principal(auth), params, post(params), true),
  );
  mount(router, routes.unlikePost, member, async ({ auth, params }) =>
    service.likePost(principal(auth), params, post(params), false),
  );

  mount(router, routes.comment, member, async ({ auth, params, body }) =>
    service.comment(principal(auth), params, post(params), body),
  );
  mount(router, routes.updateComment, member, async ({ auth, params, body }) =>
    service.updateComment(principal(auth), params, post(params), comment(params), body),
  );
  mount(router, routes.deleteComment, member, async ({ auth, params }) =>
    service.deleteComment(principal(auth), params, post(params), comment(params)),
  );
  mount(router, routes.likeComment, member, async ({ auth, params }) =>
    service.likeComment(principal(auth), params, post(params), comment(params), true),
  );
  mount(router, routes.unlikeComment, member, async ({ auth, params }) =>
    service.likeComment(principal(auth), params, post(params), comment(params), false),
  );
  return router;
}
