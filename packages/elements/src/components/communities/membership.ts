// What <portal-communities> and <portal-community> share: the group hash, the words for joining and membership,
// the join/leave buttons and the membership event.
import type { Group, GroupJoin, GroupSummary } from '@portico/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { plural } from '../../lib/content.js';
import { badge } from '../../lib/fields.js';
import type { Translate } from '../../lib/form.js';
import type { MessageKey } from '../../lib/localize.js';

/** `#group/<idOrSlug>` (also followed by `/post/<postId>`): the group, as its first match. */
export const GROUP_HASH = /^#group\/([^/?#]+)/;
/** `#group/<idOrSlug>/post/<postId>`: the post, as its first match. */
export const POST_HASH = /^#group\/[^/?#]+\/post\/([^/?#]+)/;

/** The hash that opens a group. */
export const groupHash = (slug: string) => `#group/${encodeURIComponent(slug)}`;
/** The hash that opens one post of a group. */
export const postHash = (slug: string, postId: string) =>
  `${groupHash(slug)}/post/${encodeURIComponent(postId)}`;

const JOIN_KEYS: Record<GroupJoin, MessageKey> = {
  open: 'comJoinOpen',
  request: 'comJoinRequest',
  purchase: 'comJoinPurchase',
};

/** How a client comes into the group, in words. */
export const joinText = (t: Translate, join: GroupJoin) => t(JOIN_KEYS[join]);

/** "12 members · 3 posts · Anyone can join". */
export function groupFacts(t: Translate, lang: string, group: GroupSummary): string {
  return [
    plural(t, lang, group.memberCount, 'comMembersOne', 'comMembersOther'),
    plural(t, lang, group.postCount, 'comPostsOne', 'comPostsOther'),
    joinText(t, group.join),
  ].join(' · ');
}

/** "Member" or "Request pending"; nothing for someone outside. */
export function membershipBadge(t: Translate, group: GroupSummary): TemplateResult | typeof nothing {
  if (group.membership === 'member') return badge(t('comMember'), 'good');
  if (group.membership === 'requested') return badge(t('comRequestPending'), 'warn');
  return nothing;
}

/** What a membership button does. */
export type MembershipAction = 'join' | 'leave' | 'withdraw';

/** The button that changes the person's standing: Join / Ask to join, Withdraw request, or Leave group. */
export function membershipButton(
  t: Translate,
  group: GroupSummary,
  busy: boolean,
  onClick: (action: MembershipAction) => void,
): TemplateResult {
  const [action, label, style]: [MembershipAction, MessageKey, string] =
    group.membership === 'member'
      ? ['leave', 'comLeave', 'secondary danger']
      : group.membership === 'requested'
        ? ['withdraw', 'comWithdraw', 'secondary']
        : ['join', group.join === 'request' ? 'comAskToJoin' : 'comJoin', 'primary'];
  return html`<button
    part=${`button ${action}`}
    class="${style} small"
    type="button"
    data-action=${action}
    ?disabled=${busy}
    @click=${() => onClick(action)}
  >
    ${t(label)}
  </button>`;
}

/** What to say once a membership change went through. */
export function membershipNotice(t: Translate, action: MembershipAction, group: GroupSummary): string {
  const name = group.name;
  if (action === 'leave') return t('comLeft', { name });
  if (action === 'withdraw') return t('comWithdrawn', { name });
  return t(group.membership === 'member' ? 'comJoined' : 'comRequested', { name });
}

/** The confirmation asked before leaving a group. */
export const leaveQuestion = (t: Translate, group: GroupSummary) => ({
  title: t('comLeaveTitle', { name: group.name }),
  body: t('comLeaveBody'),
  confirm: t('comLeaveConfirm'),
  danger: true,
});

/** A group as the list shows it. */
export const groupSummary = ({ notifyReplies: _, ...summary }: Group): GroupSummary => summary;

/**
 * The person joined, asked to join, withdrew or left a group here. `detail` is `{ group, action }` (the group as
 * it is now).
 */
export class PortalMembershipChangedEvent extends Event {
  static readonly eventName = 'portal-membership-changed';
  readonly detail: { group: GroupSummary; action: MembershipAction };
  constructor(group: GroupSummary, action: MembershipAction) {
    super(PortalMembershipChangedEvent.eventName, { bubbles: true, composed: true });
    this.detail = { group, action };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'portal-membership-changed': PortalMembershipChangedEvent;
  }
}
