import { type Attachment, type AttachmentRules, isPortalApiError, type PortalClient } from '@portico/sdk';
import {
  css,
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { refusalOf } from '../../lib/attachment-rules.js';
import { PortalErrorEvent } from '../../lib/events.js';
import { describeError, type Translate } from '../../lib/form.js';
import { formatBytes, formatList } from '../../lib/format.js';

/** Where a file of the picker is: on its way up, uploaded (with its id), or not attached and why. */
export type AttachmentState = 'uploading' | 'done' | 'refused' | 'failed';

/** A file chosen for a message. */
export interface AttachmentEntry {
  key: number;
  file: File;
  state: AttachmentState;
  /** Why it is not attached (refused here or by the server). */
  reason?: string;
  /** The server's record, once uploaded. */
  attachment?: Attachment;
  abort?: AbortController;
}

/** What the picker needs from the element it is in. */
export interface AttachmentsHost extends ReactiveControllerHost, HTMLElement {
  readonly client: PortalClient | undefined;
}

/** What a render shows: the rules, the element's words and language, and the server's error for the field. */
export interface AttachmentsView {
  /** Ids unique within the element (`new-files`, `reply-files`). */
  id: string;
  rules: AttachmentRules;
  t: Translate;
  lang: string;
  /** The server's message about the attachments field (e.g. `attachments.1`). */
  error?: string | undefined;
  disabled?: boolean;
}

/**
 * The attachment picker of the new-ticket form and the reply box: a labelled button that opens the file chooser
 * (several files), also a drop zone; each file is checked against the business's rules (type by extension, size,
 * number of files) before anything is sent, so a refused file shows why with no request at all; accepted files
 * upload at once (`portal.support.upload`), each with its state (uploading, attached, or not attached with the
 * server's reason), and can be removed (an upload on its way is aborted) or tried again. Changes are announced
 * in a polite live region. `ids` are the uploaded files to send; `uploading` holds the send button back.
 */
export class AttachmentsController implements ReactiveController {
  readonly #host: AttachmentsHost;
  #entries: AttachmentEntry[] = [];
  #keys = 0;
  #announcement = '';
  #dragging = false;
  /** The rules and words of the last render, for checks and announcements between renders. */
  #view: AttachmentsView | undefined;

  constructor(host: AttachmentsHost) {
    this.#host = host;
    host.addController(this);
  }

  get entries(): readonly AttachmentEntry[] {
    return this.#entries;
  }

  /** The ids of the uploaded files, in the order they were chosen. */
  get ids(): string[] {
    return this.#entries.flatMap((e) => (e.state === 'done' && e.attachment ? [e.attachment.id] : []));
  }

  /** Whether a file is still on its way up. */
  get uploading(): boolean {
    return this.#entries.some((e) => e.state === 'uploading');
  }

  hostDisconnected(): void {
    this.clear();
  }

  /** Forgets every file (after sending, or for another person); uploads on their way are aborted. */
  clear(): void {
    for (const entry of this.#entries) entry.abort?.abort();
    this.#entries = [];
    this.#announcement = '';
    this.#host.requestUpdate();
  }

  /** Checks `files` against the rules and uploads those that pass. */
  add(files: Iterable<File>): void {
    const view = this.#view;
    if (!view) return;
    const { rules, t, lang } = view;
    const said: string[] = [];
    for (const file of files) {
      const entry: AttachmentEntry = { key: ++this.#keys, file, state: 'uploading' };
      const kept = this.#kept();
      const refusal = refusalOf(file, rules);
      if (refusal === 'type') {
        this.#refuse(entry, t('tktRefusedType'));
      } else if (refusal === 'size') {
        this.#refuse(entry, t('tktRefusedSize', { size: formatBytes(lang, rules.maxBytes) }));
      } else if (kept >= rules.maxFiles) {
        this.#refuse(entry, t('tktRefusedCount', { max: rules.maxFiles }));
      }
      this.#entries = [...this.#entries, entry];
      said.push(
        entry.state === 'refused'
          ? t('tktAnnounceRefused', { name: file.name, reason: entry.reason })
          : t('tktAnnounceUploading', { name: file.name }),
      );
      if (entry.state === 'uploading') void this.#upload(entry);
    }
    this.#say(said.join(' '));
  }

  remove(key: number): void {
    const entry = this.#entries.find((e) => e.key === key);
    if (!entry) return;
    entry.abort?.abort();
    const index = this.#entries.indexOf(entry);
    this.#entries = this.#entries.filter((e) => e !== entry);
    this.#say(this.#view?.t('tktAnnounceRemoved', { name: entry.file.name }) ?? '');
    // Focus stays in the list (the next file's Remove), else goes back to the picker.
    const next = this.#entries[Math.min(index, this.#entries.length - 1)];
    void this.#focus(next ? `[data-file="${next.key}"] [data-remove]` : '[data-attach]');
  }

  retry(key: number): void {
    const entry = this.#entries.find((e) => e.key === key);
    if (entry?.state !== 'failed') return;
    const view = this.#view;
    // Files chosen after this one failed may have taken its place: the message may carry only `maxFiles`.
    if (view && this.#kept() >= view.rules.maxFiles) {
      this.#refuse(entry, view.t('tktRefusedCount', { max: view.rules.maxFiles }));
      this.#say(view.t('tktAnnounceRefused', { name: entry.file.name, reason: entry.reason }));
      void this.#focus(`[data-file="${key}"] [data-remove]`);
      return;
    }
    entry.state = 'uploading';
    delete entry.reason;
    this.#say(this.#view?.t('tktAnnounceUploading', { name: entry.file.name }) ?? '');
    void this.#upload(entry);
    void this.#focus(`[data-file="${key}"] [data-remove]`);
  }

  /** How many files the message will carry (uploaded or on their way). */
  #kept(): number {
    return this.#entries.filter((e) => e.state === 'uploading' || e.state === 'done').length;
  }

  #refuse(entry: AttachmentEntry, reason: string) {
    entry.state = 'refused';
    entry.reason = reason;
  }

  async #upload(entry: AttachmentEntry) {
    const client = this.#host.client;
    const t = this.#view?.t;
    if (!client || !t) {
      entry.state = 'failed';
      entry.reason = t?.('notConfigured') ?? '';
      this.#changed();
      return;
    }
    const abort = new AbortController();
    entry.abort = abort;
    this.#changed();
    try {
      const attachment = await client.support.upload(entry.file, entry.file.name, { signal: abort.signal });
      if (abort.signal.aborted) return;
      entry.state = 'done';
      entry.attachment = attachment;
      this.#say(t('tktAnnounceDone', { name: entry.file.name }));
    } catch (error) {
      if (abort.signal.aborted) return;
      // The server refusing the file itself (too large, wrong type, empty) will not change on a retry.
      entry.state = isPortalApiError(error) && [400, 413, 415].includes(error.status) ? 'refused' : 'failed';
      entry.reason = t('tktUploadFailed', { reason: describeError(error, [], t).alert });
      this.#say(t('tktAnnounceRefused', { name: entry.file.name, reason: entry.reason }));
      this.#host.dispatchEvent(new PortalErrorEvent({ action: 'uploadAttachment', error }));
    } finally {
      if (entry.abort === abort) delete entry.abort;
      this.#changed();
    }
  }

  #changed() {
    this.#entries = [...this.#entries];
    this.#host.requestUpdate();
  }

  #say(text: string) {
    this.#announcement = text;
    this.#changed();
  }

  async #focus(selector: string) {
    await this.#host.updateComplete;
    this.#host.shadowRoot
      ?.querySelector<HTMLElement>(`[data-picker="${this.#view?.id}"] ${selector}`)
      ?.focus();
  }

  #choose = (event: Event) => {
    const input = (event.currentTarget as HTMLElement)
      .closest('[data-picker]')
      ?.querySelector<HTMLInputElement>('input[type="file"]');
    input?.click();
  };

  #chosen = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    // The same file can be chosen again (after removing it).
    input.value = '';
    this.add(files);
  };

  #dragOver = (event: DragEvent) => {
    if (this.#view?.disabled || !event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    if (!this.#dragging) {
      this.#dragging = true;
      this.#host.requestUpdate();
    }
  };

  #dragLeave = (event: DragEvent) => {
    const to = event.relatedTarget as Node | null;
    if (to && (event.currentTarget as Node).contains(to)) return;
    this.#dragging = false;
    this.#host.requestUpdate();
  };

  #drop = (event: DragEvent) => {
    this.#dragging = false;
    this.#host.requestUpdate();
    if (this.#view?.disabled) return;
    const files = event.dataTransfer?.files;
    if (!files?.length) return;
    event.preventDefault();
    this.add([...files]);
  };

  render(view: AttachmentsView): TemplateResult {
    this.#view = view;
    const { id, rules, t, lang, error } = view;
    const accept = rules.types.map((ext) => `.${ext}`).join(',');
    const types = formatList(
      lang,
      rules.types.map((ext) => ext.toUpperCase()),
    );
    const rulesText = t('tktAttachRules', {
      types,
      size: formatBytes(lang, rules.maxBytes),
      max: rules.maxFiles,
    });
    const described = [error ? `${id}-error` : '', `${id}-rules`].filter(Boolean).join(' ');
    return html`<div
      part="attachments"
      class="attachments ${this.#dragging ? 'dragging' : ''}"
      data-picker=${id}
      role="group"
      aria-labelledby=${`${id}-label`}
      @dragenter=${this.#dragOver}
      @dragover=${this.#dragOver}
      @dragleave=${this.#dragLeave}
      @drop=${this.#drop}
    >
      <span class="attachments-label" id=${`${id}-label`}>${t('tktAttachments')}</span>
      <button
        part="button attach"
        class="drop-zone"
        type="button"
        data-attach
        aria-describedby=${described}
        ?disabled=${view.disabled}
        @click=${this.#choose}
      >
        <span class="drop-title">${this.#dragging ? t('tktDropNow') : t('tktAttach')}</span>
        <span class="drop-hint" aria-hidden="true">${t('tktDropHint')}</span>
      </button>
      <input
        type="file"
        name=${`${id}-input`}
        multiple
        hidden
        accept=${accept}
        @change=${this.#chosen}
      />
      <p part="hint" class="hint" id=${`${id}-rules`}>${rulesText}</p>
      ${
        this.#entries.length
          ? html`<ul part="files" class="files" aria-label=${t('tktAttachments')}>
              ${repeat(
                this.#entries,
                (entry) => entry.key,
                (entry) => this.#renderEntry(entry, view),
              )}
            </ul>`
          : nothing
      }
      ${error ? html`<p part="error field-error" class="field-error" id=${`${id}-error`}>${error}</p>` : nothing}
      <div class="sr-only" role="status" aria-live="polite">${this.#announcement}</div>
    </div>`;
  }

  #renderEntry(entry: AttachmentEntry, { t, lang }: AttachmentsView): TemplateResult {
    const name = entry.file.name;
    const stateText =
      entry.state === 'uploading'
        ? t('tktFileUploading')
        : entry.state === 'done'
          ? t('tktFileDone')
          : (entry.reason ?? '');
    return html`<li part="file" class="file ${entry.state}" data-file=${entry.key}>
      <span class="file-name">${name}</span>
      <span class="file-size">${formatBytes(lang, entry.file.size)}</span>
      <span class="file-state" part="file-state">
        ${entry.state === 'uploading' ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${stateText}
      </span>
      <span class="file-actions">
        ${
          entry.state === 'failed'
            ? html`<button
                part="button retry-file"
                class="secondary small"
                type="button"
                aria-label=${t('tktRetryFile', { name })}
                @click=${() => this.retry(entry.key)}
              >
                ${t('tktRetry')}
              </button>`
            : nothing
        }
        <button
          part="button remove-file"
          class="secondary small"
          type="button"
          data-remove
          aria-label=${t('tktRemoveFile', { name })}
          @click=${() => this.remove(entry.key)}
        >
          ${t('tktRemove')}
        </button>
      </span>
    </li>`;
  }
}

/** Styles of the picker (inside an element using `accountStyles`). */
export const attachmentsStyles = css`
  .attachments {
    display: grid;
    gap: 0.5rem;
    min-width: 0;
  }
  .attachments-label {
    font-weight: 600;
    font-size: 0.875em;
  }
  .drop-zone {
    display: grid;
    justify-items: center;
    gap: 0.125rem;
    min-height: 4.5rem;
    padding: 0.75rem var(--_space);
    border: 2px dashed var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  .drop-zone:hover:not(:disabled),
  .dragging .drop-zone {
    border-color: var(--_primary);
    background: var(--_surface-raised);
  }
  .drop-title {
    font-weight: 600;
    color: var(--_primary);
  }
  .drop-hint {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .files {
    display: grid;
    gap: 0.375rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .file {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    gap: 0.125rem 0.75rem;
    align-items: center;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .file-name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .file-size {
    color: var(--_muted);
    font-size: 0.875em;
    justify-self: end;
  }
  .file-state {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    font-size: 0.875em;
    color: var(--_muted);
  }
  .file.done .file-state {
    color: var(--_good);
  }
  .file.refused,
  .file.failed {
    border-color: var(--_danger);
  }
  .file.refused .file-state,
  .file.failed .file-state {
    color: var(--_danger);
  }
  .file-actions {
    display: flex;
    gap: 0.375rem;
    justify-self: end;
  }
`;
