import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describeBudget, describeValue, meetsBudget, type Measurement } from "./bench-module";

const RESULTS_DIR = "bench/results";

/**
 * The one table `npm run bench` prints: a line per scenario, with its latency and/or its value
 * (a throughput, a ratio, a count), its budget and verdict.
 */
export function formatTable(measurements: Measurement[]): string {
  const header = ["bench", "scenario", "runs", "p50 ms", "p95 ms", "max ms", "value", "budget", "result"];
  const ms = (value: number | undefined) => (value === undefined ? "-" : value.toFixed(2));
  const rows = measurements.map((m) => [
    m.bench,
    m.scenario,
    String(m.runs),
    ms(m.p50Ms),
    ms(m.p95Ms),
    ms(m.maxMs),
    describeValue(m.value),
    describeBudget(m.budget),
    verdict(m),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  // Text left-aligned, figures right-aligned, so a column of milliseconds reads down.
  const numeric = new Set([2, 3, 4, 5, 6]);
  const line = (cells: string[]) => `| ${cells.map((c, i) => (numeric.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (numeric.has(i) ? "-".repeat(w + 1) + ":" : "-".repeat(w + 2))).join("|")}|`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}

export function verdict(measurement: Measurement): "PASS" | "FAIL" | "info" {
  const met = meetsBudget(measurement);
  return met === null ? "info" : met ? "PASS" : "FAIL";
}

/** Writes the run's record to bench/results/<timestamp>.json (git-ignored) and returns its path. */
export function writeResults(record: Record<string, unknown>, startedAt: Date): string {
  const dir = resolve(process.cwd(), RESULTS_DIR);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${startedAt.toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, JSON.stringify(record, null, 2) + "\n");
  return file;
}
