// The resident's booking page at phone size against the real server: book end to end with home
// delivery, NIK feedback, a full slot, cancel and reschedule, the status timeline, the 100 KB
// page budget. Screenshots go to $ANTRE_WEB_OUT (booking-*.png).
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const S = require('./support');
const QR = require('../../assets/web/booking/qr.js');
const { checkNik } = require('../../assets/web/booking/nik.js');
const kNik = require('./nik_cases');

const kPhone = { width: 390, height: 844 };
let server;
let browser;
let pagePath;

before(async () => {
  ({ server, browser, pagePath } = await S.startOnMonday());
});

after(() => S.stopAll(browser, server));

async function phonePage() {
  const p = await S.newPage(browser, { viewport: kPhone, context: { isMobile: true, hasTouch: true } });
  return p;
}

// Whether the page's QR drawing is exactly the QR of the code (compared without printing it).
async function assertQrOf(page, code) {
  const d = await page.getAttribute('#qr svg path', 'd');
  const want = /d="([^"]+)"/.exec(QR.svg(code))[1];
  assert.ok(d === want, 'the QR on the page encodes ' + code);
  assert.equal(await page.getAttribute('#qr svg', 'data-modules'), '21');
}

async function shot(page, name) {
  const file = path.join(S.outDir(), `booking-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// Walks the first steps: service, date, slot. Leaves the page on the applicant form.
async function pickSlot(page, service, day, time) {
  await page.click(`[data-service="${service}"]`);
  await page.click(`[data-day="${day}"]`);
  await page.click(`[data-slot="${day}T${time}:00+07:00"]`);
  await page.waitForSelector('#nik');
}

async function fillPerson(page, n, female = false) {
  await page.fill('#nik', S.nik(n, female));
  await page.fill('#name', 'Siti Aminah');
  await page.fill('#phone', S.phone(n));
  await page.click('#next');
}

test('books a slot with home delivery, end to end at phone size', async () => {
  const p = await phonePage();
  const bytes = S.trackBytes(p.page);
  await p.page.goto(server.url + pagePath);
  await p.page.waitForSelector('[data-service="rekam"]');
  assert.match(await p.page.textContent('#free'), /Layanan GRATIS — tidak dipungut biaya\. Jangan gunakan calo\./);
  await shot(p.page, '1-service');

  await p.page.click('[data-service="rekam"]');
  await p.page.waitForSelector('[data-day="2026-12-01"]');
  assert.match(await p.page.textContent('[data-day="2026-12-01"]'), /Selasa, 1 Desember 2026/);
  await p.page.click('[data-day="2026-12-01"]');
  const slot = '[data-slot="2026-12-01T09:00:00+07:00"]';
  assert.match(await p.page.textContent(slot), /09:00–09:30.*sisa 10 tempat/s);
  await shot(p.page, '2-slot');
  await p.page.click(slot);

  await p.page.waitForSelector('#nik');
  await p.page.fill('#nik', S.nik(1, true));
  await p.page.fill('#name', 'Siti Aminah');
  await p.page.fill('#phone', '0812-3456-0001');
  await shot(p.page, '3-person');
  await p.page.click('#next');

  await p.page.check('#opt-deliver');
  await p.page.selectOption('#kec', 'Taktakan');
  const kelurahan = await p.page.$$eval('#kel option', (os) => os.map((o) => o.value).filter(Boolean));
  assert.equal(kelurahan.length, 13, 'Taktakan has 13 kelurahan');
  assert.ok(kelurahan.includes('Cibendung'));
  await p.page.selectOption('#kel', 'Cibendung');
  await p.page.fill('#street', 'Jl. Raya Cilowong, RT 02/RW 03');
  await p.page.fill('#house', '17');
  await shot(p.page, '4-delivery');
  await p.page.click('#next');

  await p.page.waitForSelector('#submit');
  const summary = await p.page.textContent('.summary');
  assert.match(summary, /Perekaman e-KTP/);
  assert.match(summary, /Selasa, 1 Desember 2026, 09:00–09:30 WIB/);
  assert.match(summary, /Cibendung, Taktakan/);
  await shot(p.page, '5-confirm');
  await p.page.click('#submit');

  await p.page.waitForSelector('#code');
  const shown = (await p.page.textContent('#code')).trim();
  assert.match(shown, /^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  const code = shown.replace('-', '');
  // The QR on the page is the QR of the code (the encoder itself is checked in qr.test.js).
  await assertQrOf(p.page, code);
  assert.match(await p.page.textContent('#save-hint'), /screenshot/);
  assert.match(await p.page.textContent('#app'), /Layanan GRATIS/);
  await shot(p.page, '6-done');

  const r = await S.api(server, 'GET', `/api/v1/bookings/${code}?nik=${S.nik(1, true)}`);
  assert.equal(r.status, 200);
  assert.equal(r.body.slot_start, '2026-12-01T09:00:00+07:00');
  assert.equal(r.body.service, 'rekam');
  assert.equal(r.body.delivery, true);
  assert.equal(r.body.status, 'booked');

  // The whole page (HTML, CSS, JS, data) stays under 100 KB as the phone loaded it.
  await bytes.settled();
  const total = [...bytes.values()].reduce((a, b) => a + b, 0);
  assert.ok(bytes.size >= 6, 'page files seen: ' + [...bytes.keys()].join(', '));
  assert.ok(![...bytes.values()].includes(-1), 'every page file was read');
  assert.ok(total < 100 * 1024, `page weight ${total} bytes`);
  S.assertNoErrors(p);
  await p.close();
});

test('page files on disk stay under 100 KB and load nothing from outside', () => {
  const web = path.join(S.kRepo, 'assets', 'web');
  const files = ['booking.html', ...fs.readdirSync(path.join(web, 'booking')).map((f) => 'booking/' + f)];
  const total = files.filter((f) => !f.startsWith('booking/courier')).reduce((a, f) => a + fs.statSync(path.join(web,
    f)).size, 0);
  assert.ok(total < 100 * 1024, `booking page files: ${total} bytes`);
  for (const f of files) {
    const text = fs.readFileSync(path.join(web, f), 'utf8');
    assert.doesNotMatch(text, /(src|href)=["']https?:/, f + ' loads an external asset');
    assert.doesNotMatch(text, /url\(\s*["']?https?:/, f + ' loads an external asset');
  }
});

test('the page\'s NIK check and the server agree on every NIK in the tables', async () => {
  // A slot that does not exist: the server checks the NIK first, then answers not_found.
  const ask = async (nik) => S.api(server, 'POST', '/api/v1/sites/serang/bookings', null, {
    nik, name: 'Uji', phone: '081299990000', service: 'kk', slot_start: '2026-12-01T08:10:00+07:00', delivery: null,
    pow: await S.solvePow(server),
  });
  for (const nik of kNik.valid) {
    assert.equal(checkNik(nik), null);
    const r = await ask(nik.replace(/\s/g, ''));
    assert.equal(r.body.error.code, 'not_found', `server on ${nik}: ${JSON.stringify(r.body)}`);
  }
  for (const [nik] of kNik.invalid) {
    assert.notEqual(checkNik(nik), null);
    const r = await ask(nik);
    assert.equal(r.status, 422, `server on "${nik}": ${JSON.stringify(r.body)}`);
    assert.equal(r.body.error.code, 'invalid_nik');
  }
});

test('an invalid NIK is explained in Indonesian at once, and in English after the switch', async () => {
  const p = await phonePage();
  await p.page.goto(server.url + pagePath);
  await pickSlot(p.page, 'kk', '2026-12-01', '08:30');
  await p.page.fill('#nik', '3673011505900000');
  assert.equal(await p.page.textContent('#nik-err'), 'Empat digit terakhir NIK tidak boleh 0000.');
  await p.page.fill('#nik', '9973011505900001');
  assert.equal(await p.page.textContent('#nik-err'), 'Dua digit pertama NIK bukan kode provinsi yang benar.');
  await p.page.fill('#nik', '3673013202900001');
  assert.equal(await p.page.textContent('#nik-err'), 'Tanggal lahir pada NIK (digit 7–12) tidak benar.');
  await shot(p.page, 'nik-error');
  await p.page.fill('#nik', '36730115');
  await p.page.fill('#name', 'Budi');
  await p.page.fill('#phone', '12345');
  await p.page.click('#next');
  assert.equal(await p.page.textContent('#nik-err'), 'NIK harus 16 digit.');
  assert.match(await p.page.textContent('#phone-err'), /Nomor HP tidak benar/);
  await p.page.click('#lang');
  assert.equal(await p.page.textContent('#nik-err'), 'A NIK has 16 digits.');
  assert.equal(await p.page.getAttribute('html', 'lang'), 'en');
  await p.page.click('#lang');
  // A corrected NIK (woman: day + 40) clears the message and the form goes on.
  await p.page.fill('#nik', S.nik(2, true));
  await p.page.fill('#phone', S.phone(2));
  await p.page.click('#next');
  await p.page.waitForSelector('#submit'); // kk has no home delivery: straight to confirm
  S.assertNoErrors(p);
  await p.close();
});

test('a full slot is shown as full, and a slot that fills meanwhile is refused in plain words', async () => {
  for (let i = 0; i < 10; i++) {
    const r = await S.book(server, 100 + i, 'cetak', '2026-12-01T10:00:00+07:00');
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  const p = await phonePage();
  await p.page.goto(server.url + pagePath);
  await p.page.click('[data-service="cetak"]');
  await p.page.click('[data-day="2026-12-01"]');
  const full = '[data-slot="2026-12-01T10:00:00+07:00"]';
  assert.equal(await p.page.isDisabled(full), true);
  assert.match(await p.page.textContent(full), /Penuh/);
  await p.page.click('[data-slot="2026-12-01T10:30:00+07:00"]');
  await fillPerson(p.page, 3);
  await p.page.check('#opt-pickup');
  await p.page.click('#next');
  await p.page.waitForSelector('#submit');
  for (let i = 0; i < 10; i++) {
    assert.equal((await S.book(server, 120 + i, 'cetak', '2026-12-01T10:30:00+07:00')).status, 201);
  }
  await p.page.click('#submit');
  await p.page.waitForSelector('#error');
  assert.equal(await p.page.textContent('#error'), 'Maaf, jam ini sudah penuh. Silakan pilih jam lain.');
  await shot(p.page, 'full');
  await p.page.click('#pick-other');
  await p.page.waitForSelector('[data-slot="2026-12-01T10:30:00+07:00"]:disabled');
  await p.page.click('[data-slot="2026-12-01T11:00:00+07:00"]');
  await p.page.click('#next'); // the form keeps what was typed
  await p.page.click('#next');
  await p.page.click('#submit');
  await p.page.waitForSelector('#code');

  // The same NIK again for the same service: refused with the reason.
  await p.page.click('#again');
  await p.page.click('[data-service="cetak"]');
  await p.page.click('[data-day="2026-12-02"]');
  await p.page.click('[data-slot="2026-12-02T08:00:00+07:00"]');
  await p.page.click('#next');
  await p.page.click('#next');
  await p.page.click('#submit');
  await p.page.waitForSelector('#error');
  assert.match(await p.page.textContent('#error'), /NIK ini sudah punya booking aktif untuk layanan ini/);
  S.assertNoErrors(p);
  await p.close();
});

test('check, reschedule and cancel a booking with code and NIK', async () => {
  const made = await S.book(server, 200, 'kk', '2026-12-02T08:00:00+07:00');
  assert.equal(made.status, 201);
  const code = made.body.code;
  const p = await phonePage();
  await p.page.goto(server.url + pagePath + '#check');
  await p.page.waitForLoadState('networkidle'); // typing during the first renders is the next test's case
  await p.page.fill('#check-code', code.toLowerCase().slice(0, 4) + '-' + code.slice(4));
  await p.page.fill('#check-nik', S.nik(201));
  await p.page.click('#check-btn');
  await p.page.waitForSelector('#error');
  assert.equal(await p.page.textContent('#error'), 'Booking tidak ditemukan. Periksa kode booking dan NIK.');

  await p.page.fill('#check-nik', S.nik(200));
  await p.page.click('#check-btn');
  await p.page.waitForSelector('#booking');
  assert.match(await p.page.textContent('#status'), /Terdaftar/);
  assert.match(await p.page.textContent('#when'), /Rabu, 2 Desember 2026, 08:00–08:30 WIB/);
  await assertQrOf(p.page, code);

  await p.page.click('#resched');
  await p.page.click('[data-day="2026-12-03"]');
  await shot(p.page, 'reschedule');
  await p.page.click('[data-slot="2026-12-03T13:00:00+07:00"]');
  await p.page.waitForSelector('#notice');
  assert.equal(await p.page.textContent('#notice'), 'Jadwal sudah diubah.');
  await p.page.waitForFunction(() => /Kamis, 3 Desember 2026, 13:00/.test(document.querySelector('#when')?.textContent));
  let r = await S.api(server, 'GET', `/api/v1/bookings/${code}?nik=${S.nik(200)}`);
  assert.equal(r.body.slot_start, '2026-12-03T13:00:00+07:00');

  await p.page.click('#cancel');
  await p.page.click('#cancel-yes');
  await p.page.waitForSelector('#notice');
  assert.equal(await p.page.textContent('#notice'), 'Booking sudah dibatalkan.');
  assert.match(await p.page.textContent('#status'), /Dibatalkan/);
  assert.equal(await p.page.$('#cancel'), null, 'no cancel button on a cancelled booking');
  assert.equal(await p.page.$('#qr'), null, 'no QR for a cancelled booking');
  await shot(p.page, 'cancelled');
  r = await S.api(server, 'GET', `/api/v1/bookings/${code}?nik=${S.nik(200)}`);
  assert.equal(r.body.status, 'cancelled');
  S.assertNoErrors(p);
  await p.close();
});

// CI caught a code typed while the services were still loading landing nowhere: each render
// replaced the field being typed in, and the focus with it.
test('typing goes on into the same field when the page re-renders mid-word', async () => {
  const p = await phonePage();
  await p.page.goto(server.url + pagePath + '#check');
  await p.page.waitForLoadState('networkidle');
  await p.page.click('#check-code');
  await p.page.keyboard.type('AB');
  await p.page.keyboard.press('ArrowLeft');
  const before = await p.page.$('#check-code');
  // What the services or the stock level arriving does: a full render.
  await p.page.evaluate(() => window.dispatchEvent(new HashChangeEvent('hashchange')));
  assert.equal(await before.evaluate((el) => el.isConnected), false, 'the render replaced the field');
  await p.page.keyboard.type('C');
  assert.equal(await p.page.inputValue('#check-code'), 'ACB', 'focus and caret survived the render');
  assert.equal(await p.page.evaluate(() => document.activeElement.id), 'check-code');
  await p.page.keyboard.press('Tab');
  await p.page.keyboard.type('3171');
  assert.equal(await p.page.inputValue('#check-nik'), '3171');
  S.assertNoErrors(p);
  await p.close();
});

test('the status page follows a booking through check-in at the kiosk', async () => {
  const made = await S.book(server, 300, 'rekam', '2026-11-30T08:00:00+07:00', {
    delivery: { kecamatan: 'Kasemen', kelurahan: 'Banten', street: 'Kp. Pamarican', house: '3' },
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const code = made.body.code;
  await S.setClock(server, '2026-11-30T07:45:00+07:00');
  const checkin = await S.api(server, 'POST', `/api/v1/sites/serang/bookings/${code}/check-in`, 'demo-kiosk-token', {});
  assert.equal(checkin.status, 201, JSON.stringify(checkin.body));

  const p = await phonePage();
  await p.page.goto(server.url + pagePath + '#check/' + code);
  assert.equal(await p.page.inputValue('#check-code'), code);
  await p.page.fill('#check-nik', S.nik(300));
  await p.page.click('#check-btn');
  await p.page.waitForSelector('#timeline');
  assert.match(await p.page.textContent('#status'), /Sudah check-in/);
  const steps = await p.page.$$eval('#timeline li', (ls) => ls.map((l) => [l.dataset.step, l.className]));
  assert.deepEqual(steps.slice(0, 3), [['booked', 'done'], ['checked_in', 'now'], ['served', 'todo']]);
  assert.ok(steps.some(([s]) => s === 'delivered'), 'a delivery booking shows the delivery steps');
  const booking = (await S.api(server, 'GET', `/api/v1/bookings/${code}?nik=${S.nik(300)}`)).body;
  if (booking.progress && booking.progress.ticket) {
    assert.match(await p.page.textContent('[data-step="checked_in"]'), new RegExp(booking.progress.ticket.number));
  }
  await shot(p.page, 'status');
  S.assertNoErrors(p);
  await p.close();
});

// Issue #17, item 10: the step count read "Langkah 1 dari 5", then "Langkah 2 dari 6" once a
// service with home delivery was picked. It stays the same from the first screen to the last,
// with and without the delivery question, and the numbers never go backwards.
test('the step count is the same on every step, with and without home delivery', async () => {
  const p = await phonePage();
  const seen = [];
  const note = async () => seen.push((await p.page.textContent('.stepno')).trim());
  for (const [service, n] of [['rekam', 401], ['kk', 402]]) {
    seen.length = 0;
    await p.page.goto(server.url + pagePath);
    await p.page.waitForSelector(`[data-service="${service}"]`);
    await note();
    await p.page.click(`[data-service="${service}"]`);
    await p.page.waitForSelector('[data-day]:not([disabled])');
    await note();
    await p.page.click('[data-day]:not([disabled])');
    await p.page.waitForSelector('[data-slot]:not([disabled])');
    await note();
    await p.page.click('[data-slot]:not([disabled])');
    await p.page.waitForSelector('#nik');
    await note();
    await fillPerson(p.page, n);
    if (service === 'rekam') {
      await p.page.waitForSelector('#opt-pickup');
      await note();
      await p.page.click('#next');
    }
    await p.page.waitForSelector('#submit');
    await note();
    const totals = new Set(seen.map((s) => s.replace(/^Langkah \d+ dari /, '')));
    assert.deepEqual([...totals], ['5'], `${service}: one total on every step, got ${seen.join(' | ')}`);
    const numbers = seen.map((s) => Number(/^Langkah (\d+)/.exec(s)[1]));
    assert.equal(numbers[0], 1);
    assert.equal(numbers[numbers.length - 1], 5, `${service}: the last step is "5 dari 5"`);
    assert.ok(numbers.every((x, i) => i === 0 || x >= numbers[i - 1]), `${service}: ${numbers}`);
  }
  S.assertNoErrors(p);
  await p.close();
});

// Issue #17, item 7: each service button carries its one plain line from the server.
test('the service buttons show each service\'s plain description, in the chosen language', async () => {
  const p = await phonePage();
  await p.page.goto(server.url + pagePath);
  await p.page.waitForSelector('[data-service="rekam"] .desc');
  const services = (await S.api(server, 'GET', '/api/v1/sites/serang/services')).body;
  for (const s of services.filter((x) => x.description && x.description.id)) {
    assert.equal(await p.page.textContent(`[data-service="${s.id}"] .desc`), s.description.id);
  }
  await shot(p.page, '1-service-descriptions');
  S.assertNoErrors(p);
  await p.close();
});
