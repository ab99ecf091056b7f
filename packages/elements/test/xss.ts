// What the XSS tests of the rich-text elements share: a spy on `window.__xss` (what every payload in
// `xss-payloads.ts` calls if it runs), a pause for what the payloads schedule, and a search of the rendered DOM for
// anything that could run script.
import { aTimeout, nextFrame } from '@open-wc/testing';

/** Records calls to `window.__xss` until `restore()`. */
export function spyOnXss(): { calls: string[]; restore: () => void } {
  const calls: string[] = [];
  const w = window as unknown as { __xss?: (id: string) => void };
  w.__xss = (id) => calls.push(id);
  return { calls, restore: () => delete w.__xss };
}

/** Lets anything a payload scheduled (image errors, animations, toggles, timers) happen before checking it did nothing. */
export async function flushTasks(): Promise<void> {
  await nextFrame();
  await nextFrame();
  await aTimeout(200);
}

/** Every element under `root`, through open shadow roots. */
function deepElements(root: ParentNode): Element[] {
  const out: Element[] = [];
  for (const el of root.querySelectorAll('*')) {
    out.push(el);
    if (el.shadowRoot) out.push(...deepElements(el.shadowRoot));
  }
  return out;
}

const SCRIPT_CAPABLE = [
  'script',
  'iframe',
  'object',
  'embed',
  'base',
  'meta',
  'link',
  'style',
  'svg',
  'math',
  'template',
];
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc'];

/**
 * What a rendered DOM must never hold after hostile HTML went through it: script-capable elements, event handler
 * attributes, and `javascript:` (or `data:`, `vbscript:`) URLs. Lit's own `<style>` in shadow roots is not content.
 */
export function dangerousNodes(root: ParentNode): string[] {
  const found: string[] = [];
  for (const el of deepElements(root)) {
    const tag = el.localName;
    if (SCRIPT_CAPABLE.includes(tag) && !(tag === 'style' && el.parentNode instanceof ShadowRoot)) {
      found.push(`<${tag}>`);
    }
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      // As a URL parser reads it: without spaces and control characters.
      const value = [...attr.value]
        .filter((c) => c.charCodeAt(0) > 0x20)
        .join('')
        .toLowerCase();
      if (name.startsWith('on')) found.push(`<${tag} ${name}>`);
      if (/^(javascript|vbscript|data):/.test(value) && URL_ATTRIBUTES.includes(name)) {
        found.push(`<${tag} ${name}="${attr.value}">`);
      }
      if (name === 'srcdoc' || name === 'formaction') found.push(`<${tag} ${name}>`);
    }
  }
  return found;
}
