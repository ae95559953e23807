// Admin page, "Notifikasi" and "Audit" tabs: the webhook delivery log of a site, and who did
// what (logins, counter actions, stock, cancellations, views of personal data) filtered by user
// and date. Both are read-only tables with a refresh; neither shows personal data.
'use strict';

(function () {
  const A = window.Antre;
  A.addTexts({
    id: {
      ntTitle: 'Log notifikasi SMS/WhatsApp', refresh: 'Muat ulang', ntEmpty: 'Belum ada notifikasi.',
      ntKind: 'Jenis', ntStatus: 'Status', ntAttempts: 'Percobaan', ntNext: 'Coba lagi', ntError: 'Kesalahan terakhir',
      ntCreated: 'Dibuat', ntSent: 'Terkirim', ntUpdated: 'Diperbarui {t}.',
      'kind_booking.created': 'Booking dibuat', 'kind_booking.reminder': 'Pengingat H-1', 'kind_ticket.almost_called': 'Hampir dipanggil',
      nst_pending: 'Menunggu', nst_sent: 'Terkirim', nst_failed: 'Gagal',
      auTitle: 'Log audit', auUser: 'Pengguna', auAllUsers: 'Semua pengguna', auFrom: 'Dari tanggal', auTo: 'Sampai tanggal',
      auShow: 'Tampilkan', auMore: 'Muat lebih banyak', auEmpty: 'Tidak ada catatan untuk pilihan ini.',
      auAt: 'Waktu', auAction: 'Tindakan', auTarget: 'Sasaran', auDetail: 'Keterangan', auCount: '{n} catatan ditampilkan.',
      auBadDate: 'Tanggal "dari" tidak boleh setelah tanggal "sampai".',
      act_login: 'Masuk', 'act_ticket.called': 'Memanggil', 'act_ticket.recalled': 'Memanggil ulang', 'act_ticket.done': 'Selesai melayani',
      'act_ticket.no_show': 'Tidak hadir', 'act_ticket.transferred': 'Mengalihkan ke layanan lain', 'act_counter.paused': 'Istirahat',
      'act_counter.resumed': 'Lanjut melayani', 'act_ticket.cancel': 'Membatalkan tiket', 'act_ticket.move': 'Memindahkan tiket',
      'act_user.create': 'Membuat pengguna', 'act_user.update': 'Mengubah pengguna', 'act_counter.update': 'Mengubah loket',
      'act_service.update': 'Mengubah layanan', 'act_booking.rules': 'Mengubah aturan booking',
      'act_booking.view': 'Melihat data pribadi booking', 'act_announcement.create': 'Membuat pengumuman',
      'act_announcement.remove': 'Menurunkan pengumuman', act_stock: 'Stok blangko: {k}', act_delivery: 'Pengantaran: {k}',
    },
    en: {
      ntTitle: 'SMS/WhatsApp notification log', refresh: 'Refresh', ntEmpty: 'No notifications yet.',
      ntKind: 'Kind', ntStatus: 'Status', ntAttempts: 'Attempts', ntNext: 'Next attempt', ntError: 'Last error',
      ntCreated: 'Created', ntSent: 'Sent', ntUpdated: 'Updated {t}.',
      'kind_booking.created': 'Booking made', 'kind_booking.reminder': 'Day-before reminder', 'kind_ticket.almost_called': 'Almost called',
      nst_pending: 'Pending', nst_sent: 'Sent', nst_failed: 'Failed',
      auTitle: 'Audit log', auUser: 'User', auAllUsers: 'All users', auFrom: 'From date', auTo: 'To date',
      auShow: 'Show', auMore: 'Load more', auEmpty: 'Nothing recorded for this choice.',
      auAt: 'Time', auAction: 'Action', auTarget: 'Target', auDetail: 'Detail', auCount: '{n} entries shown.',
      auBadDate: 'The "from" date must not be after the "to" date.',
      act_login: 'Signed in', 'act_ticket.called': 'Called', 'act_ticket.recalled': 'Recalled', 'act_ticket.done': 'Finished',
      'act_ticket.no_show': 'No-show', 'act_ticket.transferred': 'Transferred to another service', 'act_counter.paused': 'Paused',
      'act_counter.resumed': 'Resumed', 'act_ticket.cancel': 'Cancelled a ticket', 'act_ticket.move': 'Moved a ticket',
      'act_user.create': 'Created a user', 'act_user.update': 'Changed a user', 'act_counter.update': 'Changed a counter',
      'act_service.update': 'Changed a service', 'act_booking.rules': 'Changed the booking rules',
      'act_booking.view': 'Viewed booking personal data', 'act_announcement.create': 'Created an announcement',
      'act_announcement.remove': 'Took down an announcement', act_stock: 'Blank-card stock: {k}', act_delivery: 'Delivery: {k}',
    },
  });

  // "2026-11-28T08:05:09+07:00" -> "28-11-2026 08:05:09" (the office's local time).
  const fmtTime = (iso) => (iso ? `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)} ${iso.slice(11, 19)}` : '–');
  const known = (key, fallback) => (A.t(key) === key ? fallback : A.t(key));

  window.AntreAdminNotifications = function (env) {
    let items = null, at = '';
    const root = A.h('section', { class: 'card', id: 'notifications-card' });
    const status = A.h('span', { class: 'muted', id: 'nt-updated', role: 'status' });

    async function load(button) {
      if (button) button.disabled = true;
      try {
        items = (await A.api('GET', env.sitePath('/notifications'))).data;
        at = new Date().toTimeString().slice(0, 8);
        render();
      } catch (e) {
        env.failed(e);
      } finally {
        if (button) button.disabled = false;
      }
    }

    function render() {
      const refresh = A.h('button', { class: 'btn small', type: 'button', id: 'nt-refresh' }, A.t('refresh'));
      refresh.addEventListener('click', () => load(refresh));
      status.textContent = items ? A.t('ntUpdated', { t: at }) : '';
      const head = A.h('div', { class: 'card-head' }, A.h('h2', {}, A.t('ntTitle')), A.h('span', { class: 'spacer' }), status, refresh);
      if (!items) return root.replaceChildren(head);
      const rows = items.map((n) => A.h('tr', { dataset: { id: String(n.id), status: n.status } },
        A.h('td', {}, known('kind_' + n.kind, n.kind)),
        A.h('td', {}, A.h('span', { class: 'badge st-' + n.status }, known('nst_' + n.status, n.status))),
        A.h('td', { class: 'r num' }, String(n.attempts)),
        A.h('td', { class: 'num nowrap' }, n.status === 'pending' ? fmtTime(n.next_at) : '–'),
        A.h('td', { class: 'err' }, n.last_error || '–'),
        A.h('td', { class: 'num nowrap' }, fmtTime(n.created_at)),
        A.h('td', { class: 'num nowrap' }, fmtTime(n.sent_at))));
      root.replaceChildren(head, items.length
        ? A.h('div', { class: 'scroll-x' }, A.h('table', { class: 'grid', id: 'nt-table' },
          A.h('thead', {}, A.h('tr', {}, ['ntKind', 'ntStatus', 'ntAttempts', 'ntNext', 'ntError', 'ntCreated', 'ntSent'].map((k) =>
            A.h('th', { class: k === 'ntAttempts' ? 'r' : '' }, A.t(k))))),
          A.h('tbody', {}, rows)))
        : A.h('p', { class: 'muted', id: 'nt-empty' }, A.t('ntEmpty')));
    }

    render();
    return { element: root, show: () => load(), relabel: render };
  };

  window.AntreAdminAudit = function (env) {
    let entries = null, next = null;
    const filter = { user: '', from: '', to: '' };
    const root = A.h('section', { class: 'card', id: 'audit-card' });
    const msg = A.h('p', { class: 'form-msg', id: 'audit-msg', role: 'alert' });

    function query(before) {
      const q = new URLSearchParams();
      for (const k of ['user', 'from', 'to']) if (filter[k]) q.set(k, filter[k]);
      q.set('limit', '100');
      if (before) q.set('before', before);
      return '/api/v1/admin/audit?' + q.toString();
    }

    async function load(more, button) {
      msg.textContent = '';
      if (filter.from && filter.to && filter.from > filter.to) {
        msg.textContent = A.t('auBadDate');
        return;
      }
      if (button) button.disabled = true;
      try {
        const r = (await A.api('GET', query(more ? next : null))).data;
        entries = more ? entries.concat(r.entries) : r.entries;
        next = r.next;
        render();
      } catch (e) {
        if (e.status === 400) msg.textContent = A.t('error', { msg: e.message });
        else env.failed(e);
      } finally {
        if (button) button.disabled = false;
      }
    }

    function actionText(a) {
      if (a.startsWith('stock.')) return A.t('act_stock', { k: a.slice(6) });
      if (a.startsWith('delivery.')) return A.t('act_delivery', { k: a.slice(9) });
      return known('act_' + a, a);
    }

    function render() {
      const users = (env.data().users || []).map((u) => u.username);
      if (filter.user && users.indexOf(filter.user) < 0) users.push(filter.user);
      const user = A.h('select', { id: 'au-user' }, A.h('option', { value: '' }, A.t('auAllUsers')),
        users.map((u) => A.h('option', { value: u, selected: u === filter.user }, u)));
      const from = A.h('input', { type: 'date', id: 'au-from', value: filter.from });
      const to = A.h('input', { type: 'date', id: 'au-to', value: filter.to });
      const show = A.h('button', { class: 'btn primary', type: 'submit', id: 'au-show' }, A.t('auShow'));
      const form = A.h('form', { class: 'row filters', id: 'audit-filter' },
        A.h('label', {}, A.h('span', {}, A.t('auUser')), user), A.h('label', {}, A.h('span', {}, A.t('auFrom')), from),
        A.h('label', {}, A.h('span', {}, A.t('auTo')), to), show);
      form.addEventListener('submit', (ev) => {
        ev.preventDefault();
        Object.assign(filter, { user: user.value, from: from.value, to: to.value });
        load(false, show);
      });
      const parts = [A.h('h2', {}, A.t('auTitle')), form, msg];
      if (entries) {
        parts.push(A.h('p', { class: 'muted', id: 'au-count' }, A.t('auCount', { n: entries.length })));
        if (entries.length) {
          const rows = entries.map((e) => A.h('tr', { dataset: { user: e.user, action: e.action } },
            A.h('td', { class: 'num nowrap' }, fmtTime(e.at)), A.h('td', {}, A.h('b', {}, e.user)),
            A.h('td', {}, actionText(e.action)), A.h('td', { class: 'num' }, e.target || '–'), A.h('td', { class: 'detail' }, e.detail || '–')));
          parts.push(A.h('div', { class: 'scroll-x' }, A.h('table', { class: 'grid', id: 'au-table' },
            A.h('thead', {}, A.h('tr', {}, ['auAt', 'auUser', 'auAction', 'auTarget', 'auDetail'].map((k) => A.h('th', {}, A.t(k))))),
            A.h('tbody', {}, rows))));
        } else {
          parts.push(A.h('p', { class: 'muted', id: 'au-empty' }, A.t('auEmpty')));
        }
        if (next) {
          const more = A.h('button', { class: 'btn', type: 'button', id: 'au-more' }, A.t('auMore'));
          more.addEventListener('click', () => load(true, more));
          parts.push(A.h('div', { class: 'more-row' }, more));
        }
      }
      root.replaceChildren(...parts);
    }

    render();
    return {
      element: root,
      show: () => load(false),
      relabel: render,
      // The user list arrived or changed: refresh the filter's choices.
      setData: () => { if (!root.contains(document.activeElement)) render(); },
    };
  };
})();
