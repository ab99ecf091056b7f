import type {
  AdminApp,
  AdminProduct,
  AppAccess,
  AppId,
  AppUpdate,
  ClientSummary,
  Grant,
  GrantKind,
} from '@portico/sdk/admin';
import { appsAdminRoutes as routes } from '@portico/sdk/contract';
import { initialState } from '@lit/task';
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { PortalErrorEvent } from '../../lib/events.js';
import { rowButton, submitButton } from '../../lib/form.js';
import { formatDate } from '../../lib/format.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { AdminElement } from '../lib/admin-element.js';
import { debounce } from '../lib/format.js';
import { badge, selectField, textareaField, textField } from '../lib/form.js';
import { statusFilter } from '../lib/list-search.js';
import { addAdminMessages, type AdminMessageKey } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import { hashOf } from '../lib/routes.js';
import { adminStyles } from '../lib/styles.js';
import { dataTable, rowActions } from '../lib/table.js';
import styles from './admin-apps.styles.js';

addAdminMessages('en', en.common, en.appsNav, en.appsAdmin);
addAdminMessages('es', es.common, es.appsNav, es.appsAdmin);

/** An app's settings as typed. */
interface AppDraft {
  enabled: boolean;
  access: AppAccess;
  href: string;
  productIds: string[];
}

const GRANT_FIELDS = ['kind', 'resourceId', 'accountId', 'note'];

const kindKey = (kind: GrantKind): AdminMessageKey =>
  kind === 'app' ? 'grantKindApp' : kind === 'course' ? 'grantKindCourse' : 'grantKindGroup';

const draftOf = (app: AdminApp): AppDraft => ({
  enabled: app.enabled,
  access: app.access,
  href: app.href ?? '',
  productIds: app.products.map((p) => p.id),
});

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id) => b.includes(id));

/**
 * Apps (`#/apps`): each portal app (affiliates, courses, communities) with its on/off switch, who may use it
 * (every client, or accounts granted it by a product or an invitation), where it lives (the business's own page,
 * else the hosted portal's: the page shows where the app switcher sends people now) and the products whose
 * active services grant it; each app saves on its own, with the server's refusals beside their fields. Below,
 * the invitations: access staff gave single accounts to an app, a course or a group, filtered by kind, each
 * revoked after a confirmation; and "Invite an account", where the account is found by searching the clients.
 * Admins only.
 *
 * @summary Apps: switch them on, say who may use them, and invite accounts.
 *
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 * @attr page-size - How many invitations each request asks for.
 *
 * @csspart heading - The page heading.
 * @csspart app - One app's form.
 * @csspart switch - An app's on/off switch.
 * @csspart products - The products that grant an app.
 * @csspart invitations - The invitations section.
 * @csspart new - The "Invite an account" button.
 * @csspart invite - The invitation form.
 * @csspart table - The invitations table.
 * @csspart field - A label, input, hint and error.
 * @csspart badge - What an invitation gives access to.
 * @csspart dialog - The confirmation dialog.
 * @csspart empty - Said when there are no invitations.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 * @csspart loading - Shown while the apps load.
 * @csspart load-error - Shown when the apps could not be loaded.
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-apps')
export class PortalAdminApps extends AdminElement {
  static override styles = [hostStyles, formStyles, adminStyles, styles];

  /** How many invitations each request asks for. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 25;

  /** Milliseconds after the last keystroke before the account search runs. */
  @property({ attribute: false }) searchDelay = 300;

  @state() private apps?: AdminApp[];
  @state() private products: AdminProduct[] = [];
  @state() private drafts: Partial<Record<AppId, AppDraft>> = {};
  @state() private kindFilter: '' | GrantKind = '';
  @state() private inviting = false;
  /** Accounts the last search found (undefined before one ran). */
  @state() private found?: ClientSummary[];
  @state() private searching = false;
  #searches = 0;

  readonly #load = this.loadTask(
    'adminApps',
    () => [],
    async (admin) => {
      const [apps, products] = await Promise.all([admin.apps.list(), admin.products.list()]);
      return { apps: apps.items, products };
    },
    ({ apps, products }) => {
      this.apps = apps;
      this.products = products;
      this.drafts = Object.fromEntries(apps.map((app) => [app.id, draftOf(app)]));
    },
  );

  readonly #grants = this.pagedList({
    action: 'adminGrants',
    args: () => [this.kindFilter, this.pageSize],
    fetch: (admin, [kind, limit], page) => admin.apps.grants({ kind: kind || undefined, limit, ...page }),
    focus: 'a',
  });

  /** The courses or groups an invitation of the chosen kind may name. */
  readonly #resources = this.loadTask(
    'adminGrantResources',
    () => [this.inviting ? (this.values.kind as GrantKind | undefined) : undefined],
    async (admin, [kind]) => {
      if (kind === 'course') {
        const { items } = await admin.courses.list();
        return { kind, options: items.map((c) => ({ value: c.id, label: c.title })) };
      }
      if (kind === 'group') {
        const { items } = await admin.communities.groups();
        return { kind, options: items.map((g) => ({ value: g.id, label: g.name })) };
      }
      return initialState;
    },
  );

  readonly #search = debounce(
    (q: string) => void this.#findAccounts(q),
    () => this.searchDelay,
  );

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#search.cancel();
  }

  protected override render() {
    return html`<div class="page" lang=${this.textLang}>
      <h1 part="heading" tabindex="-1">${this.t('appsTitle')}</h1>
      <p class="intro">${this.t('appsIntro')}</p>
      ${this.renderMessages()}
      ${this.renderTask(this.#load, this.apps, (apps) => [
        html`<div class="apps">${apps.map((app) => this.#renderApp(app))}</div>`,
        this.#renderInvitations(apps),
      ])}
      ${this.renderConfirm()}
    </div>`;
  }

  #renderApp(app: AdminApp) {
    const d = this.drafts[app.id];
    if (!d) return nothing;
    const name = (field: string) => `${app.id}.${field}`;
    const canSave = this.can(routes.update);
    const titleId = `app-${app.id}-title`;
    const set = <K extends keyof AppDraft>(key: K, value: AppDraft[K]) => {
      this.drafts = { ...this.drafts, [app.id]: { ...d, [key]: value } };
      this.clearError(name(key === 'productIds' ? 'products' : key));
    };
    const productsError = this.fieldErrors[name('products')];
    return html`<section part="app" class="card app" aria-labelledby=${titleId}>
      <form novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${(e: SubmitEvent) => this.#save(e, app)}>
        <div class="app-head">
          <div>
            <h2 id=${titleId}>${app.name}</h2>
            <p class="muted">${app.description}</p>
          </div>
          <label class="switch">
            <input
              part="switch"
              type="checkbox"
              role="switch"
              name=${name('enabled')}
              .checked=${d.enabled}
              ?disabled=${!canSave}
              @change=${(e: Event) => set('enabled', (e.target as HTMLInputElement).checked)}
            />
            <span>${this.t('appOn')}</span>
          </label>
        </div>
        <fieldset class="page" ?disabled=${!canSave}>
          <legend class="sr-only">${this.t('appSettingsOf', { name: app.name })}</legend>
          <div class="grid-2">
            ${selectField({
              name: name('access'),
              label: this.t('appAccess'),
              hint: this.t(d.access === 'everyone' ? 'appAccessEveryoneHint' : 'appAccessGrantedHint'),
              value: d.access,
              error: this.fieldErrors[name('access')],
              options: [
                { value: 'everyone', label: this.t('appAccessEveryone') },
                { value: 'granted', label: this.t('appAccessGranted') },
              ],
              onChange: (e) => set('access', (e.target as HTMLSelectElement).value as AppAccess),
            })}
            ${textField({
              name: name('href'),
              label: this.t('appHref'),
              hint: this.t('appHrefHint'),
              placeholder: '/courses.html',
              value: d.href,
              error: this.fieldErrors[name('href')],
              onInput: (e) => set('href', (e.target as HTMLInputElement).value),
            })}
          </div>
          <p class="effective">
            ${this.t('appEffectiveHref')} <a href=${app.effectiveHref} class="mono">${app.effectiveHref}</a>
          </p>
          ${
            d.access === 'granted'
              ? html`<fieldset part="products" class="products" aria-describedby=${`${app.id}-products-hint${productsError ? ` ${app.id}-products-error` : ''}`}>
                  <legend>${this.t('appProducts')}</legend>
                  <p class="hint" id=${`${app.id}-products-hint`}>${this.t('appProductsHint', { count: app.invited })}</p>
                  ${
                    this.products.length
                      ? html`<ul class="choices">
                          ${this.products.map(
                            (p) => html`<li>
                              <label>
                                <input
                                  type="checkbox"
                                  name=${name(`products.${p.id}`)}
                                  .checked=${d.productIds.includes(p.id)}
                                  @change=${(e: Event) =>
                                    set(
                                      'productIds',
                                      (e.target as HTMLInputElement).checked
                                        ? [...d.productIds.filter((id) => id !== p.id), p.id]
                                        : d.productIds.filter((id) => id !== p.id),
                                    )}
                                />
                                ${p.name}
                              </label>
                            </li>`,
                          )}
                        </ul>`
                      : html`<p class="muted">${this.t('appNoProducts')}</p>`
                  }
                  ${productsError ? html`<p class="field-error" id=${`${app.id}-products-error`}>${productsError}</p>` : nothing}
                </fieldset>`
              : nothing
          }
        </fieldset>
        ${canSave ? html`<div class="actions">${submitButton(this.t('appSave', { name: app.name }), this.busy)}</div>` : nothing}
      </form>
    </section>`;
  }

  #renderInvitations(apps: AdminApp[]) {
    const canGrant = this.can(routes.grant);
    return html`<section part="invitations" class="card" aria-labelledby="invitations-title">
      <div class="page-header">
        <h2 id="invitations-title" tabindex="-1">${this.t('invitationsTitle')}</h2>
        ${
          canGrant
            ? html`<button
                part="button new"
                class="secondary"
                type="button"
                aria-expanded=${this.inviting ? 'true' : 'false'}
                aria-controls="invite"
                @click=${this.#toggleInvite}
              >
                ${this.t('inviteAccount')}
              </button>`
            : nothing
        }
      </div>
      <p class="intro">${this.t('invitationsIntro')}</p>
      ${this.inviting ? this.#renderInvite(apps) : nothing}
      ${statusFilter<GrantKind>({
        label: this.t('invitationsFilter'),
        statusLabel: this.t('grantKind'),
        value: this.kindFilter,
        options: [
          { value: '', label: this.t('grantKindAll') },
          { value: 'app', label: this.t('grantKindApp') },
          { value: 'course', label: this.t('grantKindCourse') },
          { value: 'group', label: this.t('grantKindGroup') },
        ],
        onChange: (kind) => {
          this.kindFilter = kind;
        },
      })}
      ${this.renderTask(this.#grants.task, this.#grants.items, (items) => this.#renderGrants(items))}
    </section>`;
  }

  #renderGrants(items: Grant[]) {
    if (!items.length) {
      return html`<p part="empty" class="empty">
        ${this.kindFilter ? this.t('noInvitationsMatch') : this.t('noInvitations')}
      </p>`;
    }
    const lang = this.resolvedLocale;
    const canRevoke = this.can(routes.revoke);
    return html`${dataTable({
      label: this.t('invitationsTable'),
      caption: this.t('invitationsTable'),
      busy: this.#grants.pending,
      columns: [
        this.t('grantAccount'),
        this.t('grantResource'),
        this.t('grantNote'),
        this.t('grantBy'),
        this.t('created'),
        ...(canRevoke ? [this.t('actions')] : []),
      ],
      rows: items.map(
        (g) => html`<tr>
          <td><a href=${hashOf('client', g.accountId)}>${g.accountName}</a></td>
          <td>${badge(this.t(kindKey(g.kind)), 'neutral')} ${g.resourceName}</td>
          <td>${g.note}</td>
          <td>${g.grantedBy}</td>
          <td>${formatDate(lang, g.createdAt)}</td>
          ${
            canRevoke
              ? rowActions(
                  rowButton({
                    part: 'revoke',
                    text: this.t('revoke'),
                    ariaLabel: this.t('revokeName', { account: g.accountName, resource: g.resourceName }),
                    danger: true,
                    disabled: this.busy,
                    onClick: () => void this.#revoke(g),
                  }),
                )
              : nothing
          }
        </tr>`,
      ),
    })}
    ${this.renderMore(this.#grants)}`;
  }

  #renderInvite(apps: AdminApp[]) {
    const kind = (this.values.kind ?? 'app') as GrantKind;
    const found = this.found;
    return html`<form part="invite" id="invite" class="invite" novalidate aria-labelledby="invite-title" aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#grant}>
      <h3 id="invite-title">${this.t('inviteAccount')}</h3>
      <div class="grid-2">
        ${this.selectInput(
          'kind',
          this.t('grantKind'),
          [
            { value: 'app', label: this.t('grantKindApp') },
            { value: 'course', label: this.t('grantKindCourse') },
            { value: 'group', label: this.t('grantKindGroup') },
          ],
          { onChange: this.#onKind },
        )}
        ${
          kind === 'app'
            ? this.selectInput('resourceId', this.t('grantApp'), [
                { value: '', label: this.t('chooseApp') },
                ...apps.map((a) => ({ value: a.id, label: a.name })),
              ])
            : this.renderTask(
                this.#resources,
                this.#resources.value?.kind === kind ? this.#resources.value : undefined,
                ({ options }) =>
                  this.selectInput('resourceId', this.t(kind === 'course' ? 'grantCourse' : 'grantGroup'), [
                    { value: '', label: this.t(kind === 'course' ? 'chooseCourse' : 'chooseGroup') },
                    ...options,
                  ]),
              )
        }
      </div>
      <div class="grid-2">
        ${this.textInput('accountQuery', this.t('findAccount'), {
          type: 'search',
          hint: this.t('findAccountHint'),
          onInput: this.#onAccountQuery,
        })}
        ${this.selectInput('accountId', this.t('grantAccount'), [
          {
            value: '',
            label: this.searching
              ? this.t('loading')
              : found === undefined
                ? this.t('searchFirst')
                : this.t('accountsFound', { count: found.length }),
          },
          ...(found ?? []).map((c) => ({
            value: c.id,
            label: c.email ? `${c.name} (${c.email})` : c.name,
          })),
        ])}
      </div>
      ${textareaField({
        name: 'note',
        label: this.t('grantNote'),
        hint: this.t('grantNoteHint'),
        value: this.values.note,
        error: this.fieldErrors.note,
        rows: 2,
        spellcheck: true,
        onInput: this.onInput,
      })}
      <div class="actions">
        ${submitButton(this.t('sendInvitationAction'), this.busy)}
        <button class="secondary" type="button" @click=${this.#toggleInvite}>${this.t('cancel')}</button>
      </div>
    </form>`;
  }

  #toggleInvite = () => {
    this.inviting = !this.inviting;
    this.fieldErrors = {};
    this.alertMessage = '';
    if (this.inviting) {
      this.values = {
        ...this.values,
        kind: 'app',
        resourceId: '',
        accountId: '',
        accountQuery: '',
        note: '',
      };
      this.found = undefined;
      void this.focusField('kind');
    } else {
      this.#search.cancel();
      void this.focusPart('[part~="new"]');
    }
  };

  /** A new kind names another list: what was chosen from the old one no longer applies. */
  #onKind = (event: Event) => {
    this.onInput(event);
    this.values = { ...this.values, resourceId: '' };
    this.clearError('resourceId');
  };

  #onAccountQuery = (event: Event) => {
    this.onInput(event);
    this.#search((event.target as HTMLInputElement).value);
  };

  async #findAccounts(text: string) {
    const q = text.trim();
    const search = ++this.#searches;
    const admin = this.admin;
    if (!admin || !q) {
      this.found = undefined;
      this.searching = false;
      return;
    }
    this.searching = true;
    try {
      const page = await admin.clients.list({ q, limit: 10 });
      if (search !== this.#searches) return;
      this.found = page.items;
      const chosen = this.values.accountId;
      if (chosen && !page.items.some((c) => c.id === chosen)) this.values = { ...this.values, accountId: '' };
      if (page.items.length === 1) this.values = { ...this.values, accountId: page.items[0]!.id };
    } catch (error) {
      if (search !== this.#searches) return;
      this.found = [];
      this.alertMessage = this.t('accountSearchFailed');
      this.emit(new PortalErrorEvent({ action: 'adminFindAccount', error }));
    } finally {
      if (search === this.#searches) this.searching = false;
    }
  }

  #grant = async (event: SubmitEvent) => {
    event.preventDefault();
    const kind = (this.values.kind ?? 'app') as GrantKind;
    const errors: Record<string, string> = {};
    if (!this.values.resourceId) {
      errors.resourceId = this.t(
        kind === 'app' ? 'chooseApp' : kind === 'course' ? 'chooseCourse' : 'chooseGroup',
      );
    }
    if (!this.values.accountId) errors.accountId = this.t('chooseAccount');
    if (!this.showFieldErrors(errors)) return;
    const note = this.values.note?.trim();
    const grant = await this.attemptResult('adminGrant', GRANT_FIELDS, (admin) =>
      admin.apps.grant({
        kind,
        resourceId: this.values.resourceId ?? '',
        accountId: this.values.accountId ?? '',
        ...(note ? { note } : {}),
      }),
    );
    if (!grant) return;
    this.inviting = false;
    this.notice = this.t('grantGiven', { account: grant.accountName, resource: grant.resourceName });
    await this.#reloadGrants();
    void this.focusPart('#invitations-title');
  };

  async #revoke(g: Grant) {
    const ok = await this.confirmAction({
      title: this.t('revokeTitle', { account: g.accountName, resource: g.resourceName }),
      body: this.t('revokeBody'),
      confirm: this.t('revoke'),
      danger: true,
    });
    if (!ok) return;
    const done = await this.attempt('adminRevokeGrant', [], (admin) => admin.apps.revoke(g.id));
    if (!done) return;
    this.notice = this.t('grantRevoked', { account: g.accountName, resource: g.resourceName });
    await this.#reloadGrants();
    void this.focusPart('#invitations-title');
  }

  async #reloadGrants() {
    await this.#grants.task.run();
    await this.#load.run();
  }

  /** The field a server's error path belongs to, in `app`'s form. */
  #fieldOf(app: AppId) {
    return (path: string): string | undefined => {
      const [first] = path.split('.');
      if (first === 'productIds') return `${app}.products`;
      return first === 'enabled' || first === 'access' || first === 'href' ? `${app}.${first}` : undefined;
    };
  }

  async #save(event: SubmitEvent, app: AdminApp) {
    event.preventDefault();
    const d = this.drafts[app.id];
    if (!d) return;
    const input: AppUpdate = {};
    const href = d.href.trim();
    if (d.enabled !== app.enabled) input.enabled = d.enabled;
    if (d.access !== app.access) input.access = d.access;
    if ((href || null) !== app.href) input.href = href || null;
    if (
      !sameSet(
        d.productIds,
        app.products.map((p) => p.id),
      )
    )
      input.productIds = d.productIds;
    if (href && !/^\/(?!\/)\S*$/.test(href) && !/^https:\/\/[^\s/]/.test(href)) {
      this.showFieldErrors({ [`${app.id}.href`]: this.t('errorAppHref') });
      return;
    }
    if (!Object.keys(input).length) {
      this.notice = this.t('nothingChanged');
      return;
    }
    const saved = await this.attemptResult('adminUpdateApp', this.#fieldOf(app.id), (admin) =>
      admin.apps.update(app.id, input),
    );
    if (!saved) return;
    this.apps = this.apps?.map((a) => (a.id === saved.id ? saved : a));
    this.drafts = { ...this.drafts, [saved.id]: draftOf(saved) };
    this.notice = this.t(saved.enabled ? 'appSavedOn' : 'appSavedOff', { name: saved.name });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-apps': PortalAdminApps;
  }
}
