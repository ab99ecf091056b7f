import * as z from 'zod/mini';
import { MembershipRoleSchema } from './auth.js';
import {
  ALL_STAFF_ROLES,
  defineRoute,
  EmailSchema,
  NameSchema,
  PageQuerySchema,
  pageSchema,
  staffOnly,
  TimestampSchema,
} from './common.js';

/** Error codes of client management and the portal users dashboard. */
export const ClientErrorCodes = {
  CLIENT_NOT_FOUND: 'CLIENT_NOT_FOUND',
  PORTAL_USER_NOT_FOUND: 'PORTAL_USER_NOT_FOUND',
  /** The email already belongs to a login (and a second account per email is off). */
  EMAIL_TAKEN: 'EMAIL_TAKEN',
  /** A magic link's destination must be a path inside the portal. */
  BAD_DESTINATION: 'BAD_DESTINATION',
} as const;

const optionalText = (max: number, label: string) =>
  z.optional(
    z.string().check(z.trim(), z.maxLength(max, { error: `${label} must be at most ${max} characters` })),
  );

/** ISO 4217 currency code. */
export const CurrencySchema = z
  .string()
  .check(z.trim(), z.toUpperCase(), z.regex(/^[A-Z]{3}$/, { error: 'Use a 3-letter currency code' }));

/** A postal address; every line optional. */
export const AddressSchema = z.object({
  line1: optionalText(200, 'Address'),
  line2: optionalText(200, 'Address'),
  city: optionalText(100, 'City'),
  state: optionalText(100, 'State'),
  postcode: optionalText(20, 'Postcode'),
  /** ISO 3166-1 alpha-2. */
  country: z.optional(
    z
      .string()
      .check(z.trim(), z.toUpperCase(), z.regex(/^([A-Z]{2})?$/, { error: 'Use a 2-letter country code' })),
  ),
});
export type Address = z.infer<typeof AddressSchema>;

export const ClientStatusSchema = z.enum(['active', 'disabled']);

/** Whether a portal user has been invited and whether they have signed in since. */
export const PortalUserStatusSchema = z.enum(['not_invited', 'invited', 'joined']);
export type PortalUserStatus = z.infer<typeof PortalUserStatusSchema>;

/** A client (account) in lists. */
export const ClientSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  company: z.nullable(z.string()),
  /** The owner's email (the first owner's, when there are several). */
  email: z.nullable(z.string()),
  status: ClientStatusSchema,
  currency: z.string(),
  userCount: z.number(),
  createdAt: TimestampSchema,
});
export type ClientSummary = z.infer<typeof ClientSummarySchema>;

/** A person who may sign in to a client's portal. */
export const PortalUserSchema = z.object({
  userId: z.string(),
  accountId: z.string(),
  accountName: z.string(),
  email: z.string(),
  name: z.string(),
  role: MembershipRoleSchema,
  status: PortalUserStatusSchema,
  invitedAt: z.nullable(TimestampSchema),
  lastSignInAt: z.nullable(TimestampSchema),
  disabled: z.boolean(),
  /** Two-factor authentication (TOTP) is on: staff may reset it when the person lost their phone and codes. */
  twoFactor: z.boolean(),
});
export type PortalUser = z.infer<typeof PortalUserSchema>;

/** A client with its details and the people who may sign in for it. */
export const ClientDetailSchema = z.extend(ClientSummarySchema, {
  phone: z.nullable(z.string()),
  address: AddressSchema,
  notes: z.string(),
  users: z.array(PortalUserSchema),
  updatedAt: TimestampSchema,
});
export type ClientDetail = z.infer<typeof ClientDetailSchema>;

export const ClientListQuerySchema = z.extend(PageQuerySchema, {
  /** Matches name, company and users' emails. */
  q: z.optional(z.string().check(z.trim(), z.maxLength(100))),
  status: z.optional(ClientStatusSchema),
});
export type ClientListQuery = z.input<typeof ClientListQuerySchema>;

export const ClientCreateInputSchema = z.object({
  /** The account's name: a company or a person. */
  name: NameSchema,
  /** The owner's login email. */
  email: EmailSchema,
  /** The owner's name (defaults to the account name). */
  ownerName: z.optional(NameSchema),
  company: optionalText(200, 'Company'),
  phone: optionalText(40, 'Phone'),
  address: z.optional(AddressSchema),
  currency: z.optional(CurrencySchema),
  notes: optionalText(5000, 'Notes'),
  /** Email the owner an invitation to set a password (7 days). */
  sendInvitation: z.optional(z.boolean()),
});
export type ClientCreateInput = z.input<typeof ClientCreateInputSchema>;

export const ClientUpdateInputSchema = z.object({
  name: z.optional(NameSchema),
  company: optionalText(200, 'Company'),
  phone: optionalText(40, 'Phone'),
  address: z.optional(AddressSchema),
  currency: z.optional(CurrencySchema),
  notes: optionalText(5000, 'Notes'),
});
export type ClientUpdateInput = z.input<typeof ClientUpdateInputSchema>;

export const PortalUsersQuerySchema = z.extend(PageQuerySchema, {
  q: z.optional(z.string().check(z.trim(), z.maxLength(100))),
  status: z.optional(PortalUserStatusSchema),
});
export type PortalUsersQuery = z.input<typeof PortalUsersQuerySchema>;

/** The portal users dashboard: where the portal is, how many joined, and the people. */
export const PortalUsersPageSchema = z.object({
  portalUrl: z.string(),
  counts: z.object({ total: z.number(), notInvited: z.number(), invited: z.number(), joined: z.number() }),
  items: z.array(PortalUserSchema),
  nextCursor: z.nullable(z.string()),
});
export type PortalUsersPage = z.infer<typeof PortalUsersPageSchema>;

/**
 * Where a magic link lands: a path inside the portal (e.g. `/invoices/inv_…/pay`), never another site.
 */
export const DestinationSchema = z
  .string()
  .check(
    z.trim(),
    z.maxLength(500),
    z.regex(/^\/(?![/\\])[^\s]*$/, { error: 'Use a path inside the portal, starting with /' }),
  );

export const MagicLinkInputSchema = z.object({
  userId: z.string().check(z.maxLength(60)),
  /** The account to sign in to, when the user has several. */
  accountId: z.optional(z.string().check(z.maxLength(60))),
  destination: z.optional(DestinationSchema),
});
export type MagicLinkInput = z.input<typeof MagicLinkInputSchema>;

/** A magic link to copy: 256-bit, single use, 10 minutes. */
export const MagicLinkSchema = z.object({ url: z.string(), expiresAt: TimestampSchema });
export type MagicLink = z.infer<typeof MagicLinkSchema>;

/** Invite an existing portal user, or a new email onto an account. */
export const InvitationTargetSchema = z.union([
  z.object({ userId: z.string().check(z.maxLength(60)), accountId: z.optional(z.string()) }),
  z.object({
    accountId: z.string().check(z.maxLength(60)),
    email: EmailSchema,
    name: z.optional(NameSchema),
    role: z.optional(MembershipRoleSchema),
  }),
]);
export type InvitationTarget = z.input<typeof InvitationTargetSchema>;

export const InviteInputSchema = z.object({
  targets: z.array(InvitationTargetSchema).check(z.minLength(1), z.maxLength(200)),
});
export type InviteInput = z.input<typeof InviteInputSchema>;

export const LoginEmailInputSchema = z.object({
  userIds: z.array(z.string().check(z.maxLength(60))).check(z.minLength(1), z.maxLength(200)),
  destination: z.optional(DestinationSchema),
});
export type LoginEmailInput = z.input<typeof LoginEmailInputSchema>;

/** Per-person outcome of a bulk action. */
export const BulkResultSchema = z.object({
  results: z.array(
    z.object({
      email: z.string(),
      userId: z.nullable(z.string()),
      ok: z.boolean(),
      code: z.optional(z.string()),
      detail: z.optional(z.string()),
    }),
  ),
});
export type BulkResult = z.infer<typeof BulkResultSchema>;

const anyStaff = { auth: 'staff' as const, roles: ALL_STAFF_ROLES };
const manage = staffOnly('admin', 'billing', 'support');
const access = staffOnly('admin', 'support');

/** Client management and the portal users dashboard. */
export const clientRoutes = {
  list: defineRoute({
    id: 'clients.list',
    method: 'GET',
    path: '/api/admin/v1/clients',
    summary: 'Clients, newest first; search by name, company or email',
    tags: ['admin: clients'],
    ...anyStaff,
    query: ClientListQuerySchema,
    status: 200,
    output: pageSchema(ClientSummarySchema),
  }),
  create: defineRoute({
    id: 'clients.create',
    method: 'POST',
    path: '/api/admin/v1/clients',
    summary: 'Create a client: active at once, no email verification; optionally invite the owner',
    tags: ['admin: clients'],
    ...manage,
    body: ClientCreateInputSchema,
    status: 201,
    output: ClientDetailSchema,
    errors: ['EMAIL_TAKEN'],
  }),
  get: defineRoute({
    id: 'clients.get',
    method: 'GET',
    path: '/api/admin/v1/clients/:clientId',
    summary: 'One client with its portal users',
    tags: ['admin: clients'],
    ...anyStaff,
    status: 200,
    output: ClientDetailSchema,
    errors: ['CLIENT_NOT_FOUND'],
  }),
  update: defineRoute({
    id: 'clients.update',
    method: 'PATCH',
    path: '/api/admin/v1/clients/:clientId',
    summary: "Edit a client's details",
    tags: ['admin: clients'],
    ...manage,
    body: ClientUpdateInputSchema,
    status: 200,
    output: ClientDetailSchema,
    errors: ['CLIENT_NOT_FOUND'],
  }),
  disable: defineRoute({
    id: 'clients.disable',
    method: 'POST',
    path: '/api/admin/v1/clients/:clientId/disable',
    summary: 'Disable a client: ends every session on it at once',
    tags: ['admin: clients'],
    ...access,
    status: 200,
    output: ClientDetailSchema,
    errors: ['CLIENT_NOT_FOUND'],
  }),
  enable: defineRoute({
    id: 'clients.enable',
    method: 'POST',
    path: '/api/admin/v1/clients/:clientId/enable',
    summary: 'Re-enable a disabled client',
    tags: ['admin: clients'],
    ...access,
    status: 200,
    output: ClientDetailSchema,
    errors: ['CLIENT_NOT_FOUND'],
  }),
  portalUsers: defineRoute({
    id: 'portalUsers.list',
    method: 'GET',
    path: '/api/admin/v1/portal-users',
    summary: 'Portal users dashboard: portal URL, invited and joined counts, the people',
    tags: ['admin: portal users'],
    ...anyStaff,
    query: PortalUsersQuerySchema,
    status: 200,
    output: PortalUsersPageSchema,
  }),
  magicLink: defineRoute({
    id: 'portalUsers.magicLink',
    method: 'POST',
    path: '/api/admin/v1/portal-users/magic-links',
    summary: 'Make a magic link to copy (single use, 10 minutes), optionally landing on a page of the portal',
    tags: ['admin: portal users'],
    ...manage,
    body: MagicLinkInputSchema,
    status: 201,
    output: MagicLinkSchema,
    errors: ['PORTAL_USER_NOT_FOUND', 'BAD_DESTINATION', 'ACCOUNT_DISABLED'],
  }),
  invite: defineRoute({
    id: 'portalUsers.invite',
    method: 'POST',
    path: '/api/admin/v1/portal-users/invitations',
    summary: 'Invite portal users (existing or new emails on an account): each gets a link to set a password',
    tags: ['admin: portal users'],
    ...access,
    body: InviteInputSchema,
    status: 200,
    output: BulkResultSchema,
  }),
  loginEmail: defineRoute({
    id: 'portalUsers.loginEmail',
    method: 'POST',
    path: '/api/admin/v1/portal-users/login-emails',
    summary: 'Email portal users a one-click sign-in button (a magic link each)',
    tags: ['admin: portal users'],
    ...manage,
    body: LoginEmailInputSchema,
    status: 200,
    output: BulkResultSchema,
  }),
  resetTwoFactor: defineRoute({
    id: 'portalUsers.resetTwoFactor',
    method: 'POST',
    path: '/api/admin/v1/portal-users/:userId/reset-2fa',
    summary:
      "Turn off a portal user's two-factor and backup codes (they lost both); they are told by email, it is audited",
    tags: ['admin: portal users'],
    ...access,
    status: 204,
    errors: ['PORTAL_USER_NOT_FOUND'],
  }),
};
