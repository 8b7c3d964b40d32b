import { createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";
import { requestSignal } from "@/lib/jobs/job-signal";

/**
 * Checks the ID token's signature against the issuer's published keys, and its issuer, audience and
 * expiry, before Baton trusts a single claim in it. Auth.js (oauth4webapi) does not verify the
 * signature of an ID token that came straight from the token endpoint (OIDC Core §3.1.3.7 lets a
 * client rely on TLS there); Baton does, so a token altered on the way, or over plain http on a
 * test loopback, is refused.
 */
export async function verifyIdToken({ idToken, issuer, clientId }: { idToken: string; issuer: string; clientId: string }): Promise<JWTPayload> {
  const jwks = await keysOf(issuer);
  const { payload } = await jwtVerify(idToken, jwks, { issuer, audience: clientId, clockTolerance: 30 });
  return payload;
}

const DISCOVERY_CACHE_MS = 5 * 60_000;
const keySets = new Map<string, { at: number; keys: Promise<ReturnType<typeof createRemoteJWKSet>> }>();

function keysOf(issuer: string) {
  const cached = keySets.get(issuer);
  if (cached && Date.now() - cached.at < DISCOVERY_CACHE_MS) return cached.keys;
  const keys = discoverKeys(issuer);
  keySets.set(issuer, { at: Date.now(), keys });
  keys.catch(() => keySets.delete(issuer));
  return keys;
}

async function discoverKeys(issuer: string) {
  const response = await fetch(`${issuer}/.well-known/openid-configuration`, { signal: requestSignal(5_000), headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`OpenID discovery answered ${response.status}`);
  const document = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
  if (document.issuer !== issuer) throw new Error("OpenID discovery names another issuer");
  if (typeof document.jwks_uri !== "string") throw new Error("OpenID discovery has no jwks_uri");
  // jose refetches the keys when a token names a key id it has not seen (a rotation), at most every 30 s.
  return createRemoteJWKSet(new URL(document.jwks_uri), { timeoutDuration: 5_000 });
}
