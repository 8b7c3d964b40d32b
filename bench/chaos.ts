import { spawn } from "node:child_process";
import type { BenchModule, Measurement } from "./bench-module";

const NONE = (unit: string) => ({ kind: "at_most", unit, value: 0 }) as const;

type ChaosJson = {
  load: { connections: number; seconds: number; perSecond: number; ok: number; latency: { p50Ms: number; p95Ms: number; maxMs: number } };
  faults: { fault: string; lost: number; duplicated: number; problems: string[] }[];
  fuzz: { target: string; tried: number; failures: string[] }[];
  lost: number;
  duplicated: number;
};

/**
 * `npm run test:chaos` itself, in a process of its own (its scenarios bind the app's modules to a
 * fresh database of their own, away from the bench's million rows): its table is printed at the end
 * of the bench, and its figures become lines of the bench's table with "nothing lost" as budgets.
 */
export const chaosBench: BenchModule = {
  name: "chaos",
  async run({ database, seconds, log }) {
    const { table, result } = await runChaosScript({ databaseUrl: database.url, seconds, log });
    const survived = result.faults.filter((f) => f.lost === 0 && f.duplicated === 0 && f.problems.length === 0).length;
    const tried = result.fuzz.reduce((n, f) => n + f.tried, 0);
    const measurements: Measurement[] = [
      {
        bench: "chaos",
        scenario: `load held: POST /api/v1/intake, ${result.load.connections} connections, ${result.load.seconds} s`,
        runs: result.load.ok,
        ...result.load.latency,
        value: { amount: Math.round(result.load.perSecond), unit: "intakes/s" },
      },
      {
        bench: "chaos",
        scenario: "faults survived",
        runs: result.faults.length,
        value: { amount: survived, unit: "faults" },
        budget: { kind: "at_least", unit: "faults", value: result.faults.length },
      },
      {
        bench: "chaos",
        scenario: "bad inputs mishandled (500, half-written, unclear)",
        runs: tried,
        value: { amount: result.fuzz.reduce((n, f) => n + f.failures.length, 0), unit: "inputs" },
        budget: NONE("inputs"),
      },
      { bench: "chaos", scenario: "records lost", runs: result.faults.length + 1, value: { amount: result.lost, unit: "records" }, budget: NONE("records") },
      {
        bench: "chaos",
        scenario: "records duplicated",
        runs: result.faults.length + 1,
        value: { amount: result.duplicated, unit: "records" },
        budget: NONE("records"),
      },
    ];
    return { measurements, details: { table, result } };
  },
};

async function runChaosScript(options: { databaseUrl: string; seconds?: number; log: (line: string) => void }): Promise<{ table: string; result: ChaosJson }> {
  const args = [
    "--import",
    "tsx",
    "--conditions=react-server",
    "scripts/chaos.ts",
    "--json",
    ...(options.seconds ? ["--seconds", String(options.seconds)] : []),
  ];
  const child = spawn(process.execPath, args, { env: { ...process.env, DATABASE_URL: options.databaseUrl }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) =>
    chunk
      .toString()
      .split("\n")
      .filter((l) => l.startsWith("[chaos]"))
      .forEach((l) => options.log(l.replace("[chaos] ", "chaos: "))),
  );
  await new Promise((resolve) => child.once("exit", resolve));
  const lines = stdout.trim().split("\n");
  const json = lines.at(-1) ?? "";
  if (!json.startsWith("{")) throw new Error(`npm run test:chaos printed no result (exit ${child.exitCode}):\n${stdout.slice(-2_000)}`);
  return { table: lines.slice(0, -1).join("\n"), result: (JSON.parse(json) as { chaos: ChaosJson }).chaos };
}
