import type { AppId } from '../../contract/apps.js';
import {
  type AdminApp,
  type AppUpdate,
  appsAdminRoutes as routes,
  type Grant,
  type GrantInput,
  type GrantListQuery,
} from '../../contract/apps-admin.js';
import type { HttpClient } from '../../client/http.js';
import type { Page } from '../../client/resources/account.js';

/**
 * The apps as staff run them: which are on, who may use them (everyone, or granted by products and invitations)
 * and where each lives; invitations of single accounts to an app, a course or a group.
 *
 * @example
 * ```ts
 * await admin.apps.update('courses', { enabled: true, access: 'everyone', href: '/courses.html' });
 * await admin.apps.grant({ kind: 'course', resourceId: course.id, accountId: 'acct_…', note: 'Welcome aboard' });
 * ```
 */
export class AdminAppsResource {
  readonly #http: HttpClient;
  constructor(http: HttpClient) {
    this.#http = http;
  }

  list(): Promise<{ items: AdminApp[] }> {
    return this.#http.send(routes.list);
  }

  update(appId: AppId, input: AppUpdate): Promise<AdminApp> {
    return this.#http.send(routes.update, { params: { appId }, body: input });
  }

  grants(query: GrantListQuery = {}): Promise<Page<Grant>> {
    return this.#http.send(routes.grants, { query: { ...query } });
  }

  /** Gives an account access (its owner is mailed). Granting again changes nothing. */
  grant(input: GrantInput): Promise<Grant> {
    return this.#http.send(routes.grant, { body: input });
  }

  revoke(grantId: string): Promise<void> {
    return this.#http.send(routes.revoke, { params: { grantId } });
  }
}
