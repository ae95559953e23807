// Solves a booking challenge off the page's thread: finds a nonce such that
// SHA-256(challenge + ":" + nonce) starts with `bits` zero bits, reporting the tries as it goes.
// In: {challenge, bits}. Out: {tries} now and then, then {nonce, tries}.
'use strict';

importScripts('sha256.js');

const kChunk = 4096; // tries between progress reports (a few milliseconds on a slow phone)

self.onmessage = (ev) => {
  const { challenge, bits } = ev.data;
  const p = self.SHA256.Prefixed(challenge + ':');
  for (let from = 0; ; from += kChunk) {
    const nonce = p.search(bits, from, kChunk);
    if (nonce !== null) {
      self.postMessage({ nonce, tries: Number(nonce) + 1 });
      return;
    }
    self.postMessage({ tries: from + kChunk });
  }
};
