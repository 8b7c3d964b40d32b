import { describe, expect, it } from "vitest";
import { PERSON_REQUEST_FAMILY, personRequestSince } from "@/lib/chat/person-request";
import { RESUME_LINE } from "@/lib/handoffs/info-request-messages";
import { compileRuleSet } from "@/lib/rules/compile";
import { defaultRuleSet } from "@/lib/rules/default-rules";
import { ruleSetSchema } from "@/lib/rules/schema";

const rules = compileRuleSet(ruleSetSchema.parse(defaultRuleSet), 1);
const asks = (text: string) => rules.hasFamily(text, PERSON_REQUEST_FAMILY);

describe("a lead asking for a person (the default rule set's request.person signal)", () => {
  it.each([
    "Can I talk to a human please?",
    "I'd rather speak with a real person.",
    "could you connect me with someone from sales",
    "Is there a human I can talk to?",
    "I want to chat with an actual person, not a bot",
    "Please put me through to a sales rep",
    "human please",
    "Can I speak to somebody on your team?",
    "I need a live agent now",
    "Quiero hablar con una persona",
    "¿Puedo hablar con alguien de ventas?",
    "Prefiero un agente humano, gracias",
    "Pásame con un comercial, por favor",
    "necesito hablar con un humano",
    "¿Hay una persona real?",
  ])("hears %j", (text) => {
    expect(asks(text)).toBe(true);
  });

  it.each([
    "We need an AI agent to qualify our inbound leads.",
    "Our reps talk to 300 people a month.",
    "We want a chatbot that talks to leads who fill the form.",
    "Our sales team struggles to follow up on time.",
    "Necesitamos un agente de IA que califique los leads.",
    "Hablamos con muchos clientes cada semana.",
    "I want to talk about pricing for the CRM integration.",
  ])("does not hear it in %j", (text) => {
    expect(asks(text)).toBe(false);
  });

  it("counts a request only since the agent last took the conversation back", () => {
    const asked = { author: "lead" as const, text: "Can I talk to a human?" };
    expect(personRequestSince([{ author: "agent", text: "Hi!" }, asked, { author: "lead", text: "ok" }], asks)).toBe(asked);
    expect(personRequestSince([asked, { author: "agent", text: RESUME_LINE }, { author: "lead", text: "We use HubSpot." }], asks)).toBeNull();
    // A request made again after the hand-back counts again.
    const again = { author: "lead" as const, text: "Quiero hablar con una persona" };
    expect(personRequestSince([asked, { author: "agent", text: RESUME_LINE }, again], asks)).toBe(again);
    // The agent's own words never count as the lead asking.
    expect(personRequestSince([{ author: "agent", text: "Would you like to talk to a person?" }], asks)).toBeNull();
  });
});
