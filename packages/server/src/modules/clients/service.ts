import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Clock, IdGenerator } from '../../deps.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { AuthService } from '../auth/service.js';
import type { Outbox } from '../mail/outbox.js';
import type { Settings } from '../settings/settings.js';

export interface ClientsDeps {
  db: Db;
  settings: Settings;
  outbox: Outbox;
  auth: AuthService;
  rate: import('../../http/rate-limit.js').RateLimiter;
  hashGate: import('../../http/rate-limit.js').HashGate;
  clock: Clock;
  ids: IdGenerator;
  config: Config;
  logger: Logger;
  audit: AuditLog;
}

/** Clients, portal users, magic links and invitations. (Being written.) */
export class ClientsService {
  constructor(readonly deps: ClientsDeps) {}

  /** Removes long-expired link tokens (a job runs it). */
  async sweep(): Promise<{ linkTokens: number }> {
    return { linkTokens: 0 };
  }
}
