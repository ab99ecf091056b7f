import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { domainToASCII } from 'node:url';
import {
  DomainNameSchema,
  type DomainNameProblem,
  domainToUnicode,
  NameserversInputSchema,
  parseDomainName,
  parseDomainQuery,
  punycodeDecode,
  punycodeEncode,
} from '../src/contract/index.js';

const TLDS = ['com', 'net', 'org', 'co.uk', 'uk', 'example', 'xn--p1ai', 'shop'];
const long = (n: number) => 'a'.repeat(n);

/** Whole names: what an order, a check or a name server takes. `ok` cases give their ASCII form. */
const NAMES: Array<[input: string, expected: { ascii: string; unicode?: string } | DomainNameProblem]> = [
  // Valid ASCII
  ['example.com', { ascii: 'example.com' }],
  ['EXAMPLE.COM', { ascii: 'example.com' }],
  ['  example.com  ', { ascii: 'example.com' }],
  ['example.com.', { ascii: 'example.com' }],
  ['a.com', { ascii: 'a.com' }],
  ['a-b.com', { ascii: 'a-b.com' }],
  ['a--b.com', { ascii: 'a--b.com' }],
  ['123.com', { ascii: '123.com' }],
  ['sub.domain.example.co.uk', { ascii: 'sub.domain.example.co.uk' }],
  [`${long(63)}.com`, { ascii: `${long(63)}.com` }],
  // 63 + 1 + 63 + 1 + 63 + 1 + 61 = 253
  [
    `${long(63)}.${long(63)}.${long(63)}.${long(61)}`,
    { ascii: `${long(63)}.${long(63)}.${long(63)}.${long(61)}` },
  ],
  // IDN through punycode
  ['bücher.example', { ascii: 'xn--bcher-kva.example', unicode: 'bücher.example' }],
  ['BÜCHER.example', { ascii: 'xn--bcher-kva.example', unicode: 'bücher.example' }],
  ['xn--bcher-kva.example', { ascii: 'xn--bcher-kva.example', unicode: 'bücher.example' }],
  ['münchen.de', { ascii: 'xn--mnchen-3ya.de', unicode: 'münchen.de' }],
  ['日本語.jp', { ascii: 'xn--wgv71a119e.jp', unicode: '日本語.jp' }],
  ['пример.рф', { ascii: 'xn--e1afmkfd.xn--p1ai', unicode: 'пример.рф' }],
  ['mañana.com', { ascii: 'xn--maana-pta.com', unicode: 'mañana.com' }],
  ['例え。テスト', { ascii: 'xn--r8jz45g.xn--zckzah', unicode: '例え.テスト' }],
  ['ｅｘａｍｐｌｅ．ｃｏｍ', { ascii: 'example.com' }],
  ['ﬁsh.com', { ascii: 'fish.com' }],
  ['café.com', { ascii: 'xn--caf-dma.com', unicode: 'café.com' }],
  ['cafe\u0301.com', { ascii: 'xn--caf-dma.com', unicode: 'café.com' }],
  ['a1-ü.com', { ascii: 'xn--a1--joa.com', unicode: 'a1-ü.com' }],
  // Empty and dots
  ['', 'empty'],
  ['   ', 'empty'],
  ['.', 'empty'],
  ['.com', 'empty_label'],
  ['example..com', 'empty_label'],
  ['example.com..', 'empty_label'],
  // Length
  [`${long(64)}.com`, 'label_too_long'],
  [`${long(63)}.${long(63)}.${long(63)}.${long(62)}`, 'too_long'],
  [`${'ü'.repeat(60)}.com`, 'label_too_long'],
  // Hyphens
  ['-example.com', 'hyphen_edge'],
  ['example-.com', 'hyphen_edge'],
  ['example.-com', 'hyphen_edge'],
  ['ab--cd.com', 'reserved_hyphens'],
  ['üb--cd.com', 'reserved_hyphens'],
  // Bad characters
  ['exa_mple.com', 'bad_character'],
  ['exa mple.com', 'space'],
  ['exa\tmple.com', 'space'],
  ['example!.com', 'bad_character'],
  ['exam@ple.com', 'bad_character'],
  ['example.com/path', 'bad_character'],
  ['http://example.com', 'bad_character'],
  ['☃.com', 'bad_character'],
  ['😀.com', 'bad_character'],
  ['exa%6dple.com', 'bad_character'],
  ['<script>.com', 'bad_character'],
  ['\u0301abc.com', 'leading_mark'],
  // Punycode
  ['xn--zz.com', 'bad_punycode'],
  ['xn--.com', 'bad_punycode'],
  ['xn--abc-.com', 'bad_punycode'],
  ['xn--example.com', 'bad_punycode'],
  // TLD
  ['example', 'missing_tld'],
  ['127.0.0.1', 'numeric_tld'],
  ['example.123', 'numeric_tld'],
];

describe('parseDomainName: a registry’s rules', () => {
  test('the table has at least 40 cases', () => {
    assert.ok(NAMES.length >= 40, `${NAMES.length} cases`);
  });

  for (const [input, expected] of NAMES) {
    test(`${JSON.stringify(input)} → ${typeof expected === 'string' ? expected : expected.ascii}`, () => {
      const result = parseDomainName(input);
      if (typeof expected === 'string') {
        assert.equal(result.ok, false, `accepted as ${result.ok && result.ascii}`);
        assert.equal(!result.ok && result.problem, expected);
        assert.ok(!result.ok && result.message.length > 0);
      } else {
        assert.ok(result.ok, `refused: ${!result.ok && result.problem}`);
        assert.equal(result.ascii, expected.ascii);
        assert.equal(result.unicode, expected.unicode ?? expected.ascii);
      }
    });
  }

  test('valid IDN labels agree with the platform’s own IDNA conversion', () => {
    for (const [input, expected] of NAMES) {
      if (typeof expected === 'string' || !/[^\p{ASCII}]/u.test(input)) continue;
      assert.equal(domainToASCII(input), expected.ascii, input);
    }
  });
});

describe('punycode (RFC 3492)', () => {
  test('the RFC’s sample strings encode and decode', () => {
    // RFC 3492 §7.1 (A) Arabic (Egyptian) and (L) Japanese, case folded.
    const samples: Array<[string, string]> = [
      [
        '\u0644\u064A\u0647\u0645\u0627\u0628\u062A\u0643\u0644\u0645\u0648\u0634\u0639\u0631\u0628\u064A\u061F',
        'egbpdaj6bu4bxfgehfvwxn',
      ],
      ['3\u5E74b\u7D44\u91D1\u516B\u5148\u751F', '3b-ww4c5e180e575a65lsy2b'],
      ['bücher', 'bcher-kva'],
    ];
    for (const [unicode, encoded] of samples) {
      assert.equal(punycodeEncode(unicode), encoded);
      assert.equal(punycodeDecode(encoded), unicode);
    }
  });

  test('random labels survive a round trip', () => {
    const alphabet = 'abcxyz019-äöüßéñçøåœ中文字日本한국어пример';
    for (let i = 0; i < 500; i++) {
      const length = 1 + Math.floor(Math.random() * 12);
      const label = Array.from({ length }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join(
        '',
      );
      assert.equal(punycodeDecode(punycodeEncode(label)), label, label);
    }
  });

  test('garbage never throws', () => {
    for (const input of ['', '-', '--', '99999999999', 'zzzzzzzzzzzzzzzzzzzzzzzzzzzz', '!', 'a-!', 'ü']) {
      const decoded = punycodeDecode(input);
      assert.ok(decoded === null || typeof decoded === 'string');
    }
  });
});

describe('parseDomainQuery: what a search box takes', () => {
  const cases: Array<[string, { label: string; tld: string | null } | DomainNameProblem]> = [
    ['example', { label: 'example', tld: null }],
    ['Bücher', { label: 'xn--bcher-kva', tld: null }],
    ['example.com', { label: 'example', tld: 'com' }],
    ['https://www.example.co.uk/about?x=1', { label: 'example', tld: 'co.uk' }],
    ['example.uk', { label: 'example', tld: 'uk' }],
    ['пример.рф', { label: 'xn--e1afmkfd', tld: 'xn--p1ai' }],
    ['shop.example.com', 'subdomain'],
    ['example.zz', 'unknown_tld'],
    ['my shop', 'space'],
    ['-shop', 'hyphen_edge'],
    ['', 'empty'],
  ];
  for (const [input, expected] of cases) {
    test(JSON.stringify(input), () => {
      const result = parseDomainQuery(input, TLDS);
      if (typeof expected === 'string') {
        assert.equal(!result.ok && result.problem, expected);
      } else {
        assert.ok(result.ok, !result.ok ? result.message : '');
        assert.equal(result.label, expected.label);
        assert.equal(result.tld, expected.tld);
      }
    });
  }

  test('an unknown ending is named in the message', () => {
    const result = parseDomainQuery('example.zz', TLDS);
    assert.equal(!result.ok && result.message, 'We do not offer .zz domains');
  });
});

describe('contract schemas', () => {
  test('DomainNameSchema answers the ASCII form, and the rule’s message when refused', () => {
    assert.equal(DomainNameSchema.parse('Bücher.Example'), 'xn--bcher-kva.example');
    const refused = DomainNameSchema.safeParse('exa_mple.com');
    assert.equal(refused.success, false);
    assert.equal(refused.error?.issues[0]?.message, 'A domain may only use letters, digits and hyphens');
  });

  test('name servers: 2 to 13, each once (after normalizing), each a host name', () => {
    const ns = (n: number) => Array.from({ length: n }, (_, i) => `ns${i + 1}.example.net`);
    assert.equal(NameserversInputSchema.safeParse({ nameservers: ns(1) }).success, false);
    assert.equal(NameserversInputSchema.safeParse({ nameservers: ns(2) }).success, true);
    assert.equal(NameserversInputSchema.safeParse({ nameservers: ns(13) }).success, true);
    assert.equal(NameserversInputSchema.safeParse({ nameservers: ns(14) }).success, false);
    const dup = NameserversInputSchema.safeParse({ nameservers: ['NS1.example.net', 'ns1.example.net.'] });
    assert.equal(dup.success, false);
    const bad = NameserversInputSchema.safeParse({ nameservers: ['ns1.example.net', 'ns_2.example.net'] });
    assert.deepEqual(bad.error?.issues[0]?.path, ['nameservers', 1]);
  });

  test('domainToUnicode leaves a label it cannot decode as it is', () => {
    assert.equal(domainToUnicode('xn--bcher-kva.xn--zz'), 'bücher.xn--zz');
  });
});
