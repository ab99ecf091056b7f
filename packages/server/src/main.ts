#!/usr/bin/env node
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { dirname, resolve } from 'node:path';
import { createApp, VERSION } from './app.js';
import { importCommand } from './cli/import.js';
import { processIo } from './cli/io.js';
import { staffCommand } from './cli/staff.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { createDeps } from './deps.js';
import { DEMO_LOGIN, DEMO_STAFF, seedDemo } from './seed.js';

const HELP = `portico ${VERSION}

Usage: portico <command>

Commands:
  serve     Migrate the database, seed the demo (development) and serve the portal
  migrate   Apply pending database migrations and exit
  seed      Seed the demo business and client (once) and exit
  staff create --email <email> --role <admin|billing|support> [--name <name>]
            Create a staff user; asks for the password (or reads it from stdin)
  staff list
            List staff users
  import clients <file.csv> [--dry-run] [--skip-invalid] [--invite]
            Import clients from a WHMCS client export
  help      Show this help

Configuration comes from environment variables; see docs/configuration.md.`;

/** Outside production a secret is kept beside the database file, made on first start. */
function localSecret(databaseFile: string): () => string {
  return () => {
    if (databaseFile === ':memory:') return randomBytes(32).toString('hex');
    const file = resolve(dirname(databaseFile), 'secret');
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
    }
    return readFileSync(file, 'utf8').trim();
  };
}

async function main(argv: string[]): Promise<number> {
  const command = argv[0] ?? 'help';
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(HELP);
    return 0;
  }
  if (command === '--version') {
    console.log(VERSION);
    return 0;
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env, localSecret(process.env.PORTICO_DATABASE || './data/portico.db'));
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 78;
    }
    throw error;
  }
  if (command === 'migrate') {
    const { close } = openDatabase(config.databaseFile);
    await close();
    console.log(`Database ${config.databaseFile} is up to date.`);
    return 0;
  }
  if (command === 'seed') {
    const deps = createDeps({ logLevel: config.logLevel });
    const app = createApp(config, deps);
    const seeded = await seedDemo(app.portico);
    console.log(
      seeded
        ? `Seeded the demo. Sign in as ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}; staff console ${DEMO_STAFF.email} / ${DEMO_STAFF.password}`
        : 'The demo was already seeded.',
    );
    await app.portico.close();
    return 0;
  }
  if (command === 'staff' || command === 'import') {
    const app = createApp(config, createDeps({ logLevel: 'silent' }));
    await app.portico.ready;
    try {
      const run = command === 'staff' ? staffCommand : importCommand;
      return await run(argv.slice(1), app, processIo());
    } finally {
      await app.portico.close();
    }
  }
  if (command !== 'serve') {
    console.error(`Unknown command "${command}".\n\n${HELP}`);
    return 64;
  }

  const deps = createDeps({ logLevel: config.logLevel });
  const app = createApp(config, deps);
  await app.portico.ready;
  if (config.seedDemo && (await seedDemo(app.portico))) deps.logger.info('seeded the demo business');
  app.portico.jobs.start();
  const server: Server = await new Promise((done, fail) => {
    const s = app.listen(config.port, config.host, () => done(s));
    s.on('error', fail);
  });
  server.keepAliveTimeout = 5_000;
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(
    `Portico listening on http://${config.host}:${port} (public URL ${config.publicUrl}, ${config.mode})`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    deps.logger.info({ signal }, 'shutting down: draining connections');
    const force = setTimeout(() => {
      deps.logger.error('connections did not drain in 10 s; closing anyway');
      server.closeAllConnections();
    }, 10_000);
    force.unref();
    server.close(async () => {
      await app.portico.close();
      deps.logger.info('stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  return -1;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
