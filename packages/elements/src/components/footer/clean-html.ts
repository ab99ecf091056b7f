// The browser's second line of defence behind the server's sanitizer (packages/server/src/modules/settings/
// sanitize.ts), with the same allow-list. Kept small: it ships in the elements bundle.

const TAGS = new Set('p br strong em b i u small span ul ol li h2 h3 h4 blockquote hr a'.split(' '));

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

/**
 * Copies what the allow-list keeps of `from`'s children into `to`: text as text, allowed elements as fresh ones
 * with only a safe `href` and a `title` (links), everything else dropped with its content.
 */
function copy(from: Node, to: Node, doc: Document): void {
  for (const node of from.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) {
      to.appendChild(doc.createTextNode((node as Text).data));
      continue;
    }
    const tag = node.nodeType === Node.ELEMENT_NODE ? (node as Element).localName : '';
    if (!TAGS.has(tag)) continue;
    const source = node as Element;
    const element = doc.createElement(tag);
    if (tag === 'a') {
      const href = safeHref(source.getAttribute('href'));
      const title = source.getAttribute('title');
      if (href) element.setAttribute('href', href);
      if (title) element.setAttribute('title', title);
      // As the server does: web links open apart from the host page and tell the target nothing.
      if (href && !href.startsWith('mailto:')) {
        element.setAttribute('rel', 'noopener noreferrer');
        element.setAttribute('target', '_blank');
      }
    }
    copy(source, element, doc);
    to.appendChild(element);
  }
}

/**
 * Footer HTML reduced to the allow-list. Parsed with `DOMParser` (an inert document: nothing in it loads or
 * runs) and rebuilt from fresh nodes, so nothing the allow-list does not name survives.
 */
export function cleanFooterHtml(dirty: string): string {
  const doc = new DOMParser().parseFromString(dirty, 'text/html');
  const out = doc.createElement('div');
  copy(doc.body, out, doc);
  return out.innerHTML;
}
