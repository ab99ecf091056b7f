import { initialState } from '@lit/task';
import { grants, type Service, type ServiceStatus } from '@portico/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { AccountElement } from '../../lib/account-element.js';
import { accountStyles } from '../../lib/account-styles.js';
import { formatDate, formatMoney } from '../../lib/format.js';
import { hashId, replaceHash } from '../../lib/hash.js';
import { loadMoreButton } from '../../lib/load-more.js';
import { addMessages, type MessageKey } from '../../lib/localize.js';
import * as commerceEn from '../../lib/locales/commerce-en.js';
import * as commerceEs from '../../lib/locales/commerce-es.js';
import * as en from '../../lib/locales/en.js';
import * as es from '../../lib/locales/es.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import '../service/service.js';
import type { PortalCancellationEvent } from '../service/service.js';
import { CYCLE_KEYS } from '../store/cycles.js';
import { SERVICE_STATUS_KEYS, serviceBadges } from './status.js';
import styles from './services.styles.js';

addMessages('en', en.account, commerceEn.commerce);
addMessages('es', es.account, commerceEs.commerce);

type Filter = 'all' | ServiceStatus;
const FILTERS: readonly Filter[] = ['all', 'active', 'pending', 'suspended', 'cancelled'];
const FILTER_KEYS: Record<Filter, MessageKey> = { all: 'servicesAll', ...SERVICE_STATUS_KEYS };

/** The service a location's `#service/<id>` opens. */
const HASH = /^#service\/([\w-]+)$/;

/**
 * "My services": the active account's services with their product and label, billing cycle, price, next due date
 * and status, filtered by status with tabs (all, active, pending, suspended, cancelled), a page at a time ("Load
 * more"). Opening one shows its `<portal-service>` (details and cancellation), with a way back to the list.
 *
 * The page's `#service/<id>` opens that service (the links in Portico's emails use it), and opening or closing one
 * changes the hash with `history.replaceState`, so the host page's history and Back button stay its own.
 *
 * Someone without `services:read` on the account sees a short explanation instead.
 *
 * @summary The account's services: filter by status, load more, open one.
 *
 * @attr api - The Portico server's URL, when used without a `<portal-provider>`.
 * @attr mode - Session mode of the standalone client: `cookie` (default) or `token`.
 * @attr login-href - Where the "Sign in" link goes when signed out.
 * @attr lang - Language (`en`, `es`); else the provider's, else the page's.
 * @attr theme - `light` or `dark` to force a colour scheme.
 *
 * @csspart base - The box around everything.
 * @csspart title - The heading.
 * @csspart tabs - The status filter (a tab list).
 * @csspart tab - A status tab.
 * @csspart panel - The list under the tabs.
 * @csspart table - The services.
 * @csspart open - A service's name, which opens it.
 * @csspart badge - A status badge.
 * @csspart more - The "Load more" button.
 * @csspart back - "All services", above an open service.
 * @csspart service - The `<portal-service>` of the open service.
 * @csspart button - Buttons.
 * @csspart empty - Shown when there are no services (with this status).
 * @csspart not-allowed - Shown to someone who may not see the services.
 * @csspart error - The alert (also `alert`).
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 * @csspart loading - Shown while the list loads.
 * @csspart load-error - Shown when the list could not be loaded.
 * @csspart retry - "Try again" after a failed load.
 * @csspart signed-out - Shown when signed out.
 *
 * @cssproperty [--portal-services-width=64rem] - Maximum width.
 * @cssproperty --portal-services-padding - Padding inside the box.
 * @cssproperty --portal-services-background - Background; falls back to `--portal-color-surface`.
 * @cssproperty --portal-services-border - Border; falls back to a 1px `--portal-color-border` line.
 *
 * @event {PortalCancellationRequestedEvent} portal-cancellation-requested - A cancellation was requested in the open service.
 * @event {PortalCancellationWithdrawnEvent} portal-cancellation-withdrawn - A cancellation request was withdrawn in the open service.
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-services')
export class PortalServices extends AccountElement {
  static override styles = [hostStyles, formStyles, accountStyles, styles];

  /** Services per page. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 20;

  @state() private filter: Filter = 'all';
  @state() private services?: Service[];
  @state() private nextCursor: string | null = null;
  /** The service shown in detail. */
  @state() private openId?: string;

  readonly #load = this.loadTask(
    'listServices',
    () => [this.filter, this.pageSize] as const,
    (client, session, [filter, limit]) =>
      grants(session.permissions, 'services:read')
        ? client.services.list({ limit, ...(filter === 'all' ? {} : { status: filter }) })
        : Promise.resolve(initialState),
    (page) => {
      this.services = page.items;
      this.nextCursor = page.nextCursor;
    },
  );

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.#onHash);
    this.#onHash();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.#onHash);
  }

  protected override render() {
    return html`<div part="base" class="base" lang=${this.textLang}>
      ${this.renderSession((session) =>
        !grants(session.permissions, 'services:read')
          ? html`<h2 part="title">${this.t('servicesTitle')}</h2>
              <p part="not-allowed" class="not-allowed">${this.t('errorPermissionDenied')}</p>`
          : this.openId
            ? this.#renderOpen(this.openId)
            : this.#renderList(),
      )}
      ${this.renderMessages()}
    </div>`;
  }

  #renderOpen(id: string): TemplateResult {
    return html`<button part="button back" class="link back" type="button" @click=${this.#close}>
        <span aria-hidden="true">←</span> ${this.t('servicesBack')}
      </button>
      <portal-service
        part="service"
        service-id=${id}
        api=${this.api ?? nothing}
        mode=${this.mode ?? nothing}
        lang=${this.locale ?? nothing}
        login-href=${this.loginHref ?? nothing}
        @portal-cancellation-requested=${this.#onChanged}
        @portal-cancellation-withdrawn=${this.#onChanged}
      ></portal-service>`;
  }

  #renderList(): TemplateResult {
    return html`<h2 part="title" id="services-title">${this.t('servicesTitle')}</h2>
      <div part="tabs" class="tabs" role="tablist" aria-label=${this.t('servicesFilter')} @keydown=${this.#onTabKey}>
        ${FILTERS.map(
          (filter) => html`<button
            part="tab"
            class="tab"
            role="tab"
            type="button"
            id=${`tab-${filter}`}
            aria-selected=${filter === this.filter ? 'true' : 'false'}
            aria-controls="services-panel"
            tabindex=${filter === this.filter ? '0' : '-1'}
            @click=${() => this.#pick(filter)}
          >
            ${this.t(FILTER_KEYS[filter])}
          </button>`,
        )}
      </div>
      <div part="panel" class="panel" role="tabpanel" id="services-panel" aria-labelledby=${`tab-${this.filter}`}>
        ${this.renderTask(this.#load, this.services, (services) => this.#renderTable(services))}
      </div>`;
  }

  #renderTable(services: Service[]): TemplateResult {
    if (!services.length) {
      return html`<p part="empty" class="empty">
        ${this.t(this.filter === 'all' ? 'servicesEmpty' : 'servicesEmptyFiltered')}
      </p>`;
    }
    const lang = this.resolvedLocale;
    return html`<div class="table-wrap" role="region" aria-labelledby="services-caption" tabindex="0">
        <table part="table">
          <caption id="services-caption" class="sr-only">${this.t('servicesTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">${this.t('serviceProduct')}</th>
              <th scope="col">${this.t('serviceCycle')}</th>
              <th scope="col" class="num">${this.t('servicePrice')}</th>
              <th scope="col">${this.t('serviceNextDue')}</th>
              <th scope="col">${this.t('serviceStatus')}</th>
            </tr>
          </thead>
          <tbody>
            ${services.map(
              (s) => html`<tr id=${s.id}>
                <th scope="row">
                  <button part="open" class="link open" type="button" @click=${() => this.#open(s.id)}>
                    ${s.productName}
                  </button>
                  ${s.label ? html`<span class="sub">${s.label}</span>` : nothing}
                </th>
                <td>${this.t(CYCLE_KEYS[s.cycle])}</td>
                <td class="num">${formatMoney(lang, s.amount, s.currency)}</td>
                <td>
                  ${
                    s.nextDueAt
                      ? html`<time datetime=${s.nextDueAt}>${formatDate(lang, s.nextDueAt)}</time>`
                      : html`<span aria-hidden="true">—</span><span class="sr-only">${this.t('serviceNoDate')}</span>`
                  }
                </td>
                <td><span class="badges">${serviceBadges(this.t, s)}</span></td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${loadMoreButton(this.nextCursor, this.busy, this.t('servicesMore'), this.#loadMore)}`;
  }

  protected override sessionChanged(): void {
    super.sessionChanged();
    this.services = undefined;
    this.nextCursor = null;
  }

  #pick(filter: Filter) {
    if (filter === this.filter) return;
    this.filter = filter;
    // The list of the previous tab is not this tab's: show loading, not its rows.
    this.services = undefined;
    this.nextCursor = null;
    void this.focusPart(`#tab-${filter}`);
  }

  /** Arrow keys, Home and End move between tabs (and pick them, as the list is quick to load). */
  #onTabKey = (event: KeyboardEvent) => {
    const at = FILTERS.indexOf(this.filter);
    const next: Record<string, number> = {
      ArrowRight: (at + 1) % FILTERS.length,
      ArrowLeft: (at - 1 + FILTERS.length) % FILTERS.length,
      Home: 0,
      End: FILTERS.length - 1,
    };
    const index = next[event.key];
    if (index === undefined) return;
    event.preventDefault();
    this.#pick(FILTERS[index]!);
  };

  #loadMore = async () => {
    const cursor = this.nextCursor;
    if (!cursor) return;
    const shown = this.services?.length ?? 0;
    const filter = this.filter;
    const ok = await this.attempt('listServicesMore', [], async (client) => {
      const page = await client.services.list({
        limit: this.pageSize,
        cursor,
        ...(filter === 'all' ? {} : { status: filter }),
      });
      if (filter !== this.filter) return;
      this.services = [...(this.services ?? []), ...page.items];
      this.nextCursor = page.nextCursor;
    });
    // Keyboard users continue where the new rows start.
    const first = this.services?.[shown];
    if (ok && first) void this.focusPart(`[id="${first.id}"] [part~="open"]`);
  };

  #open(id: string) {
    this.openId = id;
    replaceHash(`#service/${id}`);
    void this.focusPart('[part~="back"]');
  }

  #close = () => {
    const id = this.openId;
    this.openId = undefined;
    replaceHash('');
    if (id) void this.focusPart(`[id="${id}"] [part~="open"]`);
  };

  #onHash = () => {
    const id = hashId(HASH);
    if (id) this.openId = id;
    else if (this.openId) this.openId = undefined;
  };

  /** The open service changed (a cancellation requested or withdrawn): its row shows it when back. */
  #onChanged = (event: PortalCancellationEvent) => {
    const changed = event.detail.service;
    this.services = this.services?.map((s) => (s.id === changed.id ? changed : s));
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-services': PortalServices;
  }
}
