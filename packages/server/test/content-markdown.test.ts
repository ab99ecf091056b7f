import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Parser } from 'htmlparser2';
import { XSS_PAYLOADS } from '../../elements/test/xss-payloads.js';
import { excerpt, type MarkdownOptions, renderMarkdown } from '../src/modules/content/markdown.js';

/** The elements the renderer may output, and the attributes each may carry. */
const ALLOWED: Record<string, readonly string[]> = {
  p: [],
  br: [],
  strong: [],
  em: [],
  s: [],
  code: ['class'],
  pre: [],
  blockquote: [],
  ul: [],
  ol: ['start'],
  li: [],
  h1: ['id'],
  h2: ['id'],
  h3: ['id'],
  h4: ['id'],
  h5: ['id'],
  h6: ['id'],
  hr: [],
  a: ['href', 'title', 'rel', 'target'],
  img: ['src', 'alt', 'title'],
  table: [],
  thead: [],
  tbody: [],
  tr: [],
  th: ['style'],
  td: ['style'],
};

/** A URL's scheme as a browser reads it: entities decoded (by the parser), whitespace and controls dropped. */
function schemeOf(url: string): string | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers drop these from URLs, so must the check
  const squeezed = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
  if (squeezed.startsWith('//')) return 'protocol-relative';
  return /^([a-z][a-z0-9+.-]*):/.exec(squeezed)?.[1];
}

/** Everything wrong with an HTML string, read as a browser's parser would. */
function problemsIn(html: string): string[] {
  const problems: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const allowed = ALLOWED[name];
        if (!allowed) {
          problems.push(`<${name}> is not allowed`);
          return;
        }
        for (const [attr, value] of Object.entries(attribs)) {
          if (/^on/i.test(attr)) problems.push(`<${name} ${attr}>: an event handler`);
          else if (!allowed.includes(attr)) problems.push(`<${name} ${attr}>: not allowed`);
          if (attr === 'href') {
            const scheme = schemeOf(value);
            if (scheme !== undefined && !['http', 'https', 'mailto'].includes(scheme))
              problems.push(`<a href="${value}">: scheme ${scheme}`);
          }
          if (attr === 'src') {
            const scheme = schemeOf(value);
            if (scheme !== undefined && scheme !== 'https')
              problems.push(`<img src="${value}">: scheme ${scheme}`);
          }
          if (attr === 'style' && !/^text-align:\s*(left|right|center);?$/.test(value.trim()))
            problems.push(`<${name} style="${value}">`);
          if (attr === 'class' && !/^language-[\w-]+$/.test(value))
            problems.push(`<${name} class="${value}">`);
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return problems;
}

describe('renderMarkdown against the XSS payloads', () => {
  test(`there are payloads to try (${XSS_PAYLOADS.length})`, () => {
    assert.ok(XSS_PAYLOADS.length >= 100);
  });

  for (const kind of ['document', 'message'] as const satisfies readonly MarkdownOptions['kind'][]) {
    test(`${kind}: every payload renders to allowed elements, attributes and schemes only`, () => {
      const failures: string[] = [];
      for (const { id, markdown } of XSS_PAYLOADS) {
        const { html } = renderMarkdown(markdown, { kind });
        const problems = problemsIn(html);
        if (problems.length) failures.push(`${id}: ${problems.join('; ')}\n  ${html}`);
        if (/__xss/.test(html) && /<(script|iframe|object|embed|svg|math|style)/i.test(html))
          failures.push(`${id}: a live script container survived`);
      }
      assert.deepEqual(failures, []);
    });
  }

  test('the checker itself catches what it must (so the loop above can fail)', () => {
    assert.deepEqual(problemsIn('<p onclick="x()">a</p>'), ['<p onclick>: an event handler']);
    assert.deepEqual(problemsIn('<svg></svg>'), ['<svg> is not allowed']);
    assert.deepEqual(problemsIn('<a href="jav&#x09;ascript:x()">a</a>'), [
      '<a href="jav\tascript:x()">: scheme javascript',
    ]);
    assert.deepEqual(problemsIn('<img src="http://x/y.png">'), ['<img src="http://x/y.png">: scheme http']);
    assert.deepEqual(problemsIn('<td style="color:red">x</td>'), ['<td style="color:red">']);
  });
});

describe('renderMarkdown', () => {
  test('documents: heading ids, tables with alignment, code blocks with a language class', () => {
    const { html, text } = renderMarkdown(
      '# Set up Café\n\n## Set up Café\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n```sh\nssh host\n```',
      { kind: 'document' },
    );
    assert.match(html, /<h1 id="set-up-cafe">/);
    assert.match(html, /<h2 id="set-up-cafe-1">/);
    assert.match(html, /<th style="text-align:left">a<\/th>/);
    assert.match(html, /<td style="text-align:right">2<\/td>/);
    assert.match(html, /<code class="language-sh">ssh host\n<\/code>/);
    assert.deepEqual(text.split(/\s+/), [
      'Set',
      'up',
      'Café',
      'Set',
      'up',
      'Café',
      'a',
      'b',
      '1',
      '2',
      'ssh',
      'host',
    ]);
  });

  test('bare text links only with a scheme: a word with a dot stays a word', () => {
    const { html } = renderMarkdown(
      'Mail to example.com fails; see config.php, www.example.org and https://x.test/a',
      {
        kind: 'message',
      },
    );
    const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(hrefs, ['https://x.test/a']);
    assert.match(html, /Mail to example\.com fails; see config\.php/);
  });

  test('links: other sites open in a new tab without opener or referrer; javascript: keeps its text only', () => {
    const { html } = renderMarkdown('[ok](https://example.com) [bad](javascript:alert(1)) <https://x.test>', {
      kind: 'document',
    });
    assert.match(
      html,
      /<a href="https:\/\/example.com" rel="nofollow noopener noreferrer" target="_blank">ok<\/a>/,
    );
    assert.doesNotMatch(html, /href="javascript/);
  });

  test('images: https shown in documents; in messages every image is a link', () => {
    const md = '![logo](https://example.com/a.png) ![x](http://example.com/b.png)';
    const doc = renderMarkdown(md, { kind: 'document' }).html;
    assert.match(doc, /<img src="https:\/\/example.com\/a.png" alt="logo" \/>/);
    assert.doesNotMatch(doc, /<img src="http:/);
    const message = renderMarkdown(md, { kind: 'message' }).html;
    assert.doesNotMatch(message, /<img/);
    assert.match(message, /<a href="https:\/\/example.com\/a.png"[^>]*>logo<\/a>/);
  });

  test('excerpt cuts at a word with an ellipsis', () => {
    assert.equal(excerpt('one two three four', 16), 'one two three…');
    assert.equal(excerpt('short', 12), 'short');
  });
});
