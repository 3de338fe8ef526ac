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
