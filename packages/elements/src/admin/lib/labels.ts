import type { MembershipRole, PortalUserStatus, StaffRole } from '@portico/sdk/admin';
import type { TemplateResult } from 'lit';
import { badge } from './form.js';
import type { AdminMessageKey, AdminTranslate } from './localize.js';

/** The message key of a staff role's name. */
export const roleKey = (role: StaffRole): AdminMessageKey =>
  role === 'admin' ? 'roleAdmin' : role === 'billing' ? 'roleBilling' : 'roleSupport';

/** The message key of a portal user's role on an account. */
export const membershipKey = (role: MembershipRole): AdminMessageKey =>
  ({ owner: 'memberOwner', billing: 'memberBilling', technical: 'memberTechnical', custom: 'memberCustom' })[
    role
  ] as AdminMessageKey;

/** The roles staff may give a person they invite onto an account. */
export const invitableRoles = ['owner', 'billing', 'technical'] as const;

/** The invitable roles as drop-down options, after "Choose a role". */
export const invitableRoleOptions = (t: AdminTranslate) => [
  { value: '', label: t('chooseRole') },
  ...invitableRoles.map((role) => ({ value: role, label: t(membershipKey(role)) })),
];

/** A portal user's invitation status as a badge. */
export function userStatusBadge(
  t: AdminTranslate,
  status: PortalUserStatus,
  disabled = false,
): TemplateResult {
  if (disabled) return badge(t('statusDisabled'), 'bad');
  if (status === 'joined') return badge(t('statusJoined'), 'good');
  if (status === 'invited') return badge(t('statusInvited'), 'warn');
  return badge(t('statusNotInvited'), 'neutral');
}

/** A client's status as a badge. */
export const clientStatusBadge = (t: AdminTranslate, status: 'active' | 'disabled') =>
  status === 'active' ? badge(t('statusActive'), 'good') : badge(t('statusDisabled'), 'bad');
