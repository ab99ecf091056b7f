// The same small schema set as classic.mjs, written with zod/mini (functions instead of methods, tree-shakable).
import * as z from 'zod/mini';

const Email = z.string().check(z.trim(), z.toLowerCase(), z.maxLength(254), z.email());
const Timestamp = z.iso.datetime();

export const LoginInput = z.object({
  email: Email,
  password: z.string().check(z.minLength(1), z.maxLength(256)),
});

const Account = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(['owner', 'billing', 'technical', 'custom']),
});

export const Session = z.object({
  user: z.object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    emailVerifiedAt: z.nullable(Timestamp),
    locale: z.string(),
    createdAt: Timestamp,
  }),
  account: Account,
  accounts: z.array(Account),
  expiresAt: Timestamp,
  idleExpiresAt: Timestamp,
  token: z.optional(z.string()),
});

export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.optional(z.string()),
  code: z.string(),
  requestId: z.optional(z.string()),
  errors: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
});

export const parseSession = (data) => Session.safeParse(data);
export const parseProblem = (data) => Problem.safeParse(data);
export const parseLogin = (data) => LoginInput.safeParse(data);
