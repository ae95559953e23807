// Shared code of the staff pages (counter console, supervisor, admin): language, session,
// API calls, the live event stream, time formatting and the login screen. Plain browser
// JavaScript with no build step and nothing fetched from outside the office LAN.
'use strict';

window.Antre = (function () {
  const A = {};

  // ---------------------------------------------------------------- language

  // Texts every staff page uses; pages add their own with A.addTexts().
  const texts = {
    id: {
      appName: 'Antre',
      loginTitle: 'Masuk petugas',
      username: 'Nama pengguna',
      password: 'Kata sandi',
      login: 'Masuk',
      loggingIn: 'Sedang masuk…',
      logout: 'Keluar',
      wrongLogin: 'Nama pengguna atau kata sandi salah.',
      sessionExpired: 'Sesi Anda telah berakhir. Silakan masuk lagi — pekerjaan Anda tetap tersimpan.',
      signedOutElsewhere: 'Anda sudah keluar di tab atau jendela lain. Silakan masuk lagi.',
      loggedOut: 'Anda sudah keluar.',
      sitePick: 'Lokasi kerja',
      wrongRole: 'Akun "{user}" tidak boleh membuka halaman ini. Masuk dengan akun lain.',
      serverDown: 'Server tidak dapat dihubungi. Periksa jaringan, lalu coba lagi.',
      down: 'Server tidak dapat dihubungi',
      live: 'Terhubung',
      reconnecting: 'Koneksi terputus — menyambung ulang…',
      connecting: 'Menyambung…',
      minutes: '{n} mnt',
      cancel: 'Batal',
      save: 'Simpan',
      close: 'Tutup',
      langSwitch: 'English',
      prio_lansia: 'Lansia',
      prio_disabilitas: 'Disabilitas',
      prio_hamil: 'Ibu hamil',
      state_idle: 'Kosong',
      state_serving: 'Melayani',
      state_paused: 'Istirahat',
      error: 'Gagal: {msg}',
      reportsLink: 'Laporan',
      ikmLink: 'Indeks Kepuasan (IKM)',
      supervisorLink: 'Pantauan',
      cityLink: 'Kota',
    },
    en: {
      appName: 'Antre',
      loginTitle: 'Staff sign-in',
      username: 'Username',
      password: 'Password',
      login: 'Sign in',
      loggingIn: 'Signing in…',
      logout: 'Sign out',
      wrongLogin: 'Wrong username or password.',
      sessionExpired: 'Your session has expired. Please sign in again — nothing was lost.',
      signedOutElsewhere: 'You signed out in another tab or window. Please sign in again.',
      loggedOut: 'You have signed out.',
      sitePick: 'Work site',
      wrongRole: 'The account "{user}" may not open this page. Sign in with another account.',
      serverDown: 'Cannot reach the server. Check the network and try again.',
      down: 'Cannot reach the server',
      live: 'Connected',
      reconnecting: 'Connection lost — reconnecting…',
      connecting: 'Connecting…',
      minutes: '{n} min',
      cancel: 'Cancel',
      save: 'Save',
      close: 'Close',
      langSwitch: 'Bahasa Indonesia',
      prio_lansia: 'Elderly',
      prio_disabilitas: 'Disability',
      prio_hamil: 'Pregnant',
      state_idle: 'Idle',
      state_serving: 'Serving',
      state_paused: 'On break',
      error: 'Failed: {msg}',
      reportsLink: 'Reports',
      ikmLink: 'Satisfaction index (IKM)',
      supervisorLink: 'Monitor',
      cityLink: 'City',
    },
  };

  A.lang = localStorage.getItem('antre.lang') === 'en' ? 'en' : 'id';

  A.addTexts = function (more) {
    for (const l of ['id', 'en']) Object.assign(texts[l], more[l]);
  };

  // Returns the text for key in the current language with {name} placeholders filled in.
  A.t = function (key, vars) {
    let s = texts[A.lang][key];
    if (s === undefined) s = texts.id[key] !== undefined ? texts.id[key] : key;
    if (vars) s = s.replace(/\{(\w+)\}/g, (m, k) => (vars[k] !== undefined ? String(vars[k]) : m));
    return s;
  };

  // Fills every [data-i18n] element under root with its text.
  A.applyTexts = function (root) {
    (root || document).querySelectorAll('[data-i18n]').forEach((el) => {
      el.textContent = A.t(el.dataset.i18n);
    });
    (root || document).querySelectorAll('[data-i18n-ph]').forEach((el) => {
      el.placeholder = A.t(el.dataset.i18nPh);
    });
    document.documentElement.lang = A.lang;
  };

  A.setLang = function (lang) {
    A.lang = lang;
    localStorage.setItem('antre.lang', lang);
    A.applyTexts();
    A.fitBar();
    if (A.onLangChange) A.onLangChange();
  };

  // A service's name in the current language.
  A.serviceName = function (service) {
    if (!service) return '';
    return (A.lang === 'en' && service.name && service.name.en) || (service.name && service.name.id) || service.id;
  };

  // ---------------------------------------------------------------- DOM helper

  // Builds an element: h('div', {class: 'x', onclick: fn}, 'text', child). Text is never HTML.
  A.h = function (tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else if (k === 'class') el.className = v;
      else if (k === 'dataset') Object.assign(el.dataset, v);
      else if (v === true) el.setAttribute(k, '');
      else el.setAttribute(k, v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  };

  A.$ = (sel, root) => (root || document).querySelector(sel);

  // ---------------------------------------------------------------- time

  // The server sends no Date header, so its clock is estimated from the times it reports
  // (event "at", a fresh call's "called_at"): the largest recent sample is the closest.
  let clockSamples = [];
  A.noteServerTime = function (iso) {
    const ms = Date.parse(iso);
    if (isNaN(ms)) return;
    clockSamples.push(ms - Date.now());
    if (clockSamples.length > 20) clockSamples = clockSamples.slice(-20);
  };
  A.serverNow = function () {
    if (!clockSamples.length) return Date.now();
    return Date.now() + Math.max(...clockSamples);
  };

  // "m:ss" or "h:mm:ss" for a duration in milliseconds.
  A.fmtDuration = function (ms) {
    const s = Math.max(0, Math.floor(ms / 1000));
    const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    const pad = (n) => String(n).padStart(2, '0');
    return h > 0 ? `${h}:${pad(m)}:${pad(sec)}` : `${m}:${pad(sec)}`;
  };

  A.fmtMinutes = (n) => A.t('minutes', { n: n === null || n === undefined ? '–' : n });

  // "HH:MM" of an ISO time as the server wrote it (the site's local time).
  A.fmtClock = (iso) => (iso && iso.length >= 16 ? iso.slice(11, 16) : '');

  // ---------------------------------------------------------------- session and API

  // localStorage holds the last sign-in, which every tab of this browser starts with. Once a
  // page runs, it keeps its own session in memory: another tab signing in with another
  // account replaces the stored one, never the one this page acts with.
  const kSessionKey = 'antre.session';
  let pageSession = null;

  A.storedSession = function () {
    try {
      return JSON.parse(localStorage.getItem(kSessionKey) || 'null');
    } catch (e) {
      return null;
    }
  };
  // The session this page acts with: its own once started, else the stored one.
  A.session = () => pageSession || A.storedSession();
  A.setSession = (s) => {
    pageSession = s;
    localStorage.setItem(kSessionKey, JSON.stringify(s));
  };
  // Forgets this page's session; the stored one too unless another tab has since stored its own.
  A.clearSession = () => {
    const stored = A.storedSession();
    if (!pageSession || !stored || stored.token === pageSession.token) localStorage.removeItem(kSessionKey);
    pageSession = null;
  };

  // A random key for Idempotency-Key. crypto.randomUUID needs a secure context, which a
  // plain-HTTP office LAN is not; getRandomValues works everywhere.
  A.randomKey = function () {
    const b = new Uint8Array(16);
    crypto.getRandomValues(b);
    return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  };

  // An API failure: status is the HTTP status (0 when the server was unreachable).
  class ApiError extends Error {
    constructor(status, code, message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }
  A.ApiError = ApiError;

  // Calls the API. Resolves to {status, data}; rejects with ApiError. A 401 on an
  // authenticated call ends the session and shows the login screen (A.onExpired), unless
  // opts.noExpire. opts.idem sends an Idempotency-Key; a network failure is retried with the
  // same key, so a press that did reach the server is never carried out twice. Whether the
  // server answered at all is shown on the connection badge (#conn) at once.
  A.api = async function (method, path, body, opts) {
    opts = opts || {};
    const headers = {};
    const s = A.session();
    if (s && !opts.anonymous) headers['Authorization'] = 'Bearer ' + s.token;
    if (opts.idem) headers['Idempotency-Key'] = opts.idem;
    // Error messages come back in the page's language (the server's default is Indonesian).
    headers['Accept-Language'] = A.lang;
    if (method !== 'GET') headers['Content-Type'] = 'application/json';
    const init = { method, headers, cache: 'no-store' };
    if (method !== 'GET') init.body = body === undefined ? '' : JSON.stringify(body);
    const tries = opts.idem ? 3 : 1;
    let res = null;
    for (let i = 0; i < tries && !res; i++) {
      try {
        res = await fetch(path, init);
      } catch (e) {
        if (i + 1 === tries) {
          noteReachable(false);
          throw new ApiError(0, 'unreachable', A.t('serverDown'));
        }
        await new Promise((r) => setTimeout(r, 400 * (i + 1)));
      }
    }
    noteReachable(true);
    let data = null;
    const text = await res.text();
    if (text) {
      try {
        data = JSON.parse(text);
      } catch (e) {
        data = null;
      }
    }
    if (res.ok) return { status: res.status, data };
    const err = (data && data.error) || {};
    const e = new ApiError(res.status, err.code || 'http_' + res.status, err.message || res.statusText);
    // The server's English words, for pages that read a reason out of them; message is for people.
    e.detail = err.detail || err.message || '';
    if (res.status === 401 && headers['Authorization'] && A.onExpired && !opts.noExpire) A.onExpired();
    throw e;
  };

  // The site this page works on: ?site=, else the last one used, else the first — always one
  // of `workSites` ([{id, name}], the sites the account may work) when given, else one of the
  // server's sites. A ?site= the account may not work is ignored, not obeyed.
  A.resolveSite = async function (workSites) {
    const ids = workSites && workSites.length ? workSites.map((s) => s.id)
      : (await A.api('GET', '/api/v1/health', undefined, { anonymous: true })).data.sites;
    const q = new URLSearchParams(location.search).get('site');
    if (q && ids.indexOf(q) >= 0) {
      localStorage.setItem('antre.site', q);
      return q;
    }
    const saved = localStorage.getItem('antre.site');
    if (saved && ids.indexOf(saved) >= 0) return saved;
    return ids[0];
  };

  // A header menu to switch between the sites an account may work (none with one site).
  // Choosing one reopens the page on it (?site=), so every view, stream and form starts afresh.
  A.sitePicker = function (workSites, current) {
    const old = A.$('#site-pick-label');
    if (old) old.remove();
    if (!workSites || workSites.length < 2) return;
    const sel = A.h('select', { id: 'site-pick', class: 'site-pick', 'aria-label': A.t('sitePick'), title: A.t('sitePick') },
      workSites.map((s) => A.h('option', { value: s.id, selected: s.id === current }, s.name)));
    sel.addEventListener('change', () => {
      localStorage.setItem('antre.site', sel.value);
      const q = new URLSearchParams(location.search);
      q.set('site', sel.value);
      location.assign(location.pathname + '?' + q.toString() + location.hash);
    });
    const label = A.h('label', { id: 'site-pick-label', class: 'site-pick-label when-signed-in' }, sel);
    A.$('#user').before(label);
    A.fitBar();
  };

  // Keeps the header on one row: when its items would wrap (the site menu beside the page
  // links, a longer label after a language switch), the bar turns compact (the IKM link's
  // short label, smaller gaps). Re-run whenever the header's contents or the width change.
  A.fitBar = function () {
    const bar = A.$('header.bar');
    if (!bar) return;
    bar.classList.remove('compact');
    const kids = [...bar.children].filter((e) => e.getClientRects().length);
    if (!kids.length) return;
    const firstBottom = kids[0].getBoundingClientRect().bottom;
    bar.classList.toggle('compact', kids.some((e) => e.getBoundingClientRect().top >= firstBottom));
  };
  window.addEventListener('resize', () => A.fitBar());

  // ---------------------------------------------------------------- live event stream

  const kEventTypes = [
    'ticket.issued', 'ticket.called', 'ticket.recalled', 'ticket.done', 'ticket.no_show',
    'ticket.transferred', 'ticket.expired', 'ticket.cancelled', 'counter.paused',
    'counter.resumed', 'device.status', 'site.changed', 'booking.checked_in', 'stock.changed',
    'print.backlog', 'print.printed', 'announcement.published', 'announcement.removed',
    'ticket.reopened', 'ticket.returned',
  ];

  // Reads a text/event-stream with fetch(), which, unlike the browser's EventSource, can send
  // the staff token (the server then counts a device stream that public readers cannot crowd
  // out). Parses id:/event:/data:/retry: lines and comments as EventSource does. on.open()
  // once the server answered 200; on.event(type, data, id) per complete event; on.close(status)
  // when the connection fails or ends (status 0 without an answer). One connection: the caller
  // reconnects. Returns {abort()}.
  A.readEventStream = function (url, headers, on) {
    const ctl = new AbortController();
    let idle = null;
    // A dead link shows no error; the server's ping every 15 s is what proves it alive.
    const watch = () => {
      clearTimeout(idle);
      idle = setTimeout(() => ctl.abort(), kDeadLinkMs);
    };
    let closed = false;  // on.close runs at most once, and never after abort()
    const close = (status, retryAfterMs) => {
      clearTimeout(idle);
      if (closed) return;
      closed = true;
      on.close && on.close(status, retryAfterMs || 0);
    };
    (async () => {
      watch();
      const res = await fetch(url, { headers, cache: 'no-store', signal: ctl.signal });
      const type = res.headers.get('Content-Type') || '';
      if (res.status !== 200 || type.indexOf('text/event-stream') !== 0 || !res.body) {
        const retryAfter = Number(res.headers.get('Retry-After'));
        close(res.status, retryAfter > 0 ? retryAfter * 1000 : 0);
        ctl.abort();  // drops the error body
        return;
      }
      on.open && on.open();
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '', data = [], event = '', id = null;
      const line = (text) => {
        if (text === '') {
          if (data.length) on.event && on.event(event || 'message', data.join('\n'), id);
          data = [];
          event = '';
          return;
        }
        if (text[0] === ':') return;  // a comment: the heartbeat
        const colon = text.indexOf(':');
        const field = colon < 0 ? text : text.slice(0, colon);
        let value = colon < 0 ? '' : text.slice(colon + 1);
        if (value[0] === ' ') value = value.slice(1);
        if (field === 'data') data.push(value);
        else if (field === 'event') event = value;
        else if (field === 'id' && value.indexOf('\0') < 0) id = value;
        else if (field === 'retry' && /^\d+$/.test(value)) on.retry && on.retry(Number(value));
      };
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        watch();
        buffer += decoder.decode(value, { stream: true });
        // A lone \r at the end may be half of \r\n: keep it until the next chunk.
        const lines = buffer.split(/\r\n|\r(?!$)|\n/);
        buffer = lines.pop();
        lines.forEach(line);
      }
      close(0);
    })().catch(() => close(0));  // no answer, a cut link, or the dead-link watchdog
    return {
      abort() {
        closed = true;
        clearTimeout(idle);
        ctl.abort();
      },
    };
  };

  const kDeadLinkMs = 45000;

  // Follows the site's event stream. onEvent(type, data) for each event; onState('live' |
  // 'reconnecting') when the link changes; onSync() whenever the link (re)opens, so the page
  // re-reads its data and nothing missed while offline stays missing. With a session the
  // stream is read with fetch() and the staff token (a device stream); it reconnects after the
  // server's `retry:` with Last-Event-ID, or after Retry-After when the server was full. A
  // 401 ends the session (A.onExpired). Without a session, EventSource (public) is used.
  A.Live = function (site, handlers) {
    let es = null, conn = null, lastId = null, stopped = false, retryTimer = null, retryMs = 2000;
    const base = `/api/v1/sites/${encodeURIComponent(site)}/events`;
    const deliver = (type, text, id) => {
      if (id) lastId = id;
      if (kEventTypes.indexOf(type) < 0) return;
      let data = {};
      try {
        data = JSON.parse(text);
      } catch (e) {
        return;
      }
      if (data.at) A.noteServerTime(data.at);
      handlers.onEvent && handlers.onEvent(type, data);
    };
    const later = (ms) => {
      clearTimeout(retryTimer);
      retryTimer = setTimeout(open, ms);
    };
    // The server answered an API call while this stream waits to reconnect: try now.
    const poke = () => {
      if (stopped || !retryTimer) return;
      clearTimeout(retryTimer);
      open();
    };
    pokes.add(poke);
    const openWithToken = (token) => {
      const headers = { Accept: 'text/event-stream', Authorization: 'Bearer ' + token };
      if (lastId !== null) headers['Last-Event-ID'] = lastId;
      conn = A.readEventStream(base, headers, {
        open() {
          handlers.onState && handlers.onState('live');
          handlers.onSync && handlers.onSync();
        },
        event: deliver,
        retry(ms) {
          retryMs = ms;
        },
        close(status, retryAfterMs) {
          conn = null;
          if (stopped) return;
          handlers.onState && handlers.onState('reconnecting');
          if (status === 401) {
            if (A.onExpired) A.onExpired();
            return;
          }
          if (status === 400) lastId = null;  // an id the server never had (e.g. a restored database)
          later(status === 0 || status === 200 ? retryMs : Math.max(3000, retryAfterMs || 0));
        },
      });
    };
    const openPublic = () => {
      let url = base;
      if (lastId !== null) url += '?last_event_id=' + encodeURIComponent(lastId);
      es = new EventSource(url);
      es.onopen = () => {
        handlers.onState && handlers.onState('live');
        handlers.onSync && handlers.onSync();
      };
      es.onerror = () => {
        handlers.onState && handlers.onState('reconnecting');
        if (es.readyState === EventSource.CLOSED) {
          es = null;
          lastId = null;  // refused (e.g. 400 for an id the server never had): start afresh; onSync re-reads
          later(3000);
        }
      };
      for (const type of kEventTypes) {
        es.addEventListener(type, (ev) => deliver(type, ev.data, ev.lastEventId));
      }
    };
    const open = () => {
      retryTimer = null;
      if (stopped) return;
      const s = A.session();
      if (s && s.token) openWithToken(s.token);
      else openPublic();
    };
    open();
    return {
      stop() {
        stopped = true;
        pokes.delete(poke);
        clearTimeout(retryTimer);
        if (es) es.close();
        if (conn) conn.abort();
      },
    };
  };

  // ---------------------------------------------------------------- connection badge

  // The page's one connection indicator (#conn). The event stream sets its state
  // (connecting, live, reconnecting); an API call that found no server turns it to "down"
  // until the server answers again, an API call or the stream reopening, whichever is first.
  // Pages show no connection message of their own, so nothing stale stays beside the badge.
  let streamState = null, unreachable = false;
  const pokes = new Set();  // each open A.Live's "reconnect now"

  function renderConn() {
    const el = A.$('#conn');
    if (!el || streamState === null) return;
    const state = unreachable ? 'down' : streamState;
    // Only the state class changes: when-signed-in still hides the badge beside a login form.
    for (const c of [...el.classList]) if (c.startsWith('conn-')) el.classList.remove(c);
    el.classList.add('conn', 'conn-' + state);
    el.dataset.i18n = state;  // so a language switch re-labels it
    el.textContent = A.t(state);
    el.setAttribute('role', 'status');
    document.body.classList.toggle('offline', state !== 'live');
    A.fitBar();
  }

  function noteReachable(ok) {
    if (ok !== unreachable) return;
    unreachable = !ok;
    renderConn();
    if (ok) pokes.forEach((poke) => poke());
  }

  // Sets the stream's state on the badge: 'connecting', 'live' or 'reconnecting'.
  A.showConn = function (state) {
    streamState = state;
    if (state === 'live') unreachable = false;  // the stream's answer is the server's
    renderConn();
  };

  // ---------------------------------------------------------------- staff page boot

  // Runs a staff page: shows the login form until a session with one of opts.roles exists,
  // then calls opts.start(ctx) with ctx = {site, session}. Returns nothing; opts.stop() is
  // called when the session ends (expiry or logout) so the page closes its stream.
  A.boot = function (opts) {
    const main = A.$('#app');
    const userEl = A.$('#user');
    let running = false;

    A.$('#lang').addEventListener('click', () => A.setLang(A.lang === 'id' ? 'en' : 'id'));
    A.$('#logout').addEventListener('click', async () => {
      try {
        await A.api('POST', '/api/v1/auth/logout');
      } catch (e) {
        // The session is ended locally whatever the server said.
      }
      end('loggedOut');
    });

    const end = (why) => {
      if (running && opts.stop) opts.stop();
      running = false;
      A.clearSession();
      showLogin(A.t(why));
    };
    A.onExpired = () => {
      if (running || A.session()) end('sessionExpired');
    };

    // Another tab signed out or signed in with another account. This page's own session may
    // have ended with it (the same token, signed out): then say so at once rather than keep a
    // page that looks connected but whose every press is refused. Otherwise keep working.
    window.addEventListener('storage', (ev) => {
      if (!running || (ev.key !== kSessionKey && ev.key !== null)) return;
      const mine = pageSession, stored = A.storedSession();
      if (!mine || (stored && stored.token === mine.token)) return;
      A.api('GET', '/api/v1/auth/me', undefined, { noExpire: true }).catch((e) => {
        if (e.status === 401 && running && pageSession === mine) end(stored ? 'sessionExpired' : 'signedOutElsewhere');
      });
    });

    const startWith = async (session) => {
      if (opts.roles.indexOf(session.role) < 0) {
        // A sign-in made here is forgotten; one read from storage stays, as another tab may
        // be working with it.
        if (pageSession === session) A.clearSession();
        pageSession = null;
        return showLogin(A.t('wrongRole', { user: session.username }));
      }
      const site = await A.resolveSite(session.work_sites);
      if (opts.sitePicker !== false) A.sitePicker(session.work_sites, site);
      pageSession = session;
      document.body.classList.add('signed-in');
      userEl.textContent = session.username;
      A.fitBar();
      running = true;
      main.replaceChildren();
      opts.start({ site, session, main });
    };

    const showLogin = (message, isError) => {
      document.body.classList.remove('signed-in');
      userEl.textContent = '';
      const msg = A.h('p', { class: 'login-msg' + (isError ? ' error' : ''), id: 'login-msg', role: 'alert' }, message || '');
      const user = A.h('input', { id: 'login-user', name: 'username', autocomplete: 'username', required: true, 'data-i18n-ph': 'username' });
      const pass = A.h('input', { id: 'login-pass', name: 'password', type: 'password', autocomplete: 'current-password', required: true, 'data-i18n-ph': 'password' });
      const btn = A.h('button', { class: 'btn primary', type: 'submit', id: 'login-btn', 'data-i18n': 'login' });
      const form = A.h('form', { class: 'login card', id: 'login-form' },
        A.h('h1', { 'data-i18n': opts.loginTitleKey || 'loginTitle' }),
        A.h('label', {}, A.h('span', { 'data-i18n': 'username' }), user),
        A.h('label', {}, A.h('span', { 'data-i18n': 'password' }), pass),
        msg, btn);
      form.addEventListener('submit', async (ev) => {
        ev.preventDefault();
        btn.disabled = true;
        btn.textContent = A.t('loggingIn');
        try {
          const r = await A.api('POST', '/api/v1/auth/login', { username: user.value.trim(), password: pass.value }, { anonymous: true });
          pass.value = '';
          A.setSession(r.data);
          await startWith(r.data);
        } catch (e) {
          pass.value = '';
          msg.textContent = e.status === 401 ? A.t('wrongLogin') : e.status === 0 ? A.t('serverDown') : A.t('error', { msg: e.message });
          msg.className = 'login-msg error';
          btn.disabled = false;
          btn.textContent = A.t('login');
        }
      });
      main.replaceChildren(form);
      A.applyTexts(main);
      user.focus();
    };

    A.applyTexts();
    const s = A.session();
    if (!s) return showLogin('');
    // A stored session is checked with the server before it is used.
    A.api('GET', '/api/v1/auth/me')
      .then((r) => startWith(Object.assign({}, s, r.data)))
      .catch((e) => {
        if (e.status === 401) return; // onExpired already showed the login screen
        if (e.status === 404) return startWith(s); // a server without /auth/me: the first call will tell
        showLogin(e.status === 0 ? A.t('serverDown') : A.t('error', { msg: e.message }), true);
      });
  };

  // Opens a <dialog> built from children; resolves with the value passed to done(), or null
  // when cancelled (Esc or the Cancel button).
  A.dialog = function (title, build) {
    return new Promise((resolve) => {
      const dlg = A.h('dialog', { class: 'dlg' });
      let result = null;
      const done = (v) => {
        result = v;
        dlg.close();
      };
      const body = build(done);
      const cancel = A.h('button', { class: 'btn', type: 'button', onclick: () => done(null) }, A.t('cancel'));
      // A form with its own action row gets Cancel beside its submit button.
      const own = body.querySelector && body.querySelector('.dlg-actions');
      if (own) own.prepend(cancel);
      dlg.append(A.h('h2', {}, title), body);
      if (!own) dlg.append(A.h('div', { class: 'dlg-actions' }, cancel));
      dlg.addEventListener('close', () => {
        dlg.remove();
        resolve(result);
      });
      document.body.append(dlg);
      dlg.showModal();
      const first = dlg.querySelector('input, select, button');
      if (first) first.focus();
    });
  };

  return A;
})();
