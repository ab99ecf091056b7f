import {
  CommonErrorCodes,
  DomainErrorCodes as Codes,
  type DomainPriceAction,
  domainToUnicode,
} from '@portico/sdk/contract';
import { HttpError } from '../../http/problem.js';
import { yearsLabel } from './views.js';

const SOLD: Record<DomainPriceAction, string> = {
  register: 'registrations',
  renew: 'renewals',
  transfer: 'transfers',
};

const field = (path: string, message: string, detail = 'The request body has invalid fields') =>
  new HttpError(400, CommonErrorCodes.VALIDATION_FAILED, detail, { errors: [{ path, message }] });

/**
 * The domains area's errors, made in one place so each code always has the same status and words. A missing
 * domain and another account's domain are the same 404 with the same body, so an id never tells whether it exists.
 */
export const DomainErrors = {
  notFound: (what = 'domain') => new HttpError(404, CommonErrorCodes.NOT_FOUND, `There is no such ${what}.`),
  /** The business hides domain search (or the whole store) from the portal. */
  searchClosed: () => new HttpError(404, CommonErrorCodes.NOT_FOUND, 'Domain search is not offered here.'),
  conflict: (detail: string) => new HttpError(409, CommonErrorCodes.CONFLICT, detail),
  /** `domain` (ASCII) ends in no TLD the business sells; the message names its last label as people read it. */
  tldNotOffered: (domain: string, path = 'domain') => {
    const tld = domainToUnicode(domain.split('.').at(-1) ?? '');
    const message = tld
      ? `Names ending in .${tld} are not sold here`
      : 'Names with this ending are not sold here';
    return new HttpError(422, Codes.TLD_NOT_OFFERED, `${message}.`, {
      errors: [{ path, message, code: Codes.TLD_NOT_OFFERED }],
    });
  },
  /** The TLD's grid has no price for `action` over `years` in `currency`. */
  priceUnavailable: (
    path: string,
    price: { tld: string; action: DomainPriceAction; years: number; currency: string },
  ) => {
    const detail = `.${domainToUnicode(price.tld)} ${SOLD[price.action]} are not sold for ${yearsLabel(price.years)} in ${price.currency}.`;
    return new HttpError(422, Codes.PRICE_UNAVAILABLE, detail, {
      errors: [{ path, message: detail, code: Codes.PRICE_UNAVAILABLE }],
    });
  },
  /** Taken, held by another order, or premium (`why`): the name cannot be ordered. */
  unavailable: (path: string, unicode: string, why = 'is taken') => {
    const message = `${unicode} ${why}`;
    return new HttpError(409, Codes.DOMAIN_UNAVAILABLE, `${message}.`, {
      errors: [{ path, message, code: Codes.DOMAIN_UNAVAILABLE }],
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
  /**
   * A field the contract's schema cannot judge alone (an unknown registrar id, a name twice in one order): the same
   * 400 VALIDATION_FAILED as schema errors.
   */
  field,
  duplicate: (path: string, unicode: string) =>
    field(path, `${unicode} is already in this order`, `${unicode} is in the order twice.`),
  /** A valid name with more labels under the TLD than a registry takes (`www.example.com`). */
  notRegistrable: (path: string, unicode: string, tld: string) =>
    field(
      path,
      `Enter the name itself, with nothing before it (such as example.${domainToUnicode(tld)})`,
      `${unicode} is not a name that can be registered.`,
    ),
} as const;
