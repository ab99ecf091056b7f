import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { FakePortal, problem } from '../../../test/fake-portal.js';
import { $ } from '../../../test/helpers.js';
import type { PortalProvider } from '../provider/provider.js';
import { cleanFooterHtml, safeHref } from './clean-html.js';
import type { PortalFooter } from './footer.js';
import '../../index.js';

async function footer(portal: FakePortal, lang = 'en'): Promise<PortalFooter> {
  const provider = await fixture<PortalProvider>(
    html`<portal-provider .client=${portal.client()} lang=${lang}
      ><portal-footer><small>Slotted note</small></portal-footer></portal-provider
    >`,
  );
  await waitUntil(() => provider.configState.status !== 'loading', 'configuration never loaded');
  const el = provider.querySelector('portal-footer')!;
  await el.updateComplete;
  return el;
}

const ALLOWED = new Set('p br strong em b i u small span ul ol li h2 h3 h4 blockquote hr a'.split(' '));
const ALLOWED_ATTRIBUTES = new Set(['href', 'title', 'rel', 'target']);

/** Everything in `root` is on the allow-list: tags, attributes, link schemes. Returns what broke it, if anything. */
function offAllowList(root: ParentNode): string | undefined {
  for (const element of root.querySelectorAll('*')) {
    if (!ALLOWED.has(element.localName)) return `<${element.localName}>`;
    for (const { name, value } of element.attributes) {
      if (element.localName !== 'a' || !ALLOWED_ATTRIBUTES.has(name))
        return `${name} on <${element.localName}>`;
      if (name === 'href' && !/^(https?:\/\/|mailto:)/.test(value)) return `href=${value}`;
      if (name === 'rel' && value !== 'noopener noreferrer') return `rel=${value}`;
      if (name === 'target' && value !== '_blank') return `target=${value}`;
    }
  }
  return undefined;
}

const PAYLOADS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://example.com/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<IMG SRC="jav&#x09;ascript:alert(1);">',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="&#106;avascript:alert(1)">x</a>',
  '<a href="java\u0000script:alert(1)">x</a>',
  '<a href="data:text/html,<script>alert(1)</script>">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="https://example.com/" onmouseover="alert(1)">x</a>',
  '<a href="https://example.com/"/onclick=alert(1)>x</a>',
  '<p onclick="alert(1)" style="x:expression(alert(1))">x</p>',
  '<svg><script>alert(1)</script></svg>',
  '<svg onload=alert(1)><a href="javascript:alert(1)"><text>x</text></a></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>',
  '<template><img src=x onerror=alert(1)></template>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<details open ontoggle=alert(1)>',
  '<input autofocus onfocus=alert(1)>',
  '<body onload=alert(1)>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<style>@import "javascript:alert(1)";</style>',
  '<!--<img src=x onerror=alert(1)>-->',
  '<textarea><img src=x onerror=alert(1)></textarea>',
  '<title><img src=x onerror=alert(1)></title>',
  '<xmp><img src=x onerror=alert(1)></xmp>',
  '<p>Hi <a href="https://example.com/" title="&quot;><img src=x onerror=alert(1)>">x</a></p>',
  '<a href="https://example.com/">x</a><a href="mailto:a@example.com?body=<script>">y</a>',
];

/** Records calls to the functions the payloads call, and restores them. */
function trapScripts() {
  const calls: string[] = [];
  const names = ['alert', 'confirm', 'prompt', 'print', 'open', 'fetch'] as const;
  const originals = names.map((name) => [name, window[name]] as const);
  for (const name of names) {
    Object.defineProperty(window, name, {
      configurable: true,
      writable: true,
      value: (...args: unknown[]) => {
        calls.push(`${name}(${args.join(', ')})`);
      },
    });
  }
  return {
    calls,
    restore() {
      for (const [name, value] of originals)
        Object.defineProperty(window, name, { configurable: true, writable: true, value });
    },
  };
}

describe('<portal-footer>', () => {
  let portal: FakePortal;
  beforeEach(() => {
    portal = new FakePortal();
  });

  it('shows the footer links, the footer text and the copyright', async () => {
    portal.config.footerLinks = [
      { label: 'Terms', url: `${location.origin}/terms` },
      { label: 'Status', url: 'https://status.example.com/' },
      { label: 'Email us', url: 'mailto:help@example.com' },
    ];
    portal.config.footerHtml =
      '<p>Northwind Hosting Ltd · <strong>VAT</strong> GB123 · <a href="https://example.com/privacy" title="Privacy">Privacy</a></p>';
    const el = await footer(portal);
    const links = [...el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('[part="links"] a')];
    expect(links.map((a) => a.textContent?.trim())).to.deep.equal(['Terms', 'Status', 'Email us']);
    expect(links.map((a) => a.getAttribute('rel'))).to.deep.equal([
      null,
      'noopener noreferrer',
      'noopener noreferrer',
    ]);
    expect($(el, '[part="nav"]').getAttribute('aria-label')).to.equal('Footer');
    const content = $(el, '[part="content"]');
    expect(content.querySelector('strong')?.textContent).to.equal('VAT');
    const privacy = content.querySelector('a')!;
    expect(privacy.getAttribute('href')).to.equal('https://example.com/privacy');
    expect(privacy.title).to.equal('Privacy');
    expect(privacy.rel).to.equal('noopener noreferrer');
    expect($(el, '[part="copyright"]').textContent?.trim()).to.equal(
      `© ${new Date().getFullYear()} Northwind Hosting`,
    );
    expect(el.querySelector('small')?.assignedSlot).to.exist;
    await expect(el).to.be.accessible();
  });

  it('keeps harmless HTML as it is', () => {
    const harmless =
      '<h3>Contact</h3><p>Call <b>us</b>, <i>or</i> <u>write</u>: <em>any</em> <small>time</small> <span>now</span>.<br>Thanks</p>' +
      '<ul><li>One</li></ul><ol><li>Two</li></ol><blockquote>Quote</blockquote><hr><h2>A</h2><h4>B</h4>' +
      '<p><a href="mailto:help@example.com">Email</a></p>';
    expect(cleanFooterHtml(harmless)).to.equal(harmless);
  });

  it('drops scripts, handlers and javascript: links handed to it directly, before they reach the page', async () => {
    const trap = trapScripts();
    try {
      portal.config.footerHtml =
        '<p>Hi<script>alert("script")</script><img src=x onerror="alert(\'img\')">' +
        '<a href="javascript:alert(\'link\')" onclick="alert(\'click\')">link</a>' +
        '<svg onload="alert(\'svg\')"><a href="https://example.com">svg link</a></svg>' +
        '<span style="background:url(javascript:alert(1))" class="x" id="y">styled</span></p>' +
        '<style>* { display: none }</style><iframe srcdoc="<script>alert(1)</script>"></iframe>' +
        '<a href="  java\tscript:alert(1)">tab</a><a href="https://example.com/ok" target="_top">ok</a>';
      const el = await footer(portal);
      const content = $(el, '[part="content"]');
      await aTimeout(50);
      expect(trap.calls).to.deep.equal([]);
      // (Without the comment marking Lit's part.)
      expect(content.innerHTML.replace(/<!--[\s\S]*?-->/g, '')).to.equal(
        '<p>Hi<a>link</a><span>styled</span></p><a>tab</a>' +
          '<a href="https://example.com/ok" rel="noopener noreferrer" target="_blank">ok</a>',
      );
      content.querySelector('a')!.click();
      expect(trap.calls).to.deep.equal([]);
    } finally {
      trap.restore();
    }
  });

  // The whole fixture (test/xss-html-payloads.ts) runs through this filter in real
  // Chromium in e2e/footer-xss.test.mjs; these are the families it covers, for a fast check here.
  it('leaves nothing off the allow-list from any kind of XSS payload, and none runs', async () => {
    const trap = trapScripts();
    const host = document.createElement('div');
    document.body.append(host);
    try {
      const root = host.attachShadow({ mode: 'open' });
      for (const payload of PAYLOADS) {
        const clean = cleanFooterHtml(payload);
        const template = document.createElement('template');
        template.innerHTML = clean;
        expect(offAllowList(template.content), payload).to.be.undefined;
        // Stable: what the browser parses from the output is what the filter left.
        expect(cleanFooterHtml(clean), payload).to.equal(clean);
        root.append(template.content);
      }
      // Handlers on the links would run; the navigation (a new tab for web links) would not help.
      root.addEventListener('click', (event) => event.preventDefault());
      for (const link of root.querySelectorAll('a')) link.click();
      await aTimeout(100);
      expect(trap.calls).to.deep.equal([]);
    } finally {
      host.remove();
      trap.restore();
    }
  });

  it('accepts only absolute http(s) and mailto links', () => {
    expect(safeHref(' https://example.com/a b')).to.be.undefined;
    expect(safeHref('https://example.com/a?b#c ')).to.equal('https://example.com/a?b#c');
    expect(safeHref('MAILTO:help@example.com')).to.equal('mailto:help@example.com');
    for (const bad of [
      'javascript:alert(1)',
      'java\nscript:alert(1)',
      '\u0001https://example.com',
      '//example.com',
      '/relative',
      'data:text/html,x',
      'https:\\\\example.com',
      'https:///example.com',
      null,
    ]) {
      expect(safeHref(bad), String(bad)).to.be.undefined;
    }
  });

  it('shows only the copyright when there are no links or text', async () => {
    const el = await footer(portal);
    expect(el.shadowRoot!.querySelector('[part="links"]')).to.be.null;
    expect(el.shadowRoot!.querySelector('[part="content"]')).to.be.null;
    expect($(el, '[part="copyright"]').textContent).to.contain('Northwind Hosting');
    await expect(el).to.be.accessible();
  });

  it('follows the configuration when the provider reloads it', async () => {
    const el = await footer(portal);
    portal.config.footerHtml = '<p>New text</p>';
    portal.config.businessName = 'Southwind';
    await el.closest('portal-provider')!.refreshConfig();
    await el.updateComplete;
    expect($(el, '[part="content"]').textContent).to.equal('New text');
    expect($(el, '[part="copyright"]').textContent).to.contain('Southwind');
  });

  it('shows a placeholder while the configuration loads', async () => {
    portal.answer('GET /api/v1/portal/config', () => new Promise(() => {}));
    const provider = await fixture<PortalProvider>(
      html`<portal-provider .client=${portal.client()}><portal-footer></portal-footer></portal-provider>`,
    );
    const el = provider.querySelector('portal-footer')!;
    await el.updateComplete;
    expect($(el, '[part="skeleton"]').getAttribute('role')).to.equal('status');
    await expect(el).to.be.accessible();
  });

  it('shows only its slotted content when the configuration cannot be loaded', async () => {
    portal.answer('GET /api/v1/portal/config', () => problem(500, 'INTERNAL', 'Something broke.'));
    const el = await footer(portal);
    expect(el.shadowRoot!.querySelector('[part="copyright"]')).to.be.null;
    expect(el.querySelector('small')?.assignedSlot).to.exist;
  });

  it('speaks Spanish', async () => {
    portal.config.footerLinks = [{ label: 'Términos', url: 'https://example.com/terms' }];
    const el = await footer(portal, 'es');
    expect($(el, '[part="nav"]').getAttribute('aria-label')).to.equal('Pie de página');
    expect($(el, 'footer').lang).to.equal('es');
  });

  it('is accessible in the dark theme with a light brand colour', async () => {
    portal.config.brandColor = '#facc15';
    portal.config.footerHtml = '<p>Read the <a href="https://example.com/">blog</a>.</p>';
    const provider = await fixture<PortalProvider>(
      html`<portal-provider .client=${portal.client()} theme="dark"><portal-footer></portal-footer></portal-provider>`,
    );
    await waitUntil(() => provider.configState.status === 'ready');
    const el = provider.querySelector('portal-footer')!;
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('standalone, loads the configuration through its api attribute', async () => {
    const original = window.fetch;
    window.fetch = portal.fetch;
    try {
      const el = await fixture<PortalFooter>(html`<portal-footer api="http://footer.test"></portal-footer>`);
      await waitUntil(() => el.shadowRoot!.querySelector('[part="copyright"]'), 'configuration never loaded');
      expect($(el, '[part="copyright"]').textContent).to.contain('Northwind Hosting');
    } finally {
      window.fetch = original;
    }
  });
});
