// English: the reference catalog every other locale translates. `{name}` marks a parameter. One part per element
// (or group of elements), so a page carries only the text of the elements it loads; each element adds its parts
// with `addMessages`.

/** Every element: loading, sign-in state, client-side checks and request failures. */
export const common = {
  loading: 'Loading…',
  signIn: 'Sign in',
  signOut: 'Sign out',
  signedInAs: 'Signed in as {name}',
  enterEmail: 'Enter your email address.',
  enterPassword: 'Enter your password.',
  enterCode: 'Enter the 6-digit code.',
  passwordTooShort: 'Use at least 8 characters.',
  rateLimited: 'Too many attempts. Try again in {seconds} s.',
  rateLimitedLater: 'Too many attempts. Try again later.',
  serverBusy: 'The server is busy. Try again in a moment.',
  networkError: 'Could not reach the server. Check your connection and try again.',
  timeoutError: 'The server took too long to answer. Try again.',
  unexpectedError: 'Something went wrong. Try again.',
  notConfigured: 'This form is not connected to a portal (set the api attribute).',
};

/** `<portal-login>` and `<portal-register>`. */
export const forms = {
  email: 'Email',
  password: 'Password',
  code: '6-digit code',
  passwordHint: 'At least 8 characters.',
  verifyTitle: 'Check your email',
  codeSent: 'We sent a 6-digit code to {email}.',
  resendCode: 'Resend code',
  resendIn: 'Resend code in {seconds} s',
  codeResent: 'We sent a new code to {email}.',
  useAnotherEmail: 'Use another email',
};

/** `<portal-login>`. */
export const login = {
  newPassword: 'New password',
  forgotPassword: 'Forgot password?',
  useCode: 'Email me a sign-in code',
  usePassword: 'Sign in with a password',
  backToSignIn: 'Back to sign in',
  codeTitle: 'Sign in with an emailed code',
  codeIntro: 'We will email you a 6-digit code to sign in.',
  sendCode: 'Send code',
  resetTitle: 'Reset your password',
  resetIntro: 'We will email you a code to set a new password.',
  setPassword: 'Set password and sign in',
};

/** `<portal-register>`. */
export const register = {
  fullName: 'Full name',
  registerTitle: 'Create your account',
  createAccount: 'Create account',
  verify: 'Verify and sign in',
  showPassword: 'Show password',
  enterName: 'Enter your name.',
};

/** `<portal-account-menu>`. */
export const accountMenu = {
  accountMenu: 'Account menu for {name}',
  activeAccount: 'Account: {name}',
};

/** `<portal-nav>`. */
export const nav = {
  home: 'Home',
  mainNav: 'Main',
  menu: 'Menu',
  store: 'Store',
  domains: 'Domains',
  knowledgeBase: 'Knowledge base',
  announcements: 'Announcements',
  getStarted: 'Get started',
};

/** `<portal-footer>`. */
export const footer = {
  footerLinks: 'Footer',
  copyright: '© {year} {name}',
};

/** `<portal-magic-link>` and `<portal-invitation>`. */
export const links = {
  linkInvalidTitle: 'This link can no longer be used',
  noToken: 'This page needs the link from your email. Open the link again, or sign in.',
  goToSignIn: 'Go to sign in',
  accountDisabledTitle: 'This login is disabled',
  accountDisabled: 'Contact {business} if you think this is a mistake.',
  tryAgain: 'Try again',
};

/** `<portal-magic-link>`. */
export const magicLink = {
  magicLinkTitle: 'Sign in with your email link',
  magicLinkIntro: 'Sign in to {business} as {email}.',
  magicLinkExpires: 'The link works once, until {time}.',
  magicLinkInvalid: 'Sign-in links work once and expire after 10 minutes. Sign in again to get a new one.',
};

/** `<portal-invitation>`. */
export const invitation = {
  invitationTitle: 'Accept your invitation',
  invitationIntro: "{business} invites you to {account}'s portal as {email}.",
  invitationExpires: 'The invitation is valid until {date}.',
  choosePassword: 'Choose a password',
  acceptInvitation: 'Accept and sign in',
  termsNote: 'By accepting, you agree to the {terms}.',
  termsOfService: 'Terms of Service',
  invitationInvalid:
    'Invitations work once and expire after 7 days. Ask whoever invited you for a new one, or sign in if you already accepted it.',
};

/** Every message, by key. */
export type Messages = typeof common &
  typeof forms &
  typeof login &
  typeof register &
  typeof accountMenu &
  typeof nav &
  typeof footer &
  typeof links &
  typeof magicLink &
  typeof invitation;
export type MessageKey = keyof Messages;
