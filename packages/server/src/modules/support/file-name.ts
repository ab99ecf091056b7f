/** The longest stored file name, in UTF-8 bytes (what file systems allow). */
export const MAX_NAME_BYTES = 255;

/** C0 and C1 control characters and DEL. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
/**
 * Characters that reorder or hide text: bidi embeddings and overrides (U+202A–202E), isolates (U+2066–2069), the
 * marks (U+200E, U+200F, U+061C) and zero-width ones, so `a\u202Egnp.txt` cannot pass for `atxt.png`.
 */
const INVISIBLE = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b-\u200d\u2060\ufeff]/g;
/** Characters Windows refuses in names (quotes would also break a header's quoting). */
const RESERVED = /[<>:"|?*]/g;
/** Names Windows keeps for devices, whatever their extension (`con.txt` is the console). */
const DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i;

const utf8Length = (text: string) => Buffer.byteLength(text, 'utf8');

/** `text` cut to at most `bytes` UTF-8 bytes, never inside a character. */
function cutToBytes(text: string, bytes: number): string {
  if (utf8Length(text) <= bytes) return text;
  let out = '';
  let used = 0;
  for (const char of text) {
    const size = utf8Length(char);
    if (used + size > bytes) break;
    out += char;
    used += size;
  }
  return out;
}

/** A cleaned name's extension as typed (without the dot) and what comes before it. */
function split(name: string): { stem: string; ext: string } {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? { stem: name, ext: '' } : { stem: name.slice(0, dot), ext: name.slice(dot + 1) };
}

/** The lower-case extension of a (safe) name, without the dot, or '' when it has none. */
export function extensionOf(name: string): string {
  return split(name).ext.toLowerCase();
}

/**
 * A file name that is safe to store, show and send back in a header: the last path segment only (`/` and `\`),
 * without control, bidi-override or zero-width characters, NFC, single spaces, no leading dots, no Windows device
 * name or reserved character, and at most 255 UTF-8 bytes with its extension kept. No name left: `file.<ext>`.
 * The extension the result ends with is the one the type check reads.
 */
export function safeFileName(raw: string): string {
  const base = raw.split(/[/\\]/).at(-1) ?? '';
  const name = base
    .replace(CONTROL, '')
    .replace(INVISIBLE, '')
    .normalize('NFC')
    .replace(RESERVED, '_')
    .replace(/\s+/gu, ' ')
    // Windows drops trailing dots and spaces, so `a.txt.` would save as `a.txt`: the name says what it saves as.
    .replace(/[.\s]+$/, '')
    .trim();
  const parts = split(name);
  const ext = parts.ext.trim();
  let stem = parts.stem.replace(/^[.\s]+/, '').trim();
  if (DEVICE.test(stem)) stem = `_${stem}`;
  const suffix = ext ? `.${ext}` : '';
  if (!stem) return `file${suffix}`;
  return `${cutToBytes(stem, MAX_NAME_BYTES - utf8Length(suffix)).trim()}${suffix}`;
}

/** RFC 8187 `attr-char`s: everything else in `filename*` is percent-encoded. */
const encodeExtValue = (value: string) =>
  Array.from(new TextEncoder().encode(value), (byte) => {
    const char = String.fromCharCode(byte);
    return /[A-Za-z0-9!#$&+\-.^_`|~]/.test(char)
      ? char
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');

/** The name in plain printable ASCII, for clients that ignore `filename*`: accents dropped, the rest `_`. */
export function asciiFileName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
}

/**
 * `Content-Disposition: attachment` with both forms of the name (RFC 6266): a quoted ASCII fallback and the exact
 * name as UTF-8 in `filename*`. The name is already safe ({@link safeFileName}).
 */
export function contentDisposition(name: string): string {
  return `attachment; filename="${asciiFileName(name)}"; filename*=UTF-8''${encodeExtValue(name)}`;
}
