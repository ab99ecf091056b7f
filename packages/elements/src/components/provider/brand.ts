type Rgb = readonly [number, number, number];

const BLACK: Rgb = [0, 0, 0];
const WHITE: Rgb = [255, 255, 255];
// The default raised surfaces (see styles.ts): the strictest backgrounds brand-coloured text sits on.
const LIGHT_SURFACE: Rgb = [0xf4, 0xf6, 0xf9];
const DARK_SURFACE: Rgb = [0x23, 0x27, 0x31];
const INK: Rgb = [0x0b, 0x1b, 0x3f];

const hex = (rgb: Rgb) => `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;

/** WCAG 2 relative luminance. */
function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio, 1 to 21. */
export function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `color` moved toward `toward` in 5% steps until it reads at 4.5:1 on `surface`. */
function readableOn(color: Rgb, surface: Rgb, toward: Rgb): Rgb {
  for (let step = 0; step <= 20; step++) {
    const mixed = color.map((c, i) => Math.round(c + ((toward[i] ?? c) - c) * (step / 20))) as unknown as Rgb;
    if (contrast(mixed, surface) >= 4.5) return mixed;
  }
  return toward;
}

/** White or ink, whichever reads better on `color`. */
const textOn = (color: Rgb) => (contrast(color, WHITE) >= contrast(color, INK) ? '#fff' : hex(INK));

/**
 * The values of `--portal-color-primary` and `--portal-color-on-primary` for a `#rrggbb` brand colour, as
 * `light-dark()` pairs: the colour itself in each scheme when it reads at 4.5:1 on that scheme's surfaces, else
 * darkened (light) or lightened (dark) just enough; and white or ink text on it, whichever contrasts more.
 * Undefined for anything that is not `#rrggbb`.
 */
export function brandTokens(color: string): { primary: string; onPrimary: string } | undefined {
  if (!/^#[0-9a-f]{6}$/i.test(color)) return undefined;
  const rgb = [1, 3, 5].map((i) => Number.parseInt(color.slice(i, i + 2), 16)) as unknown as Rgb;
  const light = readableOn(rgb, LIGHT_SURFACE, BLACK);
  const dark = readableOn(rgb, DARK_SURFACE, WHITE);
  return {
    primary: `light-dark(${hex(light)}, ${hex(dark)})`,
    onPrimary: `light-dark(${textOn(light)}, ${textOn(dark)})`,
  };
}
