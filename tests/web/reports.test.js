// Report page (/admin/reports): a short scripted day, then the page's figures and charts
// against the JSON and the CSV of the same report.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const s = require('./support');

const kSite = '/api/v1/sites/serang';
let server, browser, sup;

async function setClock(now) {
  const r = await s.api(server, 'POST', '/api/v1/test/clock', null, { now, frozen: true });
  assert.equal(r.status, 200, 'test clock: ' + JSON.stringify(r.body));
}

before(async () => {
  server = await s.startServer({ args: ['--test-clock'] });
  browser = await s.launchBrowser();
  // Monday 30 November 2026 (WIB): four tickets, three called, two served, one no-show.
  await setClock('2026-11-30T08:00:00+07:00');
  sup = await s.login(server, 'supervisor', 'supervisor-demo');
  const officer = await s.login(server, 'petugas1', 'petugas-demo');
  const act = async (counter, action, at) => {
    await setClock(at);
    const r = await s.api(server, 'POST', `${kSite}/counters/${counter}/${action}`, officer, {});
    assert.equal(r.status, 200, action + ': ' + JSON.stringify(r.body));
  };
  await s.issue(server, 'rekam');
  await setClock('2026-11-30T08:04:00+07:00');
  await s.issue(server, 'rekam');
  await s.issue(server, 'kk');
  await act('1', 'next', '2026-11-30T08:10:00+07:00');  // A001 waited 10:00
  await act('1', 'next', '2026-11-30T08:22:00+07:00');  // A001 served 12:00, A002 waited 18:00
  await act('1', 'no-show', '2026-11-30T08:25:00+07:00');
  await act('4', 'next', '2026-11-30T09:14:00+07:00');  // C001 waited 1:10:00
  await act('4', 'finish', '2026-11-30T09:20:00+07:00');
  await setClock('2026-11-30T10:05:00+07:00');
  await s.issue(server, 'ikd');
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

// Every [data-figure] on the page as {path: {value, text}}.
function pageFigures(page) {
  return page.$$eval('[data-figure]', (els) => Object.fromEntries(els.map((e) => [e.dataset.figure, { value: e.dataset.value, text: e.textContent }])));
}

const at = (obj, p) => p.split('.').reduce((o, k) => (o === undefined ? undefined : o[k]), obj);

test('the report page shows the JSON figures, per-hour bars and a daily trend; the CSV agrees', async () => {
  const p = await s.newPage(browser);
  try {
    await s.signIn(p.page, server, '/admin/reports?date=2026-11-30', 'supervisor', 'supervisor-demo');
    await p.page.waitForSelector('#tiles [data-figure="total.issued"]');
    const json = (await s.api(server, 'GET', `${kSite}/reports?from=2026-11-30&to=2026-11-30&group=service`, sup)).body;
    assert.equal(json.total.issued, 4);
    assert.equal(json.total.served, 2);

    const figures = await pageFigures(p.page);
    assert.ok(Object.keys(figures).length > 100, 'tiles and table cells carry their figures');
    for (const [where, f] of Object.entries(figures)) {
      assert.equal(f.value, String(at(json, where)), where);
    }
    assert.equal(figures['total.issued'].text, '4');
    assert.equal(figures['total.wait_mean_s'].text, '32:40');  // (600 + 1080 + 4200) / 3 s
    assert.equal(figures['total.wait_p90_s'].text, '1:10:00');
    assert.equal(figures['total.within_target_pct'].text, '66.7%');
    assert.equal(await p.page.textContent('#range'), '2026-11-30');

    // Charts: inline SVG, one group per hour, heights following the numbers.
    const hours = await p.page.$$eval('#chart-hours svg g.hour', (gs) => gs.map((g) => [+g.dataset.hour, +g.dataset.issued, +g.dataset.served]));
    assert.ok(hours.length >= 11);
    for (const [h, issued, served] of hours) assert.deepEqual([issued, served], [json.hours[h].issued, json.hours[h].served]);
    assert.deepEqual(hours.find((x) => x[0] === 8), [8, 3, 1]);
    const h8 = await p.page.$eval('#chart-hours g.hour[data-hour="8"] rect.bar-issued', (r) => +r.getAttribute('height'));
    const h10 = await p.page.$eval('#chart-hours g.hour[data-hour="10"] rect.bar-issued', (r) => +r.getAttribute('height'));
    assert.ok(Math.abs(h8 - 3 * h10) < 0.5, `bar heights ${h8} vs ${h10}`);
    assert.ok(await p.page.$('#chart-days svg polyline.line-issued'));
    assert.equal(await p.page.$eval('#chart-days circle.dot-served', (c) => c.dataset.value), '2');
    assert.equal(await p.page.$('script[src^="http"]'), null, 'no external scripts');

    // The CSV's total line carries the same figures as the page.
    const csv = await p.page.evaluate(async () => {
      const t = JSON.parse(localStorage.getItem('antre.session')).token;
      const r = await fetch('/api/v1/sites/serang/reports?from=2026-11-30&to=2026-11-30&format=csv', { headers: { Authorization: 'Bearer ' + t } });
      return r.text();
    });
    const lines = csv.split('\r\n').map((l) => l.split(','));
    const header = lines.find((l) => l[0] === 'rows');
    const total = lines.find((l) => l[0] === 'rows' && l[1] === 'total');
    let compared = 0;
    for (let i = 2; i < header.length; i++) {
      const shown = figures['total.' + header[i]];
      if (!shown) continue;  // a few CSV columns (counts behind the means) are not on the page
      assert.equal(total[i], shown.value, header[i]);
      compared++;
    }
    assert.ok(compared >= 18, `compared ${compared} CSV figures`);

    await p.page.screenshot({ path: path.join(s.outDir(), 'reports-1366x768.png') });
    await p.page.screenshot({ path: path.join(s.outDir(), 'reports-full.png'), fullPage: true });

    // English, by counter: the table follows; the figures still come from the JSON.
    await p.page.click('#lang');
    await p.page.selectOption('#group', 'counter');
    await p.page.waitForSelector('#rows tr[data-key="4"]');
    assert.equal(await p.page.textContent('#tiles .tile span'), 'Tickets issued');
    const byCounter = (await s.api(server, 'GET', `${kSite}/reports?from=2026-11-30&to=2026-11-30&group=counter`, sup)).body;
    const f2 = await pageFigures(p.page);
    for (const [where, f] of Object.entries(f2)) assert.equal(f.value, String(at(byCounter, where)), where);
    assert.equal(await p.page.textContent('#rows tr[data-key="1"] td'), 'Loket 1');

    // A month: the trend has a point per day.
    await p.page.click('#period button[data-period="month"]');
    await p.page.waitForFunction(() => document.querySelector('#range')?.textContent === '2026-11-01 – 2026-11-30');
    assert.equal(await p.page.$$eval('#chart-days circle.dot-issued', (c) => c.length), 30);
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('an officer may not open the report page', async () => {
  const p = await s.newPage(browser);
  try {
    await p.page.goto(server.url + '/admin/reports');
    await p.page.fill('#login-user', 'petugas2');
    await p.page.fill('#login-pass', 'petugas-demo');
    await p.page.click('#login-btn');
    await p.page.waitForSelector('#login-msg:has-text("petugas2")');
    assert.equal(await p.page.$('#tiles'), null);
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('the supervisor desk links to the reports, which open without a second sign-in', async () => {
  const p = await s.newPage(browser);
  try {
    await s.signIn(p.page, server, '/supervisor', 'supervisor', 'supervisor-demo');
    await p.page.screenshot({ path: path.join(s.outDir(), 'supervisor-with-reports-link.png') });
    await p.page.click('#reports-link');
    await p.page.waitForURL('**/admin/reports');
    await p.page.waitForSelector('#tiles [data-figure="total.issued"]');
    assert.equal(await p.page.textContent('#title'), 'Laporan');
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('booking patterns show per address and phone prefix on request, never a whole number', async () => {
  for (const n of [1, 2]) {
    const r = await s.api(server, 'POST', `${kSite}/bookings`, null, {
      nik: '36730115059000' + String(n).padStart(2, '0'), name: 'Warga', phone: '0812 9900 00' + (10 + n),
      service: 'rekam', slot_start: '2026-12-01T09:00:00+07:00', pow: await s.solvePow(server),
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  const p = await s.newPage(browser);
  try {
    await s.signIn(p.page, server, '/admin/reports?date=2026-11-30', 'supervisor', 'supervisor-demo');
    await p.page.click('#patterns-show');
    await p.page.waitForSelector('#by-prefix');
    assert.equal(await p.page.textContent('#by-address [data-key="127.0.0.1"]'), '127.0.0.12');
    assert.equal(await p.page.textContent('#by-prefix [data-key="081299"]'), '0812992');
    assert.doesNotMatch(await p.page.textContent('#patterns'), /081299000011|\+62/);
    await p.page.screenshot({ path: path.join(s.outDir(), 'reports-patterns.png'), fullPage: true });
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});
