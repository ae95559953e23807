// Supervisor view (/supervisor): live counters, queues and printer faults; pause/resume,
// move and cancel; and who may open it.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const fs = require('node:fs');
const s = require('./support');

let server, browser, officer;

before(async () => {
  server = await s.startServer({ args: ['--test-clock'] });
  browser = await s.launchBrowser();
  officer = await s.login(server, 'petugas1', 'petugas-demo');
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

const act = (counter, action, body) =>
  s.api(server, 'POST', `/api/v1/sites/serang/counters/${counter}/${action}`, officer, body);
const ticket = async (id) => (await s.api(server, 'GET', '/api/v1/tickets/' + id)).body;

async function openSupervisor(p) {
  await s.signIn(p.page, server, '/supervisor', 'supervisor', 'supervisor-demo');
  await p.page.waitForSelector('#counters .ctr');
  await p.page.waitForSelector('#conn.conn-live');
}

test('an officer account cannot open the supervisor view', async () => {
  const p = await s.newPage(browser);
  try {
    await p.page.goto(server.url + '/supervisor');
    await p.page.fill('#login-user', 'petugas2');
    await p.page.fill('#login-pass', 'petugas-demo');
    await p.page.click('#login-btn');
    await p.page.waitForSelector('#login-msg:has-text("petugas2")');
    assert.equal(await p.page.evaluate(() => localStorage.getItem('antre.session')), null);
    assert.match(await p.page.textContent('#login-msg'), /petugas2.*tidak boleh/);
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('a call at a counter shows on the supervisor view within a second', async () => {
  const p = await s.newPage(browser);
  try {
    const streams = s.streamRequests(p.page);
    const t = await s.issue(server, 'rekam');
    await openSupervisor(p);
    await s.until(() => streams.length > 0);
    assert.match(streams[0].headers['authorization'] || '', /^Bearer [0-9a-f]{64}$/);
    await p.page.waitForSelector(`#queue tr[data-ticket="${t.number}"]`);
    const started = Date.now();
    const r = await act('1', 'next');
    assert.equal(r.body.number, t.number);
    await p.page.waitForSelector(`.ctr[data-counter="1"] [data-role="ticket"]:has-text("${t.number}")`, { timeout: 1000 });
    const ms = Date.now() - started;
    assert.ok(ms < 1000, `seen after ${ms} ms`);
    assert.match(await p.page.textContent('.ctr[data-counter="1"]'), /petugas1/);
    assert.match(await p.page.textContent('.ctr[data-counter="1"]'), /Melayani/);
    await p.page.waitForSelector(`#queue tr[data-ticket="${t.number}"]`, { state: 'detached' });
    assert.match(await p.page.textContent('#activity'), new RegExp(`${t.number} dipanggil ke Loket 1`));
    await act('1', 'finish');
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('pause and resume a counter', async () => {
  const p = await s.newPage(browser);
  try {
    await openSupervisor(p);
    await p.page.click('.ctr[data-counter="3"] button[data-action="pause"]');
    await p.page.waitForSelector('.ctr[data-counter="3"][data-state="paused"]');
    await p.page.waitForSelector('#paused .chip[data-counter="3"]');
    const c = (await s.api(server, 'GET', '/api/v1/sites/serang/counters')).body.find((x) => x.id === '3');
    assert.equal(c.state, 'paused');
    await p.page.click('.ctr[data-counter="3"] button[data-action="resume"]');
    await p.page.waitForSelector('.ctr[data-counter="3"][data-state="idle"]');
    assert.match(await p.page.textContent('#paused'), /Semua loket aktif/);
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('move a waiting ticket to another service, and cancel one with a reason', async () => {
  const p = await s.newPage(browser);
  try {
    const a = await s.issue(server, 'kk');
    const b = await s.issue(server, 'akta');
    await openSupervisor(p);
    await p.page.click(`#queue tr[data-ticket="${a.number}"] button[data-action="move"]`);
    await p.page.click('#move-choices [data-service="cetak"]');
    await p.page.waitForSelector(`#queue tr[data-ticket="${a.number}"]:has-text("Pencetakan e-KTP")`);
    const moved = await ticket(a.id);
    assert.equal(moved.service, 'cetak');
    assert.equal(moved.status, 'waiting');

    await p.page.click(`#queue tr[data-ticket="${b.number}"] button[data-action="cancel"]`);
    await p.page.click('#cancel-submit'); // an empty reason is not sent
    assert.equal(await p.page.isVisible('#cancel-reason'), true);
    await p.page.click('dialog .chip:has-text("Tiket ganda")');
    assert.equal(await p.page.inputValue('#cancel-reason'), 'Tiket ganda');
    await p.page.click('#cancel-submit');
    await p.page.waitForSelector(`#queue tr[data-ticket="${b.number}"]`, { state: 'detached' });
    assert.equal((await ticket(b.id)).status, 'cancelled');
    assert.match(await p.page.textContent('#notice'), new RegExp(`${b.number} dibatalkan`));
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('a kiosk printer fault shows up live', async () => {
  const p = await s.newPage(browser);
  try {
    await openSupervisor(p);
    const r = await s.api(server, 'POST', '/api/v1/sites/serang/kiosk/status', 'demo-kiosk-token',
      { printer: 'paper_out', message: 'kertas habis' });
    assert.equal(r.status, 200);
    await p.page.waitForSelector('#printers li:has-text("Kertas habis")', { timeout: 2000 });
    await s.api(server, 'POST', '/api/v1/sites/serang/kiosk/status', 'demo-kiosk-token', { printer: 'ok' });
    await p.page.waitForSelector('#printers:has-text("Semua kiosk dan layar normal")', { timeout: 2000 });
    // The wall display has not checked in yet; when it does without sound, that is a fault.
    assert.match(await p.page.textContent('#never-seen'), /Belum pernah terhubung: display-1/);
    const r2 = await s.api(server, 'POST', '/api/v1/sites/serang/display/status', 'demo-display-token', { audio: 'none' });
    assert.equal(r2.status, 200);
    await p.page.waitForSelector('#printers li[data-device="display-1"]:has-text("Tanpa suara")', { timeout: 2000 });
    assert.equal(await p.page.isVisible('#never-seen'), false);
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('screenshot of the supervisor view at 1366x768', async () => {
  const p = await s.newPage(browser);
  try {
    const issued = [];
    for (const [svc, prio] of [['rekam', null], ['rekam', null], ['rekam', 'lansia'], ['rekam', null], ['cetak', null],
      ['cetak', null], ['kk', null], ['akta', 'hamil'], ['ikd', null], ['info', null], ['info', null], ['rekam', null],
      ['kk', null], ['cetak', null]]) {
      issued.push(await s.issue(server, svc, prio));
    }
    await openSupervisor(p);
    const tokens = {};
    for (const c of ['1', '2', '3', '4', '5']) {
      tokens[c] = await s.login(server, 'petugas' + c, 'petugas-demo');
      await s.api(server, 'POST', `/api/v1/sites/serang/counters/${c}/next`, tokens[c]);
    }
    await s.api(server, 'POST', '/api/v1/sites/serang/counters/6/pause', tokens['5']);
    await s.api(server, 'POST', '/api/v1/sites/serang/kiosk/status', 'demo-kiosk-token',
      { printer: 'paper_out', message: 'Kertas printer habis' });
    await p.page.waitForSelector('.ctr[data-counter="6"][data-state="paused"]');
    await p.page.waitForSelector('#printers li');
    await p.page.waitForTimeout(1500); // the highlight of new calls fades
    const file = path.join(s.outDir(), 'supervisor.png');
    await p.page.screenshot({ path: file });
    assert.ok(fs.statSync(file).size > 10000);
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});

// Last, because it moves the server's clock forward.
test('a display that stops checking in is flagged as silent', async () => {
  const p = await s.newPage(browser);
  try {
    assert.equal((await s.api(server, 'POST', '/api/v1/sites/serang/display/status', 'demo-display-token',
      { audio: 'ok' })).status, 200);
    const later = new Date(Date.now() + 4 * 60 * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
    assert.equal((await s.api(server, 'POST', '/api/v1/test/clock', null, { now: later })).status, 200);
    await openSupervisor(p);
    const item = await p.page.waitForSelector('#printers li[data-device="display-1"][data-silent="true"]', { timeout: 3000 });
    assert.match(await item.textContent(), /Layar display-1.*tidak melapor sejak \d\d:\d\d/);
    await (await p.page.$('#printers')).screenshot({ path: path.join(s.outDir(), 'supervisor-devices.png') });
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});
