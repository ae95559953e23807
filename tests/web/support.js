// Helpers for the browser tests: start the real antre-server on a free port, launch Debian's
// Chromium through playwright-core, and fail a test on any page JavaScript error.
'use strict';

const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const assert = require('node:assert/strict');

let chromium;
try {
  ({ chromium } = require('playwright-core'));
} catch (e) {
  throw new Error('playwright-core is missing: run `scripts/install-deps --tests` (or `npm ci`) in the repository root');
}

const kRepo = path.resolve(__dirname, '..', '..');
const kPageSha256 = require(path.resolve(process.env.ANTRE_ASSETS || path.join(kRepo, 'assets'), 'web', 'booking', 'sha256.js'));
const kChromium = process.env.ANTRE_CHROMIUM || '/usr/bin/chromium';
const kKiosk = 'demo-kiosk-token';

function serverBin() {
  const bin = process.env.ANTRE_SERVER_BIN;
  if (!bin) throw new Error('set ANTRE_SERVER_BIN to the antre-server binary (ctest does this)');
  return bin;
}

// Where screenshots go: $ANTRE_WEB_OUT, else a folder in the system temp dir.
function outDir() {
  const dir = process.env.ANTRE_WEB_OUT || path.join(os.tmpdir(), 'antre-web-out');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

// The demo office without opening hours or daily quotas (written into `dir`), so tests that
// issue walk-in tickets pass at any hour of the day; `edit(office)`, if given, changes it further.
function alwaysOpenOffice(dir, edit) {
  const assets = process.env.ANTRE_ASSETS || path.join(kRepo, 'assets');
  const office = JSON.parse(fs.readFileSync(path.join(assets, 'demo-office.json'), 'utf8'));
  for (const site of office.sites) {
    for (const service of site.services) {
      delete service.hours;
      delete service.daily_quota;
    }
  }
  if (edit) edit(office);
  const file = path.join(dir, 'office.json');
  fs.writeFileSync(file, JSON.stringify(office));
  return file;
}

// Starts `antre-server --demo` on 127.0.0.1 with a fresh database in a temp dir (or, to
// restart one, the same dir and port; opts.args adds flags such as --test-clock; opts.office
// edits the office config, e.g. to add a site). Resolves
// to {url, port, dir, stop(keep), log()} once it printed its "listening on" line; stop(true)
// keeps the database for a restart.
function startServer(opts = {}) {
  const dir = opts.dir || fs.mkdtempSync(path.join(os.tmpdir(), 'antre-web-'));
  const args = ['--demo', '--config', alwaysOpenOffice(dir, opts.office), '--db', path.join(dir, 'w.db'), '--bind', '127.0.0.1', '--port', String(opts.port || 0),
    '--assets', process.env.ANTRE_ASSETS || path.join(kRepo, 'assets'), ...(opts.args || [])];
  const proc = spawn(serverBin(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => {
    stderr += d;
    if (stderr.length > 200000) stderr = stderr.slice(-100000);
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('antre-server did not start:\n' + stderr)), 10000);
    proc.on('exit', (code) => reject(new Error(`antre-server exited (${code}):\n${stderr}`)));
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/[0-9.]+:\d+)/);
      if (!m) return;
      clearTimeout(timer);
      proc.stdout.removeAllListeners('data');
      proc.stdout.resume();
      resolve({
        url: m[1],
        port: Number(m[1].split(':').pop()),
        dir,
        log: () => stderr,
        stop: (keep) => new Promise((done) => {
          if (proc.exitCode !== null) return done();
          proc.removeAllListeners('exit');
          proc.on('exit', () => {
            if (!keep) fs.rmSync(dir, { recursive: true, force: true });
            done();
          });
          proc.kill('SIGTERM');
        }),
      });
    });
  });
}

function launchBrowser() {
  return chromium.launch({
    executablePath: kChromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

// The demo server and a browser for one test file: `before(async () => ({ server, browser } =
// await s.startServerAndBrowser()))` and `after(() => s.stopAll(browser, server))`.
async function startServerAndBrowser(opts = {}) {
  const server = await startServer(opts);
  const browser = await launchBrowser();
  return { server, browser };
}

// Closes what a file started; either may be missing if its start failed.
async function stopAll(browser, server) {
  if (browser) await browser.close();
  if (server) await server.stop();
}

// A page in a fresh context (own localStorage) that records every JavaScript error.
// An API answer of 4xx logs "Failed to load resource" in Chromium: the page handles those,
// so they are not errors; a missing page asset is. A live event stream cut off mid-chunk as
// the page navigates away (Chromium logs ERR_INCOMPLETE_CHUNKED_ENCODING) is not a page's
// error either: a cut while the page stays is reconnected, and tests of live updates see it.
async function newPage(browser, opts = {}) {
  const context = await browser.newContext({ viewport: opts.viewport || { width: 1366, height: 768 }, ...opts.context });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push('pageerror: ' + e.message));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const where = (msg.location() && msg.location().url) || '';
    if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text()) && where.includes('/api/v1/')) return;
    if (/net::ERR_INCOMPLETE_CHUNKED_ENCODING/.test(msg.text()) && /\/api\/v1\/sites\/[^/]+\/events/.test(where)) return;
    errors.push(`console: ${msg.text()} (${where})`);
  });
  page.setDefaultTimeout(opts.timeout || 5000);
  return { context, page, errors, close: () => context.close() };
}

// Fails the test when the page logged any JavaScript error.
function assertNoErrors(p) {
  assert.deepEqual(p.errors, [], 'page JavaScript errors');
}

// Calls the API directly (as another device would). Returns {status, body}.
async function api(server, method, p, token, body, headers = {}) {
  const h = { ...headers };
  if (token) h.Authorization = 'Bearer ' + token;
  const res = await fetch(server.url + p, { method, headers: h, body: method === 'GET' ? undefined : JSON.stringify(body || {}) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

// Fetches a booking challenge for `site` and solves it with the booking page's own SHA-256
// (several times faster than a node crypto call per try; checked against node's crypto here
// and, on many inputs, in web_booking/sha256.test.js): {challenge, nonce}, the "pow" a web
// booking carries.
async function solvePow(server, site = 'serang') {
  const r = await api(server, 'GET', `/api/v1/sites/${site}/bookings/challenge`);
  assert.equal(r.status, 200, 'booking challenge: ' + JSON.stringify(r.body));
  const { challenge, bits } = r.body;
  const nonce = bits > 0 ? kPageSha256.Prefixed(challenge + ':').search(bits, 0, 2 ** 31 - 1) : '0';
  const digest = crypto.createHash('sha256').update(challenge + ':' + nonce).digest();
  const zeroBits = digest.findIndex((b) => b !== 0) * 8 + Math.clz32(digest.find((b) => b !== 0)) - 24;
  assert.ok(zeroBits >= bits, `solved ${challenge}:${nonce} has ${zeroBits} zero bits, not ${bits}`);
  return { challenge, nonce };
}

async function login(server, username, password) {
  const r = await api(server, 'POST', '/api/v1/auth/login', null, { username, password });
  assert.equal(r.status, 200, 'login ' + username);
  return r.body.token;
}

// Issues a walk-in ticket as the demo kiosk.
async function issue(server, service, priority = null) {
  const r = await api(server, 'POST', '/api/v1/sites/serang/tickets', kKiosk, { service, priority });
  assert.equal(r.status, 201, 'issue ticket: ' + JSON.stringify(r.body));
  return r.body;
}

// Polls check() until it is true; fails after timeoutMs.
async function until(check, timeoutMs = 3000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in ' + timeoutMs + ' ms: ' + check);
    await new Promise((r) => setTimeout(r, 40));
  }
}

// Opens a staff page and signs in through its login form.
async function signIn(page, server, pagePath, username, password) {
  await page.goto(server.url + pagePath);
  await page.fill('#login-user', username);
  await page.fill('#login-pass', password);
  await page.click('#login-btn');
  await page.waitForSelector('body.signed-in');
}

// Opens the counter console for a counter and waits for the live stream.
async function openCounter(page, server, counter, username) {
  await signIn(page, server, '/counter', username || 'petugas' + counter, 'petugas-demo');
  await page.click(`.pick-counter [data-counter="${counter}"]`);
  await page.waitForSelector('#act-next');
  await page.waitForSelector('#conn.conn-live');
}

// Records the page's requests for a site's event stream, with all their headers (fetch's
// Authorization included), as [{url, headers}]; fills in as the page opens streams.
// A request made just before the page closes may have no headers left to read: reading them
// then rejects, and an unhandled rejection would fail the whole file after its tests passed,
// so such a request is simply not recorded.
function streamRequests(page) {
  const seen = [];
  page.on('request', async (req) => {
    if (!/\/api\/v1\/sites\/[^/]+\/events/.test(req.url())) return;
    const headers = await req.allHeaders().catch(() => null);
    if (headers) seen.push({ url: req.url(), headers });
  });
  return seen;
}

module.exports = {
  startServer, launchBrowser, startServerAndBrowser, stopAll, newPage, assertNoErrors, api, login, issue, signIn, openCounter, outDir, until, kRepo,
  streamRequests, solvePow,
};
