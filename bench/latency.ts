/**
 * Runs `operation` `warmup` times unmeasured (connections opened, plans cached, pages in memory),
 * then `runs` times one after another, and returns each measured run's wall time in milliseconds.
 * Each run gets fresh parameters from `draw`, made outside the timed section.
 */
export async function measureLatency<P>(options: {
  runs: number;
  warmup: number;
  draw: () => P | Promise<P>;
  operation: (params: P) => Promise<unknown>;
}): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < options.warmup + options.runs; i++) {
    const params = await options.draw();
    const started = performance.now();
    await options.operation(params);
    const ms = performance.now() - started;
    if (i >= options.warmup) samples.push(ms);
  }
  return samples;
}

export type LatencySummary = { runs: number; p50Ms: number; p95Ms: number; maxMs: number };

export function summarise(samples: number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    runs: sorted.length,
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    maxMs: round(sorted[sorted.length - 1] ?? Number.NaN),
  };
}

// Nearest rank: the value below which `p` percent of the runs fall, always one that was measured.
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
