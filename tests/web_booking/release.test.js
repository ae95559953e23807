// The booking page with a release time and a draw: a day not released yet says when it opens,
// and a request in the draw window waits on the page for its result, then shows the booking.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const S = require('./support');

let server;
let browser;
let pagePath;

// Moves the test clock and holds it there, so the draw window does not close mid-test.
async function freezeClock(iso) {
  const r = await S.api(server, 'POST', '/api/v1/test/clock', null, { now: iso, frozen: true });
  assert.equal(r.status, 200, JSON.stringify(r.body));
}

before(async () => {
  server = await S.startServer();
  await freezeClock('2026-11-30T07:00:00+07:00'); // a Monday morning
  const admin = await S.login(server, 'admin', 'admin-demo');
  const rules = await S.api(server, 'POST', '/api/v1/sites/serang/admin/booking', admin,
    { release_at: '19:00', release_draw_seconds: 10 });
  assert.equal(rules.status, 200, JSON.stringify(rules.body));
  browser = await S.launchBrowser();
  pagePath = await S.bookingPath(server);
});

after(() => S.stopAll(browser, server));

test('a day not released yet says when it opens; a request in the draw waits for its result', async () => {
  const p = await S.newPage(browser, { viewport: { width: 390, height: 844 }, context: { isMobile: true, hasTouch: true } });
  await p.page.goto(server.url + pagePath);
  await p.page.click('[data-service="rekam"]');
  const tomorrow = '[data-day="2026-12-01"]';
  await p.page.waitForSelector(tomorrow);
  assert.equal(await p.page.isDisabled(tomorrow), true);
  assert.match(await p.page.textContent(tomorrow), /Slot dibuka Senin 19:00/);
  assert.equal(await p.page.isDisabled('[data-day="2026-11-30"]'), false);
  await p.page.screenshot({ path: path.join(S.outDir(), 'booking-release-closed.png'), fullPage: true });

  await freezeClock('2026-11-30T19:00:00+07:00');
  await p.page.reload();
  await p.page.click('[data-service="rekam"]');
  await p.page.click(tomorrow);
  await p.page.click('[data-slot="2026-12-01T09:00:00+07:00"]');
  await p.page.fill('#nik', S.nik(7));
  await p.page.fill('#name', 'Siti Aminah');
  await p.page.fill('#phone', S.phone(7));
  await p.page.click('#next');
  await p.page.check('#opt-pickup');
  await p.page.click('#next');
  await p.page.click('#submit');
  await p.page.waitForSelector('#pending');
  assert.equal(await p.page.textContent('#pending'), 'Permintaan Anda masuk undian, hasil pukul 19:00:10');
  await p.page.screenshot({ path: path.join(S.outDir(), 'booking-release-pending.png'), fullPage: true });

  await freezeClock('2026-11-30T19:00:11+07:00'); // the window closes: the draw is made
  await p.page.waitForSelector('#code', { timeout: 15000 });
  const code = (await p.page.textContent('#code')).trim().replace('-', '');
  const r = await S.api(server, 'GET', `/api/v1/bookings/${code}?nik=${S.nik(7)}`);
  assert.equal(r.status, 200);
  assert.equal(r.body.slot_start, '2026-12-01T09:00:00+07:00');
  S.assertNoErrors(p);
  await p.close();
});
