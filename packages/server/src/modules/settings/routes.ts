import { Router } from 'express';
import type { MountOptions } from '../../http/validate.js';
import type { SettingsService } from './service.js';

/** Staff API: settings. (Being written.) */
export function settingsAdminRouter(_service: SettingsService, _mountOptions: MountOptions): Router {
  return Router();
}

/** The logo, served from the database at `/assets/…` with its type and cache headers. (Being written.) */
export function assetsRouter(_service: SettingsService): Router {
  return Router();
}
