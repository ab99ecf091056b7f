import { isPortalApiError } from '@portico/sdk/admin';
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { describeError, type ErrorDisplay } from '../../lib/form.js';
import type { AdminMessages, AdminTranslate } from './localize.js';

/** Which form fields a server's field error path belongs to: a list of names, or a mapping function. */
export type FieldMatcher = readonly string[] | ((path: string) => string | undefined);

/** An element id made from a field name (`address.line1` → `address-line1`), safe in selectors. */
export const idOf = (name: string) => name.replace(/[^\w-]/g, '-');

/** Error codes the console explains in the staff member's language instead of showing the server's words. */
const CODE_MESSAGES: Partial<Record<string, keyof AdminMessages>> = {
  INVALID_CREDENTIALS: 'errorInvalidCredentials',
  STAFF_DISABLED: 'errorStaffDisabled',
  INVALID_CODE: 'errorInvalidCode',
  TICKET_INVALID: 'errorTicketInvalid',
  TOO_MANY_ATTEMPTS: 'errorTooManyAttempts',
  LAST_ADMIN: 'errorLastAdmin',
  MFA_REQUIRED: 'errorMfaRequired',
  MFA_ENROLMENT_REQUIRED: 'errorMfaEnrolmentRequired',
  TOTP_ALREADY_ENABLED: 'errorTotpAlreadyEnabled',
  TOTP_NOT_STARTED: 'errorTotpNotStarted',
  ROLE_NOT_ALLOWED: 'errorNotAllowed',
  FORBIDDEN: 'errorNotAllowed',
  UNAUTHENTICATED: 'errorSignedOut',
  SESSION_EXPIRED: 'errorSignedOut',
  LINK_INVALID: 'errorLinkInvalid',
  EMAIL_TAKEN: 'errorEmailTaken',
  CLIENT_NOT_FOUND: 'errorNotFound',
  PORTAL_USER_NOT_FOUND: 'errorNotFound',
  STAFF_NOT_FOUND: 'errorNotFound',
  LOGO_TYPE: 'logoType',
  LOGO_TOO_LARGE: 'logoTooLarge',
  NO_CUSTOM_DOMAIN: 'errorNoCustomDomain',
  DNS_LOOKUP_FAILED: 'errorDnsLookup',
};

/** The field a code's message belongs beside, when the form shows that field. */
const CODE_FIELDS: Partial<Record<string, string>> = {
  INVALID_CODE: 'code',
  EMAIL_TAKEN: 'email',
  INVALID_CREDENTIALS: 'currentPassword',
  LOGO_TYPE: 'logo',
  LOGO_TOO_LARGE: 'logo',
};

/** A clearer message for a code when it is about a particular field. */
const FIELD_MESSAGES: Partial<Record<string, keyof AdminMessages>> = {
  'INVALID_CREDENTIALS currentPassword': 'errorCurrentPassword',
};

/**
 * Splits an SDK error into messages beside fields and an alert. Validation messages the server wrote are shown as
 * sent; the codes the console knows (wrong password, disabled, last admin, ...) are explained in its language.
 */
export function describeAdminError(error: unknown, fields: FieldMatcher, t: AdminTranslate): ErrorDisplay {
  if (!isPortalApiError(error)) return describeError(error, [], t);
  const fieldOf =
    typeof fields === 'function' ? fields : (path: string) => (fields.includes(path) ? path : undefined);
  const shown: Record<string, string> = {};
  const rest: string[] = [];
  for (const [path, message] of Object.entries(error.fieldErrors)) {
    const name = fieldOf(path);
    if (name) shown[name] ??= message;
    else rest.push(message);
  }
  const known = CODE_MESSAGES[error.code];
  if (known) {
    // The field the code is about: the usual one for the code, else the one the server named.
    const target = [CODE_FIELDS[error.code], ...error.errors.map((e) => e.path)]
      .map((path) => (path ? fieldOf(path) : undefined))
      .find(Boolean);
    const message = t((target && FIELD_MESSAGES[`${error.code} ${target}`]) || known);
    return target ? { alert: '', fields: { [target]: message } } : { alert: message, fields: {} };
  }
  if (error.status === 429) return { alert: describeError(error, [], t).alert, fields: shown };
  const alert = rest.join(' ') || (Object.keys(shown).length ? '' : (error.detail ?? error.title));
  return { alert, fields: shown };
}

interface BaseFieldOptions {
  /** The control's `name`; errors from the server are matched to it. */
  name: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  /** Marks the field required for assistive technology (the checks themselves run in code). */
  required?: boolean;
}

export interface TextFieldOptions extends BaseFieldOptions {
  value: string | undefined;
  type?: string;
  autocomplete?: string;
  inputmode?: 'numeric' | 'email' | 'text' | 'url';
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

function below(o: BaseFieldOptions, hintId: string, errorId: string) {
  return html`${o.hint ? html`<p part="hint" class="hint" id=${hintId}>${o.hint}</p>` : nothing}
  ${o.error ? html`<p part="error field-error" class="field-error" id=${errorId}>${o.error}</p>` : nothing}`;
}

/** A labelled input with its hint and error, linked through `aria-describedby`. */
export function textField(o: TextFieldOptions): TemplateResult {
  const { id, hintId, errorId, describedBy } = described(o);
  return html`<div part="field" class="field">
    <label part="label" for=${id}>${o.label}</label>
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
  onInput: (event: Event) => void;
}

/** A labelled multi-line input. */
export function textareaField(o: TextareaFieldOptions): TemplateResult {
  const { id, hintId, errorId, describedBy } = described(o);
  return html`<div part="field" class="field">
    <label part="label" for=${id}>${o.label}</label>
    <textarea
      part="input"
      id=${id}
      name=${o.name}
      rows=${o.rows ?? 4}
      spellcheck="false"
      .value=${live(o.value ?? '')}
      ?required=${o.required}
      aria-invalid=${o.error ? 'true' : 'false'}
      aria-describedby=${describedBy}
      @input=${o.onInput}
    ></textarea>
    ${below(o, hintId, errorId)}
  </div>`;
}

export interface SelectFieldOptions extends BaseFieldOptions {
  value: string | undefined;
  options: readonly { value: string; label: string }[];
  onChange: (event: Event) => void;
}

/** A labelled drop-down. */
export function selectField(o: SelectFieldOptions): TemplateResult {
  const { id, hintId, errorId, describedBy } = described(o);
  return html`<div part="field" class="field">
    <label part="label" for=${id}>${o.label}</label>
    <select
      part="input select"
      id=${id}
      name=${o.name}
      .value=${live(o.value ?? '')}
      ?required=${o.required}
      aria-invalid=${o.error ? 'true' : 'false'}
      aria-describedby=${describedBy}
      @change=${o.onChange}
    >
      ${o.options.map(
        (option) =>
          html`<option value=${option.value} ?selected=${option.value === (o.value ?? '')}>${option.label}</option>`,
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
        aria-describedby=${describedBy}
        @change=${o.onChange}
      />
      <label part="label" for=${id}>${o.label}</label>
    </div>
    ${below(o, hintId, errorId)}
  </div>`;
}

/** A small status label; `tone` picks its colours. */
export function badge(text: string, tone: 'good' | 'warn' | 'bad' | 'neutral' = 'neutral'): TemplateResult {
  return html`<span part="badge" class="badge ${tone}">${text}</span>`;
}
