// Supervisor view: the announcements card (issue #7). Lists the live and scheduled
// announcements with a Remove button, and posts new ones from a dialog, so live updates of
// the list never disturb typing. supervisor.js places the card and passes it the events.
'use strict';

(function () {
  const A = window.Antre;
  A.addTexts({
    id: {
      annTitle: 'Pengumuman',
      annNew: 'Buat pengumuman',
      annNone: 'Tidak ada pengumuman yang tayang atau terjadwal.',
      annState_live: 'Tayang', annState_scheduled: 'Terjadwal',
      annRemove: 'Hapus',
      annFormTitle: 'Pengumuman baru (layar & kiosk)',
      annTextId: 'Teks bahasa Indonesia (wajib)',
      annTextEn: 'Teks bahasa Inggris (boleh kosong)',
      annStart: 'Mulai',
      annEnd: 'Selesai',
      annSubmit: 'Tayangkan',
      annNeedText: 'Isi teks pengumuman dalam bahasa Indonesia.',
      annNeedEnd: 'Isi waktu selesai.',
      annEndBeforeStart: 'Waktu selesai harus sesudah waktu mulai.',
      annEnded: 'Waktu selesai sudah lewat. Pilih waktu yang akan datang.',
      annTextLength: 'Teks paling banyak 200 huruf.',
      annBadTime: 'Waktu tidak dapat dibaca. Isi tanggal dan jam dengan lengkap.',
      annGone: 'Pengumuman ini sudah tidak tayang.',
      annForbidden: 'Akun ini tidak boleh membuat atau menghapus pengumuman.',
      annPosted: 'Pengumuman disimpan.',
      annRemoved: 'Pengumuman dihapus.',
    },
    en: {
      annTitle: 'Announcements',
      annNew: 'New announcement',
      annNone: 'No live or scheduled announcements.',
      annState_live: 'Live', annState_scheduled: 'Scheduled',
      annRemove: 'Remove',
      annFormTitle: 'New announcement (displays & kiosks)',
      annTextId: 'Indonesian text (required)',
      annTextEn: 'English text (optional)',
      annStart: 'Start',
      annEnd: 'End',
      annSubmit: 'Publish',
      annNeedText: 'Enter the announcement in Indonesian.',
      annNeedEnd: 'Enter the end time.',
      annEndBeforeStart: 'The end must be after the start.',
      annEnded: 'That end time has already passed. Choose a time to come.',
      annTextLength: 'At most 200 characters of text.',
      annBadTime: 'The time cannot be read. Fill in the date and the time.',
      annGone: 'This announcement is no longer showing.',
      annForbidden: 'This account may not create or remove announcements.',
      annPosted: 'Announcement saved.',
      annRemoved: 'Announcement removed.',
    },
  });

  // The offsets of the time zones a site may use (docs/configuration.md); Indonesia has no
  // DST, so an offset is exact all year.
  const kZones = {
    'Asia/Jakarta': '+07:00', 'Asia/Pontianak': '+07:00', 'Asia/Makassar': '+08:00', 'Asia/Jayapura': '+09:00',
    UTC: '+00:00', 'Etc/UTC': '+00:00',
  };

  function zoneOffset(zone) {
    if (kZones[zone]) return kZones[zone];
    return /^[+-]\d\d:\d\d$/.test(zone || '') ? zone : null;
  }

  function offsetMinutes(off) {
    const m = /^([+-])(\d\d):(\d\d)$/.exec(off);
    const v = Number(m[2]) * 60 + Number(m[3]);
    return m[1] === '-' ? -v : v;
  }

  // The server's messages in plain words; anything unforeseen keeps the server's own text.
  function plainError(e) {
    const m = e.detail || e.message || ''; // the server's English words
    if (e.status === 0) return A.t('serverDown');
    if (e.status === 403) return A.t('annForbidden');
    if (/must be after/.test(m)) return A.t('annEndBeforeStart');
    if (/already have ended/.test(m)) return A.t('annEnded');
    if (/text must be|characters/.test(m)) return A.t('annTextLength');
    if (/ISO 8601/.test(m)) return A.t('annBadTime');
    if (e.status === 404) return A.t('annGone');
    return A.t('error', { msg: e.message || m });
  }

  // Builds the card for `site`. notice(kind, text) shows the page's toast. Returns {el,
  // refresh(), changed(), render(), stop()}: changed() after an announcement event,
  // refresh() when the stream (re)opens, render() after a language switch.
  A.AnnounceCard = function (site, notice) {
    let items = null, offset = null, stopped = false;
    let loading = null, again = false, timer = null;
    const busy = new Set();
    const path = (p) => `/api/v1/sites/${encodeURIComponent(site)}/announcements${p || ''}`;
    const list = A.h('div', { id: 'announce' });
    const open = A.h('button', { class: 'btn primary small', type: 'button', id: 'announce-open', 'data-i18n': 'annNew', onclick: () => form() });
    const el = A.h('section', { class: 'card announce-card', id: 'announce-card' },
      A.h('div', { class: 'announce-head' }, A.h('h2', { 'data-i18n': 'annTitle' }), open), list);

    // The site's UTC offset: the board names its time zone.
    async function siteOffset() {
      if (offset) return offset;
      const r = await A.api('GET', `/api/v1/sites/${encodeURIComponent(site)}/board`);
      offset = zoneOffset(r.data.time_zone);
      if (!offset) throw new A.ApiError(0, 'unknown_zone', 'time zone ' + r.data.time_zone);
      return offset;
    }

    // The site's local time as a datetime-local value ("YYYY-MM-DDTHH:MM").
    const localNow = () => new Date(A.serverNow() + offsetMinutes(offset) * 60000).toISOString().slice(0, 16);
    const toIso = (v) => (v.length === 16 ? v + ':00' : v) + offset;
    // "HH:MM" today, "DD/MM HH:MM" on another day (times as the server wrote them: site local).
    const when = (iso) => (iso.slice(0, 10) === localNow().slice(0, 10) ? '' : `${iso.slice(8, 10)}/${iso.slice(5, 7)} `) + A.fmtClock(iso);

    async function refresh() {
      if (loading) {
        again = true;
        return loading;
      }
      loading = (async () => {
        do {
          again = false;
          try {
            await siteOffset();
            items = (await A.api('GET', path())).data;
          } catch (e) {
            if (e.status !== 401 && !stopped) notice('error', plainError(e));
            return;
          }
          render();
        } while (again && !stopped);
      })();
      try {
        await loading;
      } finally {
        loading = null;
      }
    }

    function render() {
      if (stopped) return;
      open.disabled = !offset;
      if (!items) return;
      if (!items.length) return list.replaceChildren(A.h('p', { class: 'muted' }, A.t('annNone')));
      list.replaceChildren(A.h('ul', { class: 'announce-list' }, items.map((a) =>
        A.h('li', { dataset: { announcement: a.id, state: a.state } },
          A.h('div', { class: 'ann-text' },
            A.h('b', { lang: 'id' }, a.text.id),
            a.text.en && a.text.en !== a.text.id ? A.h('span', { class: 'muted', lang: 'en' }, a.text.en) : null),
          A.h('div', { class: 'ann-meta' },
            A.h('span', { class: 'badge ' + (a.state === 'live' ? 'serving' : 'idle') }, A.t('annState_' + a.state)),
            A.h('span', { class: 'num ann-when' }, `${when(a.starts_at)}–${when(a.ends_at)}`),
            A.h('button', { class: 'btn small danger', type: 'button', dataset: { action: 'remove' }, disabled: busy.has(a.id),
              onclick: () => remove(a) }, A.t('annRemove')))))));
    }

    async function remove(a) {
      if (busy.has(a.id)) return;
      busy.add(a.id);
      render();
      try {
        await A.api('POST', path(`/${encodeURIComponent(a.id)}/remove`));
        notice('ok', A.t('annRemoved'));
      } catch (e) {
        if (e.status !== 401) notice('error', plainError(e));
      } finally {
        busy.delete(a.id);
        await refresh();
      }
    }

    // The dialog posts itself and stays open with the reason when the server refuses, so
    // nothing typed is lost.
    async function form() {
      if (!offset) return;
      const posted = await A.dialog(A.t('annFormTitle'), (done) => {
        const field = (label, input) => A.h('label', {}, A.h('span', {}, A.t(label)), input);
        const textId = A.h('textarea', { id: 'ann-text-id', maxlength: 200, rows: 2, required: true, lang: 'id' });
        const textEn = A.h('textarea', { id: 'ann-text-en', maxlength: 200, rows: 2, lang: 'en' });
        const start = A.h('input', { id: 'ann-start', type: 'datetime-local', required: true });
        const end = A.h('input', { id: 'ann-end', type: 'datetime-local', required: true });
        start.value = localNow();
        const msg = A.h('p', { class: 'form-msg', id: 'ann-msg', role: 'alert' });
        const submit = A.h('button', { class: 'btn primary', type: 'submit', id: 'ann-submit' }, A.t('annSubmit'));
        const f = A.h('form', { class: 'announce-form', id: 'announce-form', novalidate: true },
          field('annTextId', textId), field('annTextEn', textEn),
          A.h('div', { class: 'ann-times' }, field('annStart', start), field('annEnd', end)),
          msg, A.h('div', { class: 'dlg-actions' }, submit));
        f.addEventListener('submit', async (ev) => {
          ev.preventDefault();
          const id = textId.value.trim(), en = textEn.value.trim();
          if (!id) return void (msg.textContent = A.t('annNeedText'));
          if (!end.value) return void (msg.textContent = A.t('annNeedEnd'));
          const body = { text: en ? { id, en } : { id }, ends_at: toIso(end.value) };
          if (start.value) body.starts_at = toIso(start.value);
          submit.disabled = true;
          msg.textContent = '';
          try {
            done((await A.api('POST', path(), body)).data);
          } catch (e) {
            if (e.status === 401) return done(null);
            msg.textContent = plainError(e);
            submit.disabled = false;
          }
        });
        return f;
      });
      if (!posted) return;
      notice('ok', A.t('annPosted'));
      await refresh();
    }

    return {
      el,
      refresh,
      render,
      changed() {
        clearTimeout(timer);
        timer = setTimeout(refresh, 30);
      },
      stop() {
        stopped = true;
        clearTimeout(timer);
      },
    };
  };
})();
