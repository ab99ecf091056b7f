import type { AdminKbArticle, AdminKbCategory, ArticleStatus, KbArticleUpdate } from '@portico/sdk/admin';
import { contentAdminRoutes as routes, settingsRoutes } from '@portico/sdk/contract';
import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { submitButton } from '../../lib/form.js';
import { formatDateTime } from '../../lib/format.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { AdminElement } from '../lib/admin-element.js';
import { articleBadge, portalArticleUrl, portalUrlOf, positionOf, slugify } from '../lib/content-labels.js';
import { contentStyles } from '../lib/content-styles.js';
import { addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import { markdownError } from '../lib/markdown-editor.js';
import { hashOf } from '../lib/routes.js';
import { adminStyles, recordHeadStyles } from '../lib/styles.js';
import { UnsavedGuard } from '../lib/unsaved-guard.js';

addAdminMessages('en', en.common, en.content);
addAdminMessages('es', es.common, es.content);

const FIELDS = ['title', 'slug', 'categoryId', 'status', 'position', 'body'];
const BODY_MAX = 100_000;

/** What the editor works on. */
interface Loaded {
  article: AdminKbArticle | null;
  categories: AdminKbCategory[];
  portal: string | null;
}

/**
 * One knowledge-base article (`#/kb/<id>`), or a new one (`#/kb/new`, no `article-id`): its title, slug (made from
 * the title until it is typed), category, status (draft or published), order in the category and body in Markdown
 * with a preview rendered by the server. The page shows the article's "Was this helpful?" votes, its dates, and a
 * "View on portal" link to a published article when the console knows where the portal is. The server's field
 * errors show beside their fields (a slug another article uses, beside the slug); leaving the browser page with
 * unsaved changes asks first. Admin and support staff write and delete; billing staff read.
 *
 * @summary Knowledge-base article editor.
 *
 * @attr article-id - The article's id; none for a new article.
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 *
 * @csspart heading - The page heading (the article's title).
 * @csspart form - The article form.
 * @csspart field - A label, input, hint and error.
 * @csspart details - Votes, dates and the portal link.
 * @csspart view - The "View on portal" link.
 * @csspart delete - The "Delete article" button.
 * @csspart badge - The article's status.
 * @csspart dialog - The confirmation dialog.
 * @csspart loading - Shown while the article loads.
 * @csspart load-error - Shown when the article could not be loaded.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-kb-article')
export class PortalAdminKbArticle extends AdminElement {
  static override styles = [hostStyles, formStyles, adminStyles, recordHeadStyles, contentStyles];

  /** The article's id; empty for a new article. */
  @property({ attribute: 'article-id' }) articleId = '';

  @state() private loaded?: Loaded;
  /** Whether the slug was typed (else it follows the title). */
  @state() private slugTyped = false;

  readonly #guard = new UnsavedGuard(this, () => this.#dirty());

  readonly #load = this.loadTask(
    'adminKbArticle',
    () => [this.articleId],
    async (admin, [id]) => {
      const [article, categories, portal] = await Promise.all([
        id ? admin.kb.article(id) : Promise.resolve(null),
        admin.kb.categories(),
        portalUrlOf(admin, this.can(settingsRoutes.get)),
      ]);
      return { article, categories, portal } satisfies Loaded;
    },
    (loaded) => {
      this.loaded = loaded;
      this.#settle(loaded.article, loaded.categories);
    },
  );

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const before = changed.get('articleId');
    if (changed.has('articleId') && before !== undefined && this.loaded?.article?.id !== this.articleId) {
      this.loaded = undefined;
    }
  }

  protected override render() {
    const a = this.loaded?.article;
    const creating = !this.articleId;
    return html`<div class="page" lang=${this.textLang}>
      <p class="back"><a href=${hashOf('kb')}>${this.t('backToKb')}</a></p>
      <div class="title">
        <h1 part="heading" tabindex="-1">${a?.title ?? (creating ? this.t('newArticle') : this.t('articleTitle'))}</h1>
        ${a ? articleBadge(this.t, a.status) : nothing}
      </div>
      ${this.#canSave() ? nothing : html`<p class="intro">${this.t('contentReadOnly')}</p>`}
      ${this.renderMessages()}
      ${this.renderTask(this.#load, this.loaded, (l) => (creating || l.article ? this.#renderForm(l) : nothing))}
      ${this.renderConfirm()}
    </div>`;
  }

  #canSave() {
    return this.can(this.articleId ? routes.updateKbArticle : routes.createKbArticle);
  }

  #renderForm(l: Loaded) {
    const canSave = this.#canSave();
    const a = l.article;
    if (!l.categories.length && !a) {
      return html`<p part="empty" class="empty">
        ${this.t('noCategoriesYet')} <a href=${hashOf('kb')}>${this.t('backToKb')}</a>
      </p>`;
    }
    const categoryOptions = [
      ...(a ? [] : [{ value: '', label: this.t('chooseCategory') }]),
      ...l.categories.map((c) => ({ value: c.id, label: c.name })),
    ];
    return html`<form part="form" class="page" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#save}>
      <section class="card" aria-labelledby="article-title">
        <h2 id="article-title" class="sr-only">${this.t('articleDetails')}</h2>
        <fieldset class="page" ?disabled=${!canSave}>
          <legend class="sr-only">${this.t('articleDetails')}</legend>
          ${this.textInput('title', this.t('articleTitle'), { required: true, maxlength: 200, onInput: this.#onTitleInput })}
          <div class="grid-2">
            ${this.textInput('slug', this.t('contentSlug'), { maxlength: 80, hint: this.t(a ? 'contentSlugEditHint' : 'contentSlugHint'), onInput: this.#onSlugInput })}
            ${this.selectInput('categoryId', this.t('articleCategory'), categoryOptions, { required: true })}
            ${this.selectInput('status', this.t('status'), [
              { value: 'draft', label: this.t('articleDraft') },
              { value: 'published', label: this.t('articlePublished') },
            ])}
            ${this.textInput('position', this.t('contentPosition'), { inputmode: 'numeric', hint: this.t('articlePositionHint') })}
          </div>
        </fieldset>
        ${this.markdownInput('body', this.t('articleBody'), { maxlength: BODY_MAX, readonly: !canSave })}
        <div class="actions">
          ${canSave ? submitButton(a ? this.t('saveChanges') : this.t('createArticle'), this.busy) : nothing}
          ${
            a && this.can(routes.deleteKbArticle)
              ? html`<button part="button delete" class="secondary danger" type="button" ?disabled=${this.busy} @click=${this.#remove}>
                  ${this.t('deleteArticle')}
                </button>`
              : nothing
          }
        </div>
      </section>
      ${a ? this.#renderDetails(a, l.portal) : nothing}
    </form>`;
  }

  #renderDetails(a: AdminKbArticle, portal: string | null) {
    const lang = this.resolvedLocale;
    return html`<section part="details" class="card" aria-labelledby="article-details">
      <h2 id="article-details">${this.t('articleFacts')}</h2>
      <dl>
        <dt>${this.t('articleHelpful')}</dt>
        <dd>${this.t('votesLong', { yes: a.votes.yes, no: a.votes.no })}</dd>
        <dt>${this.t('kbPublishedOn')}</dt>
        <dd>${a.publishedAt ? formatDateTime(lang, a.publishedAt) : this.t('kbNotPublished')}</dd>
        <dt>${this.t('contentUpdated')}</dt>
        <dd>${formatDateTime(lang, a.updatedAt)}</dd>
        <dt>${this.t('created')}</dt>
        <dd>${formatDateTime(lang, a.createdAt)}</dd>
      </dl>
      ${
        portal && a.status === 'published'
          ? html`<p>
              <a part="view" href=${portalArticleUrl(portal, a.slug)} target="_blank" rel="noopener noreferrer">
                ${this.t('contentViewOnPortal')}<span class="sr-only"> ${this.t('contentOpensInNewTab')}</span>
              </a>
            </p>`
          : nothing
      }
    </section>`;
  }

  #settle(a: AdminKbArticle | null, categories: AdminKbCategory[]) {
    this.slugTyped = !!a;
    this.values = {
      title: a?.title ?? '',
      slug: a?.slug ?? '',
      categoryId: a?.category.id ?? (categories.length === 1 ? categories[0]!.id : ''),
      status: a?.status ?? 'draft',
      position: a ? String(a.position) : '',
      body: a?.body ?? '',
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

  /** What the form holds, checked; the errors beside their fields. */
  #read(): { input: KbArticleUpdate; errors: Record<string, string> } {
    const v = (name: string) => (this.values[name] ?? '').trim();
    const errors: Record<string, string> = {};
    if (!v('title')) errors.title = this.t('errorRequired');
    const slug = v('slug').toLowerCase();
    if (slug && slugify(slug) !== slug) errors.slug = this.t('contentErrorSlug');
    if (!v('categoryId')) errors.categoryId = this.t('kbErrorChooseCategory');
    const position = positionOf(v('position'));
    if (position === undefined) errors.position = this.t('contentErrorPosition');
    const body = this.values.body ?? '';
    const bodyError = markdownError(this.t, this.resolvedLocale, body, BODY_MAX, 'contentErrorWriteText');
    if (bodyError) errors.body = bodyError;
    const input: KbArticleUpdate = {
      title: v('title'),
      categoryId: v('categoryId'),
      status: (v('status') || 'draft') as ArticleStatus,
      body,
      ...(slug ? { slug } : {}),
      ...(position !== null && position !== undefined ? { position } : {}),
    };
    return { input, errors };
  }

  /** What differs from the saved article (everything, for a new one). */
  #changes(input: KbArticleUpdate): KbArticleUpdate {
    const a = this.loaded?.article;
    if (!a) return input;
    const saved: KbArticleUpdate = {
      title: a.title,
      slug: a.slug,
      categoryId: a.category.id,
      status: a.status,
      position: a.position,
      body: a.body,
    };
    return Object.fromEntries(
      Object.entries(input).filter(([key, value]) => saved[key as keyof KbArticleUpdate] !== value),
    ) as KbArticleUpdate;
  }

  #dirty(): boolean {
    if (!this.loaded || !this.#canSave()) return false;
    const { input } = this.#read();
    if (!this.loaded.article) return Boolean(input.title || input.body?.trim());
    return Object.keys(this.#changes(input)).length > 0;
  }

  #save = async (event: SubmitEvent) => {
    event.preventDefault();
    const { input, errors } = this.#read();
    if (!this.showFieldErrors(errors)) return;
    const a = this.loaded?.article;
    const changes = this.#changes(input);
    if (a && !Object.keys(changes).length) {
      this.notice = this.t('nothingChanged');
      return;
    }
    const done = await this.attemptResult(
      a ? 'adminUpdateKbArticle' : 'adminCreateKbArticle',
      FIELDS,
      (admin) =>
        a
          ? admin.kb.updateArticle(a.id, changes)
          : admin.kb.createArticle({
              ...input,
              title: input.title ?? '',
              categoryId: input.categoryId ?? '',
              body: input.body ?? '',
            }),
    );
    if (!done) {
      this.showConflictBeside('slug', this.t('contentSlugTaken'));
      return;
    }
    if (this.loaded) this.loaded = { ...this.loaded, article: done };
    this.#settle(done, this.loaded?.categories ?? []);
    this.notice = this.t(a ? 'articleSaved' : 'articleCreated', { title: done.title });
    if (!a) {
      this.articleId = done.id;
      location.hash = hashOf('kb-article', done.id);
    }
  };

  #remove = async () => {
    const a = this.loaded?.article;
    if (!a) return;
    const ok = await this.confirmAction({
      title: this.t('deleteArticleTitle', { title: a.title }),
      body: this.t('deleteArticleBody'),
      confirm: this.t('contentDelete'),
      danger: true,
    });
    if (!ok) return;
    const done = await this.attempt('adminDeleteKbArticle', [], (admin) => admin.kb.deleteArticle(a.id));
    if (!done) return;
    this.#guard.release();
    location.hash = hashOf('kb');
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-kb-article': PortalAdminKbArticle;
  }
}
