import { describe, expect, it } from "vitest";
import { buildDemoData } from "@/db/seed/demo-data";
import { triage } from "@/lib/agent/triage";
import { intakeEventSchema } from "@/lib/contract/intake";
import { compileRuleSet } from "@/lib/rules/compile";
import { defaultRuleSet } from "@/lib/rules/default-rules";

// The demo plan was written from the triage contract alone, lead by lead, by someone other than the
// agent's author: 69 more labelled leads (forms, chat, email; English and Spanish). The seed stores
// the agent's own packages, so the agent must reach the plan's decision and priority on every one.
describe("the agent on the demo leads", () => {
  const rules = compileRuleSet(defaultRuleSet, 1);
  const { handoffs } = buildDemoData({ now: new Date("2026-11-25T12:00:00Z") });

  it.each(handoffs.map((h) => [h.handoff.leadName ?? h.handoff.id, h] as const))("%s", (_name, demo) => {
    const { decision } = triage(intakeEventSchema.parse(demo.intake.raw), rules);
    expect({ decision: decision.decision, priority: decision.priority }).toEqual({ decision: demo.handoff.decision, priority: demo.handoff.priority });
    for (const reason of demo.handoff.reasons ?? []) if (reason !== "missing_data") expect(decision.reasons).toContain(reason);
  });
});
