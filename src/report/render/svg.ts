/** Small inline SVG charts for the HTML report: plain strings, no scripts, no external assets. */

export const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const WIDTH = 560;
const HEIGHT = 180;
const PAD = { left: 48, right: 12, top: 12, bottom: 28 };

function frame(title: string, body: string, height = HEIGHT): string {
  return `<svg class="chart" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${WIDTH} ${height}" xmlns="http://www.w3.org/2000/svg"><title>${escapeHtml(title)}</title>${body}</svg>`;
}

function text(x: number, y: number, content: string, anchor = 'start', extra = ''): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" text-anchor="${anchor}" ${extra}>${escapeHtml(content)}</text>`;
}

/** A line over labelled points (missing values break the line); y from 0 to the maximum. */
export function lineChart(title: string, points: { label: string; value: number | null }[], format: (v: number) => string): string {
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  const max = Math.max(1e-9, ...values);
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (points.length <= 1 ? plotW / 2 : (i / (points.length - 1)) * plotW);
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const segments: string[] = [];
  let current: string[] = [];
  points.forEach((p, i) => {
    if (p.value === null) {
      if (current.length) segments.push(current.join(' '));
      current = [];
    } else current.push(`${x(i).toFixed(1)},${y(p.value).toFixed(1)}`);
  });
  if (current.length) segments.push(current.join(' '));
  const lines = segments.map((s) => `<polyline class="line" points="${s}"/>`).join('');
  const dots = points.map((p, i) => (p.value === null ? '' : `<circle class="dot" cx="${x(i).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="2"><title>${escapeHtml(`${p.label}: ${format(p.value)}`)}</title></circle>`)).join('');
  const axis = `<line class="axis" x1="${PAD.left}" y1="${PAD.top + plotH}" x2="${WIDTH - PAD.right}" y2="${PAD.top + plotH}"/>`;
  const labels = points.length
    ? text(PAD.left, HEIGHT - 8, points[0].label) + text(WIDTH - PAD.right, HEIGHT - 8, points[points.length - 1].label, 'end') + text(PAD.left - 6, PAD.top + 10, format(max), 'end') + text(PAD.left - 6, PAD.top + plotH, '0', 'end')
    : '';
  return frame(title, axis + lines + dots + labels);
}

/** Vertical bars, one per labelled count. */
export function barChart(title: string, bars: [string, number][]): string {
  const max = Math.max(1, ...bars.map(([, v]) => v));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const step = plotW / Math.max(1, bars.length);
  const body = bars
    .map(([label, value], i) => {
      const h = (value / max) * plotH;
      const x = PAD.left + i * step + step * 0.15;
      return `<rect class="bar" x="${x.toFixed(1)}" y="${(PAD.top + plotH - h).toFixed(1)}" width="${(step * 0.7).toFixed(1)}" height="${h.toFixed(1)}"><title>${escapeHtml(`${label}: ${value}`)}</title></rect>${text(x + step * 0.35, HEIGHT - 8, label, 'middle')}${text(x + step * 0.35, PAD.top + plotH - h - 3, String(value), 'middle', 'class="value"')}`;
    })
    .join('');
  return frame(title, body);
}

/** Horizontal bars of percentages (0-100), one per label. */
export function percentBars(title: string, bars: [string, number | null][]): string {
  const rowH = 24;
  const height = PAD.top + bars.length * rowH + 8;
  const plotW = WIDTH - 120 - 60;
  const body = bars
    .map(([label, value], i) => {
      const y = PAD.top + i * rowH;
      const w = value === null ? 0 : (value / 100) * plotW;
      return `${text(112, y + 15, label, 'end')}<rect class="bar" x="120" y="${y + 4}" width="${w.toFixed(1)}" height="${rowH - 8}"/>${text(124 + w, y + 15, value === null ? '–' : `${value.toFixed(1)}%`)}`;
    })
    .join('');
  return frame(title, body, height);
}

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** A weekday x hour grid, darker for more. */
export function heatmap(title: string, counts: number[][]): string {
  const cell = 19;
  const left = 40;
  const top = 18;
  const max = Math.max(1, ...counts.flat());
  let body = '';
  for (let hour = 0; hour < 24; hour += 3) body += text(left + hour * cell + cell / 2, 12, String(hour).padStart(2, '0'), 'middle');
  counts.forEach((row, day) => {
    body += text(left - 6, top + day * cell + 13, DAYS[day], 'end');
    row.forEach((count, hour) => {
      const opacity = count === 0 ? 0.04 : 0.12 + 0.88 * (count / max);
      body += `<rect class="cell" x="${left + hour * cell}" y="${top + day * cell}" width="${cell - 2}" height="${cell - 2}" fill-opacity="${opacity.toFixed(3)}"><title>${DAYS[day]} ${String(hour).padStart(2, '0')}:00: ${count}</title></rect>`;
    });
  });
  return frame(title, body, top + 7 * cell + 6).replace(`viewBox="0 0 ${WIDTH}`, `viewBox="0 0 ${left + 24 * cell + 4}`);
}
