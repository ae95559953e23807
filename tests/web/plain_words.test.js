// Plain words on the pages officers read (issue #17, item 7): no "backlog", "P90" or
// "median" jargon, and one term for the ID card, e-KTP (as on the kiosk and the display), in
// Indonesian and after the English switch. Screens are filled so that the print desk, the
// print outcome buttons, a "not printed" notice and the report's figures are all on show.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const s = require('./support');

const kJargon = /backlog|\bP90\b|\bmedian\b|KTP-el/i;
let server, browser, officer;

before(async () => {
  server = await s.startServer();
  browser = await s.launchBrowser();
  officer = await s.login(server, 'petugas3', 'petugas-demo');
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

// The page's visible text in Indonesian, then in English; fails on any jargon in either.
async function checkBothLanguages(page, what, ready) {
  for (const lang of ['id', 'en']) {
    if (lang === 'en') {
      await page.click('#lang');
      if (ready) await ready();
    }
    const text = await page.evaluate(() => document.body.innerText);
    const hit = kJargon.exec(text);
    assert.equal(hit, null, `${what} (${lang}) says "${hit && hit[0]}" in: ${text.slice(Math.max(0, (hit || {}).index - 60), (hit || {}).index + 60)}`);
  }
}

test('the printing counter console speaks plainly: print desk, outcome buttons and notices', async () => {
  const p = await s.newPage(browser);
  try {
    const a = await s.issue(server, 'cetak');
    await s.issue(server, 'cetak');
    await s.openCounter(p.page, server, '3');
    await p.page.click('#act-next');
    await p.page.waitForFunction((n) => document.querySelector('#cur-number')?.textContent === n, a.number);
    await p.page.click('#act-finish-backlog');
    await p.page.waitForSelector('#notice.warn');
    assert.match(await p.page.textContent('#notice'), /belum dicetak/);
    await p.page.click('#act-next');
    await p.page.waitForSelector('#backlog-length');
    await p.page.waitForFunction(() => document.querySelector('#backlog-length')?.textContent === '1');
    await p.page.screenshot({ path: path.join(s.outDir(), 'counter-print-plain.png') });
    await checkBothLanguages(p.page, 'counter console');
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('the supervisor view speaks plainly, its activity list too', async () => {
  const p = await s.newPage(browser);
  try {
    await s.signIn(p.page, server, '/supervisor', 'supervisor', 'supervisor-demo');
    await p.page.waitForSelector('#conn.conn-live');
    const t = await s.issue(server, 'cetak');
    const call = await s.api(server, 'POST', '/api/v1/sites/serang/counters/3/call', officer, { number: t.number });
    assert.equal(call.status, 200, JSON.stringify(call.body));
    const done = await s.api(server, 'POST', '/api/v1/sites/serang/counters/3/finish', officer, { outcome: 'backlog' });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    await p.page.waitForSelector(`#activity:has-text("${t.number} belum dicetak")`);
    await p.page.screenshot({ path: path.join(s.outDir(), 'supervisor-plain.png') });
    await checkBothLanguages(p.page, 'supervisor view');
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('the report page and the courier page speak plainly', async () => {
  const p = await s.newPage(browser);
  try {
    await s.signIn(p.page, server, '/admin/reports', 'supervisor', 'supervisor-demo');
    await p.page.waitForSelector('[data-figure="total.wait_p90_s"]');
    await p.page.screenshot({ path: path.join(s.outDir(), 'reports-plain.png'), fullPage: true });
    await checkBothLanguages(p.page, 'report page', () => p.page.waitForSelector('[data-figure="total.wait_p90_s"]'));
    await p.page.click('#lang');  // back to Indonesian for the next page

    const courier = (await fetch(server.url + '/courier')).status === 200 ? '/courier' : '/courier.html';
    await p.page.goto(server.url + courier);
    await p.page.fill('#login-user', 'petugas3');
    await p.page.fill('#login-pass', 'petugas-demo');
    await p.page.click('#login-btn');
    await p.page.waitForSelector('#app h2, #app .item, #app p');
    await checkBothLanguages(p.page, 'courier page');
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});
