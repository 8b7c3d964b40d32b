import { z } from "zod";
import type { Language } from "@/lib/chat/agent-lines";
import type { HandoffPackage } from "@/lib/contract/package";

/** The facts a lead sees passed on and may correct, in the order they read them. */
export const receiptFields = ["name", "email", "phone", "company", "role", "need"] as const;
export type ReceiptField = (typeof receiptFields)[number];

const labels: Record<Language, Record<ReceiptField, string>> = {
  en: { name: "Name", email: "Email", phone: "Phone", company: "Company", role: "Role", need: "What you need" },
  es: { name: "Nombre", email: "Email", phone: "Teléfono", company: "Empresa", role: "Cargo", need: "Lo que necesitas" },
};

export type ReceiptLine = { field: ReceiptField; label: string; value: string };

/**
 * What the person taking over will know: the package's confirmed facts (what the lead said), in the
 * receipt's fields, with the labels in the lead's language (pure). Inferred facts are not the lead's
 * words, so they are not shown as if they were.
 */
export function leadReceipt(pkg: HandoffPackage, language: Language): ReceiptLine[] {
  const confirmed = new Map(pkg.facts.confirmed.map((f) => [f.field, f.value]));
  return receiptFields.flatMap((field) => {
    const value = confirmed.get(field);
    return value ? [{ field, label: labels[language][field], value }] : [];
  });
}

/**
 * The lead's one-click correction of a receipt line: it becomes a confirmed fact in their words, on
 * the package and its identification, and the inbox columns follow (pure).
 */
export function applyLeadCorrection(pkg: HandoffPackage, field: ReceiptField, value: string): { pkg: HandoffPackage; before: string | null } {
  const before = pkg.facts.confirmed.find((f) => f.field === field)?.value ?? null;
  const fact = { field, value, fragment: value };
  const confirmed = pkg.facts.confirmed.some((f) => f.field === field)
    ? pkg.facts.confirmed.map((f) => (f.field === field ? fact : f))
    : [...pkg.facts.confirmed, fact];
  const inferred = pkg.facts.inferred.filter((f) => f.field !== field);
  const identification = field === "need" ? pkg.identification : { ...pkg.identification, [field]: value };
  return { pkg: { ...pkg, identification, need: field === "need" ? value : pkg.need, facts: { ...pkg.facts, confirmed, inferred } }, before };
}

export const leadCorrectionSchema = z.object({
  sessionId: z.uuid({ error: "the chat session id must be a UUID; reload the page to start a new chat" }),
  field: z.enum(receiptFields, { error: `field must be one of: ${receiptFields.join(", ")}` }),
  value: z.string({ error: "value must be text" }).trim().min(1, "value: write the correct value").max(500, "value can be at most 500 characters"),
});

export const leadReceiptRequestSchema = z.object({
  sessionId: z.uuid({ error: "the chat session id must be a UUID; reload the page to start a new chat" }),
});
