import assert from 'node:assert/strict';
import { allRoutes, type RouteDescriptor } from '@portico/sdk/contract';
import type { Router } from 'express';
import type { TestServer } from './helpers.js';

/** A (method, path) some router answers. */
export interface Mounted {
  method: string;
  path: string;
}

/** Every route a router mounts, nested routers included, read from Express 5's layer stack. */
export function mountedRoutes(router: Router, prefix = ''): Mounted[] {
  const out: Mounted[] = [];
  for (const layer of router.stack as unknown as Array<Record<string, any>>) {
    if (layer.route) {
      const path = layer.route.path;
      assert.equal(typeof path, 'string', `a route mounted on a non-string path: ${String(path)}`);
      for (const method of Object.keys(layer.route.methods)) {
        if (method !== '_all') out.push({ method: method.toUpperCase(), path: prefix + path });
      }
    } else if (Array.isArray(layer.handle?.stack)) {
      const at = layer.slash ? '' : layer.rawPath;
      assert.equal(typeof at, 'string', 'a nested router mounted on a non-string path');
      out.push(...mountedRoutes(layer.handle as Router, prefix + at));
    }
  }
  return out;
}

/** Every route of both APIs in the contract. */
export const contractRoutes: RouteDescriptor[] = Object.values(allRoutes).flatMap(
  (area) => Object.values(area) as RouteDescriptor[],
);

export const routeKey = (r: Mounted) => `${r.method} ${r.path}`;

/** The contract routes the server mounts on its client API (what a client credential can reach). */
export function mountedClientRoutes(s: TestServer): RouteDescriptor[] {
  const served = new Set(mountedRoutes(s.app.portico.routers.client).map(routeKey));
  return contractRoutes.filter((r) => served.has(routeKey(r)));
}

/** The id prefix a path parameter takes, so the fake ids are well formed. */
const ID_PREFIXES: Record<string, string> = {
  staffId: 'stf',
  clientId: 'acct',
  accountId: 'acct',
  userId: 'usr',
  membershipId: 'mem',
  contactId: 'mem',
  tokenId: 'tok',
  sessionId: 'ses',
};

/** The route's path with a well-formed id nobody has in each parameter. */
export function fakePath(s: TestServer, route: RouteDescriptor): string {
  return route.path.replace(/:([A-Za-z]+)/g, (_, name: string) =>
    s.app.portico.deps.ids(ID_PREFIXES[name] ?? name.replace(/Id$/, '').toLowerCase()),
  );
}

/** Sends a route with fake ids and, when it takes a body, an empty JSON one. */
export function sendFake(s: TestServer, route: RouteDescriptor, headers: Record<string, string>) {
  const hasBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
  return s.request(route.method, fakePath(s, route), { headers, ...(hasBody ? { body: {} } : {}) });
}
