import type { AppId } from '@portico/sdk/contract';
import { type Client, newClient, ok } from './billing-helpers.js';
import { type StaffLogin, staffSession, startServer, type TestResponse, type TestServer } from './helpers.js';
import { uploadRaw } from './support-helpers.js';

export const API = '/api/v1/courses';
export const ADMIN = '/api/admin/v1/courses';
export const APPS_ADMIN = '/api/admin/v1/apps';
export const DAY = 86_400_000;

/** A course as the tests build it: ids of its modules and lessons by name. */
export interface TestCourse {
  id: string;
  slug: string;
  modules: { basics: string; advanced: string; drafts: string };
  /** `intro`, `second` (open), `drip` (7 days, with a file), `draft` (in `drafts`, a module of drafts only). */
  lessons: { intro: string; second: string; drip: string; draft: string };
  /** A file of `intro` and one of `drip`. */
  files: { intro: string; drip: string };
}

export interface CoursesWorld {
  s: TestServer;
  admin: StaffLogin;
  ada: Client;
  bob: Client;
  course: TestCourse;
}

/** Sets an app's settings as staff would. */
export async function setApp(
  s: TestServer,
  headers: Record<string, string>,
  appId: AppId,
  body: Record<string, unknown>,
): Promise<any> {
  return ok(await s.request('PATCH', `${APPS_ADMIN}/${appId}`, { headers, body }));
}

/** A minimal PDF, which the support rules accept by content. */
export const PDF = '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n';

/** Uploads a lesson file as staff. */
export function uploadLessonFile(
  s: TestServer,
  headers: Record<string, string>,
  courseId: string,
  lessonId: string,
  name: string,
  bytes: Uint8Array | string,
): Promise<TestResponse> {
  return uploadRaw(s, `${ADMIN}/${courseId}/lessons/${lessonId}/files`, name, bytes, headers);
}

/**
 * Builds a published course through the staff API: `basics` (intro, second), `advanced` (drip: 7 days) and
 * `drafts` (one draft lesson only), with a file on intro and on drip.
 */
export async function buildCourse(
  s: TestServer,
  headers: Record<string, string>,
  input: Record<string, unknown> = {},
): Promise<TestCourse> {
  const made = ok(
    await s.request('POST', ADMIN, {
      headers,
      body: {
        title: 'Hosting 101',
        summary: 'The basics',
        description: 'Learn **hosting**.',
        status: 'published',
        ...input,
      },
    }),
    201,
  );
  const addModule = async (title: string) => {
    const course = ok(
      await s.request('POST', `${ADMIN}/${made.id}/modules`, { headers, body: { title } }),
      201,
    );
    return course.modules.find((m: { title: string }) => m.title === title).id as string;
  };
  const modules = {
    basics: await addModule('Basics'),
    advanced: await addModule('Advanced'),
    drafts: await addModule('Coming soon'),
  };
  const addLesson = async (body: Record<string, unknown>) =>
    ok(
      await s.request('POST', `${ADMIN}/${made.id}/lessons`, {
        headers,
        body: { status: 'published', ...body },
      }),
      201,
    ).id as string;
  const lessons = {
    intro: await addLesson({
      moduleId: modules.basics,
      title: 'Intro',
      body: '# Welcome\n\nRead **this**.',
      videoUrl: 'https://youtu.be/M7lc1UVf-VE',
    }),
    second: await addLesson({ moduleId: modules.basics, title: 'Second', body: 'Two' }),
    drip: await addLesson({ moduleId: modules.advanced, title: 'Later', body: 'Patience', dripDays: 7 }),
    draft: await addLesson({ moduleId: modules.drafts, title: 'Unfinished', status: 'draft' }),
  };
  const file = async (lessonId: string, name: string) => {
    const lesson = ok(await uploadLessonFile(s, headers, made.id, lessonId, name, PDF), 201);
    return lesson.files.find((f: { name: string }) => f.name === name).id as string;
  };
  const files = {
    intro: await file(lessons.intro, 'checklist.pdf'),
    drip: await file(lessons.drip, 'later.pdf'),
  };
  return { id: made.id, slug: made.slug, modules, lessons, files };
}

/** A server with the courses app on for everyone, a published course, an admin and two clients. */
export async function startCourses(): Promise<CoursesWorld> {
  const s = await startServer();
  const admin = await staffSession(s, 'admin', 'admin@courses.test');
  await setApp(s, admin.headers, 'courses', { enabled: true, access: 'everyone' });
  const course = await buildCourse(s, admin.headers);
  const ada = await newClient(s, 'ada@courses.test');
  const bob = await newClient(s, 'bob@courses.test');
  return { s, admin, ada, bob, course };
}

/** The client's path of a lesson. */
export const lessonPath = (course: TestCourse, lessonId: string) => `${API}/${course.id}/lessons/${lessonId}`;
