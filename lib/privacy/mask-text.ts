import { findSensitiveValues } from "@/lib/privacy/find-sensitive-values";
import { REMOVED, type SensitiveKind } from "@/lib/privacy/masks";

export type MaskedValue = { kind: SensitiveKind; masked: string };
export type Masked<T> = { value: T; removed: MaskedValue[] };

/** The text with every sensitive value replaced by its mask, and what was replaced. */
export function maskText(text: string): Masked<string> {
  const found = findSensitiveValues(text);
  if (!found.length) return { value: text, removed: [] };
  let out = "";
  let at = 0;
  for (const match of found) {
    out += text.slice(at, match.start) + match.masked;
    at = match.end;
  }
  return { value: out + text.slice(at), removed: found.map(({ kind, masked }) => ({ kind, masked })) };
}

// A form field or JSON key that names a secret: its whole value goes, whatever it looks like.
const credentialKey =
  /^(?:.*[_ -])?(?:password|passwd|pwd|passcode|passphrase|contraseña|contrasena|clave|secret|api[_ -]?key|access[_ -]?token|token|cvv2?|cvc)$/i;

/**
 * Every string inside a JSON value masked (object keys kept), and the value of any key that names a
 * secret removed. Returns the same object when nothing changed, so callers can tell cheaply.
 */
export function maskDeep<T>(value: T): Masked<T> {
  const removed: MaskedValue[] = [];
  const walk = (v: unknown, key: string | null): unknown => {
    if (typeof v === "string") {
      if (key !== null && credentialKey.test(key) && v.trim() && v !== REMOVED) {
        removed.push({ kind: "credential", masked: REMOVED });
        return REMOVED;
      }
      const masked = maskText(v);
      removed.push(...masked.removed);
      return masked.value;
    }
    if (Array.isArray(v)) {
      const next = v.map((item) => walk(item, key));
      return next.some((item, i) => item !== v[i]) ? next : v;
    }
    if (v && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
      let changed = false;
      const next: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) {
        next[k] = walk(item, k);
        if (next[k] !== item) changed = true;
      }
      return changed ? next : v;
    }
    return v;
  };
  return { value: walk(value, null) as T, removed };
}
