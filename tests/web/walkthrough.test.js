// Counter console against the real server, for issue #17: a no-show or a "next" pressed by
// mistake is undone from the notice (or Z), and the server's refusals read in the console's
// language.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const s = require('./support');

let server, browser;

before(async () => ({ server, browser } = await s.startServerAndBrowser()));
after(() => s.stopAll(browser, server));

const ticket = async (id) => (await s.api(server, 'GET', '/api/v1/tickets/' + id)).body;
const currentIs = (page, n) => page.waitForFunction((x) => document.querySelector('#cur-number')?.textContent === x, n);

test('undo after T (Tidak Hadir) and after B (Berikutnya) puts the counter back as it was', async () => {
  const p = await s.newPage(browser);
  try {
    const a = await s.issue(server, 'kk');
    const b = await s.issue(server, 'kk');
    await s.openCounter(p.page, server, '4');
    await p.page.keyboard.press('b');
    await currentIs(p.page, a.number);

    // T by mistake (the resident was only at the toilet): the notice offers an undo.
    await p.page.keyboard.press('t');
    await p.page.waitForSelector('#notice #undo');
    assert.match(await p.page.textContent('#notice'), new RegExp(a.number + ' dicatat tidak hadir'));
    await p.page.screenshot({ path: path.join(s.outDir(), 'counter-undo-no-show.png') });
    await p.page.keyboard.press('z');
    await p.page.waitForSelector('#notice:has-text("Diurungkan")');
    await currentIs(p.page, a.number);
    assert.equal((await ticket(a.id)).status, 'called');
    assert.equal(await p.page.$('#undo'), null, 'the offer is used once');

    // B too early: the undo button sends the newly called ticket back to its place.
    await p.page.click('#act-next');
    await currentIs(p.page, b.number);
    await p.page.click('#notice #undo');
    await p.page.waitForSelector('#notice:has-text("Diurungkan")');
    await currentIs(p.page, a.number);
    const back = await ticket(b.id);
    assert.equal(back.status, 'waiting');
    assert.equal(back.position, 1);
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('a refusal reads in Indonesian, and in English after the language switch', async () => {
  const p = await s.newPage(browser);
  try {
    const t = await s.issue(server, 'ikd');
    const other = await s.login(server, 'petugas6', 'petugas-demo');
    const held = await s.api(server, 'POST', '/api/v1/sites/serang/counters/6/call', other, { number: t.number });
    assert.equal(held.status, 200);
    await s.openCounter(p.page, server, '5');
    const callHeld = async () => {
      await p.page.keyboard.press('n');
      await p.page.fill('#call-number', t.number);
      await p.page.click('#call-submit');
    };
    await callHeld();
    await p.page.waitForSelector('#notice.error');
    assert.equal(await p.page.textContent('#notice'),
      `Tidak bisa: tiket ${t.number} berstatus dipanggil, tidak sedang menunggu`);
    await p.page.screenshot({ path: path.join(s.outDir(), 'counter-error-id.png') });

    await p.page.click('#lang');
    await callHeld();
    await p.page.waitForSelector('#notice.error:has-text("Not possible")');
    assert.equal(await p.page.textContent('#notice'), `Not possible: ticket ${t.number} is called, not waiting`);
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('a supervisor returns a no-show to the queue from the activity list', async () => {
  const p = await s.newPage(browser);
  try {
    await s.signIn(p.page, server, '/supervisor', 'supervisor', 'supervisor-demo');
    await p.page.waitForSelector('#activity');
    const t = await s.issue(server, 'akta');
    const officer = await s.login(server, 'petugas4', 'petugas-demo');
    assert.equal((await s.api(server, 'POST', '/api/v1/sites/serang/counters/4/call', officer, { number: t.number })).status, 200);
    assert.equal((await s.api(server, 'POST', '/api/v1/sites/serang/counters/4/no-show', officer, {})).status, 200);
    const button = `#activity [data-action="requeue"][data-number="${t.number}"]`;
    await p.page.waitForSelector(button);
    await p.page.locator('#activity-card').screenshot({ path: path.join(s.outDir(), 'supervisor-requeue.png') });
    await p.page.click(button);
    await p.page.waitForSelector('#notice:has-text("kembali ke antrean")');
    await s.until(async () => (await ticket(t.id)).status === 'waiting');
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('the resident\'s ticket page of a no-show keeps listening, and shows the return to the queue', async () => {
  const p = await s.newPage(browser, { viewport: { width: 360, height: 740 } });
  try {
    const t = await s.issue(server, 'info');
    await p.page.goto(server.url + '/t/' + t.id);
    await p.page.waitForSelector('#status.s-waiting');
    const officer = await s.login(server, 'petugas5', 'petugas-demo');
    assert.equal((await s.api(server, 'POST', '/api/v1/sites/serang/counters/5/call', officer, { number: t.number })).status, 200);
    assert.equal((await s.api(server, 'POST', '/api/v1/sites/serang/counters/5/no-show', officer, {})).status, 200);
    await p.page.waitForSelector('#status.s-no_show');
    assert.match(await p.page.textContent('#final'), /dikembalikan ke antrean/);
    const boss = await s.login(server, 'supervisor', 'supervisor-demo');
    assert.equal((await s.api(server, 'POST', `/api/v1/sites/serang/tickets/${t.number}/requeue`, boss, {})).status, 200);
    await p.page.waitForSelector('#status.s-waiting', { timeout: 3000 });
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});
