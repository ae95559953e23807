// The satisfaction survey (SKM, PermenPANRB 14/2017) on the resident's ticket page, loaded
// only once the ticket is done. Nine questions U1-U9 in plain words, four big choices each
// (1 = worst, 4 = best), an optional comment; no name is asked. The ticket page calls
// TicketSurvey.start(container, ticketId, lang) and TicketSurvey.lang(lang).
'use strict';

window.TicketSurvey = (function () {
  var Q = {
    id: [
      ['Apakah persyaratan (berkas) yang diminta sesuai dengan layanan ini?', 'Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'],
      ['Seberapa mudah alur dan prosedur layanan di sini?', 'Tidak mudah', 'Kurang mudah', 'Mudah', 'Sangat mudah'],
      ['Seberapa cepat layanan Anda selesai?', 'Tidak cepat', 'Kurang cepat', 'Cepat', 'Sangat cepat'],
      ['Berapa biaya yang Anda keluarkan untuk layanan ini?', 'Sangat mahal', 'Cukup mahal', 'Murah', 'Gratis'],
      ['Apakah hasil layanan sesuai dengan yang dijanjikan?', 'Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'],
      ['Seberapa mampu petugas melayani Anda?', 'Tidak mampu', 'Kurang mampu', 'Mampu', 'Sangat mampu'],
      ['Seberapa sopan dan ramah petugas?', 'Tidak sopan', 'Kurang sopan', 'Sopan dan ramah', 'Sangat sopan dan ramah'],
      ['Bagaimana pengaduan, saran dan masukan ditangani di sini?', 'Tidak ada', 'Ada, tapi tidak berjalan', 'Berjalan, kurang baik', 'Ditangani dengan baik'],
      ['Bagaimana ruang tunggu, tempat duduk, toilet dan fasilitas lainnya?', 'Buruk', 'Cukup', 'Baik', 'Sangat baik']
    ],
    en: [
      ['Did the documents you were asked for fit this service?', 'Not at all', 'Partly', 'Yes', 'Fully'],
      ['How easy was the procedure here?', 'Not easy', 'Not very easy', 'Easy', 'Very easy'],
      ['How fast was your service completed?', 'Not fast', 'Not very fast', 'Fast', 'Very fast'],
      ['What did this service cost you?', 'Very expensive', 'Quite expensive', 'Cheap', 'Free'],
      ['Did you get the result the service promises?', 'Not at all', 'Partly', 'Yes', 'Fully'],
      ['How capable were the staff?', 'Not capable', 'Not very capable', 'Capable', 'Very capable'],
      ['How polite and friendly were the staff?', 'Not polite', 'Not very polite', 'Polite and friendly', 'Very polite and friendly'],
      ['How are complaints and suggestions handled here?', 'Not at all', 'There is a way, but it does not work', 'It works, not well', 'Handled well'],
      ['How were the waiting room, seats, toilets and other facilities?', 'Poor', 'Fair', 'Good', 'Very good']
    ]
  };
  var L = {
    id: {
      title: 'Survei kepuasan', intro: 'Bantu kami memperbaiki layanan: 9 pertanyaan singkat, tanpa nama.',
      of: 'Pertanyaan {i} dari 9', comment: 'Saran atau komentar (boleh dikosongkan)',
      commentHint: 'Jangan tulis nama, NIK atau nomor HP.', send: 'Kirim survei', sending: 'Mengirim…',
      missing: 'Mohon jawab semua pertanyaan ({n} belum dijawab).',
      thanks: 'Terima kasih! Jawaban Anda membantu kami memperbaiki layanan.',
      already: 'Survei untuk tiket ini sudah diisi. Terima kasih.',
      failed: 'Gagal mengirim. Periksa koneksi, lalu coba lagi — jawaban Anda tidak hilang.'
    },
    en: {
      title: 'Satisfaction survey', intro: 'Help us improve: 9 short questions, no name asked.',
      of: 'Question {i} of 9', comment: 'Suggestions or comments (optional)',
      commentHint: 'Do not write your name, NIK or phone number.', send: 'Send survey', sending: 'Sending…',
      missing: 'Please answer every question ({n} not answered yet).',
      thanks: 'Thank you! Your answers help us improve our service.',
      already: 'The survey for this ticket has already been answered. Thank you.',
      failed: 'Could not send. Check your connection and try again — your answers are kept.'
    }
  };
  var CSS =
    '#survey{background:#fff;border:1px solid #d3d9e1;border-radius:14px;padding:18px 16px;text-align:left}' +
    '#survey h2{margin:0 0 4px;font-size:22px}#survey .intro{margin:0 0 8px;color:#46505d;font-size:16px}' +
    '#survey fieldset{border:0;border-bottom:1px solid #d3d9e1;margin:0;padding:14px 0 18px}' +
    '#survey legend{padding:0;font-size:18px;font-weight:700;line-height:1.35}' +
    '#survey legend small{display:block;font-size:13px;font-weight:700;color:#46505d;text-transform:uppercase;letter-spacing:.5px;margin-bottom:2px}' +
    '#survey .choices{display:grid;grid-template-columns:1fr 1fr;gap:8px;margin-top:10px}' +
    '#survey .choices label{position:relative;display:flex}' +
    '#survey .choices input{position:absolute;opacity:0;width:1px;height:1px}' +
    '#survey .choices span{flex:1;display:flex;align-items:center;justify-content:center;text-align:center;min-height:58px;padding:8px 10px;' +
    'border:2px solid #9aa6b4;border-radius:12px;font-size:17px;font-weight:600;cursor:pointer;background:#fff;color:#0f1720}' +
    '#survey .choices input:checked+span{background:#0a4f96;border-color:#0a4f96;color:#fff}' +
    '#survey .choices input:focus-visible+span{outline:3px solid #f0a500;outline-offset:2px}' +
    '#survey fieldset.missing legend{color:#8b1c1c}#survey fieldset.missing .choices span{border-color:#c44}' +
    '#survey .cmt{display:block;padding-top:16px;font-weight:700;font-size:17px}' +
    '#survey .cmt small{display:block;font-weight:600;color:#46505d;font-size:14px}' +
    '#survey textarea{display:block;width:100%;margin-top:8px;min-height:90px;font:inherit;font-size:17px;padding:10px;border:2px solid #9aa6b4;border-radius:10px}' +
    '#survey .send{display:block;width:100%;margin-top:14px;min-height:56px;border:0;border-radius:12px;background:#0c5c32;color:#fff;font-size:19px;font-weight:800}' +
    '#survey .send[disabled]{opacity:.6}#survey .msg{margin:10px 0 0;font-weight:700;color:#8b1c1c}#survey .msg:empty{display:none}' +
    '#survey .done{margin:0;font-size:19px;font-weight:700;color:#0c5c32;text-align:center}';

  var box = null, ticket = '', lang = 'id', state = 'loading', answers = [0, 0, 0, 0, 0, 0, 0, 0, 0], comment = '';
  var busy = false, error = '';

  function t(k, v) {
    return L[lang][k].replace(/\{(\w+)\}/g, function (m, n) { return v && v[n] !== undefined ? v[n] : m; });
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // Builds the whole section from the state; answers and the comment live in JS, so a
  // language switch or a failed send keeps them.
  function render() {
    if (!box) return;
    box.className = state === 'loading' || state === 'not_served' ? 'hidden' : '';
    box.replaceChildren();
    box.appendChild(el('h2', { id: 'survey-title' }, t('title')));
    if (state === 'answered' || state === 'thanks') {
      box.appendChild(el('p', { class: 'done', id: 'survey-done', role: 'status' }, t(state === 'thanks' ? 'thanks' : 'already')));
      return;
    }
    if (state !== 'open') return;
    box.appendChild(el('p', { class: 'intro' }, t('intro')));
    var form = el('form', { id: 'survey-form', novalidate: '' });
    Q[lang].forEach(function (q, i) {
      var fs = el('fieldset', { id: 'survey-u' + (i + 1) });
      if (error === 'missing' && !answers[i]) fs.className = 'missing';
      var legend = el('legend');
      legend.appendChild(el('small', {}, t('of', { i: i + 1 })));
      legend.appendChild(document.createTextNode(q[0]));
      fs.appendChild(legend);
      var choices = el('div', { class: 'choices' });
      for (var v = 1; v <= 4; v++) {
        var label = el('label');
        var input = el('input', { type: 'radio', name: 'u' + (i + 1), value: String(v) });
        input.checked = answers[i] === v;
        input.onchange = (function (idx, val, set) {
          return function () { answers[idx] = val; set.className = ''; };
        })(i, v, fs);
        label.appendChild(input);
        label.appendChild(el('span', {}, q[v]));
        choices.appendChild(label);
      }
      fs.appendChild(choices);
      form.appendChild(fs);
    });
    var cmt = el('label', { class: 'cmt', for: 'survey-comment' }, t('comment'));
    cmt.appendChild(el('small', {}, t('commentHint')));
    form.appendChild(cmt);
    var area = el('textarea', { id: 'survey-comment', maxlength: '500', rows: '3' });
    area.value = comment;
    area.oninput = function () { comment = area.value; };
    form.appendChild(area);
    var missing = answers.filter(function (a) { return !a; }).length;
    form.appendChild(el('p', { class: 'msg', id: 'survey-msg', role: 'alert' },
      error === 'missing' ? t('missing', { n: missing }) : error === 'failed' ? t('failed') : ''));
    var send = el('button', { class: 'send', id: 'survey-send', type: 'submit' }, t(busy ? 'sending' : 'send'));
    send.disabled = busy;
    form.appendChild(send);
    form.onsubmit = function (ev) { ev.preventDefault(); submit(); };
    box.appendChild(form);
  }

  function submit() {
    if (busy) return;
    var missing = answers.indexOf(0);
    if (missing >= 0) {
      error = 'missing';
      render();
      var first = document.getElementById('survey-u' + (missing + 1));
      if (first && first.scrollIntoView) first.scrollIntoView({ block: 'center' });
      return;
    }
    var body = {};
    answers.forEach(function (a, i) { body['u' + (i + 1)] = a; });
    body.comment = comment.trim() || null;
    busy = true;
    error = '';
    render();
    fetch('/api/v1/tickets/' + encodeURIComponent(ticket) + '/survey', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), cache: 'no-store'
    }).then(function (r) {
      busy = false;
      if (r.status === 201) state = 'thanks';
      else if (r.status === 409) return r.json().then(function (e) {
        state = e.error && e.error.code === 'already_answered' ? 'answered' : 'not_served';
      });
      else error = 'failed';
    }).catch(function () { busy = false; error = 'failed'; }).then(function () {
      render();
      var done = document.getElementById('survey-done');
      if (done && box.scrollIntoView) box.scrollIntoView({ block: 'center' });
    });
  }

  return {
    start: function (container, ticketId, language) {
      if (box) return;
      box = container;
      ticket = ticketId;
      lang = language;
      var style = el('style');
      style.textContent = CSS;
      document.head.appendChild(style);
      fetch('/api/v1/tickets/' + encodeURIComponent(ticket) + '/survey', { cache: 'no-store' })
        .then(function (r) { return r.ok ? r.json() : { state: 'not_served' }; })
        .then(function (s) { state = s.state; render(); })
        .catch(function () { state = 'not_served'; render(); });
    },
    lang: function (language) {
      if (language === lang) return;
      lang = language;
      render();
    }
  };
})();
