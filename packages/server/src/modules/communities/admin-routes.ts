import { communitiesAdminRoutes as routes } from '@portico/sdk/contract';
import { Router } from 'express';
import { type MountOptions, mount } from '../../http/validate.js';
import { staffChange } from '../billing/admin-routes.js';
import type { CommunitiesAdmin } from './admin.js';

/**
 * Staff API of communities: groups, members and moderation. Changes are audited by `CommunitiesAdmin`. The fixed
 * paths (`/communities/groups`, `/communities/posts`, `/communities/comments`) never collide with an id.
 */
export function communitiesAdminRouter(admin: CommunitiesAdmin, mountOptions: MountOptions): Router {
  const router = Router();
  const group = (params: Record<string, string>) => params.groupId ?? '';

  mount(router, routes.groups, mountOptions, async () => admin.groups());
  mount(router, routes.createGroup, mountOptions, async ({ req, body, staff }) =>
    admin.createGroup(body, staffChange(req, staff)),
  );
  mount(router, routes.group, mountOptions, async ({ params }) => admin.group(group(params)));
  mount(router, routes.updateGroup, mountOptions, async ({ req, params, body, staff }) =>
    admin.updateGroup(group(params), body, staffChange(req, staff)),
  );
  mount(router, routes.removeGroup, mountOptions, async ({ req, params, staff }) =>
    admin.removeGroup(group(params), staffChange(req, staff)),
  );
  mount(router, routes.members, mountOptions, async ({ params, query }) =>
    admin.members(group(params), query),
  );
  mount(router, routes.memberAction, mountOptions, async ({ req, params, body, staff }) =>
    admin.memberAction(group(params), params.userId ?? '', body, staffChange(req, staff)),
  );
  mount(router, routes.posts, mountOptions, async ({ query }) => admin.posts(query));
  mount(router, routes.post, mountOptions, async ({ params }) => admin.post(params.postId ?? ''));
  mount(router, routes.moderatePost, mountOptions, async ({ req, params, body, staff }) =>
    admin.moderatePost(params.postId ?? '', body, staffChange(req, staff)),
  );
  mount(router, routes.moderateComment, mountOptions, async ({ req, params, body, staff }) =>
    admin.moderateComment(params.commentId ?? '', body, staffChange(req, staff)),
  );
  mount(router, routes.removePost, mountOptions, async ({ req, params, staff }) =>
    admin.removePost(params.postId ?? '', staffChange(req, staff)),
  );
  mount(router, routes.removeComment, mountOptions, async ({ req, params, staff }) =>
    admin.removeComment(params.commentId ?? '', staffChange(req, staff)),
  );
  return router;
}
