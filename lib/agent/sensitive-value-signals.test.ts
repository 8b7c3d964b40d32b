import { describe, expect, it } from "vitest";
import { intakeEventSchema } from "@/lib/contract/intake";
import { maskIntakeEvent } from "@/lib/privacy/mask-intake-event";
import { compileRuleSet } from "@/lib/rules/compile";
import { defaultRuleSet } from "@/lib/rules/default-rules";
import { triage } from "./triage";

const rules = compileRuleSet(defaultRuleSet, 1);

function triageMasked(message: string, extra: Record<string, string> = {}) {
  const raw = intakeEventSchema.parse({
    externalId: `s-${Math.random()}`,
    channel: "form",
    receivedAt: "2026-11-24T08:30:00Z",
    fields: { email: "marta@northwind.es", company: "Northwind", message, ...extra },
  });
  return triage(maskIntakeEvent(raw).event, rules).decision;
}

describe("a sensitive value the lead shared, once masked", () => {
  it.each([
    [
      "a card number",
      "We want lead qualification on our HubSpot forms. For the invoice: 4111 1111 1111 1111.",
      "4111111111111111",
      "the lead shared a card number ending 1111",
    ],
    [
      "an IBAN",
      "Queremos calificar los leads de nuestros formularios. Pagad a ES91 2100 0418 4502 0005 1332.",
      "ES9121000418450200051332",
      "the lead shared a bank account number (ES IBAN ending 1332)",
    ],
    [
      "an API token",
      "Connect our CRM with this key sk-proj-A1b2C3d4E5f6G7h8I9j0KLmn and automate the follow-ups.",
      "sk-proj-A1b2C3d4E5f6G7h8I9j0KLmn",
      "the lead shared a password or access token (removed)",
    ],
    [
      "a DNI",
      "Necesitamos automatizar el seguimiento comercial. Factura a nombre de 12345678Z.",
      "12345678Z",
      "the lead shared a national id number ending 78Z",
    ],
  ])("still escalates %s with risk, and the decision names its kind, not the value", (_, message, value, evidence) => {
    const decision = triageMasked(message);
    expect(decision).toMatchObject({ decision: "escalate", priority: "immediate" });
    expect(decision.reasons).toContain("risk");
    const risk = decision.package!.reasons.find((r) => r.code === "risk")!;
    expect(risk.evidence).toContain(evidence);
    expect(risk.rule).toContain("risk.sensitive_value");
    expect(JSON.stringify(decision).replace(/[\s-]/g, "")).not.toContain(value);
  });

  it("raises nothing for a lead who shared no such value", () => {
    const decision = triageMasked("We'd like an AI agent to qualify our 400 monthly leads. Call +34 600 000 000.");
    expect(decision.reasons).not.toContain("risk");
  });
});
