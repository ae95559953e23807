// The booking page for issue #17 at phone size: the confirmation, the status view and the
// printed slip state the exact check-in window and the documents to bring; "Lupa kode?" brings
// a lost code back; the server's refusals read in the page's language. Screenshots go to
// $ANTRE_WEB_OUT (booking-walk-*.png).
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const S = require('./support');

const kPhone = { width: 360, height: 780 };
let server;
let browser;
let pagePath;

before(async () => {
  ({ server, browser, pagePath } = await S.startOnMonday());
});

after(() => S.stopAll(browser, server));

const phonePage = () => S.newPage(browser, { viewport: kPhone, context: { isMobile: true, hasTouch: true } });
const shot = (page, name) => page.screenshot({ path: path.join(S.outDir(), `booking-walk-${name}.png`), fullPage: true });

test('the confirmation, the status view and the slip state the check-in window and the documents', async () => {
  const p = await phonePage();
  try {
    await p.page.goto(server.url + pagePath);
    await p.page.click('[data-service="kk"]');
    await p.page.click('[data-day="2026-11-30"]');
    await p.page.click('[data-slot="2026-11-30T09:30:00+07:00"]');
    await p.page.fill('#nik', S.nik(11));
    await p.page.fill('#name', 'Siti Aminah');
    await p.page.fill('#phone', S.phone(11));
    await p.page.click('#next');
    await p.page.click('#submit');
    await p.page.waitForSelector('#checkin-window');
    assert.equal(await p.page.textContent('#checkin-window'), 'Check-in di kiosk: 09:00–10:00 WIB');
    assert.match(await p.page.textContent('#documents'), /Kartu Keluarga \(KK\) lama asli/);
    await shot(p.page, 'done');

    // The printed slip: the window and the documents, without the page's buttons.
    await p.page.emulateMedia({ media: 'print' });
    assert.ok(await p.page.isVisible('#checkin-window'));
    assert.ok(await p.page.isVisible('#documents'));
    assert.equal(await p.page.isVisible('#print'), false);
    await shot(p.page, 'slip');
    await p.page.emulateMedia({ media: 'screen' });

    await p.page.click('#to-status');
    await p.page.waitForSelector('#booking #checkin-window');
    assert.equal(await p.page.textContent('#booking #checkin-window'), 'Check-in di kiosk: 09:00–10:00 WIB');
    await p.page.click('#lang');
    await p.page.waitForSelector('#booking #checkin-window:has-text("Check in at the kiosk")');
    assert.match(await p.page.textContent('#documents'), /Original old Family Card \(KK\)/);
    await p.page.click('#lang');
    S.assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('"Lupa kode?" brings a lost code back; a wrong phone is refused in the page\'s language', async () => {
  const made = await S.book(server, 12, 'rekam', '2026-12-01T10:00:00+07:00');
  assert.equal(made.status, 201);
  const p = await phonePage();
  try {
    await p.page.goto(server.url + pagePath + '#check');
    await p.page.click('#forgot');
    await p.page.fill('#recover-nik', S.nik(12));
    await p.page.fill('#recover-phone', '0812 9999 9999');
    await p.page.click('#recover-btn');
    await p.page.waitForSelector('#recover-error');
    assert.equal(await p.page.textContent('#recover-error'), 'tidak ada booking aktif dengan NIK dan nomor HP ini');
    await p.page.click('#lang');
    await p.page.click('#recover-btn');
    await p.page.waitForSelector('#recover-error:has-text("no active booking")');
    assert.equal(await p.page.textContent('#recover-error'), 'no active booking with this NIK and phone');
    await p.page.click('#lang');

    // The demo office has no SMS gateway: the answer itself names the booking.
    await p.page.fill('#recover-phone', S.phone(12));
    await p.page.click('#recover-btn');
    await p.page.waitForSelector('#recovered');
    const code = made.body.code;
    assert.match(await p.page.textContent('#recovered'), new RegExp(code.slice(0, 4) + '-' + code.slice(4)));
    await shot(p.page, 'recover');
    await p.page.click('#recovered button');
    await p.page.waitForSelector('#booking');
    assert.equal(await p.page.inputValue('#check-code'), code);
    assert.match(await p.page.textContent('#status'), /Terdaftar/);
    S.assertNoErrors(p);
  } finally {
    await p.close();
  }
});
