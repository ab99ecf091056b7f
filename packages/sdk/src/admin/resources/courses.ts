import {
  type AdminCourse,
  type AdminCourseSummary,
  type AdminLesson,
  type CourseInput,
  type CourseStudent,
  type CourseUpdate,
  coursesAdminRoutes as routes,
  type LessonInput,
  type LessonUpdate,
  type ModuleInput,
  type ModuleUpdate,
} from '../../contract/courses-admin.js';
import type { HttpClient } from '../../client/http.js';
import type { Page } from '../../client/resources/account.js';
import type { PageOptions } from '../../client/resources/orders.js';

/**
 * Membership courses as staff build them: courses, modules, lessons (Markdown, video URL, drip days), lesson
 * files, who has access (everyone, products, invitations) and students' progress.
 *
 * @example
 * ```ts
 * const course = await admin.courses.create({ title: 'Hosting 101', access: 'granted', productIds: ['prod_…'] });
 * const withModule = await admin.courses.addModule(course.id, { title: 'Getting started' });
 * const lesson = await admin.courses.addLesson(course.id, {
 *   moduleId: withModule.modules[0].id, title: 'Your first site', body: '…', dripDays: 0, status: 'published',
 * });
 * await admin.courses.uploadFile(course.id, lesson.id, new Blob([pdf]), 'checklist.pdf');
 * await admin.courses.update(course.id, { status: 'published' });
 * ```
 */
export class AdminCoursesResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }

  list(): Promise<{ items: AdminCourseSummary[] }> {
    return this.#http.send(routes.list);
  }

  create(input: CourseInput): Promise<AdminCourse> {
    return this.#http.send(routes.create, { body: input });
  }

  get(courseId: string): Promise<AdminCourse> {
    return this.#http.send(routes.get, { params: { courseId } });
  }

  update(courseId: string, input: CourseUpdate): Promise<AdminCourse> {
    return this.#http.send(routes.update, { params: { courseId }, body: input });
  }

  remove(courseId: string): Promise<void> {
    return this.#http.send(routes.remove, { params: { courseId } });
  }

  students(courseId: string, options: PageOptions = {}): Promise<Page<CourseStudent>> {
    return this.#http.send(routes.students, { params: { courseId }, query: { ...options } });
  }

  addModule(courseId: string, input: ModuleInput): Promise<AdminCourse> {
    return this.#http.send(routes.addModule, { params: { courseId }, body: input });
  }

  updateModule(courseId: string, moduleId: string, input: ModuleUpdate): Promise<AdminCourse> {
    return this.#http.send(routes.updateModule, { params: { courseId, moduleId }, body: input });
  }

  /** Deletes an empty module (409 while it has lessons). */
  removeModule(courseId: string, moduleId: string): Promise<AdminCourse> {
    return this.#http.send(routes.removeModule, { params: { courseId, moduleId } });
  }

  addLesson(courseId: string, input: LessonInput): Promise<AdminLesson> {
    return this.#http.send(routes.addLesson, { params: { courseId }, body: input });
  }

  lesson(courseId: string, lessonId: string): Promise<AdminLesson> {
    return this.#http.send(routes.lesson, { params: { courseId, lessonId } });
  }

  updateLesson(courseId: string, lessonId: string, input: LessonUpdate): Promise<AdminLesson> {
    return this.#http.send(routes.updateLesson, { params: { courseId, lessonId }, body: input });
  }

  removeLesson(courseId: string, lessonId: string): Promise<void> {
    return this.#http.send(routes.removeLesson, { params: { courseId, lessonId } });
  }

  /** Attaches a file (the support attachment types and size limit apply). */
  uploadFile(
    courseId: string,
    lessonId: string,
    file: Blob | ArrayBuffer | Uint8Array,
    name: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<AdminLesson> {
    return this.#http.send(routes.uploadFile, {
      params: { courseId, lessonId },
      query: { name },
      file,
      ...options,
    });
  }

  removeFile(courseId: string, lessonId: string, fileId: string): Promise<AdminLesson> {
    return this.#http.send(routes.removeFile, { params: { courseId, lessonId, fileId } });
  }

  downloadFile(courseId: string, lessonId: string, fileId: string): Promise<Blob> {
    return this.#http.download(routes.downloadFile, { params: { courseId, lessonId, fileId } });
  }
}
