// Two officers pressing Next at the same instant, and a double click: no ticket is skipped
// and none is called twice.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const s = require('./support');

let server, browser;

before(async () => ({ server, browser } = await s.startServerAndBrowser()));
after(() => s.stopAll(browser, server));

const ticketStatus = async (id) => (await s.api(server, 'GET', '/api/v1/tickets/' + id)).body;
const waitNumber = (page, n) => page.waitForFunction((x) => document.querySelector('#cur-number')?.textContent === x, n);

test('two counters pressing Next in the same instant get different tickets', async () => {
  // Counters 1 and 2 both serve rekam, in two separate browser contexts.
  const one = await s.newPage(browser);
  const two = await s.newPage(browser);
  try {
    await s.openCounter(one.page, server, '1');
    await s.openCounter(two.page, server, '2');
    const rounds = 5;
    const tickets = [];
    for (let i = 0; i < rounds * 2; i++) tickets.push(await s.issue(server, 'rekam'));
    const seen = [];
    for (let round = 0; round < rounds; round++) {
      const before = [await one.page.textContent('#cur-number'), await two.page.textContent('#cur-number')];
      // Dispatch both clicks in the pages without waiting on each other.
      await Promise.all([one.page.$eval('#act-next', (b) => b.click()), two.page.$eval('#act-next', (b) => b.click())]);
      await Promise.all([
        one.page.waitForFunction((x) => (document.querySelector('#cur-number')?.textContent ?? x) !== x && !document.body.classList.contains('busy'), before[0]),
        two.page.waitForFunction((x) => (document.querySelector('#cur-number')?.textContent ?? x) !== x && !document.body.classList.contains('busy'), before[1]),
      ]);
      const a = await one.page.textContent('#cur-number');
      const b = await two.page.textContent('#cur-number');
      assert.notEqual(a, b, `round ${round}: both counters show ${a}`);
      seen.push(a, b);
    }
    // Every ticket was called exactly once, in issue order across the two counters.
    assert.deepEqual([...seen].sort(), tickets.map((t) => t.number).sort());
    for (const t of tickets.slice(0, -2)) assert.equal((await ticketStatus(t.id)).status, 'done', t.number);
    for (const t of tickets.slice(-2)) assert.equal((await ticketStatus(t.id)).status, 'called', t.number);
    s.assertNoErrors(one);
    s.assertNoErrors(two);
  } finally {
    await one.close();
    await two.close();
  }
});

test('a double click on Next calls one ticket, not two', async () => {
  const p = await s.newPage(browser);
  try {
    await s.openCounter(p.page, server, '3');
    const a = await s.issue(server, 'cetak');
    const b = await s.issue(server, 'cetak');
    await p.page.dblclick('#act-next');
    await waitNumber(p.page, a.number);
    await p.page.waitForFunction(() => !document.body.classList.contains('busy'));
    await p.page.waitForTimeout(300); // a second request, if any, would have landed by now
    assert.equal((await ticketStatus(a.id)).status, 'called');
    assert.equal((await ticketStatus(b.id)).status, 'waiting', 'the second click did not call the next ticket');
    s.assertNoErrors(p);
  } finally {
    await p.close();
  }
});

test('a retried press with the same Idempotency-Key is carried out once', async () => {
  // What the page's network retry relies on: the same key gives the same answer.
  const token = await s.login(server, 'petugas4', 'petugas-demo');
  const a = await s.issue(server, 'kk');
  const b = await s.issue(server, 'kk');
  const key = { 'Idempotency-Key': 'web-test-retry-1' };
  const first = await s.api(server, 'POST', '/api/v1/sites/serang/counters/4/next', token, {}, key);
  const again = await s.api(server, 'POST', '/api/v1/sites/serang/counters/4/next', token, {}, key);
  assert.equal(first.body.number, a.number);
  assert.equal(again.body.number, a.number);
  assert.equal((await ticketStatus(b.id)).status, 'waiting');
});
