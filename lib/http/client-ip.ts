/**
 * The address a proxy in front of the app appended last (Next only fills X-Forwarded-For when it is
 * absent). Without such a proxy a client can choose it, which is why limits keyed by it are never
 * the only limit (sign-in also counts per account, the chat per session).
 */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers
    .get("x-forwarded-for")
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return forwarded?.at(-1)?.slice(0, 100) ?? headers.get("x-real-ip")?.slice(0, 100) ?? null;
}
