import type {
  AdminSettings,
  CustomDomain,
  FooterLink,
  PortalSections,
  SettingsUpdateInput,
} from '@portico/sdk/admin';
import { LOGO_MAX_BYTES, LOGO_TYPES, type ProfileField } from '@portico/sdk/contract';
import { html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { submitButton } from '../../lib/form.js';
import { formatDateTime } from '../../lib/format.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { AdminElement, isHttpUrl } from '../lib/admin-element.js';
import { badge, checkboxField, selectField, textareaField, textField } from '../lib/form.js';
import { type AdminMessageKey, addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import { saveBar } from '../lib/save-bar.js';
import { adminStyles } from '../lib/styles.js';
import styles from './admin-settings.styles.js';

addAdminMessages('en', en.common, en.settings);
addAdminMessages('es', es.common, es.settings);

const SECTIONS: readonly [keyof PortalSections, AdminMessageKey][] = [
  ['knowledgeBase', 'sectionKnowledgeBase'],
  ['faq', 'sectionFaq'],
  ['status', 'sectionStatus'],
  ['announcements', 'sectionAnnouncements'],
  ['store', 'sectionStore'],
  ['domainSearch', 'sectionDomainSearch'],
];

/** The profile fields a business may require, in the order the server keeps them. */
const PROFILE_FIELDS: readonly [ProfileField, AdminMessageKey][] = [
  ['company', 'profileFieldCompany'],
  ['phone', 'profileFieldPhone'],
  ['address', 'profileFieldAddress'],
];

const MAX_FOOTER_LINKS = 20;
const COLOR = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;
const CURRENCY = /^[A-Z]{3}$/;
const HOSTNAME = /^(?=.{1,253}$)(?!-)([a-z0-9-]{1,63}(?<!-)\.)+[a-z]{2,63}$/;

/** `#abc` → `#aabbcc`, lower case; what the server stores. */
const normalizeColor = (v: string) => {
  const c = v.trim().toLowerCase();
  return c.length === 4 ? `#${[...c.slice(1)].map((x) => x + x).join('')}` : c;
};

/** Whether `v` is an origin: scheme and host (and port), nothing after. */
function isOrigin(v: string): boolean {
  if (!URL.canParse(v)) return false;
  const url = new URL(v);
  return ['http:', 'https:'].includes(url.protocol) && url.origin === v.replace(/\/$/, '');
}

/** A file's content as base64 (without the `data:` prefix). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const trimLinks = (links: FooterLink[]) => links.map((l) => ({ label: l.label.trim(), url: l.url.trim() }));
const orNull = (v: string | null) => v?.trim() || null;

/** Which field a server error path belongs to. */
function fieldOf(path: string): string | undefined {
  if (/^footerLinks\.\d+\.(label|url)$/.test(path)) return path;
  const [head] = path.split('.');
  if (head === 'contentType' || head === 'data') return 'logo';
  return head && FIELDS.has(head) ? head : undefined;
}
const FIELDS = new Set([
  'businessName',
  'brandColor',
  'sections',
  'footerLinks',
  'footerHtml',
  'termsUrl',
  'allowDuplicateAccounts',
  'defaultCurrency',
  'enabledCurrencies',
  'allowedOrigins',
  'requireStaffTotp',
  'requiredProfileFields',
  'portalUrl',
  'domain',
]);

/**
 * Settings → Client Portal: the company name, logo (checked for type and size in the browser before it is
 * sent) and brand colour; which sections the portal shows; the footer's links and custom HTML (after saving, it
 * shows the HTML the server kept, and says when its sanitizer changed it); the Terms of Service URL; whether a
 * second registration with a known email creates another account; which profile fields clients must fill in
 * (company, phone, address) before the rest of the portal opens; the origins allowed to embed the portal (with
 * those fixed by the server's environment shown read-only); whether staff must use TOTP; the business's own portal
 * page; default and enabled currencies; and the custom domain, with the DNS records to create and its
 * verification. "Save" sends only the fields that changed.
 *
 * @summary Settings → Client Portal (admin role).
 *
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 *
 * @csspart heading - The page heading.
 * @csspart form - The settings form and the custom domain form.
 * @csspart field - A label, input, hint and error.
 * @csspart logo - The logo preview.
 * @csspart save - The "Save changes" bar.
 * @csspart kept - The footer HTML the server kept, shown after saving it.
 * @csspart domain - The custom domain section.
 * @csspart records - The DNS records table.
 * @csspart badge - The custom domain's status.
 * @csspart dialog - The confirmation dialog.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 * @csspart loading - Shown while the settings load.
 * @csspart load-error - Shown when the settings could not be loaded.
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-settings')
export class PortalAdminSettings extends AdminElement {
  static override styles = [hostStyles, formStyles, adminStyles, styles];

  /** The settings as the server last answered. */
  @state() private saved?: AdminSettings;
  /** The settings as edited. */
  @state() private draft?: AdminSettings;
  /** The footer HTML the server kept after the last save that changed it. */
  @state() private footerKept?: { html: string; changed: boolean };

  readonly #load = this.loadTask(
    'adminSettings',
    () => [],
    (admin) => admin.settings.get(),
    (settings) => {
      this.saved = settings;
      this.draft = structuredClone(settings);
    },
  );

  protected override render() {
    return html`<div class="page" lang=${this.textLang}>
      <h1 part="heading" tabindex="-1">${this.t('settingsTitle')}</h1>
      ${this.renderMessages()}
      ${this.renderTask(this.#load, this.draft, (draft) => [this.#renderForm(draft), this.#renderDomain()])}
      ${this.renderConfirm()}
    </div>`;
  }

  #renderForm(d: AdminSettings) {
    const changes = Object.keys(this.#changes()).length;
    return html`<form part="form" class="page" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#save}>
      ${this.#card('branding', this.t('branding'), [
        textField({
          name: 'businessName',
          label: this.t('businessName'),
          required: true,
          value: d.businessName,
          error: this.fieldErrors.businessName,
          onInput: (e) => this.#set('businessName', this.#text(e)),
        }),
        this.#renderLogo(d),
        textField({
          name: 'brandColor',
          label: this.t('brandColor'),
          hint: this.t('brandColorHint'),
          value: d.brandColor,
          maxlength: 7,
          error: this.fieldErrors.brandColor,
          onInput: (e) => this.#set('brandColor', this.#text(e)),
          after: html`<input
            type="color"
            aria-label=${this.t('brandColorPicker')}
            .value=${COLOR.test(d.brandColor.trim()) ? normalizeColor(d.brandColor) : '#000000'}
            @input=${(e: Event) => this.#set('brandColor', this.#text(e))}
          />`,
        }),
      ])}
      ${this.#card('sections', this.t('visibleSections'), [
        html`<fieldset aria-describedby="sections-hint">
          <legend class="sr-only">${this.t('visibleSections')}</legend>
          <p class="hint" id="sections-hint">${this.t('visibleSectionsHint')}</p>
          ${SECTIONS.map(([key, label]) =>
            checkboxField({
              name: `sections.${key}`,
              label: this.t(label),
              checked: d.sections[key],
              onChange: (e) =>
                this.#set('sections', { ...d.sections, [key]: (e.target as HTMLInputElement).checked }),
            }),
          )}
        </fieldset>`,
      ])}
      ${this.#card('footer', this.t('footer'), [this.#renderLinks(d.footerLinks), this.#renderFooterHtml(d)])}
      ${this.#card('signup', this.t('signUpAndLegal'), [
        textField({
          name: 'termsUrl',
          label: this.t('termsUrl'),
          type: 'url',
          hint: this.t('termsUrlHint'),
          value: d.termsUrl ?? '',
          error: this.fieldErrors.termsUrl,
          onInput: (e) => this.#set('termsUrl', this.#text(e)),
        }),
        checkboxField({
          name: 'allowDuplicateAccounts',
          label: this.t('allowDuplicateAccounts'),
          hint: this.t('allowDuplicateAccountsHint'),
          checked: d.allowDuplicateAccounts,
          onChange: (e) => this.#set('allowDuplicateAccounts', (e.target as HTMLInputElement).checked),
        }),
      ])}
      ${this.#card('profile', this.t('clientProfile'), [this.#renderRequiredFields(d)])}
      ${this.#card('embedding', this.t('embedding'), [
        textField({
          name: 'portalUrl',
          label: this.t('portalUrl'),
          type: 'url',
          hint: this.t('portalUrlHint'),
          value: d.portalUrl ?? '',
          error: this.fieldErrors.portalUrl,
          onInput: (e) => this.#set('portalUrl', this.#text(e)),
        }),
        this.#renderOrigins(d),
      ])}
      ${this.#card('security', this.t('staffSecurity'), [
        checkboxField({
          name: 'requireStaffTotp',
          label: this.t('requireStaffTotp'),
          hint: this.t('requireStaffTotpHint'),
          checked: d.requireStaffTotp,
          onChange: (e) => this.#set('requireStaffTotp', (e.target as HTMLInputElement).checked),
        }),
      ])}
      ${this.#card('currencies', this.t('currencies'), [this.#renderCurrencies(d)])}
      ${saveBar(this.t, { changes, busy: this.busy, onDiscard: this.#discard })}
    </form>`;
  }

  #card(id: string, title: string, content: unknown[]) {
    return html`<section class="card" aria-labelledby=${`${id}-title`}>
      <h2 id=${`${id}-title`}>${title}</h2>
      ${content}
    </section>`;
  }

  #renderLogo(d: AdminSettings) {
    const error = this.fieldErrors.logo;
    return html`<div class="field">
      <h3>${this.t('logo')}</h3>
      <div class="logo">
        <div part="logo" class="logo-preview">
          ${d.logoUrl ? html`<img src=${d.logoUrl} alt=${this.t('currentLogo')} />` : html`<span class="muted">${this.t('noLogo')}</span>`}
        </div>
        <div class="field">
          <label for="logo">${d.logoUrl ? this.t('replaceLogo') : this.t('uploadLogo')}</label>
          <input
            id="logo"
            name="logo"
            type="file"
            accept=${LOGO_TYPES.join(',')}
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${error ? 'logo-error logo-hint' : 'logo-hint'}
            ?disabled=${this.busy}
            @change=${this.#onLogo}
          />
          <p class="hint" id="logo-hint">${this.t('logoHint')}</p>
          ${error ? html`<p part="error field-error" class="field-error" id="logo-error">${error}</p>` : nothing}
        </div>
        ${
          d.logoUrl
            ? html`<button class="secondary small" type="button" ?disabled=${this.busy} @click=${this.#removeLogo}>
                ${this.t('removeLogo')}
              </button>`
            : nothing
        }
      </div>
    </div>`;
  }

  #renderLinks(links: FooterLink[]) {
    const set = (i: number, key: keyof FooterLink) => (e: Event) => {
      const next = links.map((l, j) => (j === i ? { ...l, [key]: this.#text(e) } : l));
      this.#set('footerLinks', next);
      this.clearError(`footerLinks.${i}.${key}`);
    };
    return html`<div class="field">
      <h3>${this.t('footerLinks')}</h3>
      ${links.length ? nothing : html`<p class="muted">${this.t('noFooterLinks')}</p>`}
      ${links.map(
        (link, i) => html`<fieldset class="fieldset-row link-row">
          <legend>${this.t('footerLinkN', { n: i + 1 })}</legend>
          ${textField({
            name: `footerLinks.${i}.label`,
            label: this.t('linkLabel'),
            value: link.label,
            error: this.fieldErrors[`footerLinks.${i}.label`],
            onInput: set(i, 'label'),
          })}
          ${textField({
            name: `footerLinks.${i}.url`,
            label: this.t('linkUrl'),
            type: 'url',
            placeholder: 'https://',
            value: link.url,
            error: this.fieldErrors[`footerLinks.${i}.url`],
            onInput: set(i, 'url'),
          })}
          <div class="actions">
            <button class="secondary small" type="button" ?disabled=${i === 0} aria-label=${this.t('moveLinkUp', { n: i + 1 })} @click=${() => this.#moveLink(i, -1)}>↑</button>
            <button class="secondary small" type="button" ?disabled=${i === links.length - 1} aria-label=${this.t('moveLinkDown', { n: i + 1 })} @click=${() => this.#moveLink(i, 1)}>↓</button>
            <button class="secondary small" type="button" aria-label=${this.t('removeLinkN', { n: i + 1 })} @click=${() => this.#removeLink(i)}>
              ${this.t('remove')}
            </button>
          </div>
        </fieldset>`,
      )}
      ${this.fieldErrors.footerLinks ? html`<p class="field-error">${this.fieldErrors.footerLinks}</p>` : nothing}
      <div>
        <button part="button add-link" class="secondary small" type="button" ?disabled=${links.length >= MAX_FOOTER_LINKS} @click=${this.#addLink}>
          ${this.t('addLink')}
        </button>
      </div>
    </div>`;
  }

  #renderFooterHtml(d: AdminSettings) {
    const kept = this.footerKept;
    return html`${textareaField({
      name: 'footerHtml',
      label: this.t('footerHtml'),
      hint: this.t('footerHtmlHint'),
      rows: 6,
      value: d.footerHtml,
      error: this.fieldErrors.footerHtml,
      onInput: (e) => this.#set('footerHtml', (e.target as HTMLTextAreaElement).value),
    })}
    ${
      kept
        ? html`<div part="kept" class="kept">
            <p>${kept.changed ? this.t('footerHtmlChanged') : this.t('footerHtmlKept')}</p>
            <pre><code>${kept.html || this.t('footerHtmlEmpty')}</code></pre>
          </div>`
        : nothing
    }`;
  }

  #renderRequiredFields(d: AdminSettings) {
    const required = new Set(d.requiredProfileFields);
    const toggle = (field: ProfileField) => (e: Event) => {
      const on = (e.target as HTMLInputElement).checked;
      this.#set(
        'requiredProfileFields',
        PROFILE_FIELDS.map(([f]) => f).filter((f) => (f === field ? on : required.has(f))),
      );
    };
    const error = this.fieldErrors.requiredProfileFields;
    return html`<fieldset aria-describedby="required-fields-hint">
      <legend>${this.t('requiredProfileFields')}</legend>
      <p class="hint" id="required-fields-hint">${this.t('requiredProfileFieldsHint')}</p>
      ${PROFILE_FIELDS.map(([field, label]) =>
        checkboxField({
          name: `requiredProfileFields.${field}`,
          label: this.t(label),
          checked: required.has(field),
          onChange: toggle(field),
        }),
      )}
      ${error ? html`<p class="field-error">${error}</p>` : nothing}
    </fieldset>`;
  }

  #renderOrigins(d: AdminSettings) {
    const error = this.fieldErrors.allowedOrigins;
    return html`<div class="field">
      <h3 id="origins-title">${this.t('allowedOrigins')}</h3>
      <p class="hint">${this.t('allowedOriginsHint')}</p>
      ${
        d.allowedOrigins.length
          ? html`<ul class="chips" aria-labelledby="origins-title">
              ${d.allowedOrigins.map(
                (origin, i) => html`<li>
                  <code>${origin}</code>
                  <button class="remove" type="button" aria-label=${this.t('removeItem', { item: origin })} @click=${() =>
                    this.#set(
                      'allowedOrigins',
                      d.allowedOrigins.filter((_, j) => j !== i),
                    )}>
                    ✕
                  </button>
                </li>`,
              )}
            </ul>`
          : html`<p class="muted">${this.t('noAllowedOrigins')}</p>`
      }
      ${error ? html`<p class="field-error">${error}</p>` : nothing}
      <div class="add">
        ${textField({
          name: 'newOrigin',
          label: this.t('addOrigin'),
          type: 'url',
          placeholder: 'https://www.example.com',
          value: this.values.newOrigin,
          error: this.fieldErrors.newOrigin,
          onInput: this.onInput,
        })}
        <button class="secondary" type="button" @click=${this.#addOrigin}>${this.t('add')}</button>
      </div>
      ${
        d.configuredOrigins.length
          ? html`<div>
              <h3 id="configured-title">${this.t('configuredOrigins')}</h3>
              <p class="hint">${this.t('configuredOriginsHint')}</p>
              <ul class="chips" aria-labelledby="configured-title">
                ${d.configuredOrigins.map((origin) => html`<li><code>${origin}</code></li>`)}
              </ul>
            </div>`
          : nothing
      }
    </div>`;
  }

  #renderCurrencies(d: AdminSettings) {
    const error = this.fieldErrors.enabledCurrencies;
    return html`${selectField({
      name: 'defaultCurrency',
      label: this.t('defaultCurrency'),
      value: d.defaultCurrency,
      error: this.fieldErrors.defaultCurrency,
      hint: this.t('defaultCurrencyHint'),
      options: d.enabledCurrencies.map((c) => ({ value: c, label: c })),
      onChange: (e) => this.#set('defaultCurrency', (e.target as HTMLSelectElement).value),
    })}
      <div class="field">
        <h3 id="currencies-title">${this.t('enabledCurrencies')}</h3>
        <ul class="chips" aria-labelledby="currencies-title">
          ${d.enabledCurrencies.map(
            (code) => html`<li>
              <span>${code}</span>
              ${
                code === d.defaultCurrency
                  ? html`<span class="muted">(${this.t('default')})</span>`
                  : html`<button class="remove" type="button" aria-label=${this.t('removeItem', { item: code })} @click=${() =>
                      this.#set(
                        'enabledCurrencies',
                        d.enabledCurrencies.filter((c) => c !== code),
                      )}>
                      ✕
                    </button>`
              }
            </li>`,
          )}
        </ul>
        ${error ? html`<p class="field-error">${error}</p>` : nothing}
        <div class="add">
          ${textField({
            name: 'newCurrency',
            label: this.t('addCurrency'),
            placeholder: 'EUR',
            maxlength: 3,
            value: this.values.newCurrency,
            error: this.fieldErrors.newCurrency,
            onInput: this.onInput,
          })}
          <button class="secondary" type="button" @click=${this.#addCurrency}>${this.t('add')}</button>
        </div>
      </div>`;
  }

  #renderDomain(): TemplateResult {
    const domain = this.saved?.customDomain ?? null;
    return html`<section part="domain" class="card" aria-labelledby="domain-title">
      <h2 id="domain-title">${this.t('customDomain')}</h2>
      <p class="intro">${this.t('customDomainIntro')}</p>
      ${domain ? this.#renderDomainStatus(domain) : this.#renderDomainForm()}
    </section>`;
  }

  #renderDomainForm() {
    return html`<form part="form" class="add" novalidate @submit=${this.#setDomain}>
      ${textField({
        name: 'domain',
        label: this.t('domain'),
        placeholder: 'portal.example.com',
        value: this.values.domain,
        error: this.fieldErrors.domain,
        onInput: this.onInput,
      })}
      ${submitButton(this.t('setDomain'), this.busy)}
    </form>`;
  }

  #renderDomainStatus(domain: CustomDomain) {
    const lang = this.resolvedLocale;
    const status =
      domain.status === 'verified'
        ? badge(this.t('domainVerified'), 'good')
        : domain.status === 'failed'
          ? badge(this.t('domainFailed'), 'bad')
          : badge(this.t('domainPending'), 'warn');
    return html`<dl>
        <dt>${this.t('domain')}</dt>
        <dd><code>${domain.domain}</code></dd>
        <dt>${this.t('status')}</dt>
        <dd class="domain-status">${status}</dd>
        <dt>${this.t('lastChecked')}</dt>
        <dd>${formatDateTime(lang, domain.lastCheckedAt) || this.t('notCheckedYet')}</dd>
        ${domain.detail ? html`<dt>${this.t('domainDetail')}</dt><dd>${domain.detail}</dd>` : nothing}
      </dl>
      ${
        domain.status === 'verified'
          ? nothing
          : html`<h3>${this.t('dnsRecords')}</h3>
        <p class="muted">${this.t('dnsRecordsIntro')}</p>
        <div class="table-wrap" role="region" aria-label=${this.t('dnsRecords')} tabindex="0">
          <table part="records">
            <caption class="sr-only">${this.t('dnsRecords')}</caption>
            <thead>
              <tr>
                <th scope="col">${this.t('recordType')}</th>
                <th scope="col">${this.t('recordName')}</th>
                <th scope="col">${this.t('recordValue')}</th>
              </tr>
            </thead>
            <tbody>
              ${domain.records.map(
                (r) => html`<tr>
                  <td>${r.type}</td>
                  <td>
                    <code>${r.name}</code>
                    <button class="secondary small" type="button" aria-label=${this.t('copyRecordName', { type: r.type })} @click=${() => this.copy(r.name, this.t('recordName'))}>
                      ${this.t('copy')}
                    </button>
                  </td>
                  <td>
                    <code>${r.value}</code>
                    <button class="secondary small" type="button" aria-label=${this.t('copyRecordValue', { type: r.type })} @click=${() => this.copy(r.value, this.t('recordValue'))}>
                      ${this.t('copy')}
                    </button>
                  </td>
                </tr>`,
              )}
            </tbody>
          </table>
        </div>
        <p class="hint">${this.t('dnsPropagation')}</p>`
      }
      <div class="actions">
        <button part="button verify" class="primary" type="button" ?disabled=${this.busy} @click=${this.#verify}>
          ${domain.status === 'verified' ? this.t('checkAgain') : this.t('verify')}
        </button>
        <button class="secondary" type="button" ?disabled=${this.busy} @click=${this.#removeDomain}>
          ${this.t('removeDomain')}
        </button>
      </div>`;
  }

  #text(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  #set<K extends keyof AdminSettings>(key: K, value: AdminSettings[K]) {
    if (!this.draft) return;
    this.draft = { ...this.draft, [key]: value };
    this.clearError(key);
  }

  /** What differs between the draft and the saved settings: what "Save" sends. */
  #changes(): SettingsUpdateInput {
    const s = this.saved;
    const d = this.draft;
    if (!s || !d) return {};
    const out: SettingsUpdateInput = {};
    if (d.businessName.trim() !== s.businessName) out.businessName = d.businessName.trim();
    if (normalizeColor(d.brandColor) !== s.brandColor) out.brandColor = normalizeColor(d.brandColor);
    const sections: Partial<PortalSections> = {};
    for (const [key] of SECTIONS) if (d.sections[key] !== s.sections[key]) sections[key] = d.sections[key];
    if (Object.keys(sections).length) out.sections = sections;
    if (!same(trimLinks(d.footerLinks), s.footerLinks)) out.footerLinks = trimLinks(d.footerLinks);
    if (d.footerHtml !== s.footerHtml) out.footerHtml = d.footerHtml;
    if (orNull(d.termsUrl) !== s.termsUrl) out.termsUrl = orNull(d.termsUrl);
    if (d.allowDuplicateAccounts !== s.allowDuplicateAccounts)
      out.allowDuplicateAccounts = d.allowDuplicateAccounts;
    if (d.defaultCurrency !== s.defaultCurrency) out.defaultCurrency = d.defaultCurrency;
    if (!same(d.enabledCurrencies, s.enabledCurrencies)) out.enabledCurrencies = d.enabledCurrencies;
    if (!same(d.allowedOrigins, s.allowedOrigins)) out.allowedOrigins = d.allowedOrigins;
    if (d.requireStaffTotp !== s.requireStaffTotp) out.requireStaffTotp = d.requireStaffTotp;
    if (!same([...d.requiredProfileFields].sort(), [...s.requiredProfileFields].sort()))
      out.requiredProfileFields = d.requiredProfileFields;
    if (orNull(d.portalUrl) !== s.portalUrl) out.portalUrl = orNull(d.portalUrl);
    return out;
  }

  /** The client-side checks of what is about to be sent. */
  #check(changes: SettingsUpdateInput): Record<string, string> {
    const errors: Record<string, string> = {};
    if (changes.businessName !== undefined && !changes.businessName)
      errors.businessName = this.t('errorRequired');
    if (changes.brandColor !== undefined && !COLOR.test(changes.brandColor))
      errors.brandColor = this.t('errorColor');
    changes.footerLinks?.forEach((link, i) => {
      if (!link.label) errors[`footerLinks.${i}.label`] = this.t('errorRequired');
      if (!/^(https?:\/\/|mailto:)\S+$/i.test(link.url))
        errors[`footerLinks.${i}.url`] = this.t('errorLinkUrl');
    });
    if (changes.termsUrl && !isHttpUrl(changes.termsUrl)) errors.termsUrl = this.t('errorUrl');
    if (changes.portalUrl && !isHttpUrl(changes.portalUrl)) errors.portalUrl = this.t('errorUrl');
    return errors;
  }

  #save = async (event: SubmitEvent) => {
    event.preventDefault();
    const changes = this.#changes();
    if (!Object.keys(changes).length) {
      this.fieldErrors = {};
      this.alertMessage = '';
      this.notice = this.t('nothingChanged');
      return;
    }
    if (!this.showFieldErrors(this.#check(changes))) return;
    let saved: AdminSettings | undefined;
    await this.attempt('adminSaveSettings', fieldOf, async (admin) => {
      saved = await admin.settings.update(changes);
    });
    if (!saved) return;
    this.saved = saved;
    this.draft = structuredClone(saved);
    this.footerKept =
      changes.footerHtml !== undefined
        ? { html: saved.footerHtml, changed: saved.footerHtml !== changes.footerHtml }
        : this.footerKept;
    this.notice = this.t('settingsSaved');
  };

  #discard = () => {
    if (!this.saved) return;
    this.draft = structuredClone(this.saved);
    this.fieldErrors = {};
    this.notice = this.t('changesDiscarded');
  };

  #moveLink(i: number, by: -1 | 1) {
    const links = [...(this.draft?.footerLinks ?? [])];
    const [link] = links.splice(i, 1);
    if (!link) return;
    links.splice(i + by, 0, link);
    this.#set('footerLinks', links);
    // Keep focus on the same arrow of the moved link, unless it is now disabled.
    const target = i + by;
    const arrow = by < 0 ? (target === 0 ? 'down' : 'up') : target === links.length - 1 ? 'up' : 'down';
    void this.focusPart(
      `[aria-label="${this.t(arrow === 'up' ? 'moveLinkUp' : 'moveLinkDown', { n: target + 1 })}"]`,
    );
  }

  #removeLink(i: number) {
    const links = (this.draft?.footerLinks ?? []).filter((_, j) => j !== i);
    this.#set('footerLinks', links);
    void this.focusPart(
      links.length ? `[name="footerLinks.${Math.min(i, links.length - 1)}.label"]` : '[part~="add-link"]',
    );
  }

  #addLink = () => {
    const links = [...(this.draft?.footerLinks ?? []), { label: '', url: '' }];
    this.#set('footerLinks', links);
    void this.focusField(`footerLinks.${links.length - 1}.label`);
  };

  #addOrigin = () => {
    const d = this.draft;
    if (!d) return;
    const origin = (this.values.newOrigin ?? '').trim().toLowerCase().replace(/\/$/, '');
    if (!isOrigin(origin)) {
      this.showFieldErrors({ newOrigin: this.t('errorOrigin') });
      return;
    }
    if (!d.allowedOrigins.includes(origin)) this.#set('allowedOrigins', [...d.allowedOrigins, origin]);
    this.values = { ...this.values, newOrigin: '' };
    this.clearError('newOrigin');
    void this.focusField('newOrigin');
  };

  #addCurrency = () => {
    const d = this.draft;
    if (!d) return;
    const code = (this.values.newCurrency ?? '').trim().toUpperCase();
    if (!CURRENCY.test(code)) {
      this.showFieldErrors({ newCurrency: this.t('errorCurrency') });
      return;
    }
    if (!d.enabledCurrencies.includes(code)) this.#set('enabledCurrencies', [...d.enabledCurrencies, code]);
    this.values = { ...this.values, newCurrency: '' };
    this.clearError('newCurrency');
    void this.focusField('newCurrency');
  };

  #onLogo = async (event: Event) => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    // Refused here first, so nobody waits for an upload the server would refuse.
    const refusal = !(LOGO_TYPES as readonly string[]).includes(file.type)
      ? this.t('logoType')
      : file.size > LOGO_MAX_BYTES
        ? this.t('logoTooLarge')
        : '';
    if (refusal) {
      input.value = '';
      this.showFieldErrors({ logo: refusal });
      return;
    }
    const contentType = file.type as (typeof LOGO_TYPES)[number];
    let saved: AdminSettings | undefined;
    await this.attempt(
      'adminUploadLogo',
      (path) => (path === 'logo' || fieldOf(path) === 'logo' ? 'logo' : undefined),
      async (admin) => {
        saved = await admin.settings.uploadLogo({ contentType, data: await readBase64(file) });
      },
    );
    input.value = '';
    if (!saved) return;
    this.#logoChanged(saved);
    this.notice = this.t('logoUploaded');
  };

  #removeLogo = async () => {
    let saved: AdminSettings | undefined;
    await this.attempt('adminRemoveLogo', [], async (admin) => {
      saved = await admin.settings.removeLogo();
    });
    if (!saved) return;
    this.#logoChanged(saved);
    this.notice = this.t('logoRemoved');
    void this.focusField('logo');
  };

  /** Takes the server's answer to a logo change without losing edits not saved yet. */
  #logoChanged(saved: AdminSettings) {
    this.saved = saved;
    if (this.draft) this.draft = { ...this.draft, logoUrl: saved.logoUrl };
  }

  #setDomain = async (event: SubmitEvent) => {
    event.preventDefault();
    const domain = (this.values.domain ?? '').trim().toLowerCase().replace(/\.$/, '');
    if (!HOSTNAME.test(domain)) {
      this.showFieldErrors({ domain: this.t('errorDomain') });
      return;
    }
    let result: CustomDomain | undefined;
    await this.attempt('adminSetDomain', ['domain'], async (admin) => {
      result = await admin.settings.setCustomDomain(domain);
    });
    if (!result) return;
    this.#domainChanged(result);
    this.values = { ...this.values, domain: '' };
    this.notice = this.t('domainSet', { domain: result.domain });
    void this.focusPart('[part~="verify"]');
  };

  #verify = async () => {
    let result: CustomDomain | undefined;
    await this.attempt('adminVerifyDomain', [], async (admin) => {
      result = await admin.settings.verifyCustomDomain();
    });
    if (!result) return;
    this.#domainChanged(result);
    const key: AdminMessageKey =
      result.status === 'verified'
        ? 'domainVerifiedNotice'
        : result.status === 'failed'
          ? 'domainFailedNotice'
          : 'domainPendingNotice';
    this.notice = this.t(key, { domain: result.domain, detail: result.detail ?? '' });
  };

  #removeDomain = async () => {
    const domain = this.saved?.customDomain?.domain ?? '';
    const confirmed = await this.confirmAction({
      title: this.t('removeDomainTitle', { domain }),
      body: this.t('removeDomainBody'),
      confirm: this.t('removeDomain'),
      danger: true,
    });
    if (!confirmed) return;
    const ok = await this.attempt('adminRemoveDomain', [], (admin) => admin.settings.removeCustomDomain());
    if (!ok) return;
    this.#domainChanged(null);
    this.notice = this.t('domainRemoved', { domain });
    void this.focusField('domain');
  };

  #domainChanged(domain: CustomDomain | null) {
    if (this.saved) this.saved = { ...this.saved, customDomain: domain };
    if (this.draft) this.draft = { ...this.draft, customDomain: domain };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-settings': PortalAdminSettings;
  }
}
