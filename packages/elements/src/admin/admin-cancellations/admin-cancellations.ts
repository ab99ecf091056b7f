import type { AdminCancellation, AdminClient } from '@portico/sdk/admin';
import { billingAdminRoutes } from '@portico/sdk/contract';
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { rowButton, submitButton } from '../../lib/form.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { AdminElement, adminChecks } from '../lib/admin-element.js';
import {
  CANCELLATION_STATUSES,
  cancellationBadge,
  cancellationStatusKey,
  cancellationTypeName,
  statusOptions,
} from '../lib/billing-labels.js';
import { textareaField } from '../lib/form.js';
import { statusFilter } from '../lib/list-search.js';
import { addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import { hashOf } from '../lib/routes.js';
import { adminStyles } from '../lib/styles.js';
import { dataTable, rowActions } from '../lib/table.js';

addAdminMessages('en', en.common, en.billing, en.cancellations);
addAdminMessages('es', es.common, es.billing, es.cancellations);

type CancellationStatus = AdminCancellation['status'];

/**
 * The queue of cancellation requests clients make for their services: pending ones first (oldest first), or
 * another status. Billing and admin staff approve a request (after a confirmation that says whether the service
 * ends now or at the end of its period) or reject it with a note the client sees.
 *
 * @summary Cancellation requests: approve, or reject with a note.
 *
 * @attr page-size - How many requests each request asks for (default 25).
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 *
 * @csspart heading - The page heading.
 * @csspart table - The requests table.
 * @csspart form - The rejection form.
 * @csspart field - A label, input, hint and error.
 * @csspart badge - A status label.
 * @csspart more - The "Load more" button.
 * @csspart empty - Shown when there are no requests (or none match).
 * @csspart dialog - The confirmation dialog.
 * @csspart loading - Shown while the first page loads.
 * @csspart load-error - Shown when the list could not be loaded.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-cancellations')
export class PortalAdminCancellations extends AdminElement {
  static override styles = [hostStyles, formStyles, adminStyles];

  /** How many requests each request asks for. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 25;

  /** The status shown: the pending queue unless changed. */
  @state() private status: '' | CancellationStatus = 'pending';
  /** The request being rejected. */
  @state() private rejecting?: AdminCancellation;

  readonly #list = this.pagedList({
    action: 'adminCancellations',
    args: () => [this.status, this.pageSize],
    fetch: (admin, [status, limit], page) =>
      admin.services.cancellations({ status: status || undefined, limit, ...page }),
    focus: 'a',
  });

  protected override render() {
    return html`<div class="page" lang=${this.textLang}>
      <h1 part="heading" tabindex="-1">${this.t('cancellationsTitle')}</h1>
      <p class="intro">${this.t('cancellationsIntro')}</p>
      ${this.renderMessages()} ${this.rejecting ? this.#renderReject(this.rejecting) : nothing}
      ${statusFilter({
        label: this.t('cancellationsTitle'),
        statusLabel: this.t('status'),
        value: this.status,
        options: statusOptions(this.t, CANCELLATION_STATUSES, cancellationStatusKey),
        onChange: (status) => {
          this.status = status;
        },
      })}
      ${this.renderTask(this.#list.task, this.#list.items, (items) => this.#renderTable(items))}
      ${this.renderConfirm()}
    </div>`;
  }

  #renderTable(items: AdminCancellation[]) {
    if (!items.length) {
      return html`<p part="empty" class="empty">
        ${this.status === 'pending' ? this.t('noPendingCancellations') : this.t('noCancellations')}
      </p>`;
    }
    const lang = this.resolvedLocale;
    const canApprove = this.can(billingAdminRoutes.approveCancellation);
    const canReject = this.can(billingAdminRoutes.rejectCancellation);
    return html`${dataTable({
      label: this.t('cancellationsTitle'),
      caption: this.t('cancellationsTitle'),
      busy: this.#list.pending,
      columns: [
        this.t('service'),
        this.t('billingClient'),
        this.t('cancellationWhen'),
        this.t('cancellationReason'),
        this.t('requestedOn'),
        this.t('status'),
        this.t('actions'),
      ],
      rows: items.map((c) => {
        const what = { service: c.productName, name: c.accountName };
        return html`<tr>
          <td><a href=${hashOf('service', c.serviceId)}>${c.productName}</a></td>
          <td><a href=${hashOf('client', c.accountId)}>${c.accountName}</a></td>
          <td>
            ${cancellationTypeName(this.t, c.type)}
            ${c.effectiveAt ? html`<br /><span class="muted">${formatDate(lang, c.effectiveAt)}</span>` : nothing}
          </td>
          <td>
            ${c.reason}
            ${c.staffNote ? html`<br /><span class="muted">${this.t('staffNoteSaid', { note: c.staffNote })}</span>` : nothing}
          </td>
          <td>${formatDateTime(lang, c.createdAt)}<br /><span class="muted">${c.requestedBy}</span></td>
          <td>${cancellationBadge(this.t, c.status)}</td>
          ${rowActions(
            c.status === 'pending' && canApprove
              ? rowButton({
                  part: 'approve',
                  text: this.t('approve'),
                  ariaLabel: this.t('approveCancellationOf', what),
                  disabled: this.busy,
                  onClick: () => this.#approve(c),
                })
              : nothing,
            c.status === 'pending' && canReject
              ? rowButton({
                  part: 'reject',
                  text: this.t('reject'),
                  ariaLabel: this.t('rejectCancellationOf', what),
                  disabled: this.busy,
                  onClick: () => this.#startReject(c),
                })
              : nothing,
          )}
        </tr>`;
      }),
    })}
    ${this.renderMore(this.#list)}`;
  }

  #renderReject(c: AdminCancellation) {
    return html`<section class="card" aria-labelledby="reject-title">
      <h2 id="reject-title">${this.t('rejectTitle', { service: c.productName, name: c.accountName })}</h2>
      <form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#reject}>
        ${textareaField({
          name: 'note',
          label: this.t('rejectNote'),
          hint: this.t('rejectNoteHint'),
          required: true,
          rows: 3,
          value: this.values.note,
          error: this.fieldErrors.note,
          onInput: this.onInput,
        })}
        <div class="actions">
          ${submitButton(this.t('reject'), this.busy)}
          <button class="secondary" type="button" @click=${this.#stopReject}>${this.t('cancel')}</button>
        </div>
      </form>
    </section>`;
  }

  async #approve(c: AdminCancellation) {
    const ok = await this.confirmAction({
      title: this.t('approveTitle', { service: c.productName, name: c.accountName }),
      body: c.type === 'immediate' ? this.t('approveNowBody') : this.t('approveEndBody'),
      confirm: this.t('approve'),
      danger: true,
    });
    if (!ok) return;
    await this.#process(
      'adminApproveCancellation',
      c,
      (admin) => admin.services.approveCancellation(c.id),
      [],
    );
  }

  #startReject(c: AdminCancellation) {
    this.rejecting = c;
    this.values = { ...this.values, note: '' };
    this.fieldErrors = {};
    void this.focusField('note');
  }

  #stopReject = () => {
    this.rejecting = undefined;
    void this.focusHeading();
  };

  #reject = async (event: SubmitEvent) => {
    event.preventDefault();
    const c = this.rejecting;
    if (!c || !this.validate({ note: adminChecks.required })) return;
    const note = (this.values.note ?? '').trim();
    await this.#process(
      'adminRejectCancellation',
      c,
      (admin) => admin.services.rejectCancellation(c.id, note),
      ['note'],
    );
  };

  async #process(
    action: string,
    c: AdminCancellation,
    work: (admin: AdminClient) => Promise<AdminCancellation>,
    fields: string[],
  ) {
    let saved: AdminCancellation | undefined;
    await this.attempt(action, fields, async (admin) => {
      saved = await work(admin);
    });
    if (!saved) return;
    const done = saved;
    this.#list.items = this.#list.items?.map((item) => (item.id === done.id ? done : item));
    this.rejecting = undefined;
    this.notice = this.t(
      done.status === 'approved' ? 'cancellationApprovedNotice' : 'cancellationRejectedNotice',
      {
        service: c.productName,
        name: c.accountName,
      },
    );
    void this.focusHeading();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-cancellations': PortalAdminCancellations;
  }
}
