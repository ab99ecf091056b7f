import { initialState, Task, TaskStatus } from '@lit/task';
import {
  isPortalApiError,
  type KbArticle,
  type KbArticleSummary,
  type KbCategory,
  type KbSearchHit,
  type KbVotes,
} from '@portico/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { accountLoadError } from '../../lib/account-element.js';
import { accountStyles } from '../../lib/account-styles.js';
import { followInPageLink, plural, searchBox } from '../../lib/content.js';
import { PortalErrorEvent } from '../../lib/events.js';
import { describeError } from '../../lib/form.js';
import { formatDate } from '../../lib/format.js';
import { followHash } from '../../lib/hash.js';
import { LatestRequest } from '../../lib/latest-request.js';
import { isNotFound } from '../../lib/load-error.js';
import { loadMoreButton } from '../../lib/load-more.js';
import { addMessages } from '../../lib/localize.js';
import * as contentEn from '../../lib/locales/content-en.js';
import * as contentEs from '../../lib/locales/content-es.js';
import * as en from '../../lib/locales/en.js';
import * as es from '../../lib/locales/es.js';
import { PortalElement } from '../../lib/portal-element.js';
import { guestOrAccount, isSectionOff, SectionHider } from '../../lib/public-section.js';
import { richText, richTextStyles } from '../../lib/rich-text.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import styles from './kb.styles.js';

addMessages('en', en.account, contentEn.kb);
addMessages('es', es.account, contentEs.kb);

/** What `<portal-kb>` shows: the categories, one category's articles, one article, or search results. */
export type KbRoute =
  | { view: 'home' }
  | { view: 'category'; slug: string }
  | { view: 'article'; slug: string }
  | { view: 'search'; q: string };

/** Searches need this many characters (after trimming). */
const MIN_QUERY = 2;

const decode = (part: string): string | undefined => {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
};

/** The route in a `#kb…` hash; undefined for any other hash (another element's, or an in-page anchor). */
export function parseKbHash(hash: string): KbRoute | undefined {
  const match = /^#kb(?:\/([^?]*))?(?:\?(.*))?$/.exec(hash);
  if (!match) return undefined;
  const [kind, ref, ...rest] = (match[1] ?? '').split('/');
  const slug = ref ? decode(ref) : undefined;
  if (kind === 'search') return { view: 'search', q: new URLSearchParams(match[2] ?? '').get('q') ?? '' };
  if (slug && !rest.length && kind === 'article') return { view: 'article', slug };
  if (slug && !rest.length && kind === 'category') return { view: 'category', slug };
  return { view: 'home' };
}

/** The hash of a route. */
export function kbHash(route: KbRoute): string {
  switch (route.view) {
    case 'home':
      return '#kb';
    case 'category':
      return `#kb/category/${encodeURIComponent(route.slug)}`;
    case 'article':
      return `#kb/article/${encodeURIComponent(route.slug)}`;
    case 'search':
      return `#kb/search?${new URLSearchParams({ q: route.q })}`;
  }
}

const sameRoute = (a: KbRoute, b: KbRoute) => kbHash(a) === kbHash(b);

/** One category's articles as loaded so far. */
interface ArticleList {
  slug: string;
  items: KbArticleSummary[];
  nextCursor: string | null;
}

/** The search shown: its query, and its answer once it came. */
interface SearchState {
  q: string;
  status: 'waiting' | 'done' | 'error';
  hits: KbSearchHit[];
  error?: unknown;
}

/**
 * The knowledge base, public: the categories (name, description, how many articles), a category's articles
 * (with "More articles"), an article (breadcrumb, last update, the text, "Was this helpful?" with the answers so
 * far and the visitor's own pressed, related articles) and a search box that searches as you type (from 2
 * characters, after a pause; the matches are highlighted).
 *
 * Every view has its own address in the page's hash, so links can be shared and the browser's back button
 * works (links are plain links; typing a search replaces its own history entry instead of adding one per key):
 *
 * - `#kb`: the categories;
 * - `#kb/category/<category-slug>`: a category's articles;
 * - `#kb/article/<article-slug>`: an article;
 * - `#kb/search?q=<words>`: search results.
 *
 * Other hashes (other elements', an article's in-page links) are left alone. Without a `#kb` hash it shows the
 * categories, or the `category` it starts in. When the business hides its knowledge base (the API answers 404),
 * the element hides itself.
 *
 * @summary The knowledge base: categories, articles, search and "Was this helpful?".
 *
 * @attr category - The slug of the category to start in (when the page's hash names no other view).
 * @attr page-size - How many articles each request asks for (default 20).
 * @attr search-delay - Milliseconds of pause in typing before searching (default 250).
 * @attr api - The Portico server's URL, when used without a `<portal-provider>`.
 * @attr mode - Session mode of the standalone client: `cookie` (default) or `token`.
 * @attr lang - Language (`en`, `es`); else the provider's, else the page's.
 * @attr theme - `light` or `dark` to force a colour scheme.
 *
 * @csspart base - The box around everything.
 * @csspart search - The search form.
 * @csspart label - The search box's label.
 * @csspart input - The search box.
 * @csspart search-button - The search button (also `button`).
 * @csspart hint - "Type at least 2 characters".
 * @csspart breadcrumb - The trail above a category or an article.
 * @csspart heading - The heading of the view.
 * @csspart categories - The list of categories.
 * @csspart category - A category's link.
 * @csspart count - How many articles a category has.
 * @csspart articles - A list of articles (a category's, related ones).
 * @csspart article-link - An article's link in a list.
 * @csspart excerpt - The start of an article in a list.
 * @csspart results - The search results.
 * @csspart result - One search result.
 * @csspart snippet - The matching text of a result (matches in `<mark>`).
 * @csspart article - The open article.
 * @csspart meta - The article's category and last update.
 * @csspart content - The article's text.
 * @csspart feedback - "Was this helpful?" with its buttons.
 * @csspart vote - The Yes and No buttons (also `button`).
 * @csspart thanks - The thanks after voting.
 * @csspart related - The related articles.
 * @csspart more - "More articles" (also `button`).
 * @csspart button - Buttons.
 * @csspart empty - Nothing to show (no categories, articles or matches).
 * @csspart not-found - A category or article that does not exist.
 * @csspart error - The alert (also `alert`).
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region (search results found).
 * @csspart loading - Shown while loading.
 * @csspart load-error - Shown when something could not be loaded.
 * @csspart retry - "Try again" after a failed load.
 *
 * @cssproperty [--portal-kb-width=64rem] - Maximum width.
 * @cssproperty --portal-kb-padding - Padding inside the box.
 * @cssproperty --portal-kb-background - Background; falls back to `--portal-color-surface`.
 * @cssproperty --portal-kb-border - Border; falls back to a 1px `--portal-color-border` line.
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-kb')
export class PortalKb extends PortalElement {
  static override styles = [hostStyles, formStyles, accountStyles, richTextStyles, styles];

  /** The category to start in. */
  @property() category?: string;

  /** Articles per page. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 20;

  /** Pause in typing before a search, in milliseconds. */
  @property({ type: Number, attribute: 'search-delay' }) searchDelay = 250;

  /** The view shown. */
  @state() private route: KbRoute = { view: 'home' };
  /** What is typed in the search box. */
  @state() private query = '';
  @state() private search?: SearchState;
  @state() private list?: ArticleList;
  /** Votes given here, by article id (newer than the article's). */
  @state() private votes: Record<string, KbVotes> = {};
  /** The article whose vote was just taken (for the thanks). */
  @state() private thanked?: string;
  /** Why the last vote failed. */
  @state() private voteError = '';
  @state() private voting = false;
  /** How many results the search found, for the status region under the box. */
  @state() private searchNotice = '';

  readonly #hider = new SectionHider(this);
  readonly #searches = new LatestRequest(this, () => this.searchDelay);
  /** The view before the search began, where clearing the box goes back to. */
  #beforeSearch: KbRoute | undefined;
  /** Focus the view's heading once rendered (after navigating). */
  #focusHeading = false;

  /** The categories: every view shows them or names one, and their 404 says the section is off. */
  readonly #categories = new Task(this, {
    args: () => [this.client] as const,
    task: async ([client]) => (client ? client.kb.categories() : initialState),
    onComplete: () => this.#hider.hide(false),
    onError: (error) => {
      if (isSectionOff(error)) this.#hider.hide(true);
      else this.emit(new PortalErrorEvent({ action: 'kbCategories', error }));
    },
  });

  readonly #articles = new Task(this, {
    args: () => [this.client, this.route.view === 'category' ? this.route.slug : '', this.pageSize] as const,
    task: async ([client, slug, limit]): Promise<ArticleList | typeof initialState> => {
      if (!client || !slug) return initialState;
      const page = await client.kb.articles({ category: slug, limit });
      return { slug, items: page.items, nextCursor: page.nextCursor };
    },
    // Only the newest load's answer is kept: a category left before it loaded answers into nothing.
    onComplete: (list) => {
      this.list = list;
    },
    onError: (error) => this.#failed('kbArticles', error),
  });

  readonly #article = new Task(this, {
    // The visitor's own vote is per person: load again when someone signs in or out.
    args: () =>
      [
        this.client,
        this.route.view === 'article' ? this.route.slug : '',
        guestOrAccount(this.sessionState),
      ] as const,
    task: async ([client, slug, visitor]) => {
      if (!client || !slug || visitor === undefined) return initialState;
      const article = await client.kb.article(slug);
      const { [article.id]: _, ...rest } = this.votes;
      this.votes = rest;
      return article;
    },
    onError: (error) => this.#failed('kbArticle', error),
  });

  constructor() {
    super();
    followHash(
      this,
      () => this.#onHash(),
      () => this.#show(parseKbHash(location.hash) ?? this.#start, false),
    );
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A new start category shows itself, unless the hash asks for another view.
    if (changed.has('category') && changed.get('category') !== undefined && !parseKbHash(location.hash)) {
      this.#show(this.#start, false);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#focusHeading) {
      const heading = this.renderRoot.querySelector<HTMLElement>('[part~="heading"]');
      if (heading) {
        this.#focusHeading = false;
        heading.focus();
      }
    }
  }

  get #start(): KbRoute {
    return this.category ? { view: 'category', slug: this.category } : { view: 'home' };
  }

  protected override render() {
    return html`<div part="base" class="base" lang=${this.textLang} @click=${this.#onClick}>
      ${this.#renderContent()}
    </div>`;
  }

  #renderContent(): unknown {
    if (!this.client) return html`<p part="load-error" class="load-error">${this.t('notConfigured')}</p>`;
    const categories = this.#categories;
    if (categories.status === TaskStatus.ERROR) {
      return isSectionOff(categories.error)
        ? nothing
        : accountLoadError(categories.error, () => void categories.run(), this.t);
    }
    if (!categories.value) return this.renderLoading();
    return html`${this.#renderSearchBox()} ${this.#renderView(categories.value)} ${this.renderMessages()}`;
  }

  #renderSearchBox(): TemplateResult {
    const short = this.route.view === 'search' && this.query.trim().length < MIN_QUERY;
    return html`${searchBox({
      name: 'q',
      label: this.t('kbSearchLabel'),
      placeholder: this.t('kbSearchPlaceholder'),
      value: this.query,
      describedBy: short ? 'q-hint' : undefined,
      busy: this.search?.status === 'waiting',
      button: this.t('kbSearchButton'),
      onInput: this.#onType,
      onSubmit: (q) => this.#startSearch(q, true),
    })}
    ${short ? html`<p part="hint" class="hint" id="q-hint">${this.t('kbSearchTooShort')}</p>` : nothing}
    <p part="status" class="notice" role="status">${this.searchNotice || nothing}</p>`;
  }

  #renderView(categories: KbCategory[]): unknown {
    const route = this.route;
    switch (route.view) {
      case 'home':
        return this.#renderHome(categories);
      case 'category':
        return this.#renderCategory(route.slug, categories);
      case 'article':
        return this.#renderArticle();
      case 'search':
        return this.#renderSearch();
    }
  }

  #renderHome(categories: KbCategory[]): TemplateResult {
    const lang = this.resolvedLocale;
    return html`<h2 part="heading" class="view-title" tabindex="-1">${this.t('kbTitle')}</h2>
      ${
        !categories.length
          ? html`<p part="empty" class="empty">${this.t('kbNoCategories')}</p>`
          : html`<ul part="categories" class="categories" role="list" aria-label=${this.t('kbCategories')}>
              ${categories.map(
                (c) => html`<li>
                  <a part="category" class="category" href=${kbHash({ view: 'category', slug: c.slug })}>
                    <span class="category-name">${c.name}</span>
                    ${c.description ? html`<span class="category-description">${c.description}</span>` : nothing}
                    <span part="count" class="count"
                      >${plural(this.t, lang, c.articleCount, 'kbArticlesOne', 'kbArticlesOther')}</span
                    >
                  </a>
                </li>`,
              )}
            </ul>`
      }`;
  }

  #renderCategory(slug: string, categories: KbCategory[]): unknown {
    const task = this.#articles;
    const category = categories.find((c) => c.slug === slug || c.id === slug);
    if (task.status === TaskStatus.ERROR) {
      return isNotFound(task.error) ? this.#renderMissing('kbCategoryMissing') : this.#loadError(task);
    }
    const list = this.list?.slug === slug && task.status !== TaskStatus.PENDING ? this.list : undefined;
    if (!list) return this.renderLoading();
    const name = category?.name ?? list.items[0]?.category.name;
    if (!name) return this.#renderMissing('kbCategoryMissing');
    return html`${this.#breadcrumb([])}
      <h2 part="heading" class="view-title" tabindex="-1">${name}</h2>
      ${category?.description ? html`<p class="intro">${category.description}</p>` : nothing}
      ${
        list.items.length
          ? this.#renderArticleList(list.items, 'articles')
          : html`<p part="empty" class="empty">${this.t('kbNoArticles')}</p>`
      }
      ${loadMoreButton(list.nextCursor, this.busy, this.t('kbLoadMore'), this.#loadMore)}`;
  }

  #renderArticleList(items: readonly KbArticleSummary[], part: string, label?: string): TemplateResult {
    const lang = this.resolvedLocale;
    return html`<ul part=${part} class="articles" role="list" aria-label=${label ?? nothing}>
      ${items.map(
        (a) => html`<li>
          <a part="article-link" class="article-link" href=${kbHash({ view: 'article', slug: a.slug })}
            data-article=${a.id}
            >${a.title}</a
          >
          ${a.excerpt ? html`<p part="excerpt" class="excerpt">${a.excerpt}</p>` : nothing}
          <p class="muted">
            ${this.t('kbUpdated', { date: formatDate(lang, a.updatedAt) })}
          </p>
        </li>`,
      )}
    </ul>`;
  }

  #renderArticle(): unknown {
    const task = this.#article;
    if (task.status === TaskStatus.ERROR) {
      return isNotFound(task.error) ? this.#renderMissing('kbArticleMissing') : this.#loadError(task);
    }
    const article = task.status === TaskStatus.COMPLETE ? task.value : undefined;
    if (!article) return this.renderLoading();
    const lang = this.resolvedLocale;
    const titleId = `article-${article.id}`;
    return html`${this.#breadcrumb([{ name: article.category.name, slug: article.category.slug }])}
      <article part="article" class="article" aria-labelledby=${titleId}>
        <h2 part="heading" class="view-title" id=${titleId} tabindex="-1">${article.title}</h2>
        <p part="meta" class="muted">
          <time datetime=${article.updatedAt}>${this.t('kbUpdated', { date: formatDate(lang, article.updatedAt) })}</time>
        </p>
        <div part="content" class="rich">${richText(article.html)}</div>
      </article>
      ${this.#renderFeedback(article)}
      ${
        article.related.length
          ? html`<section class="related-section" aria-labelledby="related-title">
              <h3 id="related-title">${this.t('kbRelated')}</h3>
              ${this.#renderArticleList(article.related, 'articles related')}
            </section>`
          : nothing
      }`;
  }

  #renderFeedback(article: KbArticle): TemplateResult {
    const votes = this.votes[article.id] ?? article.votes;
    const button = (helpful: boolean) => {
      const mine = votes.mine === (helpful ? 'yes' : 'no');
      const count = helpful ? votes.yes : votes.no;
      return html`<button
        part="button vote"
        class="secondary vote"
        type="button"
        data-vote=${helpful ? 'yes' : 'no'}
        aria-pressed=${mine ? 'true' : 'false'}
        aria-busy=${this.voting ? 'true' : 'false'}
        @click=${() => this.#vote(article, helpful, mine)}
      >
        ${this.t(helpful ? 'kbYes' : 'kbNo')}
        <span class="vote-count">${count}</span>
      </button>`;
    };
    return html`<div part="feedback" class="feedback" role="group" aria-labelledby="helpful-label">
      <p id="helpful-label" class="feedback-label">${this.t('kbHelpful')}</p>
      <div class="actions">${button(true)} ${button(false)}</div>
      <p part="thanks" class="thanks" role="status">
        ${this.thanked === article.id ? this.t('kbThanks') : nothing}
      </p>
      <p part="error alert" class="alert" role="alert">${this.voteError || nothing}</p>
    </div>`;
  }

  #renderSearch(): unknown {
    const search = this.search;
    const q = this.query.trim();
    if (q.length < MIN_QUERY) return nothing;
    if (!search || search.q !== q || search.status === 'waiting') {
      return html`<h2 part="heading" class="view-title" tabindex="-1">${this.t('kbSearchResults', { q })}</h2>
        <p part="loading" class="loading"><span class="spinner" aria-hidden="true"></span>${this.t('kbSearching')}</p>`;
    }
    const heading = html`<h2 part="heading" class="view-title" tabindex="-1">
      ${this.t('kbSearchResults', { q })}
    </h2>`;
    if (search.status === 'error') {
      const error = search.error;
      if (isPortalApiError(error) && error.status === 429) {
        const seconds = error.retryAfter === undefined ? undefined : Math.ceil(error.retryAfter);
        const message =
          seconds === undefined ? this.t('kbSearchLimitedLater') : this.t('kbSearchLimited', { seconds });
        return html`${heading}
          <div part="load-error" class="load-error" role="alert"><p>${message}</p></div>`;
      }
      return html`${heading}
      ${accountLoadError(error, () => this.#startSearch(q, true), this.t)}`;
    }
    if (!search.hits.length) {
      return html`${heading}
        <p part="empty" class="empty">${this.t('kbNoMatch', { q })}</p>`;
    }
    return html`${heading}
      <ul part="results" class="articles results" role="list">
        ${search.hits.map(
          (hit) => html`<li part="result">
            <a
              part="article-link"
              class="article-link rich-inline"
              href=${kbHash({ view: 'article', slug: hit.article.slug })}
              data-article=${hit.article.id}
              >${richText(hit.title)}</a
            >
            <p part="snippet" class="excerpt rich-inline">${richText(hit.snippet)}</p>
            <p class="muted">${this.t('kbInCategory', { category: hit.article.category.name })}</p>
          </li>`,
        )}
      </ul>`;
  }

  #breadcrumb(trail: { name: string; slug: string }[]): TemplateResult {
    return html`<nav part="breadcrumb" class="breadcrumb" aria-label=${this.t('kbBreadcrumb')}>
      <ol>
        <li><a href=${kbHash({ view: 'home' })}>${this.t('kbAllCategories')}</a></li>
        ${trail.map(
          (c) => html`<li><a href=${kbHash({ view: 'category', slug: c.slug })}>${c.name}</a></li>`,
        )}
      </ol>
    </nav>`;
  }

  #renderMissing(key: 'kbCategoryMissing' | 'kbArticleMissing'): TemplateResult {
    return html`${this.#breadcrumb([])}
      <p part="not-found" class="empty">${this.t(key)}</p>`;
  }

  #loadError(task: Task): TemplateResult {
    return accountLoadError(task.error, () => void task.run(), this.t);
  }

  /** A 404 of a category or an article (the categories loaded, so the section is on) says it does not exist. */
  #failed(action: string, error: unknown) {
    if (!isNotFound(error)) this.emit(new PortalErrorEvent({ action, error }));
  }

  /** Shows `route`; with `focus`, moves focus to its heading once rendered (after navigating). */
  #show(route: KbRoute, focus: boolean) {
    if (sameRoute(route, this.route) && route.view !== 'search') return;
    this.route = route;
    this.alertMessage = '';
    this.notice = '';
    this.#focusHeading = focus;
    if (route.view === 'search') {
      this.query = route.q;
      this.#startSearch(route.q, true, false);
    } else {
      this.#searches.cancel();
      this.search = undefined;
      this.searchNotice = '';
      this.query = '';
    }
  }

  #onHash = () => {
    const route = parseKbHash(location.hash);
    if (route) this.#show(route, true);
    else if (!location.hash) this.#show(this.#start, true);
  };

  #onClick = (event: MouseEvent) => followInPageLink(event, this.renderRoot as ShadowRoot);

  #onType = (value: string) => {
    this.query = value;
    const q = value.trim();
    if (!q) {
      // Cleared: back where the search began.
      this.#searches.cancel();
      this.search = undefined;
      this.searchNotice = '';
      if (this.route.view === 'search') {
        const back = this.#beforeSearch ?? this.#start;
        this.#beforeSearch = undefined;
        this.route = back;
        history.replaceState(history.state, '', this.#url(back));
      }
      return;
    }
    this.#startSearch(value, false);
  };

  /** Searches for `value` (after the typing pause unless `immediate`), showing the search view. */
  #startSearch(value: string, immediate: boolean, updateHash = true) {
    const q = value.trim();
    const route: KbRoute = { view: 'search', q };
    if (updateHash) {
      if (this.route.view !== 'search') {
        // Entering the search is a step back can undo; typing in it only replaces that step.
        this.#beforeSearch = this.route;
        history.pushState(history.state, '', this.#url(route));
      } else {
        history.replaceState(history.state, '', this.#url(route));
      }
      this.route = route;
    }
    if (q.length < MIN_QUERY) {
      this.#searches.cancel();
      this.search = undefined;
      this.searchNotice = '';
      return;
    }
    const client = this.client;
    if (!client) return;
    this.search = { q, status: 'waiting', hits: this.search?.q === q ? this.search.hits : [] };
    void this.#searches
      .run((signal) => client.kb.search(q, { limit: 20, signal }), immediate)
      .then((outcome) => {
        if (!outcome) return;
        if (outcome.ok) {
          const hits = outcome.value.items;
          this.search = { q, status: 'done', hits };
          this.searchNotice = hits.length
            ? plural(this.t, this.resolvedLocale, hits.length, 'kbResultsOne', 'kbResultsOther')
            : this.t('kbNoMatch', { q });
        } else {
          this.search = { q, status: 'error', hits: [], error: outcome.error };
          this.searchNotice = '';
          this.emit(new PortalErrorEvent({ action: 'kbSearch', error: outcome.error }));
        }
      });
  }

  #url(route: KbRoute): string {
    return `${location.pathname}${location.search}${kbHash(route)}`;
  }

  #loadMore = async () => {
    const list = this.list;
    if (!list?.nextCursor) return;
    const shown = list.items.length;
    const ok = await this.attempt('kbArticlesMore', [], async (client) => {
      const page = await client.kb.articles({
        category: list.slug,
        limit: this.pageSize,
        cursor: list.nextCursor!,
      });
      if (this.list?.slug !== list.slug) return;
      this.list = { slug: list.slug, items: [...list.items, ...page.items], nextCursor: page.nextCursor };
    });
    // Keyboard users continue where the new articles start.
    const first = this.list?.items[shown];
    if (ok && first) void this.focusPart(`[data-article="${first.id}"]`);
  };

  async #vote(article: KbArticle, helpful: boolean, already: boolean) {
    this.voteError = '';
    if (already) {
      this.thanked = article.id;
      return;
    }
    const client = this.client;
    if (!client || this.voting) return;
    this.voting = true;
    this.thanked = undefined;
    try {
      const votes = await client.kb.vote(article.id, helpful);
      this.votes = { ...this.votes, [article.id]: votes };
      this.thanked = article.id;
    } catch (error) {
      this.voteError = describeError(error, [], this.t).alert;
      this.emit(new PortalErrorEvent({ action: 'kbVote', error }));
    } finally {
      this.voting = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-kb': PortalKb;
  }
}
