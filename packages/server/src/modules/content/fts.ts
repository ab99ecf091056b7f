/**
 * Safe SQLite FTS5 queries from what people type. FTS5's query language has operators (`AND`, `OR`, `NOT`,
 * `NEAR`), column filters (`title:`), `^`, `-`, `*`, parentheses and quotes; a search box must never expose any of
 * them, nor fail on a stray quote. So the input is only ever read as words: each word becomes an FTS5 string
 * (double-quoted, quotes doubled), which FTS5 takes as a phrase of literal text and runs through the index's own
 * tokenizer.
 *
 * Words are split the way the `unicode61` tokenizer (used by every index here) splits text: letters, digits and
 * private-use characters make words; combining marks stay with the word they follow (so `café` written with a
 * combining accent, Devanagari vowel signs and viramas stay in their word, and the tokenizer deals with them inside
 * the phrase); everything else (spaces, punctuation, symbols, emoji, NUL, stray surrogates) separates. A word of
 * marks alone is dropped: the tokenizer reads no token in it, and an empty phrase would match nothing at all.
 */

/** Runs of letters, digits, private-use characters and combining marks. */
const WORD = /[\p{L}\p{N}\p{Co}\p{M}]+/gu;
/** What makes a run a word: the tokenizer reads a token from it. */
const TOKEN = /[\p{L}\p{N}\p{Co}]/u;

/** At most this many words are read from a query; the rest are ignored. */
export const MAX_QUERY_WORDS = 20;

export interface FtsQueryOptions {
  /** `all` (default): every word must match (AND). `any`: one is enough (OR), for finding related texts. */
  match?: 'all' | 'any';
  /** The last word also matches as a prefix (`passw` finds `password`): what search-as-you-type wants. Default true. */
  prefixLast?: boolean;
  /** Words to leave out (lower case), such as stop words when looking for related articles. */
  skip?: ReadonlySet<string>;
}

/** The words of a query as the index's tokenizer would find them, at most `MAX_QUERY_WORDS`. */
export function queryWords(input: string, skip?: ReadonlySet<string>): string[] {
  const words: string[] = [];
  for (const [word] of input.normalize('NFC').matchAll(WORD)) {
    if (!TOKEN.test(word) || skip?.has(word.toLowerCase())) continue;
    words.push(word);
    if (words.length === MAX_QUERY_WORDS) break;
  }
  return words;
}

/**
 * An FTS5 MATCH expression for `input`, or `''` when it holds no word (then run no query: the answer is empty).
 * Safe for any string: operators, quotes, column filters and SQL are only ever words of literal text.
 *
 * @example
 * ftsQuery('reset "my passw');          // '"reset" "my" "passw"*'
 * ftsQuery('title:x OR y', { match: 'any', prefixLast: false }); // '"title" OR "x" OR "OR" OR "y"'
 */
export function ftsQuery(input: string, options: FtsQueryOptions = {}): string {
  const words = queryWords(input, options.skip);
  if (!words.length) return '';
  const prefixLast = options.prefixLast ?? true;
  const phrases = words.map((word, i) => {
    const phrase = `"${word.replaceAll('"', '""')}"`;
    return prefixLast && i === words.length - 1 ? `${phrase}*` : phrase;
  });
  return phrases.join(options.match === 'any' ? ' OR ' : ' ');
}
