import { type Apps, appsRoutes } from '../../contract/apps.js';
import type { HttpClient } from '../http.js';

/**
 * The apps this person may use, for an app switcher: the portal itself, then each app with where it lives.
 *
 * @example
 * ```ts
 * const { portal: home, apps } = await portal.apps.list();
 * for (const app of apps) console.log(app.name, app.href);
 * ```
 */
export class AppsResource {
  readonly #http: HttpClient;

  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** Empty `apps` while the account's required profile is incomplete (`profileIncomplete`). */
  list(): Promise<Apps> {
    return this.#http.send(appsRoutes.list);
  }
}
