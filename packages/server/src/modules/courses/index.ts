import type { AppAccess } from '../apps/access.js';
import type { PortalAppModule } from '../apps/app-module.js';
import type { AppsDeps } from '../apps/index.js';
import { CoursesAdmin } from './admin.js';
import { coursesAdminRouter } from './admin-routes.js';
import { courseRouter } from './routes.js';
import { CourseLearning } from './service.js';

/** Membership courses: the app's module, with its client and staff parts. */
export interface Courses extends PortalAppModule {
  /** Courses as clients take them. */
  learning: CourseLearning;
  /** Courses as staff build them. */
  admin: CoursesAdmin;
}

/**
 * Membership courses: staff build courses from modules and lessons (Markdown, a video, files); access comes from
 * being open to everyone, an invitation or a product bought; clients open lessons as drip releases them, mark them
 * complete and see their progress.
 */
export function createCourses(deps: AppsDeps & { access: AppAccess }): Courses {
  const learning = new CourseLearning(deps);
  const admin = new CoursesAdmin(deps);
  return {
    id: 'courses',
    name: 'Courses',
    description: 'Courses and lessons to learn at your own pace.',
    hostedPath: '/courses',
    access: 'apps:read',
    learning,
    admin,
    router: (mountOptions) => courseRouter(learning, deps.access, mountOptions),
    adminRouter: (mountOptions) => coursesAdminRouter(admin, mountOptions),
  };
}
