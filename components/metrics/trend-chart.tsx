import type { TrendPoint } from "@/lib/metrics/dashboard";

// Server-rendered SVG: a trend needs no chart library's JavaScript in the browser.
const series = [
  { key: "created", label: "Created", color: "#475569" },
  { key: "accepted", label: "Accepted", color: "#2563eb" },
  { key: "converted", label: "Converted", color: "#16a34a" },
  { key: "discarded", label: "Discarded", color: "#dc2626" },
] as const;

const WIDTH = 720;
const HEIGHT = 200;
const PAD = { top: 12, right: 12, bottom: 24, left: 36 };

export function TrendChart({ points, every }: { points: TrendPoint[]; every: "day" | "week" }) {
  const max = niceMax(Math.max(1, ...points.flatMap((p) => series.map((s) => p[s.key]))));
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (points.length <= 1 ? plotWidth / 2 : (i / (points.length - 1)) * plotWidth);
  const y = (v: number) => PAD.top + plotHeight - (v / max) * plotHeight;
  const labelEvery = Math.max(1, Math.ceil(points.length / 8));
  const unit = every === "week" ? "week" : "day";
  return (
    <div className="px-4 py-3">
      <ul className="mb-2 flex flex-wrap gap-3 text-xs text-slate-600" aria-hidden>
        {series.map((s) => (
          <li key={s.key} className="flex items-center gap-1">
            <span className="inline-block size-2.5 rounded-sm" style={{ background: s.color }} />
            {s.label}
          </li>
        ))}
      </ul>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full" role="img" aria-labelledby="trend-title" data-testid="trend-chart">
        <title id="trend-title">{`Handoffs per ${unit}: created, accepted, converted and discarded`}</title>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(max * f)} y2={y(max * f)} stroke="#e2e8f0" />
            <text x={PAD.left - 6} y={y(max * f) + 4} textAnchor="end" fontSize="10" fill="#64748b">
              {Math.round(max * f)}
            </text>
          </g>
        ))}
        {points.map((p, i) =>
          i % labelEvery === 0 ? (
            <text key={p.bucket} x={x(i)} y={HEIGHT - 6} textAnchor="middle" fontSize="10" fill="#64748b">
              {p.bucket.slice(5)}
            </text>
          ) : null,
        )}
        {series.map((s) => (
          <polyline
            key={s.key}
            fill="none"
            stroke={s.color}
            strokeWidth="2"
            strokeLinejoin="round"
            points={points.map((p, i) => `${x(i)},${y(p[s.key])}`).join(" ")}
          />
        ))}
      </svg>
      {/* The same numbers for screen readers and anyone who prefers a table. */}
      <details className="mt-2 text-xs text-slate-600">
        <summary className="cursor-pointer">Show as a table</summary>
        <table className="mt-2 w-full text-left tabular-nums">
          <thead>
            <tr className="text-slate-500">
              <th className="py-1 pr-3 font-medium">{every === "week" ? "Week of" : "Day"}</th>
              {series.map((s) => (
                <th key={s.key} className="py-1 pr-3 font-medium">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.bucket} className="border-t border-slate-100">
                <td className="py-1 pr-3">{p.bucket}</td>
                {series.map((s) => (
                  <td key={s.key} className="py-1 pr-3">
                    {p[s.key]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}

/** A round top for the axis: 1, 2 or 5 times a power of ten. */
function niceMax(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (value <= step * power) return step * power;
  return 10 * power;
}
