import { isPortalApiError, type PortalClient, type ReferralClick } from '@portico/sdk';

/** The localStorage key of the referral a visit through an affiliate's link gave. */
export const REFERRAL_STORAGE_KEY = 'portico.referral';

/** What is kept: the referral id to send at registration, and when it stops counting. */
interface StoredReferral {
  referral: string;
  expiresAt: string | null;
}

/** localStorage, or undefined where the browser refuses it (privacy modes, sandboxed frames). */
function storage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Records a visit through an affiliate's referral link: reads the `param` (`?ref=<code>`) of `where`, tells the
 * server (`portal.affiliate.track`), keeps the referral it answers in localStorage (`portico.referral`) for
 * {@link storedReferral} to send at registration, and takes the parameter out of the address bar with
 * `history.replaceState` (the page's history is not touched otherwise). Never throws: storage the browser refuses
 * is skipped, and a failure to reach the server leaves the parameter for the next visit to try again.
 *
 * `<portal-provider>` calls it when it connects (turn it off with `no-referral-tracking`); with the login bundle's
 * sign-in client (no affiliate area) it does nothing.
 *
 * @example
 * ```ts
 * await trackReferral(portal, location); // on a page opened at https://example.com/?ref=ada42
 * ```
 */
export async function trackReferral(
  portal: Pick<PortalClient, 'affiliate'>,
  where: Location | URL = location,
  param = 'ref',
): Promise<ReferralClick | null> {
  let url: URL;
  let code: string | null;
  try {
    url = new URL(where.href);
    code = url.searchParams.get(param)?.trim() || null;
  } catch {
    return null;
  }
  // The sign-in client of the login bundle has no affiliate area: pages with elements.js track.
  if (!code || !portal.affiliate) return null;
  let click: ReferralClick | null = null;
  try {
    click = await portal.affiliate.track(code);
  } catch (error) {
    // No answer (offline, timeout, a server error): keep the parameter so the next visit tries again.
    if (!isPortalApiError(error) || error.status >= 500 || error.status === 429) return null;
  }
  if (click?.referral) {
    const stored: StoredReferral = { referral: click.referral, expiresAt: click.expiresAt };
    try {
      storage()?.setItem(REFERRAL_STORAGE_KEY, JSON.stringify(stored));
    } catch {
      // Full or refused: the server's own cookie still carries the referral on the same site.
    }
  }
  removeParam(url, param, where);
  return click;
}

/** Takes `param` out of the address bar when `where` is this page's address. */
function removeParam(url: URL, param: string, where: Location | URL) {
  try {
    if (where !== globalThis.location && where.href !== globalThis.location?.href) return;
    // Only the parameter's own pairs go; the others stay exactly as written (`URLSearchParams` would re-encode
    // them: `/` as `%2F`, `%20` as `+`, `?debug` as `?debug=`), for the page's router to read as before.
    const kept = url.search
      .slice(1)
      .split('&')
      .filter((pair) => pair && new URLSearchParams(pair).keys().next().value !== param);
    history.replaceState(
      history.state,
      '',
      `${url.pathname}${kept.length ? `?${kept.join('&')}` : ''}${url.hash}`,
    );
  } catch {
    // A sandboxed frame may refuse: the parameter stays, which is harmless.
  }
}

/**
 * The referral kept by {@link trackReferral}, unless it has expired (then it is forgotten); null when there is none.
 * `<portal-register>` sends it with the registration.
 */
export function storedReferral(now: number = Date.now()): string | null {
  try {
    const raw = storage()?.getItem(REFERRAL_STORAGE_KEY);
    if (!raw) return null;
    const stored = JSON.parse(raw) as Partial<StoredReferral> | null;
    const referral = typeof stored?.referral === 'string' ? stored.referral : '';
    const expires = stored?.expiresAt ? Date.parse(stored.expiresAt) : Number.POSITIVE_INFINITY;
    if (!referral || referral.length > 64 || Number.isNaN(expires) || expires <= now) {
      clearReferral();
      return null;
    }
    return referral;
  } catch {
    clearReferral();
    return null;
  }
}

/** Forgets the kept referral (once a registration used it). */
export function clearReferral(): void {
  try {
    storage()?.removeItem(REFERRAL_STORAGE_KEY);
  } catch {
    // Nothing kept that can be reached.
  }
}
