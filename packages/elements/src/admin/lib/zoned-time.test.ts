import { expect } from '@open-wc/testing';
import { isoToZoned, readWindow, zonedToIso } from './zoned-time.js';

describe('zoned time', () => {
  it('reads wall-clock times either side of daylight-saving changes', () => {
    expect(zonedToIso('2025-03-09T01:30', 'America/New_York')).to.equal('2025-03-09T06:30:00.000Z');
    expect(zonedToIso('2025-03-09T03:30', 'America/New_York')).to.equal('2025-03-09T07:30:00.000Z');
    expect(zonedToIso('2025-11-02T00:30', 'America/New_York')).to.equal('2025-11-02T04:30:00.000Z');
    expect(zonedToIso('2025-11-02T02:30', 'America/New_York')).to.equal('2025-11-02T07:30:00.000Z');
    expect(zonedToIso('2025-03-30T01:30', 'Europe/Madrid')).to.equal('2025-03-30T00:30:00.000Z');
    expect(zonedToIso('2025-10-26T01:30', 'Europe/Madrid')).to.equal('2025-10-25T23:30:00.000Z');
    expect(zonedToIso('2025-10-26T03:30', 'Europe/Madrid')).to.equal('2025-10-26T02:30:00.000Z');
    expect(zonedToIso('2025-06-10T09:30', 'UTC')).to.equal('2025-06-10T09:30:00.000Z');
  });

  // Regression: west of UTC, a time skipped by the jump forward was read an hour early (02:30 → 01:30 EST),
  // not with the offset before the jump as documented.
  it('reads a time skipped by the jump forward with the offset before it, east and west of UTC', () => {
    const ny = zonedToIso('2025-03-09T02:30', 'America/New_York');
    expect(ny).to.equal('2025-03-09T07:30:00.000Z');
    expect(isoToZoned(ny, 'America/New_York')).to.equal('2025-03-09T03:30');
    const madrid = zonedToIso('2025-03-30T02:30', 'Europe/Madrid');
    expect(madrid).to.equal('2025-03-30T01:30:00.000Z');
    expect(isoToZoned(madrid, 'Europe/Madrid')).to.equal('2025-03-30T03:30');
  });

  it('round-trips times, and refuses what is not a time', () => {
    expect(isoToZoned('2025-06-10T13:30:00.000Z', 'America/New_York')).to.equal('2025-06-10T09:30');
    expect(zonedToIso('', 'UTC')).to.equal(undefined);
    expect(zonedToIso('2025-06-10', 'UTC')).to.equal(undefined);
  });

  it('wants a window’s end after its start', () => {
    expect(readWindow('2025-06-10T10:00', '2025-06-10T10:00', 'UTC').endError).to.equal(
      'contentErrorEndAfterStart',
    );
    expect(readWindow('', '2025-06-10T10:00', 'UTC').startError).to.equal('contentErrorPickTime');
    // Across the jump back, an hour of wall-clock time apart is two real hours.
    const w = readWindow('2025-11-02T00:30', '2025-11-02T01:30', 'America/New_York');
    expect(w.endError).to.equal(undefined);
  });
});
