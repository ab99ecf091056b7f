import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, beforeEach, describe, test } from 'node:test';
import { ATTACHMENT_TYPES } from '@portico/sdk/contract';
import { contentDisposition, safeFileName } from '../src/modules/support/file-name.js';
import { ok } from './billing-helpers.js';
import { type TestServer, staffSession } from './helpers.js';
import {
  ADMIN,
  API,
  DOCX,
  EMBED_ORIGIN,
  ODT,
  openTicket,
  PDF,
  PLAIN_ZIP,
  PNG,
  problem,
  startSupport,
  type SupportWorld,
  upload,
  uploadRaw,
  XLSX,
  zip,
} from './support-helpers.js';

/** Sends an upload over a raw socket: `Content-Length` (or chunked) as given, and `parts` written one by one. */
function rawUpload(
  s: TestServer,
  headers: Record<string, string>,
  parts: Buffer[],
  options: { contentLength?: number; waitForAnswerAfter?: number } = {},
): Promise<{ status: number; body: any; sent: number }> {
  const url = new URL(`${s.url}${API}/attachments?name=big.txt`);
  return new Promise((resolve, reject) => {
    let sent = 0;
    const req = httpRequest(
      url,
      {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/octet-stream',
          ...(options.contentLength !== undefined
            ? { 'content-length': String(options.contentLength) }
            : { 'transfer-encoding': 'chunked' }),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text), sent });
          req.destroy();
        });
      },
    );
    req.on('error', (error) => {
      // The server may close the connection after answering; the answer has been read by then.
      if (!(error as NodeJS.ErrnoException).code?.startsWith('EPIPE')) reject(error);
    });
    const writeNext = (i: number) => {
      if (i >= parts.length) {
        if (options.waitForAnswerAfter === undefined) req.end();
        return;
      }
      req.write(parts[i], () => {
        sent += parts[i]!.length;
        if (options.waitForAnswerAfter !== undefined && i + 1 >= options.waitForAnswerAfter) return;
        writeNext(i + 1);
      });
    };
    writeNext(0);
  });
}

describe('attachments: uploads', () => {
  let w: SupportWorld;
  before(async () => {
    w = await startSupport();
    ok(
      await w.s.request('PATCH', `${ADMIN}/settings`, {
        headers: w.admin.headers,
        body: { attachments: { types: Object.keys(ATTACHMENT_TYPES) } },
      }),
    );
  });
  after(() => w.s.close());
  beforeEach(async () => {
    // Fresh upload windows per test (60 an hour per person) and a staff session that has not gone idle.
    w.s.clock.advance(3_600_000);
    w.admin = await staffSession(w.s, 'admin');
  });

  const attachmentRows = () => w.s.app.portico.db.selectFrom('ticket_attachments').select('id').execute();

  test('each accepted type with real content is stored with the type of its extension, never the client’s', async () => {
    const files: Array<[string, Buffer | string, string]> = [
      ['shot.png', PNG, 'image/png'],
      ['photo.JPG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image/jpeg'],
      ['anim.gif', Buffer.from('GIF89a\x01\x00', 'latin1'), 'image/gif'],
      [
        'pic.webp',
        Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]),
        'image/webp',
      ],
      ['doc.pdf', PDF, 'application/pdf'],
      ['notes.txt', 'héllo wörld\n', 'text/plain'],
      ['server.log', 'line 1\nline 2\n', 'text/plain'],
      ['data.csv', 'a,b\n1,2\n', 'text/csv'],
      ['data.json', '{"a":[1,2]}', 'application/json'],
      ['bundle.zip', PLAIN_ZIP, 'application/zip'],
      ['empty.zip', zip([]), 'application/zip'],
      ['logs.gz', Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0]), 'application/gzip'],
      ['letter.docx', DOCX, ATTACHMENT_TYPES.docx],
      ['sheet.xlsx', XLSX, ATTACHMENT_TYPES.xlsx],
      ['text.odt', ODT, ATTACHMENT_TYPES.odt],
    ];
    for (const [name, bytes, type] of files) {
      const r = await uploadRaw(w.s, `${API}/attachments`, name, bytes, {
        ...w.ada.headers,
        'content-type': 'application/octet-stream; charset=binary',
      });
      assert.equal(r.status, 201, `${name}: ${r.text}`);
      assert.equal(r.body.type, type, name);
      assert.equal(r.body.name, name);
      assert.equal(r.body.size, Buffer.from(bytes).length);
      assert.match(r.body.id, /^att_/);
    }
    const stored = await w.s.app.portico.db
      .selectFrom('ticket_attachments')
      .selectAll()
      .where('name', '=', 'doc.pdf')
      .executeTakeFirstOrThrow();
    assert.match(stored.sha256, /^[0-9a-f]{64}$/);
    assert.equal(stored.expires_at, new Date(w.s.clock.now().getTime() + 86_400_000).toISOString());
    assert.equal(stored.account_id, w.ada.accountId);
  });

  test('types a browser runs, and unknown or missing extensions, are 415 ATTACHMENT_TYPE', async () => {
    const before = (await attachmentRows()).length;
    for (const name of [
      'setup.exe',
      'page.html',
      'logo.svg',
      'script.js',
      'README',
      'archive.tar',
      'x.png.exe',
    ]) {
      problem(
        await uploadRaw(w.s, `${API}/attachments`, name, 'hello', w.ada.headers),
        415,
        'ATTACHMENT_TYPE',
      );
    }
    assert.equal((await attachmentRows()).length, before);
  });

  test('a type the business does not accept is 415 even if Portico knows it', async () => {
    ok(
      await w.s.request('PATCH', `${ADMIN}/settings`, {
        headers: w.admin.headers,
        body: { attachments: { types: ['png', 'txt'] } },
      }),
    );
    try {
      problem(
        await uploadRaw(w.s, `${API}/attachments`, 'doc.pdf', PDF, w.ada.headers),
        415,
        'ATTACHMENT_TYPE',
      );
    } finally {
      ok(
        await w.s.request('PATCH', `${ADMIN}/settings`, {
          headers: w.admin.headers,
          body: { attachments: { types: Object.keys(ATTACHMENT_TYPES) } },
        }),
      );
    }
  });

  test('content that is not what the name says is 415: a text .png, an HTML .pdf, a plain zip as .docx, …', async () => {
    const fakes: Array<[string, Buffer | string]> = [
      ['image.png', 'just some text'],
      ['image.png', Buffer.concat([Buffer.from('<svg onload=alert(1)>'), PNG])],
      ['report.pdf', '<!doctype html><script>alert(1)</script>'],
      ['letter.docx', PLAIN_ZIP],
      ['letter.docx', XLSX],
      ['sheet.xlsx', DOCX],
      ['text.odt', zip([['mimetype', 'application/vnd.oasis.opendocument.spreadsheet']])],
      [
        'text.odt',
        zip([
          ['content.xml', 'x'],
          ['mimetype', 'application/vnd.oasis.opendocument.text'],
        ]),
      ],
      ['bundle.zip', Buffer.from('PK\x03\x04 not really a zip', 'latin1')],
      ['notes.txt', Buffer.from([0x68, 0x00, 0x69])],
      ['notes.txt', Buffer.from([0xc3, 0x28])],
      ['data.csv', Buffer.from([0xff, 0xfe, 0x61, 0x00])],
      ['data.json', '{"a":'],
      ['logs.gz', 'not gzip'],
      ['anim.gif', 'GIF90a'],
    ];
    const before = (await attachmentRows()).length;
    for (const [name, bytes] of fakes) {
      const r = await uploadRaw(w.s, `${API}/attachments`, name, bytes, w.ada.headers);
      assert.equal(r.status, 415, `${name}: ${r.text}`);
      assert.equal(r.body.code, 'ATTACHMENT_TYPE');
    }
    assert.equal((await attachmentRows()).length, before);
  });

  test('the body must be application/octet-stream; an empty file is a 400', async () => {
    const json = await w.s.request('POST', `${API}/attachments?name=a.txt`, {
      headers: w.ada.headers,
      body: {},
    });
    problem(json, 415, 'UNSUPPORTED_MEDIA_TYPE');
    const form = await uploadRaw(w.s, `${API}/attachments`, 'a.txt', 'x', {
      ...w.ada.headers,
      'content-type': 'multipart/form-data; boundary=x',
    });
    problem(form, 415, 'UNSUPPORTED_MEDIA_TYPE');
    problem(await uploadRaw(w.s, `${API}/attachments`, 'a.txt', '', w.ada.headers), 400, 'VALIDATION_FAILED');
    problem(await uploadRaw(w.s, `${API}/attachments`, '', 'x', w.ada.headers), 400, 'VALIDATION_FAILED');
  });

  // Were the body read first, the answer would never come (the rest is never sent): the timeout fails the test.
  test('over the limit by Content-Length: 413 before the body is read, nothing stored', {
    timeout: 10_000,
  }, async () => {
    const before = (await attachmentRows()).length;
    const max = w.s.app.portico.settings.current.support.attachmentMaxBytes;
    // Declares one byte more than allowed, sends 1 KB of it and waits: the answer comes without the rest.
    const r = await rawUpload(w.s, w.ada.headers, [Buffer.alloc(1024, 0x61)], {
      contentLength: max + 1,
      waitForAnswerAfter: 1,
    });
    assert.equal(r.status, 413);
    assert.equal(r.body.code, 'ATTACHMENT_TOO_LARGE');
    assert.equal(r.sent, 1024);
    assert.equal((await attachmentRows()).length, before);
  });

  test('a chunked body that passes the limit is refused with 413 too, never a 500', {
    timeout: 10_000,
  }, async () => {
    ok(
      await w.s.request('PATCH', `${ADMIN}/settings`, {
        headers: w.admin.headers,
        body: { attachments: { maxBytes: 4096 } },
      }),
    );
    try {
      const before = (await attachmentRows()).length;
      const chunk = Buffer.alloc(1024, 0x61);
      const r = await rawUpload(w.s, w.ada.headers, Array(6).fill(chunk));
      assert.equal(r.status, 413);
      assert.equal(r.body.code, 'ATTACHMENT_TOO_LARGE');
      assert.equal((await attachmentRows()).length, before);
      // At the limit exactly, chunked, it is fine.
      const fits = await rawUpload(w.s, w.ada.headers, Array(4).fill(chunk));
      assert.equal(fits.status, 201);
      // Over the ceiling of every business (25 MB) by Content-Length: the same 413.
      const huge = await rawUpload(w.s, w.ada.headers, [chunk], {
        contentLength: 26 * 1024 * 1024,
        waitForAnswerAfter: 1,
      });
      assert.equal(huge.status, 413);
    } finally {
      ok(
        await w.s.request('PATCH', `${ADMIN}/settings`, {
          headers: w.admin.headers,
          body: { attachments: { maxBytes: 10 * 1024 * 1024 } },
        }),
      );
    }
  });

  test('dangerous names are stored and served safe', async () => {
    const cases: Array<[string, string]> = [
      ['../../etc/passwd.txt', 'passwd.txt'],
      ['..\\..\\boot.ini.txt', 'boot.ini.txt'],
      ['a\u202Egnp.txt', 'agnp.txt'],
      ['con\u0000.txt', '_con.txt'],
      ['  ..hidden   name .txt', 'hidden name.txt'],
      ['re\u0301sume\u0301.txt', 'r\u00e9sum\u00e9.txt'],
      ['quote"and<tag>.txt', 'quote_and_tag_.txt'],
      ['.txt', 'file.txt'],
    ];
    for (const [raw, safe] of cases) {
      const file = await upload(w.s, w.ada, raw, 'content');
      assert.equal(file.name, safe, JSON.stringify(raw));
      const ticket = await openTicket(w.s, w.ada, {
        departmentId: w.departments.general,
        attachments: [file.id],
      });
      const r = await fetch(`${w.s.url}${API}/tickets/${ticket.id}/attachments/${file.id}`, {
        headers: w.ada.headers,
      });
      assert.equal(r.status, 200);
      const disposition = r.headers.get('content-disposition') ?? '';
      assert.equal(disposition, contentDisposition(safe));
      assert.match(disposition, /^[\x20-\x7e]+$/, 'the header is plain printable ASCII');
      assert.doesNotMatch(disposition, /\.\.|[/\\]/);
    }
    const long = safeFileName(`${'é'.repeat(300)}.txt`);
    assert.ok(Buffer.byteLength(long) <= 255);
    assert.ok(long.endsWith('.txt'));
    assert.equal(safeFileName('\u202E\u2066'), 'file');
  });

  test('uploads are limited per person (60 an hour)', async () => {
    for (let i = 0; i < 60; i++) await upload(w.s, w.bob, `f${i}.txt`);
    problem(
      await uploadRaw(w.s, `${API}/attachments`, 'one-more.txt', 'x', w.bob.headers),
      429,
      'RATE_LIMITED',
    );
  });
});

describe('attachments: downloads and the Origin rule', () => {
  let w: SupportWorld;
  before(async () => {
    w = await startSupport();
  });
  after(() => w.s.close());

  test('a download has its stored type, a safe disposition and headers no browser renders or caches', async () => {
    const file = await upload(w.s, w.ada, 'crème brûlée (1).png', PNG);
    const ticket = await openTicket(w.s, w.ada, {
      departmentId: w.departments.general,
      attachments: [file.id],
    });
    const r = await fetch(`${w.s.url}${API}/tickets/${ticket.id}/attachments/${file.id}`, {
      headers: w.ada.headers,
    });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'image/png');
    assert.equal(
      r.headers.get('content-disposition'),
      `attachment; filename="creme brulee (1).png"; filename*=UTF-8''cr%C3%A8me%20br%C3%BBl%C3%A9e%20%281%29.png`,
    );
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(r.headers.get('content-security-policy'), "default-src 'none'; sandbox");
    assert.equal(r.headers.get('cache-control'), 'private, no-store');
    assert.equal(r.headers.get('content-length'), String(PNG.length));
    assert.deepEqual(Buffer.from(await r.arrayBuffer()), PNG);
  });

  test('a cross-origin fetch from an allowed embedding origin can read the download', async () => {
    const file = await upload(w.s, w.ada, 'log.txt', 'line\n');
    const ticket = await openTicket(w.s, w.ada, {
      departmentId: w.departments.general,
      attachments: [file.id],
    });
    const r = await fetch(`${w.s.url}${API}/tickets/${ticket.id}/attachments/${file.id}`, {
      headers: { ...w.ada.headers, origin: EMBED_ORIGIN },
    });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('access-control-allow-origin'), EMBED_ORIGIN);
    assert.equal(r.headers.get('access-control-allow-credentials'), 'true');
    assert.match(r.headers.get('access-control-expose-headers') ?? '', /Content-Disposition/);
    // CORP same-origin only governs no-cors loads (an <img>, a <script>); a CORS fetch is allowed by the ACAO above.
    assert.equal(r.headers.get('cross-origin-resource-policy'), 'same-origin');
    const foreign = await fetch(`${w.s.url}${API}/tickets/${ticket.id}/attachments/${file.id}`, {
      headers: { ...w.ada.headers, origin: 'https://evil.example' },
    });
    assert.equal(foreign.headers.get('access-control-allow-origin'), null, 'another site cannot read it');
  });

  test('a cookie upload from a foreign Origin is 403; from the allowed embedding origin it is 201', async () => {
    const { insertSession } = await import('./account-helpers.js');
    const { token } = await insertSession(w.s, w.ada.userId, w.ada.accountId);
    const cookie = { cookie: `portico_session=${token}` };
    const before = (await w.s.app.portico.db.selectFrom('ticket_attachments').select('id').execute()).length;
    const evil = await uploadRaw(w.s, `${API}/attachments`, 'a.txt', 'x', {
      ...cookie,
      origin: 'https://evil.example',
    });
    problem(evil, 403, 'ORIGIN_NOT_ALLOWED');
    const none = await uploadRaw(w.s, `${API}/attachments`, 'a.txt', 'x', cookie);
    problem(none, 403, 'ORIGIN_NOT_ALLOWED');
    assert.equal(
      (await w.s.app.portico.db.selectFrom('ticket_attachments').select('id').execute()).length,
      before,
    );
    const good = await uploadRaw(w.s, `${API}/attachments`, 'a.txt', 'x', {
      ...cookie,
      origin: EMBED_ORIGIN,
    });
    assert.equal(good.status, 201, good.text);
    // Raw bytes are accepted only where a route takes them.
    const elsewhere = await uploadRaw(w.s, '/api/v1/support/tickets', 'a.txt', 'x', {
      ...cookie,
      origin: EMBED_ORIGIN,
    });
    problem(elsewhere, 415, 'UNSUPPORTED_MEDIA_TYPE');
    // The staff API takes no embedding origin at all.
    const staff = await uploadRaw(w.s, `${ADMIN}/attachments`, 'a.txt', 'x', {
      ...w.admin.headers,
      origin: EMBED_ORIGIN,
    });
    problem(staff, 403, 'ORIGIN_NOT_ALLOWED');
    const staffOwn = await uploadRaw(w.s, `${ADMIN}/attachments`, 'a.txt', 'x', w.admin.headers);
    assert.equal(staffOwn.status, 201, staffOwn.text);
  });

  test('staff download any file of a ticket; a file of another ticket through this one is 404', async () => {
    const a = await upload(w.s, w.ada, 'a.txt', 'A');
    const first = await openTicket(w.s, w.ada, { departmentId: w.departments.general, attachments: [a.id] });
    const second = await openTicket(w.s, w.ada, { departmentId: w.departments.general });
    const r = await w.s.request('GET', `${ADMIN}/tickets/${first.id}/attachments/${a.id}`, {
      headers: w.billing,
    });
    assert.equal(r.status, 200);
    assert.equal(r.text, 'A');
    problem(
      await w.s.request('GET', `${ADMIN}/tickets/${second.id}/attachments/${a.id}`, { headers: w.billing }),
      404,
      'NOT_FOUND',
    );
    // An unattached upload is nobody's download yet.
    const loose = await upload(w.s, w.ada, 'loose.txt', 'L');
    problem(
      await w.s.request('GET', `${ADMIN}/tickets/${first.id}/attachments/${loose.id}`, {
        headers: w.billing,
      }),
      404,
      'NOT_FOUND',
    );
  });
});
