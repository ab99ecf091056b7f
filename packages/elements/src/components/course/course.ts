import { initialState } from '@lit/task';
import {
  type Course,
  grants,
  isPortalApiError,
  type Lesson,
  type LessonFile,
  type LessonSummary,
  type LessonVideo,
} from '@portico/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { AccountElement, accountLoadError } from '../../lib/account-element.js';
import { accountStyles } from '../../lib/account-styles.js';
import { safeHref } from '../../lib/clean-html.js';
import { followInPageLink } from '../../lib/content.js';
import { PortalErrorEvent } from '../../lib/events.js';
import { formatBytes, formatDate } from '../../lib/format.js';
import { followHash, itemHref } from '../../lib/hash.js';
import { LatestRequest } from '../../lib/latest-request.js';
import { isNotFound } from '../../lib/load-error.js';
import { addMessages } from '../../lib/localize.js';
import * as coursesEn from '../../lib/locales/courses-en.js';
import * as coursesEs from '../../lib/locales/courses-es.js';
import * as en from '../../lib/locales/en.js';
import * as es from '../../lib/locales/es.js';
import { richText, richTextStyles } from '../../lib/rich-text.js';
import { saveFile } from '../../lib/save-file.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import {
  COURSES_HASH,
  type CourseRoute,
  courseHash,
  parseCourseHash,
  progressBar,
  progressStyles,
} from '../courses/course-route.js';
import styles from './course.styles.js';

addMessages('en', en.account, coursesEn.courses);
addMessages('es', es.account, coursesEs.courses);

/** What `portal-lesson-completed` says: the lesson, and whether it is now complete. */
export interface LessonCompletedDetail {
  courseId: string;
  lessonId: string;
  completed: boolean;
}

/** A lesson was marked complete, or not complete, here. `detail` is `{ courseId, lessonId, completed }`. */
export class PortalLessonCompletedEvent extends Event {
  static readonly eventName = 'portal-lesson-completed';
  readonly detail: LessonCompletedDetail;
  constructor(detail: LessonCompletedDetail) {
    super(PortalLessonCompletedEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

/** The only players ever put in an iframe: YouTube's privacy-enhanced one and Vimeo's. */
const EMBED_PREFIXES = [
  'https://www.youtube-nocookie.com/embed/',
  'https://player.vimeo.com/video/',
] as const;

/** `raw` as an iframe `src` when it is a player of {@link EMBED_PREFIXES} (checked as written and as parsed). */
export function embedSrc(raw: string | null | undefined): string | undefined {
  const value = raw ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing white space and control characters is the point.
  if (/[\s\u0000-\u001f\u007f-\u009f\\]/.test(value)) return undefined;
  if (!EMBED_PREFIXES.some((prefix) => value.startsWith(prefix))) return undefined;
  try {
    const url = new URL(value);
    return EMBED_PREFIXES.some((prefix) => url.href.startsWith(prefix)) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** An absolute http(s) URL, normalized (for a video file or a link); else undefined. */
const webUrl = (raw: string): string | undefined => {
  const href = safeHref(raw);
  return href && /^https?:/i.test(href) ? href : undefined;
};

/** The load of the lesson shown, and how it went. */
interface LessonLoad {
  key: string;
  status: 'waiting' | 'done' | 'error';
  error?: unknown;
}

/**
 * One membership course of the active account: its title, the person's progress ("3 of 8 lessons"), where to
 * start or continue, the description, and the outline (modules and their lessons: completed ones ticked, the open
 * one marked, and those drip has not released yet shown with the day they open, not as links; the server refuses
 * them too, and the element says when they open).
 *
 * A lesson shows its module, title, video (a YouTube or Vimeo player in an iframe only from their own player
 * addresses, a video file in a `<video>`, else a link), its text (rendered and sanitized by the server, sanitized
 * again here), its files (downloaded with the session, so also from a site on another origin), "Mark as
 * complete" (a toggle) for people with `apps:write`, and links to the previous and next lessons.
 *
 * The course is `course` (id or slug), else the page's hash: `#course/<id-or-slug>` for the course and
 * `#course/<id-or-slug>/lesson/<lesson-id>` for a lesson; links are plain links to those hashes, so the browser's
 * back button works, and focus moves to the new heading after each. "All courses" goes to `courses-href#courses`
 * (or this page's `#courses`, where `<portal-courses>` shows the list).
 *
 * @summary A membership course: outline, lessons, video, files, completion and progress.
 *
 * @attr course - The course's id (`crs_…`) or slug; without it, the one in the page's `#course/<id-or-slug>`.
 * @attr courses-href - The page with the list of courses (`<portal-courses>`), for "All courses".
 * @attr api - The Portico server's URL, when used without a `<portal-provider>`.
 * @attr mode - Session mode of the standalone client: `cookie` (default) or `token`.
 * @attr login-href - Where the "Sign in" link goes when signed out.
 * @attr lang - Language (`en`, `es`); else the provider's, else the page's.
 * @attr theme - `light` or `dark` to force a colour scheme.
 *
 * @csspart base - The box around everything.
 * @csspart back - "All courses" (also `link`).
 * @csspart header - The course's title and progress.
 * @csspart title - The course's title.
 * @csspart progress - The progress bar.
 * @csspart progress-text - "3 of 8 lessons" beside the bar.
 * @csspart resume - The link to the lesson to start or continue with.
 * @csspart description - The course's description.
 * @csspart outline - The outline (modules and lessons).
 * @csspart module - A module in the outline.
 * @csspart module-title - A module's title (in the outline, and above a lesson).
 * @csspart lesson-link - A lesson in the outline that opens (also `done`, `current`).
 * @csspart locked-lesson - A lesson in the outline that drip has not released yet.
 * @csspart opens - When a locked lesson opens.
 * @csspart lesson - The open lesson.
 * @csspart lesson-title - The lesson's title.
 * @csspart video - The lesson's video: the iframe or `<video>`.
 * @csspart video-link - The link to a video that is not embedded.
 * @csspart content - The lesson's text.
 * @csspart files - The lesson's files.
 * @csspart download - A file's download button (also `button`).
 * @csspart complete - "Mark as complete" (also `button`).
 * @csspart pager - The previous and next lessons.
 * @csspart previous - The link to the previous lesson.
 * @csspart next - The link to the next lesson.
 * @csspart locked - Says when a lesson opens, for one asked for before it opens.
 * @csspart button - Buttons.
 * @csspart empty - Shown without a course to show, and for a course without lessons.
 * @csspart not-found - A course or lesson that does not exist (or is not this account's).
 * @csspart not-allowed - Shown to someone who may not see the account's courses.
 * @csspart error - The alert (also `alert`).
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 * @csspart loading - Shown while loading.
 * @csspart load-error - Shown when the course or lesson could not be loaded.
 * @csspart retry - "Try again" after a failed load.
 * @csspart signed-out - Shown when signed out.
 *
 * @cssproperty [--portal-course-width=72rem] - Maximum width.
 * @cssproperty --portal-course-padding - Padding inside the box.
 * @cssproperty --portal-course-background - Background; falls back to `--portal-color-surface`.
 * @cssproperty --portal-course-border - Border; falls back to a 1px `--portal-color-border` line.
 * @cssproperty --portal-progress-color - The progress bar's fill; falls back to `--portal-color-primary`.
 * @cssproperty --portal-progress-track - The progress bar's track.
 *
 * @event {PortalLessonCompletedEvent} portal-lesson-completed - A lesson was marked complete or not complete; `event.detail` is `{ courseId, lessonId, completed }`.
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-course')
export class PortalCourse extends AccountElement {
  static override styles = [hostStyles, formStyles, accountStyles, richTextStyles, progressStyles, styles];

  /** The course's id or slug. */
  @property() course?: string;

  /** The page with the list of courses. */
  @property({ attribute: 'courses-href' }) coursesHref?: string;

  /** The course shown (the last one loaded). */
  @state() private shown?: Course;
  /** The course route in the page's hash. */
  @state() private hashRoute?: CourseRoute;
  /** The lesson shown (the newest answer about it). */
  @state() private lesson?: Lesson;
  @state() private lessonLoad?: LessonLoad;
  /** A completion being changed, by lesson id. */
  @state() private completing?: string;
  /** Files being downloaded, by file id. */
  @state() private downloading: Record<string, boolean> = {};

  readonly #lessons = new LatestRequest(this, () => 0);
  readonly #completions = new LatestRequest(this, () => 0);
  /** `who courseId lessonId` of the lesson asked for ('' for none). */
  #lessonKey = '';
  /**
   * Moves on when a completion is sent and when it answers: a lesson load that saw it move may carry completion and
   * progress from before the change, so only its text is taken.
   */
  #epoch = 0;
  /** Focus the view's heading once rendered (after a navigation). */
  #focusHeading = false;

  readonly #load = this.loadTask(
    'getCourse',
    () => [this.#ref] as const,
    (client, session, [ref]) =>
      ref && grants(session.permissions, 'apps:read')
        ? client.courses.get(ref)
        : Promise.resolve(initialState),
    (course) => {
      this.shown = course;
    },
  );

  constructor() {
    super();
    followHash(
      this,
      () => this.#onHash(true),
      () => this.#onHash(false),
    );
  }

  /** The course asked for: `course`, else the hash's. */
  get #ref(): string | undefined {
    return this.course || this.hashRoute?.course;
  }

  /** The shown course when it is the one asked for. */
  get #current(): Course | undefined {
    const ref = this.#ref;
    const shown = this.shown;
    return shown && ref && (shown.id === ref || shown.slug === ref) ? shown : undefined;
  }

  /** The lesson the hash opens, when the hash is about this course. */
  get #lessonId(): string | undefined {
    const route = this.hashRoute;
    if (!route?.lessonId) return undefined;
    if (!this.course || route.course === this.course) return route.lessonId;
    const shown = this.#current;
    return shown && (route.course === shown.id || route.course === shown.slug) ? route.lessonId : undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const course = this.#current;
    const lessonId = this.#lessonId;
    const who = this.sessionKey;
    const key = course && lessonId && who ? `${who} ${course.id} ${lessonId}` : '';
    if (key === this.#lessonKey) return;
    this.#lessonKey = key;
    this.alertMessage = '';
    this.notice = '';
    if (course && lessonId && key) void this.#loadLesson(course.id, lessonId, key);
    else {
      this.#lessons.cancel();
      this.lessonLoad = undefined;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (!this.#focusHeading) return;
    const target = this.renderRoot.querySelector<HTMLElement>('[data-focus]');
    if (target) {
      this.#focusHeading = false;
      target.focus();
    }
  }

  protected override sessionChanged(): void {
    super.sessionChanged();
    this.shown = undefined;
    this.lesson = undefined;
    this.lessonLoad = undefined;
    this.completing = undefined;
    this.downloading = {};
    this.#lessonKey = '';
    this.#lessons.cancel();
    this.#completions.cancel();
    this.#epoch++;
  }

  protected override render() {
    return html`<div part="base" class="base" lang=${this.textLang} @click=${this.#onClick}>
      ${this.renderSession((session) => {
        if (!grants(session.permissions, 'apps:read')) {
          return html`<p part="not-allowed" class="not-allowed">${this.t('crsNoAccess')}</p>`;
        }
        if (!this.#ref) return html`<p part="empty" class="empty">${this.t('crsNoCourse')}</p>`;
        return this.renderTask(this.#load, this.#current, (course) => this.#renderCourse(course));
      })}
      ${this.renderMessages()}
    </div>`;
  }

  protected override renderLoadError(error: unknown, retry: () => void): TemplateResult {
    if (isNotFound(error)) {
      return html`${this.#back()}
        <p part="not-found" class="not-found" role="alert">${this.t('crsNotFound')}</p>`;
    }
    return super.renderLoadError(error, retry);
  }

  #back(): TemplateResult | typeof nothing {
    if (this.course && !this.coursesHref) return nothing;
    return html`<a part="back link" class="back" href=${itemHref(this.coursesHref, COURSES_HASH)}
      ><span aria-hidden="true">←</span> ${this.t('crsBack')}</a
    >`;
  }

  /** The course's id or slug in the links this element makes: as it was asked for. */
  #linkRef(course: Course): string {
    return this.course || this.hashRoute?.course || course.slug;
  }

  #renderCourse(course: Course): TemplateResult {
    const lessonId = this.#lessonId;
    const ref = this.#linkRef(course);
    return html`${this.#back()}
      <div part="header" class="course-header">
        ${
          lessonId
            ? html`<p part="title" class="course-link"><a href=${courseHash(ref)}>${course.title}</a></p>`
            : html`<h2 part="title" id="course-title" tabindex="-1" data-focus>${course.title}</h2>`
        }
        ${course.progress.total > 0 ? progressBar(this.t, this.resolvedLocale, course.progress, course.title) : nothing}
      </div>
      <div class="layout">
        <div class="main">
          ${lessonId ? this.#renderLessonArea(course, lessonId) : this.#renderOverview(course)}
        </div>
        ${this.#renderOutline(course, lessonId)}
      </div>`;
  }

  #renderOverview(course: Course): TemplateResult {
    const lessons = course.modules.flatMap((m) => m.lessons);
    const next = lessons.find((l) => l.id === course.progress.nextLessonId);
    const started = course.progress.completed > 0;
    const ref = this.#linkRef(course);
    return html`${course.summary ? html`<p class="summary">${course.summary}</p>` : nothing}
      ${
        next
          ? html`<p>
              <a part="resume" class="primary resume" href=${courseHash(ref, next.id)}
                >${this.t(started ? 'crsContinueLesson' : 'crsStartLesson', { title: next.title })}</a
              >
            </p>`
          : lessons.length && course.progress.completed >= course.progress.total
            ? html`<p class="all-done">${this.t('crsAllDone')}</p>`
            : nothing
      }
      ${course.descriptionHtml ? html`<div part="description" class="rich">${richText(course.descriptionHtml)}</div>` : nothing}`;
  }

  #renderOutline(course: Course, currentId: string | undefined): TemplateResult {
    const ref = this.#linkRef(course);
    const lang = this.resolvedLocale;
    const lessonItem = (lesson: LessonSummary) => {
      const current = lesson.id === currentId;
      if (!lesson.available) {
        return html`<li class="lesson-item">
          <span part="locked-lesson" class="lesson-row locked" data-lesson=${lesson.id}>
            <span class="mark" aria-hidden="true">🔒</span>
            <span class="lesson-name"
              >${lesson.title}<span class="sr-only"> (${this.t('crsLocked')})</span>
              <span part="opens" class="opens"
                >${
                  lesson.opensAt
                    ? html`${this.t('crsOpensOn', { date: formatDate(lang, lesson.opensAt) })}`
                    : this.t('crsOpensLater')
                }</span
              ></span
            >
          </span>
        </li>`;
      }
      const parts = ['lesson-link', lesson.completed ? 'done' : '', current ? 'current' : '']
        .filter(Boolean)
        .join(' ');
      return html`<li class="lesson-item">
        <a
          part=${parts}
          class="lesson-row ${lesson.completed ? 'done' : ''} ${current ? 'current' : ''}"
          href=${courseHash(ref, lesson.id)}
          data-lesson=${lesson.id}
          aria-current=${current ? 'page' : nothing}
        >
          <span class="mark" aria-hidden="true">${lesson.completed ? '✓' : ''}</span>
          <span class="lesson-name"
            >${lesson.title}${
              lesson.completed ? html`<span class="sr-only"> (${this.t('crsDone')})</span>` : nothing
            }</span
          >
        </a>
      </li>`;
    };
    return html`<nav part="outline" class="outline" aria-label=${this.t('crsOutline')}>
      ${
        course.modules.some((m) => m.lessons.length)
          ? html`<ol class="modules">
              ${course.modules.map(
                (module) => html`<li part="module" class="module">
                  <h3 part="module-title" class="module-title">${module.title}</h3>
                  <ol class="lessons">
                    ${module.lessons.map(lessonItem)}
                  </ol>
                </li>`,
              )}
            </ol>`
          : html`<p part="empty" class="empty">${this.t('crsNoLessons')}</p>`
      }
    </nav>`;
  }

  #renderLessonArea(course: Course, lessonId: string): unknown {
    const load = this.lessonLoad;
    if (!load || load.key !== this.#lessonKey || load.status === 'waiting') return this.renderLoading();
    if (load.status === 'error') return this.#renderLessonError(course, lessonId, load.error);
    const lesson = this.lesson;
    return lesson?.id === lessonId ? this.#renderLesson(course, lesson) : this.renderLoading();
  }

  #renderLessonError(course: Course, lessonId: string, error: unknown): TemplateResult {
    if (isPortalApiError(error, 'LESSON_LOCKED')) {
      const summary = course.modules.flatMap((m) => m.lessons).find((l) => l.id === lessonId);
      const opensAt = error.problem.opensAt ?? summary?.opensAt ?? null;
      return html`<p part="locked" class="locked-note" role="alert" tabindex="-1" data-focus>
        ${
          opensAt
            ? this.t('crsLessonLocked', { date: formatDate(this.resolvedLocale, opensAt) })
            : this.t('crsLessonLockedLater')
        }
      </p>`;
    }
    if (isNotFound(error)) {
      return html`<p part="not-found" class="not-found" role="alert" tabindex="-1" data-focus>
        ${this.t('crsLessonNotFound')}
      </p>`;
    }
    return accountLoadError(error, () => void this.#loadLesson(course.id, lessonId, this.#lessonKey), this.t);
  }

  #renderLesson(course: Course, lesson: Lesson): TemplateResult {
    const ref = this.#linkRef(course);
    const outline = course.modules.flatMap((m) => m.lessons);
    const mayWrite = grants(this.session?.permissions ?? [], 'apps:write');
    const pending = this.completing === lesson.id;
    const neighbour = (id: string | null, which: 'previous' | 'next') => {
      if (!id) return nothing;
      const label = this.t(which === 'previous' ? 'crsPrevious' : 'crsNext');
      const summary = outline.find((l) => l.id === id);
      const arrow = which === 'previous' ? '←' : '→';
      if (summary && !summary.available) {
        return html`<span part=${which} class="pager-item ${which} locked">
          <span class="pager-label">${label}</span>
          <span>${summary.title}</span>
          <span part="opens" class="opens"
            >${
              summary.opensAt
                ? this.t('crsOpensOn', { date: formatDate(this.resolvedLocale, summary.opensAt) })
                : this.t('crsOpensLater')
            }</span
          >
        </span>`;
      }
      return html`<a part=${which} class="pager-item ${which}" href=${courseHash(ref, id)} rel=${which === 'previous' ? 'prev' : 'next'}>
        <span class="pager-label"
          >${which === 'previous' ? html`<span aria-hidden="true">${arrow}</span> ` : nothing}${label}${
            which === 'next' ? html` <span aria-hidden="true">${arrow}</span>` : nothing
          }</span
        >
        ${summary ? html`<span>${summary.title}</span>` : nothing}
      </a>`;
    };
    return html`<article part="lesson" class="lesson" aria-labelledby="lesson-title">
      <p part="module-title" class="lesson-module">${lesson.moduleTitle}</p>
      <h2 part="lesson-title" id="lesson-title" tabindex="-1" data-focus>${lesson.title}</h2>
      ${lesson.video ? this.#renderVideo(lesson.video, lesson.title) : nothing}
      ${lesson.html ? html`<div part="content" class="rich">${richText(lesson.html)}</div>` : nothing}
      ${lesson.files.length ? this.#renderFiles(course, lesson) : nothing}
      ${
        mayWrite
          ? html`<div class="actions">
              <button
                part="button complete"
                class="complete ${lesson.completed ? 'primary' : 'secondary'}"
                type="button"
                aria-pressed=${lesson.completed ? 'true' : 'false'}
                aria-disabled=${pending ? 'true' : 'false'}
                aria-busy=${pending ? 'true' : 'false'}
                @click=${() => void this.#toggle(course, lesson)}
              >
                ${
                  pending
                    ? html`<span class="spinner" aria-hidden="true"></span>`
                    : html`<span class="check" aria-hidden="true">${lesson.completed ? '✓' : ''}</span>`
                }${this.t('crsMarkComplete')}
              </button>
            </div>`
          : nothing
      }
      ${
        lesson.previousLessonId || lesson.nextLessonId
          ? html`<nav part="pager" class="pager" aria-label=${this.t('crsLessonNav')}>
              ${neighbour(lesson.previousLessonId, 'previous')} ${neighbour(lesson.nextLessonId, 'next')}
            </nav>`
          : nothing
      }
    </article>`;
  }

  #renderVideo(video: LessonVideo, title: string): TemplateResult | typeof nothing {
    if (video.kind === 'youtube' || video.kind === 'vimeo') {
      const src = embedSrc(video.embedUrl);
      if (src) {
        return html`<div class="video-frame">
          <iframe
            part="video"
            src=${src}
            title=${this.t('crsVideo', { title })}
            allow="fullscreen; picture-in-picture"
            referrerpolicy="strict-origin-when-cross-origin"
            loading="lazy"
          ></iframe>
        </div>`;
      }
    }
    const url = webUrl(video.url);
    if (!url) return nothing;
    if (video.kind === 'file') {
      return html`<video part="video" class="video-file" controls preload="metadata" src=${url}>
        <a href=${url} target="_blank" rel="noopener noreferrer">${this.t('crsWatchVideo')}</a>
      </video>`;
    }
    return html`<p>
      <a part="video-link" class="video-link" href=${url} target="_blank" rel="noopener noreferrer"
        >${this.t('crsWatchVideo')} <span class="sr-only">${this.t('crsNewTab')}</span>
        <span aria-hidden="true">↗</span></a
      >
    </p>`;
  }

  #renderFiles(course: Course, lesson: Lesson): TemplateResult {
    const lang = this.resolvedLocale;
    return html`<section class="files-section" aria-labelledby="files-title">
      <h3 id="files-title">${this.t('crsFiles')}</h3>
      <ul part="files" class="files">
        ${lesson.files.map((file) => {
          const busy = !!this.downloading[file.id];
          return html`<li>
            <button
              part="button download"
              class="download"
              type="button"
              data-file=${file.id}
              aria-busy=${busy ? 'true' : 'false'}
              aria-disabled=${busy ? 'true' : 'false'}
              @click=${() => void this.#download(course, lesson, file)}
            >
              ${
                busy
                  ? html`<span class="spinner" aria-hidden="true"></span>`
                  : html`<span class="file-icon" aria-hidden="true">⤓</span>`
              }
              <span class="sr-only">${this.t('crsDownload')}</span>
              <span class="file-name">${file.name}</span>
              <span class="file-size">${formatBytes(lang, file.size)}</span>
            </button>
          </li>`;
        })}
      </ul>
    </section>`;
  }

  // ─── Requests ───────────────────────────────────────────────────────────────────────────────────────────

  async #loadLesson(courseId: string, lessonId: string, key: string) {
    const client = this.client;
    if (!client || !key) return;
    this.lessonLoad = { key, status: 'waiting' };
    const epoch = this.#epoch;
    const outcome = await this.#lessons.run(() => client.courses.lesson(courseId, lessonId), true);
    // A newer lesson was asked for (or the person changed): this answer is not for what is shown.
    if (!outcome || key !== this.#lessonKey) return;
    if (outcome.ok) {
      this.#take(outcome.value, epoch === this.#epoch);
      this.lessonLoad = { key, status: 'done' };
    } else {
      this.lessonLoad = { key, status: 'error', error: outcome.error };
      this.emit(new PortalErrorEvent({ action: 'getLesson', error: outcome.error }));
    }
  }

  /**
   * Shows an answer about a lesson: the lesson itself when it is the one open, and, when the answer is `current`
   * (no completion was sent or answered since it was asked), its tick in the outline and the course's progress.
   * An answer that is not current keeps the outline's tick, which a completion's answer set.
   */
  #take(lesson: Lesson, current: boolean) {
    const course = this.shown;
    const own = course?.id === lesson.courseId ? course : undefined;
    if (own && current) {
      this.shown = {
        ...own,
        progress: lesson.progress,
        modules: own.modules.map((m) => ({
          ...m,
          lessons: m.lessons.map((l) => (l.id === lesson.id ? { ...l, completed: lesson.completed } : l)),
        })),
      };
    }
    if (this.#lessonId !== lesson.id) return;
    const tick = own?.modules.flatMap((m) => m.lessons).find((l) => l.id === lesson.id)?.completed;
    this.lesson =
      current || tick === undefined || tick === lesson.completed
        ? lesson
        : {
            ...lesson,
            completed: tick,
            completedAt: tick ? lesson.completedAt : null,
            progress: own!.progress,
          };
  }

  async #toggle(course: Course, lesson: Lesson) {
    const client = this.client;
    if (!client || this.completing) return;
    const complete = !lesson.completed;
    this.completing = lesson.id;
    this.alertMessage = '';
    this.notice = '';
    this.#epoch++;
    const outcome = await this.#completions.run(
      () =>
        complete
          ? client.courses.complete(course.id, lesson.id)
          : client.courses.uncomplete(course.id, lesson.id),
      true,
    );
    if (this.completing === lesson.id) this.completing = undefined;
    // Superseded: the person or account changed, or the element left the page.
    if (!outcome) return;
    if (!outcome.ok) {
      this.alertMessage = isPortalApiError(outcome.error, 'LESSON_LOCKED')
        ? this.t('crsLessonLockedLater')
        : this.describeFailure(outcome.error, []).alert;
      this.emit(
        new PortalErrorEvent({
          action: complete ? 'completeLesson' : 'uncompleteLesson',
          error: outcome.error,
        }),
      );
      return;
    }
    const updated = outcome.value;
    this.#epoch++;
    this.#take(updated, true);
    if (this.#lessonId === updated.id) {
      this.notice = this.t(updated.completed ? 'crsMarkedComplete' : 'crsMarkedNotComplete');
    }
    this.emit(
      new PortalLessonCompletedEvent({
        courseId: updated.courseId,
        lessonId: updated.id,
        completed: updated.completed,
      }),
    );
  }

  /**
   * Fetches the file with the session (a plain link would carry no token on a site of another origin), then
   * saves it.
   */
  async #download(course: Course, lesson: Lesson, file: LessonFile) {
    const client = this.client;
    if (!client || this.downloading[file.id]) return;
    this.downloading = { ...this.downloading, [file.id]: true };
    this.alertMessage = '';
    try {
      saveFile(this.renderRoot, await client.courses.download(course.id, lesson.id, file.id), file.name);
    } catch (error) {
      this.alertMessage = isPortalApiError(error, 'LESSON_LOCKED')
        ? this.t('crsLessonLockedLater')
        : this.describeFailure(error, []).alert;
      this.emit(new PortalErrorEvent({ action: 'downloadLessonFile', error }));
    } finally {
      this.downloading = { ...this.downloading, [file.id]: false };
    }
  }

  // ─── Navigation ─────────────────────────────────────────────────────────────────────────────────────────

  #onHash(navigated: boolean) {
    const route = parseCourseHash(location.hash);
    const before = this.hashRoute;
    if (route?.course === before?.course && route?.lessonId === before?.lessonId) return;
    const view = `${this.#ref} ${this.#lessonId}`;
    this.hashRoute = route;
    // Only a navigation this element follows moves focus (not another course's hash when it shows `course`).
    if (navigated && `${this.#ref} ${this.#lessonId}` !== view) this.#focusHeading = !!this.#ref;
  }

  /** In-page links of the rich text (`#install`) scroll to their target in the shadow root. */
  #onClick = (event: MouseEvent) => {
    followInPageLink(event, this.renderRoot);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-course': PortalCourse;
  }
  interface GlobalEventHandlersEventMap {
    'portal-lesson-completed': PortalLessonCompletedEvent;
  }
}
