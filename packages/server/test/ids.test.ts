import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createIdGenerator, FakeClock } from '../src/index.js';

test('ids are prefixed, 128-bit, and sort in creation order even within one millisecond', () => {
  const clock = new FakeClock();
  const ids = createIdGenerator(clock);
  const made: string[] = [];
  for (let i = 0; i < 500; i++) {
    made.push(ids('usr'));
    if (i % 100 === 0) clock.advance(1);
  }
  for (const id of made) assert.match(id, /^usr_[0-9a-z]{26}$/);
  assert.deepEqual([...made].sort(), made);
  assert.equal(new Set(made).size, made.length);
});
