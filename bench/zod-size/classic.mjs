// The same small schema set as mini.mjs, written with classic zod (method chaining).
import * as z from 'zod';

const Email = z.string().trim().toLowerCase().max(254).email();
const Timestamp = z.iso.datetime();

export const LoginInput = z.object({ email: Email, password: z.string().min(1).max(256) });

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
    emailVerifiedAt: Timestamp.nullable(),
    locale: z.string(),
    createdAt: Timestamp,
  }),
  account: Account,
  accounts: z.array(Account),
  expiresAt: Timestamp,
  idleExpiresAt: Timestamp,
  token: z.string().optional(),
});

export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.string().optional(),
  code: z.string(),
  requestId: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export const parseSession = (data) => Session.safeParse(data);
export const parseProblem = (data) => Problem.safeParse(data);
export const parseLogin = (data) => LoginInput.safeParse(data);
