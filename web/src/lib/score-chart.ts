/** A small inline SVG bar chart: each judge's score (0–1) with a tick at its threshold. */
import type { JudgeScore } from "../api/types";

const svgNs = "http://www.w3.org/2000/svg";

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const el = document.createElementNS(svgNs, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

export const judgeName = (s: JudgeScore) => s.name || s.kind || "judge";

/** Clamps to 0–1 (a judge's score, a threshold); anything not a number is 0. */
export function unit(value: unknown): number {
  const n = typeof value === "number" && Number.isFinite(value) ? value : 0;
  return Math.min(1, Math.max(0, n));
}

/** Meets its threshold: the host says so when it can; otherwise score ≥ threshold and no judge error. */
export function meets(s: JudgeScore): boolean {
  if (typeof s.meetsThreshold === "boolean") return s.meetsThreshold;
  return typeof s.threshold === "number" && s.score >= s.threshold && !s.error;
}

export function scoreChart(scores: JudgeScore[], label: string): SVGSVGElement {
  const labelWidth = 110, barWidth = 200, row = 26, width = labelWidth + barWidth + 50;
  const height = scores.length * row + 6;
  const chart = svg("svg", { role: "img", "aria-label": label, viewBox: `0 0 ${width} ${height}`, width, height, class: "score-chart" });
  chart.append(svg("title", {}, label));
  scores.forEach((s, i) => {
    const y = i * row + 4;
    const score = unit(s.score);
    chart.append(
      svg("text", { x: 0, y: y + 13, class: "score-label" }, judgeName(s)),
      svg("rect", { x: labelWidth, y, width: barWidth, height: 16, class: "score-track" }),
      svg("rect", { x: labelWidth, y, width: Math.round(score * barWidth), height: 16, class: meets(s) ? "score-bar score-ok" : "score-bar score-low" }),
      svg("text", { x: labelWidth + barWidth + 6, y: y + 13, class: "score-value" }, score.toFixed(2)),
    );
    if (typeof s.threshold === "number") {
      const x = labelWidth + Math.round(unit(s.threshold) * barWidth);
      chart.append(svg("line", { x1: x, x2: x, y1: y - 3, y2: y + 19, class: "score-threshold" }));
    }
  });
  return chart;
}
