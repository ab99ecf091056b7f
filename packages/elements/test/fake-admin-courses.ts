import {
  type AdminClient,
  type AdminCourse,
  type AdminCourseSummary,
  type AdminLesson,
  type AdminProduct,
  type AttachmentRules,
  type CourseAccess,
  type CourseStatus,
  type CourseStudent,
  createAdminClient,
  type LessonVideo,
} from '@portico/sdk/admin';
import { ATTACHMENT_TYPES } from '@portico/sdk/contract';
import { slugify } from '../src/admin/lib/content-labels.js';
import { fakeMarkdown } from './fake-admin-content.js';
import { FakeSequence, fakeProduct } from './fake-records.js';
import { ADMIN_API, FakeAdmin, type FakeStaff, json, notFound, pageOf, problem } from './fake-admin.js';

/** A lesson as the fake stores it: the staff view plus each file's bytes. */
interface FakeLesson extends AdminLesson {
  bytes: Map<string, Uint8Array>;
}

/** A module as the fake stores it. */
interface FakeModule {
  id: string;
  title: string;
  lessons: FakeLesson[];
}

/** A course as the fake stores it. */
interface FakeCourse {
  id: string;
  slug: string;
  title: string;
  summary: string;
  description: string;
  status: CourseStatus;
  access: CourseAccess;
  productIds: string[];
  modules: FakeModule[];
  students: CourseStudent[];
  createdAt: string;
  updatedAt: string;
}

const FILES_PATH = /^\/api\/admin\/v1\/courses\/([^/]+)\/lessons\/([^/]+)\/files$/;

/** What the server makes of a lesson's video URL, as far as the tests need. */
export function videoOf(url: string | null): LessonVideo | null {
  if (!url) return null;
  const youtube = /(?:youtube\.com\/watch\?v=|youtu\.be\/)([\w-]{6,})/.exec(url);
  if (youtube)
    return { url, kind: 'youtube', embedUrl: `https://www.youtube-nocookie.com/embed/${youtube[1]}` };
  const vimeo = /vimeo\.com\/(\d+)/.exec(url);
  if (vimeo) return { url, kind: 'vimeo', embedUrl: `https://player.vimeo.com/video/${vimeo[1]}` };
  if (/\.(mp4|webm)(\?|$)/i.test(new URL(url).pathname)) return { url, kind: 'file', embedUrl: null };
  return { url, kind: 'link', embedUrl: null };
}

/**
 * The fake staff API with membership courses: three products (two that may grant courses), the support attachment
 * rules lesson files follow, the Markdown preview, and two courses: "Hosting 101" (published, granted by the
 * Starter product, two modules with lessons, files and students) and "Email basics" (a draft for everyone, empty).
 * Module and lesson positions are their places in order, from 0; moving one renumbers the rest. Lesson file
 * uploads arrive as raw bytes and are checked against the rules' size and types (and a PDF's first bytes); they can be held
 * (`holdUploads`) to see them in progress.
 */
export class FakeAdminCourses extends FakeAdmin {
  readonly products: AdminProduct[] = [];
  readonly courses: FakeCourse[] = [];
  attachmentRules: AttachmentRules = { maxBytes: 1024 * 1024, maxFiles: 3, types: ['pdf', 'txt', 'zip'] };
  /** While set, uploads wait until `releaseUploads()`. */
  holdUploads = false;
  #held: (() => void)[] = [];
  readonly #seq = new FakeSequence('2025-04-01T09:00:00Z', 'c');

  constructor() {
    super();
    const starter = this.addProduct('Starter hosting');
    this.addProduct('Business hosting');
    this.addProduct('Domain transfer');
    const hosting = this.addCourse({
      title: 'Hosting 101',
      summary: 'Put your first site online.',
      description: 'Everything about **hosting**.',
      status: 'published',
      access: 'granted',
      productIds: [starter.id],
    });
    const start = this.addModule(hosting, 'Getting started');
    const welcome = this.addLesson(hosting, start, {
      title: 'Welcome',
      body: 'Hello and **welcome**.',
      status: 'published',
      videoUrl: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
    });
    this.addFile(welcome, 'checklist.pdf', '%PDF-1.4 checklist');
    this.addLesson(hosting, start, { title: 'Your control panel', status: 'published', dripDays: 2 });
    const dns = this.addModule(hosting, 'DNS');
    this.addLesson(hosting, dns, { title: 'Records explained', dripDays: 7 });
    for (const [i, account] of this.accounts.entries()) {
      hosting.students.push({
        accountId: account.id,
        accountName: account.name,
        source: i === 0 ? 'purchase' : 'invitation',
        accessSince: this.now(),
        completedLessons: i,
        lastActivityAt: i === 2 ? null : this.now(),
      });
    }
    this.addCourse({ title: 'Email basics' });
  }

  override client(): AdminClient {
    return createAdminClient({ baseUrl: ADMIN_API, fetch: this.#fetch, retries: 0 });
  }

  addProduct(name: string): AdminProduct {
    const product = fakeProduct({
      id: this.newId('prod'),
      groupId: 'pgr_s0000000000000000000000000',
      name,
      type: 'hosting',
      sortOrder: this.products.length,
      now: this.now(),
    });
    this.products.push(product);
    return product;
  }

  addCourse(o: Partial<FakeCourse> & { title: string }): FakeCourse {
    const now = this.now();
    const course: FakeCourse = {
      id: this.newId('crs'),
      slug: slugify(o.title),
      summary: '',
      description: '',
      status: 'draft',
      access: 'everyone',
      productIds: [],
      modules: [],
      students: [],
      createdAt: now,
      updatedAt: now,
      ...o,
    };
    this.courses.push(course);
    return course;
  }

  addModule(course: FakeCourse, title: string): FakeModule {
    const module: FakeModule = { id: this.newId('mod'), title, lessons: [] };
    course.modules.push(module);
    return module;
  }

  addLesson(
    course: FakeCourse,
    module: FakeModule,
    o: { title: string; body?: string; status?: CourseStatus; dripDays?: number; videoUrl?: string | null },
  ): FakeLesson {
    const now = this.now();
    const body = o.body ?? '';
    const videoUrl = o.videoUrl ?? null;
    const lesson: FakeLesson = {
      id: this.newId('lsn'),
      courseId: course.id,
      moduleId: module.id,
      title: o.title,
      body,
      html: fakeMarkdown(body),
      videoUrl,
      video: videoOf(videoUrl),
      dripDays: o.dripDays ?? 0,
      status: o.status ?? 'draft',
      position: module.lessons.length,
      files: [],
      createdAt: now,
      updatedAt: now,
      bytes: new Map(),
    };
    module.lessons.push(lesson);
    return lesson;
  }

  addFile(lesson: FakeLesson, name: string, content: string | Uint8Array) {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    const extension = name.slice(name.lastIndexOf('.') + 1).toLowerCase() as keyof typeof ATTACHMENT_TYPES;
    const file = {
      id: this.newId('lfl'),
      name,
      size: bytes.length,
      type: ATTACHMENT_TYPES[extension] ?? 'application/octet-stream',
    };
    lesson.files.push(file);
    lesson.bytes.set(file.id, bytes);
    return file;
  }

  /** The course titled `title`. */
  course(title: string): FakeCourse {
    const found = this.courses.find((c) => c.title === title);
    if (!found) throw new Error(`No course ${title}`);
    return found;
  }

  /** The lesson titled `title`, in any course. */
  lesson(title: string): FakeLesson {
    for (const c of this.courses) {
      for (const m of c.modules) {
        const found = m.lessons.find((l) => l.title === title);
        if (found) return found;
      }
    }
    throw new Error(`No lesson ${title}`);
  }

  /** Adds `count` students to `course` (for paging). */
  addStudents(course: FakeCourse, count: number): void {
    for (let i = 0; i < count; i++) {
      course.students.push({
        accountId: this.newId('acct'),
        accountName: `Client ${String(i + 1).padStart(3, '0')}`,
        source: 'everyone',
        accessSince: this.now(),
        completedLessons: 0,
        lastActivityAt: null,
      });
    }
  }

  /** Lets held uploads finish. */
  releaseUploads(): void {
    this.holdUploads = false;
    for (const release of this.#held.splice(0)) release();
  }

  protected override handleMore(
    id: string,
    params: Record<string, string>,
    body: any,
    query: any,
    _me: FakeStaff | undefined,
  ): Response | undefined {
    if (id === 'adminContent.preview') return json(200, { html: fakeMarkdown(body.markdown) });
    if (id === 'adminBilling.listProducts') return json(200, { items: this.products });
    if (id === 'adminSupport.getSettings') {
      return json(200, { attachments: this.attachmentRules, autoCloseDays: null });
    }
    if (!id.startsWith('adminCourses.')) return undefined;
    const course = params.courseId ? this.courses.find((c) => c.id === params.courseId) : undefined;
    const module = course?.modules.find((m) => m.id === params.moduleId);
    const lesson = course?.modules.flatMap((m) => m.lessons).find((l) => l.id === params.lessonId);
    const action = id.slice('adminCourses.'.length);
    if (action !== 'list' && action !== 'create') {
      if (!course) return notFound('course');
      if (params.moduleId && !module) return notFound('module');
      if (params.lessonId && !lesson) return notFound('lesson');
    }
    switch (action) {
      case 'list':
        return json(200, { items: this.courses.map((c) => this.#summary(c)) });
      case 'create': {
        const slug = body.slug ?? slugify(body.title);
        if (this.#slugTaken(slug)) return slugTaken();
        const created = this.addCourse({ ...body, slug, productIds: body.productIds ?? [] });
        return json(201, this.#detail(created));
      }
      case 'get':
        return json(200, this.#detail(course!));
      case 'update': {
        if (body.slug !== undefined && this.#slugTaken(body.slug, course!.id)) return slugTaken();
        Object.assign(course!, body, { updatedAt: this.now() });
        return json(200, this.#detail(course!));
      }
      case 'remove':
        this.courses.splice(this.courses.indexOf(course!), 1);
        return new Response(null, { status: 204 });
      case 'students':
        return json(200, pageOf(course!.students, query));
      case 'addModule': {
        const added = this.addModule(course!, body.title);
        if (body.position !== undefined) move(course!.modules, added, body.position);
        return json(201, this.#detail(course!));
      }
      case 'updateModule':
        if (body.title !== undefined) module!.title = body.title;
        if (body.position !== undefined) move(course!.modules, module!, body.position);
        return json(200, this.#detail(course!));
      case 'removeModule':
        if (module!.lessons.length) return problem(409, 'CONFLICT', 'The module still has lessons.');
        course!.modules.splice(course!.modules.indexOf(module!), 1);
        return json(200, this.#detail(course!));
      case 'addLesson': {
        const into = course!.modules.find((m) => m.id === body.moduleId);
        if (!into) return notFound('module');
        const added = this.addLesson(course!, into, body);
        if (body.position !== undefined) move(into.lessons, added, body.position);
        return json(201, this.#lesson(added));
      }
      case 'lesson':
        return json(200, this.#lesson(lesson!));
      case 'updateLesson': {
        const from = course!.modules.find((m) => m.lessons.includes(lesson!))!;
        if (body.moduleId !== undefined && body.moduleId !== from.id) {
          const into = course!.modules.find((m) => m.id === body.moduleId);
          if (!into) return notFound('module');
          from.lessons.splice(from.lessons.indexOf(lesson!), 1);
          into.lessons.push(lesson!);
          lesson!.moduleId = into.id;
        }
        const { moduleId: _, position, ...rest } = body;
        Object.assign(lesson!, rest, { updatedAt: this.now() });
        if (rest.body !== undefined) lesson!.html = fakeMarkdown(rest.body);
        if (rest.videoUrl !== undefined) lesson!.video = videoOf(rest.videoUrl);
        if (position !== undefined) {
          move(course!.modules.find((m) => m.id === lesson!.moduleId)!.lessons, lesson!, position);
        }
        return json(200, this.#lesson(lesson!));
      }
      case 'removeLesson': {
        const from = course!.modules.find((m) => m.lessons.includes(lesson!))!;
        from.lessons.splice(from.lessons.indexOf(lesson!), 1);
        return new Response(null, { status: 204 });
      }
      case 'removeFile': {
        const at = lesson!.files.findIndex((f) => f.id === params.fileId);
        if (at < 0) return notFound('file');
        lesson!.files.splice(at, 1);
        return json(200, this.#lesson(lesson!));
      }
      case 'downloadFile': {
        const bytes = lesson!.bytes.get(params.fileId ?? '');
        const file = lesson!.files.find((f) => f.id === params.fileId);
        if (!bytes || !file) return notFound('file');
        return new Response(bytes.slice().buffer, { status: 200, headers: { 'content-type': file.type } });
      }
    }
    return undefined;
  }

  /** The fake's clock: a minute later at each call. */
  protected now(): string {
    return this.#seq.now();
  }

  /** A new id, unique within the fake, shaped as the contract's ids. */
  protected newId(prefix: string): string {
    return this.#seq.id(prefix);
  }

  /** Lesson file uploads arrive as raw bytes (not JSON), so they are answered here, before the JSON routing. */
  readonly #fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const match = FILES_PATH.exec(url.pathname);
    if (request.method !== 'POST' || !match) return this.fetch(request);
    const bytes = new Uint8Array(await request.arrayBuffer());
    const name = url.searchParams.get('name') ?? '';
    this.calls.push({
      method: 'POST',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: { size: bytes.length, text: new TextDecoder().decode(bytes) },
    });
    if (this.holdUploads) await new Promise<void>((resolve) => this.#held.push(resolve));
    const me = this.staff.find((s) => s.id === this.signedIn && !s.disabled);
    if (!me) return problem(401, 'UNAUTHENTICATED', 'Sign in to the staff console to continue.');
    if (me.role === 'billing') return problem(403, 'ROLE_NOT_ALLOWED', 'Your role may not do this.');
    const lesson = this.courses
      .find((c) => c.id === decodeURIComponent(match[1]!))
      ?.modules.flatMap((m) => m.lessons)
      .find((l) => l.id === decodeURIComponent(match[2]!));
    if (!lesson) return notFound('lesson');
    const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
    if (!(this.attachmentRules.types as string[]).includes(extension)) {
      return problem(415, 'ATTACHMENT_TYPE', 'Files of this type are not accepted.');
    }
    // As the server checks content: a PDF must look like one.
    if (extension === 'pdf' && new TextDecoder().decode(bytes.slice(0, 5)) !== '%PDF-') {
      return problem(415, 'ATTACHMENT_TYPE', 'The file’s content is not what its name says.');
    }
    if (bytes.length > this.attachmentRules.maxBytes) {
      return problem(413, 'ATTACHMENT_TOO_LARGE', 'The file is too large.');
    }
    this.addFile(lesson, name, bytes);
    return json(201, this.#lesson(lesson));
  };

  #slugTaken(slug: string, except?: string) {
    return this.courses.some((c) => c.id !== except && c.slug === slug);
  }

  #summary(c: FakeCourse): AdminCourseSummary {
    return {
      id: c.id,
      slug: c.slug,
      title: c.title,
      summary: c.summary,
      status: c.status,
      access: c.access,
      position: this.courses.indexOf(c),
      lessonCount: c.modules.reduce((n, m) => n + m.lessons.length, 0),
      students: c.students.length,
      products: c.productIds.map((id) => ({
        id,
        name: this.products.find((p) => p.id === id)?.name ?? id,
      })),
      updatedAt: c.updatedAt,
    };
  }

  #detail(c: FakeCourse): AdminCourse {
    return {
      ...this.#summary(c),
      description: c.description,
      descriptionHtml: fakeMarkdown(c.description),
      modules: c.modules.map((m, position) => ({
        id: m.id,
        title: m.title,
        position,
        lessons: m.lessons.map((l) => ({
          id: l.id,
          title: l.title,
          dripDays: l.dripDays,
          status: l.status,
          hasVideo: !!l.videoUrl,
          fileCount: l.files.length,
        })),
      })),
      createdAt: c.createdAt,
    };
  }

  #lesson({ bytes: _, ...lesson }: FakeLesson): AdminLesson {
    const module = this.courses.flatMap((c) => c.modules).find((m) => m.id === lesson.moduleId);
    return { ...lesson, position: module ? module.lessons.findIndex((l) => l.id === lesson.id) : 0 };
  }
}

/** Moves `item` to `position` in `list` (clamped), shifting the rest. */
function move<T>(list: T[], item: T, position: number) {
  list.splice(list.indexOf(item), 1);
  list.splice(Math.max(0, Math.min(position, list.length)), 0, item);
}

const slugTaken = () => problem(409, 'CONFLICT', 'Another course already uses this slug.');
