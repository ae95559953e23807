// The resident's live ticket page (/t/{id}) on a phone-sized screen.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const s = require('./support');

let server, browser, officer;
const kPhone = { viewport: { width: 390, height: 844 }, context: { isMobile: true, hasTouch: true } };

before(async () => {
  server = await s.startServer();
  browser = await s.launchBrowser();
  officer = await s.login(server, 'petugas1', 'petugas-demo');
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

const act = (action) => s.api(server, 'POST', `/api/v1/sites/serang/counters/1/${action}`, officer);

// Records vibrations and beeps instead of relying on phone hardware.
async function recordAlerts(page) {
  await page.addInitScript(() => {
    window.__vibrations = [];
    window.__beeps = 0;
    Object.defineProperty(Navigator.prototype, 'vibrate', { configurable: true, value: (p) => { window.__vibrations.push(p); return true; } });
    const Real = window.AudioContext;
    window.AudioContext = class extends Real {
      createOscillator() {
        window.__beeps++;
        return super.createOscillator();
      }
    };
  });
}

test('waiting, then called live: the page says where to go, vibrates and beeps', async () => {
  const p = await s.newPage(browser, kPhone);
  try {
    const ahead = await s.issue(server, 'rekam');
    const mine = await s.issue(server, 'rekam');
    await recordAlerts(p.page);
    const bytes = [];
    const origins = new Set();
    p.page.on('response', async (r) => {
      origins.add(new URL(r.url()).origin);
      // A late response (after the page closed) has no body left to read; it is not counted.
      if (!r.url().includes('/api/')) bytes.push((await r.body().catch(() => Buffer.alloc(0))).length);
    });
    await p.page.goto(`${server.url}/t/${mine.id}`);
    await p.page.waitForFunction((n) => document.querySelector('#number')?.textContent === n, mine.number);
    await p.page.waitForSelector('#service:has-text("Perekaman e-KTP")');
    assert.equal(await p.page.textContent('#status'), 'Menunggu');
    assert.equal(await p.page.textContent('#ahead'), '1');
    assert.match(await p.page.textContent('#ewt'), /^\d+ mnt$/);
    assert.match(await p.page.textContent('#free'), /GRATIS/);

    // The whole page is small and loads nothing from elsewhere.
    const total = bytes.reduce((a, b) => a + b, 0);
    assert.ok(total > 0 && total < 30 * 1024, `page weighs ${total} bytes`);
    assert.deepEqual([...origins], [server.url]);

    await p.page.click('#notify'); // the tap that lets the phone vibrate and play sound
    await p.page.waitForSelector('#notify[disabled]');
    const vibrationsBefore = (await p.page.evaluate(() => window.__vibrations.length));

    // The ticket ahead is called: one fewer person ahead, without a reload.
    await act('next');
    await p.page.waitForFunction(() => document.querySelector('#ahead')?.textContent === '0', null, { timeout: 3000 });

    // Our ticket is called.
    await act('next');
    await p.page.waitForSelector('#called:not(.hidden)', { timeout: 2000 });
    assert.equal(await p.page.textContent('#called'),
      'Nomor Anda dipanggil — silakan ke Loket 1Tunjukkan tiket Anda kepada petugas.');
    assert.equal(await p.page.textContent('#status'), 'Dipanggil');
    assert.ok(await p.page.evaluate(() => window.__beeps) >= 1, 'a beep was played');
    const vibrationsCalled = await p.page.evaluate(() => window.__vibrations.length);
    assert.ok(vibrationsCalled > vibrationsBefore, 'the phone vibrated');

    // A recall alerts again.
    await act('recall');
    await p.page.waitForFunction((n) => window.__vibrations.length > n, vibrationsCalled, { timeout: 2000 });

    // Finished: a closing message; the page stops following the stream.
    await act('finish');
    await p.page.waitForSelector('#final:not(.hidden)', { timeout: 2000 });
    assert.match(await p.page.textContent('#final'), /selesai/);
    assert.equal(await p.page.isHidden('#called'), true);
    assert.ok(ahead.number < mine.number);
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('English switch, and an unknown ticket', async () => {
  const p = await s.newPage(browser, kPhone);
  try {
    const t = await s.issue(server, 'cetak');
    await p.page.goto(`${server.url}/t/${t.id}`);
    await p.page.waitForFunction((n) => document.querySelector('#number')?.textContent === n, t.number);
    await p.page.waitForSelector('#service:has-text("Pencetakan e-KTP")');
    await p.page.click('#lang');
    assert.equal(await p.page.textContent('#status'), 'Waiting');
    assert.equal(await p.page.textContent('#service'), 'e-KTP Printing');
    assert.match(await p.page.textContent('#free'), /FREE/);
    await p.page.click('#lang');
    assert.equal(await p.page.textContent('#status'), 'Menunggu');

    await p.page.goto(`${server.url}/t/000000000000000000000000`);
    await p.page.waitForSelector('#final:has-text("Tiket tidak ditemukan")');
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});
