import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Clock, IdGenerator } from '../../deps.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Settings } from './settings.js';

export interface SettingsDeps {
  db: Db;
  settings: Settings;
  clock: Clock;
  ids: IdGenerator;
  config: Config;
  logger: Logger;
  audit: AuditLog;
}

/** Settings → Client Portal: branding, logo, footer, sections, origins, custom domain. (Being written.) */
export class SettingsService {
  constructor(readonly deps: SettingsDeps) {}
}
