import { BillingErrorCodes as Codes, CommonErrorCodes } from '@portico/sdk/contract';
import { HttpError } from '../../http/problem.js';

/**
 * The billing area's errors, made in one place so each code always has the same status. A missing record and
 * another account's record are the same 404 with the same words, so an id never tells whether it exists.
 */
export const BillingErrors = {
  notFound: (what: string) => new HttpError(404, CommonErrorCodes.NOT_FOUND, `There is no such ${what}.`),
  conflict: (detail: string) => new HttpError(409, CommonErrorCodes.CONFLICT, detail),
  productUnavailable: (path: string, detail = 'This product is not available in that currency and cycle.') =>
    new HttpError(422, Codes.PRODUCT_UNAVAILABLE, detail, {
      errors: [{ path, message: detail, code: Codes.PRODUCT_UNAVAILABLE }],
    }),
  outOfStock: (path: string, name: string) =>
    new HttpError(409, Codes.OUT_OF_STOCK, `${name} is out of stock.`, {
      errors: [{ path, message: `${name} is out of stock`, code: Codes.OUT_OF_STOCK }],
    }),
  termsNotAccepted: () =>
    new HttpError(422, Codes.TERMS_NOT_ACCEPTED, 'Accept the Terms of Service to place the order.', {
      errors: [
        { path: 'acceptTerms', message: 'Accept the Terms of Service', code: Codes.TERMS_NOT_ACCEPTED },
      ],
    }),
  currencyNotEnabled: (currency: string, path = 'currency') =>
    new HttpError(400, Codes.CURRENCY_NOT_ENABLED, `${currency} is not a billing currency here.`, {
      errors: [{ path, message: `${currency} is not enabled`, code: Codes.CURRENCY_NOT_ENABLED }],
    }),
  invoiceNotPayable: (status: string) =>
    new HttpError(409, Codes.INVOICE_NOT_PAYABLE, `This invoice is ${status}: there is nothing to pay.`),
  invoiceNotEditable: (status: string) =>
    new HttpError(409, Codes.INVOICE_NOT_EDITABLE, `This invoice is ${status}: only drafts can change.`),
  amountInvalid: (detail: string) =>
    new HttpError(422, Codes.AMOUNT_INVALID, detail, {
      errors: [{ path: 'amount', message: detail, code: Codes.AMOUNT_INVALID }],
    }),
  insufficientCredit: (detail: string) => new HttpError(409, Codes.INSUFFICIENT_CREDIT, detail),
  gatewayUnavailable: (id: string) =>
    new HttpError(422, Codes.GATEWAY_UNAVAILABLE, `“${id}” does not take payments here.`, {
      errors: [{ path: 'gateway', message: 'Choose another way to pay', code: Codes.GATEWAY_UNAVAILABLE }],
    }),
  gatewayError: (detail = 'The payment provider could not be reached. Nothing was charged; try again.') =>
    new HttpError(502, Codes.GATEWAY_ERROR, detail),
  paymentNotPending: (status: string) =>
    new HttpError(409, Codes.PAYMENT_NOT_PENDING, `This payment is ${status}: there is nothing to confirm.`),
  webhookInvalid: (detail: string) => new HttpError(400, Codes.WEBHOOK_INVALID, detail),
  field: (path: string, message: string) =>
    new HttpError(400, CommonErrorCodes.VALIDATION_FAILED, 'The request body has invalid fields', {
      errors: [{ path, message }],
    }),
} as const;
