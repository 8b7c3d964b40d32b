import type { CrmAdapter } from "@/lib/crm/adapter";
import { createCrmAdapter } from "@/lib/crm/create-adapter";
import { createHubSpotAdapter } from "@/lib/crm/hubspot/adapter";
import { loadConnectionSettings } from "@/lib/connections/load-connection-settings";
import { env } from "@/lib/env";

/**
 * The CRM chosen by CRM_ADAPTER, with HubSpot's token and URL read on each call from the settings
 * saved on /admin/connections (else the environment), so a token changed there reaches the worker
 * without a restart. One HubSpot adapter per token and URL keeps its caches and rate limiter.
 */
export function configuredCrmAdapter(): CrmAdapter {
  const fromEnv = createCrmAdapter();
  if (fromEnv.name !== "hubspot") return fromEnv;
  let current: { key: string; adapter: CrmAdapter } | null = null;
  const resolve = async (): Promise<CrmAdapter> => {
    const e = env();
    const { hubspot } = await loadConnectionSettings();
    const token = hubspot.accessToken ?? e.HUBSPOT_ACCESS_TOKEN;
    if (!token) return fromEnv;
    const key = `${hubspot.apiUrl}\n${token}`;
    if (current?.key !== key) {
      current = { key, adapter: createHubSpotAdapter({ baseUrl: hubspot.apiUrl, token, rateLimit: { max: e.HUBSPOT_RATE_LIMIT_MAX, windowMs: e.HUBSPOT_RATE_LIMIT_WINDOW_MS }, timeoutMs: e.HUBSPOT_TIMEOUT_MS }) };
    }
    return current.adapter;
  };
  return {
    name: fromEnv.name,
    portal: async () => (await resolve()).portal(),
    upsert: async (kind, inputs) => (await resolve()).upsert(kind, inputs),
    associate: async (pairs) => (await resolve()).associate(pairs),
    // A record's address depends on the portal, not on the token.
    recordUrl: (kind, crmId, portal) => fromEnv.recordUrl(kind, crmId, portal),
  };
}
