/** A backup code in groups of four with dashes (which sign-in ignores): `abcd-efgh-ijkl-mnop`. */
export const groupCode = (code: string) => code.match(/.{1,4}/g)?.join('-') ?? code;

/** An SVG document as an image address, so it is shown as a picture and never parsed into the page. */
export function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}
