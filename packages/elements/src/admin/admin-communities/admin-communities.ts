import type {
  AdminGroup,
  AdminProduct,
  GroupInput,
  GroupJoin,
  GroupMember,
  MemberStatus,
} from '@portico/sdk/admin';
import { communitiesAdminRoutes as routes } from '@portico/sdk/contract';
import { html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { rowButton, submitButton } from '../../lib/form.js';
import { formatDate } from '../../lib/format.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import { AdminElement } from '../lib/admin-element.js';
import { banDialog, closeBanDialog } from '../lib/ban-dialog.js';
import { joinName, joinOptions } from '../lib/community-labels.js';
import { positionOf, slugify } from '../lib/content-labels.js';
import { contentStyles } from '../lib/content-styles.js';
import { textareaField } from '../lib/form.js';
import { type AdminMessageKey, addAdminMessages } from '../lib/localize.js';
import * as en from '../lib/locales/en.js';
import * as es from '../lib/locales/es.js';
import {
  checkedProducts,
  isProductValue,
  productChecks,
  productChoices,
  productValues,
} from '../lib/product-checks.js';
import { adminStyles, titleRowStyles } from '../lib/styles.js';
import { tabList } from '../lib/tab-list.js';
import { dataTable, rowActions } from '../lib/table.js';
import styles from './admin-communities.styles.js';

addAdminMessages('en', en.common, en.communities);
addAdminMessages('es', es.common, es.communities);

const GROUP_FIELDS = ['name', 'slug', 'description', 'join', 'position'];
const groupField = (path: string) =>
  GROUP_FIELDS.includes(path) ? path : path.startsWith('productIds') ? 'productIds' : undefined;

const MEMBER_TABS: readonly MemberStatus[] = ['member', 'requested', 'banned'];
const TAB_NAMES: Record<MemberStatus, AdminMessageKey> = {
  member: 'cmyMembers',
  requested: 'cmyRequests',
  banned: 'cmyTabBanned',
};
const EMPTY: Record<MemberStatus, AdminMessageKey> = {
  member: 'cmyNoMembers',
  requested: 'cmyNoRequests',
  banned: 'cmyNoBanned',
};

type MemberAction = 'approve' | 'decline' | 'ban' | 'unban' | 'remove';
const DONE: Record<MemberAction, AdminMessageKey> = {
  approve: 'cmyApproved',
  decline: 'cmyDeclined',
  ban: 'cmyBanned',
  unban: 'cmyUnbanned',
  remove: 'cmyRemoved',
};

/**
 * The community groups for staff (`#/communities`): every group in order with how one joins it (open, on request,
 * or by purchase), its members, waiting requests and posts. Admins create, edit (name, slug, description, joining,
 * the products whose active services let an account join a group joined by purchase, position) and delete groups
 * after confirming; support staff see them. For each group, **Members** shows three paged lists: members (ban with
 * a reason, or remove), requests (approve or decline) and banned people (unban).
 *
 * @summary Community groups: create, edit, delete; members, join requests and bans.
 *
 * @attr page-size - How many people each request asks for (default 25).
 * @attr lang - Language (`en`, `es`); else the console's, else the page's.
 *
 * @csspart heading - The page heading.
 * @csspart new - The "New group" button.
 * @csspart form - The group editor.
 * @csspart field - A label, input, hint and error.
 * @csspart table - The groups and members tables.
 * @csspart members - The members section of the chosen group.
 * @csspart tabs - The Members / Requests / Banned tab list.
 * @csspart tab - One of those tabs.
 * @csspart empty - Shown when a list is empty.
 * @csspart more - The "Load more" button.
 * @csspart dialog - The confirmation and ban dialogs.
 * @csspart loading - Shown while a list loads.
 * @csspart load-error - Shown when a list could not be loaded.
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 *
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-admin-communities')
export class PortalAdminCommunities extends AdminElement {
  static override styles = [hostStyles, formStyles, adminStyles, titleRowStyles, contentStyles, styles];

  /** How many people each request asks for. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 25;

  @state() private groups?: AdminGroup[];
  /** The group being edited (`null`: a new one); undefined when the editor is closed. */
  @state() private editing?: AdminGroup | null;
  /** Whether the group's slug was typed (else it follows the name). */
  @state() private slugTyped = false;
  /** The group whose members show. */
  @state() private membersOf = '';
  @state() private memberTab: MemberStatus = 'member';
  /** The person the ban dialog is about. */
  @state() private banning?: GroupMember;

  #banTrigger: HTMLElement | null = null;

  readonly #groups = this.loadTask(
    'adminCommunityGroups',
    () => [],
    async (admin) => (await admin.communities.groups()).items,
    (groups) => {
      this.groups = groups;
      if (this.membersOf && !groups.some((g) => g.id === this.membersOf)) this.membersOf = '';
    },
  );

  readonly #products = this.loadTask(
    'adminProducts',
    () => [],
    (admin): Promise<AdminProduct[]> => admin.products.list(),
  );

  readonly #members = this.pagedList({
    action: 'adminCommunityMembers',
    args: () => [this.membersOf, this.memberTab, this.pageSize],
    fetch: (admin, [groupId, status, limit], page) =>
      groupId
        ? admin.communities.members(groupId, { status, limit, ...page })
        : Promise.resolve({ items: [], nextCursor: null }),
    focus: 'button',
  });

  protected override render() {
    const canWrite = this.can(routes.createGroup);
    return html`<div class="page" lang=${this.textLang}>
      <div class="page-header">
        <h1 part="heading" tabindex="-1">${this.t('cmyTitle')}</h1>
        ${
          canWrite && this.editing === undefined
            ? html`<button part="new" class="primary" type="button" @click=${() => this.#edit(null)}>${this.t('cmyNewGroup')}</button>`
            : nothing
        }
      </div>
      <p class="intro">${this.t('cmyIntro')}</p>
      ${canWrite ? nothing : html`<p class="intro">${this.t('cmyGroupsReadOnly')}</p>`}
      ${this.renderMessages()} ${this.#renderEditor()}
      <section class="card" aria-labelledby="groups-title">
        <h2 id="groups-title" tabindex="-1">${this.t('cmyGroups')}</h2>
        ${this.renderTask(this.#groups, this.groups, (groups) => this.#renderGroups(groups))}
      </section>
      ${this.#renderMembers()} ${this.#renderBan()} ${this.renderConfirm()}
    </div>`;
  }

  #renderGroups(groups: AdminGroup[]) {
    if (!groups.length) return html`<p part="empty" class="empty">${this.t('cmyNoGroups')}</p>`;
    const canWrite = this.can(routes.updateGroup);
    return dataTable({
      label: this.t('cmyGroupsTable'),
      caption: this.t('cmyGroupsTable'),
      columns: [
        this.t('cmyName'),
        this.t('cmyJoin'),
        { label: this.t('cmyMembers'), numeric: true },
        { label: this.t('cmyRequests'), numeric: true },
        { label: this.t('cmyPosts'), numeric: true },
        { label: this.t('cmyPosition'), numeric: true },
        this.t('actions'),
      ],
      rows: groups.map(
        (g) => html`<tr aria-current=${g.id === this.membersOf ? 'true' : nothing}>
          <th scope="row">${g.name} <span class="muted mono block">${g.slug}</span></th>
          <td>
            ${joinName(this.t, g.join)}
            ${g.join === 'purchase' && g.products.length ? html`<span class="muted block">${g.products.map((p) => p.name).join(', ')}</span>` : nothing}
          </td>
          <td class="num">${g.memberCount}</td>
          <td class="num">${g.requestCount}</td>
          <td class="num">${g.postCount}</td>
          <td class="num">${g.position}</td>
          ${rowActions(
            rowButton({
              part: 'members',
              text: this.t('cmyMembers'),
              ariaLabel: this.t('cmyMembersName', { name: g.name }),
              disabled: false,
              onClick: () => this.#showMembers(g),
            }),
            canWrite
              ? rowButton({
                  part: 'edit',
                  text: this.t('cmyEdit'),
                  ariaLabel: this.t('cmyEditName', { name: g.name }),
                  disabled: this.busy,
                  onClick: () => this.#edit(g),
                })
              : nothing,
            this.can(routes.removeGroup)
              ? rowButton({
                  part: 'remove',
                  text: this.t('cmyDelete'),
                  ariaLabel: this.t('cmyDeleteName', { name: g.name }),
                  danger: true,
                  disabled: this.busy,
                  onClick: () => void this.#remove(g),
                })
              : nothing,
          )}
        </tr>`,
      ),
    });
  }

  #renderEditor() {
    const g = this.editing;
    if (g === undefined) return nothing;
    const purchase = this.values.join === 'purchase';
    return html`<form part="form" class="card" novalidate aria-labelledby="group-editor-title" aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#save}>
      <h2 id="group-editor-title" tabindex="-1">${g ? this.t('cmyEditName', { name: g.name }) : this.t('cmyNewGroup')}</h2>
      <div class="grid-2">
        ${this.textInput('name', this.t('cmyName'), { required: true, maxlength: 120, onInput: this.#onNameInput })}
        ${this.textInput('slug', this.t('cmySlug'), { maxlength: 80, hint: this.t('cmySlugHint'), onInput: this.#onSlugInput })}
        ${this.selectInput('join', this.t('cmyJoin'), joinOptions(this.t))}
        ${this.textInput('position', this.t('cmyPosition'), { inputmode: 'numeric', hint: this.t('cmyPositionHint') })}
      </div>
      ${textareaField({
        name: 'description',
        label: this.t('cmyDescription'),
        value: this.values.description,
        error: this.fieldErrors.description,
        rows: 3,
        spellcheck: true,
        onInput: this.onInput,
      })}
      ${purchase ? this.#renderProducts(g) : nothing}
      <div class="actions">
        ${submitButton(g ? this.t('saveChanges') : this.t('cmyCreate'), this.busy)}
        <button class="secondary" type="button" @click=${this.#close}>${this.t('cancel')}</button>
      </div>
    </form>`;
  }

  #renderProducts(g: AdminGroup | null) {
    const task = this.#products;
    return productChecks({
      legend: this.t('cmyProducts'),
      hint: this.t('cmyProductsHint'),
      none: this.t('cmyNoProducts'),
      products: productChoices(task.value, g?.products ?? []),
      pending: () =>
        task.error !== undefined
          ? this.renderLoadError(task.error, () => void task.run())
          : task.value === undefined
            ? this.renderLoading()
            : undefined,
      values: this.values,
      error: this.fieldErrors.productIds,
      onChange: this.#onProductChange,
    });
  }

  #renderMembers(): TemplateResult | typeof nothing {
    const g = this.groups?.find((x) => x.id === this.membersOf);
    if (!g) return nothing;
    const label = (tab: MemberStatus) =>
      tab === 'member'
        ? this.t('cmyTabMembers', { count: g.memberCount })
        : tab === 'requested'
          ? this.t('cmyTabRequests', { count: g.requestCount })
          : this.t('cmyTabBanned');
    return html`<section part="members" class="card" aria-labelledby="members-title">
      <h2 id="members-title" tabindex="-1">${this.t('cmyMembersName', { name: g.name })}</h2>
      ${tabList({
        tabs: MEMBER_TABS,
        selected: this.memberTab,
        label: this.t('cmyMemberTabs'),
        text: label,
        panel: () => 'members-panel',
        onPick: (tab) => {
          this.memberTab = tab;
        },
        focus: (selector) => void this.focusPart(selector),
      })}
      <div id="members-panel" role="tabpanel" aria-labelledby=${`tab-${this.memberTab}`}>
        ${this.renderTask(this.#members.task, this.#members.items, (items) => this.#renderMemberTable(g, items))}
      </div>
    </section>`;
  }

  #renderMemberTable(g: AdminGroup, items: GroupMember[]) {
    const tab = this.memberTab;
    if (!items.length) return html`<p part="empty" class="empty">${this.t(EMPTY[tab])}</p>`;
    const lang = this.resolvedLocale;
    const button = (m: GroupMember, action: MemberAction, danger = false) => {
      const [text, aria] = (
        {
          approve: ['cmyApprove', 'cmyApproveName'],
          decline: ['cmyDecline', 'cmyDeclineName'],
          ban: ['cmyBan', 'cmyBanName'],
          unban: ['cmyUnban', 'cmyUnbanName'],
          remove: ['cmyRemove', 'cmyRemoveName'],
        } as const
      )[action];
      return rowButton({
        part: action,
        text: this.t(text),
        ariaLabel: this.t(aria, { name: m.name }),
        danger,
        disabled: this.busy,
        onClick: (event) => void this.#act(g, m, action, event),
      });
    };
    return html`${dataTable({
      label: this.t('cmyMembersTable', { name: g.name, list: this.t(TAB_NAMES[tab]) }),
      caption: this.t('cmyMembersTable', { name: g.name, list: this.t(TAB_NAMES[tab]) }),
      busy: this.#members.pending,
      columns: [
        this.t('cmyPerson'),
        this.t('cmyClient'),
        tab === 'member'
          ? this.t('cmyJoined')
          : tab === 'requested'
            ? this.t('cmyAsked')
            : this.t('cmyBanReason'),
        { label: this.t('cmyPosts'), numeric: true },
        this.t('actions'),
      ],
      rows: items.map(
        (m) => html`<tr>
          <th scope="row">${m.name} <span class="muted block">${m.email}</span></th>
          <td>${m.accountName}</td>
          <td>
            ${
              tab === 'banned'
                ? m.banReason || html`<span class="muted">${this.t('cmyNoReason')}</span>`
                : formatDate(lang, tab === 'member' ? (m.joinedAt ?? m.createdAt) : m.createdAt)
            }
          </td>
          <td class="num">${m.posts}</td>
          ${
            tab === 'member'
              ? rowActions(button(m, 'ban', true), button(m, 'remove', true))
              : tab === 'requested'
                ? rowActions(button(m, 'approve'), button(m, 'decline'))
                : rowActions(button(m, 'unban'))
          }
        </tr>`,
      ),
    })}
    ${this.renderMore(this.#members)}`;
  }

  #renderBan() {
    const m = this.banning;
    const g = this.groups?.find((x) => x.id === this.membersOf);
    if (!m || !g) return nothing;
    return banDialog(this.t, {
      name: m.name,
      group: g.name,
      reason: this.values.banReason,
      error: this.fieldErrors.banReason,
      busy: this.busy,
      onInput: this.onInput,
      onSubmit: (event) => void this.#ban(event, g, m),
      onClose: this.#closeBan,
    });
  }

  #showMembers(g: AdminGroup) {
    this.membersOf = g.id;
    this.memberTab = g.requestCount > 0 ? 'requested' : 'member';
    void this.focusPart('#members-title');
  }

  async #act(g: AdminGroup, m: GroupMember, action: MemberAction, event: Event) {
    if (action === 'ban') {
      this.#banTrigger = event.currentTarget as HTMLElement;
      this.values = { ...this.values, banReason: '' };
      this.fieldErrors = {};
      this.banning = m;
      return;
    }
    if (action === 'remove') {
      const ok = await this.confirmAction({
        title: this.t('cmyRemoveTitle', { name: m.name, group: g.name }),
        body: this.t('cmyRemoveBody'),
        confirm: this.t('cmyRemove'),
        danger: true,
      });
      if (!ok) return;
    }
    await this.#memberAction(g, m, { action });
  }

  async #ban(event: SubmitEvent, g: AdminGroup, m: GroupMember) {
    event.preventDefault();
    const reason = (this.values.banReason ?? '').trim();
    if (reason.length > 500) {
      this.showFieldErrors({ banReason: this.t('cmyErrorTooLong', { max: 500 }) });
      return;
    }
    const done = await this.#memberAction(g, m, { action: 'ban', ...(reason ? { reason } : {}) }, ['reason']);
    // The alert is behind the modal dialog: say it in the dialog too.
    if (!done && this.banning && this.alertMessage && !this.fieldErrors.banReason) {
      this.fieldErrors = { ...this.fieldErrors, banReason: this.alertMessage };
    }
    if (done) closeBanDialog(this.renderRoot);
  }

  #closeBan = async () => {
    this.banning = undefined;
    this.clearError('banReason');
    const back = this.#banTrigger;
    this.#banTrigger = null;
    // Once drawn again: the button it came from may still be disabled by the request that just ended.
    await this.updateComplete;
    if (back?.isConnected) back.focus();
    else void this.focusPart('#members-title');
  };

  async #memberAction(
    g: AdminGroup,
    m: GroupMember,
    input: { action: MemberAction; reason?: string },
    fields: string[] = [],
  ): Promise<boolean> {
    const done = await this.attempt(
      `adminCommunityMember${input.action}`,
      (path) => (fields.includes(path) ? 'banReason' : undefined),
      (admin) => admin.communities.memberAction(g.id, m.userId, input as never),
    );
    if (!done) {
      if (this.failedWith(409)) {
        this.alertMessage = this.t('cmyMemberChanged');
        closeBanDialog(this.renderRoot);
        void this.#members.task.run();
        void this.#groups.run();
      }
      return false;
    }
    this.#members.items = (this.#members.items ?? []).filter((x) => x.userId !== m.userId);
    this.notice = this.t(DONE[input.action], { name: m.name, group: g.name });
    await this.#groups.run();
    if (input.action !== 'ban') void this.focusPart('#members-title');
    return true;
  }

  #onNameInput = (event: Event) => {
    this.onInput(event);
    if (!this.slugTyped) this.values = { ...this.values, slug: slugify(this.values.name ?? '') };
  };

  #onSlugInput = (event: Event) => {
    this.onInput(event);
    this.slugTyped = (this.values.slug ?? '') !== '';
  };

  #onProductChange = (event: Event) => {
    this.onInput(event);
    this.clearError('productIds');
  };

  #edit(g: AdminGroup | null) {
    this.editing = g;
    this.slugTyped = !!g;
    this.fieldErrors = {};
    this.alertMessage = '';
    const kept = Object.fromEntries(Object.entries(this.values).filter(([name]) => !isProductValue(name)));
    this.values = {
      ...kept,
      name: g?.name ?? '',
      slug: g?.slug ?? '',
      description: g?.description ?? '',
      join: g?.join ?? 'open',
      position: g ? String(g.position) : '',
      ...productValues(g?.products ?? []),
    };
    void this.focusPart('#group-editor-title');
  }

  #close = () => {
    this.editing = undefined;
    this.fieldErrors = {};
    void this.focusPart('#groups-title');
  };

  #save = async (event: SubmitEvent) => {
    event.preventDefault();
    const g = this.editing;
    if (g === undefined) return;
    const v = (name: string) => (this.values[name] ?? '').trim();
    const errors: Record<string, string> = {};
    if (!v('name')) errors.name = this.t('errorRequired');
    const slug = v('slug').toLowerCase();
    if (slug && slugify(slug) !== slug) errors.slug = this.t('cmyErrorSlug');
    const position = positionOf(v('position'));
    if (position === undefined) errors.position = this.t('cmyErrorPosition');
    const join = (v('join') || 'open') as GroupJoin;
    const productIds = checkedProducts(this.values);
    if (join === 'purchase' && !productIds.length) errors.productIds = this.t('cmyErrorChooseProduct');
    if (!this.showFieldErrors(errors)) {
      if (errors.productIds && Object.keys(errors).length === 1) void this.focusPart('fieldset input');
      return;
    }
    const input: GroupInput = {
      name: v('name'),
      description: v('description'),
      join,
      productIds: join === 'purchase' ? productIds : [],
      ...(slug ? { slug } : {}),
      ...(position !== null && position !== undefined ? { position } : {}),
    };
    const saved = await this.attemptResult(
      g ? 'adminUpdateCommunityGroup' : 'adminCreateCommunityGroup',
      groupField,
      (admin) => (g ? admin.communities.updateGroup(g.id, input) : admin.communities.createGroup(input)),
    );
    if (!saved) {
      this.showConflictBeside('slug', this.t('cmySlugTaken'));
      return;
    }
    this.notice = this.t(g ? 'cmySaved' : 'cmyCreated', { name: saved.name });
    this.editing = undefined;
    await this.#groups.run();
    void this.focusPart('#groups-title');
  };

  async #remove(g: AdminGroup) {
    const ok = await this.confirmAction({
      title: this.t('cmyDeleteTitle', { name: g.name }),
      body: this.t('cmyDeleteBody'),
      confirm: this.t('cmyDelete'),
      danger: true,
    });
    if (!ok) return;
    const done = await this.attempt('adminDeleteCommunityGroup', [], (admin) =>
      admin.communities.removeGroup(g.id),
    );
    if (!done) return;
    if (this.editing?.id === g.id) this.editing = undefined;
    if (this.membersOf === g.id) this.membersOf = '';
    this.notice = this.t('cmyDeleted', { name: g.name });
    await this.#groups.run();
    void this.focusPart('#groups-title');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-communities': PortalAdminCommunities;
  }
}
