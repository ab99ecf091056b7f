import { initialState } from '@lit/task';
import { type Domain, grants, type Invoice, isPortalApiError, type TldList } from '@portico/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { AccountElement } from '../../lib/account-element.js';
import { accountStyles } from '../../lib/account-styles.js';
import { PortalErrorEvent } from '../../lib/events.js';
import { selectField, textField } from '../../lib/fields.js';
import { type ErrorDisplay, rowButton, submitButton } from '../../lib/form.js';
import { formatDate, formatMoney } from '../../lib/format.js';
import { followHash, hashId } from '../../lib/hash.js';
import { newIdempotencyKey } from '../../lib/idempotency-key.js';
import { isFinal } from '../../lib/load-error.js';
import { addMessages, type MessageKey } from '../../lib/localize.js';
import * as domainsEn from '../../lib/locales/domains-en.js';
import * as domainsEs from '../../lib/locales/domains-es.js';
import * as en from '../../lib/locales/en.js';
import * as es from '../../lib/locales/es.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { asciiIfDifferent, DOMAIN_STATUS_KEYS, domainBadge, expirySoon } from '../domains/status.js';
import styles from './domain.styles.js';
import { checkNameservers, MAX_NAMESERVERS, MIN_NAMESERVERS } from './nameservers.js';

addMessages('en', en.account, domainsEn.domains);
addMessages('es', es.account, domainsEs.domains);

/** The address bar's hash that opens a domain: `#domain/dom_…` (the domain mails link to it). */
export const DOMAIN_HASH = /^#domain\/([^/?#]+)$/;

/** A domain changed here (name servers, a setting, its status on refresh). `detail` is `{ domain }`, as stored. */
export class PortalDomainChangedEvent extends Event {
  static readonly eventName = 'portal-domain-changed';
  readonly detail: { domain: Domain };
  constructor(domain: Domain) {
    super(PortalDomainChangedEvent.eventName, { bubbles: true, composed: true });
    this.detail = { domain };
  }
}

/** What a renewal made: the domain and the invoice to pay. */
export interface PortalRenewalInvoicedDetail {
  domain: Domain;
  invoice: Invoice;
}

/**
 * "Renew" made an invoice; paying it extends the domain. `detail` is `{ domain, invoice }`. With `invoice-href`
 * the element then goes to `invoice-href#invoice/<id>`; `preventDefault()` keeps it here (it then says the invoice
 * is ready), e.g. to show the invoice with the site's router.
 *
 * @example
 * ```js
 * document.addEventListener('portal-renewal-invoiced', (event) => {
 *   event.preventDefault();
 *   router.go(`/billing/${event.detail.invoice.id}`);
 * });
 * ```
 */
export class PortalRenewalInvoicedEvent extends Event {
  static readonly eventName = 'portal-renewal-invoiced';
  readonly detail: PortalRenewalInvoicedDetail;
  constructor(detail: PortalRenewalInvoicedDetail) {
    super(PortalRenewalInvoicedEvent.eventName, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

/** The on/off settings: the domain's field, its label and hint, and the SDK call that changes it. */
const TOGGLES = [
  { key: 'privacy', label: 'domPrivacy', hint: 'domPrivacyHint', method: 'setPrivacy' },
  { key: 'locked', label: 'domLock', hint: 'domLockHint', method: 'setLock' },
  { key: 'autoRenew', label: 'domAutoRenew', hint: 'domAutoRenewHint', method: 'setAutoRenew' },
] as const satisfies readonly {
  key: keyof Domain;
  label: MessageKey;
  hint: MessageKey;
  method: 'setPrivacy' | 'setLock' | 'setAutoRenew';
}[];
type ToggleKey = (typeof TOGGLES)[number]['key'];

/** The parts of the page a request's messages belong to, shown there rather than at the bottom. */
type Section = 'status' | 'nameservers' | 'epp' | 'renew';

/** The domain codes explained in the reader's language. */
const CODE_MESSAGES: Partial<Record<string, MessageKey>> = {
  REGISTRAR_ERROR: 'domErrorRegistrar',
  DOMAIN_NOT_ACTIVE: 'domErrorNotActive',
  PRICE_UNAVAILABLE: 'domErrorPrice',
};

/** A row of the name server editor; the key keeps its input when rows before it are removed. */
interface NameserverRow {
  key: number;
  value: string;
}

const rowName = (row: NameserverRow) => `ns-${row.key}`;

/**
 * One domain of the active account: its name (Unicode, with the ASCII form when they differ), status, how it came
 * (registration or transfer), and when it was ordered, registered and expires.
 *
 * A banner explains a domain that is not active: waiting for its order's invoice (with a link to pay it), being
 * registered or transferred (with "Refresh"), failed (staff are told and retry it), expired (renew it), or
 * cancelled. Only an active domain can be changed: its name servers (2 to 13 host names, checked as the registry
 * would before any request; IDN host names become their `xn--` form), WHOIS privacy, registrar lock and auto-renew
 * (switches, each one request, going back with the reason when the registrar refuses), and its transfer (EPP) code
 * (the account owner is told). An active or expired domain can be renewed for the years the business prices, in
 * the account's currency; the renewal is an invoice to pay.
 *
 * Changing needs `domains:write` and renewing `billing:write`; without them the domain is shown read-only. The
 * domain is `domain-id`, else the page's `#domain/<id>` (the domain mails' links).
 *
 * @summary One domain: status, name servers, privacy, lock, auto-renew, transfer code, renewal.
 *
 * @attr domain-id - The domain's id (`dom_…`); without it, the one in the page's `#domain/<id>`.
 * @attr invoice-href - The invoices page (`<portal-invoices>`): invoices link to it with `#invoice/<id>`, and a
 * renewal goes there to be paid. Without it, invoices are named but not linked.
 * @attr api - The Portico server's URL, when used without a `<portal-provider>`.
 * @attr mode - Session mode of the standalone client: `cookie` (default) or `token`.
 * @attr login-href - Where the "Sign in" link goes when signed out.
 * @attr lang - Language (`en`, `es`); else the provider's, else the page's.
 * @attr theme - `light` or `dark` to force a colour scheme.
 *
 * @csspart base - The box around everything.
 * @csspart title - The domain's name.
 * @csspart ascii - The ASCII (`xn--`) form of an internationalized name.
 * @csspart badge - The status badge.
 * @csspart banner - Why a domain that is not active cannot be changed, and what happens next.
 * @csspart pay - A link to an invoice to pay.
 * @csspart refresh - "Refresh" on a domain being registered or transferred.
 * @csspart details - The list of dates.
 * @csspart not-allowed - Why the person cannot change (or renew) the domain.
 * @csspart nameservers - The name servers section.
 * @csspart nameserver-form - The name server editor.
 * @csspart field - A field's label, input and error.
 * @csspart label - A field's label.
 * @csspart input - An input.
 * @csspart add - "Add a name server".
 * @csspart remove - A row's "Remove".
 * @csspart undo - "Undo changes" in the name server editor.
 * @csspart settings - The settings section.
 * @csspart switch - A setting's switch (`role="switch"`).
 * @csspart epp - The transfer code section.
 * @csspart epp-show - "Show transfer code".
 * @csspart copy - The transfer code's "Copy".
 * @csspart renew - The renewal section.
 * @csspart renew-form - The renewal form.
 * @csspart renewed - The invoice a renewal made.
 * @csspart button - Buttons.
 * @csspart submit - A form's submit button.
 * @csspart empty - Shown without a domain to show.
 * @csspart error - Error messages: beside fields (also `field-error`) and the alerts (also `alert`).
 * @csspart field-error - The error beside a field or switch.
 * @csspart alert - A `role="alert"` region.
 * @csspart status - A `role="status"` region.
 * @csspart loading - Shown while the domain loads.
 * @csspart load-error - Shown when the domain could not be loaded.
 * @csspart retry - "Try again" after a failed load.
 * @csspart signed-out - Shown when signed out.
 *
 * @cssproperty [--portal-domain-width=48rem] - Maximum width.
 * @cssproperty --portal-domain-padding - Padding inside the box.
 * @cssproperty --portal-domain-background - Background; falls back to `--portal-color-surface`.
 * @cssproperty --portal-domain-border - Border; falls back to a 1px `--portal-color-border` line.
 *
 * @event {PortalDomainChangedEvent} portal-domain-changed - The domain changed; `event.detail` is `{ domain }`.
 * @event {PortalRenewalInvoicedEvent} portal-renewal-invoiced - A renewal made an invoice; `event.detail` is `{ domain, invoice }`. Cancelable.
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-domain')
export class PortalDomain extends AccountElement {
  static override styles = [hostStyles, formStyles, accountStyles, styles];

  /** The domain's id (`dom_…`). */
  @property({ attribute: 'domain-id' }) domainId?: string;

  /** The invoices page: invoices link to `invoice-href#invoice/<id>`. */
  @property({ attribute: 'invoice-href' }) invoiceHref?: string;

  @state() private domain?: Domain;
  /** The domain named in the address bar's hash, when there is no `domain-id`. */
  @state() private hashDomainId?: string;
  @state() private rows: NameserverRow[] = [];
  /** The settings being changed now. */
  @state() private toggling: Partial<Record<ToggleKey, boolean>> = {};
  /** Why a setting could not be changed, beside it. */
  @state() private toggleErrors: Partial<Record<ToggleKey, string>> = {};
  @state() private settingsNotice = '';
  @state() private eppCode?: string;
  @state() private renewYears?: number;
  /** The invoice the last renewal made. */
  @state() private renewed?: Invoice;
  @state() private tlds?: TldList;
  /** Where the alert and notice of the last request are shown. */
  @state() private section?: Section;

  /** The name servers the editor started from (`id` and list), to tell a new domain from a refresh. */
  #editorFor = '';
  #rowKeys = 0;
  /** The domain shown at the last update ('' for none). */
  #shownId: string | undefined;
  /** The renewal being asked for, with its Idempotency-Key, kept for trying again after no answer. */
  #renewAttempt: { domainId: string; years: number; key: string } | undefined;

  readonly #load = this.loadTask(
    'getDomain',
    () => [this.#id] as const,
    (client, session, [id]) =>
      id && grants(session.permissions, 'domains:read')
        ? client.domains.get(id)
        : Promise.resolve(initialState),
    (domain) => this.#show(domain),
  );

  readonly #tldLoad = this.loadTask(
    'domainTlds',
    () => [this.#renewCurrency] as const,
    (client, _session, [currency]) =>
      currency === undefined
        ? Promise.resolve(initialState)
        : client.domains.tlds(currency ? { currency } : {}),
    (list) => {
      this.tlds = list;
    },
  );

  get #id(): string | undefined {
    return this.domainId || this.hashDomainId;
  }

  /** The currency to price a renewal in while the renewal form shows ('' for the account's); else undefined. */
  get #renewCurrency(): string | undefined {
    const domain = this.domain;
    const session = this.session;
    if (!domain || !session || domain.id !== this.#id || !this.#canRenew(domain) || this.renewed)
      return undefined;
    if (!grants(session.permissions, 'billing:write')) return undefined;
    if (domain.renewalInvoiceId) return undefined;
    return domain.renewPrice?.currency ?? '';
  }

  constructor() {
    super();
    followHash(this, () => this.#onHash());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const id = this.#id;
    if (this.#shownId !== undefined && id !== this.#shownId) {
      this.#forget();
      this.alertMessage = '';
      this.notice = '';
      this.fieldErrors = {};
    }
    this.#shownId = id ?? '';
  }

  protected override sessionChanged(): void {
    super.sessionChanged();
    this.#forget();
  }

  /** Drops what was shown or typed for another domain or person (the transfer code above all). */
  #forget() {
    this.eppCode = undefined;
    this.renewed = undefined;
    this.renewYears = undefined;
    this.toggleErrors = {};
    this.settingsNotice = '';
    this.section = undefined;
    this.#renewAttempt = undefined;
    this.#editorFor = '';
  }

  protected override render() {
    const id = this.#id;
    return html`<div part="base" class="base" lang=${this.textLang}>
      ${this.renderSession((session) =>
        !grants(session.permissions, 'domains:read')
          ? html`<p part="not-allowed" class="not-allowed">${this.t('domNoAccess')}</p>`
          : !id
            ? html`<p part="empty" class="empty">${this.t('domNoDomain')}</p>`
            : this.renderTask(
                this.#load,
                // Another domain's details are never shown while this one loads.
                this.domain?.id === id ? this.domain : undefined,
                (domain) => this.#renderDomain(domain),
              ),
      )}
      ${this.section ? nothing : this.renderMessages()}
    </div>`;
  }

  #renderDomain(domain: Domain): TemplateResult {
    const lang = this.resolvedLocale;
    const permissions = this.session?.permissions ?? [];
    const canWrite = grants(permissions, 'domains:write');
    const editable = canWrite && domain.status === 'active';
    const date = (iso: string) => html`<time datetime=${iso}>${formatDate(lang, iso)}</time>`;
    const row = (label: string, value: unknown) => html`<div class="row">
      <dt>${label}</dt>
      <dd>${value}</dd>
    </div>`;
    const ascii = asciiIfDifferent(domain);
    const soon = expirySoon(this.t, domain);
    return html`<div class="header">
        <div>
          <h2 part="title" id="domain-title" tabindex="-1">${domain.unicode}</h2>
          ${ascii ? html`<p part="ascii" class="muted mono">${ascii}</p>` : nothing}
        </div>
        <span class="badges">${domainBadge(this.t, domain)}</span>
      </div>
      ${this.#renderBanner(domain)}
      <dl part="details" class="details" aria-label=${this.t('domDetails')}>
        ${row(this.t('domHow'), this.t(domain.action === 'transfer' ? 'domHowTransfer' : 'domHowRegister'))}
        ${row(this.t('domOrdered'), date(domain.createdAt))}
        ${domain.registeredAt ? row(this.t('domRegistered'), date(domain.registeredAt)) : nothing}
        ${row(
          this.t('domExpires'),
          domain.expiresAt
            ? html`${date(domain.expiresAt)}${soon ? html`<span class="sub soon">${soon}</span>` : nothing}`
            : this.t('domNoDate'),
        )}
      </dl>
      ${canWrite ? nothing : html`<p part="not-allowed" class="not-allowed">${this.t('domReadOnlyAccess')}</p>`}
      ${this.#renderNameservers(domain, editable)} ${this.#renderSettings(domain, editable)}
      ${editable ? this.#renderEpp(domain) : nothing} ${this.#renderRenew(domain)}`;
  }

  #renderBanner(domain: Domain): TemplateResult | typeof nothing {
    const transfer = domain.action === 'transfer';
    switch (domain.status) {
      case 'pending':
        return html`<div part="banner" class="banner">
          <p>${this.t(transfer ? 'domBannerPendingTransfer' : 'domBannerPending')}</p>
          ${domain.invoiceId ? this.#payLink(domain.invoiceId, this.t('domPayInvoice')) : nothing}
        </div>`;
      case 'provisioning':
        return html`<div part="banner" class="banner">
          <p>${this.t(transfer ? 'domBannerProvisioningTransfer' : 'domBannerProvisioning')}</p>
          <div class="actions">
            <button part="button refresh" class="secondary" type="button" ?disabled=${this.busy} @click=${this.#refresh}>
              ${this.busy && this.section === 'status' ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${this.t('domRefresh')}
            </button>
          </div>
          ${this.#messages('status')}
        </div>`;
      case 'failed':
        return html`<div part="banner" class="banner bad">
          <p>${this.t(transfer ? 'domBannerFailedTransfer' : 'domBannerFailed')}</p>
        </div>`;
      case 'expired':
        return html`<div part="banner" class="banner bad">
          <p>
            ${
              domain.expiresAt
                ? this.t('domBannerExpired', { date: formatDate(this.resolvedLocale, domain.expiresAt) })
                : this.t('domBannerExpiredNoDate')
            }
          </p>
        </div>`;
      case 'cancelled':
        return html`<div part="banner" class="banner neutral"><p>${this.t('domBannerCancelled')}</p></div>`;
      default:
        return nothing;
    }
  }

  /** A link to pay an invoice on the invoices page; without `invoice-href`, nothing (the banner says what to do). */
  #payLink(invoiceId: string, text: string): TemplateResult | typeof nothing {
    if (!this.invoiceHref) return nothing;
    return html`<div class="actions">
      <a part="pay" class="primary" href=${this.#invoiceUrl(invoiceId)}>${text}</a>
    </div>`;
  }

  #invoiceUrl(invoiceId: string): string {
    const base = (this.invoiceHref ?? '').split('#')[0];
    return `${base}#invoice/${encodeURIComponent(invoiceId)}`;
  }

  /** The alert and status regions of one section: they show the last request's messages when it was that one. */
  #messages(section: Section): TemplateResult {
    const mine = this.section === section;
    return html`<div part="error alert" class="alert" role="alert">${(mine && this.alertMessage) || nothing}</div>
      <div part="status" class="notice" role="status">${(mine && this.notice) || nothing}</div>`;
  }

  // ─── Name servers ───────────────────────────────────────────────────────────────────────────────────────

  #renderNameservers(domain: Domain, editable: boolean): TemplateResult {
    return html`<section part="nameservers" aria-labelledby="ns-title">
      <h3 id="ns-title">${this.t('domNsTitle')}</h3>
      ${
        editable
          ? this.#renderNameserverForm(domain)
          : domain.nameservers.length
            ? html`<ul class="ns-list">
                ${domain.nameservers.map((ns) => html`<li class="mono">${ns}</li>`)}
              </ul>`
            : html`<p class="empty">${this.t('domNsNone')}</p>`
      }
      ${editable || domain.status === 'active' ? nothing : html`<p class="muted">${this.t('domReadOnly')}</p>`}
    </section>`;
  }

  #renderNameserverForm(domain: Domain): TemplateResult {
    const rows = this.rows;
    const saving = this.busy && this.section === 'nameservers';
    const full = rows.length >= MAX_NAMESERVERS;
    const dirty = this.#dirty(domain.nameservers);
    return html`<form
      part="nameserver-form"
      class="ns-form"
      novalidate
      aria-labelledby="ns-title"
      aria-describedby="ns-intro"
      aria-busy=${saving ? 'true' : 'false'}
      @submit=${this.#saveNameservers}
    >
      <p class="intro" id="ns-intro">${this.t('domNsIntro')}</p>
      <ol class="ns-rows">
        ${repeat(
          rows,
          (row) => row.key,
          (row, index) => html`<li>
            ${textField({
              name: rowName(row),
              label: this.t('domNsLabel', { n: index + 1 }),
              value: row.value,
              error: this.fieldErrors[rowName(row)],
              autocomplete: 'off',
              onInput: this.onInput,
              after: rowButton({
                part: 'remove',
                text: this.t('domNsRemove'),
                ariaLabel: this.t('domNsRemoveLabel', { n: index + 1 }),
                disabled: rows.length <= MIN_NAMESERVERS,
                onClick: () => this.#removeRow(row.key),
              }),
            })}
          </li>`,
        )}
      </ol>
      <div class="actions">
        <button
          part="button add"
          class="secondary"
          type="button"
          ?disabled=${full}
          aria-describedby=${full ? 'ns-full' : nothing}
          @click=${this.#addRow}
        >
          ${this.t('domNsAdd')}
        </button>
        ${full ? html`<p class="hint" id="ns-full">${this.t('domNsMax')}</p>` : nothing}
      </div>
      ${this.#messages('nameservers')}
      <div class="actions">
        ${submitButton(this.t('domNsSave'), saving)}
        ${
          dirty
            ? html`<button part="button undo" class="secondary" type="button" ?disabled=${saving} @click=${this.#undo}>
                ${this.t('domNsUndo')}
              </button>`
            : nothing
        }
      </div>
    </form>`;
  }

  /** Whether the editor's rows differ from `stored` name servers. */
  #dirty(stored: readonly string[]): boolean {
    const typed = this.rows.map((row) => row.value.trim());
    return typed.length !== stored.length || typed.some((v, i) => v !== stored[i]);
  }

  /** Shows `domain`; the editor starts over from its name servers unless it holds edits for this same domain. */
  #show(domain: Domain) {
    const sameDomain = this.#editorFor.split(' ')[0] === domain.id;
    this.domain = domain;
    const key = `${domain.id} ${JSON.stringify(domain.nameservers)}`;
    if (this.#editorFor === key) return;
    const shown = JSON.parse(this.#editorFor.slice(this.#editorFor.indexOf(' ') + 1) || '[]') as string[];
    if (sameDomain && this.#dirty(shown)) {
      // A refresh while editing: the edits stay.
      this.#editorFor = key;
      return;
    }
    this.#editorFor = key;
    this.#resetRows(domain.nameservers);
  }

  #resetRows(nameservers: readonly string[]) {
    const list = [...nameservers];
    while (list.length < MIN_NAMESERVERS) list.push('');
    this.rows = list.map((value) => ({ key: ++this.#rowKeys, value }));
    this.fieldErrors = {};
  }

  /** Records typing into its row and clears that row's error. */
  protected override onInput = (event: Event): void => {
    const { name, value } = event.target as HTMLInputElement;
    this.rows = this.rows.map((row) => (rowName(row) === name ? { ...row, value } : row));
    if (this.fieldErrors[name]) {
      const { [name]: _, ...rest } = this.fieldErrors;
      this.fieldErrors = rest;
    }
  };

  #addRow = () => {
    if (this.rows.length >= MAX_NAMESERVERS) return;
    const row = { key: ++this.#rowKeys, value: '' };
    this.rows = [...this.rows, row];
    void this.focusField(rowName(row));
  };

  #removeRow(key: number) {
    if (this.rows.length <= MIN_NAMESERVERS) return;
    const index = this.rows.findIndex((row) => row.key === key);
    const removed = this.rows[index];
    if (!removed) return;
    this.rows = this.rows.filter((row) => row.key !== key);
    const { [rowName(removed)]: _, ...rest } = this.fieldErrors;
    this.fieldErrors = rest;
    // Focus stays in the list: on the row that took its place, else the one before.
    const next = this.rows[Math.min(index, this.rows.length - 1)];
    if (next) void this.focusField(rowName(next));
  }

  #undo = () => {
    if (!this.domain) return;
    this.#resetRows(this.domain.nameservers);
    this.alertMessage = '';
    this.notice = '';
    void this.focusField(rowName(this.rows[0]!));
  };

  #saveNameservers = async (event: SubmitEvent) => {
    event.preventDefault();
    const domain = this.domain;
    if (!domain || this.busy) return;
    this.section = 'nameservers';
    const rows = this.rows;
    const check = checkNameservers(
      rows.map((row) => row.value),
      this.t,
    );
    if (!check.ok) {
      const errors: Record<string, string> = {};
      rows.forEach((row, i) => {
        const message = check.errors[i];
        if (message) errors[rowName(row)] = message;
      });
      this.fieldErrors = errors;
      this.alertMessage = check.summary;
      this.notice = '';
      const first = rows.find((row) => errors[rowName(row)]);
      if (first) void this.focusField(rowName(first));
      return;
    }
    let updated: Domain | undefined;
    await this.attempt('setNameservers', rows.map(rowName), async (client) => {
      updated = await client.domains.setNameservers(domain.id, check.nameservers);
    });
    if (!updated || this.domain?.id !== updated.id) return;
    this.#editorFor = '';
    this.#show(updated);
    this.notice = this.t('domNsSaved');
    this.emit(new PortalDomainChangedEvent(updated));
  };

  // ─── Settings ───────────────────────────────────────────────────────────────────────────────────────────

  #renderSettings(domain: Domain, editable: boolean): TemplateResult {
    return html`<section part="settings" aria-labelledby="settings-title">
      <h3 id="settings-title">${this.t('domSettings')}</h3>
      <ul class="toggles">
        ${TOGGLES.map(({ key, label, hint }) => {
          const on = domain[key];
          const state = this.t(on ? 'domOn' : 'domOff');
          const error = this.toggleErrors[key];
          const saving = !!this.toggling[key];
          return html`<li class="toggle">
            <div class="toggle-text">
              <span class="toggle-label" id=${`${key}-label`}>${this.t(label)}</span>
              <span class="hint" id=${`${key}-hint`}>${this.t(hint)}</span>
            </div>
            ${
              editable
                ? html`<button
                    part="switch"
                    class="switch"
                    type="button"
                    role="switch"
                    id=${key}
                    aria-checked=${on ? 'true' : 'false'}
                    aria-labelledby=${`${key}-label`}
                    aria-describedby=${error ? `${key}-hint ${key}-error` : `${key}-hint`}
                    aria-disabled=${saving ? 'true' : 'false'}
                    aria-busy=${saving ? 'true' : 'false'}
                    @click=${() => void this.#toggle(key)}
                  >
                    <span class="track" aria-hidden="true"><span class="thumb"></span></span>
                    <span class="state" aria-hidden="true">${state}</span>
                  </button>`
                : html`<span class="state" id=${key}>${state}</span>`
            }
            <p part="error field-error" class="field-error" id=${`${key}-error`} role="alert">${error || nothing}</p>
          </li>`;
        })}
      </ul>
      <p part="status" class="notice" role="status">${this.settingsNotice || nothing}</p>
    </section>`;
  }

  /** Flips a setting at once and asks the server; goes back, with the reason beside it, when it refuses. */
  async #toggle(key: ToggleKey) {
    const domain = this.domain;
    const client = this.client;
    if (!domain || !client || this.toggling[key]) return;
    const { method, label } = TOGGLES.find((toggle) => toggle.key === key)!;
    const enabled = !domain[key];
    this.domain = { ...domain, [key]: enabled };
    this.toggling = { ...this.toggling, [key]: true };
    this.toggleErrors = { ...this.toggleErrors, [key]: undefined };
    this.settingsNotice = '';
    try {
      const updated = await client.domains[method](domain.id, enabled);
      if (this.domain?.id !== domain.id) return;
      this.domain = { ...this.domain, [key]: updated[key] };
      this.settingsNotice = this.t(updated[key] ? 'domToggleOn' : 'domToggleOff', { name: this.t(label) });
      this.emit(new PortalDomainChangedEvent(this.domain));
    } catch (error) {
      if (this.domain?.id !== domain.id) return;
      this.domain = { ...this.domain, [key]: !enabled };
      this.toggleErrors = { ...this.toggleErrors, [key]: this.describeFailure(error, []).alert };
      this.emit(new PortalErrorEvent({ action: method, error }));
    } finally {
      this.toggling = { ...this.toggling, [key]: false };
    }
  }

  // ─── Transfer code ──────────────────────────────────────────────────────────────────────────────────────

  #renderEpp(domain: Domain): TemplateResult {
    const asking = this.busy && this.section === 'epp';
    return html`<section part="epp" aria-labelledby="epp-title">
      <h3 id="epp-title">${this.t('domEppTitle')}</h3>
      <p class="intro">${this.t('domEppIntro')}</p>
      ${
        this.eppCode
          ? html`${textField({
              name: 'epp',
              label: this.t('domEppCode', { name: domain.unicode }),
              value: this.eppCode,
              readonly: true,
              after: html`<button part="button copy" class="secondary" type="button" @click=${this.#copyEpp}>
                ${this.t('copy')}
              </button>`,
            })}
            <p class="muted">${this.t('domEppNote')}</p>`
          : html`<div class="actions">
              <button part="button epp-show" class="secondary" type="button" ?disabled=${this.busy} @click=${this.#showEpp}>
                ${asking ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${this.t('domEppShow')}
              </button>
            </div>`
      }
      ${this.#messages('epp')}
    </section>`;
  }

  #showEpp = async () => {
    const domain = this.domain;
    if (!domain) return;
    this.section = 'epp';
    let code: string | undefined;
    await this.attempt('eppCode', [], async (client) => {
      code = (await client.domains.eppCode(domain.id)).code;
    });
    if (code === undefined || this.domain?.id !== domain.id) return;
    this.eppCode = code;
    void this.focusField('epp');
  };

  #copyEpp = async () => {
    if (!this.eppCode) return;
    this.section = 'epp';
    await this.copy(this.eppCode);
  };

  // ─── Renewal ────────────────────────────────────────────────────────────────────────────────────────────

  #canRenew(domain: Domain): boolean {
    return domain.status === 'active' || domain.status === 'expired';
  }

  #renderRenew(domain: Domain): TemplateResult | typeof nothing {
    if (!this.#canRenew(domain)) return nothing;
    const lang = this.resolvedLocale;
    const mayPay = grants(this.session?.permissions ?? [], 'billing:write');
    let content: unknown;
    if (this.renewed) {
      const invoice = this.renewed;
      content = html`<div part="renewed" class="banner good">
        <p>
          ${this.t('domRenewInvoiced', {
            number: invoice.number ?? invoice.id,
            total: formatMoney(lang, invoice.total, invoice.currency),
            name: domain.unicode,
          })}
        </p>
        ${this.#payLink(invoice.id, this.t('domPayInvoice'))}
      </div>`;
    } else if (domain.renewalInvoiceId) {
      content = html`<div part="banner" class="banner">
        <p>${this.t('domRenewalWaiting')}</p>
        ${this.#payLink(domain.renewalInvoiceId, this.t('domPayRenewal'))}
      </div>`;
    } else if (!mayPay) {
      content = html`<p part="not-allowed" class="not-allowed">${this.t('domRenewNotAllowed')}</p>`;
    } else {
      content = this.renderTask(this.#tldLoad, this.tlds, (list) => this.#renderRenewForm(domain, list));
    }
    return html`<section part="renew" aria-labelledby="renew-title">
      <h3 id="renew-title" tabindex="-1">${this.t('domRenewTitle')}</h3>
      ${content}
    </section>`;
  }

  /** The terms the business renews this domain for, with their prices. */
  #terms(domain: Domain, list: TldList): { years: number; amount: number; currency: string }[] {
    const tld = list.tlds.find((t) => t.tld === domain.tld);
    if (tld?.renew.length) {
      return [...tld.renew]
        .sort((a, b) => a.years - b.years)
        .map((price) => ({ ...price, currency: list.currency }));
    }
    return domain.renewPrice ? [{ years: 1, ...domain.renewPrice }] : [];
  }

  #renderRenewForm(domain: Domain, list: TldList): TemplateResult {
    const terms = this.#terms(domain, list);
    if (!terms.length)
      return html`<p part="not-allowed" class="not-allowed">${this.t('domRenewUnavailable')}</p>`;
    const lang = this.resolvedLocale;
    const years = this.#chosenYears(terms);
    const renewing = this.busy && this.section === 'renew';
    return html`<form
      part="renew-form"
      class="renew-form"
      novalidate
      aria-labelledby="renew-title"
      aria-busy=${renewing ? 'true' : 'false'}
      @submit=${(event: SubmitEvent) => void this.#renew(event, domain, terms)}
    >
      <p class="intro">${this.t('domRenewIntro')}</p>
      ${selectField({
        name: 'years',
        label: this.t('domRenewYears'),
        value: String(years),
        markRequired: false,
        error: this.section === 'renew' ? this.fieldErrors.years : undefined,
        options: terms.map((term) => ({
          value: String(term.years),
          label: this.t(term.years === 1 ? 'domYearOne' : 'domYearsMany', {
            years: term.years,
            price: formatMoney(lang, term.amount, term.currency),
          }),
        })),
        onChange: (event: Event) => {
          this.renewYears = Number((event.target as HTMLSelectElement).value);
        },
      })}
      ${this.#messages('renew')}
      <div class="actions">${submitButton(this.t('domRenew'), renewing)}</div>
    </form>`;
  }

  #chosenYears(terms: readonly { years: number }[]): number {
    const chosen = this.renewYears;
    return chosen !== undefined && terms.some((term) => term.years === chosen) ? chosen : terms[0]!.years;
  }

  async #renew(event: SubmitEvent, domain: Domain, terms: readonly { years: number }[]) {
    event.preventDefault();
    if (this.busy) return;
    const years = this.#chosenYears(terms);
    // One key per renewal asked for: asking again after no answer is a retry the server answers once; another
    // number of years, or a refusal that changed nothing, is a new request.
    const open = this.#renewAttempt;
    const attempt =
      open && open.domainId === domain.id && open.years === years
        ? open
        : { domainId: domain.id, years, key: newIdempotencyKey() };
    this.#renewAttempt = attempt;
    this.section = 'renew';
    let invoice: Invoice | undefined;
    let failure: unknown;
    await this.attempt('renewDomain', ['years'], async (client) => {
      try {
        invoice = (await client.domains.renew(domain.id, { years, idempotencyKey: attempt.key })).invoice;
      } catch (error) {
        failure = error;
        throw error;
      }
    });
    if (!invoice) {
      if (isFinal(failure)) this.#renewAttempt = undefined;
      return;
    }
    this.#renewAttempt = undefined;
    if (this.domain?.id !== domain.id) return;
    const updated = { ...this.domain, renewalInvoiceId: invoice.id };
    this.domain = updated;
    this.renewed = invoice;
    const invoiced = new PortalRenewalInvoicedEvent({ domain: updated, invoice });
    this.emit(invoiced);
    if (!invoiced.defaultPrevented && this.invoiceHref) {
      location.assign(this.#invoiceUrl(invoice.id));
      return;
    }
    void this.focusPart('#renew-title');
  }

  // ─── Status ─────────────────────────────────────────────────────────────────────────────────────────────

  #refresh = async () => {
    const domain = this.domain;
    if (!domain) return;
    this.section = 'status';
    let fresh: Domain | undefined;
    await this.attempt('getDomain', [], async (client) => {
      fresh = await client.domains.get(domain.id);
    });
    if (!fresh || this.domain?.id !== fresh.id) return;
    this.#show(fresh);
    if (fresh.status !== 'provisioning') {
      // The banner and its button are gone: the news goes where it can be heard.
      this.section = undefined;
      void this.focusPart('#domain-title');
    }
    this.notice = this.t('domRefreshed', { status: this.t(DOMAIN_STATUS_KEYS[fresh.status]) });
    if (fresh.status !== domain.status) this.emit(new PortalDomainChangedEvent(fresh));
  };

  protected override describeFailure(error: unknown, fields: readonly string[]): ErrorDisplay {
    if (isPortalApiError(error)) {
      const key = CODE_MESSAGES[error.code];
      if (key) return { alert: this.t(key), fields: {} };
      if (error.status === 429 && this.section === 'epp') {
        return {
          alert:
            error.retryAfter !== undefined
              ? this.t('domEppRateLimited', { seconds: Math.ceil(error.retryAfter) })
              : this.t('domEppRateLimitedLater'),
          fields: {},
        };
      }
      if (error.code === 'VALIDATION_FAILED' && this.section === 'nameservers') {
        // `nameservers.2` is the third row sent, which is the third row shown (every row was sent).
        const shown: Record<string, string> = {};
        const rest: string[] = [];
        for (const [path, message] of Object.entries(error.fieldErrors)) {
          const index = /^nameservers\.(\d+)$/.exec(path)?.[1];
          const name = index === undefined ? undefined : fields[Number(index)];
          if (name) shown[name] ??= message;
          else rest.push(message);
        }
        return {
          alert:
            rest.join(' ') ||
            (Object.keys(shown).length ? this.t('domNsFix') : (error.detail ?? error.title)),
          fields: shown,
        };
      }
    }
    return super.describeFailure(error, fields);
  }

  #onHash = () => {
    this.hashDomainId = hashId(DOMAIN_HASH);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-domain': PortalDomain;
  }
  interface GlobalEventHandlersEventMap {
    'portal-domain-changed': PortalDomainChangedEvent;
    'portal-renewal-invoiced': PortalRenewalInvoicedEvent;
  }
}
