import { existsSync, readdirSync, readFileSync } from "node:fs";
import { cpus } from "node:os";
import postgres from "postgres";

// Where the time goes while a load runs, for the JSON record: who used the CPUs, and what the
// database's sessions were doing (running, waiting on a lock, waiting on the client).

const SAMPLE_EVERY_MS = 100;
// The sampler stops by itself after this long, whatever happens to the bench.
const MAX_SAMPLING_MS = 10 * 60_000;
const CLOCK_TICKS_PER_SECOND = 100;

export type CpuUse = {
  wallSeconds: number;
  cores: number;
  machineBusyCores: number;
  benchProcessCores: number;
  appServerCores: number | null;
  /** The part of appServerCores spent in the kernel (socket writes to Postgres and to clients). */
  appServerKernelCores: number | null;
  postgresCores: number | null;
};

/** CPU time used between start and stop, in cores (1.0 = one core busy the whole time). */
function startCpuMeter(options: { appServerPid?: number } = {}): { stop: () => CpuUse } {
  const started = performance.now();
  const machine = machineTicks();
  const own = process.cpuUsage();
  const app = options.appServerPid ? processTreeTicks(options.appServerPid) : null;
  const pg = postgresTicks();
  return {
    stop: () => {
      const wall = (performance.now() - started) / 1000;
      const machineNow = machineTicks();
      const ownNow = process.cpuUsage(own);
      const per = (ticks: number) => Math.round((ticks / CLOCK_TICKS_PER_SECOND / wall) * 100) / 100;
      return {
        wallSeconds: Math.round(wall * 10) / 10,
        cores: cpus().length,
        machineBusyCores: Math.round(busyCoresBetween(machine, machineNow) * 100) / 100,
        benchProcessCores: Math.round(((ownNow.user + ownNow.system) / 1e6 / wall) * 100) / 100,
        appServerCores: app !== null && options.appServerPid ? per(processTreeTicks(options.appServerPid).total - app.total) : null,
        appServerKernelCores: app !== null && options.appServerPid ? per(processTreeTicks(options.appServerPid).system - app.system) : null,
        postgresCores: pg !== null ? per(postgresTicksSince(pg)) : null,
      };
    },
  };
}

export type ActivitySummary = {
  samples: number;
  /** Mean sessions per state and wait ("active: CPU", "active: Lock/transactionid", "idle in transaction: Client/ClientRead"). */
  meanSessions: Record<string, number>;
  /** The statements most often seen waiting on a lock, with how many samples saw them. */
  lockWaits: { query: string; samples: number }[];
};

export type LoadProfile = { cpu: CpuUse; activity: ActivitySummary };

/** Both meters at once, around a measured phase (stop it before the load's connections close). */
export function startLoadProfile(url: string, appServerPid?: number): { stop: () => Promise<LoadProfile> } {
  const cpu = startCpuMeter({ appServerPid });
  const activity = sampleActivity(url);
  return { stop: async () => ({ cpu: cpu.stop(), activity: await activity.stop() }) };
}

/** Samples pg_stat_activity of one database every 100 ms until stopped. */
function sampleActivity(url: string): { stop: () => Promise<ActivitySummary> } {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const byWait = new Map<string, number>();
  const lockWaits = new Map<string, number>();
  let samples = 0;
  let stopping = false;
  const until = performance.now() + MAX_SAMPLING_MS;
  const loop = (async () => {
    while (!stopping && performance.now() < until) {
      const rows = await sql<{ state: string; wait: string; query: string }[]>`
        select state, coalesce(wait_event_type || '/' || wait_event, 'CPU') as wait, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) as query
        from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and state in ('active', 'idle in transaction')`;
      samples++;
      for (const row of rows) {
        const key = `${row.state}: ${row.wait}`;
        byWait.set(key, (byWait.get(key) ?? 0) + 1);
        if (row.wait.startsWith("Lock/")) lockWaits.set(row.query, (lockWaits.get(row.query) ?? 0) + 1);
      }
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_EVERY_MS));
    }
  })();
  return {
    stop: async () => {
      stopping = true;
      await loop;
      await sql.end({ timeout: 5 });
      const mean = (n: number) => Math.round((n / Math.max(1, samples)) * 100) / 100;
      return {
        samples,
        meanSessions: Object.fromEntries([...byWait].sort((a, b) => b[1] - a[1]).map(([k, n]) => [k, mean(n)])),
        lockWaits: [...lockWaits]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 5)
          .map(([query, n]) => ({ query, samples: n })),
      };
    },
  };
}

function machineTicks(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const cpu of cpus()) {
    const t = cpu.times;
    busy += t.user + t.nice + t.sys + t.irq;
    total += t.user + t.nice + t.sys + t.irq + t.idle;
  }
  return { busy, total };
}

/** How many of the machine's cores were busy, on average, between two readings of machineTicks. */
function busyCoresBetween(before: { busy: number; total: number }, after: { busy: number; total: number }): number {
  return ((after.busy - before.busy) / Math.max(1, after.total - before.total)) * cpus().length;
}

// utime + stime (and stime alone) of a process and its descendants, in clock ticks (Linux /proc; 0 elsewhere).
function processTreeTicks(pid: number): { total: number; system: number } {
  const own = processTicks(pid) ?? { user: 0, system: 0 };
  const ticks = { total: own.user + own.system, system: own.system };
  for (const child of childrenOf(pid)) {
    const sub = processTreeTicks(child);
    ticks.total += sub.total;
    ticks.system += sub.system;
  }
  return ticks;
}

function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

function processTicks(pid: number): { user: number; system: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces: the fields start after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { user: Number(fields[11]), system: Number(fields[12]) };
  } catch {
    return null;
  }
}

// Every postgres process on this machine (all databases, so other work on the server counts too):
// ticks per pid, so backends that start or end during the load are counted from zero or up to then.
function postgresTicks(): Map<number, number> | null {
  if (!existsSync("/proc")) return null;
  const ticks = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() !== "postgres") continue;
    } catch {
      continue;
    }
    const t = processTicks(Number(entry));
    if (t !== null) ticks.set(Number(entry), t.user + t.system);
  }
  return ticks;
}

function postgresTicksSince(before: Map<number, number>): number {
  const now = postgresTicks() ?? new Map<number, number>();
  let total = 0;
  for (const [pid, t] of now) total += t - (before.get(pid) ?? 0);
  return Math.max(0, total);
}

export type QuietWait = { quiet: boolean; waitedSeconds: number; busyCores: number; autovacuumWorkers: number };

/**
 * Waits, up to `timeoutSeconds`, until the machine is quiet: under `maxBusyCores` busy over each of
 * the last `windows` one-second windows and no autovacuum worker running on the server. A latency
 * figure taken while the previous bench's writes are still being vacuumed (or a checkpoint runs)
 * measures that work, not the path. Never throws for a busy machine: the caller reports `quiet`.
 */
export async function waitForQuietMachine(url: string, options: { timeoutSeconds?: number; maxBusyCores?: number; windows?: number } = {}): Promise<QuietWait> {
  const { timeoutSeconds = 120, maxBusyCores = 0.3, windows = 2 } = options;
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const started = performance.now();
  const recent: number[] = [];
  let autovacuumWorkers = 0;
  try {
    for (;;) {
      const before = machineTicks();
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const after = machineTicks();
      recent.push(busyCoresBetween(before, after));
      const [row] = await sql<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where backend_type = 'autovacuum worker'`;
      autovacuumWorkers = row!.n;
      const waitedSeconds = Math.round((performance.now() - started) / 100) / 10;
      const busyCores = Math.round(Math.max(...recent.slice(-windows)) * 100) / 100;
      if (isQuiet(recent, { maxBusyCores, windows }) && autovacuumWorkers === 0) return { quiet: true, waitedSeconds, busyCores, autovacuumWorkers };
      if (waitedSeconds >= timeoutSeconds) return { quiet: false, waitedSeconds, busyCores, autovacuumWorkers };
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Whether the last `windows` busy-core readings were all under `maxBusyCores`. */
export function isQuiet(busyCores: number[], options: { maxBusyCores: number; windows: number }): boolean {
  const last = busyCores.slice(-options.windows);
  return last.length === options.windows && last.every((b) => b < options.maxBusyCores);
}

/** One log line for a quiet wait. */
export function describeQuietWait(wait: QuietWait): string {
  return wait.quiet
    ? `quiet after ${wait.waitedSeconds} s (${wait.busyCores} cores busy, no autovacuum)`
    : `still busy after ${wait.waitedSeconds} s (${wait.busyCores} cores busy, ${wait.autovacuumWorkers} autovacuum workers): the figures below include that work`;
}
