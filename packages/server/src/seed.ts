import type { PorticoContext } from './app.js';
import { hashPassword } from './modules/auth/passwords.js';
import { sha256 } from './modules/auth/secrets.js';
import { AuthStore } from './modules/auth/store.js';
import { searchText } from './modules/clients/store.js';
import { newStaffRow } from './modules/staff/store.js';

/** The demo sign-in printed by `npm start`. */
export const DEMO_LOGIN = {
  email: 'demo@example.com',
  password: 'northwind-demo-portal',
  name: 'Dana Demo',
} as const;

/** The demo staff console sign-in printed by `npm start` (development only). */
export const DEMO_STAFF = {
  email: 'admin@example.com',
  password: 'northwind-staff-console',
  name: 'Alex Admin',
} as const;

/**
 * The demo login's API token, printed by `npm start` for `examples/sdk-script` (development only: a published
 * secret must never open a production account). Read-only scopes.
 */
export const DEMO_API_TOKEN = {
  token: 'pt_northwind-demo-api-token-for-the-sdk-script-example',
  name: 'Demo script (examples/sdk-script)',
  scopes: ['profile:read', 'billing:read', 'services:read', 'domains:read', 'support:read'],
} as const;

/** A few more demo clients, so the console's lists and the portal users dashboard have something in them. */
const DEMO_CLIENTS = [
  { name: 'Acme Widgets Ltd', email: 'ops@acme.example', owner: 'Wile Coyote', company: 'Acme Widgets Ltd' },
  {
    name: 'Blue Door Bakery',
    email: 'hello@bluedoor.example',
    owner: 'Bea Baker',
    company: 'Blue Door Bakery',
  },
  { name: 'Carla Ortiz', email: 'carla@ortiz.example', owner: 'Carla Ortiz', company: null },
] as const;

/**
 * Gives the demo login its well-known API token on its own account, unless it has it already (so a database
 * seeded before tokens existed gets it too). Never in production.
 */
async function seedDemoApiToken(ctx: PorticoContext, now: string): Promise<void> {
  if (ctx.config.mode === 'production') return;
  const tokenHash = sha256(DEMO_API_TOKEN.token);
  const existing = await ctx.db
    .selectFrom('api_tokens')
    .select('id')
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (existing) return;
  const owner = await ctx.db
    .selectFrom('users')
    .innerJoin('memberships', 'memberships.user_id', 'users.id')
    .select(['users.id as user_id', 'memberships.account_id'])
    .where('users.email', '=', DEMO_LOGIN.email)
    .where('memberships.role', '=', 'owner')
    .orderBy('memberships.created_at')
    .executeTakeFirst();
  if (!owner) return;
  await ctx.db
    .insertInto('api_tokens')
    .values({
      id: ctx.deps.ids('tok'),
      account_id: owner.account_id,
      user_id: owner.user_id,
      name: DEMO_API_TOKEN.name,
      token_hash: tokenHash,
      prefix: DEMO_API_TOKEN.token.slice(0, 10),
      scopes: JSON.stringify(DEMO_API_TOKEN.scopes),
      expires_at: null,
      last_used_at: null,
      last_used_ip: null,
      revoked_at: null,
      created_at: now,
    })
    .execute();
}

/**
 * Seeds the demo business once (a settings flag remembers it): its name, a verified demo client and, outside
 * production, the demo client's API token. Returns false when it had already run.
 */
export async function seedDemo(ctx: PorticoContext): Promise<boolean> {
  await ctx.ready;
  const now = ctx.deps.clock.now().toISOString();
  if (ctx.settings.current.demoSeeded) {
    await seedDemoApiToken(ctx, now);
    return false;
  }
  const store = new AuthStore(ctx.db);
  if (!(await store.findUserByEmail(DEMO_LOGIN.email))) {
    await store.createUserWithAccount({
      userId: ctx.deps.ids('usr'),
      accountId: ctx.deps.ids('acct'),
      membershipId: ctx.deps.ids('mem'),
      email: DEMO_LOGIN.email,
      name: DEMO_LOGIN.name,
      passwordHash: await hashPassword(DEMO_LOGIN.password),
      locale: 'en',
      currency: 'USD',
      verifiedAt: now,
      now,
    });
  }
  for (const client of DEMO_CLIENTS) {
    if (await store.findUserByEmail(client.email)) continue;
    const accountId = ctx.deps.ids('acct');
    await store.createUserWithAccount({
      userId: ctx.deps.ids('usr'),
      accountId,
      membershipId: ctx.deps.ids('mem'),
      email: client.email,
      name: client.owner,
      passwordHash: null,
      locale: 'en',
      currency: 'USD',
      verifiedAt: now,
      now,
    });
    await ctx.db
      .updateTable('accounts')
      .set({
        name: client.name,
        company: client.company,
        search_text: searchText(client.name, client.company, [client.email]),
      })
      .where('id', '=', accountId)
      .execute();
  }
  const staff = await ctx.db
    .selectFrom('staff')
    .select('id')
    .where('email', '=', DEMO_STAFF.email)
    .executeTakeFirst();
  // A well-known staff password never reaches production, whatever PORTICO_SEED_DEMO says.
  if (!staff && ctx.config.mode !== 'production') {
    await ctx.db
      .insertInto('staff')
      .values(
        newStaffRow({
          id: ctx.deps.ids('stf'),
          email: DEMO_STAFF.email,
          name: DEMO_STAFF.name,
          role: 'admin',
          passwordHash: await hashPassword(DEMO_STAFF.password),
          now,
        }),
      )
      .execute();
  }
  await seedDemoApiToken(ctx, now);
  await ctx.settings.update({
    businessName: 'Northwind Hosting',
    footerLinks: [
      { label: 'Terms of service', url: 'https://northwind.example/terms' },
      { label: 'Privacy', url: 'https://northwind.example/privacy' },
      { label: 'Contact us', url: 'mailto:support@northwind.example' },
    ],
    footerHtml:
      '<p>Northwind Hosting Ltd · 1 Harbour Street, Bristol · <a href="mailto:support@northwind.example">support@northwind.example</a></p>',
    demoSeeded: true,
  });
  return true;
}
