// The printing (cetak) and OPAK MANIS parts of the counter console: the booking details of
// the ticket being served (masked; the full record only on request, which the server logs),
// the blank-card stock, and the office-wide print backlog worked first in, first out.
'use strict';

(function () {
  const A = window.Antre;
  A.addTexts({
    id: {
      bookingTitle: 'Data booking OPAK MANIS',
      bkName: 'Nama',
      bkNik: 'NIK',
      bkPhone: 'Telepon',
      bkSlot: 'Jadwal',
      bkDelivery: 'Kartu',
      bkDeliver: 'Diantar ke rumah: Kel. {kel}, Kec. {kec}',
      bkPickup: 'Diambil di kantor',
      bkAddress: 'Alamat',
      bkOpenFull: 'Buka data lengkap',
      bkOpenNote: 'Akses data lengkap dicatat (petugas dan waktu).',
      bkFullNote: 'Data lengkap terbuka — akses ini sudah dicatat.',
      bkHideFull: 'Sembunyikan',
      bkLoading: 'Memuat data booking…',
      backlogTitle: 'Kartu menunggu cetak',
      stockLabel: 'Blangko',
      level_available: 'Tersedia',
      level_low: 'Menipis',
      level_empty: 'Habis',
      inBacklog: 'menunggu cetak',
      oldest: 'terlama {m}',
      backlogEmpty: 'Tidak ada kartu yang menunggu cetak.',
      backlogPrint: 'Cetak kartu berikutnya',
      whyNoStock: 'Blangko habis',
      whyNoBacklog: 'Tidak ada yang menunggu',
      printedFromBacklog: 'Kartu {n} dicetak dari daftar tunggu cetak (1 blangko terpakai).',
      errNoStock: 'Blangko habis: pilih "Belum dicetak (Surat Keterangan)".',
      errBacklogEmpty: 'Tidak ada lagi kartu yang menunggu cetak.',
    },
    en: {
      bookingTitle: 'OPAK MANIS booking',
      bkName: 'Name',
      bkNik: 'NIK',
      bkPhone: 'Phone',
      bkSlot: 'Slot',
      bkDelivery: 'Card',
      bkDeliver: 'Home delivery: Kel. {kel}, Kec. {kec}',
      bkPickup: 'Collected at the office',
      bkAddress: 'Address',
      bkOpenFull: 'Open full record',
      bkOpenNote: 'Opening the full record is logged (officer and time).',
      bkFullNote: 'Full record open — this access has been logged.',
      bkHideFull: 'Hide',
      bkLoading: 'Loading booking…',
      backlogTitle: 'Cards waiting to print',
      stockLabel: 'Blank cards',
      level_available: 'Available',
      level_low: 'Low',
      level_empty: 'Empty',
      inBacklog: 'waiting to print',
      oldest: 'oldest {m}',
      backlogEmpty: 'No cards are waiting to print.',
      backlogPrint: 'Print the next card',
      whyNoStock: 'No blank cards',
      whyNoBacklog: 'None waiting',
      printedFromBacklog: 'Card {n} printed from the waiting list (1 blank card used).',
      errNoStock: 'No blank cards: choose "Not printed (Surat Keterangan)".',
      errBacklogEmpty: 'No cards are waiting to print any more.',
    },
  });

  // The server does not publish its print_service setting; the demo office and the issue
  // call the printing service "cetak".
  const kPrintService = 'cetak';

  // Creates the console's print desk. host: {sitePath(p), notice(kind, text), refresh()}.
  A.PrintDesk = function (host) {
    let stock = null; // {level, count}; null when unknown
    let backlog = null; // {length, oldest_minutes, items}; null when unknown
    let booking = null; // {ticketId, data, full, error}
    let printing = false;

    const desk = {};

    desk.isPrintTicket = (t) => !!t && t.service === kPrintService;
    desk.servesPrint = (c) => c.services.indexOf(kPrintService) >= 0;
    // True when a printed outcome cannot be recorded for lack of blank cards.
    desk.noStock = () => !!stock && (stock.count === 0 || stock.level === 'empty');

    // Re-reads stock and backlog; failures leave the last known values.
    desk.load = async function () {
      const get = (p) => A.api('GET', host.sitePath(p)).then((r) => r.data).catch((e) => {
        if (e.status === 404) return null;
        throw e;
      });
      try {
        [stock, backlog] = await Promise.all([get('/stock'), get('/backlog')]);
      } catch (e) {
        // refresh() reports the connection problem from its own reads.
      }
    };

    desk.forget = () => {
      booking = null;
    };

    // ------------------------------------------------------------ booking panel

    function fetchBooking(t, full) {
      const path = host.sitePath(`/tickets/${encodeURIComponent(t.id)}/booking${full ? '?full=1' : ''}`);
      return A.api('GET', path).then((r) => r.data);
    }

    // Shows the booking of ticket t in el (hidden when t has none); loads it once per ticket.
    desk.renderBooking = function (el, t) {
      if (!t || !t.booking) {
        booking = null;
        el.classList.add('hidden');
        el.classList.remove('full');
        el.replaceChildren();
        return;
      }
      el.classList.remove('hidden');
      if (!booking || booking.ticketId !== t.id) {
        booking = { ticketId: t.id, data: null, full: null, error: null };
        const mine = booking;
        fetchBooking(t, false).then((d) => { mine.data = d; }, (e) => { mine.error = e; })
          .then(() => { if (booking === mine) desk.renderBooking(el, t); });
      }
      const head = A.h('h2', {}, A.t('bookingTitle'), ' ', A.h('span', { class: 'code', id: 'bk-code' }, t.booking));
      if (booking.error) {
        if (booking.error.status === 401) return;
        return el.replaceChildren(head, A.h('p', { class: 'notice error' }, A.t('error', { msg: booking.error.message })));
      }
      if (!booking.data) return el.replaceChildren(head, A.h('p', { class: 'muted' }, A.t('bkLoading')));
      const d = booking.full || booking.data;
      const row = (label, id, value) => [A.h('dt', {}, A.t(label)), A.h('dd', { id }, value)];
      const delivery = d.delivery
        ? A.t('bkDeliver', { kel: d.delivery.kelurahan, kec: d.delivery.kecamatan }) : A.t('bkPickup');
      const rows = [
        ...row('bkName', 'bk-name', d.name), ...row('bkSlot', 'bk-slot', A.fmtClock(d.slot_start)),
        ...row('bkNik', 'bk-nik', d.nik), ...row('bkPhone', 'bk-phone', d.phone),
        A.h('dt', {}, A.t('bkDelivery')), A.h('dd', { id: 'bk-delivery', class: 'wide' + (d.delivery ? ' deliver' : '') }, delivery),
      ];
      if (booking.full && d.delivery) {
        rows.push(A.h('dt', {}, A.t('bkAddress')),
          A.h('dd', { id: 'bk-address', class: 'wide' }, `${d.delivery.street || ''} ${d.delivery.house || ''}`.trim()));
      }
      const mine = booking;
      const foot = booking.full
        ? A.h('div', { class: 'bk-foot' }, A.h('span', { class: 'audit', id: 'bk-audit' }, A.t('bkFullNote')),
          A.h('button', { class: 'btn small', type: 'button', id: 'bk-hide-full', onclick: () => { mine.full = null; desk.renderBooking(el, t); } },
            A.t('bkHideFull')))
        : A.h('div', { class: 'bk-foot' },
          A.h('button', { class: 'btn small', type: 'button', id: 'bk-open-full', onclick: (ev) => {
            ev.currentTarget.disabled = true;
            fetchBooking(t, true).then((full) => { mine.full = full; }, (e) => {
              if (e.status !== 401) host.notice('error', A.t('error', { msg: e.message }));
            }).then(() => { if (booking === mine) desk.renderBooking(el, t); });
          } }, A.t('bkOpenFull')),
          A.h('span', { class: 'muted' }, A.t('bkOpenNote')));
      el.classList.toggle('full', !!booking.full);
      el.replaceChildren(head, A.h('dl', { class: 'bk' }, rows), foot);
    };

    // ------------------------------------------------------------ backlog panel

    // Shows stock and backlog in el when counter c serves printing; hidden otherwise.
    desk.renderBacklog = function (el, c) {
      if (!desk.servesPrint(c) || !backlog) {
        el.classList.add('hidden');
        return;
      }
      el.classList.remove('hidden');
      const level = stock ? stock.level : null;
      const stockLine = A.h('div', { class: 'stock-line' },
        A.h('span', {}, A.t('stockLabel')),
        A.h('b', { id: 'stock-count', class: 'num' }, stock && stock.count !== undefined ? stock.count : '–'),
        level ? A.h('span', { class: 'badge level-' + level, id: 'stock-level' }, A.t('level_' + level)) : null);
      const items = backlog.items || [];
      const list = items.length
        ? A.h('ol', { class: 'backlog-list', id: 'backlog-list' }, items.map((b) => A.h('li', { dataset: { number: b.number } },
          A.h('span', { class: 'pos num' }, b.position + '.'), A.h('b', {}, b.number),
          A.h('span', { class: 'code' }, b.booking || ''), A.h('span', { class: 'muted num' }, A.fmtClock(b.created_at)))))
        : A.h('p', { class: 'muted', id: 'backlog-list' }, A.t('backlogEmpty'));
      const why = desk.noStock() ? A.t('whyNoStock') : !items.length ? A.t('whyNoBacklog') : '';
      const button = A.h('button', {
        class: 'btn primary', type: 'button', id: 'backlog-print', disabled: printing || !!why, onclick: printNext,
      }, A.h('span', {}, A.t('backlogPrint')), why ? A.h('small', { class: 'why' }, why) : null);
      el.replaceChildren(
        A.h('div', { class: 'backlog-head' }, A.h('h2', {}, A.t('backlogTitle')), stockLine),
        A.h('div', { class: 'backlog-stats' },
          A.h('b', { id: 'backlog-length', class: 'num' }, backlog.length), A.h('span', {}, A.t('inBacklog')),
          backlog.length ? A.h('span', { class: 'muted', id: 'backlog-oldest' }, A.t('oldest', { m: A.fmtMinutes(backlog.oldest_minutes) })) : null),
        list, button);
    };

    async function printNext() {
      if (printing) return;
      printing = true;
      const btn = A.$('#backlog-print');
      if (btn) btn.disabled = true;
      try {
        const r = await A.api('POST', host.sitePath('/backlog/print'), undefined, { idem: A.randomKey() });
        host.notice('ok', A.t('printedFromBacklog', { n: r.data.number }));
      } catch (e) {
        if (e.status === 401) return;
        if (e.status === 409) host.notice('error', /empty/.test(e.detail || e.message) ? A.t('errBacklogEmpty') : A.t('errNoStock'));
        else if (e.status === 0) host.notice('', '');  // the badge says the server is unreachable
        else host.notice('error', A.t('error', { msg: e.message }));
      } finally {
        printing = false;
        await host.refresh();
      }
    }

    return desk;
  };
})();
