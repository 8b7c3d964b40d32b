import type { CrmAdapter } from "@/lib/crm/adapter";
import { createBuiltinAdapter } from "@/lib/crm/builtin-adapter";
import { defaultSalesforceSettings } from "@/lib/crm/salesforce/fields";
import { createHubSpotAdapter } from "@/lib/crm/hubspot/adapter";
import { createSalesforceAdapter } from "@/lib/crm/salesforce/adapter";
import { env } from "@/lib/env";

/** The CRM the environment names (CRM_ADAPTER), configured from the environment alone. */
export function createCrmAdapter(): CrmAdapter {
  const e = env();
  if (e.CRM_ADAPTER === "builtin") return createBuiltinAdapter();
  if (e.CRM_ADAPTER === "salesforce")
    return createSalesforceAdapter({
      // env() refuses CRM_ADAPTER=salesforce without these.
      instanceUrl: e.SALESFORCE_INSTANCE_URL!,
      clientId: e.SALESFORCE_CLIENT_ID!,
      clientSecret: e.SALESFORCE_CLIENT_SECRET!,
      apiVersion: e.SALESFORCE_API_VERSION ?? null,
      timeoutMs: e.SALESFORCE_TIMEOUT_MS,
      settings: defaultSalesforceSettings,
    });
  return createHubSpotAdapter({
    baseUrl: e.HUBSPOT_API_URL,
    // env() refuses CRM_ADAPTER=hubspot without a token.
    token: e.HUBSPOT_ACCESS_TOKEN!,
    rateLimit: { max: e.HUBSPOT_RATE_LIMIT_MAX, windowMs: e.HUBSPOT_RATE_LIMIT_WINDOW_MS },
    timeoutMs: e.HUBSPOT_TIMEOUT_MS,
  });
}
