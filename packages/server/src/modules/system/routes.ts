import { systemRoutes } from '@portico/sdk/contract';
import { Router } from 'express';
import { type MountOptions, mount } from '../../http/validate.js';
import { buildOpenApi } from './openapi.js';

/** Health and the generated OpenAPI document. */
export function systemRouter(options: {
  version: string;
  serverUrl: string;
  mountOptions: MountOptions;
}): Router {
  const router = Router();
  let document: Record<string, unknown> | undefined;
  mount(router, systemRoutes.health, options.mountOptions, async () => ({
    ok: true,
    version: options.version,
  }));
  router.get('/api/openapi.json', (_req, res) => {
    document ??= buildOpenApi(options);
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.json(document);
  });
  return router;
}
