/** A backup code in groups of four with dashes (which sign-in ignores): `abcd-efgh-ijkl-mnop`. */
export const groupCode = (code: string) => code.match(/.{1,4}/g)?.join('-') ?? code;

/** An SVG document as an image address, so it is shown as a picture and never parsed into the page. */
export function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** `iso` relative to now in `lang`: "5 minutes ago", "yesterday", "now". */
export function relativeTime(iso: string, lang: string, now = Date.now()): string {
  const seconds = (Date.parse(iso) - now) / 1000;
  const format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(0, 'second');
}
