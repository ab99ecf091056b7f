import { minorDigits, PERMISSIONS, type ProductInput } from '@portico/sdk/contract';
import type { PorticoContext } from './app.js';
import type { Auth } from './http/auth.js';
import type { StaffChange } from './modules/settings/service.js';
import { hashPassword } from './modules/auth/passwords.js';
import { sha256 } from './modules/auth/secrets.js';
import { AuthStore } from './modules/auth/store.js';
import { searchText } from './modules/clients/store.js';
import { seedContentDemo } from './modules/content/demo.js';
import { seedNewsDemo } from './modules/home/demo.js';
import { addYears, LocalRegistrar } from './modules/domains/local-registrar.js';
import { newStaffRow } from './modules/staff/store.js';
import { seedSupportDemo } from './modules/support/demo.js';
import { seedAffiliatesDemo } from './modules/affiliates/demo.js';
import { seedCommunitiesDemo } from './modules/communities/demo.js';
import { seedCoursesDemo } from './modules/courses/demo.js';

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

type DemoPrice = [
  cycle: 'monthly' | 'annual' | 'biennial' | 'one_time',
  usd: number,
  eur: number,
  setupUsd?: number,
  setupEur?: number,
];

/** The demo store: groups, and their products with USD and EUR prices (minor units). */
const DEMO_CATALOG: ReadonlyArray<{
  name: string;
  description: string;
  products: ReadonlyArray<Omit<ProductInput, 'groupId' | 'prices'> & { prices: DemoPrice[] }>;
}> = [
  {
    name: 'Web hosting',
    description: 'Fast SSD hosting with free SSL, daily backups and one-click installs.',
    products: [
      {
        name: 'Starter',
        type: 'hosting',
        description: 'For a first site or a small blog.',
        features: ['1 website', '10 GB SSD storage', 'Free SSL certificate', 'Daily backups'],
        prices: [
          ['monthly', 499, 459, 999, 899],
          ['annual', 4_990, 4_590],
          ['biennial', 8_980, 8_260],
        ],
      },
      {
        name: 'Business',
        type: 'hosting',
        featured: true,
        description: 'For shops and busy sites: more room, more speed, staging.',
        features: ['10 websites', '50 GB SSD storage', 'Staging sites', 'Free SSL', 'Daily backups'],
        prices: [
          ['monthly', 999, 919],
          ['annual', 9_990, 9_190],
          ['biennial', 17_980, 16_540],
        ],
      },
      {
        name: 'Pro',
        type: 'hosting',
        description: 'For agencies: unlimited sites and priority support.',
        features: ['Unlimited websites', '200 GB SSD storage', 'Priority support', 'Staging sites'],
        prices: [
          ['monthly', 1_999, 1_839],
          ['annual', 19_990, 18_390],
          ['biennial', 35_980, 33_100],
        ],
      },
    ],
  },
  {
    name: 'Email',
    description: 'Professional email on your own domain.',
    products: [
      {
        name: 'Mailbox',
        type: 'service',
        description: 'One mailbox with webmail, IMAP and spam filtering.',
        features: ['25 GB mailbox', 'Webmail and IMAP', 'Spam and virus filtering'],
        prices: [
          ['monthly', 300, 280],
          ['annual', 3_000, 2_800],
        ],
      },
    ],
  },
  {
    name: 'Services',
    description: 'We look after your site so you do not have to.',
    products: [
      {
        name: 'Website care',
        type: 'service',
        description: 'Updates, uptime monitoring and a monthly report.',
        features: ['Core and plugin updates', 'Uptime monitoring', 'Monthly report'],
        prices: [
          ['monthly', 4_900, 4_500],
          ['annual', 49_000, 45_000],
        ],
      },
      {
        name: 'Site migration',
        type: 'service',
        description: 'We move your site from your old host, with no downtime.',
        features: ['Files, databases and email moved', 'DNS switch-over', 'Done within 3 working days'],
        prices: [['one_time', 9_900, 8_900]],
      },
    ],
  },
];

/** A change made by the seed as an admin staff member (no session, no request behind it). */
export function seedStaffChange(staff: { id: string; email: string }): StaffChange {
  return {
    staff: {
      kind: 'staff',
      sessionId: 'seed',
      staffId: staff.id,
      email: staff.email,
      role: 'admin',
      mfaEnrolmentRequired: false,
    },
    origin: {},
  };
}

/**
 * Who the demo is set up by (the demo admin, as a staff change) and for (the demo login, signed in as owner of its
 * account); undefined until both exist.
 */
export async function demoActors(
  ctx: PorticoContext,
): Promise<{ change: StaffChange; client: Auth } | undefined> {
  const staff = await ctx.db
    .selectFrom('staff')
    .select(['id', 'email'])
    .where('email', '=', DEMO_STAFF.email)
    .executeTakeFirst();
  const owner = await ctx.db
    .selectFrom('users')
    .innerJoin('memberships', 'memberships.user_id', 'users.id')
    .select(['users.id as user_id', 'memberships.account_id'])
    .where('users.email', '=', DEMO_LOGIN.email)
    .where('memberships.role', '=', 'owner')
    .orderBy('memberships.created_at')
    .executeTakeFirst();
  if (!staff || !owner) return undefined;
  return {
    change: seedStaffChange(staff),
    client: {
      kind: 'session',
      sessionId: 'seed',
      userId: owner.user_id,
      accountId: owner.account_id,
      role: 'owner',
      permissions: PERMISSIONS,
      profileMissing: [],
    },
  };
}

/**
 * The demo store (EUR enabled beside USD) and, on the demo client's account, a paid order and an unpaid one, all
 * made through the billing services as staff and the client would. Outside production only, once: a database
 * seeded before billing existed gets it while it has no catalog and no orders.
 */
async function seedDemoBilling(ctx: PorticoContext): Promise<void> {
  if (ctx.config.mode === 'production') return;
  const [group, order] = await Promise.all([
    ctx.db.selectFrom('product_groups').select('id').limit(1).executeTakeFirst(),
    ctx.db.selectFrom('orders').select('id').limit(1).executeTakeFirst(),
  ]);
  if (group || order) return;
  const actors = await demoActors(ctx);
  if (!actors) return;
  const { change, client: demo } = actors;
  const { enabledCurrencies } = ctx.settings.current;
  if (!enabledCurrencies.includes('EUR')) {
    await ctx.settings.update({ enabledCurrencies: [...enabledCurrencies, 'EUR'] });
  }
  const { catalog, orders, payments } = ctx.billing;
  const ids = new Map<string, string>();
  for (const [sortOrder, demoGroup] of DEMO_CATALOG.entries()) {
    const made = await catalog.createGroup(
      { name: demoGroup.name, description: demoGroup.description, sortOrder },
      change,
    );
    for (const [position, { prices, ...product }] of demoGroup.products.entries()) {
      const created = await catalog.createProduct(
        {
          ...product,
          groupId: made.id,
          sortOrder: position,
          prices: prices.flatMap(([cycle, usd, eur, setupUsd = 0, setupEur = 0]) => [
            { currency: 'USD', cycle, amount: usd, setupFee: setupUsd },
            { currency: 'EUR', cycle, amount: eur, setupFee: setupEur },
          ]),
        },
        change,
      );
      ids.set(created.name, created.id);
    }
  }
  const paid = await orders.place(demo, {
    items: [{ productId: ids.get('Business')!, cycle: 'annual' }],
    acceptTerms: true,
    domains: [],
  });
  await payments.pay(demo, paid.invoice.id, {
    gateway: 'test',
    card: { number: '4242424242424242', expiry: '12/39', cvc: '123', name: DEMO_LOGIN.name },
  });
  await orders.place(demo, {
    items: [
      { productId: ids.get('Mailbox')!, cycle: 'monthly', quantity: 2 },
      { productId: ids.get('Site migration')!, cycle: 'one_time' },
    ],
    acceptTerms: true,
    domains: [],
  });
}

/** The demo's TLDs with USD prices of one year (minor units): register, renew, transfer. */
const DEMO_TLDS: readonly [tld: string, register: number, renew: number, transfer: number][] = [
  ['com', 1299, 1499, 1299],
  ['net', 1399, 1599, 1399],
  ['org', 1199, 1499, 1199],
  ['io', 3999, 4999, 4499],
  ['dev', 1499, 1699, 1499],
  ['app', 1699, 1899, 1699],
  ['shop', 299, 3499, 2999],
  ['online', 199, 3499, 2999],
  ['xyz', 199, 1399, 1299],
  ['co.uk', 799, 999, 799],
];

/** About what a US dollar buys, for the demo's other currencies' price lists (a currency not here gets 1). */
const DEMO_RATES: Record<string, number> = {
  EUR: 0.92,
  GBP: 0.79,
  CAD: 1.37,
  AUD: 1.52,
  JPY: 150,
  CHF: 0.88,
};

/** A USD price in another currency, ending in 99 (or a round number without minor units). */
function demoPrice(usd: number, currency: string): number {
  const digits = minorDigits(currency);
  const major = (usd / 100) * (DEMO_RATES[currency] ?? 1);
  return digits === 0 ? Math.max(1, Math.round(major / 10) * 10) : Math.max(99, Math.ceil(major) * 100 - 1);
}

/**
 * Names the local registrar's registry holds for "other registrars": searching them shows them taken. The last one
 * is unlocked with a published EPP code, for the demo's transfer: order `transfer-me.com` with the code
 * `NW-demo-transfer-2026`.
 */
const DEMO_TAKEN = ['example.com', 'example.net', 'example.org', 'google.com', 'github.io', 'wikipedia.org'];
export const DEMO_TRANSFER = { domain: 'transfer-me.com', eppCode: 'NW-demo-transfer-2026' } as const;

/** The demo's name servers (new registrations start with them). */
const DEMO_NAMESERVERS = ['ns1.northwind-hosting.com', 'ns2.northwind-hosting.com'];

/**
 * The demo's domains: ten TLDs priced for 1–10 years in every enabled currency, all answered by the local
 * registrar so the demo runs offline, a few taken names, one to transfer in, and an active domain on the demo
 * client's account. Outside production only, once: while no TLD exists.
 */
async function seedDemoDomains(ctx: PorticoContext): Promise<void> {
  if (ctx.config.mode === 'production') return;
  const tld = await ctx.db.selectFrom('domain_tlds').select('tld').limit(1).executeTakeFirst();
  if (tld) return;
  const actors = await demoActors(ctx);
  if (!actors) return;
  const { change, client } = actors;
  const { tlds, settings, registrars } = ctx.domains;
  const years = Array.from({ length: 10 }, (_, i) => i + 1);
  for (const [position, [name, register, renew, transfer]] of DEMO_TLDS.entries()) {
    await tlds.create({ tld: name, registrar: 'local', availability: 'registrar', position }, change);
    for (const currency of ctx.settings.current.enabledCurrencies) {
      const [first, yearly, move] = [register, renew, transfer].map((usd) => demoPrice(usd, currency)) as [
        number,
        number,
        number,
      ];
      await tlds.setPrices(
        name,
        {
          currency,
          prices: [
            ...years.map((n) => ({
              action: 'register' as const,
              years: n,
              amount: first + (n - 1) * yearly,
            })),
            ...years.map((n) => ({ action: 'renew' as const, years: n, amount: n * yearly })),
            { action: 'transfer' as const, years: 1, amount: move },
          ],
        },
        change,
      );
    }
  }
  await settings.update({ defaultNameservers: DEMO_NAMESERVERS }, change);

  const local = registrars.registrar('local');
  if (!(local instanceof LocalRegistrar)) return;
  for (const name of DEMO_TAKEN) await local.holdElsewhere(name);
  await local.holdElsewhere(DEMO_TRANSFER.domain, { eppCode: DEMO_TRANSFER.eppCode, locked: false });

  const now = ctx.deps.clock.now();
  const registeredAt = new Date(now.getTime() - 200 * 86_400_000).toISOString();
  const domain = {
    name: 'northwind-demo.com',
    registeredAt,
    expiresAt: addYears(registeredAt, 1),
    nameservers: DEMO_NAMESERVERS,
    privacy: true,
    locked: true,
  };
  await local.holdHere(domain.name, domain);
  await ctx.db
    .insertInto('domains')
    .values({
      id: ctx.deps.ids('dom'),
      account_id: client.accountId,
      order_id: null,
      name: domain.name,
      tld: 'com',
      registrar: 'local',
      action: 'register',
      years: 1,
      status: 'active',
      auto_renew: 1,
      privacy: 1,
      locked: 1,
      nameservers: JSON.stringify(domain.nameservers),
      epp_code_sealed: null,
      registered_at: domain.registeredAt,
      expires_at: domain.expiresAt,
      last_error: null,
      created_at: domain.registeredAt,
      updated_at: domain.registeredAt,
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
    await seedDemoBilling(ctx);
    await seedDemoDomains(ctx);
    await seedContentDemo(ctx);
    await seedNewsDemo(ctx);
    await seedSupportDemo(ctx);
    await seedAppsDemo(ctx);
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
  // After the business's name is set: the demo's invoice mails carry it.
  await seedDemoBilling(ctx);
  await seedDemoDomains(ctx);
  await seedContentDemo(ctx);
  await seedNewsDemo(ctx);
  await seedSupportDemo(ctx);
  await seedAppsDemo(ctx);
  return true;
}

/** The course the demo's Starter plan grants (the apps' end-to-end test opens it after buying Starter). */
export const DEMO_GRANTED_COURSE = {
  slug: 'launch-your-first-website',
  title: 'Launch your first website',
} as const;

/**
 * The demo's apps: the affiliate programme (open sign-up), the courses app with an open course and one that buying
 * Starter grants, and the community with its groups. Each part runs once and leaves staff changes alone.
 */
async function seedAppsDemo(ctx: PorticoContext): Promise<void> {
  await seedAffiliatesDemo(ctx);
  await seedCoursesDemo(ctx);
  await seedCommunitiesDemo(ctx);
  if (ctx.config.mode === 'production') return;
  const starter = await ctx.db
    .selectFrom('products')
    .select('id')
    .where('slug', '=', 'starter')
    .executeTakeFirst();
  const known = await ctx.db
    .selectFrom('courses')
    .select('id')
    .where('slug', '=', DEMO_GRANTED_COURSE.slug)
    .executeTakeFirst();
  if (!starter || known) return;
  const now = ctx.deps.clock.now().toISOString();
  const courseId = ctx.deps.ids('crs');
  const moduleId = ctx.deps.ids('mod');
  const lessons = [
    {
      title: 'Your plan at a glance',
      body: 'Starter gives you **one website**, 10 GB of storage and free SSL.\n\n- Your control panel is at *panel.northwind.example*.\n- Your site lives in the `public_html` folder.\n- Mail boxes are under **Email accounts**.',
      drip: 0,
    },
    {
      title: 'Upload your site',
      body: 'Use the **File manager** in the control panel, or SFTP to `sftp.northwind.example` on port 22 with your panel login.\n\nPut `index.html` in `public_html` and open your domain.',
      drip: 0,
    },
    {
      title: 'Add a free SSL certificate',
      body: 'In **Security → SSL**, pick your domain and choose *Issue free certificate*. It renews itself every 60 days.',
      drip: 2,
    },
  ];
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('courses')
      .values({
        id: courseId,
        slug: DEMO_GRANTED_COURSE.slug,
        title: DEMO_GRANTED_COURSE.title,
        summary: 'Included with Starter: from an empty plan to a live, secure site in three short lessons.',
        description: 'A short course for **Starter** customers. One lesson opens two days after you start.',
        status: 'published',
        access: 'granted',
        position: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx
      .insertInto('course_modules')
      .values({ id: moduleId, course_id: courseId, title: 'Go live', position: 0, created_at: now })
      .execute();
    for (const [position, lesson] of lessons.entries()) {
      await trx
        .insertInto('course_lessons')
        .values({
          id: ctx.deps.ids('lsn'),
          course_id: courseId,
          module_id: moduleId,
          title: lesson.title,
          body: lesson.body,
          video_url: null,
          drip_days: lesson.drip,
          status: 'published',
          position,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    await ctx.apps.access.setProducts(trx, 'course', courseId, [starter.id], now);
  });
}
