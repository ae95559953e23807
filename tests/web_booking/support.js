// Helpers for the OPAK MANIS browser tests (booking, status, courier pages): the shared ones
// from tests/web/support.js, a server that always runs with a settable test clock, and the
// residents' data (NIK, phone) and bookings these tests need.
'use strict';

const assert = require('node:assert/strict');
const web = require('../web/support');

const { api } = web;

// Starts the demo server as tests/web does, always with --test-clock.
function startServer(opts = {}) {
  return web.startServer({ ...opts, args: ['--test-clock', ...(opts.args || [])] });
}

// Moves the server's test clock (the server runs with --test-clock).
async function setClock(server, iso) {
  const r = await api(server, 'POST', '/api/v1/test/clock', null, { now: iso });
  assert.equal(r.status, 200, 'set clock: ' + JSON.stringify(r.body));
}

// A valid NIK: Kota Serang 36.73.01, birth 15-05-1990 (+40 for a woman), sequence n (1..9999).
function nik(n, female = false) {
  return '367301' + (female ? '55' : '15') + '0590' + String(n).padStart(4, '0');
}

// An Indonesian mobile number unique per n (the demo allows 3 bookings per phone per day).
function phone(n) {
  return '0812' + String(10000000 + n);
}

// Books by API as another resident's page would (with a solved challenge); returns the
// response {status, body}.
async function book(server, n, service, slotStart, extra = {}) {
  return api(server, 'POST', '/api/v1/sites/serang/bookings', null, {
    nik: nik(n), name: 'Warga ' + n, phone: phone(n), service, slot_start: slotStart, delivery: null,
    pow: await web.solvePow(server), ...extra,
  });
}

// The booking page's address: /booking once the server routes it, else the static file.
async function bookingPath(server, page = 'booking') {
  const r = await fetch(server.url + '/' + page);
  await r.text();
  return r.status === 200 ? '/' + page : '/' + page + '.html';
}

// Sums the bytes of the HTML page and every same-origin file it loaded.
// The size of every page file (not API answers) the page loads, by URL; `await
// seen.settled()` before reading it. A worker's script (the booking challenge's solver) may be
// gone before its body can be read from the browser: it is then read again from the server.
function trackBytes(page) {
  const seen = new Map();
  const pending = [];
  page.on('response', (res) => {
    const url = res.url();
    if (url.includes('/api/')) return;
    pending.push((async () => {
      try {
        seen.set(url, (await res.body()).length);
      } catch (e) {
        try {
          const again = await fetch(url);
          seen.set(url, again.ok ? (await again.arrayBuffer()).byteLength : -1);
        } catch (e2) {
          seen.set(url, -1);
        }
      }
    })());
  });
  seen.settled = () => Promise.all(pending);
  return seen;
}

// How most booking test files start: the demo server with its clock on Monday 30 November
// 2026, 07:00 in Serang, a browser, and the booking page's path. A file ends with
// `after(() => S.stopAll(browser, server))`.
async function startOnMonday() {
  const server = await startServer();
  await setClock(server, '2026-11-30T07:00:00+07:00');
  const browser = await web.launchBrowser();
  return { server, browser, pagePath: await bookingPath(server) };
}

module.exports = {
  ...web, startServer, setClock, nik, phone, book, bookingPath, trackBytes, startOnMonday,
};
