import { isPortalApiError, type PortalApiError, PortalNetworkError, PortalTimeoutError } from '@portico/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { MessageKey } from './localize.js';

/** Translates a message key (bound to an element's language). */
export type Translate = (key: MessageKey, params?: Record<string, unknown>) => string;

export interface FieldOptions {
  /** The input's `name` and `id` (unique within the shown form). */
  name: string;
  label: string;
  value: string | undefined;
  type?: string;
  autocomplete?: string;
  inputmode?: 'numeric' | 'email' | 'text';
  hint?: string;
  error?: string | undefined;
  /** Rendered beside the input, e.g. a show/hide toggle. */
  after?: TemplateResult;
  onInput: (event: Event) => void;
}

/** A labelled input with its hint and error, linked through `aria-describedby`. */
export function field(o: FieldOptions): TemplateResult {
  const hintId = o.hint ? `${o.name}-hint` : '';
  const errorId = o.error ? `${o.name}-error` : '';
  const describedBy = [errorId, hintId].filter(Boolean).join(' ');
  return html`<div part="field" class="field">
    <label part="label" for=${o.name}>${o.label}</label>
    <div class="control">
      <input
        part="input"
        id=${o.name}
        name=${o.name}
        type=${o.type ?? 'text'}
        .value=${o.value ?? ''}
        autocomplete=${ifDefined(o.autocomplete)}
        inputmode=${ifDefined(o.inputmode)}
        spellcheck="false"
        required
        aria-invalid=${o.error ? 'true' : 'false'}
        aria-describedby=${describedBy || nothing}
        @input=${o.onInput}
      />${o.after ?? nothing}
    </div>
    ${o.hint ? html`<p part="hint" class="hint" id=${hintId}>${o.hint}</p>` : nothing}
    ${o.error ? html`<p part="error field-error" class="field-error" id=${errorId}>${o.error}</p>` : nothing}
  </div>`;
}

/** The submit button, disabled with a spinner while `busy`. */
export function submitButton(label: string, busy: boolean): TemplateResult {
  return html`<button part="button submit" class="primary" type="submit" ?disabled=${busy}>
    ${busy ? html`<span class="spinner" part="spinner" aria-hidden="true"></span>` : nothing}${label}
  </button>`;
}

/** A secondary action that looks like a link (switching views, resending a code). */
export function linkButton(label: string, onClick: () => void, disabled = false): TemplateResult {
  return html`<button part="link" class="link" type="button" ?disabled=${disabled} @click=${onClick}>
    ${label}
  </button>`;
}

export interface RowButtonOptions {
  /** Its own `part` name, after `button`; none when left out. */
  part?: string;
  text: string;
  /** Names the row too (e.g. "Remove Ada"), since every row's button says the same. */
  ariaLabel: string;
  /** Destructive: drawn in the danger colour. */
  danger?: boolean;
  disabled: boolean;
  onClick: (event: Event) => void;
}

/** A small button acting on one row of a list or table (a passkey, a session, a contact). */
export function rowButton(o: RowButtonOptions): TemplateResult {
  return html`<button
    part=${o.part ? `button ${o.part}` : nothing}
    class="secondary ${o.danger ? 'danger ' : ''}small"
    type="button"
    aria-label=${o.ariaLabel}
    ?disabled=${o.disabled}
    @click=${o.onClick}
  >
    ${o.text}
  </button>`;
}

/** What to show for a failed request: messages beside the given fields, and the rest in the alert. */
export interface ErrorDisplay {
  alert: string;
  fields: Record<string, string>;
}

/** The form field a server's field error path belongs to, or undefined when the form does not show it. */
export type FieldOf = (path: string) => string | undefined;

/** Matches a path to the field of that name, when `fields` lists it. */
export const matchFields =
  (fields: readonly string[]): FieldOf =>
  (path) =>
    fields.includes(path) ? path : undefined;

/** The server's field errors: the first for each field the form shows, and the rest (for the alert). */
export function splitFieldErrors(
  error: PortalApiError,
  fieldOf: FieldOf,
): { shown: Record<string, string>; rest: string[] } {
  const shown: Record<string, string> = {};
  const rest: string[] = [];
  for (const [path, message] of Object.entries(error.fieldErrors)) {
    const name = fieldOf(path);
    if (name) shown[name] ??= message;
    else rest.push(message);
  }
  return { shown, rest };
}

/** The shown field an error code is about: `usual` for the code, else the first one the server named. */
export function fieldForCode(
  error: PortalApiError,
  usual: string | undefined,
  fieldOf: FieldOf,
): string | undefined {
  return [usual, ...error.errors.map((e) => e.path)]
    .map((path) => (path ? fieldOf(path) : undefined))
    .find(Boolean);
}

/** `message` beside `field`, or in the alert when there is no field to put it beside. */
export const besideOrAlert = (message: string, field: string | undefined): ErrorDisplay =>
  field ? { alert: '', fields: { [field]: message } } : { alert: message, fields: {} };

/** The server's own words: field errors beside their fields, the rest (else, with none shown, its detail) in the alert. */
export function serverWords(
  error: PortalApiError,
  shown: Record<string, string>,
  rest: string[],
): ErrorDisplay {
  const alert = rest.join(' ') || (Object.keys(shown).length ? '' : (error.detail ?? error.title));
  return { alert, fields: shown };
}

/**
 * Splits an SDK error into field messages (for the fields the form shows) and an alert message. Messages the
 * server wrote are shown as it sent them; only the client's own failures (network, timeout, 429) are localized.
 */
export function describeError(error: unknown, fields: readonly string[], t: Translate): ErrorDisplay {
  if (!isPortalApiError(error)) {
    const key: MessageKey =
      error instanceof PortalNetworkError
        ? 'networkError'
        : error instanceof PortalTimeoutError
          ? 'timeoutError'
          : 'unexpectedError';
    return { alert: t(key), fields: {} };
  }
  const shown: Record<string, string> = {};
  const rest: string[] = [];
  for (const [path, message] of Object.entries(error.fieldErrors)) {
    if (fields.includes(path)) shown[path] = message;
    else rest.push(message);
  }
  let alert = rest.join(' ');
  if (error.code === 'SERVER_BUSY') {
    // Not the person's doing: the SDK already waited and retried once.
    alert = t('serverBusy');
  } else if (error.status === 429) {
    alert =
      error.retryAfter !== undefined
        ? t('rateLimited', { seconds: Math.ceil(error.retryAfter) })
        : t('rateLimitedLater');
  } else if (!alert && Object.keys(shown).length === 0) {
    alert = error.detail ?? error.title;
  }
  return { alert, fields: shown };
}

/** Drops the spaces and dashes people type inside a one-time code. */
export const normalizeCode = (code: string | undefined) => (code ?? '').replace(/[\s-]/g, '');

/** The client-side checks: only what can be told without the server, in the element's language. */
export const checks = {
  email: (v: string | undefined): MessageKey | undefined =>
    /^[^\s@]+@[^\s@]+$/.test((v ?? '').trim()) ? undefined : 'enterEmail',
  password: (v: string | undefined): MessageKey | undefined => (v ? undefined : 'enterPassword'),
  newPassword: (v: string | undefined): MessageKey | undefined =>
    (v ?? '').length >= 8 ? undefined : 'passwordTooShort',
  name: (v: string | undefined): MessageKey | undefined => ((v ?? '').trim() ? undefined : 'enterName'),
  code: (v: string | undefined): MessageKey | undefined =>
    /^\d{6}$/.test(normalizeCode(v)) ? undefined : 'enterCode',
};

/** The 6-digit one-time code input (numeric keypad, and the browser may fill it from the mail or SMS). */
export function codeField(o: Pick<FieldOptions, 'label' | 'value' | 'error' | 'onInput'>): TemplateResult {
  return field({ ...o, name: 'code', autocomplete: 'one-time-code', inputmode: 'numeric' });
}
