import { Router } from 'express';
import type { MountOptions } from '../../http/validate.js';
import type { SettingsService } from '../settings/service.js';

/** Client API: the public portal configuration. (Being written.) */
export function portalRouter(_settings: SettingsService, _mountOptions: MountOptions): Router {
  return Router();
}
