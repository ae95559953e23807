// Admin page (/admin): users, counters and services (admin_services.js), the sites of the
// server (admin_sites.js), booking rules (admin_booking.js), and the
// notification and audit logs (admin_logs.js), one tab each. Every change is one POST that
// the server stores and applies at once; other screens learn of it through site.changed.
'use strict';

(function () {
  const A = window.Antre;
  A.addTexts({
    id: {
      pageTitle: 'Pengaturan',
      loginTitleAdmin: 'Masuk admin',
      usersTitle: 'Pengguna',
      countersTitle: 'Loket',
      servicesTitle: 'Layanan',
      userCol: 'Nama pengguna', roleCol: 'Peran', activeCol: 'Aktif', pwCol: 'Kata sandi',
      role_officer: 'Petugas loket', role_supervisor: 'Supervisor', role_admin: 'Admin',
      role_operator: 'Operator kelurahan/kecamatan',
      resetPw: 'Atur ulang',
      newUser: 'Tambah pengguna',
      add: 'Tambah',
      newPassword: 'Kata sandi baru (min. 8 karakter)',
      resetTitle: 'Kata sandi baru untuk {u}',
      nameCol: 'Nama', servesCol: 'Melayani', nameId: 'Nama (Indonesia)', nameEn: 'Nama (English)', openCol: 'Buka',
      saved: 'Tersimpan: {x}.',
      created: 'Pengguna {u} dibuat.',
      pwReset: 'Kata sandi {u} sudah diganti. Sesi lamanya tetap sampai keluar.',
      needService: 'Pilih minimal satu layanan.',
      prefix: 'Awalan {p}',
      closeCounter: 'Tutup', reopenCounter: 'Buka', counterClosedTag: 'ditutup',
      counterClosed: '{x} ditutup: tidak memanggil dan hilang dari layar. Riwayatnya tetap.', counterReopened: '{x} dibuka kembali.',
      tab_settings: 'Pengguna & loket', tab_booking: 'Aturan booking', tab_notifications: 'Notifikasi', tab_audit: 'Audit',
      tabsLabel: 'Bagian halaman admin',
    },
    en: {
      pageTitle: 'Settings',
      loginTitleAdmin: 'Admin sign-in',
      usersTitle: 'Users',
      countersTitle: 'Counters',
      servicesTitle: 'Services',
      userCol: 'Username', roleCol: 'Role', activeCol: 'Active', pwCol: 'Password',
      role_officer: 'Counter officer', role_supervisor: 'Supervisor', role_admin: 'Admin',
      role_operator: 'Kelurahan/kecamatan operator',
      resetPw: 'Reset',
      newUser: 'Add a user',
      add: 'Add',
      newPassword: 'New password (at least 8 characters)',
      resetTitle: 'New password for {u}',
      nameCol: 'Name', servesCol: 'Serves', nameId: 'Name (Indonesian)', nameEn: 'Name (English)', openCol: 'Open',
      saved: 'Saved: {x}.',
      created: 'User {u} created.',
      pwReset: 'The password of {u} was changed.',
      needService: 'Choose at least one service.',
      prefix: 'Prefix {p}',
      closeCounter: 'Close', reopenCounter: 'Reopen', counterClosedTag: 'closed',
      counterClosed: '{x} closed: it calls nobody and leaves the screens. Its history stays.', counterReopened: '{x} reopened.',
      tab_settings: 'Users & counters', tab_booking: 'Booking rules', tab_notifications: 'Notifications', tab_audit: 'Audit',
      tabsLabel: 'Admin page sections',
    },
  });

  const kRoles = ['officer', 'supervisor', 'admin', 'operator'];
  const kTabs = ['settings', 'booking', 'notifications', 'audit'];
  let ctx = null, live = null, eventTimer = null;
  let data = { users: [], services: [], counters: [] };
  // The other tabs: built once per sign-in by admin_booking.js and admin_logs.js.
  let panels = {};
  let renderServiceList = () => {};
  let sitesPanel = null;

  const sitePath = (p) => `/api/v1/sites/${encodeURIComponent(ctx.site)}${p}`;

  async function refresh() {
    if (!ctx) return;
    try {
      const [users, services, counters] = await Promise.all([
        A.api('GET', '/api/v1/admin/users'), A.api('GET', sitePath('/services')), A.api('GET', sitePath('/counters?all=1')),
      ]);
      data = { users: users.data, services: services.data, counters: counters.data };
      render();
      if (sitesPanel) sitesPanel.load();
      for (const p of Object.values(panels)) if (p.setData) p.setData(data);
    } catch (e) {
      failed(e);
    }
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
    notice('error', e.status === 0 ? A.t('serverDown') : A.t('error', { msg: e.message }));
  }

  // Runs one change with its button disabled, then re-reads everything.
  async function change(button, fn) {
    if (button) button.disabled = true;
    try {
      await fn();
    } catch (e) {
      failed(e);
    } finally {
      if (button) button.disabled = false;
      await refresh();
    }
  }

  // ---------------------------------------------------------------- rendering

  const currentTab = () => {
    const h = location.hash.slice(1);
    return kTabs.indexOf(h) >= 0 ? h : 'settings';
  };

  function layout() {
    const card = (id, title, wide) => A.h('section', { class: 'card' + (wide ? ' wide' : ''), id: id + '-card' },
      A.h('h2', { 'data-i18n': title }), A.h('div', { id }));
    const tabs = A.h('nav', { class: 'tabs', role: 'tablist', 'aria-label': A.t('tabsLabel') },
      kTabs.map((t) => A.h('a', { class: 'tab', role: 'tab', href: '#' + t, id: 'tab-' + t, 'data-i18n': 'tab_' + t })));
    const env = { site: ctx.site, sitePath, notice, failed, refresh, data: () => data };
    renderServiceList = window.AntreAdminServices(env);
    sitesPanel = window.AntreAdminSites(env);
    panels = {
      booking: window.AntreAdminBooking(env),
      notifications: window.AntreAdminNotifications(env),
      audit: window.AntreAdminAudit(env),
    };
    // The new-user form lives outside #users so a refresh never wipes what is being typed.
    ctx.main.replaceChildren(tabs, A.h('div', { class: 'notice toast', id: 'notice', role: 'status' }),
      A.h('div', { class: 'admin tab-panel', id: 'panel-settings', role: 'tabpanel' },
        card('users', 'usersTitle'), card('counters', 'countersTitle'), card('services', 'servicesTitle', true),
        card('sites', 'sitesTitle', true)),
      ...['booking', 'notifications', 'audit'].map((t) =>
        A.h('div', { class: 'tab-panel', id: 'panel-' + t, role: 'tabpanel' }, panels[t].element)));
    A.$('#users-card').append(newUserForm());
    A.$('#sites').append(sitesPanel.element);
    A.applyTexts(ctx.main);
    showTab();
  }

  // Shows the tab named in the address (#booking, #audit, ...), so a reload keeps it.
  function showTab() {
    if (!ctx || !A.$('#panel-settings')) return;
    const tab = currentTab();
    for (const t of kTabs) {
      A.$('#panel-' + t).classList.toggle('hidden', t !== tab);
      A.$('#tab-' + t).setAttribute('aria-selected', t === tab ? 'true' : 'false');
    }
    if (panels[tab] && panels[tab].show) panels[tab].show();
  }
  window.addEventListener('hashchange', showTab);

  function render() {
    if (!ctx) return;
    if (!A.$('#users')) layout();
    renderUsers();
    renderServices();
    renderCounters();
  }

  // A row the admin is editing is kept as it is when fresh data arrives.
  const keepDirty = (sel) => {
    const el = A.$(sel);
    return el && el.dataset.dirty === '1' ? el : null;
  };
  const markDirty = (row) => row.addEventListener('input', () => { row.dataset.dirty = '1'; });

  function renderUsers() {
    const rows = data.users.map((u) => {
      const role = A.h('select', { 'aria-label': A.t('roleCol'), dataset: { field: 'role' } },
        kRoles.map((r) => A.h('option', { value: r, selected: r === u.role }, A.t('role_' + r))));
      role.addEventListener('change', () => change(role, async () => {
        await A.api('POST', `/api/v1/admin/users/${encodeURIComponent(u.username)}`, { role: role.value });
        notice('ok', A.t('saved', { x: u.username }));
      }));
      const active = A.h('input', { type: 'checkbox', checked: !u.disabled, 'aria-label': A.t('activeCol'), dataset: { field: 'active' } });
      active.addEventListener('change', () => change(active, async () => {
        await A.api('POST', `/api/v1/admin/users/${encodeURIComponent(u.username)}`, { disabled: !active.checked });
        notice('ok', A.t('saved', { x: u.username }));
      }));
      const reset = A.h('button', { class: 'btn small', type: 'button', dataset: { field: 'reset' }, onclick: () => resetPassword(u, reset) }, A.t('resetPw'));
      return A.h('tr', { dataset: { user: u.username } },
        A.h('td', {}, A.h('b', {}, u.username)), A.h('td', {}, role), A.h('td', {}, A.h('label', { class: 'switch' }, active)), A.h('td', {}, reset));
    });
    A.$('#users').replaceChildren(A.h('table', { class: 'grid' },
      A.h('thead', {}, A.h('tr', {}, ['userCol', 'roleCol', 'activeCol', 'pwCol'].map((k) => A.h('th', {}, A.t(k))))),
      A.h('tbody', {}, rows)));
  }

  function newUserForm() {
    const name = A.h('input', { id: 'new-user', autocomplete: 'off', required: true, pattern: '[a-z0-9_.\\-]{1,32}' });
    const pw = A.h('input', { id: 'new-pass', type: 'password', autocomplete: 'new-password', required: true, minlength: 8 });
    const role = A.h('select', { id: 'new-role' }, kRoles.map((r) => A.h('option', { value: r, 'data-i18n': 'role_' + r })));
    const add = A.h('button', { class: 'btn primary', type: 'submit', id: 'new-add', 'data-i18n': 'add' });
    const form = A.h('form', { class: 'row', id: 'new-user-form' },
      A.h('label', {}, A.h('span', { 'data-i18n': 'userCol' }), name), A.h('label', {}, A.h('span', { 'data-i18n': 'pwCol' }), pw),
      A.h('label', {}, A.h('span', { 'data-i18n': 'roleCol' }), role), add);
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const u = name.value.trim();
      change(add, async () => {
        await A.api('POST', '/api/v1/admin/users', { username: u, role: role.value, password: pw.value });
        name.value = '';
        pw.value = '';
        notice('ok', A.t('created', { u }));
      });
    });
    return A.h('div', {}, A.h('h3', { class: 'sub', 'data-i18n': 'newUser' }), form);
  }

  async function resetPassword(u, button) {
    const pw = await A.dialog(A.t('resetTitle', { u: u.username }), (done) => {
      const input = A.h('input', { id: 'reset-pass', type: 'password', autocomplete: 'new-password', minlength: 8, required: true });
      const form = A.h('form', {}, A.h('label', { for: 'reset-pass' }, A.t('newPassword')), input,
        A.h('div', { class: 'dlg-actions' }, A.h('button', { class: 'btn primary', type: 'submit', id: 'reset-submit' }, A.t('save'))));
      form.addEventListener('submit', (ev) => {
        ev.preventDefault();
        if (input.value.length >= 8) done(input.value);
      });
      return form;
    });
    if (!pw) return;
    await change(button, async () => {
      await A.api('POST', `/api/v1/admin/users/${encodeURIComponent(u.username)}`, { password: pw });
      notice('ok', A.t('pwReset', { u: u.username }));
    });
  }

  function renderServices() {
    renderServiceList(A.$('#services'), data.services);
  }

  function renderCounters() {
    const rows = data.counters.map((c) => {
      const kept = keepDirty(`#counters tr[data-counter="${CSS.escape(c.id)}"]`);
      if (kept) return kept;
      const name = A.h('input', { value: c.name, 'aria-label': A.t('nameCol'), dataset: { field: 'name' } });
      const checks = data.services.map((s) => A.h('label', {},
        A.h('input', { type: 'checkbox', value: s.id, checked: c.services.indexOf(s.id) >= 0 }), s.prefix + ' ' + A.serviceName(s)));
      const save = A.h('button', { class: 'btn small primary', type: 'button', dataset: { field: 'save' } }, A.t('save'));
      // Closing keeps the counter's history; it only stops calling and leaves boards and consoles.
      const closed = c.open === false;
      const toggle = A.h('button', { class: 'btn small' + (closed ? '' : ' danger'), type: 'button', dataset: { field: 'open' } },
        A.t(closed ? 'reopenCounter' : 'closeCounter'));
      toggle.addEventListener('click', () => change(toggle, async () => {
        await A.api('POST', sitePath(`/admin/counters/${encodeURIComponent(c.id)}`), { open: closed });
        notice('ok', A.t(closed ? 'counterReopened' : 'counterClosed', { x: c.name }));
      }));
      const row = A.h('tr', { class: closed ? 'closed' : '', dataset: { counter: c.id } },
        A.h('td', { style: 'width:200px' }, name, closed ? A.h('span', { class: 'badge' }, A.t('counterClosedTag')) : null),
        A.h('td', {}, A.h('div', { class: 'svc-checks' }, checks)), A.h('td', {}, save, ' ', toggle));
      markDirty(row);
      row.addEventListener('change', () => { row.dataset.dirty = '1'; });
      save.addEventListener('click', () => {
        const services = Array.from(row.querySelectorAll('.svc-checks input:checked'), (i) => i.value);
        if (!services.length) return notice('error', A.t('needService'));
        change(save, async () => {
          await A.api('POST', sitePath(`/admin/counters/${encodeURIComponent(c.id)}`), { name: name.value.trim(), services });
          row.dataset.dirty = '';
          notice('ok', A.t('saved', { x: name.value.trim() }));
        });
      });
      return row;
    });
    A.$('#counters').replaceChildren(A.h('table', { class: 'grid' },
      A.h('thead', {}, A.h('tr', {}, A.h('th', {}, A.t('nameCol')), A.h('th', {}, A.t('servesCol')), A.h('th', {}, ''))),
      A.h('tbody', {}, rows)));
  }

  // ---------------------------------------------------------------- page lifecycle

  A.onLangChange = () => {
    if (!ctx) return;
    A.applyTexts(ctx.main);
    render();
    for (const p of Object.values(panels)) if (p.relabel) p.relabel();
    if (sitesPanel) sitesPanel.relabel();
  };

  A.boot({
    roles: ['admin'],
    loginTitleKey: 'loginTitleAdmin',
    async start(c) {
      ctx = c;
      A.showConn('connecting');
      layout();
      await refresh();
      live = A.Live(ctx.site, {
        onState: A.showConn,
        onSync: refresh,
        onEvent: (type, ev) => {
          if (type !== 'site.changed') return;
          if (panels.booking && ev && ev.what === 'booking') panels.booking.changedElsewhere();
          clearTimeout(eventTimer);
          eventTimer = setTimeout(refresh, 50);
        },
      });
    },
    stop() {
      if (live) live.stop();
      live = null;
      ctx = null;
      panels = {};
      sitesPanel = null;
    },
  });
})();
