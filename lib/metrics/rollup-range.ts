const DAY_MS = 86_400_000;

/** An instant range, start included, end not. */
export type InstantRange = { start: Date; end: Date };

/**
 * How a range is read: the whole UTC days inside it from the daily rollups (`days`, `from`
 * included, `to` not, as YYYY-MM-DD), and the partial first and last day from the raw rows. The
 * dashboard's ranges are whole UTC days, so for it `raw` is empty; a range inside one day is all raw.
 */
export type RollupPlan = { days: { from: string; to: string } | null; raw: InstantRange[] };

export function planRollupRead(range: InstantRange): RollupPlan {
  const start = range.start.getTime();
  const end = range.end.getTime();
  if (!(end > start)) return { days: null, raw: [] };
  const firstWhole = Math.ceil(start / DAY_MS) * DAY_MS;
  const lastWhole = Math.floor(end / DAY_MS) * DAY_MS;
  if (firstWhole >= lastWhole) return { days: null, raw: [{ start: range.start, end: range.end }] };
  const raw: InstantRange[] = [];
  if (start < firstWhole) raw.push({ start: range.start, end: new Date(firstWhole) });
  if (lastWhole < end) raw.push({ start: new Date(lastWhole), end: range.end });
  return { days: { from: dayOf(firstWhole), to: dayOf(lastWhole) }, raw };
}

function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
