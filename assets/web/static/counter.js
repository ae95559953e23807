// Counter console (/counter): an officer calls and serves tickets at one counter.
// Every button sends one POST with a fresh Idempotency-Key and stays disabled until the
// answer arrives; the screen itself is redrawn from the server's data after each event.
'use strict';

(function () {
  const A = window.Antre;
  A.addTexts({
    id: {
      pageTitle: 'Konsol Loket',
      changeCounter: 'Ganti loket',
      pickCounter: 'Pilih loket Anda',
      pickHint: 'Pilihan ini diingat di komputer ini.',
      nowServing: 'Sedang dilayani',
      noTicket: 'Belum ada nomor dipanggil',
      waited: 'Waktu tunggu',
      atCounter: 'Di loket',
      pausedBanner: 'Loket sedang istirahat — tidak memanggil nomor baru.',
      btn_next: 'Panggil Berikutnya',
      btn_recall: 'Panggil Ulang',
      'btn_no-show': 'Tidak Hadir',
      btn_finish: 'Selesai',
      'btn_finish-printed': 'Selesai — Dicetak',
      'btn_finish-backlog': 'Selesai — Belum dicetak (Surat Keterangan)',
      btn_transfer: 'Alihkan',
      btn_call: 'Panggil Nomor',
      btn_pause: 'Istirahat',
      btn_resume: 'Lanjut',
      waitingTitle: 'Antrean menunggu',
      waitingCount: 'menunggu',
      longest: 'terlama {m}',
      nobodyWaiting: 'Tidak ada yang menunggu.',
      more: '+{n} lagi',
      tallyTitle: 'Hari ini di loket ini',
      tallyDone: 'Selesai',
      tallyNoShow: 'Tidak hadir',
      called: 'Nomor {n} dipanggil.',
      recalled: 'Nomor {n} dipanggil ulang.',
      noShowDone: 'Nomor {n} dicatat tidak hadir.',
      finished: 'Nomor {n} selesai dilayani.',
      finishedPrinted: 'Nomor {n} selesai — kartu dicetak (1 blangko terpakai).',
      finishedBacklog: 'Nomor {n} belum dicetak — kartunya menunggu cetak; berikan Surat Keterangan.',
      outcomeTitle: 'Nomor {n} belum selesai: apa hasil cetaknya?',
      outcomeHint: 'Catat hasilnya dulu, lalu nomor berikutnya dipanggil.',
      transferred: 'Nomor {n} dialihkan ke {s}.',
      pausedNow: 'Loket istirahat. Tekan Lanjut untuk memanggil lagi.',
      resumedNow: 'Loket kembali melayani.',
      emptyQueue: 'Tidak ada antrean menunggu untuk loket ini.',
      errPaused: 'Loket sedang istirahat. Tekan Lanjut dulu.',
      errConflict: 'Tidak bisa: {msg}',
      errNotYours: 'Bukan loket Anda: {msg}. Minta supervisor melepasnya bila perlu.',
      counterTaken: '{msg}. Pilih loket lain atau minta supervisor melepasnya.',
      errNotFound: 'Nomor {n} tidak ada di antrean hari ini.',
      transferTitle: 'Alihkan {n} ke layanan…',
      callTitle: 'Panggil nomor tertentu',
      callLabel: 'Nomor antrean (mis. A012)',
      callBtn: 'Panggil',
      callPick: 'Atau pilih dari antrean:',
      counterGone: 'Loket ini tidak ada lagi. Pilih loket lain.',
      undoBtn: 'Urungkan (Z)',
      undone: 'Diurungkan: nomor {n} dilayani lagi di loket ini.',
    },
    en: {
      pageTitle: 'Counter console',
      changeCounter: 'Change counter',
      pickCounter: 'Choose your counter',
      pickHint: 'This choice is remembered on this computer.',
      nowServing: 'Now serving',
      noTicket: 'No ticket called yet',
      waited: 'Waited',
      atCounter: 'At counter',
      pausedBanner: 'Counter on break — not calling new tickets.',
      btn_next: 'Call next',
      btn_recall: 'Recall',
      'btn_no-show': 'No-show',
      btn_finish: 'Finish',
      'btn_finish-printed': 'Finish — Printed',
      'btn_finish-backlog': 'Finish — Not printed (Surat Keterangan)',
      btn_transfer: 'Transfer',
      btn_call: 'Call number',
      btn_pause: 'Break',
      btn_resume: 'Resume',
      waitingTitle: 'Waiting',
      waitingCount: 'waiting',
      longest: 'longest {m}',
      nobodyWaiting: 'Nobody is waiting.',
      more: '+{n} more',
      tallyTitle: 'Today at this counter',
      tallyDone: 'Served',
      tallyNoShow: 'No-show',
      called: 'Ticket {n} called.',
      recalled: 'Ticket {n} called again.',
      noShowDone: 'Ticket {n} marked as no-show.',
      finished: 'Ticket {n} finished.',
      finishedPrinted: 'Ticket {n} finished — card printed (1 blank card used).',
      finishedBacklog: 'Ticket {n} not printed — the card waits to be printed; hand over a Surat Keterangan.',
      outcomeTitle: 'Ticket {n} is still open: what was the print outcome?',
      outcomeHint: 'Record the outcome first; then the next ticket is called.',
      transferred: 'Ticket {n} transferred to {s}.',
      pausedNow: 'Counter on break. Press Resume to call again.',
      resumedNow: 'Counter is serving again.',
      emptyQueue: 'Nobody is waiting for this counter.',
      errPaused: 'The counter is on break. Press Resume first.',
      errConflict: 'Not possible: {msg}',
      errNotYours: 'Not your counter: {msg}. Ask a supervisor to release it if needed.',
      counterTaken: '{msg}. Choose another counter or ask a supervisor to release it.',
      errNotFound: 'Ticket {n} is not in today\'s queue.',
      transferTitle: 'Transfer {n} to service…',
      callTitle: 'Call a specific number',
      callLabel: 'Ticket number (e.g. A012)',
      callBtn: 'Call',
      callPick: 'Or pick from the queue:',
      counterGone: 'This counter no longer exists. Choose another.',
      undoBtn: 'Undo (Z)',
      undone: 'Undone: ticket {n} is being served here again.',
    },
  });

  // Buttons in screen order; key is the keyboard shortcut printed on the button. While a
  // printing ticket is served (or at a printing-only counter), Finish is two choices: the
  // card was printed, or it joins the print backlog and the resident gets a Surat Keterangan.
  const kActions = [
    { id: 'next', key: 'B' },
    { id: 'recall', key: 'U' },
    { id: 'no-show', key: 'T' },
    { id: 'finish', key: 'S' },
    { id: 'transfer', key: 'A' },
    { id: 'call', key: 'N' },
    { id: 'pause', key: 'I' },
  ];
  const kPrintActions = [
    { id: 'next', key: 'B' },
    { id: 'finish-printed', key: 'S' },
    { id: 'finish-backlog', key: 'K' },
    { id: 'recall', key: 'U' },
    { id: 'no-show', key: 'T' },
    { id: 'transfer', key: 'A' },
    { id: 'call', key: 'N' },
    { id: 'pause', key: 'I' },
  ];
  const kMaxChips = 8;

  let ctx = null, live = null, tick = null, poll = null, dialogOpen = false, busy = false;
  // The ticket whose ending (T, or B) can still be undone, and the timer that withdraws the
  // offer. The server allows 30 s; the console offers 10, while the officer still looks.
  let undoable = null, undoTimer = null;
  const kUndoOfferMs = 10000;
  let data = { services: [], counters: [], queue: null };
  let counterId = null, printMode = false, pickerMessage;
  let refreshing = null, refreshAgain = false, eventTimer = null;

  const counterKey = () => 'antre.counter.' + ctx.site;
  const me = () => data.counters.find((c) => c.id === counterId);
  const svcById = (id) => data.services.find((s) => s.id === id) || { id, name: { id, en: id } };
  const sitePath = (p) => `/api/v1/sites/${encodeURIComponent(ctx.site)}${p}`;
  const desk = A.PrintDesk({ sitePath, notice: (k, t) => notice(k, t), refresh: () => refresh() });
  const actions = () => (printMode ? kPrintActions : kActions);
  // Print mode: a printing ticket is being served, or the counter serves printing only.
  const wantsPrintMode = (c) => desk.isPrintTicket(c.ticket) ||
    (!c.ticket && c.services.length === 1 && desk.servesPrint(c));

  // ---------------------------------------------------------------- data

  // Reads services, counters and the queue; concurrent calls collapse into one more read.
  async function refresh() {
    if (!ctx) return;
    if (refreshing) {
      refreshAgain = true;
      return refreshing;
    }
    refreshing = (async () => {
      do {
        refreshAgain = false;
        if (!ctx) return;
        try {
          const [svc, ctr, q] = await Promise.all([
            A.api('GET', sitePath('/services')),
            A.api('GET', sitePath('/counters')),
            A.api('GET', sitePath('/queue')).catch((e) => {
              if (e.status === 404) return { data: null }; // older server: counts only
              throw e;
            }),
            // Stock and backlog only matter where printing is served.
            !me() || desk.servesPrint(me()) ? desk.load() : null,
          ]);
          data = { services: svc.data, counters: ctr.data, queue: q.data };
        } catch (e) {
          // No server: the connection badge says so (and clears itself when it answers again).
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

  function onEvent() {
    clearTimeout(eventTimer);
    eventTimer = setTimeout(refresh, 40);
  }

  // ---------------------------------------------------------------- screens

  // Shows the counter picker. A refresh shows the same picker again: it is rebuilt only when
  // what it shows changed, so an officer's tap is never lost to a rebuild under the finger,
  // and a refusal notice stays until the officer moves on.
  function showPicker(message) {
    counterId = null;
    pickerMessage = message;
    A.$('#title').textContent = A.t('pageTitle');
    const list = A.h('div', { class: 'choice-list' }, data.counters.map((c) =>
      A.h('button', {
        class: 'btn', type: 'button', dataset: { counter: c.id },
        onclick: () => openCounter(c.id),
      }, A.h('b', {}, c.name), A.h('span', {}, c.services.map((s) => A.serviceName(svcById(s))).join(' · ')))));
    const picker = A.h('section', { class: 'pick-counter' },
      A.h('h1', {}, A.t('pickCounter')),
      message ? A.h('p', { class: 'notice warn' }, message) : null,
      A.h('p', { class: 'muted' }, A.t('pickHint')), list);
    const shown = A.$('.pick-counter');
    if (shown && shown.outerHTML === picker.outerHTML) return;
    ctx.main.replaceChildren(picker);
  }

  // Takes counter id for this officer (the server binds it to them until they close it or
  // sign out), then shows its console; a counter another officer works sends back to the picker.
  async function openCounter(id) {
    try {
      await A.api('POST', sitePath(`/counters/${encodeURIComponent(id)}/open`));
    } catch (e) {
      if (e.status === 401) return;
      if (e.status === 409 || e.status === 403) {
        if (localStorage.getItem(counterKey()) === id) localStorage.removeItem(counterKey());
        return showPicker(A.t('counterTaken', { msg: e.message }));
      }
      // Unreachable server: the console still opens; its buttons say what fails.
    }
    if (!ctx) return;
    localStorage.setItem(counterKey(), id);
    showConsole(id);
  }

  // Gives the counter up (best effort: signing out frees it on the server too).
  function closeCounter(id) {
    if (id === null || !ctx) return;
    A.api('POST', sitePath(`/counters/${encodeURIComponent(id)}/close`)).catch(() => {});
  }

  function showConsole(id) {
    counterId = id;
    desk.forget();
    const c = me();
    printMode = !!c && wantsPrintMode(c);
    ctx.main.replaceChildren(A.h('div', { class: 'console' },
      A.h('div', { class: 'left' },
        A.h('section', { class: 'card current', id: 'current', 'aria-live': 'polite' }),
        A.h('div', { class: 'notice', id: 'notice', role: 'status' }),
        A.h('div', { class: 'actions', id: 'actions' })),
      A.h('div', { class: 'right' },
        A.h('section', { class: 'card booking hidden', id: 'booking-panel' }),
        A.h('section', { class: 'card backlog hidden', id: 'backlog-panel' }),
        A.h('section', { class: 'card', id: 'queue' }),
        A.h('section', { class: 'card', id: 'tally' }))));
    buildButtons();
    render();
  }

  // (Re)creates the action buttons for the current mode.
  function buildButtons() {
    const el = A.$('#actions');
    el.classList.toggle('print', printMode);
    el.replaceChildren(...actions().map((a) => A.h('button', {
      class: 'btn' + (a.id === 'next' ? ' next primary' : '') + (a.id.startsWith('finish-') ? ' outcome' : ''),
      type: 'button', id: 'act-' + a.id, dataset: { action: a.id }, onclick: () => onAction(a.id),
    }, A.h('span', { class: 'lbl' }), a.id === 'finish-printed' ? A.h('small', { class: 'why', id: 'why-printed' }) : null,
    A.h('kbd', {}, a.key))));
  }

  function render() {
    if (!ctx) return;
    if (counterId === null) {
      if (A.$('.pick-counter')) showPicker(pickerMessage);
      return;
    }
    const c = me();
    if (!c) return showPicker(A.t('counterGone'));
    if (!A.$('#current')) return showConsole(counterId);
    A.$('#title').textContent = A.t('pageTitle') + ' — ' + c.name;
    if (wantsPrintMode(c) !== printMode) {
      printMode = !printMode;
      buildButtons();
    }
    renderCurrent(c);
    renderButtons(c);
    desk.renderBooking(A.$('#booking-panel'), c.ticket);
    desk.renderBacklog(A.$('#backlog-panel'), c);
    renderQueue(c);
    renderTally(c);
  }

  function renderCurrent(c) {
    const t = c.ticket;
    const el = A.$('#current');
    const parts = [A.h('div', { class: 'label' }, A.t('nowServing'))];
    if (c.state === 'paused') parts.push(A.h('div', { class: 'paused-banner', id: 'paused-banner' }, A.t('pausedBanner')));
    if (!t) {
      parts.push(A.h('div', { class: 'number none', id: 'cur-number' }, A.t('noTicket')));
    } else {
      const waited = t.called_at ? Math.max(0, Math.round((Date.parse(t.called_at) - Date.parse(t.issued_at)) / 60000)) : null;
      parts.push(A.h('div', { class: 'number', id: 'cur-number' }, t.number),
        A.h('div', { class: 'info' },
          A.h('div', { class: 'service', id: 'cur-service' }, A.serviceName(svcById(t.service))),
          t.priority ? A.h('div', {}, A.h('span', { class: 'badge prio', id: 'cur-priority' }, A.t('prio_' + t.priority))) : null,
          A.h('div', { class: 'stats' },
            A.h('div', { class: 'stat' }, A.h('span', {}, A.t('waited')), A.h('b', { id: 'cur-waited' }, A.fmtMinutes(waited))),
            A.h('div', { class: 'stat' }, A.h('span', {}, A.t('atCounter')),
              A.h('b', { id: 'cur-elapsed', dataset: { since: t.called_at || '' } }, '')))));
    }
    el.replaceChildren(...parts);
    updateClock();
  }

  function updateClock() {
    const el = A.$('#cur-elapsed');
    if (!el) return;
    el.textContent = el.dataset.since ? A.fmtDuration(A.serverNow() - Date.parse(el.dataset.since)) : '–';
  }

  function renderButtons(c) {
    const paused = c.state === 'paused';
    const has = !!c.ticket;
    const noStock = desk.noStock();
    const enabled = {
      next: !paused, call: !paused, recall: has, 'no-show': has, finish: has, transfer: has, pause: true,
      'finish-printed': has && !noStock, 'finish-backlog': has,
    };
    for (const a of actions()) {
      const b = A.$('#act-' + a.id);
      const label = a.id === 'pause' ? (paused ? 'btn_resume' : 'btn_pause') : 'btn_' + a.id;
      b.querySelector('.lbl').textContent = A.t(label);
      b.disabled = busy || !enabled[a.id];
    }
    const why = A.$('#why-printed');
    if (why) {
      why.textContent = noStock ? A.t('whyNoStock') : '';
      A.$('#act-finish-printed').title = noStock ? A.t('errNoStock') : '';
    }
  }

  function renderQueue(c) {
    const el = A.$('#queue');
    const q = data.queue;
    const blocks = c.services.map((sid) => {
      const svc = svcById(sid);
      const qs = q ? q.services.find((s) => s.id === sid) : null;
      const waiting = qs ? qs.waiting : svc.waiting || 0;
      const tickets = q ? q.tickets.filter((t) => t.service === sid) : [];
      const chips = tickets.slice(0, kMaxChips).map((t) =>
        A.h('span', { class: 'chip' + (t.priority ? ' prio' : ''), title: t.priority ? A.t('prio_' + t.priority) : '' }, t.number));
      if (tickets.length > kMaxChips) chips.push(A.h('span', { class: 'muted' }, A.t('more', { n: tickets.length - kMaxChips })));
      return A.h('div', { class: 'queue-svc', dataset: { service: sid } },
        A.h('div', { class: 'row' },
          A.h('span', { class: 'name' }, A.serviceName(svc)),
          A.h('span', { class: 'count', dataset: { waiting: waiting } }, waiting, A.h('small', {}, A.t('waitingCount')))),
        qs && waiting > 0 ? A.h('div', { class: 'muted' }, A.t('longest', { m: A.fmtMinutes(qs.longest_wait_minutes) })) : null,
        waiting === 0 ? A.h('div', { class: 'muted' }, A.t('nobodyWaiting')) : A.h('div', { class: 'chips' }, chips));
    });
    el.replaceChildren(A.h('h2', {}, A.t('waitingTitle')), ...blocks);
  }

  function renderTally(c) {
    const t = c.tally || {};
    const v = (n) => (n === undefined ? '–' : n);
    A.$('#tally').replaceChildren(A.h('h2', {}, A.t('tallyTitle')),
      A.h('div', { class: 'tally' },
        A.h('div', {}, A.h('span', {}, A.t('tallyDone')), A.h('b', { id: 'tally-done' }, v(t.done))),
        A.h('div', {}, A.h('span', {}, A.t('tallyNoShow')), A.h('b', { id: 'tally-noshow' }, v(t.no_show)))));
  }

  function notice(kind, text) {
    const el = A.$('#notice');
    withdrawUndo();
    if (!el) return;
    el.className = 'notice ' + kind;
    el.textContent = text;
  }

  // A notice with an undo button for ticket `number`, which just ended at this counter.
  function noticeWithUndo(kind, text, number) {
    notice(kind, text);
    const el = A.$('#notice');
    if (!el || !number) return;
    undoable = number;
    el.append(' ', A.h('button', { class: 'btn undo', type: 'button', id: 'undo', onclick: () => undo() }, A.t('undoBtn')));
    undoTimer = setTimeout(withdrawUndo, kUndoOfferMs);
  }

  function withdrawUndo() {
    clearTimeout(undoTimer);
    undoTimer = null;
    undoable = null;
    const b = A.$('#undo');
    if (b) b.remove();
  }

  async function undo() {
    const number = undoable;
    if (!number || busy) return;
    withdrawUndo();
    setBusy(true);
    try {
      await A.api('POST', sitePath(`/counters/${encodeURIComponent(counterId)}/undo`), { number }, { idem: A.randomKey() });
      notice('ok', A.t('undone', { n: number }));
    } catch (e) {
      if (e.status === 401) return;
      if (e.status === 0) notice('', '');  // the badge says the server is unreachable
      else notice('error', A.t('errConflict', { msg: e.message }));
    } finally {
      await refresh();
      setBusy(false);
    }
  }

  // ---------------------------------------------------------------- actions

  function setBusy(b) {
    busy = b;
    document.body.classList.toggle('busy', b);
    const c = me();
    if (c && A.$('#current')) renderButtons(c);
  }

  async function onAction(action) {
    const c = me();
    if (busy || dialogOpen || !c) return;
    if (action === 'pause' && c.state === 'paused') action = 'resume';
    let body;
    if (action === 'finish-printed' || action === 'finish-backlog') {
      if (!desk.isPrintTicket(c.ticket)) return;
      return press('finish', { outcome: action.slice(7) });
    }
    if (action === 'next' && desk.isPrintTicket(c.ticket)) {
      // Next ends the printing ticket too: its outcome must be recorded, not assumed.
      dialogOpen = true;
      const outcome = await askOutcome(c.ticket);
      dialogOpen = false;
      if (!outcome) return;
      body = { outcome };
    } else if (action === 'transfer') {
      const t = c.ticket;
      if (!t) return;
      dialogOpen = true;
      const target = await A.dialog(A.t('transferTitle', { n: t.number }), (done) =>
        A.h('div', { class: 'choice-list', id: 'transfer-choices' }, data.services.filter((s) => s.id !== t.service).map((s) =>
          A.h('button', { class: 'btn', type: 'button', dataset: { service: s.id }, onclick: () => done(s.id) }, A.serviceName(s)))));
      dialogOpen = false;
      if (!target) return;
      body = { service: target };
    } else if (action === 'call') {
      dialogOpen = true;
      const number = await askNumber();
      dialogOpen = false;
      if (!number) return;
      body = { number };
    }
    await press(action, body);
  }

  function askOutcome(t) {
    return A.dialog(A.t('outcomeTitle', { n: t.number }), (done) => {
      const noStock = desk.noStock();
      const box = A.h('div', { id: 'outcome-choices' },
        A.h('p', { class: 'muted' }, A.t('outcomeHint')),
        A.h('div', { class: 'choice-list' },
          A.h('button', { class: 'btn', type: 'button', dataset: { outcome: 'printed' }, disabled: noStock, onclick: () => done('printed') },
            A.h('span', {}, A.t('btn_finish-printed'), noStock ? A.h('small', { class: 'why' }, A.t('whyNoStock')) : null), A.h('kbd', {}, 'S')),
          A.h('button', { class: 'btn', type: 'button', dataset: { outcome: 'backlog' }, onclick: () => done('backlog') },
            A.h('span', {}, A.t('btn_finish-backlog')), A.h('kbd', {}, 'K'))));
      box.addEventListener('keydown', (ev) => {
        const k = ev.key.toUpperCase();
        if (k === 'S' && !noStock) done('printed');
        else if (k === 'K') done('backlog');
      });
      return box;
    });
  }

  function askNumber() {
    return A.dialog(A.t('callTitle'), (done) => {
      const input = A.h('input', { id: 'call-number', autocomplete: 'off', maxlength: 12, spellcheck: 'false', style: 'text-transform:uppercase;font-size:28px;font-weight:700' });
      const form = A.h('form', { class: 'call-form' },
        A.h('label', { for: 'call-number' }, A.t('callLabel')),
        A.h('div', { style: 'display:flex;gap:10px;margin-top:6px' }, input,
          A.h('button', { class: 'btn primary', type: 'submit', id: 'call-submit' }, A.t('callBtn'))));
      form.addEventListener('submit', (ev) => {
        ev.preventDefault();
        const v = input.value.trim().toUpperCase();
        if (v) done(v);
      });
      const waiting = data.queue ? data.queue.tickets : [];
      return A.h('div', {}, form, waiting.length ? A.h('p', { class: 'muted' }, A.t('callPick')) : null,
        A.h('div', { class: 'chips' }, waiting.slice(0, 24).map((t) =>
          A.h('button', { class: 'chip' + (t.priority ? ' prio' : ''), type: 'button', onclick: () => done(t.number) }, t.number))));
    });
  }

  async function press(action, body) {
    setBusy(true);
    const c = me();
    const current = c && c.ticket ? c.ticket.number : '';
    try {
      const r = await A.api('POST', sitePath(`/counters/${encodeURIComponent(counterId)}/${action}`), body, { idem: A.randomKey() });
      const t = r.data;
      // Next after a printing ticket says what became of that ticket too.
      const before = action === 'next' && body && body.outcome
        ? A.t(body.outcome === 'printed' ? 'finishedPrinted' : 'finishedBacklog', { n: current }) + ' ' : '';
      // B ended the ticket being served (unless it was a card, whose outcome stays): offer
      // to take that back, as after T.
      const ended = action === 'next' && !(body && body.outcome) ? current : '';
      if (r.status === 204) noticeWithUndo('info', before + A.t('emptyQueue'), ended);
      else if (action === 'next' || action === 'call') {
        if (t.called_at) A.noteServerTime(t.called_at);
        noticeWithUndo('ok', before + A.t('called', { n: t.number }), action === 'next' ? ended : '');
      } else if (action === 'recall') notice('ok', A.t('recalled', { n: t.number }));
      else if (action === 'no-show') noticeWithUndo('warn', A.t('noShowDone', { n: t.number }), t.number);
      else if (action === 'finish') {
        const key = { printed: 'finishedPrinted', backlog: 'finishedBacklog' }[body && body.outcome] || 'finished';
        notice(body && body.outcome === 'backlog' ? 'warn' : 'ok', A.t(key, { n: t.number }));
      }
      else if (action === 'transfer') notice('ok', A.t('transferred', { n: t.number, s: A.serviceName(svcById(t.service)) }));
      else if (action === 'pause') notice('warn', A.t('pausedNow'));
      else if (action === 'resume') notice('ok', A.t('resumedNow'));
    } catch (e) {
      if (e.status === 401) return;
      if (e.code === 'counter_paused') notice('error', A.t('errPaused'));
      else if (e.code === 'not_your_counter') notice('error', A.t('errNotYours', { msg: e.message }));
      else if (e.status === 404 && action === 'call') notice('error', A.t('errNotFound', { n: body.number }));
      else if (e.status === 409 && body && body.outcome === 'printed') notice('error', A.t('errNoStock'));
      else if (e.status === 409) notice('error', A.t('errConflict', { msg: e.message || current }));
      else if (e.status === 0) notice('', '');  // not done: the badge says the server is unreachable
      else notice('error', A.t('error', { msg: e.message }));
    } finally {
      await refresh();
      setBusy(false);
    }
  }

  function onKey(ev) {
    if (!ctx || counterId === null || dialogOpen || ev.ctrlKey || ev.altKey || ev.metaKey || ev.repeat) return;
    const tag = (ev.target && ev.target.tagName) || '';
    if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA') return;
    if (ev.key.toUpperCase() === 'Z' && undoable) {
      ev.preventDefault();
      undo();
      return;
    }
    const a = actions().find((x) => x.key === ev.key.toUpperCase());
    if (!a) return;
    ev.preventDefault();
    const b = A.$('#act-' + a.id);
    if (b && !b.disabled) onAction(a.id);
  }

  // ---------------------------------------------------------------- page lifecycle

  A.onLangChange = () => {
    if (!ctx) return;
    if (counterId === null) showPicker();
    else render();
  };

  A.$('#change-counter').addEventListener('click', () => {
    if (!ctx) return;
    localStorage.removeItem(counterKey());
    closeCounter(counterId);
    showPicker();
  });

  A.boot({
    roles: ['officer', 'supervisor', 'admin'],
    async start(c) {
      ctx = c;
      A.showConn('connecting');
      await refresh();
      const saved = localStorage.getItem(counterKey());
      if (saved && data.counters.some((x) => x.id === saved)) await openCounter(saved);
      else showPicker();
      live = A.Live(ctx.site, { onEvent, onState: A.showConn, onSync: refresh });
      document.addEventListener('keydown', onKey);
      // Waiting minutes grow with no event to announce it: re-read now and then.
      poll = setInterval(refresh, 30000);
      tick = setInterval(updateClock, 1000);
    },
    stop() {
      if (live) live.stop();
      A.$('#title').textContent = A.t('pageTitle');  // no counter name beside the sign-in form
      clearInterval(tick);
      clearInterval(poll);
      document.removeEventListener('keydown', onKey);
      live = null;
      ctx = null;
      counterId = null;
      busy = false;
      desk.forget();
    },
  });
})();
