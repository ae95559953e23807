// Admin page (/admin): users, counters and services; changes apply at once on open consoles.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const s = require('./support');

let server, browser;

before(async () => ({ server, browser } = await s.startServerAndBrowser()));
after(() => s.stopAll(browser, server));

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
    await officer.page.waitForFunction((n) => document.querySelector('#cur-number')?.textContent === n, b.number);

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
    const row = '#services .svc[data-service="info"]';
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
    // The form keeps what was typed even if fresh data re-renders the table meanwhile (a
    // refresh used to rebuild the form and wipe it under load).
    await admin.page.fill('#new-user', 'petugas9');
    await admin.page.fill('#new-pass', 'first-pass-9');
    await admin.page.selectOption('#new-role', 'officer');
    await admin.page.click('#lang');  // re-renders every table, as a refresh does
    await admin.page.waitForSelector('#users-card h2:has-text("Users")');
    await admin.page.click('#lang');
    await admin.page.waitForSelector('#users-card h2:has-text("Pengguna")');
    assert.equal(await admin.page.inputValue('#new-user'), 'petugas9');
    assert.equal(await admin.page.inputValue('#new-pass'), 'first-pass-9');
    await admin.page.click('#new-add');
    await admin.page.waitForSelector('#users tr[data-user="petugas9"]');
    await admin.page.waitForSelector('#notice:has-text("Pengguna petugas9 dibuat")');
    assert.equal(await admin.page.inputValue('#new-user'), '', 'the form is cleared once the user exists');
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
    const adminToken = await s.login(server, 'admin', 'admin-demo');
    await s.until(async () => (await s.api(server, 'GET', '/api/v1/admin/users', adminToken)).body
      .find((u) => u.username === 'petugas9').disabled === true);
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

// ---------------------------------------------------------------- booking rules, logs, audit

const bookingRules = async () => (await s.api(server, 'GET', '/api/v1/sites/serang/admin/booking', await s.login(server, 'admin', 'admin-demo'))).body;

test('booking rules: every setting is editable, saved with a confirmation, and kept after reload', async () => {
  const p = await s.newPage(browser);
  try {
    await openAdmin(p);
    await p.page.click('#tab-booking');
    await p.page.waitForSelector('#bk-days_ahead');
    assert.equal(await p.page.inputValue('#bk-days_ahead'), '14');
    await p.page.fill('#bk-days_ahead', '7');
    await p.page.fill('#bk-same_day_cutoff', '11:30');
    await p.page.fill('#bk-per_phone_per_day', '2');
    await p.page.fill('#bk-per_address_per_day', '20');
    await p.page.fill('#bk-rate_per_minute', '30');
    await p.page.fill('#bk-release_at', '19:00');
    await p.page.fill('#bk-release_draw_seconds', '10');
    await p.page.uncheck('#bk-services tr[data-service="cetak"] input[data-field="delivery"]');
    await p.page.uncheck('#bk-services tr[data-service="info"] input[data-field="bookable"]');
    await p.page.fill('#bk-holiday-date', '2026-12-31');
    await p.page.click('#bk-holiday-add');
    await p.page.click('#bk-holidays .chip[data-date="2027-01-01"] button');
    // Monday of rekam: a morning and an afternoon session.
    await p.page.selectOption('#bk-hours-service', 'rekam');
    const monday = '#bk-hours tr[data-weekday="1"]';
    await p.page.fill(`${monday}[data-session="0"] input[data-field="close"]`, '12:00');
    await p.page.click(`${monday}[data-session="0"] button[data-field="add-session"]`);
    await p.page.fill(`${monday}[data-session="1"] input[data-field="open"]`, '13:00');
    await p.page.fill(`${monday}[data-session="1"] input[data-field="close"]`, '15:00');
    await p.page.fill(`${monday}[data-session="1"] input[data-field="capacity"]`, '4');
    await p.page.click('#bk-hours tr[data-weekday="6"] button[data-field="add-session"]');  // Saturday opens
    await p.page.click('#bk-save');
    await p.page.waitForSelector('#booking-msg:has-text("Aturan booking tersimpan")');

    const r = await bookingRules();
    assert.equal(r.days_ahead, 7);
    assert.equal(r.same_day_cutoff, '11:30');
    assert.deepEqual([r.per_phone_per_day, r.per_address_per_day, r.rate_per_minute], [2, 20, 30]);
    assert.deepEqual([r.release_at, r.release_draw_seconds], ['19:00', 10]);
    assert.deepEqual(r.delivery_services, ['rekam']);
    assert.deepEqual(r.holidays, ['2026-12-25', '2026-12-31']);
    assert.equal(r.retention_days, 90, 'untouched settings keep their value');
    assert.equal(r.print_service, 'cetak');
    const rekamMonday = r.schedule.filter((e) => e.services[0] === 'rekam' && e.weekdays[0] === 1);
    assert.deepEqual(rekamMonday.map((e) => [e.open, e.close, e.capacity]), [['08:00', '12:00', 10], ['13:00', '15:00', 4]]);
    assert.ok(r.schedule.some((e) => e.services[0] === 'rekam' && e.weekdays[0] === 6), 'Saturday added');
    assert.ok(!r.schedule.some((e) => e.services[0] === 'info'), 'info is no longer bookable');
    const slots = (await s.api(server, 'GET', '/api/v1/sites/serang/slots?service=info')).body;
    assert.deepEqual(slots, []);

    // A reload shows the stored rules on the same tab.
    await p.page.reload();
    await p.page.waitForSelector('#bk-days_ahead');
    assert.equal(await p.page.inputValue('#bk-days_ahead'), '7');
    assert.equal(await p.page.inputValue('#bk-per_phone_per_day'), '2');
    assert.equal(await p.page.isChecked('#bk-services tr[data-service="info"] input[data-field="bookable"]'), false);
    assert.equal(await p.page.isChecked('#bk-services tr[data-service="cetak"] input[data-field="delivery"]'), false);
    await p.page.waitForSelector('#bk-holidays .chip[data-date="2026-12-31"]');
    assert.equal(await p.page.$('#bk-holidays .chip[data-date="2027-01-01"]'), null);
    assert.equal(await p.page.inputValue('#bk-hours tr[data-weekday="1"][data-session="1"] input[data-field="capacity"]'), '4');
    assert.equal(await p.page.inputValue('#bk-release_at'), '19:00');
    // Later tests book days ahead at once: no release time for them.
    const off = await s.api(server, 'POST', '/api/v1/sites/serang/admin/booking', await s.login(server, 'admin', 'admin-demo'),
      { release_at: '', release_draw_seconds: 0 });
    assert.equal(off.status, 200);
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('booking rules: the server refusal is shown in plain Indonesian beside the form, and nothing is saved', async () => {
  const p = await s.newPage(browser);
  try {
    await openAdmin(p);
    await p.page.click('#tab-booking');
    await p.page.waitForSelector('#bk-days_ahead');
    const before = await bookingRules();
    await p.page.fill('#bk-days_ahead', '400');
    await p.page.click('#bk-save');
    await p.page.waitForSelector('#booking-msg.error');
    assert.equal(await p.page.textContent('#booking-msg'), 'Bisa dipesan sampai (hari ke depan): harus antara 0 dan 365.');
    assert.equal(await p.page.getAttribute('#bk-days_ahead', 'aria-invalid'), 'true');

    await p.page.fill('#bk-days_ahead', '10');
    await p.page.selectOption('#bk-hours-service', 'kk');
    await p.page.fill('#bk-hours tr[data-weekday="3"][data-session="0"] input[data-field="open"]', '16:00');
    await p.page.click('#bk-save');
    await p.page.waitForSelector('#booking-msg:has-text("Jam buka harus")');
    assert.equal(await p.page.textContent('#booking-msg'),
      'Jam buka harus berupa JJ:MM dan lebih awal dari jam tutup (Kartu Keluarga, Rabu).');
    await p.page.fill('#bk-webhook_url', 'ftp://gateway');
    await p.page.fill('#bk-hours tr[data-weekday="3"][data-session="0"] input[data-field="open"]', '08:00');
    await p.page.click('#bk-save');
    await p.page.waitForSelector('#booking-msg:has-text("webhook")');
    assert.deepEqual(await bookingRules(), before, 'refused changes leave the rules as they were');

    await p.page.click('#bk-undo');
    await p.page.waitForFunction((d) => document.querySelector('#bk-days_ahead').value === d, String(before.days_ahead));
    assert.equal(await p.page.textContent('#booking-msg'), '');
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('notification log: kind, status, attempts, errors and times, refreshed, with no personal data', async () => {
  const http = require('node:http');
  let calls = 0;
  const gateway = http.createServer((req, res) => {
    req.resume();
    calls++;
    res.writeHead(calls === 1 ? 503 : 200);
    res.end();
  });
  await new Promise((r) => gateway.listen(0, '127.0.0.1', r));
  const p = await s.newPage(browser);
  try {
    const admin = await s.login(server, 'admin', 'admin-demo');
    const hook = `http://127.0.0.1:${gateway.address().port}/send`;
    const set = await s.api(server, 'POST', '/api/v1/sites/serang/admin/booking', admin, { webhook_url: hook, webhook_retry_seconds: 1 });
    assert.equal(set.status, 200);
    const slot = (await s.api(server, 'GET', '/api/v1/sites/serang/slots?service=rekam')).body
      // Two days on at least: a slot on tomorrow's date is due its day-before reminder at once,
      // which would put a second notification in the log.
      .find((x) => x.remaining > 0 && Date.parse(x.start) > Date.now() + 2 * 86400000);
    const made = await s.api(server, 'POST', '/api/v1/sites/serang/bookings', null,
      { nik: '3673011505900042', name: 'Siti Aminah', phone: '081234567890', service: 'rekam', slot_start: slot.start,
        pow: await s.solvePow(server) });
    assert.equal(made.status, 201, JSON.stringify(made.body));

    await openAdmin(p);
    await p.page.click('#tab-notifications');
    await p.page.waitForSelector('#nt-table tr[data-id]');
    const sent = async () => (await s.api(server, 'GET', '/api/v1/sites/serang/notifications', admin)).body[0].status === 'sent';
    await s.until(sent, 8000);  // one failure, then delivered on the retry a second later
    await p.page.click('#nt-refresh');
    await p.page.waitForSelector('#nt-table tr[data-status="sent"]');
    const cells = await p.page.$$eval('#nt-table tr[data-status="sent"] td', (tds) => tds.map((td) => td.textContent));
    assert.equal(cells[0], 'Booking dibuat');
    assert.equal(cells[1], 'Terkirim');
    assert.equal(cells[2], '2');
    assert.equal(cells[3], '–', 'no next attempt once sent');
    assert.match(cells[5], /^\d\d-\d\d-\d{4} \d\d:\d\d:\d\d$/);
    assert.match(cells[6], /^\d\d-\d\d-\d{4} \d\d:\d\d:\d\d$/);
    const text = await p.page.textContent('#notifications-card');
    for (const secret of ['3673011505900042', 'Siti', '81234567890']) assert.ok(!text.includes(secret), secret);
    const raw = JSON.stringify((await s.api(server, 'GET', '/api/v1/sites/serang/notifications', admin)).body);
    for (const secret of ['3673011505900042', 'Siti', '81234567890', 'payload']) assert.ok(!raw.includes(secret), secret);
    s.assertNoErrors(p);
  } finally {
    await p.close();
    await new Promise((r) => gateway.close(r));
  }
});

test('audit: a login and counter actions appear; the user and date filters narrow the list', async () => {
  const p = await s.newPage(browser);
  try {
    const officer = await s.login(server, 'petugas4', 'petugas-demo');
    const t = await s.issue(server, 'akta');
    assert.equal((await s.api(server, 'POST', '/api/v1/sites/serang/counters/4/next', officer)).status, 200);
    assert.equal((await s.api(server, 'POST', '/api/v1/sites/serang/counters/4/pause', officer)).status, 200);

    await openAdmin(p);
    await p.page.click('#tab-audit');
    const row = (user, action) => `#au-table tr[data-user="${user}"][data-action="${action}"]`;
    await p.page.waitForSelector(row('petugas4', 'login'));
    await p.page.waitForSelector(row('petugas4', 'ticket.called'));
    assert.match(await p.page.textContent(row('petugas4', 'ticket.called')), new RegExp(`Memanggil${t.number}Loket 4`));
    assert.match(await p.page.textContent(row('petugas4', 'counter.paused')), /Istirahat/);
    assert.ok(await p.page.$(row('admin', 'login')), 'other users are listed too');

    await p.page.selectOption('#au-user', 'petugas4');
    await p.page.click('#au-show');
    await p.page.waitForFunction(() => !document.querySelector('#au-table tr[data-user="admin"]'));
    const users = await p.page.$$eval('#au-table tbody tr', (trs) => trs.map((tr) => tr.dataset.user));
    assert.ok(users.length >= 3);
    assert.deepEqual([...new Set(users)], ['petugas4']);

    const tomorrow = new Date(Date.now() + 2 * 86400000).toISOString().slice(0, 10);
    await p.page.fill('#au-from', tomorrow);
    await p.page.click('#au-show');
    await p.page.waitForSelector('#au-empty');
    await p.page.fill('#au-to', '2020-01-01');
    await p.page.click('#au-show');
    await p.page.waitForSelector('#audit-msg:has-text("tidak boleh setelah")');
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});
