import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import sanitizeHtml from 'sanitize-html';

/** Markdown rendered for clients: sanitized HTML, and the plain text (search index, excerpts, mail text). */
export interface RenderedMarkdown {
  html: string;
  text: string;
}

export interface MarkdownOptions {
  /**
   * `document`: knowledge-base articles, announcements, FAQ answers, status updates written by staff: headings get
   * ids for in-page links, https images are shown, single line breaks join lines.
   * `message`: ticket messages: a line break is a break (as people type in a text box), and images are links
   * (a remote image in a ticket would tell its server who opened it and when).
   */
  kind: 'document' | 'message';
}

/** Link schemes kept; anything else (javascript:, data:, vbscript:, file: …) loses its link and keeps its text. */
const LINK_SCHEMES = ['http', 'https', 'mailto'];

const TAGS = [
  'p',
  'br',
  'strong',
  'em',
  's',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'a',
  'img',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
];

function parser(kind: MarkdownOptions['kind']): MarkdownIt {
  // `html: false`: any HTML in the source is text, escaped. No raw HTML ever reaches the output from the writer.
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: kind === 'message' });
  // Link what is clearly a link (it has a scheme), not every word with a dot: `example.com` in a sentence or
  // `config.php` stays text.
  md.linkify.set({ fuzzyLink: false });
  md.validateLink = (url) => {
    const trimmed = url.trim().toLowerCase();
    const scheme = /^([a-z][a-z0-9+.-]*):/.exec(trimmed)?.[1];
    return scheme === undefined ? !trimmed.startsWith('//') : LINK_SCHEMES.includes(scheme);
  };
  return md;
}

const parsers = { document: parser('document'), message: parser('message') };

/** A heading's id: its words in lower case joined by hyphens (`Reset your password` → `reset-your-password`). */
function headingId(text: string, used: Map<string, number>): string {
  const base =
    text
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'section';
  const seen = used.get(base) ?? 0;
  used.set(base, seen + 1);
  return seen === 0 ? base : `${base}-${seen}`;
}

/** The text of a token stream: words of inline content, blocks on their own lines. */
function plainText(tokens: readonly Token[]): string {
  const out: string[] = [];
  const walk = (list: readonly Token[]) => {
    for (const token of list) {
      if (token.children) walk(token.children);
      else if (token.type === 'text' || token.type === 'code_inline') out.push(token.content);
      else if (token.type === 'softbreak' || token.type === 'hardbreak') out.push(' ');
      else if (token.type === 'fence' || token.type === 'code_block') out.push(`\n${token.content}\n`);
      else if (token.type === 'image') out.push(token.content);
      if (token.block && token.nesting === -1) out.push('\n');
    }
  };
  walk(tokens);
  return out
    .join('')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Renders Markdown written by anyone (clients included) to HTML that is safe to put in a page as is: markdown-it
 * with HTML off and an allow-list of link schemes, then sanitize-html with an allow-list of tags and attributes as
 * a second, independent wall. Links to other sites open in a new tab without an opener or referrer.
 */
export function renderMarkdown(source: string, options: MarkdownOptions): RenderedMarkdown {
  const md = parsers[options.kind];
  const env = {};
  const tokens = md.parse(source, env);
  if (options.kind === 'message') imagesToLinks(md, tokens);
  if (options.kind === 'document') {
    const used = new Map<string, number>();
    tokens.forEach((token, i) => {
      if (token.type === 'heading_open') token.attrSet('id', headingId(tokens[i + 1]?.content ?? '', used));
    });
  }
  const raw = md.renderer.render(tokens, md.options, env);
  const html = sanitizeHtml(raw, {
    allowedTags: TAGS,
    allowedAttributes: {
      a: ['href', 'title', 'rel', 'target'],
      img: ['src', 'alt', 'title'],
      code: ['class'],
      h1: ['id'],
      h2: ['id'],
      h3: ['id'],
      h4: ['id'],
      h5: ['id'],
      h6: ['id'],
      th: ['style'],
      td: ['style'],
    },
    allowedStyles: {
      th: { 'text-align': [/^(left|right|center)$/] },
      td: { 'text-align': [/^(left|right|center)$/] },
    },
    allowedClasses: { code: [/^language-[\w-]+$/] },
    allowedSchemes: LINK_SCHEMES,
    allowedSchemesByTag: { img: ['https'] },
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: linkAttributes(attribs) }),
    },
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  }).replace(/ (rel|target)=""/g, '');
  return { html, text: plainText(tokens) };
}

/** In messages an image is a link to it, named by its alt text. */
function imagesToLinks(md: MarkdownIt, tokens: Token[]): void {
  const Token = md.core.State.prototype.Token;
  for (const block of tokens) {
    if (!block.children) continue;
    block.children = block.children.flatMap((token) => {
      if (token.type !== 'image') return [token];
      const open = new Token('link_open', 'a', 1);
      open.attrs = [['href', token.attrGet('src') ?? '']];
      const text = new Token('text', '', 0);
      text.content = token.content || (token.attrGet('src') ?? '');
      return [open, text, new Token('link_close', 'a', -1)];
    });
  }
}

/** A link's attributes: another site's link opens in a new tab, without an opener or a referrer. */
function linkAttributes(attribs: sanitizeHtml.Attributes): sanitizeHtml.Attributes {
  const external = /^https?:/i.test(attribs.href ?? '');
  return external
    ? { ...attribs, rel: 'nofollow noopener noreferrer', target: '_blank' }
    : { ...attribs, rel: '', target: '' };
}

/** The start of a text, cut at a word near `max` characters, with an ellipsis when cut. */
export function excerpt(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : flat.slice(0, max)).replace(/[\s,.;:!?-]+$/, '')}…`;
}

/** How much source (and its rendering) {@link renderMarkdownCached} keeps, in characters: about 16 MB of strings. */
const CACHE_CHARS = 8_000_000;
const cache = new Map<string, RenderedMarkdown & { chars: number }>();
let cachedChars = 0;

/**
 * {@link renderMarkdown} for text rendered on every read (community posts and comments, lessons, course
 * descriptions, programme terms) rather than once when saved: the same source renders the same, so a rendering is
 * kept, least recently used out first, within a bound of characters. Rendering is pure, so the cache can only
 * ever answer what rendering would.
 */
export function renderMarkdownCached(source: string, options: MarkdownOptions): RenderedMarkdown {
  const key = `${options.kind}\u0000${source}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return { html: hit.html, text: hit.text };
  }
  const rendered = renderMarkdown(source, options);
  const chars = key.length + rendered.html.length + rendered.text.length;
  if (chars <= CACHE_CHARS / 8) {
    cache.set(key, { ...rendered, chars });
    cachedChars += chars;
    for (const [oldKey, old] of cache) {
      if (cachedChars <= CACHE_CHARS) break;
      cache.delete(oldKey);
      cachedChars -= old.chars;
    }
  }
  return rendered;
}
