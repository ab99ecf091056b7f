import { type Selectable, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type {
  CourseLessonsTable,
  CourseModulesTable,
  CoursesTable,
  LessonFilesTable,
} from '../../db/schema.js';

export type CourseRow = Selectable<CoursesTable>;
export type ModuleRow = Selectable<CourseModulesTable>;
export type LessonRow = Selectable<CourseLessonsTable>;
/** A lesson without its body, as outlines read it. */
export type LessonHead = Omit<LessonRow, 'body'>;
export type FileRow = Selectable<LessonFilesTable>;

const LESSON_HEAD = [
  'id',
  'course_id',
  'module_id',
  'title',
  'video_url',
  'drip_days',
  'status',
  'position',
  'created_at',
  'updated_at',
] as const;

/** A page of a course's students, after this enrolment. */
export interface StudentKeyset {
  at: string;
  accountId: string;
}

/** An enrolment as the students list shows it. */
export interface StudentRow {
  account_id: string;
  account_name: string;
  started_at: string;
  last_activity_at: string | null;
  completed: number;
}

/**
 * The SQL of courses. Client reads take the account and person they are for; lessons are always read with their
 * course id, so a lesson id never reaches another course's content.
 */
export class CourseStore {
  constructor(readonly db: Db) {}

  /** A course by id or slug. */
  course(idOrSlug: string, db: Db = this.db): Promise<CourseRow | undefined> {
    return db
      .selectFrom('courses')
      .selectAll()
      .where((eb) => eb.or([eb('id', '=', idOrSlug), eb('slug', '=', idOrSlug)]))
      .executeTakeFirst();
  }

  /** Every course (`published` only, for clients), in the business's order. */
  courses(publishedOnly: boolean): Promise<CourseRow[]> {
    let q = this.db.selectFrom('courses').selectAll();
    if (publishedOnly) q = q.where('status', '=', 'published');
    return q.orderBy('position').orderBy('title').execute();
  }

  modulesOf(courseIds: readonly string[], db: Db = this.db): Promise<ModuleRow[]> {
    if (!courseIds.length) return Promise.resolve([]);
    return db
      .selectFrom('course_modules')
      .selectAll()
      .where('course_id', 'in', courseIds)
      .orderBy('course_id')
      .orderBy('position')
      .execute();
  }

  /** The lessons of courses without their bodies (`published` only, for clients). */
  lessonsOf(courseIds: readonly string[], publishedOnly: boolean, db: Db = this.db): Promise<LessonHead[]> {
    if (!courseIds.length) return Promise.resolve([]);
    let q = db.selectFrom('course_lessons').select(LESSON_HEAD).where('course_id', 'in', courseIds);
    if (publishedOnly) q = q.where('status', '=', 'published');
    return q.orderBy('course_id').orderBy('position').execute();
  }

  /** A lesson of a course (`published` only, for clients). */
  lesson(courseId: string, lessonId: string, publishedOnly: boolean, db: Db = this.db) {
    let q = db
      .selectFrom('course_lessons')
      .selectAll()
      .where('id', '=', lessonId)
      .where('course_id', '=', courseId);
    if (publishedOnly) q = q.where('status', '=', 'published');
    return q.executeTakeFirst();
  }

  /** The files of lessons, oldest first. */
  filesOf(lessonIds: readonly string[], db: Db = this.db): Promise<FileRow[]> {
    if (!lessonIds.length) return Promise.resolve([]);
    return db
      .selectFrom('lesson_files')
      .selectAll()
      .where('lesson_id', 'in', lessonIds)
      .orderBy('lesson_id')
      .orderBy('created_at')
      .execute();
  }

  /** How many files each lesson has. */
  async fileCounts(lessonIds: readonly string[]): Promise<Map<string, number>> {
    if (!lessonIds.length) return new Map();
    const rows = await this.db
      .selectFrom('lesson_files')
      .select(['lesson_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('lesson_id', 'in', lessonIds)
      .groupBy('lesson_id')
      .execute();
    return new Map(rows.map((r) => [r.lesson_id, Number(r.n)]));
  }

  /** A lesson's file with its bytes. */
  fileWithData(lessonId: string, fileId: string) {
    return this.db
      .selectFrom('lesson_files as f')
      .innerJoin('lesson_file_data as d', 'd.file_id', 'f.id')
      .select(['f.id', 'f.name', 'f.size', 'f.type', 'f.created_at', 'd.data'])
      .where('f.id', '=', fileId)
      .where('f.lesson_id', '=', lessonId)
      .executeTakeFirst();
  }

  /** The lessons a person completed in courses, with when. */
  async completedBy(userId: string, courseIds: readonly string[]): Promise<Map<string, string>> {
    if (!courseIds.length) return new Map();
    const rows = await this.db
      .selectFrom('lesson_progress')
      .select(['lesson_id', 'completed_at'])
      .where('user_id', '=', userId)
      .where('course_id', 'in', courseIds)
      .execute();
    return new Map(rows.map((r) => [r.lesson_id, r.completed_at]));
  }

  async complete(
    row: { userId: string; accountId: string; courseId: string; lessonId: string },
    now: string,
  ): Promise<void> {
    await this.db
      .insertInto('lesson_progress')
      .values({
        user_id: row.userId,
        account_id: row.accountId,
        course_id: row.courseId,
        lesson_id: row.lessonId,
        completed_at: now,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  async uncomplete(userId: string, lessonId: string): Promise<void> {
    await this.db
      .deleteFrom('lesson_progress')
      .where('user_id', '=', userId)
      .where('lesson_id', '=', lessonId)
      .execute();
  }

  /** When the account began each course it opened. */
  async enrolments(accountId: string, courseIds: readonly string[]): Promise<Map<string, string>> {
    if (!courseIds.length) return new Map();
    const rows = await this.db
      .selectFrom('course_enrolments')
      .select(['course_id', 'started_at'])
      .where('account_id', '=', accountId)
      .where('course_id', 'in', courseIds)
      .execute();
    return new Map(rows.map((r) => [r.course_id, r.started_at]));
  }

  /** The account's enrolment in a course, made on its first visit (a second, concurrent one changes nothing). */
  async enrol(courseId: string, accountId: string, now: string): Promise<string> {
    const find = () =>
      this.db
        .selectFrom('course_enrolments')
        .select('started_at')
        .where('course_id', '=', courseId)
        .where('account_id', '=', accountId)
        .executeTakeFirst();
    const found = await find();
    if (found) return found.started_at;
    await this.db
      .insertInto('course_enrolments')
      .values({ course_id: courseId, account_id: accountId, started_at: now, last_activity_at: null })
      .onConflict((oc) => oc.doNothing())
      .execute();
    return (await find())?.started_at ?? now;
  }

  async touch(courseId: string, accountId: string, now: string): Promise<void> {
    await this.db
      .updateTable('course_enrolments')
      .set({ last_activity_at: now })
      .where('course_id', '=', courseId)
      .where('account_id', '=', accountId)
      .execute();
  }

  // ─── Staff ────────────────────────────────────────────────────────────────────────────────────────────────

  /** Published lessons and enrolments per course. */
  async counts(courseIds: readonly string[]): Promise<Map<string, { lessons: number; students: number }>> {
    const out = new Map(courseIds.map((id) => [id, { lessons: 0, students: 0 }]));
    if (!courseIds.length) return out;
    const lessons = await this.db
      .selectFrom('course_lessons')
      .select(['course_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('course_id', 'in', courseIds)
      .groupBy('course_id')
      .execute();
    const students = await this.db
      .selectFrom('course_enrolments')
      .select(['course_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('course_id', 'in', courseIds)
      .groupBy('course_id')
      .execute();
    for (const r of lessons) {
      const c = out.get(r.course_id);
      if (c) c.lessons = Number(r.n);
    }
    for (const r of students) {
      const c = out.get(r.course_id);
      if (c) c.students = Number(r.n);
    }
    return out;
  }

  async slugsLike(base: string, db: Db): Promise<string[]> {
    const rows = await db
      .selectFrom('courses')
      .select('slug')
      .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
      .execute();
    return rows.map((r) => r.slug);
  }

  async slugTaken(slug: string, exceptId: string | undefined, db: Db): Promise<boolean> {
    let q = db.selectFrom('courses').select('id').where('slug', '=', slug);
    if (exceptId) q = q.where('id', '!=', exceptId);
    return (await q.executeTakeFirst()) !== undefined;
  }

  /** The next position at the end of a list. */
  async nextPosition(
    table: 'courses' | 'course_modules' | 'course_lessons',
    db: Db,
    scope?: { column: 'course_id' | 'module_id'; id: string },
  ): Promise<number> {
    let q = db.selectFrom(table).select((eb) => eb.fn.max<number>('position').as('max'));
    if (scope) q = q.where(scope.column, '=', scope.id);
    const row = await q.executeTakeFirst();
    return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
  }

  module(courseId: string, moduleId: string, db: Db = this.db) {
    return db
      .selectFrom('course_modules')
      .selectAll()
      .where('id', '=', moduleId)
      .where('course_id', '=', courseId)
      .executeTakeFirst();
  }

  /**
   * A page of a course's enrolments, most recent first, with each account's name and how many of the course's
   * lessons its people completed.
   */
  students(courseId: string, after: StudentKeyset | undefined, limit: number): Promise<StudentRow[]> {
    let q = this.db
      .selectFrom('course_enrolments as e')
      .innerJoin('accounts as a', 'a.id', 'e.account_id')
      .select([
        'e.account_id',
        'a.name as account_name',
        'e.started_at',
        'e.last_activity_at',
        (eb) =>
          eb
            .selectFrom('lesson_progress as p')
            .select(sql<number>`count(DISTINCT p.lesson_id)`.as('n'))
            .whereRef('p.course_id', '=', 'e.course_id')
            .whereRef('p.account_id', '=', 'e.account_id')
            .as('completed'),
      ])
      .where('e.course_id', '=', courseId);
    if (after) {
      // Newest first, then by account id (the index's order).
      q = q.where(
        sql<boolean>`(e.started_at < ${after.at} OR (e.started_at = ${after.at} AND e.account_id > ${after.accountId}))`,
      );
    }
    return q
      .orderBy('e.started_at', 'desc')
      .orderBy('e.account_id')
      .limit(limit)
      .execute()
      .then((rows) => rows.map((r) => ({ ...r, completed: Number(r.completed ?? 0) })));
  }
}
