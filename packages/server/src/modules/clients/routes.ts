import { Router } from 'express';
import type { MountOptions } from '../../http/validate.js';
import type { ClientsService } from './service.js';

/** Staff API: clients and the portal users dashboard. (Being written.) */
export function clientsAdminRouter(_service: ClientsService, _mountOptions: MountOptions): Router {
  return Router();
}
