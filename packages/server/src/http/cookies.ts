import type { Request, Response } from 'express';

/** Reads one cookie from the Cookie header. */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.get('cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export interface CookieOptions {
  name: string;
  secure: boolean;
  sameSite: 'Lax' | 'Strict';
  path: string;
}

export function setCookie(res: Response, options: CookieOptions, value: string, maxAgeMs: number): void {
  res.cookie(options.name, value, {
    httpOnly: true,
    secure: options.secure,
    sameSite: options.sameSite === 'Lax' ? 'lax' : 'strict',
    path: options.path,
    maxAge: maxAgeMs,
  });
}

export function clearCookie(res: Response, options: CookieOptions): void {
  res.clearCookie(options.name, {
    httpOnly: true,
    secure: options.secure,
    sameSite: options.sameSite === 'Lax' ? 'lax' : 'strict',
    path: options.path,
  });
}

/**
 * The first-party referral cookie a click on an affiliate's link sets (the click's id, for the programme's
 * window); registration reads it when the form did not send a referral.
 */
export function referralCookie(production: boolean): CookieOptions {
  return {
    name: production ? '__Host-portico_ref' : 'portico_ref',
    secure: production,
    sameSite: 'Lax',
    path: '/',
  };
}
