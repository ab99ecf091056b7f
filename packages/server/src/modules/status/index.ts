import type { Router } from 'express';
import type { Db } from '../../db/database.js';
import type { Clock, IdGenerator } from '../../deps.js';
import type { MountOptions } from '../../http/validate.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Settings } from '../settings/settings.js';
import { statusAdminRouter } from './admin-routes.js';
import { Incidents, type MaintenanceCounts } from './incidents.js';
import { statusRouter } from './routes.js';
import { StatusService } from './service.js';

/** What the status page module needs from the app. */
export interface StatusModuleDeps {
  db: Db;
  settings: Settings;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditLog;
}

/** The parts the routers call. */
export interface StatusParts {
  /** The public page and the components. */
  service: StatusService;
  /** Incidents, maintenance and the maintenance job. */
  incidents: Incidents;
}

/** The status page: components with their history, incidents and maintenance, with client and staff routers. */
export interface StatusPageModule extends StatusParts {
  /** Client API routes (`/api/v1`). */
  router(mountOptions: MountOptions): Router;
  /** Staff API routes (`/api/admin/v1`). */
  adminRouter(mountOptions: MountOptions): Router;
  /** One pass of the status job: maintenance whose start or end has come moves on. */
  runJob(): Promise<MaintenanceCounts>;
}

export function createStatus(deps: StatusModuleDeps): StatusPageModule {
  const service = new StatusService(deps);
  const incidents = new Incidents({ ...deps, status: service });
  const parts: StatusParts = { service, incidents };
  return {
    ...parts,
    runJob: () => incidents.runJob(),
    router: (mountOptions) => statusRouter(parts, mountOptions),
    adminRouter: (mountOptions) => statusAdminRouter(parts, mountOptions),
  };
}
