import { XSS_PAYLOADS as HTML_PAYLOADS } from './xss-html-payloads.js';

/**
 * Cross-site scripting payloads for the rich-text paths (ticket messages, knowledge-base articles, FAQ answers,
 * announcements, incident updates). Each one, if it ran, would call `__xss('<id>')`: a test defines
 * `window.__xss` to record the call, renders the payloads, waits, and expects no call at all.
 *
 * The list is the footer's HTML fixture (`test/xss-html-payloads.ts`, with each `alert(…)` made
 * a `__xss` call) plus Markdown forms: base vectors (classic tags and handlers, URL schemes with encodings, mutation-XSS shapes
 * known from sanitizer bypasses, Markdown link and image forms) placed in several Markdown contexts (bare, in a
 * paragraph, a heading, a list, a table cell, a quote, link text), so each base is tried where a renderer might
 * treat it differently. Used by the server's renderer tests, the elements' tests (as raw HTML from a hostile
 * server) and the end-to-end test (through the API into Chromium).
 */

const BASES: readonly ((id: string) => string)[] = [
  (id) => `<script>__xss('${id}')</script>`,
  (id) => `<SCRIPT SRC=data:text/javascript,__xss('${id}')></SCRIPT>`,
  (id) => `<script/src="data:,__xss('${id}')"></script>`,
  (id) => `<img src=x onerror="__xss('${id}')">`,
  (id) => `<img src=x onerror=__xss('${id}')//`,
  (id) => `<IMG SRC="javascript:__xss('${id}');">`,
  (id) => `<img src="x" alt="\`" onerror="__xss('${id}')">`,
  (id) => `<svg onload="__xss('${id}')">`,
  (id) => `<svg><script>__xss('${id}')</script></svg>`,
  (id) => `<svg><animate onbegin="__xss('${id}')" attributeName=x dur=1s>`,
  (id) => `<math><mtext><table><mglyph><style><img src=x onerror="__xss('${id}')">`,
  (id) =>
    `<form><math><mtext></form><form><mglyph><svg><mtext><style><path id="</style><img onerror=__xss('${id}') src>">`,
  (id) => `<noscript><p title="</noscript><img src=x onerror=__xss('${id}')>">`,
  (id) => `<template><img src=x onerror="__xss('${id}')"></template>`,
  (id) => `<iframe src="javascript:parent.__xss('${id}')"></iframe>`,
  (id) => `<iframe srcdoc="<script>parent.__xss('${id}')</script>"></iframe>`,
  (id) => `<object data="javascript:__xss('${id}')"></object>`,
  (id) => `<embed src="javascript:__xss('${id}')">`,
  (id) => `<body onload="__xss('${id}')">`,
  (id) => `<details open ontoggle="__xss('${id}')">`,
  (id) => `<video><source onerror="__xss('${id}')"></video>`,
  (id) => `<audio src=x onerror="__xss('${id}')">`,
  (id) => `<input autofocus onfocus="__xss('${id}')">`,
  (id) => `<select autofocus onfocus="__xss('${id}')">`,
  (id) => `<marquee onstart="__xss('${id}')">x</marquee>`,
  (id) => `<div style="background:url(javascript:__xss('${id}'))">x</div>`,
  (id) => `<a href="javascript:__xss('${id}')" id="xss-${id}">click</a>`,
  (id) => `<a href="JaVaScRiPt:__xss('${id}')">click</a>`,
  (id) => `<a href="jav&#x09;ascript:__xss('${id}')">click</a>`,
  (id) => `<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;__xss('${id}')">click</a>`,
  (id) => `<a href="data:text/html,<script>__xss('${id}')</script>">click</a>`,
  (id) => `<a href="vbscript:__xss('${id}')">click</a>`,
  (id) => `<meta http-equiv="refresh" content="0;url=javascript:__xss('${id}')">`,
  (id) => `<link rel=stylesheet href="javascript:__xss('${id}')">`,
  (id) => `<base href="javascript:__xss('${id}')//">`,
  (id) => `<button formaction="javascript:__xss('${id}')">x</button>`,
  (id) => `"><img src=x onerror=__xss('${id}')>`,
  (id) => `'><svg/onload=__xss('${id}')>`,
  (id) => `</textarea><script>__xss('${id}')</script>`,
  (id) => `<!--<img src="--><img src=x onerror=__xss('${id}')//">`,
  (id) => `<![CDATA[<script>__xss('${id}')</script>]]>`,
  (id) => `<style>@import 'javascript:__xss("${id}")';</style>`,
  (id) => `<img src=x onerror=&#95;&#95;xss('${id}')>`,
  (id) => `<img src=x on\u0000error=__xss('${id}')>`,
  (id) => `<scr<script>ipt>__xss('${id}')</scr</script>ipt>`,
  (id) => `[click](javascript:__xss('${id}'))`,
  (id) => `[click](JAVASCRIPT:__xss('${id}'))`,
  (id) => `[click](  javascript:__xss('${id}'))`,
  (id) => `[click](javascript&#58;__xss('${id}'))`,
  (id) => `[click](data:text/html;base64,${btoa(`<script>__xss('${id}')</script>`)})`,
  (id) => `[click](vbscript:__xss('${id}'))`,
  (id) => `[click](<javascript:__xss('${id}')>)`,
  (id) => `[a]: javascript:__xss('${id}')\n\n[click][a]`,
  (id) => `![x](x" onerror="__xss('${id}'))`,
  (id) => `![x](javascript:__xss('${id}'))`,
  (id) => `![x"onerror="__xss('${id}')](https://example.invalid/x.png)`,
  (id) => `[x](https://example.invalid/" onclick="__xss('${id}'))`,
  (id) => `<https://example.invalid/"onmouseover="__xss('${id}')>`,
  (id) => `<javascript:__xss('${id}')>`,
  (id) => `\`\`\`\n</code><script>__xss('${id}')</script>\n\`\`\``,
];

const CONTEXTS: readonly ((payload: string) => string)[] = [
  (p) => p,
  (p) => `Hello, ${p} thanks.`,
  (p) => `## ${p}`,
  (p) => `- item\n- ${p}`,
  (p) => `| a | b |\n|---|---|\n| ${p} | x |`,
  (p) => `> ${p}`,
];

/** A call of `alert(…)` (arguments may hold one level of parentheses). */
const ALERT = /alert\((?:[^()]|\([^()]*\))*\)/g;

/** Over 700 payloads, each with a distinct id. */
export const XSS_PAYLOADS: readonly { id: string; markdown: string }[] = (() => {
  const out: { id: string; markdown: string }[] = HTML_PAYLOADS.map((payload, i) => ({
    id: `h${i}`,
    markdown: payload.replace(ALERT, `__xss('h${i}')`),
  }));
  BASES.forEach((base, b) => {
    // Every base in the bare context and a paragraph; every third one in the other contexts too.
    CONTEXTS.forEach((context, c) => {
      if (c > 1 && b % 3 !== c % 3) return;
      const id = `p${b}-${c}`;
      out.push({ id, markdown: context(base(id)) });
    });
  });
  return out;
})();
