import type { Attachment } from '@portico/sdk/contract';
import type { Request, Response } from 'express';
import type { Db } from '../../db/database.js';
import type { Clock, IdGenerator } from '../../deps.js';
import type { Settings } from '../settings/settings.js';
import { contentDisposition } from './file-name.js';
import type { AttachmentMeta, UploadOwner } from './store.js';
import { SupportStore } from './store.js';
import { checkContent, nameFile, readUpload } from './upload.js';
import { toAttachment } from './views.js';

/** How long an upload waits for a message to take it before the job deletes it. */
export const UPLOAD_TTL_MS = 24 * 3_600_000;

export interface SupportAttachmentsDeps {
  db: Db;
  settings: Settings;
  clock: Clock;
  ids: IdGenerator;
}

/**
 * Uploads: named and typed by their extension first (415 before a byte is read), read within the business's
 * size limit (413), checked by content (415), and stored with their SHA-256, owned by whoever sent them until a
 * message takes them.
 */
export class SupportAttachments {
  readonly #d: SupportAttachmentsDeps;
  readonly #store: SupportStore;

  constructor(deps: SupportAttachmentsDeps) {
    this.#d = deps;
    this.#store = new SupportStore(deps.db);
  }

  async upload(owner: UploadOwner, req: Request, rawName: string): Promise<Attachment> {
    const rules = this.#d.settings.current.support;
    const named = nameFile(rawName, rules.attachmentTypes);
    const file = checkContent(named, await readUpload(req, rules.attachmentMaxBytes));
    const now = this.#d.clock.now();
    const row = await this.#store.insertUpload(
      {
        id: this.#d.ids('att'),
        uploader_kind: owner.kind,
        account_id: owner.kind === 'client' ? owner.accountId : null,
        uploader_user_id: owner.kind === 'client' ? owner.userId : null,
        uploader_staff_id: owner.kind === 'staff' ? owner.staffId : null,
        ticket_id: null,
        message_id: null,
        name: file.name,
        size: file.size,
        type: file.type,
        sha256: file.sha256,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + UPLOAD_TTL_MS).toISOString(),
      },
      file.data,
    );
    return toAttachment(row);
  }
}

/**
 * Sends a stored file as a download that no browser renders or sniffs: `attachment` with its safe name, its stored
 * type, `nosniff`, a sandboxing CSP with nothing allowed, and never cached.
 */
export function sendAttachment(res: Response, file: AttachmentMeta & { data: Buffer }): void {
  res.status(200);
  res.setHeader('Content-Type', file.type);
  res.setHeader('Content-Disposition', contentDisposition(file.name));
  res.setHeader('Content-Length', String(file.data.length));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  res.setHeader('Cache-Control', 'private, no-store');
  res.end(file.data);
}
