import type { Router } from 'express';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Clock, IdGenerator } from '../../deps.js';
import type { RateLimiter } from '../../http/rate-limit.js';
import type { MountOptions } from '../../http/validate.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Settings } from '../settings/settings.js';
import { contentAdminRouter } from './admin-routes.js';
import { FaqService } from './faq.js';
import { KnowledgeBase } from './kb.js';
import { KnowledgeBaseAdmin } from './kb-admin.js';
import { contentRouter } from './routes.js';

/** What the content module needs from the app. */
export interface ContentDeps {
  db: Db;
  settings: Settings;
  clock: Clock;
  ids: IdGenerator;
  config: Config;
  audit: AuditLog;
  rate: RateLimiter;
}

/** The parts the client and staff routers call. */
export interface ContentParts {
  /** The public knowledge base: categories, articles, search, related articles and votes. */
  kb: KnowledgeBase;
  /** Staff's side of the knowledge base. */
  kbAdmin: KnowledgeBaseAdmin;
  /** The FAQ, public and staff. */
  faq: FaqService;
}

/** The knowledge base and FAQ, and their client and staff routers. */
export interface Content extends ContentParts {
  /** Client API routes (`/api/v1/kb/…`, `/api/v1/faq`). */
  router(mountOptions: MountOptions): Router;
  /** Staff API routes (`/api/admin/v1/kb/…`, `/faq/…`, `/content/preview`). */
  adminRouter(mountOptions: MountOptions): Router;
}

/** Builds the content module (knowledge base and FAQ). */
export function createContent(deps: ContentDeps): Content {
  const parts: ContentParts = {
    kb: new KnowledgeBase(deps),
    kbAdmin: new KnowledgeBaseAdmin(deps),
    faq: new FaqService(deps),
  };
  return {
    ...parts,
    router: (mountOptions) => contentRouter(parts, mountOptions),
    adminRouter: (mountOptions) => contentAdminRouter(parts, mountOptions),
  };
}
