// The booking page's own SHA-256 (assets/web/booking/sha256.js, which the proof-of-work
// worker runs) against node's crypto, on texts around every block boundary and on the
// challenge-plus-nonce shape the worker hashes with a precomputed prefix.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const path = require('node:path');

const kAssets = path.resolve(process.env.ANTRE_ASSETS || path.join(__dirname, '..', '..', 'assets'));
const SHA = require(path.join(kAssets, 'web', 'booking', 'sha256.js'));

const nodeHex = (text) => crypto.createHash('sha256').update(text).digest('hex');
const zeroBits = (hex) => {
  let n = 0;
  for (const c of hex) {
    const v = parseInt(c, 16);
    if (v) return n + Math.clz32(v) - 28;
    n += 4;
  }
  return n;
};

test('sha256Hex matches node on every length from 0 to 200 and on non-ASCII text', () => {
  for (let n = 0; n <= 200; n++) {
    const text = Array.from({ length: n }, (_, i) => String.fromCharCode(33 + ((i * 7 + n) % 90))).join('');
    assert.equal(SHA.sha256Hex(text), nodeHex(text), `length ${n}`);
  }
  for (const text of ['abc', 'héllo ✓', 'Disdukcapil Kota Serang — OPAK MANIS', '\u0000\u0001', '🙂'.repeat(40)]) {
    assert.equal(SHA.sha256Hex(text), nodeHex(text), text);
  }
  assert.equal(SHA.sha256Hex(new Uint8Array([1, 2, 3])), crypto.createHash('sha256').update(Buffer.from([1, 2, 3])).digest('hex'));
});

test('Prefixed hashes prefix + ending like node, for prefixes and endings of every size', () => {
  for (let p = 0; p <= 140; p += 7) {
    const prefix = 'serang:16:1796428468:7f4ba42312ff9fa8b60c83e8:46eb146a7b4beeff9c869449339688b2:'.repeat(2).slice(0, p);
    const P = SHA.Prefixed(prefix);
    for (const ending of ['', '0', '9', '65535', '1234567890', 'x'.repeat(64), 'y'.repeat(130)]) {
      const want = nodeHex(prefix + ending);
      assert.equal(P.hex(ending), want, `prefix ${p}, ending ${ending.length}`);
      assert.equal(P.zeroBits(ending), zeroBits(want));
    }
  }
});

test('search finds the first nonce with enough zero bits, as node counts them', () => {
  for (const challenge of ['serang:12:1796428468:7f4ba42312ff9fa8b60c83e8:46eb146a7b4beeff9c869449339688b2', 'a:b']) {
    const P = SHA.Prefixed(challenge + ':');
    const nonce = P.search(12, 0, 1 << 24);
    assert.ok(zeroBits(nodeHex(challenge + ':' + nonce)) >= 12);
    for (let n = 0; n < Number(nonce); n++) assert.ok(zeroBits(nodeHex(challenge + ':' + n)) < 12, `nonce ${n}`);
    assert.equal(P.search(12, 0, Number(nonce)), null); // not within the tries it was given
  }
});
