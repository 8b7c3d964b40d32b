/**
 * Where one request's time went, phase by phase, for a `Server-Timing` header: the intake bench
 * reads it to say which layer costs the endpoint its throughput. A phase timed twice adds up.
 */
export type PhaseTimer = {
  time: <T>(phase: string, work: () => Promise<T>) => Promise<T>;
  /** `read;dur=0.2, auth;dur=1.4, …, total;dur=9.8`: total since the timer started, phases in first-timed order. */
  header: () => string;
};

export function phaseTimer(now: () => number = () => performance.now()): PhaseTimer {
  const started = now();
  const phases = new Map<string, number>();
  return {
    async time(phase, work) {
      const from = now();
      try {
        return await work();
      } finally {
        phases.set(phase, (phases.get(phase) ?? 0) + now() - from);
      }
    },
    header() {
      const entries = [...phases, ["total", now() - started] as const];
      return entries.map(([name, ms]) => `${name};dur=${Math.round(ms * 100) / 100}`).join(", ");
    },
  };
}

/** `work` timed as `phase` when there is a timer, run as it is when there is none. */
export function timePhase<T>(timer: PhaseTimer | undefined, phase: string, work: () => Promise<T>): Promise<T> {
  return timer ? timer.time(phase, work) : work();
}

/** The header for an answer, when the request was timed (INTAKE_SERVER_TIMING on). */
export function serverTimingHeaders(timer: PhaseTimer | undefined): Record<string, string> {
  return timer ? { "Server-Timing": timer.header() } : {};
}

/** A `Server-Timing` header's durations by metric name (metrics without a dur are left out). */
export function parseServerTiming(header: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const metric of header.split(",")) {
    const [name, ...params] = metric.trim().split(";");
    const dur = params.map((p) => p.trim()).find((p) => p.startsWith("dur="));
    const ms = dur ? Number(dur.slice(4)) : NaN;
    if (name && Number.isFinite(ms)) out[name.trim()] = ms;
  }
  return out;
}
