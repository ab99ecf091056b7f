import { CommonErrorCodes } from '@portico/sdk/contract';
import { invalidCursor } from '../../http/cursor.js';
import { HttpError } from '../../http/problem.js';

/**
 * The knowledge base's and FAQ's errors, made in one place so each code always has the same status and words. A
 * draft and a missing article are the same 404, so a guessed slug never tells that a draft exists.
 */
export const ContentErrors = {
  notFound: (what: string) => new HttpError(404, CommonErrorCodes.NOT_FOUND, `There is no such ${what}.`),
  /** The business hides this part of the portal: every route of it answers as if it did not exist. */
  sectionHidden: (section: string) =>
    new HttpError(404, CommonErrorCodes.NOT_FOUND, `The ${section} is not offered here.`),
  conflict: (detail: string, path?: string) =>
    new HttpError(
      409,
      CommonErrorCodes.CONFLICT,
      detail,
      path ? { errors: [{ path, message: detail.replace(/\.$/, '') }] } : {},
    ),
  /** The same 400 a tampered cursor gets: also for one naming an article that is gone. */
  invalidCursor,
  /** A reference the schema cannot judge alone (an unknown category or group): the same 400 as schema errors. */
  field: (path: string, message: string) =>
    new HttpError(400, CommonErrorCodes.VALIDATION_FAILED, 'The request body has invalid fields', {
      errors: [{ path, message }],
    }),
} as const;
