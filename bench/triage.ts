import { triage } from "@/lib/agent/triage";
import { compileRuleSet } from "@/lib/rules/compile";
import { defaultRuleSet } from "@/lib/rules/default-rules";
import type { BenchModule, Measurement } from "./bench-module";
import { buildCorpus } from "./intake-corpus";
import { summarise } from "./latency";

const WARMUP_SECONDS = 2;
const MEASURE_SECONDS = 10;
// A ceiling on the loop whatever the clock says: far above what one core triages in the window.
const MAX_LEADS = 5_000_000;
// The budget: deterministic triage on one core of the 2-core reference machine.
const THROUGHPUT_BUDGET = { kind: "at_least", unit: "leads/s", value: 5_000 } as const;

/**
 * Deterministic triage in-process, on one core (one Node thread, no I/O): the default rule set
 * compiled once, as the intake path caches it, then triage() over a varied corpus for a fixed time.
 * Each call is timed on its own, so the per-lead percentiles include the GC pauses a lead would see.
 */
export const triageBench: BenchModule = {
  name: "triage",
  async run({ seconds, log }) {
    const rules = compileRuleSet(defaultRuleSet, 1);
    const corpus = buildCorpus();
    const events = corpus.map((c) => c.event);
    const mix = decisionMix(events.map((event) => triage(event, rules).decision));
    log(`triage: ${events.length} distinct events (${JSON.stringify(mix)})`);

    const measureSeconds = seconds ?? MEASURE_SECONDS;
    log(`triage: ${WARMUP_SECONDS} s warm-up + ${measureSeconds} s measured`);
    let sink = 0;
    runFor(WARMUP_SECONDS, (i) => {
      sink += triage(events[i % events.length]!, rules).decision.reasons.length;
    });
    const samples = new Float64Array(MAX_LEADS);
    const started = performance.now();
    const count = runFor(measureSeconds, (i) => {
      const t0 = performance.now();
      sink += triage(events[i % events.length]!, rules).decision.reasons.length;
      samples[i] = performance.now() - t0;
    });
    const elapsed = (performance.now() - started) / 1000;
    // Read, so the engine cannot drop the calls as unused.
    if (sink < 0) log("unreachable");

    const latency = summarise(Array.from(samples.subarray(0, count)));
    const rate = count / elapsed;
    const micros = (ms: number) => Math.round(ms * 1000);
    const measurements: Measurement[] = [
      {
        bench: "triage",
        scenario: `throughput, default rules, ${events.length} events, 1 core`,
        runs: count,
        value: { amount: Math.round(rate), unit: "leads/s" },
        budget: THROUGHPUT_BUDGET,
      },
      { bench: "triage", scenario: "per-lead latency p50", runs: count, value: { amount: micros(latency.p50Ms), unit: "µs" } },
      { bench: "triage", scenario: "per-lead latency p95", runs: count, value: { amount: micros(latency.p95Ms), unit: "µs" } },
    ];
    return {
      measurements,
      details: {
        corpus: events.length,
        scenarios: new Set(corpus.map((c) => c.scenario)).size,
        languages: countBy(corpus.map((c) => c.language)),
        channels: countBy(events.map((e) => e.channel)),
        decisions: mix,
        warmupSeconds: WARMUP_SECONDS,
        measuredSeconds: Math.round(elapsed * 100) / 100,
        leads: count,
        leadsPerSecond: Math.round(rate),
        perLeadMicros: { p50: micros(latency.p50Ms), p95: micros(latency.p95Ms), max: micros(latency.maxMs) },
      },
    };
  },
};

// Calls `step` with 0, 1, 2, … until `seconds` have passed (checking the clock every 64 calls, so
// reading it costs nothing measurable) or MAX_LEADS is reached; returns how many calls were made.
function runFor(seconds: number, step: (i: number) => void): number {
  const deadline = performance.now() + seconds * 1000;
  let i = 0;
  while (i < MAX_LEADS) {
    step(i++);
    if (i % 64 === 0 && performance.now() >= deadline) break;
  }
  return i;
}

function decisionMix(decisions: { decision: string; priority: string | null }[]): Record<string, number> {
  return countBy(decisions.map((d) => (d.priority ? `${d.decision}/${d.priority}` : d.decision)));
}

function countBy(keys: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}
