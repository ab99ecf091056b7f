import type { PorticoContext } from '../../app.js';
import { seedStaffChange } from '../../seed.js';

const DEMO_SLUG = 'getting-started-with-your-hosting';

const DEMO_COURSE = {
  title: 'Getting started with your hosting',
  summary: 'Four short lessons from your first sign-in to a secure site with backups you can restore.',
  description: [
    'This course takes you from a brand-new hosting plan to a site that is live, secure and backed up.',
    '',
    'Each lesson takes about ten minutes. Mark a lesson complete when you have done it, and your progress is kept for you.',
    'The last lesson opens a week after you start, once your site has had time to settle in.',
  ].join('\n'),
};

const DEMO_MODULES = [
  {
    title: 'Your first steps',
    lessons: [
      {
        title: 'Welcome and a tour of your control panel',
        videoUrl: 'https://www.youtube.com/watch?v=M7lc1UVf-VE',
        dripDays: 0,
        body: [
          'Welcome! In this lesson you find your way around the control panel that came with your plan.',
          '',
          '## Where things are',
          '',
          '- **Files**: the file manager, to upload and edit your site’s files in `public_html`.',
          '- **Domains**: the domains pointed at this plan, and their DNS records.',
          '- **Email**: mailboxes, forwarders and the settings for your mail app.',
          '- **Security**: SSL certificates, and who may sign in.',
          '',
          '## Before the next lesson',
          '',
          '1. Sign in to the control panel from **Services** in this portal.',
          '2. Open the file manager and find the `public_html` folder: that is your website.',
          '3. Note the server’s IP address on the panel’s home page; you need it to point your domain.',
          '',
          '> Tip: bookmark the control panel, but always sign in through the portal so two-factor sign-in protects you.',
        ].join('\n'),
      },
      {
        title: 'Point your domain at your hosting',
        videoUrl: null,
        dripDays: 0,
        body: [
          'Your site shows under your domain once the domain’s DNS points at your hosting server.',
          '',
          '## If your domain is registered with us',
          '',
          'Nothing to do: new domains use our name servers, and the records are set when the plan is created.',
          '',
          '## If your domain is registered elsewhere',
          '',
          'Either change the domain’s **name servers** to ours (`ns1.northwind.example` and `ns2.northwind.example`), or keep your DNS and add these records:',
          '',
          '| Type | Name | Value |',
          '| ---- | ---- | ----- |',
          '| A | `@` | your server’s IP address |',
          '| CNAME | `www` | your domain |',
          '',
          'Changes usually show within an hour, and at most 48 hours.',
          '',
          '## Check it',
          '',
          'Open your domain in a private browser window. You should see the placeholder page from `public_html`.',
        ].join('\n'),
      },
    ],
  },
  {
    title: 'Keep your site healthy',
    lessons: [
      {
        title: 'Secure your site with HTTPS',
        videoUrl: null,
        dripDays: 0,
        body: [
          'Every plan includes free certificates, so your site loads over `https://` with the padlock.',
          '',
          '1. In the control panel, open **Security → SSL/TLS**.',
          '2. Choose your domain and select **Issue certificate**. It takes a minute or two once the domain points at us.',
          '3. Turn on **Redirect HTTP to HTTPS** so visitors always get the secure address.',
          '',
          'Certificates renew by themselves. If a renewal fails (the domain stopped pointing at us, for example), we email you.',
          '',
          '## Mixed content',
          '',
          'If the padlock shows a warning, a page still loads an image or script over `http://`. Change those links to `https://`, or to addresses that start with `/`.',
        ].join('\n'),
      },
      {
        title: 'Backups you can restore',
        videoUrl: null,
        dripDays: 7,
        body: [
          'We back up every plan each night and keep the copies for 14 days. A backup is only as good as your last restore, so try one now.',
          '',
          '## Restore a single file',
          '',
          '1. Open **Files → Backups** in the control panel.',
          '2. Choose a date, find the file and select **Restore**. The current file is kept beside it as `.bak`.',
          '',
          '## Keep your own copy too',
          '',
          '- Download a full backup once a month and keep it off the server.',
          '- Export your database before big changes (a plugin update, a new theme).',
          '',
          'If something goes wrong that a restore does not fix, open a ticket in **Support** with the date of the last good backup.',
        ].join('\n'),
      },
    ],
  },
] as const;

/**
 * The demo's course, outside production: turns the courses app on for everyone and creates one published course
 * (two modules, four lessons, one with a video and one released a week after access begins), once. Made through
 * the staff service, so the rows and audit entries are the real ones.
 */
export async function seedCoursesDemo(app: PorticoContext): Promise<void> {
  if (app.config.mode === 'production') return;
  const exists = await app.db
    .selectFrom('courses')
    .select('id')
    .where('slug', '=', DEMO_SLUG)
    .executeTakeFirst();
  if (exists) return;
  const staff = await app.db
    .selectFrom('staff')
    .select(['id', 'email'])
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  if (!staff) return;
  const change = seedStaffChange(staff);
  const { admin } = app.apps.courses;
  await app.settings.update({
    apps: {
      ...app.settings.current.apps,
      courses: { ...app.settings.current.apps.courses, enabled: true, access: 'everyone' },
    },
  });
  const course = await admin.create(
    { ...DEMO_COURSE, slug: DEMO_SLUG, status: 'draft', access: 'everyone' },
    change,
  );
  for (const [m, demo] of DEMO_MODULES.entries()) {
    const withModule = await admin.addModule(course.id, { title: demo.title, position: m }, change);
    const module = withModule.modules.find((x) => x.title === demo.title);
    if (!module) continue;
    for (const [position, lesson] of demo.lessons.entries()) {
      await admin.addLesson(
        course.id,
        {
          moduleId: module.id,
          title: lesson.title,
          body: lesson.body,
          videoUrl: lesson.videoUrl,
          dripDays: lesson.dripDays,
          status: 'published',
          position,
        },
        change,
      );
    }
  }
  // Published once whole, so nobody opens it half made.
  await admin.update(course.id, { status: 'published' }, change);
}
