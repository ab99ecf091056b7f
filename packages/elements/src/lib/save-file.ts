/** How long a saved file's object URL lives: some browsers read the blob after the click has returned. */
const REVOKE_AFTER_MS = 40_000;

/**
 * Saves `blob` as a file called `name`: clicks a temporary hidden `<a download>` on an object URL, put in `root`
 * (an element's shadow root, so the page sees nothing), and revokes the URL a while later. For files fetched with
 * the session, which a plain link to the API could not fetch from a site on another origin.
 */
export function saveFile(root: ParentNode, blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  root.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
