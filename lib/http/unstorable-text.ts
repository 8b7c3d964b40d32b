// Postgres stores neither a NUL character (text or jsonb) nor half of a UTF-16 surrogate pair
// (jsonb refuses it; text silently turns it into U+FFFD): text holding one cannot be kept as sent.
const unstorable = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const UNSTORABLE_MESSAGE = "contains a character that cannot be stored (a NUL byte or half of an emoji's surrogate pair)";

export function isUnstorable(text: string): boolean {
  return unstorable.test(text);
}

/** The path to the first string (value or key) Postgres cannot store as it is, or null. Iterative. */
export function unstorableAt(value: unknown): (string | number)[] | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === "string") {
      if (isUnstorable(current)) return path;
      continue;
    }
    if (current === null || typeof current !== "object") continue;
    const entries: [string | number, unknown][] = Array.isArray(current) ? current.map((v, i) => [i, v]) : Object.entries(current);
    for (const [key, child] of entries) {
      if (typeof key === "string" && isUnstorable(key)) return [...path, key];
      stack.push({ value: child, path: [...path, key] });
    }
  }
  return null;
}
