// SHA-256 in plain JavaScript for the booking page's proof of work: crypto.subtle exists only
// on https pages, and an office LAN serves plain http. Runs in a page, a Web Worker and node.
// Prefixed() hashes one fixed text followed by many short endings, compressing the fixed
// text's whole 64-byte blocks once, so a try usually costs one block.
'use strict';

(function (root) {
  const K = new Int32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ]);
  const H0 = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

  // Folds the 64-byte block at `bytes[at..]` into the state `h` (8 words); `w` is scratch (64).
  function compress(h, w, bytes, at) {
    for (let i = 0; i < 16; i++, at += 4) {
      w[i] = (bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];
    }
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15], y = w[i - 2];
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    let a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
    for (let i = 0; i < 64; i++) {
      const t1 = (k + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7)))
        + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
      const t2 = ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10)))
        + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      k = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + d) | 0;
    h[4] = (h[4] + e) | 0; h[5] = (h[5] + f) | 0; h[6] = (h[6] + g) | 0; h[7] = (h[7] + k) | 0;
  }

  const utf8 = (text) => new TextEncoder().encode(text);

  // Pads `bytes[0..n)` (the tail after `done` bytes already compressed) in place and
  // compresses it into `h`; `bytes` must have room for two blocks.
  function finish(h, w, bytes, n, done) {
    const bits = (done + n) * 8;
    bytes[n] = 0x80;
    const end = n + 9 <= 64 ? 64 : 128;
    bytes.fill(0, n + 1, end);
    // Lengths stay far below 2^32 bits here; the high word of the 64-bit length is 0.
    bytes[end - 4] = bits >>> 24; bytes[end - 3] = bits >>> 16; bytes[end - 2] = bits >>> 8; bytes[end - 1] = bits;
    compress(h, w, bytes, 0);
    if (end === 128) compress(h, w, bytes, 64);
  }

  const hex = (h) => Array.from(h, (v) => (v >>> 0).toString(16).padStart(8, '0')).join('');

  // Lowercase hex SHA-256 of a text (UTF-8) or of a Uint8Array.
  function sha256Hex(input) {
    const data = typeof input === 'string' ? utf8(input) : input;
    const h = Int32Array.from(H0), w = new Int32Array(64);
    const whole = data.length - (data.length % 64);
    for (let at = 0; at < whole; at += 64) compress(h, w, data, at);
    const tail = new Uint8Array(128);
    tail.set(data.subarray(whole));
    finish(h, w, tail, data.length - whole, whole);
    return hex(h);
  }

  // Hashes `prefix` + ending for many short ASCII endings. zeroBits(ending) is the number of
  // leading zero bits of SHA-256(prefix + ending), hex(ending) the digest; search(bits, from,
  // count) tries the endings String(from) .. String(from + count - 1) and returns the first
  // whose digest starts with `bits` zero bits, or null.
  function Prefixed(prefix) {
    const data = utf8(prefix);
    const whole = data.length - (data.length % 64);
    const mid = Int32Array.from(H0), w = new Int32Array(64), h = new Int32Array(8);
    for (let at = 0; at < whole; at += 64) compress(mid, w, data, at);
    const rest = data.subarray(whole);
    function run(ending) {
      const buf = new Uint8Array(rest.length + ending.length + 128);
      buf.set(rest);
      let n = rest.length;
      for (let i = 0; i < ending.length; i++) buf[n++] = ending.charCodeAt(i);
      h.set(mid);
      let at = 0;
      for (; n - at > 119; at += 64) compress(h, w, buf, at); // whole blocks before the last one or two
      finish(h, w, buf.subarray(at), n - at, whole + at);
      return h;
    }
    function zeros(s) {
      let bits = 0;
      for (let i = 0; i < 8; i++) {
        const z = Math.clz32(s[i]);
        bits += z;
        if (z < 32) break;
      }
      return bits;
    }
    // The fast path: the ending's digits are written in place, one or two blocks per try.
    const buf = new Uint8Array(128);
    buf.set(rest);
    function search(bits, from, count) {
      const r = rest.length;
      for (let v = from, end = from + count; v < end; v++) {
        let len = 1;
        for (let x = v; x >= 10; x = (x / 10) | 0) len++;
        if (r + len > 119) return null; // endings this long never come from a page's search
        for (let i = len - 1, x = v; i >= 0; i--, x = (x / 10) | 0) buf[r + i] = 48 + (x % 10);
        h.set(mid);
        finish(h, w, buf, r + len, whole);
        if (zeros(h) >= bits) return String(v);
      }
      return null;
    }
    return { zeroBits: (ending) => zeros(run(ending)), hex: (ending) => hex(run(ending)), search };
  }

  const api = { sha256Hex, Prefixed };
  if (typeof module === 'object' && module.exports) module.exports = api;
  else root.SHA256 = api;
})(typeof self !== 'undefined' ? self : this);
