import { initialState } from '@lit/task';
import { type GroupSummary, grants } from '@portico/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { AccountElement } from '../../lib/account-element.js';
import { accountStyles } from '../../lib/account-styles.js';
import { formatDateTime, relativeTime } from '../../lib/format.js';
import { itemHref } from '../../lib/hash.js';
import { isNotFound } from '../../lib/load-error.js';
import { addMessages } from '../../lib/localize.js';
import * as communitiesEn from '../../lib/locales/communities-en.js';
import * as communitiesEs from '../../lib/locales/communities-es.js';
import * as en from '../../lib/locales/en.js';
import * as es from '../../lib/locales/es.js';
import { formStyles, hostStyles } from '../../lib/styles.js';
import styles from './communities.styles.js';
import {
  groupFacts,
  groupHash,
  groupSummary,
  type MembershipAction,
  membershipBadge,
  membershipButton,
  membershipNotice,
  PortalMembershipChangedEvent,
  leaveQuestion,
} from './membership.js';

addMessages('en', en.account, communitiesEn.communities);
addMessages('es', es.account, communitiesEs.communities);

/**
 * "Communities": the groups this person may see (open ones, on-request ones, and those that come with a purchase
 * the account holds), each with its name, description, member and post counts, how to join and the person's
 * standing (member, request pending). From here a person joins an open group (or one their purchase includes),
 * asks to join one on request, withdraws a request, or leaves a group after a confirmation.
 *
 * A group's name links to `group-href#group/<slug>`: by default this page, so a `<portal-community>` on it opens
 * the group.
 *
 * Someone without the `apps:read` permission sees a short explanation; with only `apps:read`, no buttons. While the
 * communities app is off (or not this client's), the element says communities are not available.
 *
 * @summary The community groups a client may see: join, ask to join, leave, open one.
 *
 * @attr group-href - A page with a `<portal-community>`: group names link to it with `#group/<slug>`. Without it,
 * this page.
 * @attr api - The Portico server's URL, when used without a `<portal-provider>`.
 * @attr mode - Session mode of the standalone client: `cookie` (default) or `token`.
 * @attr login-href - Where the "Sign in" link goes when signed out.
 * @attr lang - Language (`en`, `es`); else the provider's, else the page's.
 * @attr theme - `light` or `dark` to force a colour scheme.
 *
 * @csspart base - The box around everything.
 * @csspart title - The heading.
 * @csspart groups - The list of groups.
 * @csspart group - One group (also `member` or `requested`).
 * @csspart name - A group's name.
 * @csspart open - The link that opens a group.
 * @csspart description - A group's description.
 * @csspart facts - Members, posts and how to join.
 * @csspart activity - When the group last saw activity.
 * @csspart badge - "Member" or "Request pending".
 * @csspart button - Buttons.
 * @csspart join - "Join" or "Ask to join" (also `button`).
 * @csspart withdraw - "Withdraw request" (also `button`).
 * @csspart leave - "Leave group" (also `button`).
 * @csspart dialog - The confirmation dialog.
 * @csspart empty - Shown when there are no groups.
 * @csspart unavailable - Shown while the communities app is not available.
 * @csspart not-allowed - Shown to someone who may not use the apps, or only read.
 * @csspart error - The alert (also `alert`).
 * @csspart alert - The `role="alert"` region.
 * @csspart status - The `role="status"` region.
 * @csspart loading - Shown while the groups load.
 * @csspart load-error - Shown when the groups could not be loaded.
 * @csspart retry - "Try again" after a failed load.
 * @csspart signed-out - Shown when signed out.
 *
 * @cssproperty [--portal-communities-width=64rem] - Maximum width.
 * @cssproperty --portal-communities-padding - Padding inside the box.
 * @cssproperty --portal-communities-background - Background; falls back to `--portal-color-surface`.
 * @cssproperty --portal-communities-border - Border; falls back to a 1px `--portal-color-border` line.
 *
 * @event {PortalMembershipChangedEvent} portal-membership-changed - The person joined, asked to join, withdrew or
 * left a group; `event.detail` is `{ group, action }`.
 * @event {PortalErrorEvent} portal-error - A request failed; `event.detail` is `{ action, error }`.
 */
@customElement('portal-communities')
export class PortalCommunities extends AccountElement {
  static override styles = [hostStyles, formStyles, accountStyles, styles];

  /** A page that shows one group at `#group/<slug>`. */
  @property({ attribute: 'group-href' }) groupHref?: string;

  @state() private groups?: GroupSummary[];

  readonly #load = this.loadTask(
    'listGroups',
    () => [] as const,
    (client, session) =>
      grants(session.permissions, 'apps:read') ? client.communities.groups() : Promise.resolve(initialState),
    ({ items }) => {
      this.groups = items;
    },
  );

  get #mayWrite(): boolean {
    return grants(this.session?.permissions ?? [], 'apps:write');
  }

  protected override sessionChanged(): void {
    super.sessionChanged();
    this.groups = undefined;
  }

  protected override render() {
    return html`<div part="base" class="base" lang=${this.textLang}>
      <h2 part="title" id="groups-title">${this.t('comListTitle')}</h2>
      ${this.renderSession((session) =>
        grants(session.permissions, 'apps:read')
          ? this.renderTask(this.#load, this.groups, (groups) => this.#renderGroups(groups))
          : html`<p part="not-allowed" class="not-allowed">${this.t('comNoAccess')}</p>`,
      )}
      ${this.renderMessages()} ${this.renderConfirm()}
    </div>`;
  }

  protected override renderLoadError(error: unknown, retry: () => void): TemplateResult {
    if (isNotFound(error)) {
      return html`<p part="unavailable" class="unavailable">${this.t('comUnavailable')}</p>`;
    }
    return super.renderLoadError(error, retry);
  }

  #renderGroups(groups: GroupSummary[]): TemplateResult {
    if (!groups.length) return html`<p part="empty" class="empty">${this.t('comNone')}</p>`;
    const mayWrite = this.#mayWrite;
    return html`${mayWrite ? nothing : html`<p part="not-allowed" class="not-allowed">${this.t('comReadOnly')}</p>`}
      <ul part="groups" class="groups" aria-labelledby="groups-title">
        ${repeat(
          groups,
          (group) => group.id,
          (group) => this.#renderGroup(group, mayWrite),
        )}
      </ul>`;
  }

  #renderGroup(group: GroupSummary, mayWrite: boolean): TemplateResult {
    const lang = this.resolvedLocale;
    const nameId = `name-${group.id}`;
    const standing = group.membership === 'none' ? '' : ` ${group.membership}`;
    return html`<li part=${`group${standing}`} class="group${standing}" data-group=${group.id}>
      <div class="group-head">
        <h3 part="name" class="name" id=${nameId}>
          <a
            part="open"
            href=${itemHref(this.groupHref, groupHash(group.slug))}
            data-open=${group.id}
            >${group.name}</a
          >
        </h3>
        ${membershipBadge(this.t, group)}
      </div>
      ${group.description ? html`<p part="description" class="description">${group.description}</p>` : nothing}
      <p part="facts" class="facts">${groupFacts(this.t, lang, group)}</p>
      ${
        group.lastActivityAt
          ? html`<p part="activity" class="activity">
              <time datetime=${group.lastActivityAt} title=${formatDateTime(lang, group.lastActivityAt)}
                >${this.t('comActiveAgo', { when: relativeTime(lang, group.lastActivityAt) })}</time
              >
            </p>`
          : nothing
      }
      ${
        mayWrite
          ? html`<div class="actions" role="group" aria-labelledby=${nameId}>
              ${membershipButton(this.t, group, this.busy, (action) => void this.#change(group, action))}
            </div>`
          : nothing
      }
    </li>`;
  }

  async #change(group: GroupSummary, action: MembershipAction) {
    if (action === 'leave' && !(await this.confirmAction(leaveQuestion(this.t, group)))) return;
    const who = this.sessionKey;
    let changed: GroupSummary | undefined;
    await this.attempt(action === 'join' ? 'joinGroup' : 'leaveGroup', [], async (client) => {
      const answer =
        action === 'join'
          ? await client.communities.join(group.id)
          : await client.communities.leave(group.id);
      changed = groupSummary(answer);
    });
    // An answer for another person's or account's list is not this one's.
    if (!changed || who !== this.sessionKey) return;
    const updated = changed;
    this.groups = this.groups?.map((g) => (g.id === updated.id ? updated : g));
    this.notice = membershipNotice(this.t, action, updated);
    this.emit(new PortalMembershipChangedEvent(updated, action));
    // The button pressed is replaced by another: keyboard users continue from the group's name.
    void this.focusPart(`[data-open="${updated.id}"]`);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-communities': PortalCommunities;
  }
}
