import { AffiliateErrorCodes as Codes, CommonErrorCodes } from '@portico/sdk/contract';
import { HttpError } from '../../http/problem.js';

/**
 * The affiliate programme's errors, made in one place so each code always has the same status and words. Another
 * account's affiliate, payout or commission is the same 404 as a missing one.
 */
export const AffiliateErrors = {
  notAffiliate: () =>
    new HttpError(404, CommonErrorCodes.NOT_FOUND, 'This account is not in the affiliate programme.'),
  affiliateNotFound: () => new HttpError(404, CommonErrorCodes.NOT_FOUND, 'There is no such affiliate.'),
  payoutNotFound: () => new HttpError(404, CommonErrorCodes.NOT_FOUND, 'There is no such payout.'),
  alreadyAffiliate: () =>
    new HttpError(409, Codes.ALREADY_AFFILIATE, 'This account is in the affiliate programme already.'),
  inactive: () =>
    new HttpError(
      409,
      Codes.AFFILIATE_INACTIVE,
      'Only active affiliates can ask for payouts; this account is not active in the programme.',
    ),
  payoutAmount: (detail: string, message: string) =>
    new HttpError(422, Codes.PAYOUT_AMOUNT, detail, {
      errors: [{ path: 'amount', message, code: Codes.PAYOUT_AMOUNT }],
    }),
  payoutPending: (currency: string) =>
    new HttpError(
      409,
      Codes.PAYOUT_PENDING,
      `A payout in ${currency} is already waiting; ask for the next one once it is decided.`,
    ),
  conflict: (detail: string) => new HttpError(409, CommonErrorCodes.CONFLICT, detail),
  unknownProducts: (indexes: readonly number[]) =>
    new HttpError(422, CommonErrorCodes.VALIDATION_FAILED, 'Some of those products do not exist.', {
      errors: indexes.map((i) => ({
        path: `items.${i}.productId`,
        message: 'Choose a product that exists',
        code: 'UNKNOWN_PRODUCT',
      })),
    }),
} as const;
