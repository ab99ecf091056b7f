import { CommonErrorCodes } from '@portico/sdk/contract';
import { HttpError } from '../../http/problem.js';

/**
 * The communities' errors, made in one place. A group the person may not see, one they are banned from and one
 * that does not exist are one 404 with one body; so are a post of another group, a hidden post of someone else and
 * a missing one.
 */
export const CommunityErrors = {
  groupNotFound: () => new HttpError(404, CommonErrorCodes.NOT_FOUND, 'There is no such group.'),
  postNotFound: () => new HttpError(404, CommonErrorCodes.NOT_FOUND, 'There is no such post.'),
  commentNotFound: () => new HttpError(404, CommonErrorCodes.NOT_FOUND, 'There is no such comment.'),
  memberNotFound: () =>
    new HttpError(404, CommonErrorCodes.NOT_FOUND, 'This person is not a member of the group.'),
  slugTaken: (slug: string) =>
    new HttpError(409, CommonErrorCodes.CONFLICT, `The slug “${slug}” is taken.`, {
      errors: [{ path: 'slug', message: `The slug “${slug}” is taken`, code: CommonErrorCodes.CONFLICT }],
    }),
  conflict: (detail: string) => new HttpError(409, CommonErrorCodes.CONFLICT, detail),
} as const;
