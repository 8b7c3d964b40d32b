import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sensitiveValues as v, valuesIn } from "../support/sensitive-values";

const require = createRequire(import.meta.url);

function runTriage(file: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // No database: the dry run uses the shipped default rules, as a new user's first try does.
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [require.resolve("tsx/cli"), "--conditions=react-server", "scripts/triage.ts", file], {
      env: { ...env, LOG_LEVEL: "debug" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

const lead = (externalId: string, message: string) => ({
  externalId,
  channel: "form",
  receivedAt: "2026-11-20T10:15:00Z",
  fields: { firstname: "Ana", email: `ana+${externalId}@acme.io`, company: "Acme", message },
});

describe("npm run triage on leads that shared sensitive values", () => {
  it("prints decisions holding none of the values, each escalated with risk", async () => {
    const leads = [
      lead("cli-card", `We want lead qualification on our forms. Charge the invoice to ${v.card}.`),
      lead("cli-password", `Connect our HubSpot, admin password: ${v.password}`),
      lead("cli-token", `Automate our follow-ups with this key ${v.openAiKey}.`),
      lead("cli-iban", `Queremos automatizar el seguimiento. Cuenta ${v.iban}.`),
      lead("cli-dni", `Necesitamos calificar leads. Mi DNI es ${v.dni}.`),
    ];
    const dir = mkdtempSync(join(tmpdir(), "triage-privacy-"));
    const file = join(dir, "leads.jsonl");
    writeFileSync(file, leads.map((l) => JSON.stringify(l)).join("\n") + "\n");

    const { code, stdout, stderr } = await runTriage(file);
    expect(code, stderr).toBe(0);
    const decisions = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { externalId: string; decision: string; reasons: string[] });
    expect(decisions.map((d) => d.externalId)).toEqual(leads.map((l) => l.externalId));
    for (const d of decisions) {
      expect(d.decision, d.externalId).toBe("escalate");
      expect(d.reasons, d.externalId).toContain("risk");
    }
    expect(valuesIn(stdout)).toEqual([]);
    expect(valuesIn(stderr)).toEqual([]);
    expect(stdout).toContain("the lead shared a card number ending 1111");
  });
});
