import type { PorticoContext } from './app.js';
import { AuthStore } from './modules/auth/store.js';
import { hashPassword } from './modules/auth/passwords.js';

/** The demo sign-in printed by `npm start`. */
export const DEMO_LOGIN = {
  email: 'demo@example.com',
  password: 'northwind-demo-portal',
  name: 'Dana Demo',
} as const;

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
  await ctx.settings.set('businessName', 'Northwind Hosting');
  await ctx.settings.set('demoSeeded', true);
  return true;
}
