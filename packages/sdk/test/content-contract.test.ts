import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HomeSettingsInputSchema, IncidentInputSchema } from '../src/contract/index.js';

describe('content contract rules', () => {
  const maintenance = (startsAt: string, endsAt = '2030-01-01T00:00Z') =>
    IncidentInputSchema.safeParse({
      kind: 'maintenance',
      title: 'Upgrade',
      message: 'Down',
      startsAt,
      endsAt,
    });

  test('a date and time must exist on the calendar', () => {
    for (const ok of ['2028-02-29T10:00Z', '2026-12-31T23:59', '2026-04-30T00:00+02:00']) {
      assert.equal(maintenance(ok).success, true, ok);
    }
    for (const bad of [
      '2026-02-30T10:00',
      '2027-02-29T10:00Z',
      '2026-13-01T10:00',
      '2026-04-31T10:00',
      '2026-01-01T24:00',
      '2026-01-01T10:60',
      '2026-01-01',
    ]) {
      const result = maintenance(bad);
      assert.equal(result.success, false, bad);
      assert.deepEqual(
        result.error?.issues.map((i) => i.path.join('.')),
        ['startsAt'],
        bad,
      );
    }
  });

  test('the hero button goes to a path on the portal or an http(s) URL, never another site by `//`', () => {
    const cta = (url: string) =>
      HomeSettingsInputSchema.safeParse({ hero: { title: 'Hi', subtitle: '', cta: { label: 'Go', url } } })
        .success;
    for (const ok of ['/store', '/', 'https://example.com/x', 'http://example.com'])
      assert.equal(cta(ok), true, ok);
    for (const bad of ['//evil.example/x', '/\\evil.example', 'javascript:alert(1)', 'store', 'ftp://x']) {
      assert.equal(cta(bad), false, bad);
    }
  });
});
