import { allRoutes, ProblemSchema, type RouteDescriptor } from '@portico/sdk/contract';
import * as z from 'zod';

const schema = (s: z.core.$ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;

/** The OpenAPI 3.1 document, generated from the contract's route descriptors. */
export function buildOpenApi(options: { version: string; serverUrl: string }): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
  for (const area of Object.values(allRoutes)) {
    for (const route of Object.values(area) as RouteDescriptor[]) {
      const path = route.path.replace(/:([A-Za-z_]+)/g, '{$1}');
      const params = [...route.path.matchAll(/:([A-Za-z_]+)/g)].map((m) => ({
        name: m[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
      }));
      const query = route.query ? schema(route.query, 'input') : undefined;
      const queryParams = query
        ? Object.entries((query.properties ?? {}) as Record<string, unknown>).map(([name, s]) => ({
            name,
            in: 'query',
            required: ((query.required as string[] | undefined) ?? []).includes(name),
            schema: s,
          }))
        : [];
      const responses: Record<string, unknown> = {
        [route.status]:
          route.status === 204 || !route.output
            ? { description: 'No content' }
            : {
                description: 'Success',
                content: { 'application/json': { schema: schema(route.output, 'output') } },
              },
      };
      if (route.body)
        responses['400'] = { description: 'Validation failed or malformed JSON', content: problem };
      if (route.auth === 'client' || route.auth === 'staff')
        responses['401'] = { description: 'Not signed in', content: problem };
      if (route.auth === 'staff')
        responses['403'] = { description: 'Role not allowed, or TOTP enrolment required', content: problem };
      if (route.rateLimited) {
        responses['429'] = {
          description: 'Rate limited; see Retry-After',
          headers: { 'Retry-After': { schema: { type: 'integer' } } },
          content: problem,
        };
      }
      responses.default = {
        description: `Error (codes: ${(route.errors ?? []).join(', ') || 'see Problem'})`,
        content: problem,
      };
      paths[path] ??= {};
      paths[path][route.method.toLowerCase()] = {
        operationId: route.id,
        summary: route.summary,
        tags: route.tags,
        ...(route.auth === 'public' ? { security: [] } : {}),
        ...(route.auth === 'staff' || route.auth === 'staff-optional'
          ? { security: [{ staffCookie: [] }], 'x-portico-roles': route.roles ?? [] }
          : {}),
        // What a client route needs: a permission (which an API token must hold as a scope), `owner` or `self`.
        ...(route.access
          ? {
              'x-portico-access': route.access,
              security: [
                { sessionCookie: [] },
                { bearer: route.access === 'owner' || route.access === 'self' ? [] : [route.access] },
              ],
            }
          : {}),
        parameters: [...params, ...queryParams],
        ...(route.body
          ? {
              requestBody: {
                required: true,
                content: { 'application/json': { schema: schema(route.body, 'input') } },
              },
            }
          : {}),
        responses,
      };
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Portico API (client portal and staff)',
      version: options.version,
      description:
        'Generated from the zod contract in @portico/sdk/contract. Errors are RFC 9457 problem details.',
    },
    servers: [{ url: options.serverUrl }],
    security: [{ sessionCookie: [] }, { bearer: [] }],
    components: {
      securitySchemes: {
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'portico_session' },
        staffCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'portico_staff',
          description: 'Staff API only (`/api/admin/v1`): the staff console session, SameSite=Strict',
        },
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description:
            'A session token (`ps_`, token mode) or an API token (`pt_`). An API token passes only routes whose `x-portico-access` is a permission among its scopes (listed in the security requirement); `owner` and `self` routes take sessions only.',
        },
      },
      schemas: { Problem: schema(ProblemSchema, 'output') },
    },
    paths,
  };
}
