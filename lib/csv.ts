/**
 * RFC 4180 CSV: every field quoted when it needs to be, CRLF line ends. A field that a spreadsheet
 * would run as a formula (=, +, -, @, tab, CR at the start) is prefixed with an apostrophe: lead
 * names and campaigns come from outside, and an export must not become an attack on whoever opens it.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}

function csvField(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
