// The template minifier: what it removes, what it must leave alone, and the plugin inside a real rollup build.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { rollup } from 'rollup';
import { minifyCss, minifyHtml, minifyTemplates } from './minify-templates.mjs';

const html = (...strings) => minifyHtml(strings);
const css = (...strings) => minifyCss(strings);

describe('minifyHtml', () => {
  test('drops line-breaking whitespace next to block-level tags', () => {
    assert.deepEqual(html('\n  <div class="a">\n    <p>Text</p>\n    <form>\n    </form>\n  </div>\n'), [
      '<div class="a"><p>Text</p><form></form></div>',
    ]);
  });

  test('keeps one space between inline elements, text and expressions', () => {
    assert.deepEqual(html('<b>a</b>\n  <i>b</i>'), ['<b>a</b> <i>b</i>']);
    assert.deepEqual(html('<span>Hello,\n    ', '!</span>\n    ', ''), ['<span>Hello, ', '!</span> ', '']);
    assert.deepEqual(html('<button>\n  ', '\n</button>'), ['<button> ', ' </button>']);
    assert.deepEqual(html('', ' ', ''), ['', ' ', '']);
  });

  test('leaves spaces that do not break a line as the author wrote them', () => {
    assert.deepEqual(html('<p>a</p> <p>b</p>'), ['<p>a</p> <p>b</p>']);
    assert.deepEqual(html('<p>one   two</p>'), ['<p>one two</p>']);
    // A no-break space is text, not whitespace.
    assert.deepEqual(html('<p>a\u00a0 b</p>'), ['<p>a\u00a0 b</p>']);
  });

  test('collapses whitespace between attributes and before >, never inside quoted values', () => {
    assert.deepEqual(html('<a\n  class="x  y"\n  title = \'a\n b\'\n  hidden\n>t</a>'), [
      '<a class="x  y" title=\'a\n b\' hidden>t</a>',
    ]);
    assert.deepEqual(html('<p class="a ', '  b">x</p>'), ['<p class="a ', '  b">x</p>']);
  });

  test('keeps bindings intact, and the space before /> after an unquoted value', () => {
    assert.deepEqual(html('<input\n  id=', '\n  .value=', '\n  ?disabled=', '\n  @input=', '\n/>'), [
      '<input id=',
      ' .value=',
      ' ?disabled=',
      ' @input=',
      ' />',
    ]);
    assert.deepEqual(html('<a href=x />'), ['<a href=x />']);
    assert.deepEqual(html('<br\n  class="x"\n/>'), ['<br class="x"/>']);
    assert.deepEqual(html('<div ', '\n  class="a">'), ['<div ', ' class="a">']);
  });

  test('copies <pre>, <textarea>, <script> and <style> content untouched', () => {
    const pre = '<pre>\n  a\n     b  </pre>';
    assert.deepEqual(html(`<div>\n  ${pre}\n</div>`), [`<div>${pre}</div>`]);
    assert.deepEqual(html('<textarea>\n  x  ', '\n</textarea>'), ['<textarea>\n  x  ', '\n</textarea>']);
    assert.deepEqual(html('<style>\n  p { color: red }\n</style>'), [
      '<style>\n  p { color: red }\n</style>',
    ]);
  });

  test('drops comments, but keeps one that holds a binding', () => {
    assert.deepEqual(html('<div>\n  <!-- note -->\n  <p>x</p>\n</div>'), ['<div><p>x</p></div>']);
    assert.deepEqual(html('<!-- ', ' -->'), ['<!-- ', ' -->']);
  });

  test('does not take a lone < in text for a tag', () => {
    assert.deepEqual(html('<p>1 < 2\n  and 3 > 2</p>'), ['<p>1 < 2 and 3 > 2</p>']);
  });
});

describe('minifyCss', () => {
  test('drops comments and formatting, and the ; before }', () => {
    assert.deepEqual(
      css(
        '\n  /* tokens */\n  :host {\n    display: block;\n    color: var(--x, light-dark(#fff, #000));\n  }\n',
      ),
      [':host{display:block;color:var(--x,light-dark(#fff,#000))}'],
    );
  });

  test('keeps the spaces CSS needs', () => {
    assert.deepEqual(css('.who .name,\n.a :focus-visible {\n  margin: 0 auto;\n}'), [
      '.who .name,.a :focus-visible{margin:0 auto}',
    ]);
    assert.deepEqual(css('p { width: calc(100% - 2 * var(--s)); }'), ['p{width:calc(100% - 2 * var(--s))}']);
    assert.deepEqual(css('@media (prefers-reduced-motion: reduce) and (min-width: 1px) { p { a: b } }'), [
      '@media (prefers-reduced-motion:reduce) and (min-width:1px){p{a:b}}',
    ]);
    assert.deepEqual(css('a > b ~ c + d { x: y !important; }'), ['a>b~c + d{x:y!important}']);
  });

  test('copies strings untouched', () => {
    assert.deepEqual(css("p::before { content: ' /* no */  ;} '; }"), [
      "p::before{content:' /* no */  ;} '}",
    ]);
    assert.deepEqual(css('p { content: "a\\"  b"; }'), ['p{content:"a\\"  b"}']);
  });

  test('keeps a space beside an expression, and the expressions in place', () => {
    assert.deepEqual(css('p {\n  margin: ', ' ', ';\n  color: red;\n}'), ['p{margin:', ' ', ';color:red}']);
    assert.deepEqual(css('', '\n:host { a: b }'), ['', ' :host{a:b}']);
  });
});

/** Bundles one module (Lit left external) with the plugin and returns the output chunk. */
async function bundle(source) {
  const build = await rollup({
    input: 'entry.js',
    external: ['lit'],
    plugins: [
      { name: 'virtual', resolveId: (id) => (id === 'entry.js' ? id : null), load: () => source },
      minifyTemplates(),
    ],
  });
  const { output } = await build.generate({ format: 'es', sourcemap: true });
  return output[0];
}

/** Decodes a source map's `mappings` into [generatedLine, generatedColumn, originalLine, originalColumn]. */
function decode(mappings) {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const out = [];
  const state = [0, 0, 0, 0];
  mappings.split(';').forEach((line, generatedLine) => {
    state[0] = 0;
    for (const segment of line.split(',').filter(Boolean)) {
      const values = [];
      let value = 0;
      let shift = 0;
      for (const ch of segment) {
        const digit = chars.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      for (let i = 0; i < values.length; i++) state[i] += values[i];
      out.push([generatedLine, state[0], state[2], state[3]]);
    }
  });
  return out;
}

describe('the rollup plugin', () => {
  test('minifies the html and css imported from Lit, under any local name, and nothing else', async () => {
    const chunk = await bundle(
      [
        "import { html as h, css } from 'lit';",
        'const own = (s) => s;',
        'export const styles = css`',
        '  p {',
        '    color: red;',
        '  }',
        '`;',
        'export const view = (x) => h`<div>',
        `  <p>\${x}</p>`,
        '</div>`;',
        'export const other = own`<div>',
        '  <p>keep</p>',
        '</div>`;',
      ].join('\n'),
    );
    assert.match(chunk.code, /css`p\{color:red\}`/);
    assert.match(chunk.code, /html`<div><p>\$\{x\}<\/p><\/div>`/);
    assert.match(chunk.code, /own`<div>\n {2}<p>keep<\/p>\n<\/div>`/);
  });

  test('maps the code after a minified template back to its original line', async () => {
    const chunk = await bundle(
      [
        "import { html } from 'lit';",
        'export const view = () => html`<div>',
        '  <p>a</p>',
        '</div>`;',
        'export const marker = 42;',
      ].join('\n'),
    );
    const lines = chunk.code.split('\n');
    const line = lines.findIndex((l) => l.includes('marker'));
    const column = lines[line].indexOf('42');
    const segments = decode(chunk.map.mappings).filter(([l, c]) => l === line && c <= column);
    const [, , originalLine, originalColumn] = segments.at(-1);
    assert.deepEqual([originalLine, originalColumn], [4, 'export const marker = '.length]);
  });
});
