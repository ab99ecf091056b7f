import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CountryTable,
  countryFromHeader,
  ipPlaces,
  ipv4Number,
  isLocalAddress,
  placeName,
} from '../src/modules/account/places.js';

describe('places by IP', () => {
  const places = ipPlaces();

  test('loopback and private addresses are the local network', () => {
    for (const ip of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.9',
      '192.168.1.20',
      '100.64.0.1',
      '::1',
      'fd00::1',
    ]) {
      assert.equal(places.countryOf(ip), 'LAN', ip);
    }
    assert.equal(places.countryOf('::ffff:192.168.1.20'), 'LAN');
    assert.equal(isLocalAddress('8.8.8.8'), false);
  });

  test('public IPv4 addresses are found in the DB-IP country table', () => {
    assert.equal(places.countryOf('8.8.8.8'), 'US');
    assert.equal(places.countryOf('80.58.61.250'), 'ES');
    assert.equal(places.countryOf('81.2.69.142'), 'GB');
    // First and last range of the table: the bisection's edges.
    assert.equal(places.countryOf('1.0.0.0'), 'AU');
    assert.equal(places.countryOf('223.255.255.255'), 'AU');
  });

  test('IPv4-mapped IPv6 addresses are looked up as IPv4', () => {
    assert.equal(places.countryOf('::ffff:8.8.8.8'), 'US');
    assert.equal(places.countryOf('::FFFF:808:808'), 'US');
    assert.equal(ipv4Number('::ffff:808:808'), ipv4Number('8.8.8.8'));
  });

  test('unknown: no address, outside every range, other IPv6, garbage', () => {
    assert.equal(places.countryOf(undefined), null);
    assert.equal(places.countryOf(''), null);
    assert.equal(places.countryOf('0.0.0.1'), null);
    assert.equal(places.countryOf('240.0.0.1'), null);
    assert.equal(places.countryOf('2001:4860:4860::8888'), null);
    assert.equal(places.countryOf('not an ip'), null);
  });

  test('a missing table is logged once and answers null; local addresses still work', () => {
    const warnings: unknown[] = [];
    let reads = 0;
    const broken = ipPlaces({
      logger: { warn: (...args: unknown[]) => void warnings.push(args) } as never,
      file: () => {
        reads++;
        return '/nonexistent/dbip-country-ipv4-num.csv';
      },
    });
    assert.equal(broken.countryOf('8.8.8.8'), null);
    assert.equal(broken.countryOf('81.2.69.142'), null);
    assert.equal(broken.countryOf('127.0.0.1'), 'LAN');
    assert.equal(warnings.length, 1);
    assert.equal(reads, 1);
  });

  test('a table finds the range holding an address and nothing in the gaps', () => {
    const table = CountryTable.fromCsv('10,19,ES\n30,39,FR\nbad line\n40,40,PT\n');
    assert.equal(table.size, 3);
    assert.deepEqual(
      [9, 10, 19, 20, 29, 30, 39, 40, 41].map((n) => table.lookup(n)),
      [null, 'ES', 'ES', null, null, 'FR', 'FR', 'PT', null],
    );
  });

  test('country names in English, the local network, and unknowns', () => {
    assert.equal(placeName('ES'), 'Spain');
    assert.equal(placeName('US'), 'United States');
    assert.equal(placeName('LAN'), 'Local network');
    assert.equal(placeName(null), null);
    assert.equal(placeName('Q9'), null);
  });

  test('a proxy country header is used only when it names a country', () => {
    assert.equal(countryFromHeader('es'), 'ES');
    assert.equal(countryFromHeader(' GB '), 'GB');
    assert.equal(countryFromHeader('XX'), undefined);
    assert.equal(countryFromHeader('T1'), undefined);
    assert.equal(countryFromHeader(undefined), undefined);
    assert.equal(countryFromHeader('Spain'), undefined);
  });
});
