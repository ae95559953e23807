// Residents choose where (issue #19 item 4): the booking page lists the offices offering the
// chosen service with their first free day, nearest first when the browser shares a position;
// a booking at another office names that office and its address on the slip, the status view
// and the ticket status page. Phone size; screenshots go to $ANTRE_WEB_OUT (booking-sites-*.png).
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const S = require('./support');

const kPhone = { width: 390, height: 844 };
const kNearKasemen = { latitude: -6.0601, longitude: 106.1702 };
const kMppAddress = 'Mal Pelayanan Publik, Jl. Veteran, Kota Serang, Banten';
let server, browser, pagePath;

before(async () => {
  ({ server, browser, pagePath } = await S.startOnMonday());
});

after(() => S.stopAll(browser, server));

// A phone page; `where` grants the page that position.
function phonePage(where) {
  const context = { isMobile: true, hasTouch: true };
  if (where) Object.assign(context, { geolocation: where, permissions: ['geolocation'] });
  return S.newPage(browser, { viewport: kPhone, context, timeout: 10000 });
}

const siteOrder = (page) => page.$$eval('#sites [data-site]', (bs) => bs.map((b) => b.dataset.site));
const shot = (page, name) => page.screenshot({ path: path.join(S.outDir(), `booking-sites-${name}.png`), fullPage: true });

test('the offices offering a service are listed with their first free day, in the server\'s order without a position', async () => {
  const p = await phonePage(null);
  try {
    await p.page.goto(server.url + pagePath);
    await p.page.click('[data-service="akta"]');
    await p.page.waitForSelector('#sites [data-site]');
    // MPP does not offer akta: only the main office and Kasemen.
    assert.deepEqual(await siteOrder(p.page), ['serang', 'serang-kasemen']);
    assert.match(await p.page.textContent('[data-site="serang-kasemen"]'),
      /Kecamatan Kasemen.*Kantor Kecamatan Kasemen.*Hari kosong terdekat: Senin, 30 November 2026/s);
    assert.equal(await p.page.$('#sites .km'), null, 'no distance without a position');
    S.assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('with the browser\'s position the nearest office comes first, and a booking there names it', async () => {
  const p = await phonePage(kNearKasemen);
  try {
    await p.page.goto(server.url + pagePath);
    await p.page.click('[data-service="rekam"]');
    await p.page.waitForFunction(() => {
      const first = document.querySelector('#sites [data-site]');
      return first && first.dataset.site === 'serang-kasemen';
    });
    assert.deepEqual(await siteOrder(p.page), ['serang-kasemen', 'serang-mpp', 'serang']);
    assert.match(await p.page.textContent('[data-site="serang-kasemen"]'), /Terdekat · ± 0,\d km/);
    assert.match(await p.page.textContent('[data-site="serang-mpp"]'), /± \d+,\d km/);
    await shot(p.page, '1-list');

    // The second office: its own slots (MPP takes 4 per slot, the main office 10).
    await p.page.click('[data-site="serang-mpp"]');
    await p.page.waitForSelector('[data-site="serang-mpp"].on');
    await p.page.click('[data-day="2026-12-01"]');
    const slot = '[data-slot="2026-12-01T09:00:00+07:00"]';
    assert.match(await p.page.textContent(slot), /sisa 4 tempat/);
    await p.page.click(slot);
    await p.page.fill('#nik', S.nik(41));
    await p.page.fill('#name', 'Budi Santoso');
    await p.page.fill('#phone', S.phone(41));
    await p.page.click('#next');
    await p.page.click('#next'); // the card is picked up at the office
    await p.page.waitForSelector('#submit');
    assert.match(await p.page.textContent('.summary'), /Tempat\s*MPP Kota Serang/);
    await p.page.click('#submit');

    await p.page.waitForSelector('#code');
    const where = await p.page.textContent('#where');
    assert.match(where, /MPP Kota Serang/);
    assert.ok(where.includes(kMppAddress), where);
    await shot(p.page, '2-slip');
    const code = (await p.page.textContent('#code')).trim().replace('-', '');
    const r = await S.api(server, 'GET', `/api/v1/bookings/${code}?nik=${S.nik(41)}`);
    assert.equal(r.body.site, 'serang-mpp');
    assert.equal(r.body.site_address, kMppAddress);

    // The status view names the office too.
    await p.page.click('#to-status');
    await p.page.waitForSelector('#booking #where');
    assert.ok((await p.page.textContent('#booking #where')).includes(kMppAddress));
    S.assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('a ticket\'s status page names its office and address', async () => {
  const r = await S.api(server, 'POST', '/api/v1/sites/serang-mpp/tickets', 'demo-kiosk-mpp', { service: 'ikd' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const p = await phonePage(null);
  try {
    await p.page.goto(server.url + '/t/' + r.body.id);
    await p.page.waitForSelector('#where:not(.hidden)');
    assert.equal(await p.page.textContent('#siteName'), 'MPP Kota Serang');
    assert.equal(await p.page.textContent('#siteAddress'), kMppAddress);
    await shot(p.page, '3-ticket');
    S.assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('choosing another service after another office goes back to an office that offers it', async () => {
  const p = await phonePage(null);
  try {
    await p.page.goto(server.url + pagePath);
    await p.page.click('[data-service="rekam"]');
    await p.page.click('[data-site="serang-mpp"]');
    await p.page.waitForSelector('[data-site="serang-mpp"].on');
    await p.page.click('#back');
    await p.page.click('[data-service="akta"]'); // not offered at the MPP
    await p.page.waitForSelector('[data-site="serang"].on');
    await p.page.waitForSelector('[data-day="2026-12-01"]');
    assert.equal(await p.page.$('#error'), null);
    S.assertNoErrors(p);
  } finally {
    await p.close();
  }
});
