import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { FakePortal, problem } from '../../../test/fake-portal.js';
import { $, inProvider, input, settled, type } from '../../../test/helpers.js';
import { addVirtualAuthenticator } from '../../../test/virtual-authenticator.js';
import type { PortalSecurity } from './security.js';

type Section = 'password' | 'totp' | 'passkeys' | 'sessions';

/** The security page inside a provider, signed in as Ada unless told otherwise, once every section loaded. */
async function security(
  portal: FakePortal,
  options: { signedInAs?: string | null; lang?: string; markup?: ReturnType<typeof html> } = {},
) {
  const signedInAs = options.signedInAs === undefined ? 'ada@example.com' : options.signedInAs;
  const el = await inProvider<PortalSecurity>(
    portal,
    options.markup ?? html`<portal-security></portal-security>`,
    'portal-security',
    { ...(signedInAs ? { signedInAs } : {}), ...(options.lang ? { lang: options.lang } : {}) },
  );
  await waitUntil(() => !el.shadowRoot!.querySelector('[part="loading"]'), 'never loaded');
  await el.updateComplete;
  return el;
}

const section = (el: PortalSecurity, name: Section) => $(el, `section[part~="${name}"]`);

/** The button (or link) in `name` whose text or accessible name is `text`. */
function buttonIn(el: PortalSecurity, name: Section, text: string | RegExp): HTMLButtonElement {
  const all = [...section(el, name).querySelectorAll<HTMLButtonElement>('button, a')];
  const label = (b: HTMLElement) => [b.getAttribute('aria-label') ?? '', b.textContent?.trim() ?? ''];
  const found = all.find((b) => label(b).some((l) => (typeof text === 'string' ? l === text : text.test(l))));
  if (!found) throw new Error(`No button "${text}" in ${name}: ${all.map((b) => label(b).join('/'))}`);
  return found;
}

const submitIn = async (el: PortalSecurity, name: Section) => {
  section(el, name).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
  await el.updateComplete;
};

const alertIn = (el: PortalSecurity, name: Section) =>
  section(el, name).querySelector('[role="alert"]')!.textContent?.trim() ?? '';
const statusIn = (el: PortalSecurity, name: Section) =>
  section(el, name).querySelector('[role="status"]:not([part="loading"])')!.textContent?.trim() ?? '';
const text = (element: Element) => element.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const focused = (el: PortalSecurity) => el.shadowRoot!.activeElement as HTMLElement | null;

/** Replaces the clipboard for the test; returns what was copied. */
function stubClipboard(): { copied: string[]; restore: () => void } {
  const copied: string[] = [];
  Object.defineProperty(navigator.clipboard, 'writeText', {
    configurable: true,
    value: async (value: string) => {
      copied.push(value);
    },
  });
  return {
    copied,
    restore: () => delete (navigator.clipboard as { writeText?: unknown }).writeText,
  };
}

describe('<portal-security>', () => {
  let portal: FakePortal;
  beforeEach(() => {
    portal = new FakePortal();
  });

  describe('signed out', () => {
    it('shows only a sign-in hint, linking login-href', async () => {
      const el = await security(portal, {
        signedInAs: null,
        markup: html`<portal-security login-href="/login"></portal-security>`,
      });
      expect(text($(el, '[part="signed-out"]'))).to.contain('Sign in to manage');
      expect($(el, 'a[part="link"]').getAttribute('href')).to.equal('/login');
      expect(el.shadowRoot!.querySelector('section')).to.be.null;
      expect(portal.callsTo('/api/v1/me/security')).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('forgets everything when the person signs out', async () => {
      const el = await security(portal);
      await el.client!.auth.logout();
      await waitUntil(() => el.shadowRoot!.querySelector('[part="signed-out"]'), 'still shown');
      expect(el.shadowRoot!.querySelector('section')).to.be.null;
    });
  });

  it('shows the four sections once loaded', async () => {
    const el = await security(portal);
    expect([...el.shadowRoot!.querySelectorAll('section h2')].map(text)).to.deep.equal([
      'Password',
      'Two-step verification',
      'Passkeys',
      'Signed-in devices',
    ]);
    expect(text(section(el, 'totp').querySelector('[part="badge"]')!)).to.equal('Off');
    expect(text(section(el, 'passkeys'))).to.contain('You have no passkeys yet.');
    expect(text(section(el, 'sessions'))).to.contain('This device');
    await expect(el).to.be.accessible();
  });

  it('is accessible in the dark theme', async () => {
    const el = await security(portal, { markup: html`<portal-security theme="dark"></portal-security>` });
    expect(getComputedStyle(el).colorScheme).to.equal('dark');
    await expect(el).to.be.accessible();
  });

  it('says why a section could not load, fires portal-error, and tries again', async () => {
    portal.answer('GET /api/v1/me/passkeys', () => problem(500, 'INTERNAL', 'Something broke.'));
    const failed = new Promise<CustomEvent>((resolve) =>
      document.addEventListener('portal-error', (e) => resolve(e as CustomEvent), { once: true }),
    );
    const el = await security(portal);
    expect((await failed).detail.action).to.equal('listPasskeys');
    expect(text(section(el, 'passkeys'))).to.contain('Something broke.');
    await expect(el).to.be.accessible();
    buttonIn(el, 'passkeys', 'Try again').click();
    await waitUntil(
      () => text(section(el, 'passkeys')).includes('You have no passkeys yet.'),
      'not reloaded',
    );
  });

  describe('password', () => {
    it('shows a wrong current password and a common new one beside their fields', async () => {
      const el = await security(portal);
      expect(input(el, 'username').value).to.equal('ada@example.com');
      expect(input(el, 'currentPassword').autocomplete).to.equal('current-password');
      expect(input(el, 'newPassword').autocomplete).to.equal('new-password');
      expect($(el, '#newPassword-hint').textContent).to.equal('At least 8 characters.');

      await submitIn(el, 'password');
      expect($(el, '#currentPassword-error').textContent).to.equal('Enter your password.');
      expect($(el, '#newPassword-error').textContent).to.equal('Use at least 8 characters.');
      expect(portal.callsTo('/api/v1/me/password')).to.have.length(0);

      await type(el, 'currentPassword', 'wrong');
      await type(el, 'newPassword', 'a brand new engine');
      await submitIn(el, 'password');
      await settled(el);
      expect($(el, '#currentPassword-error').textContent).to.equal('That is not your current password.');
      expect(input(el, 'currentPassword').getAttribute('aria-invalid')).to.equal('true');
      await waitUntil(() => (focused(el) as HTMLInputElement | null)?.name === 'currentPassword');
      await expect(el).to.be.accessible();

      await type(el, 'currentPassword', 'analytical engine');
      await type(el, 'newPassword', 'password123');
      await submitIn(el, 'password');
      await settled(el);
      expect($(el, '#newPassword-error').textContent).to.equal(
        'This password is too common. Choose another.',
      );
    });

    it('changes it, signing out the other sessions when asked', async () => {
      portal.addSession('ada@example.com', { device: 'Firefox on Windows' });
      const el = await security(portal);
      expect(section(el, 'sessions').querySelectorAll('[part="session"]')).to.have.length(2);
      await type(el, 'currentPassword', 'analytical engine');
      await type(el, 'newPassword', 'a brand new engine');
      const box = input(el, 'endOtherSessions');
      expect(box.closest('label')?.textContent).to.contain('Sign out my other sessions');
      box.click();
      await submitIn(el, 'password');
      await settled(el);
      expect(portal.callsTo('/api/v1/me/password')[0]?.body).to.deep.equal({
        currentPassword: 'analytical engine',
        newPassword: 'a brand new engine',
        endOtherSessions: true,
      });
      expect(statusIn(el, 'password')).to.equal('Your password was changed. Other sessions signed out: 1.');
      expect(input(el, 'currentPassword').value).to.equal('');
      expect(input(el, 'endOtherSessions').checked).to.be.false;
      expect(portal.users.get('ada@example.com')?.password).to.equal('a brand new engine');
      await waitUntil(() => section(el, 'sessions').querySelectorAll('[part="session"]').length === 1);
      await expect(el).to.be.accessible();
    });

    it('explains how to set a password when the login has none', async () => {
      portal.users.get('ada@example.com')!.password = '';
      const el = await security(portal);
      expect(section(el, 'password').querySelector('form')).to.be.null;
      expect(text(section(el, 'password'))).to.contain('“Forgot password?” on the sign-in page');
      await expect(el).to.be.accessible();
    });

    it('explains it too when the server says so on change', async () => {
      const el = await security(portal);
      portal.users.get('ada@example.com')!.password = '';
      await type(el, 'currentPassword', 'analytical engine');
      await type(el, 'newPassword', 'a brand new engine');
      await submitIn(el, 'password');
      await settled(el);
      expect(section(el, 'password').querySelector('form')).to.be.null;
      expect(text(section(el, 'password'))).to.contain('Your login has no password');
    });
  });

  describe('two-step verification', () => {
    it('turns on end to end: QR code as an image, the key, a code, then the backup codes once', async () => {
      const clipboard = stubClipboard();
      try {
        const el = await security(portal);
        expect(text(section(el, 'totp'))).to.contain('Add a second step');
        buttonIn(el, 'totp', 'Set up two-step verification').click();
        await settled(el);
        expect(portal.callsTo('/api/v1/me/totp/setup')).to.have.length(1);

        const qr = $<HTMLImageElement>(el, 'img[part="qr"]');
        expect(qr.src).to.match(/^data:image\/svg\+xml;base64,/);
        expect(qr.alt).to.equal('QR code for your authenticator app');
        expect(atob(qr.src.split(',')[1]!)).to.contain('<svg');
        expect(el.shadowRoot!.querySelector('svg, script')).to.be.null;
        expect((window as { qrScriptRan?: boolean }).qrScriptRan).to.be.undefined;
        expect($(el, '[part="secret"]').textContent).to.equal('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
        await waitUntil(() => focused(el)?.id === 'scan', 'focus not moved to the first step');
        await expect(el).to.be.accessible();

        buttonIn(el, 'totp', 'Copy key').click();
        await waitUntil(() => statusIn(el, 'totp') === 'Copied.');
        expect(clipboard.copied).to.deep.equal(['JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP']);

        const code = input(el, 'code');
        expect(code.autocomplete).to.equal('one-time-code');
        expect(code.inputMode).to.equal('numeric');
        await type(el, 'code', '111111');
        await submitIn(el, 'totp');
        await settled(el);
        expect($(el, '#code-error').textContent).to.equal('That code is not right.');
        await expect(el).to.be.accessible();

        await type(el, 'code', '246 810');
        await submitIn(el, 'totp');
        await settled(el);
        expect(portal.callsTo('/api/v1/me/totp/enable')[1]?.body).to.deep.equal({ code: '246810' });
        await waitUntil(() => focused(el)?.id === 'codes-title', 'focus not on the backup codes');
        expect(statusIn(el, 'totp')).to.equal('Two-step verification is on.');
        const codes = [...el.shadowRoot!.querySelectorAll('[part="codes"] li')].map(text);
        const saved = portal.users.get('ada@example.com')!.backupCodes!;
        expect(codes).to.have.length(10);
        expect(codes.map((c) => c.replace(/-/g, ''))).to.deep.equal(saved);
        expect(codes[0]).to.match(/^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$/);
        await expect(el).to.be.accessible();

        const download = buttonIn(el, 'totp', 'Download (.txt)') as unknown as HTMLAnchorElement;
        expect(download.getAttribute('download')).to.equal('backup-codes.txt');
        const file = await (await fetch(download.href)).text();
        expect(file).to.contain('Backup codes for ada@example.com');
        for (const c of codes) expect(file).to.contain(c);

        buttonIn(el, 'totp', 'Copy codes').click();
        await waitUntil(() => clipboard.copied.length === 2);
        expect(clipboard.copied[1]).to.equal(file);

        buttonIn(el, 'totp', 'I saved them').click();
        await el.updateComplete;
        expect(el.shadowRoot!.querySelector('[part="codes"]')).to.be.null;
        await waitUntil(
          () => text(section(el, 'totp')).includes('Backup codes left: 10 of 10.'),
          'not reloaded',
        );
        expect(text(section(el, 'totp').querySelector('[part="badge"]')!)).to.equal('On');
        expect(portal.users.get('ada@example.com')?.totp).to.be.true;
        await waitUntil(() => focused(el)?.id === 'totp-title');
        await expect(el).to.be.accessible();
      } finally {
        clipboard.restore();
      }
    });

    it('starts again when the set-up expired', async () => {
      const el = await security(portal);
      buttonIn(el, 'totp', 'Set up two-step verification').click();
      await settled(el);
      portal.users.get('ada@example.com')!.totpPending = false;
      await type(el, 'code', '246810');
      await submitIn(el, 'totp');
      await settled(el);
      expect(alertIn(el, 'totp')).to.equal(
        'This two-factor setup has expired (15 minutes). Start again and scan the new QR code.',
      );
      expect(el.shadowRoot!.querySelector('img[part="qr"]')).to.be.null;
      await waitUntil(
        () => focused(el)?.getAttribute('part')?.includes('setup'),
        'set-up button not focused',
      );
    });

    it('cancels the set-up', async () => {
      const el = await security(portal);
      buttonIn(el, 'totp', 'Set up two-step verification').click();
      await settled(el);
      buttonIn(el, 'totp', 'Cancel').click();
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('img[part="qr"]')).to.be.null;
      expect(portal.users.get('ada@example.com')?.totp).to.not.be.true;
    });

    it('shows the backup codes left and turns off with a backup code', async () => {
      const [backup] = portal.enableTotp('ada@example.com');
      portal.users.get('ada@example.com')!.backupCodes!.splice(3);
      const el = await security(portal);
      expect(text(section(el, 'totp'))).to.contain('On since');
      expect(text($(el, '[part="backup-count"]'))).to.equal(
        'Backup codes left: 3 of 10. You are running out of backup codes: make new ones.',
      );
      buttonIn(el, 'totp', 'Turn off').click();
      await el.updateComplete;
      await waitUntil(() => (focused(el) as HTMLInputElement | null)?.name === 'code');
      expect($(el, 'label[for="code"]').textContent).to.equal('Code from your app or a backup code');
      await expect(el).to.be.accessible();

      await type(el, 'code', '12');
      await submitIn(el, 'totp');
      expect($(el, '#code-error').textContent).to.equal(
        'Enter the 6-digit code from your app, or a backup code.',
      );
      await type(el, 'code', 'aaaa-aaaa-aaaa-aaaa');
      await submitIn(el, 'totp');
      await settled(el);
      expect($(el, '#code-error').textContent).to.equal('That code is not right.');

      await type(el, 'code', backup!.toUpperCase());
      await submitIn(el, 'totp');
      await settled(el);
      expect(portal.callsTo('/api/v1/me/totp/disable')[1]?.body).to.deep.equal({ code: backup });
      expect(statusIn(el, 'totp')).to.equal('Two-step verification is off.');
      expect(text(section(el, 'totp').querySelector('[part="badge"]')!)).to.equal('Off');
      expect(portal.users.get('ada@example.com')?.totp).to.be.false;
      await waitUntil(
        () => focused(el)?.getAttribute('part')?.includes('setup'),
        'set-up button not focused',
      );
      await expect(el).to.be.accessible();
    });

    it('makes new backup codes with an app code; the old ones stop working', async () => {
      const old = portal.enableTotp('ada@example.com');
      const el = await security(portal);
      buttonIn(el, 'totp', 'New backup codes').click();
      await el.updateComplete;
      expect(input(el, 'code').inputMode).to.equal('numeric');
      await type(el, 'code', old[0]!);
      await submitIn(el, 'totp');
      expect($(el, '#code-error').textContent).to.equal('Enter the 6-digit code.');
      await type(el, 'code', '246810');
      await submitIn(el, 'totp');
      await settled(el);
      const codes = [...el.shadowRoot!.querySelectorAll('[part="codes"] li')].map((li) =>
        text(li).replace(/-/g, ''),
      );
      expect(codes).to.have.length(10);
      expect(codes).to.not.include(old[0]);
      expect(portal.users.get('ada@example.com')!.backupCodes).to.deep.equal(codes);
      await waitUntil(() => focused(el)?.id === 'codes-title');
    });

    it('closes a form with Cancel, focusing the button that opened it', async () => {
      portal.enableTotp('ada@example.com');
      const el = await security(portal);
      buttonIn(el, 'totp', 'Turn off').click();
      await el.updateComplete;
      buttonIn(el, 'totp', 'Cancel').click();
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('input[name="code"]')).to.be.null;
      await waitUntil(() => focused(el)?.textContent?.trim() === 'Turn off');
    });
  });

  describe('passkeys', () => {
    it('lists them: synced or not, added, last used', async () => {
      const day = 86_400_000;
      portal.addPasskey('ada@example.com', {
        name: 'iCloud Keychain',
        backedUp: true,
        createdAt: '2026-01-05T10:00:00Z',
        lastUsedAt: new Date(Date.now() - 2 * day).toISOString(),
      });
      portal.addPasskey('ada@example.com', { name: 'YubiKey', createdAt: '2026-02-01T10:00:00Z' });
      portal.addPasskey('someone@example.com', { name: 'Not Ada’s' });
      const el = await security(portal);
      const rows = [...section(el, 'passkeys').querySelectorAll('[part="passkey"]')].map(text);
      expect(rows).to.have.length(2);
      expect(rows[0]).to.contain('iCloud Keychain');
      expect(rows[0]).to.contain('Synced · Added Jan 5, 2026 · Last used 2 days ago');
      expect(rows[1]).to.contain('On one device only · Added Feb 1, 2026 · Never used');
      expect(buttonIn(el, 'passkeys', 'Rename YubiKey').textContent?.trim()).to.equal('Rename');
      await expect(el).to.be.accessible();
    });

    it('renames inline: Escape cancels, Save renames', async () => {
      const passkey = portal.addPasskey('ada@example.com', { name: 'YubiKey' });
      const el = await security(portal);
      buttonIn(el, 'passkeys', 'Rename YubiKey').click();
      await el.updateComplete;
      const name = input(el, 'name');
      expect(name.value).to.equal('YubiKey');
      await waitUntil(() => focused(el) === name, 'name not focused');
      await expect(el).to.be.accessible();
      name.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
      await el.updateComplete;
      await waitUntil(() => focused(el)?.getAttribute('aria-label') === 'Rename YubiKey', 'focus not back');

      buttonIn(el, 'passkeys', 'Rename YubiKey').click();
      await el.updateComplete;
      await type(el, 'name', ' ');
      await submitIn(el, 'passkeys');
      expect($(el, '#name-error').textContent).to.equal('Enter a name for this passkey.');
      await type(el, 'name', 'Blue YubiKey');
      await submitIn(el, 'passkeys');
      await settled(el);
      expect(portal.callsTo(`/api/v1/me/passkeys/${passkey.id}`)[0]).to.include({ method: 'PATCH' });
      expect(portal.callsTo(`/api/v1/me/passkeys/${passkey.id}`)[0]?.body).to.deep.equal({
        name: 'Blue YubiKey',
      });
      expect(text(section(el, 'passkeys'))).to.contain('Blue YubiKey');
      expect(statusIn(el, 'passkeys')).to.equal('Passkey renamed.');
      await waitUntil(() => focused(el)?.getAttribute('aria-label') === 'Rename Blue YubiKey');
    });

    it('removes one after a confirmation', async () => {
      portal.addPasskey('ada@example.com', { name: 'Old phone' });
      const el = await security(portal);
      buttonIn(el, 'passkeys', 'Remove Old phone').click();
      await el.updateComplete;
      expect(text($(el, '.confirm p'))).to.equal(
        'Remove Old phone? You will no longer be able to sign in with it.',
      );
      await waitUntil(() => focused(el)?.textContent?.trim() === 'Cancel', 'Cancel not focused');
      await expect(el).to.be.accessible();
      buttonIn(el, 'passkeys', 'Cancel').click();
      await el.updateComplete;
      expect(portal.passkeys).to.have.length(1);

      buttonIn(el, 'passkeys', 'Remove Old phone').click();
      await el.updateComplete;
      section(el, 'passkeys').querySelector<HTMLButtonElement>('[part~="confirm-remove"]')!.click();
      await settled(el);
      expect(portal.passkeys).to.have.length(0);
      expect(section(el, 'passkeys').querySelector('[part="passkey"]')).to.be.null;
      expect(statusIn(el, 'passkeys')).to.equal('Passkey removed.');
      await expect(el).to.be.accessible();
    });

    it('shows the list again when a passkey was removed elsewhere', async () => {
      const passkey = portal.addPasskey('ada@example.com', { name: 'Old phone' });
      const el = await security(portal);
      portal.passkeys.splice(portal.passkeys.indexOf(passkey), 1);
      buttonIn(el, 'passkeys', 'Remove Old phone').click();
      await el.updateComplete;
      section(el, 'passkeys').querySelector<HTMLButtonElement>('[part~="confirm-remove"]')!.click();
      await settled(el);
      expect(alertIn(el, 'passkeys')).to.equal('There is no such passkey.');
      await waitUntil(() => !section(el, 'passkeys').querySelector('[part="passkey"]'), 'list not reloaded');
    });

    describe('with an authenticator', () => {
      let removeAuthenticator: () => Promise<void>;
      afterEach(() => removeAuthenticator());

      it('adds one: the browser makes it, then it gets a name', async () => {
        removeAuthenticator = await addVirtualAuthenticator();
        const el = await security(portal);
        buttonIn(el, 'passkeys', 'Add a passkey').click();
        await settled(el);
        expect(portal.callsTo('/api/v1/me/passkeys/options')).to.have.length(1);
        const name = input(el, 'name');
        await waitUntil(() => focused(el) === name, 'name not focused');
        expect($(el, 'label[for="name"]').textContent).to.equal('Name this passkey');
        expect(portal.passkeys).to.have.length(0);
        await expect(el).to.be.accessible();

        await submitIn(el, 'passkeys');
        expect($(el, '#name-error').textContent).to.equal('Enter a name for this passkey.');
        await type(el, 'name', 'My laptop');
        await submitIn(el, 'passkeys');
        await settled(el);
        const [call] = portal.callsTo('/api/v1/me/passkeys').filter((c) => c.method === 'POST');
        expect(call?.body?.name).to.equal('My laptop');
        expect(portal.passkeys).to.have.length(1);
        expect(portal.passkeys[0]?.credentialId).to.equal(
          (call!.body as unknown as { credential: { id: string } }).credential.id,
        );
        expect(text(section(el, 'passkeys'))).to.contain('My laptop');
        expect(statusIn(el, 'passkeys')).to.equal('Passkey added.');
        await waitUntil(() => focused(el)?.textContent?.trim() === 'Add a passkey');

        // The authenticator holds it now: adding it again is refused by the browser.
        buttonIn(el, 'passkeys', 'Add a passkey').click();
        await settled(el);
        expect(alertIn(el, 'passkeys')).to.equal('This device already has a passkey for your login.');
      });

      it('says calmly that adding one was cancelled', async () => {
        removeAuthenticator = await addVirtualAuthenticator({ isUserVerified: false });
        const el = await security(portal);
        let failures = 0;
        el.addEventListener('portal-error', () => failures++);
        buttonIn(el, 'passkeys', 'Add a passkey').click();
        await settled(el);
        expect(statusIn(el, 'passkeys')).to.equal('Adding a passkey was cancelled.');
        expect(alertIn(el, 'passkeys')).to.equal('');
        expect(failures).to.equal(0);
        expect(el.shadowRoot!.querySelector('input[name="name"]')).to.be.null;
      });

      it('shows the server refusing the new passkey', async () => {
        removeAuthenticator = await addVirtualAuthenticator();
        portal.answer('POST /api/v1/me/passkeys', () =>
          problem(400, 'PASSKEY_FAILED', 'That passkey could not be verified. Try again.'),
        );
        const el = await security(portal);
        buttonIn(el, 'passkeys', 'Add a passkey').click();
        await settled(el);
        await type(el, 'name', 'My laptop');
        const failed = oneEvent(el, 'portal-error');
        await submitIn(el, 'passkeys');
        expect((await failed).detail.action).to.equal('registerPasskey');
        await settled(el);
        expect(alertIn(el, 'passkeys')).to.equal('That passkey could not be verified. Try again.');
        expect(el.shadowRoot!.querySelector('input[name="name"]')).to.be.null;
      });
    });
  });

  describe('signed-in devices', () => {
    beforeEach(() => {
      const hour = 3_600_000;
      portal.addSession('ada@example.com', {
        device: 'Firefox on Windows',
        place: 'Spain',
        ip: '198.51.100.4',
        lastSeenAt: new Date(Date.now() - 3 * hour).toISOString(),
      });
      portal.addSession('ada@example.com', {
        device: 'Safari on iPhone',
        place: null,
        ip: '198.51.100.9',
        lastSeenAt: new Date(Date.now() - 49 * hour).toISOString(),
      });
      portal.addSession('grace@example.com', { device: 'Not Ada’s' });
    });

    it('reloads the devices when the active account changes, so the account names stay right', async () => {
      portal.users.get('ada@example.com')!.accounts = [
        { id: 'acct_01', name: 'Analytical Engines Ltd', role: 'owner' },
        { id: 'acct_02', name: 'Difference Engines', role: 'billing' },
      ];
      const el = await security(portal);
      const before = portal.callsTo('/api/v1/me/sessions').length;
      await el.client!.auth.switchAccount({ accountId: 'acct_02' });
      await waitUntil(() => portal.callsTo('/api/v1/me/sessions').length > before, 'devices not reloaded');
    });

    it('lists where this login is signed in, this device first', async () => {
      const el = await security(portal);
      const rows = [...section(el, 'sessions').querySelectorAll('[part="session"]')].map(text);
      expect(rows).to.have.length(3);
      expect(rows[0]).to.contain('Chrome on Linux This device');
      expect(rows[0]).to.contain('Last active now');
      expect(rows[1]).to.equal(
        'Firefox on Windows Spain · 198.51.100.4 Account: Analytical Engines Ltd · Last active 3 hours ago Sign out',
      );
      expect(rows[2]).to.contain('Unknown place · 198.51.100.9');
      expect(rows[2]).to.contain('Last active 2 days ago');
      expect(section(el, 'sessions').querySelectorAll('[part~="end-session"]')).to.have.length(2);
      const credit = section(el, 'sessions').querySelector<HTMLAnchorElement>('[part="credit"] a');
      expect(credit?.textContent, 'the DB-IP licence asks for its credit').to.equal(
        'IP Geolocation by DB-IP',
      );
      expect(credit?.href).to.equal('https://db-ip.com/');
      await expect(el).to.be.accessible();
    });

    it('signs out one device', async () => {
      const el = await security(portal);
      buttonIn(el, 'sessions', 'Sign out Firefox on Windows').click();
      await settled(el);
      expect([...portal.sessionInfo.values()].some((s) => s.device === 'Firefox on Windows')).to.be.true;
      expect([...portal.sessions.keys()].map((t) => portal.sessionInfo.get(t)?.device)).to.not.include(
        'Firefox on Windows',
      );
      const rows = [...section(el, 'sessions').querySelectorAll('[part="session"]')].map(text);
      expect(rows.join()).to.not.contain('Firefox on Windows');
      expect(statusIn(el, 'sessions')).to.equal('Signed out Firefox on Windows.');
      await waitUntil(() => focused(el)?.getAttribute('aria-label') === 'Sign out Safari on iPhone');
      await expect(el).to.be.accessible();
    });

    it('signs out everywhere else', async () => {
      const el = await security(portal);
      buttonIn(el, 'sessions', 'Sign out everywhere else').click();
      await settled(el);
      expect(portal.callsTo('/api/v1/me/sessions/end-others')).to.have.length(1);
      expect(section(el, 'sessions').querySelectorAll('[part="session"]')).to.have.length(1);
      expect(statusIn(el, 'sessions')).to.equal('Signed out everywhere else: 2.');
      expect(text(section(el, 'sessions'))).to.contain('You are not signed in anywhere else.');
      expect([...portal.sessions.values()].filter((e) => e === 'ada@example.com')).to.have.length(1);
      await waitUntil(() => focused(el)?.id === 'sessions-title');
    });

    it('shows a failure in its own section and keeps focus there', async () => {
      portal.answer('POST /api/v1/me/sessions/end-others', () =>
        Promise.reject(new TypeError('Failed to fetch')),
      );
      const el = await security(portal);
      buttonIn(el, 'sessions', 'Sign out everywhere else').click();
      await settled(el);
      expect(alertIn(el, 'sessions')).to.equal(
        'Could not reach the server. Check your connection and try again.',
      );
      expect(alertIn(el, 'password')).to.equal('');
      await waitUntil(() => focused(el)?.id === 'sessions-title');
    });
  });

  it('speaks Spanish', async () => {
    const el = await security(portal, { lang: 'es' });
    expect([...el.shadowRoot!.querySelectorAll('section h2')].map(text)).to.deep.equal([
      'Contraseña',
      'Verificación en dos pasos',
      'Llaves de acceso',
      'Dispositivos con sesión iniciada',
    ]);
    expect(text(section(el, 'sessions'))).to.contain('Este dispositivo');
    await expect(el).to.be.accessible();
  });
});
