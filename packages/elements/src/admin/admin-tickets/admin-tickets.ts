import type { AdminTicketSummary, TicketPriority } from '@portico/sdk/admin';
import { staffRoutes, TICKET_PRIORITIES, TICKET_STATUSES, type TicketStatus } from '@portico/sdk/contract';
import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatDateTime } from '../../lib/format.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { AdminElement } from '../lib/admin-element.js';
import { debounce } from '../lib/format.js';
import { selectField, textField } from '../lib/form.js';
import { addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import { hashOf } from '../lib/routes.js';
import { adminStyles } from '../lib/styles.js';
import {
  ticketPriorityBadge,
  ticketPriorityOptions,
  ticketStatusBadge,
  ticketStatusOptions,
} from '../lib/support-labels.js';
import { dataTable } from '../lib/table.js';
import styles from './admin-tickets.styles.js';

addAdminMessages('en', en.common, en.supportCommon, en.ticketList);
addAdminMessages('es', es.common, es.supportCommon, es.ticketList);

/** `active` (not closed, the default), `all`, or one status. */
export type TicketStatusFilter = TicketStatus | 'active' | 'all';

/** The list's filters, as the hash's query keeps them. */
export interface TicketFilters {
  status: TicketStatusFilter;
  /** A department id, or '' for every department. */
  department: string;
  priority: TicketPriority | '';
  /** `me`, `none`, a staff id, or '' for anyone. */
  assignee: string;
  /** Part of the subject, or a reference. */
  q: string;
}

/** A staff member as a filter names them. */
interface StaffRef {
  id: string;
  name: string;
}

const STATUS_FILTERS: readonly string[] = ['active', 'all', ...TICKET_STATUSES];
const NO_FILTERS: TicketFilters = { status: 'active', department: '', priority: '', assignee: '', q: '' };

/** Reads the filters from a query string (`status=open&assignee=me`); what is not understood is left out. */
export function parseTicketFilters(query: string): TicketFilters {
  const params = new URLSearchParams(query);
  const text = (name: string) => (params.get(name) ?? '').trim().slice(0, 100);
  const status = text('status');
  const priority = text('priority');
  return {
    status: STATUS_FILTERS.includes(status) ? (status as TicketStatusFilter) : 'active',
    department: text('department'),
    priority: (TICKET_PRIORITIES as readonly string[]).includes(priority) ? (priority as TicketPriority) : '',
    assignee: text('assignee'),
    q: text('q'),
  };
}

/** The query string of `filters` (what differs from the defaults only, in a fixed order). */
export function ticketFiltersQuery(filters: TicketFilters): string {
  const params = new URLSearchParams();
  if (filters.status !== 'active') params.set('status', filters.status);
  for (const key of ['department', 'priority', 'assignee', 'q'] as const) {
    if (filters[key]) params.set(key, filters[key]);
  }
  return params.toString();
}

const sameFilters = (a: TicketFilters, b: TicketFilters) => ticketFiltersQuery(a) === ticketFiltersQuery(b);

/** A queue of the sidebar: the filters it applies. */
const queue = (o: Partial<TicketFilters>): TicketFilters => ({ ...NO_FILTERS, ...o });

/**
 * The support queue (`#/tickets`): a sidebar of queues (mine, unassigned, and each department's open,
 * customer-reply and answered counts, customer replies standing out since they wait on staff) beside the tickets,
 * most recently active first, with reference, subject, client, department, status, priority, assignee and last
 * activity. Filters (status, with "not closed" by default; department; priority; assignee: me, unassigned or a
 * staff member; a search of the subject or reference) are kept in the hash's query (`#/tickets?status=open&…`),
 * so a filtered view can be bookmarked and shared; the list can be narrowed to one client (`account-id`, from
 * `?account=`). Paged with "Load more". Every staff role reads it.
 *
 * @summary Tickets: queues with counts, filters in the URL, paged list.
 *
 * @attr query - The filters, as the hash's query holds them (`status=open&department=…&priority=…&assignee=me&q=…`).
 * @attr account-id - Show only this client's tickets.
 * @attr page-size - How many tickets each request asks for (default 25).
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 *
 * @csspart heading - The page heading.
 * @csspart queues - The queue sidebar.
 * @csspart queue - One queue link (`current` when its filters are applied).
 * @csspart waiting - A department's customer-reply count.
 * @csspart filters - The filter form.
 * @csspart field - A label, input, hint and error.
 * @csspart table - The tickets table.
 * @csspart badge - A status or priority label.
 * @csspart more - The "Load more" button.
 * @csspart empty - Shown when there are no tickets (or none match).
 * @csspart loading - Shown while the first page loads.
 * @csspart load-error - Shown when the list could not be loaded.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-tickets')
export class PortalAdminTickets extends AdminElement {
  static override styles = [hostStyles, formStyles, adminStyles, styles];

  /** The filters, as the hash's query holds them. */
  @property() query = '';

  /** Show only this client's tickets. */
  @property({ attribute: 'account-id' }) accountId = '';

  /** How many tickets each request asks for. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 25;

  /** Milliseconds after the last keystroke before the search runs. */
  @property({ attribute: false }) searchDelay = 300;

  /** The filters applied. */
  @state() private filters: TicketFilters = NO_FILTERS;

  readonly #search = debounce(
    (q: string) => this.#apply({ ...this.filters, q: q.trim() }),
    () => this.searchDelay,
  );

  readonly #list = this.pagedList({
    action: 'adminTickets',
    args: () => {
      const f = this.filters;
      return [f.status, f.department, f.priority, f.assignee, f.q, this.accountId, this.pageSize] as const;
    },
    fetch: (admin, [status, departmentId, priority, assignee, q, accountId, limit], page) =>
      admin.support.list({
        status: status === 'all' ? undefined : status,
        departmentId: departmentId || undefined,
        priority: priority || undefined,
        assignee: assignee || undefined,
        q: q || undefined,
        accountId: accountId || undefined,
        limit,
        ...page,
      }),
    focus: 'a',
  });

  readonly #queues = this.loadTask(
    'adminSupportQueues',
    () => [],
    (admin) => admin.support.queues(),
  );

  /** Staff who work tickets, for the assignee filter (only roles that may read the staff list get it). */
  readonly #staff = this.loadTask(
    'adminSupportStaff',
    () => [],
    async (admin): Promise<StaffRef[]> => {
      if (!this.can(staffRoutes.list)) return [];
      const staff = await admin.staff.list();
      return staff
        .filter((s) => s.role !== 'billing' && !s.disabled)
        .map((s) => ({ id: s.id, name: s.name }));
    },
  );

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.#onHashChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.#onHashChange);
    this.#search.cancel();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('query')) {
      const filters = parseTicketFilters(this.query);
      if (!sameFilters(filters, this.filters)) this.filters = filters;
      this.#showSearch(filters.q);
    }
  }

  protected override render() {
    const client = this.accountId ? this.#list.items?.[0]?.accountName : undefined;
    return html`<div class="page" lang=${this.textLang}>
      <h1 part="heading" tabindex="-1">${this.t('ticketsTitle')}</h1>
      ${this.renderMessages()}
      ${
        this.accountId
          ? html`<p class="filtered">
              ${client ? this.t('ticketsOfClient', { name: client }) : this.t('ticketsOfOneClient')}
              <a href=${hashOf('tickets', undefined, { query: ticketFiltersQuery(this.filters) })}>${this.t('showAllTickets')}</a>
            </p>`
          : nothing
      }
      <div class="layout">
        ${this.#renderQueues()}
        <div class="list">
          ${this.#renderFilters()}
          ${this.renderTask(this.#list.task, this.#list.items, (items) => this.#renderTable(items))}
        </div>
      </div>
    </div>`;
  }

  #renderQueues() {
    const queues = this.#queues.value;
    // Each link's visible words lead its accessible name; hidden words finish the sentence for screen readers.
    const link = (filters: TicketFilters, content: unknown, extra = '') => {
      const current = sameFilters(filters, this.filters);
      return html`<a
        part="queue${current ? ' current' : ''}${extra ? ` ${extra}` : ''}"
        class=${extra}
        href=${this.#hashFor(filters)}
        aria-current=${current ? 'true' : nothing}
        @click=${(e: MouseEvent) => this.#follow(e, filters)}
        >${content}</a
      >`;
    };
    const statusLabel = (status: TicketStatus) =>
      this.t(
        status === 'open'
          ? 'queueOpen'
          : status === 'customer_reply'
            ? 'queueCustomerReply'
            : 'queueAnswered',
      );
    const count = (n: number, name: string, status: TicketStatus, departmentId: string) =>
      link(
        queue({ status, department: departmentId }),
        html`<span class="count">${n}</span> <span class="count-label">${statusLabel(status)}</span
          ><span class="sr-only"> ${this.t('queueIn', { name })}</span>`,
        status === 'customer_reply' ? (n > 0 ? 'waiting' : 'waiting none') : '',
      );
    const notClosed = html`<span class="sr-only"> ${this.t('queueNotClosed')}</span>`;
    let body: unknown;
    if (this.#queues.error && !queues) body = html`<p class="muted">${this.t('queuesUnavailable')}</p>`;
    else if (!queues) body = html`<p class="muted">${this.t('loading')}</p>`;
    else {
      body = html`<ul class="queues">
          <li>
            ${link(queue({ assignee: 'me' }), html`<span>${this.t('queueMine')}</span> <span class="count">${queues.mine}</span>${notClosed}`)}
          </li>
          <li>
            ${link(
              queue({ assignee: 'none' }),
              html`<span>${this.t('queueUnassigned')}</span> <span class="count">${queues.unassigned}</span>${notClosed}`,
            )}
          </li>
        </ul>
        ${
          queues.departments.length
            ? html`<ul class="departments">
                ${queues.departments.map(
                  (d) => html`<li>
                    ${link(queue({ department: d.id }), d.name, 'department')}
                    <div class="counts">
                      ${count(d.customerReply, d.name, 'customer_reply', d.id)}
                      ${count(d.open, d.name, 'open', d.id)} ${count(d.answered, d.name, 'answered', d.id)}
                    </div>
                  </li>`,
                )}
              </ul>`
            : html`<p class="muted">${this.t('noDepartmentsYet')}</p>`
        }`;
    }
    return html`<nav part="queues" class="queues-nav card" aria-labelledby="queues-title">
      <h2 id="queues-title">${this.t('ticketQueues')}</h2>
      ${body}
    </nav>`;
  }

  #renderFilters() {
    const f = this.filters;
    const departments = this.#queues.value?.departments ?? [];
    const departmentOptions = [
      { value: '', label: this.t('allDepartments') },
      ...departments.map((d) => ({ value: d.id, label: d.name })),
      ...(f.department && !departments.some((d) => d.id === f.department)
        ? [{ value: f.department, label: f.department }]
        : []),
    ];
    const staff = this.#assignable();
    const me = this.staffSession?.staff;
    const assigneeOptions = [
      { value: '', label: this.t('anyAssignee') },
      { value: 'me', label: this.t('tktAssigneeMe') },
      { value: 'none', label: this.t('tktUnassigned') },
      ...staff.filter((s) => s.id !== me?.id).map((s) => ({ value: s.id, label: s.name })),
    ];
    const set = (key: keyof TicketFilters) => (event: Event) =>
      this.#apply({ ...f, [key]: (event.target as HTMLSelectElement).value });
    return html`<form part="filters" class="search" role="search" aria-label=${this.t('ticketFilters')} @submit=${this.#searchNow}>
      ${textField({
        name: 'q',
        label: this.t('searchTickets'),
        type: 'search',
        value: this.values.q,
        maxlength: 100,
        onInput: this.#onSearchInput,
      })}
      ${selectField({
        name: 'status',
        label: this.t('tktStatus'),
        value: f.status,
        options: [
          { value: 'active', label: this.t('tktStatusActive') },
          { value: 'all', label: this.t('tktStatusAll') },
          ...ticketStatusOptions(this.t),
        ],
        onChange: set('status'),
      })}
      ${selectField({ name: 'department', label: this.t('tktDepartment'), value: f.department, options: departmentOptions, onChange: set('department') })}
      ${selectField({
        name: 'priority',
        label: this.t('tktPriority'),
        value: f.priority,
        options: [{ value: '', label: this.t('allPriorities') }, ...ticketPriorityOptions(this.t)],
        onChange: set('priority'),
      })}
      ${selectField({ name: 'assignee', label: this.t('tktAssignee'), value: f.assignee, options: assigneeOptions, onChange: set('assignee') })}
      ${
        sameFilters(f, NO_FILTERS)
          ? nothing
          : html`<div class="clear">
              <button class="secondary small" type="button" @click=${() => this.#apply(NO_FILTERS)}>${this.t('clearTicketFilters')}</button>
            </div>`
      }
    </form>`;
  }

  #renderTable(items: AdminTicketSummary[]) {
    if (!items.length) {
      const filtered = !sameFilters(this.filters, NO_FILTERS) || this.accountId;
      return html`<p part="empty" class="empty">${filtered ? this.t('noTicketsMatch') : this.t('noTickets')}</p>`;
    }
    const lang = this.resolvedLocale;
    const me = this.staffSession?.staff.id;
    return html`${dataTable({
      label: this.t('ticketsTable'),
      caption: this.t('ticketsTable'),
      busy: this.#list.pending,
      columns: [
        this.t('tktReference'),
        this.t('tktSubject'),
        this.t('tktClient'),
        this.t('tktDepartment'),
        this.t('tktStatus'),
        this.t('tktPriority'),
        this.t('tktAssignee'),
        this.t('tktLastActivity'),
      ],
      rows: items.map(
        (t) => html`<tr class=${t.status === 'customer_reply' ? 'waiting-row' : ''}>
          <td class="mono"><a href=${hashOf('ticket', t.id)}>${t.reference}</a></td>
          <td class="subject">${t.subject}</td>
          <td><a href=${hashOf('client', t.accountId)}>${t.accountName}</a></td>
          <td>${t.department.name}</td>
          <td>${ticketStatusBadge(this.t, t.status)}</td>
          <td>${ticketPriorityBadge(this.t, t.priority)}</td>
          <td>
            ${
              t.assignee
                ? t.assignee.id === me
                  ? this.t('tktAssigneeMeName', { name: t.assignee.name })
                  : t.assignee.name
                : html`<span class="muted">${this.t('tktUnassigned')}</span>`
            }
          </td>
          <td>
            ${formatDateTime(lang, t.lastReplyAt)}<br /><span class="muted small-text"
              >${this.t(t.lastReplyBy === 'client' ? 'tktLastByClient' : 'tktLastByStaff')}</span
            >
          </td>
        </tr>`,
      ),
    })}
    ${this.renderMore(this.#list)}`;
  }

  /** Staff one may filter by: the staff list when the role may read it, else the assignees of the loaded tickets. */
  #assignable(): StaffRef[] {
    const listed = this.#staff.value ?? [];
    const seen = (this.#list.items ?? []).flatMap((t) => (t.assignee ? [t.assignee] : []));
    const all = listed.length ? listed : seen;
    const byId = new Map(all.map((s) => [s.id, s]));
    const current = this.filters.assignee;
    if (current && current !== 'me' && current !== 'none' && !byId.has(current)) {
      byId.set(current, { id: current, name: current });
    }
    return [...byId.values()];
  }

  #hashFor(filters: TicketFilters): string {
    return hashOf('tickets', undefined, { account: this.accountId, query: ticketFiltersQuery(filters) });
  }

  /** Applies `filters` and puts them in the address bar's hash (replacing it: no history entry per change). */
  #apply(filters: TicketFilters) {
    this.#search.cancel();
    this.filters = filters;
    this.query = ticketFiltersQuery(filters);
    this.#showSearch(filters.q);
    if (/^#\/tickets(\?|$)/.test(location.hash)) {
      history.replaceState(
        history.state,
        '',
        `${location.pathname}${location.search}${this.#hashFor(filters)}`,
      );
    }
  }

  /** A queue link: applied in place (keeping focus) unless opened elsewhere (a new tab or window). */
  #follow(event: MouseEvent, filters: TicketFilters) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.#apply(filters);
  }

  #onSearchInput = (event: Event) => {
    const value = (event.target as HTMLInputElement).value;
    this.values = { ...this.values, q: value };
    this.#search(value);
  };

  #searchNow = (event: SubmitEvent) => {
    event.preventDefault();
    this.#search.cancel();
    this.#apply({ ...this.filters, q: (this.values.q ?? '').trim() });
  };

  /** Back, forward, or a link to other filters of this page: follow the hash. */
  #onHashChange = () => {
    const match = /^#\/tickets(?:\?(.*))?$/.exec(location.hash);
    if (!match) return;
    const params = new URLSearchParams(match[1] ?? '');
    if ((params.get('account') ?? '') !== this.accountId) return;
    const filters = parseTicketFilters(match[1] ?? '');
    if (!sameFilters(filters, this.filters)) {
      this.filters = filters;
      this.query = ticketFiltersQuery(filters);
      this.#showSearch(filters.q);
    }
  };

  /** Puts `q` in the search box unless that is what it holds already (give or take spaces still being typed). */
  #showSearch(q: string) {
    if ((this.values.q ?? '').trim() !== q) this.values = { ...this.values, q };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-tickets': PortalAdminTickets;
  }
}
