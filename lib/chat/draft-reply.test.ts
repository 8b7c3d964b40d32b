import { describe, expect, it } from "vitest";
import { draftReply } from "@/lib/chat/draft-reply";
import { personName } from "@/lib/chat/lead-view";
import type { HandoffPackage } from "@/lib/contract/package";

const pkg = (over: Partial<HandoffPackage> = {}): HandoffPackage =>
  ({
    identification: { name: "Marta Vidal", email: "marta@northwind.example", phone: null, company: "Northwind", role: null, website: null },
    need: "an AI agent to qualify 600 inbound leads a month",
    nextStep: { action: "call", owner: null, why: "high value" },
    facts: { confirmed: [], inferred: [], openQuestions: [] },
    ...over,
  }) as HandoffPackage;

describe("draftReply", () => {
  it("greets the lead by first name, signs with the person and team, quotes the need and proposes the next step", () => {
    expect(draftReply(pkg(), { name: "Dana Reyes", teamName: "Sales" })).toBe(
      'Hi Marta, this is Dana from Sales. Thanks for explaining what you need: "an AI agent to qualify 600 inbound leads a month". The best next step is a short call: would you have 20 minutes this week?',
    );
  });

  it("asks the first open question instead, and says nothing the package does not hold", () => {
    const text = draftReply(
      pkg({
        identification: { ...pkg().identification, name: null },
        need: null,
        facts: { confirmed: [], inferred: [], openQuestions: ["Which CRM do you use?"] },
      }),
      { name: null, teamName: null },
    );
    expect(text).toBe("Hi, I'm taking over from our assistant. Thanks for getting in touch. One question so I can help you properly: Which CRM do you use?");
    // Every number in the draft comes from the package.
    for (const n of draftReply(pkg(), { name: "Dana", teamName: null }).match(/\d+/g) ?? []) expect(["600", "20"]).toContain(n);
  });
});

describe("personName", () => {
  it("shows a person by first name and team", () => {
    expect(personName({ authorName: "Dana Reyes", authorTeam: "Sales" })).toBe("Dana from Sales");
    expect(personName({ authorName: "Dana Reyes", authorTeam: null })).toBe("Dana");
    expect(personName({ authorName: null, authorTeam: "Sales" })).toBe("A colleague");
  });
});
