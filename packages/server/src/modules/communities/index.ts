import type { AppAccess } from '../apps/access.js';
import type { PortalAppModule } from '../apps/app-module.js';
import type { AppsDeps } from '../apps/index.js';
import { CommunitiesAdmin } from './admin.js';
import { communitiesAdminRouter } from './admin-routes.js';
import { CommunityMailer } from './mail.js';
import { communityRouter } from './routes.js';
import { CommunityService } from './service.js';

/** Communities: groups clients join (open, on request, or by purchase), posts, comments, likes and moderation. */
export interface Communities extends PortalAppModule {
  /** Groups, posts and comments as clients use them. */
  service: CommunityService;
  /** Groups, members and moderation as staff run them. */
  admin: CommunitiesAdmin;
  /** Reply notifications and join requests. */
  mailer: CommunityMailer;
}

export function createCommunities(deps: AppsDeps & { access: AppAccess }): Communities {
  const mailer = new CommunityMailer(deps);
  const service = new CommunityService({ ...deps, mailer });
  const admin = new CommunitiesAdmin(deps);
  return {
    id: 'communities',
    name: 'Communities',
    description: 'Groups to ask, share and talk with other clients.',
    hostedPath: '/communities',
    access: 'apps:read',
    service,
    admin,
    mailer,
    router: (mountOptions) => communityRouter(service, deps.access, mountOptions),
    adminRouter: (mountOptions) => communitiesAdminRouter(admin, mountOptions),
  };
}
