import type { IntakeEvent } from "@/lib/contract/intake";
import { sharedValuesIn } from "@/lib/privacy/describe-masks";
import type { SignalMatch } from "@/lib/rules/compile";

/** The signal id the masking step's record raises; its family is `risk`, so every rule on risk sees it. */
export const SENSITIVE_VALUE_SIGNAL = "risk.sensitive_value";

/**
 * A risk signal for each sensitive value the lead shared, read from the masks the intake edge left
 * (the value itself is gone by now). The rules engine still decides what a risk signal means; the
 * evidence names the kind of value ("a card number ending 1111"), never the value.
 */
export function sensitiveValueSignals(event: IntakeEvent): SignalMatch[] {
  const seen = new Set<string>();
  const signals: SignalMatch[] = [];
  for (const text of leadStrings(event)) {
    for (const shared of sharedValuesIn(text)) {
      if (seen.has(shared.evidence)) continue;
      seen.add(shared.evidence);
      signals.push({ id: SENSITIVE_VALUE_SIGNAL, family: "risk", label: "sensitive value shared", fragment: shared.evidence });
    }
  }
  return signals;
}

// Everything the lead (not the agent) sent: form fields of any name, the contact block, their messages.
function leadStrings(event: IntakeEvent): string[] {
  const out: string[] = [];
  const add = (v: unknown) => {
    if (typeof v === "string") out.push(v);
    else if (Array.isArray(v)) v.forEach(add);
  };
  Object.values(event.fields ?? {}).forEach(add);
  Object.values(event.contact ?? {}).forEach(add);
  for (const message of event.messages ?? []) if (message.from === "lead") out.push(message.text);
  return out;
}
