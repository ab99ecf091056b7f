import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Parser } from 'htmlparser2';
import { XSS_PAYLOADS } from '../../elements/test/xss-html-payloads.js';
import { staffSession, startServer, type TestServer } from './helpers.js';

// Restated rather than imported from sanitize.ts: an independent list, so a widened policy fails this check.
const ALLOWED_TAGS = new Set([
  'p',
  'br',
  'strong',
  'em',
  'b',
  'i',
  'u',
  'small',
  'span',
  'ul',
  'ol',
  'li',
  'h2',
  'h3',
  'h4',
  'blockquote',
  'hr',
  'a',
]);

/**
 * Everything wrong with a piece of sanitized footer HTML, judged on its parsed tree (htmlparser2, which is also
 * what the sanitizer parses with) and, as a second opinion that trusts no parser, on the raw text.
 */
function problems(html: string): string[] {
  const found: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (!ALLOWED_TAGS.has(name)) found.push(`tag <${name}>`);
        const names = Object.keys(attribs);
        const allowed = name === 'a' ? ['href', 'title', 'rel', 'target'] : [];
        for (const attribute of names) {
          if (!allowed.includes(attribute)) found.push(`attribute ${attribute} on <${name}>`);
        }
        if (attribs.href !== undefined) {
          const href = attribs.href;
          if (!/^(https?:\/\/|mailto:)/.test(href)) found.push(`href ${JSON.stringify(href)}`);
          else if (!URL.canParse(href) || !['http:', 'https:', 'mailto:'].includes(new URL(href).protocol))
            found.push(`href ${JSON.stringify(href)}`);
          // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters.
          if (/[\u0000-\u0020\u007f-\u009f]/.test(href)) found.push(`space or control in href ${href}`);
        }
        const web = attribs.href !== undefined && /^https?:/.test(attribs.href);
        if (attribs.rel !== undefined && (!web || attribs.rel !== 'noopener noreferrer'))
          found.push(`rel ${attribs.rel}`);
        if (attribs.target !== undefined && (!web || attribs.target !== '_blank'))
          found.push(`target ${attribs.target}`);
        if (web && (attribs.rel !== 'noopener noreferrer' || attribs.target !== '_blank'))
          found.push('web link without rel/target');
      },
      oncomment: () => found.push('comment'),
      oncdatastart: () => found.push('CDATA'),
      onprocessinginstruction: (name) => found.push(`declaration ${name}`),
    },
    { decodeEntities: true, recognizeCDATA: true },
  );
  parser.write(html);
  parser.end();
  for (const [, tag] of html.matchAll(/<\/?([^\s/>]+)/g)) {
    if (!ALLOWED_TAGS.has(tag!.toLowerCase())) found.push(`raw tag text <${tag}`);
  }
  if (/<!|<\?/.test(html)) found.push('raw markup declaration');
  // Quoted values and text aside (the sanitizer always double-quotes and escapes `"`), no attribute is a handler.
  const tagsOnly = html.replace(/"[^"]*"/g, '""').replace(/>[^<]*</g, '><');
  if (/\son[a-z]+\s*=/i.test(tagsOnly)) found.push('raw event handler');
  return found;
}

describe('footer HTML sanitizing', () => {
  let s: TestServer;
  let admin: Record<string, string>;
  before(async () => {
    s = await startServer();
    const login = await staffSession(s, 'admin');
    admin = { ...login.headers, origin: s.app.portico.config.publicOrigin };
  });
  after(() => s.close());

  const save = async (footerHtml: string) => {
    const r = await s.request('PATCH', '/api/admin/v1/settings', { body: { footerHtml }, headers: admin });
    assert.equal(r.status, 200, r.text);
    return r.body.footerHtml as string;
  };
  const served = async () => (await s.request('GET', '/api/v1/portal/config')).body.footerHtml as string;

  test('the payload list is large and distinct', () => {
    assert.ok(XSS_PAYLOADS.length >= 250, `${XSS_PAYLOADS.length} payloads`);
    assert.equal(new Set(XSS_PAYLOADS).size, XSS_PAYLOADS.length);
  });

  test('the checker itself catches what it must (so a pass means something)', () => {
    assert.deepEqual(problems('<p>fine <a href="mailto:a@example.com">x</a></p>'), []);
    assert.ok(problems('<img src=x onerror=alert(1)>').length);
    assert.ok(problems('<a href="javascript:alert(1)">x</a>').length);
    assert.ok(problems('<a href="/relative">x</a>').length);
    assert.ok(problems('<a href="https://example.com/">no rel</a>').length);
    assert.ok(problems('<p style="color:red">x</p>').length);
    assert.ok(problems('<!-- x --><p>x</p>').length);
    assert.ok(problems('<svg><script>1</script></svg>').length);
    assert.ok(problems('<a title="x" onclick="y">x</a>').length);
    assert.deepEqual(problems('<a title="onclick=&quot;y&quot;">x</a>'), []);
  });

  test('every XSS payload comes back from the public config with nothing that can run or load', async () => {
    const failures: string[] = [];
    for (const payload of XSS_PAYLOADS) {
      const stored = await save(payload);
      const html = await served();
      assert.equal(html, stored, 'what the admin reads back is what clients get');
      const found = problems(html);
      if (found.length)
        failures.push(`${JSON.stringify(payload)} → ${JSON.stringify(html)}: ${found.join(', ')}`);
      assert.equal(
        (await save(html)) === html,
        true,
        `sanitizing is idempotent, so the output has no mutation left: ${JSON.stringify(payload)}`,
      );
    }
    assert.deepEqual(failures, []);
  });

  test('harmless footer HTML (links, lists, bold, headings) survives intact', async () => {
    const html =
      '<h3>Acme Hosting</h3><p>Questions? <a href="mailto:help@acme.test">Email us</a> or read the ' +
      '<a href="https://acme.test/terms" title="Terms of service" rel="noopener noreferrer" target="_blank">terms</a>.' +
      '</p><ul><li><strong>Phone:</strong> +1 555 0100</li><li><em>Mon–Fri</em>, <b>9</b>–<i>5</i></li></ul>' +
      '<ol><li><u>One</u></li></ol><blockquote><small>Since 1999 &amp; counting</small></blockquote><hr /><br />' +
      '<h2>Elsewhere</h2><h4><span>More</span></h4>';
    assert.equal(await save(html), html);
    assert.equal(await served(), html);
  });

  test('web links get rel="noopener noreferrer" and target="_blank"; mailto links do not', async () => {
    const html = await save(
      '<a href="https://acme.test/a" target="_self" rel="opener">a</a><a href="mailto:x@acme.test" target="_top">m</a>',
    );
    assert.equal(
      html,
      '<a href="https://acme.test/a" rel="noopener noreferrer" target="_blank">a</a><a href="mailto:x@acme.test">m</a>',
    );
  });

  test('script-like elements go with their content; other disallowed tags keep their text', async () => {
    assert.equal(
      await save(
        '<p>a<script>alert(1)</script>b<style>p{}</style>c<iframe>x</iframe>d<template>t</template></p>',
      ),
      '<p>abcd</p>',
    );
    assert.equal(await save('<div><h1>Title</h1><table><tr><td>cell</td></tr></table></div>'), 'Titlecell');
  });

  test('stored HTML is sanitized again when served, so a tightened policy applies to old footers', async () => {
    const { db, settings } = s.app.portico;
    // As if saved by an older, looser policy: straight into the settings table.
    const loose =
      '<p onclick="alert(1)">Old <a href="javascript:alert(1)">footer</a><script>alert(1)</script></p>';
    await db
      .updateTable('settings')
      .set({ value: JSON.stringify(loose) })
      .where('key', '=', 'footerHtml')
      .execute();
    await settings.load();
    assert.equal(settings.current.footerHtml, loose);
    const html = await served();
    assert.equal(html, '<p>Old <a>footer</a></p>');
    const admin_ = await s.request('GET', '/api/admin/v1/settings', { headers: admin });
    assert.equal(admin_.body.footerHtml, html);
  });
});
