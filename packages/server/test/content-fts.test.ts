import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ftsQuery, MAX_QUERY_WORDS, queryWords } from '../src/modules/content/fts.js';
import { adminChange, KB, KbFixture, startContentServer } from './content-helpers.js';
import type { TestServer } from './helpers.js';

/**
 * What people (and attackers) type into a search box, each as it goes in the URL. Every one must answer 200 with
 * a list: FTS5 syntax errors, SQL and odd Unicode are only ever words.
 */
const ODD_QUERIES: ReadonlyArray<[label: string, encoded: string]> = [
  ['unbalanced quote', encodeURIComponent('"password')],
  ['closing quote only', encodeURIComponent('password"')],
  ['three quotes', encodeURIComponent('"""')],
  ['quoted OR', encodeURIComponent('"a" OR "b"')],
  ['AND', encodeURIComponent('email AND')],
  ['OR alone', 'OR'],
  ['NOT first', encodeURIComponent('NOT email')],
  ['AND NOT OR', encodeURIComponent('AND NOT OR')],
  ['NEAR', encodeURIComponent('NEAR(email password, 2)')],
  ['NEAR alone', 'NEAR'],
  ['star alone', encodeURIComponent('*')],
  ['star first', encodeURIComponent('*email')],
  ['star twice', encodeURIComponent('pass**')],
  ['caret', encodeURIComponent('^x')],
  ['caret alone', encodeURIComponent('^')],
  ['minus', encodeURIComponent('-x')],
  ['column filter', encodeURIComponent('title:x')],
  ['column set filter', encodeURIComponent('{title text}:email')],
  ['unknown column', encodeURIComponent('nosuchcolumn:x')],
  ['open paren', encodeURIComponent('(x')],
  ['close paren', encodeURIComponent('x)')],
  ['parens only', encodeURIComponent('()')],
  ['plus', encodeURIComponent('email + password')],
  ['colon alone', encodeURIComponent(':')],
  ['emoji', encodeURIComponent('😀📧')],
  ['emoji beside a word', encodeURIComponent('email😀')],
  ['CJK', encodeURIComponent('電子メールの設定')],
  ['Arabic', encodeURIComponent('إعداد البريد الإلكتروني')],
  ['Hindi with combining marks', encodeURIComponent('ईमेल सेटिंग्स नमस्ते')],
  ['Zalgo', encodeURIComponent('e̸̢̛m̷̨̛a̶̡̛i̴̢̛l̵̨̛')],
  ['combining mark alone', encodeURIComponent('\u0301 \u0337')],
  ['200 characters', encodeURIComponent('word '.repeat(40))],
  ['200 letters, one word', 'a'.repeat(200)],
  ['only punctuation', encodeURIComponent('!@#$%^&*()_+-=[]{};:,.<>/?\\|~`')],
  ['SQL injection', encodeURIComponent("'; DROP TABLE kb_articles; --")],
  ['SQL union', encodeURIComponent("' UNION SELECT * FROM staff --")],
  ['NUL', '%00'],
  ['NUL inside', 'pass%00word'],
  ['lone high surrogate (CESU-8)', '%ED%A0%80'],
  ['lone low surrogate (CESU-8)', '%ED%B0%80'],
  ['broken UTF-8', '%C3%28'],
  ['overlong UTF-8', '%C0%AF'],
  ['tab and newline', '%09email%0Apassword'],
  ['private-use markers', encodeURIComponent('\uE000email\uE001')],
  ['a quote in a word', encodeURIComponent('don"t')],
  [
    '40 words, more than are read',
    encodeURIComponent(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ')),
  ],
  ['right-to-left override', encodeURIComponent('\u202Eliame')],
  ['zero-width joiner', encodeURIComponent('e\u200Dmail')],
];

describe('ftsQuery', () => {
  test('each word is a quoted phrase, joined by AND; the last is a prefix', () => {
    assert.equal(ftsQuery('reset my passw'), '"reset" "my" "passw"*');
    assert.equal(ftsQuery('reset my passw', { prefixLast: false }), '"reset" "my" "passw"');
  });

  test('operators, filters and quotes are only words', () => {
    assert.equal(ftsQuery('"a" OR "b"'), '"a" "OR" "b"*');
    assert.equal(ftsQuery('title:x NEAR(y) -z ^w'), '"title" "x" "NEAR" "y" "z" "w"*');
    assert.equal(ftsQuery('x OR y', { match: 'any', prefixLast: false }), '"x" OR "OR" OR "y"');
  });

  test('words split as the unicode61 tokenizer reads them', () => {
    assert.deepEqual(queryWords("don't e-mail under_score"), ['don', 't', 'e', 'mail', 'under', 'score']);
    assert.deepEqual(
      queryWords('café cafe\u0301 x²'),
      ['café', 'café', 'x²'],
      'marks stay in the word (NFC)',
    );
    assert.deepEqual(queryWords('नमस्ते'), ['नमस्ते'], 'Devanagari signs stay in the word');
    assert.deepEqual(queryWords('😀 \u0301 \u0337 !!'), [], 'no word in symbols or marks alone');
  });

  test('no words: an empty expression; many: the first twenty', () => {
    assert.equal(ftsQuery('!!! ***'), '');
    assert.equal(ftsQuery(''), '');
    const many = Array.from({ length: 30 }, (_, i) => `w${i}`).join(' ');
    assert.equal(queryWords(many).length, MAX_QUERY_WORDS);
  });

  test('stop words can be left out', () => {
    assert.equal(ftsQuery('How to set up email', { skip: new Set(['how', 'to']) }), '"set" "up" "email"*');
  });
});

describe('odd queries never fail', () => {
  let s: TestServer;

  before(async () => {
    s = await startContentServer({ rateLimitScale: 100 });
    const kb = await KbFixture.create(s);
    const c = await kb.category('General');
    await kb.article(c, 'Email settings', 'Your email password and the server name. नमस्ते. 電子メールの設定.');
    await kb.article(c, 'Dangerous', "'; DROP TABLE kb_articles; -- is just text here.");
    const { change } = await adminChange(s);
    const group = await s.app.portico.content.faq.createGroup({ name: 'General' }, change);
    await s.app.portico.content.faq.createItem(
      { groupId: group.id, question: 'Where is my email password?', answer: 'In **Email → Mailboxes**.' },
      change,
    );
  });
  after(() => s.close());

  test(`the table has at least 40 inputs (${ODD_QUERIES.length})`, () => {
    assert.ok(ODD_QUERIES.length >= 40);
  });

  for (const [label, encoded] of ODD_QUERIES) {
    test(`KB search and FAQ answer 200 with a list: ${label}`, async () => {
      const search = await s.request('GET', `${KB}/search?q=${encoded}`);
      assert.equal(search.status, 200, `search ${encoded}: ${search.text}`);
      assert.ok(Array.isArray(search.body.items));
      const faq = await s.request('GET', `/api/v1/faq?q=${encoded}`);
      assert.equal(faq.status, 200, `faq ${encoded}: ${faq.text}`);
      assert.ok(Array.isArray(faq.body.groups));
    });
  }

  test('the table of articles survived the injection attempt, and it finds itself as text', async () => {
    const r = await s.request('GET', `${KB}/search?q=${encodeURIComponent("'; DROP TABLE kb_articles; --")}`);
    assert.deepEqual(
      r.body.items.map((h: { article: { title: string } }) => h.article.title),
      ['Dangerous'],
    );
    const count = await s.app.portico.db
      .selectFrom('kb_articles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 2);
  });

  test('operator words are searched as words: "a" OR "b" needs a, OR and b', async () => {
    const r = await s.request('GET', `${KB}/search?q=${encodeURIComponent('email OR nothingmatches')}`);
    assert.deepEqual(r.body.items, [], 'OR is not an operator, so the missing word fails the AND');
  });

  test('scripts other than Latin are found', async () => {
    for (const q of ['電子メールの設定', 'नमस्ते']) {
      const r = await s.request('GET', `${KB}/search?q=${encodeURIComponent(q)}`);
      assert.equal(r.body.items.length, 1, q);
    }
  });

  test('the FAQ search finds questions by question or answer, prefix included', async () => {
    for (const q of ['password', 'mailb', 'EMAIL']) {
      const r = await s.request('GET', `/api/v1/faq?q=${q}`);
      assert.equal(r.body.groups.length, 1, q);
      assert.equal(r.body.groups[0].items[0].question, 'Where is my email password?');
    }
  });
});
