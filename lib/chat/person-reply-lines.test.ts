import { describe, expect, it } from "vitest";
import { criticalQuestion } from "@/lib/agent/questions";
import { lines } from "@/lib/chat/agent-lines";
import { MAX_ASKS_PER_QUESTION, nextReply, whoAnswers, type NextReplyInput, type TranscriptLine } from "@/lib/chat/next-reply";

const lead = (text: string): TranscriptLine => ({ author: "lead", text });
const agent = (text: string): TranscriptLine => ({ author: "agent", text });

function input(overrides: Partial<NextReplyInput>): NextReplyInput {
  return {
    decision: { decision: "ask", missingFields: ["email", "company", "need"], questions: ["When do you need this in place?"] },
    previous: null,
    language: "en",
    transcript: [agent("Hi!"), lead("Can I talk to a human please?")],
    lead: { name: null, email: null },
    takeover: null,
    personRequest: { who: "our Sales team", first: true },
    bookingUrl: "https://cal.example/book/diagnosis",
    ...overrides,
  };
}

const qualification = [criticalQuestion("company", "en"), criticalQuestion("need", "en"), "When do you need this in place?", "budget"];

describe("nextReply when the lead asked for a person", () => {
  it("hands over at once, says who answers, and asks only for an email when there is no way to reach the lead", () => {
    const reply = nextReply(input({}));
    expect(reply).toEqual({
      kind: "person",
      text: `${lines.en.personRequested("our Sales team", null)} ${lines.en.reachYouIfAway} ${criticalQuestion("email", "en")}`,
    });
    for (const q of qualification) expect(reply.text).not.toContain(q);
  });

  it("asks nothing when an email or a phone is known, whatever else is missing, on any decision but a filter", () => {
    for (const decision of ["ask", "act", "escalate"] as const) {
      const reply = nextReply(
        input({ decision: { decision, missingFields: ["company", "need"], questions: ["When?"] }, lead: { name: "Ana", email: "ana@acme.io" } }),
      );
      expect(reply).toEqual({ kind: "person", text: lines.en.personRequested("our Sales team", "ana@acme.io") });
    }
    expect(nextReply(input({ lead: { name: null, email: null, phone: "+34 600 000 000" } })).text).toBe(lines.en.personRequested("our Sales team", null));
    // The rules still decide: a lead they filter is not handed to a person.
    expect(nextReply(input({ decision: { decision: "filter", missingFields: [], questions: [] } })).kind).toBe("filter");
  });

  it("on later turns only thanks, and stops asking for the email after the usual limit", () => {
    const asked = `${lines.en.personRequested(null, null)} ${lines.en.reachYouIfAway} ${criticalQuestion("email", "en")}`;
    const later = nextReply(input({ personRequest: { who: null, first: false }, transcript: [lead("a human please"), agent(asked), lead("why?")] }));
    expect(later.text).toBe(`${lines.en.personRequestedAgain(null)} ${lines.en.reachYouIfAway} ${criticalQuestion("email", "en")}`);
    const transcript = [lead("a human please"), ...Array.from({ length: MAX_ASKS_PER_QUESTION }, () => agent(asked)), lead("no")];
    expect(nextReply(input({ personRequest: { who: null, first: false }, transcript })).text).toBe(lines.en.personRequestedAgain(null));
  });

  it("answers in Spanish", () => {
    const reply = nextReply(input({ language: "es", personRequest: { who: whoAnswers("es", { ownerName: null, teamName: "Ventas" }), first: true } }));
    expect(reply.text).toBe(`${lines.es.personRequested("nuestro equipo de Ventas", null)} ${lines.es.reachYouIfAway} ${criticalQuestion("email", "es")}`);
  });

  it("names the owner with their team, or the team, or nobody", () => {
    expect(whoAnswers("en", { ownerName: "Dana Reyes", teamName: "Sales" })).toBe("Dana Reyes from Sales");
    expect(whoAnswers("en", { ownerName: null, teamName: "Sales" })).toBe("our Sales team");
    expect(whoAnswers("en", { ownerName: null, teamName: null })).toBeNull();
  });
});
