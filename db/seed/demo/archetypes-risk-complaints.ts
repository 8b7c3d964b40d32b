import type { Archetype } from "./archetype";

// Risk (immediate): an existing client complains, or threatens a refund or to cancel.
export const riskComplaintArchetypes = {
  "complaint-refund": {
    priority: "immediate",
    build: (c) => {
      const weeks = c.pick([2, 3]);
      const lost = c.int(8, 25);
      return {
        lang: "en",
        intent: "support",
        fit: "good",
        process: "Lead routing from the demo form",
        roles: ["Sales Operations Manager", "Head of Sales"],
        subject: "Leads going to the wrong reps",
        turns: [
          `Since the qualification agent you set up went live, [need:hot leads from our demo form have been going to the wrong reps for ${weeks} weeks].`,
          `[impact:We've lost at least ${lost} demo requests that nobody called back].`,
          `[refund:If this isn't fixed this week, we will ask for a refund of the setup fee].`,
        ],
        needNote: "hot leads from their demo form are routed to the wrong reps by the agent we set up",
        urgency: "This week, tied to the refund threat",
        reasons: [["risk", "default.risk.refund", "refund"]],
        whyFits: ["Existing client with a live qualification agent"],
        inferred: [{ field: "customer_status", value: "Existing client", basis: "They refer to the agent we set up and our setup fee", from: "refund" }],
        questions: ["When exactly did the misrouting start, and did anything change in the routing rules then?", "Can they share examples of misrouted leads?"],
        caution: "refund threat from an existing client; acknowledge fast and promise no refund before the account owner decides",
        next: { action: "call", why: "call today with someone from delivery to triage the routing and agree a fix date" },
      };
    },
  },
  "cancellation-sync": {
    priority: "immediate",
    build: (c) => {
      const co = c.company();
      return {
        lang: "en",
        intent: "support",
        fit: "good",
        process: "Nightly CRM sync",
        roles: ["Sales Operations Manager", "Revenue Operations Lead", "COO"],
        subject: `${co.crm} duplicates`,
        turns: [
          `[need:The ${co.crm} sync you built is creating duplicate contacts every night], and [impact:our reps are calling the same people twice].`,
          `[cancel:We're seriously considering cancelling the retainer] [urgency:unless someone senior calls me today].`,
        ],
        needNote: `the ${co.crm} sync we built creates duplicate contacts every night and reps call people twice`,
        tools: [co.crm],
        reasons: [["risk", "default.risk.cancellation", "cancel"]],
        whyFits: ["Existing client on a retainer"],
        inferred: [
          { field: "customer_status", value: "Existing client on a retainer", basis: "They mention the sync we built and the retainer", from: "cancel" },
        ],
        questions: ["Since when are duplicates appearing?", "Which objects are duplicated: contacts only, or companies too?"],
        caution: "cancellation threat on a retainer; a senior person should call, not the agent",
        next: { action: "call", why: "senior call today, with delivery ready to pause the sync if needed" },
      };
    },
  },
  "complaint-anon-chat": {
    priority: "immediate",
    build: (c) => ({
      lang: "en",
      intent: "support",
      fit: "good",
      process: "Chat agent answers on pricing",
      phone: true,
      turns: [
        `[need:Your chat agent told one of our prospects a price we never agreed to].`,
        `[complaint:This is the second time this month and our sales director is furious].`,
        `[noemail:I'd rather not leave my email in a chat], please call me on ${c.person.phone}.`,
      ],
      needNote: "our chat agent quoted one of their prospects a price they never agreed",
      reasons: [
        ["risk", "default.risk.complaint", "complaint"],
        ["missing_data", "default.missing_data.email", "noemail"],
      ],
      missing: ["email"],
      whyFits: ["Existing client whose prospects talk to our agent"],
      inferred: [{ field: "customer_status", value: "Existing client", basis: "Our chat agent talks to their prospects", from: "need" }],
      questions: ["Which prospect got the wrong price, and when?", "Which email should the written follow-up go to?"],
      caution: "a client says our agent quoted an unapproved price; read the transcript before calling",
      next: { action: "call", why: "call the number they gave today, with the transcript in hand" },
    }),
  },
} satisfies Record<string, Archetype>;
