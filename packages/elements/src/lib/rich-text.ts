import { css, noChange } from 'lit';
import { Directive, directive, type Part, type PartInfo, PartType } from 'lit/directive.js';
import { type AllowList, cleanHtml, linkAttributes, safeHref } from './clean-html.js';

/**
 * Rich text from the server (Markdown rendered and sanitized there) as DOM to put in a template: `${richText(html)}`.
 *
 * The server's HTML is already safe; this is the second, independent wall in the browser, with the server
 * renderer's allow-list (packages/server/src/modules/content/markdown.ts) plus `<mark>` for search highlights:
 * parsed in an inert document and rebuilt from fresh nodes (`cleanHtml`), links kept only to http(s), mailto, a
 * path on the same site or a place in the page, images only from https. Each call answers a fresh fragment
 * (parses are cached by string).
 */
const RICH: AllowList = {
  tags: new Set(
    'p br strong em s del code pre blockquote ul ol li h1 h2 h3 h4 h5 h6 hr a img table thead tbody tr th td mark'.split(
      ' ',
    ),
  ),
  attributes(tag, source) {
    const get = (name: string) => source.getAttribute(name);
    switch (tag) {
      case 'a':
        return linkAttributes(richHref(get('href')), get('title'));
      case 'img': {
        const src = get('src')?.trim() ?? '';
        return /^https:\/\/[^/\\]/i.test(src) && safeHref(src)
          ? { src, alt: get('alt') ?? '', ...(get('title') ? { title: get('title') as string } : {}) }
          : { alt: get('alt') ?? '' };
      }
      case 'code': {
        const language = /^language-[\w-]+$/.exec(get('class') ?? '')?.[0];
        return language ? { class: language } : {};
      }
      case 'th':
      case 'td': {
        const align = /^text-align:\s*(left|right|center);?$/i.exec(get('style')?.trim() ?? '')?.[1];
        return align ? { style: `text-align:${align}` } : {};
      }
      case 'ol': {
        const start = get('start');
        return start && /^\d{1,6}$/.test(start) ? { start } : {};
      }
      default:
        return /^h[1-6]$/.test(tag) && /^[\p{L}\p{N}_-]{1,80}$/u.test(get('id') ?? '')
          ? { id: get('id') as string }
          : {};
    }
  },
};

/** A link target rich text may keep: `safeHref`'s, a path on this site (`/kb/x`) or a place in the page (`#x`). */
function richHref(raw: string | null): string | undefined {
  const value = raw?.trim() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
  if (/^(#|\/(?![/\\]))[^\s\u0000-\u001f\u007f-\u009f]*$/.test(value)) return value;
  return safeHref(value);
}

const cache = new Map<string, DocumentFragment>();
const CACHE_SIZE = 200;

/** The sanitized DOM of `html`: a fresh fragment each call (parses are cached by string). */
export function richTextFragment(html: string): DocumentFragment {
  let parsed = cache.get(html);
  if (!parsed) {
    const { doc, root } = cleanHtml(html, RICH);
    parsed = doc.createDocumentFragment();
    parsed.append(...root.childNodes);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(html, parsed);
  }
  return document.importNode(parsed, true);
}

class RichTextDirective extends Directive {
  #html: string | undefined;

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.CHILD) throw new Error('richText() belongs where a child goes in a template');
  }

  render(html: string): DocumentFragment {
    return richTextFragment(html);
  }

  override update(_part: Part, [html]: [string]): DocumentFragment | typeof noChange {
    if (html === this.#html) return noChange;
    this.#html = html;
    return this.render(html);
  }
}

/**
 * Rich text in a Lit template: `${richText(html)}`. Its DOM is built again only when `html` changes, so a host that
 * renders again (a keystroke in a reply box, a vote) keeps the thread's nodes, and any text selected in them.
 */
export const richText = directive(RichTextDirective);

/** Styles for rich text inside an element: put the fragment in a `.rich` container. */
export const richTextStyles = css`
  .rich {
    line-height: 1.6;
    overflow-wrap: anywhere;
  }
  .rich > :first-child {
    margin-top: 0;
  }
  .rich > :last-child {
    margin-bottom: 0;
  }
  .rich h1,
  .rich h2,
  .rich h3,
  .rich h4 {
    line-height: 1.3;
    margin: 1.2em 0 0.5em;
  }
  .rich h1 {
    font-size: 1.4em;
  }
  .rich h2 {
    font-size: 1.25em;
  }
  .rich h3 {
    font-size: 1.1em;
  }
  .rich a {
    color: var(--_primary);
  }
  .rich img {
    max-width: 100%;
    height: auto;
  }
  .rich pre {
    overflow-x: auto;
    padding: 0.75em;
    border-radius: var(--_radius);
    background: var(--_surface-raised);
  }
  .rich code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.9em;
  }
  .rich blockquote {
    margin: 0.75em 0;
    padding-left: 1em;
    border-left: 3px solid var(--_border);
    color: var(--_muted);
  }
  .rich table {
    border-collapse: collapse;
    display: block;
    overflow-x: auto;
  }
  .rich th,
  .rich td {
    border: 1px solid var(--_border);
    padding: 0.35em 0.6em;
  }
  mark {
    background: var(--portal-color-highlight, light-dark(#fde68a, #854d0e));
    color: inherit;
    border-radius: 2px;
  }
`;
