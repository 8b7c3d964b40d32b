/** One changed field of an audit entry: what it was and what it became (undefined: absent on that side). */
export type AuditChange = { field: string; before: unknown; after: unknown };

/**
 * The fields that differ between `before` and `after`, compared as JSON, in a stable order. A
 * creation lists every field of `after`; a deletion every field of `before`. Values that are not
 * objects count as one field named "value".
 */
export function auditDiff(before: unknown, after: unknown): AuditChange[] {
  const b = asRecord(before);
  const a = asRecord(after);
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields.filter((field) => JSON.stringify(b[field]) !== JSON.stringify(a[field])).map((field) => ({ field, before: b[field], after: a[field] }));
}

/** A value as a short line: strings as they are, lists joined, objects as compact JSON. */
export function formatAuditValue(value: unknown): string {
  if (value === undefined) return "—";
  if (value === null) return "none";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === "string" || typeof v === "number")) return value.join(", ");
  return JSON.stringify(value);
}

function asRecord(value: unknown): Record<string, unknown> {
  if (value === null || value === undefined) return {};
  if (typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  return { value };
}
