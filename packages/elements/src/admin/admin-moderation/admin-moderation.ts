import { initialState } from '@lit/task';
import type { AdminComment, AdminGroup, AdminPost, AdminPostSummary } from '@portico/sdk/admin';
import { communitiesAdminRoutes as routes } from '@portico/sdk/contract';
import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { rowButton } from '../../lib/form.js';
import { formatDateTime } from '../../lib/format.js';
import { richText, richTextStyles } from '../../lib/rich-text.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { AdminElement } from '../lib/admin-element.js';
import { banDialog, closeBanDialog } from '../lib/ban-dialog.js';
import { moderationBadges } from '../lib/community-labels.js';
import { contentStyles } from '../lib/content-styles.js';
import { selectField } from '../lib/form.js';
import { type AdminMessageKey, addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import { adminStyles, recordHeadStyles } from '../lib/styles.js';
import { dataTable } from '../lib/table.js';
import styles from './admin-moderation.styles.js';

addAdminMessages('en', en.common, en.communities);
addAdminMessages('es', es.common, es.communities);

/** Who the ban dialog is about, and where they are banned from. */
interface BanTarget {
  userId: string;
  name: string;
  groupId: string;
  groupName: string;
}

const postHash = (postId: string) => `#/moderation/${encodeURIComponent(postId)}`;

/**
 * Moderation of the community groups. Without `post-id` (`#/moderation`): the posts of every group, latest
 * activity first, filtered by group and by status (visible or hidden) and paged with "Load more", each opening
 * `#/moderation/<postId>`. With it: the post as the server rendered it (put in the page through the console's
 * sanitizer, never as raw HTML) with every comment, hidden ones included and marked; staff pin or unpin, hide or
 * unhide and remove (after confirming) the post, hide, unhide or remove each comment, and ban the author of the
 * post or of a comment from the post's group (with an optional reason).
 *
 * @summary Moderation: posts of all groups; one post with its comments and the moderation actions.
 *
 * @attr post-id - The post to show; none for the list.
 * @attr page-size - How many posts each request asks for (default 25).
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 *
 * @csspart heading - The page heading (the post's title on a post).
 * @csspart filters - The group and status filters.
 * @csspart field - A label, input, hint and error.
 * @csspart table - The posts table.
 * @csspart details - The post's group, author and dates.
 * @csspart actions - The post's moderation buttons.
 * @csspart post - The post's rendered text.
 * @csspart comments - The list of comments.
 * @csspart comment - One comment (`hidden` too when hidden).
 * @csspart badge - A "Pinned" or "Hidden" label.
 * @csspart empty - Shown when there are no posts (or none match) or no comments.
 * @csspart more - The "Load more" button.
 * @csspart dialog - The confirmation and ban dialogs.
 * @csspart loading - Shown while something loads.
 * @csspart load-error - Shown when the list or the post could not be loaded.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-moderation')
export class PortalAdminModeration extends AdminElement {
  static override styles = [
    hostStyles,
    formStyles,
    adminStyles,
    recordHeadStyles,
    contentStyles,
    richTextStyles,
    styles,
  ];

  /** The post to show; empty for the list of posts. */
  @property({ attribute: 'post-id' }) postId = '';

  /** How many posts each request asks for. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 25;

  @state() private post?: AdminPost;
  @state() private groupFilter = '';
  @state() private statusFilter: '' | 'visible' | 'hidden' = '';
  @state() private banning?: BanTarget;

  #banTrigger: HTMLElement | null = null;

  readonly #groups = this.loadTask(
    'adminCommunityGroups',
    () => [],
    async (admin): Promise<AdminGroup[]> => (await admin.communities.groups()).items,
  );

  readonly #posts = this.pagedList({
    action: 'adminCommunityPosts',
    args: () => [!this.postId, this.groupFilter, this.statusFilter, this.pageSize],
    // The list is asked for only while it shows.
    fetch: (admin, [shown, groupId, status, limit], page) =>
      shown
        ? admin.communities.posts({
            groupId: groupId || undefined,
            status: status || undefined,
            limit,
            ...page,
          })
        : Promise.resolve({ items: [], nextCursor: null }),
    focus: 'a',
  });

  readonly #post = this.loadTask(
    'adminCommunityPost',
    () => [this.postId],
    (admin, [id]) => (id ? admin.communities.post(id) : Promise.resolve(initialState)),
    (post) => {
      this.post = post;
    },
  );

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('postId') && changed.get('postId') !== undefined && this.post?.id !== this.postId) {
      this.post = undefined;
      this.banning = undefined;
    }
  }

  protected override render() {
    return html`<div class="page" lang=${this.textLang}>
      ${this.postId ? this.#renderPostPage() : this.#renderList()} ${this.#renderBan()} ${this.renderConfirm()}
    </div>`;
  }

  // --- The list ---

  #renderList() {
    const groups = this.#groups.value ?? [];
    return html`<div class="page-header">
        <h1 part="heading" tabindex="-1">${this.t('cmyModTitle')}</h1>
      </div>
      <p class="intro">${this.t('cmyModIntro')}</p>
      ${this.renderMessages()}
      <section class="card" aria-labelledby="posts-title">
        <h2 id="posts-title">${this.t('cmyPosts')}</h2>
        <form part="filters" class="toolbar" role="search" aria-label=${this.t('cmyPosts')} @submit=${(e: Event) => e.preventDefault()}>
          ${selectField({
            name: 'group',
            label: this.t('cmyGroup'),
            value: this.groupFilter,
            options: [
              { value: '', label: this.t('cmyAllGroups') },
              ...groups.map((g) => ({ value: g.id, label: g.name })),
            ],
            onChange: (e) => {
              this.groupFilter = (e.target as HTMLSelectElement).value;
            },
          })}
          ${selectField({
            name: 'status',
            label: this.t('status'),
            value: this.statusFilter,
            options: [
              { value: '', label: this.t('allStatuses') },
              { value: 'visible', label: this.t('cmyVisible') },
              { value: 'hidden', label: this.t('cmyHidden') },
            ],
            onChange: (e) => {
              this.statusFilter = (e.target as HTMLSelectElement).value as '' | 'visible' | 'hidden';
            },
          })}
        </form>
        ${this.renderTask(this.#posts.task, this.#posts.items, (items) => this.#renderPosts(items))}
      </section>`;
  }

  #renderPosts(items: AdminPostSummary[]) {
    if (!items.length) {
      const filtered = this.groupFilter || this.statusFilter;
      return html`<p part="empty" class="empty">${this.t(filtered ? 'cmyNoPostsMatch' : 'cmyNoPosts')}</p>`;
    }
    const lang = this.resolvedLocale;
    return html`${dataTable({
      label: this.t('cmyPostsTable'),
      caption: this.t('cmyPostsTable'),
      busy: this.#posts.pending,
      columns: [
        this.t('cmyModPost'),
        this.t('cmyGroup'),
        this.t('cmyAuthor'),
        this.t('status'),
        { label: this.t('cmyComments'), numeric: true },
        { label: this.t('cmyLikes'), numeric: true },
        this.t('cmyLastActivity'),
      ],
      rows: items.map(
        (p) => html`<tr>
          <td>
            <a href=${postHash(p.id)}>${p.title}</a>
            <span class="muted block excerpt">${p.excerpt}</span>
          </td>
          <td>${p.groupName}</td>
          <td>${p.author.name}</td>
          <td>
            <span class="badges">
              ${p.status === 'visible' && !p.pinned ? html`<span class="muted">${this.t('cmyVisible')}</span>` : nothing}
              ${moderationBadges(this.t, p)}
            </span>
          </td>
          <td class="num">${p.commentCount}</td>
          <td class="num">${p.likeCount}</td>
          <td>${formatDateTime(lang, p.lastActivityAt)}</td>
        </tr>`,
      ),
    })}
    ${this.renderMore(this.#posts)}`;
  }

  // --- One post ---

  #renderPostPage() {
    const p = this.post;
    return html`<p class="back"><a href="#/moderation">${this.t('cmyBackToPosts')}</a></p>
      <div class="title">
        <h1 part="heading" tabindex="-1">${p?.title ?? this.t('cmyModPost')}</h1>
        ${p ? html`<span class="badges">${moderationBadges(this.t, p)}</span>` : nothing}
      </div>
      ${this.renderMessages()} ${this.renderTask(this.#post, p, (post) => this.#renderPost(post))}`;
  }

  #renderPost(p: AdminPost) {
    const lang = this.resolvedLocale;
    return html`<section part="details" class="card" aria-labelledby="post-details-title">
        <h2 id="post-details-title" class="sr-only">${this.t('cmyPostDetails')}</h2>
        <dl>
          <dt>${this.t('cmyGroup')}</dt>
          <dd>${p.groupName}</dd>
          <dt>${this.t('cmyAuthor')}</dt>
          <dd>${p.author.name} <span class="muted">${p.author.email}</span></dd>
          <dt>${this.t('cmyPosted')}</dt>
          <dd>${formatDateTime(lang, p.createdAt)}</dd>
          <dt>${this.t('cmyLikes')}</dt>
          <dd>${p.likeCount}</dd>
        </dl>
        <div part="actions" class="actions" role="group" aria-label=${this.t('cmyModActions')}>
          <button part="button pin" class="secondary" type="button" ?disabled=${this.busy} @click=${() => this.#moderate(p, p.pinned ? 'unpin' : 'pin')}>
            ${this.t(p.pinned ? 'cmyUnpin' : 'cmyPin')}
          </button>
          <button part="button hide" class="secondary" type="button" ?disabled=${this.busy} @click=${() => this.#moderate(p, p.status === 'hidden' ? 'unhide' : 'hide')}>
            ${this.t(p.status === 'hidden' ? 'cmyUnhide' : 'cmyHide')}
          </button>
          ${
            this.can(routes.memberAction)
              ? html`<button part="button ban" class="secondary danger" type="button" ?disabled=${this.busy} @click=${(e: Event) => this.#askBan(e, p, p.author)}>
                  ${this.t('cmyBanAuthor')}
                </button>`
              : nothing
          }
          <button part="button remove" class="secondary danger" type="button" ?disabled=${this.busy} @click=${() => this.#removePost(p)}>
            ${this.t('cmyRemovePost')}
          </button>
        </div>
      </section>
      <article class="card" aria-labelledby="post-text-title">
        <h2 id="post-text-title" class="sr-only">${p.title}</h2>
        ${p.status === 'hidden' ? html`<p class="hidden-label">${this.t('cmyHiddenLabel')}</p>` : nothing}
        <div part="post" class="rich">${richText(p.html)}</div>
      </article>
      <section class="comments-section" aria-labelledby="comments-title">
        <h2 id="comments-title" tabindex="-1">${this.t('cmyComments')} (${p.comments.length})</h2>
        ${
          p.comments.length
            ? html`<ol part="comments" class="comments">
                ${p.comments.map((c) => this.#renderComment(p, c))}
              </ol>`
            : html`<p part="empty" class="empty">${this.t('cmyNoComments')}</p>`
        }
      </section>`;
  }

  #renderComment(p: AdminPost, c: AdminComment) {
    const lang = this.resolvedLocale;
    const hidden = c.status === 'hidden';
    const headingId = `comment-${c.id}`;
    return html`<li part=${hidden ? 'comment hidden' : 'comment'} class=${hidden ? 'comment hidden' : 'comment'}>
      <article aria-labelledby=${headingId}>
        <header class="comment-head">
          <h3 id=${headingId}>${this.t('cmyCommentBy', { name: c.author.name, time: formatDateTime(lang, c.createdAt) })}</h3>
          ${moderationBadges(this.t, c)}
          ${c.editedAt ? html`<span class="muted">${this.t('cmyEditedAt', { time: formatDateTime(lang, c.editedAt) })}</span>` : nothing}
        </header>
        ${hidden ? html`<p class="hidden-label">${this.t('cmyHiddenLabel')}</p>` : nothing}
        <div class="rich">${richText(c.html)}</div>
        <div class="row-actions">
          ${rowButton({
            part: hidden ? 'unhide' : 'hide',
            text: this.t(hidden ? 'cmyUnhide' : 'cmyHide'),
            ariaLabel: this.t(hidden ? 'cmyUnhideCommentName' : 'cmyHideCommentName', {
              name: c.author.name,
            }),
            disabled: this.busy,
            onClick: () => void this.#moderateComment(c, hidden ? 'unhide' : 'hide'),
          })}
          ${
            this.can(routes.memberAction)
              ? rowButton({
                  part: 'ban',
                  text: this.t('cmyBan'),
                  ariaLabel: this.t('cmyBanCommentAuthorName', { name: c.author.name }),
                  danger: true,
                  disabled: this.busy,
                  onClick: (e) => this.#askBan(e, p, c.author),
                })
              : nothing
          }
          ${rowButton({
            part: 'remove',
            text: this.t('cmyRemove'),
            ariaLabel: this.t('cmyRemoveCommentName', { name: c.author.name }),
            danger: true,
            disabled: this.busy,
            onClick: () => void this.#removeComment(c),
          })}
        </div>
      </article>
    </li>`;
  }

  #renderBan() {
    const b = this.banning;
    if (!b) return nothing;
    return banDialog(this.t, {
      name: b.name,
      group: b.groupName,
      reason: this.values.banReason,
      error: this.fieldErrors.banReason,
      busy: this.busy,
      onInput: this.onInput,
      onSubmit: (event) => void this.#ban(event, b),
      onClose: this.#closeBan,
    });
  }

  async #moderate(p: AdminPost, action: 'pin' | 'unpin' | 'hide' | 'unhide') {
    const updated = await this.attemptResult(`adminModeratePost${action}`, [], (admin) =>
      admin.communities.moderatePost(p.id, { action }),
    );
    if (!updated || updated.id !== this.postId) return;
    this.post = updated;
    const done: Record<typeof action, AdminMessageKey> = {
      pin: 'cmyPinnedNotice',
      unpin: 'cmyUnpinnedNotice',
      hide: 'cmyHiddenNotice',
      unhide: 'cmyUnhiddenNotice',
    };
    this.notice = this.t(done[action], { group: updated.groupName });
    // The pressed button now says the opposite; it keeps focus.
  }

  async #removePost(p: AdminPost) {
    const ok = await this.confirmAction({
      title: this.t('cmyRemovePostTitle', { title: p.title }),
      body: this.t('cmyRemovePostBody'),
      confirm: this.t('cmyRemove'),
      danger: true,
    });
    if (!ok) return;
    const done = await this.attempt('adminRemovePost', [], (admin) => admin.communities.removePost(p.id));
    if (done) location.hash = '#/moderation';
  }

  async #moderateComment(c: AdminComment, action: 'hide' | 'unhide') {
    const updated = await this.attemptResult(`adminModerateComment${action}`, [], (admin) =>
      admin.communities.moderateComment(c.id, { action }),
    );
    if (!updated || updated.id !== this.postId) return;
    this.post = updated;
    this.notice = this.t(action === 'hide' ? 'cmyCommentHidden' : 'cmyCommentUnhidden');
    void this.focusPart(`#comment-${c.id}`);
  }

  async #removeComment(c: AdminComment) {
    const ok = await this.confirmAction({
      title: this.t('cmyRemoveCommentTitle', { name: c.author.name }),
      body: this.t('cmyRemoveCommentBody'),
      confirm: this.t('cmyRemove'),
      danger: true,
    });
    if (!ok) return;
    const updated = await this.attemptResult('adminRemoveComment', [], (admin) =>
      admin.communities.removeComment(c.id),
    );
    if (!updated || updated.id !== this.postId) return;
    this.post = updated;
    this.notice = this.t('cmyCommentRemoved');
    void this.focusPart('#comments-title');
  }

  #askBan(event: Event, p: AdminPost, author: { userId: string; name: string }) {
    this.#banTrigger = event.currentTarget as HTMLElement;
    this.values = { ...this.values, banReason: '' };
    this.fieldErrors = {};
    this.banning = { userId: author.userId, name: author.name, groupId: p.groupId, groupName: p.groupName };
  }

  async #ban(event: SubmitEvent, b: BanTarget) {
    event.preventDefault();
    const reason = (this.values.banReason ?? '').trim();
    if (reason.length > 500) {
      this.showFieldErrors({ banReason: this.t('cmyErrorTooLong', { max: 500 }) });
      return;
    }
    const done = await this.attempt(
      'adminCommunityMemberban',
      (path) => (path === 'reason' ? 'banReason' : undefined),
      (admin) =>
        admin.communities.memberAction(b.groupId, b.userId, { action: 'ban', ...(reason ? { reason } : {}) }),
    );
    if (!done) {
      // The alert is behind the modal dialog: say it in the dialog too.
      if (this.alertMessage && !this.fieldErrors.banReason) {
        this.fieldErrors = { ...this.fieldErrors, banReason: this.alertMessage };
      }
      return;
    }
    closeBanDialog(this.renderRoot);
    this.notice = this.t('cmyBanned', { name: b.name, group: b.groupName });
  }

  #closeBan = async () => {
    this.banning = undefined;
    this.clearError('banReason');
    const back = this.#banTrigger;
    this.#banTrigger = null;
    // Once drawn again: the button it came from may still be disabled by the request that just ended.
    await this.updateComplete;
    if (back?.isConnected) back.focus();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-moderation': PortalAdminModeration;
  }
}
