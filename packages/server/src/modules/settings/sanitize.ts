import sanitizeHtml from 'sanitize-html';

/** Tags the portal footer may use: text and links, nothing that loads, runs or lays out the host page. */
export const FOOTER_TAGS = [
  'p',
  'br',
  'strong',
  'em',
  'b',
  'i',
  'u',
  'small',
  'span',
  'ul',
  'ol',
  'li',
  'h2',
  'h3',
  'h4',
  'blockquote',
  'hr',
  'a',
] as const;

/** Attributes the footer may keep, all on `a`. `rel` and `target` are only ever the ones the sanitizer sets. */
export const FOOTER_ATTRIBUTES = { a: ['href', 'title', 'rel', 'target'] } as const;

/** Link schemes the footer may use. */
export const FOOTER_SCHEMES = ['http:', 'https:', 'mailto:'] as const;

// Disallowed tags lose only their tags (their text stays), except these, which lose their content too.
const DROPPED_WITH_CONTENT = [
  'script',
  'style',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'template',
  'noscript',
  'noembed',
  'noframes',
  'textarea',
  'select',
  'option',
  'xmp',
  'plaintext',
  'listing',
  'title',
  'head',
  'svg',
  'math',
  'canvas',
  'audio',
  'video',
];

// C0 controls other than tab, newline and carriage return: never useful in a footer, and a classic way to hide a scheme.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const WHITESPACE_OR_CONTROL =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  /[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff]/;

/**
 * An absolute http(s) or mailto URL, normalized by the WHATWG parser, or undefined. Relative and protocol-relative
 * URLs are refused (the footer is shown on other sites, where they would point somewhere else), and so is any
 * value with whitespace or control characters inside, however the scheme is spelled.
 */
export function safeFooterHref(raw: string | undefined): string | undefined {
  const value = raw?.trim();
  if (!value || WHITESPACE_OR_CONTROL.test(value)) return undefined;
  if (!/^(https?:\/\/[^/\\]|mailto:)/i.test(value) || !URL.canParse(value)) return undefined;
  const url = new URL(value);
  if (!(FOOTER_SCHEMES as readonly string[]).includes(url.protocol)) return undefined;
  return url.href;
}

const FOOTER_POLICY: sanitizeHtml.IOptions = {
  allowedTags: [...FOOTER_TAGS],
  allowedAttributes: { a: [...FOOTER_ATTRIBUTES.a] },
  allowedClasses: {},
  allowedStyles: {},
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: {},
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: DROPPED_WITH_CONTENT,
  selfClosing: ['br', 'hr'],
  enforceHtmlBoundary: false,
  nestingLimit: 32,
  parser: { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  transformTags: {
    a: (tagName, attribs) => {
      const href = safeFooterHref(attribs.href);
      const kept: sanitizeHtml.Attributes = {};
      if (href) kept.href = href;
      if (attribs.title) kept.title = attribs.title;
      // The footer is drawn on the host's page: web links open apart from it and tell the target nothing.
      if (href && !href.startsWith('mailto:')) {
        kept.rel = 'noopener noreferrer';
        kept.target = '_blank';
      }
      return { tagName, attribs: kept };
    },
  },
};

/**
 * Sanitizes the footer HTML an admin typed: only {@link FOOTER_TAGS}, only `href`/`title` on links (plus the
 * `rel`/`target` it sets on web links), only absolute http(s) and mailto links; no styles, classes, ids, event
 * handlers or comments. Script-like elements go with their content. The output is re-serialized, so a browser
 * parses it into exactly the tree the sanitizer allowed. Runs on save and again when the footer is served.
 */
export function sanitizeFooterHtml(html: string): string {
  return sanitizeHtml(html.replace(CONTROL_CHARACTERS, ''), FOOTER_POLICY).trim();
}
