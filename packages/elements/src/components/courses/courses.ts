import { initialState } from '@lit/task';
import { type CourseSummary, grants } from '@portico/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { AccountElement } from '../../lib/account-element.js';
import { accountStyles } from '../../lib/account-styles.js';
import { plural } from '../../lib/content.js';
import { followHash, itemHref } from '../../lib/hash.js';
import { isNotFound } from '../../lib/load-error.js';
import { addMessages } from '../../lib/localize.js';
import * as coursesEn from '../../lib/locales/courses-en.js';
import * as coursesEs from '../../lib/locales/courses-es.js';
import * as en from '../../lib/locales/en.js';
import * as es from '../../lib/locales/es.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import '../course/course.js';
import {
  type CourseRoute,
  courseHash,
  parseCourseHash,
  progressBar,
  progressStyles,
} from './course-route.js';
import styles from './courses.styles.js';

addMessages('en', en.account, coursesEn.courses);
addMessages('es', es.account, coursesEs.courses);

/**
 * "Courses": the membership courses the active account has (bought, given by staff, or open to everyone), each
 * with its title, summary, how many lessons it has, the person's progress ("3 of 8 lessons") and a link to
 * start, continue or review it.
 *
 * A course's link goes to `course-href#course/<slug>` (a page with a `<portal-course>`); without `course-href`
 * the course opens here, in place of the list (a `<portal-course>` that follows the page's hash: its lessons are
 * `#course/<slug>/lesson/<id>`), and "All courses" (`#courses`) comes back to the list, asked again if a lesson
 * was completed meanwhile. Links are plain links, so the browser's back button works.
 *
 * Someone without `apps:read` on the account sees a short explanation instead. When the business has the courses
 * app off, or not for this account (the API answers 404), it says courses are not available.
 *
 * @summary The account's membership courses, with progress; opens one.
 *
 * @attr course-href - A page showing one course (`<portal-course>`): links go to it with `#course/<slug>`.
 * Without it, a course opens here.
 * @attr api - The Portico server's URL, when used without a `<portal-provider>`.
 * @attr mode - Session mode of the standalone client: `cookie` (default) or `token`.
 * @attr login-href - Where the "Sign in" link goes when signed out.
 * @attr lang - Language (`en`, `es`); else the provider's, else the page's.
 * @attr theme - `light` or `dark` to force a colour scheme.
 *
 * @csspart base - The box around everything.
 * @csspart heading - The heading.
 * @csspart list - The list of courses.
 * @csspart course - One course's card.
 * @csspart title - A course's title.
 * @csspart summary - A course's summary.
 * @csspart count - How many lessons a course has.
 * @csspart progress - A course's progress bar.
 * @csspart progress-text - "3 of 8 lessons" beside the bar.
 * @csspart open - "Start", "Continue" or "Review" (also `link`).
 * @csspart course-view - The `<portal-course>` of a course opened here.
 * @csspart empty - Shown when the account has no courses.
 * @csspart unavailable - Shown when the courses app is not available to the account.
 * @csspart not-allowed - Shown to someone who may not see the account's courses.
 * @csspart error - The alert (also `alert`).
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 * @csspart loading - Shown while the list loads.
 * @csspart load-error - Shown when the list could not be loaded.
 * @csspart retry - "Try again" after a failed load.
 * @csspart signed-out - Shown when signed out.
 *
 * @cssproperty [--portal-courses-width=64rem] - Maximum width.
 * @cssproperty --portal-courses-padding - Padding inside the box.
 * @cssproperty --portal-courses-background - Background; falls back to `--portal-color-surface`.
 * @cssproperty --portal-courses-border - Border; falls back to a 1px `--portal-color-border` line.
 * @cssproperty --portal-progress-color - The progress bars' fill; falls back to `--portal-color-primary`.
 * @cssproperty --portal-progress-track - The progress bars' track.
 *
 * @event {PortalLessonCompletedEvent} portal-lesson-completed - A lesson of a course opened here was marked complete or not complete.
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-courses')
export class PortalCourses extends AccountElement {
  static override styles = [hostStyles, formStyles, accountStyles, progressStyles, styles];

  /** A page that shows one course at `#course/<slug>`. */
  @property({ attribute: 'course-href' }) courseHref?: string;

  @state() private courses?: CourseSummary[];
  /** The course opened here (from the page's hash), when there is no `course-href`. */
  @state() private open?: CourseRoute;

  /** A lesson was completed in the course opened here: ask for the list again on the way back. */
  #stale = false;
  /** The course last opened here, whose link gets focus back. */
  #cameFrom: string | undefined;

  readonly #load = this.loadTask(
    'listCourses',
    () => [] as const,
    (client, session) =>
      grants(session.permissions, 'apps:read') ? client.courses.list() : Promise.resolve(initialState),
    (list) => {
      this.courses = list.items;
    },
  );

  constructor() {
    super();
    followHash(this, () => this.#onHash());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('courseHref')) this.#onHash();
  }

  protected override sessionChanged(): void {
    super.sessionChanged();
    this.courses = undefined;
    this.#stale = false;
  }

  protected override render() {
    return html`<div part="base" class="base" lang=${this.textLang}>
      ${this.renderSession((session) =>
        !grants(session.permissions, 'apps:read')
          ? html`<h2 part="heading">${this.t('crsListTitle')}</h2>
              <p part="not-allowed" class="not-allowed">${this.t('crsNoAccess')}</p>`
          : this.open
            ? this.#renderOpen()
            : html`<h2 part="heading">${this.t('crsListTitle')}</h2>
                ${this.renderTask(this.#load, this.courses, (courses) => this.#renderList(courses))}`,
      )}
      ${this.renderMessages()}
    </div>`;
  }

  protected override renderLoadError(error: unknown, retry: () => void): TemplateResult {
    if (isNotFound(error)) {
      return html`<p part="unavailable" class="empty">${this.t('crsUnavailable')}</p>`;
    }
    return super.renderLoadError(error, retry);
  }

  #renderOpen(): TemplateResult {
    return html`<portal-course
      part="course-view"
      class="course-view"
      api=${ifDefined(this.api)}
      mode=${ifDefined(this.mode)}
      lang=${ifDefined(this.locale)}
      login-href=${ifDefined(this.loginHref)}
      theme=${ifDefined(this.getAttribute('theme') ?? undefined)}
      @portal-lesson-completed=${this.#onCompleted}
    ></portal-course>`;
  }

  #renderList(courses: CourseSummary[]): TemplateResult {
    if (!courses.length) return html`<p part="empty" class="empty">${this.t('crsNone')}</p>`;
    const lang = this.resolvedLocale;
    return html`<ul part="list" class="courses" role="list">
      ${courses.map((course) => {
        const { completed, total } = course.progress;
        const action =
          completed === 0 ? 'crsStart' : total > 0 && completed >= total ? 'crsReview' : 'crsContinue';
        const titleId = `title-${course.id}`;
        return html`<li part="course" class="course card">
          <h3 part="title" id=${titleId}>${course.title}</h3>
          ${course.summary ? html`<p part="summary" class="summary">${course.summary}</p>` : nothing}
          <p part="count" class="count">
            ${plural(this.t, lang, course.lessonCount, 'crsLessonsOne', 'crsLessonsOther')}
          </p>
          ${total > 0 ? progressBar(this.t, lang, course.progress, course.title) : nothing}
          <p class="open-row">
            <a
              part="open link"
              class="primary open"
              href=${itemHref(this.courseHref, courseHash(course.slug))}
              data-course=${course.slug}
              aria-describedby=${titleId}
              >${this.t(action)}</a
            >
          </p>
        </li>`;
      })}
    </ul>`;
  }

  #onHash() {
    const route = this.courseHref ? undefined : parseCourseHash(location.hash);
    if (route) {
      if (!this.open) this.alertMessage = '';
      this.open = route;
      this.#cameFrom = route.course;
      return;
    }
    if (!this.open) return;
    this.open = undefined;
    if (this.#stale) {
      this.#stale = false;
      void this.#load.run();
    }
    const from = this.#cameFrom;
    if (from) void this.focusPart(`[data-course="${CSS.escape(from)}"]`);
  }

  #onCompleted = () => {
    this.#stale = true;
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-courses': PortalCourses;
  }
}
