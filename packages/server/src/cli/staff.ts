import { parseArgs } from 'node:util';
import {
  EmailSchema,
  NameSchema,
  NewPasswordSchema,
  type StaffMember,
  StaffRoleSchema,
} from '@portico/sdk/contract';
import * as z from 'zod';
import type { PorticoApp } from '../app.js';
import { HttpError } from '../http/problem.js';
import { passwordWeakness } from '../modules/auth/passwords.js';
import type { CliIo } from './io.js';

/** sysexits.h: the command line was wrong. */
export const EX_USAGE = 64;
/** sysexits.h: the input data was wrong (an email in use, a weak password). */
export const EX_DATAERR = 65;
/** The person pressed Ctrl-C at a prompt. */
const EX_INTERRUPTED = 130;

const USAGE = `Usage:
  portico staff create --email <email> --role <admin|billing|support> [--name <name>]
      Creates a staff member who can sign in at once. Asks for the password twice on a terminal;
      otherwise reads it from the first line of stdin. Prints the new member's id.
  portico staff list
      Lists staff members.
  portico staff reset-totp --email <email>
      Clears a staff member's two-factor (a lost phone, or PORTICO_SECRET changed); they enrol again.`;

/** A problem with what was typed or piped in: the message is shown and the command exits with `code`. */
class CliFailure extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** `portico staff <create|list> …`. Returns the exit code. */
export async function staffCommand(argv: string[], app: PorticoApp, io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  try {
    if (sub === 'create') return await create(rest, app, io);
    if (sub === 'list') return await list(rest, app, io);
    if (sub === 'reset-totp') return await resetTotp(rest, app, io);
    throw new CliFailure(
      EX_USAGE,
      sub ? `Unknown staff command "${sub}".` : 'Say which staff command to run.',
    );
  } catch (error) {
    if (error instanceof CliFailure) {
      io.stderr.write(`portico staff: ${error.message}\n`);
      if (error.code === EX_USAGE) io.stderr.write(`\n${USAGE}\n`);
      return error.code;
    }
    if (
      error instanceof HttpError &&
      (error.code === 'EMAIL_TAKEN' || error.code === 'PASSWORD_TOO_COMMON')
    ) {
      io.stderr.write(`portico staff: ${error.detail}\n`);
      return EX_DATAERR;
    }
    throw error;
  }
}

function parse(args: string[], options: Record<string, { type: 'string' }>) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values as Record<
      string,
      string | undefined
    >;
  } catch (error) {
    throw new CliFailure(EX_USAGE, (error as Error).message);
  }
}

/** The value, or a data error with the schema's message. */
function check<T extends z.core.$ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const result = z.safeParse(schema, value);
  if (!result.success) {
    throw new CliFailure(EX_DATAERR, `${what}: ${result.error.issues[0]?.message ?? 'not valid'}.`);
  }
  return result.data;
}

async function create(args: string[], app: PorticoApp, io: CliIo): Promise<number> {
  const values = parse(args, {
    email: { type: 'string' },
    role: { type: 'string' },
    name: { type: 'string' },
  });
  if (!values.email) throw new CliFailure(EX_USAGE, '--email is required.');
  if (!values.role) throw new CliFailure(EX_USAGE, '--role is required.');
  const role = z.safeParse(StaffRoleSchema, values.role);
  if (!role.success) {
    throw new CliFailure(EX_USAGE, `--role must be admin, billing or support, not "${values.role}".`);
  }
  const email = check(EmailSchema, values.email, 'Email');
  const name = check(NameSchema, values.name ?? email.split('@')[0], 'Name');
  // Checked before the password is asked for, so nobody types one for nothing.
  if ((await app.portico.staff.list()).some((m) => m.email === email)) {
    throw new CliFailure(EX_DATAERR, `A staff member with the email ${email} already exists.`);
  }
  const password = io.stdin.isTTY ? await promptTwice(io) : await readFirstLine(io.stdin);
  if (password === undefined) throw new CliFailure(EX_DATAERR, 'No password on stdin.');
  check(NewPasswordSchema, password, 'Password');
  const weakness = passwordWeakness(password, { email, name });
  if (weakness) throw new CliFailure(EX_DATAERR, weakness);
  const member = await app.portico.staff.createWithPassword({ email, name, role: role.data, password });
  io.stderr.write(
    `Created ${member.role} ${member.email}. They can sign in at ${app.portico.config.publicUrl}/admin\n`,
  );
  io.stdout.write(`${member.id}\n`);
  return 0;
}

async function resetTotp(args: string[], app: PorticoApp, io: CliIo): Promise<number> {
  const values = parse(args, { email: { type: 'string' } });
  if (!values.email) throw new CliFailure(EX_USAGE, '--email is required.');
  const email = check(EmailSchema, values.email, 'Email');
  const member = (await app.portico.staff.list()).find((m) => m.email === email);
  if (!member) throw new CliFailure(EX_DATAERR, `There is no staff member with the email ${email}.`);
  await app.portico.staff.resetTotp('cli', member.id, {
    ip: undefined,
    userAgent: 'portico CLI',
    presentedToken: undefined,
  });
  io.stderr.write(
    `Two-factor cleared for ${email}. They enrol again at their next sign-in if it is required.\n`,
  );
  return 0;
}

async function list(args: string[], app: PorticoApp, io: CliIo): Promise<number> {
  parse(args, {});
  const members = await app.portico.staff.list();
  if (!members.length) {
    io.stdout.write('No staff members yet. Create one with: portico staff create --email … --role admin\n');
    return 0;
  }
  io.stdout.write(table(['EMAIL', 'NAME', 'ROLE', 'TOTP', 'STATUS'], members.map(row)));
  return 0;
}

function row(m: StaffMember): string[] {
  const status = m.disabled ? 'disabled' : m.invited ? 'invited' : 'active';
  return [m.email, m.name, m.role, m.totpEnabled ? 'on' : 'off', status];
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .concat('\n');
  return [head, ...rows].map(line).join('');
}

/** Reads up to the first newline (or the end) of a piped stdin. Undefined when it is empty. */
function readFirstLine(stream: CliIo['stdin']): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    let text = '';
    const finish = (value: string | undefined) => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', reject);
      stream.pause();
      resolve(value?.replace(/\r$/, ''));
    };
    const onData = (chunk: string) => {
      text += chunk;
      const newline = text.indexOf('\n');
      if (newline !== -1) finish(text.slice(0, newline));
    };
    const onEnd = () => finish(text.length ? text : undefined);
    stream.setEncoding('utf8');
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', reject);
    stream.resume();
  });
}

async function promptTwice(io: CliIo): Promise<string> {
  const first = await promptHidden(io, 'Password: ');
  const second = await promptHidden(io, 'Repeat the password: ');
  if (first !== second) throw new CliFailure(EX_DATAERR, 'The two passwords differ.');
  return first;
}

/** Asks on the terminal without echo (raw mode): Enter ends, Backspace erases, Ctrl-C cancels. */
function promptHidden(io: CliIo, question: string): Promise<string> {
  const { stdin } = io;
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      io.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      const chars = [...chunk];
      for (const [i, char] of chars.entries()) {
        if (char === '\u0003') return finish(new CliFailure(EX_INTERRUPTED, 'Cancelled.'));
        if (char === '\r' || char === '\n' || char === '\u0004') {
          // A paste can hold the next answer too: leave it for the next prompt.
          const rest = chars.slice(i + 1).join('');
          finish();
          if (rest) stdin.unshift(rest);
          return;
        }
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
        else if (char >= ' ') typed += char;
      }
    };
    io.stderr.write(question);
    stdin.setEncoding('utf8');
    stdin.setRawMode?.(true);
    stdin.on('data', onData);
    stdin.resume();
  });
}
