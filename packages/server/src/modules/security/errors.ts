import { HttpError } from '../../http/problem.js';

/** A wrong code (emailed, TOTP or backup); `left` is how many tries the code or sign-in ticket still has, if known. */
export const invalidCode = (left?: number) =>
  new HttpError(
    400,
    'INVALID_CODE',
    left === undefined
      ? 'That code is not right.'
      : `That code is not right. ${left} ${left === 1 ? 'try' : 'tries'} left.`,
    { errors: [{ path: 'code', message: 'That code is not right.', code: 'INVALID_CODE' }] },
  );

export const ticketInvalid = () =>
  new HttpError(400, 'TICKET_INVALID', 'This sign-in has expired or was already used. Sign in again.');

export const tooManyCodes = () =>
  new HttpError(429, 'TOO_MANY_ATTEMPTS', 'Too many wrong codes. Sign in again to get a new chance.');

export const totpAlreadyEnabled = () =>
  new HttpError(409, 'TOTP_ALREADY_ENABLED', 'Two-factor authentication is already on. Turn it off first.');

export const totpNotEnabled = () =>
  new HttpError(409, 'TOTP_NOT_ENABLED', 'Two-factor authentication is not on.');

export const totpSetupExpired = () =>
  new HttpError(
    400,
    'TOTP_SETUP_EXPIRED',
    'This two-factor setup has expired (15 minutes). Start again and scan the new QR code.',
  );

/** Every passkey failure looks the same, so an attacker learns nothing about which check refused. */
export const passkeyFailed = () =>
  new HttpError(400, 'PASSKEY_FAILED', 'That passkey could not be verified. Try again.');

export const passkeyNotFound = () => new HttpError(404, 'NOT_FOUND', 'There is no such passkey.');

export const portalUserNotFound = () =>
  new HttpError(404, 'PORTAL_USER_NOT_FOUND', 'There is no such portal user.');

/** Unreadable seeds were sealed under another PORTICO_SECRET: say so instead of failing obscurely. */
export const totpUnreadable = () =>
  new HttpError(
    503,
    'TOTP_UNREADABLE',
    'Two-factor settings cannot be read on this server (was PORTICO_SECRET changed?). Contact us to reset your two-factor.',
  );
