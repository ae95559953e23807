// The booking page's choice of office: the sites offering a service, each with its address and
// first free day, nearest first when the browser may say where the resident is. The position
// never leaves the page; it is only compared with the offices' coordinates here.
'use strict';

window.SITES = (function () {
  const lists = {};  // service id -> [{id, name, address, lat, lon, delivery, next_free_day}] or 'error'
  let here = null, asked = false;

  // Kilometres between two points on the sphere (haversine).
  function km(a, b) {
    const r = Math.PI / 180, dLat = (b.lat - a.lat) * r, dLon = (b.lon - a.lon) * r;
    const x = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(dLon / 2) ** 2;
    return 12742 * Math.asin(Math.sqrt(x));
  }
  const far = (s) => (here && s.lat !== null && s.lon !== null ? km(here, s) : Infinity);

  // Loads the sites offering `service` once; done() after it arrived (or failed).
  async function load(service, done) {
    if (lists[service]) return done();
    try {
      const res = await fetch(`/api/v1/services/${encodeURIComponent(service)}/sites`);
      lists[service] = res.ok ? await res.json() : 'error';
    } catch (e) {
      lists[service] = 'error';
    }
    done();
  }

  // Asks the browser for the resident's position once; done() when it is known. A refusal
  // or no answer keeps the server's order.
  function locate(done) {
    if (asked || !navigator.geolocation) return;
    asked = true;
    navigator.geolocation.getCurrentPosition((p) => {
      here = { lat: p.coords.latitude, lon: p.coords.longitude };
      done();
    }, () => {}, { timeout: 15000, maximumAge: 600000 });
  }

  // The sites offering `service`, nearest first when the position is known; null until loaded.
  function list(service) {
    const l = lists[service];
    if (!Array.isArray(l)) return l ? [] : null;
    return l.map((s, i) => ({ s, i, d: far(s) })).sort((a, b) => a.d - b.d || a.i - b.i)
      .map((x) => Object.assign({ km: x.d }, x.s));
  }

  // Choice buttons for the offices (nothing while loading or with one office). u = {h, t,
  // fmtDate}; pick(id) is called on a choice.
  function view(service, current, u, pick) {
    const l = list(service);
    if (!l || l.length < 2) return null;
    return u.h('div', { class: 'sites', id: 'sites' }, u.h('h3', null, u.t('s_site')),
      u.h('div', { class: 'choices' }, l.map((s, i) => u.h('button', {
        type: 'button',
        class: 'choice site' + (s.id === current ? ' on' : ''),
        'data-site': s.id,
        onclick: () => pick(s.id),
      }, u.h('b', null, s.name),
      s.address ? u.h('small', { class: 'desc' }, s.address) : null,
      u.h('span', null, s.next_free_day ? u.t('site_free', { day: u.fmtDate(s.next_free_day) }) : u.t('site_full')),
      s.delivery ? u.h('span', { class: 'delivery' }, u.t('delivery_ok')) : null,
      s.km !== Infinity ? u.h('span', { class: 'km' }, (i === 0 ? u.t('nearest') + ' · ' : '') +
        u.t('km', { n: s.km.toFixed(1).replace('.', u.t('decimal')) })) : null))));
  }

  return { load, locate, list, view };
})();
