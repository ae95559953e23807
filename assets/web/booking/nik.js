// Instant NIK check in the browser, the same rules as the server's (shared/core/nik.cpp): 16
// digits, a Kemendagri province code, regency and district not 00, a real birth date DDMMYY
// (+40 on the day for women) and a sequence that is not 0000. NIKs first issued outside Kota
// Serang are fine. CheckNik(text) returns null when valid, else the reason's text key.
(function (root) {
  'use strict';
  const kProvinces = [11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53,
    61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96];
  const kDays = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

  function checkNik(text) {
    const s = String(text || '').replace(/[\s.-]/g, '');
    if (!/^\d*$/.test(s)) return 'nik_digits';
    if (s.length !== 16) return 'nik_length';
    const n = (pos, len) => Number(s.substr(pos, len));
    if (kProvinces.indexOf(n(0, 2)) < 0) return 'nik_province';
    if (n(2, 2) === 0 || n(4, 2) === 0) return 'nik_region';
    const dd = n(6, 2);
    const day = dd > 40 ? dd - 40 : dd;
    const month = n(8, 2);
    const yy = n(10, 2);
    if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1] || (month === 2 && day === 29 && yy % 4)) {
      return 'nik_date';
    }
    if (n(12, 4) === 0) return 'nik_sequence';
    return null;
  }

  // An Indonesian mobile number normalised to +62…, or null (same rule as the server).
  function normalizePhone(text) {
    const t = String(text || '').trim();
    if (!/^\+?[\d\s().-]*$/.test(t)) return null;
    let d = t.replace(/\D/g, '');
    if (d.startsWith('62')) d = d.slice(2);
    else if (d.startsWith('0')) d = d.slice(1);
    return d.length >= 8 && d.length <= 12 && d[0] === '8' ? '+62' + d : null;
  }

  const api = { checkNik, normalizePhone };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  else root.NIK = api;
})(this);
