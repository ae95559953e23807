// The resident's OPAK MANIS page: book a slot step by step, then check, change or cancel it
// and follow the card until it is delivered. Plain browser JavaScript, no build step, nothing
// fetched from outside the server. Every server refusal is shown in the resident's language.
'use strict';

(function () {
  const T = window.TEXTS;
  // The office booked at: ?site= at first, then the resident's choice among those offering
  // the service (sites.js). Services are those any open office takes bookings for, ?site='s
  // first; whether a card can be delivered home is each office's own (GET /api/v1/sites).
  const homeSite = new URLSearchParams(location.search).get('site') || 'serang';
  let site = homeSite;
  const $ = (sel) => document.querySelector(sel);

  let lang = localStorage.getItem('antre.lang') === 'en' ? 'en' : 'id';
  const t = (key, vars) => {
    let s = T[lang][key];
    if (s === undefined) s = T.id[key] !== undefined ? T.id[key] : key;
    if (vars) s = s.replace(/\{(\w+)\}/g, (m, k) => (vars[k] !== undefined ? String(vars[k]) : m));
    return s;
  };

  // Builds an element; text children are never parsed as HTML.
  function h(tag, attrs, ...kids) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else if (k === 'class') el.className = v;
      else if (v === true) el.setAttribute(k, '');
      else el.setAttribute(k, v);
    }
    for (const c of kids.flat()) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }

  // ------------------------------------------------------------------ API

  // Calls the API; resolves to {ok, status, body}. A network failure is status 0.
  async function api(method, path, body) {
    try {
      const res = await fetch(path, {
        method,
        // Refusals come back in the resident's language.
        headers: Object.assign({ 'Accept-Language': lang }, body ? { 'Content-Type': 'application/json' } : {}),
        body: body ? JSON.stringify(body) : undefined,
      });
      let data = null;
      try {
        data = await res.json();
      } catch (e) {
        data = null;
      }
      return { ok: res.ok, status: res.status, body: data };
    } catch (e) {
      return { ok: false, status: 0, body: null };
    }
  }

  // The text key for a refused request; `context` is book, lookup, cancel or resched.
  function errorKey(r, context) {
    if (r.status === 0) return 'err_network';
    const e = (r.body && r.body.error) || {};
    const msg = String(e.detail || e.message || ''); // the server's English words, to tell reasons apart
    switch (e.code) {
      case 'invalid_nik': return 'err_nik';
      case 'invalid_input':
        if (/delivery/.test(msg) && /not offered/.test(msg)) return 'err_delivery_service';
        if (/delivery|kecamatan/.test(msg)) return 'err_address';
        if (/phone/.test(msg)) return 'err_phone';
        if (/name/.test(msg)) return 'err_name';
        if (/nik/i.test(msg)) return 'err_nik';
        if (/slot/.test(msg)) return 'err_no_slot';
        return e.message ? '!' + e.message : 'err_input';
      case 'slot_full': return 'err_slot_full';
      case 'already_booked': return 'err_already';
      case 'limit_reached': return /phone/.test(msg) ? 'err_limit_phone' : 'err_limit_client';
      case 'conflict':
        return context === 'cancel' ? 'err_conflict_cancel' : context === 'resched' ? 'err_conflict_resched'
          : 'err_conflict_book';
      case 'not_found': return context === 'book' || context === 'resched' ? 'err_no_slot' : 'err_not_found';
      case 'rate_limited': return 'err_rate';
      case 'not_released': return 'err_not_released';
      case 'pow_required': case 'pow_invalid': case 'pow_expired': return 'err_pow';
      // No words of our own for it: the server's, already in the resident's language.
      default: return e.message && r.status < 500 ? '!' + e.message : 'err_server';
    }
  }

  // ------------------------------------------------------------------ dates

  // Slot times come as "2026-11-30T08:00:00+07:00", already in the office's local time.
  const dayOf = (iso) => iso.slice(0, 10);
  const timeOf = (iso) => iso.slice(11, 16);
  function fmtDate(day) {
    const [y, m, d] = day.split('-').map(Number);
    const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    return `${t('days')[wd]}, ${d} ${t('months')[m - 1]} ${y}`;
  }
  const fmtSlot = (start, end) => `${fmtDate(dayOf(start))}, ${timeOf(start)}–${timeOf(end)} WIB`;
  // A release time as "Senin 19:00" (the day before the slots' day, so no date is needed).
  const fmtRelease = (iso) => {
    const [y, m, d] = dayOf(iso).split('-').map(Number);
    return `${t('days')[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]} ${timeOf(iso)}`;
  };
  const fmtCode = (code) => (code.length === 8 ? code.slice(0, 4) + '-' + code.slice(4) : code);

  // ------------------------------------------------------------------ state

  const S = {
    tab: 'book',
    step: 'service',
    services: null,  // [{id, name, description, delivery (at some office), sites: [ids]}]
    offices: [],     // GET /api/v1/sites
    servicesError: null,
    service: null,
    slots: null,
    slotsError: null,
    day: null,
    slot: null,
    nik: '',
    name: '',
    phone: '',
    deliver: false,
    kec: '',
    kel: '',
    street: '',
    house: '',
    fieldErrors: {},
    error: null,
    busy: false,
    result: null,
    stock: null,
    check: { code: '', nik: '', booking: null, error: null, notice: null, busy: false, confirm: false,
      resched: false, slots: null, day: null },
    recover: { open: false, nik: '', phone: '', busy: false, error: null, sent: false, found: null },
  };

  // A service's entry at `at` in the site list, or null.
  const serviceAt = (at, id) => {
    const o = S.offices.find((x) => x.id === at);
    return (o && (o.services || []).find((x) => x.id === id)) || null;
  };
  // Named from the bookable list, else from any office (a booking of a service since closed).
  const serviceName = (id) => {
    let s = (S.services || []).find((x) => x.id === id);
    for (const o of S.offices) s = s || (o.services || []).find((x) => x.id === id);
    return s ? (s.name && (s.name[lang] || s.name.id)) || id : id;
  };
  // The service's one plain line for residents ("foto, sidik jari, …"); '' when it has none.
  const serviceDescription = (s) => (s.description && (s.description[lang] || s.description.id)) || '';
  // Whether the chosen office delivers the chosen service's card home.
  const offersDelivery = () => {
    const v = serviceAt(site, S.service);
    return !!(v && v.delivery);
  };
  // The numbered steps. The count must not change once a service is picked (it read "1 of 5",
  // then "2 of 6"), so choosing how to receive the card, asked only for the services the
  // office delivers, is part of step 4 with the applicant's details.
  const kSteps = ['service', 'date', 'slot', 'person', 'confirm'];
  const stepNumber = (step) => kSteps.indexOf(step === 'delivery' ? 'person' : step) + 1;

  function go(step) {
    S.step = step;
    // The proof of work starts with the resident's details, so it is done by the time they send.
    if (step === 'person' || step === 'confirm') window.POW.prepare(site);
    S.error = null;
    render();
    window.scrollTo(0, 0);
  }

  // ------------------------------------------------------------------ loading

  // The services residents can book at one open office at least, in the offices' order with
  // ?site= first, each with the offices taking it; delivery when one of them delivers.
  function bookableServices(offices) {
    const out = [];
    const order = offices.filter((o) => o.id === homeSite).concat(offices.filter((o) => o.id !== homeSite));
    for (const o of order) {
      if (!o.open) continue;
      for (const v of o.services || []) {
        if (!v.open || !v.bookable) continue;
        let e = out.find((x) => x.id === v.id);
        if (!e) out.push((e = { id: v.id, name: v.name, description: v.description, delivery: false, sites: [] }));
        e.sites.push(o.id);
        e.delivery = e.delivery || !!v.delivery;
      }
    }
    return out;
  }

  async function loadServices() {
    const r = await api('GET', '/api/v1/sites');
    if (r.ok && Array.isArray(r.body)) {
      S.offices = r.body;
      S.services = bookableServices(r.body);
    } else {
      S.servicesError = errorKey(r, 'lookup');
    }
    render();
  }

  async function loadSlots(service, at = site) {
    const r = await api('GET', `/api/v1/sites/${encodeURIComponent(at)}/slots?service=${encodeURIComponent(service)}`);
    return r.ok && Array.isArray(r.body) ? { slots: r.body } : { error: errorKey(r, 'lookup') };
  }

  async function loadStock() {
    const r = await api('GET', `/api/v1/sites/${site}/stock`);
    // An office that prints no cards has no stock to tell ("habis" there would mislead).
    S.stock = r.ok && r.body && r.body.level && r.body.prints_cards !== false ? r.body.level : null;
    renderStock();
  }

  // ------------------------------------------------------------------ shared pieces

  function stepHead(titleKey) {
    return [
      h('p', { class: 'stepno' }, t('step', { n: stepNumber(S.step), of: kSteps.length })),
      h('h2', null, t(titleKey)),
    ];
  }

  const backBtn = (step) => h('button', { class: 'btn ghost', type: 'button', id: 'back', onclick: () => go(step) },
    t('back'));
  // A key of TEXTS, or "!" and the server's own message (already in the page's language).
  const errorText = (key) => (key.startsWith('!') ? key.slice(1) : t(key));
  const errorBox = (key) => (key ? h('p', { class: 'error', role: 'alert', id: 'error' }, errorText(key)) : null);

  // The exact check-in window the kiosk accepts and the documents to bring, from the server.
  function arrivalBlock(b) {
    const docs = (b.documents && (b.documents[lang] || b.documents.id)) || [];
    return h('div', { class: 'arrival', id: 'arrival' },
      b.check_in ? h('p', { class: 'window', id: 'checkin-window' },
        t('checkin_window', { from: timeOf(b.check_in.from), until: timeOf(b.check_in.until) })) : null,
      b.check_in ? h('p', { class: 'hint' }, t('checkin_hint')) : null,
      docs.length ? [h('h3', null, t('docs_title')), h('ul', { class: 'docs', id: 'documents' }, docs.map((d) => h('li', null, d)))]
        : null);
  }
  const printBtn = () => h('button', { class: 'btn', type: 'button', id: 'print', onclick: () => window.print() },
    t('print_slip'));

  // Date buttons then slot buttons for one service's slots; pick(slot) is called on a choice.
  function dayButtons(slots, chosen, onDay) {
    const days = [];
    for (const s of slots) {
      const d = dayOf(s.start);
      let e = days.find((x) => x.day === d);
      if (!e) days.push((e = { day: d, left: 0, opens: null }));
      e.left += s.remaining;
      if (s.opens_at) e.opens = s.opens_at; // not released yet: shown, not bookable
    }
    if (!days.length) return h('p', { class: 'note' }, t('no_dates'));
    return h('div', { class: 'choices' }, days.map((d) => h('button', {
      type: 'button',
      class: 'choice' + (d.day === chosen ? ' on' : ''),
      'data-day': d.day,
      disabled: d.left <= 0 || !!d.opens,
      onclick: () => onDay(d.day),
    }, h('b', null, fmtDate(d.day)), h('span', null, d.opens ? t('opens', { when: fmtRelease(d.opens) })
      : d.left > 0 ? t('places', { n: d.left }) : t('full')))));
  }

  function slotButtons(slots, day, chosen, onSlot) {
    return h('div', { class: 'choices grid' }, slots.filter((s) => dayOf(s.start) === day).map((s) => h('button', {
      type: 'button',
      class: 'choice' + (chosen && chosen.start === s.start ? ' on' : ''),
      'data-slot': s.start,
      disabled: s.remaining <= 0,
      onclick: () => onSlot(s),
    }, h('b', null, `${timeOf(s.start)}–${timeOf(s.end)}`),
    h('span', null, s.remaining > 0 ? t('places', { n: s.remaining }) : t('full')))));
  }

  function field(id, labelKey, input, errKey, hintKey) {
    return h('div', { class: 'field' + (errKey ? ' bad' : '') },
      h('label', { for: id }, t(labelKey)), input,
      hintKey && !errKey ? h('small', null, t(hintKey)) : null,
      errKey ? h('small', { class: 'ferr', id: id + '-err' }, t(errKey)) : null);
  }

  function qrBlock(code) {
    const box = h('div', { class: 'qr', id: 'qr', 'aria-label': 'QR ' + code });
    box.innerHTML = window.QR.svg(code); // generated markup from our own encoder, never user HTML
    return box;
  }

  function codeBlock(code) {
    return [
      h('p', { class: 'codelabel' }, t('your_code')),
      h('p', { class: 'code', id: 'code' }, fmtCode(code)),
      qrBlock(code),
    ];
  }

  // ------------------------------------------------------------------ booking steps

  function viewService() {
    if (S.servicesError) {
      return [errorBox(S.servicesError), h('button', { class: 'btn', type: 'button', onclick: () => {
        S.servicesError = null;
        render();
        loadServices();
      } }, t('retry'))];
    }
    if (!S.services) return h('p', { class: 'note' }, t('loading'));
    return [stepHead('s_service'), h('div', { class: 'choices' }, S.services.map((s) => h('button', {
      type: 'button',
      class: 'choice' + (S.service === s.id ? ' on' : ''),
      'data-service': s.id,
      onclick: async () => {
        if (S.service !== s.id) {
          S.service = s.id;
          S.slots = null;
          S.day = null;
          S.slot = null;
          // The office chosen before may not offer this service: then ?site='s, else the first
          // office that does.
          if (s.sites.indexOf(site) < 0) {
            site = s.sites.indexOf(homeSite) >= 0 ? homeSite : s.sites[0];
            loadStock();
          }
          if (!offersDelivery()) S.deliver = false;
        }
        go('date');
        window.SITES.load(s.id, render);
        window.SITES.locate(render);
        await refreshSlots();
      },
    }, h('b', null, serviceName(s.id)),
    serviceDescription(s) ? h('small', { class: 'desc' }, serviceDescription(s)) : null,
    s.delivery ? h('span', null, t('delivery_ok')) : null)))];
  }

  async function refreshSlots() {
    S.slotsError = null;
    const got = await loadSlots(S.service);
    S.slots = got.slots || null;
    S.slotsError = got.error || null;
    render();
  }

  function viewDate() {
    const body = S.slotsError ? errorBox(S.slotsError) : !S.slots ? h('p', { class: 'note' }, t('loading'))
      : dayButtons(S.slots, S.day, (day) => {
        S.day = day;
        go('slot');
      });
    const sites = window.SITES.view(S.service, site, { h, t, fmtDate }, async (id) => {
      if (id === site) return;
      site = id;
      Object.assign(S, { slots: null, day: null, slot: null });
      if (!offersDelivery()) S.deliver = false;
      loadStock();
      render();
      await refreshSlots();
    });
    return [stepHead('s_date'), h('p', { class: 'picked' }, serviceName(S.service)), sites,
      // The office is named when there was a choice, or when the only one is not ?site='s.
      sites || site !== homeSite ? h('h3', { id: 'site-name' }, siteName(site)) : null, body, backBtn('service')];
  }

  // The chosen office's name, as the site list gave it.
  const siteName = (id) => ((window.SITES.list(S.service) || []).find((x) => x.id === id) ||
    S.offices.find((x) => x.id === id) || { name: id }).name;
  // Where the booking is: the office's name and address, from the server's answer.
  const whereBlock = (b) => (b.site_name ? h('p', { class: 'where', id: 'where' }, h('b', null, b.site_name),
    b.site_address ? h('small', null, b.site_address) : null) : null);

  function viewSlot() {
    return [stepHead('s_slot'), h('p', { class: 'picked' }, `${serviceName(S.service)} · ${fmtDate(S.day)}`),
      errorBox(S.error),
      slotButtons(S.slots || [], S.day, S.slot, (slot) => {
        S.slot = slot;
        go('person');
      }), backBtn('date')];
  }

  function checkPerson() {
    const e = {};
    const nikErr = window.NIK.checkNik(S.nik);
    if (nikErr) e.nik = nikErr;
    if (!S.name.trim() || S.name.trim().length > 100) e.name = 'err_name';
    if (!window.NIK.normalizePhone(S.phone)) e.phone = 'err_phone';
    return e;
  }

  function input(id, key, attrs, onChange) {
    return h('input', Object.assign({
      id,
      value: S[key],
      oninput: (ev) => {
        S[key] = ev.target.value;
        if (onChange) onChange(ev);
      },
    }, attrs));
  }

  function viewPerson() {
    const fe = S.fieldErrors;
    const nikInput = input('nik', 'nik', { inputmode: 'numeric', autocomplete: 'off', maxlength: 20 }, (ev) => {
      // Instant feedback once 16 digits are typed; before that only a wrong character counts.
      const digits = ev.target.value.replace(/\D/g, '');
      const err = window.NIK.checkNik(ev.target.value);
      const show = err === 'nik_digits' || (digits.length >= 16 && err) ? err : null;
      if (show !== (fe.nik || null)) {
        fe.nik = show;
        render();
        const el = $('#nik');
        el.focus();
        el.setSelectionRange(el.value.length, el.value.length);
      }
    });
    nikInput.addEventListener('blur', () => {
      const err = S.nik ? window.NIK.checkNik(S.nik) : null;
      if (err !== (fe.nik || null)) {
        fe.nik = err;
        render();
      }
    });
    const next = () => {
      S.fieldErrors = checkPerson();
      if (Object.keys(S.fieldErrors).length) return render();
      go(offersDelivery() ? 'delivery' : 'confirm');
    };
    return [stepHead('s_person'), h('p', { class: 'picked' }, `${serviceName(S.service)} · ${fmtSlot(S.slot.start,
      S.slot.end)}`),
    h('form', { onsubmit: (ev) => { ev.preventDefault(); next(); }, novalidate: true },
      field('nik', 'nik', nikInput, fe.nik),
      field('name', 'name', input('name', 'name', { autocomplete: 'name', maxlength: 100 }), fe.name),
      field('phone', 'phone', input('phone', 'phone', { type: 'tel', inputmode: 'tel', autocomplete: 'tel',
        maxlength: 20 }), fe.phone, 'phone_hint'),
      h('p', { class: 'note' }, t('privacy')), powLine(),
      h('div', { class: 'row' }, backBtn('slot'), h('button', { class: 'btn primary', id: 'next' }, t('next'))))];
  }

  function viewDelivery() {
    const W = window.WILAYAH;
    const radio = (value, key) => h('label', { class: 'choice radio' + (S.deliver === value ? ' on' : '') },
      h('input', { type: 'radio', name: 'deliver', id: value ? 'opt-deliver' : 'opt-pickup', checked: S.deliver === value,
        onchange: () => {
          S.deliver = value;
          S.error = null;
          render();
        } }), h('b', null, t(key)));
    const parts = [stepHead('s_delivery'), h('div', { class: 'choices' }, radio(false, 'pickup'), radio(true, 'deliver'))];
    if (S.deliver) {
      const kec = h('select', { id: 'kec', onchange: (ev) => {
        S.kec = ev.target.value;
        S.kel = '';
        render();
      } }, h('option', { value: '' }, t('choose')), Object.keys(W).map((k) => h('option', { value: k, selected: k === S.kec },
        k)));
      const kel = h('select', { id: 'kel', disabled: !S.kec, onchange: (ev) => { S.kel = ev.target.value; } },
        h('option', { value: '' }, t('choose')),
        (W[S.kec] || []).map((k) => h('option', { value: k, selected: k === S.kel }, k)));
      parts.push(h('div', { class: 'address' }, field('kec', 'kecamatan', kec), field('kel', 'kelurahan', kel),
        field('street', 'street', input('street', 'street', { maxlength: 120, autocomplete: 'street-address' })),
        field('house', 'house', input('house', 'house', { maxlength: 20 }))));
    }
    parts.push(errorBox(S.error), h('div', { class: 'row' }, backBtn('person'), h('button', {
      class: 'btn primary', type: 'button', id: 'next',
      onclick: () => {
        if (S.deliver && !(S.kec && S.kel && S.street.trim() && S.house.trim())) {
          S.error = 'err_address';
          return render();
        }
        go('confirm');
      },
    }, t('next'))));
    return parts;
  }

  function viewConfirm() {
    const row = (k, v) => [h('dt', null, t(k)), h('dd', null, v)];
    const nik = S.nik.replace(/\D/g, '');
    const card = S.deliver ? `${t('deliver')}: ${S.street.trim()} ${S.house.trim()}, ${S.kel}, ${S.kec}` : t('pickup');
    return [stepHead('s_confirm'), h('dl', { class: 'summary' },
      row('c_service', serviceName(S.service)), row('c_site', siteName(site)),
      row('c_when', fmtSlot(S.slot.start, S.slot.end)),
      row('c_nik', nik), row('c_name', S.name.trim()), row('c_phone', S.phone.trim()),
      offersDelivery() ? row('c_delivery', card) : null),
    powLine(), errorBox(S.error),
    S.error === 'err_slot_full' || S.error === 'err_conflict_book' || S.error === 'err_no_slot'
      ? h('button', { class: 'btn', type: 'button', id: 'pick-other', onclick: async () => {
        S.slot = null;
        go('slot');
        await refreshSlots();
      } }, t('s_slot')) : null,
    h('div', { class: 'row' }, backBtn(offersDelivery() ? 'delivery' : 'person'),
      h('button', { class: 'btn primary', type: 'button', id: 'submit', disabled: S.busy, onclick: submit },
        S.busy ? t('sending') : t('submit')))];
  }

  // The proof of work's progress, updated in place (a render per step would be wasted work).
  function powText() {
    const p = window.POW.state();
    return p.done ? t('pow_ready') : p.failed ? t('pow_failed') : t('pow_working', { pct: p.pct });
  }
  const powLine = () => h('p', { class: 'note pow', id: 'pow', 'aria-live': 'polite' }, powText());
  window.POW.onChange(() => {
    const el = $('#pow');
    if (el) el.textContent = powText();
  });

  async function submit() {
    S.busy = true;
    S.error = null;
    render();
    let r;
    // Each answer is accepted once: one that expired or was refused is replaced and sent again.
    for (let attempt = 0; attempt < 2; attempt++) {
      const pow = await window.POW.proof(site);
      r = await api('POST', `/api/v1/sites/${site}/bookings`, {
        nik: S.nik.replace(/[\s.-]/g, ''),
        name: S.name.trim(),
        phone: S.phone.trim(),
        service: S.service,
        slot_start: S.slot.start,
        delivery: S.deliver && offersDelivery()
          ? { kecamatan: S.kec, kelurahan: S.kel, street: S.street.trim(), house: S.house.trim() } : null,
        pow,
      });
      if (r.status !== 0) window.POW.spend();
      if (!(r.body && r.body.error && /^pow_/.test(r.body.error.code))) break;
    }
    S.busy = false;
    if (r.status === 201 && r.body && r.body.code) {
      S.result = r.body;
      go('done');
      return;
    }
    if (r.status === 202 && r.body && r.body.status === 'pending') {
      // In the first seconds after a release requests are drawn: wait for the result here.
      S.pending = { id: r.body.request_id, drawAt: r.body.draw_at, nik: S.nik.replace(/\D/g, '') };
      go('pending');
      setTimeout(pollPending, 1000);
      return;
    }
    S.error = errorKey(r, 'book');
    render();
  }

  // Asks for the draw's result until it is known, then shows the booking or the refusal as a
  // direct request would have had them.
  async function pollPending() {
    const p = S.pending;
    if (!p || S.step !== 'pending') return;
    const r = await api('GET', `/api/v1/booking-requests/${encodeURIComponent(p.id)}?nik=${encodeURIComponent(p.nik)}`);
    if (S.pending !== p) return;
    const status = r.ok && r.body ? r.body.status : null;
    if (status === 'booked' && r.body.booking) {
      S.pending = null;
      S.result = r.body.booking;
      go('done');
    } else if (status === 'refused') {
      S.pending = null;
      go('confirm');
      S.error = errorKey({ status: 409, body: { error: r.body.reason || {} } }, 'book');
      render();
    } else {
      setTimeout(pollPending, r.status === 429 ? 10000 : 2000);
    }
  }

  function viewPending() {
    const at = S.pending ? S.pending.drawAt.slice(11, 19) : '';
    return [h('h2', { id: 'pending' }, t('pending_at', { time: at })),
      h('p', { class: 'note' }, t('pending_note'))];
  }

  function viewDone() {
    const b = S.result;
    return [h('h2', { class: 'ok' }, '✓ ' + t('done_title')), h('div', { class: 'ticket' }, codeBlock(b.code),
      h('p', { class: 'when' }, serviceName(b.service)),
      whereBlock(b),
      h('p', { class: 'when' }, t('come_at', { when: fmtSlot(b.slot_start, b.slot_end) })),
      arrivalBlock(b),
      h('p', { class: 'free inline' }, t('free'))),
    h('p', { class: 'hint', id: 'save-hint' }, t('save_hint')),
    h('div', { class: 'row noprint' }, printBtn()),
    h('div', { class: 'row noprint' },
      h('button', { class: 'btn', type: 'button', id: 'again', onclick: () => {
        Object.assign(S, { service: null, slots: null, day: null, slot: null, result: null, deliver: false });
        go('service');
      } }, t('book_again')),
      h('button', { class: 'btn primary', type: 'button', id: 'to-status', onclick: () => {
        S.check.code = b.code;
        S.check.nik = S.nik.replace(/\D/g, '');
        setTab('check');
        lookup();
      } }, t('see_status')))];
  }

  // ------------------------------------------------------------------ check / manage

  async function lookup(keepNotice) {
    const c = S.check;
    const code = c.code.replace(/[\s-]/g, '').toUpperCase();
    if (keepNotice !== true) c.notice = null;
    if (code.length !== 8) {
      c.error = 'err_code';
      return render();
    }
    const nikErr = window.NIK.checkNik(c.nik);
    if (nikErr) {
      c.error = nikErr;
      return render();
    }
    c.busy = true;
    render();
    const r = await api('GET', `/api/v1/bookings/${encodeURIComponent(code)}?nik=${encodeURIComponent(c.nik.replace(/\D/g,
      ''))}`);
    c.busy = false;
    c.booking = r.ok ? r.body : null;
    c.error = r.ok ? null : errorKey(r, 'lookup');
    c.confirm = false;
    c.resched = false;
    render();
  }

  async function cancelBooking() {
    const c = S.check;
    c.busy = true;
    render();
    const r = await api('POST', `/api/v1/bookings/${c.booking.code}/cancel`, { nik: c.nik.replace(/\D/g, '') });
    c.busy = false;
    c.confirm = false;
    if (r.ok) {
      c.booking = r.body;
      c.notice = 'cancelled_ok';
      c.error = null;
    } else {
      c.error = errorKey(r, 'cancel');
    }
    render();
  }

  async function startResched() {
    const c = S.check;
    c.resched = true;
    c.slots = null;
    c.day = null;
    c.error = null;
    render();
    const got = await loadSlots(c.booking.service, c.booking.site);
    c.slots = got.slots || [];
    c.error = got.error || null;
    render();
  }

  async function reschedule(slot) {
    const c = S.check;
    c.busy = true;
    render();
    const r = await api('POST', `/api/v1/bookings/${c.booking.code}/reschedule`, {
      nik: c.nik.replace(/\D/g, ''), slot_start: slot.start,
    });
    c.busy = false;
    if (r.ok) {
      c.booking = r.body;
      c.resched = false;
      c.notice = 'resched_ok';
      c.error = null;
      lookup(true); // fetch progress too
      return;
    }
    c.error = errorKey(r, 'resched');
    if (r.body && r.body.error && r.body.error.code === 'slot_full') {
      const got = await loadSlots(c.booking.service, c.booking.site);
      c.slots = got.slots || c.slots;
    }
    render();
  }

  // Timeline entries [{key, detail, state: done|now|todo|warn}] from the booking and its progress.
  function timeline(b) {
    const p = b.progress || {};
    const ticket = p.ticket || null;
    const checked = b.status === 'checked_in' || !!ticket;
    const served = ticket && ticket.status === 'done';
    const items = [{ key: 'tl_booked', state: 'done' }];
    items.push({ key: 'tl_checked_in', state: checked ? 'done' : 'todo',
      detail: ticket && ticket.number ? t('tl_ticket', { n: ticket.number }) : null });
    items.push({ key: 'tl_served', state: served ? 'done' : 'todo' });
    const printing = b.service === 'cetak' || b.delivery || p.print;
    if (!printing) return mark(items);
    if (p.print === 'backlog') {
      items.push({ key: 'tl_backlog', state: 'now',
        detail: p.backlog_position ? t('tl_backlog_pos', { n: p.backlog_position }) : null });
    }
    items.push({ key: 'tl_printed', state: p.print === 'printed' ? 'done' : 'todo' });
    if (b.delivery || p.delivery) {
      const d = p.delivery;
      if (d === 'pickup') {
        items.push({ key: 'tl_pickup', state: 'now' });
      } else {
        if (d === 'pending') items.push({ key: 'tl_pending', state: 'now' });
        if (d === 'failed') items.push({ key: 'tl_failed', state: 'warn' });
        items.push({ key: 'tl_out', state: d === 'out' || d === 'delivered' ? 'done' : 'todo' });
        items.push({ key: 'tl_delivered', state: d === 'delivered' ? 'done' : 'todo' });
      }
    } else if (p.print === 'printed') {
      items.push({ key: 'tl_pickup', state: 'now' });
    }
    return mark(items);
  }

  // The last finished step is "now" unless a step already says so or the journey is complete.
  function mark(items) {
    if (items.some((i) => i.state === 'now' || i.state === 'warn')) return items;
    let last = -1;
    items.forEach((it, i) => {
      if (it.state === 'done') last = i;
    });
    if (last >= 0 && last < items.length - 1) items[last].state = 'now';
    return items;
  }

  function viewTimeline(b) {
    return h('ol', { class: 'timeline', id: 'timeline' }, timeline(b).map((it) => h('li', { class: it.state,
      'data-step': it.key.slice(3) }, h('b', null, t(it.key)), it.detail ? h('span', null, it.detail) : null)));
  }

  // "Lupa kode?": NIK and phone bring the code back, by SMS where the office has a gateway.
  function viewRecover() {
    const r = S.recover;
    if (!r.open) {
      return h('p', { class: 'forgot' }, h('a', { href: '#check', id: 'forgot', onclick: (ev) => {
        ev.preventDefault();
        r.open = true;
        render();
      } }, t('forgot')));
    }
    const parts = [h('h3', null, t('recover_title')), h('p', { class: 'hint' }, t('recover_hint')),
      h('form', { class: 'lookup', id: 'recover-form', novalidate: true, onsubmit: (ev) => {
        ev.preventDefault();
        recover();
      } },
      field('recover-nik', 'nik', h('input', { id: 'recover-nik', value: r.nik, inputmode: 'numeric', autocomplete: 'off',
        maxlength: 20, oninput: (ev) => { r.nik = ev.target.value; } })),
      field('recover-phone', 'phone_label', h('input', { id: 'recover-phone', value: r.phone, inputmode: 'tel',
        autocomplete: 'tel', maxlength: 20, oninput: (ev) => { r.phone = ev.target.value; } })),
      h('button', { class: 'btn primary', id: 'recover-btn', disabled: r.busy }, t('recover_btn')))];
    if (r.error) parts.push(h('p', { class: 'error', role: 'alert', id: 'recover-error' }, errorText(r.error)));
    if (r.sent) parts.push(h('p', { class: 'notice', id: 'recover-sent', role: 'status' }, t('recover_sent')));
    if (r.found && r.found.length) {
      parts.push(h('p', null, t('recover_found')), h('ul', { class: 'recovered', id: 'recovered' }, r.found.map((b) =>
        h('li', null, h('b', { class: 'code' }, fmtCode(b.code)), ' ', serviceName(b.service), ', ',
          fmtSlot(b.slot_start, b.slot_end), ' ',
          h('button', { class: 'btn', type: 'button', onclick: () => {
            S.check.code = b.code;
            S.check.nik = r.nik.replace(/\D/g, '');
            r.open = false;
            lookup();
          } }, t('recover_use'))))));
    }
    return h('section', { class: 'recover', id: 'recover' }, parts);
  }

  async function recover() {
    const r = S.recover;
    r.error = window.NIK.checkNik(r.nik);
    r.sent = false;
    r.found = null;
    if (r.error) return render();
    r.busy = true;
    render();
    const res = await api('POST', `/api/v1/sites/${site}/bookings/recover`, { nik: r.nik.replace(/\D/g, ''),
      phone: r.phone.trim() });
    r.busy = false;
    if (res.ok && res.body) {
      r.sent = !!res.body.sent;
      r.found = res.body.bookings || [];
    } else {
      r.error = res.status === 0 ? 'err_network' : res.status === 429 ? 'err_rate'
        : res.body && res.body.error && res.body.error.message ? '!' + res.body.error.message : 'err_server';
    }
    render();
  }

  function viewCheck() {
    const c = S.check;
    const parts = [h('h2', null, t('s_check')), h('form', { class: 'lookup', novalidate: true, onsubmit: (ev) => {
      ev.preventDefault();
      lookup(false);
    } },
    field('check-code', 'code', h('input', { id: 'check-code', value: c.code, autocomplete: 'off', autocapitalize:
      'characters', maxlength: 12, oninput: (ev) => { c.code = ev.target.value; } })),
    field('check-nik', 'nik', h('input', { id: 'check-nik', value: c.nik, inputmode: 'numeric', autocomplete: 'off',
      maxlength: 20, oninput: (ev) => { c.nik = ev.target.value; } })),
    h('button', { class: 'btn primary', id: 'check-btn', disabled: c.busy }, c.booking ? t('refresh') : t('show')))];
    if (!c.booking) parts.push(viewRecover());
    parts.push(errorBox(c.error));
    if (c.notice) parts.push(h('p', { class: 'notice', id: 'notice', role: 'status' }, t(c.notice)));
    const b = c.booking;
    if (!b) return parts;
    const statusKey = b.progress && b.progress.ticket && b.progress.ticket.status === 'done' ? 'st_served'
      : 'st_' + b.status;
    const active = b.status !== 'cancelled' && b.status !== 'no_show'; // no QR for a code the kiosk refuses
    parts.push(h('div', { class: 'ticket', id: 'booking' }, active ? codeBlock(b.code)
      : h('p', { class: 'code', id: 'code' }, fmtCode(b.code)),
      h('p', { class: 'when' }, serviceName(b.service)),
      whereBlock(b),
      h('p', { class: 'when', id: 'when' }, fmtSlot(b.slot_start, b.slot_end)),
      h('p', { class: 'status st-' + b.status, id: 'status' }, `${t('status')}: ${t(statusKey)}`),
      b.status === 'booked' ? arrivalBlock(b) : null));
    if (b.status === 'booked') parts.push(h('div', { class: 'row noprint' }, printBtn()));
    if (b.status === 'cancelled') parts.push(h('p', { class: 'note' }, t('cancelled_note')));
    else if (b.status === 'no_show') parts.push(h('p', { class: 'note' }, t('no_show_note')));
    else parts.push(h('h3', null, t('tl')), viewTimeline(b));
    if (b.status === 'booked') {
      if (c.resched) {
        parts.push(h('h3', null, t('resched_pick')));
        if (!c.slots) parts.push(h('p', { class: 'note' }, t('loading')));
        else {
          const others = c.slots.filter((s) => s.start !== b.slot_start);
          if (!c.day) {
            parts.push(dayButtons(others, null, (day) => {
              c.day = day;
              render();
            }));
          } else {
            parts.push(h('p', { class: 'picked' }, fmtDate(c.day)), slotButtons(others, c.day, null, reschedule),
              h('button', { class: 'btn ghost', type: 'button', id: 'other-day', onclick: () => {
                c.day = null;
                render();
              } }, t('other_day')));
          }
        }
        parts.push(h('button', { class: 'btn ghost', type: 'button', onclick: () => {
          c.resched = false;
          render();
        } }, t('back')));
      } else if (c.confirm) {
        parts.push(h('div', { class: 'confirm' }, h('p', null, t('cancel_sure')), h('div', { class: 'row' },
          h('button', { class: 'btn', type: 'button', onclick: () => {
            c.confirm = false;
            render();
          } }, t('keep')),
          h('button', { class: 'btn danger', type: 'button', id: 'cancel-yes', disabled: c.busy, onclick: cancelBooking },
            t('cancel_yes')))));
      } else {
        parts.push(h('div', { class: 'row' },
          h('button', { class: 'btn', type: 'button', id: 'resched', onclick: startResched }, t('reschedule')),
          h('button', { class: 'btn danger', type: 'button', id: 'cancel', onclick: () => {
            c.confirm = true;
            c.notice = null;
            render();
          } }, t('cancel'))));
      }
    }
    return parts;
  }

  // ------------------------------------------------------------------ page

  const views = { service: viewService, date: viewDate, slot: viewSlot, person: viewPerson,
    delivery: viewDelivery, confirm: viewConfirm, done: viewDone, pending: viewPending };

  function render() {
    document.documentElement.lang = lang;
    document.title = t('title');
    $('#title').textContent = t('title');
    $('#office').textContent = t('office');
    $('#lang').textContent = t('lang');
    $('#tab-book').textContent = t('tab_book');
    $('#tab-check').textContent = t('tab_check');
    $('#free').textContent = t('free');
    $('#tab-book').classList.toggle('on', S.tab === 'book');
    $('#tab-check').classList.toggle('on', S.tab === 'check');
    const app = $('#app');
    // A render replaces every field. The one being typed in (the services or the stock level can
    // arrive mid-word on a slow line) keeps the focus and the caret, so no keystroke goes astray.
    const el = document.activeElement;
    const typing = el && el.id && app.contains(el) && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') ? { id: el.id, tag: el.tagName,
      caret: typeof el.selectionStart === 'number' ? [el.selectionStart, el.selectionEnd, el.selectionDirection] : null }
      : null;
    app.replaceChildren(...[S.tab === 'check' ? viewCheck() : views[S.step]()].flat(Infinity).filter(Boolean));
    if (typing) keepTyping(typing, document.getElementById(typing.id));
    document.body.dataset.view = S.tab === 'check' ? 'check' : S.step;
    renderStock();
  }

  function keepTyping(before, after) {
    if (!after || after.tagName !== before.tag || document.activeElement === after) return;
    after.focus();
    if (!before.caret) return;
    try {
      after.setSelectionRange(...before.caret);
    } catch (e) { /* an input without a caret (a radio, a checkbox) has none to keep */ }
  }

  function renderStock() {
    const el = $('#stock');
    el.hidden = !S.stock;
    if (!S.stock) return;
    el.className = 'stock lvl-' + S.stock;
    el.replaceChildren(h('span', null, t('stock') + ' '), h('b', { id: 'stock-level' }, t('stock_' + S.stock)));
  }

  function setTab(tab) {
    S.tab = tab;
    if (location.hash !== '#' + tab) history.replaceState(null, '', '#' + tab);
    render();
  }

  function fromHash() {
    const m = /^#(book|check)(?:\/([A-Za-z0-9-]{1,12}))?$/.exec(location.hash);
    if (!m) return;
    if (m[2]) S.check.code = m[2];
    S.tab = m[1];
  }

  $('#lang').addEventListener('click', () => {
    lang = lang === 'id' ? 'en' : 'id';
    localStorage.setItem('antre.lang', lang);
    render();
  });
  $('#tab-book').addEventListener('click', (ev) => {
    ev.preventDefault();
    setTab('book');
  });
  $('#tab-check').addEventListener('click', (ev) => {
    ev.preventDefault();
    setTab('check');
  });
  window.addEventListener('hashchange', () => {
    fromHash();
    render();
  });
  fromHash();
  render();
  loadServices();
  loadStock();
})();
