/*
 * Durations (time to first action, to first human contact) as log histograms, the shape the
 * rollups keep them in (migration 0031, `metrics_duration_bucket`): bucket 0 holds [0, 1) second,
 * bucket i ≥ 1 holds [GROWTH^(i-1), GROWTH^i) seconds, the last one everything from about a
 * hundred years on (a package acted on long after it was imported). A percentile read off such a histogram lies in the same bucket as the exact one, so
 * it is within GROWTH - 1 (2%) of it, and under a second off in the first bucket: exact
 * percentiles need every duration of the range, which for a year is a million of them.
 */

export const DURATION_BUCKET_GROWTH = 1.02;
export const DURATION_BUCKETS = 1107;

/** Non-empty buckets in ascending order, with how many durations each holds. */
export type DurationHistogram = { buckets: number[]; counts: number[] };

export const emptyHistogram = (): DurationHistogram => ({ buckets: [], counts: [] });

/** The bucket of a duration in seconds, as the database computes it (a negative one counts as 0). */
export function durationBucket(seconds: number): number {
  if (seconds < 1) return 0;
  return Math.min(DURATION_BUCKETS - 1, 1 + Math.floor(Math.log(seconds) / Math.log(DURATION_BUCKET_GROWTH)));
}

/** The sum of two histograms (a range's whole days and its partial ones). */
export function addHistograms(a: DurationHistogram, b: DurationHistogram): DurationHistogram {
  const sums = new Map<number, number>();
  for (const h of [a, b]) h.buckets.forEach((bucket, i) => sums.set(bucket, (sums.get(bucket) ?? 0) + h.counts[i]!));
  const buckets = [...sums.keys()].filter((bucket) => sums.get(bucket) !== 0).sort((x, y) => x - y);
  return { buckets, counts: buckets.map((bucket) => sums.get(bucket)!) };
}

/**
 * The p-th percentile (0..1) as Postgres' percentile_cont computes it (interpolating between the
 * two nearest ranks), each rank's value placed within its bucket by its position there: evenly in
 * the first bucket, geometrically in the others. Null for an empty histogram.
 */
export function histogramPercentile(histogram: DurationHistogram, p: number): number | null {
  const total = histogram.counts.reduce((sum, n) => sum + n, 0);
  if (total <= 0) return null;
  const position = p * (total - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = valueAtRank(histogram, lower);
  return low + (position - lower) * (valueAtRank(histogram, upper) - low);
}

// The estimated value of the rank-th smallest duration (0-based).
function valueAtRank(histogram: DurationHistogram, rank: number): number {
  let before = 0;
  for (let i = 0; i < histogram.buckets.length; i++) {
    const count = histogram.counts[i]!;
    if (rank < before + count) {
      const within = (rank - before + 0.5) / count;
      const bucket = histogram.buckets[i]!;
      if (bucket === 0) return within;
      return DURATION_BUCKET_GROWTH ** (bucket - 1 + within);
    }
    before += count;
  }
  throw new Error(`rank ${rank} is beyond the histogram's ${before} durations`);
}

/**
 * Whether a duration read off a histogram (rounded to the second, as the dashboard gives it) is
 * as close to the exact one as its buckets promise: 2% of the larger of the two, plus the second
 * each may have been rounded by and the first bucket's second. Both null, or neither.
 */
export function withinHistogramError(estimate: number | null, exact: number | null): boolean {
  if (estimate === null || exact === null) return estimate === exact;
  return Math.abs(estimate - exact) <= (DURATION_BUCKET_GROWTH - 1) * Math.max(estimate, exact) + 2;
}

/** Time to first action and to first human contact of one slice. */
export type SliceDurations = { firstAction: DurationHistogram; firstContact: DurationHistogram };

/** A histogram row as the database returns it: `kind` 1 is time to first action, 2 to first human contact. */
export type DurationHistogramRecord = { key: string | null; kind: number | string; buckets: (number | string)[]; counts: (number | string)[] };

/** Rows of histograms (whole days and partial ones, in any order) summed per slice key. */
export function collectSliceDurations(records: DurationHistogramRecord[]): Map<string | null, SliceDurations> {
  const bySlice = new Map<string | null, SliceDurations>();
  for (const record of records) {
    const durations = bySlice.get(record.key) ?? { firstAction: emptyHistogram(), firstContact: emptyHistogram() };
    const histogram = { buckets: record.buckets.map(Number), counts: record.counts.map(Number) };
    if (Number(record.kind) === 1) durations.firstAction = addHistograms(durations.firstAction, histogram);
    else durations.firstContact = addHistograms(durations.firstContact, histogram);
    bySlice.set(record.key, durations);
  }
  return bySlice;
}
