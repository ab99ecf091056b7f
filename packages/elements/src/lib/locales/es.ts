// Spanish, part by part as in en.ts.
import type * as en from './en.js';

export const common: typeof en.common = {
  loading: 'Cargando…',
  signIn: 'Iniciar sesión',
  signOut: 'Cerrar sesión',
  signedInAs: 'Sesión iniciada como {name}',
  enterEmail: 'Escribe tu correo electrónico.',
  enterPassword: 'Escribe tu contraseña.',
  enterCode: 'Escribe el código de 6 dígitos.',
  passwordTooShort: 'Usa al menos 8 caracteres.',
  rateLimited: 'Demasiados intentos. Inténtalo de nuevo en {seconds} s.',
  rateLimitedLater: 'Demasiados intentos. Inténtalo más tarde.',
  serverBusy: 'El servidor está ocupado. Inténtalo de nuevo en un momento.',
  networkError: 'No se pudo conectar con el servidor. Revisa tu conexión e inténtalo de nuevo.',
  timeoutError: 'El servidor tardó demasiado en responder. Inténtalo de nuevo.',
  unexpectedError: 'Algo salió mal. Inténtalo de nuevo.',
  notConfigured: 'Este formulario no está conectado a un portal (falta el atributo api).',
};

export const forms: typeof en.forms = {
  email: 'Correo electrónico',
  password: 'Contraseña',
  code: 'Código de 6 dígitos',
  passwordHint: 'Al menos 8 caracteres.',
  verifyTitle: 'Revisa tu correo',
  codeSent: 'Enviamos un código de 6 dígitos a {email}.',
  resendCode: 'Reenviar código',
  resendIn: 'Reenviar código en {seconds} s',
  codeResent: 'Enviamos un código nuevo a {email}.',
  useAnotherEmail: 'Usar otro correo',
};

export const login: typeof en.login = {
  newPassword: 'Nueva contraseña',
  forgotPassword: '¿Olvidaste tu contraseña?',
  useCode: 'Enviarme un código de acceso',
  usePassword: 'Iniciar sesión con contraseña',
  backToSignIn: 'Volver a iniciar sesión',
  codeTitle: 'Inicia sesión con un código por correo',
  codeIntro: 'Te enviaremos por correo un código de 6 dígitos para iniciar sesión.',
  sendCode: 'Enviar código',
  resetTitle: 'Restablece tu contraseña',
  resetIntro: 'Te enviaremos un código por correo para crear una contraseña nueva.',
  setPassword: 'Guardar contraseña e iniciar sesión',
};

export const register: typeof en.register = {
  fullName: 'Nombre completo',
  registerTitle: 'Crea tu cuenta',
  createAccount: 'Crear cuenta',
  verify: 'Verificar e iniciar sesión',
  showPassword: 'Mostrar contraseña',
  enterName: 'Escribe tu nombre.',
};

export const accountMenu: typeof en.accountMenu = {
  accountMenu: 'Menú de la cuenta de {name}',
  activeAccount: 'Cuenta: {name}',
};

export const nav: typeof en.nav = {
  home: 'Inicio',
  mainNav: 'Principal',
  menu: 'Menú',
  store: 'Tienda',
  domains: 'Dominios',
  knowledgeBase: 'Base de conocimiento',
  announcements: 'Anuncios',
  getStarted: 'Empezar',
};

export const footer: typeof en.footer = {
  footerLinks: 'Pie de página',
  copyright: '© {year} {name}',
};

export const links: typeof en.links = {
  linkInvalidTitle: 'Este enlace ya no se puede usar',
  noToken: 'Esta página necesita el enlace de tu correo. Ábrelo de nuevo o inicia sesión.',
  goToSignIn: 'Ir a iniciar sesión',
  accountDisabledTitle: 'Este acceso está desactivado',
  accountDisabled: 'Contacta con {business} si crees que es un error.',
  tryAgain: 'Intentar de nuevo',
};

export const magicLink: typeof en.magicLink = {
  magicLinkTitle: 'Inicia sesión con el enlace de tu correo',
  magicLinkIntro: 'Inicia sesión en {business} como {email}.',
  magicLinkExpires: 'El enlace sirve una vez, hasta las {time}.',
  magicLinkInvalid:
    'Los enlaces de acceso sirven una vez y caducan a los 10 minutos. Inicia sesión de nuevo para recibir otro.',
};

export const invitation: typeof en.invitation = {
  invitationTitle: 'Acepta tu invitación',
  invitationIntro: '{business} te invita al portal de {account} como {email}.',
  invitationExpires: 'La invitación es válida hasta el {date}.',
  choosePassword: 'Elige una contraseña',
  acceptInvitation: 'Aceptar e iniciar sesión',
  termsNote: 'Al aceptar, aceptas los {terms}.',
  termsOfService: 'Términos del servicio',
  invitationInvalid:
    'Las invitaciones sirven una vez y caducan a los 7 días. Pide una nueva a quien te invitó, o inicia sesión si ya la aceptaste.',
};
