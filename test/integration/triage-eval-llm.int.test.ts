import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOpenAiStandIn, type OpenAiStandIn } from "../stand-ins/openai";
import { brightlaneExtraction, brightlaneMessage } from "../support/llm-answers";

// `npm run triage:eval -- CASES --llm` end to end: the command, the configured model over real HTTP
// (the OpenAI-compatible stand-in), the rules deciding on the model's facts, the report.
const run = promisify(execFile);
let standIn: OpenAiStandIn;
let casesFile: string;

// "about eighty people": a head count in words the deterministic reader does not know, the model does.
const message = brightlaneMessage;
const labelled = {
  input: {
    externalId: "eval-llm-1",
    channel: "form",
    receivedAt: "2026-11-24T08:30:00Z",
    contact: { name: "Tom Reyes", email: "tom@brightlane.io", company: "Brightlane" },
    fields: { message },
  },
  expect: { decision: "escalate", priority: "normal", reasonsInclude: ["high_value"] },
};
const answer = brightlaneExtraction;

beforeAll(async () => {
  standIn = await startOpenAiStandIn();
  casesFile = join(mkdtempSync(join(tmpdir(), "triage-eval-")), "cases.jsonl");
  writeFileSync(casesFile, JSON.stringify(labelled) + "\n");
});

afterAll(async () => {
  await standIn.close();
});

function evalCommand(args: string[]) {
  const env = {
    ...process.env,
    DATABASE_URL: "",
    LOG_LEVEL: "silent",
    OPENAI_API_KEY: standIn.apiKey,
    OPENAI_BASE_URL: standIn.baseURL,
    OPENAI_MODEL: "stand-in-model",
    OPENAI_TIMEOUT_MS: "5000",
  };
  return run(join("node_modules", ".bin", "tsx"), ["--conditions=react-server", "scripts/triage-eval.ts", casesFile, ...args], { env, timeout: 60_000 }).catch(
    (error: { stdout: string; stderr: string; code: number }) => error,
  );
}

describe("npm run triage:eval --llm", () => {
  it("runs the cases through the configured model and scores what the rules decide on its facts", async () => {
    standIn.respondWith({ kind: "object", value: answer });
    const result = await evalCommand(["--llm", "--api", "chat", "--min", "1"]);
    expect(result.stdout).toContain("llm stand-in-model (llm 1)");
    expect(result.stdout).toContain("decision accuracy 100.0% (1/1)");
    expect(standIn.requests.some((r) => r.path === "/v1/chat/completions" && r.authorization === `Bearer ${standIn.apiKey}`)).toBe(true);
    expect("code" in result ? result.code : 0).toBe(0);
  });

  it("without --llm the deterministic reader misses the head count, and the floor fails the command", async () => {
    const result = await evalCommand(["--min", "1"]);
    expect(result.stdout).toContain("deterministic");
    expect(result.stdout).toMatch(/eval-llm-1: decision act \(want escalate\)/);
    expect("code" in result ? result.code : 0).toBe(1);
  });

  it("says when the model fails and the deterministic agent stood in", async () => {
    standIn.respondWith({ kind: "status", status: 500 });
    const result = await evalCommand(["--llm", "--api", "chat"]);
    expect(result.stdout).toContain("(llm_fallback 1)");
  });
});
