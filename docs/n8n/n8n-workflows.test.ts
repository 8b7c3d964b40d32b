import crypto from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi";
import { generateWebhookSecret } from "@/lib/webhooks/sign";

// The n8n examples in docs/n8n are importable workflows: they parse, their connections name real
// nodes, the approval one calls the API's real paths, and the signature check's JavaScript (run as
// n8n's Code node runs it: an async function with $input, $env, require and this.helpers) accepts
// what the standardwebhooks library signs and refuses anything else.

type N8nNode = { name: string; type: string; parameters: Record<string, unknown> };
type N8nWorkflow = { name: string; nodes: N8nNode[]; connections: Record<string, { main: { node: string }[][] }> };

const load = (file: string) => JSON.parse(readFileSync(join(import.meta.dirname, file), "utf8")) as N8nWorkflow;
const toSlack = load("handoff-created-to-slack.json");
const approve = load("approve-pending-approval.json");

type WebhookItem = { json: { headers: Record<string, string>; body: unknown }; binary?: { data: { data: string; mimeType: string } } };

/** The Code node's script, run in a fresh context as n8n runs it. */
async function runVerifyNode(items: WebhookItem[], secret: string) {
  const code = toSlack.nodes.find((n) => n.type === "n8n-nodes-base.code")!.parameters.jsCode as string;
  const context = vm.createContext({
    $input: { all: () => items },
    $env: { BATON_WEBHOOK_SECRET: secret },
    Buffer,
    require: (name: string) => {
      if (name !== "crypto") throw new Error(`n8n allows only crypto here, not ${name}`);
      return crypto;
    },
  });
  const run = new vm.Script(`(async function () {\n${code}\n})`).runInContext(context) as (
    this: unknown,
  ) => Promise<{ json: { verified: boolean; event: unknown } }[]>;
  const helpers = { getBinaryDataBuffer: async (index: number, property: "data") => Buffer.from(items[index]!.binary![property].data, "base64") };
  return run.call({ helpers });
}

function signed(secret: string, body: string, at = new Date(), id = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"): Record<string, string> {
  return { "webhook-id": id, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": new Webhook(secret).sign(id, at, body) };
}

const payload = JSON.stringify({
  type: "handoff.created",
  timestamp: new Date().toISOString(),
  version: "2026-12-01",
  data: { handoff: { id: "7b0c4a5e-7c1e-4a8e-9a51-6a1f6e0c0001", leadName: "Ines Marsh", summary: "Wants an agent for 500 leads a month.\nMore." } },
});
const raw = (body: string) => ({ data: { data: Buffer.from(body).toString("base64"), mimeType: "application/json" } });

describe("docs/n8n workflows", () => {
  it("parse as workflows whose connections name their own nodes", () => {
    for (const workflow of [toSlack, approve]) {
      const names = new Set(workflow.nodes.map((n) => n.name));
      expect(names.size).toBe(workflow.nodes.length);
      for (const [from, outputs] of Object.entries(workflow.connections)) {
        expect(names.has(from), `${workflow.name}: ${from}`).toBe(true);
        for (const target of outputs.main.flat()) expect(names.has(target.node), `${workflow.name}: ${target.node}`).toBe(true);
      }
    }
  });

  it("keep the raw body the signature covers, and call the REST API's real paths with the decision its schema takes", () => {
    const webhook = toSlack.nodes.find((n) => n.type === "n8n-nodes-base.webhook")!;
    expect(webhook.parameters).toMatchObject({ httpMethod: "POST", options: { rawBody: true } });
    const paths = Object.keys(openApiDocument().paths);
    const calls = approve.nodes.filter((n) => n.type === "n8n-nodes-base.httpRequest");
    const called = calls.map((n) =>
      String(n.parameters.url)
        .replace(/^.*?\}\}/, "")
        .replace(/\{\{ \$json\.id \}\}/, "{id}"),
    );
    expect(called).toEqual(["/api/v1/approvals", "/api/v1/approvals/{id}/decision"]);
    for (const path of called) expect(paths).toContain(path);
    expect(JSON.parse(String(calls[1]!.parameters.jsonBody).replace(/^=/, ""))).toEqual({ decision: "approve" });
  });

  it("verify a delivery the standardwebhooks library signed, from the raw body or the parsed one", async () => {
    const secret = generateWebhookSecret();
    const [fromRaw] = await runVerifyNode([{ json: { headers: signed(secret, payload), body: JSON.parse(payload) }, binary: raw(payload) }], secret);
    expect(fromRaw!.json).toMatchObject({ verified: true, event: { type: "handoff.created" } });
    const [fromJson] = await runVerifyNode([{ json: { headers: signed(secret, payload), body: JSON.parse(payload) } }], secret);
    expect(fromJson!.json.verified).toBe(true);
  });

  it("accept the new secret's or the old one's signature while a rotation overlaps", async () => {
    const [oldSecret, newSecret] = [generateWebhookSecret(), generateWebhookSecret()];
    const headers = signed(newSecret, payload);
    headers["webhook-signature"] = `${headers["webhook-signature"]} ${signed(oldSecret, payload)["webhook-signature"]}`;
    for (const secret of [oldSecret, newSecret]) {
      const [result] = await runVerifyNode([{ json: { headers, body: JSON.parse(payload) }, binary: raw(payload) }], secret);
      expect(result!.json.verified).toBe(true);
    }
  });

  it("refuse a tampered body, another secret's signature, an old timestamp and a missing signature", async () => {
    const secret = generateWebhookSecret();
    const tampered = payload.replace("Ines Marsh", "Mallory");
    const stale = signed(secret, payload, new Date(Date.now() - 10 * 60_000));
    const unsigned = signed(secret, payload);
    delete unsigned["webhook-signature"];
    const cases: [string, WebhookItem][] = [
      ["tampered body", { json: { headers: signed(secret, payload), body: JSON.parse(tampered) }, binary: raw(tampered) }],
      ["another secret", { json: { headers: signed(generateWebhookSecret(), payload), body: JSON.parse(payload) }, binary: raw(payload) }],
      ["ten minutes old", { json: { headers: stale, body: JSON.parse(payload) }, binary: raw(payload) }],
      ["no signature", { json: { headers: unsigned, body: JSON.parse(payload) }, binary: raw(payload) }],
    ];
    for (const [label, item] of cases) {
      const [result] = await runVerifyNode([item], secret);
      expect(result!.json, label).toEqual({ verified: false, webhookId: expect.any(String), event: null });
    }
    // The same checks the library makes: it refuses these too.
    expect(() => new Webhook(secret).verify(tampered, signed(secret, payload))).toThrow();
  });
});
