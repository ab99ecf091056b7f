import { CommonErrorCodes, SupportErrorCodes as Codes } from '@portico/sdk/contract';
import { HttpError } from '../../http/problem.js';

const megabytes = (bytes: number) => {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${Number(mb.toFixed(1))} MB` : `${Math.round(bytes / 1024)} KB`;
};

/**
 * The support area's errors, made in one place so each code always has the same status and words. A missing
 * ticket, another account's ticket and an attachment that is not on the ticket are one 404 with one body, so an id
 * never tells whether it exists.
 */
export const SupportErrors = {
  ticketNotFound: () => new HttpError(404, CommonErrorCodes.NOT_FOUND, 'There is no such ticket.'),
  /** Every failed download: no such ticket, another account's, a file not on it, or on an internal note. */
  attachmentNotFound: () => new HttpError(404, CommonErrorCodes.NOT_FOUND, 'There is no such file.'),
  departmentNotFound: () => new HttpError(404, CommonErrorCodes.NOT_FOUND, 'There is no such department.'),
  accountNotFound: () =>
    new HttpError(404, CommonErrorCodes.NOT_FOUND, 'There is no such client.', {
      errors: [{ path: 'accountId', message: 'There is no such client', code: CommonErrorCodes.NOT_FOUND }],
    }),
  /** The department is missing, or hidden from clients (one answer for both). */
  departmentUnavailable: () =>
    new HttpError(422, Codes.DEPARTMENT_UNAVAILABLE, 'This department does not take tickets.', {
      errors: [
        {
          path: 'departmentId',
          message: 'Choose one of the departments offered',
          code: Codes.DEPARTMENT_UNAVAILABLE,
        },
      ],
    }),
  /** One of the ids is unknown, expired, already sent or someone else's (one answer for all of them). */
  attachmentUnavailable: (index: number) =>
    new HttpError(422, Codes.ATTACHMENT_UNAVAILABLE, 'A file is no longer available; upload it again.', {
      errors: [
        {
          path: `attachments.${index}`,
          message: 'This file is no longer available; upload it again',
          code: Codes.ATTACHMENT_UNAVAILABLE,
        },
      ],
    }),
  tooManyFiles: (max: number) =>
    new HttpError(400, CommonErrorCodes.VALIDATION_FAILED, 'The request body has invalid fields', {
      errors: [
        {
          path: 'attachments',
          message: max === 0 ? 'Files cannot be attached' : `At most ${max} files on one message`,
        },
      ],
    }),
  /**
   * Over the business's limit. The connection is closed after the answer, so the rest of a large body is never
   * read.
   */
  tooLarge: (max: number) =>
    new HttpError(413, Codes.ATTACHMENT_TOO_LARGE, `Files may be at most ${megabytes(max)}.`, {
      headers: { Connection: 'close' },
    }),
  /** Not an accepted extension, or the content is not what the extension says. */
  wrongType: (detail: string) => new HttpError(415, Codes.ATTACHMENT_TYPE, detail),
  /** An upload's body must be the file's raw bytes. */
  notOctetStream: () =>
    new HttpError(
      415,
      CommonErrorCodes.UNSUPPORTED_MEDIA_TYPE,
      'Send the file’s bytes as the body, with Content-Type: application/octet-stream.',
    ),
  emptyFile: () =>
    new HttpError(400, CommonErrorCodes.VALIDATION_FAILED, 'The file is empty.', {
      errors: [{ path: '(body)', message: 'The file is empty' }],
    }),
  conflict: (detail: string) => new HttpError(409, CommonErrorCodes.CONFLICT, detail),
  field: (path: string, message: string) =>
    new HttpError(400, CommonErrorCodes.VALIDATION_FAILED, 'The request body has invalid fields', {
      errors: [{ path, message }],
    }),
} as const;
