import type { BenchDatabase } from "./bench-database";

/** A budget a measurement must meet; more kinds arrive with the throughput and load benches. */
export type Budget = { kind: "p95_below_ms"; ms: number };

/** One line of the results table: a scenario's latency over many runs, and its budget if it has one. */
export type Measurement = {
  bench: string;
  scenario: string;
  runs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Absent: reported for information, never fails the run. */
  budget?: Budget;
};

export type BenchContext = {
  database: BenchDatabase;
  /** Rows of the main table the bench works on (1,000,000 unless `--rows` says otherwise). */
  rows: number;
  runs: number;
  log: (line: string) => void;
};

export type BenchOutcome = {
  measurements: Measurement[];
  /** What the bench ran on, for the JSON record (dataset size, generation time, …). */
  details: Record<string, unknown>;
};

/** What bench/run.ts runs in turn: one per file under bench/. */
export type BenchModule = {
  name: string;
  run: (context: BenchContext) => Promise<BenchOutcome>;
};

export function meetsBudget(measurement: Measurement): boolean | null {
  if (!measurement.budget) return null;
  switch (measurement.budget.kind) {
    case "p95_below_ms":
      return measurement.p95Ms < measurement.budget.ms;
  }
}

export function describeBudget(budget: Budget | undefined): string {
  if (!budget) return "-";
  switch (budget.kind) {
    case "p95_below_ms":
      return `p95 < ${budget.ms} ms`;
  }
}
