// The city view (/city): every site the supervisor may work, side by side, live; and the
// comparison report of a period with its CSV. Each site's event stream only says "something
// changed": the figures always come from GET /api/v1/city/summary, re-read at most once a
// second, so a busy city costs one small read per second, not one per event.
'use strict';

(function () {
  const A = window.Antre;
  A.addTexts({
    id: {
      pageTitle: 'Pantauan Kota', loginTitleCity: 'Masuk — Pantauan Kota',
      sitesTitle: 'Kantor pelayanan', reportTitle: 'Perbandingan kantor',
      waiting: 'Menunggu', longest: 'Tunggu terlama', counters: 'Loket buka', idle: '{n} menganggur',
      paused: '{n} istirahat', stock: 'Blangko', stock_available: 'cukup', stock_low: 'menipis', stock_empty: 'habis',
      backlog: 'Antrean cetak', devices: 'Perangkat diam', ofTotal: 'dari {n}', noSites: 'Tidak ada kantor untuk akun ini.',
      from: 'Dari', to: 'Sampai', show: 'Tampilkan', csv: 'Unduh CSV',
      site: 'Kantor', issued: 'Tiket diambil', served: 'Dilayani', no_show: 'Tidak hadir',
      wait_mean: 'Rata-rata tunggu', within: 'Tepat target', backlog_length: 'Antrean cetak', total: 'Semua kantor',
      openSupervisor: 'Buka pantauan {name}', oldest: 'terlama {m}', noPrinting: 'tidak mencetak',
    },
    en: {
      pageTitle: 'City overview', loginTitleCity: 'Sign in — City overview',
      sitesTitle: 'Service offices', reportTitle: 'Offices compared',
      waiting: 'Waiting', longest: 'Longest wait', counters: 'Counters open', idle: '{n} idle',
      paused: '{n} on break', stock: 'Blank cards', stock_available: 'enough', stock_low: 'running low', stock_empty: 'none left',
      backlog: 'Print backlog', devices: 'Devices silent', ofTotal: 'of {n}', noSites: 'This account has no offices.',
      from: 'From', to: 'To', show: 'Show', csv: 'Download CSV',
      site: 'Office', issued: 'Tickets taken', served: 'Served', no_show: 'No-shows',
      wait_mean: 'Mean wait', within: 'Within target', backlog_length: 'Print backlog', total: 'All offices',
      openSupervisor: 'Open the monitor of {name}', oldest: 'oldest {m}', noPrinting: 'no printing',
    },
  });

  // Beyond this many sites the page follows only the first ones' streams and re-reads the
  // rest every half minute, so one tab never takes a city's worth of stream places.
  const kMaxStreams = 20;
  const kLongWaitMinutes = 30;

  let ctx = null, sites = [], lives = [], states = [], poll = null;
  let lastRead = 0, readTimer = null, reading = false, report = null;

  // ---------------------------------------------------------------- live summary

  async function readSummary() {
    if (reading) return scheduleRead();
    reading = true;
    lastRead = Date.now();
    try {
      const r = await A.api('GET', '/api/v1/city/summary');
      sites = r.data.sites;
      renderSites();
    } catch (e) {
      // No server: the connection badge says so. A 401 has shown the login screen.
    } finally {
      reading = false;
    }
  }

  // At most one read a second, however many events arrive.
  function scheduleRead() {
    if (readTimer) return;
    const wait = Math.max(0, lastRead + 1000 - Date.now());
    readTimer = setTimeout(() => {
      readTimer = null;
      readSummary();
    }, wait);
  }

  // The badge is live only when every followed stream is; one lost link shows as lost.
  function noteState(i, state) {
    states[i] = state;
    const all = states.every((s) => s === 'live') ? 'live' : null;
    A.showConn(all || (states.indexOf('reconnecting') >= 0 ? 'reconnecting' : 'connecting'));
  }

  function follow() {
    sites.slice(0, kMaxStreams).forEach((s, i) => {
      states[i] = 'connecting';
      lives.push(A.Live(s.id, { onEvent: scheduleRead, onSync: scheduleRead, onState: (st) => noteState(i, st) }));
    });
    if (!lives.length) A.showConn('live');
  }

  function fig(label, value, small, level, key) {
    return A.h('div', { class: 'fig' + (level ? ' ' + level : ''), dataset: { fig: key } },
      A.h('dt', {}, label), A.h('dd', {}, String(value), small ? A.h('small', {}, ' ', small) : null));
  }

  function siteCard(s) {
    const c = s.counters, d = s.devices;
    const counterNote = [A.t('idle', { n: c.idle }), c.paused ? A.t('paused', { n: c.paused }) : null].filter(Boolean).join(' · ');
    const stockLevel = s.stock.level === 'empty' ? 'bad' : s.stock.level === 'low' ? 'warn' : '';
    // An office without a print service needs no blank cards: "0, none left" would be a false
    // alarm. Cards it holds anyway (sent there by mistake) still show, with no level.
    const prints = s.prints_cards !== false;
    return A.h('section', { class: 'card site-card', dataset: { site: s.id }, 'aria-label': s.name },
      A.h('h2', {}, A.h('a', { href: '/supervisor?site=' + encodeURIComponent(s.id), title: A.t('openSupervisor', { name: s.name }) }, s.name)),
      A.h('dl', { class: 'figs' },
        fig(A.t('waiting'), s.waiting, null, '', 'waiting'),
        fig(A.t('longest'), A.fmtMinutes(s.longest_wait_minutes), null, s.longest_wait_minutes > kLongWaitMinutes ? 'warn' : '', 'longest'),
        fig(A.t('counters'), c.open, counterNote, c.open === 0 && s.waiting > 0 ? 'bad' : '', 'counters'),
        prints ? fig(A.t('stock'), s.stock.count, A.t('stock_' + s.stock.level), stockLevel, 'stock')
          : fig(A.t('stock'), s.stock.count || '—', A.t('noPrinting'), '', 'stock'),
        prints ? fig(A.t('backlog'), s.backlog.length, s.backlog.length ? A.t('oldest', { m: A.fmtMinutes(s.backlog.oldest_minutes) }) : null, '', 'backlog')
          : fig(A.t('backlog'), s.backlog.length || '—', A.t('noPrinting'), '', 'backlog'),
        fig(A.t('devices'), d.silent, A.t('ofTotal', { n: d.total }), d.silent ? 'bad' : '', 'devices')));
  }

  function renderSites() {
    const box = A.$('#sites');
    if (!box) return;
    box.replaceChildren(...(sites.length ? sites.map(siteCard) : [A.h('p', { class: 'muted' }, A.t('noSites'))]));
  }

  // ---------------------------------------------------------------- report

  const today = () => {
    const d = new Date(A.serverNow());
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  };
  const query = () => `from=${A.$('#from').value}&to=${A.$('#to').value}`;

  async function loadReport() {
    const err = A.$('#report-error');
    err.textContent = '';
    try {
      report = (await A.api('GET', '/api/v1/city/report?' + query())).data;
    } catch (e) {
      report = null;
      err.textContent = A.t('error', { msg: e.message });
    }
    renderReport();
  }

  function renderReport() {
    const box = A.$('#report-table');
    if (!box || !report) return box && box.replaceChildren();
    const mins = (s) => A.fmtMinutes(Math.round(s / 60));
    const row = (cls, name, r) => A.h('tr', { class: cls, dataset: { site: r.site || '' } },
      A.h('td', {}, name), A.h('td', { class: 'r' }, r.issued), A.h('td', { class: 'r' }, r.served),
      A.h('td', { class: 'r' }, r.no_show), A.h('td', { class: 'r' }, mins(r.wait_mean_s)),
      A.h('td', { class: 'r' }, r.wait_count ? Math.round((100 * r.within_target) / r.wait_count) + '%' : '–'),
      // An office that prints no cards has no print backlog (null), not an empty one.
      A.h('td', { class: 'r', title: r.backlog_length === null ? A.t('noPrinting') : null }, r.backlog_length === null ? '—' : r.backlog_length));
    const sum = { issued: 0, served: 0, no_show: 0, wait_count: 0, within_target: 0, backlog_length: 0, wait_total: 0 };
    for (const r of report.sites) {
      for (const k of ['issued', 'served', 'no_show', 'wait_count', 'within_target', 'backlog_length']) sum[k] += r[k] || 0;
      sum.wait_total += r.wait_mean_s * r.wait_count;
    }
    if (!report.sites.some((r) => r.backlog_length !== null)) sum.backlog_length = null;
    sum.wait_mean_s = sum.wait_count ? sum.wait_total / sum.wait_count : 0;
    const th = (key, cls) => A.h('th', { class: cls === undefined ? 'r' : cls }, A.t(key));
    box.replaceChildren(A.h('table', { class: 'grid' },
      A.h('thead', {}, A.h('tr', {}, th('site', ''), th('issued'), th('served'), th('no_show'), th('wait_mean'), th('within'), th('backlog_length'))),
      A.h('tbody', {}, report.sites.map((r) => row('', r.name, r)), report.sites.length > 1 ? row('total', A.t('total'), sum) : null)));
  }

  // The CSV needs the bearer token, so it is fetched and handed to the browser as a file.
  async function downloadCsv() {
    const s = A.session();
    const res = await fetch('/api/v1/city/report?' + query() + '&format=csv', { headers: { Authorization: 'Bearer ' + s.token } });
    if (!res.ok) return;
    const blob = await res.blob();
    const m = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') || '');
    const a = A.h('a', { href: URL.createObjectURL(blob), download: m ? m[1] : 'antre-city.csv' });
    document.body.append(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  function layout() {
    const day = today();
    ctx.main.replaceChildren(A.h('div', { class: 'city' },
      A.h('section', {}, A.h('h1', { 'data-i18n': 'sitesTitle' }), A.h('div', { class: 'sites', id: 'sites' })),
      A.h('section', { class: 'card city-report' },
        A.h('h2', { 'data-i18n': 'reportTitle' }),
        A.h('div', { class: 'city-controls' },
          A.h('label', {}, A.h('span', { 'data-i18n': 'from' }), A.h('input', { type: 'date', id: 'from', value: day })),
          A.h('label', {}, A.h('span', { 'data-i18n': 'to' }), A.h('input', { type: 'date', id: 'to', value: day })),
          A.h('button', { class: 'btn primary', type: 'button', id: 'show', 'data-i18n': 'show', onclick: loadReport }),
          A.h('button', { class: 'btn', type: 'button', id: 'csv', 'data-i18n': 'csv', onclick: downloadCsv })),
        A.h('p', { class: 'city-error', id: 'report-error', role: 'alert' }),
        A.h('div', { class: 'city-table', id: 'report-table' }))));
    A.applyTexts(ctx.main);
  }

  A.onLangChange = () => {
    renderSites();
    renderReport();
  };

  A.boot({
    roles: ['supervisor', 'admin'],
    loginTitleKey: 'loginTitleCity',
    sitePicker: false,  // the city view shows every site at once
    async start(c) {
      ctx = c;
      A.showConn('connecting');
      layout();
      await readSummary();
      follow();
      loadReport();
      // Waiting minutes grow with no event to announce them, and sites past kMaxStreams have
      // no stream: re-read now and then.
      poll = setInterval(scheduleRead, 30000);
    },
    stop() {
      lives.forEach((l) => l.stop());
      lives = [];
      states = [];
      clearInterval(poll);
      clearTimeout(readTimer);
      readTimer = null;
      ctx = null;
    },
  });
})();
