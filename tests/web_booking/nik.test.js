// The booking page's instant NIK and phone checks (assets/web/booking/nik.js) as tables, the
// same rules as the server's validator (shared/core/nik.cpp) and phone normaliser.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { checkNik, normalizePhone } = require('../../assets/web/booking/nik.js');
const { valid, invalid } = require('./nik_cases');

test('NIK: valid numbers, including women (+40) and NIKs from outside Kota Serang', () => {
  for (const nik of valid) assert.equal(checkNik(nik), null, nik);
});

test('NIK: each kind of invalid number names its reason', () => {
  for (const [nik, why] of invalid) assert.equal(checkNik(nik), why, nik);
});

test('phone: Indonesian mobile numbers normalise to +62, others are refused', () => {
  const cases = [
    ['0812 3456 7890', '+6281234567890'],
    ['+62 812-3456-7890', '+6281234567890'],
    ['62812345678', '+62812345678'],
    ['(0812) 345.678', '+62812345678'],
    ['0212345678', null], // a landline
    ['0812', null],
    ['08123456789012', null],
    ['0812a3456789', null],
    ['0812+3456789', null],
  ];
  for (const [input, want] of cases) assert.equal(normalizePhone(input), want, input);
});
