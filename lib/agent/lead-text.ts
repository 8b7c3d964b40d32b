import type { IntakeEvent } from "@/lib/contract/intake";

type FieldValue = NonNullable<IntakeEvent["fields"]>[string];

// Form field names that hold identity or numbers, in HubSpot's spelling and the usual variants.
export const fieldAliases = {
  firstName: ["firstname", "first_name", "first name", "nombre"],
  lastName: ["lastname", "last_name", "last name", "apellido", "apellidos"],
  fullName: ["name", "full_name", "fullname", "your_name", "nombre_completo"],
  email: ["email", "e-mail", "email_address", "correo", "work_email"],
  phone: ["phone", "mobilephone", "phone_number", "telefono", "teléfono"],
  company: ["company", "company_name", "organization", "organisation", "empresa"],
  role: ["jobtitle", "job_title", "role", "title", "cargo", "puesto"],
  website: ["website", "company_website", "url", "web"],
  employees: ["numemployees", "employees", "company_size", "num_employees", "employee_count", "empleados"],
  monthlyLeads: ["monthly_leads", "leads_per_month", "monthly_inbound_leads", "leads_mensuales"],
  budget: ["budget", "presupuesto"],
  timeline: ["timeline", "timeframe", "plazo"],
} as const;

const structuredFields = new Set<string>(Object.values(fieldAliases).flat());

export function fieldText(value: FieldValue | undefined): string | null {
  if (value === undefined || value === null) return null;
  const text = Array.isArray(value) ? value.filter((v) => v !== null).join(", ") : String(value);
  const trimmed = text.trim();
  return trimmed ? trimmed : null;
}

/** The first non-empty field among the aliases, with the name it was found under. */
export function findField(fields: IntakeEvent["fields"], aliases: readonly string[]): { name: string; text: string } | null {
  if (!fields) return null;
  const byLower = new Map(Object.entries(fields).map(([k, v]) => [k.toLowerCase(), { name: k, value: v }]));
  for (const alias of aliases) {
    const entry = byLower.get(alias);
    const text = fieldText(entry?.value);
    if (entry && text) return { name: entry.name, text };
  }
  return null;
}

/**
 * What the lead wrote in their own words: free-text form fields and their chat or email messages.
 * The agent's messages are left out, so the agent can never trigger a rule with its own words.
 */
export function collectLeadText(event: IntakeEvent): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(event.fields ?? {})) {
    if (structuredFields.has(name.toLowerCase())) continue;
    const text = fieldText(value);
    // Bare numbers, addresses and links are metadata (the mailbox an email was sent to, a page), not the lead's words.
    if (!text || typeof value === "boolean" || /^\d+(\.\d+)?$/.test(text) || /^\S+@\S+$/.test(text) || /^https?:\/\/\S+$/.test(text)) continue;
    parts.push(text);
  }
  for (const message of event.messages ?? []) if (message.from === "lead" && message.text.trim()) parts.push(message.text.trim());
  return parts.join("\n");
}

// Every extractor splits the same lead text; one remembered split spares the repeats.
let lastText: string | null = null;
let lastSentences: readonly string[] = [];

export function splitSentences(text: string): string[] {
  if (text !== lastText) {
    lastSentences = text
      .split(/(?<=[.?!])\s+|\n+/)
      .map((s) => s.trim())
      .filter(Boolean);
    lastText = text;
  }
  return [...lastSentences];
}
