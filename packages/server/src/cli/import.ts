import type { PorticoApp } from '../app.js';
import type { CliIo } from './io.js';

/** `portico import clients <file.csv> [--dry-run] …`. Returns the exit code. (Being written.) */
export async function importCommand(_argv: string[], _app: PorticoApp, io: CliIo): Promise<number> {
  io.stderr.write('portico import: not available yet\n');
  return 64;
}
