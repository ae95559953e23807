// Renders the screenshots of docs/guide-petugas.md (the officer's guide) from the real counter
// console: headless Debian chromium + playwright-core against `antre-server --demo`.
//   ANTRE_SERVER_BIN=build/server/antre-server node tests/packaging/guide_screenshots.js docs/img
// Not a ctest entry: run it again when the console changes, and look at the pictures.
'use strict';

const path = require('node:path');
const fs = require('node:fs');
const s = require('../web/support');

async function main() {
  const out = path.resolve(process.argv[2] || path.join(s.kRepo, 'docs', 'img'));
  fs.mkdirSync(out, { recursive: true });
  const server = await s.startServer();
  const browser = await s.launchBrowser();
  const shot = async (page, name) => {
    await page.screenshot({ path: path.join(out, name) });
    console.log('wrote ' + path.join(out, name));
  };
  try {
    for (const [svc, prio] of [['rekam', null], ['rekam', 'lansia'], ['rekam', null], ['kk', null], ['rekam', null],
      ['rekam', null]]) {
      await s.issue(server, svc, prio);
    }
    const p = await s.newPage(browser);
    const page = p.page;

    await page.goto(server.url + '/counter');
    await page.fill('#login-user', 'petugas1');
    await page.fill('#login-pass', 'petugas-demo');
    await shot(page, 'petugas-1-masuk.png');

    await page.click('#login-btn');
    await page.waitForSelector('.pick-counter [data-counter="1"]');
    await shot(page, 'petugas-2-pilih-loket.png');

    await page.click('.pick-counter [data-counter="1"]');
    await page.waitForSelector('#conn.conn-live');
    await page.keyboard.press('b');
    await page.waitForSelector('#cur-number:not(.none)');
    await page.waitForTimeout(1200);
    await shot(page, 'petugas-3-melayani.png');

    await page.keyboard.press('a');
    await page.waitForSelector('#transfer-choices');
    await shot(page, 'petugas-4-alihkan.png');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#transfer-choices', { state: 'detached' });

    await page.keyboard.press('n');
    await page.waitForSelector('#call-number');
    await page.fill('#call-number', 'A003');
    await shot(page, 'petugas-5-panggil-nomor.png');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#call-number', { state: 'detached' });

    await page.keyboard.press('s');
    await page.waitForSelector('#cur-number.none');
    await page.keyboard.press('i');
    await page.waitForSelector('#paused-banner');
    await page.waitForTimeout(300);
    await shot(page, 'petugas-6-istirahat.png');
    s.assertNoErrors(p);
    await p.close();
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
