/** Mail templates, HTML and text, in English and Spanish. */

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
  | { name: 'password-changed' };

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

interface Parts {
  subject: string;
  lines: string[];
  code?: string;
  footer: string;
}

const catalog: Record<Locale, (t: MailTemplate, b: Brand) => Parts> = {
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
          lines: ['The password of your account was just changed and every other session was signed out.'],
          footer: `If this was not you, reset your password at once at ${b.portalUrl} and contact us. ${footer}`,
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
          lines: ['Se acaba de cambiar la contraseña de tu cuenta y se han cerrado las demás sesiones.'],
          footer: `Si no has sido tú, restablece tu contraseña en ${b.portalUrl} y contáctanos. ${footer}`,
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
  const parts = catalog[pickLocale(locale)](template, brand);
  const text = [...parts.lines, ...(parts.code ? ['', `    ${parts.code}`, ''] : ['']), parts.footer].join(
    '\n',
  );
  const html = `<!doctype html>
<html><body style="margin:0;padding:24px;background:#f4f5f7;font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#1f2328">
<table role="presentation" width="100%" style="max-width:520px;margin:0 auto;background:#fff;border-radius:8px;padding:24px">
<tr><td>
<p style="font-weight:600;font-size:18px;margin:0 0 16px">${escapeHtml(brand.businessName)}</p>
${parts.lines.map((l) => `<p style="margin:0 0 12px;line-height:1.5">${escapeHtml(l)}</p>`).join('\n')}
${parts.code ? `<p style="font-size:32px;letter-spacing:8px;font-weight:700;margin:16px 0;font-family:ui-monospace,monospace">${escapeHtml(parts.code)}</p>` : ''}
<p style="margin:16px 0 0;color:#59636e;font-size:13px;line-height:1.5">${escapeHtml(parts.footer)}</p>
</td></tr></table></body></html>`;
  return { subject: parts.subject, text, html };
}
