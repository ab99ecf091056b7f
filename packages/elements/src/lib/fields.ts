import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';

/** An element id made from a field name (`address.line1` → `address-line1`), safe in selectors. */
export const idOf = (name: string) => name.replace(/[^\w-]/g, '-');

interface BaseFieldOptions {
  /** The control's `name`, matched to the server's field error paths (`company`, `address.city`). */
  name: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  /** Marks the field required for assistive technology (the checks themselves run in code). */
  required?: boolean | undefined;
  /** Draws a `*` after the label of a required field; on unless false. */
  markRequired?: boolean;
  disabled?: boolean | undefined;
}

export interface TextFieldOptions extends BaseFieldOptions {
  value: string | undefined;
  type?: string;
  autocomplete?: string;
  inputmode?: 'numeric' | 'email' | 'text' | 'tel' | 'url';
  placeholder?: string;
  maxlength?: number;
  readonly?: boolean;
  /** Rendered beside the input, e.g. a copy button. */
  after?: TemplateResult;
  onInput?: (event: Event) => void;
}

function described(o: BaseFieldOptions) {
  const id = idOf(o.name);
  const hintId = o.hint ? `${id}-hint` : '';
  const errorId = o.error ? `${id}-error` : '';
  return { id, hintId, errorId, describedBy: [errorId, hintId].filter(Boolean).join(' ') || nothing };
}

const label = (o: BaseFieldOptions, id: string) =>
  html`<label part="label" for=${id}
    >${o.label}${
      o.required && o.markRequired !== false
        ? html`<span class="required" aria-hidden="true"> *</span>`
        : nothing
    }</label
  >`;

const below = (o: BaseFieldOptions, hintId: string, errorId: string) =>
  html`${o.hint ? html`<p part="hint" class="hint" id=${hintId}>${o.hint}</p>` : nothing}${
    o.error ? html`<p part="error field-error" class="field-error" id=${errorId}>${o.error}</p>` : nothing
  }`;

/** A labelled input with its hint and error, linked through `aria-describedby`. */
export function textField(o: TextFieldOptions): TemplateResult {
  const { id, hintId, errorId, describedBy } = described(o);
  return html`<div part="field" class="field">
    ${label(o, id)}
    <div class="control">
      <input
        part="input"
        id=${id}
        name=${o.name}
        type=${o.type ?? 'text'}
        .value=${live(o.value ?? '')}
        autocomplete=${o.autocomplete ?? 'off'}
        inputmode=${ifDefined(o.inputmode)}
        placeholder=${ifDefined(o.placeholder)}
        maxlength=${ifDefined(o.maxlength)}
        spellcheck="false"
        ?required=${o.required}
        ?readonly=${o.readonly}
        ?disabled=${o.disabled}
        aria-invalid=${o.error ? 'true' : 'false'}
        aria-describedby=${describedBy}
        @input=${o.onInput}
      />${o.after ?? nothing}
    </div>
    ${below(o, hintId, errorId)}
  </div>`;
}

export interface TextareaFieldOptions extends BaseFieldOptions {
  value: string | undefined;
  rows?: number;
  /** Spell-checks the text (prose, not codes or addresses); off unless true. */
  spellcheck?: boolean;
  onInput: (event: Event) => void;
}

/** A labelled multi-line input. */
export function textareaField(o: TextareaFieldOptions): TemplateResult {
  const { id, hintId, errorId, describedBy } = described(o);
  return html`<div part="field" class="field">
    ${label(o, id)}
    <textarea
      part="input"
      id=${id}
      name=${o.name}
      rows=${o.rows ?? 4}
      spellcheck=${o.spellcheck ? nothing : 'false'}
      .value=${live(o.value ?? '')}
      ?required=${o.required}
      ?disabled=${o.disabled}
      aria-invalid=${o.error ? 'true' : 'false'}
      aria-describedby=${describedBy}
      @input=${o.onInput}
    ></textarea>
    ${below(o, hintId, errorId)}
  </div>`;
}

export interface SelectFieldOptions extends BaseFieldOptions {
  value: string | undefined;
  options: readonly { value: string; label: string; lang?: string }[];
  autocomplete?: string;
  onChange: (event: Event) => void;
}

/** A labelled drop-down. */
export function selectField(o: SelectFieldOptions): TemplateResult {
  const { id, hintId, errorId, describedBy } = described(o);
  const value = o.value ?? '';
  return html`<div part="field" class="field">
    ${label(o, id)}
    <select
      part="input select"
      id=${id}
      name=${o.name}
      autocomplete=${o.autocomplete ?? 'off'}
      .value=${live(value)}
      ?required=${o.required}
      ?disabled=${o.disabled}
      aria-invalid=${o.error ? 'true' : 'false'}
      aria-describedby=${describedBy}
      @change=${o.onChange}
    >
      ${o.options.map(
        (option) =>
          html`<option value=${option.value} lang=${ifDefined(option.lang)} ?selected=${option.value === value}>${option.label}</option>`,
      )}
    </select>
    ${below(o, hintId, errorId)}
  </div>`;
}

export interface CheckboxFieldOptions extends BaseFieldOptions {
  checked: boolean;
  onChange: (event: Event) => void;
}

/** A checkbox with its label beside it and an optional hint below. */
export function checkboxField(o: CheckboxFieldOptions): TemplateResult {
  const { id, hintId, errorId, describedBy } = described(o);
  return html`<div part="field checkbox" class="field checkbox">
    <div class="check">
      <input
        part="checkbox"
        type="checkbox"
        id=${id}
        name=${o.name}
        .checked=${live(o.checked)}
        ?disabled=${o.disabled}
        aria-describedby=${describedBy}
        @change=${o.onChange}
      />
      ${label(o, id)}
    </div>
    ${below(o, hintId, errorId)}
  </div>`;
}

/** A small status label; `tone` picks its colours (the text always says it, never the colour alone). */
export function badge(text: string, tone: 'good' | 'warn' | 'bad' | 'neutral' = 'neutral'): TemplateResult {
  return html`<span part="badge" class="badge ${tone}">${text}</span>`;
}
