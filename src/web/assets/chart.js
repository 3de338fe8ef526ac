// Our own inline SVG bar chart (no library): one bar per stage, with a title and description for screen readers.
const NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, text) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** Horizontal bars: rows of { label, value, tone }, widest value scaled to the chart's width. */
export function barChart(title, rows) {
  const barHeight = 22;
  const gap = 6;
  const labelWidth = 190;
  const width = 720;
  const height = rows.length * (barHeight + gap) + 10;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const id = `chart-${Math.random().toString(36).slice(2, 8)}`;
  const chart = svg('svg', { class: 'chart', role: 'img', viewBox: `0 0 ${width} ${height}`, width: '100%', 'aria-labelledby': `${id}-title ${id}-desc`, preserveAspectRatio: 'xMinYMin meet' });
  chart.append(svg('title', { id: `${id}-title` }, title));
  chart.append(svg('desc', { id: `${id}-desc` }, rows.map((r) => `${r.label}: ${r.value}`).join(', ')));
  rows.forEach((row, i) => {
    const y = 5 + i * (barHeight + gap);
    const barWidth = Math.round(((width - labelWidth - 60) * row.value) / max);
    const group = svg('g', { 'data-stage': row.label });
    group.append(svg('text', { x: labelWidth - 8, y: y + barHeight * 0.7, 'text-anchor': 'end' }, row.label));
    group.append(svg('rect', { class: `bar ${row.tone ?? ''}`, x: labelWidth, y, width: Math.max(barWidth, row.value ? 2 : 0), height: barHeight, rx: 3 }));
    group.append(svg('text', { x: labelWidth + barWidth + 6, y: y + barHeight * 0.7, class: 'value' }, String(row.value)));
    chart.append(group);
  });
  return chart;
}

/** Colours of the stacked bands, in pipeline order (distinct in hue and lightness; the legend names each). */
const bandColours = ['#9aa5b4', '#b8c4d6', '#4f7cc0', '#1f4e8c', '#7d5ba6', '#c08a2e', '#8a5a00', '#d6a74b', '#3c8d9c', '#1d6b3a', '#6b8e23', '#5a6576', '#c9757c', '#a3222b', '#2f4858', '#e0b0d5', '#7fb069', '#444'];

/**
 * Stacked areas over time: `points` is [{ at, values: { band: count } }], `bands` the bands bottom up as
 * [{ key, label, colour? }]. Each band's colour is shown in the legend (an HTML list beside the chart); the chart's
 * description reads the latest counts for screen readers. Returns { chart, legend }.
 */
export function stackedAreaChart(title, points, bands) {
  const width = 720;
  const height = 260;
  const pad = { left: 44, right: 12, top: 10, bottom: 34 };
  const id = `chart-${Math.random().toString(36).slice(2, 8)}`;
  const times = points.map((p) => Date.parse(p.at));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times, t0 + 1);
  const totals = points.map((p) => bands.reduce((n, b) => n + (p.values[b.key] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const x = (t) => pad.left + ((t - t0) / (t1 - t0)) * (width - pad.left - pad.right);
  const y = (v) => height - pad.bottom - (v / max) * (height - pad.top - pad.bottom);
  const latest = points.at(-1);
  const chart = svg('svg', { class: 'chart over-time', role: 'img', viewBox: `0 0 ${width} ${height}`, width: '100%', 'aria-labelledby': `${id}-title ${id}-desc`, preserveAspectRatio: 'xMinYMin meet' });
  chart.append(svg('title', { id: `${id}-title` }, title));
  chart.append(svg('desc', { id: `${id}-desc` }, latest ? `${points.length} counts from ${new Date(t0).toLocaleString()} to ${new Date(t1).toLocaleString()}; latest: ${bands.map((b) => `${b.label} ${latest.values[b.key] ?? 0}`).join(', ')}` : 'No count yet'));
  // Axes: zero and the largest total on y, the first and last time on x.
  chart.append(svg('line', { x1: pad.left, y1: y(0), x2: width - pad.right, y2: y(0), class: 'axis' }));
  chart.append(svg('text', { x: pad.left - 6, y: y(0) + 4, 'text-anchor': 'end' }, '0'));
  chart.append(svg('text', { x: pad.left - 6, y: y(max) + 10, 'text-anchor': 'end' }, String(max)));
  if (latest) {
    chart.append(svg('text', { x: pad.left, y: height - 10 }, new Date(t0).toLocaleTimeString()));
    chart.append(svg('text', { x: width - pad.right, y: height - 10, 'text-anchor': 'end' }, new Date(t1).toLocaleTimeString()));
  }
  // One polygon per band: its top edge forward, the band below's top edge back.
  const base = points.map(() => 0);
  bands.forEach((band, i) => {
    const tops = points.map((p, j) => base[j] + (p.values[band.key] ?? 0));
    if (tops.every((v, j) => v === base[j])) return;
    const single = points.length === 1;
    const xs = single ? [pad.left, width - pad.right] : times.map(x);
    const top = single ? [tops[0], tops[0]] : tops;
    const bottom = single ? [base[0], base[0]] : [...base];
    const path = [...xs.map((px, j) => `${px.toFixed(1)},${y(top[j]).toFixed(1)}`), ...xs.map((px, j) => `${px.toFixed(1)},${y(bottom[j]).toFixed(1)}`).reverse()].join(' ');
    const area = svg('polygon', { points: path, fill: band.colour ?? bandColours[i % bandColours.length], 'data-band': band.key });
    area.append(svg('title', {}, `${band.label}: ${latest.values[band.key] ?? 0} now`));
    chart.append(area);
    tops.forEach((v, j) => { base[j] = v; });
  });
  const legend = document.createElement('ul');
  legend.className = 'legend';
  bands.forEach((band, i) => {
    const item = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = band.colour ?? bandColours[i % bandColours.length];
    item.append(swatch, `${band.label}: ${latest?.values[band.key] ?? 0}`);
    legend.append(item);
  });
  return { chart, legend };
}
