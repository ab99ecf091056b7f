import type { MembershipRole } from '@portico/sdk';
import type { MessageKey } from './localize.js';

/** The name of each membership role (the `accountRoles` messages). */
export const ROLE_KEYS: Record<MembershipRole, MessageKey> = {
  owner: 'roleOwner',
  billing: 'roleBilling',
  technical: 'roleTechnical',
  custom: 'roleCustom',
};
