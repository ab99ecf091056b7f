// The address bar's hash as a way to open one item of a list (`#invoice/<id>`, `#service/<id>`).
import type { ReactiveControllerHost } from 'lit';

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

/**
 * Where a list links one of its items: `pageHref` (a page showing one item) with `hash`, else this page's address
 * with `hash`.
 */
export function itemHref(pageHref: string | undefined, hash: string): string {
  const base = pageHref ? pageHref.split('#')[0] : `${location.pathname}${location.search}`;
  return `${base}${hash}`;
}

/**
 * Whether a click on an item's link opens the item in place: there is no `pageHref` (a page showing one item) and
 * it is a plain click. Then the browser's navigation is prevented; other clicks (a new tab or window) are the
 * browser's.
 */
export function opensHere(event: MouseEvent, pageHref: string | undefined): boolean {
  if (pageHref || !isPlainClick(event)) return false;
  event.preventDefault();
  return true;
}

/**
 * Follows the address bar's hash while `host` is on the page: calls `onConnect` (by default `onChange`) when it is
 * connected, and `onChange` on every `hashchange`. Call it from the host's constructor.
 */
export function followHash(
  host: ReactiveControllerHost,
  onChange: () => void,
  onConnect: () => void = onChange,
): void {
  host.addController({
    hostConnected() {
      window.addEventListener('hashchange', onChange);
      onConnect();
    },
    hostDisconnected() {
      window.removeEventListener('hashchange', onChange);
    },
  });
}
