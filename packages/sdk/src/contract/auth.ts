import * as z from 'zod/mini';
import {
  CodeSchema,
  defineRoute,
  EmailSchema,
  NameSchema,
  NewPasswordSchema,
  PasswordSchema,
  PermissionSchema,
  TimestampSchema,
} from './common.js';

/** Error codes of the auth area. */
export const AuthErrorCodes = {
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  INVALID_CODE: 'INVALID_CODE',
  CODE_EXPIRED: 'CODE_EXPIRED',
  TOO_MANY_ATTEMPTS: 'TOO_MANY_ATTEMPTS',
  EMAIL_NOT_VERIFIED: 'EMAIL_NOT_VERIFIED',
  PASSWORD_TOO_COMMON: 'PASSWORD_TOO_COMMON',
  ACCOUNT_DISABLED: 'ACCOUNT_DISABLED',
  SESSION_EXPIRED: 'SESSION_EXPIRED',
  /** The two-factor ticket between the first step and the code expired, was used, or took 5 wrong codes. */
  TICKET_INVALID: 'TICKET_INVALID',
  /** A passkey sign-in or registration did not verify (unknown passkey, wrong origin, stale challenge). */
  PASSKEY_FAILED: 'PASSKEY_FAILED',
  /** The user has no membership of that account. */
  ACCOUNT_NOT_FOUND: 'ACCOUNT_NOT_FOUND',
} as const;
export type AuthErrorCode = keyof typeof AuthErrorCodes;

/** The signed-in person. */
export const UserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  emailVerifiedAt: z.nullable(TimestampSchema),
  locale: z.string(),
  createdAt: TimestampSchema,
});
export type User = z.infer<typeof UserSchema>;

/** Roles a user may hold on an account. */
export const MembershipRoleSchema = z.enum(['owner', 'billing', 'technical', 'custom']);
export type MembershipRole = z.infer<typeof MembershipRoleSchema>;

/** An account (the client record) as seen by one of its users. */
export const AccountSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  role: MembershipRoleSchema,
});
export type AccountSummary = z.infer<typeof AccountSummarySchema>;

/** Profile fields a business may require before the portal does anything else. */
export const ProfileFieldSchema = z.enum(['company', 'phone', 'address']);
export type ProfileField = z.infer<typeof ProfileFieldSchema>;

/** The current session: who, which account is active, which others they may switch to. */
export const SessionSchema = z.object({
  user: UserSchema,
  account: AccountSummarySchema,
  accounts: z.array(AccountSummarySchema),
  /** What this person may do on the active account (an owner holds every permission). */
  permissions: z.array(PermissionSchema),
  /**
   * Required profile fields the active account has not filled. While any are missing, and this person may edit
   * the profile, every other area answers 403 PROFILE_INCOMPLETE: the portal asks for them first.
   */
  profileMissing: z.array(ProfileFieldSchema),
  expiresAt: TimestampSchema,
  idleExpiresAt: TimestampSchema,
  /** Only in token mode (request header `X-Portico-Session: token`): the bearer token, shown once. */
  token: z.optional(z.string()),
});
export type Session = z.infer<typeof SessionSchema>;

/** Second factors a two-factor sign-in step accepts. */
export const MfaMethodSchema = z.enum(['totp', 'backup_code']);
export type MfaMethod = z.infer<typeof MfaMethodSchema>;

/**
 * The first step of a sign-in succeeded but the login has two-factor authentication: finish with
 * `POST /api/v1/auth/mfa` and the ticket (5 minutes, 5 wrong codes) within its lifetime. No session exists yet.
 */
export const MfaRequiredSchema = z.object({
  status: z.literal('mfa_required'),
  ticket: z.string(),
  methods: z.array(MfaMethodSchema),
  expiresInSeconds: z.number(),
});
export type MfaRequired = z.infer<typeof MfaRequiredSchema>;

/** What a sign-in answers: the session, or the two-factor step. */
export const SignInResultSchema = z.union([MfaRequiredSchema, SessionSchema]);
export type SignInResult = z.infer<typeof SignInResultSchema>;

/** Whether a sign-in answer asks for the second factor. */
export function isMfaRequired(result: SignInResult | MfaRequired | Session): result is MfaRequired {
  return (result as { status?: unknown }).status === 'mfa_required';
}

/** A TOTP code (6 digits) or a backup code (16 letters and digits, dashes and spaces ignored). */
export const SecondFactorCodeSchema = z.string().check(
  z.overwrite((v) => v.replace(/[\s-]/g, '').toLowerCase()),
  z.regex(/^(\d{6}|[a-z2-7]{16})$/, { error: 'Enter the 6-digit code from your app or a backup code' }),
);

export const CompleteMfaInputSchema = z.object({
  ticket: z.string().check(z.trim(), z.minLength(10), z.maxLength(100)),
  code: SecondFactorCodeSchema,
});
export type CompleteMfaInput = z.input<typeof CompleteMfaInputSchema>;

/** WebAuthn options for the browser (`PublicKeyCredential*OptionsJSON`), with the challenge's handle. */
export const PasskeyOptionsSchema = z.object({
  challengeId: z.string(),
  options: z.record(z.string(), z.unknown()),
});
export type PasskeyOptions = z.infer<typeof PasskeyOptionsSchema>;

/** A WebAuthn credential as JSON (`PublicKeyCredential#toJSON()` / @simplewebauthn/browser's answer). */
export const PasskeyCredentialJsonSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(1400)),
  rawId: z.string().check(z.maxLength(1400)),
  type: z.literal('public-key'),
  response: z.record(z.string(), z.unknown()),
  clientExtensionResults: z.optional(z.record(z.string(), z.unknown())),
  authenticatorAttachment: z.optional(z.nullable(z.string())),
});
export type PasskeyCredentialJson = z.infer<typeof PasskeyCredentialJsonSchema>;

export const PasskeyLoginInputSchema = z.object({
  challengeId: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  credential: PasskeyCredentialJsonSchema,
});
export type PasskeyLoginInput = z.input<typeof PasskeyLoginInputSchema>;

export const SwitchAccountInputSchema = z.object({
  accountId: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
});
export type SwitchAccountInput = z.input<typeof SwitchAccountInputSchema>;

/** Answer to any request that sends a code by email. Identical whether or not the email is known. */
export const CodeSentSchema = z.object({
  status: z.literal('code_sent'),
  email: z.string(),
  /** When the code stops working. */
  expiresInSeconds: z.number(),
});
export type CodeSent = z.infer<typeof CodeSentSchema>;

export const RegisterInputSchema = z.object({
  name: NameSchema,
  email: EmailSchema,
  password: NewPasswordSchema,
  locale: z.optional(
    z.string().check(z.regex(/^[a-z]{2}(-[A-Z]{2})?$/, { error: 'Not a supported language tag' })),
  ),
  /**
   * Who referred this person: the referral id a click on an affiliate's link gave (`clk_…`, from
   * `portal.affiliate.track`), or an affiliate's code. The server also reads its own first-party referral cookie.
   * A referral that is unknown, expired or the person's own is ignored, never an error.
   */
  referral: z.optional(z.string().check(z.trim(), z.maxLength(64, { error: 'At most 64 characters' }))),
});
export type RegisterInput = z.input<typeof RegisterInputSchema>;

export const VerifyEmailInputSchema = z.object({ email: EmailSchema, code: CodeSchema });
export type VerifyEmailInput = z.input<typeof VerifyEmailInputSchema>;

export const EmailOnlyInputSchema = z.object({ email: EmailSchema });
export type EmailOnlyInput = z.input<typeof EmailOnlyInputSchema>;

export const LoginInputSchema = z.object({ email: EmailSchema, password: PasswordSchema });
export type LoginInput = z.input<typeof LoginInputSchema>;

export const LoginWithCodeInputSchema = z.object({ email: EmailSchema, code: CodeSchema });
export type LoginWithCodeInput = z.input<typeof LoginWithCodeInputSchema>;

export const ResetPasswordInputSchema = z.object({
  email: EmailSchema,
  code: CodeSchema,
  password: NewPasswordSchema,
});
export type ResetPasswordInput = z.input<typeof ResetPasswordInputSchema>;

const rateLimited = true;

/** The auth area's routes. */
export const authRoutes = {
  register: defineRoute({
    id: 'auth.register',
    method: 'POST',
    path: '/api/v1/auth/register',
    summary: 'Start a registration: emails a 6-digit verification code (valid 15 minutes)',
    tags: ['auth'],
    auth: 'public',
    body: RegisterInputSchema,
    status: 202,
    output: CodeSentSchema,
    errors: ['VALIDATION_FAILED', 'PASSWORD_TOO_COMMON', 'RATE_LIMITED'],
    rateLimited,
  }),
  verifyEmail: defineRoute({
    id: 'auth.verifyEmail',
    method: 'POST',
    path: '/api/v1/auth/verify-email',
    summary: 'Confirm the emailed verification code; signs the new user in',
    tags: ['auth'],
    auth: 'public',
    body: VerifyEmailInputSchema,
    status: 200,
    output: SignInResultSchema,
    errors: ['INVALID_CODE', 'TOO_MANY_ATTEMPTS', 'RATE_LIMITED'],
    rateLimited,
  }),
  resendCode: defineRoute({
    id: 'auth.resendCode',
    method: 'POST',
    path: '/api/v1/auth/verify-email/resend',
    summary: 'Send the verification code again (same expiry; wrong tries so far still count)',
    tags: ['auth'],
    auth: 'public',
    body: EmailOnlyInputSchema,
    status: 202,
    output: CodeSentSchema,
    errors: ['RATE_LIMITED'],
    rateLimited,
  }),
  login: defineRoute({
    id: 'auth.login',
    method: 'POST',
    path: '/api/v1/auth/login',
    summary: 'Sign in with email and password',
    tags: ['auth'],
    auth: 'public',
    body: LoginInputSchema,
    status: 200,
    output: SignInResultSchema,
    errors: ['INVALID_CREDENTIALS', 'EMAIL_NOT_VERIFIED', 'ACCOUNT_DISABLED', 'RATE_LIMITED', 'SERVER_BUSY'],
    rateLimited,
  }),
  requestLoginCode: defineRoute({
    id: 'auth.requestLoginCode',
    method: 'POST',
    path: '/api/v1/auth/login-code/request',
    summary: 'Email a one-time sign-in code (valid 10 minutes)',
    tags: ['auth'],
    auth: 'public',
    body: EmailOnlyInputSchema,
    status: 202,
    output: CodeSentSchema,
    errors: ['RATE_LIMITED'],
    rateLimited,
  }),
  loginWithCode: defineRoute({
    id: 'auth.loginWithCode',
    method: 'POST',
    path: '/api/v1/auth/login-code',
    summary: 'Sign in with an emailed one-time code',
    tags: ['auth'],
    auth: 'public',
    body: LoginWithCodeInputSchema,
    status: 200,
    output: SignInResultSchema,
    errors: ['INVALID_CODE', 'TOO_MANY_ATTEMPTS', 'ACCOUNT_DISABLED', 'RATE_LIMITED'],
    rateLimited,
  }),
  requestPasswordReset: defineRoute({
    id: 'auth.requestPasswordReset',
    method: 'POST',
    path: '/api/v1/auth/password-reset/request',
    summary: 'Email a password-reset code (valid 10 minutes)',
    tags: ['auth'],
    auth: 'public',
    body: EmailOnlyInputSchema,
    status: 202,
    output: CodeSentSchema,
    errors: ['RATE_LIMITED'],
    rateLimited,
  }),
  resetPassword: defineRoute({
    id: 'auth.resetPassword',
    method: 'POST',
    path: '/api/v1/auth/password-reset',
    summary: 'Set a new password with the emailed code; ends every other session and signs in',
    tags: ['auth'],
    auth: 'public',
    body: ResetPasswordInputSchema,
    status: 200,
    output: SignInResultSchema,
    errors: ['INVALID_CODE', 'TOO_MANY_ATTEMPTS', 'PASSWORD_TOO_COMMON', 'RATE_LIMITED', 'SERVER_BUSY'],
    rateLimited,
  }),
  completeMfa: defineRoute({
    id: 'auth.completeMfa',
    method: 'POST',
    path: '/api/v1/auth/mfa',
    summary: 'Finish a two-factor sign-in with a TOTP code or a backup code',
    tags: ['auth'],
    auth: 'public',
    body: CompleteMfaInputSchema,
    status: 200,
    output: SessionSchema,
    errors: ['INVALID_CODE', 'TICKET_INVALID', 'TOO_MANY_ATTEMPTS', 'RATE_LIMITED'],
    rateLimited,
  }),
  passkeyOptions: defineRoute({
    id: 'auth.passkeyOptions',
    method: 'POST',
    path: '/api/v1/auth/passkey/options',
    summary: 'Start a passkey sign-in: WebAuthn request options (any passkey of this portal; 5 minutes)',
    tags: ['auth'],
    auth: 'public',
    status: 200,
    output: PasskeyOptionsSchema,
    errors: ['RATE_LIMITED'],
    rateLimited,
  }),
  passkeyLogin: defineRoute({
    id: 'auth.passkeyLogin',
    method: 'POST',
    path: '/api/v1/auth/passkey',
    summary: 'Sign in with a passkey alone (user verification required)',
    tags: ['auth'],
    auth: 'public',
    body: PasskeyLoginInputSchema,
    status: 200,
    output: SessionSchema,
    errors: ['PASSKEY_FAILED', 'ACCOUNT_DISABLED', 'RATE_LIMITED'],
    rateLimited,
  }),
  switchAccount: defineRoute({
    id: 'auth.switchAccount',
    method: 'POST',
    path: '/api/v1/auth/switch-account',
    summary: 'Make another account of this login the active one, without signing in again',
    tags: ['auth'],
    auth: 'client',
    access: 'self',
    body: SwitchAccountInputSchema,
    status: 200,
    output: SessionSchema,
    errors: ['ACCOUNT_NOT_FOUND', 'TOKEN_NOT_ALLOWED'],
  }),
  logout: defineRoute({
    id: 'auth.logout',
    method: 'POST',
    path: '/api/v1/auth/logout',
    summary: 'Sign out: ends the session on the server',
    tags: ['auth'],
    auth: 'optional',
    status: 204,
  }),
  session: defineRoute({
    id: 'auth.session',
    method: 'GET',
    path: '/api/v1/auth/session',
    summary:
      'The current session, or null when signed out (200 either way, so signed-out pages log no error)',
    tags: ['auth'],
    auth: 'optional',
    status: 200,
    output: z.nullable(SessionSchema),
  }),
};
