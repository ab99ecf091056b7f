import type { PorticoApp } from '../app.js';
import type { CliIo } from './io.js';

/** `portico staff <create|list> …`. Returns the exit code. (Being written.) */
export async function staffCommand(_argv: string[], _app: PorticoApp, io: CliIo): Promise<number> {
  io.stderr.write('portico staff: not available yet\n');
  return 64;
}
