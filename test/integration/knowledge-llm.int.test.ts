import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { seedDefaultKnowledge } from "@/db/seed/default-knowledge";
import { languageModel } from "@/lib/agent/llm/provider";
import { answerFromPublished } from "@/lib/knowledge/published";
import { startOpenAiStandIn, type OpenAiStandIn } from "../stand-ins/openai";

// The model phrases the answer from the passage over real HTTP (AI SDK → an OpenAI-compatible server on 127.0.0.1).
let standIn: OpenAiStandIn;
beforeAll(async () => {
  await seedDefaultKnowledge(inject("databaseUrl"));
  standIn = await startOpenAiStandIn();
});
beforeEach(() => {
  standIn.requests.length = 0;
});
afterAll(async () => {
  await standIn.close();
});

const model = () => languageModel({ apiKey: standIn.apiKey, baseURL: standIn.baseURL, model: "stand-in-model", api: "chat" });

describe("phrasing an answer with a model", () => {
  it("uses the model's words when they say only what the passage says, and sends it the passage, delimited", async () => {
    standIn.respondWith({ kind: "text", text: "Yes: we integrate with HubSpot, Pipedrive and Salesforce today." });
    const answer = await answerFromPublished("Do you integrate with Salesforce?", { model: await model(), timeoutMs: 10_000 });
    expect(answer).toMatchObject({ answered: true, phrasedBy: "llm", text: "Yes: we integrate with HubSpot, Pipedrive and Salesforce today." });
    expect(standIn.requests[0]?.rawBody).toContain("<passage>");
    expect(standIn.requests[0]?.rawBody).toContain("We integrate with three CRMs today");
  });

  it("falls back to the article's words when the model invents a fact, errs or is refused a price", async () => {
    standIn.respondWith({ kind: "text", text: "Yes, we integrate with Salesforce and Zoho." });
    const invented = await answerFromPublished("Do you integrate with Salesforce?", { model: await model(), timeoutMs: 10_000 });
    expect(invented).toMatchObject({ answered: true, phrasedBy: "article" });
    expect(invented.text).toBe(invented.passage);

    standIn.respondWith({ kind: "status", status: 500 });
    expect(await answerFromPublished("Do you integrate with Salesforce?", { model: await model(), timeoutMs: 10_000 })).toMatchObject({ phrasedBy: "article" });

    const price = await answerFromPublished("How much does it cost?", { model: await model(), timeoutMs: 10_000 });
    expect(price).toMatchObject({ answered: false, refusal: "never_answer", phrasedBy: null });
    // A refused question never reaches the model (an earlier call's request may still be arriving).
    expect(standIn.requests.filter((r) => r.rawBody.includes("How much does it cost?"))).toEqual([]);
  });
});
