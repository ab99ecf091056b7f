import type { Permission } from '@portico/sdk/contract';
import { grants } from '@portico/sdk/contract';
import type { Db } from '../../db/database.js';
import { type Locale, pickLocale } from './templates.js';

/** Someone a mail goes to, in their own language. */
export interface Recipient {
  email: string;
  locale: Locale;
}

/**
 * The people of an account a mail about `area` goes to: its owners, and every other member whose permissions
 * grant `area` (none of them with `ownersOnly`). Disabled logins get nothing. Pass a transaction's database to
 * read inside it.
 */
export async function accountRecipients(
  db: Db,
  accountId: string,
  area: Permission,
  options: { ownersOnly?: boolean } = {},
): Promise<Recipient[]> {
  const people = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select([
      'users.email',
      'users.locale',
      'users.disabled_at',
      'memberships.role',
      'memberships.permissions',
    ])
    .where('memberships.account_id', '=', accountId)
    .execute();
  return people
    .filter(
      (person) =>
        !person.disabled_at &&
        (person.role === 'owner' ||
          (!options.ownersOnly && grants(JSON.parse(person.permissions) as Permission[], area))),
    )
    .map((person) => ({ email: person.email, locale: pickLocale(person.locale) }));
}
