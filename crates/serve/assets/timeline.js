// The timeline: matching articles per month as an inline SVG bar chart.
// Months without articles are drawn as gaps; spans longer than ten years
// are drawn per year so bars stay wide enough to see and click.

import { svg, el, clear, count } from "./dom.js";

const MAX_MONTHS = 120;

/** `byMonth`: [["YYYY-MM", n], ...] in order. */
export function periods(byMonth) {
  if (!byMonth.length) return [];
  const counts = new Map(byMonth);
  const [fy, fm] = byMonth[0][0].split("-").map(Number);
  const [ly, lm] = byMonth[byMonth.length - 1][0].split("-").map(Number);
  const months = (ly - fy) * 12 + (lm - fm) + 1;
  const out = [];
  if (months > MAX_MONTHS) {
    const years = new Map();
    for (const [month, n] of byMonth) years.set(month.slice(0, 4), (years.get(month.slice(0, 4)) || 0) + n);
    for (let y = fy; y <= ly; y++) out.push([String(y), years.get(String(y)) || 0]);
    return out;
  }
  for (let i = 0; i < months; i++) {
    const y = fy + Math.floor((fm - 1 + i) / 12);
    const m = ((fm - 1 + i) % 12) + 1;
    const key = `${y}-${String(m).padStart(2, "0")}`;
    out.push([key, counts.get(key) || 0]);
  }
  return out;
}

/**
 * Draws the chart into `box`. `isSelected(period)` marks bars inside the
 * current date filter; `onPick(period)` filters to a bar's month or year.
 */
export function renderTimeline(box, byMonth, isSelected, onPick) {
  clear(box);
  const bars = periods(byMonth);
  if (!bars.length) {
    box.append(el("p", { class: "muted" }, "No dated articles match."));
    return;
  }
  const width = Math.max(320, box.clientWidth || 640);
  const height = 120, top = 14, bottom = 20, left = 4;
  const max = Math.max(...bars.map(([, n]) => n), 1);
  const slot = (width - left * 2) / bars.length;
  const gap = slot > 6 ? Math.min(3, slot * 0.2) : 0;
  const chart = svg("svg", {
    class: "chart", width, height, viewBox: `0 0 ${width} ${height}`,
    role: "group", "aria-label": `Matching articles per ${bars[0][0].length === 4 ? "year" : "month"}`,
  });
  const plot = height - top - bottom;
  bars.forEach(([period, n], i) => {
    const x = left + i * slot;
    const h = n ? Math.max(2, (n / max) * plot) : 0;
    const label = `${period}: ${count(n)} ${n === 1 ? "article" : "articles"}`;
    const pick = () => n && onPick(period);
    const bar = svg("g", {
      class: "bar" + (isSelected(period) ? " selected" : "") + (n ? "" : " empty"),
      tabindex: n ? 0 : -1, role: n ? "button" : "img", "aria-label": label,
      onclick: pick,
      onkeydown: (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); pick(); } },
    },
    svg("title", {}, label),
    // A full-height target, so low bars are as easy to click as tall ones.
    svg("rect", { class: "target", x, y: top, width: slot, height: plot }),
    svg("rect", { class: "fill", x: x + gap / 2, y: top + plot - h, width: Math.max(1, slot - gap), height: h }));
    chart.append(bar);
  });
  const ticks = tickIndexes(bars);
  for (const i of ticks) {
    // The outermost labels align to the chart's edges so none is clipped.
    const anchor = i === 0 ? "start" : i === bars.length - 1 ? "end" : "middle";
    const x = anchor === "start" ? left + i * slot : anchor === "end" ? left + (i + 1) * slot : left + i * slot + slot / 2;
    chart.append(svg("text", { class: "tick", x, y: height - 5, "text-anchor": anchor }, bars[i][0]));
  }
  chart.append(svg("text", { class: "tick", x: width - left, y: 10, "text-anchor": "end" }, `max ${count(max)}`));
  box.append(chart);
}

/** Which bars get a label: the first, the last, and a few evenly spaced. */
function tickIndexes(bars) {
  const n = bars.length;
  if (n <= 6) return bars.map((_, i) => i);
  const step = Math.ceil(n / 6);
  const out = [];
  for (let i = 0; i < n - step * 0.75; i += step) out.push(i);
  out.push(n - 1);
  return out;
}
