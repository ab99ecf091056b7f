import { initialState } from '@lit/task';
import { type Attachment, grants, type SupportConfig, type Ticket, type TicketMessage } from '@portico/sdk';
import { TicketReplyInputSchema } from '@portico/sdk/contract';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { AccountElement } from '../../lib/account-element.js';
import { accountStyles } from '../../lib/account-styles.js';
import { PortalErrorEvent } from '../../lib/events.js';
import type { ErrorDisplay } from '../../lib/form.js';
import { formatBytes, formatDateTime } from '../../lib/format.js';
import { followHash, hashId } from '../../lib/hash.js';
import { SendAttempt } from '../../lib/idempotency-key.js';
import { isNotFound } from '../../lib/load-error.js';
import { addMessages } from '../../lib/localize.js';
import * as en from '../../lib/locales/en.js';
import * as es from '../../lib/locales/es.js';
import * as supportEn from '../../lib/locales/support-en.js';
import * as supportEs from '../../lib/locales/support-es.js';
import { richText, richTextStyles } from '../../lib/rich-text.js';
import { saveFile } from '../../lib/save-file.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { AttachmentsController, attachmentsStyles } from '../tickets/attachments.js';
import { composeStyles, messageField, schemaFieldErrors, supportFailure } from '../tickets/compose.js';
import { priorityText, TICKET_HASH, ticketBadge } from '../tickets/status.js';
import styles from './ticket.styles.js';

addMessages('en', en.account, supportEn.support);
addMessages('es', es.account, supportEs.support);

/** A ticket was shown: opened from a list, a new one, or the page's `#ticket/<id>`. `detail` is `{ ticket }`. */
export class PortalTicketOpenedEvent extends Event {
  static readonly eventName = 'portal-ticket-opened';
  readonly detail: { ticket: Ticket };
  constructor(ticket: Ticket) {
    super(PortalTicketOpenedEvent.eventName, { bubbles: true, composed: true });
    this.detail = { ticket };
  }
}

/** The ticket changed here: a reply was sent (a closed one opens again) or it was closed. `detail` is `{ ticket }`. */
export class PortalTicketChangedEvent extends Event {
  static readonly eventName = 'portal-ticket-changed';
  readonly detail: { ticket: Ticket };
  constructor(ticket: Ticket) {
    super(PortalTicketChangedEvent.eventName, { bubbles: true, composed: true });
    this.detail = { ticket };
  }
}

/** The fields of the reply form, matched to the server's field error paths. */
const REPLY_FIELDS = ['message', 'attachments'] as const;

/**
 * One support ticket of the active account: its reference, subject, status, department, priority and when it was
 * opened, then the conversation, oldest message first. Each message shows who wrote it (the support team's
 * messages stand apart from the account's), when, its text (Markdown rendered and sanitized by the server, and
 * sanitized again here) and its files, which download with the session (so also from a site on another origin).
 *
 * People with `support:write` can reply (Markdown, with files checked against the business's rules and uploaded
 * as they are chosen; a closed ticket opens again, and the box says so) and close the ticket after a
 * confirmation. With only `support:read` the ticket is read-only. The ticket is `ticket-id`, else the page's
 * `#ticket/<id>` (the ticket mails' links).
 *
 * @summary One support ticket: the conversation, its files, reply and close.
 *
 * @attr ticket-id - The ticket's id (`tkt_…`); without it, the one in the page's `#ticket/<id>`.
 * @attr api - The Portico server's URL, when used without a `<portal-provider>`.
 * @attr mode - Session mode of the standalone client: `cookie` (default) or `token`.
 * @attr login-href - Where the "Sign in" link goes when signed out.
 * @attr lang - Language (`en`, `es`); else the provider's, else the page's.
 * @attr theme - `light` or `dark` to force a colour scheme.
 *
 * @csspart base - The box around everything.
 * @csspart reference - The ticket's reference.
 * @csspart title - The subject.
 * @csspart badge - The status badge, and the support team's label on its messages.
 * @csspart details - The list of facts (department, priority, dates).
 * @csspart thread - The conversation.
 * @csspart message - One message (also `staff` or `client`).
 * @csspart author - A message's author.
 * @csspart body - A message's text.
 * @csspart files - A message's files.
 * @csspart download - A file's download button (also `button`).
 * @csspart reply - The reply section.
 * @csspart reopen-note - Says that replying opens a closed ticket again.
 * @csspart reply-form - The reply form.
 * @csspart attachments - The attachment picker.
 * @csspart attach - The picker's button, also where files are dropped.
 * @csspart file - A chosen file, with its state.
 * @csspart close-ticket - "Close ticket".
 * @csspart not-allowed - Why the person cannot reply or see the ticket.
 * @csspart not-found - Shown for a ticket that does not exist on the account.
 * @csspart field - A field's label, input and messages.
 * @csspart label - A field's label.
 * @csspart input - An input.
 * @csspart hint - A field's hint.
 * @csspart button - Buttons.
 * @csspart submit - The reply form's submit button.
 * @csspart dialog - The confirmation dialog.
 * @csspart empty - Shown without a ticket to show.
 * @csspart error - Error messages: beside fields (also `field-error`) and the alerts (also `alert`).
 * @csspart alert - A `role="alert"` region.
 * @csspart status - A `role="status"` region.
 * @csspart loading - Shown while the ticket loads.
 * @csspart load-error - Shown when the ticket could not be loaded.
 * @csspart retry - "Try again" after a failed load.
 * @csspart signed-out - Shown when signed out.
 *
 * @cssproperty [--portal-ticket-width=48rem] - Maximum width.
 * @cssproperty --portal-ticket-padding - Padding inside the box.
 * @cssproperty --portal-ticket-background - Background; falls back to `--portal-color-surface`.
 * @cssproperty --portal-ticket-border - Border; falls back to a 1px `--portal-color-border` line.
 * @cssproperty --portal-ticket-staff-background - Background of the support team's messages.
 *
 * @event {PortalTicketOpenedEvent} portal-ticket-opened - A ticket is shown; `event.detail` is `{ ticket }`.
 * @event {PortalTicketChangedEvent} portal-ticket-changed - A reply was sent or the ticket closed; `event.detail` is `{ ticket }`.
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-ticket')
export class PortalTicket extends AccountElement {
  static override styles = [
    hostStyles,
    formStyles,
    accountStyles,
    richTextStyles,
    attachmentsStyles,
    composeStyles,
    styles,
  ];

  /** The ticket's id (`tkt_…`). */
  @property({ attribute: 'ticket-id' }) ticketId?: string;

  /** The ticket, when the page has it already (e.g. just opened): shown without asking the server again. */
  @property({ attribute: false }) ticket?: Ticket;

  @state() private shown?: Ticket;
  /** The ticket named in the address bar's hash, when there is no `ticket-id`. */
  @state() private hashTicketId?: string;
  @state() private config?: SupportConfig;
  /** Files being downloaded, by attachment id. */
  @state() private downloading: Record<string, boolean> = {};
  /** Where the alert and notice of the last request are shown: the reply box, or under the ticket. */
  @state() private section?: 'reply';

  readonly #files = new AttachmentsController(this);
  /** The ticket the last `portal-ticket-opened` was for. */
  #announced: string | undefined;
  /** The ticket shown at the last update ('' for none). */
  #shownId: string | undefined;
  /** The reply being sent, with its Idempotency-Key, kept for sending again after no answer. */
  readonly #replyAttempt = new SendAttempt();

  readonly #load = this.loadTask(
    'getTicket',
    () => [this.#id] as const,
    (client, session, [id]) =>
      !id || !grants(session.permissions, 'support:read')
        ? Promise.resolve(initialState)
        : this.ticket?.id === id
          ? Promise.resolve(this.ticket)
          : client.support.get(id),
    (ticket) => this.#show(ticket),
  );

  /** The attachment rules, for the reply box of those who may reply. */
  readonly #configLoad = this.loadTask(
    'supportConfig',
    () => [this.#mayWrite && !!this.#id] as const,
    (client, _session, [wanted]) => (wanted ? client.support.config() : Promise.resolve(initialState)),
    (config) => {
      this.config = config;
    },
  );

  get #id(): string | undefined {
    return this.ticketId || this.hashTicketId;
  }

  get #mayWrite(): boolean {
    return grants(this.session?.permissions ?? [], 'support:write');
  }

  constructor() {
    super();
    followHash(this, () => this.#onHash());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const id = this.#id;
    if (this.#shownId !== undefined && id !== this.#shownId) this.#forget();
    this.#shownId = id ?? '';
  }

  protected override sessionChanged(): void {
    super.sessionChanged();
    this.#forget();
    this.shown = undefined;
    this.#announced = undefined;
  }

  /** Drops what was typed or said about another ticket. */
  #forget() {
    this.values = {};
    this.fieldErrors = {};
    this.alertMessage = '';
    this.notice = '';
    this.section = undefined;
    this.downloading = {};
    this.#replyAttempt.finish();
    this.#files.clear();
  }

  #show(ticket: Ticket) {
    this.shown = ticket;
    if (this.#announced !== ticket.id) {
      this.#announced = ticket.id;
      this.emit(new PortalTicketOpenedEvent(ticket));
    }
  }

  protected override render() {
    const id = this.#id;
    return html`<div part="base" class="base" lang=${this.textLang}>
      ${this.renderSession((session) =>
        !grants(session.permissions, 'support:read')
          ? html`<p part="not-allowed" class="not-allowed">${this.t('tktNoAccess')}</p>`
          : !id
            ? html`<p part="empty" class="empty">${this.t('tktNoTicket')}</p>`
            : this.renderTask(
                this.#load,
                // Another ticket's thread is never shown while this one loads.
                this.shown?.id === id ? this.shown : undefined,
                (ticket) => this.#renderTicket(ticket),
              ),
      )}
      ${this.section ? nothing : this.renderMessages()} ${this.renderConfirm()}
    </div>`;
  }

  protected override renderLoadError(error: unknown, retry: () => void): TemplateResult {
    if (isNotFound(error)) {
      return html`<p part="not-found" class="not-found" role="alert">${this.t('tktNotFound')}</p>`;
    }
    return super.renderLoadError(error, retry);
  }

  #renderTicket(ticket: Ticket): TemplateResult {
    const lang = this.resolvedLocale;
    const mayWrite = this.#mayWrite;
    const row = (label: string, value: unknown) => html`<div class="row">
      <dt>${label}</dt>
      <dd>${value}</dd>
    </div>`;
    const date = (iso: string) => html`<time datetime=${iso}>${formatDateTime(lang, iso)}</time>`;
    return html`<div class="header">
        <div class="heading">
          <p part="reference" class="reference mono">${ticket.reference}</p>
          <h2 part="title" id="ticket-title" tabindex="-1">${ticket.subject}</h2>
        </div>
        <div class="header-actions">
          <span class="badges">${ticketBadge(this.t, ticket.status)}</span>
          ${
            mayWrite && ticket.status !== 'closed'
              ? html`<button
                  part="button close-ticket"
                  class="secondary small"
                  type="button"
                  ?disabled=${this.busy}
                  @click=${() => void this.#close(ticket)}
                >
                  ${this.t('tktClose')}
                </button>`
              : nothing
          }
        </div>
      </div>
      <dl part="details" class="details" aria-label=${this.t('tktDetails')}>
        ${row(this.t('tktDepartment'), ticket.department.name)}
        ${row(this.t('tktPriority'), priorityText(this.t, ticket.priority))}
        ${row(this.t('tktOpened'), date(ticket.createdAt))}
        ${row(this.t('tktOpenedBy'), ticket.openedBy)}
        ${ticket.closedAt ? row(this.t('tktClosedOn'), date(ticket.closedAt)) : nothing}
      </dl>
      <section part="thread" class="thread-section" aria-labelledby="thread-title">
        <h3 id="thread-title" class="sr-only">${this.t('tktThread')}</h3>
        <ol class="thread">
          ${repeat(
            ticket.messages,
            (message) => message.id,
            (message) => this.#renderMessage(ticket, message),
          )}
        </ol>
      </section>
      ${
        mayWrite
          ? this.#renderReply(ticket)
          : html`<p part="not-allowed" class="not-allowed">${this.t('tktReadOnly')}</p>`
      }`;
  }

  #renderMessage(ticket: Ticket, message: TicketMessage): TemplateResult {
    const lang = this.resolvedLocale;
    const staff = message.author.kind === 'staff';
    const authorId = `author-${message.id}`;
    return html`<li
      part=${`message ${staff ? 'staff' : 'client'}`}
      class="message ${staff ? 'staff' : 'client'}"
      data-message=${message.id}
      tabindex="-1"
      aria-labelledby=${authorId}
    >
      <div class="message-head">
        <span part="author" class="author" id=${authorId}>${message.author.name}</span>
        ${staff ? html`<span part="badge" class="badge staff-badge">${this.t('tktStaffLabel')}</span>` : nothing}
        <time class="when" datetime=${message.createdAt}>${formatDateTime(lang, message.createdAt)}</time>
      </div>
      <div part="body" class="rich">${richText(message.html)}</div>
      ${
        message.attachments.length
          ? html`<ul part="files" class="message-files" aria-label=${this.t('tktFiles')}>
              ${message.attachments.map((file) => this.#renderFile(ticket, file))}
            </ul>`
          : nothing
      }
    </li>`;
  }

  #renderFile(ticket: Ticket, file: Attachment): TemplateResult {
    const size = formatBytes(this.resolvedLocale, file.size);
    const busy = !!this.downloading[file.id];
    return html`<li>
      <button
        part="button download"
        class="download"
        type="button"
        data-attachment=${file.id}
        aria-busy=${busy ? 'true' : 'false'}
        ?disabled=${busy}
        @click=${() => void this.#download(ticket, file)}
      >
        ${busy ? html`<span class="spinner" aria-hidden="true"></span>` : html`<span class="file-icon" aria-hidden="true">⤓</span>`}
        <span class="sr-only">${this.t('tktDownload')}</span>
        <span class="download-name">${file.name}</span>
        <span class="download-size">${size}</span>
      </button>
    </li>`;
  }

  #renderReply(ticket: Ticket): TemplateResult {
    const closed = ticket.status === 'closed';
    const sending = this.busy && this.section === 'reply';
    const uploading = this.#files.uploading;
    const errors = this.section === 'reply' ? this.fieldErrors : {};
    return html`<section part="reply" class="reply" aria-labelledby="reply-title">
      <h3 id="reply-title">${this.t('tktReplyTitle')}</h3>
      ${
        closed
          ? html`<p part="reopen-note" class="banner" id="reopen-note">${this.t('tktReopenNote')}</p>`
          : nothing
      }
      <form
        part="reply-form"
        novalidate
        aria-labelledby="reply-title"
        aria-describedby=${closed ? 'reopen-note' : nothing}
        aria-busy=${sending ? 'true' : 'false'}
        @submit=${(event: SubmitEvent) => void this.#reply(event, ticket)}
      >
        ${messageField({
          name: 'message',
          label: this.t('tktReplyLabel'),
          value: this.values.message,
          error: errors.message,
          t: this.t,
          onInput: this.onInput,
        })}
        ${this.renderTask(this.#configLoad, this.config, (config) =>
          this.#files.render({
            id: 'reply-files',
            rules: config.attachments,
            t: this.t,
            lang: this.resolvedLocale,
            error: errors.attachments,
            disabled: sending,
          }),
        )}
        ${this.section === 'reply' ? this.renderMessages() : nothing}
        <div class="actions">
          <button
            part="button submit"
            class="primary"
            type="submit"
            ?disabled=${this.busy || uploading}
            aria-describedby=${uploading ? 'reply-wait' : nothing}
          >
            ${sending ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}
            ${this.t(closed ? 'tktSendReopen' : 'tktSendReply')}
          </button>
          ${uploading ? html`<p class="hint" id="reply-wait">${this.t('tktWaitUploads')}</p>` : nothing}
        </div>
      </form>
    </section>`;
  }

  async #reply(event: SubmitEvent, ticket: Ticket) {
    event.preventDefault();
    if (this.busy || this.#files.uploading) return;
    this.section = 'reply';
    const input = { message: this.values.message ?? '', attachments: this.#files.ids };
    const checked = TicketReplyInputSchema.safeParse(input);
    if (!checked.success) {
      this.fieldErrors = schemaFieldErrors(checked.error.issues, this.t);
      this.alertMessage = '';
      this.notice = '';
      void this.focusField(Object.keys(this.fieldErrors)[0] ?? 'message');
      return;
    }
    // One key per reply: sending the same again after no answer is a retry the server answers once.
    const idempotencyKey = this.#replyAttempt.keyFor([ticket.id, input]);
    let updated: Ticket | undefined;
    await this.attempt('replyTicket', REPLY_FIELDS, async (client) => {
      try {
        updated = await client.support.reply(ticket.id, input, { idempotencyKey });
      } catch (error) {
        this.#replyAttempt.fail(error);
        throw error;
      }
    });
    if (!updated) return;
    this.#replyAttempt.finish();
    if (this.#id !== updated.id) return;
    this.shown = updated;
    this.values = { ...this.values, message: '' };
    this.#files.clear();
    this.notice = this.t('tktReplySent');
    this.emit(new PortalTicketChangedEvent(updated));
    const last = updated.messages.at(-1);
    if (last) void this.focusPart(`[data-message="${last.id}"]`);
  }

  async #close(ticket: Ticket) {
    const ok = await this.confirmAction({
      title: this.t('tktCloseTitle', { reference: ticket.reference }),
      body: this.t('tktCloseBody'),
      confirm: this.t('tktCloseConfirm'),
    });
    if (!ok) return;
    this.section = undefined;
    let updated: Ticket | undefined;
    await this.attempt('closeTicket', [], async (client) => {
      updated = await client.support.close(ticket.id);
    });
    if (!updated || this.#id !== updated.id) return;
    this.shown = updated;
    this.notice = this.t('tktClosedNotice');
    this.emit(new PortalTicketChangedEvent(updated));
    void this.focusPart('#ticket-title');
  }

  /**
   * Fetches the file with the session (a plain link would carry no token on a site of another origin), then
   * saves it through a temporary `<a download>` on an object URL.
   */
  async #download(ticket: Ticket, file: Attachment) {
    const client = this.client;
    if (!client || this.downloading[file.id]) return;
    this.downloading = { ...this.downloading, [file.id]: true };
    this.alertMessage = '';
    if (this.section) this.section = undefined;
    try {
      const blob = await client.support.download(ticket.id, file.id);
      saveFile(this.renderRoot, blob, file.name);
    } catch (error) {
      this.alertMessage = this.describeFailure(error, []).alert;
      this.emit(new PortalErrorEvent({ action: 'downloadAttachment', error }));
    } finally {
      this.downloading = { ...this.downloading, [file.id]: false };
    }
  }

  protected override describeFailure(error: unknown, fields: readonly string[]): ErrorDisplay {
    return supportFailure(error, fields, this.t) ?? super.describeFailure(error, fields);
  }

  #onHash = () => {
    this.hashTicketId = hashId(TICKET_HASH);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-ticket': PortalTicket;
  }
  interface GlobalEventHandlersEventMap {
    'portal-ticket-opened': PortalTicketOpenedEvent;
    'portal-ticket-changed': PortalTicketChangedEvent;
  }
}
