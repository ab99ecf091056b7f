import type { AdminAnnouncement } from '@portico/sdk/admin';
import { contentAdminRoutes as routes } from '@portico/sdk/contract';
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { AdminElement } from '../lib/admin-element.js';
import { type AnnouncementState, announcementBadge, announcementState } from '../lib/content-labels.js';
import { contentStyles } from '../lib/content-styles.js';
import { statusFilter } from '../lib/list-search.js';
import { addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import { hashOf } from '../lib/routes.js';
import { adminStyles } from '../lib/styles.js';
import { dataTable } from '../lib/table.js';
import { browserTimeZone, formatInZone } from '../lib/zoned-time.js';

addAdminMessages('en', en.common, en.content);
addAdminMessages('es', es.common, es.content);

/**
 * Announcements for staff (`#/announcements`): drafts, scheduled and published ones, newest first, filtered by
 * state and paged with "Load more". Each shows its state with its date (in the staff member's time zone) and
 * whether it was mailed to clients, and links to its editor (`#/announcements/<id>`; "New announcement" opens
 * `#/announcements/new`). Billing staff read only.
 *
 * @summary Announcements: drafts, scheduled, published, mailed.
 *
 * @attr page-size - How many announcements each request asks for (default 25).
 * @attr time-zone - The IANA time zone dates are shown in; else the browser's.
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 *
 * @csspart heading - The page heading.
 * @csspart new - The "New announcement" link.
 * @csspart table - The announcements table.
 * @csspart badge - A state label.
 * @csspart more - The "Load more" button.
 * @csspart empty - Shown when there are no announcements (or none in the state chosen).
 * @csspart loading - Shown while the first page loads.
 * @csspart load-error - Shown when the list could not be loaded.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-announcements')
export class PortalAdminAnnouncements extends AdminElement {
  static override styles = [hostStyles, formStyles, adminStyles, contentStyles];

  /** How many announcements each request asks for. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 25;

  /** The IANA time zone dates are shown in. */
  @property({ attribute: 'time-zone' }) timeZone = browserTimeZone();

  /** The time now, in milliseconds (a scheduled announcement is one whose time has not come). */
  @property({ attribute: false }) now: () => number = () => Date.now();

  @state() private status: '' | AnnouncementState = '';

  readonly #list = this.pagedList({
    action: 'adminAnnouncements',
    args: () => [this.status, this.pageSize],
    fetch: (admin, [status, limit], page) =>
      admin.announcements.list({ status: status || undefined, limit, ...page }),
    focus: 'a',
  });

  protected override render() {
    const canWrite = this.can(routes.createAnnouncement);
    return html`<div class="page" lang=${this.textLang}>
      <div class="page-header">
        <h1 part="heading" tabindex="-1">${this.t('announcementsTitle')}</h1>
        ${
          canWrite
            ? html`<a part="new" class="primary" href=${hashOf('announcement', 'new')}>${this.t('newAnnouncement')}</a>`
            : nothing
        }
      </div>
      <p class="intro">${canWrite ? this.t('announcementsIntro') : this.t('contentReadOnly')}</p>
      ${this.renderMessages()}
      ${statusFilter<AnnouncementState>({
        label: this.t('announcementsTitle'),
        statusLabel: this.t('status'),
        value: this.status,
        options: [
          { value: '', label: this.t('allStatuses') },
          { value: 'draft', label: this.t('announcementDrafts') },
          { value: 'scheduled', label: this.t('announcementScheduled') },
          { value: 'published', label: this.t('announcementPublished') },
        ],
        onChange: (status) => {
          this.status = status;
        },
      })}
      ${this.renderTask(this.#list.task, this.#list.items, (items) => this.#renderTable(items))}
    </div>`;
  }

  #renderTable(items: AdminAnnouncement[]) {
    if (!items.length) {
      return html`<p part="empty" class="empty">
        ${this.t(this.status ? 'noAnnouncementsMatch' : 'noAnnouncements')}
      </p>`;
    }
    const lang = this.resolvedLocale;
    const when = (iso: string) => formatInZone(lang, iso, this.timeZone);
    const now = this.now();
    return html`${dataTable({
      label: this.t('announcementsTitle'),
      caption: this.t('announcementsTitle'),
      busy: this.#list.pending,
      columns: [
        this.t('announcementTitle'),
        this.t('status'),
        this.t('announcementMailed'),
        this.t('contentUpdated'),
      ],
      rows: items.map(
        (a) => html`<tr>
          <td><a href=${hashOf('announcement', a.id)}>${a.title}</a> <span class="muted mono block">${a.slug}</span></td>
          <td>${announcementBadge(this.t, a, announcementState(a, now), when)}</td>
          <td>
            ${
              a.emailedAt
                ? this.t('mailedTo', { count: a.emailRecipients ?? 0, date: when(a.emailedAt) })
                : html`<span class="muted">${this.t('notMailed')}</span>`
            }
          </td>
          <td>${when(a.updatedAt)}</td>
        </tr>`,
      ),
    })}
    ${this.renderMore(this.#list)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-announcements': PortalAdminAnnouncements;
  }
}
