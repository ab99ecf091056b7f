import type { PorticoContext } from './app.js';
import { hashPassword } from './modules/auth/passwords.js';
import { AuthStore } from './modules/auth/store.js';
import { searchText } from './modules/clients/store.js';

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
 * Seeds the demo business once (a settings flag remembers it): its name, and a verified demo client.
 * Returns false when it had already run.
 */
export async function seedDemo(ctx: PorticoContext): Promise<boolean> {
  await ctx.ready;
  if (ctx.settings.current.demoSeeded) return false;
  const store = new AuthStore(ctx.db);
  const now = ctx.deps.clock.now().toISOString();
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
      .values({
        id: ctx.deps.ids('stf'),
        email: DEMO_STAFF.email,
        name: DEMO_STAFF.name,
        role: 'admin',
        password_hash: await hashPassword(DEMO_STAFF.password),
        totp_secret: null,
        totp_pending_secret: null,
        totp_enabled_at: null,
        totp_last_step: null,
        disabled_at: null,
        last_sign_in_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
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
