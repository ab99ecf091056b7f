import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Clock, IdGenerator } from '../../deps.js';
import type { StaffAuth } from '../../http/auth.js';
import type { FailureTracker, HashGate, RateLimiter } from '../../http/rate-limit.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Outbox } from '../mail/outbox.js';
import type { Settings } from '../settings/settings.js';

export interface StaffDeps {
  db: Db;
  settings: Settings;
  outbox: Outbox;
  rate: RateLimiter;
  failures: FailureTracker;
  hashGate: HashGate;
  clock: Clock;
  ids: IdGenerator;
  config: Config;
  logger: Logger;
  audit: AuditLog;
}

/** Staff sign-in, staff sessions, staff TOTP and staff management. (Being written.) */
export class StaffService {
  constructor(readonly deps: StaffDeps) {}

  /** Resolves a staff cookie token to its principal, or undefined. */
  async authenticate(_token: string): Promise<StaffAuth | undefined> {
    return undefined;
  }

  /** Removes ended staff sessions and spent tickets (a job runs it). */
  async sweep(): Promise<{ staffSessions: number }> {
    return { staffSessions: 0 };
  }
}
