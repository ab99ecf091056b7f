import { CommonErrorCodes, CourseErrorCodes } from '@portico/sdk/contract';
import { HttpError } from '../../http/problem.js';

/**
 * The courses' errors, made in one place so each code always has the same status and words. A course the account
 * may not take, a draft and a missing one are the same 404, so an id or slug never tells that a course exists.
 */
export const CourseErrors = {
  notFound: (what = 'course') => new HttpError(404, CommonErrorCodes.NOT_FOUND, `There is no such ${what}.`),
  /** Drip: the lesson opens at `opensAt` for this account. Refused by the API, not only hidden. */
  locked: (opensAt: string) =>
    new HttpError(403, CourseErrorCodes.LESSON_LOCKED, 'This lesson is not open yet.', { opensAt }),
  conflict: (detail: string, path?: string) =>
    new HttpError(
      409,
      CommonErrorCodes.CONFLICT,
      detail,
      path ? { errors: [{ path, message: detail.replace(/\.$/, '') }] } : {},
    ),
  /** A reference the schema cannot judge alone (a module of another course): 422 on that field. */
  field: (path: string, message: string) =>
    new HttpError(422, CommonErrorCodes.VALIDATION_FAILED, 'The request body has invalid fields', {
      errors: [{ path, message }],
    }),
} as const;
