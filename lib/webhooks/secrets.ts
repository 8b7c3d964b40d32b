import { decryptSecret, encryptSecret } from "@/lib/connections/encryption";
import { encryptionKey } from "@/lib/connections/encryption-key";

// Bound to the endpoint and the field, so a ciphertext copied to another endpoint does not decrypt there.
const aad = (endpointId: string) => `webhook_endpoints.secret:${endpointId}`;

export const encryptWebhookSecret = (endpointId: string, secret: string) => encryptSecret(secret, encryptionKey(), aad(endpointId));

/** The secrets that sign now: the current one, and the previous one while a rotation overlaps. */
export function signingSecrets(
  endpoint: { id: string; secretEncrypted: string; previousSecretEncrypted: string | null; previousSecretExpiresAt: Date | null },
  now: Date,
): string[] {
  const key = encryptionKey();
  const current = decryptSecret(endpoint.secretEncrypted, key, aad(endpoint.id));
  if (!endpoint.previousSecretEncrypted || !endpoint.previousSecretExpiresAt || endpoint.previousSecretExpiresAt <= now) return [current];
  // The previous secret was encrypted for the `secret` field when it was current; it is moved as is.
  return [current, decryptSecret(endpoint.previousSecretEncrypted, key, aad(endpoint.id))];
}
