import * as z from 'zod/mini';
import {
  ALL_STAFF_ROLES,
  CodeSchema,
  defineRoute,
  EmailSchema,
  LinkTokenSchema,
  NameSchema,
  NewPasswordSchema,
  PasswordSchema,
  PageQuerySchema,
  pageSchema,
  StaffRoleSchema,
  TimestampSchema,
} from './common.js';

/** Error codes of the staff side's own sign-in and staff management. */
export const StaffErrorCodes = {
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  INVALID_CODE: 'INVALID_CODE',
  TOO_MANY_ATTEMPTS: 'TOO_MANY_ATTEMPTS',
  /** The sign-in ticket between password and TOTP expired or was used. */
  TICKET_INVALID: 'TICKET_INVALID',
  STAFF_DISABLED: 'STAFF_DISABLED',
  STAFF_NOT_FOUND: 'STAFF_NOT_FOUND',
  EMAIL_TAKEN: 'EMAIL_TAKEN',
  /** The change would leave no active admin. */
  LAST_ADMIN: 'LAST_ADMIN',
  /** TOTP is required by the business and cannot be turned off. */
  MFA_REQUIRED: 'MFA_REQUIRED',
  TOTP_ALREADY_ENABLED: 'TOTP_ALREADY_ENABLED',
  TOTP_NOT_STARTED: 'TOTP_NOT_STARTED',
} as const;

/** A staff member as the console shows them. */
export const StaffMemberSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: StaffRoleSchema,
  totpEnabled: z.boolean(),
  /** Still has to accept the invitation and set a password. */
  invited: z.boolean(),
  disabled: z.boolean(),
  lastSignInAt: z.nullable(TimestampSchema),
  createdAt: TimestampSchema,
});
export type StaffMember = z.infer<typeof StaffMemberSchema>;

/** The current staff session. */
export const StaffSessionSchema = z.object({
  staff: StaffMemberSchema,
  /**
   * The business requires TOTP and this staff member has not enrolled: only enrolment, the session and sign-out
   * work until they do.
   */
  mfaEnrolmentRequired: z.boolean(),
  expiresAt: TimestampSchema,
  idleExpiresAt: TimestampSchema,
});
export type StaffSession = z.infer<typeof StaffSessionSchema>;

export const StaffLoginInputSchema = z.object({ email: EmailSchema, password: PasswordSchema });
export type StaffLoginInput = z.input<typeof StaffLoginInputSchema>;

/** Password sign-in either finishes or asks for the TOTP code with a short-lived ticket (5 minutes). */
export const StaffLoginResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('signed_in'), session: StaffSessionSchema }),
  z.object({ status: z.literal('totp_required'), ticket: z.string(), expiresInSeconds: z.number() }),
]);
export type StaffLoginResult = z.infer<typeof StaffLoginResultSchema>;

export const StaffTotpLoginInputSchema = z.object({
  ticket: z.string().check(z.minLength(10), z.maxLength(100)),
  code: CodeSchema,
});
export type StaffTotpLoginInput = z.input<typeof StaffTotpLoginInputSchema>;

/** A TOTP enrolment in progress: the secret to scan or type. Confirm with a code to turn it on. */
export const TotpSetupSchema = z.object({
  /** Base32 secret (160 bits), for typing into an authenticator. */
  secret: z.string(),
  /** `otpauth://totp/...` URI. */
  otpauthUri: z.string(),
  /** The URI as an SVG QR code. */
  qrSvg: z.string(),
});
export type TotpSetup = z.infer<typeof TotpSetupSchema>;

export const TotpCodeInputSchema = z.object({ code: CodeSchema });
export type TotpCodeInput = z.input<typeof TotpCodeInputSchema>;

export const StaffPasswordChangeInputSchema = z.object({
  currentPassword: PasswordSchema,
  newPassword: NewPasswordSchema,
});
export type StaffPasswordChangeInput = z.input<typeof StaffPasswordChangeInputSchema>;

export const StaffInvitationPreviewSchema = z.object({
  email: z.string(),
  name: z.string(),
  businessName: z.string(),
  expiresAt: TimestampSchema,
});
export type StaffInvitationPreview = z.infer<typeof StaffInvitationPreviewSchema>;

export const StaffAcceptInvitationInputSchema = z.object({
  token: LinkTokenSchema,
  password: NewPasswordSchema,
});
export type StaffAcceptInvitationInput = z.input<typeof StaffAcceptInvitationInputSchema>;

export const StaffCreateInputSchema = z.object({
  email: EmailSchema,
  name: NameSchema,
  role: StaffRoleSchema,
});
export type StaffCreateInput = z.input<typeof StaffCreateInputSchema>;

export const StaffUpdateInputSchema = z.object({
  name: z.optional(NameSchema),
  role: z.optional(StaffRoleSchema),
  disabled: z.optional(z.boolean()),
});
export type StaffUpdateInput = z.input<typeof StaffUpdateInputSchema>;

/** Who did something recorded in the audit log. */
export const AuditActorTypeSchema = z.enum(['staff', 'user', 'system', 'anonymous']);

/** One audit log entry: who, what, when, from where. */
export const AuditEntrySchema = z.object({
  id: z.string(),
  at: TimestampSchema,
  actorType: AuditActorTypeSchema,
  actorId: z.nullable(z.string()),
  /** The actor's email (or what was typed, for a failed sign-in), as it was then. */
  actorLabel: z.nullable(z.string()),
  /** Dotted action name, e.g. `client.created`, `auth.sign_in_failed`, `magic_link.used`. */
  action: z.string(),
  targetType: z.nullable(z.string()),
  targetId: z.nullable(z.string()),
  accountId: z.nullable(z.string()),
  ip: z.nullable(z.string()),
  userAgent: z.nullable(z.string()),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditQuerySchema = z.extend(PageQuerySchema, {
  actorType: z.optional(AuditActorTypeSchema),
  actorId: z.optional(z.string().check(z.maxLength(60))),
  /** An action, or a prefix ending in `.` (e.g. `auth.`). */
  action: z.optional(z.string().check(z.maxLength(60))),
  accountId: z.optional(z.string().check(z.maxLength(60))),
  since: z.optional(z.iso.datetime({ error: 'since must be an ISO 8601 UTC time' })),
  until: z.optional(z.iso.datetime({ error: 'until must be an ISO 8601 UTC time' })),
});
export type AuditQuery = z.input<typeof AuditQuerySchema>;

const rateLimited = true;
const staffOnly = { auth: 'staff' as const, roles: ['admin'] as const };

/** The staff side's sign-in, its own TOTP, and staff management. Paths are under `/api/admin/v1`. */
export const staffRoutes = {
  login: defineRoute({
    id: 'staffAuth.login',
    method: 'POST',
    path: '/api/admin/v1/auth/login',
    summary: 'Staff sign-in with email and password; asks for a TOTP code when enrolled',
    tags: ['admin: auth'],
    auth: 'public',
    body: StaffLoginInputSchema,
    status: 200,
    output: StaffLoginResultSchema,
    errors: ['INVALID_CREDENTIALS', 'STAFF_DISABLED', 'RATE_LIMITED', 'SERVER_BUSY'],
    rateLimited,
  }),
  loginTotp: defineRoute({
    id: 'staffAuth.loginTotp',
    method: 'POST',
    path: '/api/admin/v1/auth/login/totp',
    summary: 'Finish a staff sign-in with the TOTP code',
    tags: ['admin: auth'],
    auth: 'public',
    body: StaffTotpLoginInputSchema,
    status: 200,
    output: StaffSessionSchema,
    errors: ['INVALID_CODE', 'TICKET_INVALID', 'TOO_MANY_ATTEMPTS', 'RATE_LIMITED'],
    rateLimited,
  }),
  logout: defineRoute({
    id: 'staffAuth.logout',
    method: 'POST',
    path: '/api/admin/v1/auth/logout',
    summary: 'Staff sign-out',
    tags: ['admin: auth'],
    auth: 'staff-optional',
    status: 204,
  }),
  session: defineRoute({
    id: 'staffAuth.session',
    method: 'GET',
    path: '/api/admin/v1/auth/session',
    summary: 'The current staff session, or null',
    tags: ['admin: auth'],
    auth: 'staff-optional',
    status: 200,
    output: z.nullable(StaffSessionSchema),
  }),
  previewInvitation: defineRoute({
    id: 'staffAuth.previewInvitation',
    method: 'POST',
    path: '/api/admin/v1/auth/invitation/preview',
    summary: 'Who a staff invitation is for (does not spend it)',
    tags: ['admin: auth'],
    auth: 'public',
    body: z.object({ token: LinkTokenSchema }),
    status: 200,
    output: StaffInvitationPreviewSchema,
    errors: ['LINK_INVALID', 'RATE_LIMITED'],
    rateLimited,
  }),
  acceptInvitation: defineRoute({
    id: 'staffAuth.acceptInvitation',
    method: 'POST',
    path: '/api/admin/v1/auth/invitation/accept',
    summary: 'Accept a staff invitation (7 days): set a password and sign in',
    tags: ['admin: auth'],
    auth: 'public',
    body: StaffAcceptInvitationInputSchema,
    status: 200,
    output: StaffSessionSchema,
    errors: ['LINK_INVALID', 'PASSWORD_TOO_COMMON', 'RATE_LIMITED', 'SERVER_BUSY'],
    rateLimited,
  }),
  changePassword: defineRoute({
    id: 'staffAuth.changePassword',
    method: 'POST',
    path: '/api/admin/v1/auth/password',
    summary: 'Change your own staff password (ends your other staff sessions)',
    tags: ['admin: auth'],
    auth: 'staff',
    roles: ALL_STAFF_ROLES,
    body: StaffPasswordChangeInputSchema,
    status: 204,
    errors: ['INVALID_CREDENTIALS', 'PASSWORD_TOO_COMMON', 'SERVER_BUSY'],
    rateLimited,
  }),
  totpSetup: defineRoute({
    id: 'staffAuth.totpSetup',
    method: 'POST',
    path: '/api/admin/v1/auth/totp/setup',
    summary: 'Start TOTP enrolment: a new secret, its otpauth URI and QR code',
    tags: ['admin: auth'],
    auth: 'staff',
    roles: ALL_STAFF_ROLES,
    beforeMfa: true,
    status: 200,
    output: TotpSetupSchema,
    errors: ['TOTP_ALREADY_ENABLED'],
  }),
  totpConfirm: defineRoute({
    id: 'staffAuth.totpConfirm',
    method: 'POST',
    path: '/api/admin/v1/auth/totp/confirm',
    summary: 'Turn TOTP on with a code from the authenticator',
    tags: ['admin: auth'],
    auth: 'staff',
    roles: ALL_STAFF_ROLES,
    beforeMfa: true,
    body: TotpCodeInputSchema,
    status: 200,
    output: StaffSessionSchema,
    errors: ['INVALID_CODE', 'TOTP_NOT_STARTED', 'TOTP_ALREADY_ENABLED'],
    rateLimited,
  }),
  totpDisable: defineRoute({
    id: 'staffAuth.totpDisable',
    method: 'POST',
    path: '/api/admin/v1/auth/totp/disable',
    summary: 'Turn your TOTP off with a current code (refused when the business requires it)',
    tags: ['admin: auth'],
    auth: 'staff',
    roles: ALL_STAFF_ROLES,
    body: TotpCodeInputSchema,
    status: 200,
    output: StaffSessionSchema,
    errors: ['INVALID_CODE', 'MFA_REQUIRED', 'TOTP_NOT_STARTED'],
    rateLimited,
  }),
  list: defineRoute({
    id: 'staff.list',
    method: 'GET',
    path: '/api/admin/v1/staff',
    summary: 'Every staff member',
    tags: ['admin: staff'],
    ...staffOnly,
    status: 200,
    output: z.object({ items: z.array(StaffMemberSchema) }),
  }),
  create: defineRoute({
    id: 'staff.create',
    method: 'POST',
    path: '/api/admin/v1/staff',
    summary: 'Invite a staff member: they get an email to set their password (7 days)',
    tags: ['admin: staff'],
    ...staffOnly,
    body: StaffCreateInputSchema,
    status: 201,
    output: StaffMemberSchema,
    errors: ['EMAIL_TAKEN'],
  }),
  update: defineRoute({
    id: 'staff.update',
    method: 'PATCH',
    path: '/api/admin/v1/staff/:staffId',
    summary: 'Rename, change role, disable (ends their sessions) or re-enable a staff member',
    tags: ['admin: staff'],
    ...staffOnly,
    body: StaffUpdateInputSchema,
    status: 200,
    output: StaffMemberSchema,
    errors: ['STAFF_NOT_FOUND', 'LAST_ADMIN'],
  }),
  resendInvitation: defineRoute({
    id: 'staff.resendInvitation',
    method: 'POST',
    path: '/api/admin/v1/staff/:staffId/invitation',
    summary: 'Send a fresh invitation to a member who has not accepted theirs; older links stop working',
    tags: ['admin: staff'],
    ...staffOnly,
    status: 200,
    output: StaffMemberSchema,
    errors: ['STAFF_NOT_FOUND', 'CONFLICT'],
  }),
  resetTotp: defineRoute({
    id: 'staff.resetTotp',
    method: 'POST',
    path: '/api/admin/v1/staff/:staffId/totp/reset',
    summary: "Clear a staff member's TOTP (lost phone); they enrol again at next sign-in if required",
    tags: ['admin: staff'],
    ...staffOnly,
    status: 200,
    output: StaffMemberSchema,
    errors: ['STAFF_NOT_FOUND'],
  }),
  audit: defineRoute({
    id: 'audit.list',
    method: 'GET',
    path: '/api/admin/v1/audit',
    summary: 'The audit log, newest first, filtered by actor, action, account and time',
    tags: ['admin: audit'],
    ...staffOnly,
    query: AuditQuerySchema,
    status: 200,
    output: pageSchema(AuditEntrySchema),
  }),
};
