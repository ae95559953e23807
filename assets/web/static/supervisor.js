// Supervisor view (/supervisor): every counter and every queue live, kiosk printer faults,
// and the supervisor's own actions: pause/resume a counter, move or cancel a waiting ticket.
'use strict';

(function () {
  const A = window.Antre;
  A.addTexts({
    id: {
      pageTitle: 'Pantauan Supervisor',
      loginTitleSup: 'Masuk supervisor',
      countersTitle: 'Loket',
      servicesTitle: 'Antrean per layanan',
      svcCol: 'Layanan', waitingCol: 'Menunggu', longestCol: 'Terlama', ewtCol: 'Perkiraan',
      closed: 'Tutup',
      pausedTitle: 'Loket istirahat',
      noPaused: 'Semua loket aktif.',
      printersTitle: 'Kiosk & layar',
      printersOk: 'Semua kiosk dan layar normal.',
      printersUnknown: 'Belum ada laporan dari kiosk atau layar.',
      neverSeen: 'Belum pernah terhubung: {d}',
      silentSince: 'tidak melapor sejak {t}',
      kind_kiosk: 'Kiosk', kind_display: 'Layar',
      audio_ok: 'Suara normal', audio_none: 'Tanpa suara', audio_muted: 'Suara dimatikan', audio_unknown: 'Tidak diketahui',
      printer_ok: 'Normal', printer_paper_out: 'Kertas habis', printer_error: 'Rusak', printer_offline: 'Tidak terhubung', printer_unknown: 'Tidak diketahui',
      lastSeen: 'terakhir {t}',
      queueTitle: 'Tiket menunggu',
      numberCol: 'Nomor', prioCol: 'Prioritas', actionsCol: 'Tindakan',
      noneWaiting: 'Tidak ada tiket menunggu.',
      move: 'Pindahkan', cancelTicket: 'Batalkan',
      pause: 'Istirahatkan', resume: 'Lanjutkan',
      onTicketTitle: 'Lama tiket ini di loket',
      officerTitle: 'Petugas terakhir di loket ini',
      moveTitle: 'Pindahkan {n} ke layanan…',
      cancelTitle: 'Batalkan tiket {n}',
      reasonLabel: 'Alasan (wajib, dicatat)',
      reasonPresets: 'Pemohon pulang|Tiket ganda|Salah ambil layanan|Berkas tidak lengkap',
      cancelConfirm: 'Batalkan tiket',
      activityTitle: 'Aktivitas terbaru',
      noActivity: 'Belum ada aktivitas sejak halaman dibuka.',
      ev_issued: '{n} diambil — {s}',
      ev_called: '{n} dipanggil ke {c}',
      ev_recalled: '{n} dipanggil ulang di {c}',
      ev_done: '{n} selesai di {c}',
      ev_no_show: '{n} tidak hadir di {c}',
      ev_transferred: '{n} dipindah ke {s}',
      ev_cancelled: '{n} dibatalkan',
      ev_expired: '{n} kedaluwarsa',
      ev_paused: '{c} istirahat',
      ev_resumed: '{c} kembali melayani',
      ev_device: '{k} {d}: {p}',
      ev_changed: 'Pengaturan diubah ({w} {i})',
      moved: 'Tiket {n} dipindah ke {s}.',
      cancelled: 'Tiket {n} dibatalkan.',
      requeue: 'Kembalikan ke antrean',
      requeued: 'Tiket {n} kembali ke antrean, di tempatnya semula.',
      ev_returned: '{n} kembali ke antrean',
      printTitle: 'Blangko & kartu menunggu cetak',
      stockLabel: 'Stok blangko',
      level_available: 'Tersedia', level_low: 'Menipis', level_empty: 'Habis',
      backlogLabel: 'Kartu menunggu cetak',
      backlogOldest: 'terlama {m}',
      backlogNone: 'kosong',
      receiveTitle: 'Terima kiriman blangko',
      receiveCount: 'Jumlah diterima',
      receiveBtn: 'Catat penerimaan',
      adjustTitle: 'Koreksi stok',
      adjustDelta: 'Selisih (+/−)',
      adjustReason: 'Alasan (wajib, dicatat)',
      adjustBtn: 'Simpan koreksi',
      adjustPresets: 'Blangko rusak|Hasil stok opname|Salah catat sebelumnya',
      received: '{n} blangko diterima. Stok sekarang {c}.',
      adjusted: 'Stok dikoreksi {d}. Stok sekarang {c}.',
      badCount: 'Isi jumlah bilangan bulat selain 0.',
      needReason: 'Koreksi stok perlu alasan.',
      ev_backlog: '{n} belum dicetak, menunggu cetak (Surat Keterangan)',
      ev_printed: '{n} dicetak dari daftar tunggu cetak',
      ev_stock: 'Stok blangko: {l}',
    },
    en: {
      pageTitle: 'Supervisor view',
      loginTitleSup: 'Supervisor sign-in',
      countersTitle: 'Counters',
      servicesTitle: 'Queues by service',
      svcCol: 'Service', waitingCol: 'Waiting', longestCol: 'Longest', ewtCol: 'Estimate',
      closed: 'Closed',
      pausedTitle: 'Counters on break',
      noPaused: 'All counters are active.',
      printersTitle: 'Kiosks & displays',
      printersOk: 'All kiosks and displays are fine.',
      printersUnknown: 'No kiosk or display has reported yet.',
      neverSeen: 'Never connected: {d}',
      silentSince: 'silent since {t}',
      kind_kiosk: 'Kiosk', kind_display: 'Display',
      audio_ok: 'Sound OK', audio_none: 'No sound', audio_muted: 'Muted', audio_unknown: 'Unknown',
      printer_ok: 'OK', printer_paper_out: 'Out of paper', printer_error: 'Fault', printer_offline: 'Offline', printer_unknown: 'Unknown',
      lastSeen: 'last seen {t}',
      queueTitle: 'Waiting tickets',
      numberCol: 'Number', prioCol: 'Priority', actionsCol: 'Actions',
      noneWaiting: 'No tickets waiting.',
      move: 'Move', cancelTicket: 'Cancel',
      pause: 'Pause', resume: 'Resume',
      onTicketTitle: 'Time this ticket has been at the counter',
      officerTitle: 'Last officer at this counter',
      moveTitle: 'Move {n} to service…',
      cancelTitle: 'Cancel ticket {n}',
      reasonLabel: 'Reason (required, logged)',
      reasonPresets: 'Resident left|Duplicate ticket|Wrong service taken|Documents incomplete',
      cancelConfirm: 'Cancel ticket',
      activityTitle: 'Recent activity',
      noActivity: 'No activity since this page was opened.',
      ev_issued: '{n} issued — {s}',
      ev_called: '{n} called to {c}',
      ev_recalled: '{n} called again at {c}',
      ev_done: '{n} finished at {c}',
      ev_no_show: '{n} no-show at {c}',
      ev_transferred: '{n} moved to {s}',
      ev_cancelled: '{n} cancelled',
      ev_expired: '{n} expired',
      ev_paused: '{c} on break',
      ev_resumed: '{c} serving again',
      ev_device: '{k} {d}: {p}',
      ev_changed: 'Settings changed ({w} {i})',
      moved: 'Ticket {n} moved to {s}.',
      cancelled: 'Ticket {n} cancelled.',
      requeue: 'Back to the queue',
      requeued: 'Ticket {n} is back in the queue, at its old place.',
      ev_returned: '{n} back in the queue',
      printTitle: 'Blank cards & cards waiting to print',
      stockLabel: 'Blank-card stock',
      level_available: 'Available', level_low: 'Low', level_empty: 'Empty',
      backlogLabel: 'Cards waiting to print',
      backlogOldest: 'oldest {m}',
      backlogNone: 'empty',
      receiveTitle: 'Receive a blank-card delivery',
      receiveCount: 'Number received',
      receiveBtn: 'Record delivery',
      adjustTitle: 'Correct the stock',
      adjustDelta: 'Difference (+/−)',
      adjustReason: 'Reason (required, logged)',
      adjustBtn: 'Save correction',
      adjustPresets: 'Damaged blank cards|Stocktake result|Earlier entry was wrong',
      received: '{n} blank cards received. Stock is now {c}.',
      adjusted: 'Stock corrected by {d}. Stock is now {c}.',
      badCount: 'Enter a whole number other than 0.',
      needReason: 'A stock correction needs a reason.',
      ev_backlog: '{n} not printed, waiting to print (Surat Keterangan)',
      ev_printed: '{n} printed from the waiting list',
      ev_stock: 'Blank-card stock: {l}',
    },
  });

  let ctx = null, live = null, tick = null, poll = null;
  let announce = null; // the announcements card (supervisor_announce.js)
  let transfers = null; // blank cards sent between sites (supervisor_transfer.js)
  let data = { services: [], counters: [], queue: null, devices: null, stock: null, backlog: null };
  let activity = [];
  let lastTickets = {};
  let refreshing = null, refreshAgain = false, eventTimer = null;
  const busy = new Set();

  const sitePath = (p) => `/api/v1/sites/${encodeURIComponent(ctx.site)}${p}`;
  const svcById = (id) => data.services.find((s) => s.id === id) || { id, name: { id, en: id } };

  // ---------------------------------------------------------------- data

  async function refresh() {
    if (!ctx) return;
    if (refreshing) {
      refreshAgain = true;
      return refreshing;
    }
    const optional = (p) => A.api('GET', sitePath(p)).then((r) => r.data).catch((e) => {
      if (e.status === 404) return null; // the server does not offer it (yet)
      throw e;
    });
    refreshing = (async () => {
      do {
        refreshAgain = false;
        if (!ctx) return;
        try {
          const [svc, ctr, queue, devices, stock, backlog] = await Promise.all([
            A.api('GET', sitePath('/services')), A.api('GET', sitePath('/counters')), optional('/queue'), optional('/devices'),
            optional('/stock'), optional('/backlog'),
          ]);
          data = { services: svc.data, counters: ctr.data, queue, devices, stock, backlog };
        } catch (e) {
          // No server: the connection badge says so, and clears itself when it answers again.
          if (e.status !== 401 && e.status !== 0) notice('error', A.t('error', { msg: e.message }));
          return;
        }
        render();
      } while (refreshAgain);
    })();
    try {
      await refreshing;
    } finally {
      refreshing = null;
    }
  }

  function onEvent(type, d) {
    const key = {
      'ticket.issued': 'ev_issued', 'ticket.called': 'ev_called', 'ticket.recalled': 'ev_recalled', 'ticket.done': 'ev_done',
      'ticket.no_show': 'ev_no_show', 'ticket.transferred': 'ev_transferred', 'ticket.cancelled': 'ev_cancelled',
      'ticket.expired': 'ev_expired', 'counter.paused': 'ev_paused', 'counter.resumed': 'ev_resumed',
      'ticket.returned': 'ev_returned',
      'device.status': 'ev_device', 'site.changed': 'ev_changed',
      'print.backlog': 'ev_backlog', 'print.printed': 'ev_printed', 'stock.changed': 'ev_stock',
    }[type];
    if (type.startsWith('announcement.')) return announce.changed();
    if (type === 'stock.changed') transfers.load();
    if (key) {
      activity.unshift({ at: d.at || '', key, d });
      activity = activity.slice(0, 30);
    }
    clearTimeout(eventTimer);
    eventTimer = setTimeout(refresh, 30);
  }

  // ---------------------------------------------------------------- rendering

  function render() {
    if (!ctx) return;
    if (!A.$('#counters')) layout();
    renderCounters();
    renderServices();
    renderPaused();
    renderPrinters();
    renderPrint();
    renderQueue();
    renderActivity();
    updateClocks();
  }

  function layout() {
    const card = (id, title) => A.h('section', { class: 'card', id: id + '-card' }, A.h('h2', { 'data-i18n': title }), A.h('div', { id }));
    ctx.main.replaceChildren(A.h('div', { class: 'super' },
      A.h('div', { class: 'col' },
        A.h('div', { class: 'notice toast', id: 'notice', role: 'status' }),
        card('counters', 'countersTitle'),
        announce.el,
        card('queue', 'queueTitle')),
      A.h('div', { class: 'col' },
        card('services', 'servicesTitle'),
        printCard(),
        card('paused', 'pausedTitle'),
        card('printers', 'printersTitle'),
        card('activity', 'activityTitle'))));
    A.applyTexts(ctx.main);
  }

  function renderCounters() {
    const cards = data.counters.map((c) => {
      const t = c.ticket;
      const changed = t && lastTickets[c.id] !== undefined && lastTickets[c.id] !== t.number;
      lastTickets[c.id] = t ? t.number : null;
      const action = c.state === 'paused' ? 'resume' : 'pause';
      return A.h('div', { class: 'ctr ' + c.state, dataset: { counter: c.id, state: c.state } },
        A.h('div', { class: 'top' }, A.h('h3', {}, c.name), A.h('span', { class: 'badge ' + c.state }, A.t('state_' + c.state))),
        A.h('div', { class: 'mid' },
          A.h('span', { class: 'tk' + (t ? '' : ' none') + (changed ? ' flash' : ''), dataset: { role: 'ticket' } }, t ? t.number : '—'),
          t ? A.h('span', { class: 'since num', title: A.t('onTicketTitle'), dataset: { since: t.called_at || '' } }) : null),
        A.h('div', { class: 'meta' }, t ? [A.serviceName(svcById(t.service)), t.priority ? ' · ' + A.t('prio_' + t.priority) : '']
          : c.services.map((s) => A.serviceName(svcById(s))).join(', ')),
        A.h('div', { class: 'foot' },
          A.h('span', { class: 'who', title: A.t('officerTitle') }, c.officer || '—'),
          A.h('button', { class: 'btn small', type: 'button', dataset: { action }, disabled: busy.has('c' + c.id),
            onclick: () => counterAction(c, action) }, A.t(action))));
    });
    A.$('#counters').replaceChildren(A.h('div', { class: 'counters' }, cards));
  }

  function renderServices() {
    const qs = (id) => (data.queue ? data.queue.services.find((s) => s.id === id) : null);
    const rows = data.services.map((s) => {
      const q = qs(s.id);
      return A.h('tr', { dataset: { service: s.id } },
        A.h('td', {}, A.serviceName(s), s.open ? null : [' ', A.h('span', { class: 'badge bad' }, A.t('closed'))]),
        A.h('td', { class: 'r num', dataset: { role: 'waiting' } }, q ? q.waiting : s.waiting),
        A.h('td', { class: 'r num' }, q ? A.fmtMinutes(q.longest_wait_minutes) : '–'),
        A.h('td', { class: 'r num' }, A.fmtMinutes(q ? q.ewt_minutes : s.ewt_minutes)));
    });
    A.$('#services').replaceChildren(A.h('table', { class: 'grid' },
      A.h('thead', {}, A.h('tr', {}, A.h('th', {}, A.t('svcCol')), A.h('th', { class: 'r' }, A.t('waitingCol')),
        A.h('th', { class: 'r' }, A.t('longestCol')), A.h('th', { class: 'r' }, A.t('ewtCol')))),
      A.h('tbody', {}, rows)));
  }

  function renderPaused() {
    const paused = data.counters.filter((c) => c.state === 'paused');
    A.$('#paused').replaceChildren(paused.length
      ? A.h('div', { class: 'chips' }, paused.map((c) => A.h('span', { class: 'chip', dataset: { counter: c.id } }, c.name)))
      : A.h('p', { class: 'muted' }, A.t('noPaused')));
  }

  // What a device reports: a kiosk its printer, a display its sound.
  function deviceState(d) {
    if (d.audio) return A.t('audio_' + d.audio);
    return d.printer ? A.t('printer_' + d.printer) : '';
  }

  // Kiosks and displays: faults, devices that went silent, and those never connected.
  function renderPrinters() {
    const el = A.$('#printers');
    const devices = data.devices || [];
    const never = devices.filter((d) => !d.last_seen);
    const seen = devices.filter((d) => d.last_seen);
    const bad = seen.filter((d) => d.silent || (d.printer && d.printer !== 'ok' && d.printer !== 'unknown') ||
      (d.audio && d.audio !== 'ok'));
    const parts = [];
    if (!seen.length) {
      parts.push(A.h('p', { class: 'muted' }, A.t('printersUnknown')));
    } else if (!bad.length) {
      parts.push(A.h('p', { class: 'notice ok' }, A.t('printersOk')));
    } else {
      parts.push(A.h('ul', { class: 'faults' }, bad.map((d) => A.h('li', { dataset: { device: d.id, silent: String(d.silent) } },
        A.h('b', {}, A.t('kind_' + d.kind) + ' ' + d.id), ' ',
        d.silent ? A.h('span', { class: 'badge bad' }, A.t('silentSince', { t: A.fmtClock(d.last_seen) }))
          : A.h('span', { class: 'badge bad' }, deviceState(d)),
        d.message ? ' ' + d.message : '', ' ',
        d.silent ? null : A.h('span', { class: 'muted' }, A.t('lastSeen', { t: A.fmtClock(d.last_seen) }))))));
    }
    if (never.length) {
      parts.push(A.h('p', { class: 'muted', id: 'never-seen' }, A.t('neverSeen', { d: never.map((d) => d.id).join(', ') })));
    }
    el.replaceChildren(...parts);
  }

  // The blank-card card: figures that follow the events, and two buttons that open the
  // delivery and correction forms in a dialog (so live updates never disturb typing).
  function printCard() {
    return A.h('section', { class: 'card stock-card', id: 'print-card' }, A.h('h2', { 'data-i18n': 'printTitle' }),
      A.h('div', { class: 'stock-figs', id: 'print' }),
      A.h('div', { class: 'stock-btns' },
        A.h('button', { class: 'btn primary', type: 'button', id: 'stock-receive-open', 'data-i18n': 'receiveTitle', onclick: () => stockForm('received') }),
        A.h('button', { class: 'btn', type: 'button', id: 'stock-adjust-open', 'data-i18n': 'adjustTitle', onclick: () => stockForm('adjusted') }),
        transfers.button),
      transfers.list);
  }

  function renderPrint() {
    const el = A.$('#print');
    const card = A.$('#print-card');
    if (!data.stock && !data.backlog) return card.classList.add('hidden');
    card.classList.remove('hidden');
    const s = data.stock, b = data.backlog;
    for (const id of ['#stock-receive-open', '#stock-adjust-open', '#stock-transfer-open']) A.$(id).disabled = busy.has('stock');
    el.replaceChildren(
      A.h('div', { class: 'fig' }, A.h('span', {}, A.t('stockLabel')),
        A.h('b', { class: 'num', id: 'sup-stock-count' }, s && s.count !== undefined ? s.count : '–'),
        s ? A.h('span', { class: 'badge level-' + s.level, id: 'sup-stock-level' }, A.t('level_' + s.level)) : null),
      A.h('div', { class: 'fig' }, A.h('span', {}, A.t('backlogLabel')),
        A.h('b', { class: 'num', id: 'sup-backlog-length' }, b ? b.length : '–'),
        A.h('span', { class: 'muted', id: 'sup-backlog-oldest' },
          b && b.length ? A.t('backlogOldest', { m: A.fmtMinutes(b.oldest_minutes) }) : A.t('backlogNone'))));
  }

  // Asks for a delivery (kind "received") or a correction ("adjusted", reason required), then
  // posts it. The dialog stays open until the input is valid.
  async function stockForm(kind) {
    const receive = kind === 'received';
    const move = await A.dialog(A.t(receive ? 'receiveTitle' : 'adjustTitle'), (done) => {
      const field = (id, label, attrs) => A.h('label', {}, A.h('span', {}, A.t(label)), A.h('input', { id, autocomplete: 'off', ...attrs }));
      const count = receive
        ? field('receive-count', 'receiveCount', { type: 'number', min: 1, max: 100000, step: 1, required: true, inputmode: 'numeric' })
        : field('adjust-delta', 'adjustDelta', { type: 'number', min: -100000, max: 100000, step: 1, required: true });
      const reason = receive ? null : field('adjust-reason', 'adjustReason', { maxlength: 200, required: true });
      const msg = A.h('p', { class: 'form-msg', id: 'stock-msg', role: 'alert' });
      const form = A.h('form', { class: 'stock-form', id: receive ? 'stock-receive' : 'stock-adjust', novalidate: true },
        count, reason,
        reason ? A.h('div', { class: 'chips' }, A.t('adjustPresets').split('|').map((r) =>
          A.h('button', { class: 'chip', type: 'button', onclick: () => { form.querySelector('#adjust-reason').value = r; } }, r))) : null,
        msg,
        A.h('div', { class: 'dlg-actions' }, A.h('button', { class: 'btn primary', type: 'submit', id: receive ? 'receive-submit' : 'adjust-submit' },
          A.t(receive ? 'receiveBtn' : 'adjustBtn'))));
      form.addEventListener('submit', (ev) => {
        ev.preventDefault();
        const delta = Number(count.querySelector('input').value);
        const why = reason ? reason.querySelector('input').value.trim() : '';
        if (!Number.isInteger(delta) || delta === 0 || (receive && delta < 0)) msg.textContent = A.t('badCount');
        else if (!receive && !why) msg.textContent = A.t('needReason');
        else done({ delta, reason: why });
      });
      return form;
    });
    if (!move) return;
    await guarded('stock', async () => {
      const r = await A.api('POST', sitePath('/stock'), { delta: move.delta, kind, reason: move.reason });
      const d = (move.delta > 0 ? '+' : '') + move.delta;
      notice('ok', A.t(receive ? 'received' : 'adjusted', { n: move.delta, d, c: r.data.count }));
    });
  }

  function renderQueue() {
    const el = A.$('#queue');
    const tickets = data.queue ? data.queue.tickets : [];
    if (!tickets.length) return el.replaceChildren(A.h('p', { class: 'muted' }, A.t('noneWaiting')));
    const rows = tickets.map((t) => A.h('tr', { dataset: { ticket: t.number } },
      A.h('td', {}, A.h('b', {}, t.number)),
      A.h('td', {}, A.serviceName(svcById(t.service))),
      A.h('td', {}, t.priority ? A.h('span', { class: 'badge prio' }, A.t('prio_' + t.priority)) : ''),
      A.h('td', { class: 'r num' }, A.fmtMinutes(t.waiting_minutes)),
      A.h('td', { class: 'r' },
        A.h('button', { class: 'btn small', type: 'button', dataset: { action: 'move' }, disabled: busy.has('t' + t.id), onclick: () => moveTicket(t) }, A.t('move')), ' ',
        A.h('button', { class: 'btn small danger', type: 'button', dataset: { action: 'cancel' }, disabled: busy.has('t' + t.id), onclick: () => cancelTicket(t) }, A.t('cancelTicket')))));
    el.replaceChildren(A.h('div', { class: 'scroll' }, A.h('table', { class: 'grid' },
      A.h('thead', {}, A.h('tr', {}, A.h('th', {}, A.t('numberCol')), A.h('th', {}, A.t('svcCol')), A.h('th', {}, A.t('prioCol')),
        A.h('th', { class: 'r' }, A.t('waitingCol')), A.h('th', { class: 'r' }, A.t('actionsCol')))),
      A.h('tbody', {}, rows))));
  }

  function renderActivity() {
    const el = A.$('#activity');
    if (!activity.length) return el.replaceChildren(A.h('p', { class: 'muted' }, A.t('noActivity')));
    el.replaceChildren(A.h('ul', { class: 'log scroll' }, activity.slice(0, 12).map((a) => {
      const d = a.d;
      const text = A.t(a.key, {
        n: d.number, c: d.counter_name || d.counter || '', s: d.service ? A.serviceName(svcById(d.service)) : '',
        d: d.device || d.id || '', p: deviceState(d), k: A.t('kind_' + (d.kind || 'kiosk')), w: d.what || '', i: d.id || '',
        l: d.level ? A.t('level_' + d.level) : '',
      });
      // A resident marked absent who turns up after all goes back to the place they had.
      const back = a.key === 'ev_no_show' && d.number
        ? A.h('button', { class: 'btn small', type: 'button', dataset: { action: 'requeue', number: d.number },
          disabled: busy.has('n' + d.number), onclick: () => requeue(d.number) }, A.t('requeue')) : null;
      return A.h('li', {}, A.h('b', {}, a.at.slice(11, 19)), ' ', text, back ? ' ' : null, back);
    })));
  }

  function updateClocks() {
    document.querySelectorAll('.since').forEach((el) => {
      el.textContent = el.dataset.since ? A.fmtDuration(A.serverNow() - Date.parse(el.dataset.since)) : '';
    });
  }

  let noticeTimer = null;
  function notice(kind, text) {
    const el = A.$('#notice');
    if (!el) return;
    el.className = 'notice toast ' + kind;
    el.textContent = text;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => { el.textContent = ''; }, kind === 'error' ? 10000 : 5000);
  }

  function failed(e) {
    if (e.status === 401) return;
    if (e.status === 0) notice('', '');  // the connection badge says the server is unreachable
    else notice('error', A.t('error', { msg: e.message }));
  }

  // ---------------------------------------------------------------- actions

  async function guarded(key, fn) {
    if (busy.has(key)) return;
    busy.add(key);
    render();
    try {
      await fn();
    } catch (e) {
      failed(e);
    } finally {
      busy.delete(key);
      await refresh();
    }
  }

  function counterAction(c, action) {
    return guarded('c' + c.id, async () => {
      await A.api('POST', sitePath(`/counters/${encodeURIComponent(c.id)}/${action}`), undefined, { idem: A.randomKey() });
      notice('ok', A.t(action === 'pause' ? 'ev_paused' : 'ev_resumed', { c: c.name }));
    });
  }

  async function moveTicket(t) {
    const target = await A.dialog(A.t('moveTitle', { n: t.number }), (done) =>
      A.h('div', { class: 'choice-list', id: 'move-choices' }, data.services.filter((s) => s.id !== t.service).map((s) =>
        A.h('button', { class: 'btn', type: 'button', dataset: { service: s.id }, onclick: () => done(s.id) }, A.serviceName(s)))));
    if (!target) return;
    await guarded('t' + t.id, async () => {
      await A.api('POST', sitePath(`/tickets/${encodeURIComponent(t.id)}/move`), { service: target });
      notice('ok', A.t('moved', { n: t.number, s: A.serviceName(svcById(target)) }));
    });
  }

  async function cancelTicket(t) {
    const reason = await A.dialog(A.t('cancelTitle', { n: t.number }), (done) => {
      const input = A.h('input', { id: 'cancel-reason', maxlength: 200, required: true, autocomplete: 'off' });
      const form = A.h('form', {},
        A.h('label', { for: 'cancel-reason' }, A.t('reasonLabel')), input,
        A.h('div', { class: 'chips' }, A.t('reasonPresets').split('|').map((r) =>
          A.h('button', { class: 'chip', type: 'button', onclick: () => { input.value = r; input.focus(); } }, r))),
        A.h('div', { class: 'dlg-actions' }, A.h('button', { class: 'btn danger', type: 'submit', id: 'cancel-submit' }, A.t('cancelConfirm'))));
      form.addEventListener('submit', (ev) => {
        ev.preventDefault();
        const v = input.value.trim();
        if (v) done(v);
      });
      return form;
    });
    if (!reason) return;
    await guarded('t' + t.id, async () => {
      await A.api('POST', sitePath(`/tickets/${encodeURIComponent(t.id)}/cancel`), { reason });
      notice('ok', A.t('cancelled', { n: t.number }));
    });
  }

  async function requeue(number) {
    await guarded('n' + number, async () => {
      await A.api('POST', sitePath(`/tickets/${encodeURIComponent(number)}/requeue`), {});
      notice('ok', A.t('requeued', { n: number }));
    });
  }

  // ---------------------------------------------------------------- page lifecycle

  A.onLangChange = () => {
    if (!ctx) return;
    A.applyTexts(ctx.main);
    render();
    announce.render();
    transfers.render();
  };

  A.boot({
    roles: ['supervisor', 'admin'],
    loginTitleKey: 'loginTitleSup',
    async start(c) {
      ctx = c;
      announce = A.AnnounceCard(ctx.site, notice);
      transfers = window.AntreStockTransfers({ site: () => ctx.site, sitePath, notice, guarded });
      A.showConn('connecting');
      layout();
      await refresh();
      transfers.load();
      const sync = () => Promise.all([refresh(), announce.refresh(), transfers.load()]);
      announce.refresh();
      live = A.Live(ctx.site, { onEvent, onState: A.showConn, onSync: sync });
      // Waiting minutes grow with no event to announce it (nor does another supervisor's
      // scheduled announcement): re-read now and then.
      poll = setInterval(sync, 30000);
      tick = setInterval(updateClocks, 1000);
    },
    stop() {
      if (live) live.stop();
      clearInterval(tick);
      clearInterval(poll);
      announce.stop();
      live = null;
      ctx = null;
    },
  });
})();
