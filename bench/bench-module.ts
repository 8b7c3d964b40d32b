import type { BenchDatabase } from "./bench-database";

/**
 * A budget a measurement must meet: a latency ceiling, or a floor or ceiling on the line's value
 * (a rate such as leads/s, a ratio, a count), in the value's own unit.
 */
export type Budget =
  { kind: "p95_below_ms"; ms: number } | { kind: "at_least"; unit: string; value: number } | { kind: "at_most"; unit: string; value: number };

/** A figure that is not a latency: a throughput, a ratio or a count, with its unit. */
export type Quantity = { amount: number; unit: string };

/**
 * One line of the results table: a scenario's latency over many runs and/or a value (a throughput,
 * a ratio, a count), and its budget if it has one.
 */
export type Measurement = {
  bench: string;
  scenario: string;
  runs: number;
  /** Latency over the runs; absent on a line that only reports a value. */
  p50Ms?: number;
  p95Ms?: number;
  maxMs?: number;
  value?: Quantity;
  /** Absent: reported for information, never fails the run. */
  budget?: Budget;
};

export type BenchContext = {
  database: BenchDatabase;
  /** Rows of the main table the bench works on (1,000,000 unless `--rows` says otherwise). */
  rows: number;
  runs: number;
  /** Overrides a timed bench's measured duration (`--seconds`): for a quick try, not for the record. */
  seconds?: number;
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
  const budget = measurement.budget;
  if (!budget) return null;
  switch (budget.kind) {
    case "p95_below_ms":
      return measurement.p95Ms !== undefined && measurement.p95Ms < budget.ms;
    case "at_least":
    case "at_most": {
      // A value in another unit than the budget's is a bench bug: it fails rather than passing by accident.
      const value = measurement.value;
      if (!value || value.unit !== budget.unit || !Number.isFinite(value.amount)) return false;
      return budget.kind === "at_least" ? value.amount >= budget.value : value.amount <= budget.value;
    }
  }
}

export function describeBudget(budget: Budget | undefined): string {
  if (!budget) return "-";
  switch (budget.kind) {
    case "p95_below_ms":
      return `p95 < ${budget.ms} ms`;
    case "at_least":
      return `≥ ${formatAmount(budget.value)} ${budget.unit}`;
    case "at_most":
      // Counts cannot go below zero: "at most none" reads better as "= 0".
      return `${budget.value === 0 ? "=" : "≤"} ${formatAmount(budget.value)} ${budget.unit}`;
  }
}

export function describeValue(value: Quantity | undefined): string {
  return value ? `${formatAmount(value.amount)} ${value.unit}` : "-";
}

// Thousands separated; a fraction keeps two or three decimals, so a ratio of 0.329 does not print as
// the 0.33 it fails to reach.
function formatAmount(amount: number): string {
  if (!Number.isFinite(amount)) return String(amount);
  return Number.isInteger(amount) || Math.abs(amount) >= 100
    ? Math.round(amount).toLocaleString("en")
    : amount.toLocaleString("en", { minimumFractionDigits: 2, maximumFractionDigits: 3 });
}
