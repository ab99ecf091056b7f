import { aTimeout, expect } from '@open-wc/testing';
import { XSS_PAYLOADS } from '../../test/xss-payloads.js';
import { spyOnXss } from '../../test/xss.js';
import { html as lit, render as litRender } from 'lit';
import { richText, richTextFragment } from './rich-text.js';

const render = (html: string) => {
  const host = document.createElement('div');
  host.append(richTextFragment(html));
  return host;
};

describe('richText', () => {
  it('keeps what the server renderer makes', () => {
    const html =
      '<h2 id="set-up-imap">Set up <em>IMAP</em></h2><p><strong>a</strong> <a href="https://example.com/x" rel="nofollow noopener noreferrer" target="_blank">web</a> <a href="/kb/other">kb</a> <a href="#set-up-imap">here</a> <a href="mailto:help@example.com">mail</a></p><pre><code class="language-sh">ls &lt;x&gt;</code></pre><table><thead><tr><th style="text-align:right">n</th></tr></thead><tbody><tr><td style="text-align:right">1</td></tr></tbody></table><ol start="3"><li>x</li></ol><p><img src="https://example.com/a.png" alt="A"> <mark>hit</mark></p>';
    const host = render(html);
    expect(host.querySelector('h2')!.id).to.equal('set-up-imap');
    const links = [...host.querySelectorAll('a')].map((a) => [a.getAttribute('href'), a.target, a.rel]);
    expect(links).to.deep.equal([
      ['https://example.com/x', '_blank', 'noopener noreferrer'],
      ['/kb/other', '', ''],
      ['#set-up-imap', '', ''],
      ['mailto:help@example.com', '', ''],
    ]);
    expect(host.querySelector('code')!.className).to.equal('language-sh');
    expect(host.querySelector('code')!.textContent).to.equal('ls <x>');
    expect(host.querySelector('td')!.getAttribute('style')).to.equal('text-align:right');
    expect(host.querySelector('ol')!.getAttribute('start')).to.equal('3');
    expect(host.querySelector('img')!.getAttribute('src')).to.equal('https://example.com/a.png');
    expect(host.querySelector('mark')!.textContent).to.equal('hit');
  });

  it('drops what the allow-list does not name, and unsafe targets', () => {
    const host = render(
      '<p onclick="x()" style="color:red" class="c">t<script>x()</script><a href="javascript:x()">j</a><a href="//evil.example/">p</a><a href="data:text/html,x">d</a><img src="http://example.com/a.png" alt="plain"><iframe src="https://example.com"></iframe><td style="background:url(x)">z</td></p><h3 id="a b">h</h3>',
    );
    const p = host.querySelector('p')!;
    expect([...p.attributes].map((a) => a.name)).to.deep.equal([]);
    expect(host.querySelector('script, iframe, td')).to.equal(null);
    expect([...host.querySelectorAll('a')].map((a) => a.getAttribute('href'))).to.deep.equal([
      null,
      null,
      null,
    ]);
    expect(host.querySelector('img')!.hasAttribute('src')).to.equal(false);
    expect(host.querySelector('h3')!.hasAttribute('id')).to.equal(false);
  });

  it('in a template, builds its DOM again only when the HTML changes', () => {
    const host = document.createElement('div');
    const draw = (html: string, other: number) =>
      litRender(lit`<div>${richText(html)}</div><p>${other}</p>`, host);
    draw('<p>kept</p>', 1);
    const first = host.querySelector('div > p');
    draw('<p>kept</p>', 2);
    expect(host.querySelector('div > p')).to.equal(first);
    draw('<p>changed</p>', 3);
    expect(host.querySelector('div > p')).not.to.equal(first);
    expect(host.querySelector('div > p')!.textContent).to.equal('changed');
  });

  it('gives a fresh fragment each call, so one text can be drawn twice', () => {
    const a = render('<p>same</p>');
    const b = render('<p>same</p>');
    expect(a.innerHTML).to.equal(b.innerHTML);
    expect(a.firstChild).not.to.equal(b.firstChild);
  });

  it(`runs none of the ${XSS_PAYLOADS.length} payloads given as raw HTML`, async () => {
    const { calls, restore } = spyOnXss();
    const host = document.createElement('div');
    document.body.append(host);
    try {
      for (const { markdown } of XSS_PAYLOADS) host.append(richTextFragment(markdown));
      await aTimeout(300);
      expect(calls).to.deep.equal([]);
      expect(host.querySelector('script, iframe, object, embed, svg, math, style, form, input')).to.equal(
        null,
      );
      for (const element of host.querySelectorAll('*')) {
        for (const { name, value } of element.attributes) {
          expect(name.startsWith('on'), `${element.localName} ${name}`).to.equal(false);
          expect(
            /^\s*(javascript|vbscript|data):/i.test(value),
            `${element.localName} ${name}=${value}`,
          ).to.equal(false);
        }
      }
    } finally {
      host.remove();
      restore();
    }
  });
});
