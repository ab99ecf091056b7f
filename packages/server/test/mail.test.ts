import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { createApp, createIdGenerator, FakeClock, smtpTransport, testConfig } from '../src/index.js';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A local SMTP server; `reject` makes it refuse the next N messages with a 451. */
function startSmtp() {
  const received: Received[] = [];
  const waiters: Array<() => void> = [];
  let reject = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => {
        raw += chunk.toString('utf8');
      });
      stream.on('end', () => {
        if (reject > 0) {
          reject--;
          const err = new Error('try again later') as Error & { responseCode: number };
          err.responseCode = 451;
          callback(err);
          return;
        }
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        for (const w of waiters.splice(0)) w();
        callback();
      });
    },
  });
  return {
    received,
    server,
    rejectNext(n: number) {
      reject = n;
    },
    async listen(): Promise<number> {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      return (server.server.address() as AddressInfo).port;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('mail over real SMTP (nodemailer) with an outbox and retries', () => {
  const smtp = startSmtp();
  let port: number;
  before(async () => {
    port = await smtp.listen();
  });
  after(() => smtp.close());

  test('a registration code reaches the SMTP server as HTML + text', async () => {
    const clock = new FakeClock();
    const app = createApp(
      testConfig({ smtpFrom: 'Portico <portal@example.com>' }),
      {
        clock,
        ids: createIdGenerator(clock),
        logger: pino({ level: 'silent' }),
      },
      { mailTransport: smtpTransport(`smtp://127.0.0.1:${port}`), autoDeliverMail: false },
    );
    try {
      await app.portico.ready;
      await app.portico.auth.register(
        { name: 'Ada', email: 'ada@example.com', password: 'a long enough password' },
        { ip: '127.0.0.1', userAgent: 'test', presentedToken: undefined },
      );
      assert.equal(smtp.received.length, 0, 'nothing is sent inside the request');
      assert.equal(await app.portico.outbox.deliverDue(), 1);
      const [message] = smtp.received;
      assert.deepEqual(message!.to, ['ada@example.com']);
      assert.equal(message!.from, 'portal@example.com');
      assert.match(message!.raw, /Content-Type: text\/plain/);
      assert.match(message!.raw, /Content-Type: text\/html/);
      assert.match(message!.raw, /Subject: \d{6} is your Portico verification code/);
    } finally {
      await app.portico.close();
    }
  });

  test('a refused message is retried with backoff until it goes through', async () => {
    const clock = new FakeClock();
    const app = createApp(
      testConfig(),
      { clock, ids: createIdGenerator(clock), logger: pino({ level: 'silent' }) },
      {
        mailTransport: smtpTransport(`smtp://127.0.0.1:${port}`),
        autoDeliverMail: false,
      },
    );
    try {
      await app.portico.ready;
      const before = smtp.received.length;
      smtp.rejectNext(2);
      await app.portico.outbox.enqueue('retry@example.com', 'test', {
        subject: 'Hello',
        text: 'Hi',
        html: '<p>Hi</p>',
      });
      assert.equal(await app.portico.outbox.deliverDue(), 0);
      const row = () =>
        app.portico.sqlite
          .prepare("SELECT status, attempts, last_error FROM outbox WHERE to_address = 'retry@example.com'")
          .get() as { status: string; attempts: number; last_error: string };
      assert.equal(row().attempts, 1);
      assert.match(row().last_error, /451|try again/);
      assert.equal(await app.portico.outbox.deliverDue(), 0, 'not due again before the backoff');
      clock.advance(30_000);
      assert.equal(await app.portico.outbox.deliverDue(), 0);
      assert.equal(row().attempts, 2);
      clock.advance(60_000);
      assert.equal(await app.portico.outbox.deliverDue(), 1);
      assert.equal(row().status, 'sent');
      assert.equal(smtp.received.length, before + 1);
    } finally {
      await app.portico.close();
    }
  });

  test('an unreachable SMTP server leaves the message pending, nothing lost', async () => {
    const clock = new FakeClock();
    const app = createApp(
      testConfig(),
      { clock, ids: createIdGenerator(clock), logger: pino({ level: 'silent' }) },
      {
        mailTransport: smtpTransport('smtp://127.0.0.1:1'),
        autoDeliverMail: false,
      },
    );
    try {
      await app.portico.ready;
      await app.portico.outbox.enqueue('down@example.com', 'test', {
        subject: 'S',
        text: 'T',
        html: '<p>T</p>',
      });
      assert.equal(await app.portico.outbox.deliverDue(), 0);
      const r = app.portico.sqlite.prepare('SELECT status, attempts FROM outbox').get() as {
        status: string;
        attempts: number;
      };
      assert.deepEqual({ ...r }, { status: 'pending', attempts: 1 });
    } finally {
      await app.portico.close();
    }
  });
});
