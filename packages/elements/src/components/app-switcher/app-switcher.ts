import { TaskStatus } from '@lit/task';
import type { Apps, PortalApp } from '@portico/sdk';
import { html, nothing, type PropertyValues, svg, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { AccountElement } from '../../lib/account-element.js';
import { isFinal } from '../../lib/load-error.js';
import { addMessages, type MessageKey } from '../../lib/localize.js';
import * as appsEn from '../../lib/locales/apps-en.js';
import * as appsEs from '../../lib/locales/apps-es.js';
import { MenuController } from '../../lib/menu-controller.js';
import { hostStyles } from '../../lib/styles.js';
import styles from './app-switcher.styles.js';

addMessages('en', appsEn.appSwitcher);
addMessages('es', appsEs.appSwitcher);

/** The names and descriptions of the apps this package knows, by app id (the server's words for the others). */
const APP_TEXT: Record<string, readonly [MessageKey, MessageKey]> = {
  affiliates: ['appAffiliatesName', 'appAffiliatesDescription'],
  courses: ['appCoursesName', 'appCoursesDescription'],
  communities: ['appCommunitiesName', 'appCommunitiesDescription'],
};

/** One entry of the menu: the portal itself or an app. */
export interface AppEntry {
  /** `portal`, or the app's id. */
  id: string;
  name: string;
  description: string;
  href: string;
}

/**
 * Reads the `hrefs` attribute: `"courses=/courses.html, portal=/account.html"` → `{ courses: '/courses.html',
 * portal: '/account.html' }`. Entries without an `=` or with an empty side are skipped.
 */
export function parseHrefs(value: string | null | undefined): Record<string, string> {
  const hrefs: Record<string, string> = {};
  for (const pair of (value ?? '').split(',')) {
    const at = pair.indexOf('=');
    const id = pair.slice(0, at).trim();
    const href = pair.slice(at + 1).trim();
    if (at > 0 && id && href) hrefs[id] = href;
  }
  return hrefs;
}

const trimSlash = (path: string) => path.replace(/\/+$/, '') || '/';

/**
 * Which of `hrefs` is the page shown: the one on the same origin whose path is the page's, or the nearest folder
 * holding it (an app's pages sit under its address, the portal's under its root); its query, when it has one,
 * must match too. -1 when none is.
 */
export function currentEntry(hrefs: readonly string[], here: Location | URL = location): number {
  let best = -1;
  let bestLength = -1;
  const page = trimSlash(here.pathname);
  hrefs.forEach((href, index) => {
    let url: URL;
    try {
      url = new URL(href, here.href);
    } catch {
      return;
    }
    if (url.origin !== here.origin || (url.search && url.search !== here.search)) return;
    const path = trimSlash(url.pathname);
    const inside = path === page || page.startsWith(path === '/' ? '/' : `${path}/`);
    if (inside && path.length > bestLength) {
      best = index;
      bestLength = path.length;
    }
  });
  return best;
}

const gridIcon = svg`<svg viewBox="0 0 24 24" width="20" height="20" fill="currentColor" aria-hidden="true" focusable="false">
  ${[4, 12, 20].flatMap((y) => [4, 12, 20].map((x) => svg`<circle cx=${x} cy=${y} r="2.25"></circle>`))}
</svg>`;

/**
 * The app switcher for a site's top bar: a button with a grid icon ("Apps") that opens a menu of the portal itself
 * and then each app the signed-in person may use (`portal.apps.list()`), each with its name and description. Every
 * entry is a plain link, so one click moves there and the session (a cookie of the portal's site) goes along.
 *
 * It shows nothing when signed out, while the list loads, and when there is no app to switch to. While the
 * account's required profile is incomplete, the menu says so instead of listing apps. The list is asked again
 * when someone signs in or out and when the active account changes.
 *
 * The entry of the page shown carries `aria-current="page"`: the one named by `current`, else the one whose address
 * holds the page's. `hrefs` says where the apps live on this site, overriding the server's addresses:
 * `hrefs="courses=/courses.html, communities=/community.html, affiliates=/affiliate.html, portal=/account.html"`.
 *
 * Keyboard (the menu-button pattern): Enter, Space or Arrow Down on the button open the menu on its first entry
 * (Arrow Up: the last); Arrow keys, Home and End move between entries; Escape closes it and returns focus to the
 * button; Tab closes it and moves on.
 *
 * Inside a `<portal-provider>` it uses the provider's session; standalone, give it an `api` attribute. Themed by
 * the global `--portal-*` tokens (see `<portal-provider>`) and the properties and parts below.
 *
 * @summary Top-bar menu of the portal and the apps the client may use.
 *
 * @attr current - The entry of the page shown: an app id or `portal`. Else told from the page's address.
 * @attr hrefs - Where the apps live on this site: `id=href` pairs separated by commas (`portal` for the portal).
 * @attr api - The Portico server's URL, when used without a `<portal-provider>`.
 * @attr mode - Session mode of the standalone client: `cookie` (default) or `token`.
 * @attr lang - Language (`en`, `es`); else the provider's, else the page's.
 * @attr theme - `light` or `dark` to force a colour scheme.
 *
 * @csspart trigger - The button that opens the menu.
 * @csspart icon - The grid icon in the button.
 * @csspart panel - The open menu.
 * @csspart menu - The list of entries.
 * @csspart item - An entry (a link); the current one also has `current`.
 * @csspart current - The entry of the page shown.
 * @csspart name - An entry's name.
 * @csspart description - An entry's description.
 * @csspart note - "Complete your profile to use apps".
 * @csspart load-error - Why the list could not be loaded, in the menu.
 * @csspart retry - "Try again" in the menu after a failed load.
 *
 * @cssproperty [--portal-app-switcher-width=18rem] - Minimum width of the open menu.
 * @cssproperty --portal-app-switcher-background - Background of the button and menu; falls back to `--portal-color-surface`.
 * @cssproperty --portal-app-switcher-border-color - Border colour; falls back to `--portal-color-border`.
 * @cssproperty [--portal-app-switcher-z-index=10] - Stacking order of the open menu.
 *
 * @event {PortalErrorEvent} portal-error - The list could not be loaded; `event.detail` is `{ action: 'listApps', error }`.
 */
@customElement('portal-app-switcher')
export class PortalAppSwitcher extends AccountElement {
  static override styles = [hostStyles, styles];

  /** The entry of the page shown: an app id or `portal`. */
  @property({ reflect: true }) current?: string;

  /** Where the apps live on this site, as `id=href` pairs separated by commas. */
  @property() hrefs?: string;

  /** Whether the menu is open. */
  @property({ type: Boolean, reflect: true }) open = false;

  @state() private apps?: Apps;

  readonly #menu = new MenuController(this);

  readonly #load = this.loadTask(
    'listApps',
    // A profile completed since the last load opens the apps: ask again.
    () => [!!this.session?.profileMissing.length] as const,
    (client) => client.apps.list(),
    (apps) => {
      this.apps = apps;
    },
  );

  protected override sessionChanged(): void {
    super.sessionChanged();
    this.apps = undefined;
    this.open = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!this.session) this.open = false;
  }

  /** The portal, then each app, with this site's addresses. */
  get entries(): AppEntry[] {
    const apps = this.apps;
    if (!apps) return [];
    const hrefs = parseHrefs(this.hrefs);
    return [
      {
        id: 'portal',
        name: apps.portal.name,
        description: this.t('switcherPortalDescription'),
        href: hrefs.portal ?? apps.portal.href,
      },
      ...apps.apps.map((app: PortalApp) => {
        const text = APP_TEXT[app.id];
        return {
          id: app.id,
          name: text ? this.t(text[0]) : app.name,
          description: text ? this.t(text[1]) : app.description,
          href: hrefs[app.id] ?? app.href,
        };
      }),
    ];
  }

  protected override render() {
    if (!this.session || !this.client) return nothing;
    const task = this.#load;
    if (task.status === TaskStatus.ERROR) {
      // Asking again cannot help (the route is not there, the session ended): nothing to offer in a top bar.
      return isFinal(task.error) ? nothing : this.#renderMenu(this.#renderError());
    }
    const apps = this.apps;
    if (!apps || task.status === TaskStatus.INITIAL) return nothing;
    if (!apps.apps.length && !apps.profileIncomplete) return nothing;
    return this.#renderMenu(this.#renderEntries(apps));
  }

  #renderMenu(content: TemplateResult): TemplateResult {
    return this.#menu.render(
      this.textLang,
      html`<span part="icon" class="icon">${gridIcon}</span><span class="sr-only">${this.t('switcherLabel')}</span>`,
      content,
    );
  }

  #renderEntries(apps: Apps): TemplateResult {
    const entries = apps.profileIncomplete ? this.entries.slice(0, 1) : this.entries;
    const current =
      this.current !== undefined && this.current !== ''
        ? entries.findIndex((entry) => entry.id === this.current)
        : currentEntry(entries.map((entry) => entry.href));
    return html`<ul part="menu" class="menu" role="menu" id="menu" aria-labelledby="trigger">
        ${entries.map(
          (entry, index) => html`<li role="none">
            <a
              part=${index === current ? 'item current' : 'item'}
              class="item"
              role="menuitem"
              tabindex="-1"
              href=${entry.href}
              data-app=${entry.id}
              aria-current=${index === current ? 'page' : nothing}
            >
              <span part="name" class="name">${entry.name}</span>
              <span part="description" class="description">${entry.description}</span>
            </a>
          </li>`,
        )}
      </ul>
      ${apps.profileIncomplete ? html`<p part="note" class="note">${this.t('switcherProfileIncomplete')}</p>` : nothing}`;
  }

  #renderError(): TemplateResult {
    return html`<p part="load-error" class="note" id="load-error">${this.t('switcherLoadFailed')}</p>
      <div part="menu" class="menu" role="menu" id="menu" aria-labelledby="trigger" aria-describedby="load-error">
        <button part="item retry" class="item" role="menuitem" type="button" tabindex="-1" @click=${this.#retry}>
          ${this.t('switcherRetry')}
        </button>
      </div>`;
  }

  #retry = () => {
    this.#menu.close(true);
    void this.#load.run();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-app-switcher': PortalAppSwitcher;
  }
}
