import { contentRoutes as routes } from '@portico/sdk/contract';
import { Router } from 'express';
import { type MountOptions, mount } from '../../http/validate.js';
import type { ContentParts } from './index.js';

/**
 * Client API of the knowledge base and FAQ: public reads, search and votes. The rest of the content routes
 * (announcements, status, home) are mounted by their own modules.
 */
export function contentRouter(parts: ContentParts, mountOptions: MountOptions): Router {
  const { kb, faq } = parts;
  const router = Router();

  mount(router, routes.kbCategories, mountOptions, async () => ({ items: await kb.categories() }));
  mount(router, routes.kbArticles, mountOptions, async ({ query }) => kb.list(query));
  mount(router, routes.kbSearch, mountOptions, async ({ req, query }) => kb.search(query, req.ip ?? ''));
  mount(router, routes.kbArticle, mountOptions, async ({ req, auth, params }) =>
    kb.get(params.article ?? '', { auth, ip: req.ip ?? '' }),
  );
  mount(router, routes.kbVote, mountOptions, async ({ req, auth, params, body }) =>
    kb.vote(params.articleId ?? '', body.helpful, { auth, ip: req.ip ?? '' }),
  );
  mount(router, routes.faq, mountOptions, async ({ query }) => faq.public(query));
  return router;
}
