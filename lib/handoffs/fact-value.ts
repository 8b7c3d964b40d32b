import { fitLevels, intents } from "@/lib/contract/package";
import { humanize } from "@/lib/format";
import { parseTypedAmount } from "@/lib/handoffs/typed-amount";

export type FactValueCheck = { ok: true; value: string } | { ok: false; message: string };

type Kind =
  | { kind: "email" }
  | { kind: "website" }
  | { kind: "phone" }
  | { kind: "count"; max: number }
  | { kind: "money" }
  | { kind: "choice"; options: readonly string[] }
  | { kind: "text"; max: number };

/**
 * What each fact of the package holds (lib/agent/build-package.ts names them), so a person's
 * correction is held to the type of the fact it replaces: a website stays a website. A field this
 * table does not know is plain text.
 */
const factKinds: Record<string, Kind> = {
  name: { kind: "text", max: 200 },
  email: { kind: "email" },
  phone: { kind: "phone" },
  company: { kind: "text", max: 200 },
  role: { kind: "text", max: 200 },
  website: { kind: "website" },
  need: { kind: "text", max: 1000 },
  tool: { kind: "text", max: 200 },
  employees: { kind: "count", max: 10_000_000 },
  monthly_leads: { kind: "count", max: 100_000_000 },
  timeline_days: { kind: "count", max: 3650 },
  budget: { kind: "money" },
  intent: { kind: "choice", options: intents },
  fit: { kind: "choice", options: fitLevels },
  urgent: { kind: "choice", options: ["yes", "no"] },
};

/**
 * A corrected value for the fact `field`, checked as that fact's type and written the way the agent
 * writes it ("1200" for "1,200", "15000 EUR" for "15.000 eur" from a Spanish browser); `locale`
 * decides an ambiguous number as in parseTypedAmount. The message names the fact.
 */
export function checkFactValue(field: string, raw: string, locale?: string): FactValueCheck {
  const name = humanize(field);
  const value = raw.trim();
  if (value === "") return { ok: false, message: `Type the right ${name.toLowerCase()} first.` };
  const spec = factKinds[field] ?? { kind: "text", max: 1000 };
  switch (spec.kind) {
    case "email":
      return email.test(value) && value.length <= 320
        ? { ok: true, value: value.toLowerCase() }
        : { ok: false, message: `${name} must be an email address, such as ana@acme.io.` };
    case "website":
      return website(value) ?? { ok: false, message: `${name} must be a domain or web address, such as acme.io or https://acme.io.` };
    case "phone":
      return /^\+?[\d\s().-]+$/.test(value) && (value.match(/\d/g)?.length ?? 0) >= 6 && (value.match(/\d/g)?.length ?? 0) <= 20
        ? { ok: true, value }
        : { ok: false, message: `${name} must be a phone number: digits, spaces and + ( ) - only.` };
    case "count": {
      const read = /^[\d\s.,']+$/.test(value) ? parseTypedAmount(value, locale) : null;
      return read?.ok && Number.isInteger(read.value) && read.value >= 0 && read.value <= spec.max
        ? { ok: true, value: String(read.value) }
        : { ok: false, message: `${name} must be a whole number from 0 to ${spec.max.toLocaleString("en-US")}.` };
    }
    case "money": {
      const match = /^(.+?)\s*([A-Za-z]{3})$/.exec(value);
      const read = match ? parseTypedAmount(match[1]!, locale) : null;
      return match && read?.ok && read.value > 0 && read.value <= 1_000_000_000
        ? { ok: true, value: `${read.value} ${match[2]!.toUpperCase()}` }
        : { ok: false, message: `${name} must be an amount and its currency, such as 15000 EUR.` };
    }
    case "choice": {
      const chosen = value.toLowerCase();
      return spec.options.includes(chosen) ? { ok: true, value: chosen } : { ok: false, message: `${name} must be one of: ${spec.options.join(", ")}.` };
    }
    case "text":
      if (value.length > spec.max) return { ok: false, message: `${name} can be at most ${spec.max.toLocaleString("en-US")} characters.` };
      // Names and needs are words: angle brackets are markup, and control characters are not text.
      if (/[<>]/.test(value)) return { ok: false, message: `${name} must be plain text, without < or >.` };
      if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value))
        return { ok: false, message: `${name} must be plain text, without control characters.` };
      return { ok: true, value };
  }
}

const email = /^[^\s@<>()[\]\\,;:"]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.[a-z]{2,63}$/i;
const hostname = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

// "acme.io", "www.acme.io/pricing" or "https://acme.io": an http(s) address whose host is a domain.
function website(value: string): FactValueCheck | null {
  if (/\s|[<>"'`\\]/.test(value)) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `https://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  if ((url.protocol !== "https:" && url.protocol !== "http:") || url.username || url.password || !hostname.test(url.hostname)) return null;
  return { ok: true, value };
}
