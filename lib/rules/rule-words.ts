// A rule as a salesperson reads it. The package stores which rule decided and which signal it
// matched as ids ("default.escalate:risk.complaint"); people see words, and the id only on hover
// and in the admin rules editor.

const decisionWords: Record<string, string> = { escalate: "Escalate", filter: "Filter", ask: "Ask", act: "Act" };

function words(id: string): string {
  return id
    .replace(/[._-]+/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .trim()
    .toLowerCase();
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "default.escalate" → "Escalate rule"; "default.filter.no_fit" → "Filter rule (no fit)"; "acme.vip" → "Acme vip rule". */
export function ruleNameInWords(ruleId: string): string {
  if (ruleId === "no_rule_matched") return "No rule matched";
  const segments = ruleId.split(".").filter(Boolean);
  if (segments[0] === "default") segments.shift();
  const [first, ...rest] = segments;
  if (!first) return "A rule";
  const decision = decisionWords[first];
  if (decision) return rest.length ? `${decision} rule (${words(rest.join(" "))})` : `${decision} rule`;
  return `${capitalize(words(segments.join(" ")))} rule`;
}

/** "risk.complaint" → "complaint (risk)"; "missing.email" → "missing email"; "volume.monthly_leads" → "monthly leads (volume)". */
export function signalInWords(source: string): string {
  const [family, ...rest] = source.split(".");
  if (!family) return "";
  if (rest.length === 0) return words(family);
  if (family === "missing") return `missing ${words(rest.join(" "))}`;
  if (family === "action") return `proposed action: ${words(rest.join(" "))}`;
  return `${words(rest.join(" "))} (${words(family)})`;
}

/** A package reason's rule reference, "<rule id>[:<signal id>]", in words: "Escalate rule, on complaint (risk)". */
export function ruleReferenceInWords(reference: string): string {
  const at = reference.indexOf(":");
  if (at < 0) return ruleNameInWords(reference);
  const signal = signalInWords(reference.slice(at + 1));
  const rule = ruleNameInWords(reference.slice(0, at));
  return signal ? `${rule}, on ${signal}` : rule;
}
