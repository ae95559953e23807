// Admin page (/admin): users, counters and services; changes apply at once on open consoles.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const s = require('./support');

let server, browser;

before(async () => {
  server = await s.startServer();
  browser = await s.launchBrowser();
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

async function openAdmin(p) {
  await s.signIn(p.page, server, '/admin', 'admin', 'admin-demo');
  await p.page.waitForSelector('#counters tr[data-counter="1"]');
  await p.page.waitForSelector('#conn.conn-live');
}

test("a counter's services changed by the admin take effect at once on its console", async () => {
  const admin = await s.newPage(browser);
  const officer = await s.newPage(browser);
  try {
    const b = await s.issue(server, 'cetak');
    await s.openCounter(officer.page, server, '1');
    assert.equal(await officer.page.$('#queue [data-service="cetak"]'), null, 'Loket 1 serves only rekam');

    await openAdmin(admin);
    const row = '#counters tr[data-counter="1"]';
    await admin.page.check(`${row} input[value="cetak"]`);
    await admin.page.uncheck(`${row} input[value="rekam"]`);
    await admin.page.fill(`${row} input[data-field="name"]`, 'Loket 1 Cetak');
    await admin.page.click(`${row} button[data-field="save"]`);

    // The officer's open console follows without a reload.
    await officer.page.waitForSelector('#queue [data-service="cetak"]', { timeout: 2000 });
    assert.equal(await officer.page.$('#queue [data-service="rekam"]'), null);
    await officer.page.waitForSelector('#title:has-text("Loket 1 Cetak")');
    await officer.page.click('#act-next');
    await officer.page.waitForFunction((n) => document.querySelector('#cur-number').textContent === n, b.number);

    const c = (await s.api(server, 'GET', '/api/v1/sites/serang/counters')).body.find((x) => x.id === '1');
    assert.deepEqual(c.services, ['cetak']);
    assert.equal(c.name, 'Loket 1 Cetak');
    s.assertNoErrors(admin);
    s.assertNoErrors(officer);
  } finally {
    await admin.close();
    await officer.close();
  }
});

test('services: rename and close; kiosks can no longer issue for a closed service', async () => {
  const p = await s.newPage(browser);
  try {
    await openAdmin(p);
    const row = '#services tr[data-service="info"]';
    const info = async () => (await s.api(server, 'GET', '/api/v1/sites/serang/services')).body.find((x) => x.id === 'info');
    await p.page.fill(`${row} input[data-field="name-id"]`, 'Informasi');
    await p.page.click(`${row} button[data-field="save"]`);
    await s.until(async () => (await info()).name.id === 'Informasi');
    await p.page.uncheck(`${row} input[data-field="open"]`);
    await s.until(async () => (await info()).open === false);
    const r = await s.api(server, 'POST', '/api/v1/sites/serang/tickets', 'demo-kiosk-token', { service: 'info' });
    assert.equal(r.status, 409);
    assert.equal(r.body.error.code, 'service_closed');
    await p.page.check(`${row} input[data-field="open"]`);
    await s.until(async () => (await info()).open === true);
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('users: create, change role, reset password, disable (which ends their session)', async () => {
  const admin = await s.newPage(browser);
  const user = await s.newPage(browser);
  try {
    await openAdmin(admin);
    await admin.page.fill('#new-user', 'petugas9');
    await admin.page.fill('#new-pass', 'first-pass-9');
    await admin.page.selectOption('#new-role', 'officer');
    await admin.page.click('#new-add');
    await admin.page.waitForSelector('#users tr[data-user="petugas9"]');
    await s.login(server, 'petugas9', 'first-pass-9');

    // Reset the password: the old one stops working, the new one works.
    await admin.page.click('#users tr[data-user="petugas9"] button[data-field="reset"]');
    await admin.page.fill('#reset-pass', 'second-pass-9');
    await admin.page.click('#reset-submit');
    await admin.page.waitForSelector('#notice:has-text("Kata sandi petugas9")');
    const old = await s.api(server, 'POST', '/api/v1/auth/login', null, { username: 'petugas9', password: 'first-pass-9' });
    assert.equal(old.status, 401);

    // Promote to supervisor: the new role opens the supervisor view.
    await admin.page.selectOption('#users tr[data-user="petugas9"] select[data-field="role"]', 'supervisor');
    await admin.page.waitForSelector('#notice:has-text("Tersimpan: petugas9")');
    await s.signIn(user.page, server, '/supervisor', 'petugas9', 'second-pass-9');
    await user.page.waitForSelector('#counters .ctr');

    // Disable: the open page goes back to login at its next request.
    await admin.page.uncheck('#users tr[data-user="petugas9"] input[data-field="active"]');
    await admin.page.waitForFunction(() => !document.querySelector('#users tr[data-user="petugas9"] input[data-field="active"]').checked);
    const users = (await s.api(server, 'GET', '/api/v1/admin/users', await s.login(server, 'admin', 'admin-demo'))).body;
    assert.equal(users.find((u) => u.username === 'petugas9').disabled, true);
    await user.page.click('.ctr[data-counter="2"] button[data-action="pause"]');
    await user.page.waitForSelector('#login-form');
    assert.match(await user.page.textContent('#login-msg'), /Sesi Anda telah berakhir/);
    const refused = await s.api(server, 'POST', '/api/v1/auth/login', null, { username: 'petugas9', password: 'second-pass-9' });
    assert.equal(refused.status, 401);
    s.assertNoErrors(admin);
    s.assertNoErrors(user);
  } finally {
    await admin.close();
    await user.close();
  }
});

test('only admins may open the admin page', async () => {
  const p = await s.newPage(browser);
  try {
    await p.page.goto(server.url + '/admin');
    await p.page.fill('#login-user', 'supervisor');
    await p.page.fill('#login-pass', 'supervisor-demo');
    await p.page.click('#login-btn');
    await p.page.waitForSelector('#login-msg:has-text("supervisor")');
    assert.equal(await p.page.$('#users'), null);
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});
