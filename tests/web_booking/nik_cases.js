// NIK tables shared by the page-check test (nik.test.js) and the server-agreement test
// (booking.test.js): valid NIKs, then invalid ones with the reason's text key.
'use strict';

const valid = [
  '3673011505900001', // Kota Serang, man born 15-05-1990
  '3673015505900001', // the same date for a woman
  '3604127112990123', // Kabupaten Serang, woman born 31-12-1999
  '3171010101000001', // Jakarta, born 01-01-2000
  '9601012902000001', // Papua Selatan (2022), 29-02-2000
  '1101016902040001', // Aceh, woman born 29-02-2004
  '3673 0115 0590 0001', // spaces as typed from a card
];

const invalid = [
  ['', 'nik_length'],
  ['367301150590001', 'nik_length'],
  ['36730115059000011', 'nik_length'],
  ['3673O11505900001', 'nik_digits'],
  ['9973011505900001', 'nik_province'],
  ['2073011505900001', 'nik_province'],
  ['3600011505900001', 'nik_region'],
  ['3673001505900001', 'nik_region'],
  ['3673010005900001', 'nik_date'],
  ['3673013205900001', 'nik_date'],
  ['3673017205900001', 'nik_date'],
  ['3673013104900001', 'nik_date'], // 31 April
  ['3673012902010001', 'nik_date'], // 29 Feb 2001
  ['3673011513900001', 'nik_date'], // month 13
  ['3673011505900000', 'nik_sequence'],
];

module.exports = { valid, invalid };
