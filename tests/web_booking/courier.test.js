// From booking to the door: three printing bookings with home delivery check in, join the
// print backlog when blank cards run out, get printed when cards arrive, and are delivered
// through the courier page; the resident's status page and the public stock level follow
// along. Real server, phone-size browser, screenshots booking-*.png.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const S = require('./support');

const kPhone = { width: 390, height: 844 };
const kSlot = '2026-11-30T08:00:00+07:00';
const residents = {
  a: { n: 11, address: { kecamatan: 'Walantaka', kelurahan: 'Teritih', street: 'Kp. Teritih Girang RT 01/02', house: '8' } },
  b: { n: 12, address: { kecamatan: 'Curug', kelurahan: 'Cilaku', street: 'Jl. Raya Curug', house: '21A' } },
  c: { n: 13, address: { kecamatan: 'Walantaka', kelurahan: 'Kiara', street: 'Kp. Kiara Hilir', house: '4' } },
};
let server;
let browser;
let bookingPath;
let officer;
let boss;

before(async () => {
  ({ server, browser, pagePath: bookingPath } = await S.startOnMonday());
  officer = await S.login(server, 'petugas3', 'petugas-demo');
  boss = await S.login(server, 'supervisor', 'supervisor-demo');
  for (const r of Object.values(residents)) {
    const made = await S.book(server, r.n, 'cetak', kSlot, { delivery: r.address });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    r.code = made.body.code;
  }
});

after(() => S.stopAll(browser, server));

async function shot(page, name) {
  await page.screenshot({ path: path.join(S.outDir(), `booking-${name}.png`), fullPage: true });
}

// Opens the resident's status view for one booking; returns [step, state] of the timeline.
async function status(p, r) {
  // A new page load: a hash change alone would keep the previous booking's timeline on screen,
  // and a fast read would see it instead of this one's.
  await p.page.goto('about:blank');
  await p.page.goto(server.url + bookingPath + '#check/' + r.code);
  // The page reads the services before it settles on the #check view: typing earlier races
  // that first render on a busy machine (the NIK typed could be drawn over).
  await p.page.waitForLoadState('networkidle');
  await p.page.fill('#check-nik', S.nik(r.n));
  await p.page.click('#check-btn');
  // The same page looks up every resident: after a hash change the last resident's timeline
  // stays on screen until this lookup is drawn, so wait for this booking's code, not for any
  // timeline.
  await p.page.waitForFunction((code) => {
    const shown = document.querySelector('#code');
    return shown && shown.textContent.replace(/[^A-Z0-9]/g, '') === code && document.querySelector('#timeline');
  }, r.code);
  return p.page.$$eval('#timeline li', (ls) => ls.map((l) => [l.dataset.step, l.className]));
}

const counter = (action, body = {}) => S.api(server, 'POST', `/api/v1/sites/serang/counters/3/${action}`, officer, body);

test('printing backlog: residents see their place in the queue for blank cards', async () => {
  const p = await S.newPage(browser, { viewport: kPhone });
  await p.page.goto(server.url + bookingPath);
  await p.page.waitForSelector('#stock-level');
  assert.equal(await p.page.textContent('#stock-level'), 'Tersedia');

  const zero = await S.api(server, 'POST', '/api/v1/sites/serang/stock', boss, { delta: -500, kind: 'adjusted',
    reason: 'stock opname' });
  assert.equal(zero.status, 200);
  await p.page.reload();
  await p.page.waitForSelector('#stock-level');
  assert.match(await p.page.textContent('#stock-level'), /^Habis/);

  await S.setClock(server, '2026-11-30T07:45:00+07:00');
  for (const r of Object.values(residents)) {
    const c = await S.api(server, 'POST', `/api/v1/sites/serang/bookings/${r.code}/check-in`, 'demo-kiosk-token', {});
    assert.equal(c.status, 201, JSON.stringify(c.body));
  }
  for (let i = 0; i < 3; i++) {
    assert.equal((await counter('next')).status, 200);
    assert.equal((await counter('finish', { outcome: 'backlog' })).status, 200);
  }

  const steps = await status(p, residents.b);
  assert.deepEqual(steps.slice(0, 4), [['booked', 'done'], ['checked_in', 'done'], ['served', 'done'], ['backlog', 'now']]);
  assert.match(await p.page.textContent('[data-step="backlog"]'), /urutan ke-2/);
  assert.match(await p.page.textContent('[data-step="checked_in"]'), /nomor antrean B002/);
  assert.match(await p.page.textContent('#stock-level'), /^Habis/);
  await shot(p.page, 'status-backlog');
  await p.page.click('#lang');
  assert.match(await p.page.textContent('[data-step="backlog"]'), /position 2/);
  await p.page.click('#lang');
  S.assertNoErrors(p);
  await p.close();

  assert.equal((await S.api(server, 'POST', '/api/v1/sites/serang/stock', boss, { delta: 100, kind: 'received' })).status,
    200);
  for (let i = 0; i < 3; i++) {
    assert.equal((await S.api(server, 'POST', '/api/v1/sites/serang/backlog/print', officer, {})).status, 200);
  }
});

test('courier page: the list grouped by kecamatan and kelurahan, out, delivered, failed, retry, pickup', async () => {
  const p = await S.newPage(browser, { viewport: kPhone });
  await p.page.goto(server.url + (await S.bookingPath(server, 'courier')));
  await p.page.fill('#login-user', 'petugas1');
  await p.page.fill('#login-pass', 'salah');
  await p.page.click('#login-btn');
  await p.page.waitForSelector('#error');
  assert.equal(await p.page.textContent('#error'), 'Nama pengguna atau kata sandi salah.');
  assert.equal(await p.page.inputValue('#login-user'), 'petugas1', 'the username stays after a wrong password');
  await p.page.fill('#login-pass', 'petugas-demo');
  await p.page.click('#login-btn');
  await p.page.waitForSelector('.item');

  const groups = await p.page.$$eval('#app h2.group, #app h3, #app .item', (els) => els.map((e) =>
    e.dataset.kecamatan || e.dataset.kelurahan || e.dataset.booking));
  const { a, b, c } = residents;
  assert.deepEqual(groups, ['Curug', 'Cilaku', b.code, 'Walantaka', 'Kiara', c.code, 'Teritih', a.code]);
  assert.match(await p.page.textContent('[data-kecamatan="Walantaka"]'), /2 kartu/);
  assert.match(await p.page.textContent(`[data-booking="${a.code}"]`), /Warga 11.*Kp\. Teritih Girang RT 01\/02 8.*Menunggu diantar/s);
  await shot(p.page, 'courier');

  const item = (r) => `[data-booking="${r.code}"]`;
  await p.page.click(`${item(a)} [data-action="out"]`);
  await p.page.waitForSelector(`${item(a)}.out`);
  await p.page.click(`${item(a)} [data-action="delivered"]`);
  await p.page.click(`${item(a)} [data-action="save"]`);
  assert.equal(await p.page.textContent('#error'), 'Isi nama penerima kartu.');
  await p.page.fill(`${item(a)} .act-text`, 'Ibu Siti');
  await shot(p.page, 'courier-delivered');
  await p.page.click(`${item(a)} [data-action="save"]`);
  await p.page.waitForSelector('#notice');
  assert.equal(await p.page.textContent('#notice'), `Kartu ${a.code} diterima oleh Ibu Siti.`);
  assert.equal(await p.page.$(item(a)), null, 'a delivered card leaves the list');

  await p.page.click(`${item(b)} [data-action="out"]`);
  await p.page.waitForSelector(`${item(b)}.out`);
  await p.page.click(`${item(b)} [data-action="failed"]`);
  await p.page.fill(`${item(b)} .act-text`, 'Rumah kosong');
  await p.page.click(`${item(b)} [data-action="save"]`);
  await p.page.waitForSelector(`${item(b)}.failed`);
  assert.match(await p.page.textContent(item(b)), /Gagal diantar.*Alasan: Rumah kosong/s);
  await p.page.click(`${item(b)} [data-action="retry"]`);
  await p.page.waitForSelector(`${item(b)}.pending`);
  await p.page.click(`${item(b)} [data-action="pickup"]`);
  await p.page.waitForFunction((sel) => !document.querySelector(sel), item(b));

  await p.page.click(`${item(c)} [data-action="out"]`);
  await p.page.waitForSelector(`${item(c)}.out`);
  await shot(p.page, 'courier-after');
  S.assertNoErrors(p);
  await p.close();

  const all = await S.api(server, 'GET', '/api/v1/sites/serang/deliveries', officer);
  assert.deepEqual(all.body.map((d) => [d.booking, d.status]), [[c.code, 'out']]);
  for (const [r, want] of [[a, 'delivered'], [b, 'pickup']]) {
    const done = await S.api(server, 'GET', `/api/v1/sites/serang/deliveries?status=${want}`, officer);
    assert.deepEqual(done.body.map((d) => d.booking), [r.code]);
  }
});

test('status page: printed, out for delivery, delivered, pickup', async () => {
  const p = await S.newPage(browser, { viewport: kPhone });
  const { a, b, c } = residents;
  let steps = await status(p, a);
  assert.deepEqual(steps, [['booked', 'done'], ['checked_in', 'done'], ['served', 'done'], ['printed', 'done'],
    ['out', 'done'], ['delivered', 'done']]);
  await shot(p.page, 'status-delivered');
  steps = await status(p, c);
  assert.deepEqual(steps.slice(3), [['printed', 'done'], ['out', 'now'], ['delivered', 'todo']]);
  steps = await status(p, b);
  assert.deepEqual(steps.slice(3), [['printed', 'done'], ['pickup', 'now']]);
  S.assertNoErrors(p);
  await p.close();
});
