import * as z from 'zod/mini';
import { defineRoute, itemsSchema, TimestampSchema } from './common.js';

/** Error codes of membership courses. */
export const CourseErrorCodes = {
  /** The lesson opens later for this account (drip): 403 with `opensAt`. */
  LESSON_LOCKED: 'LESSON_LOCKED',
} as const;

/** `everyone` who may use the courses app, or only accounts `granted` it (by a product bought, or staff). */
export const CourseAccessSchema = z.enum(['everyone', 'granted']);
export type CourseAccess = z.infer<typeof CourseAccessSchema>;

/** How a lesson's video is shown: an embed of a known host, a file the browser plays, or a plain link. */
export const LessonVideoSchema = z.object({
  /** The URL staff gave. */
  url: z.string(),
  kind: z.enum(['youtube', 'vimeo', 'file', 'link']),
  /** For `youtube` and `vimeo`: the player URL to put in an iframe (only these hosts are ever embedded). */
  embedUrl: z.nullable(z.string()),
});
export type LessonVideo = z.infer<typeof LessonVideoSchema>;

/** A downloadable file of a lesson. */
export const LessonFileSchema = z.object({
  id: z.string(),
  name: z.string(),
  size: z.int(),
  type: z.string(),
});
export type LessonFile = z.infer<typeof LessonFileSchema>;

/** A lesson in a course's outline. */
export const LessonSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  hasVideo: z.boolean(),
  fileCount: z.int(),
  completed: z.boolean(),
  /** Open now (false: drip has not released it yet). */
  available: z.boolean(),
  /** When it opens for this account (null: open from the start). */
  opensAt: z.nullable(TimestampSchema),
});
export type LessonSummary = z.infer<typeof LessonSummarySchema>;

export const CourseModuleSchema = z.object({
  id: z.string(),
  title: z.string(),
  lessons: z.array(LessonSummarySchema),
});
export type CourseModule = z.infer<typeof CourseModuleSchema>;

/** The person's progress in a course. */
export const CourseProgressSchema = z.object({
  completed: z.int(),
  total: z.int(),
  /** Whole per cent, rounded down (100 only when every lesson is done). */
  percent: z.int(),
  /** The first lesson not completed that is open, to resume with. */
  nextLessonId: z.nullable(z.string()),
});
export type CourseProgress = z.infer<typeof CourseProgressSchema>;

/** A course in the client's list. */
export const CourseSummarySchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  lessonCount: z.int(),
  progress: CourseProgressSchema,
  /** When the account's access began (drip counts from here). */
  accessSince: TimestampSchema,
});
export type CourseSummary = z.infer<typeof CourseSummarySchema>;

/** A course with its outline. */
export const CourseSchema = z.extend(CourseSummarySchema, {
  /** The description, rendered and sanitized. */
  descriptionHtml: z.string(),
  modules: z.array(CourseModuleSchema),
});
export type Course = z.infer<typeof CourseSchema>;

/** An open lesson. */
export const LessonSchema = z.object({
  id: z.string(),
  courseId: z.string(),
  moduleId: z.string(),
  moduleTitle: z.string(),
  title: z.string(),
  /** The lesson's Markdown rendered and sanitized on the server. */
  html: z.string(),
  video: z.nullable(LessonVideoSchema),
  files: z.array(LessonFileSchema),
  completed: z.boolean(),
  completedAt: z.nullable(TimestampSchema),
  /** The lessons before and after it in the outline (null at either end). */
  previousLessonId: z.nullable(z.string()),
  nextLessonId: z.nullable(z.string()),
  progress: CourseProgressSchema,
});
export type Lesson = z.infer<typeof LessonSchema>;

const tags = ['apps: courses'];
const courseErrors = ['NOT_FOUND'] as const;

/**
 * Membership courses, as a client takes them. A course the account has no access to is 404 on every route, as if
 * it did not exist; so is every route while the courses app is off or not the client's.
 */
export const courseRoutes = {
  list: defineRoute({
    id: 'courses.list',
    method: 'GET',
    path: '/api/v1/courses',
    summary: 'The courses this account has access to, with the person’s progress',
    tags,
    auth: 'client',
    access: 'apps:read',
    status: 200,
    output: itemsSchema(CourseSummarySchema),
    errors: courseErrors,
  }),
  get: defineRoute({
    id: 'courses.get',
    method: 'GET',
    path: '/api/v1/courses/:courseId',
    summary: 'A course (by id or slug) with its modules and lessons, which are open and which are done',
    tags,
    auth: 'client',
    access: 'apps:read',
    status: 200,
    output: CourseSchema,
    errors: courseErrors,
  }),
  lesson: defineRoute({
    id: 'courses.lesson',
    method: 'GET',
    path: '/api/v1/courses/:courseId/lessons/:lessonId',
    summary: 'A lesson: its text, video and files (403 LESSON_LOCKED before drip releases it)',
    tags,
    auth: 'client',
    access: 'apps:read',
    status: 200,
    output: LessonSchema,
    errors: ['NOT_FOUND', 'LESSON_LOCKED'],
  }),
  complete: defineRoute({
    id: 'courses.complete',
    method: 'PUT',
    path: '/api/v1/courses/:courseId/lessons/:lessonId/completion',
    summary: 'Mark a lesson complete (doing it twice changes nothing)',
    tags,
    auth: 'client',
    access: 'apps:write',
    status: 200,
    output: LessonSchema,
    errors: ['NOT_FOUND', 'LESSON_LOCKED'],
  }),
  uncomplete: defineRoute({
    id: 'courses.uncomplete',
    method: 'DELETE',
    path: '/api/v1/courses/:courseId/lessons/:lessonId/completion',
    summary: 'Mark a lesson not complete',
    tags,
    auth: 'client',
    access: 'apps:write',
    status: 200,
    output: LessonSchema,
    errors: ['NOT_FOUND', 'LESSON_LOCKED'],
  }),
  download: defineRoute({
    id: 'courses.download',
    method: 'GET',
    path: '/api/v1/courses/:courseId/lessons/:lessonId/files/:fileId',
    summary: 'Download a lesson file (Content-Disposition: attachment)',
    tags,
    auth: 'client',
    access: 'apps:read',
    status: 200,
    produces: 'application/octet-stream',
    errors: ['NOT_FOUND', 'LESSON_LOCKED'],
  }),
};
