import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { languageModel } from "@/lib/agent/llm/provider";
import type { Actor } from "@/lib/auth/guard";
import { draftReply } from "@/lib/chat/draft-reply";
import { writeDraft, type DraftLine } from "@/lib/chat/model-draft";
import { suggestDraft } from "@/lib/chat/suggest-draft";
import { resetConnection, saveConnection } from "@/lib/connections/save-connection";
import type { HandoffPackage } from "@/lib/contract/package";
import { resetEnvCache } from "@/lib/env";
import { startOpenAiStandIn, type OpenAiStandIn } from "../stand-ins/openai";
import { createUser } from "../support/factories";

// The person's draft reply written by a model over real HTTP: the AI SDK → POST /v1/chat/completions on
// the OpenAI-compatible stand-in. What the model writes is used only when it passes the grounding check.
let standIn: OpenAiStandIn;
let admin: Actor;
beforeAll(async () => {
  standIn = await startOpenAiStandIn();
  admin = await createUser({ role: "admin", teamId: null });
});
beforeEach(() => {
  standIn.requests.length = 0;
});
afterAll(async () => {
  await resetConnection({ actor: admin, kind: "llm" });
  await standIn.close();
});

const pkg = {
  identification: { name: "Tomás Rivera", email: "tomas@harbor.example", phone: null, company: "Harbor Freight Lines", role: null, website: null },
  need: "route our 500 monthly leads into HubSpot",
  summary: "Tomás wants inbound leads routed into HubSpot by January.",
  salesContext: { timelineDays: 45, employees: null, monthlyLeads: 500, budget: null, currentTools: ["HubSpot"] },
  qualification: { fit: "good", whyFits: ["inbound volume"], whyNot: [], missing: [] },
  nextStep: { action: "call", owner: null, why: "high value" },
  facts: { confirmed: [], inferred: [], openQuestions: [] },
} as unknown as HandoffPackage;
const lines: DraftLine[] = [
  { author: "lead", text: "Can I talk to a human? Our card on file is 4111 1111 1111 1111.", authorName: null },
  { author: "agent", text: "Of course: someone from Sales will answer here.", authorName: null },
  { author: "lead", text: "We need our 500 monthly leads routed into HubSpot by January.", authorName: null },
];
const person = { name: "Dana Reyes", teamName: "Sales" };
const model = () => languageModel({ apiKey: standIn.apiKey, baseURL: standIn.baseURL, model: "stand-in-model", api: "chat" });
const rulesDraft = draftReply(pkg, person);

describe("a draft reply written by the model", () => {
  it("is used when it says only what the package and the conversation say, and the model never sees a card number", async () => {
    const text =
      "Hi Tomás, this is Dana from Sales. Routing your 500 monthly leads into HubSpot by January is something we can help with. Would a short call work?";
    standIn.respondWith({ kind: "text", text });
    const draft = await writeDraft({ pkg, lines, person, model: await model(), timeoutMs: 10_000 });
    expect(draft).toEqual({ text, by: "model" });
    expect(standIn.requests).toHaveLength(1);
    expect(standIn.requests[0]?.path).toBe("/v1/chat/completions");
    const sent = standIn.requests[0]!.rawBody;
    expect(sent).toContain("<conversation>");
    expect(sent).toContain("routed into HubSpot by January");
    expect(sent).toContain("Dana Reyes (Sales)");
    expect(sent).toContain("•••• 1111");
    expect(sent).not.toMatch(/4111 1111/);
  });

  it("falls back to the deterministic draft when the model invents a price, a discount or a product", async () => {
    for (const invented of [
      "Hi Tomás, this is Dana from Sales. Our routing plan is 299 EUR a month.",
      "Hi Tomás, this is Dana from Sales. I can confirm the 20% discount.",
      "Hi Tomás, this is Dana from Sales. Our RouteMaster add-on does exactly that.",
    ]) {
      standIn.respondWith({ kind: "text", text: invented });
      const draft = await writeDraft({ pkg, lines, person, model: await model(), timeoutMs: 10_000 });
      expect(draft).toMatchObject({ text: rulesDraft, by: "rules", rejected: expect.stringMatching(/not in the sources: (299|20|RouteMaster)$/) });
    }
    expect(standIn.requests).toHaveLength(3);
  });

  it("falls back within the timeout when the model hangs, and when it errs", async () => {
    standIn.respondWith({ kind: "delay", ms: 5_000, then: { kind: "text", text: "Hi Tomás, this is Dana." } });
    const started = Date.now();
    const slow = await writeDraft({ pkg, lines, person, model: await model(), timeoutMs: 300 });
    expect(slow).toMatchObject({ text: rulesDraft, by: "rules" });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(standIn.requests).toHaveLength(1);

    standIn.respondWith({ kind: "status", status: 500 });
    expect(await writeDraft({ pkg, lines, person, model: await model(), timeoutMs: 10_000 })).toMatchObject({ text: rulesDraft, by: "rules" });
  });

  it("is written by the model saved on /admin/connections, and by the rules when none is configured", async () => {
    await resetConnection({ actor: admin, kind: "llm" });
    // No model saved and none in the environment: nothing is asked.
    delete process.env.OPENAI_API_KEY;
    resetEnvCache();
    expect(await suggestDraft({ pkg, lines, person, handoffId: "h-none" })).toEqual({ text: rulesDraft, by: "rules" });
    expect(standIn.requests).toHaveLength(0);

    await saveConnection({ actor: admin, input: { kind: "llm", clear: [], apiKey: standIn.apiKey, baseUrl: standIn.baseURL, model: "stand-in" } });
    const text = "Hi Tomás, this is Dana from Sales. Would a short call about HubSpot work?";
    standIn.respondWith({ kind: "text", text });
    expect(await suggestDraft({ pkg, lines, person, handoffId: "h-saved" })).toEqual({ text, by: "model" });
    expect(standIn.requests.at(-1)?.authorization).toBe(`Bearer ${standIn.apiKey}`);
  });
});
