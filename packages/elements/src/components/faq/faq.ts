import type { Faq, FaqItem } from '@portico/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { accountLoadError } from '../../lib/account-element.js';
import { accountStyles } from '../../lib/account-styles.js';
import { followInPageLink, plural, searchBox } from '../../lib/content.js';
import { PortalErrorEvent } from '../../lib/events.js';
import { followHash, hashId, replaceHash } from '../../lib/hash.js';
import { LatestRequest } from '../../lib/latest-request.js';
import { addMessages } from '../../lib/localize.js';
import * as contentEn from '../../lib/locales/content-en.js';
import * as contentEs from '../../lib/locales/content-es.js';
import * as en from '../../lib/locales/en.js';
import * as es from '../../lib/locales/es.js';
import { PortalElement } from '../../lib/portal-element.js';
import { isSectionOff, SectionHider } from '../../lib/public-section.js';
import { richText, richTextStyles } from '../../lib/rich-text.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import styles from './faq.styles.js';

addMessages('en', en.account, contentEn.faq);
addMessages('es', es.account, contentEs.faq);

/** `#faq/<item-id>`: one question, opened. */
export const FAQ_HASH = /^#faq\/([^/?#]+)$/;

/** A load of the FAQ: for `q` (empty: every question), and its answer once it came. */
interface Load {
  q: string;
  status: 'waiting' | 'done' | 'error';
  faq?: Faq;
  error?: unknown;
}

/**
 * The FAQ, public: each group's questions as disclosure widgets (`<details>`) with their answers, and a filter box
 * that asks the server for the matching questions as you type (after a pause; a newer filter cancels the older).
 *
 * A question has its own address: `#faq/<item-id>` opens it and scrolls to it (on load and when the hash
 * changes), and opening a question puts its address in the address bar (replacing the history entry, so the back
 * button is not filled with questions). When the business hides its FAQ (the API answers 404), the element hides
 * itself.
 *
 * @summary Questions and answers by group, with a filter.
 *
 * @attr search-delay - Milliseconds of pause in typing before filtering (default 250).
 * @attr api - The Portico server's URL, when used without a `<portal-provider>`.
 * @attr mode - Session mode of the standalone client: `cookie` (default) or `token`.
 * @attr lang - Language (`en`, `es`); else the provider's, else the page's.
 * @attr theme - `light` or `dark` to force a colour scheme.
 *
 * @csspart base - The box around everything.
 * @csspart title - The heading.
 * @csspart search - The filter form.
 * @csspart label - The filter's label.
 * @csspart input - The filter box.
 * @csspart group - A group's section.
 * @csspart group-title - A group's heading.
 * @csspart item - A question (`<details>`).
 * @csspart question - A question's `<summary>`.
 * @csspart answer - A question's answer.
 * @csspart empty - No questions, or none matching.
 * @csspart status - The `role="status"` region (how many match).
 * @csspart loading - Shown while loading.
 * @csspart load-error - Shown when the FAQ could not be loaded.
 * @csspart retry - "Try again" after a failed load (also `button`).
 *
 * @cssproperty [--portal-faq-width=56rem] - Maximum width.
 * @cssproperty --portal-faq-padding - Padding inside the box.
 * @cssproperty --portal-faq-background - Background; falls back to `--portal-color-surface`.
 * @cssproperty --portal-faq-border - Border; falls back to a 1px `--portal-color-border` line.
 *
 * @event {PortalErrorEvent} portal-error - The FAQ could not be loaded; `event.detail` is `{ action, error }`.
 */
@customElement('portal-faq')
export class PortalFaq extends PortalElement {
  static override styles = [hostStyles, formStyles, accountStyles, richTextStyles, styles];

  /** Pause in typing before filtering, in milliseconds. */
  @property({ type: Number, attribute: 'search-delay' }) searchDelay = 250;

  /** What is typed in the filter. */
  @state() private query = '';
  /** The last answer shown, and the load in flight. */
  @state() private shown?: Load;
  @state() private loading?: Load;
  /** The question the hash names. */
  @state() private target?: string;

  readonly #hider = new SectionHider(this);
  readonly #requests = new LatestRequest(this, () => this.searchDelay);
  #client: unknown;
  /** Scroll to the target once it is rendered. */
  #scroll = false;

  constructor() {
    super();
    followHash(this, () => this.#onHash());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.client !== this.#client) {
      this.#client = this.client;
      if (this.client) this.#load(this.query.trim(), true);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (!this.#scroll || !this.target) return;
    const item = this.renderRoot.querySelector<HTMLDetailsElement>(
      `[data-item="${CSS.escape(this.target)}"]`,
    );
    if (!item) return;
    this.#scroll = false;
    item.open = true;
    item.scrollIntoView({ block: 'start' });
    item.querySelector('summary')?.focus({ preventScroll: true });
  }

  protected override render() {
    return html`<div part="base" class="base" lang=${this.textLang} @click=${this.#onClick}>
      ${this.#renderContent()}
    </div>`;
  }

  #renderContent(): unknown {
    if (!this.client) return html`<p part="load-error" class="load-error">${this.t('notConfigured')}</p>`;
    const shown = this.shown;
    if (this.loading?.status === 'error' && !shown) {
      const error = this.loading.error;
      if (isSectionOff(error)) return nothing;
      return accountLoadError(error, () => this.#load(this.loading?.q ?? '', true), this.t);
    }
    if (!shown?.faq) return this.renderLoading();
    const q = shown.q;
    const filtering = this.loading?.status === 'waiting';
    const failed = this.loading?.status === 'error' ? this.loading : undefined;
    return html`<h2 part="title" class="title">${this.t('faqTitle')}</h2>
      ${searchBox({
        name: 'faq-q',
        label: this.t('faqFilterLabel'),
        placeholder: this.t('faqFilterPlaceholder'),
        value: this.query,
        busy: filtering,
        onInput: this.#onType,
        onSubmit: (value) => this.#load(value.trim(), true),
      })}
      <p part="status" class="notice" role="status">${this.#status(shown, filtering)}</p>
      ${
        failed
          ? accountLoadError(failed.error, () => this.#load(failed.q, true), this.t)
          : html`<div class="groups" aria-busy=${filtering ? 'true' : 'false'}>
              ${this.#renderGroups(shown.faq, q)}
            </div>`
      }`;
  }

  #status(shown: Load, filtering: boolean): string | typeof nothing {
    if (filtering) return this.t('faqFiltering');
    if (!shown.q) return nothing;
    const count = shown.faq!.groups.reduce((sum, g) => sum + g.items.length, 0);
    return count
      ? plural(this.t, this.resolvedLocale, count, 'faqMatchesOne', 'faqMatchesOther')
      : this.t('faqNoMatch', { q: shown.q });
  }

  #renderGroups(faq: Faq, q: string): unknown {
    const groups = faq.groups.filter((g) => g.items.length);
    if (!groups.length) {
      return html`<p part="empty" class="empty">${q ? this.t('faqNoMatch', { q }) : this.t('faqEmpty')}</p>`;
    }
    return repeat(
      groups,
      (group) => group.id,
      (group) => html`<section part="group" class="group" aria-labelledby=${`group-${group.id}`}>
        <h3 part="group-title" id=${`group-${group.id}`}>${group.name}</h3>
        <div class="items">
          ${repeat(
            group.items,
            (item) => item.id,
            (item) => this.#renderItem(item),
          )}
        </div>
      </section>`,
    );
  }

  #renderItem(item: FaqItem): TemplateResult {
    return html`<details
      part="item"
      class="item"
      id=${`faq-${item.id}`}
      data-item=${item.id}
    >
      <summary part="question" class="question" @click=${(event: MouseEvent) => this.#onSummary(event, item)}>
        ${item.question}
      </summary>
      <div part="answer" class="answer rich">${richText(item.html)}</div>
    </details>`;
  }

  /** A person opens or closes a question (a click, or Enter or Space on the summary): its address follows. */
  #onSummary(event: MouseEvent, item: FaqItem) {
    // The click toggles the details after this handler: it is about to open when it is closed now.
    const open = !(event.currentTarget as HTMLElement).closest('details')!.open;
    if (open && this.target !== item.id) {
      this.target = item.id;
      replaceHash(`#faq/${encodeURIComponent(item.id)}`);
    } else if (!open && this.target === item.id) {
      this.target = undefined;
      if (FAQ_HASH.test(location.hash)) replaceHash('');
    }
  }

  #onHash = () => {
    const id = hashId(FAQ_HASH);
    if (!id || id === this.target) return;
    this.target = id;
    this.#scroll = true;
    // A filter could hide the question: show them all.
    if (this.shown?.q && this.client) {
      this.query = '';
      this.#load('', true);
    }
  };

  #onClick = (event: MouseEvent) => followInPageLink(event, this.renderRoot as ShadowRoot);

  #onType = (value: string) => {
    this.query = value;
    const q = value.trim();
    if (q === (this.loading?.q ?? this.shown?.q)) return;
    this.#load(q, false);
  };

  /** Asks for the questions matching `q` (all when empty), after the typing pause unless `immediate`. */
  #load(q: string, immediate: boolean) {
    const client = this.client;
    if (!client) return;
    const load: Load = { q, status: 'waiting' };
    this.loading = load;
    void this.#requests
      .run((signal) => client.faq.get({ ...(q ? { q } : {}), signal }), immediate || !q)
      .then((outcome) => {
        if (!outcome) return;
        if (outcome.ok) {
          const done: Load = { q, status: 'done', faq: outcome.value };
          this.shown = done;
          this.loading = undefined;
          this.#hider.hide(false);
        } else {
          this.loading = { q, status: 'error', error: outcome.error };
          if (isSectionOff(outcome.error)) {
            this.shown = undefined;
            this.#hider.hide(true);
          } else {
            this.emit(new PortalErrorEvent({ action: 'faq', error: outcome.error }));
          }
        }
      });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-faq': PortalFaq;
  }
}
