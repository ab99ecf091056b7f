import { type AdminClient, type AdminDomain, isPortalApiError } from '@portico/sdk/admin';
import { domainsAdminRoutes as routes } from '@portico/sdk/contract';
import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatDate, formatDateTime, formatMoney } from '../../lib/format.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { AdminElement } from '../lib/admin-element.js';
import { shortId } from '../lib/billing-labels.js';
import { domainBadge, domainStatusKey, taskBadge, taskKindName } from '../lib/domain-labels.js';
import { addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import { registrarName, registrarsOf } from '../lib/registrars.js';
import { hashOf } from '../lib/routes.js';
import { adminStyles } from '../lib/styles.js';
import { dataTable } from '../lib/table.js';
import styles from './admin-domain.styles.js';

addAdminMessages('en', en.common, en.domains, en.domain);
addAdminMessages('es', es.common, es.domains, es.domain);

/**
 * One client's domain (`#/domains/<id>`): its status, client, registrar, how it was ordered, registration and expiry
 * dates, name servers, registrar lock, WHOIS privacy, auto-renew, 1-year renewal price, the registrar's last error,
 * links to its order and unpaid renewal invoices, and its registrar tasks (registration, transfer, renewal: status,
 * attempts, last error, next try, invoice). Billing and admin staff retry a failed task now and turn auto-renew on
 * or off; any staff member syncs an active or expired domain from the registrar (expiry, name servers, lock,
 * privacy). Nothing is changed when the registrar refuses.
 *
 * @summary One domain: details, registrar tasks; retry, sync, auto-renew.
 *
 * @attr domain-id - The domain's id.
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 *
 * @csspart heading - The page heading (the domain's Unicode name).
 * @csspart details - The details section.
 * @csspart tasks - The registrar tasks section.
 * @csspart table - The registrar tasks table.
 * @csspart badge - A status label.
 * @csspart last-error - The registrar's last error.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 * @csspart loading - Shown while the domain loads.
 * @csspart load-error - Shown when the domain could not be loaded (or does not exist).
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-domain')
export class PortalAdminDomain extends AdminElement {
  static override styles = [hostStyles, formStyles, adminStyles, styles];

  /** The domain's id. */
  @property({ attribute: 'domain-id' }) domainId = '';

  @state() private domain?: AdminDomain;

  readonly #load = this.loadTask(
    'adminDomain',
    () => [this.domainId],
    (admin, [id]) => admin.domains.get(id),
    (domain) => {
      this.domain = domain;
    },
  );

  /** The registrars' names (the id shows until they come, or if they cannot). */
  readonly #registrars = this.loadTask(
    'adminRegistrars',
    () => [],
    (admin) => registrarsOf(admin),
  );

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('domainId') && changed.get('domainId') !== undefined) this.domain = undefined;
  }

  protected override render() {
    const d = this.domain;
    return html`<div class="page" lang=${this.textLang}>
      <p class="back"><a href=${hashOf('domains')}>${this.t('backToDomains')}</a></p>
      <div class="title">
        <h1 part="heading" tabindex="-1">${d?.unicode ?? this.t('domainTitle')}</h1>
        ${d ? domainBadge(this.t, d.status) : nothing}
      </div>
      ${this.renderMessages()}
      ${this.renderTask(this.#load, d, (domain) => [
        this.#renderActions(domain),
        this.#renderDetails(domain),
        this.#renderTasks(domain),
      ])}
    </div>`;
  }

  #renderActions(d: AdminDomain) {
    const button = (label: string, onClick: () => void, part: string) =>
      html`<button part="button ${part}" class="secondary" type="button" ?disabled=${this.busy} @click=${onClick}>
        ${label}
      </button>`;
    const failed = d.tasks.some((t) => t.status === 'failed');
    const registered = d.status === 'active' || d.status === 'expired';
    const actions = [
      failed && this.can(routes.retryDomain) ? button(this.t('retryDomain'), this.#retry, 'retry') : nothing,
      registered && this.can(routes.syncDomain) ? button(this.t('syncDomain'), this.#sync, 'sync') : nothing,
      d.status === 'active' && this.can(routes.updateDomain)
        ? button(
            this.t(d.autoRenew ? 'turnAutoRenewOff' : 'turnAutoRenewOn'),
            this.#toggleAutoRenew,
            'auto-renew',
          )
        : nothing,
    ];
    if (actions.every((a) => a === nothing)) return nothing;
    return html`<div class="actions" role="group" aria-label=${this.t('domainActions')}>${actions}</div>`;
  }

  #renderDetails(d: AdminDomain) {
    const lang = this.resolvedLocale;
    const onOff = (on: boolean) => (on ? this.t('switchedOn') : this.t('switchedOff'));
    return html`<section part="details" class="card" aria-labelledby="details-title">
      <h2 id="details-title">${this.t('domainDetails')}</h2>
      ${
        d.lastError
          ? html`<div part="last-error" class="load-error">
              <p><strong>${this.t('domainLastError')}:</strong> ${d.lastError}</p>
            </div>`
          : nothing
      }
      <dl>
        ${d.unicode === d.domain ? nothing : html`<dt>${this.t('domainColumn')}</dt><dd class="mono">${d.domain}</dd>`}
        <dt>${this.t('domainClient')}</dt>
        <dd><a href=${hashOf('client', d.accountId)}>${d.accountName}</a></dd>
        <dt>${this.t('domainRegistrar')}</dt>
        <dd>${registrarName(this.#registrars.value, d.registrar)}</dd>
        <dt>${this.t('domainOrderedAs')}</dt>
        <dd>${taskKindName(this.t, d.action)}</dd>
        <dt>${this.t('domainRegisteredOn')}</dt>
        <dd>${formatDate(lang, d.registeredAt) || '—'}</dd>
        <dt>${this.t('domainExpires')}</dt>
        <dd>${formatDate(lang, d.expiresAt) || '—'}</dd>
        <dt>${this.t('domainNameservers')}</dt>
        <dd>
          ${
            d.nameservers.length
              ? html`<ul class="plain">
                  ${d.nameservers.map((ns) => html`<li class="mono">${ns}</li>`)}
                </ul>`
              : this.t('noNameservers')
          }
        </dd>
        <dt>${this.t('domainLock')}</dt>
        <dd>${d.locked ? this.t('domainLocked') : this.t('domainUnlocked')}</dd>
        <dt>${this.t('domainPrivacy')}</dt>
        <dd>${onOff(d.privacy)}</dd>
        <dt>${this.t('domainAutoRenew')}</dt>
        <dd>${onOff(d.autoRenew)}</dd>
        <dt>${this.t('domainRenewPrice')}</dt>
        <dd>${d.renewPrice ? formatMoney(lang, d.renewPrice.amount, d.renewPrice.currency) : this.t('domainNoRenewPrice')}</dd>
        ${
          d.invoiceId
            ? html`<dt>${this.t('domainOrderInvoice')}</dt>
                <dd><a href=${hashOf('invoice', d.invoiceId)}>${this.t('openInvoiceLink')}</a></dd>`
            : nothing
        }
        ${
          d.renewalInvoiceId
            ? html`<dt>${this.t('domainRenewalInvoice')}</dt>
                <dd><a href=${hashOf('invoice', d.renewalInvoiceId)}>${this.t('openInvoiceLink')}</a></dd>`
            : nothing
        }
        <dt>${this.t('created')}</dt>
        <dd>${formatDateTime(lang, d.createdAt)}</dd>
      </dl>
    </section>`;
  }

  #renderTasks(d: AdminDomain) {
    const lang = this.resolvedLocale;
    return html`<section part="tasks" class="card" aria-labelledby="tasks-title">
      <h2 id="tasks-title">${this.t('domainTasks')}</h2>
      ${
        d.tasks.length
          ? dataTable({
              label: this.t('domainTasksTable'),
              caption: this.t('domainTasksTable'),
              columns: [
                this.t('taskKind'),
                { label: this.t('taskYears'), numeric: true },
                this.t('status'),
                { label: this.t('taskAttempts'), numeric: true },
                this.t('taskLastError'),
                this.t('taskRunAfter'),
                this.t('taskInvoice'),
              ],
              rows: d.tasks.map(
                (task) => html`<tr>
                  <td>${taskKindName(this.t, task.kind)}</td>
                  <td class="num">${task.years}</td>
                  <td>${taskBadge(this.t, task.status)}</td>
                  <td class="num">${task.attempts}</td>
                  <td>${task.lastError ?? '—'}</td>
                  <td>${task.status === 'queued' ? formatDateTime(lang, task.runAfter) : '—'}</td>
                  <td>
                    ${
                      task.invoiceId
                        ? html`<a href=${hashOf('invoice', task.invoiceId)}><code title=${task.invoiceId}>${shortId(task.invoiceId)}</code></a>`
                        : '—'
                    }
                  </td>
                </tr>`,
              ),
            })
          : html`<p class="muted">${this.t('noDomainTasks')}</p>`
      }
    </section>`;
  }

  #retry = async () => {
    const d = this.domain;
    if (!d) return;
    const saved = await this.#act('adminRetryDomain', (admin) => admin.domains.retry(d.id));
    if (saved) {
      this.notice = this.t('retriedNotice', {
        name: saved.unicode,
        status: this.t(domainStatusKey(saved.status)).toLowerCase(),
      });
      // The retry button goes once nothing has failed: keep the reading position on the page.
      void this.focusHeading();
    } else if (this.#failedWith(409)) {
      this.alertMessage = this.t('nothingToRetry', { name: d.unicode });
      await this.#load.run();
    }
  };

  #sync = async () => {
    const d = this.domain;
    if (!d) return;
    const saved = await this.#act('adminSyncDomain', (admin) => admin.domains.sync(d.id));
    if (saved) {
      this.notice = this.t('syncedNotice', { name: saved.unicode });
      return;
    }
    const error = this.lastError;
    if (isPortalApiError(error) && error.code === 'REGISTRAR_ERROR') {
      this.alertMessage = this.t('syncFailed', { detail: error.detail ?? '' }).trim();
    } else if (isPortalApiError(error) && error.code === 'DOMAIN_NOT_ACTIVE') {
      this.alertMessage = this.t('errorDomainNotActive');
    }
  };

  #toggleAutoRenew = async () => {
    const d = this.domain;
    if (!d) return;
    const autoRenew = !d.autoRenew;
    const saved = await this.#act('adminUpdateDomain', (admin) => admin.domains.update(d.id, { autoRenew }));
    if (saved) {
      this.notice = this.t(saved.autoRenew ? 'autoRenewOnNotice' : 'autoRenewOffNotice', {
        name: saved.unicode,
      });
    } else if (isPortalApiError(this.lastError) && this.lastError.code === 'DOMAIN_NOT_ACTIVE') {
      this.alertMessage = this.t('errorDomainNotActive');
    }
  };

  #failedWith(status: number): boolean {
    return isPortalApiError(this.lastError) && this.lastError.status === status;
  }

  /** Runs one action on the domain; shows the domain it answers with. */
  async #act(
    action: string,
    work: (admin: AdminClient) => Promise<AdminDomain>,
  ): Promise<AdminDomain | undefined> {
    let saved: AdminDomain | undefined;
    await this.attempt(action, [], async (admin) => {
      saved = await work(admin);
    });
    if (saved) this.domain = saved;
    return saved;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-domain': PortalAdminDomain;
  }
}
