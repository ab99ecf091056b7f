import { initialState } from '@lit/task';
import {
  type Comment,
  type Group,
  grants,
  type Like,
  type PortalClient,
  type Post,
  type PostSummary,
} from '@portico/sdk';
import { CommentInputSchema, PostInputSchema } from '@portico/sdk/contract';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { AccountElement, accountLoadError } from '../../lib/account-element.js';
import { accountStyles } from '../../lib/account-styles.js';
import { followInPageLink, plural } from '../../lib/content.js';
import { PortalErrorEvent } from '../../lib/events.js';
import { badge, textareaField, textField } from '../../lib/fields.js';
import type { ErrorDisplay } from '../../lib/form.js';
import { formatDateTime, relativeTime } from '../../lib/format.js';
import { followHash, hashId, itemHref, opensHere, replaceHash } from '../../lib/hash.js';
import { SendAttempt } from '../../lib/idempotency-key.js';
import { LatestRequest } from '../../lib/latest-request.js';
import { isNotFound } from '../../lib/load-error.js';
import { loadMoreButton } from '../../lib/load-more.js';
import { addMessages, type MessageKey } from '../../lib/localize.js';
import * as communitiesEn from '../../lib/locales/communities-en.js';
import * as communitiesEs from '../../lib/locales/communities-es.js';
import * as en from '../../lib/locales/en.js';
import * as es from '../../lib/locales/es.js';
import { richText, richTextStyles } from '../../lib/rich-text.js';
import { textareaStyles } from '../../lib/style-fragments.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import {
  GROUP_HASH,
  groupFacts,
  groupHash,
  groupSummary,
  leaveQuestion,
  type MembershipAction,
  membershipBadge,
  membershipButton,
  membershipNotice,
  POST_HASH,
  PortalMembershipChangedEvent,
  postHash,
} from '../communities/membership.js';
import styles from './community.styles.js';

addMessages('en', en.account, communitiesEn.communities);
addMessages('es', es.account, communitiesEs.communities);

/** A post was published here. `detail` is `{ post }`. */
export class PortalPostCreatedEvent extends Event {
  static readonly eventName = 'portal-post-created';
  readonly detail: { post: Post };
  constructor(post: Post) {
    super(PortalPostCreatedEvent.eventName, { bubbles: true, composed: true });
    this.detail = { post };
  }
}

/** A form field: the server's field path it answers for, and the words for a missing or too long value. */
interface FormField {
  name: string;
  missing: MessageKey;
  long: MessageKey;
}
type FormFields = Record<string, FormField>;

const NEW_POST: FormFields = {
  title: { name: 'title', missing: 'comErrTitle', long: 'comErrTitleLong' },
  body: { name: 'body', missing: 'comErrBody', long: 'comErrBodyLong' },
};
const EDIT_POST: FormFields = {
  title: { name: 'editTitle', missing: 'comErrTitle', long: 'comErrTitleLong' },
  body: { name: 'editBody', missing: 'comErrBody', long: 'comErrBodyLong' },
};
const NEW_COMMENT: FormFields = {
  body: { name: 'comment', missing: 'comErrComment', long: 'comErrCommentLong' },
};
const EDIT_COMMENT: FormFields = {
  body: { name: 'editComment', missing: 'comErrComment', long: 'comErrCommentLong' },
};

/** Where the alert and notice of the last request show: beside the form it came from, else under the group. */
type Section = 'compose' | 'edit-post' | 'comment' | `comment:${string}`;

/** The post open in the view, as far as it loaded. */
interface PostView {
  groupId: string;
  postId: string;
  post?: Post;
  error?: unknown;
}

/** Something that can be liked. */
type Likeable = { kind: 'post'; id: string } | { kind: 'comment'; id: string };

/**
 * One community group: its name, description, members and posts, how to join and the person's standing. Someone
 * outside sees that and the join action ("Join", "Ask to join", or "Withdraw request" while asked); the posts are
 * for members only.
 *
 * A member sees the posts (pinned ones first, marked "Pinned"), paged with "Load more", writes a post (title and
 * Markdown; the form checks the fields as the API would, shows the server's field errors beside them, and keeps
 * one Idempotency-Key while the same post is sent again after no answer, so it is never published twice), and
 * opens one: its title, author, when it was written (and "edited"), its text (Markdown rendered and sanitized by
 * the server, and sanitized again here), likes, and the comments, oldest first, with their likes and a comment
 * box. A like shows at once and is taken back if the server refuses it. People edit and delete their own posts
 * and comments (after a confirmation); items a moderator hid reach only their author, marked "Hidden by a
 * moderator". A switch turns reply notification mails on or off, and "Leave group" leaves after a confirmation.
 *
 * The group is `group` (id or slug), else the page's `#group/<idOrSlug>`; `#group/<idOrSlug>/post/<postId>` opens
 * a post. Opening a post here sets that hash with `history.replaceState` (the host page's history stays its own),
 * and a hash changed by the browser is followed; focus goes to the heading of what opened.
 *
 * Someone without the `apps:read` permission sees a short explanation; with only `apps:read`, the group reads
 * without buttons or forms.
 *
 * @summary One community group: join, posts, comments, likes, reply notifications.
 *
 * @attr group - The group's id or slug; without it, the one in the page's `#group/<idOrSlug>`.
 * @attr page-size - How many posts each request asks for (default 20).
 * @attr api - The Portico server's URL, when used without a `<portal-provider>`.
 * @attr mode - Session mode of the standalone client: `cookie` (default) or `token`.
 * @attr login-href - Where the "Sign in" link goes when signed out.
 * @attr lang - Language (`en`, `es`); else the provider's, else the page's.
 * @attr theme - `light` or `dark` to force a colour scheme.
 *
 * @csspart base - The box around everything.
 * @csspart title - The group's name.
 * @csspart description - The group's description.
 * @csspart facts - Members, posts and how to join.
 * @csspart badge - "Member", "Request pending", "Pinned" and "Hidden by a moderator".
 * @csspart members-only - Says the posts are for members (or that the request waits).
 * @csspart notify - The reply notifications switch with its label.
 * @csspart switch - The switch itself.
 * @csspart posts - The posts section.
 * @csspart post-list - The list of posts.
 * @csspart post-item - A post in the list (also `pinned`, `hidden`).
 * @csspart open - A post's title, which opens it.
 * @csspart excerpt - The start of a post in the list.
 * @csspart meta - Who wrote a post, when, and its counts.
 * @csspart new - "New post".
 * @csspart new-form - The new post form.
 * @csspart more - "Load more posts".
 * @csspart back - "All posts", above an open post.
 * @csspart post - The open post.
 * @csspart post-title - The open post's title.
 * @csspart byline - Who wrote the open post and when.
 * @csspart author - An author's name.
 * @csspart body - A post's or comment's text.
 * @csspart like - A like button (`aria-pressed`, also `button`).
 * @csspart edit - "Edit" on one's own post or comment (also `button`).
 * @csspart delete - "Delete" on one's own post or comment (also `button`).
 * @csspart edit-form - The form editing a post or comment.
 * @csspart comments - The comments section.
 * @csspart comment - One comment (also `hidden`).
 * @csspart comment-form - The comment form.
 * @csspart join - "Join" or "Ask to join" (also `button`).
 * @csspart withdraw - "Withdraw request" (also `button`).
 * @csspart leave - "Leave group" (also `button`).
 * @csspart field - A field's label, input and messages.
 * @csspart label - A field's label.
 * @csspart input - An input.
 * @csspart hint - A field's hint.
 * @csspart button - Buttons.
 * @csspart submit - A form's submit button.
 * @csspart dialog - The confirmation dialog.
 * @csspart empty - Shown without a group, posts or comments to show.
 * @csspart not-found - Shown for a group or post that does not exist or is not open to the person.
 * @csspart not-allowed - Shown to someone who may not use the apps, or only read.
 * @csspart error - Error messages: beside fields (also `field-error`) and the alerts (also `alert`).
 * @csspart alert - A `role="alert"` region.
 * @csspart status - A `role="status"` region.
 * @csspart loading - Shown while something loads.
 * @csspart load-error - Shown when something could not be loaded.
 * @csspart retry - "Try again" after a failed load.
 * @csspart signed-out - Shown when signed out.
 *
 * @cssproperty [--portal-community-width=52rem] - Maximum width.
 * @cssproperty --portal-community-padding - Padding inside the box.
 * @cssproperty --portal-community-background - Background; falls back to `--portal-color-surface`.
 * @cssproperty --portal-community-border - Border; falls back to a 1px `--portal-color-border` line.
 * @cssproperty --portal-community-pinned-background - Background of pinned posts in the list.
 *
 * @event {PortalPostCreatedEvent} portal-post-created - A post was published; `event.detail` is `{ post }`.
 * @event {PortalMembershipChangedEvent} portal-membership-changed - The person joined, asked to join, withdrew
 * or left; `event.detail` is `{ group, action }`.
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-community')
export class PortalCommunity extends AccountElement {
  static override styles = [hostStyles, formStyles, accountStyles, richTextStyles, textareaStyles, styles];

  /** The group's id or slug. */
  @property() group?: string;

  /** Posts per page. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 20;

  /** The group named in the address bar's hash, when there is no `group`. */
  @state() private hashGroup?: string;
  /** The open post. */
  @state() private postId?: string;
  /** The group shown, with the id or slug it was asked by. */
  @state() private loaded?: { key: string; group: Group };
  @state() private posts?: { groupId: string; items: PostSummary[]; nextCursor: string | null };
  @state() private view?: PostView;
  /** The new post form is open. */
  @state() private composing = false;
  /** The open post is being edited. */
  @state() private editingPost = false;
  /** The comment being edited. */
  @state() private editingComment?: string;
  @state() private section?: Section;

  /** The post being published, with its Idempotency-Key, kept for sending again after no answer. */
  readonly #postAttempt = new SendAttempt();
  /** The comment being sent, likewise. */
  readonly #commentAttempt = new SendAttempt();
  /** Loads of the open post: an answer for a post left since is dropped. */
  readonly #postLoads = new LatestRequest(this, () => 0);
  /** The post load asked last (`groupId postId`). */
  #requested: string | undefined;
  /** The latest like click per item: only its answer (or failure) counts. */
  readonly #likeClicks = new Map<string, number>();
  /**
   * The last like request per item: the next waits for it, so the server gets them in the order of the clicks and
   * the last answer is what it keeps.
   */
  readonly #likeRequests = new Map<string, Promise<unknown>>();
  /** Numbers the like clicks. */
  #likeSeq = 0;
  /** Form fields of the request running, by the server's field path. */
  #fields: FormFields | undefined;
  /** What gets focus once rendered (after navigation). */
  #focusTarget: string | undefined;
  /** The group key shown at the last update. */
  #shownKey: string | undefined;

  readonly #groupLoad = this.loadTask(
    'getGroup',
    () => [this.#key] as const,
    (client, session, [key]) =>
      key && grants(session.permissions, 'apps:read')
        ? client.communities.group(key)
        : Promise.resolve(initialState),
    (group) => {
      this.loaded = { key: this.#key ?? '', group };
      // A hash naming the group by its id while `group` is its slug (or the reverse) is known to be it only now.
      if (this.group && !this.postId) this.#onHash(false);
    },
  );

  readonly #postsLoad = this.loadTask(
    'listPosts',
    () => [this.#memberGroupId, this.pageSize] as const,
    (client, _session, [groupId, limit]) =>
      groupId ? client.communities.posts(groupId, { limit }) : Promise.resolve(initialState),
    (page) => {
      const groupId = this.#memberGroupId;
      if (groupId) this.posts = { groupId, items: page.items, nextCursor: page.nextCursor };
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

  /** The id or slug of the group to show. */
  get #key(): string | undefined {
    return this.group || this.hashGroup;
  }

  /** The group shown, when it is the one asked for. */
  get #group(): Group | undefined {
    const loaded = this.loaded;
    return loaded && loaded.key === this.#key ? loaded.group : undefined;
  }

  /** The shown group's id, when the person is a member (the posts are theirs to read). */
  get #memberGroupId(): string | undefined {
    const group = this.#group;
    return group?.membership === 'member' ? group.id : undefined;
  }

  get #mayWrite(): boolean {
    return grants(this.session?.permissions ?? [], 'apps:write');
  }

  /** Whether `ref` (an id or slug) names the group shown or asked for. */
  #sameGroup(ref: string): boolean {
    const group = this.#group;
    return ref === this.#key || ref === group?.id || ref === group?.slug;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const key = this.#key ?? '';
    if (this.#shownKey !== undefined && key !== this.#shownKey) {
      this.#forgetPost();
      this.composing = false;
      this.#postAttempt.finish();
      this.alertMessage = '';
      this.notice = '';
    }
    this.#shownKey = key;
    this.#loadPost();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const target = this.#focusTarget && this.renderRoot.querySelector<HTMLElement>(this.#focusTarget);
    if (target) {
      this.#focusTarget = undefined;
      target.focus();
    }
  }

  protected override sessionChanged(): void {
    super.sessionChanged();
    this.#forgetPost();
    this.loaded = undefined;
    this.posts = undefined;
    this.view = undefined;
    this.composing = false;
    this.#requested = undefined;
    this.#postLoads.cancel();
    this.#postAttempt.finish();
    this.#likeClicks.clear();
    this.#likeRequests.clear();
  }

  /** Drops what was typed or said about the open post. */
  #forgetPost() {
    this.editingPost = false;
    this.editingComment = undefined;
    this.section = undefined;
    this.fieldErrors = {};
    const { editTitle: _, editBody: __, comment: ___, editComment: ____, ...rest } = this.values;
    this.values = rest;
    this.#commentAttempt.finish();
  }

  /** Asks for the open post when it changed (an answer for one left since is dropped). */
  #loadPost() {
    const groupId = this.#memberGroupId;
    const postId = this.postId;
    const client = this.client;
    const wanted = client && groupId && postId ? `${groupId} ${postId}` : undefined;
    if (wanted === this.#requested) return;
    this.#requested = wanted;
    if (!wanted || !groupId || !postId || !client) {
      this.#postLoads.cancel();
      return;
    }
    this.view = { groupId, postId };
    void this.#postLoads
      .run(() => client.communities.post(groupId, postId), true)
      .then((outcome) => {
        if (!outcome) return;
        this.view = outcome.ok
          ? { groupId, postId, post: outcome.value }
          : { groupId, postId, error: outcome.error };
        if (!outcome.ok) this.emit(new PortalErrorEvent({ action: 'getPost', error: outcome.error }));
      });
  }

  // ─── Rendering ──────────────────────────────────────────────────────────────────────────────────────────

  protected override render() {
    const key = this.#key;
    return html`<div part="base" class="base" lang=${this.textLang}>
      ${this.renderSession((session) =>
        !grants(session.permissions, 'apps:read')
          ? html`<p part="not-allowed" class="not-allowed">${this.t('comNoAccess')}</p>`
          : !key
            ? html`<p part="empty" class="empty">${this.t('comNoGroup')}</p>`
            : this.renderTask(this.#groupLoad, this.#group, (group) => this.#renderGroup(group)),
      )}
      ${this.section ? nothing : this.renderMessages()} ${this.renderConfirm()}
    </div>`;
  }

  protected override renderLoadError(error: unknown, retry: () => void): TemplateResult {
    if (isNotFound(error)) {
      return html`<p part="not-found" class="not-found" role="alert">${this.t('comGroupNotFound')}</p>`;
    }
    return super.renderLoadError(error, retry);
  }

  #renderGroup(group: Group): TemplateResult {
    const mayWrite = this.#mayWrite;
    const member = group.membership === 'member';
    return html`<div class="header">
        <div class="heading">
          <h2 part="title" id="group-title" tabindex="-1">${group.name}</h2>
          ${membershipBadge(this.t, group)}
        </div>
        ${
          mayWrite
            ? membershipButton(
                this.t,
                group,
                this.busy,
                (action) => void this.#changeMembership(group, action),
              )
            : nothing
        }
      </div>
      ${group.description ? html`<p part="description" class="description">${group.description}</p>` : nothing}
      <p part="facts" class="facts">${groupFacts(this.t, this.resolvedLocale, group)}</p>
      ${mayWrite ? nothing : html`<p part="not-allowed" class="not-allowed">${this.t('comReadOnly')}</p>`}
      ${
        member
          ? html`${mayWrite ? this.#renderNotify(group) : nothing}
            ${this.postId ? this.#renderPostView(group, this.postId) : this.#renderPosts(group)}`
          : html`<p part="members-only" class="members-only banner">
              ${this.t(group.membership === 'requested' ? 'comPendingNote' : 'comJoinToRead')}
            </p>`
      }`;
  }

  #renderNotify(group: Group): TemplateResult {
    return html`<div part="field notify" class="field notify">
      <div class="check">
        <input
          part="switch"
          type="checkbox"
          role="switch"
          id="notify"
          name="notifyReplies"
          .checked=${live(group.notifyReplies)}
          ?disabled=${this.busy}
          aria-describedby="notify-hint"
          @change=${(event: Event) => void this.#setNotify(event, group)}
        />
        <label part="label" for="notify">${this.t('comNotify')}</label>
      </div>
      <p part="hint" class="hint" id="notify-hint">${this.t('comNotifyHint')}</p>
    </div>`;
  }

  #author(author: { name: string; you: boolean }): string {
    return author.you ? this.t('comYou', { name: author.name }) : author.name;
  }

  #when(iso: string): TemplateResult {
    const lang = this.resolvedLocale;
    return html`<time datetime=${iso} title=${formatDateTime(lang, iso)}>${relativeTime(lang, iso)}</time>`;
  }

  #edited(editedAt: string | null): TemplateResult | typeof nothing {
    return editedAt
      ? html`<span class="sep" aria-hidden="true">·</span>
          <span class="edited" title=${formatDateTime(this.resolvedLocale, editedAt)}>${this.t('comEdited')}</span>`
      : nothing;
  }

  #badges(item: { pinned?: boolean; status: 'visible' | 'hidden' }): TemplateResult | typeof nothing {
    if (!item.pinned && item.status !== 'hidden') return nothing;
    return html`<span class="badges">
      ${item.pinned ? badge(this.t('comPinned'), 'neutral') : nothing}
      ${item.status === 'hidden' ? badge(this.t('comHidden'), 'warn') : nothing}
    </span>`;
  }

  // ─── Posts ──────────────────────────────────────────────────────────────────────────────────────────────

  #renderPosts(group: Group): TemplateResult {
    const posts = this.posts?.groupId === group.id ? this.posts : undefined;
    return html`<section part="posts" class="posts" aria-labelledby="posts-title">
      <div class="header">
        <h3 id="posts-title" tabindex="-1">${this.t('comPostsTitle')}</h3>
        ${
          this.#mayWrite && !this.composing
            ? html`<button part="button new" class="primary small" type="button" @click=${this.#compose}>
                ${this.t('comNewPost')}
              </button>`
            : nothing
        }
      </div>
      ${this.composing ? this.#renderCompose(group) : nothing}
      ${this.renderTask(this.#postsLoad, posts, (page) => this.#renderPostList(page.items, page.nextCursor))}
    </section>`;
  }

  #renderPostList(items: PostSummary[], nextCursor: string | null): TemplateResult {
    if (!items.length) return html`<p part="empty" class="empty">${this.t('comNoPosts')}</p>`;
    const lang = this.resolvedLocale;
    const group = this.#group;
    return html`<ul part="post-list" class="post-list" aria-labelledby="posts-title">
        ${repeat(
          items,
          (post) => post.id,
          (post) => {
            const extra = `${post.pinned ? ' pinned' : ''}${post.status === 'hidden' ? ' hidden' : ''}`;
            return html`<li part=${`post-item${extra}`} class=${`post-item${extra}`} data-post=${post.id}>
              <div class="item-head">
                <h4 class="post-heading">
                  <a
                    part="open"
                    href=${itemHref(undefined, postHash(group?.slug ?? post.groupId, post.id))}
                    data-open-post=${post.id}
                    @click=${(event: MouseEvent) => this.#onOpenClick(event, post.id)}
                    >${post.title}</a
                  >
                </h4>
                ${this.#badges(post)}
              </div>
              ${post.excerpt ? html`<p part="excerpt" class="excerpt">${post.excerpt}</p>` : nothing}
              <p part="meta" class="meta">
                <span part="author" class="author">${this.#author(post.author)}</span>
                <span class="sep" aria-hidden="true">·</span> ${this.#when(post.createdAt)}
                ${this.#edited(post.editedAt)}
                <span class="sep" aria-hidden="true">·</span>
                <span>${plural(this.t, lang, post.likeCount, 'comLikesOne', 'comLikesOther')}</span>
                <span class="sep" aria-hidden="true">·</span>
                <span>${plural(this.t, lang, post.commentCount, 'comCommentsOne', 'comCommentsOther')}</span>
              </p>
            </li>`;
          },
        )}
      </ul>
      ${loadMoreButton(nextCursor, this.busy, this.t('comLoadMore'), this.#loadMore)}`;
  }

  #renderCompose(group: Group): TemplateResult {
    const errors = this.section === 'compose' ? this.fieldErrors : {};
    return html`<form
      part="new-form"
      class="card"
      novalidate
      aria-labelledby="compose-title"
      aria-busy=${this.busy ? 'true' : 'false'}
      @submit=${(event: SubmitEvent) => void this.#publish(event, group)}
    >
      <h4 id="compose-title">${this.t('comNewPostTitle')}</h4>
      ${textField({
        name: 'title',
        label: this.t('comTitle'),
        value: this.values.title,
        required: true,
        markRequired: false,
        maxlength: 200,
        error: errors.title,
        onInput: this.onInput,
      })}
      ${this.#markdownField('body', this.t('comBody'), errors.body, 8)}
      ${this.section === 'compose' ? this.renderMessages() : nothing}
      <div class="actions">
        <button part="button submit" class="primary" type="submit" ?disabled=${this.busy}>
          ${this.busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${this.t('comPublish')}
        </button>
        <button part="button cancel" class="secondary" type="button" @click=${this.#cancelCompose}>
          ${this.t('comCancel')}
        </button>
      </div>
    </form>`;
  }

  #markdownField(name: string, label: string, error: string | undefined, rows: number): TemplateResult {
    return textareaField({
      name,
      label,
      value: this.values[name],
      error,
      hint: this.t('comMarkdownHint'),
      rows,
      required: true,
      markRequired: false,
      spellcheck: true,
      onInput: this.onInput,
    });
  }

  // ─── One post ───────────────────────────────────────────────────────────────────────────────────────────

  #renderPostView(group: Group, postId: string): TemplateResult {
    const view = this.view?.groupId === group.id && this.view.postId === postId ? this.view : undefined;
    const back = html`<button part="button back" class="link back" type="button" @click=${this.#back}>
      <span aria-hidden="true">←</span> ${this.t('comBack')}
    </button>`;
    if (view?.post) return html`${back} ${this.#renderPost(group, view.post)}`;
    if (view?.error) {
      return html`${back}
      ${
        isNotFound(view.error)
          ? html`<p part="not-found" class="not-found" role="alert">${this.t('comPostNotFound')}</p>`
          : accountLoadError(view.error, this.#retryPost, this.t)
      }`;
    }
    return html`${back} ${this.renderLoading()}`;
  }

  #renderPost(group: Group, post: Post): TemplateResult {
    const mayWrite = this.#mayWrite;
    const own = mayWrite && post.author.you;
    return html`<article
        part=${`post${post.pinned ? ' pinned' : ''}${post.status === 'hidden' ? ' hidden' : ''}`}
        class="post"
        aria-labelledby="post-title"
      >
        <div class="item-head">
          <h3 part="post-title" id="post-title" tabindex="-1">${post.title}</h3>
          ${this.#badges(post)}
        </div>
        <p part="byline" class="byline">
          <span part="author" class="author">${this.#author(post.author)}</span>
          <span class="sep" aria-hidden="true">·</span> ${this.#when(post.createdAt)} ${this.#edited(post.editedAt)}
        </p>
        ${
          this.editingPost && own
            ? this.#renderEditPost(group, post)
            : html`<div part="body" class="rich" @click=${this.#onRichClick}>${richText(post.html)}</div>`
        }
        <div class="item-actions">
          ${this.#likeButton({ kind: 'post', id: post.id }, post)}
          ${
            own && !this.editingPost
              ? html`<button
                    part="button edit"
                    class="secondary small"
                    type="button"
                    data-edit-post=${post.id}
                    @click=${() => this.#startEditPost(post)}
                  >
                    ${this.t('comEdit')}
                  </button>
                  <button
                    part="button delete"
                    class="secondary danger small"
                    type="button"
                    data-delete-post=${post.id}
                    ?disabled=${this.busy}
                    @click=${() => void this.#deletePost(group, post)}
                  >
                    ${this.t('comDelete')}
                  </button>`
              : nothing
          }
        </div>
      </article>
      <section part="comments" class="comments-section" aria-labelledby="comments-title">
        <h4 id="comments-title" tabindex="-1">${this.t('comComments')}</h4>
        ${
          post.comments.length
            ? html`<ol class="comments">
                ${repeat(
                  post.comments,
                  (comment) => comment.id,
                  (comment) => this.#renderComment(group, post, comment),
                )}
              </ol>`
            : html`<p part="empty" class="empty">${this.t('comNoComments')}</p>`
        }
        ${mayWrite ? this.#renderCommentForm(group, post) : nothing}
      </section>`;
  }

  #renderEditPost(group: Group, post: Post): TemplateResult {
    const errors = this.section === 'edit-post' ? this.fieldErrors : {};
    return html`<form
      part="edit-form"
      novalidate
      aria-label=${this.t('comEditPost')}
      aria-busy=${this.busy ? 'true' : 'false'}
      @submit=${(event: SubmitEvent) => void this.#savePost(event, group, post)}
    >
      ${textField({
        name: 'editTitle',
        label: this.t('comTitle'),
        value: this.values.editTitle,
        required: true,
        markRequired: false,
        maxlength: 200,
        error: errors.editTitle,
        onInput: this.onInput,
      })}
      ${this.#markdownField('editBody', this.t('comBody'), errors.editBody, 8)}
      ${this.section === 'edit-post' ? this.renderMessages() : nothing}
      <div class="actions">
        <button part="button submit" class="primary" type="submit" ?disabled=${this.busy}>${this.t('comSave')}</button>
        <button part="button cancel" class="secondary" type="button" @click=${this.#cancelEditPost}>
          ${this.t('comCancel')}
        </button>
      </div>
    </form>`;
  }

  #renderComment(group: Group, post: Post, comment: Comment): TemplateResult {
    const own = this.#mayWrite && comment.author.you;
    const editing = own && this.editingComment === comment.id;
    const authorId = `author-${comment.id}`;
    const hidden = comment.status === 'hidden' ? ' hidden' : '';
    const section: Section = `comment:${comment.id}`;
    const errors = this.section === section ? this.fieldErrors : {};
    return html`<li
      part=${`comment${hidden}`}
      class=${`comment${hidden}`}
      data-comment=${comment.id}
      tabindex="-1"
      aria-labelledby=${authorId}
    >
      <div class="comment-head">
        <span part="author" class="author" id=${authorId}>${this.#author(comment.author)}</span>
        ${this.#when(comment.createdAt)} ${this.#edited(comment.editedAt)} ${this.#badges(comment)}
      </div>
      ${
        editing
          ? html`<form
              part="edit-form"
              novalidate
              aria-label=${this.t('comEditComment')}
              aria-busy=${this.busy ? 'true' : 'false'}
              @submit=${(event: SubmitEvent) => void this.#saveComment(event, group, post, comment)}
            >
              ${this.#markdownField('editComment', this.t('comEditComment'), errors.editComment, 4)}
              ${this.section === section ? this.renderMessages() : nothing}
              <div class="actions">
                <button part="button submit" class="primary small" type="submit" ?disabled=${this.busy}>
                  ${this.t('comSave')}
                </button>
                <button
                  part="button cancel"
                  class="secondary small"
                  type="button"
                  @click=${() => this.#cancelEditComment(comment)}
                >
                  ${this.t('comCancel')}
                </button>
              </div>
            </form>`
          : html`<div part="body" class="rich" @click=${this.#onRichClick}>${richText(comment.html)}</div>`
      }
      <div class="item-actions">
        ${this.#likeButton({ kind: 'comment', id: comment.id }, comment)}
        ${
          own && !editing
            ? html`<button
                  part="button edit"
                  class="link"
                  type="button"
                  data-edit-comment=${comment.id}
                  aria-describedby=${authorId}
                  @click=${() => this.#startEditComment(comment)}
                >
                  ${this.t('comEdit')}
                </button>
                <button
                  part="button delete"
                  class="link danger-link"
                  type="button"
                  data-delete-comment=${comment.id}
                  aria-describedby=${authorId}
                  ?disabled=${this.busy}
                  @click=${() => void this.#deleteComment(group, post, comment)}
                >
                  ${this.t('comDelete')}
                </button>`
            : nothing
        }
      </div>
    </li>`;
  }

  #renderCommentForm(group: Group, post: Post): TemplateResult {
    const errors = this.section === 'comment' ? this.fieldErrors : {};
    return html`<form
      part="comment-form"
      novalidate
      aria-label=${this.t('comCommentLabel')}
      aria-busy=${this.busy && this.section === 'comment' ? 'true' : 'false'}
      @submit=${(event: SubmitEvent) => void this.#sendComment(event, group, post)}
    >
      ${this.#markdownField('comment', this.t('comCommentLabel'), errors.comment, 4)}
      ${this.section === 'comment' ? this.renderMessages() : nothing}
      <div class="actions">
        <button part="button submit" class="primary" type="submit" ?disabled=${this.busy}>
          ${this.busy && this.section === 'comment' ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}
          ${this.t('comSendComment')}
        </button>
      </div>
    </form>`;
  }

  #likeButton(target: Likeable, item: Like): TemplateResult {
    if (!this.#mayWrite) {
      return html`<span class="likes">
        ${plural(this.t, this.resolvedLocale, item.likeCount, 'comLikesOne', 'comLikesOther')}
      </span>`;
    }
    return html`<button
      part="button like"
      class="like secondary small"
      type="button"
      aria-pressed=${item.liked ? 'true' : 'false'}
      data-like=${target.id}
      @click=${() => void this.#toggleLike(target)}
    >
      <span class="heart" aria-hidden="true">${item.liked ? '♥' : '♡'}</span>
      ${this.t('comLike')} <span class="count">${item.likeCount}</span>
    </button>`;
  }

  // ─── Actions ────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Checks `input` with a contract schema, as the API would, before any request: shows the failures beside the
   * fields (in the reader's words) and focuses the first. Returns whether everything passed.
   */
  #check(
    schema: typeof PostInputSchema | typeof CommentInputSchema,
    input: object,
    fields: FormFields,
  ): boolean {
    const checked = schema.safeParse(input);
    if (checked.success) return true;
    const errors: Record<string, string> = {};
    for (const issue of checked.error.issues) {
      const field = fields[String(issue.path[0] ?? '')];
      if (!field || errors[field.name]) continue;
      errors[field.name] = this.t(issue.code === 'too_big' ? field.long : field.missing);
    }
    this.fieldErrors = errors;
    this.alertMessage = '';
    this.notice = '';
    const first = Object.values(fields).find((f) => errors[f.name]);
    if (first) void this.focusField(first.name);
    return false;
  }

  /** Runs a form's request; the server's field errors go beside the form's fields (named apart from its paths). */
  async #attemptForm(
    action: string,
    fields: FormFields,
    work: (client: PortalClient) => Promise<unknown>,
  ): Promise<boolean> {
    this.#fields = fields;
    try {
      return await this.attempt(
        action,
        Object.values(fields).map((f) => f.name),
        work,
      );
    } finally {
      this.#fields = undefined;
    }
  }

  protected override describeFailure(error: unknown, fields: readonly string[]): ErrorDisplay {
    const form = this.#fields;
    if (!form) return super.describeFailure(error, fields);
    const shown = super.describeFailure(error, Object.keys(form));
    const beside: Record<string, string> = {};
    for (const [path, message] of Object.entries(shown.fields)) beside[form[path]?.name ?? path] = message;
    return { alert: shown.alert, fields: beside };
  }

  async #changeMembership(group: Group, action: MembershipAction) {
    if (action === 'leave' && !(await this.confirmAction(leaveQuestion(this.t, group)))) return;
    this.section = undefined;
    let changed: Group | undefined;
    const who = this.sessionKey;
    await this.attempt(action === 'join' ? 'joinGroup' : 'leaveGroup', [], async (client) => {
      changed =
        action === 'join'
          ? await client.communities.join(group.id)
          : await client.communities.leave(group.id);
    });
    // An answer for someone who is no longer the one signed in (or for another account) is not this page's.
    if (!changed || this.sessionKey !== who || this.#group?.id !== changed.id) return;
    this.loaded = { key: this.#key ?? changed.id, group: changed };
    if (changed.membership !== 'member') {
      // What members see is gone: close the post and the forms.
      this.#forgetPost();
      this.composing = false;
      this.postId = undefined;
      this.posts = undefined;
      this.view = undefined;
      if (POST_HASH.test(location.hash)) replaceHash(groupHash(changed.slug));
    }
    this.notice = membershipNotice(this.t, action, changed);
    this.emit(new PortalMembershipChangedEvent(groupSummary(changed), action));
    void this.focusPart('[data-action]');
  }

  async #setNotify(event: Event, group: Group) {
    const box = event.target as HTMLInputElement;
    const wanted = box.checked;
    this.section = undefined;
    let changed: Group | undefined;
    await this.attempt('setNotifications', [], async (client) => {
      changed = await client.communities.setNotifications(group.id, wanted);
    });
    if (!changed) {
      box.checked = !wanted;
      return;
    }
    if (this.loaded?.group.id === changed.id) this.loaded = { ...this.loaded, group: changed };
    this.notice = this.t(changed.notifyReplies ? 'comNotifyOn' : 'comNotifyOff');
  }

  #compose = () => {
    this.composing = true;
    this.section = 'compose';
    this.fieldErrors = {};
    this.alertMessage = '';
    this.notice = '';
    void this.focusField('title');
  };

  #cancelCompose = () => {
    this.composing = false;
    this.section = undefined;
    this.fieldErrors = {};
    this.alertMessage = '';
    this.#postAttempt.finish();
    void this.focusPart('[part~="new"]');
  };

  async #publish(event: SubmitEvent, group: Group) {
    event.preventDefault();
    if (this.busy) return;
    this.section = 'compose';
    const input = { title: this.values.title ?? '', body: this.values.body ?? '' };
    if (!this.#check(PostInputSchema, input, NEW_POST)) {
      this.alertMessage = this.t('comFix');
      return;
    }
    // One key per post: sending the same again after no answer is a retry the server answers once.
    const idempotencyKey = this.#postAttempt.keyFor([group.id, input]);
    let post: Post | undefined;
    await this.#attemptForm('createPost', NEW_POST, async (client) => {
      try {
        post = await client.communities.createPost(group.id, input, { idempotencyKey });
      } catch (error) {
        this.#postAttempt.fail(error);
        throw error;
      }
    });
    if (!post) {
      if (Object.keys(this.fieldErrors).length && !this.alertMessage) this.alertMessage = this.t('comFix');
      return;
    }
    this.#postAttempt.finish();
    const created = post;
    const { title: _, body: __, ...rest } = this.values;
    this.values = rest;
    this.emit(new PortalPostCreatedEvent(created));
    if (this.#group?.id !== group.id) return;
    this.composing = false;
    this.section = undefined;
    this.#addToList(created);
    this.#open(created.id);
    this.view = { groupId: group.id, postId: created.id, post: created };
    this.#requested = `${group.id} ${created.id}`;
    this.notice = this.t('comPostCreated');
  }

  /** A new post in the list (after the pinned ones), and one more in the group's count. */
  #addToList(post: Post) {
    const { body: _, html: __, comments: ___, ...summary } = post;
    const posts = this.posts;
    if (posts?.groupId === post.groupId) {
      const at = posts.items.findIndex((p) => !p.pinned);
      const items = [...posts.items];
      items.splice(at < 0 ? items.length : at, 0, summary);
      this.posts = { ...posts, items };
    }
    if (this.loaded?.group.id === post.groupId) {
      this.loaded = {
        ...this.loaded,
        group: { ...this.loaded.group, postCount: this.loaded.group.postCount + 1 },
      };
    }
  }

  /** Changes one post of the list, when it is there. */
  #updateListed(postId: string, change: (post: PostSummary) => PostSummary) {
    const posts = this.posts;
    if (!posts?.items.some((p) => p.id === postId)) return;
    this.posts = { ...posts, items: posts.items.map((p) => (p.id === postId ? change(p) : p)) };
  }

  /** Changes the open post, when it is still `postId`. */
  #updatePost(postId: string, change: (post: Post) => Post) {
    const view = this.view;
    if (view?.post?.id !== postId) return;
    this.view = { ...view, post: change(view.post) };
  }

  #startEditPost(post: Post) {
    this.editingPost = true;
    this.editingComment = undefined;
    this.section = 'edit-post';
    this.fieldErrors = {};
    this.alertMessage = '';
    this.notice = '';
    this.values = { ...this.values, editTitle: post.title, editBody: post.body };
    void this.focusField('editTitle');
  }

  #cancelEditPost = () => {
    this.editingPost = false;
    this.section = undefined;
    this.fieldErrors = {};
    this.alertMessage = '';
    void this.focusPart('[data-edit-post]');
  };

  async #savePost(event: SubmitEvent, group: Group, post: Post) {
    event.preventDefault();
    if (this.busy) return;
    this.section = 'edit-post';
    const input = { title: this.values.editTitle ?? '', body: this.values.editBody ?? '' };
    if (!this.#check(PostInputSchema, input, EDIT_POST)) return;
    let updated: Post | undefined;
    await this.#attemptForm('updatePost', EDIT_POST, async (client) => {
      updated = await client.communities.updatePost(group.id, post.id, input);
    });
    if (!updated) return;
    const saved = updated;
    this.#updatePost(post.id, () => saved);
    this.#updateListed(post.id, (p) => ({
      ...p,
      title: saved.title,
      excerpt: saved.excerpt,
      editedAt: saved.editedAt,
    }));
    this.editingPost = false;
    this.section = undefined;
    this.notice = this.t('comPostSaved');
    void this.focusPart('#post-title');
  }

  async #deletePost(group: Group, post: Post) {
    const ok = await this.confirmAction({
      title: this.t('comDeletePostTitle'),
      body: this.t('comDeletePostBody'),
      confirm: this.t('comDeletePostConfirm'),
      danger: true,
    });
    if (!ok) return;
    this.section = undefined;
    const done = await this.attempt('deletePost', [], (client) =>
      client.communities.deletePost(group.id, post.id),
    );
    if (!done) return;
    const posts = this.posts;
    if (posts?.groupId === group.id)
      this.posts = { ...posts, items: posts.items.filter((p) => p.id !== post.id) };
    if (this.loaded?.group.id === group.id) {
      this.loaded = {
        ...this.loaded,
        group: { ...this.loaded.group, postCount: Math.max(0, this.loaded.group.postCount - 1) },
      };
    }
    if (this.postId === post.id) this.#close(group);
    this.notice = this.t('comPostDeleted');
  }

  async #sendComment(event: SubmitEvent, group: Group, post: Post) {
    event.preventDefault();
    if (this.busy) return;
    this.section = 'comment';
    const input = { body: this.values.comment ?? '' };
    if (!this.#check(CommentInputSchema, input, NEW_COMMENT)) return;
    const idempotencyKey = this.#commentAttempt.keyFor([group.id, post.id, input]);
    let comment: Comment | undefined;
    await this.#attemptForm('comment', NEW_COMMENT, async (client) => {
      try {
        comment = await client.communities.comment(group.id, post.id, input, { idempotencyKey });
      } catch (error) {
        this.#commentAttempt.fail(error);
        throw error;
      }
    });
    if (!comment) return;
    this.#commentAttempt.finish();
    const added = comment;
    if (this.view?.post?.id !== post.id) return;
    this.#updatePost(post.id, (p) => ({
      ...p,
      comments: [...p.comments, added],
      commentCount: p.commentCount + 1,
      lastActivityAt: added.createdAt,
    }));
    this.#updateListed(post.id, (p) => ({ ...p, commentCount: p.commentCount + 1 }));
    this.values = { ...this.values, comment: '' };
    this.notice = this.t('comCommentSent');
    void this.focusPart(`[data-comment="${added.id}"]`);
  }

  #startEditComment(comment: Comment) {
    this.editingComment = comment.id;
    this.editingPost = false;
    this.section = `comment:${comment.id}`;
    this.fieldErrors = {};
    this.alertMessage = '';
    this.notice = '';
    this.values = { ...this.values, editComment: comment.body };
    void this.focusField('editComment');
  }

  #cancelEditComment(comment: Comment) {
    this.editingComment = undefined;
    this.section = undefined;
    this.fieldErrors = {};
    this.alertMessage = '';
    void this.focusPart(`[data-edit-comment="${comment.id}"]`);
  }

  async #saveComment(event: SubmitEvent, group: Group, post: Post, comment: Comment) {
    event.preventDefault();
    if (this.busy) return;
    this.section = `comment:${comment.id}`;
    const input = { body: this.values.editComment ?? '' };
    if (!this.#check(CommentInputSchema, input, EDIT_COMMENT)) return;
    let updated: Comment | undefined;
    await this.#attemptForm('updateComment', EDIT_COMMENT, async (client) => {
      updated = await client.communities.updateComment(group.id, post.id, comment.id, input);
    });
    if (!updated) return;
    const saved = updated;
    this.#updatePost(post.id, (p) => ({
      ...p,
      comments: p.comments.map((c) => (c.id === saved.id ? saved : c)),
    }));
    this.editingComment = undefined;
    this.section = undefined;
    this.notice = this.t('comCommentSaved');
    void this.focusPart(`[data-comment="${saved.id}"]`);
  }

  async #deleteComment(group: Group, post: Post, comment: Comment) {
    const ok = await this.confirmAction({
      title: this.t('comDeleteCommentTitle'),
      body: this.t('comDeleteCommentBody'),
      confirm: this.t('comDeleteCommentConfirm'),
      danger: true,
    });
    if (!ok) return;
    this.section = undefined;
    const done = await this.attempt('deleteComment', [], (client) =>
      client.communities.deleteComment(group.id, post.id, comment.id),
    );
    if (!done) return;
    if (this.editingComment === comment.id) this.editingComment = undefined;
    this.#updatePost(post.id, (p) => ({
      ...p,
      comments: p.comments.filter((c) => c.id !== comment.id),
      commentCount: Math.max(0, p.commentCount - 1),
    }));
    this.#updateListed(post.id, (p) => ({ ...p, commentCount: Math.max(0, p.commentCount - 1) }));
    this.notice = this.t('comCommentDeleted');
    void this.focusPart('#comments-title');
  }

  /** The like of `target` as shown now. */
  #likeOf(target: Likeable): Like | undefined {
    const post = this.view?.post;
    if (!post) return undefined;
    return target.kind === 'post'
      ? post.id === target.id
        ? post
        : undefined
      : post.comments.find((c) => c.id === target.id);
  }

  #showLike(target: Likeable, like: Like) {
    const post = this.view?.post;
    if (!post) return;
    const { liked, likeCount } = like;
    if (target.kind === 'post') {
      this.#updatePost(target.id, (p) => ({ ...p, liked, likeCount }));
      this.#updateListed(target.id, (p) => ({ ...p, liked, likeCount }));
    } else {
      this.#updatePost(post.id, (p) => ({
        ...p,
        comments: p.comments.map((c) => (c.id === target.id ? { ...c, liked, likeCount } : c)),
      }));
    }
  }

  /** Shows the like (or its removal) at once, then the server's count; puts it back if the server refuses. */
  async #toggleLike(target: Likeable) {
    const client = this.client;
    const group = this.#group;
    const post = this.view?.post;
    const before = this.#likeOf(target);
    if (!client || !group || !post || !before) return;
    // Unique across items and people: an answer to a click before a sign-out never passes for a later one.
    const click = ++this.#likeSeq;
    this.#likeClicks.set(target.id, click);
    const like = !before.liked;
    const was: Like = { liked: before.liked, likeCount: before.likeCount };
    this.#showLike(target, { liked: like, likeCount: Math.max(0, was.likeCount + (like ? 1 : -1)) });
    const c = client.communities;
    const action = `${like ? 'like' : 'unlike'}${target.kind === 'post' ? 'Post' : 'Comment'}`;
    const who = this.sessionKey;
    const send = () =>
      // Someone else signed in (or another account is active) while the previous request ran: not theirs to send.
      this.sessionKey !== who
        ? Promise.reject(new Error('The session changed.'))
        : target.kind === 'post'
          ? like
            ? c.likePost(group.id, post.id)
            : c.unlikePost(group.id, post.id)
          : like
            ? c.likeComment(group.id, post.id, target.id)
            : c.unlikeComment(group.id, post.id, target.id);
    // After the item's previous like request (answered or not), never beside it: two requests on their way may
    // reach the server in either order, and the answer shown would not be what it kept.
    const previous = this.#likeRequests.get(target.id);
    const request = previous ? previous.then(send, send) : send();
    this.#likeRequests.set(target.id, request);
    try {
      const answer = await request;
      // A later click's answer tells the truth; this one is old.
      if (this.#likeClicks.get(target.id) === click) this.#showLike(target, answer);
    } catch (error) {
      if (this.#likeClicks.get(target.id) !== click) return;
      this.#showLike(target, was);
      this.section = undefined;
      this.notice = '';
      this.alertMessage = this.describeFailure(error, []).alert;
      this.emit(new PortalErrorEvent({ action, error }));
    } finally {
      if (this.#likeRequests.get(target.id) === request) this.#likeRequests.delete(target.id);
    }
  }

  #loadMore = async () => {
    const posts = this.posts;
    const cursor = posts?.nextCursor;
    if (!posts || !cursor) return;
    const shown = posts.items.length;
    const groupId = posts.groupId;
    this.section = undefined;
    const ok = await this.attempt('listPostsMore', [], async (client) => {
      const page = await client.communities.posts(groupId, { limit: this.pageSize, cursor });
      // A page of another group's list (or of a list loaded again since) is not this one's.
      if (this.posts?.groupId !== groupId || this.posts.nextCursor !== cursor) return;
      const known = new Set(this.posts.items.map((p) => p.id));
      this.posts = {
        groupId,
        items: [...this.posts.items, ...page.items.filter((p) => !known.has(p.id))],
        nextCursor: page.nextCursor,
      };
    });
    // Keyboard users continue where the new posts start.
    const first = this.posts?.items[shown];
    if (ok && first) void this.focusPart(`[data-open-post="${first.id}"]`);
  };

  // ─── Navigation ─────────────────────────────────────────────────────────────────────────────────────────

  #onOpenClick(event: MouseEvent, postId: string) {
    if (opensHere(event, undefined)) this.#open(postId);
  }

  /** Opens a post here, with its hash in the address bar. */
  #open(postId: string) {
    const group = this.#group;
    if (!group) return;
    this.#forgetPost();
    this.alertMessage = '';
    this.notice = '';
    this.postId = postId;
    replaceHash(postHash(group.slug, postId));
    this.#focusTarget = '#post-title';
  }

  #back = () => {
    const group = this.#group;
    if (group) this.#close(group);
    this.alertMessage = '';
    this.notice = '';
  };

  /** Back from a post to the list. */
  #close(group: Group) {
    this.#forgetPost();
    this.postId = undefined;
    if (POST_HASH.test(location.hash)) replaceHash(groupHash(group.slug));
    this.#focusTarget = '#posts-title';
  }

  #retryPost = () => {
    this.#requested = undefined;
    this.requestUpdate();
  };

  #onRichClick = (event: MouseEvent) => followInPageLink(event, this.renderRoot as ShadowRoot);

  /** Follows the address bar's hash: `#group/<idOrSlug>` and `#group/<idOrSlug>/post/<postId>`. */
  #onHash(navigated: boolean) {
    const ref = hashId(GROUP_HASH);
    const postId = ref ? hashId(POST_HASH) : undefined;
    if (this.group && ref && !this.#sameGroup(ref)) return;
    const sameGroup = !ref || this.#sameGroup(ref);
    if (!this.group && ref && !sameGroup) this.hashGroup = ref;
    else if (!this.group && !ref) this.hashGroup = undefined;
    if (postId !== this.postId) {
      this.#forgetPost();
      this.postId = postId;
      if (navigated) this.#focusTarget = postId ? '#post-title' : sameGroup ? '#posts-title' : '#group-title';
    }
    if (navigated && !sameGroup) this.#focusTarget = postId ? '#post-title' : '#group-title';
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-community': PortalCommunity;
  }
  interface GlobalEventHandlersEventMap {
    'portal-post-created': PortalPostCreatedEvent;
  }
}
