import { initialState } from '@lit/task';
import {
  grants,
  type SupportConfig,
  type Ticket,
  type TicketPriority,
  type TicketStatus,
  type TicketSummary,
} from '@portico/sdk';
import { NewTicketInputSchema, TICKET_PRIORITIES, TICKET_STATUSES } from '@portico/sdk/contract';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { AccountElement } from '../../lib/account-element.js';
import { accountStyles } from '../../lib/account-styles.js';
import { selectField, textField } from '../../lib/fields.js';
import type { ErrorDisplay } from '../../lib/form.js';
import { formatDateTime, relativeTime } from '../../lib/format.js';
import { followHash, hashId, itemHref, opensHere, replaceHash } from '../../lib/hash.js';
import { SendAttempt } from '../../lib/idempotency-key.js';
import { loadMoreButton } from '../../lib/load-more.js';
import { addMessages } from '../../lib/localize.js';
import * as en from '../../lib/locales/en.js';
import * as es from '../../lib/locales/es.js';
import * as supportEn from '../../lib/locales/support-en.js';
import * as supportEs from '../../lib/locales/support-es.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import '../ticket/ticket.js';
import type { PortalTicketChangedEvent } from '../ticket/ticket.js';
import { AttachmentsController, attachmentsStyles } from './attachments.js';
import { composeStyles, messageField, schemaFieldErrors, supportFailure } from './compose.js';
import {
  priorityText,
  TICKET_HASH,
  TICKET_PRIORITY_KEYS,
  TICKET_STATUS_KEYS,
  ticketBadge,
} from './status.js';
import styles from './tickets.styles.js';

addMessages('en', en.account, supportEn.support);
addMessages('es', es.account, supportEs.support);

/** What the list can be narrowed to: the tickets not closed, one status, or all. */
export type TicketFilter = 'active' | TicketStatus | 'all';
const FILTERS: readonly TicketFilter[] = ['active', ...TICKET_STATUSES, 'all'];

/** The fields of the new-ticket form, matched to the server's field error paths. */
const FORM_FIELDS = ['departmentId', 'priority', 'subject', 'message', 'attachments'] as const;

/** A ticket was opened here (the form). `detail` is `{ ticket }`. */
export class PortalTicketCreatedEvent extends Event {
  static readonly eventName = 'portal-ticket-created';
  readonly detail: { ticket: Ticket };
  constructor(ticket: Ticket) {
    super(PortalTicketCreatedEvent.eventName, { bubbles: true, composed: true });
    this.detail = { ticket };
  }
}

/**
 * "Support": the active account's tickets, most recently active first, with reference, subject, department,
 * status (answered ones, waiting for the client, stand out), priority and last activity; narrowed to the active
 * ones (not closed, the default), one status or all, and paged with "Load more".
 *
 * "New ticket" opens a form here: department (from the business's list), priority, subject, the message
 * (Markdown) and files (checked against the business's rules, uploaded as they are chosen). The form checks the
 * fields as the API would before sending, shows the server's field errors beside their fields, and keeps one
 * Idempotency-Key while the same ticket is sent again after no answer, so it is never opened twice. The new
 * ticket then opens.
 *
 * A ticket's subject opens it in place (a `<portal-ticket>`: the conversation, reply, close) with a button back to
 * the list, and the address bar's hash follows: `#ticket/<id>`, set with `history.replaceState` so the host
 * page's history stays its own; a page opened at `#ticket/<id>` (the ticket mails' links) shows that ticket, and
 * a hash changed by the browser (back, forward, a link) is followed. With `ticket-href`, subjects link to
 * `ticket-href#ticket/<id>` instead (a page with its own `<portal-ticket>`).
 *
 * Someone without `support:read` sees a short explanation instead; with only `support:read`, no "New ticket".
 *
 * @summary The account's support tickets: filter, load more, open one, open a new one.
 *
 * @attr status - The tickets shown: `active` (default: not closed), `open`, `answered`, `customer_reply`,
 * `closed`, or `all`. The filter changes it.
 * @attr page-size - How many tickets each request asks for (default 20).
 * @attr ticket-href - A page showing one ticket (`<portal-ticket>`): subjects link to it with `#ticket/<id>`.
 * Without it, a ticket opens here.
 * @attr api - The Portico server's URL, when used without a `<portal-provider>`.
 * @attr mode - Session mode of the standalone client: `cookie` (default) or `token`.
 * @attr login-href - Where the "Sign in" link goes when signed out.
 * @attr lang - Language (`en`, `es`); else the provider's, else the page's.
 * @attr theme - `light` or `dark` to force a colour scheme.
 *
 * @csspart base - The box around everything.
 * @csspart title - The heading.
 * @csspart new - The "New ticket" button.
 * @csspart filter - The status filter.
 * @csspart field - A field's label, input and messages.
 * @csspart label - A field's label.
 * @csspart input - An input (also `select`).
 * @csspart hint - A field's hint.
 * @csspart table - The tickets.
 * @csspart open - A ticket's subject, which opens it.
 * @csspart reference - A ticket's reference.
 * @csspart badge - A status badge.
 * @csspart more - The "Load more" button.
 * @csspart back - "All tickets", above an open ticket or the form.
 * @csspart ticket - The `<portal-ticket>` of the open ticket.
 * @csspart new-form - The new-ticket form.
 * @csspart attachments - The form's attachment picker.
 * @csspart attach - The picker's button, also where files are dropped.
 * @csspart file - A chosen file, with its state.
 * @csspart button - Buttons.
 * @csspart submit - The form's submit button.
 * @csspart empty - Shown when there are no tickets (with this status).
 * @csspart not-allowed - Shown to someone who may not see (or open) tickets.
 * @csspart error - The alert and the errors beside fields (also `alert`, `field-error`).
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 * @csspart loading - Shown while the list loads.
 * @csspart load-error - Shown when the list could not be loaded.
 * @csspart retry - "Try again" after a failed load.
 * @csspart signed-out - Shown when signed out.
 *
 * @cssproperty [--portal-tickets-width=64rem] - Maximum width.
 * @cssproperty --portal-tickets-padding - Padding inside the box.
 * @cssproperty --portal-tickets-background - Background; falls back to `--portal-color-surface`.
 * @cssproperty --portal-tickets-border - Border; falls back to a 1px `--portal-color-border` line.
 *
 * @event {PortalTicketOpenedEvent} portal-ticket-opened - A ticket is shown (from `<portal-ticket>`); `event.detail` is `{ ticket }`.
 * @event {PortalTicketCreatedEvent} portal-ticket-created - A ticket was opened with the form; `event.detail` is `{ ticket }`.
 * @event {PortalTicketChangedEvent} portal-ticket-changed - The open ticket changed (from `<portal-ticket>`).
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-tickets')
export class PortalTickets extends AccountElement {
  static override styles = [hostStyles, formStyles, accountStyles, attachmentsStyles, composeStyles, styles];

  /** The tickets shown. */
  @property({ reflect: true }) status: TicketFilter = 'active';

  /** Tickets per page. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 20;

  /** A page that shows one ticket at `#ticket/<id>`. */
  @property({ attribute: 'ticket-href' }) ticketHref?: string;

  @state() private tickets?: TicketSummary[];
  @state() private nextCursor: string | null = null;
  /** The ticket shown instead of the list. */
  @state() private openId?: string;
  /** The new-ticket form is shown instead of the list. */
  @state() private composing = false;
  @state() private config?: SupportConfig;
  /** The ticket just opened with the form, handed to `<portal-ticket>` so it need not be fetched again. */
  @state() private created?: Ticket;

  readonly #files = new AttachmentsController(this);
  /** The account the open ticket belongs to. */
  #account: string | undefined;
  /** The list changed while a ticket was open (a new one, a reply): reload on the way back. */
  #stale = false;
  /** The ticket being opened, with its Idempotency-Key, kept for sending again after no answer. */
  readonly #openAttempt = new SendAttempt();

  readonly #load = this.loadTask(
    'listTickets',
    () => [this.#filter, this.pageSize] as const,
    (client, session, [status, limit]) =>
      grants(session.permissions, 'support:read')
        ? client.support.list({ limit, ...(status === 'all' ? {} : { status }) })
        : Promise.resolve(initialState),
    (page) => {
      this.tickets = page.items;
      this.nextCursor = page.nextCursor;
    },
  );

  readonly #configLoad = this.loadTask(
    'supportConfig',
    () => [this.composing] as const,
    (client, _session, [composing]) => (composing ? client.support.config() : Promise.resolve(initialState)),
    (config) => {
      this.config = config;
    },
  );

  /** `status`, when it is one the list can show. */
  get #filter(): TicketFilter {
    return FILTERS.includes(this.status) ? this.status : 'active';
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
    // Another account's ticket is not this one's: back to the (reloading) list.
    const account = this.session?.account.id;
    if (account && this.#account && account !== this.#account && this.openId) this.#close(false);
    if (account) this.#account = account;
  }

  protected override sessionChanged(): void {
    super.sessionChanged();
    this.tickets = undefined;
    this.nextCursor = null;
    this.composing = false;
    this.created = undefined;
    this.#openAttempt.finish();
    this.#files.clear();
  }

  protected override render() {
    return html`<div part="base" class="base" lang=${this.textLang}>
      ${this.renderSession((session) =>
        !grants(session.permissions, 'support:read')
          ? html`<h2 part="title">${this.t('tktListTitle')}</h2>
              <p part="not-allowed" class="not-allowed">${this.t('tktNoAccess')}</p>`
          : this.openId
            ? this.#renderOpen(this.openId)
            : this.composing
              ? this.#renderForm()
              : this.#renderList(),
      )}
      ${this.renderMessages()}
    </div>`;
  }

  #back(): TemplateResult {
    return html`<button part="button back" class="link back" type="button" @click=${() => this.#backToList()}>
      <span aria-hidden="true">←</span> ${this.t('tktBack')}
    </button>`;
  }

  #renderOpen(id: string): TemplateResult {
    return html`${this.#back()}
      <portal-ticket
        part="ticket"
        ticket-id=${id}
        .ticket=${this.created?.id === id ? this.created : undefined}
        api=${ifDefined(this.api)}
        mode=${ifDefined(this.mode)}
        lang=${ifDefined(this.locale)}
        login-href=${ifDefined(this.loginHref)}
        theme=${ifDefined(this.getAttribute('theme') ?? undefined)}
        @portal-ticket-changed=${this.#onChanged}
      ></portal-ticket>`;
  }

  #newButton(): TemplateResult | typeof nothing {
    if (!this.#mayWrite) return nothing;
    return html`<button part="button new" class="primary" type="button" @click=${this.#compose}>
      ${this.t('tktNew')}
    </button>`;
  }

  #renderList(): TemplateResult {
    return html`<div class="header">
        <h2 part="title">${this.t('tktListTitle')}</h2>
        <div class="tools">
          <div part="filter" class="filter">
            ${selectField({
              name: 'status',
              label: this.t('tktFilter'),
              value: this.#filter,
              markRequired: false,
              options: FILTERS.map((filter) => ({
                value: filter,
                label:
                  filter === 'active'
                    ? this.t('tktFilterActive')
                    : filter === 'all'
                      ? this.t('tktFilterAll')
                      : this.t(TICKET_STATUS_KEYS[filter]),
              })),
              onChange: this.#onFilter,
            })}
          </div>
          ${this.#newButton()}
        </div>
      </div>
      ${this.renderTask(this.#load, this.tickets, (tickets) => this.#renderTable(tickets))}`;
  }

  #renderTable(tickets: TicketSummary[]): TemplateResult {
    if (!tickets.length) {
      const filter = this.#filter;
      const words = filter === 'all' ? 'tktNone' : filter === 'active' ? 'tktNoneActive' : 'tktNoneFiltered';
      return html`<div part="empty" class="empty">
        <p>${this.t(words)}</p>
        ${this.#mayWrite ? nothing : html`<p class="not-allowed">${this.t('tktReadOnlyList')}</p>`}
        ${filter === 'closed' ? nothing : this.#newButton()}
      </div>`;
    }
    const lang = this.resolvedLocale;
    return html`<div class="table-wrap" role="region" aria-labelledby="tickets-caption" tabindex="0">
        <table part="table">
          <caption id="tickets-caption" class="sr-only">${this.t('tktListTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">${this.t('tktReference')}</th>
              <th scope="col">${this.t('tktSubject')}</th>
              <th scope="col">${this.t('tktDepartment')}</th>
              <th scope="col">${this.t('tktStatus')}</th>
              <th scope="col">${this.t('tktPriority')}</th>
              <th scope="col">${this.t('tktLastActivity')}</th>
            </tr>
          </thead>
          <tbody>
            ${tickets.map(
              (ticket) => html`<tr id=${ticket.id} class=${ticket.status}>
                <td><span part="reference" class="mono">${ticket.reference}</span></td>
                <th scope="row">
                  <a
                    part="open"
                    class="open"
                    href=${this.#href(ticket.id)}
                    data-ticket=${ticket.id}
                    @click=${(event: MouseEvent) => this.#onLinkClick(event, ticket.id)}
                    >${ticket.subject}</a
                  >
                </th>
                <td>${ticket.department.name}</td>
                <td>${ticketBadge(this.t, ticket.status)}</td>
                <td>${priorityText(this.t, ticket.priority)}</td>
                <td>
                  <time datetime=${ticket.lastReplyAt} title=${formatDateTime(lang, ticket.lastReplyAt)}
                    >${relativeTime(lang, ticket.lastReplyAt)}</time
                  >
                  <span class="sub"
                    >${this.t(ticket.lastReplyBy === 'staff' ? 'tktLastBySupport' : 'tktLastByYou')}</span
                  >
                </td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${loadMoreButton(this.nextCursor, this.busy, this.t('tktLoadMore'), this.#loadMore)}`;
  }

  // ─── New ticket ─────────────────────────────────────────────────────────────────────────────────────────

  #renderForm(): TemplateResult {
    return html`${this.#back()}
      <h2 part="title" id="new-title" tabindex="-1">${this.t('tktNewTitle')}</h2>
      ${this.renderTask(this.#configLoad, this.config, (config) =>
        config.departments.length
          ? this.#renderFields(config)
          : html`<p part="not-allowed" class="not-allowed">${this.t('tktNoDepartments')}</p>`,
      )}`;
  }

  #renderFields(config: SupportConfig): TemplateResult {
    const errors = this.fieldErrors;
    const uploading = this.#files.uploading;
    return html`<form
      part="new-form"
      novalidate
      aria-labelledby="new-title"
      aria-busy=${this.busy ? 'true' : 'false'}
      @submit=${this.#submit}
    >
      <p class="intro">${this.t('tktNewIntro')}</p>
      <div class="grid-2">
        ${selectField({
          name: 'departmentId',
          label: this.t('tktDepartment'),
          value: this.values.departmentId ?? '',
          required: true,
          error: errors.departmentId,
          hint: config.departments.find((d) => d.id === this.values.departmentId)?.description || undefined,
          options: [
            { value: '', label: this.t('tktChooseDepartment') },
            ...config.departments.map((d) => ({ value: d.id, label: d.name })),
          ],
          onChange: this.onInput,
        })}
        ${selectField({
          name: 'priority',
          label: this.t('tktPriority'),
          value: this.values.priority ?? 'medium',
          markRequired: false,
          error: errors.priority,
          options: TICKET_PRIORITIES.map((p) => ({ value: p, label: this.t(TICKET_PRIORITY_KEYS[p]) })),
          onChange: this.onInput,
        })}
      </div>
      ${textField({
        name: 'subject',
        label: this.t('tktSubject'),
        value: this.values.subject,
        required: true,
        maxlength: 200,
        error: errors.subject,
        onInput: this.onInput,
      })}
      ${messageField({
        name: 'message',
        label: this.t('tktMessage'),
        value: this.values.message,
        error: errors.message,
        t: this.t,
        rows: 8,
        onInput: this.onInput,
      })}
      ${this.#files.render({
        id: 'new-files',
        rules: config.attachments,
        t: this.t,
        lang: this.resolvedLocale,
        error: errors.attachments,
        disabled: this.busy,
      })}
      <div class="actions">
        <button
          part="button submit"
          class="primary"
          type="submit"
          ?disabled=${this.busy || uploading}
          aria-describedby=${uploading ? 'new-wait' : nothing}
        >
          ${this.busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${this.t('tktSubmit')}
        </button>
        <button part="button cancel" class="secondary" type="button" @click=${() => this.#backToList()}>
          ${this.t('tktCancel')}
        </button>
        ${uploading ? html`<p class="hint" id="new-wait">${this.t('tktWaitUploads')}</p>` : nothing}
      </div>
    </form>`;
  }

  #compose = () => {
    this.composing = true;
    this.alertMessage = '';
    this.notice = '';
    this.fieldErrors = {};
    void this.focusPart('#new-title');
  };

  #submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (this.busy || this.#files.uploading) return;
    const v = this.values;
    const input = {
      departmentId: v.departmentId ?? '',
      priority: (v.priority ?? 'medium') as TicketPriority,
      subject: v.subject ?? '',
      message: v.message ?? '',
      attachments: this.#files.ids,
    };
    const checked = NewTicketInputSchema.safeParse(input);
    if (!checked.success) {
      this.fieldErrors = schemaFieldErrors(checked.error.issues, this.t);
      this.alertMessage = this.t('tktFix');
      this.notice = '';
      const first = FORM_FIELDS.find((name) => this.fieldErrors[name]);
      if (first) void this.focusField(first);
      return;
    }
    // One key per ticket: sending the same again after no answer is a retry the server answers once.
    const idempotencyKey = this.#openAttempt.keyFor(input);
    let ticket: Ticket | undefined;
    await this.attempt('openTicket', FORM_FIELDS, async (client) => {
      try {
        ticket = await client.support.open(input, { idempotencyKey });
      } catch (error) {
        this.#openAttempt.fail(error);
        throw error;
      }
    });
    if (!ticket) {
      if (Object.keys(this.fieldErrors).length && !this.alertMessage) this.alertMessage = this.t('tktFix');
      return;
    }
    this.#openAttempt.finish();
    this.values = {};
    this.#files.clear();
    this.composing = false;
    this.created = ticket;
    this.#stale = true;
    this.emit(new PortalTicketCreatedEvent(ticket));
    this.#open(ticket.id);
    this.notice = this.t('tktCreated', { reference: ticket.reference });
  };

  protected override describeFailure(error: unknown, fields: readonly string[]): ErrorDisplay {
    return supportFailure(error, fields, this.t) ?? super.describeFailure(error, fields);
  }

  // ─── Navigation ─────────────────────────────────────────────────────────────────────────────────────────

  /** Where a ticket's subject links: `ticket-href#ticket/<id>`, else this page's `#ticket/<id>`. */
  #href(id: string): string {
    return itemHref(this.ticketHref, `#ticket/${encodeURIComponent(id)}`);
  }

  #onLinkClick(event: MouseEvent, id: string) {
    if (opensHere(event, this.ticketHref)) this.#open(id);
  }

  #onFilter = (event: Event) => {
    const value = (event.target as HTMLSelectElement).value as TicketFilter;
    if (value === this.#filter) return;
    this.status = value;
    // The list of the previous filter is not this one's: show loading, not its rows.
    this.tickets = undefined;
    this.nextCursor = null;
  };

  #loadMore = async () => {
    const cursor = this.nextCursor;
    if (!cursor) return;
    const shown = this.tickets?.length ?? 0;
    const filter = this.#filter;
    const account = this.sessionKey;
    const ok = await this.attempt('listTicketsMore', [], async (client) => {
      const page = await client.support.list({
        limit: this.pageSize,
        cursor,
        ...(filter === 'all' ? {} : { status: filter }),
      });
      // A page of another filter's or another account's list is not this one's.
      if (filter !== this.#filter || account !== this.sessionKey) return;
      this.tickets = [...(this.tickets ?? []), ...page.items];
      this.nextCursor = page.nextCursor;
    });
    // Keyboard users continue where the new rows start.
    const first = this.tickets?.[shown];
    if (ok && first) void this.focusPart(`[data-ticket="${first.id}"]`);
  };

  #open(id: string) {
    this.openId = id;
    this.composing = false;
    this.alertMessage = '';
    this.notice = '';
    replaceHash(`#ticket/${encodeURIComponent(id)}`);
    void this.focusPart('[part~="back"]');
  }

  #backToList() {
    if (this.openId) {
      this.#close(true);
      return;
    }
    this.composing = false;
    this.fieldErrors = {};
    this.alertMessage = '';
    void this.focusPart('[part~="new"]');
  }

  #close(focus: boolean) {
    const id = this.openId;
    this.openId = undefined;
    this.created = undefined;
    if (TICKET_HASH.test(location.hash)) replaceHash('');
    if (this.#stale) {
      this.#stale = false;
      void this.#load.run();
    }
    if (focus) {
      void this.focusPart(id && this.tickets?.some((t) => t.id === id) ? `[data-ticket="${id}"]` : 'select');
    }
  }

  #onHash = () => {
    if (this.ticketHref) return;
    const id = hashId(TICKET_HASH);
    if (id && id !== this.openId) {
      this.openId = id;
      this.composing = false;
    } else if (!id && this.openId) {
      this.#close(false);
    }
  };

  /** The open ticket changed: its row shows it when back, and the list is asked again (its order moved). */
  #onChanged = (event: PortalTicketChangedEvent) => {
    const { messages: _, ...changed } = event.detail.ticket;
    this.tickets = this.tickets?.map((t) => (t.id === changed.id ? changed : t));
    this.#stale = true;
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-tickets': PortalTickets;
  }
  interface GlobalEventHandlersEventMap {
    'portal-ticket-created': PortalTicketCreatedEvent;
  }
}
