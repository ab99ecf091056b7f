import { Router } from 'express';
import type { MountOptions } from '../../http/validate.js';
import type { AccountService } from './service.js';

/** HTTP for the account area. */
export function accountRouter(_service: AccountService, _mountOptions: MountOptions): Router {
  return Router();
}
