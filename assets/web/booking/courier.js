// The courier's page: sign in as staff, see the cards to deliver grouped by kecamatan and
// kelurahan, and mark each one out for delivery, delivered (receiver's name) or failed
// (reason), then retry or hand it over for pickup at the office.
'use strict';

(function () {
  const site = new URLSearchParams(location.search).get('site') || 'serang';
  const kSession = 'antre.courier';
  const $ = (sel) => document.querySelector(sel);
  const TEXT = {
    id: {
      title: 'Kurir OPAK MANIS', office: 'Disdukcapil Kota Serang', lang: 'English', logout: 'Keluar',
      login_title: 'Masuk petugas', username: 'Nama pengguna', password: 'Kata sandi', login: 'Masuk',
      wrong_login: 'Nama pengguna atau kata sandi salah.', expired: 'Sesi berakhir. Silakan masuk lagi.',
      forbidden: 'Akun ini tidak boleh membuka halaman kurir.', refresh: 'Perbarui', loading: 'Memuat…',
      empty: 'Tidak ada kartu yang perlu diantar.', cards: '{n} kartu',
      st_pending: 'Menunggu diantar', st_out: 'Sedang diantar', st_failed: 'Gagal diantar',
      out: 'Bawa untuk diantar', delivered: 'Sudah diterima', failed: 'Gagal', retry: 'Antar ulang',
      pickup: 'Ambil di kantor', receiver: 'Nama penerima', reason: 'Alasan gagal', save: 'Simpan', cancel: 'Batal',
      need_receiver: 'Isi nama penerima kartu.', need_reason: 'Isi alasan pengantaran gagal.',
      done_out: 'Kartu {code} dibawa untuk diantar.', done_delivered: 'Kartu {code} diterima oleh {who}.',
      done_failed: 'Pengantaran {code} dicatat gagal.', done_retry: 'Kartu {code} masuk daftar antar lagi.',
      done_pickup: 'Kartu {code} dialihkan: diambil di kantor.',
      conflict: 'Status kartu ini sudah berubah. Daftar diperbarui.', network: 'Server tidak dapat dihubungi. Coba lagi.',
      error: 'Gagal menyimpan. Coba lagi.', last_reason: 'Alasan: {r}', updated: 'diperbarui {t}',
    },
    en: {
      title: 'OPAK MANIS Courier', office: 'Civil Registry Office, Kota Serang', lang: 'Bahasa Indonesia',
      logout: 'Sign out', login_title: 'Staff sign-in', username: 'Username', password: 'Password', login: 'Sign in',
      wrong_login: 'Wrong username or password.', expired: 'Your session has ended. Please sign in again.',
      forbidden: 'This account may not open the courier page.', refresh: 'Refresh', loading: 'Loading…',
      empty: 'No cards to deliver.', cards: '{n} cards',
      st_pending: 'Waiting for delivery', st_out: 'Out for delivery', st_failed: 'Delivery failed',
      out: 'Take out for delivery', delivered: 'Delivered', failed: 'Failed', retry: 'Deliver again',
      pickup: 'Pickup at office', receiver: 'Receiver\'s name', reason: 'Why it failed', save: 'Save', cancel: 'Cancel',
      need_receiver: 'Enter the name of the person who received the card.', need_reason: 'Enter why delivery failed.',
      done_out: 'Card {code} is out for delivery.', done_delivered: 'Card {code} received by {who}.',
      done_failed: 'Delivery of {code} recorded as failed.', done_retry: 'Card {code} is back on the delivery list.',
      done_pickup: 'Card {code} moved to pickup at the office.',
      conflict: 'This card\'s status has changed. The list was refreshed.', network: 'Cannot reach the server. Try again.',
      error: 'Could not save. Try again.', last_reason: 'Reason: {r}', updated: 'updated {t}',
    },
  };

  let lang = localStorage.getItem('antre.lang') === 'en' ? 'en' : 'id';
  const t = (key, vars) => String(TEXT[lang][key] || TEXT.id[key] || key)
    .replace(/\{(\w+)\}/g, (m, k) => (vars && vars[k] !== undefined ? String(vars[k]) : m));

  function h(tag, attrs, ...kids) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else if (k === 'class') el.className = v;
      else if (v === true) el.setAttribute(k, '');
      else el.setAttribute(k, v);
    }
    for (const c of kids.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }

  const S = { user: '', session: null, items: null, error: null, notice: null, open: null, text: '', busy: false };
  try {
    S.session = JSON.parse(localStorage.getItem(kSession) || 'null');
  } catch (e) {
    S.session = null;
  }

  async function api(method, path, body) {
    const headers = {};
    if (body) headers['Content-Type'] = 'application/json';
    if (S.session) headers.Authorization = 'Bearer ' + S.session.token;
    try {
      const res = await fetch(path, { method, headers, body: body ? JSON.stringify(body) : undefined });
      let data = null;
      try {
        data = await res.json();
      } catch (e) {
        data = null;
      }
      if (res.status === 401 && S.session) signOut('expired');
      return { ok: res.ok, status: res.status, body: data };
    } catch (e) {
      return { ok: false, status: 0, body: null };
    }
  }

  function signOut(reason) {
    if (S.session) api('POST', '/api/v1/auth/logout', {});
    S.session = null;
    S.items = null;
    localStorage.removeItem(kSession);
    S.error = reason || null;
    render();
  }

  async function signIn(ev) {
    ev.preventDefault();
    S.user = $('#login-user').value.trim();
    const password = $('#login-pass').value;
    S.busy = true;
    render();
    const r = await api('POST', '/api/v1/auth/login', { username: S.user, password });
    S.busy = false;
    if (!r.ok) {
      S.error = r.status === 0 ? 'network' : 'wrong_login';
      return render();
    }
    S.session = { token: r.body.token, username: r.body.username };
    localStorage.setItem(kSession, JSON.stringify(S.session));
    S.error = null;
    load();
  }

  async function load() {
    const r = await api('GET', `/api/v1/sites/${site}/deliveries`);
    if (!S.session) return;
    if (r.ok && Array.isArray(r.body)) {
      S.items = r.body;
    } else {
      S.error = r.status === 403 ? 'forbidden' : r.status === 0 ? 'network' : 'error';
    }
    render();
  }

  async function act(item, action) {
    let body = {};
    if (action === 'delivered' || action === 'failed') {
      const text = S.text.trim();
      if (!text) {
        S.notice = null;
        S.error = action === 'delivered' ? 'need_receiver' : 'need_reason';
        return render();
      }
      body = action === 'delivered' ? { receiver: text } : { reason: text };
    }
    S.busy = true;
    render();
    const r = await api('POST', `/api/v1/sites/${site}/deliveries/${item.id}/${action}`, body);
    S.busy = false;
    if (r.ok) {
      S.notice = t('done_' + action, { code: item.booking, who: S.text.trim() });
      S.error = null;
      S.open = null;
      S.text = '';
    } else {
      S.notice = null;
      S.error = r.status === 409 ? 'conflict' : r.status === 0 ? 'network' : r.status === 400 && action === 'delivered'
        ? 'need_receiver' : r.status === 400 && action === 'failed' ? 'need_reason' : 'error';
    }
    await load();
  }

  function itemView(d) {
    const open = S.open && S.open.id === d.id ? S.open.action : null;
    const btn = (action, cls) => h('button', { class: 'btn ' + (cls || ''), type: 'button', 'data-action': action,
      disabled: S.busy, onclick: () => {
        if (action === 'delivered' || action === 'failed') {
          S.open = { id: d.id, action };
          S.text = '';
          S.error = null;
          return render();
        }
        act(d, action);
      } }, t(action));
    let actions;
    if (open) {
      const label = open === 'delivered' ? 'receiver' : 'reason';
      actions = [h('div', { class: 'field' }, h('label', { for: 'text-' + d.id }, t(label)),
        h('input', { id: 'text-' + d.id, class: 'act-text', maxlength: 100, value: S.text,
          oninput: (ev) => { S.text = ev.target.value; } })),
      h('div', { class: 'row' }, h('button', { class: 'btn ghost', type: 'button', onclick: () => {
        S.open = null;
        render();
      } }, t('cancel')), h('button', { class: 'btn primary', type: 'button', 'data-action': 'save', disabled: S.busy,
        onclick: () => act(d, open) }, t('save')))];
    } else if (d.status === 'pending') {
      actions = h('div', { class: 'row' }, btn('out', 'primary'), btn('pickup'));
    } else if (d.status === 'out') {
      actions = h('div', { class: 'row' }, btn('delivered', 'primary'), btn('failed', 'danger'));
    } else if (d.status === 'failed') {
      actions = h('div', { class: 'row' }, btn('retry', 'primary'), btn('pickup'));
    }
    return h('div', { class: 'item ' + d.status, 'data-id': d.id, 'data-booking': d.booking },
      h('p', null, h('b', null, d.name), ' · ', d.booking),
      h('p', null, `${d.street} ${d.house}`.trim()),
      h('p', { class: 'st' }, h('b', null, t('st_' + d.status)), ' · ', t('updated', { t: (d.updated_at || '').slice(11,
        16) })),
      d.status === 'failed' && d.reason ? h('p', null, t('last_reason', { r: d.reason })) : null,
      actions);
  }

  function listView() {
    if (!S.items) return h('p', { class: 'note' }, t('loading'));
    if (!S.items.length) return h('p', { class: 'note', id: 'empty' }, t('empty'));
    const out = [];
    let kec = null;
    let kel = null;
    for (const d of S.items) {
      if (d.kecamatan !== kec) {
        kec = d.kecamatan;
        kel = null;
        const n = S.items.filter((x) => x.kecamatan === kec).length;
        out.push(h('h2', { class: 'group', 'data-kecamatan': kec }, 'Kec. ' + kec, ' ', h('small', null,
          '(' + t('cards', { n }) + ')')));
      }
      if (d.kelurahan !== kel) {
        kel = d.kelurahan;
        out.push(h('h3', { 'data-kelurahan': kel }, 'Kel. ' + kel));
      }
      out.push(itemView(d));
    }
    return out;
  }

  function render() {
    document.documentElement.lang = lang;
    document.title = t('title');
    $('#title').textContent = t('title');
    $('#office').textContent = t('office');
    $('#lang').textContent = t('lang');
    document.body.classList.toggle('signed-in', !!S.session);
    const app = $('#app');
    const msg = [S.error ? h('p', { class: 'error', id: 'error', role: 'alert' }, t(S.error)) : null,
      S.notice ? h('p', { class: 'notice', id: 'notice', role: 'status' }, S.notice) : null];
    if (!S.session) {
      app.replaceChildren(...[h('form', { class: 'login', onsubmit: signIn },
        h('h2', null, t('login_title')), msg,
        h('div', { class: 'field' }, h('label', { for: 'login-user' }, t('username')),
          h('input', { id: 'login-user', autocomplete: 'username', autocapitalize: 'none', value: S.user })),
        h('div', { class: 'field' }, h('label', { for: 'login-pass' }, t('password')),
          h('input', { id: 'login-pass', type: 'password', autocomplete: 'current-password' })),
        h('button', { class: 'btn primary', id: 'login-btn', disabled: S.busy }, t('login')))]);
      return;
    }
    app.replaceChildren(...[h('div', { class: 'row' },
      h('span', { class: 'who' }, S.session.username),
      h('button', { class: 'btn', type: 'button', id: 'refresh', onclick: load }, t('refresh')),
      h('button', { class: 'btn ghost', type: 'button', id: 'logout', onclick: () => signOut(null) }, t('logout'))),
    msg, listView()].flat(Infinity).filter(Boolean));
  }

  $('#lang').addEventListener('click', () => {
    lang = lang === 'id' ? 'en' : 'id';
    localStorage.setItem('antre.lang', lang);
    render();
  });
  render();
  if (S.session) load();
})();
