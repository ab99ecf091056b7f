// The browser's second line of defence behind the server's sanitizers: HTML reduced to an allow-list, rebuilt from
// fresh nodes. Kept small: it ships in the elements bundle.

/** An absolute http(s) or mailto URL, normalized, or undefined (no whitespace or control characters inside). */
export function safeHref(raw: string | null): string | undefined {
  const value = raw?.trim() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
  if (!/^(https?:\/\/[^/\\]|mailto:)[^\s\u0000-\u001f\u007f-\u009f]*$/i.test(value)) return undefined;
  try {
    const url = new URL(value);
    return /^(https?|mailto):$/.test(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** What an allow-list keeps. */
export interface AllowList {
  /** Element names kept (lower case); anything else is dropped with its content. */
  tags: ReadonlySet<string>;
  /**
   * The attributes a kept element gets, from the source element's: only what this returns is set (never `href`
   * or `rel`/`target` as given: links are added by the caller's rules).
   */
  attributes(tag: string, source: Element): Record<string, string>;
}

/**
 * Copies what `allow` keeps of `from`'s children into `to`: text as text, allowed elements as fresh ones with only
 * the attributes the list gives them, everything else dropped with its content.
 */
function copy(from: Node, to: Node, doc: Document, allow: AllowList): void {
  for (const node of from.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) {
      to.appendChild(doc.createTextNode((node as Text).data));
      continue;
    }
    const tag = node.nodeType === Node.ELEMENT_NODE ? (node as Element).localName : '';
    if (!allow.tags.has(tag)) continue;
    const source = node as Element;
    const element = doc.createElement(tag);
    for (const [name, value] of Object.entries(allow.attributes(tag, source)))
      element.setAttribute(name, value);
    copy(source, element, doc, allow);
    to.appendChild(element);
  }
}

/**
 * `dirty` reduced to `allow`, as a fragment of an inert document: parsed with `DOMParser` (nothing in it loads or
 * runs) and rebuilt from fresh nodes, so nothing the allow-list does not name survives.
 */
export function cleanHtml(dirty: string, allow: AllowList): { doc: Document; root: HTMLElement } {
  const doc = new DOMParser().parseFromString(dirty, 'text/html');
  const root = doc.createElement('div');
  copy(doc.body, root, doc, allow);
  return { doc, root };
}

/** A link's attributes: a safe `href` and `title`; web links open apart from the host page and tell it nothing. */
export function linkAttributes(href: string | undefined, title: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (href) out.href = href;
  if (title) out.title = title;
  if (href && /^https?:/i.test(href)) {
    out.rel = 'noopener noreferrer';
    out.target = '_blank';
  }
  return out;
}
