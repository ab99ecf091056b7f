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
  passkeySignIn: 'Sign in with a passkey',
  passkeyCancelled: 'Passkey sign-in was cancelled. Try again, or sign in another way.',
  passkeyFailed:
    'That passkey was not accepted. It may have been removed from your login: sign in another way.',
  passkeyError: 'This browser could not use a passkey here. Sign in another way.',
  chooseAccountTitle: 'Choose an account',
  chooseAccountIntro: 'Your login has several accounts. Pick the one to use now; you can switch later.',
  accountCurrent: 'Current',
};

/** `<portal-register>`. */
export const register = {
  fullName: 'Full name',
  registerTitle: 'Create your account',
  createAccount: 'Create account',
  verify: 'Verify and sign in',
  showPassword: 'Show password',
  enterName: 'Enter your name.',
  emailConfirmedTitle: 'Your email is confirmed',
  emailConfirmedIntro:
    'Your sign-up is done, but the two-step verification took too long. Sign in with your email and password to continue.',
  signInToContinue: 'Go to sign in',
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
  navFaq: 'FAQ',
  navStatus: 'Status',
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

/** The two-step verification step of `<portal-login>`, `<portal-register>`, `<portal-magic-link>`, `<portal-invitation>`. */
export const mfa = {
  mfaTitle: 'Two-step verification',
  mfaIntro: 'Enter the 6-digit code from your authenticator app.',
  mfaBackupIntro:
    'Enter one of the backup codes you saved when you turned on two-step verification. Each works once.',
  mfaDeadline: 'This step works until {time}.',
  mfaCode: 'Code from your app',
  backupCode: 'Backup code',
  backupCodeHint: '16 letters and digits; dashes and spaces do not matter.',
  enterBackupCode: 'Enter a backup code: 16 letters and digits.',
  useBackupCode: 'Use a backup code',
  useAuthenticatorApp: 'Use your authenticator app',
  mfaVerify: 'Verify and sign in',
  mfaStartOver: 'Start over',
  mfaExpired: 'This sign-in took too long. Start again.',
};

/** `<portal-security>`. */
export const security = {
  securitySignedOut: 'Sign in to manage your password, two-step verification, passkeys and devices.',
  securityRetry: 'Try again',
  securityCancel: 'Cancel',
  securityCopied: 'Copied.',
  securityCopyFailed: 'Could not copy. Select the text and copy it yourself.',
  passwordSection: 'Password',
  securityCurrentPassword: 'Current password',
  securityNewPassword: 'New password',
  signOutOthersOption: 'Sign out my other sessions',
  changePassword: 'Change password',
  passwordChanged: 'Your password was changed.',
  passwordChangedEnded: 'Your password was changed. Other sessions signed out: {count}.',
  noPassword:
    'Your login has no password: you sign in with an emailed code, a link or a passkey. To set one, sign out and choose “Forgot password?” on the sign-in page.',
  twoFactorSection: 'Two-step verification',
  twoFactorOn: 'On',
  twoFactorOff: 'Off',
  twoFactorOnIntro: 'On since {date}. Signing in asks for a code from your authenticator app.',
  twoFactorOffIntro: 'Add a second step to signing in: a code from an authenticator app on your phone.',
  backupCodesLeft: 'Backup codes left: {count} of 10.',
  backupCodesLow: 'You are running out of backup codes: make new ones.',
  setUpTwoFactor: 'Set up two-step verification',
  scanQr: 'Scan this QR code with your authenticator app.',
  qrAlt: 'QR code for your authenticator app',
  typeSecret: 'Or type this key into the app:',
  copyKey: 'Copy key',
  appCode: 'Code from your app',
  turnOn: 'Turn on',
  twoFactorEnabled: 'Two-step verification is on.',
  backupCodesTitle: 'Save your backup codes',
  backupCodesIntro:
    'If you lose your phone, each code lets you sign in once. Keep them somewhere safe: this is the only time they are shown.',
  backupCodesList: 'Backup codes',
  copyCodes: 'Copy codes',
  downloadCodes: 'Download (.txt)',
  savedCodes: 'I saved them',
  backupCodesFile: 'Backup codes for {email}, made {date}. Each works once.',
  turnOff: 'Turn off',
  turnOffIntro: 'Enter a code from your app, or a backup code. Your backup codes stop working too.',
  appOrBackupCode: 'Code from your app or a backup code',
  enterAppOrBackupCode: 'Enter the 6-digit code from your app, or a backup code.',
  twoFactorDisabled: 'Two-step verification is off.',
  newBackupCodes: 'New backup codes',
  newBackupCodesIntro: 'Enter a code from your app. Your current backup codes stop working.',
  makeBackupCodes: 'Make new codes',
  passkeysSection: 'Passkeys',
  passkeysIntro: 'Sign in with your fingerprint, face or screen lock instead of a password.',
  noPasskeys: 'You have no passkeys yet.',
  passkeySynced: 'Synced',
  passkeyNotSynced: 'On one device only',
  passkeyAddedOn: 'Added {date}',
  passkeyLastUsed: 'Last used {when}',
  passkeyNeverUsed: 'Never used',
  addPasskey: 'Add a passkey',
  passkeysUnsupported: 'This browser cannot create passkeys.',
  namePasskey: 'Name this passkey',
  namePasskeyHint: 'For example, the device or password manager that keeps it.',
  savePasskey: 'Save passkey',
  passkeyAdded: 'Passkey added.',
  passkeyAddCancelled: 'Adding a passkey was cancelled.',
  passkeyExists: 'This device already has a passkey for your login.',
  passkeyBrowserError: 'This browser could not create a passkey here.',
  passkeyName: 'Passkey name',
  enterPasskeyName: 'Enter a name for this passkey.',
  renamePasskey: 'Rename',
  renamePasskeyNamed: 'Rename {name}',
  savePasskeyName: 'Save',
  passkeyRenamed: 'Passkey renamed.',
  removePasskey: 'Remove',
  removePasskeyNamed: 'Remove {name}',
  removePasskeyConfirm: 'Remove {name}? You will no longer be able to sign in with it.',
  passkeyRemoved: 'Passkey removed.',
  sessionsSection: 'Signed-in devices',
  thisDevice: 'This device',
  sessionAccount: 'Account: {name}',
  sessionLastSeen: 'Last active {when}',
  unknownPlace: 'Unknown place',
  endSession: 'Sign out',
  endSessionNamed: 'Sign out {device}',
  endOtherSessions: 'Sign out everywhere else',
  sessionEnded: 'Signed out {device}.',
  otherSessionsEnded: 'Signed out everywhere else: {count}.',
  noOtherSessions: 'You are not signed in anywhere else.',
};

/** Role names: `<portal-account-switcher>`, `<portal-account-menu>` and `<portal-contacts>`. */
export const accountRoles = {
  roleOwner: 'Owner',
  roleBilling: 'Billing',
  roleTechnical: 'Technical',
  roleCustom: 'Custom',
};

/** `<portal-account-switcher>` and the account menu's "Switch account" section. */
export const accountSwitcher = {
  switchAccount: 'Switch account',
  currentAccount: 'Current',
  switchedTo: 'Now using {name}.',
};

/** The permission grid and summaries of `<portal-api-tokens>` and `<portal-contacts>`. */
export const permissions = {
  areaProfile: 'Profile',
  areaBilling: 'Billing',
  areaServices: 'Services',
  areaDomains: 'Domains',
  areaSupport: 'Support',
  areaApps: 'Apps',
  accessArea: 'Area',
  accessView: 'View',
  accessChange: 'Change',
  accessCell: '{area}: {access}',
  changeIncludesView: '“Change” includes “View”.',
  accessEverything: 'Everything',
  accessNone: 'No access',
  accessSummaryItem: '{area} ({access})',
};

/** What the account elements (profile, activity, API tokens, contacts) share. */
export const account = {
  signInToContinue: 'Sign in to continue.',
  retryLoad: 'Try again',
  cancel: 'Cancel',
  copy: 'Copy',
  copied: 'Copied to the clipboard.',
  copyFailed: 'Could not copy. Select the text and copy it yourself.',
  never: 'Never',
  actions: 'Actions',
  required: 'required',
  requiredNote: 'Fields marked * are required.',
  fieldRequired: 'Fill in this field.',
  errorPermissionDenied: "You don't have permission to do this on this account. Ask the account owner.",
  errorOwnerOnly: 'Only the account owner can do this.',
  errorTokenNotAllowed: "API tokens can't do this. Sign in to the portal to do it.",
  errorScopeNotGranted: 'A token can only have permissions you hold on this account. Untick the others.',
  errorProfileIncomplete: 'Complete the account details first.',
  errorWrongPassword: "That password isn't right.",
  errorNoPassword:
    'Your login has no password yet. Set one first with “Forgot password?” on the sign-in page.',
  errorAlreadyMember: 'This person already is a member of this account.',
  errorCurrencyNotEnabled: 'This currency is not available. Pick another.',
};

/** `<portal-profile>`. */
export const profile = {
  profileTitle: 'Profile',
  yourDetails: 'Your details',
  accountDetails: 'Account details',
  personName: 'Your name',
  preferredLanguage: 'Preferred language',
  preferredLanguageHint: 'Used here and in every email we send you.',
  saveDetails: 'Save your details',
  detailsSaved: 'Your details are saved.',
  emailVerified: 'Verified',
  emailNotVerified: 'Not verified',
  changeEmail: 'Change email',
  changeEmailTitle: 'Change your email',
  changeEmailIntro: 'Confirm your password, then enter the code we send to the new address.',
  profilePassword: 'Current password',
  newEmail: 'New email',
  sendEmailCode: 'Send code',
  confirmEmailChange: 'Confirm new email',
  emailChanged: 'Your email is now {email}.',
  accountName: 'Account name',
  company: 'Company',
  phone: 'Phone',
  address: 'Address',
  addressLine1: 'Street and number',
  addressLine2: 'Apartment, suite, etc.',
  city: 'City',
  region: 'State or region',
  postcode: 'Postcode',
  country: 'Country',
  chooseCountry: 'Choose a country',
  currency: 'Billing currency',
  currencyHint: 'New invoices are issued in this currency.',
  saveAccount: 'Save account details',
  accountSaved: 'The account details are saved.',
  noChanges: 'Nothing has changed.',
  readOnlyNote: 'Only the account owner, or a contact allowed to change the profile, can edit these details.',
  noProfileAccess: "You don't have access to this account's details.",
  missingBanner: 'These details are needed before you continue: {fields}.',
  missingHint: 'Needed to continue.',
  completeProfileTitle: 'Complete your profile',
  completeProfileIntro: 'Before you continue, add these details to your account.',
  saveAndContinue: 'Save and continue',
  completeNotAllowed: 'The account owner needs to add: {fields}.',
};

/** `<portal-activity>`. */
export const activity = {
  activityTitle: 'Security activity',
  activityIntro: 'Sign-ins and security changes on this account, newest first.',
  activityOwnerOnly: "Only the account owner can see the account's security activity.",
  noActivity: 'No activity yet.',
  loadMore: 'Load more',
  activityFailed: 'Failed',
  actorToken: 'API token “{name}”',
  actorStaff: 'Staff',
  actorSystem: 'System',
  actorSomeone: 'Someone',
  localNetwork: 'Local network',
  actWithSubject: '{action}: {subject}',
  actSignedIn: 'Signed in',
  actSignedInPassword: 'Signed in with a password',
  actSignedInEmailCode: 'Signed in with an emailed code',
  actSignedInMagicLink: 'Signed in with an email link',
  actSignedInPasskey: 'Signed in with a passkey',
  actSignedInVerification: 'Signed in after verifying the email address',
  actSignedInReset: 'Signed in after resetting the password',
  actSignedInInvitation: 'Signed in by accepting an invitation',
  actSignInFailed: 'Failed sign-in attempt',
  actMfaFailed: 'Wrong two-step verification code',
  actAccountSwitched: 'Switched to this account',
  actTotpEnabled: 'Turned on two-step verification',
  actTotpDisabled: 'Turned off two-step verification',
  actBackupCodes: 'Generated new backup codes',
  actPasskeyAdded: 'Added a passkey',
  actPasskeyRemoved: 'Removed a passkey',
  actPasswordChanged: 'Changed the password',
  actEmailChanged: 'Changed the sign-in email',
  actProfileUpdated: 'Updated the account details',
  actTokenCreated: 'Created an API token',
  actTokenRevoked: 'Revoked an API token',
  actTokenUsed: 'Used an API token',
  actContactAdded: 'Added a contact',
  actContactUpdated: "Changed a contact's access",
  actContactRemoved: 'Removed a contact',
  actContactInvited: 'Invited a contact',
  actOther: 'Other activity',
};

/** `<portal-api-tokens>`. */
export const apiTokens = {
  tokensTitle: 'API tokens',
  tokensIntro:
    'Tokens let scripts and integrations use this account within the scopes you pick. They can never change passwords, two-factor settings, sessions or tokens.',
  newToken: 'New token',
  createTokenTitle: 'Create an API token',
  tokenName: 'Name',
  tokenNameHint: 'What it is for, e.g. “Deploy script”.',
  tokenScopes: 'Scopes',
  tokenScopesHint: 'Only what you may do on this account yourself.',
  pickScope: 'Pick at least one scope.',
  tokenExpiry: 'Expires',
  expiresInDays: 'In {days} days',
  createToken: 'Create token',
  tokenCreatedTitle: 'Copy your new token',
  tokenCreatedNote:
    "You won't see it again: store it somewhere safe now. If you lose it, revoke it and create another.",
  tokenSecret: 'Token “{name}”',
  tokenDone: 'Done',
  noTokens: 'No API tokens yet.',
  tokenPrefix: 'Starts with',
  tokenCreatedBy: 'Created by',
  tokenLastUsed: 'Last used',
  tokenNeverUsed: 'Never used',
  tokenUsedFrom: '{time} from {ip}',
  revoke: 'Revoke',
  revokeName: 'Revoke {name}',
  revokeTitle: 'Revoke “{name}”?',
  revokeBody: 'Anything using it stops working at once. This cannot be undone.',
  tokenRevoked: '“{name}” is revoked.',
};

/** `<portal-contacts>`. */
export const contacts = {
  contactsTitle: 'Contacts',
  contactsIntro:
    'People with their own login to this account. Each one sees and does only what their role allows.',
  contactsOwnerOnly: 'Only the account owner can manage its contacts.',
  addContact: 'Add contact',
  addContactIntro:
    'They get an email: an invitation to set a password, or a note if they already have a login.',
  contactName: 'Name',
  contactEmail: 'Email',
  contactRole: 'Role',
  roleBillingHint: 'Invoices, payments and the account details; sees services and domains.',
  roleTechnicalHint: 'Services, domains and support; sees the account details.',
  roleCustomHint: 'Pick exactly what they may see and change.',
  contactPermissions: 'Permissions',
  pickPermission: 'Pick at least one permission.',
  sendInvitation: 'Add and notify',
  contactAdded: 'We sent {email} an email.',
  editContact: 'Edit',
  editContactName: 'Edit {name}',
  editContactTitle: "Change {name}'s access",
  saveContact: 'Save changes',
  contactUpdated: "{name}'s access is changed. It applies from their next request.",
  removeContact: 'Remove',
  removeContactName: 'Remove {name}',
  removeContactTitle: 'Remove {name}?',
  removeContactBody:
    'They lose access to this account: their sessions on this account end now and their API tokens stop working. Their login stays for any other accounts.',
  contactRemoved: '{name} is removed.',
  resendInvitation: 'Resend invitation',
  resendInvitationName: 'Resend invitation to {name}',
  invitationResent: 'We sent {email} a new invitation.',
  statusInvited: 'Invited',
  statusActive: 'Active',
  contactStatus: 'Status',
  lastSignIn: 'Last sign-in',
  neverSignedIn: 'Not yet',
  noContacts: 'No contacts yet.',
};

/** Every message, by key. */
export type Messages = typeof common &
  typeof import('./commerce-en.js').commerce &
  typeof import('./invoices-en.js').invoices &
  typeof import('./domain-search-en.js').domainSearch &
  typeof import('./domains-en.js').domains &
  typeof import('./domains-en.js').domainsNav &
  typeof import('./content-en.js').kb &
  typeof import('./content-en.js').faq &
  typeof import('./content-en.js').announcements &
  typeof import('./content-en.js').statusPage &
  typeof import('./content-en.js').home &
  typeof import('./content-en.js').unsubscribe &
  typeof import('./support-en.js').support &
  typeof import('./support-en.js').supportNav &
  typeof import('./communities-en.js').communities &
  typeof import('./apps-en.js').appSwitcher &
  typeof import('./apps-en.js').affiliate &
  typeof import('./courses-en.js').courses &
  typeof forms &
  typeof login &
  typeof register &
  typeof accountMenu &
  typeof nav &
  typeof footer &
  typeof links &
  typeof magicLink &
  typeof invitation &
  typeof mfa &
  typeof security &
  typeof accountRoles &
  typeof accountSwitcher &
  typeof permissions &
  typeof account &
  typeof profile &
  typeof activity &
  typeof apiTokens &
  typeof contacts;
export type MessageKey = keyof Messages;
