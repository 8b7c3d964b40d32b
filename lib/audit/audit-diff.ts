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

/** The names of the records an entry's ids point at (users, teams, rules, keys), by id. */
export type AuditNames = ReadonlyMap<string, string>;

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every id-shaped string in a value, however deep (a routing rule's target holds its team's id). */
export function idsIn(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (typeof value === "string") {
    if (uuidShape.test(value)) into.add(value);
  } else if (value && typeof value === "object") {
    for (const child of Object.values(value)) idsIn(child, into);
  }
  return into;
}

/**
 * A value as a short line: strings as they are, lists joined, objects as compact JSON. An id the
 * log knows a name for reads as that name: an admin reads "Team: Inbound EMEA", not a UUID.
 */
export function formatAuditValue(value: unknown, names: AuditNames = new Map()): string {
  const named = withNames(value, names);
  if (named === undefined) return "—";
  if (named === null) return "none";
  if (typeof named === "string") return named;
  if (typeof named === "number" || typeof named === "boolean") return String(named);
  if (Array.isArray(named) && named.every((v) => typeof v === "string" || typeof v === "number")) return named.join(", ");
  return JSON.stringify(named);
}

function withNames(value: unknown, names: AuditNames): unknown {
  if (typeof value === "string") return names.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => withNames(v, names));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withNames(v, names)]));
  return value;
}

function asRecord(value: unknown): Record<string, unknown> {
  if (value === null || value === undefined) return {};
  if (typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  return { value };
}
