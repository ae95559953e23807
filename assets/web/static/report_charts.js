// Inline SVG charts for the report page: grouped bars per hour of day and a daily trend.
// No library and nothing fetched: each function returns an <svg> element built from numbers.
'use strict';

window.AntreCharts = (function () {
  const NS = 'http://www.w3.org/2000/svg';
  const C = {};

  function el(tag, attrs, text) {
    const e = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // A round top for the y axis (1, 2, 5 x 10^n) and its step, so gridlines fall on whole numbers.
  function axis(max) {
    if (max <= 0) return { top: 4, step: 1 };
    const raw = max / 4;
    const pow = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw);
    const whole = Math.max(1, Math.ceil(step));
    return { top: Math.ceil(max / whole) * whole, step: whole };
  }

  // Frame: gridlines with labels; returns {svg, x0, y(v), plotW}.
  function frame(width, height, max, label) {
    const pad = { l: 40, r: 10, t: 10, b: 28 };
    const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label });
    svg.append(el('title', {}, label));
    const { top, step } = axis(max);
    const plotH = height - pad.t - pad.b;
    const y = (v) => pad.t + plotH - (v / top) * plotH;
    for (let v = 0; v <= top; v += step) {
      svg.append(el('line', { x1: pad.l, x2: width - pad.r, y1: y(v), y2: y(v), stroke: v === 0 ? '#8a96a6' : '#e1e6ec' }));
      svg.append(el('text', { x: pad.l - 6, y: y(v) + 4, 'text-anchor': 'end' }, String(v)));
    }
    return { svg, x0: pad.l, plotW: width - pad.l - pad.r, y, bottom: height - pad.b };
  }

  // Bars of issued and served per hour; hours with no tickets at the edges are trimmed to
  // office hours (07-17) so a day's shape is readable.
  C.hourBars = function (hours, opts) {
    let first = 7, last = 17;
    hours.forEach((h) => {
      if (h.issued || h.served) {
        first = Math.min(first, h.hour);
        last = Math.max(last, h.hour);
      }
    });
    const shown = hours.filter((h) => h.hour >= first && h.hour <= last);
    const max = Math.max(0, ...shown.map((h) => Math.max(h.issued, h.served)));
    const f = frame(640, 200, max, opts.label);
    const slot = f.plotW / shown.length;
    const bw = Math.max(2, Math.min(18, slot / 2 - 3));
    shown.forEach((h, i) => {
      const cx = f.x0 + slot * i + slot / 2;
      const g = el('g', { class: 'hour', 'data-hour': h.hour, 'data-issued': h.issued, 'data-served': h.served });
      [['issued', opts.colors[0], cx - bw - 1], ['served', opts.colors[1], cx + 1]].forEach(([k, color, x]) => {
        const r = el('rect', { x, y: f.y(h[k]), width: bw, height: f.bottom - f.y(h[k]), fill: color, class: 'bar-' + k });
        r.append(el('title', {}, `${String(h.hour).padStart(2, '0')}:00 ${opts.names[k]}: ${h[k]}`));
        g.append(r);
      });
      g.append(el('text', { x: cx, y: f.bottom + 16, 'text-anchor': 'middle' }, String(h.hour).padStart(2, '0')));
      f.svg.append(g);
    });
    return f.svg;
  };

  // Issued and served per day as two lines with a dot per day; dates label the ends and middle.
  C.dailyTrend = function (days, opts) {
    const max = Math.max(0, ...days.map((d) => Math.max(d.issued, d.served)));
    const f = frame(640, 200, max, opts.label);
    const n = days.length;
    const x = (i) => f.x0 + (n === 1 ? f.plotW / 2 : (f.plotW * i) / (n - 1));
    [['issued', opts.colors[0]], ['served', opts.colors[1]]].forEach(([k, color]) => {
      const pts = days.map((d, i) => `${x(i).toFixed(1)},${f.y(d[k]).toFixed(1)}`).join(' ');
      f.svg.append(el('polyline', { points: pts, fill: 'none', stroke: color, 'stroke-width': 2.5, class: 'line-' + k }));
      if (n <= 62) {
        days.forEach((d, i) => {
          const c = el('circle', { cx: x(i), cy: f.y(d[k]), r: 3.5, fill: color, class: 'dot-' + k, 'data-day': d.day, 'data-value': d[k] });
          c.append(el('title', {}, `${d.day} ${opts.names[k]}: ${d[k]}`));
          f.svg.append(c);
        });
      }
    });
    const labels = n === 1 ? [0] : n === 2 ? [0, 1] : [0, Math.floor((n - 1) / 2), n - 1];
    labels.forEach((i, j) => {
      const anchor = n === 1 ? 'middle' : j === 0 ? 'start' : j === labels.length - 1 ? 'end' : 'middle';
      f.svg.append(el('text', { x: x(i), y: f.bottom + 16, 'text-anchor': anchor }, days[i].day));
    });
    return f.svg;
  };

  return C;
})();
