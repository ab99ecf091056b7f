import { type Address, AddressSchema, CurrencySchema, EmailSchema, NameSchema } from '@portico/sdk/contract';
import { parse } from 'csv-parse/sync';
import * as z from 'zod';
import type { Clock, IdGenerator } from '../../deps.js';
import type { AuditActor, AuditLog } from '../audit/audit-log.js';
import type { ClientsStore } from '../clients/store.js';
import type { Settings } from '../settings/settings.js';

/** The WHMCS client fields the import reads. */
type Field =
  | 'id'
  | 'firstname'
  | 'lastname'
  | 'companyname'
  | 'email'
  | 'address1'
  | 'address2'
  | 'city'
  | 'state'
  | 'postcode'
  | 'country'
  | 'phonenumber'
  | 'status'
  | 'currency'
  | 'datecreated';

/**
 * Headers as WHMCS writes them, after lower-casing and dropping everything but letters and digits: the API and
 * database names (`firstname`, `phonenumber`) and the admin export's labels (`First Name`, `Email Address`).
 */
const HEADERS: Record<string, Field> = {
  id: 'id',
  clientid: 'id',
  firstname: 'firstname',
  lastname: 'lastname',
  companyname: 'companyname',
  company: 'companyname',
  email: 'email',
  emailaddress: 'email',
  address1: 'address1',
  address2: 'address2',
  city: 'city',
  state: 'state',
  region: 'state',
  postcode: 'postcode',
  zip: 'postcode',
  zipcode: 'postcode',
  country: 'country',
  phonenumber: 'phonenumber',
  phone: 'phonenumber',
  status: 'status',
  currency: 'currency',
  datecreated: 'datecreated',
};

const normalizeHeader = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');

/** WHMCS client statuses and what they become here. */
const STATUSES: Record<string, 'active' | 'disabled'> = {
  active: 'active',
  inactive: 'disabled',
  closed: 'disabled',
};

/** A file the import cannot read at all (not CSV, no email column): nothing per row to report. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

/** A valid row, ready to write. */
export interface ImportRow {
  /** The line of the file the row starts on (the header is line 1). */
  line: number;
  /** `whmcs:<id>`, or null when the file has no id column or the cell is empty. */
  externalId: string | null;
  email: string;
  /** The owner's name (first and last name). */
  ownerName: string;
  /** The account's name: the company, else the owner's name. */
  accountName: string;
  company: string | null;
  phone: string | null;
  address: Address;
  currency: string;
  status: 'active' | 'disabled';
  /** When the client was created in WHMCS (kept as the account's creation time), or null for now. */
  createdAt: string | null;
  /** The email already belongs to a login here; the account is added to it (allowDuplicateAccounts). */
  existingUser: boolean;
}

/** A refused row and every reason it was refused. */
export interface RejectedRow {
  line: number;
  email: string | null;
  reasons: string[];
}

/** What an import would do: the rows to write and the rows refused. Nothing is written to make it. */
export interface ImportPlan {
  rows: ImportRow[];
  rejected: RejectedRow[];
}

/** An account the import wrote. */
export interface ImportedClient {
  line: number;
  accountId: string;
  userId: string;
  email: string;
  status: 'active' | 'disabled';
}

export interface ImportDeps {
  store: ClientsStore;
  settings: Settings;
  audit: AuditLog;
  clock: Clock;
  ids: IdGenerator;
}

/** Who the audit log says imported the clients. */
export const IMPORT_ACTOR: AuditActor = { type: 'system', label: 'portico import' };

interface CsvRecord {
  line: number;
  cells: Partial<Record<Field, string>>;
}

/** Reads the CSV: one record per row with its starting line, keyed by the WHMCS field each header names. */
function readCsv(text: string): CsvRecord[] {
  let rows: Array<{ record: string[]; info: { lines: number; empty_lines: number } }>;
  try {
    // With `info`, each record comes as { record, info } (the types describe only the plain shape).
    rows = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as typeof rows;
  } catch (error) {
    throw new ImportError(`The file is not valid CSV: ${(error as Error).message}`);
  }
  const [header, ...body] = rows;
  if (!header) throw new ImportError('The file is empty.');
  const fields = header.record.map((h) => HEADERS[normalizeHeader(h)]);
  if (!fields.includes('email')) {
    throw new ImportError(
      'The file has no email column. Export the clients from WHMCS with their email address (an "Email" or "Email Address" column).',
    );
  }
  const records: CsvRecord[] = [];
  // csv-parse reports the line a record ends on; a quoted cell may span lines, so count from the previous end.
  let previousEnd = header.info.lines;
  let previousEmpty = header.info.empty_lines;
  for (const { record, info } of body) {
    const cells: Partial<Record<Field, string>> = {};
    record.forEach((value, i) => {
      const field = fields[i];
      if (field && value !== '' && cells[field] === undefined) cells[field] = value;
    });
    records.push({ line: previousEnd + 1 + (info.empty_lines - previousEmpty), cells });
    previousEnd = info.lines;
    previousEmpty = info.empty_lines;
  }
  return records;
}

/** `2019-04-01` or `2019-04-01 10:20:30` (WHMCS's formats) as an ISO timestamp; null when absent or odd. */
function createdAtOf(value: string | undefined, now: Date): string | null {
  const match = value?.match(/^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2})?))?$/);
  if (!match) return null;
  const date = new Date(`${match[1]}T${match[2] ?? '00:00:00'}Z`);
  if (Number.isNaN(date.getTime()) || date > now || date.getUTCFullYear() < 1990) return null;
  return date.toISOString();
}

const messageOf = (result: { error?: z.core.$ZodError }) =>
  result.error?.issues[0]?.message ?? 'is not valid';

/**
 * Validates a WHMCS client export and plans its import. Each refused row gets every reason with its line: a bad or
 * missing email, a missing name, an email or WHMCS id repeated in the file, an email that is already a login here
 * (unless the business allows several accounts per email), a WHMCS client imported before. Blank currencies and
 * WHMCS's numeric currency ids take the default currency.
 */
export async function planWhmcsImport(
  text: string,
  deps: Pick<ImportDeps, 'store' | 'settings' | 'clock'>,
): Promise<ImportPlan> {
  const records = readCsv(text);
  const { allowDuplicateAccounts, defaultCurrency } = deps.settings.current;
  const now = deps.clock.now();
  const candidates: Array<{ row: Omit<ImportRow, 'existingUser'> | undefined; rejected: RejectedRow }> = [];
  const firstLineOfEmail = new Map<string, number>();
  const firstLineOfId = new Map<string, number>();

  for (const { line, cells } of records) {
    const reasons: string[] = [];
    let email: string | null = null;
    if (!cells.email) reasons.push('missing email');
    else {
      const parsed = z.safeParse(EmailSchema, cells.email);
      if (parsed.success) email = parsed.data;
      else reasons.push(`bad email "${cells.email}"`);
    }
    const fullName = [cells.firstname, cells.lastname].filter(Boolean).join(' ');
    let ownerName = '';
    if (!fullName) reasons.push('missing name (first and last name are empty)');
    else {
      const parsed = z.safeParse(NameSchema, fullName);
      if (parsed.success) ownerName = parsed.data;
      else reasons.push(`name: ${messageOf(parsed)}`);
    }
    const company = cells.companyname ?? null;
    if (company && company.length > 200) reasons.push('company: must be at most 200 characters');
    const phone = cells.phonenumber ?? null;
    if (phone && phone.length > 40) reasons.push('phone: must be at most 40 characters');
    const address = z.safeParse(AddressSchema, {
      line1: cells.address1,
      line2: cells.address2,
      city: cells.city,
      state: cells.state,
      postcode: cells.postcode,
      country: cells.country,
    });
    if (!address.success) {
      for (const issue of address.error.issues) reasons.push(`${String(issue.path[0])}: ${issue.message}`);
    }
    let currency = defaultCurrency;
    if (cells.currency && !/^\d+$/.test(cells.currency)) {
      const parsed = z.safeParse(CurrencySchema, cells.currency);
      if (parsed.success) currency = parsed.data;
      else reasons.push(`currency: ${messageOf(parsed)}`);
    }
    const status = STATUSES[(cells.status ?? 'active').toLowerCase()];
    if (!status) reasons.push(`status "${cells.status}" is not Active, Inactive or Closed`);
    const externalId = cells.id ? `whmcs:${cells.id}` : null;

    if (email) {
      const first = firstLineOfEmail.get(email);
      if (first === undefined) firstLineOfEmail.set(email, line);
      else reasons.push(`duplicate email ${email} within the file (first on line ${first})`);
    }
    if (externalId) {
      const first = firstLineOfId.get(externalId);
      if (first === undefined) firstLineOfId.set(externalId, line);
      else reasons.push(`duplicate WHMCS id ${cells.id} within the file (first on line ${first})`);
    }
    candidates.push({
      row:
        email && ownerName && status && address.success
          ? {
              line,
              externalId,
              email,
              ownerName,
              accountName: company ?? ownerName,
              company,
              phone,
              address: address.data,
              currency,
              status,
              createdAt: createdAtOf(cells.datecreated, now),
            }
          : undefined,
      rejected: { line, email, reasons },
    });
  }

  const emails = [...firstLineOfEmail.keys()];
  const known = await deps.store.existingEmails(emails);
  const imported = await deps.store.existingExternalIds([...firstLineOfId.keys()]);
  const plan: ImportPlan = { rows: [], rejected: [] };
  for (const { row, rejected } of candidates) {
    if (rejected.email && known.has(rejected.email) && !allowDuplicateAccounts) {
      rejected.reasons.push(`${rejected.email} is already a login here`);
    }
    if (row?.externalId && imported.has(row.externalId)) {
      rejected.reasons.push(`WHMCS client ${row.externalId.slice(6)} was already imported`);
    }
    if (row && !rejected.reasons.length) plan.rows.push({ ...row, existingUser: known.has(row.email) });
    else plan.rejected.push(rejected);
  }
  return plan;
}

/**
 * Writes the planned rows in ONE transaction: every client or none. Users are verified (the business vouches for
 * its clients' addresses) and have no password: they sign in with an emailed code or magic link, or accept an
 * invitation. `onProgress` runs after each row, inside the transaction (a throw there undoes everything).
 */
export async function applyWhmcsImport(
  plan: ImportPlan,
  deps: ImportDeps,
  options: { actor?: AuditActor; onProgress?: (done: number, total: number) => void } = {},
): Promise<ImportedClient[]> {
  const { store, settings, audit, clock, ids } = deps;
  const actor = options.actor ?? IMPORT_ACTOR;
  return store.transaction(async (tx) => {
    const imported: ImportedClient[] = [];
    for (const row of plan.rows) {
      const now = clock.now().toISOString();
      const accountId = ids('acct');
      const created = await tx.insertClient({
        account: {
          id: accountId,
          name: row.accountName,
          company: row.company,
          phone: row.phone,
          address: JSON.stringify(row.address),
          notes: '',
          currency: row.currency,
          status: row.status,
          externalId: row.externalId,
          createdAt: row.createdAt ?? now,
        },
        owner: {
          email: row.email,
          newUser: { id: ids('usr'), name: row.ownerName, verifiedAt: now, locale: 'en' },
          membershipId: ids('mem'),
        },
        allowExistingUser: settings.current.allowDuplicateAccounts,
        now,
        audit: audit.row({
          actor,
          action: 'client.created',
          target: { type: 'account', id: accountId },
          accountId,
          details: { source: 'whmcs', externalId: row.externalId, line: row.line },
        }),
      });
      if (!created) {
        throw new ImportError(
          `Line ${row.line}: ${row.email} became a login here after the file was checked.`,
        );
      }
      imported.push({
        line: row.line,
        accountId,
        userId: created.userId,
        email: row.email,
        status: row.status,
      });
      options.onProgress?.(imported.length, plan.rows.length);
    }
    return imported;
  });
}
