import { describe, expect, it } from "vitest";
import { parsePgbenchLog, parsePgbenchSummary } from "./intake-pgbench";

// pgbench 15's closing lines for a timed run, as it prints them.
const summary15 = `pgbench (15.20 (Debian 15.20-0+deb12u1))
transaction type: multiple scripts
scaling factor: 1
query mode: extended
number of clients: 32
number of threads: 2
maximum number of tries: 1
duration: 10 s
number of transactions actually processed: 3751
number of failed transactions: 0 (0.000%)
latency average = 85.420 ms
initial connection time = 41.233 ms
tps = 374.625338 (without initial connection time)
SQL script 1: /tmp/baton-pgbench-x/intake-0.sql
 - weight: 8 (targets 2.5% of total)
`;

describe("parsePgbenchSummary", () => {
  it("reads the transactions, failures, duration, tps and average latency", () => {
    expect(parsePgbenchSummary(summary15)).toEqual({ transactions: 3751, failed: 0, seconds: 10, tps: 374.625338, latencyAverageMs: 85.42 });
  });

  it("reads an older pgbench, which prints no failure line and words its tps differently", () => {
    const older = summary15
      .replace(/number of failed transactions.*\n/, "")
      .replace("(without initial connection time)", "(excluding connections establishing)");
    expect(parsePgbenchSummary(older)).toMatchObject({ failed: 0, tps: 374.625338 });
  });

  it("names what is missing rather than reporting a zero", () => {
    expect(() => parsePgbenchSummary("pgbench: error: connection to server failed")).toThrow(/no transaction count/);
  });
});

describe("parsePgbenchLog", () => {
  it("takes each transaction's time in milliseconds and skips failed or malformed lines", () => {
    const log = ["0 1 85420 3 1764766000 123456", "1 1 1200 0 1764766000 223456", "2 1 failed 0 1764766000 323456", "", "garbage"].join("\n");
    expect(parsePgbenchLog(log)).toEqual([85.42, 1.2]);
  });
});
