import type { AttachmentRules } from '@portico/sdk';

/** A file name's extension, lower case, without the dot (`''` for none, or for a name that is only `.ext`). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/**
 * Why a file breaks the business's attachment rules, before any upload: its `type` (extension) or its `size`;
 * undefined when it may go. The server checks again (and checks the content); this spares a doomed upload. The
 * count of files is the picker's to keep.
 */
export function refusalOf(
  file: { name: string; size: number },
  rules: AttachmentRules,
): 'type' | 'size' | undefined {
  if (!(rules.types as readonly string[]).includes(extensionOf(file.name))) return 'type';
  if (file.size > rules.maxBytes) return 'size';
  return undefined;
}
