#!/usr/bin/env node
// A tiny dependency-free static server for the Northwind Hosting example site.
// It fills the Portico server's URL into the HTML as it serves it, so the same files work on any port.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The folder that is served; nothing outside it is reachable. */
export const PUBLIC_ROOT = fileURLToPath(new URL('./public/', import.meta.url));

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

/** The content type for a file name; unknown kinds are served as opaque bytes. */
export function contentTypeFor(file) {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a request path to a file under `root`, or returns null when the path is malformed or would leave
 * `root` (`..` segments, encoded slashes, NUL bytes, absolute paths).
 */
export function resolveSafe(root, requestPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || !decoded.startsWith('/')) return null;
  const base = path.resolve(root);
  const file = path.resolve(base, `.${decoded}`);
  if (file !== base && !file.startsWith(base + path.sep)) return null;
  return file;
}

/** Checks and normalizes the Portico URL: an absolute http(s) URL without a trailing slash. */
export function normalizePorticoUrl(value) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`PORTICO_URL "${value}" is not a URL; write one such as http://localhost:3000`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`PORTICO_URL "${value}" must start with http:// or https://`);
  }
  if (url.search || url.hash) throw new Error(`PORTICO_URL "${value}" must not have a query or fragment`);
  return url.href.replace(/\/+$/, '');
}

const escapeAttribute = (s) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** The headers every answer carries. The CSP shows what a host page must allow for the elements. */
function securityHeaders(porticoOrigin) {
  return {
    'content-security-policy': [
      "default-src 'self'",
      `script-src 'self' ${porticoOrigin}`,
      `connect-src 'self' ${porticoOrigin}`,
      `img-src 'self' data: ${porticoOrigin}`,
      // Lit adopts constructed style sheets; older browsers fall back to <style> elements.
      "style-src 'self' 'unsafe-inline'",
      // Course lessons may embed these two video players, and play video files from secure hosts.
      'frame-src https://www.youtube-nocookie.com https://player.vimeo.com',
      'media-src https:',
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "object-src 'none'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
  };
}

/**
 * Creates the example site's HTTP server (not listening yet).
 *
 * @example
 * ```js
 * const server = createSiteServer({ porticoUrl: 'http://localhost:3000' });
 * server.listen(4000, '127.0.0.1');
 * ```
 */
export function createSiteServer({ root = PUBLIC_ROOT, porticoUrl = 'http://localhost:3000' } = {}) {
  const portico = normalizePorticoUrl(porticoUrl);
  const headers = securityHeaders(new URL(portico).origin);

  const send = (req, res, status, type, body, extra = {}) => {
    res.writeHead(status, {
      ...headers,
      'content-type': type,
      'content-length': Buffer.byteLength(body),
      ...extra,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  return http.createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        send(req, res, 405, 'text/plain; charset=utf-8', 'Method not allowed\n', { allow: 'GET, HEAD' });
        return;
      }
      // Take the path by hand: WHATWG URL parsing would read `//host/x` as a host and hide `..` tricks.
      const rawPath = (req.url ?? '/').split(/[?#]/, 1)[0];
      const file = resolveSafe(root, rawPath);
      if (!file) {
        send(req, res, 400, 'text/plain; charset=utf-8', 'Bad request\n');
        return;
      }
      let target = file;
      let info = await stat(target).catch(() => null);
      if (info?.isDirectory()) {
        if (!rawPath.endsWith('/')) {
          send(req, res, 301, 'text/plain; charset=utf-8', 'Moved\n', { location: `${rawPath}/` });
          return;
        }
        target = path.join(target, 'index.html');
        info = await stat(target).catch(() => null);
      }
      if (!info?.isFile()) {
        send(req, res, 404, 'text/plain; charset=utf-8', 'Not found\n');
        return;
      }
      const type = contentTypeFor(target);
      if (type.startsWith('text/html')) {
        const html = (await readFile(target, 'utf8')).replaceAll('{{PORTICO_URL}}', escapeAttribute(portico));
        send(req, res, 200, type, html, { 'cache-control': 'no-cache' });
        return;
      }
      res.writeHead(200, {
        ...headers,
        'content-type': type,
        'content-length': info.size,
        'cache-control': 'no-cache',
      });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      createReadStream(target)
        .on('error', () => res.destroy())
        .pipe(res);
    } catch (error) {
      console.error(error);
      if (!res.headersSent) send(req, res, 500, 'text/plain; charset=utf-8', 'Internal error\n');
      else res.destroy();
    }
  });
}

async function main() {
  const port = Number(process.env.EMBED_PORT ?? 4000);
  const host = process.env.EMBED_HOST ?? '127.0.0.1';
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`EMBED_PORT "${process.env.EMBED_PORT}" is not a port number`);
    process.exit(1);
  }
  let server;
  try {
    server = createSiteServer({ porticoUrl: process.env.PORTICO_URL ?? 'http://localhost:3000' });
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
  server.on('error', (error) => {
    console.error(`Example site could not listen on ${host}:${port}: ${error.message}`);
    process.exit(1);
  });
  server.listen(port, host, () => {
    const { port: actual } = server.address();
    const shown = host === '127.0.0.1' || host === '::1' ? 'localhost' : host;
    console.log(`Northwind Hosting example site listening on http://${shown}:${actual}`);
  });
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main();
}
