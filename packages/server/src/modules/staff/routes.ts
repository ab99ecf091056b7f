import { Router } from 'express';
import type { CookieOptions } from '../../http/cookies.js';
import type { MountOptions } from '../../http/validate.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { StaffService } from './service.js';

/** The staff API's sign-in, TOTP, staff management and audit routes. (Being written.) */
export function staffRouter(
  _service: StaffService,
  _audit: AuditLog,
  _cookie: CookieOptions,
  _mountOptions: MountOptions,
): Router {
  return Router();
}
