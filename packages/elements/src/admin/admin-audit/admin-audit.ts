import { TaskStatus } from '@lit/task';
import type { AuditEntry, AuditQuery } from '@portico/sdk/admin';
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { submitButton } from '../../lib/form.js';
import { formatDateTime } from '../../lib/format.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { AdminElement } from '../lib/admin-element.js';
import type { TextFieldOptions } from '../../lib/fields.js';
import { describeAdminError } from '../lib/form.js';
import { localToIso } from '../lib/format.js';
import { addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import { hashOf } from '../lib/routes.js';
import { adminStyles } from '../lib/styles.js';
import { dataTable, moreFooter } from '../lib/table.js';
import styles from './admin-audit.styles.js';

addAdminMessages('en', en.common, en.audit);
addAdminMessages('es', es.common, es.audit);

/** The filters the form offers, as the audit query names them. */
type Filters = Pick<AuditQuery, 'action' | 'actorId' | 'accountId' | 'since' | 'until'>;
const FILTERS = ['action', 'actorId', 'accountId', 'since', 'until'] as const;

/**
 * The audit log (admin role), newest first: when, who, what, on what, for which client, from where, and the
 * details. Filter by action (or a prefix such as `auth.`), actor, client and time span; "Load more" pages back.
 *
 * @summary The audit log with filters and cursor pagination.
 *
 * @attr page-size - How many entries each request asks for (default 50).
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 *
 * @csspart heading - The page heading.
 * @csspart form - The filters.
 * @csspart field - A label, input, hint and error.
 * @csspart table - The entries.
 * @csspart more - The "Load more" button.
 * @csspart empty - Shown when no entry matches.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 * @csspart loading - Shown while the first page loads.
 * @csspart load-error - Shown when the log could not be loaded.
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-audit')
export class PortalAdminAudit extends AdminElement {
  static override styles = [hostStyles, formStyles, adminStyles, styles];

  /** How many entries each request asks for. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 50;

  /** The filters applied. */
  @state() private filters: Filters = {};
  @state() private entries?: AuditEntry[];
  @state() private nextCursor: string | null = null;

  readonly #list = this.loadTask(
    'adminAudit',
    () => [this.filters, this.pageSize],
    (admin, [filters, limit]) => admin.audit.list({ ...filters, limit }),
    (page) => {
      this.entries = page.items;
      this.nextCursor = page.nextCursor;
    },
  );

  protected override render() {
    // A filter the server refused is shown beside its field, not only in the alert.
    const refused =
      this.#list.status === TaskStatus.ERROR
        ? describeAdminError(this.#list.error, FILTERS, this.t).fields
        : {};
    const errors = { ...refused, ...this.fieldErrors };
    const field = (name: (typeof FILTERS)[number], label: string, extra: Partial<TextFieldOptions> = {}) =>
      this.textInput(name, label, { error: errors[name], ...extra });
    return html`<div class="page" lang=${this.textLang}>
      <h1 part="heading" tabindex="-1">${this.t('auditTitle')}</h1>
      <form part="form" class="filters" novalidate aria-label=${this.t('auditFilters')} @submit=${this.#apply}>
        ${field('action', this.t('auditAction'), { hint: this.t('auditActionHint'), maxlength: 60, placeholder: 'auth.' })}
        ${field('actorId', this.t('auditActorId'), { maxlength: 60 })}
        ${field('accountId', this.t('auditAccountId'), { maxlength: 60 })}
        ${field('since', this.t('auditSince'), { type: 'datetime-local', hint: this.t('localTime') })}
        ${field('until', this.t('auditUntil'), { type: 'datetime-local', hint: this.t('localTime') })}
        <div class="actions">
          ${submitButton(this.t('applyFilters'), this.#list.status === TaskStatus.PENDING)}
          <button class="secondary" type="button" @click=${this.#clear}>${this.t('clearFilters')}</button>
        </div>
      </form>
      ${this.renderMessages()}
      ${this.renderTask(this.#list, this.entries, (entries) => this.#renderTable(entries))}
    </div>`;
  }

  #renderTable(entries: AuditEntry[]) {
    if (!entries.length) {
      const filtered = Object.values(this.filters).some(Boolean);
      return html`<p part="empty" class="empty">${filtered ? this.t('noAuditMatch') : this.t('noAudit')}</p>`;
    }
    const lang = this.resolvedLocale;
    return html`${dataTable({
      label: this.t('auditTitle'),
      caption: this.t('auditTitle'),
      busy: this.#list.status === TaskStatus.PENDING,
      columns: [
        this.t('auditTime'),
        this.t('auditActor'),
        this.t('auditAction'),
        this.t('auditTarget'),
        this.t('auditAccount'),
        this.t('auditIp'),
        this.t('auditDetails'),
      ],
      rows: entries.map(
        (e) => html`<tr tabindex="-1">
          <td><time datetime=${e.at}>${formatDateTime(lang, e.at)}</time></td>
          <td>
            ${e.actorLabel ?? e.actorId ?? this.t('actorNone')}
            <span class="sub">${e.actorType}${e.actorId && e.actorLabel ? ` · ${e.actorId}` : ''}</span>
          </td>
          <td><code>${e.action}</code></td>
          <td>${e.targetType ? html`${e.targetType}<span class="sub mono">${e.targetId ?? ''}</span>` : '—'}</td>
          <td>${e.accountId ? html`<a class="mono" href=${hashOf('client', e.accountId)}>${e.accountId}</a>` : '—'}</td>
          <td>
            ${e.ip ?? '—'} ${e.userAgent ? html`<span class="sub">${e.userAgent}</span>` : nothing}
          </td>
          <td class="details">
            ${Object.keys(e.details).length ? html`<code>${JSON.stringify(e.details)}</code>` : '—'}
          </td>
        </tr>`,
      ),
    })}
    ${moreFooter({
      shown: this.t('shownCount', { count: entries.length }),
      more: Boolean(this.nextCursor),
      label: this.t('loadMore'),
      busy: this.busy,
      onMore: this.#loadMore,
    })}`;
  }

  #apply = (event: SubmitEvent) => {
    event.preventDefault();
    const v = (name: string) => this.values[name]?.trim() || undefined;
    const since = localToIso(v('since'));
    const until = localToIso(v('until'));
    if (since && until && since > until) {
      this.showFieldErrors({ until: this.t('errorUntilBeforeSince') });
      return;
    }
    this.fieldErrors = {};
    this.filters = { action: v('action'), actorId: v('actorId'), accountId: v('accountId'), since, until };
  };

  #clear = () => {
    this.values = {};
    this.fieldErrors = {};
    this.filters = {};
    void this.focusField('action');
  };

  #loadMore = async () => {
    // Keep keyboard users where the new entries start.
    await this.loadMore('adminAuditMore', FILTERS, this.entries?.length ?? 0, async (admin) => {
      const page = await admin.audit.list({
        ...this.filters,
        limit: this.pageSize,
        cursor: this.nextCursor ?? undefined,
      });
      this.entries = [...(this.entries ?? []), ...page.items];
      this.nextCursor = page.nextCursor;
    });
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-audit': PortalAdminAudit;
  }
}
