// The proof of work a web booking carries: fetches a challenge from the server and solves it
// in a Web Worker (pow_worker.js), so typing never waits. prepare() starts early; proof()
// waits for the answer; spend() drops an answer the server has seen and starts the next.
'use strict';

window.POW = (function () {
  let site = null;
  let job = null; // {promise, pct, done, failed, validUntil, worker}
  let listener = () => {};

  const tell = () => listener(state());

  // Finds the nonce in a worker; bits 0 (proof of work off) needs none.
  function solve(j, c) {
    if (!(c.bits > 0)) return Promise.resolve('0');
    return new Promise((resolve, reject) => {
      const worker = new Worker('/booking/pow_worker.js');
      j.worker = worker;
      const expected = Math.pow(2, c.bits);
      worker.onmessage = (ev) => {
        if (ev.data.nonce !== undefined) {
          worker.terminate();
          resolve(ev.data.nonce);
          return;
        }
        // The chance the answer would have been found by now: smooth, and never stuck at 99.
        const pct = Math.min(99, Math.floor(100 * (1 - Math.exp(-ev.data.tries / expected))));
        if (pct !== j.pct) {
          j.pct = pct;
          tell();
        }
      };
      worker.onerror = (e) => {
        worker.terminate();
        reject(e);
      };
      worker.postMessage({ challenge: c.challenge, bits: c.bits });
    });
  }

  function start() {
    const j = { pct: 0, done: false, failed: false, validUntil: 0, worker: null };
    j.promise = (async () => {
      const res = await fetch(`/api/v1/sites/${encodeURIComponent(site)}/bookings/challenge`, { cache: 'no-store' });
      if (!res.ok) throw new Error('challenge: HTTP ' + res.status);
      const c = await res.json();
      // Counted on this phone's own clock from now, which may be wrong by minutes; a margin
      // for the request that carries it.
      j.validUntil = Date.now() + (Number(c.expires_in) - 30) * 1000;
      return { challenge: c.challenge, nonce: await solve(j, c) };
    })();
    j.promise.then(() => {
      j.done = true;
      j.pct = 100;
      if (job === j) tell();
    }, () => {
      j.failed = true;
      if (job === j) tell();
    });
    return j;
  }

  // Starts solving for `forSite` unless an answer is on its way or ready.
  function prepare(forSite) {
    if (job && site === forSite && !job.failed && !(job.done && Date.now() > job.validUntil)) return;
    if (job && job.worker) job.worker.terminate();
    site = forSite;
    job = start();
    tell();
  }

  // Resolves to {challenge, nonce}, or null if no challenge could be fetched or solved.
  async function proof(forSite) {
    prepare(forSite);
    try {
      const answer = await job.promise;
      if (Date.now() <= job.validUntil) return answer;
      job = null; // expired while the resident was away: once more
      prepare(forSite);
      return await job.promise;
    } catch (e) {
      return null;
    }
  }

  // The server has seen the current answer (each is accepted once): prepare the next.
  function spend() {
    if (!site) return;
    job = null;
    prepare(site);
  }

  // {pct 0..100, done, failed}; 'idle' until prepare().
  function state() {
    return job ? { pct: job.pct, done: job.done, failed: job.failed } : { pct: 0, done: false, failed: false, idle: true };
  }

  return { prepare, proof, spend, state, onChange: (fn) => { listener = fn; } };
})();
