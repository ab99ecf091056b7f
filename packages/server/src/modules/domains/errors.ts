import { CommonErrorCodes, DomainErrorCodes as Codes } from '@portico/sdk/contract';
import { HttpError } from '../../http/problem.js';

/**
 * The domains area's errors, made in one place so each code always has the same status and words. A missing
 * domain and another account's domain are the same 404 with the same body, so an id never tells whether it exists.
 */
export const DomainErrors = {
  notFound: (what = 'domain') => new HttpError(404, CommonErrorCodes.NOT_FOUND, `There is no such ${what}.`),
  /** The business hides domain search (or the whole store) from the portal. */
  searchClosed: () => new HttpError(404, CommonErrorCodes.NOT_FOUND, 'Domain search is not offered here.'),
  conflict: (detail: string) => new HttpError(409, CommonErrorCodes.CONFLICT, detail),
  tldNotOffered: (tld: string | null, path = 'domain') => {
    const message = tld
      ? `Names ending in .${tld} are not sold here`
      : 'Names with this ending are not sold here';
    return new HttpError(422, Codes.TLD_NOT_OFFERED, `${message}.`, {
      errors: [{ path, message, code: Codes.TLD_NOT_OFFERED }],
    });
  },
  notActive: (status: string) =>
    new HttpError(409, Codes.DOMAIN_NOT_ACTIVE, `This domain is ${status}: it cannot be changed now.`),
  /** The registrar refused or could not be reached. The detail never carries the registrar's own words. */
  registrar: (permanent: boolean) =>
    new HttpError(
      502,
      Codes.REGISTRAR_ERROR,
      permanent
        ? 'The registrar refused the change. Nothing was changed; contact support if it keeps happening.'
        : 'The registrar could not be reached. Nothing was changed; try again in a moment.',
    ),
  /** A field the contract's schema cannot judge alone (an unknown registrar id): the same 400 as schema errors. */
  field: (path: string, message: string) =>
    new HttpError(400, CommonErrorCodes.VALIDATION_FAILED, 'The request body has invalid fields', {
      errors: [{ path, message }],
    }),
} as const;
