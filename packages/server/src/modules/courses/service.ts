import type { Course, CourseSummary, Lesson, LessonFile } from '@portico/sdk/contract';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../deps.js';
import type { Auth } from '../../http/auth.js';
import type { AppAccess } from '../apps/access.js';
import { renderMarkdownCached } from '../content/markdown.js';
import { CourseErrors } from './errors.js';
import { buildOutline, type Outline, type OutlineLesson, outlineModules } from './outline.js';
import { type CourseRow, CourseStore, type FileRow } from './store.js';
import { lessonVideo } from './video.js';

export interface CourseLearningDeps {
  db: Db;
  clock: Clock;
  access: AppAccess;
}

/** A course the account may take, and when its access began (drip counts from there). */
export interface CourseEntry {
  course: CourseRow;
  accessSince: string;
}

export const fileView = (row: Pick<FileRow, 'id' | 'name' | 'size' | 'type'>): LessonFile => ({
  id: row.id,
  name: row.name,
  size: row.size,
  type: row.type,
});

/**
 * Courses as a client takes them. Every read is for one account (access) and one person (progress). A course is
 * there only when it is published and the account has access: open to everyone (access counts from the account's
 * first visit) or held by invitation or purchase (from the grant, or the granting service's activation). Anything
 * else is the 404 of a course that does not exist. A lesson drip has not opened is refused with 403 LESSON_LOCKED.
 */
export class CourseLearning {
  readonly #d: CourseLearningDeps;
  readonly #store: CourseStore;
  /** The entry the route guard resolved, by the request's params object, so the handler does not resolve it again. */
  readonly #entered = new WeakMap<object, Promise<CourseEntry>>();

  constructor(deps: CourseLearningDeps) {
    this.#d = deps;
    this.#store = new CourseStore(deps.db);
  }

  #now(): Date {
    return this.#d.clock.now();
  }

  /**
   * The course (by id or slug) if the account may take it, enrolling the account on its first visit: 404
   * otherwise. The route guard calls it with the request's params before anything of the body is read.
   */
  async enter(auth: Auth, idOrSlug: string): Promise<CourseEntry> {
    const course = await this.#store.course(idOrSlug);
    if (course?.status !== 'published') throw CourseErrors.notFound();
    const now = this.#now().toISOString();
    if (course.access === 'everyone') {
      return { course, accessSince: await this.#store.enrol(course.id, auth.accountId, now) };
    }
    const held = await this.#d.access.holds(auth.accountId, 'course', course.id);
    if (!held) throw CourseErrors.notFound();
    // The students list reads enrolments; drip counts from the grant.
    await this.#store.enrol(course.id, auth.accountId, now);
    return { course, accessSince: held.since };
  }

  /** The guard's check: remembers the entry for the handler of the same request. */
  async guard(auth: Auth, params: Record<string, string>): Promise<void> {
    if (params.courseId === undefined) return;
    const entry = this.enter(auth, params.courseId);
    this.#entered.set(params, entry);
    await entry;
  }

  #entry(auth: Auth, params: Record<string, string>): Promise<CourseEntry> {
    return this.#entered.get(params) ?? this.enter(auth, params.courseId ?? '');
  }

  async #outline(auth: Auth, entry: CourseEntry): Promise<Outline> {
    const ids = [entry.course.id];
    const [modules, lessons, completed] = await Promise.all([
      this.#store.modulesOf(ids),
      this.#store.lessonsOf(ids, true),
      this.#store.completedBy(auth.userId, ids),
    ]);
    return buildOutline(modules, lessons, completed, entry.accessSince, this.#now());
  }

  /** The published courses the account may take, with the person's progress. */
  async list(auth: Auth): Promise<{ items: CourseSummary[] }> {
    const courses = await this.#store.courses(true);
    const granted = courses.filter((c) => c.access === 'granted').map((c) => c.id);
    const [held, started] = await Promise.all([
      this.#d.access.heldOfKind(auth.accountId, 'course', granted),
      this.#store.enrolments(
        auth.accountId,
        courses.map((c) => c.id),
      ),
    ]);
    const now = this.#now();
    const open = courses.flatMap((course): CourseEntry[] => {
      if (course.access === 'everyone') {
        // Not opened yet: access would begin now.
        return [{ course, accessSince: started.get(course.id) ?? now.toISOString() }];
      }
      const source = held.get(course.id);
      return source ? [{ course, accessSince: source.since }] : [];
    });
    const ids = open.map((e) => e.course.id);
    const [modules, lessons, completed] = await Promise.all([
      this.#store.modulesOf(ids),
      this.#store.lessonsOf(ids, true),
      this.#store.completedBy(auth.userId, ids),
    ]);
    return {
      items: open.map((entry) => {
        const outline = buildOutline(
          modules.filter((m) => m.course_id === entry.course.id),
          lessons.filter((l) => l.course_id === entry.course.id),
          completed,
          entry.accessSince,
          now,
        );
        return summaryOf(entry, outline);
      }),
    };
  }

  /** A course with its outline. */
  async get(auth: Auth, params: Record<string, string>): Promise<Course> {
    const entry = await this.#entry(auth, params);
    const outline = await this.#outline(auth, entry);
    const counts = await this.#store.fileCounts(outline.lessons.map((l) => l.lesson.id));
    return {
      ...summaryOf(entry, outline),
      descriptionHtml: renderMarkdownCached(entry.course.description, { kind: 'document' }).html,
      modules: outlineModules(outline, counts),
    };
  }

  /** The lesson in the outline, if it is published: 404 otherwise, 403 LESSON_LOCKED while drip holds it. */
  async #open(
    auth: Auth,
    params: Record<string, string>,
  ): Promise<{ entry: CourseEntry; outline: Outline; at: number }> {
    const entry = await this.#entry(auth, params);
    const outline = await this.#outline(auth, entry);
    const at = outline.lessons.findIndex((l) => l.lesson.id === params.lessonId);
    const found = outline.lessons[at];
    if (!found) throw CourseErrors.notFound('lesson');
    if (!found.available && found.opensAt) throw CourseErrors.locked(found.opensAt);
    return { entry, outline, at };
  }

  async #lessonView(entry: CourseEntry, outline: Outline, at: number): Promise<Lesson> {
    const item = outline.lessons[at] as OutlineLesson;
    const [row, files] = await Promise.all([
      this.#store.lesson(entry.course.id, item.lesson.id, true),
      this.#store.filesOf([item.lesson.id]),
    ]);
    if (!row) throw CourseErrors.notFound('lesson');
    return {
      id: row.id,
      courseId: entry.course.id,
      moduleId: row.module_id,
      moduleTitle: item.moduleTitle,
      title: row.title,
      html: renderMarkdownCached(row.body, { kind: 'document' }).html,
      video: lessonVideo(row.video_url),
      files: files.map(fileView),
      completed: item.completedAt !== null,
      completedAt: item.completedAt,
      previousLessonId: outline.lessons[at - 1]?.lesson.id ?? null,
      nextLessonId: outline.lessons[at + 1]?.lesson.id ?? null,
      progress: outline.progress,
    };
  }

  async lesson(auth: Auth, params: Record<string, string>): Promise<Lesson> {
    const { entry, outline, at } = await this.#open(auth, params);
    await this.#store.touch(entry.course.id, auth.accountId, this.#now().toISOString());
    return this.#lessonView(entry, outline, at);
  }

  /** Marks the lesson complete for this person (again changes nothing). */
  async complete(auth: Auth, params: Record<string, string>): Promise<Lesson> {
    const { entry, at, outline } = await this.#open(auth, params);
    const now = this.#now().toISOString();
    const lessonId = (outline.lessons[at] as OutlineLesson).lesson.id;
    await this.#store.complete(
      { userId: auth.userId, accountId: auth.accountId, courseId: entry.course.id, lessonId },
      now,
    );
    await this.#store.touch(entry.course.id, auth.accountId, now);
    return this.#lessonView(entry, await this.#outline(auth, entry), at);
  }

  async uncomplete(auth: Auth, params: Record<string, string>): Promise<Lesson> {
    const { entry, at, outline } = await this.#open(auth, params);
    await this.#store.uncomplete(auth.userId, (outline.lessons[at] as OutlineLesson).lesson.id);
    await this.#store.touch(entry.course.id, auth.accountId, this.#now().toISOString());
    return this.#lessonView(entry, await this.#outline(auth, entry), at);
  }

  /** A file of an open lesson, with its bytes. */
  async download(auth: Auth, params: Record<string, string>) {
    const { outline, at } = await this.#open(auth, params);
    const file = await this.#store.fileWithData(
      (outline.lessons[at] as OutlineLesson).lesson.id,
      params.fileId ?? '',
    );
    if (!file) throw CourseErrors.notFound('file');
    return { ...file, message_id: null };
  }
}

function summaryOf(entry: CourseEntry, outline: Outline): CourseSummary {
  return {
    id: entry.course.id,
    slug: entry.course.slug,
    title: entry.course.title,
    summary: entry.course.summary,
    lessonCount: outline.progress.total,
    progress: outline.progress,
    accessSince: entry.accessSince,
  };
}
