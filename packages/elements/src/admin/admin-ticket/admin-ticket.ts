import {
  type AdminDepartment,
  type AdminTicket,
  type AdminTicketMessage,
  type AdminTicketUpdate,
  type Attachment,
  isPortalApiError,
  type SupportSettings,
  type TicketPriority,
  type TicketStatus,
} from '@portico/sdk/admin';
import { supportAdminRoutes as routes } from '@portico/sdk/contract';
import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { refusalOf } from '../../lib/attachment-rules.js';
import { PortalErrorEvent } from '../../lib/events.js';
import { submitButton } from '../../lib/form.js';
import { formatDateTime } from '../../lib/format.js';
import { newIdempotencyKey } from '../../lib/idempotency-key.js';
import { richText, richTextStyles } from '../../lib/rich-text.js';
import { saveFile } from '../../lib/save-file.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { AdminElement } from '../lib/admin-element.js';
import { describeAdminError } from '../lib/form.js';
import { type AdminMessageKey, addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import '../lib/markdown-editor.js';
import { hashOf } from '../lib/routes.js';
import { adminStyles } from '../lib/styles.js';
import { tabForKey } from '../lib/tabs.js';
import {
  formatBytes,
  ticketPriorityBadge,
  ticketPriorityOptions,
  ticketStatusBadge,
  ticketStatusOptions,
} from '../lib/support-labels.js';
import styles from './admin-ticket.styles.js';

addAdminMessages('en', en.common, en.supportCommon, en.ticket);
addAdminMessages('es', es.common, es.supportCommon, es.ticket);

/** What the composer writes: a reply (mailed to the client) or an internal note (staff only). */
export type ComposerMode = 'reply' | 'note';
const MODES: readonly ComposerMode[] = ['reply', 'note'];

/** A file picked for the message, through its upload. */
interface PickedFile {
  key: number;
  name: string;
  size: number;
  state: 'uploading' | 'done' | 'failed';
  attachment?: Attachment;
  /** Why it was not uploaded. */
  reason?: string;
}

/** A staff member who may be given tickets. */
interface Assignable {
  id: string;
  name: string;
}

/** The four handling controls, as their fields are named (the server's paths). */
const CONTROL_FIELDS = ['status', 'priority', 'departmentId', 'assigneeId'];
const MESSAGE_MAX = 20_000;

/** Error codes of support that this page explains in the staff member's language. */
const SUPPORT_CODES: Partial<Record<string, AdminMessageKey>> = {
  DEPARTMENT_UNAVAILABLE: 'errorDepartmentUnavailable',
  ATTACHMENT_UNAVAILABLE: 'errorAttachmentUnavailable',
  ATTACHMENT_TOO_LARGE: 'errorAttachmentTooLarge',
  ATTACHMENT_TYPE: 'errorAttachmentType',
};

/**
 * One ticket (`#/tickets/<id>`): its subject, reference, client (linked), department, status, priority and
 * assignee; the thread oldest first, where client and staff replies look different and internal notes are
 * unmistakable ("Internal note — not visible to the client", on their own background); attachments downloaded
 * through the staff API. Admin and support staff change status, priority, department and assignee, and write
 * with a composer of two modes, "Reply to client" (mailed to them; the ticket's status after it defaults to
 * Answered) and "Internal note" (never shown to the client), each in its own colour with its own button: Markdown
 * with a preview rendered by the server exactly as it will show, and files uploaded one by one (each with its
 * state, removable) within the business's attachment rules. A retried send reuses its Idempotency-Key, so it
 * never posts twice. Billing staff read the ticket only.
 *
 * @summary One ticket: thread with internal notes, reply or note composer, handling controls.
 *
 * @attr ticket-id - The ticket's id.
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 *
 * @csspart heading - The page heading (the ticket's subject).
 * @csspart details - The details (reference, client, department, assignee).
 * @csspart controls - The handling form (status, priority, department, assignee).
 * @csspart thread - The list of messages.
 * @csspart message - One message (`client`, `staff` or `note` too).
 * @csspart note-label - The "Internal note — not visible to the client" label of a note.
 * @csspart modes - The "Reply to client" / "Internal note" tabs.
 * @csspart mode - One of those tabs.
 * @csspart composer - The reply and note form (`reply` or `note` too, by mode).
 * @csspart files - The files picked for the message.
 * @csspart field - A label, input, hint and error.
 * @csspart badge - A status, priority or author label.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 * @csspart loading - Shown while the ticket loads.
 * @csspart load-error - Shown when the ticket could not be loaded (or does not exist).
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-ticket')
export class PortalAdminTicket extends AdminElement {
  static override styles = [hostStyles, formStyles, adminStyles, richTextStyles, styles];

  /** Saves a downloaded attachment (a link with `download`); tests replace it. */
  static saveFile: (blob: Blob, name: string) => void = (blob, name) => saveFile(document.body, blob, name);

  /** The ticket's id. */
  @property({ attribute: 'ticket-id' }) ticketId = '';

  @state() private ticket?: AdminTicket;
  @state() private mode: ComposerMode = 'reply';
  @state() private files: PickedFile[] = [];

  #fileKeys = 0;
  /** The last send's body and Idempotency-Key: sending the same again (a retry) reuses the key. */
  #sending?: { fingerprint: string; key: string };

  readonly #load = this.loadTask(
    'adminTicket',
    () => [this.ticketId],
    (admin, [id]) => admin.support.get(id),
    (ticket) => this.#settle(ticket),
  );

  readonly #departments = this.loadTask(
    'adminSupportDepartments',
    () => [],
    (admin): Promise<AdminDepartment[]> => admin.support.departments(),
  );

  readonly #settings = this.loadTask(
    'adminSupportSettings',
    () => [],
    (admin): Promise<SupportSettings> => admin.support.settings(),
  );

  /** Staff who work tickets: who the ticket may be assigned to. */
  readonly #staff = this.loadTask(
    'adminSupportStaff',
    () => [],
    (admin): Promise<Assignable[]> => admin.support.assignees(),
  );

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('ticketId') && changed.get('ticketId') !== undefined) {
      this.ticket = undefined;
      this.values = {};
      this.files = [];
      this.#sending = undefined;
    }
  }

  protected override render() {
    const t = this.ticket;
    return html`<div class="page" lang=${this.textLang}>
      <p class="back"><a href=${hashOf('tickets')}>${this.t('backToTickets')}</a></p>
      <div class="title">
        <h1 part="heading" tabindex="-1">${t?.subject ?? this.t('ticketTitle')}</h1>
        ${t ? [ticketStatusBadge(this.t, t.status), ticketPriorityBadge(this.t, t.priority)] : nothing}
      </div>
      ${this.renderMessages()}
      ${this.renderTask(this.#load, t, (ticket) => this.#renderTicket(ticket))}
    </div>`;
  }

  #renderTicket(t: AdminTicket) {
    const canWork = this.can(routes.reply);
    return html`${this.#renderDetails(t)}
      ${canWork ? this.#renderControls(t) : html`<p class="intro">${this.t('ticketReadOnly')}</p>`}
      ${this.#renderThread(t)} ${canWork ? this.#renderComposer() : nothing}`;
  }

  #renderDetails(t: AdminTicket) {
    const lang = this.resolvedLocale;
    return html`<section part="details" class="card" aria-labelledby="details-title">
      <h2 id="details-title" class="sr-only">${this.t('ticketDetails')}</h2>
      <dl>
        <dt>${this.t('tktReference')}</dt>
        <dd class="mono">${t.reference}</dd>
        <dt>${this.t('tktClient')}</dt>
        <dd><a href=${hashOf('client', t.accountId)}>${t.accountName}</a></dd>
        <dt>${this.t('ticketOpenedBy')}</dt>
        <dd>${t.openedBy}</dd>
        <dt>${this.t('ticketOpenedAt')}</dt>
        <dd>${formatDateTime(lang, t.createdAt)}</dd>
        ${t.closedAt ? html`<dt>${this.t('ticketClosedAt')}</dt><dd>${formatDateTime(lang, t.closedAt)}</dd>` : nothing}
        <dt>${this.t('tktDepartment')}</dt>
        <dd>${t.department.name}</dd>
        <dt>${this.t('tktAssignee')}</dt>
        <dd>${t.assignee?.name ?? html`<span class="muted">${this.t('tktUnassigned')}</span>`}</dd>
      </dl>
    </section>`;
  }

  #renderControls(t: AdminTicket) {
    const me = this.staffSession?.staff;
    const departments = this.#departments.value ?? [];
    const departmentOptions = [
      ...departments.map((d) => ({ value: d.id, label: d.name })),
      ...(departments.some((d) => d.id === t.department.id)
        ? []
        : [{ value: t.department.id, label: t.department.name }]),
    ];
    const people = new Map<string, string>();
    for (const s of this.#staff.value ?? []) people.set(s.id, s.name);
    if (me && me.role !== 'billing') people.set(me.id, me.name);
    if (t.assignee) people.set(t.assignee.id, t.assignee.name);
    const assigneeOptions = [
      { value: '', label: this.t('tktUnassigned') },
      ...[...people].map(([id, name]) => ({
        value: id,
        label: id === me?.id ? this.t('tktAssigneeMeName', { name }) : name,
      })),
    ];
    const mine = !!me && t.assignee?.id === me.id;
    return html`<section class="card" aria-labelledby="controls-title">
      <h2 id="controls-title">${this.t('ticketControls')}</h2>
      <form part="controls" class="controls" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#saveControls}>
        ${this.selectInput('status', this.t('tktStatus'), ticketStatusOptions(this.t))}
        ${this.selectInput('priority', this.t('tktPriority'), ticketPriorityOptions(this.t))}
        ${this.selectInput('departmentId', this.t('tktDepartment'), departmentOptions)}
        ${this.selectInput('assigneeId', this.t('tktAssignee'), assigneeOptions)}
        <div class="actions">
          ${submitButton(this.t('saveChanges'), this.busy)}
          ${
            me && !mine && me.role !== 'billing'
              ? html`<button class="secondary" type="button" ?disabled=${this.busy} @click=${this.#assignToMe}>
                  ${this.t('assignToMe')}
                </button>`
              : nothing
          }
        </div>
      </form>
    </section>`;
  }

  #renderThread(t: AdminTicket) {
    return html`<section class="thread-section" aria-labelledby="thread-title">
      <h2 id="thread-title">${this.t('thread')}</h2>
      ${
        t.messages.length
          ? html`<ol part="thread" class="thread">
              ${t.messages.map((m) => this.#renderMessage(t, m))}
            </ol>`
          : html`<p part="empty" class="empty">${this.t('threadEmpty')}</p>`
      }
    </section>`;
  }

  #renderMessage(t: AdminTicket, m: AdminTicketMessage) {
    const lang = this.resolvedLocale;
    const note = m.kind === 'note';
    const kind = note ? 'note' : m.author.kind;
    const headingId = `message-${m.id}`;
    return html`<li part="message ${kind}" class="message ${kind}">
      <article aria-labelledby=${headingId}>
        ${
          note
            ? html`<p part="note-label" class="note-label"><span aria-hidden="true">🔒</span> ${this.t('noteLabel')}</p>`
            : nothing
        }
        <header class="message-head">
          <h3 id=${headingId}>
            ${this.t('messageFrom', { name: m.author.name, time: formatDateTime(lang, m.createdAt) })}
          </h3>
          ${
            note
              ? nothing
              : html`<span part="badge" class="badge ${m.author.kind === 'client' ? 'good' : 'neutral'}">
                  ${this.t(m.author.kind === 'client' ? 'authorClient' : 'authorStaff')}
                </span>`
          }
        </header>
        <div class="rich">${richText(m.html)}</div>
        ${
          m.attachments.length
            ? html`<ul class="attachments" aria-label=${this.t('attachments')}>
                ${m.attachments.map(
                  (a) => html`<li>
                    <button class="link" type="button" aria-label=${this.t('downloadName', { name: a.name })} @click=${() => this.#download(t, a)}>
                      ${a.name}
                    </button>
                    <span class="muted">${formatBytes(lang, a.size)}</span>
                  </li>`,
                )}
              </ul>`
            : nothing
        }
      </article>
    </li>`;
  }

  #renderComposer() {
    const note = this.mode === 'note';
    const rules = this.#settings.value?.attachments;
    const lang = this.resolvedLocale;
    const uploading = this.files.some((f) => f.state === 'uploading');
    return html`<section class="card composer-card" aria-labelledby="composer-title">
      <h2 id="composer-title">${this.t('composer')}</h2>
      <div part="modes" class="mode-switch" role="tablist" aria-label=${this.t('composerMode')} @keydown=${this.#onModeKey}>
        ${MODES.map(
          (mode) => html`<button
            part="mode"
            class="mode ${mode}"
            role="tab"
            type="button"
            id=${`mode-${mode}`}
            aria-selected=${mode === this.mode ? 'true' : 'false'}
            aria-controls="composer-panel"
            tabindex=${mode === this.mode ? '0' : '-1'}
            @click=${() => this.#setMode(mode)}
          >
            ${this.t(mode === 'note' ? 'modeNote' : 'modeReply')}
          </button>`,
        )}
      </div>
      <div id="composer-panel" role="tabpanel" aria-labelledby=${`mode-${this.mode}`}>
        <form part="composer ${this.mode}" class="composer ${this.mode}" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#send}>
          ${this.markdownInput('message', this.t(note ? 'noteField' : 'replyField'), {
            maxlength: MESSAGE_MAX,
            rows: 8,
            hint: this.t(note ? 'noteHint' : 'replyHint'),
            required: false,
          })}
          ${this.#renderFiles(rules, lang)}
          ${
            note
              ? nothing
              : this.selectInput('statusAfter', this.t('statusAfterReply'), ticketStatusOptions(this.t))
          }
          <div class="actions">
            <button part="button submit" class="primary send ${this.mode}" type="submit" ?disabled=${this.busy || uploading}>
              ${this.busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${this.t(note ? 'addNote' : 'sendReply')}
            </button>
          </div>
        </form>
      </div>
    </section>`;
  }

  #renderFiles(rules: SupportSettings['attachments'] | undefined, lang: string) {
    if (rules && rules.maxFiles === 0) return html`<p class="hint">${this.t('attachNone')}</p>`;
    const hint = rules
      ? this.t('attachHint', {
          count: rules.maxFiles,
          size: formatBytes(lang, rules.maxBytes),
          types: rules.types.join(', '),
        })
      : undefined;
    const accept = rules ? rules.types.map((type) => `.${type}`).join(',') : undefined;
    return html`<div part="field" class="field">
        <label for="files">${this.t('attachFiles')}</label>
        <input
          id="files"
          name="files"
          type="file"
          multiple
          accept=${accept ?? nothing}
          aria-describedby=${hint ? 'files-hint' : nothing}
          @change=${this.#pick}
        />
        ${hint ? html`<p class="hint" id="files-hint">${hint}</p>` : nothing}
      </div>
      ${
        this.files.length
          ? html`<ul part="files" class="files">
              ${this.files.map(
                (f) => html`<li class=${f.state}>
                  <span class="file-name">${f.name}</span>
                  <span class="muted">${formatBytes(lang, f.size)}</span>
                  <span class="file-state" role="status">
                    ${
                      f.state === 'uploading'
                        ? html`<span class="spinner" aria-hidden="true"></span>${this.t('uploading')}`
                        : f.state === 'done'
                          ? this.t('uploaded')
                          : this.t('uploadFailed', { reason: f.reason ?? '' })
                    }
                  </span>
                  <button
                    class="secondary small"
                    type="button"
                    aria-label=${this.t('removeFile', { name: f.name })}
                    ?disabled=${this.busy}
                    @click=${() => void this.#removeFile(f.key)}
                  >
                    ${this.t('remove')}
                  </button>
                </li>`,
              )}
            </ul>`
          : nothing
      }`;
  }

  /** Shows `ticket`, and puts its handling values in the controls. */
  #settle(ticket: AdminTicket) {
    this.ticket = ticket;
    this.values = {
      ...this.values,
      status: ticket.status,
      priority: ticket.priority,
      departmentId: ticket.department.id,
      assigneeId: ticket.assignee?.id ?? '',
      statusAfter: this.values.statusAfter ?? 'answered',
    };
  }

  #setMode(mode: ComposerMode) {
    this.mode = mode;
    this.clearError('message');
  }

  #onModeKey = (event: KeyboardEvent) => {
    const index = tabForKey(event.key, MODES.indexOf(this.mode), MODES.length);
    if (index === undefined) return;
    event.preventDefault();
    this.#setMode(MODES[index]!);
    void this.focusPart(`#mode-${MODES[index]}`);
  };

  #pick = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const picked = [...(input.files ?? [])];
    input.value = '';
    const rules = this.#settings.value?.attachments;
    const lang = this.resolvedLocale;
    // What the rules refuse is listed as not uploaded (saying why) and takes no place; the rest fills the room left.
    let room = rules
      ? Math.max(0, rules.maxFiles - this.files.filter((f) => f.state !== 'failed').length)
      : Infinity;
    let over = false;
    const added: PickedFile[] = [];
    for (const file of picked) {
      const entry: PickedFile = {
        key: ++this.#fileKeys,
        name: file.name,
        size: file.size,
        state: 'uploading',
      };
      const refusal = rules ? refusalOf(file, rules) : undefined;
      const reason =
        refusal === 'type'
          ? this.t('fileType')
          : refusal === 'size'
            ? this.t('fileTooLarge', { size: formatBytes(lang, rules!.maxBytes) })
            : undefined;
      if (reason) added.push({ ...entry, state: 'failed', reason });
      else if (room <= 0) over = true;
      else {
        room--;
        added.push(entry);
        void this.#upload(entry.key, file, rules);
      }
    }
    this.files = [...this.files, ...added];
    this.alertMessage = over ? this.t('tooManyFiles', { count: rules?.maxFiles ?? 0 }) : '';
  };

  async #upload(key: number, file: File, rules: SupportSettings['attachments'] | undefined) {
    const admin = this.admin;
    if (!admin) return;
    const update = (change: Partial<PickedFile>) => {
      this.files = this.files.map((f) => (f.key === key ? { ...f, ...change } : f));
    };
    try {
      const attachment = await admin.support.upload(file, file.name);
      update({ state: 'done', attachment });
    } catch (error) {
      const code = isPortalApiError(error) ? error.code : '';
      const reason =
        code === 'ATTACHMENT_TYPE'
          ? this.t('fileType')
          : code === 'ATTACHMENT_TOO_LARGE' && rules
            ? this.t('fileTooLarge', { size: formatBytes(this.resolvedLocale, rules.maxBytes) })
            : describeAdminError(error, [], this.t).alert;
      update({ state: 'failed', reason });
      this.emit(new PortalErrorEvent({ action: 'adminUploadAttachment', error }));
    }
  }

  async #removeFile(key: number) {
    const at = this.files.findIndex((f) => f.key === key);
    this.files = this.files.filter((f) => f.key !== key);
    await this.updateComplete;
    // The rows are redrawn in place: the next file's button is now the one at the removed file's place.
    const next = this.renderRoot.querySelectorAll<HTMLButtonElement>('.files button')[at];
    if (next) next.focus();
    else void this.focusField('files');
  }

  #send = async (event: SubmitEvent) => {
    event.preventDefault();
    const ticket = this.ticket;
    if (!ticket) return;
    const message = (this.values.message ?? '').trim();
    const error = !message
      ? 'errorWriteMessage'
      : message.length > MESSAGE_MAX
        ? 'errorMessageTooLong'
        : undefined;
    if (error) {
      this.showFieldErrors({ message: this.t(error) });
      return;
    }
    if (this.files.some((f) => f.state !== 'done')) {
      this.fieldErrors = {};
      this.alertMessage = this.t('waitForUploads');
      void this.focusField('files');
      return;
    }
    const mode = this.mode;
    const attachments = this.files.flatMap((f) => (f.attachment ? [f.attachment.id] : []));
    const status = (this.values.statusAfter || 'answered') as TicketStatus;
    const input = mode === 'reply' ? { message, attachments, status } : { message, attachments };
    const fingerprint = JSON.stringify({ mode, ticket: ticket.id, ...input });
    const key = this.#sending?.fingerprint === fingerprint ? this.#sending.key : newIdempotencyKey();
    this.#sending = { fingerprint, key };
    const updated = await this.attemptResult(
      mode === 'reply' ? 'adminTicketReply' : 'adminTicketNote',
      ['message'],
      (admin) =>
        mode === 'reply'
          ? admin.support.reply(ticket.id, input, { idempotencyKey: key })
          : admin.support.addNote(ticket.id, input, { idempotencyKey: key }),
    );
    // Another ticket was opened meanwhile: what this one answered is not for its page.
    if (ticket.id !== this.ticketId) return;
    if (!updated) {
      this.#explainError();
      return;
    }
    this.#sending = undefined;
    this.files = [];
    this.values = { ...this.values, message: '', statusAfter: 'answered' };
    this.#settle(updated);
    this.notice = this.t(mode === 'reply' ? 'replySent' : 'noteAdded');
    void this.focusField('message');
  };

  #saveControls = async (event: SubmitEvent) => {
    event.preventDefault();
    const t = this.ticket;
    if (!t) return;
    const v = this.values;
    const input: AdminTicketUpdate = {};
    if (v.status && v.status !== t.status) input.status = v.status as TicketStatus;
    if (v.priority && v.priority !== t.priority) input.priority = v.priority as TicketPriority;
    if (v.departmentId && v.departmentId !== t.department.id) input.departmentId = v.departmentId;
    if ((v.assigneeId ?? '') !== (t.assignee?.id ?? '')) input.assigneeId = v.assigneeId || null;
    if (!Object.keys(input).length) {
      this.notice = this.t('nothingChanged');
      return;
    }
    await this.#update(input, 'ticketUpdated');
  };

  #assignToMe = async () => {
    const me = this.staffSession?.staff;
    if (!me) return;
    await this.#update({ assigneeId: me.id }, 'ticketAssignedToMe');
    // The button is gone once the ticket is one's own: focus goes to the assignee it set.
    if (this.ticket?.assignee?.id === me.id) void this.focusField('assigneeId');
  };

  async #update(input: AdminTicketUpdate, done: AdminMessageKey) {
    const t = this.ticket;
    if (!t) return;
    const updated = await this.attemptResult('adminUpdateTicket', CONTROL_FIELDS, (admin) =>
      admin.support.update(t.id, input),
    );
    if (t.id !== this.ticketId) return;
    if (!updated) {
      this.#explainError();
      return;
    }
    this.#settle(updated);
    this.notice = this.t(done);
  }

  async #download(t: AdminTicket, a: Attachment) {
    this.alertMessage = '';
    const admin = this.admin;
    if (!admin) return;
    try {
      const blob = await admin.support.download(t.id, a.id);
      PortalAdminTicket.saveFile(blob, a.name);
    } catch (error) {
      this.alertMessage = this.t('downloadFailed', {
        name: a.name,
        detail: describeAdminError(error, [], this.t).alert,
      });
      this.emit(new PortalErrorEvent({ action: 'adminDownloadAttachment', error }));
    }
  }

  /** Puts the support codes the console's shared table does not know into the staff member's language. */
  #explainError() {
    const error = this.lastError;
    const known = isPortalApiError(error) ? SUPPORT_CODES[error.code] : undefined;
    if (known) this.alertMessage = this.t(known);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-ticket': PortalAdminTicket;
  }
}
