import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderMarkdown, renderMarkdownCached } from '../src/modules/content/markdown.js';

describe('renderMarkdownCached', () => {
  const sources = [
    'Plain **bold** text',
    '<script>alert(1)</script> [x](javascript:alert(1)) ![i](https://example.com/i.png)',
    '# Heading\n\nline one\nline two',
    '',
  ];

  test('answers exactly what rendering answers, for each kind, the first time and from the cache', () => {
    for (const kind of ['document', 'message'] as const) {
      for (const source of sources) {
        const fresh = renderMarkdown(source, { kind });
        assert.deepEqual(renderMarkdownCached(source, { kind }), fresh);
        assert.deepEqual(renderMarkdownCached(source, { kind }), fresh);
      }
    }
  });

  test('the kind is part of the key: a message never gets a document’s rendering', () => {
    const source = 'a\nb ![img](https://example.com/x.png)';
    const document = renderMarkdownCached(source, { kind: 'document' });
    const message = renderMarkdownCached(source, { kind: 'message' });
    assert.notEqual(document.html, message.html);
    assert.deepEqual(message, renderMarkdown(source, { kind: 'message' }));
  });

  test('what a caller does with an answer never changes the next one', () => {
    const first = renderMarkdownCached('kept *as is*', { kind: 'message' });
    first.html = '<script>changed</script>';
    assert.equal(renderMarkdownCached('kept *as is*', { kind: 'message' }).html.includes('script'), false);
  });

  test('many distinct sources stay bounded and keep rendering right', () => {
    const big = 'x'.repeat(200_000);
    for (let i = 0; i < 120; i++) {
      const source = `${i} ${big}`;
      assert.equal(renderMarkdownCached(source, { kind: 'document' }).text.startsWith(`${i} x`), true);
    }
    assert.deepEqual(
      renderMarkdownCached(sources[0]!, { kind: 'document' }),
      renderMarkdown(sources[0]!, { kind: 'document' }),
    );
  });
});
