import { readFile } from 'node:fs/promises';
import type { PorticoApp } from '../app.js';
import {
  applyWhmcsImport,
  IMPORT_ACTOR,
  type ImportDeps,
  ImportError,
  type ImportPlan,
  planWhmcsImport,
} from '../modules/import/whmcs.js';
import type { CliIo } from './io.js';

/** Exit codes (sysexits.h): bad usage, bad data, unreadable input. */
const EX_USAGE = 64;
const EX_DATAERR = 65;
const EX_NOINPUT = 66;

const USAGE = `Usage: portico import clients <file.csv> [--dry-run] [--skip-invalid] [--invite]

Imports clients from a WHMCS client export (CSV with a header row).

  --dry-run       Check the file and report what would be imported; write nothing
  --skip-invalid  Import the valid rows and report the others (by default any invalid row stops the import)
  --invite        After importing, email each active client's owner an invitation to set a password

Exit codes: 0 imported, 64 bad usage, 65 invalid rows (nothing imported), 66 unreadable file.
`;

type Stream = CliIo['stderr'];

/**
 * Progress on stderr: a redrawn bar on a terminal (`[######    ] 120/400`), else a plain line every tenth of the
 * way, so logs of a piped run stay short.
 */
export function progressReporter(stream: Stream, label: string, total: number) {
  const width = 30;
  let shown = -1;
  return {
    update(done: number): void {
      if (stream.isTTY) {
        const filled = total ? Math.round((done / total) * width) : width;
        if (filled === shown && done !== total) return;
        shown = filled;
        stream.write(`\r${label} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total}`);
        if (done === total) stream.write('\n');
        return;
      }
      const tenth = total ? Math.floor((done / total) * 10) : 10;
      if (tenth === shown && done !== total) return;
      shown = tenth;
      stream.write(`${label}: ${done}/${total}\n`);
    },
  };
}

interface Options {
  file: string;
  dryRun: boolean;
  skipInvalid: boolean;
  invite: boolean;
}

function parseArgs(argv: string[]): Options | string {
  const [what, ...rest] = argv;
  if (what !== 'clients') return what ? `Unknown import "${what}".` : 'Say what to import.';
  const options: Options = { file: '', dryRun: false, skipInvalid: false, invite: false };
  const files: string[] = [];
  for (const arg of rest) {
    if (arg === '--dry-run') options.dryRun = true;
    else if (arg === '--skip-invalid') options.skipInvalid = true;
    else if (arg === '--invite') options.invite = true;
    else if (arg.startsWith('-')) return `Unknown option ${arg}.`;
    else files.push(arg);
  }
  if (files.length !== 1) return files.length ? 'Give one file.' : 'Give the CSV file to import.';
  options.file = files[0]!;
  return options;
}

function printRejected(plan: ImportPlan, out: Stream): void {
  if (!plan.rejected.length) return;
  out.write(`${plan.rejected.length} ${plan.rejected.length === 1 ? 'row has' : 'rows have'} problems:\n`);
  for (const row of plan.rejected) out.write(`  line ${row.line}: ${row.reasons.join('; ')}\n`);
}

const summary = (imported: number, rejected: number, skipped: number) =>
  `Imported ${imported}, rejected ${rejected}, skipped ${skipped}.\n`;

/**
 * `portico import clients <file.csv> [--dry-run] [--skip-invalid] [--invite]`. Returns the exit code.
 * The report goes to stdout, progress to stderr.
 */
export async function importCommand(argv: string[], app: PorticoApp, io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout.write(USAGE);
    return 0;
  }
  const options = parseArgs(argv);
  if (typeof options === 'string') {
    io.stderr.write(`portico import: ${options}\n\n${USAGE}`);
    return EX_USAGE;
  }
  let text: string;
  try {
    text = await readFile(options.file, 'utf8');
  } catch (error) {
    io.stderr.write(`portico import: cannot read ${options.file}: ${(error as Error).message}\n`);
    return EX_NOINPUT;
  }

  const { clients, settings, audit, deps } = app.portico;
  const importDeps: ImportDeps = { store: clients.store, settings, audit, clock: deps.clock, ids: deps.ids };
  let plan: ImportPlan;
  try {
    plan = await planWhmcsImport(text, importDeps);
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    io.stderr.write(`portico import: ${error.message}\n`);
    return EX_DATAERR;
  }
  const rejected = plan.rejected.length;
  const valid = plan.rows.length;
  printRejected(plan, io.stdout);
  const stop = rejected > 0 && !options.skipInvalid;
  if (options.dryRun) {
    io.stdout.write(
      `Dry run: ${valid} ${valid === 1 ? 'client' : 'clients'} would be imported; nothing was written.\n`,
    );
    io.stdout.write(summary(0, rejected, valid));
    return stop ? EX_DATAERR : 0;
  }
  if (stop) {
    io.stdout.write('Nothing was imported. Fix these rows, or pass --skip-invalid to import the others.\n');
    io.stdout.write(summary(0, rejected, valid));
    return EX_DATAERR;
  }

  const bar = progressReporter(io.stderr, 'Importing', valid);
  let imported: Awaited<ReturnType<typeof applyWhmcsImport>>;
  try {
    imported = await applyWhmcsImport(plan, importDeps, { onProgress: (done) => bar.update(done) });
  } catch (error) {
    // A row written by someone else since the check (a sign-up, another import) fails the whole transaction.
    const conflict = (error as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT');
    if (!(error instanceof ImportError) && !conflict) throw error;
    io.stderr.write(
      `\nportico import: ${(error as Error).message} Nothing was imported; run the import again.\n`,
    );
    return EX_DATAERR;
  }
  io.stdout.write(summary(imported.length, rejected, 0));

  if (options.invite) {
    const active = imported.filter((c) => c.status === 'active');
    const inviting = progressReporter(io.stderr, 'Inviting', active.length);
    let sent = 0;
    const failed: string[] = [];
    for (const client of active) {
      const { results } = await clients.invite(
        { targets: [{ userId: client.userId, accountId: client.accountId }] },
        { actor: IMPORT_ACTOR },
      );
      const result = results[0];
      if (result?.ok) sent++;
      else failed.push(`  line ${client.line}: ${client.email}: ${result?.detail ?? 'not sent'}`);
      inviting.update(sent + failed.length);
    }
    io.stdout.write(`Invitations sent: ${sent}${failed.length ? `, failed: ${failed.length}` : ''}.\n`);
    for (const line of failed) io.stdout.write(`${line}\n`);
  }
  return 0;
}
