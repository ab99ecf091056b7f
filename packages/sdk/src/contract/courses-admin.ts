import * as z from 'zod/mini';
import { GrantingProductsSchema, ProductRefSchema } from './apps-admin.js';
import {
  adminRoutesOf,
  defineRoute,
  HttpUrlSchema,
  idSchema,
  itemsSchema,
  PageQuerySchema,
  pageSchema,
  staffOnly,
  TimestampSchema,
} from './common.js';
import { SlugSchema } from './content.js';
import { MarkdownSchema } from './content-admin.js';
import { CourseAccessSchema, LessonFileSchema, LessonVideoSchema } from './courses.js';
import { AttachmentUploadQuerySchema } from './support.js';

/** `draft`: staff only. `published`: visible to those with access. */
export const CourseStatusSchema = z.enum(['draft', 'published']);
export type CourseStatus = z.infer<typeof CourseStatusSchema>;

/** A lesson as staff edit it. */
export const AdminLessonSchema = z.object({
  id: z.string(),
  courseId: z.string(),
  moduleId: z.string(),
  title: z.string(),
  body: z.string(),
  html: z.string(),
  videoUrl: z.nullable(z.string()),
  video: z.nullable(LessonVideoSchema),
  /** Days after an account's access begins that the lesson opens (0: at once). */
  dripDays: z.int(),
  status: CourseStatusSchema,
  position: z.int(),
  files: z.array(LessonFileSchema),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type AdminLesson = z.infer<typeof AdminLessonSchema>;

export const AdminLessonSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  dripDays: z.int(),
  status: CourseStatusSchema,
  hasVideo: z.boolean(),
  fileCount: z.int(),
});
export type AdminLessonSummary = z.infer<typeof AdminLessonSummarySchema>;

export const AdminCourseModuleSchema = z.object({
  id: z.string(),
  title: z.string(),
  position: z.int(),
  lessons: z.array(AdminLessonSummarySchema),
});
export type AdminCourseModule = z.infer<typeof AdminCourseModuleSchema>;

export const AdminCourseSummarySchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  status: CourseStatusSchema,
  access: CourseAccessSchema,
  position: z.int(),
  lessonCount: z.int(),
  /** Accounts that opened it. */
  students: z.int(),
  products: z.array(ProductRefSchema),
  updatedAt: TimestampSchema,
});
export type AdminCourseSummary = z.infer<typeof AdminCourseSummarySchema>;

export const AdminCourseSchema = z.extend(AdminCourseSummarySchema, {
  description: z.string(),
  descriptionHtml: z.string(),
  modules: z.array(AdminCourseModuleSchema),
  createdAt: TimestampSchema,
});
export type AdminCourse = z.infer<typeof AdminCourseSchema>;

const title = (max: number) =>
  z
    .string({ error: 'A title is required' })
    .check(
      z.trim(),
      z.minLength(1, { error: 'A title is required' }),
      z.maxLength(max, { error: `At most ${max} characters` }),
    );
const position = z.int().check(z.minimum(0), z.maximum(100_000));

export const CourseInputSchema = z.object({
  title: title(200),
  /** Made from the title when left out. */
  slug: z.optional(SlugSchema),
  summary: z.optional(z.string().check(z.trim(), z.maxLength(500, { error: 'At most 500 characters' }))),
  description: z.optional(MarkdownSchema),
  status: z.optional(CourseStatusSchema),
  access: z.optional(CourseAccessSchema),
  position: z.optional(position),
  /** Products whose active services grant the course. */
  productIds: z.optional(GrantingProductsSchema),
});
export type CourseInput = z.input<typeof CourseInputSchema>;
export const CourseUpdateSchema = z.partial(CourseInputSchema);
export type CourseUpdate = z.input<typeof CourseUpdateSchema>;

/** A module's or lesson's `position` is its place in the order (from 0; the others move along), else last. */
export const ModuleInputSchema = z.object({ title: title(200), position: z.optional(position) });
export type ModuleInput = z.input<typeof ModuleInputSchema>;
export const ModuleUpdateSchema = z.partial(ModuleInputSchema);
export type ModuleUpdate = z.input<typeof ModuleUpdateSchema>;

export const LessonInputSchema = z.object({
  moduleId: idSchema('mod'),
  title: title(200),
  body: z.optional(MarkdownSchema),
  /** A YouTube or Vimeo page, a video file (`.mp4`, `.webm`) or any https page. */
  videoUrl: z.optional(z.nullable(HttpUrlSchema)),
  dripDays: z.optional(
    z.int().check(z.minimum(0, { error: 'At least 0' }), z.maximum(3650, { error: 'At most 3650' })),
  ),
  status: z.optional(CourseStatusSchema),
  position: z.optional(position),
});
export type LessonInput = z.input<typeof LessonInputSchema>;
export const LessonUpdateSchema = z.partial(LessonInputSchema);
export type LessonUpdate = z.input<typeof LessonUpdateSchema>;

/** A student's progress, for staff. */
export const CourseStudentSchema = z.object({
  accountId: z.string(),
  accountName: z.string(),
  /** How the account has access. */
  source: z.enum(['everyone', 'purchase', 'invitation']),
  accessSince: TimestampSchema,
  completedLessons: z.int(),
  lastActivityAt: z.nullable(TimestampSchema),
});
export type CourseStudent = z.infer<typeof CourseStudentSchema>;

const route = adminRoutesOf('adminCourses', 'courses');
const read = staffOnly('admin', 'support');
const write = staffOnly('admin', 'support');

/** Staff side of membership courses. */
export const coursesAdminRoutes = {
  list: defineRoute({
    ...route('list', 'GET', '/courses', 'Every course, drafts included'),
    ...read,
    status: 200,
    output: itemsSchema(AdminCourseSummarySchema),
  }),
  create: defineRoute({
    ...route('create', 'POST', '/courses', 'Create a course'),
    ...write,
    body: CourseInputSchema,
    status: 201,
    output: AdminCourseSchema,
    errors: ['VALIDATION_FAILED', 'CONFLICT'],
  }),
  get: defineRoute({
    ...route('get', 'GET', '/courses/:courseId', 'A course with every module and lesson'),
    ...read,
    status: 200,
    output: AdminCourseSchema,
    errors: ['NOT_FOUND'],
  }),
  update: defineRoute({
    ...route('update', 'PATCH', '/courses/:courseId', 'Change a course'),
    ...write,
    body: CourseUpdateSchema,
    status: 200,
    output: AdminCourseSchema,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  remove: defineRoute({
    ...route(
      'remove',
      'DELETE',
      '/courses/:courseId',
      'Delete a course with its lessons, files and progress',
    ),
    ...write,
    status: 204,
    errors: ['NOT_FOUND'],
  }),
  students: defineRoute({
    ...route(
      'students',
      'GET',
      '/courses/:courseId/students',
      'Accounts taking the course, most recent first',
    ),
    ...read,
    query: PageQuerySchema,
    status: 200,
    output: pageSchema(CourseStudentSchema),
    errors: ['NOT_FOUND'],
  }),
  addModule: defineRoute({
    ...route(
      'addModule',
      'POST',
      '/courses/:courseId/modules',
      'Add a module (at the end unless a position is given)',
    ),
    ...write,
    body: ModuleInputSchema,
    status: 201,
    output: AdminCourseSchema,
    errors: ['NOT_FOUND'],
  }),
  updateModule: defineRoute({
    ...route('updateModule', 'PATCH', '/courses/:courseId/modules/:moduleId', 'Rename or move a module'),
    ...write,
    body: ModuleUpdateSchema,
    status: 200,
    output: AdminCourseSchema,
    errors: ['NOT_FOUND'],
  }),
  removeModule: defineRoute({
    ...route(
      'removeModule',
      'DELETE',
      '/courses/:courseId/modules/:moduleId',
      'Delete an empty module (409 while it has lessons)',
    ),
    ...write,
    status: 200,
    output: AdminCourseSchema,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  addLesson: defineRoute({
    ...route('addLesson', 'POST', '/courses/:courseId/lessons', 'Add a lesson to a module'),
    ...write,
    body: LessonInputSchema,
    status: 201,
    output: AdminLessonSchema,
    errors: ['NOT_FOUND'],
  }),
  lesson: defineRoute({
    ...route('lesson', 'GET', '/courses/:courseId/lessons/:lessonId', 'A lesson as staff edit it'),
    ...read,
    status: 200,
    output: AdminLessonSchema,
    errors: ['NOT_FOUND'],
  }),
  updateLesson: defineRoute({
    ...route(
      'updateLesson',
      'PATCH',
      '/courses/:courseId/lessons/:lessonId',
      'Change a lesson (or move it to another module)',
    ),
    ...write,
    body: LessonUpdateSchema,
    status: 200,
    output: AdminLessonSchema,
    errors: ['NOT_FOUND'],
  }),
  removeLesson: defineRoute({
    ...route(
      'removeLesson',
      'DELETE',
      '/courses/:courseId/lessons/:lessonId',
      'Delete a lesson with its files and progress',
    ),
    ...write,
    status: 204,
    errors: ['NOT_FOUND'],
  }),
  uploadFile: defineRoute({
    ...route(
      'uploadFile',
      'POST',
      '/courses/:courseId/lessons/:lessonId/files',
      'Attach a file to a lesson: the raw bytes as application/octet-stream, the name in `?name=` (the support attachment types and size limit)',
    ),
    ...write,
    rawBody: true,
    query: AttachmentUploadQuerySchema,
    status: 201,
    output: AdminLessonSchema,
    errors: ['NOT_FOUND', 'ATTACHMENT_TOO_LARGE', 'ATTACHMENT_TYPE'],
  }),
  removeFile: defineRoute({
    ...route(
      'removeFile',
      'DELETE',
      '/courses/:courseId/lessons/:lessonId/files/:fileId',
      'Remove a lesson file',
    ),
    ...write,
    status: 200,
    output: AdminLessonSchema,
    errors: ['NOT_FOUND'],
  }),
  downloadFile: defineRoute({
    ...route(
      'downloadFile',
      'GET',
      '/courses/:courseId/lessons/:lessonId/files/:fileId',
      'Download a lesson file',
    ),
    ...read,
    status: 200,
    produces: 'application/octet-stream',
    errors: ['NOT_FOUND'],
  }),
};
