#!/usr/bin/env node
// Writes docs/elements.md from packages/elements/custom-elements.json (built from the elements' JSDoc).
import { readFileSync, writeFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('packages/elements/custom-elements.json', root), 'utf8'));

const cell = (text) =>
  String(text ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\n+/g, ' ')
    .trim();
const table = (headers, rows) =>
  rows.length === 0
    ? ''
    : `| ${headers.join(' | ')} |\n| ${headers.map(() => '---').join(' | ')} |\n${rows.map((r) => `| ${r.map(cell).join(' | ')} |`).join('\n')}\n\n`;

const elements = manifest.modules
  .flatMap((m) => (m.declarations ?? []).map((d) => ({ ...d, path: m.path })))
  .filter((d) => d.customElement && d.tagName)
  .sort((a, b) => a.tagName.localeCompare(b.tagName));

let out = `# Elements

Generated from the elements' JSDoc by the custom-elements manifest analyzer (\`packages/elements/custom-elements.json\`,
which IDEs and framework wrappers read too). Do not edit by hand: run \`npm run build -w @portico/elements\`.

Load everything with \`<script type="module" src="https://YOUR-PORTAL/elements.js">\`, or only sign-in with
\`elements-login.js\`. Every element works inside \`<portal-provider api="…">\` or on its own with an \`api\` attribute,
and every class is exported so you may register it under another name.

`;
for (const el of elements) {
  out += `## \`<${el.tagName}>\`\n\n`;
  if (el.summary) out += `${el.summary}\n\n`;
  if (el.description && el.description !== el.summary) out += `${el.description}\n\n`;
  out += `Class \`${el.name}\` (\`${el.path}\`).\n\n`;
  const attributes = (el.attributes ?? []).map((a) => [
    `\`${a.name}\``,
    a.fieldName ? `\`${a.fieldName}\`` : '',
    a.type?.text ?? '',
    a.default ?? '',
    a.description ?? '',
  ]);
  if (attributes.length)
    out += `### Attributes\n\n${table(['Attribute', 'Property', 'Type', 'Default', 'Description'], attributes)}`;
  const props = (el.members ?? [])
    .filter(
      (m) =>
        m.kind === 'field' &&
        !m.privacy &&
        !m.static &&
        !(el.attributes ?? []).some((a) => a.fieldName === m.name) &&
        m.description,
    )
    .map((m) => [`\`${m.name}\``, m.type?.text ?? '', m.description ?? '']);
  if (props.length) out += `### Properties\n\n${table(['Property', 'Type', 'Description'], props)}`;
  const methods = (el.members ?? [])
    .filter((m) => m.kind === 'method' && !m.privacy && !m.static && m.description)
    .map((m) => [`\`${m.name}()\``, m.description]);
  if (methods.length) out += `### Methods\n\n${table(['Method', 'Description'], methods)}`;
  const events = (el.events ?? []).map((e) => [`\`${e.name}\``, e.type?.text ?? '', e.description ?? '']);
  if (events.length) out += `### Events\n\n${table(['Event', 'Type', 'Description'], events)}`;
  const slots = (el.slots ?? []).map((s) => [s.name ? `\`${s.name}\`` : '(default)', s.description ?? '']);
  if (slots.length) out += `### Slots\n\n${table(['Slot', 'Description'], slots)}`;
  const parts = (el.cssParts ?? []).map((p) => [`\`${p.name}\``, p.description ?? '']);
  if (parts.length) out += `### CSS parts\n\n${table(['Part', 'Description'], parts)}`;
  const cssProps = (el.cssProperties ?? []).map((p) => [
    `\`${p.name}\``,
    p.default ?? '',
    p.description ?? '',
  ]);
  if (cssProps.length)
    out += `### CSS custom properties\n\n${table(['Property', 'Default', 'Description'], cssProps)}`;
}
writeFileSync(new URL('docs/elements.md', root), out);
console.log(`docs/elements.md: ${elements.length} elements`);
