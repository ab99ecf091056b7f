import { initialState, Task, TaskStatus } from '@lit/task';
import type { AnnouncementSummary } from '@portico/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { accountLoadError } from '../../lib/account-element.js';
import { accountStyles } from '../../lib/account-styles.js';
import { followInPageLink } from '../../lib/content.js';
import { PortalErrorEvent } from '../../lib/events.js';
import { formatDate } from '../../lib/format.js';
import { followHash, hashId } from '../../lib/hash.js';
import { isNotFound } from '../../lib/load-error.js';
import { loadMoreButton } from '../../lib/load-more.js';
import { addMessages } from '../../lib/localize.js';
import * as contentEn from '../../lib/locales/content-en.js';
import * as contentEs from '../../lib/locales/content-es.js';
import * as en from '../../lib/locales/en.js';
import * as es from '../../lib/locales/es.js';
import { PortalElement } from '../../lib/portal-element.js';
import { isSectionOff, SectionHider } from '../../lib/public-section.js';
import { richText, richTextStyles } from '../../lib/rich-text.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import styles from './announcements.styles.js';

addMessages('en', en.account, contentEn.announcements);
addMessages('es', es.account, contentEs.announcements);

/** `#announcement/<slug>`: one announcement. */
export const ANNOUNCEMENT_HASH = /^#announcement\/([^/?#]+)$/;
/** `#announcements`: the list (what the detail's back link goes to). */
const LIST_HASH = '#announcements';

/**
 * The business's announcements, public: newest first with the date, title and the start of the text, and "Older
 * announcements" to page back. An announcement opens in place with its whole text and a link back to the list.
 *
 * Each view has its own address in the page's hash, so links can be shared and the browser's back button works:
 * `#announcement/<slug>` shows one, `#announcements` (or no hash) the list. With `detail-href`, titles link to
 * `detail-href#announcement/<slug>` instead (a page with its own `<portal-announcements>`). With `limit`, only
 * the latest `limit` are listed, without "Older announcements" (for a sidebar).
 *
 * When the business hides its announcements (the API answers 404), the element hides itself.
 *
 * @summary The announcements list and an announcement's page.
 *
 * @attr limit - Show only the latest N, without paging.
 * @attr page-size - How many each request asks for without `limit` (default 10).
 * @attr detail-href - A page that shows one announcement at `#announcement/<slug>`; titles link there.
 * @attr api - The Portico server's URL, when used without a `<portal-provider>`.
 * @attr mode - Session mode of the standalone client: `cookie` (default) or `token`.
 * @attr lang - Language (`en`, `es`); else the provider's, else the page's.
 * @attr theme - `light` or `dark` to force a colour scheme.
 *
 * @csspart base - The box around everything.
 * @csspart heading - The heading (the list's, or the announcement's title).
 * @csspart list - The list of announcements.
 * @csspart item - One announcement in the list.
 * @csspart link - An announcement's title link.
 * @csspart date - A publication date.
 * @csspart excerpt - The start of an announcement's text.
 * @csspart more - "Older announcements" (also `button`).
 * @csspart back - The link back to the list.
 * @csspart announcement - The open announcement.
 * @csspart content - Its text.
 * @csspart empty - No announcements.
 * @csspart not-found - An announcement that does not exist.
 * @csspart button - Buttons.
 * @csspart error - The alert (also `alert`).
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 * @csspart loading - Shown while loading.
 * @csspart load-error - Shown when something could not be loaded.
 * @csspart retry - "Try again" after a failed load.
 *
 * @cssproperty [--portal-announcements-width=48rem] - Maximum width.
 * @cssproperty --portal-announcements-padding - Padding inside the box.
 * @cssproperty --portal-announcements-background - Background; falls back to `--portal-color-surface`.
 * @cssproperty --portal-announcements-border - Border; falls back to a 1px `--portal-color-border` line.
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-announcements')
export class PortalAnnouncements extends PortalElement {
  static override styles = [hostStyles, formStyles, accountStyles, richTextStyles, styles];

  /** Show only the latest N, without paging. */
  @property({ type: Number }) limit?: number;

  /** Announcements per page. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 10;

  /** A page showing one announcement at `#announcement/<slug>`. */
  @property({ attribute: 'detail-href' }) detailHref?: string;

  @state() private items?: AnnouncementSummary[];
  @state() private nextCursor: string | null = null;
  /** The slug of the announcement shown instead of the list. */
  @state() private openSlug?: string;

  readonly #hider = new SectionHider(this);
  /** The announcement last open, whose link gets the focus back in the list. */
  #cameFrom: string | undefined;
  #focus: 'heading' | 'item' | undefined;

  /** The list: also the section's probe (a 404 says it is off). */
  readonly #list = new Task(this, {
    args: () => [this.client, this.#limit] as const,
    task: async ([client, limit]) => (client ? client.announcements.list({ limit }) : initialState),
    // Only the newest load's answer is shown (an older one answering late is dropped).
    onComplete: (page) => {
      this.items = page.items;
      this.nextCursor = this.limit ? null : page.nextCursor;
      this.#hider.hide(false);
    },
    onError: (error) => {
      if (isSectionOff(error)) this.#hider.hide(true);
      else this.emit(new PortalErrorEvent({ action: 'announcements', error }));
    },
  });

  readonly #detail = new Task(this, {
    args: () => [this.client, this.openSlug ?? ''] as const,
    task: async ([client, slug]) => (client && slug ? client.announcements.get(slug) : initialState),
    onError: (error) => {
      if (!isNotFound(error)) {
        this.emit(new PortalErrorEvent({ action: 'announcement', error }));
      }
    },
  });

  get #limit(): number {
    const limit = this.limit && this.limit > 0 ? Math.min(Math.floor(this.limit), 100) : undefined;
    return limit ?? this.pageSize;
  }

  constructor() {
    super();
    followHash(
      this,
      () => this.#onHash(),
      () => {
        if (!this.detailHref) this.openSlug = hashId(ANNOUNCEMENT_HASH);
      },
    );
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const focus = this.#focus;
    if (!focus) return;
    const target =
      focus === 'heading'
        ? this.renderRoot.querySelector<HTMLElement>('[part~="announcement"] [part~="heading"]')
        : this.renderRoot.querySelector<HTMLElement>(`[data-slug="${CSS.escape(this.#cameFrom ?? '')}"]`);
    if (target) {
      this.#focus = undefined;
      target.focus();
    }
  }

  protected override render() {
    const content = this.#renderContent();
    // A hidden section renders nothing at all.
    return html`<div part="base" class="base" lang=${this.textLang} @click=${this.#onClick}>
      ${content} ${content === nothing ? nothing : this.renderMessages()}
    </div>`;
  }

  #renderContent(): unknown {
    if (!this.client) return html`<p part="load-error" class="load-error">${this.t('notConfigured')}</p>`;
    const list = this.#list;
    if (list.status === TaskStatus.ERROR) {
      return isSectionOff(list.error) ? nothing : accountLoadError(list.error, () => void list.run(), this.t);
    }
    if (!this.items) return this.renderLoading();
    return this.openSlug ? this.#renderDetail() : this.#renderList(this.items);
  }

  #renderList(items: AnnouncementSummary[]): TemplateResult {
    const lang = this.resolvedLocale;
    return html`<h2 part="heading" class="title">${this.t('annTitle')}</h2>
      ${
        !items.length
          ? html`<p part="empty" class="empty">${this.t('annEmpty')}</p>`
          : html`<ul part="list" class="list" role="list">
              ${items.map(
                (a) => html`<li part="item" class="item">
                  <h3>
                    <a
                      part="link"
                      href=${this.#href(a.slug)}
                      data-slug=${a.slug}
                      >${a.title}</a
                    >
                  </h3>
                  <p part="date" class="muted">
                    <time datetime=${a.publishedAt}>${formatDate(lang, a.publishedAt)}</time>
                  </p>
                  ${a.excerpt ? html`<p part="excerpt" class="excerpt">${a.excerpt}</p>` : nothing}
                </li>`,
              )}
            </ul>`
      }
      ${loadMoreButton(this.nextCursor, this.busy, this.t('annLoadMore'), this.#loadMore)}`;
  }

  #renderDetail(): unknown {
    const task = this.#detail;
    const back = html`<a part="back" class="back" href=${LIST_HASH}>
      <span aria-hidden="true">←</span> ${this.t('annBack')}
    </a>`;
    if (task.status === TaskStatus.ERROR) {
      return isNotFound(task.error)
        ? html`${back}
            <p part="not-found" class="empty">${this.t('annMissing')}</p>`
        : html`${back} ${accountLoadError(task.error, () => void task.run(), this.t)}`;
    }
    const announcement = task.status === TaskStatus.COMPLETE ? task.value : undefined;
    if (!announcement) return html`${back} ${this.renderLoading()}`;
    const titleId = `announcement-${announcement.id}`;
    return html`${back}
      <article part="announcement" class="announcement" aria-labelledby=${titleId}>
        <h2 part="heading" class="title" id=${titleId} tabindex="-1">${announcement.title}</h2>
        <p part="date" class="muted">
          <time datetime=${announcement.publishedAt}
            >${this.t('annPublished', { date: formatDate(this.resolvedLocale, announcement.publishedAt) })}</time
          >
        </p>
        <div part="content" class="rich">${richText(announcement.html)}</div>
      </article>`;
  }

  /** Where a title links: `detail-href#announcement/<slug>`, else this page's hash. */
  #href(slug: string): string {
    const base = this.detailHref ? this.detailHref.split('#')[0] : '';
    return `${base}#announcement/${encodeURIComponent(slug)}`;
  }

  #onClick = (event: MouseEvent) => followInPageLink(event, this.renderRoot as ShadowRoot);

  #onHash = () => {
    if (this.detailHref) return;
    const slug = hashId(ANNOUNCEMENT_HASH);
    if (slug) {
      if (slug === this.openSlug) return;
      this.openSlug = slug;
      this.#focus = 'heading';
    } else if (this.openSlug && (location.hash === LIST_HASH || !location.hash)) {
      this.#cameFrom = this.openSlug;
      this.openSlug = undefined;
      this.#focus = 'item';
    }
  };

  #loadMore = async () => {
    const cursor = this.nextCursor;
    if (!cursor) return;
    const list = this.items;
    const shown = list?.length ?? 0;
    const ok = await this.attempt('announcementsMore', [], async (client) => {
      const page = await client.announcements.list({ limit: this.pageSize, cursor });
      // The list was loaded again meanwhile (another page size, client or limit): this page is not its next.
      if (this.items !== list) return;
      this.items = [...(list ?? []), ...page.items];
      this.nextCursor = page.nextCursor;
    });
    const first = this.items?.[shown];
    if (ok && first) void this.focusPart(`[data-slug="${CSS.escape(first.slug)}"]`);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-announcements': PortalAnnouncements;
  }
}
