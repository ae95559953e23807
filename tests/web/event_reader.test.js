// The staff pages' fetch()-based event-stream reader (Antre.readEventStream in common.js):
// the parsing EventSource would do, the token it sends, and what a refusal reports.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const s = require('./support');

let server, browser;

before(async () => ({ server, browser } = await s.startServerAndBrowser()));
after(() => s.stopAll(browser, server));

// Opens the counter page (for common.js) with `url` answered by `fulfill`, reads that stream
// once, and resolves to {events, retries, opened, closed: [status, retryAfterMs], headers}.
async function readOnce(p, url, fulfill) {
  let headers = null;
  await p.page.route(url, (route) => {
    headers = route.request().headers();
    return route.fulfill(fulfill);
  });
  await p.page.goto(server.url + '/counter');
  const out = await p.page.evaluate((u) => new Promise((resolve) => {
    const got = { events: [], retries: [], opened: false };
    window.Antre.readEventStream(u, { Authorization: 'Bearer t0ken', 'Last-Event-ID': '6' }, {
      open: () => { got.opened = true; },
      event: (type, data, id) => got.events.push([type, data, id]),
      retry: (ms) => got.retries.push(ms),
      close: (status, retryAfterMs) => resolve({ ...got, closed: [status, retryAfterMs] }),
    });
  }), url);
  return { ...out, headers };
}

test('fields, comments, CRLF and multi-line data parse as EventSource would; a half event is dropped', async () => {
  const p = await s.newPage(browser);
  try {
    const body = ': connected\r\nretry: 1500\r\nid: 7\r\nevent: ticket.called\r\ndata: {"n":1}\r\ndata: x\r\n\r\n' +
      'event: bare\ndata:no-space\n\n: ping\n\nretry: soon\nid: 9\ndata: half, never ended';
    const r = await readOnce(p, server.url + '/api/v1/sites/fake/events',
      { status: 200, headers: { 'Content-Type': 'text/event-stream' }, body });
    assert.equal(r.opened, true);
    assert.deepEqual(r.events, [['ticket.called', '{"n":1}\nx', '7'], ['bare', 'no-space', '7']]);
    assert.deepEqual(r.retries, [1500]);
    assert.deepEqual(r.closed, [0, 0]);
    assert.equal(r.headers['authorization'], 'Bearer t0ken');
    assert.equal(r.headers['last-event-id'], '6');
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('a refusal reports its status and Retry-After without opening', async () => {
  const p = await s.newPage(browser);
  try {
    const r = await readOnce(p, server.url + '/api/v1/sites/fake/events', {
      status: 503, headers: { 'Content-Type': 'application/json', 'Retry-After': '7' },
      body: '{"error":{"code":"unavailable","message":"full"}}',
    });
    assert.equal(r.opened, false);
    assert.deepEqual(r.events, []);
    assert.deepEqual(r.closed, [503, 7000]);
    p.errors = p.errors.filter((e) => !/503/.test(e));  // Chromium logs the refused load
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});
