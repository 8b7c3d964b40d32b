import { intakeEventSchema } from "@/lib/contract/intake";
import { humanize } from "@/lib/format";

export type SubmissionMessage = {
  receivedAt: string | null;
  /** The form's fields, in the order sent, as the lead filled them. */
  fields: { label: string; value: string }[];
  /** What the lead and the agent wrote, in order (forms with a message box, landing-page chats). */
  messages: { from: "lead" | "agent"; text: string }[];
};

/**
 * A form or landing-page submission as the first message of the package's conversation: the
 * fields the lead filled and anything they wrote. Null when the stored intake cannot be read or
 * holds nothing a person would read.
 */
export function submissionMessage(raw: unknown): SubmissionMessage | null {
  const parsed = intakeEventSchema.safeParse(raw);
  if (!parsed.success) return null;
  const event = parsed.data;
  const fields = Object.entries(event.fields ?? {})
    .map(([key, value]) => ({ label: fieldLabel(key), value: fieldText(value) }))
    .filter((f) => f.value !== "");
  const messages = (event.messages ?? []).filter((m) => m.text.trim() !== "").map((m) => ({ from: m.from, text: m.text }));
  if (fields.length === 0 && messages.length === 0) return null;
  return { receivedAt: event.receivedAt, fields, messages };
}

// HubSpot's and common form builders' run-together field names, as people read them.
const knownLabels: Record<string, string> = {
  firstname: "First name",
  lastname: "Last name",
  jobtitle: "Job title",
  numemployees: "Employees",
  mobilephone: "Mobile phone",
  annualrevenue: "Annual revenue",
  zip: "Postcode",
};

function fieldLabel(key: string): string {
  const known = knownLabels[key.toLowerCase()];
  if (known) return known;
  // camelCase and snake_case keys read as words ("companySize" → "Company size").
  return humanize(key.replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase());
}

function fieldText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(fieldText).filter(Boolean).join(", ");
  if (typeof value === "boolean") return value ? "Yes" : "No";
  return String(value).trim();
}
