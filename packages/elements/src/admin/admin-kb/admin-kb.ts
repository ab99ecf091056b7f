import type { AdminKbArticle, AdminKbCategory, ArticleStatus } from '@portico/sdk/admin';
import { contentAdminRoutes as routes } from '@portico/sdk/contract';
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { rowButton, submitButton } from '../../lib/form.js';
import { formatDateTime } from '../../lib/format.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { AdminElement } from '../lib/admin-element.js';
import { articleBadge, positionOf, slugify } from '../lib/content-labels.js';
import { contentStyles } from '../lib/content-styles.js';
import { debounce } from '../lib/format.js';
import { selectField, textField } from '../lib/form.js';
import { addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import { hashOf } from '../lib/routes.js';
import { adminStyles, titleRowStyles } from '../lib/styles.js';
import { dataTable, rowActions } from '../lib/table.js';

addAdminMessages('en', en.common, en.content);
addAdminMessages('es', es.common, es.content);

const CATEGORY_FIELDS = ['name', 'slug', 'description', 'position'];

/**
 * The knowledge base for staff (`#/kb`): every article, drafts included, most recently updated first, searched by
 * title (as you type), filtered by category and status and paged with "Load more", each linking to its editor
 * (`#/kb/<id>`; "New article" opens `#/kb/new`). Below, the categories in order with their slug, description and
 * how many articles they hold (published of all): admin and support staff add, rename, re-slug, describe, reorder
 * and delete them (only an empty one can go; the page says why when it cannot). Billing staff read only.
 *
 * @summary Knowledge base: articles by category and status; categories.
 *
 * @attr page-size - How many articles each request asks for (default 25).
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 *
 * @csspart heading - The page heading.
 * @csspart new - The "New article" link.
 * @csspart articles - The articles section.
 * @csspart categories - The categories section.
 * @csspart form - The category editor.
 * @csspart field - A label, input, hint and error.
 * @csspart table - The articles and categories tables.
 * @csspart badge - An article's status.
 * @csspart more - The "Load more" button.
 * @csspart empty - Shown when there are no articles (or none match) or no categories.
 * @csspart dialog - The confirmation dialog.
 * @csspart loading - Shown while a list loads.
 * @csspart load-error - Shown when a list could not be loaded.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-kb')
export class PortalAdminKb extends AdminElement {
  static override styles = [hostStyles, formStyles, adminStyles, titleRowStyles, contentStyles];

  /** How many articles each request asks for. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 25;

  /** Milliseconds after the last keystroke before the search runs. */
  @property({ attribute: false }) searchDelay = 300;

  @state() private categories?: AdminKbCategory[];
  /** The category being edited (`null`: a new one); undefined when the editor is closed. */
  @state() private editing?: AdminKbCategory | null;
  /** Whether the category's slug was typed (else it follows the name). */
  @state() private slugTyped = false;
  @state() private query = '';
  @state() private status: '' | ArticleStatus = '';
  @state() private categoryId = '';

  readonly #search = debounce(
    (q: string) => {
      this.query = q.trim();
    },
    () => this.searchDelay,
  );

  readonly #categories = this.loadTask(
    'adminKbCategories',
    () => [],
    (admin) => admin.kb.categories(),
    (categories) => {
      this.categories = categories;
    },
  );

  readonly #list = this.pagedList({
    action: 'adminKbArticles',
    args: () => [this.query, this.status, this.categoryId, this.pageSize],
    fetch: (admin, [q, status, categoryId, limit], page) =>
      admin.kb.articles({
        q: q || undefined,
        status: status || undefined,
        categoryId: categoryId || undefined,
        limit,
        ...page,
      }),
    focus: 'a',
  });

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#search.cancel();
  }

  protected override render() {
    const canWrite = this.can(routes.createKbArticle);
    return html`<div class="page" lang=${this.textLang}>
      <div class="page-header">
        <h1 part="heading" tabindex="-1">${this.t('kbTitle')}</h1>
        ${
          canWrite
            ? html`<a part="new" class="primary" href=${hashOf('kb-article', 'new')}>${this.t('newArticle')}</a>`
            : nothing
        }
      </div>
      <p class="intro">${canWrite ? this.t('kbIntro') : this.t('contentReadOnly')}</p>
      ${this.renderMessages()}
      <section part="articles" class="card" aria-labelledby="articles-title">
        <h2 id="articles-title">${this.t('kbArticles')}</h2>
        ${this.#renderFilters()}
        ${this.renderTask(this.#list.task, this.#list.items, (items) => this.#renderArticles(items))}
      </section>
      ${this.#renderCategories()} ${this.renderConfirm()}
    </div>`;
  }

  #renderFilters() {
    const categories = this.categories ?? [];
    return html`<form class="search" role="search" aria-label=${this.t('kbArticles')} @submit=${this.#searchNow}>
      ${textField({ name: 'q', label: this.t('searchArticles'), type: 'search', value: this.values.q, onInput: this.#onSearchInput })}
      ${selectField({
        name: 'category',
        label: this.t('articleCategory'),
        value: this.categoryId,
        options: [
          { value: '', label: this.t('allCategories') },
          ...categories.map((c) => ({ value: c.id, label: c.name })),
        ],
        onChange: (e) => {
          this.categoryId = (e.target as HTMLSelectElement).value;
        },
      })}
      ${selectField({
        name: 'status',
        label: this.t('status'),
        value: this.status,
        options: [
          { value: '', label: this.t('allStatuses') },
          { value: 'published', label: this.t('articlePublished') },
          { value: 'draft', label: this.t('articleDraft') },
        ],
        onChange: (e) => {
          this.status = (e.target as HTMLSelectElement).value as '' | ArticleStatus;
        },
      })}
    </form>`;
  }

  #renderArticles(items: AdminKbArticle[]) {
    if (!items.length) {
      const filtered = this.query || this.status || this.categoryId;
      return html`<p part="empty" class="empty">${this.t(filtered ? 'noArticlesMatch' : 'noArticles')}</p>`;
    }
    const lang = this.resolvedLocale;
    return html`${dataTable({
      label: this.t('kbArticlesTable'),
      caption: this.t('kbArticlesTable'),
      busy: this.#list.pending,
      columns: [
        this.t('articleTitle'),
        this.t('articleCategory'),
        this.t('status'),
        this.t('contentUpdated'),
        { label: this.t('articleHelpful'), numeric: true },
      ],
      rows: items.map(
        (a) => html`<tr>
          <td><a href=${hashOf('kb-article', a.id)}>${a.title}</a> <span class="muted mono block">${a.slug}</span></td>
          <td>${a.category.name}</td>
          <td>${articleBadge(this.t, a.status)}</td>
          <td>${formatDateTime(lang, a.updatedAt)}</td>
          <td class="num">${this.t('votesShort', { yes: a.votes.yes, no: a.votes.no })}</td>
        </tr>`,
      ),
    })}
    ${this.renderMore(this.#list)}`;
  }

  #renderCategories() {
    const canWrite = this.can(routes.createKbCategory);
    return html`<section part="categories" class="card" aria-labelledby="categories-title">
      <div class="page-header">
        <h2 id="categories-title" tabindex="-1">${this.t('kbCategories')}</h2>
        ${
          canWrite && this.editing === undefined
            ? html`<button class="secondary" type="button" @click=${() => this.#edit(null)}>${this.t('addCategory')}</button>`
            : nothing
        }
      </div>
      ${this.#renderEditor()}
      ${this.renderTask(this.#categories, this.categories, (c) => this.#renderCategoryTable(c))}
    </section>`;
  }

  #renderCategoryTable(categories: AdminKbCategory[]) {
    if (!categories.length) return html`<p part="empty" class="empty">${this.t('noCategories')}</p>`;
    const canWrite = this.can(routes.updateKbCategory);
    return dataTable({
      label: this.t('kbCategoriesTable'),
      caption: this.t('kbCategoriesTable'),
      columns: [
        this.t('name'),
        this.t('contentDescription'),
        { label: this.t('categoryArticles'), numeric: true },
        { label: this.t('contentPosition'), numeric: true },
        ...(canWrite ? [this.t('actions')] : []),
      ],
      rows: categories.map(
        (c) => html`<tr>
          <th scope="row">${c.name} <span class="muted mono block">${c.slug}</span></th>
          <td>${c.description || html`<span class="muted">—</span>`}</td>
          <td class="num">${this.t('publishedOfAll', { published: c.articleCount, all: c.allArticles })}</td>
          <td class="num">${c.position}</td>
          ${
            canWrite
              ? rowActions(
                  rowButton({
                    part: 'edit',
                    text: this.t('contentEdit'),
                    ariaLabel: this.t('contentEditName', { name: c.name }),
                    disabled: this.busy,
                    onClick: () => this.#edit(c),
                  }),
                  rowButton({
                    part: 'remove',
                    text: this.t('contentDelete'),
                    ariaLabel: this.t('contentDeleteName', { name: c.name }),
                    danger: true,
                    disabled: this.busy,
                    onClick: () => this.#remove(c),
                  }),
                )
              : nothing
          }
        </tr>`,
      ),
    });
  }

  #renderEditor() {
    const c = this.editing;
    if (c === undefined) return nothing;
    const title = c ? this.t('contentEditName', { name: c.name }) : this.t('newCategory');
    return html`<form part="form" class="card" novalidate aria-labelledby="category-editor-title" aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#save}>
      <h3 id="category-editor-title" tabindex="-1">${title}</h3>
      <div class="grid-2">
        ${this.textInput('name', this.t('name'), { required: true, maxlength: 120, onInput: this.#onNameInput })}
        ${this.textInput('slug', this.t('contentSlug'), { maxlength: 80, hint: this.t('contentSlugHint'), onInput: this.#onSlugInput })}
        ${this.textInput('position', this.t('contentPosition'), { inputmode: 'numeric', hint: this.t('contentPositionHint') })}
      </div>
      ${this.textInput('description', this.t('contentDescription'), { maxlength: 500 })}
      <div class="actions">
        ${submitButton(c ? this.t('saveChanges') : this.t('addCategory'), this.busy)}
        <button class="secondary" type="button" @click=${this.#close}>${this.t('cancel')}</button>
      </div>
    </form>`;
  }

  #onSearchInput = (event: Event) => {
    this.onInput(event);
    this.#search((event.target as HTMLInputElement).value);
  };

  #searchNow = (event: SubmitEvent) => {
    event.preventDefault();
    this.#search.cancel();
    this.query = (this.values.q ?? '').trim();
  };

  #onNameInput = (event: Event) => {
    this.onInput(event);
    if (!this.slugTyped) this.values = { ...this.values, slug: slugify(this.values.name ?? '') };
  };

  #onSlugInput = (event: Event) => {
    this.onInput(event);
    this.slugTyped = (this.values.slug ?? '') !== '';
  };

  #edit(c: AdminKbCategory | null) {
    this.editing = c;
    this.slugTyped = !!c;
    this.fieldErrors = {};
    this.alertMessage = '';
    this.values = {
      ...this.values,
      name: c?.name ?? '',
      slug: c?.slug ?? '',
      description: c?.description ?? '',
      position: c ? String(c.position) : '',
    };
    void this.focusField('name');
  }

  #close = () => {
    this.editing = undefined;
    this.fieldErrors = {};
    void this.focusPart('#categories-title');
  };

  #save = async (event: SubmitEvent) => {
    event.preventDefault();
    const c = this.editing;
    if (c === undefined) return;
    const v = (name: string) => (this.values[name] ?? '').trim();
    const errors: Record<string, string> = {};
    if (!v('name')) errors.name = this.t('errorRequired');
    const slug = v('slug').toLowerCase();
    if (slug && slugify(slug) !== slug) errors.slug = this.t('contentErrorSlug');
    const position = positionOf(v('position'));
    if (position === undefined) errors.position = this.t('contentErrorPosition');
    if (!this.showFieldErrors(errors)) return;
    const input = {
      name: v('name'),
      description: v('description'),
      ...(slug ? { slug } : {}),
      ...(position !== null && position !== undefined ? { position } : {}),
    };
    const saved = await this.attemptResult(
      c ? 'adminUpdateKbCategory' : 'adminCreateKbCategory',
      CATEGORY_FIELDS,
      (admin) => (c ? admin.kb.updateCategory(c.id, input) : admin.kb.createCategory(input)),
    );
    if (!saved) {
      this.showConflictBeside('slug', this.t('contentSlugTaken'));
      return;
    }
    this.notice = this.t(c ? 'categorySaved' : 'categoryAdded', { name: saved.name });
    this.editing = undefined;
    await this.#categories.run();
    void this.focusPart('#categories-title');
  };

  async #remove(c: AdminKbCategory) {
    const ok = await this.confirmAction({
      title: this.t('deleteCategoryTitle', { name: c.name }),
      body: this.t('deleteCategoryBody'),
      confirm: this.t('contentDelete'),
      danger: true,
    });
    if (!ok) return;
    const done = await this.attempt('adminDeleteKbCategory', [], (admin) => admin.kb.deleteCategory(c.id));
    if (!done) {
      if (this.failedWith(409)) {
        this.alertMessage = this.t('categoryHasArticles', { name: c.name, count: c.allArticles });
      }
      return;
    }
    if (this.editing?.id === c.id) this.editing = undefined;
    if (this.categoryId === c.id) this.categoryId = '';
    this.notice = this.t('categoryDeleted', { name: c.name });
    await this.#categories.run();
    void this.focusPart('#categories-title');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-kb': PortalAdminKb;
  }
}
