import { isPortalApiError } from '@portico/sdk/admin';
import * as shared from '../../lib/fields.js';
import type {
  CheckboxFieldOptions,
  SelectFieldOptions,
  TextareaFieldOptions,
  TextFieldOptions,
} from '../../lib/fields.js';
import {
  besideOrAlert,
  describeError,
  type ErrorDisplay,
  type FieldOf,
  fieldForCode,
  matchFields,
  serverWords,
  splitFieldErrors,
} from '../../lib/form.js';
import type { AdminMessages, AdminTranslate } from './localize.js';

export { badge } from '../../lib/fields.js';

/** Which form fields a server's field error path belongs to: a list of names, or a mapping function. */
export type FieldMatcher = readonly string[] | FieldOf;

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
  const fieldOf = typeof fields === 'function' ? fields : matchFields(fields);
  const { shown, rest } = splitFieldErrors(error, fieldOf);
  const known = CODE_MESSAGES[error.code];
  if (known) {
    const target = fieldForCode(error, CODE_FIELDS[error.code], fieldOf);
    return besideOrAlert(t((target && FIELD_MESSAGES[`${error.code} ${target}`]) || known), target);
  }
  if (error.status === 429) return { alert: describeError(error, [], t).alert, fields: shown };
  return serverWords(error, shown, rest);
}

/** The console's labels do not mark required fields with `*`. */
const unmarked = { markRequired: false } as const;

/** A labelled input with its hint and error, linked through `aria-describedby`. */
export const textField = (o: TextFieldOptions) => shared.textField({ ...o, ...unmarked });

/** A labelled multi-line input. */
export const textareaField = (o: TextareaFieldOptions) => shared.textareaField({ ...o, ...unmarked });

/** A labelled drop-down. */
export const selectField = (o: SelectFieldOptions) => shared.selectField({ ...o, ...unmarked });

/** A checkbox with its label beside it and an optional hint below. */
export const checkboxField = (o: CheckboxFieldOptions) => shared.checkboxField({ ...o, ...unmarked });
