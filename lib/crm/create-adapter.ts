import type { CrmAdapter } from "@/lib/crm/adapter";
import { createBuiltinAdapter } from "@/lib/crm/builtin-adapter";
import { createHubSpotAdapter } from "@/lib/crm/hubspot/adapter";
import { env } from "@/lib/env";

/** The CRM this deployment logs to (CRM_ADAPTER): the built-in one unless HubSpot is configured. */
export function createCrmAdapter(): CrmAdapter {
  const e = env();
  if (e.CRM_ADAPTER === "builtin") return createBuiltinAdapter();
  return createHubSpotAdapter({
    baseUrl: e.HUBSPOT_API_URL,
    // env() refuses CRM_ADAPTER=hubspot without a token.
    token: e.HUBSPOT_ACCESS_TOKEN!,
    rateLimit: { max: e.HUBSPOT_RATE_LIMIT_MAX, windowMs: e.HUBSPOT_RATE_LIMIT_WINDOW_MS },
    timeoutMs: e.HUBSPOT_TIMEOUT_MS,
  });
}
