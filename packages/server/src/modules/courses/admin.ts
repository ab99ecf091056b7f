import type {
  AdminCourse,
  AdminCourseSummary,
  AdminLesson,
  CourseInputSchema,
  CourseStudent,
  CourseUpdateSchema,
  LessonInputSchema,
  LessonUpdateSchema,
  ModuleInputSchema,
  ModuleUpdateSchema,
  PageQuerySchema,
} from '@portico/sdk/contract';
import type { Request } from 'express';
import type { Transaction } from 'kysely';
import type * as z from 'zod';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { Clock, IdGenerator } from '../../deps.js';
import type { AppAccess } from '../apps/access.js';
import { readTimeCursor, timeCursor } from '../apps/paging.js';
import type { AuditLog } from '../audit/audit-log.js';
import { staffRecord } from '../audit/staff-record.js';
import { DEFAULT_LIMIT } from '../billing/invoice-store.js';
import { renderMarkdownCached } from '../content/markdown.js';
import { slugify, uniqueSlug } from '../content/slug.js';
import type { StaffChange } from '../settings/service.js';
import type { Settings } from '../settings/settings.js';
import { checkContent, nameFile, readUpload } from '../support/upload.js';
import { CourseErrors } from './errors.js';
import { byPosition } from './outline.js';
import { fileView } from './service.js';
import { type CourseRow, CourseStore, type LessonRow, type StudentKeyset } from './store.js';
import { lessonVideo } from './video.js';

type CourseInput = z.output<typeof CourseInputSchema>;
type CourseUpdate = z.output<typeof CourseUpdateSchema>;
type ModuleInput = z.output<typeof ModuleInputSchema>;
type ModuleUpdate = z.output<typeof ModuleUpdateSchema>;
type LessonInput = z.output<typeof LessonInputSchema>;
type LessonUpdate = z.output<typeof LessonUpdateSchema>;
type PageQuery = z.output<typeof PageQuerySchema>;
type Trx = Transaction<Database>;

export interface CoursesAdminDeps {
  db: Db;
  settings: Settings;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditLog;
  access: AppAccess;
}

/** Reads a students cursor (a `timeCursor` of the enrolment's start and account); anything else is a 400. */
function readStudentKeyset(cursor: string | undefined): StudentKeyset | undefined {
  const key = readTimeCursor(cursor);
  return key && { at: key.at, accountId: key.id };
}

/**
 * Courses as staff build them: courses, their modules and lessons (Markdown, a video, files), who may take them
 * (everyone, or accounts holding a granting product or an invitation) and who does. Every change commits with its
 * audit entry.
 */
export class CoursesAdmin {
  readonly #d: CoursesAdminDeps;
  readonly #store: CourseStore;

  constructor(deps: CoursesAdminDeps) {
    this.#d = deps;
    this.#store = new CourseStore(deps.db);
  }

  #now(): string {
    return this.#d.clock.now().toISOString();
  }

  async #audit(
    trx: Trx,
    change: StaffChange,
    action: string,
    course: Pick<CourseRow, 'id' | 'title'>,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    await trx
      .insertInto('audit_log')
      .values(
        this.#d.audit.row(
          staffRecord(change, {
            action,
            target: { type: 'course', id: course.id },
            details: { title: course.title, ...details },
          }),
        ),
      )
      .execute();
  }

  async #course(id: string, db: Db = this.#d.db): Promise<CourseRow> {
    const row = await this.#store.course(id, db);
    if (!row) throw CourseErrors.notFound();
    return row;
  }

  async #lesson(courseId: string, lessonId: string, db: Db = this.#d.db): Promise<LessonRow> {
    const row = await this.#store.lesson(courseId, lessonId, false, db);
    if (!row) throw CourseErrors.notFound('lesson');
    return row;
  }

  /** The slug to store: the one given (409 CONFLICT when another course has it), or one made from the title. */
  async #slug(trx: Trx, given: string | undefined, title: string, exceptId?: string): Promise<string> {
    if (given !== undefined) {
      if (await this.#store.slugTaken(given, exceptId, trx)) {
        throw CourseErrors.conflict(`The slug “${given}” is taken.`, 'slug');
      }
      return given;
    }
    const base = slugify(title, 'course');
    return uniqueSlug(base, await this.#store.slugsLike(base, trx));
  }

  /**
   * Puts a module (in its course) or a lesson (in its module) at `index` of the order, from 0, and renumbers its
   * siblings 0, 1, 2… so the order is exactly what staff see.
   */
  async #place(
    trx: Trx,
    table: 'course_modules' | 'course_lessons',
    scope: { column: 'course_id' | 'module_id'; id: string },
    movedId: string,
    index: number,
  ): Promise<void> {
    const rows = (
      await trx
        .selectFrom(table)
        .select(['id', 'position', 'created_at'])
        .where(scope.column, '=', scope.id)
        .execute()
    ).sort(byPosition);
    const order = rows.filter((r) => r.id !== movedId).map((r) => r.id);
    order.splice(Math.min(Math.max(index, 0), order.length), 0, movedId);
    for (const [position, id] of order.entries()) {
      if (rows.find((r) => r.id === id)?.position === position) continue;
      await trx.updateTable(table).set({ position }).where('id', '=', id).execute();
    }
  }

  async #touch(trx: Trx, courseId: string, now: string): Promise<void> {
    await trx.updateTable('courses').set({ updated_at: now }).where('id', '=', courseId).execute();
  }

  async #summaries(rows: readonly CourseRow[]): Promise<AdminCourseSummary[]> {
    const ids = rows.map((r) => r.id);
    const [counts, products] = await Promise.all([
      this.#store.counts(ids),
      this.#d.access.productsOf('course', ids),
    ]);
    return rows.map((row) => ({
      id: row.id,
      slug: row.slug,
      title: row.title,
      summary: row.summary,
      status: row.status,
      access: row.access,
      position: row.position,
      lessonCount: counts.get(row.id)?.lessons ?? 0,
      students: counts.get(row.id)?.students ?? 0,
      products: products.get(row.id) ?? [],
      updatedAt: row.updated_at,
    }));
  }

  async list(): Promise<{ items: AdminCourseSummary[] }> {
    return { items: await this.#summaries(await this.#store.courses(false)) };
  }

  async get(id: string): Promise<AdminCourse> {
    const row = await this.#course(id);
    const [[summary], modules, lessons] = await Promise.all([
      this.#summaries([row]),
      this.#store.modulesOf([row.id]),
      this.#store.lessonsOf([row.id], false),
    ]);
    const counts = await this.#store.fileCounts(lessons.map((l) => l.id));
    return {
      ...(summary as AdminCourseSummary),
      description: row.description,
      descriptionHtml: renderMarkdownCached(row.description, { kind: 'document' }).html,
      createdAt: row.created_at,
      modules: [...modules].sort(byPosition).map((m) => ({
        id: m.id,
        title: m.title,
        position: m.position,
        lessons: lessons
          .filter((l) => l.module_id === m.id)
          .sort(byPosition)
          .map((l) => ({
            id: l.id,
            title: l.title,
            dripDays: l.drip_days,
            status: l.status,
            hasVideo: l.video_url !== null,
            fileCount: counts.get(l.id) ?? 0,
          })),
      })),
    };
  }

  /** Creates a course, a draft open to everyone unless told, last unless a position is given. */
  async create(input: CourseInput, change: StaffChange): Promise<AdminCourse> {
    const id = this.#d.ids('crs');
    const now = this.#now();
    await this.#d.db.transaction().execute(async (trx) => {
      const slug = await this.#slug(trx, input.slug, input.title);
      const course = {
        id,
        slug,
        title: input.title,
        summary: input.summary ?? '',
        description: input.description ?? '',
        status: input.status ?? 'draft',
        access: input.access ?? 'everyone',
        position: input.position ?? (await this.#store.nextPosition('courses', trx)),
        created_at: now,
        updated_at: now,
      } as const;
      await trx.insertInto('courses').values(course).execute();
      if (input.productIds) await this.#d.access.setProducts(trx, 'course', id, input.productIds, now);
      await this.#audit(trx, change, 'course.created', course, {
        slug,
        status: course.status,
        access: course.access,
        productIds: input.productIds ?? [],
      });
    });
    return this.get(id);
  }

  async update(id: string, input: CourseUpdate, change: StaffChange): Promise<AdminCourse> {
    const now = this.#now();
    const course = await this.#d.db.transaction().execute(async (trx) => {
      const row = await this.#course(id, trx);
      const slug =
        input.slug !== undefined && input.slug !== row.slug
          ? await this.#slug(trx, input.slug, row.title, row.id)
          : row.slug;
      const next = {
        slug,
        title: input.title ?? row.title,
        summary: input.summary ?? row.summary,
        description: input.description ?? row.description,
        status: input.status ?? row.status,
        access: input.access ?? row.access,
        position: input.position ?? row.position,
      };
      await trx
        .updateTable('courses')
        .set({ ...next, updated_at: now })
        .where('id', '=', row.id)
        .execute();
      if (input.productIds) await this.#d.access.setProducts(trx, 'course', row.id, input.productIds, now);
      const changed = Object.keys(next).filter(
        (k) => next[k as keyof typeof next] !== row[k as keyof typeof next],
      );
      await this.#audit(
        trx,
        change,
        'course.updated',
        { id: row.id, title: next.title },
        {
          changed,
          ...(input.productIds ? { productIds: input.productIds } : {}),
        },
      );
      return row;
    });
    return this.get(course.id);
  }

  /** Deletes a course with its modules, lessons, files, enrolments, progress, grants and granting products. */
  async remove(id: string, change: StaffChange): Promise<void> {
    await this.#d.db.transaction().execute(async (trx) => {
      const row = await this.#course(id, trx);
      await this.#d.access.forget(trx, 'course', row.id);
      await trx.deleteFrom('courses').where('id', '=', row.id).execute();
      await this.#audit(trx, change, 'course.deleted', row, { slug: row.slug });
    });
  }

  // ─── Students ───────────────────────────────────────────────────────────────────────────────────────────

  /**
   * The accounts taking a course, most recent first: how each has access, since when, how many lessons its
   * people completed. For a course only granted accounts may take, an account that no longer holds it is left out.
   */
  async students(
    id: string,
    query: PageQuery,
  ): Promise<{ items: CourseStudent[]; nextCursor: string | null }> {
    const course = await this.#course(id);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.#store.students(course.id, readStudentKeyset(query.cursor), limit + 1);
    const kept = rows.slice(0, limit);
    const held =
      course.access === 'granted'
        ? await this.#holders(
            course.id,
            kept.map((r) => r.account_id),
          )
        : null;
    const items: CourseStudent[] = [];
    for (const row of kept) {
      const source = held ? held.get(row.account_id) : { source: 'everyone' as const, since: row.started_at };
      if (!source) continue;
      items.push({
        accountId: row.account_id,
        accountName: row.account_name,
        source: source.source,
        accessSince: source.since,
        completedLessons: row.completed,
        lastActivityAt: row.last_activity_at,
      });
    }
    const last = kept.at(-1);
    return {
      items,
      nextCursor: rows.length > limit && last ? timeCursor(last.started_at, last.account_id) : null,
    };
  }

  /** How each of these accounts holds a course (invitation or purchase), the earliest source winning. */
  async #holders(
    courseId: string,
    accountIds: readonly string[],
  ): Promise<Map<string, { source: 'purchase' | 'invitation'; since: string }>> {
    const out = new Map<string, { source: 'purchase' | 'invitation'; since: string }>();
    if (!accountIds.length) return out;
    const bought = await this.#d.db
      .selectFrom('product_grants as g')
      .innerJoin('services as s', 's.product_id', 'g.product_id')
      .select(['s.account_id', (eb) => eb.fn.min('s.activated_at').as('since')])
      .where('g.kind', '=', 'course')
      .where('g.resource_id', '=', courseId)
      .where('s.status', '=', 'active')
      .where('s.account_id', 'in', accountIds)
      .groupBy('s.account_id')
      .execute();
    for (const row of bought)
      if (row.since) out.set(row.account_id, { source: 'purchase', since: row.since });
    const invited = await this.#d.db
      .selectFrom('app_grants')
      .select(['account_id', 'created_at'])
      .where('kind', '=', 'course')
      .where('resource_id', '=', courseId)
      .where('account_id', 'in', accountIds)
      .execute();
    for (const row of invited) {
      const earlier = out.get(row.account_id);
      if (!earlier || row.created_at < earlier.since) {
        out.set(row.account_id, { source: 'invitation', since: row.created_at });
      }
    }
    return out;
  }

  // ─── Modules ────────────────────────────────────────────────────────────────────────────────────────────

  async addModule(courseId: string, input: ModuleInput, change: StaffChange): Promise<AdminCourse> {
    const now = this.#now();
    const course = await this.#d.db.transaction().execute(async (trx) => {
      const row = await this.#course(courseId, trx);
      const id = this.#d.ids('mod');
      const position =
        input.position ??
        (await this.#store.nextPosition('course_modules', trx, { column: 'course_id', id: row.id }));
      await trx
        .insertInto('course_modules')
        .values({ id, course_id: row.id, title: input.title, position, created_at: now })
        .execute();
      if (input.position !== undefined) {
        await this.#place(trx, 'course_modules', { column: 'course_id', id: row.id }, id, input.position);
      }
      await this.#touch(trx, row.id, now);
      await this.#audit(trx, change, 'course.module_added', row, { moduleId: id, moduleTitle: input.title });
      return row;
    });
    return this.get(course.id);
  }

  async updateModule(
    courseId: string,
    moduleId: string,
    input: ModuleUpdate,
    change: StaffChange,
  ): Promise<AdminCourse> {
    const now = this.#now();
    const course = await this.#d.db.transaction().execute(async (trx) => {
      const row = await this.#course(courseId, trx);
      const module = await this.#store.module(row.id, moduleId, trx);
      if (!module) throw CourseErrors.notFound('module');
      const title = input.title ?? module.title;
      await trx.updateTable('course_modules').set({ title }).where('id', '=', module.id).execute();
      if (input.position !== undefined) {
        await this.#place(
          trx,
          'course_modules',
          { column: 'course_id', id: row.id },
          module.id,
          input.position,
        );
      }
      await this.#touch(trx, row.id, now);
      await this.#audit(trx, change, 'course.module_updated', row, {
        moduleId: module.id,
        moduleTitle: title,
        ...(title !== module.title ? { previousTitle: module.title } : {}),
      });
      return row;
    });
    return this.get(course.id);
  }

  /** Deletes an empty module: 409 CONFLICT while it has lessons (drafts count). */
  async removeModule(courseId: string, moduleId: string, change: StaffChange): Promise<AdminCourse> {
    const now = this.#now();
    const course = await this.#d.db.transaction().execute(async (trx) => {
      const row = await this.#course(courseId, trx);
      const module = await this.#store.module(row.id, moduleId, trx);
      if (!module) throw CourseErrors.notFound('module');
      const lesson = await trx
        .selectFrom('course_lessons')
        .select('id')
        .where('module_id', '=', module.id)
        .limit(1)
        .executeTakeFirst();
      if (lesson) throw CourseErrors.conflict('This module has lessons: move or delete them first.');
      await trx.deleteFrom('course_modules').where('id', '=', module.id).execute();
      await this.#touch(trx, row.id, now);
      await this.#audit(trx, change, 'course.module_deleted', row, {
        moduleId: module.id,
        moduleTitle: module.title,
      });
      return row;
    });
    return this.get(course.id);
  }

  // ─── Lessons ────────────────────────────────────────────────────────────────────────────────────────────

  async #lessonView(row: LessonRow): Promise<AdminLesson> {
    const files = await this.#store.filesOf([row.id]);
    return {
      id: row.id,
      courseId: row.course_id,
      moduleId: row.module_id,
      title: row.title,
      body: row.body,
      html: renderMarkdownCached(row.body, { kind: 'document' }).html,
      videoUrl: row.video_url,
      video: lessonVideo(row.video_url),
      dripDays: row.drip_days,
      status: row.status,
      position: row.position,
      files: files.map(fileView),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  /** A module of this course for a lesson: 422 on `moduleId` when it is not one. */
  async #moduleFor(trx: Trx, courseId: string, moduleId: string) {
    const module = await this.#store.module(courseId, moduleId, trx);
    if (!module) throw CourseErrors.field('moduleId', 'Choose a module of this course');
    return module;
  }

  async lesson(courseId: string, lessonId: string): Promise<AdminLesson> {
    const course = await this.#course(courseId);
    return this.#lessonView(await this.#lesson(course.id, lessonId));
  }

  /** Adds a lesson to a module of the course, a draft unless told, last in the module unless a position is given. */
  async addLesson(courseId: string, input: LessonInput, change: StaffChange): Promise<AdminLesson> {
    const now = this.#now();
    const id = this.#d.ids('lsn');
    const course = await this.#d.db.transaction().execute(async (trx) => {
      const row = await this.#course(courseId, trx);
      const module = await this.#moduleFor(trx, row.id, input.moduleId);
      const position =
        input.position ??
        (await this.#store.nextPosition('course_lessons', trx, { column: 'module_id', id: module.id }));
      await trx
        .insertInto('course_lessons')
        .values({
          id,
          course_id: row.id,
          module_id: module.id,
          title: input.title,
          body: input.body ?? '',
          video_url: input.videoUrl ?? null,
          drip_days: input.dripDays ?? 0,
          status: input.status ?? 'draft',
          position,
          created_at: now,
          updated_at: now,
        })
        .execute();
      if (input.position !== undefined) {
        await this.#place(trx, 'course_lessons', { column: 'module_id', id: module.id }, id, input.position);
      }
      await this.#touch(trx, row.id, now);
      await this.#audit(trx, change, 'course.lesson_added', row, { lessonId: id, lessonTitle: input.title });
      return row;
    });
    return this.lesson(course.id, id);
  }

  /** Changes a lesson; a new `moduleId` moves it (within the course only: 422 otherwise), last unless placed. */
  async updateLesson(
    courseId: string,
    lessonId: string,
    input: LessonUpdate,
    change: StaffChange,
  ): Promise<AdminLesson> {
    const now = this.#now();
    const lesson = await this.#d.db.transaction().execute(async (trx) => {
      const course = await this.#course(courseId, trx);
      const row = await this.#lesson(course.id, lessonId, trx);
      const moving = input.moduleId !== undefined && input.moduleId !== row.module_id;
      const moduleId = moving
        ? (await this.#moduleFor(trx, course.id, input.moduleId as string)).id
        : row.module_id;
      const position =
        input.position ??
        (moving
          ? await this.#store.nextPosition('course_lessons', trx, { column: 'module_id', id: moduleId })
          : row.position);
      const next = {
        module_id: moduleId,
        title: input.title ?? row.title,
        body: input.body ?? row.body,
        video_url: input.videoUrl === undefined ? row.video_url : input.videoUrl,
        drip_days: input.dripDays ?? row.drip_days,
        status: input.status ?? row.status,
        position,
      };
      await trx
        .updateTable('course_lessons')
        .set({ ...next, updated_at: now })
        .where('id', '=', row.id)
        .execute();
      if (input.position !== undefined) {
        await this.#place(
          trx,
          'course_lessons',
          { column: 'module_id', id: moduleId },
          row.id,
          input.position,
        );
      }
      await this.#touch(trx, course.id, now);
      const changed = Object.keys(next).filter(
        (k) => next[k as keyof typeof next] !== row[k as keyof typeof next],
      );
      await this.#audit(trx, change, 'course.lesson_updated', course, {
        lessonId: row.id,
        lessonTitle: next.title,
        changed,
      });
      return row;
    });
    return this.lesson(lesson.course_id, lesson.id);
  }

  /** Deletes a lesson with its files and everyone's progress in it. */
  async removeLesson(courseId: string, lessonId: string, change: StaffChange): Promise<void> {
    const now = this.#now();
    await this.#d.db.transaction().execute(async (trx) => {
      const course = await this.#course(courseId, trx);
      const row = await this.#lesson(course.id, lessonId, trx);
      await trx.deleteFrom('course_lessons').where('id', '=', row.id).execute();
      await this.#touch(trx, course.id, now);
      await this.#audit(trx, change, 'course.lesson_deleted', course, {
        lessonId: row.id,
        lessonTitle: row.title,
      });
    });
  }

  // ─── Files ──────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Attaches a file to a lesson under the support attachment rules: the lesson first (404 before a byte is read),
   * then the name's type (415), the size as it streams (413) and the content (415).
   */
  async uploadFile(
    courseId: string,
    lessonId: string,
    req: Request,
    rawName: string,
    change: StaffChange,
  ): Promise<AdminLesson> {
    const course = await this.#course(courseId);
    const lesson = await this.#lesson(course.id, lessonId);
    const rules = this.#d.settings.current.support;
    const named = nameFile(rawName, rules.attachmentTypes);
    const file = checkContent(named, await readUpload(req, rules.attachmentMaxBytes));
    const now = this.#now();
    const id = this.#d.ids('lfl');
    await this.#d.db.transaction().execute(async (trx) => {
      // The lesson may have gone while the bytes arrived.
      await this.#lesson(course.id, lesson.id, trx);
      await trx
        .insertInto('lesson_files')
        .values({
          id,
          lesson_id: lesson.id,
          name: file.name,
          type: file.type,
          size: file.size,
          staff_id: change.staff.staffId,
          created_at: now,
        })
        .execute();
      await trx.insertInto('lesson_file_data').values({ file_id: id, data: file.data }).execute();
      await this.#touch(trx, course.id, now);
      await this.#audit(trx, change, 'course.file_added', course, {
        lessonId: lesson.id,
        fileId: id,
        name: file.name,
        size: file.size,
        sha256: file.sha256,
      });
    });
    return this.lesson(course.id, lesson.id);
  }

  async removeFile(
    courseId: string,
    lessonId: string,
    fileId: string,
    change: StaffChange,
  ): Promise<AdminLesson> {
    const now = this.#now();
    await this.#d.db.transaction().execute(async (trx) => {
      const course = await this.#course(courseId, trx);
      const lesson = await this.#lesson(course.id, lessonId, trx);
      const removed = await trx
        .deleteFrom('lesson_files')
        .where('id', '=', fileId)
        .where('lesson_id', '=', lesson.id)
        .returning(['id', 'name'])
        .executeTakeFirst();
      if (!removed) throw CourseErrors.notFound('file');
      await this.#touch(trx, course.id, now);
      await this.#audit(trx, change, 'course.file_removed', course, {
        lessonId: lesson.id,
        fileId: removed.id,
        name: removed.name,
      });
    });
    return this.lesson(courseId, lessonId);
  }

  async downloadFile(courseId: string, lessonId: string, fileId: string) {
    const course = await this.#course(courseId);
    const lesson = await this.#lesson(course.id, lessonId);
    const file = await this.#store.fileWithData(lesson.id, fileId);
    if (!file) throw CourseErrors.notFound('file');
    return { ...file, message_id: null };
  }
}
