import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { PortalErrorEvent } from '../../lib/events.js';
import { richText, richTextStyles } from '../../lib/rich-text.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { AdminElement } from './admin-element.js';
import { describeAdminError } from './form.js';
import { type AdminMessageKey, type AdminTranslate, addAdminMessages } from './localize.js';
import * as en from './locales/en.js';
import * as es from './locales/es.js';
import { adminStyles } from './styles.js';
import { tabForKey } from './tabs.js';

addAdminMessages('en', en.common, en.content);
addAdminMessages('es', es.common, es.content);

type Tab = 'write' | 'preview';
const TABS: readonly Tab[] = ['write', 'preview'];

/** What the Preview tab shows: the rendering of `source`, or why it failed. */
type Preview =
  | { state: 'loading'; source: string }
  | { state: 'done'; source: string; html: string }
  | { state: 'error'; source: string; message: string };

/**
 * What is wrong with Markdown written for an editor of at most `max` characters (counted trimmed, as the server
 * counts): nothing, nothing written (the message of `emptyKey`), or too much.
 */
export function markdownError(
  t: AdminTranslate,
  lang: string,
  text: string,
  max: number,
  emptyKey: AdminMessageKey,
): string | undefined {
  const length = text.trim().length;
  if (!length) return t(emptyKey);
  return length > max ? t('contentErrorTooLong', { max: max.toLocaleString(lang) }) : undefined;
}

/**
 * A Markdown field of the console: a labelled textarea with "Write" and "Preview" tabs, a count of characters
 * against the limit and a short Markdown hint. The preview is the server's own rendering
 * (`admin.content.preview`), exactly as clients will see it, put in the page through the console's sanitizer
 * (`richText`), never as raw HTML.
 *
 * Typing fires the textarea's own `input` event, which crosses the shadow root with this element as its target:
 * read `event.target.value` and `event.target.name`, as for any input. `focus()` shows the Write tab and focuses
 * the text.
 *
 * @summary Markdown textarea with Write / Preview tabs and a character count.
 *
 * @attr name - The field's name (what a page matches server field errors to).
 * @attr label - The field's label.
 * @attr hint - A line under the field, before the Markdown hint.
 * @attr error - A message shown under the field (the field is marked invalid).
 * @attr maxlength - The most characters allowed (counted as the server counts them).
 * @attr rows - Visible lines of the textarea.
 * @attr readonly - Shows the text without letting it change (the Preview tab still works).
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 *
 * @csspart field - The whole field.
 * @csspart tabs - The Write / Preview tab list.
 * @csspart tab - A tab.
 * @csspart textarea - The text.
 * @csspart preview - The Preview panel.
 * @csspart count - The character count.
 *
 * @event {InputEvent} input - The text changed (the textarea's own event, retargeted to this element).
 * @event {PortalErrorEvent} portal-error - The preview failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-markdown-editor')
export class PortalAdminMarkdownEditor extends AdminElement {
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override styles = [
    hostStyles,
    formStyles,
    adminStyles,
    richTextStyles,
    css`
      .head {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        justify-content: space-between;
        gap: 0.5rem;
      }
      .tabs {
        display: flex;
        gap: 0.25rem;
      }
      .tab {
        min-height: 2.25rem;
        padding: 0.25rem 0.75rem;
        border: 1px solid transparent;
        border-bottom: 3px solid transparent;
        border-radius: var(--_radius) var(--_radius) 0 0;
        background: none;
        color: var(--_muted);
        font-weight: 600;
      }
      .tab[aria-selected='true'] {
        color: var(--_text);
        border-bottom-color: var(--_primary);
      }
      .panel[hidden] {
        display: none;
      }
      .preview {
        min-height: 8rem;
        padding: 0.75rem;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        background: var(--_surface);
        overflow-wrap: anywhere;
      }
      .below {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        gap: 0.25rem 1rem;
      }
      .count {
        margin: 0;
        font-size: 0.875em;
        color: var(--_muted);
        font-variant-numeric: tabular-nums;
      }
      .count.over {
        color: var(--_danger);
        font-weight: 600;
      }
    `,
  ];

  /** The field's name (reflected, so a page finds and focuses it as `[name="…"]`). */
  @property({ reflect: true }) name = 'body';
  /** The field's label. */
  @property() label = '';
  /** The Markdown. */
  @property() value = '';
  /** A line under the field, before the Markdown hint. */
  @property() hint = '';
  /** A message shown under the field. */
  @property() error = '';
  /** The most characters allowed. */
  @property({ type: Number }) maxlength = 100_000;
  /** Visible lines of the textarea. */
  @property({ type: Number }) rows = 12;
  /** Marks the field required for assistive technology. */
  @property({ type: Boolean }) required = false;
  /** Shows the text without letting it change. */
  @property({ type: Boolean, reflect: true }) readonly = false;

  @state() private tab: Tab = 'write';
  @state() private preview?: Preview;

  @query('textarea') private textarea?: HTMLTextAreaElement;

  /** Shows the Write tab and focuses the text. */
  override focus(options?: FocusOptions): void {
    if (this.tab === 'write') {
      this.textarea?.focus(options);
      return;
    }
    this.tab = 'write';
    void this.updateComplete.then(() => this.textarea?.focus(options));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A page that puts other text in (discarding, loading another record) shows it being written.
    if (changed.has('value') && this.tab === 'preview' && this.preview?.source !== this.value) this.#render();
  }

  protected override render() {
    const length = this.value.length;
    const over = length > this.maxlength;
    const lang = this.resolvedLocale;
    const count = this.t('markdownCount', {
      count: length.toLocaleString(lang),
      max: this.maxlength.toLocaleString(lang),
    });
    const describedBy = ['md-error', 'md-hint', 'md-count']
      .filter((id) => id !== 'md-error' || this.error)
      .join(' ');
    return html`<div part="field" class="field" lang=${this.textLang}>
      <div class="head">
        <label id="md-label" for="md-text">${this.label}</label>
        <div part="tabs" class="tabs" role="tablist" aria-label=${this.t('markdownTabs', { label: this.label })} @keydown=${this.#onTabKey}>
          ${TABS.map(
            (tab) => html`<button
              part="tab"
              class="tab"
              role="tab"
              type="button"
              id=${`md-tab-${tab}`}
              aria-selected=${tab === this.tab ? 'true' : 'false'}
              aria-controls=${`md-panel-${tab}`}
              tabindex=${tab === this.tab ? '0' : '-1'}
              @click=${() => this.#pick(tab)}
            >
              ${this.t(tab === 'write' ? 'markdownWrite' : 'markdownPreview')}
            </button>`,
          )}
        </div>
      </div>
      <div class="panel" role="tabpanel" id="md-panel-write" aria-labelledby="md-tab-write" ?hidden=${this.tab !== 'write'}>
        <textarea
          part="textarea"
          id="md-text"
          name=${this.name}
          rows=${this.rows}
          spellcheck="true"
          .value=${live(this.value)}
          ?required=${this.required}
          ?readonly=${this.readonly}
          aria-invalid=${this.error || over ? 'true' : 'false'}
          aria-describedby=${describedBy}
          @input=${this.#onInput}
        ></textarea>
      </div>
      <div
        part="preview"
        class="panel preview"
        role="tabpanel"
        id="md-panel-preview"
        aria-labelledby="md-tab-preview"
        tabindex="0"
        aria-busy=${this.preview?.state === 'loading' ? 'true' : 'false'}
        ?hidden=${this.tab !== 'preview'}
      >
        ${this.tab === 'preview' ? this.#renderPreview() : nothing}
      </div>
      <div class="below">
        <p class="hint" id="md-hint">${this.hint ? `${this.hint} ` : ''}${this.t('markdownHint')}</p>
        <p part="count" class="count ${over ? 'over' : ''}" id="md-count">
          ${count}${over ? html` · ${this.t('markdownTooLong', { count: (length - this.maxlength).toLocaleString(lang) })}` : nothing}
        </p>
      </div>
      ${this.error ? html`<p part="error field-error" class="field-error" id="md-error">${this.error}</p>` : nothing}
    </div>`;
  }

  #renderPreview() {
    const p = this.preview;
    if (!this.value.trim()) return html`<p class="muted">${this.t('markdownNothingToPreview')}</p>`;
    if (!p || p.state === 'loading') return this.renderLoading();
    if (p.state === 'error') {
      return html`<div part="load-error" class="load-error" role="alert">
        <p>${p.message}</p>
        <button class="secondary small" type="button" @click=${() => this.#render()}>${this.t('tryAgain')}</button>
      </div>`;
    }
    return html`<div class="rich">${richText(p.html)}</div>`;
  }

  #onInput = (event: Event) => {
    this.value = (event.target as HTMLTextAreaElement).value;
  };

  #pick(tab: Tab, focus = false) {
    this.tab = tab;
    if (tab === 'preview' && this.preview?.source !== this.value) this.#render();
    if (focus) void this.focusPart(`#md-tab-${tab}`);
  }

  #onTabKey = (event: KeyboardEvent) => {
    const index = tabForKey(event.key, TABS.indexOf(this.tab), TABS.length);
    if (index === undefined) return;
    event.preventDefault();
    this.#pick(TABS[index]!, true);
  };

  /** Asks the server to render the text; a newer request wins over an older one still on its way. */
  async #render() {
    const source = this.value;
    const admin = this.admin;
    if (!source.trim()) {
      this.preview = undefined;
      return;
    }
    this.preview = { state: 'loading', source };
    if (!admin) {
      this.preview = { state: 'error', source, message: this.t('notConnectedAdmin') };
      return;
    }
    try {
      const rendered = await admin.content.preview(source);
      if (this.preview?.source === source) this.preview = { state: 'done', source, html: rendered };
    } catch (error) {
      if (this.preview?.source === source) {
        this.preview = { state: 'error', source, message: describeAdminError(error, [], this.t).alert };
      }
      this.emit(new PortalErrorEvent({ action: 'adminPreview', error }));
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-markdown-editor': PortalAdminMarkdownEditor;
  }
}
