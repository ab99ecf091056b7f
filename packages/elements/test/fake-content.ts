import type {
  Announcement,
  ComponentStatus,
  FaqGroup,
  Hero,
  Incident,
  KbArticleSummary,
  KbCategory,
  PortalClient,
  PortalSections,
  StatusComponent,
  StatusDay,
} from '@portico/sdk';
import type { LitElement, TemplateResult } from 'lit';
import { FakeDomains } from './fake-domains.js';
import { inFakeProvider } from './fake-pieces.js';
import { fakeClient, json, problem } from './fake-portal.js';
import { RouteOverrides } from './route-overrides.js';
import '../src/index.js';

/** A request to one of the content routes. */
export interface FakeContentCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: Record<string, any> | undefined;
  signedIn: boolean;
}

type Handler = (call: FakeContentCall) => Response | Promise<Response>;

/** An article as the fake keeps it: its text (for search and excerpts), HTML and the answers so far. */
export interface FakeArticle {
  id: string;
  slug: string;
  title: string;
  categoryId: string;
  text: string;
  html: string;
  published: boolean;
  publishedAt: string;
  updatedAt: string;
  yes: number;
  no: number;
  /** Slugs of its related articles. */
  related: string[];
}

export type FakeCategory = Omit<KbCategory, 'articleCount'>;

/** A component as the fake keeps it: its days default to operational, `days` overrides some by date. */
export interface FakeComponent extends Omit<StatusComponent, 'days'> {
  days: Record<string, Omit<StatusDay, 'date'>>;
}

/** The status page's last day (UTC); the 90 days end with it. */
export const STATUS_TODAY = '2026-11-12';

/** The 90 dates ending with {@link STATUS_TODAY}, oldest first. */
export const statusDates = (): string[] =>
  Array.from({ length: 90 }, (_, i) =>
    new Date(Date.parse(`${STATUS_TODAY}T00:00:00Z`) - (89 - i) * 86_400_000).toISOString().slice(0, 10),
  );

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `text` escaped, with every occurrence of `words` in `<mark>`, as the server highlights matches. */
function highlight(text: string, words: readonly string[]): string {
  if (!words.length) return escapeHtml(text);
  const pattern = new RegExp(`(${words.map(escapeRegExp).join('|')})`, 'gi');
  return text
    .split(pattern)
    .map((part, i) => (i % 2 ? `<mark>${escapeHtml(part)}</mark>` : escapeHtml(part)))
    .join('');
}

/** Waits for `gate`, or rejects as fetch does when `signal` aborts. */
function until(gate: Promise<void>, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const aborted = () => reject(signal.reason ?? new DOMException('Aborted', 'AbortError'));
    if (signal.aborted) return aborted();
    signal.addEventListener('abort', aborted, { once: true });
    void gate.then(resolve);
  });
}

const day = 86_400_000;
const iso = (offsetDays: number, from = Date.parse('2026-11-12T09:00:00Z')) =>
  new Date(from + offsetDays * day).toISOString();

/**
 * A stand-in for the Portico server's public content routes (knowledge base, FAQ, announcements, status page,
 * home, unsubscribe), in front of a {@link FakeDomains} (which answers the domain, store, account and auth routes
 * the home's parts use). Shapes and codes follow `packages/sdk/src/contract/content.ts`: a section in `hidden`
 * answers 404 on every route of it, only published articles are served, search hits carry escaped text with the
 * matches in `<mark>`, a vote replaces the visitor's last one, and an unsubscribe token works once.
 *
 * Search answers can be held until released (`holdSearch(q)`); like `fetch`, a held answer ends when the request
 * is aborted, and the aborted queries are recorded in `abortedSearches`.
 */
export class FakeContent {
  readonly domains: FakeDomains;
  readonly calls: FakeContentCall[] = [];
  /** Sections the business hides. */
  hidden = new Set<keyof PortalSections>();
  categories: FakeCategory[] = [];
  articles: FakeArticle[] = [];
  /** The visitor's own answers, by `visitor article-id` (visitor: the signed-in email, else `guest`). */
  readonly votes = new Map<string, 'yes' | 'no'>();
  faq: FaqGroup[] = [];
  /** Newest first. */
  announcements: Announcement[] = [];
  /** Unsubscribe tokens that work, and whether each was used. */
  readonly unsubscribeTokens = new Map<string, { used: boolean }>();
  components: FakeComponent[] = [];
  active: Incident[] = [];
  upcoming: Incident[] = [];
  recent: Incident[] = [];
  /** Incidents of the last 90 days, newest first (`GET /status/incidents`). */
  history: Incident[] = [];
  hero: Hero = {
    title: 'Hosting that just works',
    subtitle: 'Fast sites, friendly people.\n\nMoving is free.',
    cta: { label: 'See our plans', url: '/store' },
  };
  /** How many announcements the home lists. */
  homeAnnouncements = 3;
  /** Search queries whose request was aborted before the answer. */
  readonly abortedSearches: string[] = [];
  /** FAQ filters whose request was aborted before the answer. */
  readonly abortedFilters: string[] = [];
  readonly #gates = new Map<string, Promise<void>>();
  readonly #overrides = new RouteOverrides<FakeContentCall>();
  #ids = 0;

  constructor(domains: FakeDomains = new FakeDomains()) {
    this.domains = domains;
  }

  /** Categories, articles (one category with 25 to page through), FAQ groups and announcements. */
  seed(): this {
    this.categories = [
      {
        id: 'kbc_start',
        slug: 'getting-started',
        name: 'Getting started',
        description: 'Your first steps with us.',
      },
      { id: 'kbc_billing', slug: 'billing', name: 'Billing', description: 'Invoices, payments and refunds.' },
      { id: 'kbc_email', slug: 'email', name: 'Email', description: '' },
    ];
    this.addArticle({
      slug: 'reset-your-password',
      title: 'Reset your password',
      categoryId: 'kbc_start',
      text: 'Forgot your password? Use the reset link on the sign-in page. Steps below.',
      html: '<p>Forgot your password? Use the <strong>reset link</strong> on the sign-in page. <a href="#steps">Steps below</a>.</p><h2 id="steps">Steps</h2><ol><li>Open the sign-in page.</li><li>Press “Forgot password?”.</li></ol>',
      yes: 12,
      no: 3,
      related: ['two-step-verification'],
    });
    this.addArticle({
      slug: 'two-step-verification',
      title: 'Turn on two-step verification',
      categoryId: 'kbc_start',
      text: 'Protect your account with an authenticator app or a passkey.',
      related: ['reset-your-password'],
    });
    this.addArticle({
      slug: 'draft-article',
      title: 'A draft about passwords',
      categoryId: 'kbc_start',
      text: 'Not published yet.',
      published: false,
    });
    for (let i = 1; i <= 25; i++) {
      const n = String(i).padStart(2, '0');
      this.addArticle({
        slug: `invoice-question-${n}`,
        title: `Invoice question ${n}`,
        categoryId: 'kbc_billing',
        text: `How invoices work, part ${n}.`,
      });
    }
    this.faq = [
      {
        id: 'faqg_account',
        name: 'Your account',
        items: [
          {
            id: 'faq_password',
            question: 'How do I change my password?',
            html: '<p>Open <strong>Security</strong> in your profile.</p>',
          },
          {
            id: 'faq_email',
            question: 'Can I change my email address?',
            html: '<p>Yes, in your profile.</p>',
          },
        ],
      },
      {
        id: 'faqg_billing',
        name: 'Billing',
        items: [
          {
            id: 'faq_refund',
            question: 'Do you give refunds?',
            html: '<p>Within 30 days, see <a href="https://example.com/terms">our terms</a>.</p>',
          },
          {
            id: 'faq_methods',
            question: 'Which payment methods work?',
            html: '<p>Cards and bank transfer.</p>',
          },
        ],
      },
    ];
    for (let i = 1; i <= 14; i++) {
      const n = String(i).padStart(2, '0');
      this.announcements.push({
        id: this.#id('ann'),
        slug: `news-${n}`,
        title: `News ${n}`,
        excerpt: `What happened in part ${n}.`,
        html: `<p>What happened in <em>part ${n}</em>.</p>`,
        publishedAt: iso(-i),
      });
    }
    return this;
  }

  /** Components with 90 days of history, one incident going on, maintenance coming and a recent incident. */
  seedStatus(): this {
    const hosting = this.addComponent({ name: 'Web hosting', group: 'Hosting', uptime: 99.87 });
    hosting.days['2026-11-10'] = { status: 'partial_outage', incidents: 1 };
    hosting.days['2026-10-01'] = { status: 'major_outage', incidents: 2 };
    this.addComponent({ name: 'Control panel', group: 'Hosting', status: 'degraded', uptime: 100 });
    this.addComponent({ name: 'Email delivery', group: 'Email', uptime: 100 });
    this.addComponent({ name: 'API', group: null, uptime: 99.5 });
    this.active = [
      this.incident({
        title: 'Slow control panel',
        impact: 'minor',
        status: 'identified',
        components: [{ id: this.components[1]!.id, name: 'Control panel' }],
        startsAt: iso(0),
        updates: [
          this.update('identified', '<p>We found a <strong>slow database</strong>.</p>', iso(0, Date.now())),
          this.update('investigating', '<p>Looking into it.</p>', iso(-0.1, Date.now())),
        ],
      }),
    ];
    this.upcoming = [
      this.incident({
        kind: 'maintenance',
        title: 'Database upgrade',
        impact: 'none',
        status: 'scheduled',
        components: [{ id: this.components[0]!.id, name: 'Web hosting' }],
        startsAt: '2026-11-20T01:00:00Z',
        endsAt: '2026-11-20T03:00:00Z',
        updates: [this.update('scheduled', '<p>We will upgrade the database.</p>', iso(-1))],
      }),
    ];
    this.recent = [
      this.incident({
        title: 'Hosting outage',
        impact: 'major',
        status: 'resolved',
        components: [{ id: this.components[0]!.id, name: 'Web hosting' }],
        startsAt: '2026-11-10T08:00:00Z',
        resolvedAt: '2026-11-10T09:30:00Z',
        updates: [this.update('resolved', '<p>Fixed.</p>', '2026-11-10T09:30:00Z')],
      }),
    ];
    this.history = [
      ...this.recent,
      ...Array.from({ length: 12 }, (_, i) =>
        this.incident({
          title: `Old incident ${i + 1}`,
          impact: 'minor',
          status: 'resolved',
          startsAt: iso(-10 - i),
          resolvedAt: iso(-10 - i + 0.05),
          updates: [this.update('resolved', `<p>Done ${i + 1}.</p>`, iso(-10 - i + 0.05))],
        }),
      ),
    ];
    return this;
  }

  addArticle(
    article: Partial<FakeArticle> & Pick<FakeArticle, 'slug' | 'title' | 'categoryId'>,
  ): FakeArticle {
    const text = article.text ?? `About ${article.title}.`;
    const added: FakeArticle = {
      id: this.#id('kba'),
      text,
      html: `<p>${escapeHtml(text)}</p>`,
      published: true,
      publishedAt: iso(-30),
      updatedAt: iso(-2),
      yes: 0,
      no: 0,
      related: [],
      ...article,
    };
    this.articles.push(added);
    return added;
  }

  addComponent(component: Partial<FakeComponent> & Pick<FakeComponent, 'name'>): FakeComponent {
    const added: FakeComponent = {
      id: this.#id('stc'),
      description: '',
      group: null,
      status: 'operational',
      uptime: 100,
      days: {},
      ...component,
    };
    this.components.push(added);
    return added;
  }

  incident(incident: Partial<Incident> & Pick<Incident, 'title'>): Incident {
    return {
      id: this.#id('inc'),
      kind: 'incident',
      impact: 'minor',
      status: 'investigating',
      components: [],
      startsAt: iso(0),
      endsAt: null,
      resolvedAt: null,
      updates: [],
      ...incident,
    };
  }

  update(status: Incident['status'], html: string, createdAt: string): Incident['updates'][number] {
    return { id: this.#id('inu'), status, body: html.replace(/<[^>]+>/g, ''), html, createdAt };
  }

  /** Issues an unsubscribe token (the shape of a real link token). */
  addUnsubscribeToken(): string {
    const token = `pun_${'a'.repeat(20)}${String(++this.#ids).padStart(23, '0')}`;
    this.unsubscribeTokens.set(token, { used: false });
    return token;
  }

  /** Holds the answer to the search for `q` until the returned function is called. */
  holdSearch(q: string): () => void {
    return this.#hold(`search ${q}`);
  }

  /** Holds the answer to the FAQ filtered by `q` until the returned function is called. */
  holdFilter(q: string): () => void {
    return this.#hold(`faq ${q}`);
  }

  #hold(key: string): () => void {
    let release!: () => void;
    this.#gates.set(
      key,
      new Promise<void>((resolve) => {
        release = resolve;
      }),
    );
    return () => {
      this.#gates.delete(key);
      release();
    };
  }

  /** Answers the next `times` requests to `route` (e.g. `GET /api/v1/kb/search`) with `handler`. */
  answer(route: string, handler: Handler, times = 1): void {
    this.#overrides.set(route, handler, times);
  }

  /** Requests made to `route` (`METHOD /path` or just the path). */
  callsTo(route: string): FakeContentCall[] {
    return this.calls.filter((c) => c.path === route || `${c.method} ${c.path}` === route);
  }

  /** A client in token mode talking to this fake, optionally already signed in as `email`. */
  client(email?: string): PortalClient {
    let token: string | undefined;
    if (email) {
      token = `tok_content_${++this.#ids}`;
      this.domains.commerce.account.portal.sessions.set(token, email);
    }
    return fakeClient(this.fetch, token);
  }

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (!/^\/api\/v1\/(kb|faq|announcements|status|home)(\/|$)/.test(url.pathname)) {
      return this.domains.fetch(request);
    }
    const bearer = request.headers.get('authorization')?.replace(/^Bearer /, '') ?? '';
    const email = this.domains.commerce.account.portal.sessions.get(bearer);
    const text = request.method === 'GET' ? '' : await request.text();
    const call: FakeContentCall = {
      method: request.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: text ? JSON.parse(text) : undefined,
      signedIn: !!email,
    };
    this.calls.push(call);
    return this.#overrides.answer(call) ?? this.#route(call, email, request.signal);
  };

  async #route(call: FakeContentCall, email: string | undefined, signal: AbortSignal): Promise<Response> {
    const parts = call.path.split('/').slice(3);
    const off = (section: keyof PortalSections) => this.hidden.has(section);
    const hiddenAnswer = () => problem(404, 'NOT_FOUND', 'This page is not available.');
    const visitor = email ?? 'guest';
    const route = `${call.method} /${parts.map((p, i) => (i > 0 && !/^(search|vote|unsubscribe|incidents|articles|categories)$/.test(p) ? ':ref' : p)).join('/')}`;
    switch (route) {
      case 'GET /kb/categories':
        if (off('knowledgeBase')) return hiddenAnswer();
        return json(200, {
          items: this.categories.map((c) => ({
            ...c,
            articleCount: this.#published().filter((a) => a.categoryId === c.id).length,
          })),
        });
      case 'GET /kb/articles': {
        if (off('knowledgeBase')) return hiddenAnswer();
        const ref = call.query.category;
        const category = ref ? this.categories.find((c) => c.slug === ref || c.id === ref) : undefined;
        if (ref && !category) return problem(404, 'NOT_FOUND', 'There is no such category.');
        const all = this.#published().filter((a) => !category || a.categoryId === category.id);
        return json(
          200,
          this.#page(
            all.map((a) => this.#summary(a)),
            call.query,
          ),
        );
      }
      case 'GET /kb/articles/:ref': {
        if (off('knowledgeBase')) return hiddenAnswer();
        const article = this.#published().find((a) => a.slug === parts[2] || a.id === parts[2]);
        if (!article) return problem(404, 'NOT_FOUND', 'There is no such article.');
        return json(200, {
          ...this.#summary(article),
          html: article.html,
          votes: this.#votes(article, visitor),
          related: article.related
            .map((slug) => this.#published().find((a) => a.slug === slug))
            .filter((a): a is FakeArticle => !!a)
            .map((a) => this.#summary(a)),
        });
      }
      case 'GET /kb/search': {
        if (off('knowledgeBase')) return hiddenAnswer();
        const q = (call.query.q ?? '').trim();
        if (!q) {
          return problem(400, 'VALIDATION_FAILED', 'The request has invalid fields', [
            { path: 'q', message: 'Type something to search for' },
          ]);
        }
        await this.#wait(`search ${q}`, signal, this.abortedSearches, q);
        const words = q.toLowerCase().split(/\s+/);
        const items = this.#published()
          .filter((a) => words.every((w) => `${a.title} ${a.text}`.toLowerCase().includes(w)))
          .slice(0, Number(call.query.limit ?? 10))
          .map((a) => ({
            article: this.#summary(a),
            title: highlight(a.title, words),
            snippet: highlight(a.text, words),
          }));
        return json(200, { items });
      }
      case 'PUT /kb/articles/:ref/vote': {
        if (off('knowledgeBase')) return hiddenAnswer();
        const article = this.#published().find((a) => a.id === parts[2]);
        if (!article) return problem(404, 'NOT_FOUND', 'There is no such article.');
        const key = `${visitor} ${article.id}`;
        const before = this.votes.get(key);
        const now = call.body?.helpful ? 'yes' : 'no';
        if (before) article[before]--;
        article[now]++;
        this.votes.set(key, now);
        return json(200, this.#votes(article, visitor));
      }
      case 'GET /faq': {
        if (off('faq')) return hiddenAnswer();
        await this.#wait(`faq ${call.query.q ?? ''}`, signal, this.abortedFilters, call.query.q ?? '');
        const q = (call.query.q ?? '').trim().toLowerCase();
        const groups = this.faq
          .map((g) => ({
            ...g,
            items: g.items.filter((i) => !q || `${i.question} ${i.html}`.toLowerCase().includes(q)),
          }))
          .filter((g) => !q || g.items.length);
        return json(200, { groups });
      }
      case 'GET /announcements':
        if (off('announcements')) return hiddenAnswer();
        return json(
          200,
          this.#page(
            this.announcements.map(({ html: _, ...summary }) => summary),
            call.query,
            10,
          ),
        );
      case 'POST /announcements/unsubscribe': {
        const link = this.unsubscribeTokens.get(String(call.body?.token ?? ''));
        if (!link || link.used) return problem(400, 'LINK_INVALID', 'This link is not valid any more.');
        link.used = true;
        return new Response(null, { status: 204 });
      }
      case 'GET /announcements/:ref': {
        if (off('announcements')) return hiddenAnswer();
        const found = this.announcements.find((a) => a.slug === parts[1] || a.id === parts[1]);
        return found ? json(200, found) : problem(404, 'NOT_FOUND', 'There is no such announcement.');
      }
      case 'GET /status': {
        if (off('status')) return hiddenAnswer();
        const components = this.statusComponents();
        const order: ComponentStatus[] = [
          'operational',
          'maintenance',
          'degraded',
          'partial_outage',
          'major_outage',
        ];
        const overall = components.reduce<ComponentStatus>(
          (worst, c) => (order.indexOf(c.status) > order.indexOf(worst) ? c.status : worst),
          'operational',
        );
        return json(200, {
          overall,
          components,
          active: this.active,
          upcoming: this.upcoming,
          recent: this.recent,
        });
      }
      case 'GET /status/incidents':
        if (off('status')) return hiddenAnswer();
        return json(200, this.#page(this.history, call.query));
      case 'GET /home': {
        const sections: PortalSections = {
          knowledgeBase: !off('knowledgeBase'),
          faq: !off('faq'),
          status: !off('status'),
          announcements: !off('announcements'),
          store: !off('store'),
          domainSearch: !off('domainSearch'),
        };
        const commerce = this.domains.commerce;
        const currency = email
          ? commerce.account.details[commerce.account.active]!.currency
          : commerce.currencies[0]!;
        const featured = sections.store
          ? commerce
              .catalog(currency)
              .groups.flatMap((g) => g.products)
              .filter((p) => p.featured && p.inStock)
          : [];
        const announcements = sections.announcements
          ? this.announcements.slice(0, this.homeAnnouncements).map(({ html: _, ...summary }) => summary)
          : [];
        return json(200, { hero: this.hero, sections, currency, featuredProducts: featured, announcements });
      }
      default:
        return problem(404, 'NOT_FOUND', 'No such route.');
    }
  }

  /** The components as `GET /status` lists them: 90 days each, oldest first. */
  statusComponents(): StatusComponent[] {
    const dates = statusDates();
    return this.components.map(({ days, ...component }) => ({
      ...component,
      days: dates.map((date) => ({ date, status: 'operational' as const, incidents: 0, ...days[date] })),
    }));
  }

  /** Waits while `key` is held; an abort before the release is recorded in `aborted` (as `what`) and rethrown. */
  async #wait(key: string, signal: AbortSignal, aborted: string[], what: string) {
    const gate = this.#gates.get(key);
    if (!gate) return;
    try {
      await until(gate, signal);
    } catch (error) {
      aborted.push(what);
      throw error;
    }
  }

  #published() {
    return this.articles.filter((a) => a.published);
  }

  #summary(a: FakeArticle): KbArticleSummary {
    const category = this.categories.find((c) => c.id === a.categoryId)!;
    return {
      id: a.id,
      slug: a.slug,
      title: a.title,
      excerpt: a.text.slice(0, 200),
      category: { id: category.id, slug: category.slug, name: category.name },
      publishedAt: a.publishedAt,
      updatedAt: a.updatedAt,
    };
  }

  #votes(article: FakeArticle, visitor: string) {
    return { yes: article.yes, no: article.no, mine: this.votes.get(`${visitor} ${article.id}`) ?? null };
  }

  #page<T>(all: T[], query: Record<string, string>, defaultLimit = 20) {
    const limit = Number(query.limit ?? defaultLimit);
    const start = query.cursor ? Number(query.cursor) : 0;
    const next = start + limit < all.length ? String(start + limit) : null;
    return { items: all.slice(start, start + limit), nextCursor: next };
  }

  #id(prefix: string) {
    return `${prefix}_${String(++this.#ids).padStart(26, '0')}`;
  }
}

/** Renders `content` in a provider talking to the fake, signed out unless `signedInAs` names someone. */
export function inContentProvider<T extends LitElement>(
  fake: FakeContent,
  content: TemplateResult,
  selector: string,
  options: { signedInAs?: string | null; lang?: string } = {},
): Promise<T> {
  return inFakeProvider<T>(fake, content, selector, { signedInAs: null, ...options });
}
