import { initialState } from '@lit/task';
import { type Domain, type DomainStatus, grants } from '@portico/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { AccountElement } from '../../lib/account-element.js';
import { accountStyles } from '../../lib/account-styles.js';
import { selectField } from '../../lib/fields.js';
import { formatDate } from '../../lib/format.js';
import { followHash, hashId, itemHref, opensHere, replaceHash } from '../../lib/hash.js';
import { loadMoreButton } from '../../lib/load-more.js';
import { addMessages } from '../../lib/localize.js';
import * as domainsEn from '../../lib/locales/domains-en.js';
import * as domainsEs from '../../lib/locales/domains-es.js';
import * as en from '../../lib/locales/en.js';
import * as es from '../../lib/locales/es.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import '../domain/domain.js';
import { DOMAIN_HASH, type PortalDomainChangedEvent } from '../domain/domain.js';
import styles from './domains.styles.js';
import { asciiIfDifferent, DOMAIN_STATUS_KEYS, domainBadge, expirySoon } from './status.js';

addMessages('en', en.account, domainsEn.domains);
addMessages('es', es.account, domainsEs.domains);

/** The statuses the list can be narrowed to; empty is every domain. */
export type DomainFilter = '' | DomainStatus;
const FILTERS: readonly DomainStatus[] = [
  'active',
  'expired',
  'pending',
  'provisioning',
  'failed',
  'cancelled',
];

/**
 * "My domains": the active account's domains, newest first, with the name (Unicode, and the ASCII form under it
 * for an internationalized name), expiry date ("Expires in N days" when it is near), auto-renew, and status
 * (expired and failed ones stand out); narrowed by status, paged with "Load more". With none yet, it links to
 * `search-href` to find one.
 *
 * A domain's name opens it in place (a `<portal-domain>`: name servers, settings, transfer code, renewal) with a
 * button back to the list, and the address bar's hash follows: `#domain/<id>`, set with `history.replaceState`
 * so the host page's history stays its own; a page opened at `#domain/<id>` (the domain mails' links) shows that
 * domain. With `domain-href`, the names link to `domain-href#domain/<id>` instead (a page with its own
 * `<portal-domain>`).
 *
 * Someone without `domains:read` on the account sees a short explanation instead.
 *
 * @summary The account's domains: filter by status, load more, open one.
 *
 * @attr status - Show only domains of this status (`active`, `expired`, `pending`, `provisioning`, `failed`,
 * `cancelled`); all when empty. The filter changes it.
 * @attr page-size - How many domains each request asks for (default 20).
 * @attr search-href - The domain search page, linked when there are no domains.
 * @attr domain-href - A page showing one domain (`<portal-domain>`): names link to it with `#domain/<id>`.
 * Without it, a domain opens here.
 * @attr invoice-href - The invoices page, passed to the open `<portal-domain>` (its invoices link there).
 * @attr api - The Portico server's URL, when used without a `<portal-provider>`.
 * @attr mode - Session mode of the standalone client: `cookie` (default) or `token`.
 * @attr login-href - Where the "Sign in" link goes when signed out.
 * @attr lang - Language (`en`, `es`); else the provider's, else the page's.
 * @attr theme - `light` or `dark` to force a colour scheme.
 *
 * @csspart base - The box around everything.
 * @csspart title - The heading.
 * @csspart filter - The status filter.
 * @csspart field - The filter's label and drop-down.
 * @csspart label - The filter's label.
 * @csspart input - The filter's drop-down (also `select`).
 * @csspart table - The domains.
 * @csspart open - A domain's name, which opens it.
 * @csspart ascii - The ASCII form of an internationalized name.
 * @csspart badge - A status badge.
 * @csspart more - The "Load more" button.
 * @csspart back - "All domains", above an open domain.
 * @csspart domain - The `<portal-domain>` of the open domain.
 * @csspart button - Buttons.
 * @csspart empty - Shown when there are no domains (with this status).
 * @csspart search - The link to the domain search, with no domains.
 * @csspart not-allowed - Shown to someone who may not see the domains.
 * @csspart error - The alert (also `alert`).
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 * @csspart loading - Shown while the list loads.
 * @csspart load-error - Shown when the list could not be loaded.
 * @csspart retry - "Try again" after a failed load.
 * @csspart signed-out - Shown when signed out.
 *
 * @cssproperty [--portal-domains-width=64rem] - Maximum width.
 * @cssproperty --portal-domains-padding - Padding inside the box.
 * @cssproperty --portal-domains-background - Background; falls back to `--portal-color-surface`.
 * @cssproperty --portal-domains-border - Border; falls back to a 1px `--portal-color-border` line.
 *
 * @event {PortalDomainChangedEvent} portal-domain-changed - The open domain changed (from `<portal-domain>`).
 * @event {PortalRenewalInvoicedEvent} portal-renewal-invoiced - A renewal made an invoice (from `<portal-domain>`).
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-domains')
export class PortalDomains extends AccountElement {
  static override styles = [hostStyles, formStyles, accountStyles, styles];

  /** The status shown; empty for every domain. */
  @property({ reflect: true }) status: DomainFilter = '';

  /** Domains per page. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 20;

  /** The domain search page. */
  @property({ attribute: 'search-href' }) searchHref?: string;

  /** A page that shows one domain at `#domain/<id>`. */
  @property({ attribute: 'domain-href' }) domainHref?: string;

  /** The invoices page. */
  @property({ attribute: 'invoice-href' }) invoiceHref?: string;

  @state() private domains?: Domain[];
  @state() private nextCursor: string | null = null;
  /** The domain shown instead of the list. */
  @state() private openId?: string;

  /** The account the open domain belongs to. */
  #account: string | undefined;

  readonly #load = this.loadTask(
    'listDomains',
    () => [this.#filter, this.pageSize] as const,
    (client, session, [status, limit]) =>
      grants(session.permissions, 'domains:read')
        ? client.domains.list({ limit, ...(status ? { status } : {}) })
        : Promise.resolve(initialState),
    (page) => {
      this.domains = page.items;
      this.nextCursor = page.nextCursor;
    },
  );

  /** `status`, when it is one the list can show. */
  get #filter(): DomainFilter {
    return (FILTERS as readonly string[]).includes(this.status) ? this.status : '';
  }

  constructor() {
    super();
    followHash(this, () => this.#onHash());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Another account's domain is not this one's: back to the (reloading) list.
    const account = this.session?.account.id;
    if (account && this.#account && account !== this.#account && this.openId) this.#close(false);
    if (account) this.#account = account;
  }

  protected override render() {
    return html`<div part="base" class="base" lang=${this.textLang}>
      ${this.renderSession((session) =>
        !grants(session.permissions, 'domains:read')
          ? html`<h2 part="title">${this.t('domListTitle')}</h2>
              <p part="not-allowed" class="not-allowed">${this.t('domNoAccess')}</p>`
          : this.openId
            ? this.#renderOpen(this.openId)
            : this.#renderList(),
      )}
      ${this.renderMessages()}
    </div>`;
  }

  #renderOpen(id: string): TemplateResult {
    return html`<button part="button back" class="link back" type="button" @click=${() => this.#close(true)}>
        <span aria-hidden="true">←</span> ${this.t('domBack')}
      </button>
      <portal-domain
        part="domain"
        domain-id=${id}
        invoice-href=${ifDefined(this.invoiceHref)}
        api=${ifDefined(this.api)}
        mode=${ifDefined(this.mode)}
        lang=${ifDefined(this.locale)}
        login-href=${ifDefined(this.loginHref)}
        theme=${ifDefined(this.getAttribute('theme') ?? undefined)}
        @portal-domain-changed=${this.#onChanged}
      ></portal-domain>`;
  }

  #renderList(): TemplateResult {
    return html`<div class="header">
        <h2 part="title">${this.t('domListTitle')}</h2>
        <div part="filter" class="filter">
          ${selectField({
            name: 'status',
            label: this.t('domFilter'),
            value: this.#filter,
            markRequired: false,
            options: [
              { value: '', label: this.t('domFilterAll') },
              ...FILTERS.map((status) => ({ value: status, label: this.t(DOMAIN_STATUS_KEYS[status]) })),
            ],
            onChange: this.#onFilter,
          })}
        </div>
      </div>
      ${this.renderTask(this.#load, this.domains, (domains) => this.#renderTable(domains))}`;
  }

  #renderTable(domains: Domain[]): TemplateResult {
    if (!domains.length) {
      const filtered = !!this.#filter;
      return html`<div part="empty" class="empty">
        <p>${this.t(filtered ? 'domNoneFiltered' : 'domNone')}</p>
        ${
          !filtered && this.searchHref
            ? html`<a part="search" class="primary" href=${this.searchHref}>${this.t('domFind')}</a>`
            : nothing
        }
      </div>`;
    }
    const lang = this.resolvedLocale;
    return html`<div class="table-wrap" role="region" aria-labelledby="domains-caption" tabindex="0">
        <table part="table">
          <caption id="domains-caption" class="sr-only">${this.t('domListTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">${this.t('domName')}</th>
              <th scope="col">${this.t('domExpires')}</th>
              <th scope="col">${this.t('domAutoRenew')}</th>
              <th scope="col">${this.t('domStatus')}</th>
            </tr>
          </thead>
          <tbody>
            ${domains.map((domain) => {
              const ascii = asciiIfDifferent(domain);
              const soon = expirySoon(this.t, domain);
              return html`<tr id=${domain.id} class=${domain.status}>
                <th scope="row">
                  <a
                    part="open"
                    class="open"
                    href=${this.#href(domain.id)}
                    data-domain=${domain.id}
                    @click=${(event: MouseEvent) => this.#onLinkClick(event, domain.id)}
                    >${domain.unicode}</a
                  >
                  ${ascii ? html`<span part="ascii" class="sub mono">${ascii}</span>` : nothing}
                </th>
                <td>
                  ${
                    domain.expiresAt
                      ? html`<time datetime=${domain.expiresAt}>${formatDate(lang, domain.expiresAt)}</time>`
                      : html`<span aria-hidden="true">—</span><span class="sr-only">${this.t('domNoDate')}</span>`
                  }
                  ${soon ? html`<span class="sub soon">${soon}</span>` : nothing}
                </td>
                <td>${this.t(domain.autoRenew ? 'domOn' : 'domOff')}</td>
                <td>${domainBadge(this.t, domain)}</td>
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
      ${loadMoreButton(this.nextCursor, this.busy, this.t('domLoadMore'), this.#loadMore)}`;
  }

  /** Where a domain's name links: `domain-href#domain/<id>`, else this page's `#domain/<id>`. */
  #href(id: string): string {
    return itemHref(this.domainHref, `#domain/${encodeURIComponent(id)}`);
  }

  #onLinkClick(event: MouseEvent, id: string) {
    if (opensHere(event, this.domainHref)) this.#open(id);
  }

  protected override sessionChanged(): void {
    super.sessionChanged();
    this.domains = undefined;
    this.nextCursor = null;
  }

  #onFilter = (event: Event) => {
    const value = (event.target as HTMLSelectElement).value as DomainFilter;
    if (value === this.#filter) return;
    this.status = value;
    // The list of the previous status is not this one's: show loading, not its rows.
    this.domains = undefined;
    this.nextCursor = null;
  };

  #loadMore = async () => {
    const cursor = this.nextCursor;
    if (!cursor) return;
    const shown = this.domains?.length ?? 0;
    const status = this.#filter;
    const ok = await this.attempt('listDomainsMore', [], async (client) => {
      const page = await client.domains.list({ limit: this.pageSize, cursor, ...(status ? { status } : {}) });
      if (status !== this.#filter) return;
      this.domains = [...(this.domains ?? []), ...page.items];
      this.nextCursor = page.nextCursor;
    });
    // Keyboard users continue where the new rows start.
    const first = this.domains?.[shown];
    if (ok && first) void this.focusPart(`[data-domain="${first.id}"]`);
  };

  #open(id: string) {
    this.openId = id;
    this.alertMessage = '';
    this.notice = '';
    replaceHash(`#domain/${encodeURIComponent(id)}`);
    void this.focusPart('[part~="back"]');
  }

  #close(focus: boolean) {
    const id = this.openId;
    this.openId = undefined;
    if (DOMAIN_HASH.test(location.hash)) replaceHash('');
    if (focus) {
      void this.focusPart(id && this.domains?.some((d) => d.id === id) ? `[data-domain="${id}"]` : 'select');
    }
  }

  #onHash = () => {
    if (this.domainHref) return;
    const id = hashId(DOMAIN_HASH);
    if (id && id !== this.openId) this.openId = id;
    else if (!id && this.openId) this.openId = undefined;
  };

  /** The open domain changed: its row shows it when back. */
  #onChanged = (event: PortalDomainChangedEvent) => {
    const changed = event.detail.domain;
    this.domains = this.domains?.map((d) => (d.id === changed.id ? changed : d));
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-domains': PortalDomains;
  }
}
