// Supervisor page, blank cards sent between sites: a button in the stock card opens a form that
// sends cards to another site (POST …/stock/transfers, one Idempotency-Key per send, so a retry
// moves them once), and the card lists the site's latest transfers in and out. The server
// refuses a site the account may not work at, and more cards than the site has.
'use strict';

(function () {
  const A = window.Antre;
  A.addTexts({
    id: {
      transferTitle: 'Kirim blangko ke lokasi lain',
      transferTo: 'Lokasi tujuan', transferCount: 'Jumlah blangko', transferReason: 'Keterangan (boleh kosong)',
      transferBtn: 'Kirim', transferNoSite: 'Tidak ada lokasi lain.',
      transferred: '{n} blangko dikirim ke {s}. Stok di sini sekarang {c}.',
      transfersTitle: 'Kiriman blangko terakhir', noTransfers: 'Belum ada kiriman blangko antarlokasi.',
      transferOut: '{n} ke {s}', transferIn: '{n} dari {s}',
    },
    en: {
      transferTitle: 'Send blank cards to another site',
      transferTo: 'Destination site', transferCount: 'Number of blank cards', transferReason: 'Note (optional)',
      transferBtn: 'Send', transferNoSite: 'There is no other site.',
      transferred: '{n} blank cards sent to {s}. Stock here is now {c}.',
      transfersTitle: 'Latest blank-card transfers', noTransfers: 'No blank cards moved between sites yet.',
      transferOut: '{n} to {s}', transferIn: '{n} from {s}',
    },
  });

  // env: { site() (the page's site id), sitePath(p), notice(kind, text), guarded(key, fn) }.
  window.AntreStockTransfers = function (env) {
    const button = A.h('button', { class: 'btn', type: 'button', id: 'stock-transfer-open', 'data-i18n': 'transferTitle',
      onclick: () => send() });
    const list = A.h('div', { class: 'transfers', id: 'stock-transfers' });
    let items = null; // null: not offered to this account (or not read yet)
    let names = {};

    async function load() {
      try {
        items = (await A.api('GET', env.sitePath('/stock/transfers'))).data;
      } catch (e) {
        items = null;
      }
      render();
    }

    function render() {
      if (!items) return list.replaceChildren();
      const rows = items.slice(0, 5).map((t) => {
        const out = t.kind === 'transfer_out';
        const other = out ? t.to : t.from;
        return A.h('li', { dataset: { kind: t.kind } },
          A.h('span', { class: 'num muted' }, A.fmtClock(t.at) ? t.at.slice(0, 10) + ' ' + A.fmtClock(t.at) : ''), ' ',
          A.h('b', {}, A.t(out ? 'transferOut' : 'transferIn', { n: t.count, s: names[other] || other })),
          t.reason ? A.h('span', { class: 'muted' }, ' — ' + t.reason) : null);
      });
      list.replaceChildren(A.h('h3', { class: 'sub' }, A.t('transfersTitle')),
        rows.length ? A.h('ul', { class: 'log' }, rows) : A.h('p', { class: 'muted' }, A.t('noTransfers')));
    }

    // Asks where to and how many (the dialog stays open until the input is valid), then sends.
    async function send() {
      let sites = [];
      try {
        sites = (await A.api('GET', '/api/v1/sites', undefined, { anonymous: true })).data;
      } catch (e) {
        return env.notice('error', A.t('error', { msg: e.message }));
      }
      for (const s of sites) names[s.id] = s.name;
      const others = sites.filter((s) => s.id !== env.site());
      const move = await A.dialog(A.t('transferTitle'), (done) => {
        const to = A.h('select', { id: 'transfer-to', required: true }, others.map((s) => A.h('option', { value: s.id }, s.name)));
        const count = A.h('input', { id: 'transfer-count', type: 'number', min: 1, max: 100000, step: 1, required: true, inputmode: 'numeric' });
        const reason = A.h('input', { id: 'transfer-reason', autocomplete: 'off', maxlength: 200 });
        const msg = A.h('p', { class: 'form-msg', id: 'transfer-msg', role: 'alert' }, others.length ? '' : A.t('transferNoSite'));
        const field = (label, input) => A.h('label', {}, A.h('span', {}, A.t(label)), input);
        const form = A.h('form', { class: 'stock-form', id: 'stock-transfer', novalidate: true },
          field('transferTo', to), field('transferCount', count), field('transferReason', reason), msg,
          A.h('div', { class: 'dlg-actions' },
            A.h('button', { class: 'btn primary', type: 'submit', id: 'transfer-submit', disabled: !others.length }, A.t('transferBtn'))));
        form.addEventListener('submit', (ev) => {
          ev.preventDefault();
          const n = Number(count.value);
          if (!Number.isInteger(n) || n < 1 || n > 100000) msg.textContent = A.t('badCount');
          else done({ to: to.value, count: n, reason: reason.value.trim() });
        });
        return form;
      });
      if (!move) return;
      const key = A.randomKey();
      await env.guarded('stock', async () => {
        const r = await A.api('POST', env.sitePath('/stock/transfers'), move, { idem: key });
        env.notice('ok', A.t('transferred', { n: move.count, s: names[move.to] || move.to, c: r.data.from_count }));
      });
      await load();
    }

    return { button, list, load, render };
  };
})();
