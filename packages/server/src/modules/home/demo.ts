import type { ComponentStatus, IncidentStatus } from '@portico/sdk/contract';
import type { PorticoContext } from '../../app.js';
import { renderMarkdown } from '../content/markdown.js';
import { slugify } from '../content/slug.js';
import { DAY_MS } from '../status/history.js';
import { StatusStore } from '../status/store.js';

const HOUR_MS = 3_600_000;

/** The demo's status components, in page order. */
const DEMO_COMPONENTS = [
  {
    name: 'Web hosting',
    group: 'Hosting',
    description: 'Websites, PHP and databases on our shared servers.',
  },
  {
    name: 'Control panel',
    group: 'Hosting',
    description: 'The hosting control panel and one-click installs.',
  },
  { name: 'Email', group: 'Email', description: 'Mailboxes: IMAP, POP3, SMTP and webmail.' },
  { name: 'DNS', group: 'Network', description: 'Our name servers, ns1 and ns2.northwind.example.' },
] as const;

/** The demo's announcements: days before now they were published, title and Markdown. */
const DEMO_ANNOUNCEMENTS = [
  {
    daysAgo: 30,
    title: 'Free SSL certificates on every plan',
    body: 'Every hosting plan now includes a **free SSL certificate**, issued and renewed automatically.\n\nNothing to do on your side: sites without a certificate get one within the next 24 hours. Read more in the [knowledge base](/kb).',
  },
  {
    daysAgo: 9,
    title: 'New data centre in Frankfurt',
    body: 'We opened a second data centre in **Frankfurt**, closer to our customers in central Europe.\n\n- New hosting plans can choose it from today.\n- Existing sites can move for free: open a ticket with the support team.',
  },
  {
    daysAgo: 0,
    title: 'Control panel upgrade next week',
    body: 'Next week we upgrade the control panel to its new version, with a faster file manager and two-factor sign-in.\n\nThe panel will be unavailable for about two hours during the maintenance window shown on the [status page](/status). Websites and email keep working.',
  },
] as const;

/**
 * Demo status page and announcements: four components with 100 days of history, an email incident 12 days ago with
 * three updates (so the 90-day bars show it), a control panel maintenance next week, and three announcements (one
 * of today). Once: only while there are no components and no announcements. Never in production.
 */
export async function seedNewsDemo(ctx: PorticoContext): Promise<void> {
  if (ctx.config.mode === 'production') return;
  const { db, deps } = ctx;
  const [component, announcement] = await Promise.all([
    db.selectFrom('status_components').select('id').limit(1).executeTakeFirst(),
    db.selectFrom('announcements').select('id').limit(1).executeTakeFirst(),
  ]);
  const now = deps.clock.now().getTime();
  const today = now - (now % DAY_MS);
  const iso = (ms: number) => new Date(ms).toISOString();

  if (!component) {
    await db.transaction().execute(async (trx) => {
      const store = new StatusStore(trx);
      const created = iso(today - 100 * DAY_MS);
      const ids = new Map<string, string>();
      for (const [position, c] of DEMO_COMPONENTS.entries()) {
        const id = deps.ids('stc');
        ids.set(c.name, id);
        await store.insertComponent({
          id,
          name: c.name,
          description: c.description,
          group_name: c.group,
          status: 'operational',
          position,
          created_at: created,
          updated_at: created,
        });
        await store.insertEvent({
          id: deps.ids('sce'),
          component_id: id,
          status: 'operational',
          at: created,
        });
      }
      const email = ids.get('Email')!;
      const panel = ids.get('Control panel')!;
      const event = async (componentId: string, status: ComponentStatus, at: number) =>
        store.insertEvent({ id: deps.ids('sce'), component_id: componentId, status, at: iso(at) });
      const update = async (incidentId: string, status: IncidentStatus, body: string, at: number) =>
        store.insertUpdate({
          id: deps.ids('inu'),
          incident_id: incidentId,
          status,
          body,
          html: renderMarkdown(body, { kind: 'document' }).html,
          created_at: iso(at),
        });

      const began = today - 12 * DAY_MS + 14 * HOUR_MS + 5 * 60_000;
      const fixed = began + 2 * HOUR_MS + 5 * 60_000;
      const incident = deps.ids('inc');
      await store.insertIncident({
        id: incident,
        kind: 'incident',
        title: 'Delayed email delivery',
        impact: 'major',
        status: 'resolved',
        starts_at: iso(began),
        ends_at: null,
        resolved_at: iso(fixed),
        created_at: iso(began),
        updated_at: iso(fixed),
      });
      await store.linkComponents(incident, [{ id: email, status: 'partial_outage' }]);
      await update(
        incident,
        'investigating',
        'Some messages to and from our mail servers are arriving late. We are looking into it.',
        began,
      );
      await update(
        incident,
        'identified',
        'A full disk on one of the mail relays held its queue. We are moving the queue to another relay.',
        began + 40 * 60_000,
      );
      await update(
        incident,
        'resolved',
        'All delayed messages have been delivered and mail flows normally. No message was lost.',
        fixed,
      );
      await event(email, 'partial_outage', began);
      await event(email, 'operational', fixed);

      const start = today + 7 * DAY_MS + 2 * HOUR_MS;
      const maintenance = deps.ids('inc');
      await store.insertIncident({
        id: maintenance,
        kind: 'maintenance',
        title: 'Control panel upgrade',
        impact: 'minor',
        status: 'scheduled',
        starts_at: iso(start),
        ends_at: iso(start + 2 * HOUR_MS),
        resolved_at: null,
        created_at: iso(now),
        updated_at: iso(now),
      });
      await store.linkComponents(maintenance, [{ id: panel, status: 'maintenance' }]);
      await update(
        maintenance,
        'scheduled',
        'We upgrade the control panel to its new version. The panel is unavailable during the window; websites and email keep working.',
        now,
      );
    });
  }

  if (!announcement) {
    await db.transaction().execute(async (trx) => {
      for (const a of DEMO_ANNOUNCEMENTS) {
        const at = iso(a.daysAgo ? today - a.daysAgo * DAY_MS + 10 * HOUR_MS : now);
        const rendered = renderMarkdown(a.body, { kind: 'document' });
        await trx
          .insertInto('announcements')
          .values({
            id: deps.ids('ann'),
            slug: slugify(a.title, 'announcement'),
            title: a.title,
            body: a.body,
            html: rendered.html,
            text: rendered.text,
            published_at: at,
            emailed_at: null,
            email_recipients: null,
            created_at: at,
            updated_at: at,
          })
          .execute();
      }
    });
  }
}
