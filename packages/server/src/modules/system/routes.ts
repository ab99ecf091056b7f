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
  mount(router, systemRoutes.openapi, options.mountOptions, async ({ res }) => {
    // Public and the same for everyone: any tool or site may read it.
    res.setHeader('Access-Control-Allow-Origin', '*');
    document ??= buildOpenApi(options);
    return document;
  });
  return router;
}
