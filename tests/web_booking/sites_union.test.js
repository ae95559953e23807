// Residents choose where (issue #19 item 4), continued: the booking page lists every service
// some open office takes bookings for, not only the first office's, and offers home delivery
// only where that office's booking config delivers the service (Kasemen delivers nothing).
// Phone size; screenshots go to $ANTRE_WEB_OUT (booking-union-*.png).
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const S = require('./support');

const kPhone = { width: 390, height: 844 };
let server, browser, pagePath;

before(async () => {
  ({ server, browser, pagePath } = await S.startOnMonday());
  // A service only Kasemen offers, bookable there on weekdays.
  const admin = await S.login(server, 'admin', 'admin-demo');
  const made = await S.api(server, 'POST', '/api/v1/sites/serang-kasemen/admin/services', admin,
    { id: 'pindah', prefix: 'P', name: { id: 'Surat Pindah', en: 'Change of address' } });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const config = (await S.api(server, 'GET', '/api/v1/sites/serang-kasemen/admin/booking', admin)).body;
  config.schedule.push({ services: ['pindah'], weekdays: [1, 2, 3, 4, 5], open: '08:00', close: '12:00',
    slot_minutes: 30, capacity: 3 });
  const put = await S.api(server, 'POST', '/api/v1/sites/serang-kasemen/admin/booking', admin, config);
  assert.equal(put.status, 200, JSON.stringify(put.body));
});

after(() => S.stopAll(browser, server));

const phonePage = () => S.newPage(browser, { viewport: kPhone, context: { isMobile: true, hasTouch: true }, timeout: 10000 });
const shot = (page, name) => page.screenshot({ path: path.join(S.outDir(), `booking-union-${name}.png`), fullPage: true });

// Picks the first free 09:00 slot on Tuesday 1 December and fills the applicant's details.
async function pickSlotAndPerson(page, n) {
  await page.click('[data-day="2026-12-01"]');
  await page.click('[data-slot="2026-12-01T09:00:00+07:00"]');
  await page.fill('#nik', S.nik(n));
  await page.fill('#name', 'Siti Aminah');
  await page.fill('#phone', S.phone(n));
  await page.click('#next');
}

test('the public site list says per office which services are bookable and delivered home', async () => {
  const r = await S.api(server, 'GET', '/api/v1/sites');
  assert.equal(r.status, 200);
  const at = (site, service) => r.body.find((x) => x.id === site).services.find((x) => x.id === service);
  assert.equal(at('serang', 'rekam').delivery, true);
  assert.equal(at('serang-kasemen', 'rekam').delivery, false);
  assert.equal(at('serang-kasemen', 'pindah').bookable, true);
  const rekam = await S.api(server, 'GET', '/api/v1/services/rekam/sites');
  assert.deepEqual(rekam.body.map((x) => [x.id, x.delivery]),
    [['serang', true], ['serang-kasemen', false], ['serang-mpp', true]]);
});

test('a service only another office offers is listed and booked there', async () => {
  const p = await phonePage();
  try {
    await p.page.goto(server.url + pagePath);
    await p.page.waitForSelector('[data-service="pindah"]');
    await p.page.waitForSelector('#stock-level'); // the main office prints: its level shows
    // Each service once, the main office's first.
    const ids = await p.page.$$eval('[data-service]', (bs) => bs.map((b) => b.dataset.service));
    assert.deepEqual(ids, ['rekam', 'cetak', 'kk', 'akta', 'ikd', 'info', 'pindah']);
    assert.doesNotMatch(await p.page.textContent('[data-service="pindah"]'), /diantar/);
    await shot(p.page, '1-services');
    await p.page.click('[data-service="pindah"]');
    await p.page.waitForSelector('#site-name');
    assert.equal(await p.page.textContent('#site-name'), 'Kecamatan Kasemen');
    // Kasemen prints no cards: no blank-card level ("habis") above its booking.
    await p.page.waitForSelector('#stock', { state: 'hidden' });
    await pickSlotAndPerson(p.page, 51);
    // Kasemen delivers nothing: straight to the summary, no pick-up or delivery question.
    await p.page.waitForSelector('#submit');
    assert.equal(await p.page.$('#opt-deliver'), null);
    await p.page.click('#submit');
    await p.page.waitForSelector('#code');
    const code = (await p.page.textContent('#code')).trim().replace('-', '');
    const b = await S.api(server, 'GET', `/api/v1/bookings/${code}?nik=${S.nik(51)}`);
    assert.equal(b.body.site, 'serang-kasemen');
    assert.equal(b.body.service, 'pindah');
    S.assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('home delivery is offered where the office delivers the service, not at Kasemen', async () => {
  const p = await phonePage();
  try {
    await p.page.goto(server.url + pagePath);
    await p.page.click('[data-service="rekam"]');
    await p.page.waitForSelector('#sites [data-site="serang-kasemen"]');
    assert.match(await p.page.textContent('[data-site="serang"]'), /Bisa diantar ke rumah/);
    assert.doesNotMatch(await p.page.textContent('[data-site="serang-kasemen"]'), /diantar/);
    await shot(p.page, '2-offices');

    await p.page.click('[data-site="serang-kasemen"]');
    await p.page.waitForSelector('[data-site="serang-kasemen"].on');
    await pickSlotAndPerson(p.page, 52);
    await p.page.waitForSelector('#submit');
    assert.equal(await p.page.$('#opt-deliver'), null, 'Kasemen asks nothing about delivery');

    // Back to the main office: it asks.
    await p.page.click('#back');
    await p.page.click('#back');
    await p.page.click('#back');
    await p.page.click('[data-site="serang"]');
    await p.page.waitForSelector('[data-site="serang"].on');
    await pickSlotAndPerson(p.page, 53);
    await p.page.waitForSelector('#opt-deliver');
    await shot(p.page, '3-delivery');
    S.assertNoErrors(p);
  } finally {
    await p.close();
  }
});
