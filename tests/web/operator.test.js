// Operator page (/operator): a kelurahan operator books for a resident without a phone and
// gets a printable slip with the code, its QR, the check-in window and the "GRATIS" line.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const s = require('./support');

let server, browser;

before(async () => {
  server = await s.startServer({ args: ['--test-clock'] });
  browser = await s.launchBrowser();
  // Monday 30 November 2026, 07:00 WIB: the day's slots are still bookable.
  const r = await s.api(server, 'POST', '/api/v1/test/clock', null, { now: '2026-11-30T07:00:00+07:00', frozen: true });
  assert.equal(r.status, 200);
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

test('an operator books for a resident without a phone and sees a printable slip', async () => {
  // A tablet in landscape (10-inch class).
  const p = await s.newPage(browser, { viewport: { width: 1280, height: 800 } });
  try {
    await s.signIn(p.page, server, '/operator', 'operator1', 'operator-demo');
    await p.page.selectOption('#op-service', 'rekam');
    await p.page.waitForSelector('#op-slots button:not([disabled])');
    await p.page.click('#op-slots button:not([disabled])');
    await p.page.fill('#op-nik', '3673011505900001');
    await p.page.fill('#op-name', 'Ibu Sarinah');
    await p.page.click('#op-book');
    await p.page.waitForSelector('#slip');
    const code = (await p.page.textContent('#slip-code')).trim();
    assert.match(code, /^[A-Z0-9-]{8,}$/);
    assert.ok(await p.page.$('#slip-qr svg'), 'the slip has a QR code');
    assert.match(await p.page.textContent('#slip-window'), /\d\d:\d\d.*\d\d:\d\d/);
    assert.match(await p.page.textContent('#slip-free'), /GRATIS/);
    assert.match(await p.page.textContent('#slip-site'), /Disdukcapil Kota Serang.*Jl\. Jenderal Sudirman/s);
    assert.equal(await p.page.isVisible('#op-form'), false, 'the form makes way for the slip');
    await p.page.screenshot({ path: path.join(s.outDir(), 'operator-slip.png'), fullPage: true });

    // The server has it as the resident's booking (the code and NIK find it).
    const look = await s.api(server, 'GET', '/api/v1/bookings/' + code + '?nik=3673011505900001');
    assert.equal(look.status, 200);
    assert.equal(look.body.status, 'booked');
    assert.equal(JSON.stringify(look.body).includes('operator1'), false);

    // The printed slip fits an A6 page: the print media shows the slip alone.
    await p.page.emulateMedia({ media: 'print' });
    assert.equal(await p.page.isVisible('#slip'), true);
    assert.equal(await p.page.isVisible('.slip-actions'), false, 'print buttons are not printed');
    assert.equal(await p.page.isVisible('header.bar'), false);
    // A6 is 105 mm wide (about 397 CSS px): the slip must fit without cutting the code or QR.
    await p.page.setViewportSize({ width: 397, height: 560 });
    const box = await p.page.$eval('#slip', (e) => ({ w: e.scrollWidth, h: e.scrollHeight }));
    assert.ok(box.w <= 397, 'slip width ' + box.w);
    await p.page.screenshot({ path: path.join(s.outDir(), 'operator-slip-print.png'), fullPage: true });
    // The 58 mm roll: the slip is laid out 54 mm (about 204 CSS px) wide.
    await p.page.evaluate(() => document.body.classList.add('print-58'));
    const roll = await p.page.$eval('#slip', (e) => Math.round(e.getBoundingClientRect().width));
    assert.ok(roll >= 200 && roll <= 210, 'roll slip width ' + roll);
    await p.page.screenshot({ path: path.join(s.outDir(), 'operator-slip-58mm.png'), fullPage: true });
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('an operator finds a booking by code and NIK, reprints its slip and cancels it', async () => {
  const made = await s.api(server, 'POST', '/api/v1/sites/serang/bookings', await s.login(server, 'operator1', 'operator-demo'),
    { nik: '3673011505900002', name: 'Pak Darma', service: 'rekam', slot_start: '2026-11-30T10:00:00+07:00' });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const p = await s.newPage(browser, { viewport: { width: 1280, height: 800 } });
  try {
    await s.signIn(p.page, server, '/operator', 'operator1', 'operator-demo');
    await p.page.fill('#find-code', made.body.code.toLowerCase());
    await p.page.fill('#find-nik', '3673011505900002');
    await p.page.click('#find-btn');
    await p.page.waitForSelector('#slip');
    assert.equal((await p.page.textContent('#slip-code')).trim(), made.body.code);
    assert.ok(await p.page.$('#slip-qr svg'));
    await p.page.click('#cancel-booking');
    await p.page.waitForSelector('#cancel-msg');
    assert.equal(await p.page.$('#slip-qr'), null, 'no QR for a cancelled code');
    assert.equal(await p.page.$('#print-a6'), null);
    const look = await s.api(server, 'GET', '/api/v1/bookings/' + made.body.code + '?nik=3673011505900002');
    assert.equal(look.body.status, 'cancelled');
    await p.page.screenshot({ path: path.join(s.outDir(), 'operator-cancelled.png') });
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('the operator page refuses a counter officer', async () => {
  const p = await s.newPage(browser);
  try {
    await p.page.goto(server.url + '/operator');
    await p.page.fill('#login-user', 'petugas1');
    await p.page.fill('#login-pass', 'petugas-demo');
    await p.page.click('#login-btn');
    await p.page.waitForSelector('#login-msg:not(:empty)');
    assert.equal(await p.page.$('#op-form'), null);
  } finally {
    await p.close();
  }
});

// Runs after the two bookings above (one booked on the page, one cancelled: both were made).
test('the report page shows where bookings came from, by channel and by operator', async () => {
  const p = await s.newPage(browser);
  try {
    await s.signIn(p.page, server, '/admin/reports?date=2026-11-30', 'supervisor', 'supervisor-demo');
    await p.page.waitForSelector('#by-operator tr[data-key="operator1"]');
    assert.equal(await p.page.getAttribute('[data-figure="bookings_by_channel.operator"]', 'data-value'), '2');
    assert.equal(await p.page.getAttribute('[data-figure="bookings_by_operator.0.bookings"]', 'data-value'), '2');
    await p.page.locator('#sources').screenshot({ path: path.join(s.outDir(), 'operator-report.png') });
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});
