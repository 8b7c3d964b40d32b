import { CrmValidationError } from "@/lib/crm/errors";
import { createHubSpotClient } from "@/lib/crm/hubspot/client";
import { limiterFor } from "@/lib/crm/hubspot/rate-limiter";

export type HubSpotConnection = { baseUrl: string; token: string; rateLimit: { max: number; windowMs: number }; timeoutMs: number; backoffBaseMs?: number };

/**
 * HubSpot's GDPR delete (POST /crm/v3/objects/contacts/gdpr-delete, `{ objectId }`, 204): the
 * contact and everything associated with it is removed for good. A contact HubSpot no longer has
 * (404) is already what we asked for. Rate limits and 5xx are ridden out by the client.
 */
export async function gdprDeleteContacts(connection: HubSpotConnection, contactIds: readonly string[]): Promise<{ deleted: number; alreadyGone: number }> {
  const client = createHubSpotClient({ ...connection, limiter: limiterFor(`hubspot:${connection.baseUrl}:${connection.token}`, connection.rateLimit) });
  let deleted = 0;
  let alreadyGone = 0;
  for (const objectId of contactIds) {
    try {
      await client.request("POST", "/crm/v3/objects/contacts/gdpr-delete", { objectId });
      deleted++;
    } catch (error) {
      if (error instanceof CrmValidationError && error.failure.status === 404) alreadyGone++;
      else throw error;
    }
  }
  return { deleted, alreadyGone };
}
