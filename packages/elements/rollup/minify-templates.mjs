// Minifies the HTML and CSS inside Lit's html`` / svg`` / css`` templates at bundle time: collapses the source
// formatting (indentation, line breaks, spaces around CSS punctuation) and drops HTML and CSS comments. Only the
// literal parts change; `${}` expressions, quoted attribute values, CSS strings and the content of <pre>,
// <textarea>, <script>, <style> and <title> are copied as they are.
//
// HTML whitespace rule (what CSS does with `white-space: normal`): a run of whitespace in text that breaks the line
// next to the start or end tag of a block-level element is source formatting and is dropped; any other run becomes
// one space, so text and inline elements keep the spaces between them. Inside tags, runs between attributes become
// one space and go before `>`.

const HTML_WHITESPACE = /[ \t\n\r\f]/;

/** Elements whose boundaries make neighbouring whitespace insignificant (block-level or not rendered). */
const BLOCK = new Set(
  (
    'address article aside blockquote body br caption col colgroup dd details dialog div dl dt fieldset ' +
    'figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html li link main menu meta nav ol ' +
    'optgroup option p search section summary table tbody td template tfoot th thead tr ul'
  ).split(' '),
);

/** Elements whose content is copied untouched. */
const RAW = new Set(['pre', 'textarea', 'script', 'style', 'title']);

const isSpace = (c) => c !== undefined && HTML_WHITESPACE.test(c);

/** The lower-case tag name at `s[i]` (just after `<` or `</`), or '' when there is none. */
function tagNameAt(s, i) {
  const match = /^[a-zA-Z][^\s/>]*/.exec(s.slice(i, i + 64));
  return match ? match[0].toLowerCase() : '';
}

/**
 * Minifies the literal parts of one html`` template. `strings` are the raw texts between the expressions;
 * the result has the same length, so the expressions fit back in the same places.
 *
 * @param {readonly string[]} strings
 * @returns {string[]}
 */
export function minifyHtml(strings) {
  let state = 'text'; // text | tag | quote | comment | raw
  let quote = '';
  let rawTag = '';
  let tag = { name: '', closing: false };
  // What came before, for whitespace in text: 'start', 'expr', 'text', or a tag boundary ('block' / 'inline').
  let before = 'start';
  // The last thing inside the current tag: 'name', 'attr' (a name or unquoted value), 'quoted', '=', 'expr'.
  let last = 'name';

  return strings.map((s, index) => {
    const first = index === 0;
    const final = index === strings.length - 1;
    let out = '';
    if (!first) {
      if (state === 'text') before = 'expr';
      else if (state === 'tag') last = 'expr';
    }
    let i = 0;
    while (i < s.length) {
      const c = s[i];
      if (state === 'quote') {
        const end = s.indexOf(quote, i);
        if (end === -1) {
          out += s.slice(i);
          i = s.length;
        } else {
          out += s.slice(i, end + 1);
          i = end + 1;
          state = 'tag';
          last = 'quoted';
        }
      } else if (state === 'comment') {
        // A comment that holds an expression is kept (Lit ignores bindings there); it ends in this string.
        const end = s.indexOf('-->', i);
        out += end === -1 ? s.slice(i) : s.slice(i, end + 3);
        i = end === -1 ? s.length : end + 3;
        if (end !== -1) state = 'text';
      } else if (state === 'raw') {
        const close = s.toLowerCase().indexOf(`</${rawTag}`, i);
        out += close === -1 ? s.slice(i) : s.slice(i, close);
        i = close === -1 ? s.length : close;
        if (close !== -1) state = 'text';
      } else if (state === 'tag') {
        if (isSpace(c)) {
          let j = i;
          while (isSpace(s[j])) j++;
          const next = s[j];
          const atEnd = j === s.length;
          if (next === '>' || next === '=' || last === '=') {
            // dropped: `a = "b"`, `"b" >`
          } else if (s.startsWith('/>', j)) {
            // `<a href=x />` must not become `<a href=x/>` (the slash would join the unquoted value).
            if (last === 'attr' || last === 'expr') out += ' ';
          } else if (!(atEnd && final)) {
            out += ' ';
          }
          i = j;
        } else if (c === '"' || c === "'") {
          quote = c;
          state = 'quote';
          out += c;
          i++;
        } else if (c === '>') {
          out += c;
          i++;
          state = 'text';
          before = BLOCK.has(tag.name) ? 'block' : 'inline';
          if (RAW.has(tag.name) && !tag.closing) {
            state = 'raw';
            rawTag = tag.name;
          }
        } else {
          if (c === '=') last = '=';
          else if (c !== '/') last = 'attr';
          out += c;
          i++;
        }
      } else if (isSpace(c)) {
        let j = i;
        while (isSpace(s[j])) j++;
        let after = 'text';
        if (j === s.length) after = final ? 'end' : 'expr';
        else if (s[j] === '<') {
          const name = tagNameAt(s, s[j + 1] === '/' ? j + 2 : j + 1);
          if (name) after = BLOCK.has(name) ? 'block' : 'inline';
        }
        const lineBreak = /[\n\r]/.test(s.slice(i, j));
        if (!lineBreak || (before !== 'block' && after !== 'block')) out += ' ';
        i = j;
      } else if (s.startsWith('<!--', i)) {
        const end = s.indexOf('-->', i + 4);
        if (end === -1) {
          state = 'comment';
          out += s.slice(i);
          i = s.length;
        } else {
          i = end + 3; // dropped; `before` stays what preceded the comment
        }
      } else if (c === '<' && (tagNameAt(s, i + 1) || (s[i + 1] === '/' && tagNameAt(s, i + 2)))) {
        const closing = s[i + 1] === '/';
        const name = tagNameAt(s, closing ? i + 2 : i + 1);
        tag = { name, closing };
        const length = (closing ? 2 : 1) + name.length;
        out += s.slice(i, i + length);
        i += length;
        state = 'tag';
        last = 'name';
      } else {
        out += c;
        i++;
        before = 'text';
      }
    }
    return out;
  });
}

/** Characters after which whitespace in CSS means nothing. */
const CSS_NO_SPACE_AFTER = new Set(['{', '}', ';', ',', '>', '~', '(', ':', '!']);
/** Characters before which whitespace in CSS means nothing (never `(`, `:`, `+`, `-`: `and (`, `a :hover`, calc). */
const CSS_NO_SPACE_BEFORE = new Set(['{', '}', ';', ',', '>', '~', ')', '!']);

/**
 * Minifies the literal parts of one css`` template: drops comments, collapses whitespace, removes it around
 * punctuation where CSS ignores it, and drops the `;` before `}`. Strings are copied as they are.
 *
 * @param {readonly string[]} strings
 * @returns {string[]}
 */
export function minifyCss(strings) {
  let quote = '';
  let inComment = false;
  return strings.map((s, index) => {
    const first = index === 0;
    const final = index === strings.length - 1;
    let out = '';
    let i = 0;
    while (i < s.length) {
      const c = s[i];
      if (quote) {
        let j = i;
        while (j < s.length && s[j] !== quote) j += s[j] === '\\' ? 2 : 1;
        out += s.slice(i, j + 1);
        if (j < s.length) quote = '';
        i = j + 1;
      } else if (inComment) {
        const end = s.indexOf('*/', i);
        out += end === -1 ? s.slice(i) : s.slice(i, end + 2);
        i = end === -1 ? s.length : end + 2;
        if (end !== -1) inComment = false;
      } else if (isSpace(c) || s.startsWith('/*', i)) {
        // A gap: whitespace and comments that end in this string.
        let j = i;
        for (;;) {
          if (isSpace(s[j])) j++;
          else if (s.startsWith('/*', j) && s.indexOf('*/', j + 2) !== -1) j = s.indexOf('*/', j + 2) + 2;
          else break;
        }
        if (j === i) {
          // A comment that runs into an expression: keep it.
          inComment = true;
          out += '/*';
          i += 2;
          continue;
        }
        const prev = out.length ? out[out.length - 1] : first ? undefined : 'expr';
        const next = j < s.length ? s[j] : final ? undefined : 'expr';
        const needed =
          prev !== undefined &&
          next !== undefined &&
          !CSS_NO_SPACE_AFTER.has(prev) &&
          !CSS_NO_SPACE_BEFORE.has(next);
        if (needed) out += ' ';
        i = j;
      } else {
        if (c === '"' || c === "'") quote = c;
        if (c === '}' && out.endsWith(';')) out = out.slice(0, -1);
        if (c === '\\') {
          out += s.slice(i, i + 2);
          i += 2;
          continue;
        }
        out += c;
        i++;
      }
    }
    return out;
  });
}

/** Lit modules whose `html`, `svg` and `css` exports are the template tags. */
const LIT_SOURCES =
  /^(lit|lit-html|lit-element|@lit\/reactive-element)(\/(index|lit-html|lit-element|css-tag)\.js)?$/;
const MINIFIERS = { html: minifyHtml, svg: minifyHtml, css: minifyCss };

/** The `html`/`svg`/`css` tags a module imports from Lit, by local name. */
function litTags(program) {
  const tags = new Map();
  for (const node of program.body) {
    if (node.type !== 'ImportDeclaration' || !LIT_SOURCES.test(node.source.value)) continue;
    for (const spec of node.specifiers) {
      const imported = spec.type === 'ImportSpecifier' ? (spec.imported.name ?? spec.imported.value) : '';
      if (MINIFIERS[imported]) tags.set(spec.local.name, MINIFIERS[imported]);
    }
  }
  return tags;
}

/** Calls `visit` on every node of an ESTree tree. */
function walk(node, visit) {
  if (!node || typeof node.type !== 'string') return;
  visit(node);
  for (const key in node) {
    const value = node[key];
    if (Array.isArray(value)) for (const child of value) walk(child, visit);
    else if (value && typeof value === 'object' && typeof value.type === 'string') walk(value, visit);
  }
}

const VLQ = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function vlq(value) {
  let n = value < 0 ? (-value << 1) | 1 : value << 1;
  let out = '';
  do {
    let digit = n & 31;
    n >>>= 5;
    if (n > 0) digit |= 32;
    out += VLQ[digit];
  } while (n > 0);
  return out;
}

/**
 * Applies `edits` (`{start, end, text}`, sorted, not overlapping) to `code`, with a source map that maps every
 * word of the untouched code, and the start of each edit, back to where it was.
 */
export function applyEdits(code, edits, source) {
  const lineStarts = [0];
  for (let i = 0; i < code.length; i++) if (code[i] === '\n') lineStarts.push(i + 1);
  const position = (offset) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return [lo, offset - lineStarts[lo]];
  };
  let out = '';
  const lines = [[]];
  let genCol = 0;
  const mark = (offset) => {
    const [line, col] = position(offset);
    lines[lines.length - 1].push([genCol, line, col]);
  };
  const emit = (text) => {
    out += text;
    const parts = text.split('\n');
    for (let p = 1; p < parts.length; p++) lines.push([]);
    genCol = parts.length > 1 ? parts[parts.length - 1].length : genCol + text.length;
  };
  const copy = (from, to) => {
    const words = /\S+/g;
    words.lastIndex = from;
    let at = from;
    for (let m = words.exec(code); m && m.index < to; m = words.exec(code)) {
      emit(code.slice(at, m.index));
      mark(m.index);
      at = m.index;
      emit(code.slice(at, Math.min(m.index + m[0].length, to)));
      at = Math.min(m.index + m[0].length, to);
    }
    emit(code.slice(at, to));
  };
  let at = 0;
  for (const edit of edits) {
    copy(at, edit.start);
    mark(edit.start);
    emit(edit.text);
    at = edit.end;
  }
  copy(at, code.length);
  let prevLine = 0;
  let prevCol = 0;
  const mappings = lines
    .map((segments) => {
      let prevGen = 0;
      return segments
        .map(([gen, line, col]) => {
          const segment = vlq(gen - prevGen) + vlq(0) + vlq(line - prevLine) + vlq(col - prevCol);
          prevGen = gen;
          prevLine = line;
          prevCol = col;
          return segment;
        })
        .join(',');
    })
    .join(';');
  return { code: out, map: { version: 3, sources: [source], names: [], mappings } };
}

/**
 * Rollup plugin: minifies Lit templates in the modules `include` accepts (default: everything outside
 * node_modules).
 *
 * @param {{ include?: (id: string) => boolean }} [options]
 */
export function minifyTemplates({ include = (id) => !/[\\/]node_modules[\\/]/.test(id) } = {}) {
  return {
    name: 'minify-lit-templates',
    transform(code, id) {
      if (!include(id) || !/\b(html|svg|css)\b/.test(code)) return null;
      const program = this.parse(code);
      const tags = litTags(program);
      if (tags.size === 0) return null;
      const edits = [];
      walk(program, (node) => {
        if (node.type !== 'TaggedTemplateExpression' || node.tag.type !== 'Identifier') return;
        const minify = tags.get(node.tag.name);
        if (!minify) return;
        const quasis = node.quasi.quasis;
        // Positions must cover exactly the raw text, or the template is left alone.
        if (quasis.some((q) => code.slice(q.start, q.end) !== q.value.raw)) return;
        const minified = minify(quasis.map((q) => q.value.raw));
        quasis.forEach((q, i) => {
          if (minified[i] !== q.value.raw) edits.push({ start: q.start, end: q.end, text: minified[i] });
        });
      });
      if (edits.length === 0) return null;
      edits.sort((a, b) => a.start - b.start);
      return applyEdits(code, edits, id);
    },
  };
}
