import type { AdminCourseSummary } from '@portico/sdk/admin';
import { coursesAdminRoutes as routes } from '@portico/sdk/contract';
import { html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { submitButton } from '../../lib/form.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { AdminElement } from '../lib/admin-element.js';
import { slugify } from '../lib/content-labels.js';
import { contentStyles } from '../lib/content-styles.js';
import { courseAccessName, courseHash, courseStatusBadge } from '../lib/course-labels.js';
import { addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import { adminStyles, titleRowStyles } from '../lib/styles.js';
import { dataTable } from '../lib/table.js';

addAdminMessages('en', en.common, en.courses);
addAdminMessages('es', es.common, es.courses);

const FIELDS = ['title', 'slug'];

/**
 * The membership courses for staff (`#/courses`): every course, drafts included, with its status, who may open
 * it, how many lessons and students it has and the products that grant it, each linking to its editor
 * (`#/courses/<id>`). "New course" asks for a title (and a slug, made from the title when left empty), creates
 * the course as a draft and opens it.
 *
 * @summary Courses: the list and a new-course form.
 *
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 *
 * @csspart heading - The page heading.
 * @csspart form - The new-course form.
 * @csspart field - A label, input, hint and error.
 * @csspart table - The courses table.
 * @csspart badge - A course's status.
 * @csspart empty - Shown when there are no courses.
 * @csspart loading - Shown while the list loads.
 * @csspart load-error - Shown when the list could not be loaded.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-courses')
export class PortalAdminCourses extends AdminElement {
  static override styles = [hostStyles, formStyles, adminStyles, titleRowStyles, contentStyles];

  readonly #list = this.loadTask(
    'adminCourses',
    () => [],
    async (admin) => (await admin.courses.list()).items,
  );

  protected override render() {
    const canCreate = this.can(routes.create);
    return html`<div class="page" lang=${this.textLang}>
      <div class="page-header">
        <h1 part="heading" tabindex="-1">${this.t('crsTitle')}</h1>
      </div>
      <p class="intro">${this.t('crsIntro')}</p>
      ${this.renderMessages()} ${canCreate ? this.#renderNew() : nothing}
      <section class="card" aria-labelledby="courses-title">
        <h2 id="courses-title">${this.t('crsTitle')}</h2>
        ${this.renderTask(this.#list, this.#list.value, (items) => this.#renderTable(items))}
      </section>
    </div>`;
  }

  #renderNew() {
    return html`<form part="form" class="card" novalidate aria-labelledby="new-course-title" aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#create}>
      <h2 id="new-course-title">${this.t('crsNew')}</h2>
      <p class="muted">${this.t('crsNewIntro')}</p>
      <div class="grid-2">
        ${this.textInput('title', this.t('crsFieldTitle'), { required: true, maxlength: 200 })}
        ${this.textInput('slug', this.t('crsSlug'), { maxlength: 80, hint: this.t('crsSlugHint') })}
      </div>
      <div class="actions">${submitButton(this.t('crsCreate'), this.busy)}</div>
    </form>`;
  }

  #renderTable(items: AdminCourseSummary[]) {
    if (!items.length) return html`<p part="empty" class="empty">${this.t('crsEmpty')}</p>`;
    return dataTable({
      label: this.t('crsTable'),
      caption: this.t('crsTable'),
      columns: [
        this.t('crsFieldTitle'),
        this.t('status'),
        this.t('crsAccess'),
        { label: this.t('crsLessons'), numeric: true },
        { label: this.t('crsStudents'), numeric: true },
        this.t('crsProducts'),
      ],
      rows: items.map(
        (c) => html`<tr>
          <td><a href=${courseHash(c.id)}>${c.title}</a> <span class="muted mono block">${c.slug}</span></td>
          <td>${courseStatusBadge(this.t, c.status)}</td>
          <td>${courseAccessName(this.t, c.access)}</td>
          <td class="num">${c.lessonCount}</td>
          <td class="num">${c.students}</td>
          <td>
            ${
              c.products.length
                ? c.products.map((p) => p.name).join(', ')
                : html`<span class="muted">${this.t('crsNone')}</span>`
            }
          </td>
        </tr>`,
      ),
    });
  }

  #create = async (event: SubmitEvent) => {
    event.preventDefault();
    const title = (this.values.title ?? '').trim();
    const slug = (this.values.slug ?? '').trim().toLowerCase();
    const errors: Record<string, string> = {};
    if (!title) errors.title = this.t('errorRequired');
    if (slug && slugify(slug) !== slug) errors.slug = this.t('crsErrorSlug');
    if (!this.showFieldErrors(errors)) return;
    const created = await this.attemptResult('adminCreateCourse', FIELDS, (admin) =>
      admin.courses.create({ title, ...(slug ? { slug } : {}) }),
    );
    if (!created) {
      this.showConflictBeside('slug', this.t('crsSlugTaken'));
      return;
    }
    this.values = {};
    this.notice = this.t('crsCreated', { title: created.title });
    location.hash = courseHash(created.id);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-courses': PortalAdminCourses;
  }
}
