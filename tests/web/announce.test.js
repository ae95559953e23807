// Supervisor view: the announcements card (issue #7). An announcement posted through the
// page reaches the public board within a second; removing it takes it off; a bad end time
// is refused in plain Indonesian and creates nothing; other supervisors' changes show live.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const s = require('./support');

let server, browser, sup;

before(async () => {
  server = await s.startServer();
  browser = await s.launchBrowser();
  sup = await s.login(server, 'supervisor', 'supervisor-demo');
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

// The demo site is Asia/Jakarta: a datetime-local value `minutes` from now, in its local time.
const wib = (minutes) => new Date(Date.now() + (7 * 60 + minutes) * 60000).toISOString().slice(0, 16);
const board = async () => (await s.api(server, 'GET', '/api/v1/sites/serang/board')).body.announcements;
const listed = async () => (await s.api(server, 'GET', '/api/v1/sites/serang/announcements')).body;

async function openSupervisor(p) {
  await s.signIn(p.page, server, '/supervisor', 'supervisor', 'supervisor-demo');
  await p.page.waitForSelector('#announce-card #announce p, #announce-card #announce ul');
  await p.page.waitForSelector('#conn.conn-live');
}

test('post an announcement through the page, see it on the board within a second, remove it', async (t) => {
  const p = await s.newPage(browser);
  const text = 'Loket 3 istirahat sampai 13:00.';
  try {
    await openSupervisor(p);
    assert.match(await p.page.textContent('#announce-card'), /Pengumuman.*Tidak ada pengumuman/);
    await p.page.click('#announce-open');
    await p.page.waitForSelector('dialog.dlg #announce-form');
    // The start defaults to the site's "now" (to the minute).
    const start = await p.page.inputValue('#ann-start');
    assert.ok([wib(-1), wib(0)].includes(start), `start ${start} is not the site's now ${wib(0)}`);
    await p.page.fill('#ann-text-id', text);
    await p.page.fill('#ann-text-en', 'Counter 3 is on a break until 13:00.');
    await p.page.fill('#ann-end', wib(45));
    await p.page.screenshot({ path: path.join(s.outDir(), 'supervisor-announce-dialog.png') });

    const clicked = Date.now();
    await p.page.click('#ann-submit');
    const [, onBoard] = await Promise.all([
      p.page.waitForSelector(`#announce li[data-state="live"]:has-text("${text}")`, { timeout: 1000 }),
      s.until(async () => (await board()).find((a) => a.text.id === text), 1000).then(board),
    ]);
    const ms = Date.now() - clicked;
    assert.ok(ms < 1000, `on the card and the board after ${ms} ms`);
    t.diagnostic(`on the card and the board ${ms} ms after the click`);
    const a = onBoard.find((x) => x.text.id === text);
    assert.equal(a.text.en, 'Counter 3 is on a break until 13:00.');
    assert.equal(a.state, 'live');
    assert.equal(a.ends_at.slice(0, 16), wib(45));
    assert.match(a.ends_at, /\+07:00$/);
    await p.page.waitForSelector('dialog.dlg', { state: 'detached' });
    const item = `#announce li[data-announcement="${a.id}"]`;
    assert.match(await p.page.textContent(item), /Tayang/);
    assert.match(await p.page.textContent(item), /Counter 3 is on a break/);
    assert.match(await p.page.textContent(item), new RegExp(`${wib(45).slice(11)}`));
    await p.page.locator('#announce-card').screenshot({ path: path.join(s.outDir(), 'supervisor-announce-card.png') });

    await p.page.click(`${item} button[data-action="remove"]`);
    await p.page.waitForSelector(item, { state: 'detached', timeout: 2000 });
    await s.until(async () => !(await board()).some((x) => x.id === a.id), 2000);
    assert.ok(!(await listed()).some((x) => x.id === a.id));
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('an end before the start is refused in Indonesian and creates nothing', async () => {
  const p = await s.newPage(browser);
  try {
    await openSupervisor(p);
    const before = (await listed()).length;
    await p.page.click('#announce-open');
    await p.page.fill('#ann-text-id', 'Pengumuman yang salah waktu');
    await p.page.fill('#ann-start', wib(60));
    await p.page.fill('#ann-end', wib(30));
    await p.page.click('#ann-submit');
    await p.page.waitForSelector('#ann-msg:has-text("Waktu selesai harus sesudah waktu mulai")');
    await p.page.screenshot({ path: path.join(s.outDir(), 'supervisor-announce-error.png') });
    // The dialog stays open with what was typed.
    assert.equal(await p.page.inputValue('#ann-text-id'), 'Pengumuman yang salah waktu');
    assert.equal(await p.page.isEnabled('#ann-submit'), true);
    assert.equal((await listed()).length, before);
    await p.page.click('dialog.dlg .dlg-actions button:has-text("Batal")');
    await p.page.waitForSelector('dialog.dlg', { state: 'detached' });
    assert.equal((await listed()).length, before);
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test("another supervisor's announcement appears and leaves live; English labels", async () => {
  const p = await s.newPage(browser);
  try {
    await openSupervisor(p);
    await p.page.click('#lang');
    await p.page.waitForSelector('#announce-card h2:has-text("Announcements")');
    const r = await s.api(server, 'POST', '/api/v1/sites/serang/announcements', sup,
      { text: { id: 'Layanan KIA dibuka pukul 10:00.' }, starts_at: wib(90) + ':00+07:00', ends_at: wib(120) + ':00+07:00' });
    assert.equal(r.status, 201);
    assert.equal(r.body.state, 'scheduled');
    // A scheduled one sends no event until it starts: the card shows it on its next read.
    const live = await s.api(server, 'POST', '/api/v1/sites/serang/announcements', sup,
      { text: { id: 'Server sedang dirawat.', en: 'Server maintenance.' }, ends_at: wib(20) + ':00+07:00' });
    assert.equal(live.status, 201);
    await p.page.waitForSelector(`#announce li[data-announcement="${live.body.id}"]:has-text("Live")`, { timeout: 1000 });
    assert.match(await p.page.textContent(`#announce li[data-announcement="${r.body.id}"]`), /Scheduled/);
    const gone = await s.api(server, 'POST', `/api/v1/sites/serang/announcements/${live.body.id}/remove`, sup);
    assert.equal(gone.status, 200);
    await p.page.waitForSelector(`#announce li[data-announcement="${live.body.id}"]`, { state: 'detached', timeout: 1000 });
    await p.page.click(`#announce li[data-announcement="${r.body.id}"] button[data-action="remove"]`);
    await p.page.waitForSelector('#announce p:has-text("No live or scheduled announcements")');
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});
