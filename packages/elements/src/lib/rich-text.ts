import { css } from 'lit';

/**
 * Rich text from the server (Markdown rendered and sanitized there) as DOM to put in a template: `${richText(html)}`.
 *
 * The server's HTML is already safe; this is the second, independent wall in the browser. The string is parsed in
 * an inert `<template>` (nothing in it runs or loads), then every element not on the allow-list is removed with
 * its content, every attribute not on the list is dropped, and links keep only http(s), mailto, relative and
 * in-page targets. What comes out is a fresh fragment each call (parses are cached by string).
 */
const ALLOWED: Record<string, readonly string[]> = {
  P: [],
  BR: [],
  STRONG: [],
  EM: [],
  S: [],
  DEL: [],
  CODE: ['class'],
  PRE: [],
  BLOCKQUOTE: [],
  UL: [],
  OL: ['start'],
  LI: [],
  H1: ['id'],
  H2: ['id'],
  H3: ['id'],
  H4: ['id'],
  H5: ['id'],
  H6: ['id'],
  HR: [],
  A: ['href', 'title', 'rel', 'target'],
  IMG: ['src', 'alt', 'title'],
  TABLE: [],
  THEAD: [],
  TBODY: [],
  TR: [],
  TH: ['style'],
  TD: ['style'],
  MARK: [],
};

const SAFE_URL = /^(https?:|mailto:|\/(?!\/)|#|\.{0,2}\/?[^:]*$)/i;
const SAFE_IMAGE = /^https:/i;
const SAFE_STYLE = /^text-align:\s*(left|right|center);?$/i;

const cache = new Map<string, DocumentFragment>();
const CACHE_SIZE = 200;

function clean(root: ParentNode): void {
  for (const el of Array.from(root.children)) {
    const allowed = ALLOWED[el.tagName];
    if (!allowed) {
      el.remove();
      continue;
    }
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      const value = attr.value.trim();
      const keep =
        allowed.includes(name) &&
        (name !== 'href' || SAFE_URL.test(value)) &&
        (name !== 'src' || SAFE_IMAGE.test(value)) &&
        (name !== 'style' || SAFE_STYLE.test(value)) &&
        (name !== 'target' || value === '_blank');
      if (!keep) el.removeAttribute(attr.name);
    }
    if (el.tagName === 'A' && el.getAttribute('target') === '_blank')
      el.setAttribute('rel', 'nofollow noopener noreferrer');
    if (el.tagName === 'IMG' && !el.hasAttribute('src')) {
      el.remove();
      continue;
    }
    clean(el);
  }
}

/** The sanitized DOM of `html`, ready to render in a Lit template. */
export function richText(html: string): DocumentFragment {
  let parsed = cache.get(html);
  if (!parsed) {
    const template = document.createElement('template');
    template.innerHTML = html;
    clean(template.content);
    parsed = template.content;
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(html, parsed);
  }
  return document.importNode(parsed, true);
}

/** Styles for rich text inside an element: put the fragment in a `.rich` container. */
export const richTextStyles = css`
  .rich {
    line-height: 1.6;
    overflow-wrap: anywhere;
  }
  .rich > :first-child {
    margin-top: 0;
  }
  .rich > :last-child {
    margin-bottom: 0;
  }
  .rich h1,
  .rich h2,
  .rich h3,
  .rich h4 {
    line-height: 1.3;
    margin: 1.2em 0 0.5em;
  }
  .rich h1 {
    font-size: 1.4em;
  }
  .rich h2 {
    font-size: 1.25em;
  }
  .rich h3 {
    font-size: 1.1em;
  }
  .rich a {
    color: var(--_primary);
  }
  .rich img {
    max-width: 100%;
    height: auto;
  }
  .rich pre {
    overflow-x: auto;
    padding: 0.75em;
    border-radius: var(--_radius);
    background: var(--_surface-raised);
  }
  .rich code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.9em;
  }
  .rich blockquote {
    margin: 0.75em 0;
    padding-left: 1em;
    border-left: 3px solid var(--_border);
    color: var(--_muted);
  }
  .rich table {
    border-collapse: collapse;
    display: block;
    overflow-x: auto;
  }
  .rich th,
  .rich td {
    border: 1px solid var(--_border);
    padding: 0.35em 0.6em;
  }
  mark {
    background: var(--portal-color-highlight, light-dark(#fde68a, #854d0e));
    color: inherit;
    border-radius: 2px;
  }
`;
