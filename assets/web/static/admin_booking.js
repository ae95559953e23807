// Admin page, "Aturan booking" tab: every setting of a site's online-booking rules as one form.
// It reads GET admin/booking, edits a local copy, and saves the whole set with one POST; the
// server checks it (DecodeBookingConfig) and its refusal is shown beside the Save button in
// plain words, with the field it names marked.
'use strict';

(function () {
  const A = window.Antre;
  A.addTexts({
    id: {
      bkTitle: 'Aturan booking online', bkSite: 'Kantor', bkTimes: 'Waktu pemesanan', bkLimits: 'Batas anti-calo',
      bkLimitsHint: '0 berarti tanpa batas.', bkServices: 'Layanan yang bisa dipesan', bkHours: 'Jam buka & slot',
      bkHolidays: 'Hari libur (tanpa slot)', bkOther: 'Cetak, data pribadi & notifikasi',
      f_days_ahead: 'Bisa dipesan sampai (hari ke depan)', f_same_day_cutoff: 'Batas pesan untuk hari ini (JJ:MM)',
      f_check_in_early_minutes: 'Check-in dibuka sebelum slot (menit)', f_check_in_late_minutes: 'Check-in ditutup setelah slot mulai (menit; paling cepat akhir slot)',
      f_no_show_grace_minutes: 'Dianggap tidak hadir setelah slot selesai (menit)',
      f_per_phone_per_day: 'Booking per nomor HP per hari', f_per_address_per_day: 'Booking per alamat jaringan per hari',
      f_rate_per_minute: 'Permintaan per alamat jaringan per menit',
      f_release_at: 'Slot dibuka sehari sebelumnya pukul (JJ:MM; kosong = langsung)',
      f_release_draw_seconds: 'Detik pertama setelah dibuka yang diundi (0 = tanpa undian)',
      errRelease: 'Jam rilis harus JJ:MM (mis. 19:00) atau kosong.',
      f_pow_bits: 'Kerja HP sebelum booking terkirim (bit; 16 ≈ 1 detik di HP murah, +1 = 2×; 0 = mati)', f_retention_days: 'Data pribadi dihapus setelah (hari)',
      f_print_service: 'Layanan cetak KTP', f_stock_low_threshold: 'Stok blangko disebut "menipis" di bawah',
      f_initial_stock: 'Stok awal blangko (hanya untuk database baru)', f_webhook_url: 'Alamat gateway SMS/WhatsApp (webhook)',
      f_webhook_retry_seconds: 'Coba kirim ulang pertama setelah (detik)',
      noPrint: '— tidak ada —', colService: 'Layanan', colBookable: 'Bisa dipesan', colDelivery: 'Antar ke rumah',
      colHours: 'Jam buka', editHours: 'Atur jam', closedAllWeek: 'Tidak ada jam buka', hoursFor: 'Layanan',
      colDay: 'Hari', colOpen: 'Buka', colClose: 'Tutup', colSlot: 'Slot (menit)', colCap: 'Kuota per slot',
      dayClosed: 'Tutup', addSession: '+ Jam', removeSession: 'Hapus jam ini', copyHours: 'Salin jam ini ke semua layanan yang bisa dipesan',
      notBookable: 'Layanan ini tidak bisa dipesan online. Centang "Bisa dipesan" untuk mengatur jamnya.',
      addHoliday: 'Tambah', noHolidays: 'Belum ada hari libur.', removeHoliday: 'Hapus {d}',
      saveRules: 'Simpan aturan', undoRules: 'Batalkan perubahan', bkSaved: 'Aturan booking tersimpan.',
      bkUnsaved: 'Ada perubahan yang belum disimpan.', bkElsewhere: 'Aturan ini baru diubah di tempat lain. Batalkan perubahan untuk memuat yang terbaru.',
      copied: 'Jam buka disalin ke {n} layanan.',
      errNumber: '{field}: isi dengan angka bulat.', errRange: '{field}: harus antara {lo} dan {hi}.',
      errOpenClose: 'Jam buka harus berupa JJ:MM dan lebih awal dari jam tutup{where}.',
      errSlot: 'Lama slot harus antara {lo} dan {hi} menit{where}.', errCap: 'Kuota per slot harus antara {lo} dan {hi}{where}.',
      errCutoff: 'Batas pesan untuk hari ini harus berupa jam JJ:MM, misalnya 12:00.',
      errWebhook: 'Alamat webhook harus diawali http:// atau https:// (atau dikosongkan).',
      errHoliday: 'Hari libur harus berupa tanggal yang benar.', errService: 'Ada layanan yang tidak dikenal. Muat ulang halaman.',
      errOther: 'Aturan tidak tersimpan: {msg}', errBookableEmpty: '{s} bisa dipesan, tetapi belum punya jam buka.',
      errDate: 'Pilih tanggal dulu.',
      wd0: 'Minggu', wd1: 'Senin', wd2: 'Selasa', wd3: 'Rabu', wd4: 'Kamis', wd5: 'Jumat', wd6: 'Sabtu',
      wds0: 'Min', wds1: 'Sen', wds2: 'Sel', wds3: 'Rab', wds4: 'Kam', wds5: 'Jum', wds6: 'Sab',
    },
    en: {
      bkTitle: 'Online booking rules', bkSite: 'Office', bkTimes: 'Booking times', bkLimits: 'Anti-broker limits',
      bkLimitsHint: '0 means no limit.', bkServices: 'Bookable services', bkHours: 'Opening hours & slots',
      bkHolidays: 'Holidays (no slots)', bkOther: 'Printing, personal data & notifications',
      f_days_ahead: 'Bookable up to (days ahead)', f_same_day_cutoff: 'Same-day booking cut-off (HH:MM)',
      f_check_in_early_minutes: 'Check-in opens before the slot (minutes)', f_check_in_late_minutes: 'Check-in closes after the slot start (minutes; not before the slot ends)',
      f_no_show_grace_minutes: 'No-show after the slot end (minutes)',
      f_per_phone_per_day: 'Bookings per phone per day', f_per_address_per_day: 'Bookings per network address per day',
      f_rate_per_minute: 'Requests per network address per minute',
      f_release_at: 'Slots open the day before at (HH:MM; empty = at once)',
      f_release_draw_seconds: 'First seconds after opening that are drawn (0 = no draw)',
      errRelease: 'The release time must be HH:MM (e.g. 19:00) or empty.',
      f_pow_bits: 'Phone work before a booking is sent (bits; 16 ≈ 1 s on a cheap phone, +1 = 2×; 0 = off)', f_retention_days: 'Personal data erased after (days)',
      f_print_service: 'ID-card printing service', f_stock_low_threshold: 'Blank-card stock is "low" below',
      f_initial_stock: 'Initial blank-card stock (new database only)', f_webhook_url: 'SMS/WhatsApp gateway address (webhook)',
      f_webhook_retry_seconds: 'First retry after (seconds)',
      noPrint: '— none —', colService: 'Service', colBookable: 'Bookable', colDelivery: 'Home delivery',
      colHours: 'Opening hours', editHours: 'Edit hours', closedAllWeek: 'No opening hours', hoursFor: 'Service',
      colDay: 'Day', colOpen: 'Open', colClose: 'Close', colSlot: 'Slot (minutes)', colCap: 'Places per slot',
      dayClosed: 'Closed', addSession: '+ Hours', removeSession: 'Remove these hours', copyHours: 'Copy these hours to every bookable service',
      notBookable: 'This service cannot be booked online. Tick "Bookable" to set its hours.',
      addHoliday: 'Add', noHolidays: 'No holidays yet.', removeHoliday: 'Remove {d}',
      saveRules: 'Save rules', undoRules: 'Discard changes', bkSaved: 'Booking rules saved.',
      bkUnsaved: 'There are unsaved changes.', bkElsewhere: 'These rules were just changed elsewhere. Discard your changes to load them.',
      copied: 'Opening hours copied to {n} services.',
      errNumber: '{field}: enter a whole number.', errRange: '{field}: must be {lo} to {hi}.',
      errOpenClose: 'Opening time must be HH:MM and before the closing time{where}.',
      errSlot: 'Slot length must be {lo} to {hi} minutes{where}.', errCap: 'Places per slot must be {lo} to {hi}{where}.',
      errCutoff: 'The same-day cut-off must be a time HH:MM, e.g. 12:00.',
      errWebhook: 'The webhook address must start with http:// or https:// (or be empty).',
      errHoliday: 'Holidays must be valid dates.', errService: 'An unknown service was named. Reload the page.',
      errOther: 'Rules not saved: {msg}', errBookableEmpty: '{s} is bookable but has no opening hours.',
      errDate: 'Choose a date first.',
      wd0: 'Sunday', wd1: 'Monday', wd2: 'Tuesday', wd3: 'Wednesday', wd4: 'Thursday', wd5: 'Friday', wd6: 'Saturday',
      wds0: 'Sun', wds1: 'Mon', wds2: 'Tue', wds3: 'Wed', wds4: 'Thu', wds5: 'Fri', wds6: 'Sat',
    },
  });

  const kWeekdays = [1, 2, 3, 4, 5, 6, 0];  // Monday first, as the office's week
  const kTimes = ['days_ahead', 'same_day_cutoff', 'check_in_early_minutes', 'check_in_late_minutes', 'no_show_grace_minutes'];
  const kLimits = ['per_phone_per_day', 'per_address_per_day', 'rate_per_minute', 'release_at', 'release_draw_seconds',
    'pow_bits'];
  const kOther = ['print_service', 'stock_low_threshold', 'initial_stock', 'retention_days', 'webhook_url', 'webhook_retry_seconds'];
  const kText = ['same_day_cutoff', 'print_service', 'webhook_url', 'release_at'];
  const kDefaultSession = { open: '08:00', close: '15:00', slot_minutes: '30', capacity: '10' };

  // "HH:MM" plus `minutes`, at most "24:00"; the text itself if it is not a time.
  function laterBy(hhmm, minutes) {
    const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
    if (!m) return hhmm;
    const t = Math.min(24 * 60, Number(m[1]) * 60 + Number(m[2]) + minutes);
    return String(Math.floor(t / 60)).padStart(2, '0') + ':' + String(t % 60).padStart(2, '0');
  }

  window.AntreAdminBooking = function (env) {
    let site = env.site, sites = [site], services = [], model = null, loaded = '', dirty = false, hoursService = '';
    let sent = [];  // what each schedule[] index of the last POST was: {service, weekday}
    const root = A.h('div', { class: 'booking-admin', id: 'booking-admin' });
    const msg = A.h('p', { class: 'form-msg', id: 'booking-msg', role: 'alert' });

    // ------------------------------------------------------------ model <-> wire

    function toModel(cfg) {
      const m = { values: {}, delivery: new Set(cfg.delivery_services), holidays: cfg.holidays.slice().sort(), hours: {}, bookable: new Set() };
      for (const k of [...kTimes, ...kLimits, ...kOther]) m.values[k] = String(cfg[k]);
      for (const s of services) m.hours[s.id] = {};
      for (const e of cfg.schedule) {
        for (const svc of e.services) {
          m.hours[svc] = m.hours[svc] || {};
          m.bookable.add(svc);
          for (const d of e.weekdays) {
            (m.hours[svc][d] = m.hours[svc][d] || []).push(
              { open: e.open, close: e.close, slot_minutes: String(e.slot_minutes), capacity: String(e.capacity) });
          }
        }
      }
      return m;
    }

    // The POST body; throws {key, text} for a field that is not a whole number.
    function toWire() {
      const body = {};
      for (const k of [...kTimes, ...kLimits, ...kOther]) {
        const v = model.values[k].trim();
        if (kText.indexOf(k) >= 0) {
          body[k] = v;
        } else {
          if (!/^-?\d+$/.test(v)) throw { key: k, text: A.t('errNumber', { field: A.t('f_' + k) }) };
          body[k] = Number(v);
        }
      }
      body.delivery_services = services.filter((s) => model.delivery.has(s.id)).map((s) => s.id);
      body.holidays = model.holidays.slice();
      body.schedule = [];
      sent = [];
      for (const s of services) {
        if (!model.bookable.has(s.id)) continue;
        let any = false;
        for (const d of kWeekdays) {
          for (const x of model.hours[s.id][d] || []) {
            any = true;
            const slot = /^\d+$/.test(x.slot_minutes.trim()) ? Number(x.slot_minutes) : NaN;
            const cap = /^\d+$/.test(x.capacity.trim()) ? Number(x.capacity) : NaN;
            if (Number.isNaN(slot) || Number.isNaN(cap)) {
              throw { text: A.t('errNumber', { field: `${A.serviceName(s)}, ${A.t('wd' + d)}` }) };
            }
            body.schedule.push({ services: [s.id], weekdays: [d], open: x.open.trim(), close: x.close.trim(), slot_minutes: slot, capacity: cap });
            sent.push({ service: s.id, weekday: d });
          }
        }
        if (!any) throw { text: A.t('errBookableEmpty', { s: A.serviceName(s) }) };
      }
      return body;
    }

    // The server's reason (English, for logs) in plain words, and the field it names.
    // `message` is the server's English reason (the error's detail), `shown` its words for people.
    function explain(message, shown) {
      let m, where = '', key = null;
      if ((m = /schedule\[(\d+)\]/.exec(message)) && sent[Number(m[1])]) {
        const e = sent[Number(m[1])];
        const s = services.find((x) => x.id === e.service);
        where = ` (${s ? A.serviceName(s) : e.service}, ${A.t('wd' + e.weekday)})`;
        hoursService = e.service;
      }
      if ((m = /slot_minutes must be (\d+)-(\d+)/.exec(message))) return { text: A.t('errSlot', { lo: m[1], hi: m[2], where }) };
      if ((m = /capacity must be (\d+)-(\d+)/.exec(message))) return { text: A.t('errCap', { lo: m[1], hi: m[2], where }) };
      if (/open and close/.test(message)) return { text: A.t('errOpenClose', { where }) };
      if ((m = /([a-z_]+) must be (\d+)-(\d+)/.exec(message))) {
        key = m[1];
        return { key, text: A.t('errRange', { field: A.t('f_' + key), lo: m[2], hi: m[3] }) };
      }
      if (/same_day_cutoff/.test(message)) return { key: 'same_day_cutoff', text: A.t('errCutoff') };
      if (/release_at/.test(message)) return { key: 'release_at', text: A.t('errRelease') };
      if (/webhook_url/.test(message)) return { key: 'webhook_url', text: A.t('errWebhook') };
      if (/holidays/.test(message)) return { text: A.t('errHoliday') };
      if (/unknown service/.test(message)) return { text: A.t('errService') };
      return { text: A.t('errOther', { msg: shown || message }) };
    }

    // ------------------------------------------------------------ loading and saving

    async function load() {
      try {
        const [health, svc, cfg] = await Promise.all([
          A.api('GET', '/api/v1/health', undefined, { anonymous: true }),
          A.api('GET', `/api/v1/sites/${encodeURIComponent(site)}/services`),
          A.api('GET', `/api/v1/sites/${encodeURIComponent(site)}/admin/booking`),
        ]);
        sites = health.data.sites;
        services = svc.data;
        loaded = JSON.stringify(cfg.data);
        model = toModel(cfg.data);
        if (!services.find((s) => s.id === hoursService)) hoursService = (services.find((s) => model.bookable.has(s.id)) || services[0] || {}).id;
        dirty = false;
        msg.textContent = '';
        render();
      } catch (e) {
        env.failed(e);
      }
    }

    async function save(button) {
      let body;
      root.querySelectorAll('.invalid').forEach((el) => el.classList.remove('invalid'));
      try {
        body = toWire();
      } catch (bad) {
        return showError(bad);
      }
      button.disabled = true;
      try {
        const r = await A.api('POST', `/api/v1/sites/${encodeURIComponent(site)}/admin/booking`, body);
        loaded = JSON.stringify(r.data);
        model = toModel(r.data);
        dirty = false;
        render();
        msg.className = 'form-msg ok';
        msg.textContent = A.t('bkSaved');
        env.notice('ok', A.t('bkSaved'));
      } catch (e) {
        if (e.status === 400) {
          showError(explain(e.detail || e.message, e.message));
        } else {
          env.failed(e);
        }
      } finally {
        button.disabled = false;
      }
    }

    function showError(bad) {
      if (bad.key || hoursService) renderHours();
      msg.className = 'form-msg error';
      msg.textContent = bad.text;
      if (bad.key) {
        const el = root.querySelector(`[data-key="${bad.key}"]`);
        if (el) {
          el.classList.add('invalid');
          el.setAttribute('aria-invalid', 'true');
          el.focus();
        }
      }
    }

    const touch = () => {
      dirty = true;
      msg.className = 'form-msg warn';
      msg.textContent = A.t('bkUnsaved');
    };

    // ------------------------------------------------------------ rendering

    function field(key, extra) {
      const isText = kText.indexOf(key) >= 0;
      let input;
      if (key === 'print_service') {
        input = A.h('select', { id: 'bk-' + key, dataset: { key } },
          A.h('option', { value: '' }, A.t('noPrint')),
          services.map((s) => A.h('option', { value: s.id, selected: model.values[key] === s.id }, A.serviceName(s))));
        input.addEventListener('change', () => { model.values[key] = input.value; touch(); });
      } else {
        input = A.h('input', Object.assign({ id: 'bk-' + key, value: model.values[key], dataset: { key },
          type: isText ? 'text' : 'number', inputmode: isText ? undefined : 'numeric' }, extra || {}));
        input.addEventListener('input', () => { model.values[key] = input.value; touch(); });
      }
      return A.h('label', { class: 'fld', for: 'bk-' + key }, A.h('span', {}, A.t('f_' + key)), input);
    }

    const card = (id, title, wide, ...children) =>
      A.h('section', { class: 'card' + (wide ? ' wide' : ''), id }, A.h('h2', {}, A.t(title)), ...children);

    function hoursSummary(id) {
      const days = kWeekdays.filter((d) => (model.hours[id][d] || []).length);
      if (!model.bookable.has(id) || !days.length) return A.t('closedAllWeek');
      const first = model.hours[id][days[0]][0];
      const same = days.every((d) => JSON.stringify(model.hours[id][d]) === JSON.stringify(model.hours[id][days[0]]));
      const names = days.map((d) => A.t('wds' + d)).join(', ');
      return same ? `${names} · ${model.hours[id][days[0]].map((x) => x.open + '–' + x.close).join(', ')}` : `${names} · ${first.open}–${first.close}…`;
    }

    function renderServices() {
      const rows = services.map((s) => {
        const bookable = A.h('input', { type: 'checkbox', checked: model.bookable.has(s.id), dataset: { field: 'bookable' }, 'aria-label': A.t('colBookable') });
        bookable.addEventListener('change', () => {
          if (bookable.checked) {
            model.bookable.add(s.id);
            const hasHours = kWeekdays.some((d) => (model.hours[s.id][d] || []).length);
            if (!hasHours) for (const d of [1, 2, 3, 4, 5]) model.hours[s.id][d] = [Object.assign({}, kDefaultSession)];
            hoursService = s.id;
          } else {
            model.bookable.delete(s.id);
          }
          touch();
          renderServices();
          renderHours();
        });
        const delivery = A.h('input', { type: 'checkbox', checked: model.delivery.has(s.id), dataset: { field: 'delivery' }, 'aria-label': A.t('colDelivery') });
        delivery.addEventListener('change', () => {
          if (delivery.checked) model.delivery.add(s.id);
          else model.delivery.delete(s.id);
          touch();
        });
        const edit = A.h('button', { class: 'btn small', type: 'button', dataset: { field: 'edit-hours' }, disabled: !model.bookable.has(s.id),
          onclick: () => { hoursService = s.id; renderHours(); A.$('#bk-hours-card').scrollIntoView({ block: 'nearest' }); } }, A.t('editHours'));
        return A.h('tr', { dataset: { service: s.id } },
          A.h('td', {}, A.h('b', {}, s.prefix), ' ', A.serviceName(s)),
          A.h('td', {}, A.h('label', { class: 'switch' }, bookable)), A.h('td', {}, A.h('label', { class: 'switch' }, delivery)),
          A.h('td', { class: 'muted hours-sum' }, hoursSummary(s.id)), A.h('td', {}, edit));
      });
      A.$('#bk-services', root).replaceChildren(A.h('table', { class: 'grid' },
        A.h('thead', {}, A.h('tr', {}, ['colService', 'colBookable', 'colDelivery', 'colHours'].map((k) => A.h('th', {}, A.t(k))), A.h('th', {}))),
        A.h('tbody', {}, rows)));
    }

    function renderHours() {
      const box = A.$('#bk-hours', root);
      if (!box) return;
      const pick = A.h('select', { id: 'bk-hours-service', 'aria-label': A.t('hoursFor') },
        services.map((s) => A.h('option', { value: s.id, selected: s.id === hoursService }, `${s.prefix} ${A.serviceName(s)}`)));
      pick.addEventListener('change', () => { hoursService = pick.value; renderHours(); });
      const head = A.h('div', { class: 'hours-head' }, A.h('label', { class: 'fld inline' }, A.h('span', {}, A.t('hoursFor')), pick));
      const svc = services.find((s) => s.id === hoursService);
      if (!svc || !model.bookable.has(hoursService)) {
        box.replaceChildren(head, A.h('p', { class: 'muted' }, A.t('notBookable')));
        return;
      }
      const hours = model.hours[hoursService];
      const rows = [];
      for (const d of kWeekdays) {
        const list = hours[d] || [];
        const add = A.h('button', { class: 'btn small', type: 'button', dataset: { field: 'add-session' } }, A.t('addSession'));
        add.addEventListener('click', () => {
          const last = list[list.length - 1];
          (hours[d] = list).push(last ? { open: last.close, close: laterBy(last.close, 120), slot_minutes: last.slot_minutes, capacity: last.capacity }
            : Object.assign({}, kDefaultSession));
          touch();
          renderHours();
          renderServices();
        });
        if (!list.length) {
          rows.push(A.h('tr', { dataset: { weekday: String(d) }, class: 'closed' },
            A.h('th', { scope: 'row' }, A.t('wd' + d)), A.h('td', { colspan: 4, class: 'muted' }, A.t('dayClosed')), A.h('td', {}, add)));
          continue;
        }
        list.forEach((x, i) => {
          const input = (k, label, attrs) => {
            const el = A.h('input', Object.assign({ value: x[k], 'aria-label': `${A.t('wd' + d)} ${A.t(label)}`, dataset: { field: k } }, attrs));
            el.addEventListener('input', () => { x[k] = el.value; touch(); renderSummaryOnly(); });
            return el;
          };
          const remove = A.h('button', { class: 'btn small danger', type: 'button', title: A.t('removeSession'), 'aria-label': A.t('removeSession'), dataset: { field: 'remove-session' } }, '×');
          remove.addEventListener('click', () => {
            list.splice(i, 1);
            touch();
            renderHours();
            renderServices();
          });
          rows.push(A.h('tr', { dataset: { weekday: String(d), session: String(i) } },
            A.h('th', { scope: 'row' }, i === 0 ? A.t('wd' + d) : ''),
            A.h('td', {}, input('open', 'colOpen', { class: 'time', maxlength: 5, placeholder: '08:00' })),
            A.h('td', {}, input('close', 'colClose', { class: 'time', maxlength: 5, placeholder: '15:00' })),
            A.h('td', {}, input('slot_minutes', 'colSlot', { type: 'number', class: 'short', min: 5, max: 480 })),
            A.h('td', {}, input('capacity', 'colCap', { type: 'number', class: 'short', min: 1, max: 10000 })),
            A.h('td', { class: 'sess-actions' }, remove, i === list.length - 1 ? add : null)));
        });
      }
      const copy = A.h('button', { class: 'btn small', type: 'button', id: 'bk-copy-hours' }, A.t('copyHours'));
      copy.addEventListener('click', () => {
        let n = 0;
        for (const s of services) {
          if (s.id === hoursService || !model.bookable.has(s.id)) continue;
          model.hours[s.id] = JSON.parse(JSON.stringify(hours));
          n++;
        }
        touch();
        renderServices();
        env.notice('ok', A.t('copied', { n }));
      });
      head.append(copy);
      box.replaceChildren(head, A.h('div', { class: 'scroll-x' }, A.h('table', { class: 'grid hours' },
        A.h('thead', {}, A.h('tr', {}, ['colDay', 'colOpen', 'colClose', 'colSlot', 'colCap'].map((k) => A.h('th', {}, A.t(k))), A.h('th', {}))),
        A.h('tbody', {}, rows))));
    }

    function renderSummaryOnly() {
      root.querySelectorAll('#bk-services tr[data-service]').forEach((tr) => {
        const cell = tr.querySelector('.hours-sum');
        if (cell) cell.textContent = hoursSummary(tr.dataset.service);
      });
    }

    function renderHolidays() {
      const chips = model.holidays.map((d) => A.h('span', { class: 'chip holiday', dataset: { date: d } }, d,
        A.h('button', { type: 'button', class: 'chip-x', 'aria-label': A.t('removeHoliday', { d }), title: A.t('removeHoliday', { d }),
          onclick: () => { model.holidays = model.holidays.filter((x) => x !== d); touch(); renderHolidays(); } }, '×')));
      const date = A.h('input', { type: 'date', id: 'bk-holiday-date', 'aria-label': A.t('bkHolidays') });
      const add = A.h('button', { class: 'btn small', type: 'button', id: 'bk-holiday-add' }, A.t('addHoliday'));
      add.addEventListener('click', () => {
        if (!date.value) return showError({ text: A.t('errDate') });
        if (model.holidays.indexOf(date.value) < 0) model.holidays = model.holidays.concat(date.value).sort();
        touch();
        renderHolidays();
      });
      A.$('#bk-holidays', root).replaceChildren(
        A.h('div', { class: 'chips' }, chips.length ? chips : A.h('span', { class: 'muted' }, A.t('noHolidays'))),
        A.h('div', { class: 'add-row' }, date, add));
    }

    function render() {
      if (!model) return;
      const sitePick = sites.length > 1
        ? A.h('label', { class: 'fld inline' }, A.h('span', {}, A.t('bkSite')),
          (() => {
            const sel = A.h('select', { id: 'bk-site' }, sites.map((x) => A.h('option', { value: x, selected: x === site }, x)));
            sel.addEventListener('change', () => { site = sel.value; load(); });
            return sel;
          })())
        : A.h('span', { class: 'muted' }, site);
      const saveBtn = A.h('button', { class: 'btn primary', type: 'submit', id: 'bk-save' }, A.t('saveRules'));
      const undo = A.h('button', { class: 'btn', type: 'button', id: 'bk-undo', onclick: load }, A.t('undoRules'));
      const form = A.h('form', { class: 'booking-form', id: 'booking-form', novalidate: true },
        A.h('div', { class: 'bk-head' }, A.h('h2', {}, A.t('bkTitle')), sitePick),
        A.h('div', { class: 'admin' },
          card('bk-times-card', 'bkTimes', false, A.h('div', { class: 'fields' },
            field('days_ahead', { min: 0, max: 365 }), field('same_day_cutoff', { maxlength: 5, placeholder: '12:00', class: 'time' }),
            field('check_in_early_minutes', { min: 0, max: 240 }), field('check_in_late_minutes', { min: 0, max: 240 }),
            field('no_show_grace_minutes', { min: 0, max: 240 }))),
          card('bk-limits-card', 'bkLimits', false, A.h('p', { class: 'muted hint' }, A.t('bkLimitsHint')), A.h('div', { class: 'fields' },
            field('per_phone_per_day', { min: 0, max: 1000 }), field('per_address_per_day', { min: 0, max: 100000 }),
            field('rate_per_minute', { min: 0, max: 100000 }),
            field('release_at', { maxlength: 5, placeholder: '19:00', class: 'time' }),
            field('release_draw_seconds', { min: 0, max: 3600 }), field('pow_bits', { min: 0, max: 28 }))),
          card('bk-services-card', 'bkServices', true, A.h('div', { id: 'bk-services', class: 'scroll-x' })),
          card('bk-hours-card', 'bkHours', true, A.h('div', { id: 'bk-hours' })),
          card('bk-holidays-card', 'bkHolidays', false, A.h('div', { id: 'bk-holidays' })),
          card('bk-other-card', 'bkOther', false, A.h('div', { class: 'fields' },
            field('print_service'), field('stock_low_threshold', { min: 0, max: 1000000 }), field('initial_stock', { min: 0, max: 1000000 }),
            field('retention_days', { min: 1, max: 3650 }), field('webhook_url', { placeholder: 'http://…', class: 'wide-input' }),
            field('webhook_retry_seconds', { min: 1, max: 3600 })))),
        A.h('div', { class: 'save-bar' }, saveBtn, undo, msg));
      form.addEventListener('submit', (ev) => {
        ev.preventDefault();
        save(saveBtn);
      });
      root.replaceChildren(form);
      renderServices();
      renderHours();
      renderHolidays();
    }

    return {
      element: root,
      show() {
        if (!model) load();
      },
      relabel() {
        if (model) render();
      },
      // Another admin (or this one) saved: reload unless there are edits to keep.
      async changedElsewhere() {
        if (!model) return;
        if (dirty) {
          msg.className = 'form-msg warn';
          msg.textContent = A.t('bkElsewhere');
          return;
        }
        try {
          const cfg = await A.api('GET', `/api/v1/sites/${encodeURIComponent(site)}/admin/booking`);
          if (JSON.stringify(cfg.data) === loaded || dirty) return;
          loaded = JSON.stringify(cfg.data);
          model = toModel(cfg.data);
          render();
        } catch (e) {
          env.failed(e);
        }
      },
    };
  };
})();
