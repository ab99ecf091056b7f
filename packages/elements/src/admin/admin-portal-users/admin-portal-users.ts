import { TaskStatus } from '@lit/task';
import type {
  BulkResult,
  ClientSummary,
  PortalUser,
  PortalUserStatus,
  PortalUsersPage,
} from '@portico/sdk/admin';
import { clientRoutes } from '@portico/sdk/contract';
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { rowButton, submitButton } from '../../lib/form.js';
import { formatDateTime } from '../../lib/format.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { MagicLinkDialog } from '../admin-magic-link/admin-magic-link.js';
import { AdminElement, adminChecks } from '../lib/admin-element.js';
import { badge, textField } from '../lib/form.js';
import { debounce } from '../lib/format.js';
import { invitableRoleOptions, type invitableRoles, membershipKey, userStatusBadge } from '../lib/labels.js';
import { ListSearch } from '../lib/list-search.js';
import { addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import { hashOf } from '../lib/routes.js';
import { adminStyles } from '../lib/styles.js';
import { dataTable, moreFooter, rowActions } from '../lib/table.js';
import styles from './admin-portal-users.styles.js';

addAdminMessages('en', en.common, en.client, en.portalUsers, en.magicLink);
addAdminMessages('es', es.common, es.client, es.portalUsers, es.magicLink);

/** A row's key: one person on one account (a person may be on several). */
const keyOf = (u: Pick<PortalUser, 'userId' | 'accountId'>) => `${u.userId} ${u.accountId}`;

/** Server paths of a one-target invitation, mapped to the "invite someone new" form's fields. */
const newField = (path: string) =>
  (
    ({
      'targets.0.accountId': 'new.accountId',
      'targets.0.email': 'new.email',
      'targets.0.name': 'new.name',
      'targets.0.role': 'new.role',
    }) as Record<string, string>
  )[path];

/** The outcome of the last bulk action, person by person. */
interface BulkOutcome {
  action: 'invite' | 'email';
  results: BulkResult['results'];
}

/**
 * The portal users dashboard: the portal's address with a Copy button; how many people are not invited, invited,
 * and joined; search and status filter; a table where people can be selected for the bulk actions "Invite" and
 * "Send login email" (with each person's result shown after); per person a magic link (optionally landing on a
 * page) and an invitation; and "Invite someone new" onto a client picked by search.
 *
 * @summary Portal users: invite, email sign-in links, make magic links.
 *
 * @attr page-size - How many people each request asks for (default 50).
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 *
 * @csspart heading - The page heading.
 * @csspart overview - The portal address and the counts.
 * @csspart counts - The not invited / invited / joined counts.
 * @csspart bulk - The selection bar with the bulk actions.
 * @csspart results - Each person's result of the last bulk action.
 * @csspart table - The people table.
 * @csspart form - The "invite someone new" form.
 * @csspart field - A label, input, hint and error.
 * @csspart badge - A status label.
 * @csspart dialog - The magic link dialog.
 * @csspart more - The "Load more" button.
 * @csspart empty - Shown when there is nobody (or nobody matches).
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-portal-users')
export class PortalAdminPortalUsers extends AdminElement {
  static override styles = [hostStyles, formStyles, adminStyles, styles];

  /** How many people each request asks for. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 50;

  /** Milliseconds after the last keystroke before a search runs. */
  @property({ attribute: false }) searchDelay = 300;

  @state() private data?: PortalUsersPage;
  @state() private selected = new Set<string>();
  @state() private outcome?: BulkOutcome;
  @state() private inviting = false;
  @state() private clientQuery = '';
  @state() private clientOptions: ClientSummary[] = [];

  readonly #magic = new MagicLinkDialog(this);

  readonly #search = new ListSearch<PortalUserStatus>(this, {
    delay: () => this.searchDelay,
    onInput: this.onInput,
    typed: () => this.values.q,
  });

  readonly #list = this.loadTask(
    'adminPortalUsers',
    () => [this.#search.query, this.#search.status, this.pageSize],
    (admin, [q, status, limit]) =>
      admin.portalUsers.list({ q: q || undefined, status: status || undefined, limit }),
    (page) => {
      this.data = page;
      this.selected = new Set();
    },
  );

  readonly #clients = this.loadTask(
    'adminPickClient',
    () => [this.inviting, this.clientQuery],
    async (admin, [inviting, q]) =>
      inviting ? (await admin.clients.list({ q: q || undefined, limit: 20 })).items : [],
    (items) => {
      this.clientOptions = items;
    },
  );

  #searchClients = debounce(
    (q: string) => {
      this.clientQuery = q.trim();
    },
    () => this.searchDelay,
  );

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#searchClients.cancel();
  }

  protected override render() {
    return html`<div class="page" lang=${this.textLang}>
      <div class="page-header">
        <h1 part="heading" tabindex="-1">${this.t('portalUsersTitle')}</h1>
        ${
          this.can(clientRoutes.invite)
            ? html`<button
                part="button new"
                class="primary"
                type="button"
                aria-expanded=${this.inviting ? 'true' : 'false'}
                aria-controls="invite-new"
                @click=${this.#toggleInvite}
              >
                ${this.t('inviteSomeoneNew')}
              </button>`
            : nothing
        }
      </div>
      ${this.renderMessages()} ${this.inviting ? this.#renderInviteNew() : nothing} ${this.renderConfirm()}
      ${this.renderTask(this.#list, this.data, (data) => this.#renderPage(data))}
      ${this.#magic.render({
        client: this.admin,
        lang: this.resolvedLocale,
        title: this.t('magicLinkTitle'),
        closeLabel: this.t('close'),
      })}
    </div>`;
  }

  /** Turns off a client's two-factor when they lost their phone and their backup codes (they are told by mail). */
  async #resetTwoFactor(user: PortalUser) {
    const confirmed = await this.confirmAction({
      title: this.t('resetTwoFactorTitle', { name: user.name }),
      body: this.t('resetTwoFactorBody'),
      confirm: this.t('resetTwoFactor'),
      danger: true,
    });
    if (!confirmed) return;
    const done = await this.attempt('adminResetTwoFactor', [], async (admin) => {
      await admin.portalUsers.resetTwoFactor(user.userId);
    });
    if (!done || !this.data) return;
    this.data = {
      ...this.data,
      items: this.data.items.map((u) => (u.userId === user.userId ? { ...u, twoFactor: false } : u)),
    };
    this.notice = this.t('twoFactorReset', { name: user.name });
  }

  #renderPage(data: PortalUsersPage) {
    return html`<section part="overview" class="card" aria-labelledby="overview-title">
        <h2 id="overview-title" class="sr-only">${this.t('overview')}</h2>
        ${textField({
          name: 'portalUrl',
          label: this.t('portalAddress'),
          readonly: true,
          value: data.portalUrl,
          hint: this.t('portalAddressHint'),
          after: html`<button part="button copy" class="secondary" type="button" @click=${() => this.copy(data.portalUrl, this.t('portalAddress'))}>
            ${this.t('copy')}
          </button>`,
        })}
        <dl part="counts" class="counts">
          <div><dt>${this.t('statusNotInvited')}</dt><dd>${data.counts.notInvited}</dd></div>
          <div><dt>${this.t('statusInvited')}</dt><dd>${data.counts.invited}</dd></div>
          <div><dt>${this.t('statusJoined')}</dt><dd>${data.counts.joined}</dd></div>
        </dl>
      </section>
      ${this.#search.render({
        label: this.t('portalUsersTitle'),
        searchLabel: this.t('searchPeople'),
        statusLabel: this.t('status'),
        statuses: [
          { value: '', label: this.t('allStatuses') },
          { value: 'not_invited', label: this.t('statusNotInvited') },
          { value: 'invited', label: this.t('statusInvited') },
          { value: 'joined', label: this.t('statusJoined') },
        ],
      })}
      ${this.outcome ? this.#renderOutcome(this.outcome) : nothing} ${this.#renderTable(data.items)}`;
  }

  #renderTable(items: PortalUser[]) {
    if (!items.length) {
      return html`<p part="empty" class="empty">
        ${this.#search.filtered ? this.t('noPeopleMatch') : this.t('noPeople')}
      </p>`;
    }
    const lang = this.resolvedLocale;
    const canInvite = this.can(clientRoutes.invite);
    const canEmail = this.can(clientRoutes.loginEmail);
    const canMagic = this.can(clientRoutes.magicLink);
    const canReset = this.can(clientRoutes.resetTwoFactor);
    const selectable = canInvite || canEmail;
    const choosable = items.filter((u) => !u.disabled);
    const all = choosable.length > 0 && choosable.every((u) => this.selected.has(keyOf(u)));
    const some = !all && choosable.some((u) => this.selected.has(keyOf(u)));
    const count = this.selected.size;
    return html`${
      selectable
        ? html`<div part="bulk" class="bulk" role="group" aria-label=${this.t('bulkActions')}>
            <p>${this.t('selectedCount', { count })}</p>
            ${
              canInvite
                ? html`<button class="secondary" type="button" ?disabled=${!count || this.busy} @click=${this.#bulkInvite}>
                    ${this.t('invite')}
                  </button>`
                : nothing
            }
            ${
              canEmail
                ? html`<button class="secondary" type="button" ?disabled=${!count || this.busy} @click=${this.#bulkEmail}>
                    ${this.t('sendLoginEmail')}
                  </button>`
                : nothing
            }
          </div>`
        : nothing
    }
      ${dataTable({
        label: this.t('portalUsersTitle'),
        caption: this.t('portalUsersTitle'),
        busy: this.#list.status === TaskStatus.PENDING,
        lead: selectable
          ? html`<th scope="col" class="select">
              <input
                type="checkbox"
                aria-label=${this.t('selectAll')}
                .checked=${all}
                .indeterminate=${some}
                @change=${(e: Event) => this.#selectAll(choosable, (e.target as HTMLInputElement).checked)}
              />
            </th>`
          : nothing,
        columns: [
          this.t('name'),
          this.t('email'),
          this.t('clientColumn'),
          this.t('role'),
          this.t('status'),
          this.t('lastSignIn'),
          this.t('actions'),
        ],
        rows: items.map((u) => {
          const key = keyOf(u);
          return html`<tr>
            ${
              selectable
                ? html`<td class="select">
                    <input
                      type="checkbox"
                      aria-label=${this.t('selectPerson', { name: u.name, email: u.email })}
                      ?disabled=${u.disabled}
                      .checked=${this.selected.has(key)}
                      @change=${(e: Event) => this.#select(key, (e.target as HTMLInputElement).checked)}
                    />
                  </td>`
                : nothing
            }
            <td>${u.name}</td>
            <td>${u.email}</td>
            <td><a href=${hashOf('client', u.accountId)}>${u.accountName}</a></td>
            <td>${this.t(membershipKey(u.role))}</td>
            <td>${userStatusBadge(this.t, u.status, u.disabled)}</td>
            <td>${formatDateTime(lang, u.lastSignInAt) || '—'}</td>
            ${rowActions(
              canMagic && !u.disabled
                ? rowButton({
                    text: this.t('magicLinkAction'),
                    ariaLabel: this.t('magicLinkForName', { name: u.name }),
                    disabled: false,
                    onClick: (e) => this.#magic.open(u, e),
                  })
                : nothing,
              canReset && u.twoFactor
                ? rowButton({
                    text: this.t('resetTwoFactor'),
                    ariaLabel: this.t('resetTwoFactorName', { name: u.name }),
                    disabled: this.busy,
                    onClick: () => this.#resetTwoFactor(u),
                  })
                : nothing,
              canInvite && !u.disabled && u.status !== 'joined'
                ? rowButton({
                    text: this.t(u.status === 'invited' ? 'reinvite' : 'invite'),
                    ariaLabel: this.t(u.status === 'invited' ? 'reinviteName' : 'inviteName', {
                      name: u.name,
                    }),
                    disabled: this.busy,
                    onClick: () => this.#invite([u]),
                  })
                : nothing,
            )}
          </tr>`;
        }),
      })}
      ${moreFooter({
        shown: this.t('shownOfTotal', {
          count: items.length,
          total: this.data?.counts.total ?? items.length,
        }),
        more: Boolean(this.data?.nextCursor),
        label: this.t('loadMore'),
        busy: this.busy,
        onMore: this.#loadMore,
      })}`;
  }

  #renderOutcome(outcome: BulkOutcome) {
    return html`<section part="results" class="card" aria-labelledby="results-title">
      <h2 id="results-title">${this.t(outcome.action === 'invite' ? 'inviteResults' : 'loginEmailResults')}</h2>
      <ul class="results">
        ${outcome.results.map(
          (r) => html`<li>
            ${r.ok ? badge(this.t('resultSent'), 'good') : badge(this.t('resultFailed'), 'bad')}
            <span>${r.email}</span>
            ${r.ok ? nothing : html`<span class="muted">${r.detail ?? r.code ?? ''}</span>`}
          </li>`,
        )}
      </ul>
    </section>`;
  }

  #renderInviteNew() {
    const field = this.textInput.bind(this);
    const pending = this.#clients.status === TaskStatus.PENDING;
    return html`<section class="card" id="invite-new" aria-labelledby="invite-new-title">
      <h2 id="invite-new-title">${this.t('inviteSomeoneNew')}</h2>
      <form part="form" novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#inviteNew}>
        <div class="grid-2">
          ${field('new.clientSearch', this.t('findClient'), {
            type: 'search',
            hint: pending ? this.t('loading') : this.t('findClientHint'),
            onInput: this.#onClientSearch,
          })}
          ${this.selectInput(
            'new.accountId',
            this.t('clientColumn'),
            [
              {
                value: '',
                label: this.clientOptions.length ? this.t('chooseClient') : this.t('noClientsFound'),
              },
              ...this.clientOptions.map((c) => ({
                value: c.id,
                label: c.email ? `${c.name} (${c.email})` : c.name,
              })),
            ],
            { required: true },
          )}
          ${field('new.email', this.t('email'), { type: 'email', required: true })}
          ${field('new.name', this.t('personName'))}
          ${this.selectInput('new.role', this.t('role'), invitableRoleOptions(this.t), { required: true })}
        </div>
        <div class="actions">
          ${submitButton(this.t('sendInvitationAction'), this.busy)}
          <button class="secondary" type="button" @click=${this.#toggleInvite}>${this.t('cancel')}</button>
        </div>
      </form>
    </section>`;
  }

  #select(key: string, on: boolean) {
    const next = new Set(this.selected);
    if (on) next.add(key);
    else next.delete(key);
    this.selected = next;
  }

  #selectAll(items: PortalUser[], on: boolean) {
    this.selected = on ? new Set(items.map(keyOf)) : new Set();
  }

  #chosen(): PortalUser[] {
    return (this.data?.items ?? []).filter((u) => this.selected.has(keyOf(u)));
  }

  #bulkInvite = () => this.#invite(this.#chosen());

  async #invite(people: PortalUser[]) {
    if (!people.length) return;
    let result: BulkResult | undefined;
    await this.attempt('adminInvite', [], async (admin) => {
      result = await admin.portalUsers.invite({
        targets: people.map((u) => ({ userId: u.userId, accountId: u.accountId })),
      });
    });
    if (result) this.#done('invite', result);
  }

  #bulkEmail = async () => {
    const userIds = [...new Set(this.#chosen().map((u) => u.userId))];
    if (!userIds.length) return;
    let result: BulkResult | undefined;
    await this.attempt('adminLoginEmail', [], async (admin) => {
      result = await admin.portalUsers.sendLoginEmail({ userIds });
    });
    if (result) this.#done('email', result);
  };

  /** Shows each person's result, says how many worked, and reloads the statuses and counts. */
  #done(action: BulkOutcome['action'], result: BulkResult) {
    this.outcome = { action, results: result.results };
    const ok = result.results.filter((r) => r.ok).length;
    const failed = result.results.length - ok;
    this.notice = this.t('bulkSummary', { ok, failed });
    void this.#list.run();
    void this.focusPart('#results-title');
  }

  #onClientSearch = (event: Event) => {
    this.onInput(event);
    this.#searchClients((event.target as HTMLInputElement).value);
  };

  #toggleInvite = () => {
    this.inviting = !this.inviting;
    this.fieldErrors = {};
    if (this.inviting) void this.focusField('new.clientSearch');
    else void this.focusPart('[part~="new"]');
  };

  #loadMore = async () => {
    const data = this.data;
    if (!data?.nextCursor) return;
    const { query, status } = this.#search;
    await this.loadMore(
      'adminPortalUsersMore',
      [],
      data.items.length,
      async (admin) => {
        const page = await admin.portalUsers.list({
          q: query || undefined,
          status: status || undefined,
          limit: this.pageSize,
          cursor: data.nextCursor ?? undefined,
        });
        this.data = { ...page, items: [...data.items, ...page.items] };
      },
      'a',
    );
  };

  #inviteNew = async (event: SubmitEvent) => {
    event.preventDefault();
    const rules = {
      'new.accountId': adminChecks.required,
      'new.email': adminChecks.email,
      'new.role': adminChecks.required,
    };
    if (!this.validate(rules)) return;
    const accountId = this.values['new.accountId'] ?? '';
    const email = this.values['new.email']?.trim() ?? '';
    const name = this.values['new.name']?.trim() || undefined;
    const role = this.values['new.role'] as (typeof invitableRoles)[number];
    let result: BulkResult | undefined;
    await this.attempt('adminInviteNew', newField, async (admin) => {
      result = await admin.portalUsers.invite({ targets: [{ accountId, email, name, role }] });
    });
    const [first] = result?.results ?? [];
    if (!first) return;
    if (!first.ok) {
      this.fieldErrors = { 'new.email': first.detail ?? this.t('errorEmailTaken') };
      void this.focusField('new.email');
      return;
    }
    this.inviting = false;
    this.values = { q: this.values.q ?? '' };
    this.notice = this.t('invitationSent', { email: first.email });
    void this.#list.run();
    void this.focusPart('[part~="new"]');
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-portal-users': PortalAdminPortalUsers;
  }
}
