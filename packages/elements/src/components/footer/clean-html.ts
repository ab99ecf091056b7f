// The footer's allow-list, the same as the server's sanitizer (packages/server/src/modules/settings/sanitize.ts).
import { type AllowList, cleanHtml, linkAttributes, safeHref } from '../../lib/clean-html.js';

export { safeHref };

const FOOTER: AllowList = {
  tags: new Set('p br strong em b i u small span ul ol li h2 h3 h4 blockquote hr a'.split(' ')),
  attributes: (tag, source) =>
    tag === 'a' ? linkAttributes(safeHref(source.getAttribute('href')), source.getAttribute('title')) : {},
};

/** Footer HTML reduced to the allow-list (see `cleanHtml`). */
export function cleanFooterHtml(dirty: string): string {
  return cleanHtml(dirty, FOOTER).root.innerHTML;
}
