import { describe, expect, it } from "vitest";
import { handoffPackageSchema } from "@/lib/contract/package";
import { compileRuleSet } from "@/lib/rules/compile";
import { defaultRuleSet } from "@/lib/rules/default-rules";
import { intakeEventSchema } from "@/lib/contract/intake";
import { triage } from "@/lib/agent/triage";
import { anonymisePackage, ERASED_SUMMARY } from "./anonymise-package";

describe("an erased lead's package", () => {
  it("keeps what the metrics count and nothing that names or quotes the person", () => {
    const event = intakeEventSchema.parse({
      channel: "form",
      receivedAt: "2026-11-20T10:15:00Z",
      source: { url: "https://example.com/?email=olga@erasure.eu", campaign: "q4" },
      fields: {
        firstname: "Olga",
        lastname: "Erasmus",
        email: "olga@erasure.eu",
        company: "Erasure Freight",
        numemployees: "120",
        message: "We get 800 leads a month and need an AI agent to qualify them; budget 20,000 EUR.",
      },
    });
    const pkg = triage(event, compileRuleSet(defaultRuleSet, 1)).decision.package!;
    const erased = anonymisePackage(pkg);
    expect(handoffPackageSchema.parse(erased)).toEqual(erased);
    expect(JSON.stringify(erased)).not.toMatch(/Olga|Erasmus|olga@|Erasure|800 leads|qualify/);
    expect(erased).toMatchObject({
      summary: ERASED_SUMMARY,
      intent: pkg.intent,
      qualification: { fit: pkg.qualification.fit },
      source: { channel: "form", campaign: "q4" },
    });
    expect(erased.salesContext).toMatchObject({ employees: 120, monthlyLeads: 800, budget: pkg.salesContext.budget });
    expect(erased.reasons.map((r) => [r.code, r.rule])).toEqual(pkg.reasons.map((r) => [r.code, r.rule]));
  });
});
