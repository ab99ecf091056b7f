import * as z from 'zod/mini';
import {
  CodeSentSchema,
  MembershipRoleSchema,
  PasskeyCredentialJsonSchema,
  PasskeyOptionsSchema,
  ProfileFieldSchema,
  SecondFactorCodeSchema,
  SessionSchema,
} from './auth.js';
import { AddressSchema, CurrencySchema } from './clients.js';
import { TotpCodeInputSchema } from './staff.js';
import {
  CodeSchema,
  defineRoute,
  EmailSchema,
  itemsSchema,
  NameSchema,
  NewPasswordSchema,
  PageQuerySchema,
  pageSchema,
  PasswordSchema,
  PermissionSchema,
  TimestampSchema,
} from './common.js';

/** Error codes of the account area. */
export const AccountErrorCodes = {
  /** The current password given to confirm a change is not right. */
  WRONG_PASSWORD: 'WRONG_PASSWORD',
  /** The login has no password yet (it signs in by email or passkey): set one through a password reset. */
  NO_PASSWORD: 'NO_PASSWORD',
  TOTP_NOT_ENABLED: 'TOTP_NOT_ENABLED',
  TOTP_ALREADY_ENABLED: 'TOTP_ALREADY_ENABLED',
  /** Start the TOTP set-up again: the pending secret is missing or older than 15 minutes. */
  TOTP_SETUP_EXPIRED: 'TOTP_SETUP_EXPIRED',
  /** An API token's scopes must be permissions its creator holds. */
  SCOPE_NOT_GRANTED: 'SCOPE_NOT_GRANTED',
  /** The currency is not one the business bills in. */
  CURRENCY_NOT_ENABLED: 'CURRENCY_NOT_ENABLED',
  /** That person already is a member of this account. */
  ALREADY_A_MEMBER: 'ALREADY_A_MEMBER',
} as const;

const optionalText = (max: number, what: string) =>
  z.optional(
    z.nullable(
      z.string().check(z.trim(), z.maxLength(max, { error: `${what} must be at most ${max} characters` })),
    ),
  );

/** A supported language tag (`en`, `es`, `pt-BR`). */
export const LocaleSchema = z
  .string()
  .check(z.trim(), z.regex(/^[a-z]{2}(-[A-Z]{2})?$/, { error: 'Not a supported language tag' }));

// Profile

/** The signed-in person and the active account's details, with what the business requires. */
export const ProfileSchema = z.object({
  user: z.object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    emailVerifiedAt: z.nullable(TimestampSchema),
    /** Preferred language: the elements' language and the language of every email. */
    locale: z.string(),
    /** Whether the login has a password (else it signs in by email code, magic link or passkey). */
    hasPassword: z.boolean(),
  }),
  account: z.object({
    id: z.string(),
    name: z.string(),
    company: z.nullable(z.string()),
    phone: z.nullable(z.string()),
    address: AddressSchema,
    /** Billing currency, one of `currencies`. */
    currency: z.string(),
  }),
  /** Currencies the business bills in. */
  currencies: z.array(z.string()),
  /** Fields the business requires, and those of them still empty. */
  requiredFields: z.array(ProfileFieldSchema),
  missingFields: z.array(ProfileFieldSchema),
  /** Whether this person may change the account's details (the owner, or a contact with `profile:write`). */
  canEdit: z.boolean(),
});
export type Profile = z.infer<typeof ProfileSchema>;

/** The signed-in person's own details. Unknown fields (role, ids, permissions) are dropped, never applied. */
export const MeUpdateInputSchema = z.object({
  name: z.optional(NameSchema),
  locale: z.optional(LocaleSchema),
});
export type MeUpdateInput = z.input<typeof MeUpdateInputSchema>;

/** The active account's details. Unknown fields (role, ids, permissions, status) are dropped, never applied. */
export const ProfileUpdateInputSchema = z.object({
  accountName: z.optional(NameSchema),
  company: optionalText(200, 'Company'),
  phone: z.optional(
    z.nullable(
      z
        .string()
        .check(
          z.trim(),
          z.maxLength(40, { error: 'Phone must be at most 40 characters' }),
          z.regex(/^[+()\d\s./-]*$/, { error: 'Use digits, spaces and + ( ) - . / only' }),
        ),
    ),
  ),
  address: z.optional(AddressSchema),
  currency: z.optional(CurrencySchema),
});
export type ProfileUpdateInput = z.input<typeof ProfileUpdateInputSchema>;

// Email and password

export const ChangeEmailInputSchema = z.object({ password: PasswordSchema, email: EmailSchema });
export type ChangeEmailInput = z.input<typeof ChangeEmailInputSchema>;

export const ConfirmEmailChangeInputSchema = z.object({ email: EmailSchema, code: CodeSchema });
export type ConfirmEmailChangeInput = z.input<typeof ConfirmEmailChangeInputSchema>;

export const ChangePasswordInputSchema = z.object({
  currentPassword: PasswordSchema,
  newPassword: NewPasswordSchema,
  /** End every other session of this login (default false). */
  endOtherSessions: z.optional(z.boolean()),
});
export type ChangePasswordInput = z.input<typeof ChangePasswordInputSchema>;

export const PasswordChangedSchema = z.object({ endedSessions: z.number() });
export type PasswordChanged = z.infer<typeof PasswordChangedSchema>;

// Sessions

/** One signed-in device of this login. */
export const SessionInfoSchema = z.object({
  id: z.string(),
  /** The session this request came with. */
  current: z.boolean(),
  /** `Firefox on Windows`, from the user agent; `Unknown device` when it says nothing useful. */
  device: z.string(),
  ip: z.nullable(z.string()),
  /**
   * Country from the IP (`Spain`), `Local network` for private addresses, or null when unknown. Countries come from
   * DB-IP's IP to Country Lite data (CC BY 4.0): a page that shows them credits "IP Geolocation by DB-IP"
   * with a link to https://db-ip.com.
   */
  place: z.nullable(z.string()),
  accountName: z.string(),
  createdAt: TimestampSchema,
  lastSeenAt: TimestampSchema,
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

export const EndedSchema = z.object({ ended: z.number() });
export type Ended = z.infer<typeof EndedSchema>;

// Two-factor

/** What the security page shows. */
export const SecurityOverviewSchema = z.object({
  hasPassword: z.boolean(),
  totp: z.object({ enabled: z.boolean(), enabledAt: z.nullable(TimestampSchema) }),
  backupCodes: z.object({ remaining: z.number(), generatedAt: z.nullable(TimestampSchema) }),
  passkeys: z.number(),
});
export type SecurityOverview = z.infer<typeof SecurityOverviewSchema>;

/** A TOTP enrolment in progress: scan the QR code or type the secret, then confirm with a code (15 minutes). */
export const ClientTotpSetupSchema = z.object({
  /** Base32 secret (160 bits). */
  secret: z.string(),
  /** `otpauth://totp/...` URI. */
  uri: z.string(),
  /** The URI as a QR code, an SVG document. */
  qrSvg: z.string(),
});
export type ClientTotpSetup = z.infer<typeof ClientTotpSetupSchema>;

export const SecondFactorInputSchema = z.object({ code: SecondFactorCodeSchema });
export type SecondFactorInput = z.input<typeof SecondFactorInputSchema>;

/** Ten fresh backup codes (80 bits each), shown this once; older ones stop working. */
export const BackupCodesSchema = z.object({
  codes: z.array(z.string()),
  generatedAt: TimestampSchema,
});
export type BackupCodes = z.infer<typeof BackupCodesSchema>;

// Passkeys

export const PasskeySchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Synced passkeys (iCloud Keychain, Google Password Manager) survive a lost device. */
  backedUp: z.boolean(),
  createdAt: TimestampSchema,
  lastUsedAt: z.nullable(TimestampSchema),
});
export type Passkey = z.infer<typeof PasskeySchema>;

const PasskeyNameSchema = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, { error: 'Name is required' }),
    z.maxLength(60, { error: 'Name must be at most 60 characters' }),
  );

export const RegisterPasskeyInputSchema = z.object({
  challengeId: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  name: z.optional(PasskeyNameSchema),
  credential: PasskeyCredentialJsonSchema,
});
export type RegisterPasskeyInput = z.input<typeof RegisterPasskeyInputSchema>;

export const RenamePasskeyInputSchema = z.object({ name: PasskeyNameSchema });
export type RenamePasskeyInput = z.input<typeof RenamePasskeyInputSchema>;

// Activity

/** One entry of the account's security timeline. */
export const ActivityEventSchema = z.object({
  id: z.string(),
  at: TimestampSchema,
  /** `auth.signed_in`, `auth.sign_in_failed`, `security.totp_enabled`, `token.created`, `contact.added`, ... */
  action: z.string(),
  actor: z.object({
    type: z.enum(['user', 'token', 'staff', 'system', 'anonymous']),
    /** The person's name or email, the token's name; null for staff (shown as the business). */
    label: z.nullable(z.string()),
  }),
  device: z.nullable(z.string()),
  ip: z.nullable(z.string()),
  place: z.nullable(z.string()),
  /** Facts about the event (`method: "password"`, `name: "CI deploys"`); never secrets. */
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type ActivityEvent = z.infer<typeof ActivityEventSchema>;

export const ActivityQuerySchema = PageQuerySchema;
export type ActivityQuery = z.input<typeof ActivityQuerySchema>;

// API tokens

export const ApiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The first characters (`pt_AbCd…`), to recognise it. */
  prefix: z.string(),
  scopes: z.array(PermissionSchema),
  /** Who created it (the owner sees every token of the account). */
  createdBy: z.object({ id: z.string(), name: z.string() }),
  createdAt: TimestampSchema,
  expiresAt: z.nullable(TimestampSchema),
  lastUsedAt: z.nullable(TimestampSchema),
  lastUsedIp: z.nullable(z.string()),
});
export type ApiToken = z.infer<typeof ApiTokenSchema>;

/** A new token with its secret, shown this once. */
export const CreatedApiTokenSchema = z.extend(ApiTokenSchema, { token: z.string() });
export type CreatedApiToken = z.infer<typeof CreatedApiTokenSchema>;

export const CreateApiTokenInputSchema = z.object({
  name: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, { error: 'Name is required' }),
      z.maxLength(60, { error: 'Name must be at most 60 characters' }),
    ),
  scopes: z
    .array(PermissionSchema)
    .check(z.minLength(1, { error: 'Pick at least one scope' }), z.maxLength(20)),
  /** Days until it stops working (1 to 3650); omitted, it never expires. */
  expiresInDays: z.optional(
    z
      .number()
      .check(
        z.int(),
        z.minimum(1, { error: 'At least 1 day' }),
        z.maximum(3650, { error: 'At most 3650 days' }),
      ),
  ),
});
export type CreateApiTokenInput = z.input<typeof CreateApiTokenInputSchema>;

// Contacts

/** Roles a contact may be given; `owner` is never one of them. */
export const ContactRoleSchema = z.enum(['billing', 'technical', 'custom']);
export type ContactRole = z.infer<typeof ContactRoleSchema>;

/** Permissions each contact role starts with (a `custom` contact lists its own). */
export const CONTACT_ROLE_PERMISSIONS = {
  billing: ['profile:write', 'billing:write', 'services:read', 'domains:read'],
  technical: ['profile:read', 'services:write', 'domains:write', 'support:write'],
  custom: [],
} as const satisfies Record<ContactRole, readonly z.infer<typeof PermissionSchema>[]>;

export const ContactSchema = z.object({
  /** The membership's id. */
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: MembershipRoleSchema,
  permissions: z.array(PermissionSchema),
  /** `invited` until they first sign in to this account. */
  status: z.enum(['invited', 'active']),
  invitedAt: z.nullable(TimestampSchema),
  joinedAt: z.nullable(TimestampSchema),
  lastSignInAt: z.nullable(TimestampSchema),
});
export type Contact = z.infer<typeof ContactSchema>;

export const AddContactInputSchema = z.object({
  name: NameSchema,
  email: EmailSchema,
  role: ContactRoleSchema,
  /** Defaults to the role's permissions; required for `custom`. */
  permissions: z.optional(z.array(PermissionSchema).check(z.maxLength(20))),
});
export type AddContactInput = z.input<typeof AddContactInputSchema>;

export const UpdateContactInputSchema = z.object({
  role: z.optional(ContactRoleSchema),
  permissions: z.optional(z.array(PermissionSchema).check(z.maxLength(20))),
});
export type UpdateContactInput = z.input<typeof UpdateContactInputSchema>;

/** The account area: profile, email, password, sessions, 2FA, passkeys, activity, API tokens and contacts. */
export const accountRoutes = {
  getProfile: defineRoute({
    id: 'account.getProfile',
    method: 'GET',
    path: '/api/v1/profile',
    summary: "The signed-in person's details and the active account's, with the fields the business requires",
    tags: ['account'],
    auth: 'client',
    access: 'profile:read',
    status: 200,
    output: ProfileSchema,
  }),
  updateProfile: defineRoute({
    id: 'account.updateProfile',
    method: 'PATCH',
    path: '/api/v1/profile',
    summary: "Change the active account's details (company, phone, address, billing currency)",
    tags: ['account'],
    auth: 'client',
    access: 'profile:write',
    body: ProfileUpdateInputSchema,
    status: 200,
    output: ProfileSchema,
    errors: ['VALIDATION_FAILED', 'CURRENCY_NOT_ENABLED', 'PERMISSION_DENIED'],
  }),
  updateMe: defineRoute({
    id: 'account.updateMe',
    method: 'PATCH',
    path: '/api/v1/me',
    summary: 'Change your own name and preferred language',
    tags: ['account'],
    auth: 'client',
    access: 'self',
    body: MeUpdateInputSchema,
    status: 200,
    output: SessionSchema,
  }),
  changeEmail: defineRoute({
    id: 'account.changeEmail',
    method: 'POST',
    path: '/api/v1/me/email',
    summary: 'Start an email change: confirms the password, emails a code to the new address (15 minutes)',
    tags: ['account'],
    auth: 'client',
    access: 'self',
    body: ChangeEmailInputSchema,
    status: 202,
    output: CodeSentSchema,
    errors: ['WRONG_PASSWORD', 'NO_PASSWORD', 'RATE_LIMITED'],
    rateLimited: true,
  }),
  confirmEmailChange: defineRoute({
    id: 'account.confirmEmailChange',
    method: 'POST',
    path: '/api/v1/me/email/confirm',
    summary: 'Finish an email change with the code sent to the new address; the old address is told',
    tags: ['account'],
    auth: 'client',
    access: 'self',
    body: ConfirmEmailChangeInputSchema,
    status: 200,
    output: SessionSchema,
    errors: ['INVALID_CODE', 'CODE_EXPIRED', 'TOO_MANY_ATTEMPTS', 'RATE_LIMITED'],
    rateLimited: true,
  }),
  changePassword: defineRoute({
    id: 'account.changePassword',
    method: 'POST',
    path: '/api/v1/me/password',
    summary: 'Change the password (the current one is required); optionally end every other session',
    tags: ['account'],
    auth: 'client',
    access: 'self',
    body: ChangePasswordInputSchema,
    status: 200,
    output: PasswordChangedSchema,
    errors: ['WRONG_PASSWORD', 'PASSWORD_TOO_COMMON', 'RATE_LIMITED', 'SERVER_BUSY'],
    rateLimited: true,
  }),
  listSessions: defineRoute({
    id: 'account.listSessions',
    method: 'GET',
    path: '/api/v1/me/sessions',
    summary: 'Where this login is signed in: device, place, last seen',
    tags: ['account'],
    auth: 'client',
    access: 'self',
    status: 200,
    output: itemsSchema(SessionInfoSchema),
  }),
  endSession: defineRoute({
    id: 'account.endSession',
    method: 'DELETE',
    path: '/api/v1/me/sessions/:sessionId',
    summary: 'End one session of this login',
    tags: ['account'],
    auth: 'client',
    access: 'self',
    status: 204,
    errors: ['NOT_FOUND'],
  }),
  endOtherSessions: defineRoute({
    id: 'account.endOtherSessions',
    method: 'POST',
    path: '/api/v1/me/sessions/end-others',
    summary: 'End every session of this login but this one',
    tags: ['account'],
    auth: 'client',
    access: 'self',
    status: 200,
    output: EndedSchema,
  }),
  security: defineRoute({
    id: 'account.security',
    method: 'GET',
    path: '/api/v1/me/security',
    summary: 'Password, two-factor, backup codes and passkeys at a glance',
    tags: ['account'],
    auth: 'client',
    access: 'self',
    status: 200,
    output: SecurityOverviewSchema,
  }),
  setupTotp: defineRoute({
    id: 'account.setupTotp',
    method: 'POST',
    path: '/api/v1/me/totp/setup',
    summary: 'Start two-factor enrolment: a new secret, its otpauth URI and QR code (15 minutes to confirm)',
    tags: ['account'],
    auth: 'client',
    access: 'self',
    status: 200,
    output: ClientTotpSetupSchema,
    errors: ['TOTP_ALREADY_ENABLED'],
  }),
  enableTotp: defineRoute({
    id: 'account.enableTotp',
    method: 'POST',
    path: '/api/v1/me/totp/enable',
    summary: 'Confirm enrolment with a code: turns two-factor on and answers ten backup codes, shown once',
    tags: ['account'],
    auth: 'client',
    access: 'self',
    body: TotpCodeInputSchema,
    status: 200,
    output: BackupCodesSchema,
    errors: ['INVALID_CODE', 'TOTP_SETUP_EXPIRED', 'TOTP_ALREADY_ENABLED', 'TOO_MANY_ATTEMPTS'],
    rateLimited: true,
  }),
  disableTotp: defineRoute({
    id: 'account.disableTotp',
    method: 'POST',
    path: '/api/v1/me/totp/disable',
    summary: 'Turn two-factor off with a current code (from the app, or a backup code); backup codes go too',
    tags: ['account'],
    auth: 'client',
    access: 'self',
    body: SecondFactorInputSchema,
    status: 204,
    errors: ['INVALID_CODE', 'TOTP_NOT_ENABLED', 'TOO_MANY_ATTEMPTS'],
    rateLimited: true,
  }),
  regenerateBackupCodes: defineRoute({
    id: 'account.regenerateBackupCodes',
    method: 'POST',
    path: '/api/v1/me/backup-codes',
    summary: 'Replace the backup codes (a current app code is required); the old ones stop working',
    tags: ['account'],
    auth: 'client',
    access: 'self',
    body: TotpCodeInputSchema,
    status: 200,
    output: BackupCodesSchema,
    errors: ['INVALID_CODE', 'TOTP_NOT_ENABLED', 'TOO_MANY_ATTEMPTS'],
    rateLimited: true,
  }),
  listPasskeys: defineRoute({
    id: 'account.listPasskeys',
    method: 'GET',
    path: '/api/v1/me/passkeys',
    summary: 'The passkeys of this login',
    tags: ['account'],
    auth: 'client',
    access: 'self',
    status: 200,
    output: itemsSchema(PasskeySchema),
  }),
  passkeyRegistrationOptions: defineRoute({
    id: 'account.passkeyRegistrationOptions',
    method: 'POST',
    path: '/api/v1/me/passkeys/options',
    summary: 'Start adding a passkey: WebAuthn creation options (5 minutes)',
    tags: ['account'],
    auth: 'client',
    access: 'self',
    status: 200,
    output: PasskeyOptionsSchema,
  }),
  registerPasskey: defineRoute({
    id: 'account.registerPasskey',
    method: 'POST',
    path: '/api/v1/me/passkeys',
    summary: "Finish adding a passkey with the authenticator's answer",
    tags: ['account'],
    auth: 'client',
    access: 'self',
    body: RegisterPasskeyInputSchema,
    status: 201,
    output: PasskeySchema,
    errors: ['PASSKEY_FAILED'],
  }),
  renamePasskey: defineRoute({
    id: 'account.renamePasskey',
    method: 'PATCH',
    path: '/api/v1/me/passkeys/:passkeyId',
    summary: 'Rename a passkey',
    tags: ['account'],
    auth: 'client',
    access: 'self',
    body: RenamePasskeyInputSchema,
    status: 200,
    output: PasskeySchema,
    errors: ['NOT_FOUND'],
  }),
  removePasskey: defineRoute({
    id: 'account.removePasskey',
    method: 'DELETE',
    path: '/api/v1/me/passkeys/:passkeyId',
    summary: 'Remove a passkey',
    tags: ['account'],
    auth: 'client',
    access: 'self',
    status: 204,
    errors: ['NOT_FOUND'],
  }),
  activity: defineRoute({
    id: 'account.activity',
    method: 'GET',
    path: '/api/v1/account/activity',
    summary: "The account's security timeline, newest first (the owner only)",
    tags: ['account'],
    auth: 'client',
    access: 'owner',
    query: ActivityQuerySchema,
    status: 200,
    output: pageSchema(ActivityEventSchema),
  }),
  listTokens: defineRoute({
    id: 'account.listTokens',
    method: 'GET',
    path: '/api/v1/tokens',
    summary: "Your API tokens on the active account (the owner sees everyone's)",
    tags: ['account'],
    auth: 'client',
    access: 'self',
    status: 200,
    output: itemsSchema(ApiTokenSchema),
  }),
  createToken: defineRoute({
    id: 'account.createToken',
    method: 'POST',
    path: '/api/v1/tokens',
    summary: 'Create an API token (`pt_…`, shown once) with scopes you hold and an optional expiry',
    tags: ['account'],
    auth: 'client',
    access: 'self',
    body: CreateApiTokenInputSchema,
    status: 201,
    output: CreatedApiTokenSchema,
    errors: ['SCOPE_NOT_GRANTED', 'VALIDATION_FAILED'],
  }),
  revokeToken: defineRoute({
    id: 'account.revokeToken',
    method: 'DELETE',
    path: '/api/v1/tokens/:tokenId',
    summary: 'Revoke an API token at once',
    tags: ['account'],
    auth: 'client',
    access: 'self',
    status: 204,
    errors: ['NOT_FOUND'],
  }),
  listContacts: defineRoute({
    id: 'account.listContacts',
    method: 'GET',
    path: '/api/v1/contacts',
    summary: "The account's contacts and what each may do (the owner only)",
    tags: ['account'],
    auth: 'client',
    access: 'owner',
    status: 200,
    output: itemsSchema(ContactSchema),
  }),
  addContact: defineRoute({
    id: 'account.addContact',
    method: 'POST',
    path: '/api/v1/contacts',
    summary: 'Add a contact with their own login: they get an invitation (7 days)',
    tags: ['account'],
    auth: 'client',
    access: 'owner',
    body: AddContactInputSchema,
    status: 201,
    output: ContactSchema,
    errors: ['ALREADY_A_MEMBER', 'VALIDATION_FAILED', 'RATE_LIMITED'],
    rateLimited: true,
  }),
  updateContact: defineRoute({
    id: 'account.updateContact',
    method: 'PATCH',
    path: '/api/v1/contacts/:contactId',
    summary: "Change a contact's role and permissions (takes effect on their next request)",
    tags: ['account'],
    auth: 'client',
    access: 'owner',
    body: UpdateContactInputSchema,
    status: 200,
    output: ContactSchema,
    errors: ['NOT_FOUND', 'VALIDATION_FAILED'],
  }),
  removeContact: defineRoute({
    id: 'account.removeContact',
    method: 'DELETE',
    path: '/api/v1/contacts/:contactId',
    summary: 'Remove a contact: ends their sessions and API tokens on this account',
    tags: ['account'],
    auth: 'client',
    access: 'owner',
    status: 204,
    errors: ['NOT_FOUND'],
  }),
  resendContactInvitation: defineRoute({
    id: 'account.resendContactInvitation',
    method: 'POST',
    path: '/api/v1/contacts/:contactId/invitation',
    summary: 'Send a contact a fresh invitation (older ones stop working)',
    tags: ['account'],
    auth: 'client',
    access: 'owner',
    status: 200,
    output: ContactSchema,
    errors: ['NOT_FOUND', 'RATE_LIMITED'],
    rateLimited: true,
  }),
};
