// Admin page, services card: per service its names, the open switch, the walk-in opening
// hours per weekday (closed, one or two periods, or always open), the daily quota and the
// target wait. Save sends only the fields that differ from what the server last reported; a
// refused change is explained beside the service and the edits stay for the admin to fix.
'use strict';

(function () {
  const A = window.Antre;
  A.addTexts({
    id: {
      hoursLabel: 'Jam buka', alwaysOpen: 'Selalu buka (tanpa jam buka)', editHoursSvc: 'Atur jam buka', hideHours: 'Tutup pengatur jam',
      dayOpen: 'Buka', dayShut: 'Tutup', period2: '+ Jam kedua', removePeriod: 'Hapus jam kedua', periodFrom: 'buka', periodTo: 'tutup',
      quotaLabel: 'Kuota harian', quotaHint: '0 = tanpa kuota', targetLabel: 'Target tunggu (menit)',
      noHours: 'Tutup setiap hari', wdShort: 'Min,Sen,Sel,Rab,Kam,Jum,Sab',
      stOpenNow: 'Buka sekarang', stClosedByAdmin: 'Ditutup admin', stNextOpen: 'Tutup — buka {day} {time}', stNoOpening: 'Tutup (tidak ada jam buka)',
      stQuota: 'sisa kuota hari ini {r} dari {q}',
      svcSaved: 'Tersimpan.', svcNothing: 'Tidak ada perubahan.',
      eOrder: '{day}: jam buka harus lebih awal dari jam tutup (antara 00:00 dan 24:00).',
      eOverlap: '{day}: jam kedua harus sesudah jam pertama dan tidak boleh bertumpuk.',
      eTime: '{day}: tulis jam sebagai JJ:MM, misalnya 08:00 (00:00 sampai 24:00).',
      eQuota: 'Kuota harian harus angka 0 sampai 100000 (0 = tanpa kuota).',
      eTarget: 'Target tunggu harus angka 1 sampai 480 menit.',
      eName: 'Nama layanan harus 1 sampai 60 karakter.',
      eNotSaved: 'Tidak tersimpan: {msg}',
    },
    en: {
      hoursLabel: 'Opening hours', alwaysOpen: 'Always open (no opening hours)', editHoursSvc: 'Edit opening hours', hideHours: 'Close the hours editor',
      dayOpen: 'Open', dayShut: 'Closed', period2: '+ Second period', removePeriod: 'Remove the second period', periodFrom: 'opens', periodTo: 'closes',
      quotaLabel: 'Daily quota', quotaHint: '0 = no quota', targetLabel: 'Target wait (minutes)',
      noHours: 'Closed every day', wdShort: 'Sun,Mon,Tue,Wed,Thu,Fri,Sat',
      stOpenNow: 'Open now', stClosedByAdmin: 'Closed by the admin', stNextOpen: 'Closed — opens {day} {time}', stNoOpening: 'Closed (no opening hours)',
      stQuota: '{r} of {q} left today',
      svcSaved: 'Saved.', svcNothing: 'Nothing changed.',
      eOrder: '{day}: a period must open before it closes (between 00:00 and 24:00).',
      eOverlap: '{day}: the second period must come after the first and must not overlap it.',
      eTime: '{day}: write times as HH:MM, for example 08:00 (00:00 to 24:00).',
      eQuota: 'The daily quota must be a number from 0 to 100000 (0 = no quota).',
      eTarget: 'The target wait must be a number from 1 to 480 minutes.',
      eName: 'Service names must be 1 to 60 characters.',
      eNotSaved: 'Not saved: {msg}',
    },
  });

  const kDays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
  const kWeek = [1, 2, 3, 4, 5, 6, 0];  // Monday first, as the office's week
  const kDefault = ['08:00', '15:00'];

  const short = (d) => A.t('wdShort').split(',')[d];
  const longDay = (key) => A.t('wd' + kDays.indexOf(key));

  // "8.00", "8:00" and "08.00" are how people write times here; the API wants "08:00".
  const normTime = (t) => {
    const m = /^\s*(\d{1,2})[.:](\d{2})\s*$/.exec(t);
    return m ? m[1].padStart(2, '0') + ':' + m[2] : t.trim();
  };

  // The canonical hours (as GET /services shows them) as editable day lists.
  function toModel(hours) {
    const days = {};
    for (const k of kDays) days[k] = hours && hours[k] ? hours[k].map((p) => p.slice()) : [];
    return { always: !hours, days };
  }

  function fromModel(m) {
    if (m.always) return null;
    const out = {};
    for (const k of kDays) out[k] = m.days[k].length ? m.days[k].map((p) => [normTime(p[0]), normTime(p[1])]) : null;
    return out;
  }

  // "HH:MM" plus minutes, at most "24:00"; the input as it is when it is not a time.
  const later = (t, minutes) => {
    const m = /^(\d{2}):(\d{2})$/.exec(normTime(t));
    if (!m) return t;
    const v = Math.min(1440, Number(m[1]) * 60 + Number(m[2]) + minutes);
    return String(Math.floor(v / 60)).padStart(2, '0') + ':' + String(v % 60).padStart(2, '0');
  };

  const sameHours = (a, b) => JSON.stringify(fromModel(toModel(a))) === JSON.stringify(b);

  // "Sen–Kam 08:00–15:00 · Jum 08:00–11:30, 13:00–15:00": runs of weekdays with equal periods.
  function summary(hours) {
    if (!hours) return A.t('alwaysOpen');
    const parts = [];
    let run = null;
    const flush = () => {
      if (!run) return;
      const names = run.from === run.to ? short(run.from) : `${short(run.from)}–${short(run.to)}`;
      parts.push(`${names} ${run.text}`);
      run = null;
    };
    for (const d of kWeek) {
      const list = hours[kDays[d]];
      const text = list ? list.map((p) => `${p[0]}–${p[1]}`).join(', ') : null;
      if (run && text === run.text) run.to = d;
      else {
        flush();
        if (text) run = { from: d, to: d, text };
      }
    }
    flush();
    return parts.length ? parts.join(' · ') : A.t('noHours');
  }

  function status(s) {
    let text;
    if (!s.open) text = A.t('stClosedByAdmin');
    else if (s.open_now) text = A.t('stOpenNow');
    else if (s.next_open) {
      const [y, mo, d] = s.next_open.slice(0, 10).split('-').map(Number);
      text = A.t('stNextOpen', { day: A.t('wd' + new Date(Date.UTC(y, mo - 1, d)).getUTCDay()), time: s.next_open.slice(11, 16) });
    } else text = A.t('stNoOpening');
    if (s.remaining !== null && s.remaining !== undefined) text += ' · ' + A.t('stQuota', { r: s.remaining, q: s.daily_quota });
    return text;
  }

  // The server's English validation message in the page's language.
  function explain(e) {
    if (e.status === 0) return A.t('serverDown');
    const reason = e.detail || e.message || ''; // the server's English words
    const m = /^hours\.(sun|mon|tue|wed|thu|fri|sat): (.*)$/.exec(reason);
    if (m) {
      const day = longDay(m[1]);
      if (/^a period must open before/.test(m[2])) return A.t('eOrder', { day });
      if (/^periods must be in time order/.test(m[2])) return A.t('eOverlap', { day });
      return A.t('eTime', { day });
    }
    if (/^daily_quota/.test(reason)) return A.t('eQuota');
    if (/^target_wait_minutes/.test(reason)) return A.t('eTarget');
    if (/^names? must be/.test(reason)) return A.t('eName');
    return A.t('eNotSaved', { msg: e.message });
  }

  // env: {sitePath, notice, refresh}. Returns render(box, services).
  window.AntreAdminServices = function (env) {
    const expanded = new Set();  // services whose hours editor is open, across refreshes
    const messages = {};         // service id -> {kind, text()} shown beside it

    function showMessage(group, id) {
      const el = group.querySelector('.svc-msg');
      const m = messages[id];
      el.className = 'form-msg svc-msg' + (m ? ' ' + m.kind : '');
      el.textContent = m ? m.text() : '';
    }

    function hoursEditor(model, onChange) {
      const box = A.h('div', { class: 'svc-hours' });
      const draw = () => {
        const always = A.h('input', { type: 'checkbox', checked: model.always, dataset: { field: 'always-open' } });
        always.addEventListener('change', () => {
          model.always = always.checked;
          // Leaving "always open" starts from the office's usual week rather than all closed.
          if (!model.always && kDays.every((k) => !model.days[k].length)) {
            for (const d of [1, 2, 3, 4, 5]) model.days[kDays[d]] = [kDefault.slice()];
          }
          onChange();
          draw();
        });
        const rows = model.always ? [] : kWeek.map((d) => {
          const key = kDays[d];
          const list = model.days[key];
          const on = A.h('input', { type: 'checkbox', checked: list.length > 0, dataset: { field: 'day-open' }, 'aria-label': `${A.t('wd' + d)} ${A.t('dayOpen')}` });
          on.addEventListener('change', () => {
            model.days[key] = on.checked ? [kDefault.slice()] : [];
            onChange();
            draw();
          });
          const time = (p, i, label) => {
            const el = A.h('input', { class: 'time', value: p[i], maxlength: 5, placeholder: kDefault[i], inputmode: 'numeric',
              'aria-label': `${A.t('wd' + d)} ${A.t(label)}`, dataset: { field: i ? 'close' : 'open' } });
            el.addEventListener('input', () => { p[i] = el.value; onChange(); });
            return el;
          };
          const periods = list.map((p, n) => A.h('span', { class: 'period', dataset: { period: String(n) } },
            time(p, 0, 'periodFrom'), '–', time(p, 1, 'periodTo'),
            n > 0 ? A.h('button', { class: 'btn small danger', type: 'button', title: A.t('removePeriod'), 'aria-label': A.t('removePeriod'),
              dataset: { field: 'remove-period' }, onclick: () => { list.splice(n, 1); onChange(); draw(); } }, '×') : null));
          const add = list.length === 1 ? A.h('button', { class: 'btn small', type: 'button', dataset: { field: 'add-period' },
            onclick: () => {
              // A morning period is usually followed by the afternoon after the break.
              const from = normTime(list[0][1]) < '13:00' ? '13:00' : later(list[0][1], 60);
              list.push([from, from === '13:00' ? '15:00' : later(from, 120)]);
              onChange();
              draw();
            } }, A.t('period2')) : null;
          return A.h('tr', { dataset: { day: key }, class: list.length ? '' : 'closed' },
            A.h('th', { scope: 'row' }, A.t('wd' + d)),
            A.h('td', {}, A.h('label', { class: 'switch' }, on, A.t(list.length ? 'dayOpen' : 'dayShut'))),
            A.h('td', {}, A.h('div', { class: 'periods' }, periods, add)));
        });
        box.replaceChildren(A.h('label', { class: 'switch always' }, always, A.t('alwaysOpen')),
          rows.length ? A.h('table', { class: 'grid svc-week' }, A.h('tbody', {}, rows)) : null);
      };
      draw();
      return box;
    }

    function group(s) {
      const id = s.id;
      const model = toModel(s.hours);
      const nid = A.h('input', { value: s.name.id, 'aria-label': A.t('nameId'), dataset: { field: 'name-id' } });
      const nen = A.h('input', { value: s.name.en, 'aria-label': A.t('nameEn'), dataset: { field: 'name-en' } });
      const open = A.h('input', { type: 'checkbox', checked: s.open, 'aria-label': A.t('openCol'), dataset: { field: 'open' } });
      const quota = A.h('input', { type: 'number', min: 0, max: 100000, value: String(s.daily_quota || 0), 'aria-label': A.t('quotaLabel'), dataset: { field: 'daily-quota' } });
      const target = A.h('input', { type: 'number', min: 1, max: 480, value: String(s.target_wait_minutes || 30), 'aria-label': A.t('targetLabel'), dataset: { field: 'target-wait' } });
      const save = A.h('button', { class: 'btn small primary', type: 'button', dataset: { field: 'save' } }, A.t('save'));
      const toggle = A.h('button', { class: 'btn small', type: 'button', dataset: { field: 'edit-hours' }, 'aria-expanded': expanded.has(id) ? 'true' : 'false' },
        A.t(expanded.has(id) ? 'hideHours' : 'editHoursSvc'));
      const sum = A.h('span', { class: 'hours-sum', dataset: { field: 'hours-summary' } }, summary(s.hours));
      const editorBox = A.h('div', { class: 'svc-editor' });
      const cell = (area, label, ...content) => A.h('div', { class: 'svc-cell', dataset: { area } },
        label ? A.h('span', { class: 'lbl' }, A.t(label)) : null, ...content);
      const tb = A.h('div', { class: 'svc', dataset: { service: id } },
        A.h('div', { class: 'svc-row' },
          cell('pfx', null, A.h('b', { class: 'prefix' }, s.prefix)),
          cell('name', 'nameCol', nid, nen),
          cell('open', 'openCol', A.h('label', { class: 'switch' }, open)),
          cell('hours', 'hoursLabel', sum, A.h('span', { class: 'muted svc-status', dataset: { field: 'status' } }, status(s)), toggle),
          cell('quota', 'quotaLabel', quota, A.h('span', { class: 'muted hint-inline' }, A.t('quotaHint'))),
          cell('target', 'targetLabel', target),
          cell('save', null, save)),
        A.h('div', { class: 'svc-more' }, A.h('p', { class: 'form-msg svc-msg', role: 'status', 'aria-live': 'polite' }), editorBox));
      const dirty = () => {
        tb.dataset.dirty = '1';
        if (messages[id] && messages[id].kind !== 'error') {
          delete messages[id];
          showMessage(tb, id);
        }
      };
      // The open switch saves itself at once, so it does not make the rest of the group dirty.
      tb.addEventListener('input', (ev) => { if (ev.target !== open) dirty(); });
      const drawEditor = () => {
        editorBox.replaceChildren(expanded.has(id) ? hoursEditor(model, () => { dirty(); sum.textContent = summary(fromModel(model)); }) : '');
        toggle.textContent = A.t(expanded.has(id) ? 'hideHours' : 'editHoursSvc');
        toggle.setAttribute('aria-expanded', expanded.has(id) ? 'true' : 'false');
      };
      toggle.addEventListener('click', () => {
        if (expanded.has(id)) expanded.delete(id);
        else expanded.add(id);
        drawEditor();
      });
      drawEditor();
      showMessage(tb, id);

      const post = async (body, okText, isWhole) => {
        save.disabled = true;
        tb.querySelectorAll('.invalid').forEach((el) => el.classList.remove('invalid'));
        try {
          await A.api('POST', env.sitePath(`/admin/services/${encodeURIComponent(id)}`), body);
          if (isWhole) tb.dataset.dirty = '';
          messages[id] = { kind: 'ok', text: () => A.t('svcSaved') };
          env.notice('ok', A.t('saved', { x: okText }));
        } catch (e) {
          if (e.status === 401) return;
          messages[id] = { kind: 'error', text: () => explain(e) };
          const day = /^hours\.(\w+):/.exec(e.detail || e.message || '');
          if (day) tb.querySelectorAll(`tr[data-day="${day[1]}"] input.time`).forEach((el) => el.classList.add('invalid'));
          if (/^daily_quota/.test(e.detail || e.message)) quota.classList.add('invalid');
          if (/^target_wait/.test(e.detail || e.message)) target.classList.add('invalid');
        } finally {
          save.disabled = false;
          showMessage(tb, id);
          await env.refresh();
        }
      };
      save.addEventListener('click', () => {
        const body = {};
        const name = { id: nid.value.trim(), en: nen.value.trim() };
        if (name.id !== s.name.id || name.en !== s.name.en) body.name = name;
        const hours = fromModel(model);
        if (!sameHours(s.hours, hours)) body.hours = hours;
        const q = quota.value.trim() === '' ? 0 : Number(quota.value);
        if (q !== s.daily_quota) body.daily_quota = q;
        const t = Number(target.value);
        if (t !== s.target_wait_minutes) body.target_wait_minutes = t;
        if (!Object.keys(body).length) {
          messages[id] = { kind: 'info', text: () => A.t('svcNothing') };
          tb.dataset.dirty = '';
          return showMessage(tb, id);
        }
        post(body, name.id, true);
      });
      open.addEventListener('change', () => post({ open: open.checked }, s.name.id, false));
      return tb;
    }

    return function render(box, services) {
      const groups = services.map((s) => {
        const kept = A.$(`#services .svc[data-service="${CSS.escape(s.id)}"]`);
        if (kept && kept.dataset.dirty === '1') {
          showMessage(kept, s.id);
          return kept;
        }
        return group(s);
      });
      const head = A.h('div', { class: 'svc-row svc-head', 'aria-hidden': 'true' },
        ['', 'nameCol', 'openCol', 'hoursLabel', 'quotaLabel', 'targetLabel', ''].map((k) => A.h('span', {}, k ? A.t(k) : '')));
      box.replaceChildren(A.h('div', { class: 'svc-list' }, head, ...groups));
    };
  };
})();
