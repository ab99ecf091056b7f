import { isPortalApiError } from '@portico/sdk';
import { css, type TemplateResult } from 'lit';
import { textareaField } from '../../lib/fields.js';
import type { ErrorDisplay, Translate } from '../../lib/form.js';
import type { MessageKey } from '../../lib/localize.js';
import { textareaStyles } from '../../lib/style-fragments.js';

/** What the contract's checks say about a field, in the reader's words: when it is missing, and when too long. */
const FIELD_KEYS: Partial<Record<string, { missing: MessageKey; long?: MessageKey }>> = {
  departmentId: { missing: 'tktErrDepartment' },
  subject: { missing: 'tktErrSubject', long: 'tktErrSubjectLong' },
  message: { missing: 'tktErrMessage', long: 'tktErrMessageLong' },
};

/** A failed check of a contract schema, as zod reports it. */
interface Issue {
  code: string;
  path: readonly PropertyKey[];
  message: string;
}

/**
 * The messages to show beside each field for a contract schema's failed checks (`NewTicketInputSchema`,
 * `TicketReplyInputSchema`), so the form refuses exactly what the server would, before any request. The first
 * issue of each field wins; fields without words of their own keep the contract's.
 */
export function schemaFieldErrors(issues: readonly Issue[], t: Translate): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? '');
    if (errors[field]) continue;
    const keys = FIELD_KEYS[field];
    errors[field] = keys
      ? t(issue.code === 'too_big' && keys.long ? keys.long : keys.missing)
      : issue.message;
  }
  return errors;
}

export interface MessageFieldOptions {
  name: string;
  label: string;
  value: string | undefined;
  error?: string | undefined;
  t: Translate;
  rows?: number;
  onInput: (event: Event) => void;
}

/** The Markdown message box: labelled, says "Markdown supported", spell-checked, with its error. */
export const messageField = (o: MessageFieldOptions): TemplateResult =>
  textareaField({
    name: o.name,
    label: o.label,
    value: o.value,
    error: o.error,
    hint: o.t('tktMarkdownHint'),
    rows: o.rows ?? 6,
    required: true,
    markRequired: false,
    spellcheck: true,
    onInput: o.onInput,
  });

/** Styles of the message box. */
export const composeStyles = css`
  ${textareaStyles}
  textarea {
    min-height: 8rem;
    line-height: 1.5;
  }
`;

/** The support codes explained in the reader's words, and the field each is about. */
const CODE_MESSAGES: Partial<Record<string, { key: MessageKey; field: string }>> = {
  DEPARTMENT_UNAVAILABLE: { key: 'tktErrDepartmentUnavailable', field: 'departmentId' },
  ATTACHMENT_UNAVAILABLE: { key: 'tktErrAttachmentUnavailable', field: 'attachments' },
};

/**
 * How a refusal of a ticket or reply is shown when it carries a support code: beside its field when the form has
 * it, else in the alert. Undefined for other failures (the element's usual description applies).
 */
export function supportFailure(
  error: unknown,
  fields: readonly string[],
  t: Translate,
): ErrorDisplay | undefined {
  if (!isPortalApiError(error)) return undefined;
  const known = CODE_MESSAGES[error.code];
  if (!known) return undefined;
  return fields.includes(known.field)
    ? { alert: '', fields: { [known.field]: t(known.key) } }
    : { alert: t(known.key), fields: {} };
}
