// Admin page, sites card ("Lokasi"): a site, a service and a counter created through the page
// reach the public site list and the site's own routes; a site is closed and reopened; the card
// follows the language switch.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const s = require('./support');

let server, browser;

before(async () => ({ server, browser } = await s.startServerAndBrowser()));
after(() => s.stopAll(browser, server));

const site = async (id) => (await s.api(server, 'GET', '/api/v1/sites')).body.find((x) => x.id === id);

test('an admin creates a site, a service and a counter on /admin, then closes and reopens the site', async () => {
  const p = await s.newPage(browser, { viewport: { width: 1366, height: 900 } });
  try {
    await s.signIn(p.page, server, '/admin', 'admin', 'admin-demo');
    await p.page.waitForSelector('#site-list tr[data-site="serang"]');
    assert.equal(await p.page.textContent('#sites-card h2'), 'Lokasi');

    await p.page.fill('#site-id', 'mpp');
    await p.page.fill('#site-name', 'Mal Pelayanan Publik');
    await p.page.fill('#site-address', 'Jl. Veteran No. 1, Serang');
    await p.page.fill('#site-lat', '-6.1105');
    await p.page.fill('#site-lon', '106.1588');
    await p.page.click('#site-add');
    await p.page.waitForSelector('#site-list tr[data-site="mpp"]');
    assert.equal((await site('mpp')).address, 'Jl. Veteran No. 1, Serang');
    assert.deepEqual([(await site('mpp')).lat, (await site('mpp')).lon], [-6.1105, 106.1588]);

    await p.page.selectOption('#svc-site', 'mpp');
    await p.page.fill('#svc-id', 'ktp');
    await p.page.fill('#svc-prefix', 'K');
    await p.page.fill('#svc-name-id', 'e-KTP');
    await p.page.fill('#svc-name-en', 'e-ID card');
    await p.page.click('#svc-add');
    await s.until(async () => (await site('mpp')).services.length === 1);
    await p.page.waitForSelector('#site-list tr[data-site="mpp"]:has-text("e-KTP")');

    await p.page.selectOption('#ctr-site', 'mpp');
    await p.page.check('#ctr-services input[value="ktp"]');
    await p.page.fill('#ctr-id', 'm1');
    await p.page.fill('#ctr-name', 'Loket MPP 1');
    await p.page.click('#ctr-add');
    await s.until(async () => (await s.api(server, 'GET', '/api/v1/sites/mpp/counters')).body.some((c) => c.id === 'm1'));
    const counter = (await s.api(server, 'GET', '/api/v1/sites/mpp/counters')).body.find((c) => c.id === 'm1');
    assert.equal(counter.name, 'Loket MPP 1');
    assert.deepEqual(counter.services, ['ktp']);

    // A taken prefix is refused and explained; the list is unchanged.
    await p.page.selectOption('#svc-site', 'mpp');
    await p.page.fill('#svc-id', 'kia');
    await p.page.fill('#svc-prefix', 'K');
    await p.page.fill('#svc-name-id', 'KIA');
    await p.page.click('#svc-add');
    await p.page.waitForSelector('#notice.error');
    assert.equal((await site('mpp')).services.length, 1);
    assert.equal(await p.page.inputValue('#svc-id'), 'kia', 'what was typed stays');

    await p.page.uncheck('#site-list tr[data-site="mpp"] input[data-field="open"]');
    await s.until(async () => (await site('mpp')).open === false);
    await p.page.waitForSelector('#site-list tr[data-site="mpp"].closed');
    await p.page.locator('#sites-card').screenshot({ path: path.join(s.outDir(), 'admin-sites-1366.png') });
    await p.page.check('#site-list tr[data-site="mpp"] input[data-field="open"]');
    await s.until(async () => (await site('mpp')).open === true);

    await p.page.click('#lang');
    await p.page.waitForSelector('#sites-card h2:has-text("Sites")');
    assert.equal(await p.page.textContent('#site-list th:first-child'), 'Id');
    await p.page.waitForSelector('#site-list tr[data-site="mpp"]:has-text("e-ID card")');
    await p.page.setViewportSize({ width: 800, height: 900 });
    await p.page.locator('#sites-card').screenshot({ path: path.join(s.outDir(), 'admin-sites-800-en.png') });
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});
