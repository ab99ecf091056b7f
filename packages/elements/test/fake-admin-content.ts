import type {
  AdminAnnouncement,
  AdminFaqGroup,
  AdminFaqItem,
  AdminKbArticle,
  AdminKbCategory,
  AdminStatusComponent,
  ComponentStatus,
  HomeSettings,
  Incident,
  IncidentImpact,
  IncidentStatus,
} from '@portico/sdk/admin';
import { INCIDENT_STATUSES, MAINTENANCE_STATUSES } from '@portico/sdk/contract';
import type { LitElement } from 'lit';
import { slugify } from '../src/admin/lib/content-labels.js';
import { FakeAdmin, type FakeStaff, json, notFound, pageOf, problem } from './fake-admin.js';

/** A category as the fake stores it (its counts are worked out when listed). */
type FakeCategory = Omit<AdminKbCategory, 'articleCount' | 'allArticles'>;
/** An article as the fake stores it (its category is looked up when answered). */
type FakeArticle = Omit<AdminKbArticle, 'category'> & { categoryId: string };
/** An incident as the fake stores it (its components' names are looked up when answered). */
type FakeIncident = Omit<Incident, 'components'> & { componentIds: string[] };

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A small stand-in for the server's Markdown renderer: paragraphs, `**bold**`, `## headings`, all text escaped. */
export function fakeMarkdown(source: string): string {
  return source
    .trim()
    .split(/\n{2,}/)
    .filter(Boolean)
    .map((block) => {
      const heading = /^(#{1,6})\s+(.*)$/.exec(block);
      const text = (s: string) => escapeHtml(s).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>');
      return heading
        ? `<h${heading[1]!.length}>${text(heading[2]!)}</h${heading[1]!.length}>`
        : `<p>${text(block).replace(/\n/g, '<br>')}</p>`;
    })
    .join('\n');
}

/** The status an incident's impact puts its components in, when the staff member does not say. */
const IMPACT_STATUS: Record<IncidentImpact, ComponentStatus> = {
  none: 'operational',
  minor: 'degraded',
  major: 'partial_outage',
  critical: 'major_outage',
};

const DAY = 86_400_000;

/**
 * The fake staff API with public content: knowledge-base categories and articles, FAQ groups and questions,
 * announcements (draft, scheduled, published, mailed), status components, incidents and maintenance with their
 * updates, and the portal home. Markdown is rendered by `render` (escaped text by default; set it to return its
 * input to play a hostile server sending raw HTML). Its clock (`now`) is fixed, so "scheduled" and "published"
 * do not depend on the day the tests run.
 */
export class FakeAdminContent extends FakeAdmin {
  readonly categories: FakeCategory[] = [];
  readonly articles: FakeArticle[] = [];
  readonly faq: AdminFaqGroup[] = [];
  readonly announcements: AdminAnnouncement[] = [];
  readonly components: AdminStatusComponent[] = [];
  readonly incidents: FakeIncident[] = [];
  home: HomeSettings = {
    hero: {
      title: 'Hosting that just works',
      subtitle: 'Web hosting, email and domains with people who answer.',
      cta: { label: 'See plans', url: '/store' },
    },
    featuredLimit: 3,
    announcementsLimit: 3,
  };
  /** The fake's clock, in milliseconds: the pages under test are given the same one. */
  now = Date.parse('2025-06-02T10:00:00Z');
  /** How many people a mailing reaches. */
  recipients = 42;
  /** Markdown to HTML, as the server would answer it. */
  render: (markdown: string) => string = fakeMarkdown;
  #n = 0;

  constructor() {
    super();
    const started = this.addCategory({ name: 'Getting started', description: 'First steps in the portal.' });
    const email = this.addCategory({ name: 'Email', description: 'Mailboxes, IMAP and webmail.' });
    this.addCategory({ name: 'Billing', description: '' });
    this.addArticle({
      title: 'Reset your password',
      categoryId: started.id,
      status: 'published',
      body: 'Open **Sign in** and choose *Forgot password*.',
      votes: { yes: 12, no: 3 },
      updatedAt: this.#at(-5),
    });
    this.addArticle({
      title: 'Set up IMAP',
      categoryId: email.id,
      status: 'published',
      body: '## Server\n\nUse imap.example.com on port 993.',
      updatedAt: this.#at(-3),
    });
    this.addArticle({
      title: 'Move your site to us',
      categoryId: started.id,
      body: 'Coming soon.',
      updatedAt: this.#at(-1),
    });

    const billing = this.addFaqGroup('Billing');
    this.addFaqItem(billing, 'How do I pay?', 'By card or **bank transfer**.');
    this.addFaqItem(billing, 'Can I get a refund?', 'Within 30 days.');
    this.addFaqItem(billing, 'Do you charge VAT?', 'Where the law says so.');
    const accounts = this.addFaqGroup('Accounts');
    this.addFaqItem(accounts, 'How do I add a contact?', 'Under **Contacts**.');
    this.addFaqGroup('Domains');

    this.addAnnouncement({
      title: 'Maintenance on Saturday',
      publishedAt: this.#at(-10),
      emailedAt: this.#at(-10, 3_600_000),
      emailRecipients: 37,
    });
    this.addAnnouncement({ title: 'A new data centre in Madrid', publishedAt: this.#at(-2) });
    this.addAnnouncement({ title: 'Prices for 2026', publishedAt: this.#at(5) });
    this.addAnnouncement({ title: 'Holiday opening hours', publishedAt: null });

    const web = this.addComponent({
      name: 'Web hosting',
      group: 'Hosting',
      description: 'Shared hosting servers.',
    });
    const mail = this.addComponent({ name: 'Email', group: 'Email', status: 'degraded' });
    this.addComponent({ name: 'DNS', group: null });
    this.addIncident({
      title: 'Website outage in Frankfurt',
      status: 'resolved',
      impact: 'major',
      componentIds: [web.id],
      startsAt: this.#at(-20),
      resolvedAt: this.#at(-20, 7_200_000),
      updates: [
        this.#update('resolved', 'Everything is back.', this.#at(-20, 7_200_000)),
        this.#update('investigating', 'Sites in Frankfurt do not load.', this.#at(-20)),
      ],
    });
    this.addIncident({
      kind: 'maintenance',
      title: 'Database upgrade',
      status: 'scheduled',
      impact: 'none',
      componentIds: [web.id],
      startsAt: this.#at(3),
      endsAt: this.#at(3, 7_200_000),
      updates: [this.#update('scheduled', 'We upgrade the database servers.', this.#at(-1))],
    });
    this.addIncident({
      title: 'Email delays',
      status: 'investigating',
      impact: 'minor',
      componentIds: [mail.id],
      startsAt: this.#at(0, -3_600_000),
      updates: [this.#update('investigating', 'Some mail arrives late.', this.#at(0, -3_600_000))],
    });
  }

  addCategory(o: Partial<FakeCategory> & { name: string }): FakeCategory {
    const category: FakeCategory = {
      id: this.#id('kbc'),
      slug: slugify(o.name),
      description: '',
      position: this.categories.length * 10,
      ...o,
    };
    this.categories.push(category);
    return category;
  }

  addArticle(o: Partial<FakeArticle> & { title: string; categoryId: string }): FakeArticle {
    const at = this.#iso();
    const body = o.body ?? 'Text.';
    const article: FakeArticle = {
      id: this.#id('kba'),
      slug: slugify(o.title),
      status: 'draft',
      position: 0,
      body,
      html: this.render(body),
      votes: { yes: 0, no: 0 },
      publishedAt: o.status === 'published' ? at : null,
      createdAt: at,
      updatedAt: at,
      ...o,
    };
    this.articles.push(article);
    return article;
  }

  addFaqGroup(name: string): AdminFaqGroup {
    const group: AdminFaqGroup = { id: this.#id('faqg'), name, position: this.faq.length, items: [] };
    this.faq.push(group);
    return group;
  }

  addFaqItem(group: AdminFaqGroup, question: string, answer: string): AdminFaqItem {
    const item: AdminFaqItem = {
      id: this.#id('faq'),
      groupId: group.id,
      question,
      answer,
      html: this.render(answer),
      position: group.items.length,
      updatedAt: this.#iso(),
    };
    group.items.push(item);
    return item;
  }

  addAnnouncement(o: Partial<AdminAnnouncement> & { title: string }): AdminAnnouncement {
    const body = o.body ?? `About ${o.title.toLowerCase()}.`;
    const at = this.#iso();
    const a: AdminAnnouncement = {
      id: this.#id('ann'),
      slug: slugify(o.title),
      body,
      html: this.render(body),
      publishedAt: null,
      emailedAt: null,
      emailRecipients: null,
      createdAt: at,
      updatedAt: at,
      ...o,
    };
    this.announcements.push(a);
    return a;
  }

  addComponent(o: Partial<AdminStatusComponent> & { name: string }): AdminStatusComponent {
    const c: AdminStatusComponent = {
      id: this.#id('stc'),
      description: '',
      group: null,
      status: 'operational',
      uptime: 99.95,
      days: [],
      position: this.components.length * 10,
      ...o,
    };
    this.components.push(c);
    return c;
  }

  addIncident(o: Partial<FakeIncident> & { title: string }): FakeIncident {
    const incident: FakeIncident = {
      id: this.#id('inc'),
      kind: 'incident',
      impact: 'minor',
      status: 'investigating',
      componentIds: [],
      startsAt: this.#iso(),
      endsAt: null,
      resolvedAt: null,
      updates: [],
      ...o,
    };
    this.incidents.push(incident);
    return incident;
  }

  /** The stored article titled `title`. */
  article(title: string): FakeArticle {
    return this.#find(this.articles, (a) => a.title === title, title);
  }
  category(name: string): FakeCategory {
    return this.#find(this.categories, (c) => c.name === name, name);
  }
  announcement(title: string): AdminAnnouncement {
    return this.#find(this.announcements, (a) => a.title === title, title);
  }
  component(name: string): AdminStatusComponent {
    return this.#find(this.components, (c) => c.name === name, name);
  }
  incident(title: string): FakeIncident {
    return this.#find(this.incidents, (i) => i.title === title, title);
  }
  faqItem(question: string): AdminFaqItem {
    return this.#find(
      this.faq.flatMap((g) => g.items),
      (i) => i.question === question,
      question,
    );
  }

  /** An article as the API answers it (with its category). */
  answerOf(a: FakeArticle): AdminKbArticle {
    const { categoryId, ...rest } = a;
    const c = this.categories.find((x) => x.id === categoryId);
    return { ...rest, category: { id: categoryId, slug: c?.slug ?? '', name: c?.name ?? '' } };
  }

  protected override handleMore(
    id: string,
    params: Record<string, string>,
    body: any,
    query: any,
    _me: FakeStaff | undefined,
  ): Response | undefined {
    if (!id.startsWith('adminContent.')) return undefined;
    switch (id.slice('adminContent.'.length)) {
      case 'preview':
        return json(200, { html: this.render(body.markdown) });
      case 'listKbCategories':
        return json(200, { items: this.#sortedCategories().map(this.#category) });
      case 'createKbCategory': {
        const s = body.slug ?? slugify(body.name);
        if (this.categories.some((c) => c.slug === s)) return slugTaken('category');
        return json(201, this.#category(this.addCategory({ ...body, slug: s })));
      }
      case 'updateKbCategory': {
        const c = this.categories.find((x) => x.id === params.categoryId);
        if (!c) return notFound('category');
        if (body.slug && this.categories.some((x) => x !== c && x.slug === body.slug)) {
          return slugTaken('category');
        }
        Object.assign(c, body);
        return json(200, this.#category(c));
      }
      case 'deleteKbCategory': {
        const at = this.categories.findIndex((x) => x.id === params.categoryId);
        if (at < 0) return notFound('category');
        if (this.articles.some((a) => a.categoryId === params.categoryId)) {
          return problem(409, 'CONFLICT', 'This category has articles. Move or delete them first.');
        }
        this.categories.splice(at, 1);
        return new Response(null, { status: 204 });
      }
      case 'listKbArticles': {
        const q = (query.q ?? '').toLowerCase();
        const items = this.articles
          .filter(
            (a) =>
              (!query.categoryId || a.categoryId === query.categoryId) &&
              (!query.status || a.status === query.status) &&
              (!q || a.title.toLowerCase().includes(q)),
          )
          .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
          .map((a) => this.answerOf(a));
        return json(200, pageOf(items, query));
      }
      case 'getKbArticle': {
        const a = this.articles.find((x) => x.id === params.articleId);
        return a ? json(200, this.answerOf(a)) : notFound('article');
      }
      case 'createKbArticle': {
        if (!this.categories.some((c) => c.id === body.categoryId)) return notFound('category');
        const s = body.slug ?? slugify(body.title);
        if (this.articles.some((a) => a.slug === s)) return slugTaken('article');
        const a = this.addArticle({ ...body, slug: s, html: this.render(body.body), updatedAt: this.#iso() });
        return json(201, this.answerOf(a));
      }
      case 'updateKbArticle': {
        const a = this.articles.find((x) => x.id === params.articleId);
        if (!a) return notFound('article');
        if (body.slug && this.articles.some((x) => x !== a && x.slug === body.slug))
          return slugTaken('article');
        Object.assign(a, body, { updatedAt: this.#iso() });
        if (body.body !== undefined) a.html = this.render(body.body);
        if (body.status === 'published' && !a.publishedAt) a.publishedAt = a.updatedAt;
        return json(200, this.answerOf(a));
      }
      case 'deleteKbArticle': {
        const at = this.articles.findIndex((x) => x.id === params.articleId);
        if (at < 0) return notFound('article');
        this.articles.splice(at, 1);
        return new Response(null, { status: 204 });
      }
      case 'listFaq':
        return json(200, { items: this.#sortedFaq() });
      case 'createFaqGroup':
        return json(201, this.addFaqGroup(body.name));
      case 'updateFaqGroup': {
        const g = this.faq.find((x) => x.id === params.groupId);
        if (!g) return notFound('group');
        Object.assign(g, body);
        return json(200, g);
      }
      case 'deleteFaqGroup': {
        const at = this.faq.findIndex((x) => x.id === params.groupId);
        if (at < 0) return notFound('group');
        if (this.faq[at]!.items.length) {
          return problem(409, 'CONFLICT', 'This group has questions. Move or delete them first.');
        }
        this.faq.splice(at, 1);
        return new Response(null, { status: 204 });
      }
      case 'createFaqItem': {
        const g = this.faq.find((x) => x.id === body.groupId);
        if (!g) return notFound('group');
        const item = this.addFaqItem(g, body.question, body.answer);
        if (body.position !== undefined) item.position = body.position;
        return json(201, item);
      }
      case 'updateFaqItem': {
        const g = this.faq.find((x) => x.items.some((i) => i.id === params.itemId));
        const item = g?.items.find((i) => i.id === params.itemId);
        if (!g || !item) return notFound('question');
        if (body.groupId && body.groupId !== g.id) {
          const to = this.faq.find((x) => x.id === body.groupId);
          if (!to) return notFound('group');
          g.items.splice(g.items.indexOf(item), 1);
          to.items.push(item);
          item.position = body.position ?? to.items.length - 1;
        }
        Object.assign(item, body, { updatedAt: this.#iso() });
        if (body.answer !== undefined) item.html = this.render(body.answer);
        return json(200, item);
      }
      case 'deleteFaqItem': {
        const g = this.faq.find((x) => x.items.some((i) => i.id === params.itemId));
        if (!g) return notFound('question');
        g.items = g.items.filter((i) => i.id !== params.itemId);
        return new Response(null, { status: 204 });
      }
      case 'listAnnouncements': {
        const state = (a: AdminAnnouncement) =>
          !a.publishedAt ? 'draft' : Date.parse(a.publishedAt) > this.now ? 'scheduled' : 'published';
        const items = this.announcements
          .filter((a) => !query.status || state(a) === query.status)
          .sort((a, b) => (b.publishedAt ?? '9999').localeCompare(a.publishedAt ?? '9999'));
        return json(200, pageOf(items, query));
      }
      case 'getAnnouncement': {
        const a = this.announcements.find((x) => x.id === params.announcementId);
        return a ? json(200, a) : notFound('announcement');
      }
      case 'createAnnouncement': {
        const s = body.slug ?? slugify(body.title);
        if (this.announcements.some((a) => a.slug === s)) return slugTaken('announcement');
        const a = this.addAnnouncement({
          ...body,
          slug: s,
          publishedAt: body.publishedAt ? new Date(body.publishedAt).toISOString() : null,
          html: this.render(body.body),
        });
        return json(201, a);
      }
      case 'updateAnnouncement': {
        const a = this.announcements.find((x) => x.id === params.announcementId);
        if (!a) return notFound('announcement');
        if (body.slug && this.announcements.some((x) => x !== a && x.slug === body.slug)) {
          return slugTaken('announcement');
        }
        const { publishedAt, ...rest } = body;
        Object.assign(a, rest, { updatedAt: this.#iso() });
        if (publishedAt !== undefined)
          a.publishedAt = publishedAt ? new Date(publishedAt).toISOString() : null;
        if (body.body !== undefined) a.html = this.render(body.body);
        return json(200, a);
      }
      case 'deleteAnnouncement': {
        const at = this.announcements.findIndex((x) => x.id === params.announcementId);
        if (at < 0) return notFound('announcement');
        this.announcements.splice(at, 1);
        return new Response(null, { status: 204 });
      }
      case 'mailAnnouncement': {
        const a = this.announcements.find((x) => x.id === params.announcementId);
        if (!a) return notFound('announcement');
        if (!a.publishedAt || Date.parse(a.publishedAt) > this.now) {
          return problem(409, 'CONFLICT', 'Only a published announcement can be mailed.');
        }
        if (a.emailedAt) return problem(409, 'CONFLICT', 'This announcement was already mailed.');
        a.emailedAt = new Date(this.now).toISOString();
        a.emailRecipients = this.recipients;
        return json(202, { recipients: this.recipients, emailedAt: a.emailedAt });
      }
      case 'listStatusComponents':
        return json(200, { items: [...this.components].sort((a, b) => a.position - b.position) });
      case 'createStatusComponent':
        return json(201, this.addComponent(body));
      case 'updateStatusComponent': {
        const c = this.components.find((x) => x.id === params.componentId);
        if (!c) return notFound('component');
        Object.assign(c, body);
        return json(200, c);
      }
      case 'deleteStatusComponent': {
        const at = this.components.findIndex((x) => x.id === params.componentId);
        if (at < 0) return notFound('component');
        this.components.splice(at, 1);
        for (const i of this.incidents)
          i.componentIds = i.componentIds.filter((c) => c !== params.componentId);
        return new Response(null, { status: 204 });
      }
      case 'listIncidents': {
        const closed = (i: FakeIncident) => i.status === 'resolved' || i.status === 'completed';
        const items = this.incidents
          .filter(
            (i) =>
              (!query.kind || i.kind === query.kind) &&
              (query.open === undefined || closed(i) === (query.open === 'false')),
          )
          .sort((a, b) => b.startsAt.localeCompare(a.startsAt))
          .map(this.#incident);
        return json(200, pageOf(items, query));
      }
      case 'getIncident': {
        const i = this.incidents.find((x) => x.id === params.incidentId);
        return i ? json(200, this.#incident(i)) : notFound('incident');
      }
      case 'createIncident': {
        const unknown = body.componentIds.find((c: string) => !this.components.some((x) => x.id === c));
        if (unknown) return notFound('component');
        const maintenance = body.kind === 'maintenance';
        const status: IncidentStatus = body.status ?? (maintenance ? 'scheduled' : 'investigating');
        const at = new Date(this.now).toISOString();
        const incident = this.addIncident({
          kind: body.kind,
          title: body.title,
          impact: body.impact,
          status,
          componentIds: body.componentIds,
          startsAt: body.startsAt ? new Date(body.startsAt).toISOString() : at,
          endsAt: body.endsAt ? new Date(body.endsAt).toISOString() : null,
          updates: [this.#update(status, body.message, at)],
        });
        const to =
          body.componentStatus ??
          (maintenance
            ? status === 'in_progress'
              ? 'maintenance'
              : undefined
            : IMPACT_STATUS[incident.impact]);
        if (to) this.#setComponents(incident.componentIds, to);
        return json(201, this.#incident(incident));
      }
      case 'editIncident': {
        const i = this.incidents.find((x) => x.id === params.incidentId);
        if (!i) return notFound('incident');
        const { startsAt, endsAt, ...rest } = body;
        Object.assign(i, rest);
        if (startsAt !== undefined) i.startsAt = new Date(startsAt).toISOString();
        if (endsAt !== undefined) i.endsAt = endsAt ? new Date(endsAt).toISOString() : null;
        return json(200, this.#incident(i));
      }
      case 'addIncidentUpdate': {
        const i = this.incidents.find((x) => x.id === params.incidentId);
        if (!i) return notFound('incident');
        const allowed: readonly string[] =
          i.kind === 'maintenance' ? MAINTENANCE_STATUSES : INCIDENT_STATUSES;
        if (!allowed.includes(body.status)) {
          return problem(422, 'VALIDATION_FAILED', 'The request is not valid.', [
            { path: 'status', message: 'That status is not one of this kind' },
          ]);
        }
        const at = new Date(this.now + i.updates.length * 60_000).toISOString();
        i.status = body.status;
        i.updates.unshift(this.#update(body.status, body.message, at));
        if (body.status === 'resolved' || body.status === 'completed') {
          i.resolvedAt = at;
          this.#setComponents(i.componentIds, body.componentStatus ?? 'operational');
        } else if (body.componentStatus) {
          this.#setComponents(i.componentIds, body.componentStatus);
        }
        return json(201, this.#incident(i));
      }
      case 'deleteIncident': {
        const at = this.incidents.findIndex((x) => x.id === params.incidentId);
        if (at < 0) return notFound('incident');
        this.incidents.splice(at, 1);
        return new Response(null, { status: 204 });
      }
      case 'getHome':
        return json(200, this.home);
      case 'updateHome':
        this.home = { ...this.home, ...body };
        return json(200, this.home);
    }
    return undefined;
  }

  #category = (c: FakeCategory): AdminKbCategory => {
    const mine = this.articles.filter((a) => a.categoryId === c.id);
    return {
      ...c,
      articleCount: mine.filter((a) => a.status === 'published').length,
      allArticles: mine.length,
    };
  };

  #sortedCategories() {
    return [...this.categories].sort((a, b) => a.position - b.position);
  }

  #sortedFaq(): AdminFaqGroup[] {
    return [...this.faq]
      .sort((a, b) => a.position - b.position)
      .map((g) => ({ ...g, items: [...g.items].sort((a, b) => a.position - b.position) }));
  }

  #incident = (i: FakeIncident): Incident => {
    const { componentIds, ...rest } = i;
    return {
      ...rest,
      components: componentIds.flatMap((id) => {
        const c = this.components.find((x) => x.id === id);
        return c ? [{ id, name: c.name }] : [];
      }),
    };
  };

  #setComponents(ids: string[], status: ComponentStatus) {
    for (const c of this.components) if (ids.includes(c.id)) c.status = status;
  }

  #update(status: IncidentStatus, body: string, createdAt: string) {
    return { id: this.#id('incu'), status, body, html: this.render(body), createdAt };
  }

  /** `days` from the fake's now (plus `ms`), as ISO. */
  #at(days: number, ms = 0) {
    return new Date(this.now + days * DAY + ms).toISOString();
  }

  #iso() {
    this.#n++;
    return new Date(this.now - DAY + this.#n * 60_000).toISOString();
  }

  #id(prefix: string) {
    this.#n++;
    return `${prefix}_${String(this.#n).padStart(26, '0')}`;
  }

  #find<T>(list: T[], test: (x: T) => boolean, what: string): T {
    const found = list.find(test);
    if (!found) throw new Error(`No ${what}`);
    return found;
  }
}

const slugTaken = (what: string) =>
  problem(409, 'CONFLICT', `Another ${what} already uses this slug.`, [
    { path: 'slug', message: `Another ${what} already uses this slug.` },
  ]);

/** Types `text` into the page's Markdown editor (the first, else the one named `name`) as a person would. */
export async function typeMarkdown(page: LitElement, text: string, name?: string): Promise<void> {
  const selector = name ? `portal-admin-markdown-editor[name="${name}"]` : 'portal-admin-markdown-editor';
  const area = page.shadowRoot!.querySelector(selector)!.shadowRoot!.querySelector('textarea')!;
  area.value = text;
  area.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await page.updateComplete;
}
