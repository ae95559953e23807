// City view (/city): a supervisor sees the demo's three sites side by side, a ticket issued at one shows
// in its waiting count live, and the comparison report of a day and its CSV agree with the API.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const s = require('./support');

let server, browser;

before(async () => {
  // The demo's three sites: the main office, the MPP and Kecamatan Kasemen.
  server = await s.startServer({ args: ['--test-clock'] });
  browser = await s.launchBrowser();
  const r = await s.api(server, 'POST', '/api/v1/test/clock', null, { now: '2026-11-30T08:00:00+07:00' });
  assert.equal(r.status, 200);
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

const waiting = (page, site) => page.$eval(`.site-card[data-site="${site}"] [data-fig="waiting"] dd`, (e) => e.textContent);

test('the city view shows every site, follows their streams and updates a waiting count live', async () => {
  const p = await s.newPage(browser, { viewport: { width: 1366, height: 900 } });
  try {
    const streams = s.streamRequests(p.page);
    await s.signIn(p.page, server, '/city', 'supervisor', 'supervisor-demo');
    await p.page.waitForSelector('.site-card[data-site="serang-mpp"]');
    assert.deepEqual((await p.page.$$eval('.site-card h2', (els) => els.map((e) => e.textContent))).sort(),
      ['Disdukcapil Kota Serang', 'Kecamatan Kasemen', 'MPP Kota Serang']);
    await p.page.waitForSelector('#conn.conn-live');
    assert.equal(await waiting(p.page, 'serang'), '0');
    // Each site's stream is followed as staff (with the token), not as the public.
    const followed = streams.map((r) => r.url.match(/sites\/([^/]+)\/events/)[1]).sort();
    assert.deepEqual([...new Set(followed)], ['serang', 'serang-kasemen', 'serang-mpp']);
    assert.ok(streams.every((r) => /^Bearer /.test(r.headers.authorization || '')));

    await s.issue(server, 'rekam');
    await s.issue(server, 'kk');
    await s.until(async () => (await waiting(p.page, 'serang')) === '2');
    assert.equal(await waiting(p.page, 'serang-mpp'), '0');
    // Devices: the demo kiosk and display have never checked in.
    assert.match(await p.page.$eval('.site-card[data-site="serang"] [data-fig="devices"]', (e) => e.className), /bad/);

    await p.page.fill('#from', '2026-11-30');
    await p.page.fill('#to', '2026-11-30');
    await p.page.click('#show');
    await p.page.waitForSelector('#report-table tr[data-site="serang-mpp"]');
    const cells = (site) => p.page.$$eval(`#report-table tr[data-site="${site}"] td`, (els) => els.map((e) => e.textContent));
    // The table of the page's first (default) period may still be the one shown: wait for this one.
    await s.until(async () => (await cells('serang'))[1] === '2', 8000);
    assert.deepEqual((await cells('serang')).slice(0, 4), ['Disdukcapil Kota Serang', '2', '0', '0']);
    assert.deepEqual((await cells('serang-mpp')).slice(0, 4), ['MPP Kota Serang', '0', '0', '0']);
    // The print backlog: 0 for an office that prints, "—" for Kasemen, which prints no cards.
    assert.equal((await cells('serang-mpp')).at(-1), '0');
    assert.equal((await cells('serang-kasemen')).at(-1), '—');
    assert.equal(await p.page.getAttribute('#report-table tr[data-site="serang-kasemen"] td:last-child', 'title'), 'tidak mencetak');

    const [download] = await Promise.all([p.page.waitForEvent('download'), p.page.click('#csv')]);
    assert.equal(download.suggestedFilename(), 'antre-city-2026-11-30-2026-11-30.csv');
    const csv = fs.readFileSync(await download.path(), 'utf8').split('\r\n');
    assert.match(csv[0], /^site,name,from,to,target_minutes,issued,/);
    assert.equal(csv.length, 5);  // header, three sites, the empty tail after the last line break
    assert.ok(csv.some((l) => /^serang,Disdukcapil Kota Serang,2026-11-30,2026-11-30,0,2,/.test(l)));
    assert.ok(csv.some((l) => /^serang-mpp,MPP Kota Serang,2026-11-30,2026-11-30,0,0,/.test(l)));
    // Kasemen's four backlog fields are empty, the courier's five after them are figures.
    assert.match(csv.find((l) => l.startsWith('serang-kasemen,')), /,,,,,0,0,0,0,0$/);

    await p.page.screenshot({ path: path.join(s.outDir(), 'city.png'), fullPage: true });
    await p.page.click('#lang');
    assert.equal(await p.page.$eval('.site-card[data-site="serang"] [data-fig="waiting"] dt', (e) => e.textContent), 'Waiting');
    await p.page.screenshot({ path: path.join(s.outDir(), 'city-en.png'), fullPage: true });
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('the supervisor page links to the city view', async () => {
  const p = await s.newPage(browser);
  try {
    await s.signIn(p.page, server, '/supervisor', 'supervisor', 'supervisor-demo');
    await p.page.waitForSelector('#conn.conn-live');
    assert.ok(await p.page.isVisible('#city-link'));
    await p.page.screenshot({ path: path.join(s.outDir(), 'supervisor-with-city-link.png') });
    await p.page.click('#city-link');
    await p.page.waitForSelector('.site-card[data-site="serang-mpp"]');
    assert.equal(new URL(p.page.url()).pathname, '/city');
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('an officer may not open the city view', async () => {
  const p = await s.newPage(browser);
  try {
    await p.page.goto(server.url + '/city');
    await p.page.fill('#login-user', 'petugas1');
    await p.page.fill('#login-pass', 'petugas-demo');
    await p.page.click('#login-btn');
    await p.page.waitForSelector('#login-msg:not(:empty)');
    assert.match(await p.page.textContent('#login-msg'), /petugas1/);
    assert.equal(await p.page.$('.site-card'), null);
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('a site that prints no cards shows no blank-card alarm, only "does not print"', async () => {
  // Kasemen has no print service: its stock of 0 blank cards is not "none left".
  const sup = await s.login(server, 'supervisor', 'supervisor-demo');
  const r = await s.api(server, 'GET', '/api/v1/city/summary', sup);
  assert.equal(r.status, 200);
  const row = (id) => r.body.sites.find((x) => x.id === id);
  assert.equal(row('serang').prints_cards, true);
  assert.equal(row('serang-mpp').prints_cards, true);
  assert.equal(row('serang-kasemen').prints_cards, false);

  const p = await s.newPage(browser, { viewport: { width: 1366, height: 900 } });
  try {
    await s.signIn(p.page, server, '/city', 'supervisor', 'supervisor-demo');
    const fig = (site, key) => p.page.$eval(`.site-card[data-site="${site}"] [data-fig="${key}"]`,
      (e) => ({ cls: e.className, dd: e.querySelector('dd').textContent }));
    await p.page.waitForSelector('.site-card[data-site="serang-kasemen"]');
    for (const key of ['stock', 'backlog']) {
      const f = await fig('serang-kasemen', key);
      assert.match(f.dd, /^— tidak mencetak$/, key);
      assert.doesNotMatch(f.cls, /bad|warn/, key);
    }
    // A printing office keeps its figures.
    assert.match((await fig('serang-mpp', 'stock')).dd, /^200 cukup$/);
    await p.page.screenshot({ path: path.join(s.outDir(), 'city-no-printing.png'), fullPage: true });
    await p.page.click('#lang');
    assert.equal((await fig('serang-kasemen', 'stock')).dd, '— no printing');
    // Cards it holds anyway still show, with no level and no alarm.
    const sent = await s.api(server, 'POST', '/api/v1/sites/serang-kasemen/stock', sup, { delta: 5, kind: 'received' });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    await s.until(async () => (await fig('serang-kasemen', 'stock')).dd === '5 no printing');
    assert.doesNotMatch((await fig('serang-kasemen', 'stock')).cls, /bad|warn/);
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});
