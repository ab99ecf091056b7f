import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { crc32, deflateSync } from 'node:zlib';
import { LOGO_MAX_BYTES } from '@portico/sdk/contract';
import { Parser } from 'htmlparser2';
import { staffSession, startServer, type TestServer } from './helpers.js';

const PUBLIC_URL = 'https://portal.portico.test';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid RGB PNG of one pixel in the given colour. */
function png(rgb: [number, number, number]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from([0, ...rgb]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The start of a JFIF file (SOI, APP0 JFIF) and its end: what the JPEG signature check reads. */
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF\0', 'latin1'),
  Buffer.from([0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]),
]);

/** A RIFF/WEBP container with a VP8L chunk header. */
const WEBP = Buffer.concat([
  Buffer.from('RIFF', 'latin1'),
  Buffer.from([0x1a, 0, 0, 0]),
  Buffer.from('WEBPVP8L', 'latin1'),
  Buffer.from([0x0d, 0, 0, 0, 0x2f, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07, 0]),
]);

const b64 = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64');

/** Elements and attributes of an SVG document as an XML parser sees them. */
function svgTree(svg: string): Array<{ name: string; attribs: Record<string, string> }> {
  const elements: Array<{ name: string; attribs: Record<string, string> }> = [];
  const parser = new Parser(
    { onopentag: (name, attribs) => elements.push({ name, attribs }) },
    { xmlMode: true },
  );
  parser.write(svg);
  parser.end();
  return elements;
}

describe('the logo', () => {
  let s: TestServer;
  let admin: Record<string, string>;
  before(async () => {
    s = await startServer({ publicUrl: PUBLIC_URL, publicOrigin: PUBLIC_URL });
    const login = await staffSession(s, 'admin');
    admin = { ...login.headers, origin: PUBLIC_URL };
  });
  after(() => s.close());

  const upload = (contentType: string, data: string) =>
    s.request('PUT', '/api/admin/v1/settings/logo', { body: { contentType, data }, headers: admin });
  const pathOf = (url: string) => {
    assert.ok(url.startsWith(`${PUBLIC_URL}/assets/logo-`), url);
    return url.slice(PUBLIC_URL.length);
  };
  const logoRows = () =>
    s.app.portico.db.selectFrom('assets').selectAll().where('kind', '=', 'logo').execute();

  test('a PNG is stored and served with its type, long caching and cross-origin headers', async () => {
    const bytes = png([29, 78, 216]);
    const r = await upload('image/png', b64(bytes));
    assert.equal(r.status, 200, r.text);
    assert.match(r.body.logoUrl, /^https:\/\/portal\.portico\.test\/assets\/logo-[0-9a-f]{16}\.png$/);
    assert.equal((await s.request('GET', '/api/v1/portal/config')).body.logoUrl, r.body.logoUrl);

    const response = await fetch(s.url + pathOf(r.body.logoUrl));
    assert.equal(response.status, 200);
    assert.deepEqual(Buffer.from(await response.arrayBuffer()), bytes);
    assert.equal(response.headers.get('content-type'), 'image/png');
    assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('cross-origin-resource-policy'), 'cross-origin');
  });

  test('JPEG and WebP are recognised by their signatures', async () => {
    const jpeg = await upload('image/jpeg', b64(JPEG));
    assert.equal(jpeg.status, 200, jpeg.text);
    assert.match(jpeg.body.logoUrl, /\.jpg$/);
    const webp = await upload('image/webp', b64(WEBP));
    assert.equal(webp.status, 200, webp.text);
    assert.match(webp.body.logoUrl, /\.webp$/);
    const served = await s.request('GET', pathOf(webp.body.logoUrl));
    assert.equal(served.headers.get('content-type'), 'image/webp');
  });

  test('replacing the logo changes its URL, the old URL answers a JSON 404, and only one logo is kept', async () => {
    const first = (await upload('image/png', b64(png([255, 0, 0])))).body.logoUrl;
    const second = await upload('image/png', b64(png([0, 255, 0])));
    assert.equal(second.status, 200, second.text);
    assert.notEqual(second.body.logoUrl, first);
    const old = await s.request('GET', pathOf(first));
    assert.equal(old.status, 404);
    assert.equal(old.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    assert.equal(old.body.code, 'NOT_FOUND');
    assert.equal((await s.request('GET', pathOf(second.body.logoUrl))).status, 200);
    assert.equal((await logoRows()).length, 1);

    const hash = pathOf(second.body.logoUrl).match(/logo-([0-9a-f]{16})/)![1];
    for (const guess of [
      `/assets/logo-${hash}.svg`,
      `/assets/logo-${hash}`,
      '/assets/logo-0000000000000000.png',
    ]) {
      assert.equal((await s.request('GET', guess)).status, 404, guess);
    }
  });

  test('a type the portal does not take is refused by the contract', async () => {
    const r = await upload('image/gif', b64('GIF89a'));
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 'VALIDATION_FAILED');
    assert.equal(r.body.errors[0].path, 'contentType');
  });

  test('bytes that are not what the declared type says are refused with LOGO_TYPE', async () => {
    const cases: Array<[string, Buffer | string, RegExp]> = [
      ['image/jpeg', png([1, 2, 3]), /PNG image, not JPEG/],
      ['image/png', JPEG, /JPEG image, not PNG/],
      ['image/webp', png([1, 2, 3]), /PNG image, not WebP/],
      ['image/png', 'GIF89a\x01\x00\x01\x00', /not a PNG image/],
      ['image/svg+xml', png([1, 2, 3]), /PNG image, not SVG/],
      [
        'image/svg+xml',
        '<!doctype html><html><body><svg><rect width="1" height="1"/></svg></body></html>',
        /not an SVG/,
      ],
      ['image/svg+xml', '<html><script>alert(1)</script></html>', /not an SVG/],
      ['image/svg+xml', Buffer.from([0x3c, 0x73, 0x76, 0x67, 0xff, 0xfe]), /not UTF-8/],
      ['image/png', '', /empty/],
    ];
    const before = (await s.request('GET', '/api/admin/v1/settings', { headers: admin })).body.logoUrl;
    for (const [type, bytes, detail] of cases) {
      const r = await upload(type, b64(bytes));
      assert.equal(r.status, 400, `${type}: ${r.text}`);
      assert.equal(r.body.code, 'LOGO_TYPE');
      assert.match(r.body.detail, detail);
      assert.equal(r.body.errors[0].path, 'data');
    }
    const after = (await s.request('GET', '/api/admin/v1/settings', { headers: admin })).body.logoUrl;
    assert.equal(after, before, 'a refused upload leaves the logo as it was');
  });

  test('a logo over 512 KB is refused with LOGO_TOO_LARGE on data; exactly 512 KB is taken', async () => {
    const pad = (size: number) => Buffer.concat([png([0, 0, 0]), Buffer.alloc(size - png([0, 0, 0]).length)]);
    const tooBig = await upload('image/png', b64(pad(LOGO_MAX_BYTES + 1)));
    assert.equal(tooBig.status, 400, tooBig.text);
    assert.equal(tooBig.body.code, 'LOGO_TOO_LARGE');
    assert.equal(tooBig.body.errors[0].path, 'data');
    const atLimit = await upload('image/png', b64(pad(LOGO_MAX_BYTES)));
    assert.equal(atLimit.status, 200, atLimit.text);
  });

  test('an SVG is sanitized: scripts, handlers, foreignObject and outside links go; the drawing stays', async () => {
    const svg = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 40" onload="alert(1)">
  <script>alert(2)</script>
  <x:script xmlns:x="http://www.w3.org/2000/svg">alert(3)</x:script>
  <style>@import url(https://evil.example/x.css);</style>
  <foreignObject width="100" height="40"><div xmlns="http://www.w3.org/1999/xhtml" onclick="alert(4)">x</div></foreignObject>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#1d4ed8"/></linearGradient></defs>
  <a xlink:href="javascript:alert(5)"><rect width="100" height="40" fill="url(#g)" onclick="alert(6)"/></a>
  <use href="https://evil.example/sprite.svg#logo"/>
  <use xlink:href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=#x"/>
  <circle cx="20" cy="20" r="10" style="fill:url(javascript:alert(7))" filter="url(https://evil.example/f.svg#f)"/>
  <set attributeName="href" to="javascript:alert(8)"/>
  <animate attributeName="href" values="javascript:alert(9)"/>
  <image href="https://evil.example/track.png" width="1" height="1"/>
  <text x="30" y="25" font-family="sans-serif">Acme &amp; Co</text>
  <use href="#g"/>
</svg>`;
    const r = await upload('image/svg+xml', b64(svg));
    assert.equal(r.status, 200, r.text);
    assert.match(r.body.logoUrl, /\.svg$/);
    const served = await fetch(s.url + pathOf(r.body.logoUrl));
    assert.equal(served.status, 200);
    assert.equal(served.headers.get('content-type'), 'image/svg+xml');
    assert.equal(
      served.headers.get('content-security-policy'),
      "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    );
    assert.equal(served.headers.get('x-content-type-options'), 'nosniff');
    const text = await served.text();
    const tree = svgTree(text);
    assert.deepEqual(
      tree.map((e) => e.name),
      ['svg', 'defs', 'linearGradient', 'stop', 'rect', 'use', 'use', 'circle', 'text', 'use'],
    );
    assert.deepEqual(tree[0]!.attribs, {
      viewBox: '0 0 100 40',
      xmlns: 'http://www.w3.org/2000/svg',
      'xmlns:xlink': 'http://www.w3.org/1999/xlink',
    });
    for (const { name, attribs } of tree) {
      for (const [attribute, value] of Object.entries(attribs)) {
        assert.doesNotMatch(attribute, /^on/i, `${name} ${attribute}`);
        assert.doesNotMatch(value, /javascript:|data:|https?:\/\/(?!www\.w3\.org)/i, `${name} ${attribute}`);
        if (attribute.endsWith('href')) assert.match(value, /^#/);
      }
    }
    assert.equal(tree.find((e) => e.name === 'rect')!.attribs.fill, 'url(#g)', 'local gradients still work');
    assert.doesNotMatch(text, /alert|DOCTYPE|<\?xml|evil/);
    assert.match(text, /Acme &amp; Co/);
  });

  test('an SVG with nothing left to draw, or with entity declarations, is refused', async () => {
    const cases = [
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>hi</p></foreignObject></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg><svg><rect/></svg>',
      '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY lol "lol">]><svg xmlns="http://www.w3.org/2000/svg"><text>&lol;</text></svg>',
    ];
    for (const svg of cases) {
      const r = await upload('image/svg+xml', b64(svg));
      assert.equal(r.status, 400, svg);
      assert.equal(r.body.code, 'LOGO_TYPE', svg);
    }
  });

  test('removing the logo clears the URL, deletes the bytes, and the old URL 404s', async () => {
    const url = (await upload('image/png', b64(png([9, 9, 9])))).body.logoUrl;
    const r = await s.request('DELETE', '/api/admin/v1/settings/logo', { headers: admin });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.logoUrl, null);
    assert.equal((await s.request('GET', '/api/v1/portal/config')).body.logoUrl, null);
    assert.equal((await s.request('GET', pathOf(url))).status, 404);
    assert.equal((await logoRows()).length, 0);
  });

  test('every logo change is audited as settings.updated', async () => {
    const rows = await s.app.portico.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'settings.updated')
      .execute();
    const details = rows.map((r) => JSON.parse(r.details));
    assert.ok(details.some((d) => d.changed[0] === 'logo' && d.contentType === 'image/svg+xml'));
    assert.ok(details.some((d) => d.changed[0] === 'logo' && d.removed === true));
    assert.ok(details.every((d) => d.changed[0] === 'logo'));
  });
});
