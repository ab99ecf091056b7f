import type { AttachmentExtension } from '@portico/sdk/contract';

const startsWith = (data: Buffer, bytes: readonly number[], at = 0) =>
  data.length >= at + bytes.length && bytes.every((byte, i) => data[at + i] === byte);
const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0));

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const GZIP = [0x1f, 0x8b, 0x08];
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
/** Central-directory entries read at most: an Office file has a few dozen. */
const MAX_ENTRIES = 10_000;

/**
 * The names of a ZIP archive's entries, read from its central directory (ZIP64 included); undefined when the
 * bytes are not a well-formed archive.
 */
export function zipEntryNames(data: Buffer): string[] | undefined {
  // The end record is in the last 22 bytes plus a comment of at most 65,535.
  let end = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
    if (data.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  let count = data.readUInt16LE(end + 10);
  let offset = data.readUInt32LE(end + 16);
  if (
    (count === 0xffff || offset === 0xffffffff) &&
    end >= 20 &&
    data.readUInt32LE(end - 20) === ZIP64_LOCATOR
  ) {
    const at = Number(data.readBigUInt64LE(end - 20 + 8));
    if (at + 56 > data.length || data.readUInt32LE(at) !== ZIP64_EOCD) return undefined;
    count = Number(data.readBigUInt64LE(at + 32));
    offset = Number(data.readBigUInt64LE(at + 48));
  }
  if (count > MAX_ENTRIES) return undefined;
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (offset + 46 > data.length || data.readUInt32LE(offset) !== CENTRAL) return undefined;
    const nameLength = data.readUInt16LE(offset + 28);
    const extraLength = data.readUInt16LE(offset + 30);
    const commentLength = data.readUInt16LE(offset + 32);
    if (offset + 46 + nameLength > data.length) return undefined;
    names.push(data.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** A ZIP archive: it starts with a local file header (or is the empty archive) and its directory reads. */
function isZip(data: Buffer): boolean {
  return (startsWith(data, ZIP_LOCAL) || startsWith(data, ZIP_EMPTY)) && zipEntryNames(data) !== undefined;
}

/** Office Open XML: a ZIP with `[Content_Types].xml` and the part folder of its kind (`word/`, `xl/`). */
function isOoxml(data: Buffer, folder: string): boolean {
  if (!startsWith(data, ZIP_LOCAL)) return false;
  const names = zipEntryNames(data);
  return !!names?.includes('[Content_Types].xml') && names.some((name) => name.startsWith(folder));
}

/**
 * OpenDocument: a ZIP whose first entry is `mimetype`, stored uncompressed, holding exactly the kind's media type
 * (the rule the format sets so that files can be told apart by their first bytes).
 */
function isOpenDocument(data: Buffer, mediaType: string): boolean {
  if (!startsWith(data, ZIP_LOCAL) || data.length < 30 || !isZip(data)) return false;
  const method = data.readUInt16LE(8);
  const size = data.readUInt32LE(18);
  const nameLength = data.readUInt16LE(26);
  const extraLength = data.readUInt16LE(28);
  const name = data.toString('latin1', 30, 30 + nameLength);
  const start = 30 + nameLength + extraLength;
  return (
    method === 0 &&
    name === 'mimetype' &&
    size === mediaType.length &&
    data.toString('latin1', start, start + size) === mediaType
  );
}

/** UTF-8 (a BOM allowed) without NUL: what text files may hold. The decoded text, or undefined. */
function utf8Text(data: Buffer): string | undefined {
  if (data.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return undefined;
  }
}

function isJson(data: Buffer): boolean {
  const text = utf8Text(data);
  if (text === undefined) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Whether a file's bytes are what its extension says, checked by the format's own signature or structure. */
export const CONTENT_CHECKS: Record<AttachmentExtension, (data: Buffer) => boolean> = {
  png: (data) => startsWith(data, PNG),
  jpg: (data) => startsWith(data, JPEG),
  jpeg: (data) => startsWith(data, JPEG),
  gif: (data) => startsWith(data, ascii('GIF87a')) || startsWith(data, ascii('GIF89a')),
  webp: (data) => startsWith(data, ascii('RIFF')) && startsWith(data, ascii('WEBP'), 8),
  pdf: (data) => startsWith(data, ascii('%PDF-')),
  txt: (data) => utf8Text(data) !== undefined,
  log: (data) => utf8Text(data) !== undefined,
  csv: (data) => utf8Text(data) !== undefined,
  json: isJson,
  zip: isZip,
  gz: (data) => startsWith(data, GZIP),
  docx: (data) => isOoxml(data, 'word/'),
  xlsx: (data) => isOoxml(data, 'xl/'),
  odt: (data) => isOpenDocument(data, 'application/vnd.oasis.opendocument.text'),
  ods: (data) => isOpenDocument(data, 'application/vnd.oasis.opendocument.spreadsheet'),
};
