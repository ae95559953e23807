// A small QR Code encoder for the booking code: byte mode, error correction level M,
// versions 1-4 (up to 62 bytes), written from ISO/IEC 18004 so nothing is downloaded.
// QR.encode(text[, mask]) returns {version, size, mask, modules: rows of booleans (true = dark)};
// it throws if the text is too long. QR.svg(text) returns an <svg> string with a quiet zone.
(function (root) {
  'use strict';

  // Per version at level M: [total codewords, error-correction codewords per block, blocks].
  const kVersions = [null, [26, 10, 1], [44, 16, 1], [70, 26, 1], [100, 18, 2]];

  // Arithmetic in GF(256) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1.
  const EXP = new Array(512);
  const LOG = new Array(256);
  for (let i = 0, x = 1; i < 255; i++) {
    EXP[i] = x;
    LOG[x] = i;
    x <<= 1;
    if (x & 0x100) x ^= 0x11d;
  }
  for (let i = 255; i < 512; i++) EXP[i] = EXP[i - 255];
  const mul = (a, b) => (a && b ? EXP[LOG[a] + LOG[b]] : 0);

  // Reed-Solomon error-correction codewords for data (generator roots a^0..a^(n-1)).
  function rsRemainder(data, n) {
    let g = [1];
    for (let i = 0; i < n; i++) {
      const next = new Array(g.length + 1).fill(0);
      for (let j = 0; j < g.length; j++) {
        next[j] ^= g[j];
        next[j + 1] ^= mul(g[j], EXP[i]);
      }
      g = next;
    }
    const r = new Array(n).fill(0);
    for (const d of data) {
      const factor = d ^ r.shift();
      r.push(0);
      for (let j = 0; j < n; j++) r[j] ^= mul(g[j + 1], factor);
    }
    return r;
  }

  function utf8(text) {
    return Array.from(new TextEncoder().encode(String(text)));
  }

  // The final codeword sequence: mode, count, data, terminator, padding, then the blocks
  // interleaved with their error-correction codewords.
  function codewords(bytes, version) {
    const [total, ecLen, blocks] = kVersions[version];
    const dataLen = total - ecLen * blocks;
    const bits = [];
    const put = (v, n) => {
      for (let i = n - 1; i >= 0; i--) bits.push((v >>> i) & 1);
    };
    put(4, 4);
    put(bytes.length, 8);
    bytes.forEach((b) => put(b, 8));
    put(0, Math.min(4, dataLen * 8 - bits.length));
    while (bits.length % 8) bits.push(0);
    const data = [];
    for (let i = 0; i < bits.length; i += 8) data.push(parseInt(bits.slice(i, i + 8).join(''), 2));
    for (let pad = 0xec; data.length < dataLen; pad ^= 0xec ^ 0x11) data.push(pad);
    const per = dataLen / blocks;
    const dataBlocks = [];
    const ecBlocks = [];
    for (let b = 0; b < blocks; b++) {
      dataBlocks.push(data.slice(b * per, (b + 1) * per));
      ecBlocks.push(rsRemainder(dataBlocks[b], ecLen));
    }
    const out = [];
    for (let i = 0; i < per; i++) dataBlocks.forEach((blk) => out.push(blk[i]));
    for (let i = 0; i < ecLen; i++) ecBlocks.forEach((blk) => out.push(blk[i]));
    return out;
  }

  const kMasks = [
    (x, y) => (x + y) % 2 === 0,
    (x, y) => y % 2 === 0,
    (x) => x % 3 === 0,
    (x, y) => (x + y) % 3 === 0,
    (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0,
    (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
    (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
    (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
  ];

  // A matrix with the function patterns drawn and the data placed, before masking.
  function baseMatrix(version, cw) {
    const size = 17 + 4 * version;
    const m = [];
    const fn = [];
    for (let y = 0; y < size; y++) {
      m.push(new Array(size).fill(false));
      fn.push(new Array(size).fill(false));
    }
    const set = (x, y, dark) => {
      m[y][x] = dark;
      fn[y][x] = true;
    };
    for (let i = 0; i < size; i++) {
      set(6, i, i % 2 === 0);
      set(i, 6, i % 2 === 0);
    }
    for (const [cx, cy] of [[3, 3], [size - 4, 3], [3, size - 4]]) {
      for (let dy = -4; dy <= 4; dy++) {
        for (let dx = -4; dx <= 4; dx++) {
          const x = cx + dx;
          const y = cy + dy;
          const d = Math.max(Math.abs(dx), Math.abs(dy));
          if (x >= 0 && x < size && y >= 0 && y < size) set(x, y, d !== 2 && d !== 4);
        }
      }
    }
    if (version >= 2) {
      const c = size - 7;
      for (let dy = -2; dy <= 2; dy++) {
        for (let dx = -2; dx <= 2; dx++) set(c + dx, c + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
      }
    }
    drawFormat(m, fn, 0); // reserves the format areas; redrawn once the mask is known
    // Data in two-column strips from the bottom right, snaking up and down.
    let i = 0;
    for (let right = size - 1; right >= 1; right -= 2) {
      if (right === 6) right = 5;
      for (let vert = 0; vert < size; vert++) {
        for (let j = 0; j < 2; j++) {
          const x = right - j;
          const upward = ((right + 1) & 2) === 0;
          const y = upward ? size - 1 - vert : vert;
          if (fn[y][x] || i >= cw.length * 8) continue;
          m[y][x] = ((cw[i >>> 3] >>> (7 - (i & 7))) & 1) === 1;
          i++;
        }
      }
    }
    return { m, fn, size };
  }

  // Format information: level M (00) and the mask, BCH(15,5)-protected, in both copies.
  function drawFormat(m, fn, mask) {
    const size = m.length;
    const data = mask; // level M has format bits 00
    let rem = data;
    for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
    const bits = ((data << 10) | rem) ^ 0x5412;
    const bit = (i) => ((bits >>> i) & 1) === 1;
    const set = (x, y, dark) => {
      m[y][x] = dark;
      fn[y][x] = true;
    };
    for (let i = 0; i <= 5; i++) set(8, i, bit(i));
    set(8, 7, bit(6));
    set(8, 8, bit(7));
    set(7, 8, bit(8));
    for (let i = 9; i < 15; i++) set(14 - i, 8, bit(i));
    for (let i = 0; i < 8; i++) set(size - 1 - i, 8, bit(i));
    for (let i = 8; i < 15; i++) set(8, size - 15 + i, bit(i));
    set(8, size - 8, true); // the dark module
  }

  // Penalty score of a masked matrix (ISO/IEC 18004 section 7.8.3), reading the finder-like
  // rule (N3) as libqrencode does, so the chosen mask matches `qrencode` module for module.
  function runLengths(line) {
    const runs = line[0] ? [0, 1] : [1]; // even indexes are light runs, odd are dark
    for (let i = 1; i < line.length; i++) {
      if (line[i] === line[i - 1]) runs[runs.length - 1]++;
      else runs.push(1);
    }
    return runs;
  }

  function lineScore(runs) {
    let score = 0;
    const n = runs.length;
    for (let i = 0; i < n; i++) {
      if (runs[i] >= 5) score += runs[i] - 2;
      if (!(i & 1) || i < 3 || i >= n - 2 || runs[i] % 3) continue;
      const f = runs[i] / 3;
      if (runs[i - 2] !== f || runs[i - 1] !== f || runs[i + 1] !== f || runs[i + 2] !== f) continue;
      if (i === 3 || runs[i - 3] >= 4 * f || i + 4 >= n || runs[i + 3] >= 4 * f) score += 40;
    }
    return score;
  }

  function penalty(m) {
    const size = m.length;
    let score = 0;
    let dark = 0;
    for (let y = 0; y < size; y++) {
      score += lineScore(runLengths(m[y]));
      score += lineScore(runLengths(m.map((row) => row[y])));
      for (let x = 0; x < size; x++) {
        if (m[y][x]) dark++;
        if (x > 0 && y > 0) {
          const c = m[y][x];
          if (m[y][x - 1] === c && m[y - 1][x] === c && m[y - 1][x - 1] === c) score += 3;
        }
      }
    }
    const total = size * size;
    const percent = Math.floor(Math.floor((200 * dark + total) / total) / 2);
    return score + Math.floor(Math.abs(percent - 50) / 5) * 10;
  }

  function applyMask(base, mask) {
    const m = base.m.map((row) => row.slice());
    const fn = base.fn.map((row) => row.slice());
    for (let y = 0; y < base.size; y++) {
      for (let x = 0; x < base.size; x++) {
        if (!fn[y][x] && kMasks[mask](x, y)) m[y][x] = !m[y][x];
      }
    }
    drawFormat(m, fn, mask);
    return m;
  }

  function encode(text, forceMask) {
    const bytes = utf8(text);
    let version = 1;
    while (version <= 4) {
      const [total, ecLen, blocks] = kVersions[version];
      if (12 + 8 * bytes.length <= (total - ecLen * blocks) * 8) break;
      version++;
    }
    if (version > 4) throw new Error('QR: text too long');
    const base = baseMatrix(version, codewords(bytes, version));
    let best = null;
    for (let mask = 0; mask < 8; mask++) {
      if (forceMask !== undefined && mask !== forceMask) continue;
      const modules = applyMask(base, mask);
      const score = penalty(modules);
      if (!best || score < best.score) best = { version, size: base.size, mask, modules, score };
    }
    return best;
  }

  // An SVG drawing of the code: one path, 4 modules of quiet zone, scaled by CSS.
  function svg(text) {
    const q = encode(text);
    const n = q.size + 8;
    let d = '';
    q.modules.forEach((row, y) => row.forEach((dark, x) => {
      if (dark) d += `M${x + 4} ${y + 4}h1v1h-1z`;
    }));
    return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n} ${n}" shape-rendering="crispEdges" ` +
      `data-modules="${q.size}"><rect width="${n}" height="${n}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`;
  }

  const QR = { encode, svg };
  if (typeof module !== 'undefined' && module.exports) module.exports = QR;
  else root.QR = QR;
})(this);
