import { createHash } from 'node:crypto';
import { LOGO_MAX_BYTES, type LOGO_TYPES, SettingsErrorCodes } from '@portico/sdk/contract';
import sanitizeHtml from 'sanitize-html';
import { HttpError } from '../../http/problem.js';

/** A logo content type the portal accepts. */
export type LogoType = (typeof LOGO_TYPES)[number];

/** The file extension each logo type is served under. */
export const LOGO_EXTENSIONS: Record<LogoType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/svg+xml': 'svg',
};

/** A logo that passed the checks, ready to store. */
export interface CheckedLogo {
  contentType: LogoType;
  bytes: Buffer;
  /** Hex SHA-256 of `bytes` (after SVG sanitizing). */
  sha256: string;
}

/** Served with every SVG logo: nothing in it may load or run, even when opened on its own. */
export const SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

const TYPE_NAMES: Record<LogoType, string> = {
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/webp': 'WebP',
  'image/svg+xml': 'SVG',
};

/** Where a logo is served: the hash in the name makes the URL change whenever the logo does. */
export function logoPath(logo: { contentType: string; sha256: string }): string {
  return `/assets/logo-${logo.sha256.slice(0, 16)}.${LOGO_EXTENSIONS[logo.contentType as LogoType] ?? 'bin'}`;
}

function logoTypeError(detail: string): HttpError {
  return new HttpError(400, SettingsErrorCodes.LOGO_TYPE, detail, {
    errors: [{ path: 'data', message: detail, code: 'logo_type' }],
  });
}

/** The raster type the bytes are, by their signature. */
function sniffRaster(bytes: Buffer): LogoType | undefined {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length >= 24 && bytes.subarray(0, 8).equals(png) && bytes.toString('latin1', 12, 16) === 'IHDR')
    return 'image/png';
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (
    bytes.length >= 16 &&
    bytes.toString('latin1', 0, 4) === 'RIFF' &&
    bytes.toString('latin1', 8, 12) === 'WEBP' &&
    bytes.toString('latin1', 12, 15) === 'VP8'
  )
    return 'image/webp';
  return undefined;
}

/**
 * Decodes and checks an uploaded logo: at most {@link LOGO_MAX_BYTES}, bytes that are what the declared type says
 * (PNG, JPEG and WebP by signature; SVG must be an SVG document and is sanitized). Throws 400 `LOGO_TOO_LARGE` or
 * `LOGO_TYPE` with a field error on `data`.
 */
export function checkLogo(input: { contentType: LogoType; data: string }): CheckedLogo {
  const decoded = Buffer.from(input.data, 'base64');
  if (decoded.length > LOGO_MAX_BYTES) {
    const detail = `The logo must be at most ${LOGO_MAX_BYTES / 1024} KB; this one is ${Math.ceil(decoded.length / 1024)} KB.`;
    throw new HttpError(400, SettingsErrorCodes.LOGO_TOO_LARGE, detail, {
      errors: [{ path: 'data', message: detail, code: 'too_big' }],
    });
  }
  if (decoded.length === 0) throw logoTypeError('The logo file is empty.');
  const declared = TYPE_NAMES[input.contentType];
  const actual = sniffRaster(decoded);
  let bytes = decoded;
  if (input.contentType === 'image/svg+xml') {
    if (actual) throw logoTypeError(`The file is a ${TYPE_NAMES[actual]} image, not SVG.`);
    bytes = Buffer.from(sanitizeSvgLogo(decoded), 'utf8');
  } else if (actual !== input.contentType) {
    throw logoTypeError(
      actual
        ? `The file is a ${TYPE_NAMES[actual]} image, not ${declared}.`
        : `The file is not a ${declared} image.`,
    );
  }
  return {
    contentType: input.contentType,
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

/** SVG elements a logo may use: shapes, text, paint servers, clipping and a few filters. Nothing that loads or runs. */
export const SVG_ELEMENTS = [
  'svg',
  'g',
  'defs',
  'title',
  'desc',
  'symbol',
  'use',
  'path',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'text',
  'tspan',
  'textPath',
  'linearGradient',
  'radialGradient',
  'stop',
  'clipPath',
  'mask',
  'pattern',
  'marker',
  'filter',
  'feGaussianBlur',
  'feOffset',
  'feBlend',
  'feColorMatrix',
  'feComposite',
  'feFlood',
  'feMerge',
  'feMergeNode',
  'feDropShadow',
] as const;

/** Presentation and geometry attributes, allowed on every SVG element. No event handlers, no `xmlns` but the root's. */
export const SVG_ATTRIBUTES = [
  'id',
  'class',
  'x',
  'y',
  'x1',
  'y1',
  'x2',
  'y2',
  'cx',
  'cy',
  'r',
  'rx',
  'ry',
  'fx',
  'fy',
  'fr',
  'dx',
  'dy',
  'd',
  'points',
  'pathLength',
  'width',
  'height',
  'viewBox',
  'preserveAspectRatio',
  'transform',
  'fill',
  'fill-opacity',
  'fill-rule',
  'stroke',
  'stroke-width',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-miterlimit',
  'stroke-dasharray',
  'stroke-dashoffset',
  'stroke-opacity',
  'opacity',
  'color',
  'display',
  'visibility',
  'clip-path',
  'clip-rule',
  'clipPathUnits',
  'mask',
  'maskUnits',
  'maskContentUnits',
  'filter',
  'filterUnits',
  'primitiveUnits',
  'offset',
  'stop-color',
  'stop-opacity',
  'gradientUnits',
  'gradientTransform',
  'spreadMethod',
  'patternUnits',
  'patternContentUnits',
  'patternTransform',
  'marker-start',
  'marker-mid',
  'marker-end',
  'markerWidth',
  'markerHeight',
  'markerUnits',
  'refX',
  'refY',
  'orient',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'font-variant',
  'text-anchor',
  'dominant-baseline',
  'alignment-baseline',
  'baseline-shift',
  'letter-spacing',
  'word-spacing',
  'text-decoration',
  'textLength',
  'lengthAdjust',
  'startOffset',
  'rotate',
  'vector-effect',
  'paint-order',
  'shape-rendering',
  'text-rendering',
  'image-rendering',
  'color-interpolation-filters',
  'stdDeviation',
  'in',
  'in2',
  'result',
  'mode',
  'operator',
  'k1',
  'k2',
  'k3',
  'k4',
  'values',
  'type',
  'flood-color',
  'flood-opacity',
  'style',
  'href',
  'xlink:href',
  'xml:space',
  'role',
  'aria-label',
  'aria-hidden',
  'focusable',
] as const;

/** Elements that count as something to draw: a logo with none of them left after sanitizing is refused. */
const DRAWABLE = new Set(['path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'text']);

// A local reference such as url(#grad) or url('#clip') is how gradients and clips are used; any other url() loads.
const LOCAL_URL = /url\(\s*(['"]?)#[\w.:-]+\1\s*\)/gi;
const DANGEROUS_VALUE = /expression\s*\(|javascript:|vbscript:|data:|@import|\\|behaviou?r\s*:|binding|[<>]/i;

function cleanSvgAttributes(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Attributes {
  const kept: sanitizeHtml.Attributes = {};
  for (const [name, value] of Object.entries(attribs)) {
    // An attribute without a value is not XML, and would break the whole image.
    if (value.trim() === '') continue;
    if (name === 'href' || name === 'xlink:href') {
      if (/^#[\w.:-]+$/.test(value.trim())) kept[name] = value.trim();
      continue;
    }
    if (DANGEROUS_VALUE.test(value)) continue;
    if (/url\s*\(/i.test(value.replace(LOCAL_URL, ''))) continue;
    kept[name] = value;
  }
  if (tagName === 'svg') {
    kept.xmlns = SVG_NS;
    kept['xmlns:xlink'] = XLINK_NS;
  }
  return kept;
}

// Disallowed elements lose only their tags, except these, which lose their content too.
const SVG_DROPPED_WITH_CONTENT = [
  'script',
  'style',
  'foreignObject',
  'metadata',
  'iframe',
  'object',
  'embed',
  'template',
  'noscript',
  'textarea',
  'xmp',
];

const SVG_POLICY: sanitizeHtml.IOptions = {
  allowedTags: [...SVG_ELEMENTS],
  allowedAttributes: {
    '*': [...SVG_ATTRIBUTES],
    svg: [...SVG_ATTRIBUTES, 'xmlns', 'xmlns:xlink', 'version'],
  },
  allowedClasses: {},
  allowedSchemes: [],
  allowedSchemesByTag: {},
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: SVG_DROPPED_WITH_CONTENT,
  selfClosing: [],
  enforceHtmlBoundary: false,
  nestingLimit: 64,
  parser: { xmlMode: true, decodeEntities: true },
  // Elements keep their names: sanitize-html mis-closes the next element after a renamed one it discards.
  transformTags: { '*': (tagName, attribs) => ({ tagName, attribs: cleanSvgAttributes(tagName, attribs) }) },
};

// What may come before the root element: an XML declaration, comments, and a DOCTYPE without an internal subset.
// Matched one part at a time from a moving index, so a file of a thousand comments costs one pass, not a backtrack.
const PROLOGUE_PART = /(?:<\?xml\s[^>]*\?>|<!--[\s\S]*?-->|<!DOCTYPE\s+svg[^>[]*>)\s*/y;

/** Whether the text is an XML document whose root element is `<svg>`. */
function hasSvgRoot(text: string): boolean {
  let at = text.length - text.trimStart().length;
  for (;;) {
    PROLOGUE_PART.lastIndex = at;
    if (!PROLOGUE_PART.exec(text)) break;
    at = PROLOGUE_PART.lastIndex;
  }
  return /^<svg[\s/>]/.test(text.slice(at, at + 5));
}

/** Whether the sanitized markup is one `<svg>` element (and only whitespace around it) with something to draw. */
function isOneDrawableSvg(markup: string): boolean {
  let depth = 0;
  let roots = 0;
  let drawable = 0;
  let last = 0;
  // The sanitizer wrote this markup, escaping `<` and `>` everywhere but in tags, so a tag scan is exact.
  for (const match of markup.matchAll(/<(\/?)([A-Za-z][\w:.-]*)[^>]*>/g)) {
    if (depth === 0 && markup.slice(last, match.index).trim()) return false;
    last = match.index + match[0].length;
    if (match[1]) {
      depth--;
      continue;
    }
    if (depth === 0 && (roots++ > 0 || match[2] !== 'svg')) return false;
    depth++;
    if (DRAWABLE.has(match[2]!)) drawable++;
  }
  return depth === 0 && roots === 1 && drawable > 0 && !markup.slice(last).trim();
}

/**
 * Sanitizes an SVG logo with an allow-list of elements ({@link SVG_ELEMENTS}) and attributes
 * ({@link SVG_ATTRIBUTES}): no scripts, `foreignObject`, event handlers, style elements, links other than local
 * `#fragment` references, `url()` other than local ones, CSS expressions, DOCTYPE or entities. Throws 400
 * `LOGO_TYPE` when the file is not an SVG document or nothing drawable remains.
 */
export function sanitizeSvgLogo(bytes: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw logoTypeError('The file is not an SVG document (it is not UTF-8 text).');
  }
  // Entity declarations are how XML bombs and external entities get in; no logo needs them.
  if (/<!ENTITY/i.test(text)) throw logoTypeError('SVG files with entity declarations are not accepted.');
  if (!hasSvgRoot(text)) throw logoTypeError('The file is not an SVG document.');
  // The same elements under any namespace prefix (`<x:script xmlns:x="…svg">`) go with their content too.
  const prefixed = [...text.matchAll(/<([A-Za-z_][\w.-]*:([A-Za-z]+))[\s/>]/g)]
    .filter((m) => SVG_DROPPED_WITH_CONTENT.includes(m[2]!))
    .map((m) => m[1]!);
  const clean = sanitizeHtml(text, {
    ...SVG_POLICY,
    nonTextTags: [...SVG_DROPPED_WITH_CONTENT, ...prefixed],
  }).trim();
  if (!isOneDrawableSvg(clean))
    throw logoTypeError(
      'This SVG is not a single <svg> image with something to draw once unsafe parts are removed.',
    );
  return clean;
}
