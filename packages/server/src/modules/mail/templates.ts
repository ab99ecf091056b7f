/** Mail templates, HTML and text, in English and Spanish. */

import { escapeHtml } from '../../http/html.js';

export type Locale = 'en' | 'es';
export const LOCALES: readonly Locale[] = ['en', 'es'];

export interface Brand {
  businessName: string;
  portalUrl: string;
}

export type MailTemplate =
  | { name: 'verify-email'; code: string; minutes: number; userName: string }
  | { name: 'login-code'; code: string; minutes: number }
  | { name: 'reset-code'; code: string; minutes: number }
  | { name: 'account-exists' }
  /** `othersEnded` false: the person kept their other sessions (a change from the security page). */
  | { name: 'password-changed'; othersEnded?: boolean }
  /** A change to how someone signs in; `detail` names the passkey, or the new (masked) address. */
  | { name: 'security-notice'; event: SecurityEvent; detail?: string }
  /** The code that confirms a new email address. */
  | { name: 'email-change-code'; code: string; minutes: number }
  /** Someone asked to move a login to this address, which another login already uses. */
  | { name: 'email-change-in-use' }
  /** A client added this person as a contact with a new login: set a password. */
  | {
      name: 'contact-invitation';
      url: string;
      days: number;
      accountName: string;
      inviterName: string;
      userName: string;
    }
  /** A client added this person (who already has a login) as a contact of their account. */
  | { name: 'contact-added'; accountName: string; inviterName: string }
  /** A one-click sign-in button (a magic link), sent by staff. */
  | { name: 'magic-link'; url: string; minutes: number }
  /** An invitation to a client's portal: sets a password. */
  | { name: 'portal-invitation'; url: string; days: number; accountName: string; userName: string }
  /** An invitation to the staff console. */
  | { name: 'staff-invitation'; url: string; days: number; role: string; userName: string };

/** Security changes every login is told about by email. */
export type SecurityEvent =
  | 'totp-enabled'
  | 'totp-disabled'
  | 'backup-code-used'
  | 'backup-codes-regenerated'
  | 'passkey-added'
  | 'passkey-removed'
  | 'two-factor-reset'
  | 'email-changed';

const securityLines: Record<Locale, Record<SecurityEvent, (detail: string) => [string, string]>> = {
  en: {
    'totp-enabled': () => [
      'Two-factor authentication is on',
      'Two-factor authentication was turned on for your login. Signing in now also asks for a code from your authenticator app.',
    ],
    'totp-disabled': () => [
      'Two-factor authentication is off',
      'Two-factor authentication was turned off for your login, and its backup codes no longer work.',
    ],
    'backup-code-used': (left) => [
      'A backup code was used',
      `One of your backup codes was just used to sign in. Backup codes left: ${left}.`,
    ],
    'backup-codes-regenerated': () => [
      'New backup codes',
      'New backup codes were made for your login; the old ones no longer work.',
    ],
    'passkey-added': (name) => [
      'A passkey was added',
      `The passkey "${name}" can now sign in to your login.`,
    ],
    'passkey-removed': (name) => [
      'A passkey was removed',
      `The passkey "${name}" can no longer sign in to your login.`,
    ],
    'two-factor-reset': () => [
      'Two-factor authentication was reset',
      'Our staff turned off two-factor authentication for your login at your request. Turn it on again from the security page.',
    ],
    'email-changed': (to) => [
      'Your email address was changed',
      `The email address of your login was changed to ${to}. This address no longer signs in.`,
    ],
  },
  es: {
    'totp-enabled': () => [
      'Verificación en dos pasos activada',
      'Se ha activado la verificación en dos pasos. Al entrar se te pedirá también un código de tu aplicación de autenticación.',
    ],
    'totp-disabled': () => [
      'Verificación en dos pasos desactivada',
      'Se ha desactivado la verificación en dos pasos y sus códigos de respaldo ya no sirven.',
    ],
    'backup-code-used': (left) => [
      'Se ha usado un código de respaldo',
      `Se acaba de usar uno de tus códigos de respaldo para entrar. Te quedan: ${left}.`,
    ],
    'backup-codes-regenerated': () => [
      'Códigos de respaldo nuevos',
      'Se han creado códigos de respaldo nuevos; los anteriores ya no sirven.',
    ],
    'passkey-added': (name) => [
      'Se ha añadido una llave de acceso',
      `La llave «${name}» ya puede entrar en tu cuenta.`,
    ],
    'passkey-removed': (name) => [
      'Se ha quitado una llave de acceso',
      `La llave «${name}» ya no puede entrar en tu cuenta.`,
    ],
    'two-factor-reset': () => [
      'Se ha restablecido la verificación en dos pasos',
      'Nuestro equipo ha desactivado la verificación en dos pasos a petición tuya. Vuelve a activarla desde la página de seguridad.',
    ],
    'email-changed': (to) => [
      'Se ha cambiado tu correo',
      `El correo de tu cuenta se ha cambiado a ${to}. Esta dirección ya no sirve para entrar.`,
    ],
  },
};

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** What a mail says: lines, an optional code and button, a footer. */
export interface MailParts {
  subject: string;
  lines: string[];
  code?: string;
  /** A call-to-action button (and its URL in the text version). */
  button?: { label: string; url: string };
  footer: string;
}

const catalog: Record<Locale, (t: MailTemplate, b: Brand) => MailParts> = {
  en: (t, b) => {
    const footer = `You received this email from ${b.businessName}'s client portal (${b.portalUrl}).`;
    switch (t.name) {
      case 'verify-email':
        return {
          subject: `${t.code} is your ${b.businessName} verification code`,
          lines: [
            `Hello ${t.userName},`,
            'Enter this code to confirm your email address and finish signing up:',
          ],
          code: t.code,
          footer: `The code works once and expires in ${t.minutes} minutes. If you did not sign up, ignore this email. ${footer}`,
        };
      case 'login-code':
        return {
          subject: `${t.code} is your ${b.businessName} sign-in code`,
          lines: ['Enter this code to sign in:'],
          code: t.code,
          footer: `The code works once and expires in ${t.minutes} minutes. If you did not ask to sign in, ignore this email; nobody can sign in without the code. ${footer}`,
        };
      case 'reset-code':
        return {
          subject: `${t.code} is your ${b.businessName} password reset code`,
          lines: ['Enter this code to choose a new password:'],
          code: t.code,
          footer: `The code works once and expires in ${t.minutes} minutes. If you did not ask for a reset, ignore this email; your password stays as it is. ${footer}`,
        };
      case 'account-exists':
        return {
          subject: `You already have a ${b.businessName} account`,
          lines: [
            'Someone (probably you) tried to sign up with this email address, but it already has an account.',
            `Sign in at ${b.portalUrl}, or use "Forgot password" there if you do not remember your password.`,
          ],
          footer: `If this was not you, you can ignore this email: nothing has changed. ${footer}`,
        };
      case 'password-changed':
        return {
          subject: `Your ${b.businessName} password was changed`,
          lines: [
            t.othersEnded === false
              ? 'The password of your account was just changed.'
              : 'The password of your account was just changed and every other session was signed out.',
          ],
          footer: `If this was not you, reset your password at once at ${b.portalUrl} and contact us. ${footer}`,
        };
      case 'security-notice': {
        const [title, line] = securityLines.en[t.event](t.detail ?? '');
        return {
          subject: `${b.businessName}: ${title}`,
          lines: [line],
          footer: `If this was not you, sign in at ${b.portalUrl}, change your password and contact us. ${footer}`,
        };
      }
      case 'email-change-code':
        return {
          subject: `${t.code} confirms your new ${b.businessName} email address`,
          lines: ['Enter this code to make this address the one you sign in with:'],
          code: t.code,
          footer: `The code works once and expires in ${t.minutes} minutes. If you did not ask for this, ignore this email. ${footer}`,
        };
      case 'email-change-in-use':
        return {
          subject: `Your ${b.businessName} email address`,
          lines: [
            'Someone asked to move their login to this email address, but this address already has a login, so nothing changed.',
          ],
          footer: `If you did not ask for this, ignore this email. ${footer}`,
        };
      case 'contact-invitation':
        return {
          subject: `${t.inviterName} added you to ${t.accountName} on ${b.businessName}`,
          lines: [
            `Hello ${t.userName},`,
            `${t.inviterName} added you as a contact of ${t.accountName} in the ${b.businessName} client portal. Choose a password to get started.`,
          ],
          button: { label: 'Accept the invitation', url: t.url },
          footer: `The invitation works once, only for this email address, and expires in ${t.days} days. ${footer}`,
        };
      case 'contact-added':
        return {
          subject: `${t.inviterName} added you to ${t.accountName} on ${b.businessName}`,
          lines: [
            `${t.inviterName} added you as a contact of ${t.accountName}.`,
            `Sign in at ${b.portalUrl} as usual and pick ${t.accountName} from the account menu.`,
          ],
          footer: `If you do not know why, contact ${t.inviterName} or us. ${footer}`,
        };
      case 'magic-link':
        return {
          subject: `Sign in to ${b.businessName}`,
          lines: ['Use the button below to sign in to your client portal. No password needed.'],
          button: { label: `Sign in to ${b.businessName}`, url: t.url },
          footer: `The link works once and expires in ${t.minutes} minutes. If you did not expect it, ignore this email. ${footer}`,
        };
      case 'portal-invitation':
        return {
          subject: `You are invited to the ${b.businessName} client portal`,
          lines: [
            `Hello ${t.userName},`,
            `${b.businessName} invites you to the client portal for ${t.accountName}. Choose a password to get started.`,
          ],
          button: { label: 'Accept the invitation', url: t.url },
          footer: `The invitation works once, only for this email address, and expires in ${t.days} days. ${footer}`,
        };
      case 'staff-invitation':
        return {
          subject: `You are invited to the ${b.businessName} staff console`,
          lines: [
            `Hello ${t.userName},`,
            `You have been added to the ${b.businessName} staff console as ${t.role}. Choose a password to get started.`,
          ],
          button: { label: 'Set your password', url: t.url },
          footer: `The invitation works once and expires in ${t.days} days. If you did not expect it, ignore this email. ${footer}`,
        };
    }
  },
  es: (t, b) => {
    const footer = `Has recibido este correo del portal de clientes de ${b.businessName} (${b.portalUrl}).`;
    switch (t.name) {
      case 'verify-email':
        return {
          subject: `${t.code} es tu código de verificación de ${b.businessName}`,
          lines: [
            `Hola ${t.userName}:`,
            'Introduce este código para confirmar tu correo y terminar el registro:',
          ],
          code: t.code,
          footer: `El código sirve una sola vez y caduca en ${t.minutes} minutos. Si no te has registrado, ignora este correo. ${footer}`,
        };
      case 'login-code':
        return {
          subject: `${t.code} es tu código de acceso a ${b.businessName}`,
          lines: ['Introduce este código para iniciar sesión:'],
          code: t.code,
          footer: `El código sirve una sola vez y caduca en ${t.minutes} minutos. Si no lo has pedido, ignora este correo. ${footer}`,
        };
      case 'reset-code':
        return {
          subject: `${t.code} es tu código para restablecer la contraseña de ${b.businessName}`,
          lines: ['Introduce este código para elegir una contraseña nueva:'],
          code: t.code,
          footer: `El código sirve una sola vez y caduca en ${t.minutes} minutos. Si no lo has pedido, ignora este correo; tu contraseña no cambia. ${footer}`,
        };
      case 'account-exists':
        return {
          subject: `Ya tienes una cuenta en ${b.businessName}`,
          lines: [
            'Alguien (probablemente tú) intentó registrarse con este correo, pero ya tiene una cuenta.',
            `Inicia sesión en ${b.portalUrl} o usa «¿Olvidaste tu contraseña?» si no la recuerdas.`,
          ],
          footer: `Si no has sido tú, ignora este correo: no ha cambiado nada. ${footer}`,
        };
      case 'password-changed':
        return {
          subject: `Se ha cambiado tu contraseña de ${b.businessName}`,
          lines: [
            t.othersEnded === false
              ? 'Se acaba de cambiar la contraseña de tu cuenta.'
              : 'Se acaba de cambiar la contraseña de tu cuenta y se han cerrado las demás sesiones.',
          ],
          footer: `Si no has sido tú, restablece tu contraseña en ${b.portalUrl} y contáctanos. ${footer}`,
        };
      case 'security-notice': {
        const [title, line] = securityLines.es[t.event](t.detail ?? '');
        return {
          subject: `${b.businessName}: ${title}`,
          lines: [line],
          footer: `Si no has sido tú, entra en ${b.portalUrl}, cambia tu contraseña y contáctanos. ${footer}`,
        };
      }
      case 'email-change-code':
        return {
          subject: `${t.code} confirma tu nuevo correo de ${b.businessName}`,
          lines: ['Introduce este código para entrar a partir de ahora con esta dirección:'],
          code: t.code,
          footer: `El código sirve una sola vez y caduca en ${t.minutes} minutos. Si no lo has pedido, ignora este correo. ${footer}`,
        };
      case 'email-change-in-use':
        return {
          subject: `Tu correo en ${b.businessName}`,
          lines: [
            'Alguien pidió pasar su cuenta a esta dirección, pero ya hay una cuenta con ella, así que no ha cambiado nada.',
          ],
          footer: `Si no lo has pedido, ignora este correo. ${footer}`,
        };
      case 'contact-invitation':
        return {
          subject: `${t.inviterName} te ha añadido a ${t.accountName} en ${b.businessName}`,
          lines: [
            `Hola ${t.userName}:`,
            `${t.inviterName} te ha añadido como contacto de ${t.accountName} en el portal de clientes de ${b.businessName}. Elige una contraseña para empezar.`,
          ],
          button: { label: 'Aceptar la invitación', url: t.url },
          footer: `La invitación sirve una sola vez, solo para este correo, y caduca en ${t.days} días. ${footer}`,
        };
      case 'contact-added':
        return {
          subject: `${t.inviterName} te ha añadido a ${t.accountName} en ${b.businessName}`,
          lines: [
            `${t.inviterName} te ha añadido como contacto de ${t.accountName}.`,
            `Entra en ${b.portalUrl} como siempre y elige ${t.accountName} en el menú de cuentas.`,
          ],
          footer: `Si no sabes por qué, contacta con ${t.inviterName} o con nosotros. ${footer}`,
        };
      case 'magic-link':
        return {
          subject: `Inicia sesión en ${b.businessName}`,
          lines: ['Usa el botón para entrar en tu portal de clientes. No necesitas contraseña.'],
          button: { label: `Entrar en ${b.businessName}`, url: t.url },
          footer: `El enlace sirve una sola vez y caduca en ${t.minutes} minutos. Si no lo esperabas, ignora este correo. ${footer}`,
        };
      case 'portal-invitation':
        return {
          subject: `Te invitan al portal de clientes de ${b.businessName}`,
          lines: [
            `Hola ${t.userName}:`,
            `${b.businessName} te invita al portal de clientes de ${t.accountName}. Elige una contraseña para empezar.`,
          ],
          button: { label: 'Aceptar la invitación', url: t.url },
          footer: `La invitación sirve una sola vez, solo para este correo, y caduca en ${t.days} días. ${footer}`,
        };
      case 'staff-invitation':
        return {
          subject: `Te invitan a la consola de personal de ${b.businessName}`,
          lines: [
            `Hola ${t.userName}:`,
            `Te han añadido a la consola de personal de ${b.businessName} con el rol ${t.role}. Elige una contraseña para empezar.`,
          ],
          button: { label: 'Elegir contraseña', url: t.url },
          footer: `La invitación sirve una sola vez y caduca en ${t.days} días. Si no la esperabas, ignora este correo. ${footer}`,
        };
    }
  },
};

export function pickLocale(locale: string | null | undefined): Locale {
  const base = (locale ?? 'en').slice(0, 2).toLowerCase();
  return (LOCALES as readonly string[]).includes(base) ? (base as Locale) : 'en';
}

/** Renders a template to subject, text and HTML. Every interpolated value is escaped in the HTML. */
export function renderMail(
  template: MailTemplate,
  brand: Brand,
  locale: string | null | undefined,
): RenderedMail {
  return layoutMail(catalog[pickLocale(locale)](template, brand), brand);
}

/**
 * Lays a mail's parts out as subject, text and HTML in the house layout. Every interpolated value is escaped.
 * Areas with their own templates (billing) build parts and call this.
 */
export function layoutMail(parts: MailParts, brand: Brand): RenderedMail {
  const text = [
    ...parts.lines,
    ...(parts.code ? ['', `    ${parts.code}`, ''] : ['']),
    ...(parts.button ? [`${parts.button.label}: ${parts.button.url}`, ''] : []),
    parts.footer,
  ].join('\n');
  const html = `<!doctype html>
<html><body style="margin:0;padding:24px;background:#f4f5f7;font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#1f2328">
<table role="presentation" width="100%" style="max-width:520px;margin:0 auto;background:#fff;border-radius:8px;padding:24px">
<tr><td>
<p style="font-weight:600;font-size:18px;margin:0 0 16px">${escapeHtml(brand.businessName)}</p>
${parts.lines.map((l) => `<p style="margin:0 0 12px;line-height:1.5">${escapeHtml(l)}</p>`).join('\n')}
${parts.code ? `<p style="font-size:32px;letter-spacing:8px;font-weight:700;margin:16px 0;font-family:ui-monospace,monospace">${escapeHtml(parts.code)}</p>` : ''}
${parts.button ? `<p style="margin:20px 0"><a href="${escapeHtml(parts.button.url)}" style="display:inline-block;background:#1d4ed8;color:#fff;text-decoration:none;font-weight:600;padding:12px 20px;border-radius:6px">${escapeHtml(parts.button.label)}</a></p>` : ''}
<p style="margin:16px 0 0;color:#59636e;font-size:13px;line-height:1.5">${escapeHtml(parts.footer)}</p>
</td></tr></table></body></html>`;
  return { subject: parts.subject, text, html };
}
