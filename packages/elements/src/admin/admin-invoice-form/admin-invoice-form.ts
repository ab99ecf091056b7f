import { initialState, TaskStatus } from '@lit/task';
import type {
  AdminInvoice,
  ClientSummary,
  InvoiceCreateInput,
  InvoiceLineInput,
  InvoiceUpdateInput,
  TaxRule,
} from '@portico/sdk/admin';
import { billingAdminRoutes } from '@portico/sdk/contract';
import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { submitButton } from '../../lib/form.js';
import { formatMoney } from '../../lib/format.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { AdminElement, adminChecks } from '../lib/admin-element.js';
import { dateInputValue } from '../lib/billing-labels.js';
import { checkboxField, textareaField, textField } from '../lib/form.js';
import { debounce } from '../lib/format.js';
import { addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import { moneyInputValue, parseMoneyInput } from '../lib/money-input.js';
import { adminStyles } from '../lib/styles.js';
import { estimateTotals, taxRuleFor } from '../lib/tax-estimate.js';
import styles from './admin-invoice-form.styles.js';

addAdminMessages('en', en.common, en.billing, en.invoiceForm);
addAdminMessages('es', es.common, es.billing, es.invoiceForm);

const init: EventInit = { bubbles: true, composed: true };

/** An invoice was created or a draft saved. `detail` is the invoice as the server answered. */
export class PortalAdminInvoiceSavedEvent extends Event {
  static readonly eventName = 'portal-admin-invoice-saved';
  readonly detail: AdminInvoice;
  constructor(invoice: AdminInvoice) {
    super(PortalAdminInvoiceSavedEvent.eventName, init);
    this.detail = invoice;
  }
}

/** The person closed the invoice form without saving. */
export class PortalAdminInvoiceFormCloseEvent extends Event {
  static readonly eventName = 'portal-admin-invoice-form-close';
  readonly detail = null;
  constructor() {
    super(PortalAdminInvoiceFormCloseEvent.eventName, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-admin-invoice-saved': PortalAdminInvoiceSavedEvent;
    'portal-admin-invoice-form-close': PortalAdminInvoiceFormCloseEvent;
  }
}

/** A line as typed: the amounts stay text until saved. */
interface LineDraft {
  key: number;
  description: string;
  quantity: string;
  unitAmount: string;
  taxable: boolean;
}

/** What the estimate needs to know about the client and the business. */
interface EstimateContext {
  address: { country?: string | null; state?: string | null };
  /** Null when the tax rules could not be read. */
  rules: TaxRule[] | null;
}

const MAX_LINES = 200;

/** Which field a server error path belongs to (`lines.0.unitAmount` is shown beside that line's amount). */
function fieldOf(path: string): string | undefined {
  if (/^lines\.\d+\.(description|quantity|unitAmount|taxable)$/.test(path)) return path;
  return ['accountId', 'currency', 'dueAt', 'notes', 'lines'].includes(path) ? path : undefined;
}

/**
 * Writes an invoice: the client (found by name, unless `account-id` fixes it), the currency (the client's unless
 * changed), lines of description, quantity, unit amount and whether tax applies (a negative unit amount is a
 * discount), a due date and notes; a new invoice may be issued at once. Amounts are read from what the person types
 * into integer minor units without floating point. Beside the lines, an estimate of the subtotal, tax and total
 * (labelled as such: the server works out the real figures when it saves). With `invoice` set to a draft, it edits
 * that draft instead.
 *
 * @summary Staff: write an invoice with its lines, or edit a draft.
 *
 * @attr account-id - The client the invoice is for; leave it out to let the person choose.
 * @attr currency - The currency to start with (the client's); else the chosen client's.
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 *
 * @csspart form - The form.
 * @csspart field - A label, input, hint and error.
 * @csspart line - One line's fields.
 * @csspart estimate - The estimated totals.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 *
 * @event {PortalAdminInvoiceSavedEvent} portal-admin-invoice-saved - The invoice was saved; `event.detail` is it.
 * @event {PortalAdminInvoiceFormCloseEvent} portal-admin-invoice-form-close - The person pressed Cancel.
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-invoice-form')
export class PortalAdminInvoiceForm extends AdminElement {
  static override styles = [hostStyles, formStyles, adminStyles, styles];

  /** The client the invoice is for; when empty, the form asks. */
  @property({ attribute: 'account-id' }) accountId = '';

  /** The currency to start with; else the chosen client's. */
  @property() currency = '';

  /** A draft to edit; when unset the form writes a new invoice. */
  @property({ attribute: false }) invoice?: AdminInvoice;

  /** Milliseconds after the last keystroke before the client search runs. */
  @property({ attribute: false }) searchDelay = 300;

  @state() private lines: LineDraft[] = [];
  @state() private clientQuery = '';
  @state() private clientOptions: ClientSummary[] = [];
  @state() private context?: EstimateContext;

  #keys = 0;

  readonly #clients = this.loadTask(
    'adminInvoicePickClient',
    () => [this.accountId || this.invoice ? null : this.clientQuery],
    async (admin, [q]) =>
      q === null ? initialState : (await admin.clients.list({ q: q || undefined, limit: 20 })).items,
    (items) => {
      this.clientOptions = items;
    },
  );

  readonly #context = this.loadTask(
    'adminInvoiceEstimate',
    () => [this.invoice?.accountId ?? (this.accountId || this.values.accountId || '')],
    async (admin, [id]) => {
      if (!id) return initialState;
      const [client, rules] = await Promise.all([
        admin.clients.get(id).catch(() => undefined),
        this.can(billingAdminRoutes.getSettings)
          ? admin.billing.get().then(
              (s) => s.taxRules,
              () => null,
            )
          : Promise.resolve(null),
      ]);
      if (client && !this.values.currency && !this.invoice) {
        this.values = { ...this.values, currency: this.currency || client.currency };
      }
      return { address: client?.address ?? {}, rules } satisfies EstimateContext;
    },
    (context) => {
      this.context = context;
    },
  );

  readonly #search = debounce(
    (q: string) => {
      this.clientQuery = q.trim();
    },
    () => this.searchDelay,
  );

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.lines.length) this.lines = [this.#blankLine()];
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#search.cancel();
  }

  /** Focuses the form's first field once it has rendered (pages call it as they open the form). */
  override focus(options?: FocusOptions): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('input')?.focus(options));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('invoice') && this.invoice) this.#startFrom(this.invoice);
    if (changed.has('currency') && this.currency && !this.invoice) {
      this.values = { ...this.values, currency: this.values.currency || this.currency };
    }
  }

  protected override render() {
    const editing = !!this.invoice;
    return html`<div class="base" lang=${this.textLang}>
      <form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#save}>
        ${editing || this.accountId ? nothing : this.#renderClientPicker()}
        <div class="grid-2">
          ${this.textInput('currency', this.t('invoiceCurrency'), {
            maxlength: 3,
            required: true,
            hint: this.t('invoiceCurrencyHint'),
          })}
          ${this.textInput('dueAt', this.t('dueDate'), { type: 'date', hint: this.t('dueDateHint') })}
        </div>
        ${this.#renderLines()} ${this.#renderEstimate()}
        ${textareaField({
          name: 'notes',
          label: this.t('invoiceNotes'),
          hint: this.t('invoiceNotesHint'),
          rows: 3,
          value: this.values.notes,
          error: this.fieldErrors.notes,
          onInput: this.onInput,
        })}
        ${
          editing
            ? nothing
            : checkboxField({
                name: 'issue',
                label: this.t('issueNow'),
                hint: this.t('issueNowHint'),
                checked: this.values.issue === 'on',
                onChange: this.onInput,
              })
        }
        ${this.renderMessages()}
        <div class="actions">
          ${submitButton(editing ? this.t('saveDraft') : this.values.issue === 'on' ? this.t('createAndIssue') : this.t('createDraft'), this.busy)}
          <button class="secondary" type="button" @click=${this.#close}>${this.t('cancel')}</button>
        </div>
      </form>
    </div>`;
  }

  #renderClientPicker() {
    const pending = this.#clients.status === TaskStatus.PENDING;
    return html`<div class="grid-2">
      ${textField({
        name: 'clientSearch',
        label: this.t('findClientForInvoice'),
        type: 'search',
        hint: pending ? this.t('loading') : this.t('findClientForInvoiceHint'),
        value: this.values.clientSearch,
        onInput: this.#onClientSearch,
      })}
      ${this.selectInput(
        'accountId',
        this.t('invoiceClient'),
        [
          {
            value: '',
            label: this.clientOptions.length ? this.t('chooseInvoiceClient') : this.t('noClientsForInvoice'),
          },
          ...this.clientOptions.map((c) => ({
            value: c.id,
            label: c.email ? `${c.name} (${c.email})` : c.name,
          })),
        ],
        { required: true, onChange: this.#onChooseClient },
      )}
    </div>`;
  }

  #renderLines() {
    const error = this.fieldErrors.lines;
    return html`<fieldset class="lines">
      <legend>${this.t('invoiceLines')}</legend>
      <p class="hint">${this.t('invoiceLinesHint')}</p>
      ${this.lines.map((line, i) => this.#renderLine(line, i))}
      ${error ? html`<p class="field-error">${error}</p>` : nothing}
      <div>
        <button part="button add-line" class="secondary small" type="button" ?disabled=${this.lines.length >= MAX_LINES} @click=${this.#addLine}>
          ${this.t('addLine')}
        </button>
      </div>
    </fieldset>`;
  }

  #renderLine(line: LineDraft, i: number) {
    const name = (field: string) => `lines.${i}.${field}`;
    const set = (field: keyof LineDraft) => (event: Event) => {
      const target = event.target as HTMLInputElement;
      const value = field === 'taxable' ? target.checked : target.value;
      this.lines = this.lines.map((l, j) => (j === i ? { ...l, [field]: value } : l));
      this.clearError(name(field));
    };
    return html`<fieldset part="line" class="line">
      <legend class="line-legend">${this.t('lineN', { n: i + 1 })}</legend>
      ${textField({
        name: name('description'),
        label: this.t('lineDescription'),
        required: true,
        maxlength: 300,
        value: line.description,
        error: this.fieldErrors[name('description')],
        onInput: set('description'),
      })}
      ${textField({
        name: name('quantity'),
        label: this.t('lineQuantity'),
        inputmode: 'numeric',
        value: line.quantity,
        error: this.fieldErrors[name('quantity')],
        onInput: set('quantity'),
      })}
      ${textField({
        name: name('unitAmount'),
        label: this.t('lineUnitAmount'),
        required: true,
        placeholder: moneyInputValue(0, this.#currency() ?? 'USD', this.resolvedLocale),
        value: line.unitAmount,
        error: this.fieldErrors[name('unitAmount')],
        onInput: set('unitAmount'),
      })}
      ${checkboxField({
        name: name('taxable'),
        label: this.t('lineTaxable'),
        checked: line.taxable,
        onChange: set('taxable'),
      })}
      <button class="secondary small remove" type="button" aria-label=${this.t('removeLineN', { n: i + 1 })} ?disabled=${this.lines.length === 1} @click=${() => this.#removeLine(i)}>
        ${this.t('remove')}
      </button>
    </fieldset>`;
  }

  #renderEstimate() {
    const currency = this.#currency();
    if (!currency) return nothing;
    const lang = this.resolvedLocale;
    const lines = this.lines.flatMap((l) => {
      const amount = parseMoneyInput(l.unitAmount, currency, { lang, negative: true });
      const quantity = this.#quantity(l.quantity);
      return amount.ok && quantity !== undefined
        ? [{ quantity, unitAmount: amount.amount, taxable: l.taxable }]
        : [];
    });
    const rules = this.context?.rules;
    const rule = rules && this.context ? taxRuleFor(rules, this.context.address) : null;
    const totals = estimateTotals(lines, rule);
    const m = (amount: number) => formatMoney(lang, amount, currency);
    const percent = (bps: number) =>
      new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 2 }).format(bps / 10_000);
    return html`<section part="estimate" class="estimate" aria-labelledby="estimate-title">
      <h3 id="estimate-title">${this.t('estimateTitle')}</h3>
      <dl>
        <dt>${this.t('subtotal')}</dt>
        <dd class="num">${m(totals.subtotal)}</dd>
        <dt>${totals.rule ? this.t('taxNamed', { name: totals.rule.name, rate: percent(totals.rule.rateBps) }) : this.t('tax')}</dt>
        <dd class="num">${rules ? m(totals.tax) : this.t('estimateTaxUnknown')}</dd>
        <dt>${rules ? this.t('estimateTotal') : this.t('estimateTotalBeforeTax')}</dt>
        <dd class="num"><strong>${m(totals.total)}</strong></dd>
      </dl>
      <p class="hint">${this.t('estimateNote')}</p>
    </section>`;
  }

  /** The currency typed, upper-cased, when it is three letters. */
  #currency(): string | undefined {
    const c = (this.values.currency ?? '').trim().toUpperCase();
    return /^[A-Z]{3}$/.test(c) ? c : undefined;
  }

  /** A quantity typed, or undefined when it is not a whole number from 1 to 10,000 (empty means 1). */
  #quantity(text: string): number | undefined {
    const s = text.trim() || '1';
    if (!/^\d{1,5}$/.test(s)) return undefined;
    const n = Number(s);
    return n >= 1 && n <= 10_000 ? n : undefined;
  }

  #blankLine(): LineDraft {
    return { key: ++this.#keys, description: '', quantity: '1', unitAmount: '', taxable: true };
  }

  #startFrom(invoice: AdminInvoice) {
    const lang = this.resolvedLocale;
    this.lines = invoice.lines.map((l) => ({
      key: ++this.#keys,
      description: l.description,
      quantity: String(l.quantity),
      unitAmount: moneyInputValue(l.unitAmount, invoice.currency, lang),
      taxable: l.taxable,
    }));
    if (!this.lines.length) this.lines = [this.#blankLine()];
    this.values = { currency: invoice.currency, dueAt: dateInputValue(invoice.dueAt), notes: invoice.notes };
    this.fieldErrors = {};
  }

  #onClientSearch = (event: Event) => {
    this.onInput(event);
    this.#search((event.target as HTMLInputElement).value);
  };

  #onChooseClient = (event: Event) => {
    this.onInput(event);
    const chosen = this.clientOptions.find((c) => c.id === (event.target as HTMLSelectElement).value);
    if (chosen) this.values = { ...this.values, currency: chosen.currency };
  };

  #addLine = () => {
    this.lines = [...this.lines, this.#blankLine()];
    void this.focusField(`lines.${this.lines.length - 1}.description`);
  };

  #removeLine(i: number) {
    this.lines = this.lines.filter((_, j) => j !== i);
    // The errors of later lines move up with them.
    const errors: Record<string, string> = {};
    for (const [name, message] of Object.entries(this.fieldErrors)) {
      const match = /^lines\.(\d+)\.(.+)$/.exec(name);
      if (!match) errors[name] = message;
      else if (Number(match[1]) !== i)
        errors[`lines.${Number(match[1]) > i ? Number(match[1]) - 1 : match[1]}.${match[2]}`] = message;
    }
    this.fieldErrors = errors;
    void this.focusField(`lines.${Math.min(i, this.lines.length - 1)}.description`);
  }

  #close = () => {
    this.emit(new PortalAdminInvoiceFormCloseEvent());
  };

  /** The lines as the API takes them, or the errors to show beside them. */
  #readLines(currency: string): { lines: InvoiceLineInput[]; errors: Record<string, string> } {
    const errors: Record<string, string> = {};
    const lines: InvoiceLineInput[] = [];
    const lang = this.resolvedLocale;
    this.lines.forEach((line, i) => {
      const description = line.description.trim();
      if (!description) errors[`lines.${i}.description`] = this.t('errorRequired');
      const quantity = this.#quantity(line.quantity);
      if (quantity === undefined) errors[`lines.${i}.quantity`] = this.t('errorQuantity');
      const amount = parseMoneyInput(line.unitAmount, currency, { lang, negative: true });
      if (!line.unitAmount.trim()) errors[`lines.${i}.unitAmount`] = this.t('errorRequired');
      else if (!amount.ok) errors[`lines.${i}.unitAmount`] = this.t(amount.error, { currency });
      if (description && quantity !== undefined && amount.ok) {
        lines.push({ description, quantity, unitAmount: amount.amount, taxable: line.taxable });
      }
    });
    return { lines, errors };
  }

  #save = async (event: SubmitEvent) => {
    event.preventDefault();
    const invoice = this.invoice;
    const accountId = invoice?.accountId ?? (this.accountId || this.values.accountId || '');
    const errors: Record<string, string> = {};
    if (!accountId) errors.accountId = this.t('errorChooseClient');
    const currencyError = adminChecks.currency(this.values.currency);
    const currency = this.#currency();
    if (!currency) errors.currency = this.t(currencyError ?? 'errorRequired');
    const read = currency ? this.#readLines(currency) : { lines: [], errors: {} };
    Object.assign(errors, read.errors);
    if (!this.showFieldErrors(errors) || !currency) return;
    const dueAt = this.values.dueAt?.trim() || undefined;
    const notes = this.values.notes?.trim() ?? '';
    let saved: AdminInvoice | undefined;
    await this.attempt(invoice ? 'adminUpdateInvoice' : 'adminCreateInvoice', fieldOf, async (admin) => {
      if (invoice) {
        const input: InvoiceUpdateInput = { lines: read.lines, currency, notes, dueAt: dueAt ?? null };
        saved = await admin.invoices.update(invoice.id, input);
      } else {
        const input: InvoiceCreateInput = {
          accountId,
          currency,
          lines: read.lines,
          ...(dueAt ? { dueAt } : {}),
          ...(notes ? { notes } : {}),
          issue: this.values.issue === 'on',
        };
        saved = await admin.invoices.create(input);
      }
    });
    if (!saved) return;
    this.emit(new PortalAdminInvoiceSavedEvent(saved));
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-invoice-form': PortalAdminInvoiceForm;
  }
}
