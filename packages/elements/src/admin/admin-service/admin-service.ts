import type { AdminClient, AdminService, ServiceUpdateInput } from '@portico/sdk/admin';
import { billingAdminRoutes as routes } from '@portico/sdk/contract';
import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { submitButton } from '../../lib/form.js';
import { formatDate, formatDateTime, formatMoney } from '../../lib/format.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { AdminElement, adminChecks } from '../lib/admin-element.js';
import {
  cancellationBadge,
  cancellationTypeName,
  cycleName,
  dateInputValue,
  serviceBadge,
} from '../lib/billing-labels.js';
import { textareaField } from '../lib/form.js';
import { addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import { moneyInputValue, parseMoneyInput } from '../lib/money-input.js';
import { hashOf } from '../lib/routes.js';
import { adminStyles } from '../lib/styles.js';
import styles from './admin-service.styles.js';

addAdminMessages('en', en.common, en.billing, en.services, en.service);
addAdminMessages('es', es.common, es.billing, es.services, es.service);

type Panel = 'none' | 'edit' | 'suspend';

const EDIT_FIELDS = ['label', 'amount', 'nextDueAt'];

/**
 * One service (`#/services/<id>`): its client, product, label, status, cycle, price, next due date and history,
 * and the client's latest cancellation request. Billing and admin staff change its label, price and next due date;
 * suspend it with a reason (the client is told), reactivate it, activate a pending one without waiting for payment,
 * and cancel it now after a confirmation.
 *
 * @summary One service: details; edit, suspend, unsuspend, activate, cancel.
 *
 * @attr service-id - The service's id.
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 *
 * @csspart heading - The page heading (the product's name).
 * @csspart details - The details section.
 * @csspart form - The edit and suspend forms.
 * @csspart field - A label, input, hint and error.
 * @csspart badge - A status label.
 * @csspart dialog - The confirmation dialog.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 * @csspart loading - Shown while the service loads.
 * @csspart load-error - Shown when the service could not be loaded (or does not exist).
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-service')
export class PortalAdminService extends AdminElement {
  static override styles = [hostStyles, formStyles, adminStyles, styles];

  /** The service's id. */
  @property({ attribute: 'service-id' }) serviceId = '';

  @state() private service?: AdminService;
  @state() private panel: Panel = 'none';

  readonly #load = this.loadTask(
    'adminService',
    () => [this.serviceId],
    (admin, [id]) => admin.services.get(id),
    (service) => {
      this.service = service;
    },
  );

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('serviceId') && changed.get('serviceId') !== undefined) {
      this.service = undefined;
      this.panel = 'none';
      this.values = {};
    }
  }

  protected override render() {
    const service = this.service;
    return html`<div class="page" lang=${this.textLang}>
      <p class="back"><a href=${hashOf('services')}>${this.t('backToServices')}</a></p>
      <div class="title">
        <h1 part="heading" tabindex="-1">${service?.productName ?? this.t('serviceTitle')}</h1>
        ${service ? serviceBadge(this.t, service.status) : nothing}
      </div>
      ${this.renderMessages()}
      ${this.renderTask(this.#load, service, (s) => [
        this.#renderActions(s),
        this.#renderPanel(s),
        this.#renderDetails(s),
        this.#renderCancellation(s),
      ])}
      ${this.renderConfirm()}
    </div>`;
  }

  #renderActions(s: AdminService) {
    const button = (label: string, onClick: () => void, part: string, danger = false) =>
      html`<button part="button ${part}" class=${danger ? 'primary danger' : 'secondary'} type="button" ?disabled=${this.busy} @click=${onClick}>
        ${label}
      </button>`;
    const toggle = (panel: Panel) => () => this.#open(this.panel === panel ? 'none' : panel);
    const live = s.status !== 'cancelled';
    return html`<div class="actions" role="group" aria-label=${this.t('serviceActions')}>
      ${live && this.can(routes.updateService) ? button(this.t('editService'), toggle('edit'), 'edit') : nothing}
      ${s.status === 'active' && this.can(routes.suspendService) ? button(this.t('suspendService'), toggle('suspend'), 'suspend') : nothing}
      ${s.status === 'suspended' && this.can(routes.unsuspendService) ? button(this.t('unsuspendService'), this.#unsuspend, 'unsuspend') : nothing}
      ${s.status === 'pending' && this.can(routes.activateService) ? button(this.t('activateService'), this.#activate, 'activate') : nothing}
      ${live && this.can(routes.cancelService) ? button(this.t('cancelService'), this.#cancel, 'cancel-service', true) : nothing}
    </div>`;
  }

  #renderPanel(s: AdminService) {
    if (this.panel === 'edit') {
      return html`<section class="card" aria-labelledby="edit-title">
        <h2 id="edit-title">${this.t('editService')}</h2>
        <form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#save}>
          <div class="grid-2">
            ${this.textInput('label', this.t('serviceLabel'), { maxlength: 200, hint: this.t('serviceLabelHint') })}
            ${this.textInput('amount', this.t('servicePrice', { currency: s.currency }), {
              required: true,
              hint: this.t('servicePriceHint', { cycle: cycleName(this.t, s.cycle) }),
            })}
            ${this.textInput('nextDueAt', this.t('nextDue'), { type: 'date', hint: this.t('nextDueHint') })}
          </div>
          <div class="actions">
            ${submitButton(this.t('saveChanges'), this.busy)}
            <button class="secondary" type="button" @click=${() => this.#open('none')}>${this.t('cancel')}</button>
          </div>
        </form>
      </section>`;
    }
    if (this.panel === 'suspend') {
      return html`<section class="card" aria-labelledby="suspend-title">
        <h2 id="suspend-title">${this.t('suspendService')}</h2>
        <p class="intro">${this.t('suspendIntro')}</p>
        <form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#suspend}>
          ${textareaField({
            name: 'reason',
            label: this.t('suspendReason'),
            required: true,
            rows: 2,
            value: this.values.reason,
            error: this.fieldErrors.reason,
            onInput: this.onInput,
          })}
          <div class="actions">
            ${submitButton(this.t('suspendService'), this.busy)}
            <button class="secondary" type="button" @click=${() => this.#open('none')}>${this.t('cancel')}</button>
          </div>
        </form>
      </section>`;
    }
    return nothing;
  }

  #renderDetails(s: AdminService) {
    const lang = this.resolvedLocale;
    const when = (label: string, iso: string | null) =>
      iso ? html`<dt>${label}</dt><dd>${formatDateTime(lang, iso)}</dd>` : nothing;
    return html`<section part="details" class="card" aria-labelledby="details-title">
      <h2 id="details-title">${this.t('serviceDetails')}</h2>
      <dl>
        <dt>${this.t('billingClient')}</dt>
        <dd><a href=${hashOf('client', s.accountId)}>${s.accountName}</a></dd>
        <dt>${this.t('product')}</dt>
        <dd>${s.productName}</dd>
        <dt>${this.t('serviceLabel')}</dt>
        <dd>${s.label || '—'}</dd>
        <dt>${this.t('cycle')}</dt>
        <dd>${cycleName(this.t, s.cycle)}</dd>
        <dt>${this.t('price')}</dt>
        <dd>${formatMoney(lang, s.amount, s.currency)}</dd>
        <dt>${this.t('nextDue')}</dt>
        <dd>${formatDate(lang, s.nextDueAt) || '—'}</dd>
        ${when(this.t('activatedOn'), s.activatedAt)} ${when(this.t('suspendedOn'), s.suspendedAt)}
        ${s.suspendReason ? html`<dt>${this.t('suspendReason')}</dt><dd>${s.suspendReason}</dd>` : nothing}
        ${when(this.t('cancelledOn'), s.cancelledAt)}
        <dt>${this.t('created')}</dt>
        <dd>${formatDateTime(lang, s.createdAt)}</dd>
      </dl>
      <p>
        <a href=${hashOf('invoices', undefined, { account: s.accountId })}>${this.t('clientInvoicesLink')}</a>
      </p>
    </section>`;
  }

  #renderCancellation(s: AdminService) {
    const c = s.cancellation;
    if (!c) return nothing;
    const lang = this.resolvedLocale;
    return html`<section class="card" aria-labelledby="cancellation-title">
      <h2 id="cancellation-title">${this.t('cancellationRequest')}</h2>
      <dl>
        <dt>${this.t('status')}</dt>
        <dd>${cancellationBadge(this.t, c.status)}</dd>
        <dt>${this.t('cancellationWhen')}</dt>
        <dd>${cancellationTypeName(this.t, c.type)}</dd>
        <dt>${this.t('cancellationReason')}</dt>
        <dd>${c.reason}</dd>
        <dt>${this.t('requestedOn')}</dt>
        <dd>${formatDateTime(lang, c.createdAt)}</dd>
        ${c.effectiveAt ? html`<dt>${this.t('endsOn')}</dt><dd>${formatDate(lang, c.effectiveAt)}</dd>` : nothing}
        ${c.staffNote ? html`<dt>${this.t('staffNote')}</dt><dd>${c.staffNote}</dd>` : nothing}
      </dl>
      ${c.status === 'pending' ? html`<p><a href=${hashOf('cancellations')}>${this.t('processInQueue')}</a></p>` : nothing}
    </section>`;
  }

  #open(panel: Panel) {
    const s = this.service;
    this.panel = panel;
    this.fieldErrors = {};
    if (panel === 'edit' && s) {
      this.values = {
        label: s.label ?? '',
        amount: moneyInputValue(s.amount, s.currency, this.resolvedLocale),
        nextDueAt: dateInputValue(s.nextDueAt),
      };
      void this.focusField('label');
    } else if (panel === 'suspend') {
      this.values = { reason: '' };
      void this.focusField('reason');
    } else {
      void this.focusHeading();
    }
  }

  #save = async (event: SubmitEvent) => {
    event.preventDefault();
    const s = this.service;
    if (!s) return;
    const parsed = parseMoneyInput(this.values.amount ?? '', s.currency, { lang: this.resolvedLocale });
    if (!parsed.ok) {
      this.showFieldErrors({ amount: this.t(parsed.error, { currency: s.currency }) });
      return;
    }
    const label = (this.values.label ?? '').trim();
    const due = this.values.nextDueAt ?? '';
    const input: ServiceUpdateInput = {};
    if (label !== (s.label ?? '')) input.label = label || null;
    if (parsed.amount !== s.amount) input.amount = parsed.amount;
    if (due !== dateInputValue(s.nextDueAt)) input.nextDueAt = due || null;
    if (!Object.keys(input).length) {
      this.panel = 'none';
      this.notice = this.t('nothingChanged');
      return;
    }
    await this.#act(
      'adminUpdateService',
      (admin) => admin.services.update(s.id, input),
      'serviceSaved',
      EDIT_FIELDS,
    );
  };

  #suspend = async (event: SubmitEvent) => {
    event.preventDefault();
    const s = this.service;
    if (!s || !this.validate({ reason: adminChecks.required })) return;
    const reason = (this.values.reason ?? '').trim();
    await this.#act(
      'adminSuspendService',
      (admin) => admin.services.suspend(s.id, reason),
      'serviceSuspendedNotice',
      ['reason'],
    );
  };

  #unsuspend = async () => {
    const s = this.service;
    if (s)
      await this.#act(
        'adminUnsuspendService',
        (admin) => admin.services.unsuspend(s.id),
        'serviceUnsuspendedNotice',
      );
  };

  #activate = async () => {
    const s = this.service;
    if (s)
      await this.#act(
        'adminActivateService',
        (admin) => admin.services.activate(s.id),
        'serviceActivatedNotice',
      );
  };

  #cancel = async () => {
    const s = this.service;
    if (!s) return;
    const ok = await this.confirmAction({
      title: this.t('cancelServiceTitle', { name: s.productName, client: s.accountName }),
      body: this.t('cancelServiceBody'),
      confirm: this.t('cancelService'),
      danger: true,
    });
    if (ok)
      await this.#act('adminCancelService', (admin) => admin.services.cancel(s.id), 'serviceCancelledNotice');
  };

  async #act(
    action: string,
    work: (admin: AdminClient) => Promise<AdminService>,
    done:
      | 'serviceSaved'
      | 'serviceSuspendedNotice'
      | 'serviceUnsuspendedNotice'
      | 'serviceActivatedNotice'
      | 'serviceCancelledNotice',
    fields: string[] = [],
  ) {
    let saved: AdminService | undefined;
    await this.attempt(action, fields, async (admin) => {
      saved = await work(admin);
    });
    if (!saved) return;
    this.service = saved;
    this.panel = 'none';
    this.notice = this.t(done, { name: saved.productName });
    void this.focusHeading();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-service': PortalAdminService;
  }
}
