// The page's own QR encoder (assets/web/booking/qr.js) against Debian's `qrencode`: the same
// modules for booking codes and longer texts in versions 1-4 at level M, byte mode. One
// matrix made by `qrencode -t ASCII -m 0 -l M -8 -v 1 2MECSXEF` is kept here, so the check
// runs even where qrencode is not installed.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const QR = require('../../assets/web/booking/qr.js');

const kKnown = [
  '111111101001101111111',
  '100000100111101000001',
  '101110101001001011101',
  '101110100000101011101',
  '101110100100101011101',
  '100000101110001000001',
  '111111101010101111111',
  '000000000101000000000',
  '101000110101100100101',
  '000110011010010001100',
  '001111100100010010101',
  '111010011000100101001',
  '010110111000011011111',
  '000000001111011001011',
  '111111101101110010111',
  '100000100111011001000',
  '101110100011111101110',
  '101110100010000100000',
  '101110101010001010011',
  '100000100100100111000',
  '111111101110001110101',
];

const rows = (q) => q.modules.map((r) => r.map((d) => (d ? '1' : '0')).join(''));

function qrencode(text, version) {
  const out = execFileSync('qrencode', ['-t', 'ASCII', '-m', '0', '-l', 'M', '-8', '-v', String(version), '-o', '-',
    text]).toString();
  return out.split('\n').filter((l) => l.length).map((l) => l.replace(/##/g, '1').replace(/ {2}/g, '0'));
}

let hasQrencode = true;
try {
  execFileSync('qrencode', ['-V'], { stdio: 'ignore' });
} catch (e) {
  hasQrencode = false;
}

test('QR: a booking code gives the known version-1 matrix', () => {
  const q = QR.encode('2MECSXEF');
  assert.equal(q.version, 1);
  assert.equal(q.size, 21);
  assert.deepEqual(rows(q), kKnown);
});

test('QR: versions grow with the text and a text over 62 bytes is refused', () => {
  assert.deepEqual([1, 14, 15, 26, 27, 42, 43, 62].map((n) => QR.encode('x'.repeat(n)).version), [1, 1, 2, 2, 3, 3, 4, 4]);
  assert.throws(() => QR.encode('x'.repeat(63)), /too long/);
});

test('QR: the same modules as qrencode for random codes and texts', { skip: !hasQrencode && 'qrencode not installed' },
  () => {
    const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
    const texts = ['https://antre.example/booking#check/ABCD2345', 'Layanan GRATIS — Serang'];
    for (let i = 0; i < 30; i++) {
      const bytes = crypto.randomBytes(8);
      texts.push(Array.from(bytes, (b) => alphabet[b % alphabet.length]).join(''));
    }
    for (const n of [1, 13, 20, 30, 41, 50, 62]) texts.push(crypto.randomBytes(n).toString('base64').slice(0, n));
    for (const text of texts) {
      const q = QR.encode(text);
      assert.deepEqual(rows(q), qrencode(text, q.version), `QR of "${text}" (version ${q.version}, mask ${q.mask})`);
    }
  });
