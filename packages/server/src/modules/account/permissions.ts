import {
  type Address,
  grants,
  type MembershipRole,
  PERMISSIONS,
  type Permission,
  type ProfileField,
} from '@portico/sdk/contract';

const KNOWN = new Set<string>(PERMISSIONS);

/** Reads a stored JSON list of permissions, keeping only known ones (a bad row grants nothing). */
export function parsePermissions(json: string | null | undefined): Permission[] {
  if (!json) return [];
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((p): p is Permission => KNOWN.has(p as string)) : [];
  } catch {
    return [];
  }
}

/** What a member may do: the owner everything, a contact what their membership lists. */
export function memberPermissions(role: MembershipRole, stored: string | null | undefined): Permission[] {
  return role === 'owner' ? [...PERMISSIONS] : parsePermissions(stored);
}

/** The permissions in `wanted` that `held` grants (`area:write` grants `area:read`). */
export function withinPermissions(wanted: readonly Permission[], held: readonly Permission[]): Permission[] {
  const have = new Set(held);
  return wanted.filter(
    (p) => have.has(p) || (p.endsWith(':read') && have.has(p.replace(':read', ':write') as Permission)),
  );
}

/** The account details the required-fields rule reads. */
export interface ProfileFacts {
  company: string | null;
  phone: string | null;
  /** JSON of the contract's Address. */
  address: string;
}

const filled = (v: string | null | undefined) => typeof v === 'string' && v.trim() !== '';

/** Which of the business's required profile fields an account has not filled. */
export function missingProfileFields(required: readonly ProfileField[], facts: ProfileFacts): ProfileField[] {
  if (!required.length) return [];
  let address: Address = {};
  try {
    address = JSON.parse(facts.address) as Address;
  } catch {
    // An unreadable address is an empty one.
  }
  return required.filter((field) => {
    if (field === 'company') return !filled(facts.company);
    if (field === 'phone') return !filled(facts.phone);
    // A postal address needs a street line, a city and a country; postcode and state vary by country.
    return !(filled(address.line1) && filled(address.city) && filled(address.country));
  });
}

/**
 * What a member may do on an account and which required profile fields hold them up: the fields count only for
 * someone who may see the profile. The session a request carries and the session a sign-in answers both use it.
 */
export function memberAccess(
  member: { role: MembershipRole; permissions: string | null | undefined },
  account: ProfileFacts,
  required: readonly ProfileField[],
): { permissions: Permission[]; profileMissing: ProfileField[] } {
  const permissions = memberPermissions(member.role, member.permissions);
  const canSee = grants(permissions, 'profile:read');
  return { permissions, profileMissing: canSee ? missingProfileFields(required, account) : [] };
}
