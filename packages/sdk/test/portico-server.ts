import type { AddressInfo } from 'node:net';
import { createApp, createIdGenerator, FakeClock, type PorticoApp, testConfig } from '@portico/server';
import pino from 'pino';

/** A real Portico server for the SDK to talk to. */
export interface PorticoServer {
  app: PorticoApp;
  baseUrl: string;
  clock: FakeClock;
  /** Delivers the outbox and answers the 6-digit code of the newest mail to `to`. */
  codeFor(to: string): Promise<string>;
  close(): Promise<void>;
}

/** Starts Portico on 127.0.0.1 with an in-memory database, a fake clock and the outbox kept in the database. */
export async function startPortico(): Promise<PorticoServer> {
  const clock = new FakeClock();
  const app = createApp(testConfig(), {
    clock,
    ids: createIdGenerator(clock),
    logger: pino({ level: 'silent' }),
  });
  await app.portico.ready;
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
  return {
    app,
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    clock,
    async codeFor(to) {
      await app.portico.outbox.deliverDue();
      const [last] = await app.portico.outbox.list(to, 1);
      return last!.text.match(/\b(\d{6})\b/)![1]!;
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await app.portico.close();
    },
  };
}
