import { Router } from 'express';
import type { MountOptions } from '../../http/validate.js';
import type { ApiTokenService } from './service.js';

/** HTTP for API tokens. */
export function tokensRouter(_service: ApiTokenService, _mountOptions: MountOptions): Router {
  return Router();
}
