// Report page (/admin/reports): pick a period (day, week, month or a custom range) and a
// grouping, read GET /sites/:site/reports, and show its figures as tiles, two inline SVG
// charts and a table. Every number shown is a field of that JSON (data-figure names it), and
// the CSV download is the same report, so the page, the JSON and the CSV agree.
'use strict';

(function () {
  const A = window.Antre;
  A.addTexts({
    id: {
      pageTitle: 'Laporan',
      loginTitleRep: 'Masuk supervisor',
      period: 'Periode', p_day: 'Hari', p_week: 'Minggu', p_month: 'Bulan', p_custom: 'Rentang',
      date: 'Tanggal', from: 'Dari', to: 'Sampai', groupBy: 'Per',
      g_service: 'Layanan', g_counter: 'Loket', g_officer: 'Petugas',
      show: 'Tampilkan', csv: 'Unduh CSV', loading: 'Memuat…',
      issued: 'Tiket diambil', called: 'Dipanggil', served: 'Dilayani', no_show: 'Tidak hadir',
      expired: 'Kedaluwarsa', cancelled: 'Dibatalkan',
      wait: 'Waktu tunggu', waitMean: 'Tunggu rata-rata', median: 'separuh ≤', p90: '9 dari 10 ≤',
      service: 'Waktu layanan', serviceMean: 'Layanan rata-rata', mean: 'rata-rata',
      withinTarget: 'Dalam target', ofWaited: '{n} dari {m} tiket',
      target: 'Target', minutesShort: '{n} mnt',
      bookings: 'Booking dibuat', checkedIn: 'check-in {n}', bookingNoShow: 'tidak hadir {n}', bookingCancelled: 'batal {n}',
      backlog: 'Kartu menunggu cetak', backlogOldest: 'terlama {d}', backlogMoves: 'masuk {a}, dicetak {p}',
      delivered: 'Kartu diantar', deliveryMoves: 'berangkat {o}, gagal {f}, ulang {r}, ambil sendiri {k}',
      perHour: 'Tiket per jam', trend: 'Tren harian', total: 'Total', key: 'Nama',
      bookingsMade: 'Booking', bookingsIn: 'Check-in', bookingsNoShow: 'Booking tidak hadir',
      foot: 'Waktu tunggu: dari ambil tiket sampai panggilan pertama. Waktu layanan: dari panggilan terakhir sampai selesai. "Separuh ≤ 5 mnt": separuh tiket menunggu (atau dilayani) 5 menit atau kurang; "9 dari 10 ≤": begitu pula 9 dari 10 tiket. Kartu menunggu cetak: per akhir periode (atau sekarang).',
      badRange: 'Periode tidak valid: {msg}',
      c_issued: 'Diambil', c_expired: 'Keda\u00adluwarsa', c_cancelled: 'Batal', c_waitMean: 'Tunggu rata-rata',
      c_waitMedian: 'Tunggu separuh', c_waitP90: 'Tunggu 9 dari 10', c_within: 'Dalam target', c_serviceMean: 'Layanan rata-rata',
      c_serviceP90: 'Layanan 9 dari 10', c_bookingsNoShow: 'Booking tidak hadir',
      sourcesTitle: 'Asal booking', ch_web: 'Web (warga sendiri)', ch_operator: 'Operator kelurahan/kecamatan',
      operatorCol: 'Operator', noOperatorBookings: 'Belum ada booking oleh operator pada periode ini.',
      patternsTitle: 'Pola booking (calo)', patternsShow: 'Tampilkan pola booking',
      patternsNote: 'Booking web per alamat klien dan per awalan nomor HP (6 digit), terbanyak di atas. Nomor lengkap tidak ditampilkan; setiap pembukaan tercatat di log audit.',
      addressCol: 'Alamat klien', prefixCol: 'Awalan HP', countCol: 'Booking', patternsTotal: 'Booking web: {n}',
      noPatterns: 'Tidak ada booking web pada periode ini.',
    },
    en: {
      pageTitle: 'Reports',
      loginTitleRep: 'Supervisor sign-in',
      period: 'Period', p_day: 'Day', p_week: 'Week', p_month: 'Month', p_custom: 'Range',
      date: 'Date', from: 'From', to: 'To', groupBy: 'By',
      g_service: 'Service', g_counter: 'Counter', g_officer: 'Officer',
      show: 'Show', csv: 'Download CSV', loading: 'Loading…',
      issued: 'Tickets issued', called: 'Called', served: 'Served', no_show: 'No-show',
      expired: 'Expired', cancelled: 'Cancelled',
      wait: 'Waiting time', waitMean: 'Mean wait', median: 'half ≤', p90: '9 in 10 ≤',
      service: 'Service time', serviceMean: 'Mean service', mean: 'mean',
      withinTarget: 'Within target', ofWaited: '{n} of {m} tickets',
      target: 'Target', minutesShort: '{n} min',
      bookings: 'Bookings made', checkedIn: 'checked in {n}', bookingNoShow: 'no-show {n}', bookingCancelled: 'cancelled {n}',
      backlog: 'Cards waiting to print', backlogOldest: 'oldest {d}', backlogMoves: 'added {a}, printed {p}',
      delivered: 'Cards delivered', deliveryMoves: 'out {o}, failed {f}, retry {r}, pickup {k}',
      perHour: 'Tickets per hour', trend: 'Daily trend', total: 'Total', key: 'Name',
      bookingsMade: 'Bookings', bookingsIn: 'Checked in', bookingsNoShow: 'Booking no-show',
      foot: 'Waiting time: from taking the ticket to its first call. Service time: from the latest call to finish. "Half ≤ 5 min": half of the tickets waited (or were served) 5 minutes or less; "9 in 10 ≤": the same for 9 tickets in 10. Cards waiting to print: as at the end of the period (or now).',
      badRange: 'Invalid period: {msg}',
      c_issued: 'Issued', c_expired: 'Expired', c_cancelled: 'Cancelled', c_waitMean: 'Mean wait',
      c_waitMedian: 'Wait, half', c_waitP90: 'Wait, 9 in 10', c_within: 'Within target', c_serviceMean: 'Mean service',
      c_serviceP90: 'Service, 9 in 10', c_bookingsNoShow: 'Booking no-show',
      sourcesTitle: 'Where bookings came from', ch_web: 'Web (residents themselves)', ch_operator: 'Kelurahan/kecamatan operators',
      operatorCol: 'Operator', noOperatorBookings: 'No bookings by operators in this period.',
      patternsTitle: 'Booking patterns (brokers)', patternsShow: 'Show booking patterns',
      patternsNote: 'Web bookings per client address and per phone prefix (6 digits), most first. Full numbers are never shown; each opening is in the audit log.',
      addressCol: 'Client address', prefixCol: 'Phone prefix', countCol: 'Bookings', patternsTotal: 'Web bookings: {n}',
      noPatterns: 'No web bookings in this period.',
    },
  });

  const kColors = ['#0a4f96', '#1f8a4c'];
  let ctx = null, report = null, names = { service: {}, counter: {} };
  const state = { period: 'day', date: '', from: '', to: '', group: 'service' };

  // ---------------------------------------------------------------- dates (UTC arithmetic on plain dates)

  const toMs = (d) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10));
  const fromMs = (ms) => new Date(ms).toISOString().slice(0, 10);
  const addDays = (d, n) => fromMs(toMs(d) + n * 86400000);
  function today() {
    const n = new Date();
    return `${n.getFullYear()}-${String(n.getMonth() + 1).padStart(2, '0')}-${String(n.getDate()).padStart(2, '0')}`;
  }

  // The from/to of the chosen period: weeks start on Monday; months are calendar months.
  function range() {
    const d = state.date;
    if (state.period === 'day') return [d, d];
    if (state.period === 'week') {
      const monday = addDays(d, -((new Date(toMs(d)).getUTCDay() + 6) % 7));
      return [monday, addDays(monday, 6)];
    }
    if (state.period === 'month') {
      const first = d.slice(0, 8) + '01';
      const next = new Date(toMs(first));
      next.setUTCMonth(next.getUTCMonth() + 1);
      return [first, addDays(fromMs(next.getTime()), -1)];
    }
    return [state.from, state.to];
  }

  // ---------------------------------------------------------------- formatting

  const dur = (s, count) => (count ? A.fmtDuration(s * 1000) : '–');
  const keyName = (key) => {
    if (state.group === 'service') return A.serviceName(names.service[key]) || key;
    if (state.group === 'counter') return (names.counter[key] && names.counter[key].name) || key;
    return key;
  };

  // A figure of the report: the element carries its JSON path and value, so a test (or a
  // reader) can tie what is shown to the JSON.
  const fig = (path, value, text) =>
    A.h('b', { 'data-figure': path, 'data-value': String(value) }, text === undefined ? String(value) : text);
  const sfig = (path, value, text) =>
    A.h('span', { 'data-figure': path, 'data-value': String(value) }, text === undefined ? String(value) : text);

  // Fills "{n}"-style text with figure elements.
  function withFigures(template, figures) {
    const out = [];
    let rest = template;
    const re = /\{(\w+)\}/;
    let m;
    while ((m = rest.match(re))) {
      out.push(rest.slice(0, m.index));
      out.push(figures[m[1]]);
      rest = rest.slice(m.index + m[0].length);
    }
    out.push(rest);
    return out;
  }

  // ---------------------------------------------------------------- layout

  function layout() {
    const seg = A.h('div', { class: 'seg', id: 'period', role: 'group' },
      ['day', 'week', 'month', 'custom'].map((p) => A.h('button', {
        type: 'button', 'data-period': p, 'data-i18n': 'p_' + p,
        onclick: () => { state.period = p; syncControls(); load(); },
      })));
    const date = A.h('input', { type: 'date', id: 'date', onchange: (e) => { state.date = e.target.value; load(); } });
    const from = A.h('input', { type: 'date', id: 'from', onchange: (e) => { state.from = e.target.value; } });
    const to = A.h('input', { type: 'date', id: 'to', onchange: (e) => { state.to = e.target.value; } });
    const group = A.h('select', { id: 'group', onchange: (e) => { state.group = e.target.value; load(); } },
      ['service', 'counter', 'officer'].map((g) => A.h('option', { value: g, 'data-i18n': 'g_' + g })));
    const controls = A.h('section', { class: 'card rep-controls' },
      A.h('label', {}, A.h('span', { 'data-i18n': 'period' }), seg),
      A.h('label', { id: 'date-box' }, A.h('span', { 'data-i18n': 'date' }), date),
      A.h('label', { id: 'from-box' }, A.h('span', { 'data-i18n': 'from' }), from),
      A.h('label', { id: 'to-box' }, A.h('span', { 'data-i18n': 'to' }), to),
      A.h('button', { class: 'btn', type: 'button', id: 'show', 'data-i18n': 'show', onclick: load }),
      A.h('label', {}, A.h('span', { 'data-i18n': 'groupBy' }), group),
      A.h('span', { class: 'spacer' }),
      A.h('span', { class: 'rep-range', id: 'range' }),
      A.h('button', { class: 'btn primary', type: 'button', id: 'csv', 'data-i18n': 'csv', onclick: downloadCsv }));
    ctx.main.replaceChildren(A.h('div', { class: 'rep' },
      controls,
      A.h('p', { class: 'notice error hidden', id: 'rep-error', role: 'alert' }),
      A.h('section', { class: 'tiles', id: 'tiles' }),
      A.h('section', { class: 'charts' },
        A.h('div', { class: 'card chart', id: 'chart-hours' }),
        A.h('div', { class: 'card chart', id: 'chart-days' })),
      A.h('section', { class: 'card rep-table', id: 'rows' }),
      A.h('p', { class: 'rep-foot', 'data-i18n': 'foot' })));
    A.applyTexts(ctx.main);
    syncControls();
  }

  function syncControls() {
    document.querySelectorAll('#period button').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.period === state.period)));
    const custom = state.period === 'custom';
    A.$('#date-box').classList.toggle('hidden', custom);
    A.$('#from-box').classList.toggle('hidden', !custom);
    A.$('#to-box').classList.toggle('hidden', !custom);
    A.$('#show').classList.toggle('hidden', !custom);
    A.$('#date').value = state.date;
    if (custom && !state.from) [state.from, state.to] = [state.date, state.date];
    A.$('#from').value = state.from;
    A.$('#to').value = state.to;
    A.$('#group').value = state.group;
  }

  // ---------------------------------------------------------------- data

  const sitePath = (p) => `/api/v1/sites/${encodeURIComponent(ctx.site)}${p}`;
  const query = () => {
    const [from, to] = range();
    return `from=${from}&to=${to}&group=${state.group}`;
  };

  async function load() {
    if (!ctx) return;
    const err = A.$('#rep-error');
    try {
      const r = await A.api('GET', sitePath('/reports?' + query()));
      report = r.data;
      patterns = null; // another period: shown again on request
      err.classList.add('hidden');
      render();
    } catch (e) {
      if (e.status === 401) return;
      err.textContent = A.t('badRange', { msg: e.message });
      err.classList.remove('hidden');
    }
  }

  // The CSV needs the bearer token, so it is fetched and handed to the browser as a file.
  async function downloadCsv() {
    const s = A.session();
    const res = await fetch(sitePath('/reports?' + query() + '&format=csv'), { headers: { Authorization: 'Bearer ' + s.token } });
    if (!res.ok) return;
    const blob = await res.blob();
    const m = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') || '');
    const a = A.h('a', { href: URL.createObjectURL(blob), download: m ? m[1] : 'antre-report.csv' });
    document.body.append(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  // ---------------------------------------------------------------- rendering

  function tile(label, main, small) {
    return A.h('div', { class: 'tile' }, A.h('span', {}, label), main, small ? A.h('small', {}, small) : null);
  }

  function renderTiles() {
    const t = report.total, b = report.backlog, d = report.delivery;
    A.$('#tiles').replaceChildren(
      tile(A.t('issued'), fig('total.issued', t.issued)),
      tile(A.t('served'), fig('total.served', t.served)),
      tile(A.t('no_show'), fig('total.no_show', t.no_show)),
      tile(A.t('expired'), fig('total.expired', t.expired)),
      tile(A.t('cancelled'), fig('total.cancelled', t.cancelled)),
      tile(A.t('waitMean'), fig('total.wait_mean_s', t.wait_mean_s, dur(t.wait_mean_s, t.wait_count)),
        [A.t('median') + ' ', sfig('total.wait_median_s', t.wait_median_s, dur(t.wait_median_s, t.wait_count)),
          ' · ' + A.t('p90') + ' ', sfig('total.wait_p90_s', t.wait_p90_s, dur(t.wait_p90_s, t.wait_count))]),
      tile(A.t('withinTarget'), fig('total.within_target_pct', t.within_target_pct, t.within_target_pct + '%'),
        withFigures(A.t('ofWaited'), { n: sfig('total.within_target', t.within_target), m: sfig('total.wait_count', t.wait_count) })),
      tile(A.t('serviceMean'), fig('total.service_mean_s', t.service_mean_s, dur(t.service_mean_s, t.service_count)),
        [A.t('median') + ' ', sfig('total.service_median_s', t.service_median_s, dur(t.service_median_s, t.service_count)),
          ' · ' + A.t('p90') + ' ', sfig('total.service_p90_s', t.service_p90_s, dur(t.service_p90_s, t.service_count))]),
      tile(A.t('bookings'), fig('total.bookings_made', t.bookings_made),
        [...withFigures(A.t('checkedIn'), { n: sfig('total.bookings_checked_in', t.bookings_checked_in) }), ' · ',
          ...withFigures(A.t('bookingNoShow'), { n: sfig('total.bookings_no_show', t.bookings_no_show) })]),
      tile(A.t('backlog'), fig('backlog.length', b.length),
        [...withFigures(A.t('backlogOldest'), { d: sfig('backlog.oldest_age_s', b.oldest_age_s, dur(b.oldest_age_s, b.length)) }), ' · ',
          ...withFigures(A.t('backlogMoves'), { a: sfig('backlog.added', b.added), p: sfig('backlog.printed', b.printed) })]),
      tile(A.t('delivered'), fig('delivery.delivered', d.delivered),
        withFigures(A.t('deliveryMoves'), {
          o: sfig('delivery.out', d.out), f: sfig('delivery.failed', d.failed),
          r: sfig('delivery.retry', d.retry), k: sfig('delivery.pickup', d.pickup),
        })));
  }

  function legend() {
    return A.h('div', { class: 'legend' },
      A.h('span', {}, A.h('i', { style: 'background:' + kColors[0] }), A.t('issued')),
      A.h('span', {}, A.h('i', { style: 'background:' + kColors[1] }), A.t('served')));
  }

  function renderCharts() {
    const opts = (label) => ({ label, colors: kColors, names: { issued: A.t('issued'), served: A.t('served') } });
    A.$('#chart-hours').replaceChildren(A.h('h2', {}, A.t('perHour')), legend(),
      window.AntreCharts.hourBars(report.hours, opts(A.t('perHour'))));
    A.$('#chart-days').replaceChildren(A.h('h2', {}, A.t('trend')), legend(),
      window.AntreCharts.dailyTrend(report.days, opts(A.t('trend'))));
  }

  function renderTable() {
    const service = state.group === 'service';
    // Issue, expiry and bookings name no counter or officer: those columns only make sense by service.
    const cols = [
      service && ['target_minutes', 'target', (r) => (r.key === 'total' ? '' : A.t('minutesShort', { n: r.target_minutes }))],
      service && ['issued', 'c_issued'],
      ['called', 'called'], ['served', 'served'], ['no_show', 'no_show'],
      service && ['expired', 'c_expired'], ['cancelled', 'c_cancelled'],
      ['wait_mean_s', 'c_waitMean', (r) => dur(r.wait_mean_s, r.wait_count)],
      ['wait_median_s', 'c_waitMedian', (r) => dur(r.wait_median_s, r.wait_count)],
      ['wait_p90_s', 'c_waitP90', (r) => dur(r.wait_p90_s, r.wait_count)],
      ['within_target_pct', 'c_within', (r) => (r.wait_count ? r.within_target_pct + '%' : '–')],
      ['service_mean_s', 'c_serviceMean', (r) => dur(r.service_mean_s, r.service_count)],
      ['service_p90_s', 'c_serviceP90', (r) => dur(r.service_p90_s, r.service_count)],
      service && ['bookings_made', 'bookingsMade'], service && ['bookings_checked_in', 'bookingsIn'],
      service && ['bookings_no_show', 'c_bookingsNoShow'],
    ].filter(Boolean);
    const head = A.h('tr', {}, A.h('th', {}, A.t('g_' + state.group)), cols.map(([, label]) => A.h('th', { class: 'r' }, A.t(label))));
    const line = (r, path, cls) => A.h('tr', { class: cls, 'data-key': r.key },
      A.h('td', {}, r.key === 'total' && cls ? A.t('total') : keyName(r.key)),
      cols.map(([field, , text]) => A.h('td', { class: 'r', 'data-figure': `${path}.${field}`, 'data-value': String(r[field]) },
        text ? text(r) : String(r[field]))));
    A.$('#rows').replaceChildren(A.h('table', { class: 'grid' }, A.h('thead', {}, head),
      A.h('tbody', {}, report.rows.map((r, i) => line(r, `rows.${i}`, '')), line(report.total, 'total', 'total'))));
  }

  // Bookings by channel and by operator: which kelurahan bring residents in.
  function renderSources() {
    let box = A.$('#sources');
    if (!box) {
      box = A.h('section', { id: 'sources', class: 'card' });
      A.$('#rows').after(box);
    }
    const ch = report.bookings_by_channel || {};
    const ops = report.bookings_by_operator || [];
    const cell = (path, v) => A.h('td', { class: 'r', 'data-figure': path, 'data-value': String(v) }, String(v));
    box.replaceChildren(A.h('h2', {}, A.t('sourcesTitle')),
      A.h('table', { class: 'grid' }, A.h('tbody', {},
        Object.keys(ch).map((k) => A.h('tr', {}, A.h('td', {}, A.t('ch_' + k) === 'ch_' + k ? k : A.t('ch_' + k)),
          cell('bookings_by_channel.' + k, ch[k]))))),
      ops.length
        ? A.h('table', { class: 'grid', id: 'by-operator' },
          A.h('thead', {}, A.h('tr', {}, A.h('th', {}, A.t('operatorCol')), A.h('th', { class: 'r' }, A.t('bookingsMade')),
            A.h('th', { class: 'r' }, A.t('bookingsIn')))),
          A.h('tbody', {}, ops.map((o, i) => A.h('tr', { 'data-key': o.operator }, A.h('td', {}, o.operator),
            cell(`bookings_by_operator.${i}.bookings`, o.bookings), cell(`bookings_by_operator.${i}.checked_in`, o.checked_in)))))
        : A.h('p', {}, A.t('noOperatorBookings')));
  }

  // Bookings per client address and phone prefix, read only on request: each read is audited.
  let patterns = null;
  async function loadPatterns() {
    const [from, to] = range();
    try {
      patterns = (await A.api('GET', sitePath(`/reports/booking-sources?from=${from}&to=${to}&top=20`))).data;
    } catch (e) {
      patterns = null;
    }
    renderPatterns();
  }

  function renderPatterns() {
    let box = A.$('#patterns');
    if (!box) {
      box = A.h('section', { id: 'patterns', class: 'card' });
      (A.$('#sources') || A.$('#rows')).after(box);
    }
    const table = (id, col, rows, key) => A.h('table', { class: 'grid', id },
      A.h('thead', {}, A.h('tr', {}, A.h('th', {}, A.t(col)), A.h('th', { class: 'r' }, A.t('countCol')))),
      A.h('tbody', {}, rows.map((r) => A.h('tr', { 'data-key': r[key] }, A.h('td', {}, r[key]),
        A.h('td', { class: 'r' }, String(r.count))))));
    const show = A.h('button', { class: 'btn', type: 'button', id: 'patterns-show', onclick: loadPatterns }, A.t('patternsShow'));
    box.replaceChildren(A.h('h2', {}, A.t('patternsTitle')), A.h('p', {}, A.t('patternsNote')),
      !patterns ? show
        : !patterns.total ? A.h('p', {}, A.t('noPatterns'))
          : A.h('div', {}, A.h('p', {}, A.t('patternsTotal', { n: patterns.total })),
            table('by-address', 'addressCol', patterns.by_address, 'address'),
            table('by-prefix', 'prefixCol', patterns.by_phone_prefix, 'prefix')));
  }

  function render() {
    if (!report) return;
    A.$('#range').textContent = report.from === report.to ? report.from : `${report.from} – ${report.to}`;
    renderTiles();
    renderCharts();
    renderTable();
    renderSources();
    renderPatterns();
  }

  A.onLangChange = render;

  A.boot({
    roles: ['supervisor', 'admin'],
    loginTitleKey: 'loginTitleRep',
    async start(c) {
      ctx = c;
      // ?period=&date=&from=&to=&group= open a given report (links and tests).
      const q = new URLSearchParams(location.search);
      state.date = q.get('date') || today();
      if (['day', 'week', 'month', 'custom'].includes(q.get('period'))) state.period = q.get('period');
      if (q.get('from') && q.get('to')) [state.period, state.from, state.to] = ['custom', q.get('from'), q.get('to')];
      if (['service', 'counter', 'officer'].includes(q.get('group'))) state.group = q.get('group');
      layout();
      try {
        const [services, counters] = await Promise.all([A.api('GET', sitePath('/services')), A.api('GET', sitePath('/counters'))]);
        services.data.forEach((s) => { names.service[s.id] = s; });
        counters.data.forEach((k) => { names.counter[k.id] = k; });
      } catch (e) {
        // Names are a nicety: the report still shows ids.
      }
      await load();
    },
    stop() {
      ctx = null;
      report = null;
    },
  });
})();
