// Admin page: a counter closed and reopened from the counters card leaves and rejoins the public
// list (a new site, its service and counter made on the page included). Supervisor page: blank
// cards sent to another site from the stock card move both stocks and are listed.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const s = require('./support');

let server, browser;

before(async () => ({ server, browser } = await s.startServerAndBrowser()));
after(() => s.stopAll(browser, server));

const publicCounters = async (site) => (await s.api(server, 'GET', `/api/v1/sites/${site}/counters`)).body.map((c) => c.id);

test('an admin makes a site, service and counter, then closes and reopens a counter on /admin', async () => {
  const p = await s.newPage(browser, { viewport: { width: 1366, height: 900 } });
  const officer = await s.newPage(browser);
  try {
    await s.signIn(p.page, server, '/admin?site=serang', 'admin', 'admin-demo');
    await p.page.waitForSelector('#site-list tr[data-site="serang"]');
    await p.page.fill('#site-id', 'kasemen');
    await p.page.fill('#site-name', 'Kecamatan Kasemen');
    await p.page.click('#site-add');
    await p.page.waitForSelector('#site-list tr[data-site="kasemen"]');
    await p.page.selectOption('#svc-site', 'kasemen');
    await p.page.fill('#svc-id', 'kk');
    await p.page.fill('#svc-prefix', 'C');
    await p.page.fill('#svc-name-id', 'Kartu Keluarga');
    await p.page.click('#svc-add');
    await p.page.waitForSelector('#site-list tr[data-site="kasemen"]:has-text("Kartu Keluarga")');
    await p.page.selectOption('#ctr-site', 'kasemen');
    await p.page.check('#ctr-services input[value="kk"]');
    await p.page.fill('#ctr-id', 'k1');
    await p.page.fill('#ctr-name', 'Loket Kasemen 1');
    await p.page.click('#ctr-add');
    await s.until(async () => (await publicCounters('kasemen')).includes('k1'), 10000);

    // The counters card is the page's site (serang): close Loket 2, then reopen it. The
    // officer working Loket 2 is sent back to the choice of counters, where it is gone.
    await s.signIn(officer.page, server, '/counter?site=serang', 'petugas2', 'petugas-demo');
    await officer.page.click('.pick-counter [data-counter="2"]');
    await officer.page.waitForSelector('#conn.conn-live');
    const row = '#counters tr[data-counter="2"]';
    await p.page.waitForSelector(`${row} button[data-field="open"]:has-text("Tutup")`);
    await p.page.click(`${row} button[data-field="open"]`);
    await s.until(async () => !(await publicCounters('serang')).includes('2'), 10000);
    await p.page.waitForSelector(`${row}.closed button[data-field="open"]:has-text("Buka")`);
    await p.page.waitForSelector('#notice.ok');
    await officer.page.waitForSelector('.pick-counter [data-counter="1"]');
    assert.equal(await officer.page.$('.pick-counter [data-counter="2"]'), null, 'a closed counter is no choice');
    const board = (await s.api(server, 'GET', '/api/v1/sites/serang/board')).body;
    assert.ok(!board.counters.some((c) => c.id === '2'), 'a closed counter leaves the board');
    await p.page.locator('#counters-card').screenshot({ path: path.join(s.outDir(), 'admin-counter-closed-1366.png') });

    await p.page.click(`${row} button[data-field="open"]`);
    await s.until(async () => (await publicCounters('serang')).includes('2'), 10000);
    await p.page.waitForSelector(`${row}:not(.closed) button[data-field="open"]:has-text("Tutup")`);
    await officer.page.waitForSelector('.pick-counter [data-counter="2"]');
    s.assertNoErrors(p);
    s.assertNoErrors(officer);
  } finally {
    await p.close();
    await officer.close();
  }
});

test('a supervisor sends blank cards to another site from the stock card', async () => {
  const admin = await s.login(server, 'admin', 'admin-demo');
  const made = await s.api(server, 'POST', '/api/v1/admin/sites', admin, { id: 'mpp', name: 'Mal Pelayanan Publik', time_zone: 'Asia/Jakarta' });
  assert.equal(made.status, 201);
  const count = async (site) => (await s.api(server, 'GET', `/api/v1/sites/${site}/stock`, admin)).body.count;
  const before = await count('serang');
  const p = await s.newPage(browser, { viewport: { width: 1366, height: 900 } });
  try {
    await s.signIn(p.page, server, '/supervisor?site=serang', 'supervisor', 'supervisor-demo');
    await p.page.waitForSelector('#stock-transfers');
    await p.page.click('#stock-transfer-open');
    await p.page.selectOption('#transfer-to', 'mpp');
    await p.page.fill('#transfer-count', '0');
    await p.page.click('#transfer-submit');
    await p.page.waitForSelector('#transfer-msg:not(:empty)');
    await p.page.fill('#transfer-count', '25');
    await p.page.fill('#transfer-reason', 'MPP kehabisan blangko');
    await p.page.click('#transfer-submit');
    await s.until(async () => (await count('mpp')) === 25, 10000);
    assert.equal(await count('serang'), before - 25);
    await p.page.waitForSelector('#stock-transfers li[data-kind="transfer_out"]:has-text("25 ke Mal Pelayanan Publik")');
    await p.page.waitForSelector(`#sup-stock-count:has-text("${before - 25}")`);
    await p.page.locator('#print-card').screenshot({ path: path.join(s.outDir(), 'supervisor-transfer-1366.png') });
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});
