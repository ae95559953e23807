// OPAK MANIS at the counter and the supervisor's blank-card desk, against the real server with
// a test clock: the booking panel (masked until the officer opens the audited full record),
// the two finish outcomes of a printing ticket, the stock running out, and the print backlog
// worked in order once the supervisor receives a delivery of blank cards.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const s = require('./support');

const kSite = '/api/v1/sites/serang';
const kFullNik = '3673011505900001';
let server, browser, sup, officer, counterPage;

before(async () => {
  server = await s.startServer({ args: ['--test-clock'] });
  browser = await s.launchBrowser();
  // Monday 30 November 2026, before the office opens: book, then arrive for the 09:00 slot.
  // Sign in after the jump: sessions opened before it would have expired.
  await setClock('2026-11-30T07:00:00+07:00');
  sup = await s.login(server, 'supervisor', 'supervisor-demo');
  officer = await s.login(server, 'petugas3', 'petugas-demo');
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

async function setClock(now) {
  const r = await s.api(server, 'POST', '/api/v1/test/clock', null, { now });
  assert.equal(r.status, 200, 'test clock: ' + JSON.stringify(r.body));
}

async function bookCetak(nik, name, phone) {
  const r = await s.api(server, 'POST', kSite + '/bookings', null, {
    nik, name, phone, service: 'cetak', slot_start: '2026-11-30T09:00:00+07:00',
    delivery: { kecamatan: 'Serang', kelurahan: 'Cimuncang', street: 'Jl. Veteran', house: '12' },
    pow: await s.solvePow(server),
  });
  assert.equal(r.status, 201, 'booking: ' + JSON.stringify(r.body));
  return r.body.code;
}

async function checkIn(code) {
  const r = await s.api(server, 'POST', `${kSite}/bookings/${code}/check-in`, 'demo-kiosk-token', {});
  assert.equal(r.status, 201, 'check-in: ' + JSON.stringify(r.body));
  return r.body;
}

const stock = async () => (await s.api(server, 'GET', kSite + '/stock', sup)).body;
const backlog = async () => (await s.api(server, 'GET', kSite + '/backlog', sup)).body;
const textIs = (page, sel, text) =>
  page.waitForFunction(([q, t]) => { const e = document.querySelector(q); return e && e.textContent === t; }, [sel, text]);
const cur = (page, number) => textIs(page, '#cur-number', number);
// Presses a shortcut once the previous press has finished, as a person watching would.
async function key(page, k) {
  await page.waitForSelector('body:not(.busy)');
  await page.keyboard.press(k);
}

test('booking panel: masked NIK until "Buka data lengkap"; printed finish uses one blank card', async () => {
  const code = await bookCetak(kFullNik, 'Siti Aminah', '081234567890');
  await setClock('2026-11-30T08:45:00+07:00');
  const ticket = await checkIn(code);
  assert.equal(ticket.booking, code);

  counterPage = await s.newPage(browser);
  const page = counterPage.page;
  await s.openCounter(page, server, '3');
  // A printing-only counter shows the two outcomes and the backlog panel from the start.
  assert.deepEqual(await page.$$eval('.actions kbd', (els) => els.map((e) => e.textContent)),
    ['B', 'S', 'K', 'U', 'T', 'A', 'N', 'I']);
  assert.match(await page.textContent('#act-finish-printed'), /Selesai — Dicetak/);
  assert.match(await page.textContent('#act-finish-backlog'), /Selesai — Belum dicetak \(Surat Keterangan\)/);
  await page.waitForSelector('#backlog-panel:not(.hidden) #backlog-length');
  const before = await stock();
  await textIs(page, '#stock-count', String(before.count));

  await page.click('#act-next');
  await cur(page, ticket.number);
  await textIs(page, '#bk-nik', '3673********0001');
  assert.equal(await page.textContent('#bk-name'), 'Siti Aminah');
  assert.equal(await page.textContent('#bk-slot'), '09:00');
  assert.equal(await page.textContent('#bk-code'), code);
  assert.match(await page.textContent('#bk-delivery'), /Cimuncang.*Serang/);
  assert.match(await page.textContent('#booking-panel'), /dicatat/, 'the officer is told that opening is logged');
  const masked = await page.evaluate(() => document.body.innerText);
  assert.ok(!masked.includes(kFullNik) && !masked.includes('Jl. Veteran') && !masked.includes('081234567890'),
    'nothing unmasked before the button');

  await page.click('#bk-open-full');
  await textIs(page, '#bk-nik', kFullNik);
  assert.equal(await page.textContent('#bk-phone'), '+6281234567890');
  assert.equal(await page.textContent('#bk-address'), 'Jl. Veteran 12');
  await page.waitForSelector('#bk-audit');

  await page.click('#act-finish-printed');
  await page.waitForSelector('#cur-number.none');
  await page.waitForSelector('#booking-panel.hidden', { state: 'attached' });
  assert.equal((await stock()).count, before.count - 1, 'one blank card used');
  await textIs(page, '#stock-count', String(before.count - 1));
  assert.match(await page.textContent('#notice'), /dicetak/);
  assert.ok(!(await page.evaluate(() => document.body.innerText)).includes(kFullNik), 'the full record closes with the ticket');
  s.assertNoErrors(counterPage);
});

test('finish as backlog adds to the backlog; Next on a printing ticket asks the outcome', async () => {
  const page = counterPage.page;
  const a = await s.issue(server, 'cetak');
  const b = await s.issue(server, 'cetak');
  const c = await s.issue(server, 'cetak');
  const count = (await stock()).count;

  await key(page, 'b');
  await cur(page, a.number);
  assert.equal(await page.isVisible('#booking-panel'), false, 'a walk-in has no booking panel');
  await key(page, 'k');
  await page.waitForSelector('#cur-number.none');
  await textIs(page, '#backlog-length', '1');
  assert.match(await page.textContent('#notice'), /belum dicetak.*Surat Keterangan/);
  let bl = await backlog();
  assert.deepEqual(bl.items.map((i) => i.number), [a.number]);
  assert.equal((await stock()).count, count, 'a backlog outcome uses no card');

  // Next while B is open: the dialog records B's outcome, then C is called.
  await page.click('#act-next');
  await cur(page, b.number);
  await page.click('#act-next');
  await page.waitForSelector('#outcome-choices');
  await key(page, 'k');
  await cur(page, c.number);
  bl = await backlog();
  assert.deepEqual(bl.items.map((i) => i.number), [a.number, b.number]);
  await page.waitForSelector(`#backlog-list li:nth-child(2)[data-number="${b.number}"]`);
  assert.equal((await page.$$eval('#backlog-list li', (els) => els.map((e) => e.dataset.number))).join(), [a.number, b.number].join());
  s.assertNoErrors(counterPage);
});

test('with no blank cards the printed choice is disabled and says why', async () => {
  const page = counterPage.page;
  const c = (await s.api(server, 'GET', kSite + '/counters', officer)).body.find((x) => x.id === '3').ticket;
  const count = (await stock()).count;
  const r = await s.api(server, 'POST', kSite + '/stock', sup, { delta: -count, kind: 'adjusted', reason: 'stock opname' });
  assert.equal(r.status, 200);
  assert.equal(r.body.count, 0);

  // Live: stock.changed reaches the console without a reload.
  await page.waitForSelector('#act-finish-printed:disabled');
  assert.match(await page.textContent('#why-printed'), /Blangko habis/);
  assert.equal(await page.isDisabled('#backlog-print'), true);
  assert.equal(await page.textContent('#stock-count'), '0');
  // The shortcut does nothing either, and Next offers only the backlog.
  await key(page, 's');
  await page.click('#act-next');
  await page.waitForSelector('#outcome-choices');
  assert.equal(await page.isDisabled('#outcome-choices [data-outcome="printed"]'), true);
  await page.click('#outcome-choices [data-outcome="backlog"]');
  await page.waitForSelector('#notice:has-text("Tidak ada antrean")');
  assert.deepEqual((await backlog()).items.map((i) => i.number).slice(-1), [c.number]);
  await textIs(page, '#backlog-length', '3');
  s.assertNoErrors(counterPage);
});

test('supervisor receives 100 cards; the console then prints the backlog oldest first', async () => {
  const page = counterPage.page;
  const p = await s.newPage(browser);
  try {
    await s.signIn(p.page, server, '/supervisor', 'supervisor', 'supervisor-demo');
    await textIs(p.page, '#sup-stock-count', '0');
    await textIs(p.page, '#sup-backlog-length', '3');
    assert.match(await p.page.textContent('#sup-stock-level'), /Habis/);
    const order = (await backlog()).items.map((i) => i.number);

    // A correction needs a reason: the form says so and nothing changes.
    await p.page.click('#stock-adjust-open');
    await p.page.fill('#adjust-delta', '5');
    await p.page.click('#adjust-submit');
    await textIs(p.page, '#stock-msg', 'Koreksi stok perlu alasan.');
    await p.page.keyboard.press('Escape');
    await p.page.waitForSelector('#stock-adjust', { state: 'detached' });
    assert.equal((await stock()).count, 0);

    await p.page.click('#stock-receive-open');
    await p.page.fill('#receive-count', '100');
    await p.page.click('#receive-submit');
    await textIs(p.page, '#sup-stock-count', '100');
    assert.equal((await stock()).count, 100);
    assert.match(await p.page.textContent('#sup-stock-level'), /Tersedia/);

    // The console enables the backlog button live and prints in order.
    await page.waitForSelector('#backlog-print:enabled');
    for (let i = 0; i < order.length; i++) {
      await page.click('#backlog-print');
      await page.waitForSelector(`#notice:has-text("${order[i]} dicetak dari daftar tunggu cetak")`);
      await textIs(page, '#backlog-length', String(order.length - i - 1));
      // The supervisor's figures follow through the print.* events.
      await textIs(p.page, '#sup-backlog-length', String(order.length - i - 1));
    }
    await textIs(p.page, '#sup-stock-count', String(100 - order.length));
    assert.equal((await stock()).count, 100 - order.length);
    assert.equal(await page.isDisabled('#backlog-print'), true);
    assert.match(await page.textContent('#backlog-print'), /Tidak ada yang menunggu/);

    await p.page.click('#stock-adjust-open');
    await p.page.fill('#adjust-delta', '-2');
    await p.page.click('#stock-adjust .chip'); // a preset reason
    await p.page.click('#adjust-submit');
    await p.page.waitForSelector('#notice:has-text("dikoreksi -2")');
    await textIs(p.page, '#sup-stock-count', String(98 - order.length));
    assert.match(await p.page.textContent('#activity'), /dicetak dari daftar tunggu cetak/);
    s.assertNoErrors(p);
    s.assertNoErrors(counterPage);
  } finally {
    await p.close();
  }
});

test('screenshots: console with a booking and a backlog, supervisor blank-card desk', async () => {
  const page = counterPage.page;
  await setClock('2026-11-30T08:50:00+07:00');
  const codes = [await bookCetak('3604014507880002', 'Dewi Lestari', '081298765432')];
  for (const code of codes) await checkIn(code);
  // Two walk-ins (called before the 09:00 booking) join the backlog, then the booked
  // resident is called while more walk-ins wait.
  for (let i = 0; i < 2; i++) {
    await s.issue(server, 'cetak');
    await key(page, 'b');
    await page.waitForSelector('#cur-number:not(.none)');
    await key(page, 'k');
    await page.waitForSelector('#cur-number.none');
  }
  await page.click('#act-next');
  await page.waitForSelector('#bk-nik');
  for (let i = 0; i < 3; i++) await s.issue(server, 'cetak', i === 1 ? 'lansia' : null);
  await page.waitForSelector('#queue .count[data-waiting="3"]');
  await page.waitForTimeout(1100);
  await page.screenshot({ path: path.join(s.outDir(), 'counter-console-cetak.png') });
  const over = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]);
  assert.ok(over[0] <= 1366 && over[1] <= 768, 'console with both panels fits 1366x768, got ' + over);

  const p = await s.newPage(browser);
  try {
    await s.signIn(p.page, server, '/supervisor', 'supervisor', 'supervisor-demo');
    await p.page.waitForSelector('#sup-stock-count');
    await p.page.screenshot({ path: path.join(s.outDir(), 'supervisor-stock.png'), fullPage: true });
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
  s.assertNoErrors(counterPage);
  await counterPage.close();
});
