import type { GroupJoin } from '@portico/sdk/admin';
import { html, nothing, type TemplateResult } from 'lit';
import { badge } from './form.js';
import type { AdminMessageKey, AdminTranslate } from './localize.js';

const JOIN_SHORT: Record<GroupJoin, AdminMessageKey> = {
  open: 'cmyJoinOpenShort',
  request: 'cmyJoinRequestShort',
  purchase: 'cmyJoinPurchaseShort',
};
const JOIN_LONG: Record<GroupJoin, AdminMessageKey> = {
  open: 'cmyJoinOpen',
  request: 'cmyJoinRequest',
  purchase: 'cmyJoinPurchase',
};

/** How one joins a group, in a word or two. */
export const joinName = (t: AdminTranslate, join: GroupJoin): string => t(JOIN_SHORT[join]);

/** The three ways of joining, explained, as drop-down options. */
export const joinOptions = (t: AdminTranslate) =>
  (['open', 'request', 'purchase'] as const).map((join) => ({ value: join, label: t(JOIN_LONG[join]) }));

/** A post's or comment's standing: "Hidden" (amber) when hidden, "Pinned" when pinned; nothing else for a plain one. */
export function moderationBadges(
  t: AdminTranslate,
  o: { status: 'visible' | 'hidden'; pinned?: boolean },
): TemplateResult {
  return html`${o.pinned ? badge(t('cmyPinned'), 'good') : nothing}${
    o.status === 'hidden' ? badge(t('cmyHidden'), 'warn') : nothing
  }`;
}
