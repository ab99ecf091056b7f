import { CommonErrorCodes } from '@portico/sdk/contract';
import { HttpError } from '../../http/problem.js';

const field = (path: string, message: string) =>
  new HttpError(400, CommonErrorCodes.VALIDATION_FAILED, 'The request body has invalid fields', {
    errors: [{ path, message }],
  });

/** The status page's errors. */
export const StatusErrors = {
  /** The business hides its status page. */
  hidden: () => new HttpError(404, CommonErrorCodes.NOT_FOUND, 'The status page is not offered here.'),
  notFound: (what: 'component' | 'incident') =>
    new HttpError(404, CommonErrorCodes.NOT_FOUND, `There is no such ${what}.`),
  nameTaken: (name: string) =>
    new HttpError(409, CommonErrorCodes.CONFLICT, `There is already a component called “${name}”.`, {
      errors: [{ path: 'name', message: 'Another component has this name', code: 'CONFLICT' }],
    }),
  /** A rule the contract's schema cannot judge alone: the same 400 VALIDATION_FAILED as schema errors. */
  field,
  statusOfOtherKind: (kind: 'incident' | 'maintenance') =>
    field(
      'status',
      kind === 'maintenance'
        ? 'Maintenance is scheduled, in_progress or completed'
        : 'An incident is investigating, identified, monitoring or resolved',
    ),
} as const;
