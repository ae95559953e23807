// The satisfaction index page (/ikm): a supervisor picks a period and a service and gets the
// one-page summary the office publishes (PermenPANRB 14/2017), printable on A4, plus the CSV
// exports. The figures come from GET /api/v1/sites/:site/ikm; nothing is computed here.
'use strict';

(function () {
  const A = window.Antre;
  const h = A.h;
  A.addTexts({
    id: {
      pageTitle: 'Indeks Kepuasan Masyarakat',
      loginTitleIkm: 'Masuk supervisor',
      fromLbl: 'Dari tanggal', toLbl: 'Sampai tanggal', serviceLbl: 'Layanan', allServices: 'Semua layanan',
      show: 'Tampilkan', print: 'Cetak', csv: 'Unduh CSV (ringkasan)', csvRows: 'Unduh CSV (data jawaban)',
      sheetTitle: 'Hasil Survei Kepuasan Masyarakat (SKM)',
      period: 'Periode', service: 'Layanan', ikmLbl: 'Nilai IKM', gradeLbl: 'Mutu pelayanan',
      respondents: 'Jumlah responden', respondentsN: '{n} orang',
      elementsTitle: 'Nilai rata-rata per unsur pelayanan (skala 1–4)',
      codeCol: 'Unsur', nameCol: 'Unsur pelayanan', meanCol: 'Nilai rata-rata',
      servicesTitle: 'Per layanan', svcCol: 'Layanan', nCol: 'Responden', ikmCol: 'IKM', gradeCol: 'Mutu',
      bandsTitle: 'Kategori mutu pelayanan',
      method: 'Dihitung menurut PermenPANRB No. 14 Tahun 2017: IKM = (jumlah nilai rata-rata unsur × 0,111) × 25, dibulatkan dua desimal.',
      printed: 'Dicetak {d}', noData: 'Belum ada responden pada periode ini.',
      commentsTitle: 'Saran dan masukan terbaru (tidak untuk publikasi)', noComments: 'Belum ada komentar.',
      loadFailed: 'Gagal memuat: {msg}',
    },
    en: {
      pageTitle: 'Public Satisfaction Index',
      loginTitleIkm: 'Supervisor sign-in',
      fromLbl: 'From', toLbl: 'To', serviceLbl: 'Service', allServices: 'All services',
      show: 'Show', print: 'Print', csv: 'Download CSV (summary)', csvRows: 'Download CSV (responses)',
      sheetTitle: 'Public Satisfaction Survey (SKM) results',
      period: 'Period', service: 'Service', ikmLbl: 'IKM score', gradeLbl: 'Service quality',
      respondents: 'Respondents', respondentsN: '{n}',
      elementsTitle: 'Mean score per service element (scale 1–4)',
      codeCol: 'Element', nameCol: 'Service element', meanCol: 'Mean',
      servicesTitle: 'Per service', svcCol: 'Service', nCol: 'Respondents', ikmCol: 'IKM', gradeCol: 'Grade',
      bandsTitle: 'Service quality grades',
      method: 'Computed as in PermenPANRB 14/2017: IKM = (sum of element means × 0.111) × 25, rounded to two decimals.',
      printed: 'Printed {d}', noData: 'No respondents in this period yet.',
      commentsTitle: 'Latest comments (not for publication)', noComments: 'No comments yet.',
      loadFailed: 'Could not load: {msg}',
    },
  });

  const kMonths = {
    id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
    en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  };
  const kBands = [
    { g: 'A', range: '88,31 – 100,00', id: 'Sangat Baik', en: 'Very good' },
    { g: 'B', range: '76,61 – 88,30', id: 'Baik', en: 'Good' },
    { g: 'C', range: '65,00 – 76,60', id: 'Kurang Baik', en: 'Poor' },
    { g: 'D', range: '25,00 – 64,99', id: 'Tidak Baik', en: 'Bad' },
  ];

  // "2026-11-30" -> "30 November 2026".
  const fmtDate = (iso) => {
    const [y, m, d] = iso.split('-').map(Number);
    return `${d} ${kMonths[A.lang][m - 1]} ${y}`;
  };
  // Two decimals, with a decimal comma in Indonesian.
  const fmtNum = (v) => {
    if (v === null || v === undefined) return '–';
    const s = Number(v).toFixed(2);
    return A.lang === 'id' ? s.replace('.', ',') : s;
  };
  const label = (l) => (l ? (A.lang === 'en' ? l.en : l.id) : '');

  let ctx = null, data = null, services = [];
  const q = new URLSearchParams(location.search);

  function query(extra) {
    const p = new URLSearchParams();
    const from = A.$('#from').value, to = A.$('#to').value, svc = A.$('#svc').value;
    if (from) p.set('from', from);
    if (to) p.set('to', to);
    if (svc) p.set('service', svc);
    for (const [k, v] of Object.entries(extra || {})) p.set(k, v);
    return p.toString();
  }

  async function load() {
    const msg = A.$('#ikm-msg');
    msg.textContent = '';
    try {
      const r = await A.api('GET', `/api/v1/sites/${encodeURIComponent(ctx.site)}/ikm?${query()}`);
      data = r.data;
      A.$('#from').value = data.from;
      A.$('#to').value = data.to;
      history.replaceState(null, '', '/ikm?' + query({ site: ctx.site }));
      render();
    } catch (e) {
      msg.textContent = A.t('loadFailed', { msg: e.message });
    }
  }

  async function download(rows) {
    const s = A.session();
    const extra = rows ? { format: 'csv', rows: 'responses' } : { format: 'csv' };
    const res = await fetch(`/api/v1/sites/${encodeURIComponent(ctx.site)}/ikm?${query(extra)}`, {
      headers: { Authorization: 'Bearer ' + s.token }, cache: 'no-store',
    });
    if (!res.ok) {
      A.$('#ikm-msg').textContent = A.t('loadFailed', { msg: 'HTTP ' + res.status });
      return;
    }
    const cd = res.headers.get('Content-Disposition') || '';
    const m = /filename="([^"]+)"/.exec(cd);
    const a = h('a', { href: URL.createObjectURL(await res.blob()), download: m ? m[1] : 'ikm.csv' });
    document.body.append(a);
    a.click();
    a.remove();
  }

  function render() {
    const sheet = A.$('#sheet');
    if (!data) return sheet.replaceChildren();
    const o = data.overall;
    const svcLabel = A.$('#svc').value
      ? label((data.services[0] || {}).name) : A.t('allServices');
    const period = data.from === data.to ? fmtDate(data.from) : `${fmtDate(data.from)} – ${fmtDate(data.to)}`;
    const head = h('div', { class: 'sheet-head' },
      h('h1', {}, A.t('sheetTitle')),
      h('p', { class: 'site' }, data.site_name),
      h('dl', { class: 'meta' },
        h('dt', {}, A.t('period')), h('dd', { id: 'ikm-period' }, period),
        h('dt', {}, A.t('service')), h('dd', {}, svcLabel)));
    const score = h('div', { class: 'score' },
      h('div', { class: 'score-box' }, h('span', {}, A.t('ikmLbl')), h('b', { id: 'ikm-value', class: 'num' }, fmtNum(o.ikm))),
      h('div', { class: 'score-box grade grade-' + (o.grade || 'none') },
        h('span', {}, A.t('gradeLbl')), h('b', { id: 'ikm-grade' }, o.grade || '–'), h('small', {}, label(o.grade_label))),
      h('div', { class: 'score-box' }, h('span', {}, A.t('respondents')),
        h('b', { id: 'ikm-respondents', class: 'num' }, String(o.respondents))));
    const rows = data.elements.map((e, i) => {
      const mean = o.means ? o.means[i] : null;
      return h('tr', {},
        h('td', { class: 'code' }, e.code),
        h('td', {}, label(e.name)),
        h('td', { class: 'num mean' }, fmtNum(mean)),
        h('td', { class: 'bar-cell' }, h('span', { class: 'bar-fill', style: `width:${mean ? (mean / 4) * 100 : 0}%` })));
    });
    const elements = h('section', {},
      h('h2', {}, A.t('elementsTitle')),
      h('table', { class: 'grid', id: 'ikm-elements' },
        h('thead', {}, h('tr', {}, h('th', {}, A.t('codeCol')), h('th', {}, A.t('nameCol')), h('th', { class: 'num' }, A.t('meanCol')), h('th', {}))),
        h('tbody', {}, rows)));
    const perService = data.services.length > 1 ? h('section', {},
      h('h2', {}, A.t('servicesTitle')),
      h('table', { class: 'grid', id: 'ikm-services' },
        h('thead', {}, h('tr', {}, h('th', {}, A.t('svcCol')), h('th', { class: 'num' }, A.t('nCol')),
          h('th', { class: 'num' }, A.t('ikmCol')), h('th', {}, A.t('gradeCol')))),
        h('tbody', {}, data.services.map((s) => h('tr', {},
          h('td', {}, label(s.name)), h('td', { class: 'num' }, String(s.respondents)),
          h('td', { class: 'num' }, fmtNum(s.ikm)), h('td', {}, s.grade ? `${s.grade} (${label(s.grade_label)})` : '–')))))) : null;
    const bands = h('section', { class: 'bands' },
      h('h2', {}, A.t('bandsTitle')),
      h('ul', {}, kBands.map((b) => h('li', {}, h('b', {}, b.g), ` ${b.range} — ${A.lang === 'en' ? b.en : b.id}`))));
    const today = new Date();
    const foot = h('p', { class: 'method' }, A.t('method'), h('br'),
      A.t('printed', { d: fmtDate(`${today.getFullYear()}-${today.getMonth() + 1}-${today.getDate()}`) }));
    sheet.replaceChildren(...[head, o.respondents ? null : h('p', { class: 'nodata' }, A.t('noData')), score, elements,
      perService, bands, foot].filter(Boolean));

    const comments = A.$('#comments');
    comments.replaceChildren(h('h2', {}, A.t('commentsTitle')),
      data.comments.length
        ? h('ul', {}, data.comments.map((c) => h('li', {}, h('span', { class: 'muted' }, `${c.day} · ${label((data.services.find((s) => s.service === c.service) || {}).name) || c.service}`), h('br'), c.text)))
        : h('p', { class: 'muted' }, A.t('noComments')));
  }

  function start(c) {
    ctx = c;
    const svc = h('select', { id: 'svc' }, h('option', { value: '' }, A.t('allServices')));
    const controls = h('form', { class: 'card controls no-print', id: 'ikm-form' },
      h('label', {}, h('span', { 'data-i18n': 'fromLbl' }), h('input', { type: 'date', id: 'from', value: q.get('from') || '' })),
      h('label', {}, h('span', { 'data-i18n': 'toLbl' }), h('input', { type: 'date', id: 'to', value: q.get('to') || '' })),
      h('label', {}, h('span', { 'data-i18n': 'serviceLbl' }), svc),
      h('button', { class: 'btn primary', type: 'submit', id: 'ikm-show', 'data-i18n': 'show' }),
      h('button', { class: 'btn', type: 'button', id: 'ikm-print', 'data-i18n': 'print', onclick: () => window.print() }),
      h('button', { class: 'btn', type: 'button', id: 'ikm-csv', 'data-i18n': 'csv', onclick: () => download(false) }),
      h('button', { class: 'btn', type: 'button', id: 'ikm-csv-rows', 'data-i18n': 'csvRows', onclick: () => download(true) }),
      h('p', { id: 'ikm-msg', class: 'error', role: 'alert' }));
    controls.addEventListener('submit', (ev) => {
      ev.preventDefault();
      load();
    });
    c.main.append(controls, h('article', { class: 'sheet', id: 'sheet' }), h('section', { class: 'card comments no-print', id: 'comments' }));
    A.applyTexts(c.main);
    A.api('GET', `/api/v1/sites/${encodeURIComponent(c.site)}/services`, undefined, { anonymous: true }).then((r) => {
      services = r.data;
      for (const s of services) svc.append(h('option', { value: s.id }, A.serviceName(s)));
      svc.value = q.get('service') || '';
      load();
    }).catch((e) => {
      A.$('#ikm-msg').textContent = A.t('loadFailed', { msg: e.message });
    });
  }

  A.onLangChange = () => {
    for (const opt of document.querySelectorAll('#svc option')) {
      const s = services.find((x) => x.id === opt.value);
      opt.textContent = s ? A.serviceName(s) : A.t('allServices');
    }
    render();
  };

  A.boot({ roles: ['supervisor', 'admin'], loginTitleKey: 'loginTitleIkm', start });
})();
