import type {
  Course,
  CourseModule,
  CourseProgress,
  CourseSummary,
  Lesson,
  LessonFile,
  LessonSummary,
  LessonVideo,
} from '@portico/sdk';
import { FakeAccount } from './fake-account.js';
import { json, problem } from './fake-portal.js';
import { type FakeCall, FakeRoutes } from './fake-routes.js';
import '../src/index.js';
import '../src/components/courses/courses.js';

/** A request to one of the course routes. */
export type FakeCoursesCall = FakeCall;

/** `days` from now (negative: ago), as an ISO timestamp. */
export const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** A lesson as the fake keeps it: what staff wrote, and when drip opens it (null: from the start). */
export interface FakeLesson {
  id: string;
  title: string;
  /** Served as is, as the server's rendered HTML (tests set hostile markup here). */
  html: string;
  video: LessonVideo | null;
  files: LessonFile[];
  opensAt: string | null;
}

export interface FakeModule {
  id: string;
  title: string;
  lessons: FakeLesson[];
}

/** A course as the fake keeps it. */
export interface FakeCourse {
  id: string;
  slug: string;
  title: string;
  summary: string;
  /** Served as is, as the server's rendered description. */
  descriptionHtml: string;
  accessSince: string;
  modules: FakeModule[];
}

/**
 * A stand-in for the Portico server's client course routes (`/api/v1/courses/…`: list, a course by id or slug,
 * lessons, completion, file downloads) in front of a {@link FakeAccount}, which answers everything else and decides
 * who is signed in with which permissions. Shapes and codes follow `packages/sdk/src/contract/courses.ts`:
 * reading needs `apps:read`, completion `apps:write`; a course that is not the account's is 404 on every route, and
 * so is every route while the app is `off`; a lesson before its `opensAt` answers 403 LESSON_LOCKED with `opensAt`
 * (also for completion and files); progress is computed as the server does (per cent rounded down, the next lesson
 * the first open one not done). Lesson and description HTML are served as they are kept, so tests can play a
 * hostile server. `answer(route, handler, times)` overrides the next request(s), e.g. to hold an answer.
 */
export class FakeCourses extends FakeRoutes {
  courses: FakeCourse[] = [];
  /** The app is off or not this account's: 404 on every route. */
  off = false;
  /** Completed lessons, by id. */
  readonly completed = new Set<string>();

  constructor(account: FakeAccount = new FakeAccount()) {
    super(account, /^\/api\/v1\/courses(\/|$)/);
  }

  /** Adds a course: one module of three open lessons unless told otherwise. */
  addCourse(course: Partial<FakeCourse> = {}): FakeCourse {
    const n = this.courses.length + 1;
    const added: FakeCourse = {
      id: this.id('crs'),
      slug: `course-${n}`,
      title: `Course ${n}`,
      summary: `What course ${n} teaches.`,
      descriptionHtml: `<p>About course ${n}.</p>`,
      accessSince: daysFromNow(-10),
      modules: course.modules ?? [this.module({ lessons: [this.lesson(), this.lesson(), this.lesson()] })],
      ...course,
    };
    this.courses.push(added);
    return added;
  }

  module(module: Partial<FakeModule> = {}): FakeModule {
    const id = this.id('mod');
    return { id, title: `Module ${id.slice(-2)}`, lessons: [], ...module };
  }

  lesson(lesson: Partial<FakeLesson> = {}): FakeLesson {
    const id = this.id('lsn');
    return {
      id,
      title: `Lesson ${Number(id.slice(-4))}`,
      html: `<p>Text of lesson ${Number(id.slice(-4))}.</p>`,
      video: null,
      files: [],
      opensAt: null,
      ...lesson,
    };
  }

  file(name: string, size: number, type = 'application/pdf'): LessonFile {
    return { id: this.id('lfl'), name, size, type };
  }

  /** A course as `GET /courses/:id` answers it now. */
  view(course: FakeCourse): Course {
    return {
      ...this.#summary(course),
      descriptionHtml: course.descriptionHtml,
      modules: course.modules.map(
        (m): CourseModule => ({
          id: m.id,
          title: m.title,
          lessons: m.lessons.map(
            (l): LessonSummary => ({
              id: l.id,
              title: l.title,
              hasVideo: !!l.video,
              fileCount: l.files.length,
              completed: this.completed.has(l.id),
              available: this.#open(l),
              opensAt: l.opensAt,
            }),
          ),
        }),
      ),
    };
  }

  /** A lesson as `GET /courses/:id/lessons/:id` answers it now. */
  lessonView(course: FakeCourse, lessonId: string): Lesson {
    const all = course.modules.flatMap((m) => m.lessons.map((l) => ({ module: m, lesson: l })));
    const at = all.findIndex((x) => x.lesson.id === lessonId);
    const { module, lesson } = all[at]!;
    return {
      id: lesson.id,
      courseId: course.id,
      moduleId: module.id,
      moduleTitle: module.title,
      title: lesson.title,
      html: lesson.html,
      video: lesson.video,
      files: lesson.files,
      completed: this.completed.has(lesson.id),
      completedAt: this.completed.has(lesson.id) ? new Date().toISOString() : null,
      previousLessonId: all[at - 1]?.lesson.id ?? null,
      nextLessonId: all[at + 1]?.lesson.id ?? null,
      progress: this.#progress(course),
    };
  }

  protected override route(call: FakeCoursesCall, request: Request): Response {
    return this.signedOut(request) ?? this.#route(call);
  }

  #route(call: FakeCoursesCall): Response {
    if (this.off) return problem(404, 'NOT_FOUND', 'No such route.');
    const denied = this.appsDenied(call);
    if (denied) return denied;
    const parts = call.path.split('/').slice(4).map(decodeURIComponent);
    const [ref, lessons, lessonId, action, fileId] = parts;
    if (!ref) {
      return call.method === 'GET'
        ? json(200, { items: this.courses.map((c) => this.#summary(c)) })
        : problem(405, 'METHOD_NOT_ALLOWED', 'Method not allowed.');
    }
    const course = this.courses.find((c) => c.id === ref || c.slug === ref);
    if (!course) return problem(404, 'NOT_FOUND', 'There is no such course.');
    if (!lessons && call.method === 'GET' && parts.length === 1) return json(200, this.view(course));
    if (lessons !== 'lessons' || !lessonId) return problem(404, 'NOT_FOUND', 'No such route.');
    const lesson = course.modules.flatMap((m) => m.lessons).find((l) => l.id === lessonId);
    if (!lesson) return problem(404, 'NOT_FOUND', 'There is no such lesson.');
    if (!this.#open(lesson)) {
      return json(
        403,
        {
          type: 'urn:portico:error:lesson-locked',
          title: 'Forbidden',
          status: 403,
          code: 'LESSON_LOCKED',
          detail: 'This lesson is not open yet.',
          opensAt: lesson.opensAt,
        },
        { 'content-type': 'application/problem+json' },
      );
    }
    const route = `${call.method} ${action ?? ''}`;
    switch (route) {
      case 'GET ':
        return json(200, this.lessonView(course, lesson.id));
      case 'PUT completion':
        this.completed.add(lesson.id);
        return json(200, this.lessonView(course, lesson.id));
      case 'DELETE completion':
        this.completed.delete(lesson.id);
        return json(200, this.lessonView(course, lesson.id));
      case 'GET files': {
        const file = lesson.files.find((f) => f.id === fileId);
        if (!file) return problem(404, 'NOT_FOUND', 'There is no such file.');
        return new Response(new Blob([`contents of ${file.name}`], { type: file.type }), {
          status: 200,
          headers: {
            'content-type': file.type,
            'content-disposition': `attachment; filename="${file.name}"`,
          },
        });
      }
      default:
        return problem(404, 'NOT_FOUND', 'No such route.');
    }
  }

  #open(lesson: FakeLesson): boolean {
    return !lesson.opensAt || Date.parse(lesson.opensAt) <= Date.now();
  }

  #progress(course: FakeCourse): CourseProgress {
    const lessons = course.modules.flatMap((m) => m.lessons);
    const completed = lessons.filter((l) => this.completed.has(l.id)).length;
    const total = lessons.length;
    return {
      completed,
      total,
      percent: total ? Math.floor((completed * 100) / total) : 0,
      nextLessonId: lessons.find((l) => !this.completed.has(l.id) && this.#open(l))?.id ?? null,
    };
  }

  #summary(course: FakeCourse): CourseSummary {
    return {
      id: course.id,
      slug: course.slug,
      title: course.title,
      summary: course.summary,
      lessonCount: course.modules.reduce((n, m) => n + m.lessons.length, 0),
      progress: this.#progress(course),
      accessSince: course.accessSince,
    };
  }
}

/** Renders `content` in a provider signed in to the fake as Ada (or `signedInAs`; `null` for signed out). */
export { inFakeProvider as inCoursesProvider } from './fake-pieces.js';
