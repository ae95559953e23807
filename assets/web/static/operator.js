// Operator page (/operator): kelurahan and kecamatan staff book a slot on a resident's behalf
// (phone optional) and print a slip with the code, its QR, the check-in window and the
// documents to bring. The server records the booking as channel "operator".
'use strict';

(function () {
  const A = window.Antre;
  A.addTexts({
    id: {
      pageTitle: 'Booking untuk Warga',
      loginTitleOp: 'Masuk operator kelurahan',
      serviceLabel: 'Layanan',
      dayLabel: 'Hari',
      slotLabel: 'Jam',
      noSlots: 'Tidak ada jam kosong pada hari ini.',
      left: 'sisa {n}',
      nikLabel: 'NIK (16 digit)',
      nameLabel: 'Nama warga',
      phoneLabel: 'No. HP (boleh kosong)',
      book: 'Booking',
      booking: 'Menyimpan…',
      chooseSlot: 'Pilih jam terlebih dahulu.',
      slipTitle: 'Bukti Booking — Disdukcapil Kota Serang',
      slipCode: 'Kode booking',
      slipWindow: 'Datang (check-in) antara {a} dan {b}',
      slipDocs: 'Dokumen yang dibawa',
      slipFree: 'Layanan GRATIS — jangan gunakan calo',
      printA6: 'Cetak (A6)',
      print58: 'Cetak 58 mm',
      again: 'Booking warga lain',
      err_limit_reached: 'Batas booking harian operator tercapai.',
      err_already_booked: 'NIK ini sudah punya booking untuk layanan ini.',
      err_slot_full: 'Jam ini sudah penuh; pilih jam lain.',
      findTitle: 'Cari, cetak ulang atau batalkan booking',
      codeLabel: 'Kode booking',
      find: 'Cari',
      notFound: 'Tidak ada booking dengan kode dan NIK ini.',
      cancelBooking: 'Batalkan booking',
      cancelled: 'Booking {c} sudah dibatalkan.',
      status_booked: 'Aktif', status_checked_in: 'Sudah check-in', status_cancelled: 'Dibatalkan', status_no_show: 'Tidak hadir',
    },
    en: {
      pageTitle: 'Booking for Residents',
      loginTitleOp: 'Kelurahan operator sign-in',
      serviceLabel: 'Service',
      dayLabel: 'Day',
      slotLabel: 'Time',
      noSlots: 'No free times on this day.',
      left: '{n} left',
      nikLabel: 'NIK (16 digits)',
      nameLabel: "Resident's name",
      phoneLabel: 'Phone (optional)',
      book: 'Book',
      booking: 'Saving…',
      chooseSlot: 'Choose a time first.',
      slipTitle: 'Booking Slip — Disdukcapil Kota Serang',
      slipCode: 'Booking code',
      slipWindow: 'Check in between {a} and {b}',
      slipDocs: 'Documents to bring',
      slipFree: 'Layanan GRATIS — jangan gunakan calo (the service is FREE — do not use brokers)',
      printA6: 'Print (A6)',
      print58: 'Print 58 mm',
      again: 'Book for another resident',
      err_limit_reached: 'The operator daily booking limit is reached.',
      err_already_booked: 'This NIK already has a booking for this service.',
      err_slot_full: 'This time is full; choose another.',
      findTitle: 'Find, reprint or cancel a booking',
      codeLabel: 'Booking code',
      find: 'Find',
      notFound: 'No booking with this code and NIK.',
      cancelBooking: 'Cancel booking',
      cancelled: 'Booking {c} is cancelled.',
      status_booked: 'Active', status_checked_in: 'Checked in', status_cancelled: 'Cancelled', status_no_show: 'No-show',
    },
  });
  const h = A.h;

  // "2026-11-30T09:00:00+07:00" -> "Sen 30-11 09:00" style pieces, read from the server's text.
  const dayOf = (iso) => iso.slice(0, 10);

  function start(ctx) {
    const { site, main } = ctx;
    const service = h('select', { id: 'op-service' });
    const day = h('select', { id: 'op-day' });
    const slots = h('div', { class: 'op-slots', id: 'op-slots' });
    const nik = h('input', { id: 'op-nik', inputmode: 'numeric', maxlength: '16', autocomplete: 'off' });
    const name = h('input', { id: 'op-name', autocomplete: 'off', maxlength: '100' });
    const phone = h('input', { id: 'op-phone', inputmode: 'tel', autocomplete: 'off' });
    const msg = h('p', { class: 'op-msg', id: 'op-msg', role: 'alert' });
    const btn = h('button', { class: 'btn primary', type: 'submit', id: 'op-book', 'data-i18n': 'book' });
    let chosen = null;
    let byDay = {};
    let services = {};

    const form = h('form', { class: 'op-form card', id: 'op-form' },
      h('label', {}, h('span', { 'data-i18n': 'serviceLabel' }), service),
      h('label', {}, h('span', { 'data-i18n': 'dayLabel' }), day),
      h('div', {}, h('span', { 'data-i18n': 'slotLabel' }), slots),
      h('label', {}, h('span', { 'data-i18n': 'nikLabel' }), nik),
      h('label', {}, h('span', { 'data-i18n': 'nameLabel' }), name),
      h('label', {}, h('span', { 'data-i18n': 'phoneLabel' }), phone),
      msg, btn);
    const slipBox = h('div', { id: 'slip-box' });
    // Look-up by code and NIK (the public routes): reprint a slip or cancel for the resident.
    const findCode = h('input', { id: 'find-code', autocomplete: 'off', maxlength: '12' });
    const findNik = h('input', { id: 'find-nik', inputmode: 'numeric', maxlength: '16', autocomplete: 'off' });
    const findMsg = h('p', { class: 'op-msg', id: 'find-msg', role: 'alert' });
    const findForm = h('form', { class: 'op-form card', id: 'find-form' },
      h('h2', { 'data-i18n': 'findTitle' }),
      h('label', {}, h('span', { 'data-i18n': 'codeLabel' }), findCode),
      h('label', {}, h('span', { 'data-i18n': 'nikLabel' }), findNik),
      findMsg, h('button', { class: 'btn', type: 'submit', id: 'find-btn', 'data-i18n': 'find' }));
    findForm.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      findMsg.className = 'op-msg error';
      const code = findCode.value.trim().toUpperCase().replace(/[^A-Z0-9]/g, '');
      try {
        const r = await A.api('GET', '/api/v1/bookings/' + encodeURIComponent(code) + '?nik=' + encodeURIComponent(findNik.value.trim()));
        findMsg.textContent = '';
        form.hidden = true;
        findForm.hidden = true;
        showSlip(r.data, findNik.value.trim());
      } catch (e) {
        findMsg.textContent = e.status === 404 ? A.t('notFound') : e.message;
      }
    });
    main.replaceChildren(form, slipBox, findForm);
    A.applyTexts(main);

    const showSlots = () => {
      chosen = null;
      const list = byDay[day.value] || [];
      slots.replaceChildren(...list.map((s) => {
        const b = h('button', { type: 'button', class: 'btn', disabled: s.remaining <= 0 },
          A.fmtClock(s.start) + ' (' + A.t('left', { n: s.remaining }) + ')');
        b.addEventListener('click', () => {
          chosen = s.start;
          slots.querySelectorAll('button').forEach((x) => x.classList.remove('on'));
          b.classList.add('on');
        });
        return b;
      }));
      if (!list.length) slots.append(h('p', {}, A.t('noSlots')));
    };
    const loadSlots = async () => {
      const r = await A.api('GET', '/api/v1/sites/' + site + '/slots?service=' + encodeURIComponent(service.value));
      byDay = {};
      for (const s of r.data) (byDay[dayOf(s.start)] = byDay[dayOf(s.start)] || []).push(s);
      const days = Object.keys(byDay).sort();
      day.replaceChildren(...days.map((d) => h('option', { value: d }, d)));
      showSlots();
    };
    service.addEventListener('change', () => loadSlots().catch((e) => (msg.textContent = e.message)));
    day.addEventListener('change', showSlots);

    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      msg.className = 'op-msg error';
      if (!chosen) return (msg.textContent = A.t('chooseSlot'));
      btn.disabled = true;
      btn.textContent = A.t('booking');
      const body = { nik: nik.value.trim(), name: name.value.trim(), service: service.value, slot_start: chosen };
      if (phone.value.trim()) body.phone = phone.value.trim();
      try {
        const r = await A.api('POST', '/api/v1/sites/' + site + '/bookings', body);
        msg.textContent = '';
        form.hidden = true;
        findForm.hidden = true;
        showSlip(r.data);
      } catch (e) {
        const key = 'err_' + e.code;
        msg.textContent = A.t(key) !== key ? A.t(key) : e.message;
      } finally {
        btn.disabled = false;
        btn.textContent = A.t('book');
      }
    });

    // The slip of booking b; with the resident's NIK an active booking may also be cancelled.
    const showSlip = (b, nikForCancel) => {
      const docs = (b.documents && (b.documents[A.lang] || b.documents.id)) || [];
      const qr = h('div', { class: 'qr', id: 'slip-qr', 'aria-label': 'QR ' + b.code });
      qr.innerHTML = window.QR.svg(b.code); // markup from our own encoder, never user HTML
      const when = b.slot_start.slice(0, 10) + ' ' + A.fmtClock(b.slot_start) + '–' + A.fmtClock(b.slot_end);
      const slip = h('section', { class: 'slip', id: 'slip' },
        h('h2', {}, A.t('slipTitle')),
        h('p', {}, A.serviceName(services[b.service] || { id: b.service }) + ' · ' + when),
        // Where to come: the office and its address, as the server names them.
        b.site_name ? h('p', { id: 'slip-site' }, h('b', {}, b.site_name), b.site_address ? h('br') : '', b.site_address || '') : '',
        b.status !== 'booked' ? h('p', { id: 'slip-status' }, h('b', {}, A.t('status_' + b.status))) : '',
        h('p', {}, A.t('slipCode'), h('br'), h('span', { class: 'code', id: 'slip-code' }, b.code)),
        b.status === 'booked' ? qr : '',
        h('p', { id: 'slip-window' }, A.t('slipWindow', {
          a: A.fmtClock(b.check_in ? b.check_in.from : b.slot_start),
          b: A.fmtClock(b.check_in ? b.check_in.until : b.slot_end),
        })),
        docs.length ? h('div', {}, h('b', {}, A.t('slipDocs')), h('ul', { id: 'slip-docs' }, ...docs.map((d) => h('li', {}, d)))) : '',
        h('p', { class: 'free', id: 'slip-free' }, A.t('slipFree')));
      const printA6 = h('button', { class: 'btn primary', type: 'button', id: 'print-a6' }, A.t('printA6'));
      const print58 = h('button', { class: 'btn', type: 'button', id: 'print-58' }, A.t('print58'));
      const again = h('button', { class: 'btn', type: 'button', id: 'again' }, A.t('again'));
      printA6.addEventListener('click', () => { document.body.classList.remove('print-58'); window.print(); });
      print58.addEventListener('click', () => { document.body.classList.add('print-58'); window.print(); });
      again.addEventListener('click', () => {
        slipBox.replaceChildren();
        nik.value = name.value = phone.value = findCode.value = findNik.value = '';
        form.hidden = false;
        findForm.hidden = false;
        loadSlots().catch((e) => (msg.textContent = e.message));
      });
      const actions = h('div', { class: 'slip-actions' }, printA6, print58, again);
      if (nikForCancel && b.status === 'booked') {
        const cancel = h('button', { class: 'btn danger', type: 'button', id: 'cancel-booking' }, A.t('cancelBooking'));
        cancel.addEventListener('click', async () => {
          try {
            const r = await A.api('POST', '/api/v1/bookings/' + encodeURIComponent(b.code) + '/cancel', { nik: nikForCancel });
            showSlip(r.data, nikForCancel);
            slipBox.prepend(h('p', { class: 'op-msg', id: 'cancel-msg', role: 'status' }, A.t('cancelled', { c: b.code })));
          } catch (e) {
            slipBox.prepend(h('p', { class: 'op-msg error', role: 'alert' }, e.message));
          }
        });
        actions.append(cancel);
      }
      // A cancelled booking gets no printable slip: the kiosk would refuse its code.
      if (b.status !== 'booked') [printA6, print58].forEach((x) => x.remove());
      slipBox.replaceChildren(slip, actions);
    };

    A.api('GET', '/api/v1/sites/' + site + '/services')
      .then((r) => {
        const list = Array.isArray(r.data) ? r.data : r.data.services || [];
        for (const s of list) services[s.id] = s;
        service.replaceChildren(...list.map((s) => h('option', { value: s.id }, A.serviceName(s))));
        return loadSlots();
      })
      .catch((e) => (msg.textContent = e.message));
  }

  A.boot({ roles: ['operator'], loginTitleKey: 'loginTitleOp', start });
})();
