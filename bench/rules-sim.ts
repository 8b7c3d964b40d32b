import postgres from "postgres";
import type { BenchModule } from "./bench-module";
import { buildCorpus } from "./intake-corpus";
import { summarise } from "./latency";

// The rules editor's simulation over the last 10,000 stored intakes, as the admin's server action
// runs it: read the raw events, parse them, triage each through the published rules and the edited
// ones. The issue's budget: under 10 s. The intakes are stamped and removed again afterwards, so
// the bench database's other datasets are left as they were.
const INTAKES = 10_000;
const RUNS = 3;
const BUDGET = { kind: "p95_below_ms", ms: 10_000 } as const;
const STAMP = "rules-sim-bench";

export const rulesSimBench: BenchModule = {
  name: "rules-sim",
  async run({ database, log }) {
    // Run alone (--only rules-sim) the bench database may be new: bring it to the current schema first.
    const { runMigrations } = await import("@/db/migrate");
    await runMigrations(database.url);
    // Imported here: the app's modules bind DATABASE_URL (set by bench/run.ts) when first loaded.
    const { ensureDefaultRuleSet } = await import("@/db/queries/rules");
    const { defaultRuleSet } = await import("@/lib/rules/default-rules");
    const { simulateRulesCommand } = await import("@/lib/rules/rule-set-commands");
    const { createLogger } = await import("@/lib/logger");

    const sql = postgres(database.url, { max: 2, onnotice: () => {} });
    try {
      await ensureDefaultRuleSet(defaultRuleSet as Record<string, unknown>);
      await sql`delete from intakes where external_id like ${`${STAMP}:%`}`;
      log(`rules-sim: storing ${INTAKES} intakes`);
      const corpus = buildCorpus({ size: INTAKES });
      // Newer than anything else in the table, so "the last 10,000" are exactly these.
      const rows = corpus.map((entry, i) => ({
        external_id: `${STAMP}:${i}`,
        channel: entry.event.channel,
        source: sql.json((entry.event.source ?? {}) as postgres.JSONValue),
        raw: sql.json(entry.event as postgres.JSONValue),
        received_at: entry.event.receivedAt,
        created_at: new Date(Date.now() + 60_000 + i),
      }));
      for (let i = 0; i < rows.length; i += 1_000) await sql`insert into intakes ${sql(rows.slice(i, i + 1_000))}`;

      const candidate = structuredClone(defaultRuleSet);
      candidate.thresholds.monthlyLeads = 100;
      candidate.thresholds.employees = 20;
      const actor = { id: "bench", name: "bench", email: "bench@bench.test", role: "admin" as const, teamId: null };
      const quiet = createLogger({ bench: "rules-sim" });
      const samples: number[] = [];
      let last: Awaited<ReturnType<typeof simulateRulesCommand.handler>> | null = null;
      for (let run = 0; run < RUNS; run++) {
        const started = performance.now();
        last = await simulateRulesCommand.handler({
          actor,
          log: quiet,
          input: { source: "recent", rules: candidate as Record<string, unknown>, limit: INTAKES },
        });
        samples.push(performance.now() - started);
        log(`rules-sim: run ${run + 1}: ${last.total} intakes, ${last.movedCount} move, ${Math.round(samples.at(-1)!)} ms`);
      }
      const latency = summarise(samples);
      return {
        measurements: [
          { bench: "rules-sim", scenario: `simulate ${INTAKES.toLocaleString("en")} stored intakes (read, parse, 2 rule sets)`, ...latency, budget: BUDGET },
          {
            bench: "rules-sim",
            scenario: "intakes simulated per second",
            runs: RUNS,
            value: { amount: Math.round((INTAKES * 1000) / latency.p50Ms), unit: "intakes/s" },
          },
        ],
        details: { intakes: last?.total ?? 0, moved: last?.movedCount ?? 0, byTransition: last?.byTransition.slice(0, 5) ?? [] },
      };
    } finally {
      await sql`delete from intakes where external_id like ${`${STAMP}:%`}`;
      await sql.end({ timeout: 5 });
    }
  },
};
