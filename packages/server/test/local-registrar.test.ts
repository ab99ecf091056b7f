import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openDatabase } from '../src/db/database.js';
import { FakeClock } from '../src/deps.js';
import {
  addYears,
  LOCAL_DEFAULT_NAMESERVERS,
  LocalRegistrar,
  newEppCode,
} from '../src/modules/domains/local-registrar.js';
import { RegistrarError } from '../src/modules/domains/registrar.js';

const SECRET = 'test-secret-test-secret-test-secret-0000';

/** Asserts a permanent refusal with the given code. */
async function refuses(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof RegistrarError, String(error));
    assert.equal(error.permanent, true);
    assert.equal(error.code, code);
    return true;
  });
}

describe('local registrar', () => {
  const clock = new FakeClock('2026-03-02T09:00:00.000Z');
  let database: ReturnType<typeof openDatabase>;
  let registrar: LocalRegistrar;
  before(() => {
    database = openDatabase(':memory:');
    registrar = new LocalRegistrar({ db: database.db, clock, secret: SECRET });
  });
  after(() => database.close());

  const request = (name: string, years = 1) => ({
    name,
    years,
    nameservers: ['ns1.example.net', 'ns2.example.net'],
    privacy: true,
    registrant: { name: 'Ada', email: 'ada@example.net', company: null, country: 'GB' },
  });

  test('a name it does not know is available; a short one is premium; a known one is taken', async () => {
    assert.deepEqual(await registrar.check('fresh-name.com'), { status: 'available', premium: false });
    assert.deepEqual(await registrar.check('abc.com'), { status: 'available', premium: true });
    assert.deepEqual(await registrar.check('abcd.com'), { status: 'available', premium: false });
    await registrar.holdElsewhere('held.com');
    assert.deepEqual(await registrar.check('held.com'), { status: 'taken' });
    const aborted = AbortSignal.abort();
    assert.deepEqual(await registrar.check('fresh-name.com', { signal: aborted }), {
      status: 'unknown',
      reason: 'timeout',
    });
  });

  test('registers for the years asked from the clock’s today; a second time is refused', async () => {
    const domain = await registrar.register(request('mine.com', 2));
    assert.deepEqual(domain, {
      name: 'mine.com',
      registeredAt: '2026-03-02T09:00:00.000Z',
      expiresAt: '2028-03-02T09:00:00.000Z',
      nameservers: ['ns1.example.net', 'ns2.example.net'],
      privacy: true,
      locked: true,
    });
    assert.deepEqual(await registrar.check('mine.com'), { status: 'taken' });
    await refuses(registrar.register(request('mine.com')), 'taken');
    await refuses(registrar.register(request('held.com')), 'taken');
    await refuses(registrar.register(request('xy.com')), 'premium');
  });

  test('a registration without name servers (none set in Domain settings) gets the registrar’s defaults', async () => {
    const domain = await registrar.register({ ...request('no-ns-yet.com'), nameservers: [] });
    assert.deepEqual(domain.nameservers, LOCAL_DEFAULT_NAMESERVERS);
    assert.deepEqual((await registrar.sync('no-ns-yet.com')).nameservers, LOCAL_DEFAULT_NAMESERVERS);
  });

  test('renews from the current expiry and changes only names held here', async () => {
    assert.deepEqual(await registrar.renew('mine.com', 1), { expiresAt: '2029-03-02T09:00:00.000Z' });
    await registrar.setNameservers('mine.com', ['a.example.net', 'b.example.net']);
    await registrar.setPrivacy('mine.com', false);
    await registrar.setLock('mine.com', false);
    assert.deepEqual(await registrar.sync('mine.com'), {
      name: 'mine.com',
      registeredAt: '2026-03-02T09:00:00.000Z',
      expiresAt: '2029-03-02T09:00:00.000Z',
      nameservers: ['a.example.net', 'b.example.net'],
      privacy: false,
      locked: false,
    });
    for (const name of ['held.com', 'unknown-name.com']) {
      await refuses(registrar.renew(name, 1), 'not_held');
      await refuses(registrar.setNameservers(name, ['a.example.net', 'b.example.net']), 'not_held');
      await refuses(registrar.setPrivacy(name, true), 'not_held');
      await refuses(registrar.setLock(name, false), 'not_held');
      await refuses(registrar.eppCode(name), 'not_held');
      await refuses(registrar.sync(name), 'not_held');
    }
    // Another registrar's name kept its own data.
    const held = await database.db
      .selectFrom('local_registry')
      .selectAll()
      .where('name', '=', 'held.com')
      .executeTakeFirstOrThrow();
    assert.equal(held.holder, 'another-registrar');
    assert.equal(held.locked, 1);
  });

  test('EPP codes: 16 random characters, stored sealed, never in clear', async () => {
    const code = await registrar.eppCode('mine.com');
    assert.equal(code.length, 16);
    assert.equal(await registrar.eppCode('mine.com'), code, 'the same code until a transfer');
    const row = await database.db
      .selectFrom('local_registry')
      .select('epp_code_sealed')
      .where('name', '=', 'mine.com')
      .executeTakeFirstOrThrow();
    assert.ok(row.epp_code_sealed.startsWith('v1.'));
    assert.ok(!row.epp_code_sealed.includes(code));
    const codes = new Set(Array.from({ length: 200 }, () => newEppCode()));
    assert.equal(codes.size, 200);
    for (const c of codes) assert.match(c, /^[A-Za-z2-9!#%+\-=?]{16}$/);
    // A registrar with another server secret cannot open it.
    const other = new LocalRegistrar({
      db: database.db,
      clock,
      secret: 'another-secret-another-secret-0000000',
    });
    await assert.rejects(other.eppCode('mine.com'));
  });

  test('a transfer in needs the name held elsewhere, unlocked, and its exact EPP code', async () => {
    await registrar.holdElsewhere('locked-away.com', { eppCode: 'Right-Code-1234', locked: true });
    await registrar.holdElsewhere('move-me.com', {
      eppCode: 'Right-Code-1234',
      locked: false,
      expiresAt: '2026-09-01T00:00:00.000Z',
    });
    const transfer = (name: string, eppCode: string) => registrar.transfer({ name, years: 1, eppCode });
    await refuses(transfer('not-registered.com', 'x'), 'not_registered');
    await refuses(transfer('mine.com', 'x'), 'already_held');
    await refuses(transfer('locked-away.com', 'Right-Code-1234'), 'locked');
    for (const wrong of ['right-code-1234', 'Right-Code-123', 'Right-Code-12345', '', 'Right-Code-1234 '])
      await refuses(transfer('move-me.com', wrong), 'bad_epp_code');

    const moved = await transfer('move-me.com', 'Right-Code-1234');
    assert.equal(moved.expiresAt, '2027-09-01T00:00:00.000Z', 'a year added to the current term');
    assert.equal(moved.locked, true);
    const newCode = await registrar.eppCode('move-me.com');
    assert.notEqual(newCode, 'Right-Code-1234', 'the old code is spent');
    await refuses(transfer('move-me.com', 'Right-Code-1234'), 'already_held');
  });

  test('an expired name transferred in gets its years from today', async () => {
    await registrar.holdElsewhere('lapsed.com', {
      eppCode: 'Lapsed-Code-0001',
      locked: false,
      expiresAt: '2025-01-01T00:00:00.000Z',
    });
    const moved = await registrar.transfer({ name: 'lapsed.com', years: 1, eppCode: 'Lapsed-Code-0001' });
    assert.equal(moved.expiresAt, '2027-03-02T09:00:00.000Z');
  });

  test('addYears keeps the day, and 29 February becomes 28 February', () => {
    assert.equal(addYears('2026-03-02T09:00:00.000Z', 1), '2027-03-02T09:00:00.000Z');
    assert.equal(addYears('2028-02-29T12:00:00.000Z', 1), '2029-02-28T12:00:00.000Z');
    assert.equal(addYears('2028-02-29T12:00:00.000Z', 4), '2032-02-29T12:00:00.000Z');
  });
});
