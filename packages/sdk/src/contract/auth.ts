import * as z from 'zod/mini';
import {
  CodeSchema,
  defineRoute,
  EmailSchema,
  NameSchema,
  NewPasswordSchema,
  PasswordSchema,
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

/** The current session: who, which account is active, which others they may switch to. */
export const SessionSchema = z.object({
  user: UserSchema,
  account: AccountSummarySchema,
  accounts: z.array(AccountSummarySchema),
  expiresAt: TimestampSchema,
  idleExpiresAt: TimestampSchema,
  /** Only in token mode (request header `X-Portico-Session: token`): the bearer token, shown once. */
  token: z.optional(z.string()),
});
export type Session = z.infer<typeof SessionSchema>;

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
    output: SessionSchema,
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
    output: SessionSchema,
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
    output: SessionSchema,
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
    output: SessionSchema,
    errors: ['INVALID_CODE', 'TOO_MANY_ATTEMPTS', 'PASSWORD_TOO_COMMON', 'RATE_LIMITED', 'SERVER_BUSY'],
    rateLimited,
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
