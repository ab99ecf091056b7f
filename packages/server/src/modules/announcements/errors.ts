import { CommonErrorCodes } from '@portico/sdk/contract';
import { HttpError } from '../../http/problem.js';

/**
 * The announcements area's errors. A draft, a scheduled announcement and one that never existed get the same 404,
 * so a guessed slug never tells which.
 */
export const AnnouncementErrors = {
  notFound: () => new HttpError(404, CommonErrorCodes.NOT_FOUND, 'There is no such announcement.'),
  /** The business hides announcements from the portal. */
  hidden: () => new HttpError(404, CommonErrorCodes.NOT_FOUND, 'Announcements are not offered here.'),
  slugTaken: (slug: string) =>
    new HttpError(
      409,
      CommonErrorCodes.CONFLICT,
      `Another announcement already uses the address “${slug}”.`,
      {
        errors: [{ path: 'slug', message: 'Another announcement uses this address', code: 'CONFLICT' }],
      },
    ),
  notPublished: () =>
    new HttpError(
      409,
      CommonErrorCodes.CONFLICT,
      'Only a published announcement can be mailed: publish it (with a date that has come) first.',
    ),
  alreadyMailed: (at: string) =>
    new HttpError(409, CommonErrorCodes.CONFLICT, `This announcement was already mailed to clients (${at}).`),
  /** Unknown, forged and expired unsubscribe links all get this one answer. */
  linkInvalid: () =>
    new HttpError(
      400,
      'LINK_INVALID',
      'This unsubscribe link is not valid any more. Sign in to the portal or contact us.',
    ),
} as const;
