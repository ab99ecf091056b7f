import type { PorticoContext } from '../../app.js';
import { demoActors } from '../../seed.js';

/** The demo's departments, in form order; the last is hidden from clients (staff open abuse reports). */
const DEMO_DEPARTMENTS = [
  { name: 'General', description: 'Questions about your account or anything else.', visible: true },
  { name: 'Billing', description: 'Invoices, payments, refunds and plan changes.', visible: true },
  {
    name: 'Technical support',
    description: 'Hosting, mail, domains and DNS: anything that does not work as it should.',
    visible: true,
  },
  { name: 'Abuse', description: 'Reports of spam, phishing or abuse, handled by staff.', visible: false },
] as const;

/**
 * The demo's support desk, outside production: the four departments (while there are none) and one answered
 * ticket of the demo login with a staff reply (while the desk has no ticket). Made through the support services as
 * the client and staff would, so the rows, mails and audit entries are the real ones.
 */
export async function seedSupportDemo(ctx: PorticoContext): Promise<void> {
  if (ctx.config.mode === 'production') return;
  const found = await demoActors(ctx);
  if (!found) return;
  const existing = await ctx.db.selectFrom('support_departments').select('id').limit(1).executeTakeFirst();
  if (!existing) {
    for (const [position, department] of DEMO_DEPARTMENTS.entries()) {
      await ctx.support.departments.create({ ...department, position: position * 10 }, found.change);
    }
  }
  const ticket = await ctx.db.selectFrom('tickets').select('id').limit(1).executeTakeFirst();
  if (ticket) return;
  const technical = (await ctx.support.departments.list()).find((d) => d.name === 'Technical support');
  if (!technical) return;
  const opened = await ctx.support.tickets.open(found.client, {
    departmentId: technical.id,
    priority: 'medium',
    subject: 'Mail to my own domain bounces',
    message:
      'Since this morning every mail sent to **info@northwind-demo.com** bounces with “550 mailbox unavailable”.\n\nCould you take a look?',
    attachments: [],
  });
  await ctx.support.admin.reply(
    opened.id,
    {
      message:
        'Thanks for the report! The mailbox quota was full, so the server refused new mail. We raised it to 10 GB and the queued mail has been delivered.\n\nIf anything still bounces, reply here with the bounce message.',
      attachments: [],
      status: 'answered',
    },
    found.change,
  );
}
