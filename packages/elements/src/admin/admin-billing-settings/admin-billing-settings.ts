import type {
  AdminGateway,
  BillingSettings,
  BillingSettingsInput,
  GatewayUpdateInput,
  TaxRule,
} from '@portico/sdk/admin';
import { billingAdminRoutes as routes } from '@portico/sdk/contract';
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { submitButton } from '../../lib/form.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { AdminElement, isHttpUrl } from '../lib/admin-element.js';
import { badge, checkboxField, textareaField, textField } from '../lib/form.js';
import { type AdminMessageKey, addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import { parsePercent, percentValue } from '../lib/money-input.js';
import { saveBar } from '../lib/save-bar.js';
import { adminStyles } from '../lib/styles.js';
import styles from './admin-billing-settings.styles.js';

addAdminMessages('en', en.common, en.billing, en.settings, en.billingSettings);
addAdminMessages('es', es.common, es.billing, es.settings, es.billingSettings);

/** A tax rule as typed: the rate is a percentage until saved. */
interface RuleDraft {
  key: number;
  name: string;
  rate: string;
  country: string;
  state: string;
}

/** The settings as typed. */
interface Draft {
  invoicePrefix: string;
  nextInvoiceNumber: string;
  numberPadding: string;
  paymentTermsDays: string;
  renewalLeadDays: string;
  reminderDays: string;
  overdueReminderDays: string;
  suspend: boolean;
  suspendAfterDays: string;
  taxRules: RuleDraft[];
  businessAddress: string;
  taxId: string;
  invoiceFooter: string;
}

/** A gateway's fields as typed; secrets are empty unless a new one is typed. */
interface GatewayDraft {
  enabled: boolean;
  name: string;
  instructions: string;
  apiBase: string;
  publishableKey: string;
  jsUrl: string;
  secretKey: string;
  webhookSecret: string;
}

type DraftText = Exclude<keyof Draft, 'suspend' | 'taxRules'>;

const DAY_FIELDS = ['paymentTermsDays', 'renewalLeadDays'] as const;
const LIST_FIELDS = ['reminderDays', 'overdueReminderDays'] as const;

const wholeIn = (text: string, min: number, max: number): number | undefined => {
  const s = text.trim();
  if (!/^\d{1,10}$/.test(s)) return undefined;
  const n = Number(s);
  return n >= min && n <= max ? n : undefined;
};

/** "7, 3 1" → [7, 3, 1]; undefined when a part is not a day count or there are more than five. */
function dayList(text: string): number[] | undefined {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  const days = parts.map((p) => wholeIn(p, 0, 365));
  if (days.length > 5 || days.some((d) => d === undefined)) return undefined;
  return days as number[];
}

const sameList = (a: readonly unknown[], b: readonly unknown[]) => JSON.stringify(a) === JSON.stringify(b);

/** Which field a server error path belongs to (`taxRules.0.rateBps` is shown beside that rule's rate). */
function fieldOf(path: string): string | undefined {
  const rule = /^taxRules\.(\d+)\.(name|rateBps|country|state)$/.exec(path);
  if (rule) return `taxRules.${rule[1]}.${rule[2] === 'rateBps' ? 'rate' : rule[2]}`;
  const [head] = path.split('.');
  if (head === 'suspendAfterDays') return 'suspendAfterDays';
  return head && FIELDS.has(head) ? head : undefined;
}
const FIELDS = new Set<string>([
  'invoicePrefix',
  'nextInvoiceNumber',
  'numberPadding',
  ...DAY_FIELDS,
  ...LIST_FIELDS,
  'businessAddress',
  'taxId',
  'invoiceFooter',
]);

/**
 * Settings → Billing: invoice numbering (prefix, next number and zero-padding, with a live example such as
 * "INV-00042"), payment terms, how many days before the due date renewals are invoiced, the reminder days before
 * and after the due date, whether and when overdue services are suspended, the tax rules (a name, a rate in percent
 * sent as basis points, a country or every country, optionally one state), the business address, tax id and
 * invoice footer printed on invoices; and the payment gateways (test, manual bank transfer with its instructions,
 * and Stripe-compatible with its API base, keys and the webhook URL to copy), each with an on/off switch. Secret
 * keys are write-only: the page says whether one is set, and a new one replaces it. Billing staff see the settings;
 * only admins change them.
 *
 * @summary Settings → Billing: numbering, terms, reminders, suspension, tax, gateways.
 *
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 *
 * @csspart heading - The page heading.
 * @csspart form - The settings form and each gateway's form.
 * @csspart field - A label, input, hint and error.
 * @csspart example - The invoice number example.
 * @csspart tax-rules - The tax rules editor.
 * @csspart save - The "Save changes" bar.
 * @csspart gateway - A payment gateway's section.
 * @csspart badge - Whether a secret is set, whether a gateway is on.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 * @csspart loading - Shown while the settings load.
 * @csspart load-error - Shown when the settings could not be loaded.
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-billing-settings')
export class PortalAdminBillingSettings extends AdminElement {
  static override styles = [hostStyles, formStyles, adminStyles, styles];

  @state() private saved?: BillingSettings;
  @state() private draft?: Draft;
  @state() private gateways?: AdminGateway[];
  @state() private gatewayDrafts: Record<string, GatewayDraft> = {};

  #keys = 0;

  readonly #load = this.loadTask(
    'adminBillingSettings',
    () => [],
    async (admin) => {
      const [settings, gateways] = await Promise.all([admin.billing.get(), admin.billing.gateways()]);
      return { settings, gateways };
    },
    ({ settings, gateways }) => {
      this.#settle(settings);
      this.gateways = gateways;
      this.gatewayDrafts = Object.fromEntries(gateways.map((g) => [g.id, this.#gatewayDraft(g)]));
    },
  );

  protected override render() {
    return html`<div class="page" lang=${this.textLang}>
      <h1 part="heading" tabindex="-1">${this.t('billingSettingsTitle')}</h1>
      ${this.can(routes.updateSettings) ? nothing : html`<p class="intro">${this.t('billingSettingsReadOnly')}</p>`}
      ${this.renderMessages()}
      ${this.renderTask(this.#load, this.draft, (d) => [this.#renderForm(d), this.#renderGateways()])}
    </div>`;
  }

  #renderForm(d: Draft) {
    const canSave = this.can(routes.updateSettings);
    const changes = Object.keys(this.#changes().input).length;
    const text = (
      name: DraftText,
      label: AdminMessageKey,
      extra: { hint?: string; maxlength?: number; numeric?: boolean } = {},
    ) =>
      textField({
        name,
        label: this.t(label),
        value: d[name],
        hint: extra.hint,
        maxlength: extra.maxlength,
        inputmode: extra.numeric ? 'numeric' : undefined,
        error: this.fieldErrors[name],
        onInput: (e) => this.#set(name, (e.target as HTMLInputElement).value),
      });
    return html`<form part="form" class="page" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#save}>
      <fieldset class="page" ?disabled=${!canSave}>
        <legend class="sr-only">${this.t('billingSettingsTitle')}</legend>
        ${this.#card('numbering', this.t('invoiceNumbering'), [
          html`<div class="grid-2">
            ${text('invoicePrefix', 'invoicePrefix', { maxlength: 20, hint: this.t('invoicePrefixHint') })}
            ${text('nextInvoiceNumber', 'nextInvoiceNumber', { numeric: true, hint: this.t('nextInvoiceNumberHint') })}
            ${text('numberPadding', 'numberPadding', { numeric: true, hint: this.t('numberPaddingHint') })}
          </div>`,
          html`<p part="example" class="example">
            ${this.t('numberExample')} <output aria-live="polite"><code>${this.#example(d)}</code></output>
          </p>`,
        ])}
        ${this.#card('terms', this.t('termsAndReminders'), [
          html`<div class="grid-2">
            ${text('paymentTermsDays', 'paymentTermsDays', { numeric: true, hint: this.t('paymentTermsDaysHint') })}
            ${text('renewalLeadDays', 'renewalLeadDays', { numeric: true, hint: this.t('renewalLeadDaysHint') })}
            ${text('reminderDays', 'reminderDays', { hint: this.t('reminderDaysHint') })}
            ${text('overdueReminderDays', 'overdueReminderDays', { hint: this.t('overdueReminderDaysHint') })}
          </div>`,
          checkboxField({
            name: 'suspend',
            label: this.t('suspendOverdue'),
            hint: this.t('suspendOverdueHint'),
            checked: d.suspend,
            onChange: (e) => this.#set('suspend', (e.target as HTMLInputElement).checked),
          }),
          d.suspend
            ? text('suspendAfterDays', 'suspendAfterDays', {
                numeric: true,
                hint: this.t('suspendAfterDaysHint'),
              })
            : nothing,
        ])}
        ${this.#card('tax', this.t('taxRules'), [this.#renderTaxRules(d.taxRules)])}
        ${this.#card('printed', this.t('onInvoices'), [
          textareaField({
            name: 'businessAddress',
            label: this.t('businessAddress'),
            hint: this.t('businessAddressHint'),
            rows: 3,
            value: d.businessAddress,
            error: this.fieldErrors.businessAddress,
            onInput: (e) => this.#set('businessAddress', (e.target as HTMLTextAreaElement).value),
          }),
          text('taxId', 'taxId', { maxlength: 60, hint: this.t('taxIdHint') }),
          textareaField({
            name: 'invoiceFooter',
            label: this.t('invoiceFooter'),
            hint: this.t('invoiceFooterHint'),
            rows: 3,
            value: d.invoiceFooter,
            error: this.fieldErrors.invoiceFooter,
            onInput: (e) => this.#set('invoiceFooter', (e.target as HTMLTextAreaElement).value),
          }),
        ])}
      </fieldset>
      ${canSave ? saveBar(this.t, { changes, busy: this.busy, onDiscard: this.#discard }) : nothing}
    </form>`;
  }

  #renderTaxRules(rules: RuleDraft[]) {
    const set = (i: number, key: keyof RuleDraft) => (e: Event) => {
      const value = (e.target as HTMLInputElement).value;
      this.#set(
        'taxRules',
        rules.map((r, j) => (j === i ? { ...r, [key]: value } : r)),
      );
      this.clearError(`taxRules.${i}.${key}`);
    };
    const field = (
      i: number,
      key: 'name' | 'rate' | 'country' | 'state',
      label: AdminMessageKey,
      extra: { maxlength?: number; hint?: string } = {},
    ) =>
      textField({
        name: `taxRules.${i}.${key}`,
        label: this.t(label),
        value: rules[i]?.[key],
        error: this.fieldErrors[`taxRules.${i}.${key}`],
        onInput: set(i, key),
        ...extra,
      });
    return html`<div part="tax-rules" class="field">
      <p class="hint">${this.t('taxRulesHint')}</p>
      ${rules.length ? nothing : html`<p class="muted">${this.t('noTaxRules')}</p>`}
      ${rules.map(
        (_, i) => html`<fieldset class="fieldset-row rule-row">
          <legend>${this.t('taxRuleN', { n: i + 1 })}</legend>
          ${field(i, 'name', 'taxRuleName', { maxlength: 40 })}
          ${field(i, 'rate', 'taxRuleRate', { hint: this.t('taxRuleRateHint') })}
          ${field(i, 'country', 'taxRuleCountry', { maxlength: 2, hint: this.t('taxRuleCountryHint') })}
          ${field(i, 'state', 'taxRuleState', { maxlength: 100 })}
          <button class="secondary small" type="button" aria-label=${this.t('removeTaxRuleN', { n: i + 1 })} @click=${() => this.#removeRule(i)}>
            ${this.t('remove')}
          </button>
        </fieldset>`,
      )}
      <div>
        <button part="button add-rule" class="secondary small" type="button" ?disabled=${rules.length >= 100} @click=${this.#addRule}>
          ${this.t('addTaxRule')}
        </button>
      </div>
    </div>`;
  }

  #renderGateways() {
    const gateways = this.gateways ?? [];
    return html`<section class="card" aria-labelledby="gateways-title">
      <h2 id="gateways-title">${this.t('gatewaysTitle')}</h2>
      <p class="intro">${this.t('gatewaysIntro')}</p>
      ${gateways.map((g) => this.#renderGateway(g))}
    </section>`;
  }

  #renderGateway(g: AdminGateway) {
    const d = this.gatewayDrafts[g.id];
    if (!d) return nothing;
    const canSave = this.can(routes.updateGateway);
    const name = (field: keyof GatewayDraft) => `gateways.${g.id}.${field}`;
    const set = (field: keyof GatewayDraft) => (e: Event) => {
      const target = e.target as HTMLInputElement;
      const value = target.type === 'checkbox' ? target.checked : target.value;
      this.gatewayDrafts = { ...this.gatewayDrafts, [g.id]: { ...d, [field]: value } };
      this.clearError(name(field));
    };
    const text = (
      field: keyof GatewayDraft,
      label: AdminMessageKey,
      extra: { type?: string; hint?: string; placeholder?: string } = {},
    ) =>
      textField({
        name: name(field),
        label: this.t(label),
        value: d[field] as string,
        error: this.fieldErrors[name(field)],
        onInput: set(field),
        ...extra,
      });
    const secret = (field: 'secretKey' | 'webhookSecret', label: AdminMessageKey, isSet: boolean) =>
      html`<div class="secret">
        ${text(field, label, {
          type: 'password',
          placeholder: isSet ? '••••••••' : '',
          hint: isSet ? this.t('secretSetHint') : this.t('secretNotSetHint'),
        })}
        ${badge(isSet ? this.t('secretSet') : this.t('secretNotSet'), isSet ? 'good' : 'warn')}
      </div>`;
    const titleId = `gateway-${g.id}`;
    return html`<section part="gateway" class="gateway" aria-labelledby=${titleId}>
      <div class="title">
        <h3 id=${titleId}>${this.t(g.id === 'test' ? 'gatewayTest' : g.id === 'manual' ? 'gatewayManual' : 'gatewayStripe')}</h3>
        ${g.enabled ? badge(this.t('gatewayOn'), 'good') : badge(this.t('gatewayOff'), 'neutral')}
      </div>
      <form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${(e: SubmitEvent) => this.#saveGateway(e, g)}>
        <fieldset ?disabled=${!canSave}>
          <legend class="sr-only">${g.name}</legend>
          ${checkboxField({ name: name('enabled'), label: this.t('gatewayEnabled'), hint: this.t(g.id === 'test' ? 'gatewayTestHint' : 'gatewayEnabledHint'), checked: d.enabled, onChange: set('enabled') })}
          ${text('name', 'gatewayName', { hint: this.t('gatewayNameHint') })}
          ${
            g.id === 'manual'
              ? textareaField({
                  name: name('instructions'),
                  label: this.t('gatewayInstructions'),
                  hint: this.t('gatewayInstructionsHint'),
                  rows: 3,
                  value: d.instructions,
                  error: this.fieldErrors[name('instructions')],
                  onInput: set('instructions'),
                })
              : nothing
          }
          ${
            g.id === 'stripe'
              ? html`<div class="grid-2">
                  ${text('apiBase', 'gatewayApiBase', { type: 'url', placeholder: 'https://api.stripe.com' })}
                  ${text('publishableKey', 'gatewayPublishableKey')}
                  ${text('jsUrl', 'gatewayJsUrl', { type: 'url', placeholder: 'https://js.stripe.com/v3/' })}
                </div>
                <div class="grid-2">
                  ${secret('secretKey', 'gatewaySecretKey', g.secretKeySet)}
                  ${secret('webhookSecret', 'gatewayWebhookSecret', g.webhookSecretSet)}
                </div>`
              : nothing
          }
        </fieldset>
        ${
          g.webhookUrl
            ? textField({
                name: `gateways.${g.id}.webhookUrl`,
                label: this.t('gatewayWebhookUrl'),
                readonly: true,
                value: g.webhookUrl,
                hint: this.t('gatewayWebhookUrlHint'),
                after: html`<button class="secondary" type="button" aria-label=${this.t('copyWebhookUrl')} @click=${() => this.copy(g.webhookUrl ?? '', this.t('gatewayWebhookUrl'))}>
                  ${this.t('copy')}
                </button>`,
              })
            : nothing
        }
        ${canSave ? html`<div class="actions">${submitButton(this.t('saveGateway', { name: g.name }), this.busy)}</div>` : nothing}
      </form>
    </section>`;
  }

  #card(id: string, title: string, content: unknown[]) {
    return html`<section class="card" aria-labelledby=${`${id}-title`}>
      <h2 id=${`${id}-title`}>${title}</h2>
      ${content}
    </section>`;
  }

  /** The next invoice number as the draft would make it. */
  #example(d: Draft): string {
    const s = this.saved;
    const next = wholeIn(d.nextInvoiceNumber, 1, 1_000_000_000) ?? s?.nextInvoiceNumber ?? 1;
    const padding = wholeIn(d.numberPadding, 0, 12) ?? s?.numberPadding ?? 0;
    return `${d.invoicePrefix.trim()}${String(next).padStart(padding, '0')}`;
  }

  #settle(s: BillingSettings) {
    this.saved = s;
    const lang = this.resolvedLocale;
    this.draft = {
      invoicePrefix: s.invoicePrefix,
      nextInvoiceNumber: String(s.nextInvoiceNumber),
      numberPadding: String(s.numberPadding),
      paymentTermsDays: String(s.paymentTermsDays),
      renewalLeadDays: String(s.renewalLeadDays),
      reminderDays: s.reminderDays.join(', '),
      overdueReminderDays: s.overdueReminderDays.join(', '),
      suspend: s.suspendAfterDays !== null,
      suspendAfterDays: s.suspendAfterDays === null ? '' : String(s.suspendAfterDays),
      taxRules: s.taxRules.map((r) => ({
        key: ++this.#keys,
        name: r.name,
        rate: percentValue(r.rateBps, lang),
        country: r.country ?? '',
        state: r.state ?? '',
      })),
      businessAddress: s.businessAddress,
      taxId: s.taxId ?? '',
      invoiceFooter: s.invoiceFooter,
    };
  }

  #gatewayDraft(g: AdminGateway): GatewayDraft {
    return {
      enabled: g.enabled,
      name: g.name,
      instructions: g.instructions ?? '',
      apiBase: g.apiBase ?? '',
      publishableKey: g.publishableKey ?? '',
      jsUrl: g.jsUrl ?? '',
      secretKey: '',
      webhookSecret: '',
    };
  }

  #set<K extends keyof Draft>(key: K, value: Draft[K]) {
    if (!this.draft) return;
    this.draft = { ...this.draft, [key]: value };
    this.clearError(key);
  }

  #addRule = () => {
    const rules = [
      ...(this.draft?.taxRules ?? []),
      { key: ++this.#keys, name: '', rate: '', country: '', state: '' },
    ];
    this.#set('taxRules', rules);
    void this.focusField(`taxRules.${rules.length - 1}.name`);
  };

  #removeRule(i: number) {
    const rules = (this.draft?.taxRules ?? []).filter((_, j) => j !== i);
    this.#set('taxRules', rules);
    void this.focusPart(
      rules.length ? `[name="taxRules.${Math.min(i, rules.length - 1)}.name"]` : '[part~="add-rule"]',
    );
  }

  /** What differs between the draft and the saved settings (what "Save" sends), and what is wrong with it. */
  #changes(): { input: BillingSettingsInput; errors: Record<string, string> } {
    const s = this.saved;
    const d = this.draft;
    const input: BillingSettingsInput = {};
    const errors: Record<string, string> = {};
    if (!s || !d) return { input, errors };
    const prefix = d.invoicePrefix.trim();
    if (!/^[\w\-/.#]{0,20}$/.test(prefix)) errors.invoicePrefix = this.t('errorPrefix');
    else if (prefix !== s.invoicePrefix) input.invoicePrefix = prefix;
    const whole = (
      name: 'nextInvoiceNumber' | 'numberPadding' | (typeof DAY_FIELDS)[number],
      min: number,
      max: number,
      error: AdminMessageKey,
    ) => {
      const n = wholeIn(d[name], min, max);
      if (n === undefined) errors[name] = this.t(error, { min, max });
      else if (n !== s[name]) input[name] = n;
    };
    whole('nextInvoiceNumber', 1, 1_000_000_000, 'errorNumberRange');
    whole('numberPadding', 0, 12, 'errorNumberRange');
    for (const name of DAY_FIELDS) whole(name, 0, 365, 'errorDays');
    for (const name of LIST_FIELDS) {
      const days = dayList(d[name]);
      if (!days) errors[name] = this.t('errorDayList');
      else if (!sameList(days, s[name])) input[name] = days;
    }
    if (d.suspend) {
      const n = wholeIn(d.suspendAfterDays, 0, 365);
      if (n === undefined) errors.suspendAfterDays = this.t('errorDays', { min: 0, max: 365 });
      else if (n !== s.suspendAfterDays) input.suspendAfterDays = n;
    } else if (s.suspendAfterDays !== null) input.suspendAfterDays = null;
    const rules: TaxRule[] = [];
    d.taxRules.forEach((r, i) => {
      const name = r.name.trim();
      const rateBps = parsePercent(r.rate);
      const country = r.country.trim().toUpperCase();
      if (!name) errors[`taxRules.${i}.name`] = this.t('errorRequired');
      if (rateBps === undefined) errors[`taxRules.${i}.rate`] = this.t('errorRate');
      if (country && !/^[A-Z]{2}$/.test(country))
        errors[`taxRules.${i}.country`] = this.t('errorCountryCode');
      rules.push({ name, rateBps: rateBps ?? 0, country: country || null, state: r.state.trim() || null });
    });
    const savedRules = s.taxRules.map((r) => ({ ...r, state: r.state ?? null }));
    if (!sameList(rules, savedRules)) input.taxRules = rules;
    if (d.businessAddress.trim() !== s.businessAddress) input.businessAddress = d.businessAddress.trim();
    if ((d.taxId.trim() || null) !== s.taxId) input.taxId = d.taxId.trim() || null;
    if (d.invoiceFooter.trim() !== s.invoiceFooter) input.invoiceFooter = d.invoiceFooter.trim();
    return { input, errors };
  }

  #save = async (event: SubmitEvent) => {
    event.preventDefault();
    const { input, errors } = this.#changes();
    if (!this.showFieldErrors(errors)) return;
    if (!Object.keys(input).length) {
      this.notice = this.t('nothingChanged');
      return;
    }
    let saved: BillingSettings | undefined;
    await this.attempt('adminSaveBillingSettings', fieldOf, async (admin) => {
      saved = await admin.billing.update(input);
    });
    if (!saved) return;
    this.#settle(saved);
    this.notice = this.t('billingSettingsSaved');
  };

  #discard = () => {
    if (!this.saved) return;
    this.#settle(this.saved);
    this.fieldErrors = {};
    this.notice = this.t('changesDiscarded');
  };

  async #saveGateway(event: SubmitEvent, g: AdminGateway) {
    event.preventDefault();
    const d = this.gatewayDrafts[g.id];
    if (!d) return;
    const name = (field: string) => `gateways.${g.id}.${field}`;
    const errors: Record<string, string> = {};
    const input: GatewayUpdateInput = {};
    if (d.enabled !== g.enabled) input.enabled = d.enabled;
    if (!d.name.trim()) errors[name('name')] = this.t('errorRequired');
    else if (d.name.trim() !== g.name) input.name = d.name.trim();
    if (g.id === 'manual' && (d.instructions.trim() || null) !== g.instructions)
      input.instructions = d.instructions.trim() || null;
    if (g.id === 'stripe') {
      for (const field of ['apiBase', 'jsUrl'] as const) {
        const value = d[field].trim();
        if (value && !isHttpUrl(value)) errors[name(field)] = this.t('errorUrl');
        else if (value && value !== g[field]) input[field] = value;
      }
      if (d.publishableKey.trim() && d.publishableKey.trim() !== g.publishableKey)
        input.publishableKey = d.publishableKey.trim();
      if (d.secretKey.trim()) input.secretKey = d.secretKey.trim();
      if (d.webhookSecret.trim()) input.webhookSecret = d.webhookSecret.trim();
    }
    if (!this.showFieldErrors(errors)) return;
    if (!Object.keys(input).length) {
      this.notice = this.t('nothingChanged');
      return;
    }
    const fields = (path: string) => (path in d ? name(path) : undefined);
    let saved: AdminGateway | undefined;
    await this.attempt('adminSaveGateway', fields, async (admin) => {
      saved = await admin.billing.updateGateway(g.id, input);
    });
    if (!saved) return;
    const done = saved;
    this.gateways = (this.gateways ?? []).map((x) => (x.id === done.id ? done : x));
    this.gatewayDrafts = { ...this.gatewayDrafts, [done.id]: this.#gatewayDraft(done) };
    this.notice = this.t('gatewaySaved', { name: done.name });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-billing-settings': PortalAdminBillingSettings;
  }
}
