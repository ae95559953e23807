// Admin page, services card: opening hours per weekday, daily quota and target wait set through
// the page reach GET /services; a refused period is explained beside the service and changes
// nothing; the header links to the IKM page.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const s = require('./support');

let server, browser;

before(async () => ({ server, browser } = await s.startServerAndBrowser()));
after(() => s.stopAll(browser, server));

const service = async (id) => (await s.api(server, 'GET', '/api/v1/sites/serang/services')).body.find((x) => x.id === id);

async function openAdmin(p) {
  await s.signIn(p.page, server, '/admin', 'admin', 'admin-demo');
  await p.page.waitForSelector('#services .svc[data-service="akta"]');
}

// Records the bodies the page POSTs to the admin services route.
function recordPosts(page) {
  const bodies = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().includes('/admin/services/')) bodies.push(r.postDataJSON());
  });
  return bodies;
}

test('services: hours, quota and target wait set in the page; clearing the hours; a bad period is refused', async () => {
  const p = await s.newPage(browser);
  try {
    const posts = recordPosts(p.page);
    await openAdmin(p);
    const g = '#services .svc[data-service="akta"]';
    const before = await service('akta');
    assert.equal(before.hours, null, 'the test office has no hours');

    await p.page.click(`${g} [data-field="edit-hours"]`);
    await p.page.check(`${g} [data-field="always-open"]`);  // already checked: no change
    await p.page.uncheck(`${g} [data-field="always-open"]`);
    // Leaving "always open" proposes Mon-Fri 08:00-15:00; Friday gets a prayer break.
    await p.page.fill(`${g} tr[data-day="fri"] [data-period="0"] [data-field="close"]`, '11.30');
    await p.page.click(`${g} tr[data-day="fri"] [data-field="add-period"]`);
    await p.page.fill(`${g} tr[data-day="fri"] [data-period="1"] [data-field="open"]`, '13:00');
    await p.page.fill(`${g} [data-field="daily-quota"]`, '40');
    await p.page.fill(`${g} [data-field="target-wait"]`, '45');
    await p.page.click(`${g} [data-field="save"]`);
    await p.page.waitForSelector(`${g} .svc-msg.ok`);

    const day = [['08:00', '15:00']];
    const saved = await service('akta');
    assert.deepEqual(saved.hours, { sun: null, mon: day, tue: day, wed: day, thu: day, fri: [['08:00', '11:30'], ['13:00', '15:00']], sat: null });
    assert.equal(saved.daily_quota, 40);
    assert.equal(saved.remaining, 40);
    assert.equal(saved.target_wait_minutes, 45);
    assert.deepEqual(Object.keys(posts[0]).sort(), ['daily_quota', 'hours', 'target_wait_minutes'], 'the unchanged name is not sent');

    // After a reload the page shows what the server stored.
    await p.page.reload();
    await p.page.waitForSelector(`${g} [data-field="hours-summary"]`);
    assert.equal(await p.page.textContent(`${g} [data-field="hours-summary"]`), 'Sen–Kam 08:00–15:00 · Jum 08:00–11:30, 13:00–15:00');
    assert.equal(await p.page.inputValue(`${g} [data-field="daily-quota"]`), '40');
    assert.equal(await p.page.inputValue(`${g} [data-field="target-wait"]`), '45');
    await p.page.click(`${g} [data-field="edit-hours"]`);

    // Close before open on Monday: the server's error, in Indonesian, beside the service.
    await p.page.fill(`${g} tr[data-day="mon"] [data-field="open"]`, '16:00');
    await p.page.click(`${g} [data-field="save"]`);
    await p.page.waitForSelector(`${g} .svc-msg.error`);
    assert.match(await p.page.textContent(`${g} .svc-msg`), /^Senin: jam buka harus lebih awal dari jam tutup/);
    assert.deepEqual(Object.keys(posts[1]), ['hours']);
    assert.deepEqual(await service('akta'), saved, 'a refused change changes nothing');
    assert.equal(await p.page.inputValue(`${g} tr[data-day="mon"] [data-field="open"]`), '16:00', 'the edit stays to be fixed');
    // The editor with the refused period, wide and narrow.
    await p.page.setViewportSize({ width: 1366, height: 768 });
    await p.page.locator('#services-card').screenshot({ path: path.join(s.outDir(), 'admin-services-1366.png') });
    await p.page.setViewportSize({ width: 800, height: 900 });
    await p.page.locator('#services-card').screenshot({ path: path.join(s.outDir(), 'admin-services-800.png') });
    await p.page.setViewportSize({ width: 1366, height: 768 });
    // Switching the language explains it in English.
    await p.page.click('#lang');
    assert.match(await p.page.textContent(`${g} .svc-msg`), /^Monday: a period must open before it closes/);
    await p.page.click('#lang');

    // "Always open" clears the hours.
    await p.page.check(`${g} [data-field="always-open"]`);
    await p.page.click(`${g} [data-field="save"]`);
    await s.until(async () => (await service('akta')).hours === null);
    assert.deepEqual(posts[2], { hours: null });
    await p.page.waitForSelector(`${g} .svc-msg.ok`);
    assert.equal(await p.page.textContent(`${g} [data-field="hours-summary"]`), 'Selalu buka (tanpa jam buka)');
    const after = await service('akta');
    assert.equal(after.daily_quota, 40, 'clearing the hours keeps the quota');
    assert.equal(after.open_now, true);
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('the admin and supervisor headers link to the IKM page', async () => {
  const p = await s.newPage(browser);
  const sup = await s.newPage(browser);
  try {
    await openAdmin(p);
    assert.equal(await p.page.innerText('#ikm-link'), 'Indeks Kepuasan (IKM)');
    await p.page.click('#lang');
    assert.equal(await p.page.innerText('#ikm-link'), 'Satisfaction index (IKM)');
    await p.page.click('#lang');
    await p.page.setViewportSize({ width: 800, height: 600 });
    await p.page.locator('header.bar').screenshot({ path: path.join(s.outDir(), 'admin-header-800.png') });
    assert.equal(await p.page.innerText('#ikm-link'), 'IKM', 'the short label on a narrow screen');
    const bar = await p.page.$eval('header.bar', (el) => [el.scrollWidth, el.clientWidth]);
    assert.ok(bar[0] <= bar[1], 'the header fits in 800 px: ' + bar);
    await p.page.click('#ikm-link');
    await p.page.waitForURL(server.url + '/ikm');
    assert.match(await p.page.title(), /Indeks Kepuasan/);
    await s.signIn(sup.page, server, '/supervisor', 'supervisor', 'supervisor-demo');
    assert.equal(await sup.page.getAttribute('#ikm-link', 'href'), '/ikm');
    assert.ok(await sup.page.isVisible('#ikm-link'));
    s.assertNoErrors(p);
    s.assertNoErrors(sup);
  } finally {
    await p.close();
    await sup.close();
  }
});
