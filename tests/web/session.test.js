// Several tabs of one browser share the stored sign-in (issue #17, item 9): signing out in one
// tab, or signing in with another account in another, never leaves a page that looks
// connected while its presses are refused. Each page keeps working with its own session, or
// says at once that it must sign in again.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const s = require('./support');

let server, browser;

before(async () => ({ server, browser } = await s.startServerAndBrowser()));
after(() => s.stopAll(browser, server));

const ticket = async (id) => (await s.api(server, 'GET', '/api/v1/tickets/' + id)).body;

// A second tab in the same browser context (same localStorage), on a page already signed in.
async function secondTab(p, pagePath) {
  const page = await p.context.newPage();
  page.on('pageerror', (e) => p.errors.push('pageerror (tab 2): ' + e.message));
  page.setDefaultTimeout(5000);
  await page.goto(server.url + pagePath);
  return page;
}

test('"Keluar" in another tab: the open console says at once that it must sign in again', async () => {
  const p = await s.newPage(browser);
  try {
    await s.openCounter(p.page, server, '3');
    const tab2 = await secondTab(p, '/counter');
    await tab2.waitForSelector('#act-next');  // the same sign-in, the same counter
    await tab2.click('#logout');
    await tab2.waitForSelector('#login-form');

    // Without any press, the first tab stops showing a console that looks connected.
    await p.page.waitForSelector('#login-form', { timeout: 3000 });
    assert.match(await p.page.textContent('#login-msg'), /keluar di tab atau jendela lain/);
    assert.equal(await p.page.isVisible('#conn'), false, 'no "Terhubung" beside the login form');
    await p.page.screenshot({ path: path.join(s.outDir(), 'session-signed-out-elsewhere.png') });

    // Signing in again there brings the console back at the same counter.
    await p.page.fill('#login-user', 'petugas3');
    await p.page.fill('#login-pass', 'petugas-demo');
    await p.page.click('#login-btn');
    await p.page.waitForSelector('#act-next');
    assert.match(await p.page.textContent('#title'), /Loket 3/);
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('another account in another tab: the console keeps working as its own officer', async () => {
  const p = await s.newPage(browser);
  try {
    const t = await s.issue(server, 'kk');
    await s.openCounter(p.page, server, '4');

    // The supervisor opens /supervisor in a second tab: it refuses the officer's stored
    // sign-in, and the supervisor signs in there.
    const tab2 = await secondTab(p, '/supervisor');
    await tab2.waitForSelector('#login-msg:has-text("petugas4")');
    await tab2.fill('#login-user', 'supervisor');
    await tab2.fill('#login-pass', 'supervisor-demo');
    await tab2.click('#login-btn');
    await tab2.waitForSelector('#counters .ctr');

    // The console still calls, as petugas4, and says so.
    await p.page.waitForTimeout(300);  // let the first tab see the stored change
    assert.equal(await p.page.textContent('#user'), 'petugas4');
    assert.ok(await p.page.$('#conn.conn-live'), 'still connected');
    await p.page.click('#act-next');
    await p.page.waitForFunction((n) => document.querySelector('#cur-number')?.textContent === n, t.number);
    const called = await ticket(t.id);
    assert.equal(called.status, 'called');
    assert.equal(called.counter, '4');
    const officer = await s.login(server, 'petugas4', 'petugas-demo');
    const counters = (await s.api(server, 'GET', '/api/v1/sites/serang/counters', officer)).body;
    assert.equal(counters.find((c) => c.id === '4').officer, 'petugas4', 'the press was made as petugas4, not the supervisor');

    // The supervisor tab signs out: the console's own session is untouched.
    await tab2.click('#logout');
    await tab2.waitForSelector('#login-form');
    await p.page.waitForTimeout(300);
    await p.page.click('#act-finish');
    await p.page.waitForSelector('#cur-number.none');
    assert.equal((await ticket(t.id)).status, 'done');
    assert.equal(await p.page.isVisible('#login-form'), false);
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('a press refused with 401 shows the sign-in form with a plain message', async () => {
  const p = await s.newPage(browser);
  try {
    await s.openCounter(p.page, server, '5');
    // The console's own token is revoked behind its back (an administrator, or an expiry).
    const token = await p.page.evaluate(() => window.Antre.session().token);
    assert.equal((await s.api(server, 'POST', '/api/v1/auth/logout', token)).status, 200);
    await p.page.keyboard.press('b');
    await p.page.waitForSelector('#login-form');
    assert.match(await p.page.textContent('#login-msg'), /Sesi Anda telah berakhir\. Silakan masuk lagi/);
    assert.equal(await p.page.isVisible('#conn'), false);
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});
