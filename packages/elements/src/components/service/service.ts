import { initialState } from '@lit/task';
import { type Cancellation, grants, type Service } from '@portico/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { AccountElement } from '../../lib/account-element.js';
import { accountStyles } from '../../lib/account-styles.js';
import { textareaField } from '../../lib/fields.js';
import { submitButton } from '../../lib/form.js';
import { formatDate } from '../../lib/format.js';
import { addMessages } from '../../lib/localize.js';
import * as commerceEn from '../../lib/locales/commerce-en.js';
import * as commerceEs from '../../lib/locales/commerce-es.js';
import * as en from '../../lib/locales/en.js';
import * as es from '../../lib/locales/es.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { serviceBadges } from '../services/status.js';
import { CYCLE_KEYS, pricePer } from '../store/cycles.js';
import styles from './service.styles.js';

addMessages('en', en.account, commerceEn.commerce);
addMessages('es', es.account, commerceEs.commerce);

type CancellationType = Cancellation['type'];

/** What changed: the service as the server now has it. */
export interface PortalCancellationDetail {
  service: Service;
}

/** Base of the cancellation events: `detail` is `{ service }`, the service as the server now has it. */
export class PortalCancellationEvent extends Event {
  readonly detail: PortalCancellationDetail;
  constructor(name: string, service: Service) {
    super(name, { bubbles: true, composed: true });
    this.detail = { service };
  }
}

/**
 * The person asked to cancel a service (now or at the end of its period); staff review the request. `detail` is
 * `{ service }`, with the request in `service.cancellation`.
 */
export class PortalCancellationRequestedEvent extends PortalCancellationEvent {
  static readonly eventName = 'portal-cancellation-requested';
  constructor(service: Service) {
    super(PortalCancellationRequestedEvent.eventName, service);
  }
}

/** The person withdrew a cancellation request staff had not reviewed yet. `detail` is `{ service }`. */
export class PortalCancellationWithdrawnEvent extends PortalCancellationEvent {
  static readonly eventName = 'portal-cancellation-withdrawn';
  constructor(service: Service) {
    super(PortalCancellationWithdrawnEvent.eventName, service);
  }
}

/**
 * One service of the active account: its product and label, status, billing cycle and price, next due date, and
 * when it was ordered, activated, suspended (with the reason) or cancelled.
 *
 * Its cancellation: while a request waits, what was asked and "Withdraw request"; an approved one says when the
 * service ends; a declined one shows staff's note. Otherwise "Request cancellation" opens a form asking when
 * (immediately or at the end of the billing period) and why, confirmed in a dialog. Someone without
 * `services:write` on the account sees why they cannot.
 *
 * @summary One service: details, cancellation request and its state.
 *
 * @attr api - The Portico server's URL, when used without a `<portal-provider>`.
 * @attr mode - Session mode of the standalone client: `cookie` (default) or `token`.
 * @attr login-href - Where the "Sign in" link goes when signed out.
 * @attr lang - Language (`en`, `es`); else the provider's, else the page's.
 * @attr theme - `light` or `dark` to force a colour scheme.
 *
 * @csspart base - The box around everything.
 * @csspart title - The product's name.
 * @csspart label - The service's label, and a field's label.
 * @csspart badge - The status badges.
 * @csspart details - The list of details.
 * @csspart cancellation - The cancellation section.
 * @csspart request - The state of the latest cancellation request.
 * @csspart staff-note - Staff's note on a declined request.
 * @csspart withdraw - The "Withdraw request" button.
 * @csspart request-cancellation - The "Request cancellation" button that opens the form.
 * @csspart form - The cancellation form.
 * @csspart when - The choice of when the service stops.
 * @csspart type - One choice's radio button.
 * @csspart field - The reason's label, input and error.
 * @csspart input - The reason.
 * @csspart keep - The "Keep the service" button that closes the form.
 * @csspart dialog - The confirmation dialog.
 * @csspart cancel - The dialog's "Cancel" button.
 * @csspart confirm - The dialog's confirm button.
 * @csspart button - Buttons.
 * @csspart submit - The form's submit button.
 * @csspart not-allowed - Why the person cannot request a cancellation.
 * @csspart empty - Shown without a `service-id`.
 * @csspart error - Error messages: beside fields (also `field-error`) and the alert (also `alert`).
 * @csspart field-error - The error beside a field.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 * @csspart loading - Shown while the service loads.
 * @csspart load-error - Shown when the service could not be loaded.
 * @csspart retry - "Try again" after a failed load.
 * @csspart signed-out - Shown when signed out.
 *
 * @cssproperty [--portal-service-width=48rem] - Maximum width.
 * @cssproperty --portal-service-padding - Padding inside the box.
 * @cssproperty --portal-service-background - Background; falls back to `--portal-color-surface`.
 * @cssproperty --portal-service-border - Border; falls back to a 1px `--portal-color-border` line.
 *
 * @event {PortalCancellationRequestedEvent} portal-cancellation-requested - A cancellation was requested; `event.detail` is `{ service }`.
 * @event {PortalCancellationWithdrawnEvent} portal-cancellation-withdrawn - A pending request was withdrawn; `event.detail` is `{ service }`.
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-service')
export class PortalService extends AccountElement {
  static override styles = [hostStyles, formStyles, accountStyles, styles];

  /** The service's id (`svc_…`). */
  @property({ attribute: 'service-id' }) serviceId?: string;

  @state() private service?: Service;
  /** The cancellation form is open. */
  @state() private cancelling = false;
  @state() private cancelType: CancellationType = 'end_of_period';

  readonly #load = this.loadTask(
    'getService',
    () => [this.serviceId] as const,
    (client, _session, [id]) => (id ? client.services.get(id) : Promise.resolve(initialState)),
    (service) => {
      this.service = service;
    },
  );

  protected override render() {
    return html`<div part="base" class="base" lang=${this.textLang}>
      ${this.renderSession(() =>
        this.serviceId
          ? this.renderTask(
              this.#load,
              // Another service's details are never shown while this one loads.
              this.service?.id === this.serviceId ? this.service : undefined,
              (service) => this.#renderService(service),
            )
          : html`<p part="empty" class="empty">${this.t('serviceNone')}</p>`,
      )}
      ${this.renderMessages()} ${this.renderConfirm()}
    </div>`;
  }

  #renderService(service: Service): TemplateResult {
    const lang = this.resolvedLocale;
    const date = (iso: string) => html`<time datetime=${iso}>${formatDate(lang, iso)}</time>`;
    const row = (label: string, value: unknown) => html`<div class="row">
      <dt>${label}</dt>
      <dd>${value}</dd>
    </div>`;
    return html`<div class="header">
        <div>
          <h2 part="title" id="service-title">${service.productName}</h2>
          ${service.label ? html`<p part="label" class="muted">${service.label}</p>` : nothing}
        </div>
        <span class="badges">${serviceBadges(this.t, service)}</span>
      </div>
      <dl part="details" class="details" aria-label=${this.t('serviceDetails')}>
        ${row(this.t('serviceCycle'), this.t(CYCLE_KEYS[service.cycle]))}
        ${row(this.t('servicePrice'), pricePer(this.t, lang, service.amount, service.currency, service.cycle))}
        ${service.nextDueAt ? row(this.t('serviceNextDue'), date(service.nextDueAt)) : nothing}
        ${row(this.t('serviceOrdered'), date(service.createdAt))}
        ${service.activatedAt ? row(this.t('serviceActivated'), date(service.activatedAt)) : nothing}
        ${
          service.suspendedAt
            ? row(
                this.t('serviceSuspended'),
                service.suspendReason
                  ? this.t('serviceSuspendedReason', {
                      date: formatDate(lang, service.suspendedAt),
                      reason: service.suspendReason,
                    })
                  : date(service.suspendedAt),
              )
            : nothing
        }
        ${service.cancelledAt ? row(this.t('serviceCancelled'), date(service.cancelledAt)) : nothing}
      </dl>
      ${this.#renderCancellation(service)}`;
  }

  #renderCancellation(service: Service): TemplateResult | typeof nothing {
    const request = service.cancellation;
    const canWrite = grants(this.session?.permissions ?? [], 'services:write');
    const open = request?.status === 'pending' || request?.status === 'approved';
    const mayAsk = service.status !== 'cancelled' && !open;
    if (service.status === 'cancelled' && !request) return nothing;
    return html`<section part="cancellation" class="cancellation" aria-labelledby="cancellation-title">
      <h3 id="cancellation-title" tabindex="-1">${this.t('serviceCancellation')}</h3>
      ${request ? this.#renderRequest(request, canWrite) : nothing}
      ${
        !mayAsk
          ? nothing
          : !canWrite
            ? html`<p part="not-allowed" class="not-allowed">${this.t('serviceCancelNotAllowed')}</p>`
            : this.cancelling
              ? this.#renderForm(service)
              : html`<div class="actions">
                  <button part="button request-cancellation" class="secondary danger" type="button" @click=${this.#openForm}>
                    ${this.t('serviceCancel')}
                  </button>
                </div>`
      }
    </section>`;
  }

  #renderRequest(request: Cancellation, canWrite: boolean): TemplateResult | typeof nothing {
    const lang = this.resolvedLocale;
    const asked = formatDate(lang, request.createdAt);
    switch (request.status) {
      case 'pending':
        return html`<div part="request" class="banner request">
          <p>
            ${this.t('serviceRequestPending', {
              date: asked,
              when: this.t(request.type === 'immediate' ? 'serviceWhenImmediate' : 'serviceWhenEndOfPeriod'),
            })}
          </p>
          <p class="muted">${this.t('serviceYourReason', { reason: request.reason })}</p>
          ${
            canWrite
              ? html`<div class="actions">
                  <button part="button withdraw" class="secondary" type="button" ?disabled=${this.busy} @click=${this.#withdraw}>
                    ${this.t('serviceWithdraw')}
                  </button>
                </div>`
              : nothing
          }
        </div>`;
      case 'approved':
        return html`<p part="request" class="banner request">
          ${
            request.effectiveAt
              ? this.t('serviceRequestApproved', { date: formatDate(lang, request.effectiveAt) })
              : this.t('serviceRequestApprovedNoDate')
          }
        </p>`;
      case 'rejected':
        return html`<div part="request" class="banner request">
          <p>${this.t('serviceRequestRejected', { date: asked })}</p>
          ${
            request.staffNote
              ? html`<p part="staff-note" class="staff-note">${this.t('serviceStaffNote', { note: request.staffNote })}</p>`
              : nothing
          }
        </div>`;
      default:
        // A withdrawn request is as if none was made.
        return nothing;
    }
  }

  #renderForm(service: Service): TemplateResult {
    const lang = this.resolvedLocale;
    const types: { type: CancellationType; label: string }[] = [
      {
        type: 'end_of_period',
        label: service.nextDueAt
          ? this.t('serviceCancelEndOfPeriodOn', { date: formatDate(lang, service.nextDueAt) })
          : this.t('serviceCancelEndOfPeriod'),
      },
      { type: 'immediate', label: this.t('serviceCancelImmediate') },
    ];
    return html`<form
      part="form"
      class="card"
      id="cancel-form"
      novalidate
      aria-labelledby="cancel-form-title"
      aria-busy=${this.busy ? 'true' : 'false'}
      @submit=${this.#submit}
    >
      <h4 id="cancel-form-title">${this.t('serviceCancel')}</h4>
      <p class="intro">${this.t('serviceCancelIntro')}</p>
      <fieldset part="when" class="when">
        <legend part="label">${this.t('serviceCancelWhen')}</legend>
        ${types.map(
          ({ type, label }) => html`<div class="choice">
            <input
              part="type"
              type="radio"
              id=${`type-${type}`}
              name="type"
              value=${type}
              .checked=${live(this.cancelType === type)}
              @change=${() => {
                this.cancelType = type;
              }}
            />
            <label for=${`type-${type}`}>${label}</label>
          </div>`,
        )}
      </fieldset>
      ${textareaField({
        name: 'reason',
        label: this.t('serviceCancelReason'),
        value: this.values.reason,
        required: true,
        rows: 3,
        error: this.fieldErrors.reason,
        onInput: this.onInput,
      })}
      <div class="actions">
        ${submitButton(this.t('serviceCancel'), this.busy)}
        <button part="button keep" class="secondary" type="button" @click=${this.#closeForm}>
          ${this.t('serviceKeep')}
        </button>
      </div>
    </form>`;
  }

  protected override sessionChanged(): void {
    super.sessionChanged();
    this.cancelling = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('serviceId') && changed.get('serviceId') !== undefined) {
      this.cancelling = false;
      this.values = {};
      this.fieldErrors = {};
      this.alertMessage = '';
      this.notice = '';
    }
  }

  #openForm = () => {
    this.cancelling = true;
    this.cancelType = 'end_of_period';
    this.values = {};
    this.fieldErrors = {};
    this.alertMessage = '';
    void this.focusPart('input[name="type"]:checked');
  };

  #closeForm = () => {
    this.cancelling = false;
    this.fieldErrors = {};
    void this.focusPart('[part~="request-cancellation"]');
  };

  #submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const service = this.service;
    if (!service) return;
    const reason = (this.values.reason ?? '').trim();
    if (!reason) {
      this.fieldErrors = { reason: this.t('serviceCancelReasonRequired') };
      this.alertMessage = '';
      void this.focusField('reason');
      return;
    }
    const type = this.cancelType;
    const confirmed = await this.confirmAction({
      title: this.t('serviceCancelConfirmTitle', { name: service.label ?? service.productName }),
      body: this.t(
        type === 'immediate' ? 'serviceCancelConfirmImmediate' : 'serviceCancelConfirmEndOfPeriod',
      ),
      confirm: this.t('serviceCancel'),
      danger: true,
    });
    if (!confirmed) return;
    let updated: Service | undefined;
    await this.attempt('requestCancellation', ['type', 'reason'], async (client) => {
      updated = await client.services.requestCancellation(service.id, { type, reason });
    });
    if (!updated) return;
    this.service = updated;
    this.cancelling = false;
    this.values = {};
    this.notice = this.t('serviceCancelSent');
    this.emit(new PortalCancellationRequestedEvent(updated));
    void this.focusPart('#cancellation-title');
  };

  #withdraw = async () => {
    const service = this.service;
    if (!service) return;
    let updated: Service | undefined;
    await this.attempt('withdrawCancellation', [], async (client) => {
      updated = await client.services.withdrawCancellation(service.id);
    });
    if (!updated) return;
    this.service = updated;
    this.notice = this.t('serviceWithdrawn');
    this.emit(new PortalCancellationWithdrawnEvent(updated));
    void this.focusPart('#cancellation-title');
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-service': PortalService;
  }
  interface GlobalEventHandlersEventMap {
    'portal-cancellation-requested': PortalCancellationRequestedEvent;
    'portal-cancellation-withdrawn': PortalCancellationWithdrawnEvent;
  }
}
