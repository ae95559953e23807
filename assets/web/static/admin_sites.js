// Admin page, sites card ("Lokasi"): every site of the server with its address and open
// switch, and forms to create a site, add a service to a site and add a counter. The list comes
// from the public GET /api/v1/sites; each change is one POST, refused input is explained in
// the page's notice line and what was typed stays.
'use strict';

(function () {
  const A = window.Antre;
  A.addTexts({
    id: {
      sitesTitle: 'Lokasi',
      siteIdCol: 'Kode', siteNameCol: 'Nama kantor', addressCol: 'Alamat', siteServicesCol: 'Layanan', siteOpenCol: 'Buka',
      timeZone: 'Zona waktu', newSite: 'Tambah lokasi', newSiteService: 'Tambah layanan di lokasi', newSiteCounter: 'Tambah loket di lokasi',
      siteLabel: 'Lokasi', svcIdLabel: 'Kode layanan', prefixLabel: 'Awalan nomor', counterIdLabel: 'Kode loket',
      siteCreated: 'Lokasi {x} dibuat.', siteServiceCreated: 'Layanan {x} ditambahkan.', siteCounterCreated: 'Loket {x} ditambahkan.',
      siteClosed: 'Lokasi {x} ditutup.', siteReopened: 'Lokasi {x} dibuka kembali.', noServicesYet: 'Belum ada layanan', siteClosedTag: 'ditutup',
      siteFixedHint: 'Kode, zona waktu dan awalan nomor tidak bisa diubah sesudah dibuat.',
      latLabel: 'Lintang (lat)', lonLabel: 'Bujur (lon)',
    },
    en: {
      sitesTitle: 'Sites',
      siteIdCol: 'Id', siteNameCol: 'Office name', addressCol: 'Address', siteServicesCol: 'Services', siteOpenCol: 'Open',
      timeZone: 'Time zone', newSite: 'Add a site', newSiteService: 'Add a service to a site', newSiteCounter: 'Add a counter to a site',
      siteLabel: 'Site', svcIdLabel: 'Service id', prefixLabel: 'Number prefix', counterIdLabel: 'Counter id',
      siteCreated: 'Site {x} created.', siteServiceCreated: 'Service {x} added.', siteCounterCreated: 'Counter {x} added.',
      siteClosed: 'Site {x} closed.', siteReopened: 'Site {x} reopened.', noServicesYet: 'No services yet', siteClosedTag: 'closed',
      siteFixedHint: 'The id, time zone and number prefixes cannot change once created.',
      latLabel: 'Latitude', lonLabel: 'Longitude',
    },
  });

  const kZones = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'];

  window.AntreAdminSites = function (env) {
    let sites = [];
    const list = A.h('div', { id: 'site-list' });
    const siteSelect = (id) => A.h('select', { id, 'aria-label': A.t('siteLabel') });
    const field = (key, input) => A.h('label', {}, A.h('span', { 'data-i18n': key }), input);

    // Runs one POST with its button disabled; the list is read again whatever happened.
    async function post(button, path, body, okKey, name, after) {
      button.disabled = true;
      try {
        await A.api('POST', path, body);
        env.notice('ok', A.t(okKey, { x: name }));
        if (after) after();
      } catch (e) {
        env.failed(e);
      } finally {
        button.disabled = false;
        await load();
        env.refresh();
      }
    }

    const siteForm = (() => {
      const id = A.h('input', { id: 'site-id', autocomplete: 'off', required: true, pattern: '[A-Za-z0-9_\\-]{1,32}' });
      const name = A.h('input', { id: 'site-name', autocomplete: 'off', required: true, maxlength: 80 });
      const address = A.h('input', { id: 'site-address', autocomplete: 'off', maxlength: 200 });
      const zone = A.h('select', { id: 'site-tz' }, kZones.map((z) => A.h('option', { value: z }, z)));
      // Optional: where the office is, so the booking page can list the nearest first.
      const lat = A.h('input', { id: 'site-lat', type: 'number', step: 'any', min: -90, max: 90, size: 9 });
      const lon = A.h('input', { id: 'site-lon', type: 'number', step: 'any', min: -180, max: 180, size: 9 });
      const add = A.h('button', { class: 'btn primary', type: 'submit', id: 'site-add', 'data-i18n': 'add' });
      const form = A.h('form', { class: 'row', id: 'new-site-form' }, field('siteIdCol', id), field('siteNameCol', name),
        field('addressCol', address), field('timeZone', zone), field('latLabel', lat), field('lonLabel', lon), add);
      form.addEventListener('submit', (ev) => {
        ev.preventDefault();
        const body = { id: id.value.trim(), name: name.value.trim(), time_zone: zone.value, address: address.value.trim() };
        // Half a point is sent as given, so the server's refusal names it.
        if (lat.value !== '' || lon.value !== '') Object.assign(body, { lat: lat.value === '' ? null : Number(lat.value), lon: lon.value === '' ? null : Number(lon.value) });
        post(add, '/api/v1/admin/sites', body, 'siteCreated', body.name, () => { id.value = name.value = address.value = lat.value = lon.value = ''; });
      });
      return form;
    })();

    const serviceSite = siteSelect('svc-site');
    const serviceForm = (() => {
      const id = A.h('input', { id: 'svc-id', autocomplete: 'off', required: true, pattern: '[A-Za-z0-9_\\-]{1,32}' });
      const prefix = A.h('input', { id: 'svc-prefix', autocomplete: 'off', required: true, pattern: '[A-Z]{1,3}', size: 4 });
      const nameId = A.h('input', { id: 'svc-name-id', autocomplete: 'off', required: true, maxlength: 60 });
      const nameEn = A.h('input', { id: 'svc-name-en', autocomplete: 'off', maxlength: 60 });
      const add = A.h('button', { class: 'btn primary', type: 'submit', id: 'svc-add', 'data-i18n': 'add' });
      const form = A.h('form', { class: 'row', id: 'new-site-service-form' }, field('siteLabel', serviceSite),
        field('svcIdLabel', id), field('prefixLabel', prefix), field('nameId', nameId), field('nameEn', nameEn), add);
      form.addEventListener('submit', (ev) => {
        ev.preventDefault();
        const body = { id: id.value.trim(), prefix: prefix.value.trim(), name: { id: nameId.value.trim(), en: nameEn.value.trim() } };
        post(add, `/api/v1/sites/${encodeURIComponent(serviceSite.value)}/admin/services`, body, 'siteServiceCreated',
          body.name.id, () => { id.value = prefix.value = nameId.value = nameEn.value = ''; });
      });
      return form;
    })();

    const counterSite = siteSelect('ctr-site');
    const counterChecks = A.h('div', { class: 'svc-checks', id: 'ctr-services' });
    const counterForm = (() => {
      const id = A.h('input', { id: 'ctr-id', autocomplete: 'off', required: true, pattern: '[A-Za-z0-9_\\-]{1,32}', size: 6 });
      const name = A.h('input', { id: 'ctr-name', autocomplete: 'off', maxlength: 40 });
      const add = A.h('button', { class: 'btn primary', type: 'submit', id: 'ctr-add', 'data-i18n': 'add' });
      const form = A.h('form', { class: 'row', id: 'new-site-counter-form' }, field('siteLabel', counterSite),
        field('counterIdLabel', id), field('nameCol', name), field('servesCol', counterChecks), add);
      counterSite.addEventListener('change', renderChecks);
      form.addEventListener('submit', (ev) => {
        ev.preventDefault();
        const services = Array.from(counterChecks.querySelectorAll('input:checked'), (i) => i.value);
        if (!services.length) return env.notice('error', A.t('needService'));
        const body = { id: id.value.trim(), name: name.value.trim(), services };
        post(add, `/api/v1/sites/${encodeURIComponent(counterSite.value)}/admin/counters`, body, 'siteCounterCreated',
          body.name || body.id, () => { id.value = name.value = ''; });
      });
      return form;
    })();

    function renderChecks() {
      const site = sites.find((s) => s.id === counterSite.value);
      const services = site ? site.services : [];
      counterChecks.replaceChildren(...(services.length ? services.map((v) => A.h('label', {},
        A.h('input', { type: 'checkbox', value: v.id }), A.lang === 'en' ? v.name.en : v.name.id))
        : [A.h('span', { class: 'muted' }, A.t('noServicesYet'))]));
    }

    // Keeps a select's choice when the list is read again.
    function fillSites(select) {
      const was = select.value;
      select.replaceChildren(...sites.map((s) => A.h('option', { value: s.id }, `${s.id} — ${s.name}`)));
      if (sites.some((s) => s.id === was)) select.value = was;
    }

    function render() {
      const rows = sites.map((s) => {
        const open = A.h('input', { type: 'checkbox', checked: s.open, 'aria-label': A.t('siteOpenCol'), dataset: { field: 'open' } });
        open.addEventListener('change', () => post(open, `/api/v1/admin/sites/${encodeURIComponent(s.id)}`, { open: open.checked },
          open.checked ? 'siteReopened' : 'siteClosed', s.name));
        const names = s.services.map((v) => A.lang === 'en' ? v.name.en : v.name.id).join(', ');
        return A.h('tr', { dataset: { site: s.id }, class: s.open ? '' : 'closed' },
          A.h('td', {}, A.h('b', {}, s.id)),
          A.h('td', {}, s.name, s.open ? null : A.h('span', { class: 'closed-tag' }, ' (' + A.t('siteClosedTag') + ')')), A.h('td', {}, s.address),
          A.h('td', {}, names || A.t('noServicesYet')), A.h('td', {}, A.h('label', { class: 'switch' }, open)));
      });
      list.replaceChildren(A.h('table', { class: 'grid' },
        A.h('thead', {}, A.h('tr', {}, ['siteIdCol', 'siteNameCol', 'addressCol', 'siteServicesCol', 'siteOpenCol']
          .map((k) => A.h('th', {}, A.t(k))))),
        A.h('tbody', {}, rows)));
      fillSites(serviceSite);
      fillSites(counterSite);
      renderChecks();
    }

    async function load() {
      try {
        sites = (await A.api('GET', '/api/v1/sites')).data;
        render();
      } catch (e) {
        env.failed(e);
      }
    }

    const element = A.h('div', {}, list, A.h('p', { class: 'hint muted', 'data-i18n': 'siteFixedHint' }),
      A.h('h3', { class: 'sub', 'data-i18n': 'newSite' }), siteForm,
      A.h('h3', { class: 'sub', 'data-i18n': 'newSiteService' }), serviceForm,
      A.h('h3', { class: 'sub', 'data-i18n': 'newSiteCounter' }), counterForm);
    return { element, load, relabel: render };
  };
})();
