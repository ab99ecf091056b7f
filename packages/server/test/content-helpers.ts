import type { AdminKbArticle, AdminKbCategory, KbArticleInput } from '@portico/sdk/contract';
import type { Config } from '../src/config.js';
import type { StaffChange } from '../src/modules/settings/service.js';
import { type StaffLogin, staffSession, startServer, type TestServer } from './helpers.js';
import { setSections } from './news-helpers.js';

export const KB = '/api/v1/kb';
export const ADMIN_KB = '/api/admin/v1/kb';
export const ADMIN_FAQ = '/api/admin/v1/faq';

/** A server for content tests: rate limits off unless a test wants them (`rateLimitScale: 1`). */
export function startContentServer(config: Partial<Config> = {}): Promise<TestServer> {
  return startServer({ rateLimitScale: 1_000, ...config });
}

/** A staff change made straight for the services (no HTTP), by a real admin. */
export async function adminChange(s: TestServer): Promise<{ change: StaffChange; login: StaffLogin }> {
  const login = await staffSession(s, 'admin');
  return {
    login,
    change: {
      staff: {
        kind: 'staff',
        sessionId: 'test',
        staffId: login.id,
        email: login.email,
        role: 'admin',
        mfaEnrolmentRequired: false,
      },
      origin: { ip: '127.0.0.1' },
    },
  };
}

/** Writes categories and articles through the staff service. */
export class KbFixture {
  private constructor(
    private readonly s: TestServer,
    readonly change: StaffChange,
    readonly login: StaffLogin,
  ) {}

  static async create(s: TestServer): Promise<KbFixture> {
    const { change, login } = await adminChange(s);
    return new KbFixture(s, change, login);
  }

  category(name: string, extra: { slug?: string; position?: number } = {}): Promise<AdminKbCategory> {
    return this.s.app.portico.content.kbAdmin.createCategory({ name, ...extra }, this.change);
  }

  /** A published article unless `status` says otherwise. */
  article(
    category: AdminKbCategory,
    title: string,
    body: string,
    extra: Partial<Omit<KbArticleInput, 'title' | 'body' | 'categoryId'>> = {},
  ): Promise<AdminKbArticle> {
    return this.s.app.portico.content.kbAdmin.createArticle(
      { title, body, categoryId: category.id, status: 'published', ...extra },
      this.change,
    );
  }

  /** Turns a section of the portal on or off. */
  section(name: 'knowledgeBase' | 'faq', on: boolean): Promise<void> {
    return setSections(this.s, { [name]: on });
  }
}

/** Tags in an HTML string, lower-cased, open and close (`mark`, `/mark`). */
export function tagsIn(html: string): string[] {
  return [...html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => (m[0].startsWith('</') ? `/${m[1]}` : m[1]!));
}
