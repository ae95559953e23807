// The satisfaction survey (SKM) on the resident's ticket page, and the index page (/ikm) a
// supervisor prints for publication.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const s = require('./support');

let server, browser, officer, boss;
const kPhone = { viewport: { width: 390, height: 844 }, context: { isMobile: true, hasTouch: true } };
const kAnswers = [4, 3, 4, 4, 3, 4, 4, 3, 4]; // 33 x 2.775 = 91.575 -> 91.58, A

before(async () => {
  server = await s.startServer();
  browser = await s.launchBrowser();
  officer = await s.login(server, 'petugas1', 'petugas-demo');
  boss = await s.login(server, 'supervisor', 'supervisor-demo');
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

const act = (action) => s.api(server, 'POST', `/api/v1/sites/serang/counters/1/${action}`, officer);
const ikm = () => s.api(server, 'GET', '/api/v1/sites/serang/ikm', boss);

test('a survey answered on the status page of a served ticket shows up in the IKM', async () => {
  const p = await s.newPage(browser, kPhone);
  try {
    const mine = await s.issue(server, 'rekam');
    const fetched = [];
    p.page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    await p.page.goto(`${server.url}/t/${mine.id}`);
    await p.page.waitForFunction(() => document.querySelector('#status')?.textContent === 'Menunggu');
    assert.equal(await p.page.isHidden('#survey'), true);
    assert.ok(!fetched.includes('/static/ticket_survey.js'), 'no survey while waiting');

    // Served while the page is open: the survey appears without a reload.
    assert.equal((await act('next')).status, 200);
    assert.equal((await act('finish')).status, 200);
    await p.page.waitForSelector('#survey-form', { timeout: 3000 });
    assert.equal(await p.page.locator('#survey-form fieldset').count(), 9);
    assert.match(await p.page.textContent('#survey-u3 legend'), /Pertanyaan 3 dari 9.*cepat/);
    for (const box of await p.page.locator('#survey-form .choices span').all()) {
      const b = await box.boundingBox();
      assert.ok(b.width >= 44 && b.height >= 44, `choice ${JSON.stringify(b)} is big enough to tap`);
    }
    await p.page.screenshot({ path: path.join(s.outDir(), 'survey-phone-form.png'), fullPage: true });

    // Sending with questions left open says how many, and sends nothing.
    await p.page.tap('#survey-u1 .choices label:nth-child(4) span');
    await p.page.tap('#survey-send');
    assert.equal(await p.page.textContent('#survey-msg'), 'Mohon jawab semua pertanyaan (8 belum dijawab).');
    assert.equal((await ikm()).body.overall.respondents, 0);

    // The English switch keeps what was chosen.
    await p.page.click('#lang');
    assert.equal(await p.page.textContent('#survey-title'), 'Satisfaction survey');
    assert.equal(await p.page.isChecked('#survey-u1 input[value="4"]'), true);
    await p.page.click('#lang');
    for (let i = 1; i < 9; i++) await p.page.tap(`#survey-u${i + 1} .choices label:nth-child(${kAnswers[i]}) span`);
    assert.equal(await p.page.textContent('#survey-u4 .choices label:nth-child(4) span'), 'Gratis');
    await p.page.fill('#survey-comment', 'Petugas ramah, ruang tunggu penuh');
    await p.page.tap('#survey-send');
    await p.page.waitForSelector('#survey-done');
    assert.match(await p.page.textContent('#survey-done'), /^Terima kasih!/);
    await p.page.screenshot({ path: path.join(s.outDir(), 'survey-phone-thanks.png') });

    const r = await ikm();
    assert.equal(r.status, 200);
    const rekam = r.body.services.find((x) => x.service === 'rekam');
    assert.equal(rekam.respondents, 1);
    assert.deepEqual(rekam.means, kAnswers);
    assert.equal(rekam.ikm, 91.58);
    assert.equal(rekam.grade, 'A');
    assert.equal(r.body.overall.respondents, 1);
    assert.deepEqual(r.body.comments.map((c) => c.text), ['Petugas ramah, ruang tunggu penuh']);

    // Coming back later: already answered, no second form.
    await p.page.reload();
    await p.page.waitForSelector('#survey-done');
    assert.equal(await p.page.textContent('#survey-done'), 'Survei untuk tiket ini sudah diisi. Terima kasih.');
    assert.equal(await p.page.locator('#survey-form').count(), 0);
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('the IKM page shows the index, prints on one A4 page and downloads the CSV', async () => {
  // A second response (all 2) so the office figure differs from the service's.
  const other = await s.issue(server, 'rekam');
  await act('next');
  await act('finish');
  const answers = {};
  for (let i = 1; i <= 9; i++) answers['u' + i] = 2;
  assert.equal((await s.api(server, 'POST', `/api/v1/tickets/${other.id}/survey`, null, answers)).status, 201);

  const p = await s.newPage(browser, { viewport: { width: 1000, height: 1300 } });
  try {
    await s.signIn(p.page, server, '/ikm', 'supervisor', 'supervisor-demo');
    // (33 + 18) x 2.775 / 2 = 70.7625 -> 70,76: grade C, shown with a decimal comma.
    await p.page.waitForSelector('#ikm-value:has-text("70,76")');
    assert.equal(await p.page.textContent('#ikm-grade'), 'C');
    assert.equal(await p.page.textContent('#ikm-respondents'), '2');
    assert.match(await p.page.textContent('#ikm-elements'), /U3Waktu penyelesaian3,00/);
    assert.match(await p.page.textContent('#ikm-services'), /Perekaman e-KTP270,76C \(Kurang Baik\)/);

    // One service only.
    await p.page.selectOption('#svc', 'kk');
    await p.page.click('#ikm-show');
    await p.page.waitForSelector('#ikm-respondents:has-text("0")');
    assert.equal(await p.page.textContent('#ikm-value'), '–');
    await p.page.selectOption('#svc', '');
    await p.page.click('#ikm-show');
    await p.page.waitForSelector('#ikm-value:has-text("70,76")');

    const download = p.page.waitForEvent('download');
    await p.page.click('#ikm-csv');
    const file = await (await download).path();
    const csv = fs.readFileSync(file, 'utf8');
    assert.match(csv, /^from,to,service,service_name,respondents,u1,/);
    assert.match(csv, /,all,Semua layanan,2,3\.00,2\.50,3\.00,3\.00,2\.50,3\.00,3\.00,2\.50,3\.00,70\.76,C\r\n$/);

    await p.page.screenshot({ path: path.join(s.outDir(), 'ikm-screen.png'), fullPage: true });
    await p.page.emulateMedia({ media: 'print' });
    assert.equal(await p.page.isHidden('#ikm-form'), true);
    assert.equal(await p.page.isHidden('#comments'), true);
    await p.page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
    await p.page.screenshot({ path: path.join(s.outDir(), 'ikm-print-a4.png') });
    const pdf = await p.page.pdf({ format: 'A4', printBackground: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
    assert.equal(pages, 1, 'the summary fits one A4 page');
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('officers may not open the IKM page', async () => {
  const p = await s.newPage(browser);
  try {
    await p.page.goto(server.url + '/ikm');
    await p.page.fill('#login-user', 'petugas1');
    await p.page.fill('#login-pass', 'petugas-demo');
    await p.page.click('#login-btn');
    await p.page.waitForSelector('#login-msg:has-text("tidak boleh membuka")');
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});
