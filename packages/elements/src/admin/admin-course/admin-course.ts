import { initialState } from '@lit/task';
import {
  type AdminCourse,
  type AdminCourseModule,
  type AdminLesson,
  type AdminProduct,
  type AttachmentRules,
  type CourseAccess,
  type CourseStatus,
  type CourseStudent,
  type CourseUpdate,
  isPortalApiError,
  type LessonFile,
  type LessonUpdate,
  type LessonVideo,
} from '@portico/sdk/admin';
import { coursesAdminRoutes as routes, supportAdminRoutes } from '@portico/sdk/contract';
import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { refusalOf } from '../../lib/attachment-rules.js';
import { PortalErrorEvent } from '../../lib/events.js';
import { rowButton, submitButton } from '../../lib/form.js';
import { formatBytes, formatDate, formatDateTime } from '../../lib/format.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { AdminElement, adminChecks } from '../lib/admin-element.js';
import { slugify } from '../lib/content-labels.js';
import { contentStyles } from '../lib/content-styles.js';
import {
  courseHash,
  courseStatusBadge,
  courseStatusOptions,
  dripDaysOf,
  lessonOfHash,
} from '../lib/course-labels.js';
import { describeAdminError, textareaField } from '../lib/form.js';
import { type AdminMessageKey, addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import '../lib/markdown-editor.js';
import {
  checkedProducts,
  isProductValue,
  productChecks,
  productChoices,
  productValues,
} from '../lib/product-checks.js';
import { hashOf } from '../lib/routes.js';
import { saveBar } from '../lib/save-bar.js';
import { saveFile } from '../../lib/save-file.js';
import { adminStyles } from '../lib/styles.js';
import { tabList } from '../lib/tab-list.js';
import { dataTable } from '../lib/table.js';
import { UnsavedGuard } from '../lib/unsaved-guard.js';
import styles from './admin-course.styles.js';

addAdminMessages('en', en.common, en.settings, en.courses);
addAdminMessages('es', es.common, es.settings, es.courses);

/** The sections of the course page, as tabs. */
export type CourseTab = 'details' | 'outline' | 'students';
const TABS: readonly CourseTab[] = ['details', 'outline', 'students'];
const TAB_LABELS: Record<CourseTab, AdminMessageKey> = {
  details: 'crsTabDetails',
  outline: 'crsTabOutline',
  students: 'crsTabStudents',
};

const MARKDOWN_MAX = 100_000;
const SUMMARY_MAX = 500;

/** The course form's fields, as the server names them. */
const COURSE_FIELDS = ['title', 'slug', 'summary', 'description', 'status', 'access'];
const courseField = (path: string) =>
  COURSE_FIELDS.includes(path) ? path : path.startsWith('productIds') ? 'productIds' : undefined;

/** The lesson form's fields: the server's names, prefixed so they never meet the course form's. */
const LESSON_FIELDS: Record<string, string> = {
  title: 'lessonTitle',
  moduleId: 'lessonModuleId',
  body: 'lessonBody',
  videoUrl: 'lessonVideoUrl',
  dripDays: 'lessonDripDays',
  status: 'lessonStatus',
};
const lessonField = (path: string) => LESSON_FIELDS[path];

const VIDEO_KINDS: Record<LessonVideo['kind'], AdminMessageKey> = {
  youtube: 'crsKindYoutube',
  vimeo: 'crsKindVimeo',
  file: 'crsKindFile',
  link: 'crsKindLink',
};

const SOURCES: Record<CourseStudent['source'], AdminMessageKey> = {
  everyone: 'crsSourceEveryone',
  purchase: 'crsSourcePurchase',
  invitation: 'crsSourceInvitation',
};

/** A file picked for the lesson, through its upload. */
interface Upload {
  key: number;
  name: string;
  size: number;
  state: 'uploading' | 'done' | 'failed';
  /** Why it was not uploaded. */
  reason?: string;
}

/** The course form's values for `c`. */
function courseValues(c: AdminCourse): Record<string, string> {
  return {
    title: c.title,
    slug: c.slug,
    summary: c.summary,
    description: c.description,
    status: c.status,
    access: c.access,
    ...productValues(c.products),
  };
}

/** The lesson form's values for `l`. */
function lessonValues(l: AdminLesson): Record<string, string> {
  return {
    lessonTitle: l.title,
    lessonModuleId: l.moduleId,
    lessonBody: l.body,
    lessonVideoUrl: l.videoUrl ?? '',
    lessonDripDays: String(l.dripDays),
    lessonStatus: l.status,
  };
}

const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * One membership course (`#/courses/<id>`), in three tabs. **Details**: title, slug, summary, description
 * (Markdown with the server's preview), status (draft or published), access (everyone who may use the courses
 * app, or only accounts granted it) and the products whose active services grant it; a save bar counts the
 * unsaved changes, and leaving the browser page with some asks first. **Outline**: the modules in order (add,
 * rename, move up or down, delete an empty one) and each module's lessons (add, move, open). **Students**: the
 * accounts taking the course, paged, with where their access comes from, since when, and how many lessons they
 * completed.
 *
 * A lesson opens in the same page at `#/courses/<id>?lesson=<lessonId>` (a link that can be shared): title,
 * module, Markdown text, video URL (a YouTube or Vimeo page is embedded, a video file plays, any other page is a
 * link; the page shows what the server made of it), drip days ("opens N days after access"), status, and its
 * files: uploaded one by one within the support attachment rules (each with its state), downloaded, removed after
 * confirming. "Delete course" asks first, then goes back to the list.
 *
 * @summary Course editor: details, outline of modules and lessons, lesson editor with files, students.
 *
 * @attr course-id - The course's id.
 * @attr page-size - How many students each request asks for (default 25).
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 *
 * @csspart heading - The page heading (the course's title).
 * @csspart tabs - The Details / Outline / Students tab list.
 * @csspart tab - One of those tabs.
 * @csspart form - The course form, and the lesson form.
 * @csspart field - A label, input, hint and error.
 * @csspart save - The course form's save bar.
 * @csspart outline - The list of modules.
 * @csspart module - One module with its lessons.
 * @csspart lesson - One lesson in the outline.
 * @csspart lesson-editor - The lesson view.
 * @csspart video-kind - What the server made of the lesson's video URL.
 * @csspart files - The lesson's files.
 * @csspart uploads - The files being uploaded (or refused).
 * @csspart table - The students table.
 * @csspart delete - The "Delete course" and "Delete lesson" buttons.
 * @csspart badge - A status.
 * @csspart empty - Shown when a list is empty.
 * @csspart dialog - The confirmation dialog.
 * @csspart loading - Shown while something loads.
 * @csspart load-error - Shown when the course or lesson could not be loaded.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-course')
export class PortalAdminCourse extends AdminElement {
  static override styles = [hostStyles, formStyles, adminStyles, contentStyles, styles];

  /** Saves a downloaded lesson file (a link with `download`); tests replace it. */
  static saveFile: (blob: Blob, name: string) => void = (blob, name) => saveFile(document.body, blob, name);

  /** The course's id. */
  @property({ attribute: 'course-id' }) courseId = '';

  /** How many students each request asks for. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 25;

  @state() private course?: AdminCourse;
  @state() private tab: CourseTab = 'details';
  /** The lesson the hash opens (`?lesson=`); empty for the tabs. */
  @state() private lessonId = '';
  @state() private lesson?: AdminLesson;
  /** The module being renamed. */
  @state() private renaming = '';
  @state() private uploads: Upload[] = [];

  #uploadKeys = 0;
  /** Whether the lesson heading takes focus once the lesson loads (it was opened from this page). */
  #focusLesson = false;

  readonly #guard = new UnsavedGuard(this, () => this.#courseDirty() || this.#lessonDirty());

  readonly #load = this.loadTask(
    'adminCourse',
    () => [this.courseId],
    (admin, [id]) => admin.courses.get(id),
    (course) => this.#showCourse(course, true),
  );

  readonly #products = this.loadTask(
    'adminProducts',
    () => [],
    (admin): Promise<AdminProduct[]> => admin.products.list(),
  );

  /** The attachment rules lesson files follow, when the role may read them (else the server alone decides). */
  readonly #rules = this.loadTask(
    'adminSupportSettings',
    () => [],
    async (admin): Promise<AttachmentRules | typeof initialState> =>
      this.can(supportAdminRoutes.getSettings) ? (await admin.support.settings()).attachments : initialState,
  );

  readonly #lessonLoad = this.loadTask(
    'adminCourseLesson',
    () => [this.courseId, this.lessonId],
    (admin, [courseId, lessonId]) =>
      lessonId ? admin.courses.lesson(courseId, lessonId) : Promise.resolve(initialState),
    (lesson) => this.#showLesson(lesson, true),
  );

  readonly #students = this.pagedList({
    action: 'adminCourseStudents',
    args: () => [this.courseId, this.tab === 'students' && !this.lessonId, this.pageSize],
    // Asked for only while the tab shows, so opening the course costs one request.
    fetch: (admin, [courseId, shown, limit], page) =>
      shown
        ? admin.courses.students(courseId, { limit, ...page })
        : Promise.resolve({ items: [], nextCursor: null }),
    focus: 'a',
  });

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.#onHashChange);
    this.#onHashChange();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.#onHashChange);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('courseId') && changed.get('courseId') !== undefined) {
      this.course = undefined;
      this.values = {};
      this.tab = 'details';
      this.#onHashChange();
    }
    if ((changed as PropertyValues).has('lessonId')) {
      this.lesson = undefined;
      this.uploads = [];
      const lessonFields = Object.values(LESSON_FIELDS);
      this.values = Object.fromEntries(
        Object.entries(this.values).filter(([name]) => !lessonFields.includes(name)),
      );
    }
  }

  protected override render() {
    const c = this.course;
    return html`<div class="page" lang=${this.textLang}>
      <p class="back"><a href="#/courses">${this.t('crsBack')}</a></p>
      <div class="title">
        <h1 part="heading" tabindex="-1">${c?.title ?? this.t('crsCourse')}</h1>
        ${c ? courseStatusBadge(this.t, c.status) : nothing}
      </div>
      ${this.renderMessages()}
      ${this.renderTask(this.#load, c, (course) => (this.lessonId ? this.#renderLesson(course) : this.#renderTabs(course)))}
      ${this.renderConfirm()}
    </div>`;
  }

  #renderTabs(c: AdminCourse) {
    return html`${tabList({
      tabs: TABS,
      selected: this.tab,
      label: this.t('crsTabs'),
      text: (tab) => this.t(TAB_LABELS[tab]),
      onPick: (tab) => {
        this.tab = tab;
      },
      focus: (selector) => void this.focusPart(selector),
    })}
      <div class="page" id=${`panel-${this.tab}`} role="tabpanel" aria-labelledby=${`tab-${this.tab}`}>
        ${
          this.tab === 'details'
            ? this.#renderDetails(c)
            : this.tab === 'outline'
              ? this.#renderOutline(c)
              : this.#renderStudents(c)
        }
      </div>`;
  }

  // --- Details ---

  #renderDetails(c: AdminCourse) {
    const changes = Object.keys(this.#courseChanges(this.#readCourse().input)).length;
    return html`<form part="form" class="page" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#saveCourse}>
        <section class="card" aria-labelledby="details-title">
          <h2 id="details-title">${this.t('crsDetails')}</h2>
          ${this.textInput('title', this.t('crsFieldTitle'), { required: true, maxlength: 200 })}
          <div class="grid-2">
            ${this.textInput('slug', this.t('crsSlug'), { maxlength: 80, hint: this.t('crsSlugEditHint') })}
            ${this.selectInput('status', this.t('status'), courseStatusOptions(this.t), { hint: this.t('crsStatusHint') })}
          </div>
          ${textareaField({
            name: 'summary',
            label: this.t('crsSummary'),
            hint: this.t('crsSummaryHint'),
            value: this.values.summary,
            error: this.fieldErrors.summary,
            rows: 2,
            spellcheck: true,
            onInput: this.onInput,
          })}
          ${this.markdownInput('description', this.t('crsDescription'), { maxlength: MARKDOWN_MAX, required: false })}
        </section>
        <section class="card" aria-labelledby="access-title">
          <h2 id="access-title">${this.t('crsAccess')}</h2>
          ${this.selectInput(
            'access',
            this.t('crsAccess'),
            [
              { value: 'everyone', label: this.t('crsAccessEveryoneLong') },
              { value: 'granted', label: this.t('crsAccessGrantedLong') },
            ],
            { hint: this.t('crsAccessHint') },
          )}
          ${this.#renderProducts(c)}
        </section>
        ${saveBar(this.t, { changes, busy: this.busy, onDiscard: this.#discardCourse })}
      </form>
      ${
        this.can(routes.remove)
          ? html`<div class="danger-zone">
              <button part="button delete" class="secondary danger" type="button" ?disabled=${this.busy} @click=${this.#removeCourse}>
                ${this.t('crsDelete')}
              </button>
            </div>`
          : nothing
      }`;
  }

  #renderProducts(c: AdminCourse) {
    const task = this.#products;
    return productChecks({
      legend: this.t('crsProducts'),
      hint: this.t('crsProductsHint'),
      none: this.t('crsNoProducts'),
      products: productChoices(task.value, c.products),
      pending: () =>
        task.error !== undefined
          ? this.renderLoadError(task.error, () => void task.run())
          : task.value === undefined
            ? this.renderLoading()
            : undefined,
      values: this.values,
      error: this.fieldErrors.productIds,
      onChange: this.onInput,
    });
  }

  /** What the course form holds, checked. */
  #readCourse(): { input: CourseUpdate; errors: Record<string, string> } {
    const v = (name: string) => (this.values[name] ?? '').trim();
    const errors: Record<string, string> = {};
    if (!v('title')) errors.title = this.t('errorRequired');
    const slug = v('slug').toLowerCase();
    if (slug && slugify(slug) !== slug) errors.slug = this.t('crsErrorSlug');
    const max = (n: number) => this.t('crsErrorTooLong', { max: n.toLocaleString(this.resolvedLocale) });
    if (v('summary').length > SUMMARY_MAX) errors.summary = max(SUMMARY_MAX);
    const description = this.values.description ?? '';
    if (description.trim().length > MARKDOWN_MAX) errors.description = max(MARKDOWN_MAX);
    const productIds = checkedProducts(this.values);
    const input: CourseUpdate = {
      title: v('title'),
      ...(slug ? { slug } : {}),
      summary: v('summary'),
      description,
      status: (v('status') || 'draft') as CourseStatus,
      access: (v('access') || 'everyone') as CourseAccess,
      productIds,
    };
    return { input, errors };
  }

  /** What differs from the saved course. */
  #courseChanges(input: CourseUpdate): CourseUpdate {
    const c = this.course;
    if (!c) return {};
    const changes: CourseUpdate = {};
    if (input.title !== c.title) changes.title = input.title;
    if (input.slug !== undefined && input.slug !== c.slug) changes.slug = input.slug;
    if (input.summary !== c.summary) changes.summary = input.summary;
    if ((input.description ?? '').trim() !== c.description.trim()) changes.description = input.description;
    if (input.status !== c.status) changes.status = input.status;
    if (input.access !== c.access) changes.access = input.access;
    const ids = input.productIds ?? [];
    if (
      !sameIds(
        ids,
        c.products.map((p) => p.id),
      )
    )
      changes.productIds = ids;
    return changes;
  }

  #courseDirty(): boolean {
    return !!this.course && Object.keys(this.#courseChanges(this.#readCourse().input)).length > 0;
  }

  #saveCourse = async (event: SubmitEvent) => {
    event.preventDefault();
    const c = this.course;
    if (!c) return;
    const { input, errors } = this.#readCourse();
    if (!this.showFieldErrors(errors)) return;
    const changes = this.#courseChanges(input);
    if (!Object.keys(changes).length) {
      this.notice = this.t('nothingChanged');
      return;
    }
    const saved = await this.attemptResult('adminUpdateCourse', courseField, (admin) =>
      admin.courses.update(c.id, changes),
    );
    if (!saved) {
      this.showConflictBeside('slug', this.t('crsSlugTaken'));
      return;
    }
    this.#showCourse(saved, true);
    this.notice = this.t('crsSaved', { title: saved.title });
  };

  #discardCourse = () => {
    if (!this.course) return;
    this.#showCourse(this.course, true);
    this.fieldErrors = {};
    this.notice = this.t('changesDiscarded');
  };

  #removeCourse = async () => {
    const c = this.course;
    if (!c) return;
    const ok = await this.confirmAction({
      title: this.t('crsDeleteTitle', { title: c.title }),
      body: this.t('crsDeleteBody'),
      confirm: this.t('crsDeleteConfirm'),
      danger: true,
    });
    if (!ok) return;
    const done = await this.attempt('adminDeleteCourse', [], (admin) => admin.courses.remove(c.id));
    if (!done) return;
    this.#guard.release();
    location.hash = '#/courses';
  };

  // --- Outline ---

  #renderOutline(c: AdminCourse) {
    const canWrite = this.can(routes.addModule);
    return html`<section class="card" aria-labelledby="outline-title">
      <h2 id="outline-title" tabindex="-1">${this.t('crsTabOutline')}</h2>
      <p class="muted">${this.t('crsOutlineIntro')}</p>
      ${
        c.modules.length
          ? html`<ol part="outline" class="modules">
              ${c.modules.map((m, i) => this.#renderModule(c, m, i, canWrite))}
            </ol>`
          : html`<p part="empty" class="empty">${this.t('crsNoModules')}</p>`
      }
      ${
        canWrite
          ? html`<form class="inline-form" novalidate aria-label=${this.t('crsAddModule')} @submit=${this.#addModule}>
              ${this.textInput('newModule', this.t('crsModuleTitle'), { maxlength: 200 })}
              ${submitButton(this.t('crsAddModule'), this.busy)}
            </form>`
          : nothing
      }
    </section>`;
  }

  #renderModule(c: AdminCourse, m: AdminCourseModule, index: number, canWrite: boolean) {
    const last = c.modules.length - 1;
    const field = `newLesson.${m.id}`;
    return html`<li part="module" class="module">
      <div class="module-head">
        ${
          this.renaming === m.id
            ? html`<form class="inline-form" novalidate aria-label=${this.t('crsRenameName', { name: m.title })} @submit=${(e: SubmitEvent) => this.#rename(e, m)}>
                ${this.textInput(`module.${m.id}`, this.t('crsModuleTitle'), { required: true, maxlength: 200 })}
                ${submitButton(this.t('crsSave'), this.busy)}
                <button class="secondary" type="button" @click=${() => this.#stopRenaming(m)}>${this.t('cancel')}</button>
              </form>`
            : html`<h3 id=${`module-${m.id}`} tabindex="-1">${m.title}</h3>`
        }
        ${
          canWrite && this.renaming !== m.id
            ? html`<div class="row-actions">
                ${rowButton({
                  part: 'rename',
                  text: this.t('crsRename'),
                  ariaLabel: this.t('crsRenameName', { name: m.title }),
                  disabled: this.busy,
                  onClick: () => this.#startRenaming(m),
                })}
                ${rowButton({
                  part: 'up',
                  text: this.t('crsMoveUp'),
                  ariaLabel: this.t('crsMoveUpName', { name: m.title }),
                  disabled: this.busy || index === 0,
                  onClick: () => void this.#moveModule(c, m, index - 1),
                })}
                ${rowButton({
                  part: 'down',
                  text: this.t('crsMoveDown'),
                  ariaLabel: this.t('crsMoveDownName', { name: m.title }),
                  disabled: this.busy || index === last,
                  onClick: () => void this.#moveModule(c, m, index + 1),
                })}
                ${rowButton({
                  part: 'remove',
                  text: this.t('crsDeleteConfirm'),
                  ariaLabel: this.t('crsDeleteName', { name: m.title }),
                  danger: true,
                  disabled: this.busy,
                  onClick: () => void this.#removeModule(c, m),
                })}
              </div>`
            : nothing
        }
      </div>
      ${
        m.lessons.length
          ? html`<ol class="lessons" aria-label=${this.t('crsModuleLessons', { name: m.title })}>
              ${m.lessons.map(
                (l, i) => html`<li part="lesson" class="lesson">
                  <a id=${`lesson-${l.id}`} href=${courseHash(c.id, l.id)} aria-label=${this.t('crsOpenName', { name: l.title })}>${l.title}</a>
                  ${courseStatusBadge(this.t, l.status)}
                  ${l.dripDays ? html`<span class="muted">${this.t('crsDripAfter', { days: l.dripDays })}</span>` : nothing}
                  ${l.hasVideo ? html`<span class="muted">${this.t('crsVideo')}</span>` : nothing}
                  ${l.fileCount ? html`<span class="muted">${this.t('crsFileCount', { count: l.fileCount })}</span>` : nothing}
                  ${
                    canWrite
                      ? html`<span class="row-actions">
                          ${rowButton({
                            part: 'up',
                            text: this.t('crsMoveUp'),
                            ariaLabel: this.t('crsMoveUpName', { name: l.title }),
                            disabled: this.busy || i === 0,
                            onClick: () => void this.#moveLesson(c, l.id, l.title, i - 1),
                          })}
                          ${rowButton({
                            part: 'down',
                            text: this.t('crsMoveDown'),
                            ariaLabel: this.t('crsMoveDownName', { name: l.title }),
                            disabled: this.busy || i === m.lessons.length - 1,
                            onClick: () => void this.#moveLesson(c, l.id, l.title, i + 1),
                          })}
                        </span>`
                      : nothing
                  }
                </li>`,
              )}
            </ol>`
          : html`<p class="muted">${this.t('crsNoLessons')}</p>`
      }
      ${
        canWrite
          ? html`<form class="inline-form" novalidate aria-label=${this.t('crsAddLessonTo', { name: m.title })} @submit=${(e: SubmitEvent) => this.#addLesson(e, c, m)}>
              ${this.textInput(field, this.t('crsAddLessonTo', { name: m.title }), { maxlength: 200 })}
              ${submitButton(this.t('crsAddLesson'), this.busy)}
            </form>`
          : nothing
      }
    </li>`;
  }

  #addModule = async (event: SubmitEvent) => {
    event.preventDefault();
    const c = this.course;
    const title = (this.values.newModule ?? '').trim();
    if (!c) return;
    if (!title) {
      this.showFieldErrors({ newModule: this.t('errorRequired') });
      return;
    }
    const saved = await this.attemptResult(
      'adminAddCourseModule',
      (p) => (p === 'title' ? 'newModule' : undefined),
      (admin) => admin.courses.addModule(c.id, { title }),
    );
    if (!saved) return;
    this.#showCourse(saved, false);
    this.values = { ...this.values, newModule: '' };
    this.notice = this.t('crsModuleAdded', { title });
    void this.focusField('newModule');
  };

  #startRenaming(m: AdminCourseModule) {
    this.renaming = m.id;
    this.values = { ...this.values, [`module.${m.id}`]: m.title };
    void this.focusField(`module.${m.id}`);
  }

  #stopRenaming(m: AdminCourseModule) {
    this.renaming = '';
    this.clearError(`module.${m.id}`);
    void this.focusPart(`#module-${m.id}`);
  }

  async #rename(event: SubmitEvent, m: AdminCourseModule) {
    event.preventDefault();
    const c = this.course;
    const name = `module.${m.id}`;
    const title = (this.values[name] ?? '').trim();
    if (!c) return;
    if (!title) {
      this.showFieldErrors({ [name]: this.t('errorRequired') });
      return;
    }
    if (title === m.title) {
      this.#stopRenaming(m);
      return;
    }
    const saved = await this.attemptResult(
      'adminUpdateCourseModule',
      (p) => (p === 'title' ? name : undefined),
      (admin) => admin.courses.updateModule(c.id, m.id, { title }),
    );
    if (!saved) return;
    this.#showCourse(saved, false);
    this.renaming = '';
    this.notice = this.t('crsModuleRenamed', { title });
    void this.focusPart(`#module-${m.id}`);
  }

  /** Moves a module to `position` (its place in the outline, from 0). */
  async #moveModule(c: AdminCourse, m: AdminCourseModule, position: number) {
    const saved = await this.attemptResult('adminMoveCourseModule', [], (admin) =>
      admin.courses.updateModule(c.id, m.id, { position }),
    );
    if (!saved) return;
    this.#showCourse(saved, false);
    this.notice = this.t('crsMoved', { name: m.title });
    void this.focusPart(`#module-${m.id}`);
  }

  async #removeModule(c: AdminCourse, m: AdminCourseModule) {
    const ok = await this.confirmAction({
      title: this.t('crsDeleteModuleTitle', { title: m.title }),
      body: this.t('crsDeleteModuleBody'),
      confirm: this.t('crsDeleteConfirm'),
      danger: true,
    });
    if (!ok) return;
    const saved = await this.attemptResult('adminDeleteCourseModule', [], (admin) =>
      admin.courses.removeModule(c.id, m.id),
    );
    if (!saved) {
      if (this.failedWith(409)) {
        this.alertMessage = this.t('crsModuleHasLessons', { title: m.title, count: m.lessons.length });
      }
      return;
    }
    this.#showCourse(saved, false);
    this.notice = this.t('crsModuleDeleted', { title: m.title });
    void this.focusPart('#outline-title');
  }

  async #addLesson(event: SubmitEvent, c: AdminCourse, m: AdminCourseModule) {
    event.preventDefault();
    const name = `newLesson.${m.id}`;
    const title = (this.values[name] ?? '').trim();
    if (!title) {
      this.showFieldErrors({ [name]: this.t('errorRequired') });
      return;
    }
    const lesson = await this.attemptResult(
      'adminAddLesson',
      (p) => (p === 'title' ? name : undefined),
      (admin) => admin.courses.addLesson(c.id, { moduleId: m.id, title }),
    );
    if (!lesson) return;
    this.values = { ...this.values, [name]: '' };
    await this.#refreshCourse();
    this.notice = this.t('crsLessonAdded', { title: lesson.title });
    void this.focusPart(`#lesson-${lesson.id}`);
  }

  /** Moves a lesson to `position` (its place in its module, from 0). */
  async #moveLesson(c: AdminCourse, lessonId: string, title: string, position: number) {
    const done = await this.attempt('adminMoveLesson', [], (admin) =>
      admin.courses.updateLesson(c.id, lessonId, { position }),
    );
    if (!done) return;
    await this.#refreshCourse();
    this.notice = this.t('crsMoved', { name: title });
    void this.focusPart(`#lesson-${lessonId}`);
  }

  // --- Students ---

  #renderStudents(c: AdminCourse) {
    return html`<section class="card" aria-labelledby="students-title">
      <h2 id="students-title">${this.t('crsTabStudents')}</h2>
      <p class="muted">${this.t('crsStudentsIntro')}</p>
      ${this.renderTask(this.#students.task, this.#students.items, (items) => {
        if (!items.length) return html`<p part="empty" class="empty">${this.t('crsNoStudents')}</p>`;
        const lang = this.resolvedLocale;
        return html`${dataTable({
          label: this.t('crsStudentsTable'),
          caption: this.t('crsStudentsTable'),
          busy: this.#students.pending,
          columns: [
            this.t('crsStudentAccount'),
            this.t('crsSource'),
            this.t('crsSince'),
            { label: this.t('crsCompleted'), numeric: true },
            this.t('crsLastActivity'),
          ],
          rows: items.map(
            (s) => html`<tr>
              <td><a href=${hashOf('client', s.accountId)}>${s.accountName}</a></td>
              <td>${this.t(SOURCES[s.source])}</td>
              <td>${formatDate(lang, s.accessSince)}</td>
              <td class="num">${this.t('crsCompletedOf', { done: s.completedLessons, all: c.lessonCount })}</td>
              <td>${s.lastActivityAt ? formatDateTime(lang, s.lastActivityAt) : html`<span class="muted">${this.t('crsNever')}</span>`}</td>
            </tr>`,
          ),
        })}
        ${this.renderMore(this.#students)}`;
      })}
    </section>`;
  }

  // --- Lesson ---

  #renderLesson(c: AdminCourse) {
    return html`<section part="lesson-editor" class="page" aria-labelledby="lesson-heading">
      <p class="back"><a href=${courseHash(c.id)} @click=${this.#backToOutline}>${this.t('crsBackToOutline')}</a></p>
      ${this.renderTask(this.#lessonLoad, this.lesson, (l) => this.#renderLessonForm(c, l))}
    </section>`;
  }

  #renderLessonForm(c: AdminCourse, l: AdminLesson) {
    const canWrite = this.can(routes.updateLesson);
    const drip = dripDaysOf(this.values.lessonDripDays);
    const url = (this.values.lessonVideoUrl ?? '').trim();
    // What the server made of the URL, while the field still holds the one it saw.
    const video = l.video && url === (l.videoUrl ?? '') ? l.video : null;
    return html`<form part="form" class="card" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#saveLesson}>
        <div class="title">
          <h2 id="lesson-heading" tabindex="-1">${l.title}</h2>
          ${courseStatusBadge(this.t, l.status)}
        </div>
        <fieldset class="page" ?disabled=${!canWrite}>
          <legend class="sr-only">${this.t('crsLesson')}</legend>
          ${this.textInput('lessonTitle', this.t('crsLessonTitle'), { required: true, maxlength: 200 })}
          <div class="grid-2">
            ${this.selectInput(
              'lessonModuleId',
              this.t('crsLessonModule'),
              c.modules.map((m) => ({ value: m.id, label: m.title })),
            )}
            ${this.selectInput('lessonStatus', this.t('status'), courseStatusOptions(this.t), {
              hint: this.t('crsLessonStatusHint'),
            })}
            ${this.textInput('lessonDripDays', this.t('crsDripDays'), {
              inputmode: 'numeric',
              maxlength: 4,
              hint: `${this.t('crsDripHint')} ${
                drip === undefined
                  ? ''
                  : drip === 0
                    ? this.t('crsDripAtOnce')
                    : this.t('crsDripSays', { days: drip })
              }`.trim(),
            })}
            ${this.textInput('lessonVideoUrl', this.t('crsVideoUrl'), {
              type: 'url',
              inputmode: 'url',
              maxlength: 2000,
              hint: this.t('crsVideoHint'),
            })}
          </div>
          ${
            video
              ? html`<p part="video-kind" class="muted">
                  ${this.t('crsVideoKind', { kind: this.t(VIDEO_KINDS[video.kind]) })}
                </p>`
              : nothing
          }
        </fieldset>
        ${this.markdownInput('lessonBody', this.t('crsLessonBody'), {
          maxlength: MARKDOWN_MAX,
          required: false,
          readonly: !canWrite,
        })}
        ${
          canWrite
            ? html`<div class="actions">
                ${submitButton(this.t('crsSaveLesson'), this.busy)}
                ${
                  this.can(routes.removeLesson)
                    ? html`<button part="button delete" class="secondary danger" type="button" ?disabled=${this.busy} @click=${this.#removeLesson}>
                        ${this.t('crsDeleteLesson')}
                      </button>`
                    : nothing
                }
              </div>`
            : nothing
        }
      </form>
      ${this.#renderFiles(c, l, canWrite)}`;
  }

  #renderFiles(c: AdminCourse, l: AdminLesson, canWrite: boolean) {
    const lang = this.resolvedLocale;
    const rules = this.#rules.value;
    const hint = rules
      ? this.t('crsAttachHint', { size: formatBytes(lang, rules.maxBytes), types: rules.types.join(', ') })
      : undefined;
    return html`<section class="card" aria-labelledby="files-title">
      <h2 id="files-title" tabindex="-1">${this.t('crsFiles')}</h2>
      ${
        l.files.length
          ? html`<ul part="files" class="files">
              ${l.files.map(
                (f) => html`<li>
                  <button class="link" type="button" aria-label=${this.t('crsDownloadName', { name: f.name })} @click=${() => this.#download(c, l, f)}>
                    ${f.name}
                  </button>
                  <span class="muted">${formatBytes(lang, f.size)}</span>
                  ${
                    canWrite
                      ? rowButton({
                          part: 'remove-file',
                          text: this.t('remove'),
                          ariaLabel: this.t('crsRemoveFileName', { name: f.name }),
                          danger: true,
                          disabled: this.busy,
                          onClick: () => void this.#removeFile(c, l, f),
                        })
                      : nothing
                  }
                </li>`,
              )}
            </ul>`
          : html`<p part="empty" class="empty">${this.t('crsNoFiles')}</p>`
      }
      ${
        canWrite
          ? html`<div part="field" class="field">
              <label for="files">${this.t('crsAttach')}</label>
              <input
                id="files"
                name="files"
                type="file"
                multiple
                accept=${rules ? rules.types.map((type) => `.${type}`).join(',') : nothing}
                aria-describedby=${hint ? 'files-hint' : nothing}
                @change=${this.#pick}
              />
              ${hint ? html`<p class="hint" id="files-hint">${hint}</p>` : nothing}
            </div>`
          : nothing
      }
      ${
        this.uploads.length
          ? html`<ul part="uploads" class="uploads" aria-label=${this.t('crsUploads')}>
              ${this.uploads.map(
                (u) => html`<li class=${u.state}>
                  <span class="file-name">${u.name}</span>
                  <span class="muted">${formatBytes(lang, u.size)}</span>
                  <span class="file-state" role="status">
                    ${
                      u.state === 'uploading'
                        ? html`<span class="spinner" aria-hidden="true"></span>${this.t('crsUploading')}`
                        : u.state === 'done'
                          ? this.t('crsUploaded')
                          : this.t('crsUploadFailed', { reason: u.reason ?? '' })
                    }
                  </span>
                  ${
                    u.state === 'uploading'
                      ? nothing
                      : rowButton({
                          text: this.t('crsDismiss'),
                          ariaLabel: this.t('crsDismissName', { name: u.name }),
                          disabled: false,
                          onClick: () => this.#dismiss(u.key),
                        })
                  }
                </li>`,
              )}
            </ul>`
          : nothing
      }
    </section>`;
  }

  /** What the lesson form holds, checked. */
  #readLesson(): { input: LessonUpdate; errors: Record<string, string> } {
    const v = (name: string) => (this.values[name] ?? '').trim();
    const errors: Record<string, string> = {};
    if (!v('lessonTitle')) errors.lessonTitle = this.t('errorRequired');
    const dripDays = dripDaysOf(v('lessonDripDays'));
    if (dripDays === undefined) errors.lessonDripDays = this.t('crsErrorDrip');
    const videoUrl = v('lessonVideoUrl');
    const urlError = adminChecks.optionalUrl(videoUrl);
    if (urlError) errors.lessonVideoUrl = this.t(urlError);
    const body = this.values.lessonBody ?? '';
    if (body.trim().length > MARKDOWN_MAX) {
      errors.lessonBody = this.t('crsErrorTooLong', {
        max: MARKDOWN_MAX.toLocaleString(this.resolvedLocale),
      });
    }
    const input: LessonUpdate = {
      title: v('lessonTitle'),
      moduleId: v('lessonModuleId'),
      body,
      videoUrl: videoUrl || null,
      dripDays: dripDays ?? 0,
      status: (v('lessonStatus') || 'draft') as CourseStatus,
    };
    return { input, errors };
  }

  #lessonChanges(input: LessonUpdate): LessonUpdate {
    const l = this.lesson;
    if (!l) return {};
    const changes: LessonUpdate = {};
    if (input.title !== l.title) changes.title = input.title;
    if (input.moduleId !== l.moduleId) changes.moduleId = input.moduleId;
    if ((input.body ?? '').trim() !== l.body.trim()) changes.body = input.body;
    if ((input.videoUrl ?? null) !== l.videoUrl) changes.videoUrl = input.videoUrl ?? null;
    if (input.dripDays !== l.dripDays) changes.dripDays = input.dripDays;
    if (input.status !== l.status) changes.status = input.status;
    return changes;
  }

  #lessonDirty(): boolean {
    if (!this.lesson || !this.can(routes.updateLesson)) return false;
    const { input, errors } = this.#readLesson();
    return Object.keys(errors).length > 0 || Object.keys(this.#lessonChanges(input)).length > 0;
  }

  #saveLesson = async (event: SubmitEvent) => {
    event.preventDefault();
    const c = this.course;
    const l = this.lesson;
    if (!c || !l) return;
    const { input, errors } = this.#readLesson();
    if (!this.showFieldErrors(errors)) return;
    const changes = this.#lessonChanges(input);
    if (!Object.keys(changes).length) {
      this.notice = this.t('nothingChanged');
      return;
    }
    const saved = await this.attemptResult('adminUpdateLesson', lessonField, (admin) =>
      admin.courses.updateLesson(c.id, l.id, changes),
    );
    if (!saved || saved.id !== this.lessonId) return;
    this.#showLesson(saved, false);
    this.notice = this.t('crsLessonSaved', { title: saved.title });
    await this.#refreshCourse();
  };

  #removeLesson = async () => {
    const c = this.course;
    const l = this.lesson;
    if (!c || !l) return;
    const ok = await this.confirmAction({
      title: this.t('crsDeleteLessonTitle', { title: l.title }),
      body: this.t('crsDeleteLessonBody'),
      confirm: this.t('crsDeleteConfirm'),
      danger: true,
    });
    if (!ok) return;
    const done = await this.attempt('adminDeleteLesson', [], (admin) =>
      admin.courses.removeLesson(c.id, l.id),
    );
    if (!done) return;
    // Nothing of the lesson is left to lose: let the view go without asking.
    this.values = { ...this.values, ...lessonValues(l) };
    await this.#refreshCourse();
    location.hash = courseHash(c.id);
    void this.#followHash(true);
    this.notice = this.t('crsLessonDeleted', { title: l.title });
    void this.focusPart('#outline-title');
  };

  #backToOutline = async (event: MouseEvent) => {
    if (!this.#lessonDirty()) return;
    event.preventDefault();
    const ok = await this.confirmAction({
      title: this.t('crsLeaveLessonTitle'),
      body: this.t('crsLeaveLessonBody'),
      confirm: this.t('crsLeave'),
      danger: true,
    });
    if (!ok || !this.course) return;
    location.hash = courseHash(this.course.id);
    void this.#followHash(true);
  };

  #pick = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const picked = [...(input.files ?? [])];
    input.value = '';
    const c = this.course;
    const l = this.lesson;
    if (!c || !l) return;
    const rules = this.#rules.value;
    const lang = this.resolvedLocale;
    const added: Upload[] = [];
    for (const file of picked) {
      const entry: Upload = { key: ++this.#uploadKeys, name: file.name, size: file.size, state: 'uploading' };
      const refusal = rules ? refusalOf(file, rules) : undefined;
      if (refusal) {
        const reason =
          refusal === 'type'
            ? this.t('crsFileType')
            : this.t('crsFileTooLarge', { size: formatBytes(lang, rules!.maxBytes) });
        added.push({ ...entry, state: 'failed', reason });
      } else {
        added.push(entry);
        void this.#upload(c.id, l.id, entry.key, file);
      }
    }
    // Finished uploads have said their piece; failed ones stay until dismissed.
    this.uploads = [...this.uploads.filter((u) => u.state !== 'done'), ...added];
  };

  async #upload(courseId: string, lessonId: string, key: number, file: File) {
    const admin = this.admin;
    if (!admin) return;
    const update = (change: Partial<Upload>) => {
      this.uploads = this.uploads.map((u) => (u.key === key ? { ...u, ...change } : u));
    };
    try {
      const lesson = await admin.courses.uploadFile(courseId, lessonId, file, file.name);
      if (this.lesson?.id === lesson.id) this.lesson = { ...this.lesson, files: lesson.files };
      update({ state: 'done' });
    } catch (error) {
      const code = isPortalApiError(error) ? error.code : '';
      const rules = this.#rules.value;
      const reason =
        code === 'ATTACHMENT_TYPE'
          ? this.t('crsFileType')
          : code === 'ATTACHMENT_TOO_LARGE' && rules
            ? this.t('crsFileTooLarge', { size: formatBytes(this.resolvedLocale, rules.maxBytes) })
            : describeAdminError(error, [], this.t).alert;
      update({ state: 'failed', reason });
      this.emit(new PortalErrorEvent({ action: 'adminUploadLessonFile', error }));
    }
  }

  #dismiss(key: number) {
    this.uploads = this.uploads.filter((u) => u.key !== key);
    void this.focusField('files');
  }

  async #removeFile(c: AdminCourse, l: AdminLesson, f: LessonFile) {
    const ok = await this.confirmAction({
      title: this.t('crsRemoveFileTitle', { name: f.name }),
      body: this.t('crsRemoveFileBody'),
      confirm: this.t('remove'),
      danger: true,
    });
    if (!ok) return;
    const saved = await this.attemptResult('adminRemoveLessonFile', [], (admin) =>
      admin.courses.removeFile(c.id, l.id, f.id),
    );
    if (!saved || !this.lesson || saved.id !== this.lesson.id) return;
    this.lesson = { ...this.lesson, files: saved.files };
    this.notice = this.t('crsFileRemoved', { name: f.name });
    void this.focusPart('#files-title');
  }

  async #download(c: AdminCourse, l: AdminLesson, f: LessonFile) {
    this.alertMessage = '';
    const admin = this.admin;
    if (!admin) return;
    try {
      const blob = await admin.courses.downloadFile(c.id, l.id, f.id);
      PortalAdminCourse.saveFile(blob, f.name);
    } catch (error) {
      this.alertMessage = this.t('crsDownloadFailed', {
        name: f.name,
        detail: describeAdminError(error, [], this.t).alert,
      });
      this.emit(new PortalErrorEvent({ action: 'adminDownloadLessonFile', error }));
    }
  }

  // --- Shared ---

  /** Shows `c`; `resetForm` puts its values in the course form (else what is typed there stays). */
  #showCourse(c: AdminCourse, resetForm: boolean) {
    this.course = c;
    if (!resetForm) return;
    const kept = Object.fromEntries(
      Object.entries(this.values).filter(([name]) => !isProductValue(name) && !COURSE_FIELDS.includes(name)),
    );
    this.values = { ...kept, ...courseValues(c) };
  }

  /** Shows `l`; `resetForm` puts its values in the lesson form. */
  #showLesson(l: AdminLesson, resetForm: boolean) {
    this.lesson = l;
    if (resetForm) this.values = { ...this.values, ...lessonValues(l) };
    if (this.#focusLesson) {
      this.#focusLesson = false;
      void this.focusPart('#lesson-heading');
    }
  }

  /** Loads the course again for its outline, keeping what is typed in its form. */
  async #refreshCourse() {
    const id = this.courseId;
    const admin = this.admin;
    if (!admin) return;
    try {
      const c = await admin.courses.get(id);
      if (id === this.courseId) this.#showCourse(c, false);
    } catch (error) {
      this.alertMessage = describeAdminError(error, [], this.t).alert;
      this.emit(new PortalErrorEvent({ action: 'adminCourse', error }));
    }
  }

  #onHashChange = () => void this.#followHash(false);

  /**
   * Shows what the address names. Leaving a lesson with unsaved changes by the browser's Back (or any change of the
   * address not `confirmed` already) asks first, and staying puts the lesson's address back.
   */
  async #followHash(confirmed: boolean): Promise<void> {
    const lessonId = lessonOfHash(location.hash, this.courseId);
    if (lessonId === this.lessonId) return;
    const left = this.lessonId;
    if (!confirmed && left && this.#lessonDirty()) {
      const ok = await this.confirmAction({
        title: this.t('crsLeaveLessonTitle'),
        body: this.t('crsLeaveLessonBody'),
        confirm: this.t('crsLeave'),
        danger: true,
      });
      if (!ok) {
        location.hash = courseHash(this.courseId, left);
        return;
      }
      if (this.lessonId !== left || lessonOfHash(location.hash, this.courseId) !== lessonId) return;
    }
    if (!lessonId) {
      this.tab = 'outline';
      const left = this.lessonId;
      void this.updateComplete.then(() => this.focusPart(`#lesson-${left}`));
    } else {
      this.#focusLesson = this.hasUpdated;
    }
    this.lessonId = lessonId;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-course': PortalAdminCourse;
  }
}
