// Staff per site on the pages (issue #19 item 2): the supervisor page, reports and console
// offer only the sites an account may work; a supervisor of several switches between them; an
// officer of one site can neither pick another nor reach it through the API.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const s = require('./support');

let server, browser;
const picked = (page) => page.$$eval('#site-pick option', (os) => os.map((o) => o.value));

before(async () => {
  server = await s.startServer({ args: ['--test-clock'] });
  browser = await s.launchBrowser();
  const admin = await s.login(server, 'admin', 'admin-demo');
  const made = await s.api(server, 'POST', '/api/v1/admin/users', admin,
    { username: 'spv-dua', role: 'supervisor', password: 'spv-dua-demo', sites: ['serang', 'serang-mpp'] });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  // One ticket waiting at each of two sites, from each site's own kiosk.
  for (const [site, token, service] of [['serang', 'demo-kiosk-token', 'rekam'], ['serang-mpp', 'demo-kiosk-mpp', 'ikd']]) {
    const r = await s.api(server, 'POST', `/api/v1/sites/${site}/tickets`, token, { service });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

test('a supervisor of two of three sites sees exactly those two and switches to the other queue', async () => {
  const p = await s.newPage(browser);
  try {
    await s.signIn(p.page, server, '/supervisor', 'spv-dua', 'spv-dua-demo');
    await p.page.waitForSelector('#site-pick');
    assert.deepEqual(await picked(p.page), ['serang', 'serang-mpp']);
    assert.equal(await p.page.inputValue('#site-pick'), 'serang');
    await p.page.waitForSelector('tr[data-ticket="A001"]');
    assert.equal(await p.page.$('tr[data-ticket="E001"]'), null);

    await Promise.all([p.page.waitForURL(/site=serang-mpp/), p.page.selectOption('#site-pick', 'serang-mpp')]);
    await p.page.waitForSelector('tr[data-ticket="E001"]');
    assert.equal(await p.page.$('tr[data-ticket="A001"]'), null);
    assert.equal(await p.page.inputValue('#site-pick'), 'serang-mpp');
    await p.page.waitForSelector('#conn.conn-live');
    await p.page.screenshot({ path: path.join(s.outDir(), 'supervisor-site-switch.png') });

    // The reports page remembers the site and offers the same two.
    await p.page.goto(server.url + '/admin/reports');
    await p.page.waitForSelector('#site-pick');
    assert.deepEqual(await picked(p.page), ['serang', 'serang-mpp']);
    assert.equal(await p.page.inputValue('#site-pick'), 'serang-mpp');
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('a ?site= the supervisor may not work is not obeyed', async () => {
  const p = await s.newPage(browser);
  try {
    await s.signIn(p.page, server, '/supervisor?site=serang-kasemen', 'spv-dua', 'spv-dua-demo');
    await p.page.waitForSelector('tr[data-ticket="A001"]');
    assert.equal(await p.page.inputValue('#site-pick'), 'serang');
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('an officer of one site gets no site menu, works only there, and the API refuses another site', async () => {
  const p = await s.newPage(browser);
  try {
    await s.signIn(p.page, server, '/counter?site=serang', 'petugas-mpp', 'petugas-demo');
    await p.page.waitForSelector('.pick-counter [data-counter]');
    assert.equal(await p.page.$('#site-pick'), null);
    // MPP's three counters, not the main office's six.
    assert.equal((await p.page.$$('.pick-counter [data-counter]')).length, 3);
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
  const officer = await s.login(server, 'petugas-mpp', 'petugas-demo');
  const me = await s.api(server, 'GET', '/api/v1/auth/me', officer);
  assert.deepEqual(me.body.work_sites, [{ id: 'serang-mpp', name: 'MPP Kota Serang' }]);
  for (const [method, route, body] of [['GET', '/api/v1/sites/serang/queue'],
    ['POST', '/api/v1/sites/serang/counters/1/next', {}], ['GET', '/api/v1/sites/serang-kasemen/queue']]) {
    const r = await s.api(server, method, route, officer, body);
    assert.equal(r.status, 403, route);
    assert.equal(r.body.error.code, 'forbidden', route);
  }
  assert.equal((await s.api(server, 'GET', '/api/v1/sites/serang-mpp/queue', officer)).status, 200);
});

// With the site menu the supervisor page's header keeps one row on a 1366 × 768 office screen,
// in both languages (it wrapped "English" and "Keluar" to a second row).
test('with the site menu the supervisor header fits one row at 1366 px', async () => {
  const p = await s.newPage(browser, { viewport: { width: 1366, height: 768 } });
  try {
    await s.signIn(p.page, server, '/supervisor', 'supervisor', 'supervisor-demo');
    await p.page.waitForSelector('#site-pick');
    await p.page.waitForSelector('#conn.conn-live');
    // Centre lines of the header's visible items: one row means they all sit on one line.
    const rows = () => p.page.$$eval('header.bar > *', (els) => {
      const mids = els.filter((e) => e.getClientRects().length && e.getBoundingClientRect().width > 0)
        .map((e) => { const r = e.getBoundingClientRect(); return r.top + r.height / 2; });
      return Math.max(...mids) - Math.min(...mids);
    });
    assert.ok((await rows()) < 8, 'header items on one row (spread ' + (await rows()) + ' px)');
    await p.page.screenshot({ path: path.join(s.outDir(), 'supervisor-header-1366.png') });
    await p.page.click('#lang');
    await p.page.waitForFunction(() => (document.querySelector('#logout')?.textContent ?? 'Keluar') !== 'Keluar');
    assert.ok((await rows()) < 8, 'English header on one row (spread ' + (await rows()) + ' px)');
    await p.page.screenshot({ path: path.join(s.outDir(), 'supervisor-header-1366-en.png') });
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});
