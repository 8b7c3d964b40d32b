import { describe, expect, it } from "vitest";
import { criticalQuestion } from "@/lib/agent/questions";
import { lines } from "@/lib/chat/agent-lines";

const BOOKING_URL = "https://cal.com/dana-reyes/diagnosis?name=Ana&email=ana%40acme.io&metadata%5Bbaton%5D=bt_x";
import { nextReply, type NextReplyInput, type TranscriptLine } from "@/lib/chat/next-reply";
import type { CriticalField } from "@/lib/contract/decision";

const lead = (text: string): TranscriptLine => ({ author: "lead", text });
const agent = (text: string): TranscriptLine => ({ author: "agent", text });
const ask = (missingFields: CriticalField[], questions: string[] = []) => ({ decision: "ask" as const, missingFields, questions });

function input(overrides: Partial<NextReplyInput>): NextReplyInput {
  return {
    decision: ask(["email", "company", "need"]),
    previous: null,
    language: "en",
    transcript: [agent("Hi!"), lead("hello")],
    lead: { name: null, email: null },
    takeover: null,
    bookingUrl: BOOKING_URL,
    ...overrides,
  };
}

describe("nextReply: asking", () => {
  it("asks only the first missing critical field, with a hello on the lead's first message", () => {
    const reply = nextReply(input({}));
    expect(reply).toEqual({ kind: "ask", text: `${lines.en.hello} ${criticalQuestion("email", "en")}` });
    expect(reply.text).not.toContain(criticalQuestion("company", "en"));
  });

  it("moves on to the next field once the first is known, and thanks the lead", () => {
    const transcript = [agent("Hi!"), lead("hello"), agent(criticalQuestion("email", "en")), lead("ana@gmail.com")];
    expect(nextReply(input({ decision: ask(["company", "need"]), transcript })).text).toBe(`${lines.en.thanks} ${criticalQuestion("company", "en")}`);
  });

  it("asks in the lead's language", () => {
    const reply = nextReply(input({ language: "es", transcript: [agent("Hi!"), lead("hola")] }));
    expect(reply.text).toBe(`${lines.es.hello} ${criticalQuestion("email", "es")}`);
  });

  it("re-asks a question that got no answer once, saying why, then moves on to the next field", () => {
    const asked = [agent("Hi!"), lead("hello"), agent(`x ${criticalQuestion("email", "en")}`), lead("why?")];
    expect(nextReply(input({ transcript: asked })).text).toBe(`${lines.en.again} ${criticalQuestion("email", "en")}`);

    const twice = [...asked, agent(`${lines.en.again} ${criticalQuestion("email", "en")}`), lead("rather not")];
    expect(nextReply(input({ transcript: twice })).text).toBe(`${lines.en.thanks} ${criticalQuestion("company", "en")}`);
  });

  it("counts a question asked in the other language", () => {
    const transcript = [agent("Hi!"), lead("hello"), agent(criticalQuestion("email", "es")), lead("no"), agent(criticalQuestion("email", "en")), lead("no")];
    expect(nextReply(input({ decision: ask(["email", "need"]), transcript })).text).toContain(criticalQuestion("need", "en"));
  });

  it("stops nagging once every missing field was asked twice, and says what would help", () => {
    const transcript: TranscriptLine[] = [agent("Hi!")];
    for (const field of ["email", "need"] as const) for (let i = 0; i < 2; i++) transcript.push(agent(criticalQuestion(field, "en")), lead("no"));
    const reply = nextReply(input({ decision: ask(["email", "need"]), transcript }));
    expect(reply.kind).toBe("closing");
    expect(reply.text).toBe(lines.en.closing(["email", "need"]));
    expect(reply.text).toContain("the best email to reach you and what you'd like help with");
  });

  it("with nothing critical missing, asks the deciding questions once each", () => {
    const decision = ask([], ["When do you need this in place?", "Which CRM and tools do you use today?"]);
    expect(nextReply(input({ decision })).text).toContain("When do you need this in place?");
    const transcript = [agent("Hi!"), lead("hello"), agent("Thanks! When do you need this in place?"), lead("not sure")];
    expect(nextReply(input({ decision, transcript })).text).toBe(`${lines.en.thanks} Which CRM and tools do you use today?`);
    const all = [...transcript, agent("Which CRM and tools do you use today?"), lead("none")];
    expect(nextReply(input({ decision, transcript: all }))).toEqual({ kind: "closing", text: lines.en.moreDetail });
  });
});

describe("nextReply: filter, act, escalate", () => {
  it("filters politely, and more briefly the second time", () => {
    const decision = { decision: "filter" as const, missingFields: [], questions: [] };
    expect(nextReply(input({ decision }))).toEqual({ kind: "filter", text: lines.en.filter });
    expect(nextReply(input({ decision, previous: "filter" })).text).toBe(lines.en.filterAgain);
  });

  it("acts with the booking link", () => {
    const decision = { decision: "act" as const, missingFields: [], questions: [] };
    const reply = nextReply(input({ decision, bookingUrl: "https://cal.example/x" }));
    expect(reply.kind).toBe("act");
    expect(reply.text).toContain("https://cal.example/x");
    expect(nextReply(input({ decision, previous: "act" })).text).toBe(lines.en.actAgain(BOOKING_URL));
  });

  it("acts without promising a booking when no link is set anywhere", () => {
    const decision = { decision: "act" as const, missingFields: [], questions: [] };
    const reply = nextReply(input({ decision, bookingUrl: null }));
    expect(reply).toEqual({ kind: "act", text: lines.en.actNoLink });
    expect(reply.text).not.toMatch(/https?:|pick a time|book/i);
    expect(nextReply(input({ decision, bookingUrl: null, previous: "act", language: "es" })).text).toBe(lines.es.actAgainNoLink);
  });

  it("on escalation tells the lead a person will follow up, by first name and at their email", () => {
    const decision = { decision: "escalate" as const, missingFields: [], questions: ["When do you need this in place?"] };
    const reply = nextReply(input({ decision, lead: { name: "Marta Vidal", email: "marta@northwind.io" } }));
    expect(reply).toEqual({ kind: "escalate", text: lines.en.escalate("Marta", "marta@northwind.io") });
    expect(reply.text).toMatch(/person on our sales team, who will follow up with you personally at marta@northwind\.io\./);
  });

  it("an escalation after an earlier act or filter is announced; a repeat is a short acknowledgement", () => {
    const decision = { decision: "escalate" as const, missingFields: [], questions: [] };
    expect(nextReply(input({ decision, previous: "act" })).text).toBe(lines.en.escalate(null, null));
    expect(nextReply(input({ decision, previous: "escalate" })).text).toBe(lines.en.escalateAgain);
  });

  it("the first escalation says when a person will answer, before asking for a way to reach the lead; a repeat does not", () => {
    const decision = { decision: "escalate" as const, missingFields: ["email" as const], questions: [] };
    const promise = "A person will answer you today at 16:15 (GMT+1) at the latest.";
    expect(nextReply(input({ decision, promise })).text).toBe(
      `${lines.en.escalate(null, null)} ${promise} ${lines.en.reachYou} ${criticalQuestion("email", "en")}`,
    );
    expect(nextReply(input({ decision, promise, previous: "escalate" })).text).not.toContain(promise);
  });

  it("an escalation without a way to reach the lead asks for it", () => {
    const decision = { decision: "escalate" as const, missingFields: ["email" as const], questions: [] };
    expect(nextReply(input({ decision })).text).toBe(`${lines.en.escalate(null, null)} ${lines.en.reachYou} ${criticalQuestion("email", "en")}`);
  });

  it("after the handoff it keeps asking for a way to reach the lead, once a turn, until there is one", () => {
    const decision = { decision: "escalate" as const, missingFields: ["email" as const], questions: [] };
    const asked = `${lines.en.reachYou} ${criticalQuestion("email", "en")}`;
    const transcript = [
      { author: "lead" as const, text: "We're 900 people and need an AI agent this month." },
      { author: "agent" as const, text: `${lines.en.escalate(null, null)} ${asked}` },
      { author: "lead" as const, text: "We mostly use HubSpot." },
      { author: "agent" as const, text: `${lines.en.escalateAgain} ${asked}` },
      { author: "lead" as const, text: "And the team is in Madrid." },
    ];
    const reply = nextReply(input({ decision, previous: "escalate", transcript }));
    expect(reply.text).toBe(`${lines.en.escalateAgain} ${asked}`);
    expect(reply.text?.split(criticalQuestion("email", "en")).length).toBe(2);
    // A phone number is a channel too: then the agent stops asking.
    expect(nextReply(input({ decision, previous: "escalate", transcript, lead: { name: null, email: null, phone: "+34 600 111 222" } })).text).toBe(
      lines.en.escalateAgain,
    );
  });
});

describe("nextReply: single voice", () => {
  it("says who is taking over, once, then stays silent whatever the decision", () => {
    const decision = { decision: "escalate" as const, missingFields: [], questions: [] };
    const first = nextReply(input({ decision, takeover: { ownerName: "Dana Reyes", announced: false } }));
    expect(first).toEqual({ kind: "takeover", text: "Dana Reyes from our team is taking over from here and will reply to you personally." });
    expect(nextReply(input({ decision, takeover: { ownerName: "Dana Reyes", announced: true } }))).toEqual({ kind: "silent", text: null });
  });

  it("hands over in Spanish, and without a name when the owner has none", () => {
    expect(nextReply(input({ language: "es", takeover: { ownerName: null, announced: false } })).text).toBe(lines.es.takeover(null));
    expect(lines.es.takeover("Dana Reyes")).toMatch(/^Dana Reyes de nuestro equipo se encarga/);
  });
});
