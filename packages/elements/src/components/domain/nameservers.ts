import { type DomainNameProblem, parseDomainName } from '@portico/sdk';
import type { Translate } from '../../lib/form.js';
import type { MessageKey } from '../../lib/localize.js';

/** A domain has at least 2 name servers and at most 13 (what registries accept). */
export const MIN_NAMESERVERS = 2;
export const MAX_NAMESERVERS = 13;

/** Each problem `parseDomainName` reports, in words about a name server. */
const PROBLEM_KEYS: Record<DomainNameProblem, MessageKey> = {
  empty: 'domProblemEmpty',
  bad_character: 'domProblemBadCharacter',
  space: 'domProblemSpace',
  empty_label: 'domProblemEmptyLabel',
  label_too_long: 'domProblemLabelTooLong',
  too_long: 'domProblemTooLong',
  hyphen_edge: 'domProblemHyphenEdge',
  reserved_hyphens: 'domProblemReservedHyphens',
  bad_punycode: 'domProblemBadPunycode',
  leading_mark: 'domProblemLeadingMark',
  numeric_tld: 'domProblemNumericTld',
  missing_tld: 'domProblemMissingTld',
  // Only a search box reports these two; a host name never does.
  subdomain: 'domNsNotAHost',
  unknown_tld: 'domNsNotAHost',
};

/** What the name server rows say: the ASCII list to send, or the message for each row that is wrong. */
export type NameserverCheck =
  | { ok: true; nameservers: string[] }
  | { ok: false; errors: (string | undefined)[]; summary: string };

/**
 * Checks the rows as the API would (the contract's `NameserversInputSchema`), so a list the form accepts is one the
 * server accepts: every row a host name (IDN becomes its `xn--` form), each only once, 2 to 13 of them. Messages
 * are in the reader's language, beside the row they are about.
 */
export function checkNameservers(rows: readonly string[], t: Translate): NameserverCheck {
  const errors: (string | undefined)[] = [];
  const seen = new Set<string>();
  const nameservers: string[] = [];
  for (const row of rows) {
    const result = parseDomainName(row);
    if (!result.ok) {
      // With only the rows that must stay, an empty one asks to be filled, not removed.
      const emptyKey = rows.length > MIN_NAMESERVERS ? 'domProblemEmpty' : 'domNsMin';
      errors.push(t(result.problem === 'empty' ? emptyKey : PROBLEM_KEYS[result.problem]));
      continue;
    }
    if (seen.has(result.ascii)) {
      errors.push(t('domNsDuplicate'));
      continue;
    }
    seen.add(result.ascii);
    nameservers.push(result.ascii);
    errors.push(undefined);
  }
  if (errors.some(Boolean)) return { ok: false, errors, summary: t('domNsFix') };
  if (nameservers.length < MIN_NAMESERVERS) return { ok: false, errors, summary: t('domNsMin') };
  if (nameservers.length > MAX_NAMESERVERS) return { ok: false, errors, summary: t('domNsMax') };
  return { ok: true, nameservers };
}
