import { randomInt } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { IdGenerator } from '../../deps.js';
import { renderMarkdown } from '../content/markdown.js';
import type { Settings } from '../settings/settings.js';
import { SupportErrors } from './errors.js';
import type { MessageRow, SupportStore, UploadOwner } from './store.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ticket reference people can read out: 8 random Crockford base32 characters in two groups (`K7QM-2X4T`). */
export function newReference(): string {
  const chars = Array.from({ length: 8 }, () => CROCKFORD[randomInt(32)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/** Who writes a message. */
export interface MessageAuthor {
  kind: 'client' | 'staff';
  userId: string | null;
  staffId: string | null;
  name: string;
  email: string;
}

/** Who writes a message and owns the files it takes. */
export interface MessageWriter {
  author: MessageAuthor;
  owner: UploadOwner;
}

/** A client of the account writing as the named person. */
export function clientWriter(
  client: { accountId: string; userId: string },
  person: { name: string; email: string },
): MessageWriter {
  return {
    author: { kind: 'client', userId: client.userId, staffId: null, ...person },
    owner: { kind: 'client', accountId: client.accountId, userId: client.userId },
  };
}

/** A staff member writing as the named member. */
export function staffWriter(staffId: string, member: { name: string; email: string }): MessageWriter {
  return {
    author: { kind: 'staff', userId: null, staffId, ...member },
    owner: { kind: 'staff', staffId },
  };
}

/** Refuses more files than the business allows on one message (400, before anything is written). */
export function checkFileCount(settings: Settings, ids: readonly string[]): void {
  const max = settings.current.support.attachmentMaxFiles;
  if (ids.length > max) throw SupportErrors.tooManyFiles(max);
}

/** A client's name and email, for a message or a ticket's opener. */
export async function personOf(db: Db, userId: string): Promise<{ name: string; email: string }> {
  const user = await db
    .selectFrom('users')
    .select(['name', 'email'])
    .where('id', '=', userId)
    .executeTakeFirst();
  return { name: user?.name || user?.email || 'Client', email: user?.email ?? '' };
}

/** A staff member's name and email. */
export async function staffMemberOf(db: Db, staffId: string): Promise<{ name: string; email: string }> {
  const row = await db
    .selectFrom('staff')
    .select(['name', 'email'])
    .where('id', '=', staffId)
    .executeTakeFirst();
  return { name: row?.name || row?.email || 'Staff', email: row?.email ?? '' };
}

/**
 * Writes a message (the Markdown and its sanitized HTML) and puts its uploads on it, inside the caller's
 * transaction: an upload that is not `owner`'s to send throws 422 ATTACHMENT_UNAVAILABLE, which rolls the whole
 * change back.
 */
export async function writeMessage(
  store: SupportStore,
  ids: IdGenerator,
  input: MessageWriter & {
    ticketId: string;
    kind: 'reply' | 'note';
    body: string;
    attachments: readonly string[];
    now: string;
  },
): Promise<{ message: MessageRow; text: string }> {
  const rendered = renderMarkdown(input.body, { kind: 'message' });
  const message = await store.insertMessage({
    id: ids('tkm'),
    ticket_id: input.ticketId,
    kind: input.kind,
    author_kind: input.author.kind,
    author_user_id: input.author.userId,
    author_staff_id: input.author.staffId,
    author_name: input.author.name,
    author_email: input.author.email,
    body: input.body,
    html: rendered.html,
    created_at: input.now,
  });
  const refused = await store.claimUploads(
    input.attachments,
    input.owner,
    { ticketId: input.ticketId, messageId: message.id },
    input.now,
  );
  if (refused >= 0) throw SupportErrors.attachmentUnavailable(refused);
  return { message, text: rendered.text };
}
