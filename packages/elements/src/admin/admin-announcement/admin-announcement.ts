import type { AdminAnnouncement, AnnouncementUpdate } from '@portico/sdk/admin';
import { contentAdminRoutes as routes, settingsRoutes } from '@portico/sdk/contract';
import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { submitButton } from '../../lib/form.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { AdminElement } from '../lib/admin-element.js';
import {
  announcementBadge,
  announcementState,
  portalAnnouncementUrl,
  portalUrlOf,
  slugify,
} from '../lib/content-labels.js';
import { contentStyles } from '../lib/content-styles.js';
import { addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import { markdownError } from '../lib/markdown-editor.js';
import { hashOf } from '../lib/routes.js';
import { adminStyles, recordHeadStyles } from '../lib/styles.js';
import { UnsavedGuard } from '../lib/unsaved-guard.js';
import { browserTimeZone, formatInZone, isoToZoned, timeZoneName, zonedToIso } from '../lib/zoned-time.js';

addAdminMessages('en', en.common, en.content);
addAdminMessages('es', es.common, es.content);

const FIELDS = ['title', 'slug', 'body', 'publishedAt'];
const BODY_MAX = 100_000;

/** How the announcement is to be published: kept as it is (published), a draft, now, or at a time. */
type Publish = 'keep' | 'draft' | 'now' | 'schedule';

interface Loaded {
  announcement: AdminAnnouncement | null;
  portal: string | null;
}

/**
 * One announcement (`#/announcements/<id>`), or a new one (`#/announcements/new`, no `announcement-id`): title,
 * slug (made from the title until typed), body in Markdown with the server's preview, and how it is published: a
 * draft, published now, or scheduled at a date and time typed in the staff member's time zone (`time-zone`, else
 * the browser's; sent in UTC). A published announcement can be mailed to every client once: a dialog says so
 * before it goes, then the page says to how many people and when. The button says why it is not offered when the
 * announcement is not yet published or was already mailed. Billing staff read only.
 *
 * @summary Announcement editor: publish, schedule, mail to clients.
 *
 * @attr announcement-id - The announcement's id; none for a new one.
 * @attr time-zone - The IANA time zone times are typed and shown in; else the browser's.
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 *
 * @csspart heading - The page heading (the announcement's title).
 * @csspart form - The announcement form.
 * @csspart field - A label, input, hint and error.
 * @csspart publish - The publishing choice.
 * @csspart mailing - The "Mail to clients" section.
 * @csspart mail - The "Mail to clients" button.
 * @csspart view - The "View on portal" link.
 * @csspart delete - The "Delete announcement" button.
 * @csspart badge - The announcement's state.
 * @csspart dialog - The confirmation dialog.
 * @csspart loading - Shown while the announcement loads.
 * @csspart load-error - Shown when the announcement could not be loaded.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-announcement')
export class PortalAdminAnnouncement extends AdminElement {
  static override styles = [hostStyles, formStyles, adminStyles, recordHeadStyles, contentStyles];

  /** The announcement's id; empty for a new one. */
  @property({ attribute: 'announcement-id' }) announcementId = '';

  /** The IANA time zone times are typed and shown in. */
  @property({ attribute: 'time-zone' }) timeZone = browserTimeZone();

  /** The time now, in milliseconds ("Publish now", and whether a time is in the future). */
  @property({ attribute: false }) now: () => number = () => Date.now();

  @state() private loaded?: Loaded;
  @state() private slugTyped = false;

  readonly #guard = new UnsavedGuard(this, () => this.#dirty());

  readonly #load = this.loadTask(
    'adminAnnouncement',
    () => [this.announcementId],
    async (admin, [id]) => {
      const [announcement, portal] = await Promise.all([
        id ? admin.announcements.get(id) : Promise.resolve(null),
        portalUrlOf(admin, this.can(settingsRoutes.get)),
      ]);
      return { announcement, portal } satisfies Loaded;
    },
    (loaded) => {
      this.loaded = loaded;
      this.#settle(loaded.announcement);
    },
  );

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const before = changed.get('announcementId');
    if (before !== undefined && this.loaded?.announcement?.id !== this.announcementId)
      this.loaded = undefined;
  }

  protected override render() {
    const a = this.loaded?.announcement;
    const creating = !this.announcementId;
    const lang = this.resolvedLocale;
    return html`<div class="page" lang=${this.textLang}>
      <p class="back"><a href=${hashOf('announcements')}>${this.t('backToAnnouncements')}</a></p>
      <div class="title">
        <h1 part="heading" tabindex="-1">
          ${a?.title ?? (creating ? this.t('newAnnouncement') : this.t('announcementTitle'))}
        </h1>
        ${a ? announcementBadge(this.t, a, announcementState(a, this.now()), (iso) => formatInZone(lang, iso, this.timeZone)) : nothing}
      </div>
      ${this.#canSave() ? nothing : html`<p class="intro">${this.t('contentReadOnly')}</p>`}
      ${this.renderMessages()}
      ${this.renderTask(this.#load, this.loaded, (l) =>
        creating || l.announcement ? [this.#renderForm(l), this.#renderMailing(l)] : nothing,
      )}
      ${this.renderConfirm()}
    </div>`;
  }

  #canSave() {
    return this.can(this.announcementId ? routes.updateAnnouncement : routes.createAnnouncement);
  }

  #renderForm(l: Loaded) {
    const canSave = this.#canSave();
    const a = l.announcement;
    return html`<form part="form" class="card" novalidate aria-labelledby="announcement-form-title" aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#save}>
      <h2 id="announcement-form-title" class="sr-only">${this.t('announcementDetails')}</h2>
      <fieldset class="page" ?disabled=${!canSave}>
        <legend class="sr-only">${this.t('announcementDetails')}</legend>
        ${this.textInput('title', this.t('announcementTitle'), { required: true, maxlength: 200, onInput: this.#onTitleInput })}
        ${this.textInput('slug', this.t('contentSlug'), { maxlength: 80, hint: this.t(a ? 'contentSlugEditHint' : 'contentSlugHint'), onInput: this.#onSlugInput })}
      </fieldset>
      ${this.markdownInput('body', this.t('announcementBody'), { maxlength: BODY_MAX, readonly: !canSave })}
      ${this.#renderPublish(a, canSave)}
      <div class="actions">
        ${canSave ? submitButton(a ? this.t('saveChanges') : this.t('createAnnouncement'), this.busy) : nothing}
        ${
          a && l.portal && announcementState(a, this.now()) === 'published'
            ? html`<a part="view" class="secondary" href=${portalAnnouncementUrl(l.portal, a.slug)} target="_blank" rel="noopener noreferrer">
                ${this.t('contentViewOnPortal')}<span class="sr-only"> ${this.t('contentOpensInNewTab')}</span>
              </a>`
            : nothing
        }
        ${
          a && this.can(routes.deleteAnnouncement)
            ? html`<button part="button delete" class="secondary danger" type="button" ?disabled=${this.busy} @click=${this.#remove}>
                ${this.t('deleteAnnouncement')}
              </button>`
            : nothing
        }
      </div>
    </form>`;
  }

  #renderPublish(a: AdminAnnouncement | null, canSave: boolean) {
    const lang = this.resolvedLocale;
    const choice = (this.values.publish ?? 'draft') as Publish;
    const published =
      a?.publishedAt && announcementState(a, this.now()) === 'published' ? a.publishedAt : null;
    const options: { value: Publish; label: string }[] = [
      { value: 'draft', label: this.t(published ? 'publishUnpublish' : 'publishDraft') },
      published
        ? {
            value: 'keep',
            label: this.t('publishKeep', { date: formatInZone(lang, published, this.timeZone) }),
          }
        : { value: 'now', label: this.t('publishNow') },
      { value: 'schedule', label: this.t('publishSchedule') },
    ];
    const error = this.fieldErrors.publishAt;
    const zoneHint = this.t('contentTimesInZone', { zone: timeZoneName(lang, this.timeZone, this.now()) });
    return html`<fieldset part="publish" ?disabled=${!canSave}>
      <legend>${this.t('announcementPublishing')}</legend>
      ${options.map(
        (o) => html`<div class="check">
          <input
            type="radio"
            id=${`publish-${o.value}`}
            name="publish"
            value=${o.value}
            .checked=${choice === o.value}
            @change=${this.onInput}
          />
          <label for=${`publish-${o.value}`}>${o.label}</label>
        </div>`,
      )}
      ${
        choice === 'schedule'
          ? this.textInput('publishAt', this.t('publishAt'), {
              type: 'datetime-local',
              required: true,
              hint: zoneHint,
              error,
            })
          : nothing
      }
    </fieldset>`;
  }

  #renderMailing(l: Loaded) {
    const a = l.announcement;
    if (!a) return nothing;
    const lang = this.resolvedLocale;
    const when = (iso: string) => formatInZone(lang, iso, this.timeZone);
    const state = announcementState(a, this.now());
    const mayMail = this.can(routes.mailAnnouncement);
    let reason = '';
    if (a.emailedAt) reason = this.t('mailAlreadySent');
    else if (state === 'draft') reason = this.t('mailNeedsPublish');
    else if (state === 'scheduled' && a.publishedAt)
      reason = this.t('mailWhenPublished', { date: when(a.publishedAt) });
    else if (this.#dirty()) reason = this.t('mailSaveFirst');
    return html`<section part="mailing" class="card" aria-labelledby="mailing-title">
      <h2 id="mailing-title" tabindex="-1">${this.t('mailToClients')}</h2>
      <p>
        ${
          a.emailedAt
            ? this.t('mailedTo', { count: a.emailRecipients ?? 0, date: when(a.emailedAt) })
            : this.t('mailIntro')
        }
      </p>
      ${
        mayMail
          ? html`<div class="actions">
              <button
                part="button mail"
                class="secondary"
                type="button"
                ?disabled=${this.busy || !!reason}
                aria-describedby=${reason ? 'mail-reason' : nothing}
                @click=${this.#mail}
              >
                ${this.t('mailToClients')}
              </button>
              ${reason ? html`<p class="reason" id="mail-reason">${reason}</p>` : nothing}
            </div>`
          : nothing
      }
    </section>`;
  }

  #settle(a: AdminAnnouncement | null) {
    this.slugTyped = !!a;
    const state = a ? announcementState(a, this.now()) : 'draft';
    this.values = {
      title: a?.title ?? '',
      slug: a?.slug ?? '',
      body: a?.body ?? '',
      publish: state === 'published' ? 'keep' : state === 'scheduled' ? 'schedule' : 'draft',
      publishAt: state === 'scheduled' ? isoToZoned(a?.publishedAt, this.timeZone) : '',
    };
    this.fieldErrors = {};
  }

  #onTitleInput = (event: Event) => {
    this.onInput(event);
    if (!this.slugTyped) this.values = { ...this.values, slug: slugify(this.values.title ?? '') };
  };

  #onSlugInput = (event: Event) => {
    this.onInput(event);
    this.slugTyped = (this.values.slug ?? '') !== '';
  };

  /** What the form holds as the API takes it (`publishedAt` left out to keep it), and what is wrong with it. */
  #read(): { input: AnnouncementUpdate; errors: Record<string, string> } {
    const v = (name: string) => (this.values[name] ?? '').trim();
    const errors: Record<string, string> = {};
    if (!v('title')) errors.title = this.t('errorRequired');
    const slug = v('slug').toLowerCase();
    if (slug && slugify(slug) !== slug) errors.slug = this.t('contentErrorSlug');
    const body = this.values.body ?? '';
    const bodyError = markdownError(this.t, this.resolvedLocale, body, BODY_MAX, 'contentErrorWriteText');
    if (bodyError) errors.body = bodyError;
    const input: AnnouncementUpdate = { title: v('title'), body, ...(slug ? { slug } : {}) };
    switch ((this.values.publish ?? 'draft') as Publish) {
      case 'draft':
        input.publishedAt = null;
        break;
      case 'now':
        input.publishedAt = new Date(this.now()).toISOString();
        break;
      case 'schedule': {
        const at = zonedToIso(v('publishAt'), this.timeZone);
        if (!at) errors.publishAt = this.t('contentErrorPickTime');
        else if (Date.parse(at) <= this.now()) errors.publishAt = this.t('contentErrorFutureTime');
        else input.publishedAt = at;
        break;
      }
    }
    return { input, errors };
  }

  #changes(input: AnnouncementUpdate): AnnouncementUpdate {
    const a = this.loaded?.announcement;
    if (!a) return input;
    const same = (key: keyof AnnouncementUpdate) =>
      key === 'publishedAt'
        ? (input.publishedAt ?? null) === a.publishedAt ||
          (!!input.publishedAt &&
            !!a.publishedAt &&
            Date.parse(input.publishedAt) === Date.parse(a.publishedAt))
        : input[key] === a[key];
    return Object.fromEntries(
      Object.entries(input).filter(([key]) => !same(key as keyof AnnouncementUpdate)),
    ) as AnnouncementUpdate;
  }

  #dirty(): boolean {
    if (!this.loaded || !this.#canSave()) return false;
    const { input } = this.#read();
    if (!this.loaded.announcement) return Boolean(input.title || input.body?.trim());
    // "Publish now" is a change whatever the time it is compared at.
    return this.values.publish === 'now' || Object.keys(this.#changes(input)).length > 0;
  }

  #save = async (event: SubmitEvent) => {
    event.preventDefault();
    const { input, errors } = this.#read();
    if (!this.showFieldErrors(errors)) return;
    const a = this.loaded?.announcement;
    const changes = this.#changes(input);
    if (a && !Object.keys(changes).length) {
      this.notice = this.t('nothingChanged');
      return;
    }
    const fieldOf = (path: string) =>
      path === 'publishedAt' ? 'publishAt' : FIELDS.includes(path) ? path : undefined;
    const done = await this.attemptResult(
      a ? 'adminUpdateAnnouncement' : 'adminCreateAnnouncement',
      fieldOf,
      (admin) =>
        a
          ? admin.announcements.update(a.id, changes)
          : admin.announcements.create({ ...input, title: input.title ?? '', body: input.body ?? '' }),
    );
    if (!done) {
      this.showConflictBeside('slug', this.t('contentSlugTaken'));
      return;
    }
    if (this.loaded) this.loaded = { ...this.loaded, announcement: done };
    this.#settle(done);
    const state = announcementState(done, this.now());
    const lang = this.resolvedLocale;
    this.notice =
      state === 'scheduled' && done.publishedAt
        ? this.t('announcementScheduledNotice', {
            title: done.title,
            date: formatInZone(lang, done.publishedAt, this.timeZone),
          })
        : this.t(state === 'published' ? 'announcementPublishedNotice' : 'announcementSavedNotice', {
            title: done.title,
          });
    if (!a) {
      this.announcementId = done.id;
      location.hash = hashOf('announcement', done.id);
    }
  };

  #mail = async () => {
    const a = this.loaded?.announcement;
    if (!a) return;
    const ok = await this.confirmAction({
      title: this.t('mailConfirmTitle', { title: a.title }),
      body: this.t('mailConfirmBody'),
      confirm: this.t('mailToClients'),
    });
    if (!ok) return;
    const idempotencyKey = crypto.randomUUID();
    const sent = await this.attemptResult('adminMailAnnouncement', [], (admin) =>
      admin.announcements.mail(a.id, { idempotencyKey }),
    );
    if (!sent) {
      // Someone else mailed it, or it is no longer published: show it as it is now.
      if (this.failedWith(409)) await this.#load.run();
      void this.#focusMailing();
      return;
    }
    if (this.loaded) {
      this.loaded = {
        ...this.loaded,
        announcement: { ...a, emailedAt: sent.emailedAt, emailRecipients: sent.recipients },
      };
    }
    this.notice = this.t('mailedTo', {
      count: sent.recipients,
      date: formatInZone(this.resolvedLocale, sent.emailedAt, this.timeZone),
    });
    void this.#focusMailing();
  };

  /** Gives focus back to "Mail to clients" (disabled while sending, which drops it), else to its section's heading. */
  async #focusMailing() {
    await this.updateComplete;
    const button = this.renderRoot.querySelector<HTMLButtonElement>('[part~="mail"]');
    (button && !button.disabled
      ? button
      : this.renderRoot.querySelector<HTMLElement>('#mailing-title')
    )?.focus();
  }

  #remove = async () => {
    const a = this.loaded?.announcement;
    if (!a) return;
    const ok = await this.confirmAction({
      title: this.t('deleteAnnouncementTitle', { title: a.title }),
      body: this.t('deleteAnnouncementBody'),
      confirm: this.t('contentDelete'),
      danger: true,
    });
    if (!ok) return;
    const done = await this.attempt('adminDeleteAnnouncement', [], (admin) =>
      admin.announcements.delete(a.id),
    );
    if (!done) return;
    this.#guard.release();
    location.hash = hashOf('announcements');
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-announcement': PortalAdminAnnouncement;
  }
}
