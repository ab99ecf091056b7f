import { Router } from 'express';
import type { Outbox } from './outbox.js';
import { escapeHtml } from '../../http/html.js';

/** `/dev/mailbox`: every mail the portal wrote, for development only (never mounted in production). */
export function devMailboxRouter(outbox: Outbox): Router {
  const router = Router();
  router.get('/dev/mailbox/messages', async (req, res) => {
    const to = typeof req.query.to === 'string' ? req.query.to : undefined;
    const items = (await outbox.list(to, 100)).map((m) => ({
      id: m.id,
      to: m.to_address,
      subject: m.subject,
      text: m.text,
      html: m.html,
      createdAt: m.created_at,
    }));
    res.json({ items });
  });
  router.get('/dev/mailbox', async (_req, res) => {
    const items = await outbox.list(undefined, 100);
    const rows = items
      .map(
        (m) =>
          `<article><header><strong>${escapeHtml(m.subject)}</strong><br><small>to ${escapeHtml(m.to_address)} · ${escapeHtml(m.created_at)}</small></header><pre>${escapeHtml(m.text)}</pre></article>`,
      )
      .join('\n');
    res
      .set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
      .type('html')
      .send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Portico dev mailbox</title><style>body{font:15px system-ui,sans-serif;max-width:760px;margin:2rem auto;padding:0 1rem;color:#1f2328}
article{border:1px solid #d0d7de;border-radius:8px;padding:1rem;margin:1rem 0}pre{white-space:pre-wrap;font:14px ui-monospace,monospace}
small{color:#59636e}</style></head><body><h1>Dev mailbox</h1><p>Every email the portal sent in development, newest first. Reload to refresh.
JSON: <code>/dev/mailbox/messages?to=EMAIL</code>.</p>${rows || '<p>No mail yet.</p>'}</body></html>`);
  });
  return router;
}
