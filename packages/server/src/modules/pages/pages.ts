import type { AppId, PortalSections } from '@portico/sdk/contract';
import { type Request, type Response, Router } from 'express';
import type { Config } from '../../config.js';
import type { Settings } from '../settings/settings.js';
import { escapeHtml } from '../../http/html.js';

/**
 * The hosted pages' policy: scripts only from this server, the API on this origin, images from anywhere secure
 * (the logo may be on a CDN later). Inline styles are allowed for Lit's constructable stylesheets' fallback.
 */
const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "connect-src 'self'",
  "font-src 'self'",
  // Lesson videos: the two players a course may embed, and video files from any secure host.
  'frame-src https://www.youtube-nocookie.com https://player.vimeo.com',
  'media-src https:',
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const PAGE_STYLE = `
  :root { color-scheme: light dark; font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; }
  body { margin: 0; min-height: 100vh; display: flex; flex-direction: column; }
  main { flex: 1; width: min(100% - 2rem, 32rem); margin: 2.5rem auto; }
  main.wide { width: min(100% - 2rem, 72rem); }
  h1 { font-size: 1.6rem; margin: 0 0 1.25rem; }
`;

interface PageSpec {
  title: string;
  heading?: string;
  body: string;
  /** A page of tables and cards: the main column is wide. */
  wide?: boolean;
}

/** What each hosted portal path shows inside the provider, between the nav and the footer. */
const PORTAL_PAGES: Record<
  string,
  (business: string, sections: PortalSections, appOn: (app: AppId) => boolean) => PageSpec | null
> = {
  // Signed in, the dashboard; signed out, its `signed-out` slot: the portal home (hero, featured products, news,
  // domain search, as the business set them) and the sign-in form.
  '/': (b) => ({
    title: `${b} · Client portal`,
    heading: `${b} client portal`,
    body: `<portal-dashboard login-href="/login" invoices-href="/invoices" services-href="/services" domains-href="/domains" tickets-href="/support">
<portal-home slot="signed-out" order-href="/order" announcements-href="/announcements"></portal-home>
<portal-login slot="signed-out" register-href="/register"></portal-login>
</portal-dashboard>`,
    wide: true,
  }),
  '/login': (b) => ({
    title: `Sign in · ${b}`,
    heading: 'Sign in',
    body: '<portal-login register-href="/register"></portal-login>',
  }),
  '/register': (b) => ({
    title: `Create your account · ${b}`,
    heading: 'Create your account',
    body: '<portal-register login-href="/login"></portal-register>',
  }),
  // The domain search above the products while the business shows it; its "Continue" goes to /order.
  '/store': (b, sections) => ({
    title: `Store · ${b}`,
    heading: 'Store',
    body: `${sections.domainSearch ? '<domain-search order-href="/order"></domain-search>\n' : ''}<portal-store order-href="/order"></portal-store>`,
    wide: true,
  }),
  // Reads `?product=<slug>&cycle=<cycle>` (the store's "Order" links) and `?domain=register:example.com:1` (the
  // domain search's "Continue"; transfer codes come through sessionStorage, never the URL); signed out, it signs in
  // inline.
  '/order': (b) => ({
    title: `Order · ${b}`,
    heading: 'Order',
    body: '<portal-order-form store-href="/store"></portal-order-form>',
    wide: true,
  }),
  '/services': (b) => ({
    title: `Services · ${b}`,
    heading: 'Services',
    body: '<portal-services login-href="/login"></portal-services>',
    wide: true,
  }),
  // My Domains, with the domain search above it (it hides itself when the business turns domain search off). The
  // domain mails link to the portal's home with `#domain/<id>`; the dashboard forwards that here, opening the domain.
  '/domains': (b) => ({
    title: `Domains · ${b}`,
    heading: 'Domains',
    body: `<domain-search id="search" order-href="/order"></domain-search>
<portal-domains login-href="/login" invoice-href="/invoices" search-href="#search"></portal-domains>`,
    wide: true,
  }),
  '/invoices': (b) => ({
    title: `Invoices · ${b}`,
    heading: 'Invoices',
    body: '<portal-invoices login-href="/login"></portal-invoices>',
    wide: true,
  }),
  // Tickets: the list, a new ticket and each thread; support mails link to `/#ticket/<id>`, which the dashboard
  // forwards here.
  '/support': (b) => ({
    title: `Support · ${b}`,
    heading: 'Support',
    body: '<portal-tickets login-href="/login"></portal-tickets>',
    wide: true,
  }),
  // The public sections: a page the business hides answers 404, as its API does.
  '/kb': (b, sections) =>
    sections.knowledgeBase
      ? {
          title: `Knowledge base · ${b}`,
          heading: 'Knowledge base',
          body: '<portal-kb></portal-kb>',
          wide: true,
        }
      : null,
  '/faq': (b, sections) =>
    sections.faq
      ? {
          title: `Questions and answers · ${b}`,
          heading: 'Questions and answers',
          body: '<portal-faq></portal-faq>',
          wide: true,
        }
      : null,
  '/announcements': (b, sections) =>
    sections.announcements
      ? {
          title: `Announcements · ${b}`,
          heading: 'Announcements',
          body: '<portal-announcements></portal-announcements>',
          wide: true,
        }
      : null,
  '/status': (b, sections) =>
    sections.status
      ? {
          title: `Service status · ${b}`,
          heading: 'Service status',
          body: '<portal-status refresh="60"></portal-status>',
          wide: true,
        }
      : null,
  // The apps: a page while the business has the app on (who may use it is the API's and the element's business).
  // Mails link to `/courses#course/<slug>/lesson/<id>` and `/communities#group/<slug>/post/<id>`.
  '/courses': (b, _sections, appOn) =>
    appOn('courses')
      ? {
          title: `Courses · ${b}`,
          heading: 'Courses',
          body: '<portal-courses></portal-courses>',
          wide: true,
        }
      : null,
  '/communities': (b, _sections, appOn) =>
    appOn('communities')
      ? {
          title: `Community · ${b}`,
          heading: 'Community',
          body: '<portal-communities></portal-communities>\n<portal-community></portal-community>',
          wide: true,
        }
      : null,
  '/affiliate': (b, _sections, appOn) =>
    appOn('affiliates')
      ? {
          title: `Affiliate programme · ${b}`,
          heading: 'Affiliate programme',
          body: '<portal-affiliate></portal-affiliate>',
          wide: true,
        }
      : null,
  // Announcement mails' unsubscribe link: a button spends the token (a mail scanner's visit does not).
  '/unsubscribe': (b) => ({
    title: `Announcement emails · ${b}`,
    heading: 'Announcement emails',
    body: '<portal-unsubscribe></portal-unsubscribe>',
  }),
  '/magic-link': (b) => ({
    title: `Sign in · ${b}`,
    body: '<portal-magic-link login-href="/login"></portal-magic-link>',
  }),
  '/invitation': (b) => ({
    title: `Your invitation · ${b}`,
    body: '<portal-invitation login-href="/login"></portal-invitation>',
  }),
};

/**
 * The server's own pages: the hosted client portal (`/` the dashboard or, signed out, the home; `/login`,
 * `/register`, `/store`, `/order`, `/services`, `/domains`, `/invoices`, `/support`, the public `/kb`, `/faq`,
 * `/announcements` and `/status`, the apps' `/courses`, `/communities` and `/affiliate`, and the link pages `/magic-link`, `/invitation`, `/unsubscribe`), built from the
 * elements, and the staff console (`/admin`). A business that embeds the elements in its own site needs none of them
 * except the link pages, which mails open.
 */
export function pagesRouter(config: Config, settings: Settings): Router {
  const router = Router();

  /** The API origin the page talks to: the verified custom domain when asked on it, else the public URL. */
  const apiFor = (req: Request) => {
    const domain = settings.current.customDomain;
    return domain?.status === 'verified' && req.hostname === domain.domain
      ? `https://${domain.domain}`
      : config.publicUrl;
  };

  /** Sends a page: the shared head (charset, viewport, no referrer) plus `head`, and `body`. */
  const send = (res: Response, page: { title: string; head: string; body: string }) => {
    res.setHeader('Content-Security-Policy', PAGE_CSP);
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(page.title)}</title>
${page.head}
</head>
<body>
${page.body}
</body>
</html>`);
  };

  for (const [path, spec] of Object.entries(PORTAL_PAGES)) {
    router.get(path, (req, res, next) => {
      const business = settings.current.businessName;
      const page = spec(business, settings.current.sections, (app) => settings.current.apps[app].enabled);
      if (!page) return next();
      const api = escapeHtml(apiFor(req));
      send(res, {
        title: page.title,
        head: `<style>${PAGE_STYLE}</style>\n<script type="module" src="/elements.js"></script>`,
        body: `<portal-provider api="${api}" mode="cookie" style="display:contents">
<portal-nav home-href="/" login-href="/login" register-href="/register" dashboard-href="/" services-href="/services" invoices-href="/invoices" my-domains-href="/domains" domains-href="/domains#search" tickets-href="/support" kb-href="/kb"></portal-nav>
<main id="main"${page.wide ? ' class="wide"' : ''}>
${page.heading ? `<h1>${escapeHtml(page.heading)}</h1>` : ''}
${page.body}
</main>
<portal-footer></portal-footer>
</portal-provider>`,
      });
    });
  }

  const admin = (_req: Request, res: Response) => {
    const business = settings.current.businessName;
    send(res, {
      title: `${business} · Staff console`,
      head: `<meta name="robots" content="noindex">
<style>${PAGE_STYLE} body { display: block; }</style>
<script type="module" src="/elements-admin.js"></script>`,
      body: '<portal-admin-app></portal-admin-app>',
    });
  };
  router.get('/admin', admin);
  router.get('/admin/{*rest}', admin);
  return router;
}
