import { createHash } from 'node:crypto';
import { ATTACHMENT_TYPES, type AttachmentExtension } from '@portico/sdk/contract';
import type { Request } from 'express';
import { SupportErrors } from './errors.js';
import { CONTENT_CHECKS } from './file-type.js';
import { extensionOf, safeFileName } from './file-name.js';

/** A checked upload, ready to store. */
export interface CheckedFile {
  name: string;
  type: string;
  size: number;
  sha256: string;
  data: Buffer;
}

/**
 * Reads an upload's raw body, refusing it (413 ATTACHMENT_TOO_LARGE) as soon as it is known to pass `maxBytes`:
 * from `Content-Length` before a byte is read, or, for a chunked body, at the chunk that passes it. Called after
 * the route has authenticated the caller, so nobody unknown makes the server hold a file.
 */
export async function readUpload(req: Request, maxBytes: number): Promise<Buffer> {
  if (!req.is('application/octet-stream') || !req.readable) throw SupportErrors.notOctetStream();
  const declared = req.get('content-length');
  if (declared !== undefined && Number(declared) > maxBytes) throw SupportErrors.tooLarge(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  return new Promise<Buffer>((resolve, reject) => {
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onAborted);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        cleanup();
        req.pause();
        reject(SupportErrors.tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onAborted = () => onError(new Error('The upload was aborted'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onAborted);
  });
}

/** A file's safe name, its extension and the type stored for it. */
export interface NamedFile {
  name: string;
  extension: AttachmentExtension;
  type: string;
}

/**
 * Names and types a file before its bytes are read: the name made safe, and its extension one the business
 * accepts (415 ATTACHMENT_TYPE otherwise). The type comes from the extension, never from the uploader.
 */
export function nameFile(rawName: string, accepted: readonly string[]): NamedFile {
  const name = safeFileName(rawName);
  const ext = extensionOf(name);
  if (!Object.hasOwn(ATTACHMENT_TYPES, ext) || !accepted.includes(ext)) {
    const list = accepted.map((e) => `.${e}`).join(', ') || 'none';
    throw SupportErrors.wrongType(
      ext
        ? `.${ext} files are not accepted. Accepted: ${list}.`
        : `The file name needs an extension. Accepted: ${list}.`,
    );
  }
  const extension = ext as AttachmentExtension;
  return { name, extension, type: ATTACHMENT_TYPES[extension] };
}

/** Checks that the bytes are what the extension says (415 ATTACHMENT_TYPE otherwise) and fingerprints them. */
export function checkContent(file: NamedFile, data: Buffer): CheckedFile {
  if (data.length === 0) throw SupportErrors.emptyFile();
  if (!CONTENT_CHECKS[file.extension](data)) {
    throw SupportErrors.wrongType(`The file’s content is not a .${file.extension} file.`);
  }
  return {
    name: file.name,
    type: file.type,
    size: data.length,
    sha256: createHash('sha256').update(data).digest('hex'),
    data,
  };
}
