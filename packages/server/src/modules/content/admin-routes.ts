import { contentAdminRoutes as routes } from '@portico/sdk/contract';
import { Router } from 'express';
import { type MountOptions, mount } from '../../http/validate.js';
import { staffChange } from '../billing/admin-routes.js';
import type { ContentParts } from './index.js';
import { renderMarkdown } from './markdown.js';

/**
 * Staff API of the knowledge base and FAQ, and the Markdown preview every content editor uses. Every change is
 * audited by the service that makes it.
 */
export function contentAdminRouter(parts: ContentParts, mountOptions: MountOptions): Router {
  const { kbAdmin, faq } = parts;
  const router = Router();

  mount(router, routes.preview, mountOptions, async ({ body }) => ({
    html: renderMarkdown(body.markdown, { kind: 'document' }).html,
  }));

  mount(router, routes.listKbCategories, mountOptions, async () => ({ items: await kbAdmin.categories() }));
  mount(router, routes.createKbCategory, mountOptions, async ({ req, body, staff }) =>
    kbAdmin.createCategory(body, staffChange(req, staff)),
  );
  mount(router, routes.updateKbCategory, mountOptions, async ({ req, params, body, staff }) =>
    kbAdmin.updateCategory(params.categoryId ?? '', body, staffChange(req, staff)),
  );
  mount(router, routes.deleteKbCategory, mountOptions, async ({ req, params, staff }) =>
    kbAdmin.deleteCategory(params.categoryId ?? '', staffChange(req, staff)),
  );
  mount(router, routes.listKbArticles, mountOptions, async ({ query }) => kbAdmin.articles(query));
  mount(router, routes.getKbArticle, mountOptions, async ({ params }) =>
    kbAdmin.article(params.articleId ?? ''),
  );
  mount(router, routes.createKbArticle, mountOptions, async ({ req, body, staff }) =>
    kbAdmin.createArticle(body, staffChange(req, staff)),
  );
  mount(router, routes.updateKbArticle, mountOptions, async ({ req, params, body, staff }) =>
    kbAdmin.updateArticle(params.articleId ?? '', body, staffChange(req, staff)),
  );
  mount(router, routes.deleteKbArticle, mountOptions, async ({ req, params, staff }) =>
    kbAdmin.deleteArticle(params.articleId ?? '', staffChange(req, staff)),
  );

  mount(router, routes.listFaq, mountOptions, async () => ({ items: await faq.list() }));
  mount(router, routes.createFaqGroup, mountOptions, async ({ req, body, staff }) =>
    faq.createGroup(body, staffChange(req, staff)),
  );
  mount(router, routes.updateFaqGroup, mountOptions, async ({ req, params, body, staff }) =>
    faq.updateGroup(params.groupId ?? '', body, staffChange(req, staff)),
  );
  mount(router, routes.deleteFaqGroup, mountOptions, async ({ req, params, staff }) =>
    faq.deleteGroup(params.groupId ?? '', staffChange(req, staff)),
  );
  mount(router, routes.createFaqItem, mountOptions, async ({ req, body, staff }) =>
    faq.createItem(body, staffChange(req, staff)),
  );
  mount(router, routes.updateFaqItem, mountOptions, async ({ req, params, body, staff }) =>
    faq.updateItem(params.itemId ?? '', body, staffChange(req, staff)),
  );
  mount(router, routes.deleteFaqItem, mountOptions, async ({ req, params, staff }) =>
    faq.deleteItem(params.itemId ?? '', staffChange(req, staff)),
  );
  return router;
}
