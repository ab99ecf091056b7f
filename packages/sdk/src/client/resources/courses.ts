import {
  type Course,
  type CourseSummary,
  courseRoutes as routes,
  type Lesson,
} from '../../contract/courses.js';
import type { HttpClient } from '../http.js';

/**
 * Membership courses the account has access to: outlines, lessons (drip-released ones answer `LESSON_LOCKED`
 * until they open), completion and progress.
 *
 * @example
 * ```ts
 * const { items } = await portal.courses.list();
 * const course = await portal.courses.get(items[0].slug);
 * const lesson = await portal.courses.lesson(course.id, course.progress.nextLessonId!);
 * await portal.courses.complete(course.id, lesson.id);
 * ```
 */
export class CoursesResource {
  readonly #http: HttpClient;

  constructor(http: HttpClient) {
    this.#http = http;
  }

  list(): Promise<{ items: CourseSummary[] }> {
    return this.#http.send(routes.list);
  }

  /** A course by id or slug, with its outline. */
  get(courseId: string): Promise<Course> {
    return this.#http.send(routes.get, { params: { courseId } });
  }

  lesson(courseId: string, lessonId: string): Promise<Lesson> {
    return this.#http.send(routes.lesson, { params: { courseId, lessonId } });
  }

  complete(courseId: string, lessonId: string): Promise<Lesson> {
    return this.#http.send(routes.complete, { params: { courseId, lessonId } });
  }

  uncomplete(courseId: string, lessonId: string): Promise<Lesson> {
    return this.#http.send(routes.uncomplete, { params: { courseId, lessonId } });
  }

  /** A lesson file's bytes. */
  download(courseId: string, lessonId: string, fileId: string): Promise<Blob> {
    return this.#http.download(routes.download, { params: { courseId, lessonId, fileId } });
  }
}
