import type { PorticoContext } from '../../app.js';

/**
 * The demo's affiliate programme, outside production: the app on and open sign-up, once (while staff have never
 * saved the programme's rules), so a later change in the console is never undone by seeding again. Nothing else is
 * made: clients join from the portal.
 */
export async function seedAffiliatesDemo(app: PorticoContext): Promise<void> {
  if (app.config.mode === 'production') return;
  const saved = await app.db
    .selectFrom('settings')
    .select('key')
    .where('key', '=', 'affiliates')
    .executeTakeFirst();
  if (saved) return;
  const { apps, affiliates } = app.settings.current;
  await app.settings.update({
    apps: { ...apps, affiliates: { ...apps.affiliates, enabled: true } },
    affiliates: { ...affiliates, signup: 'open' },
  });
}
