import { coursesAdminRoutes as routes } from '@portico/sdk/contract';
import { Router } from 'express';
import { type MountOptions, mount } from '../../http/validate.js';
import { staffChange } from '../billing/admin-routes.js';
import { sendAttachment } from '../support/attachments.js';
import type { CoursesAdmin } from './admin.js';

/** Staff API of courses: courses, modules, lessons, files and students. Changes are audited by `CoursesAdmin`. */
export function coursesAdminRouter(admin: CoursesAdmin, mountOptions: MountOptions): Router {
  const router = Router();
  const course = (params: Record<string, string>) => params.courseId ?? '';
  const lesson = (params: Record<string, string>) => params.lessonId ?? '';

  mount(router, routes.list, mountOptions, async () => admin.list());
  mount(router, routes.create, mountOptions, async ({ req, body, staff }) =>
    admin.create(body, staffChange(req, staff)),
  );
  mount(router, routes.get, mountOptions, async ({ params }) => admin.get(course(params)));
  mount(router, routes.update, mountOptions, async ({ req, params, body, staff }) =>
    admin.update(course(params), body, staffChange(req, staff)),
  );
  mount(router, routes.remove, mountOptions, async ({ req, params, staff }) =>
    admin.remove(course(params), staffChange(req, staff)),
  );
  mount(router, routes.students, mountOptions, async ({ params, query }) =>
    admin.students(course(params), query),
  );

  mount(router, routes.addModule, mountOptions, async ({ req, params, body, staff }) =>
    admin.addModule(course(params), body, staffChange(req, staff)),
  );
  mount(router, routes.updateModule, mountOptions, async ({ req, params, body, staff }) =>
    admin.updateModule(course(params), params.moduleId ?? '', body, staffChange(req, staff)),
  );
  mount(router, routes.removeModule, mountOptions, async ({ req, params, staff }) =>
    admin.removeModule(course(params), params.moduleId ?? '', staffChange(req, staff)),
  );

  mount(router, routes.addLesson, mountOptions, async ({ req, params, body, staff }) =>
    admin.addLesson(course(params), body, staffChange(req, staff)),
  );
  mount(router, routes.lesson, mountOptions, async ({ params }) =>
    admin.lesson(course(params), lesson(params)),
  );
  mount(router, routes.updateLesson, mountOptions, async ({ req, params, body, staff }) =>
    admin.updateLesson(course(params), lesson(params), body, staffChange(req, staff)),
  );
  mount(router, routes.removeLesson, mountOptions, async ({ req, params, staff }) =>
    admin.removeLesson(course(params), lesson(params), staffChange(req, staff)),
  );

  mount(router, routes.uploadFile, mountOptions, async ({ req, params, query, staff }) =>
    admin.uploadFile(course(params), lesson(params), req, query.name, staffChange(req, staff)),
  );
  mount(router, routes.removeFile, mountOptions, async ({ req, params, staff }) =>
    admin.removeFile(course(params), lesson(params), params.fileId ?? '', staffChange(req, staff)),
  );
  mount(router, routes.downloadFile, mountOptions, async ({ res, params }) => {
    sendAttachment(res, await admin.downloadFile(course(params), lesson(params), params.fileId ?? ''));
  });
  return router;
}
