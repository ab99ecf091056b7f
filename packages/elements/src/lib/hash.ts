// The address bar's hash as a way to open one item of a list (`#invoice/<id>`, `#service/<id>`).

/** The id that `pattern` (with the id as its first group) finds in the address bar's hash, decoded; else undefined. */
export function hashId(pattern: RegExp): string | undefined {
  const match = pattern.exec(location.hash);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return undefined;
  }
}

/** Changes the hash without a new history entry, keeping the page's history state (a router's, maybe). */
export function replaceHash(hash: string): void {
  history.replaceState(history.state, '', `${location.pathname}${location.search}${hash}`);
}

/** Whether a click on a link is a plain one (main button, no modifier keys); others (a new tab or window) are the browser's. */
export const isPlainClick = (event: MouseEvent): boolean =>
  event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
