import type { CrmAdapter } from "@/lib/crm/adapter";
import { createBuiltinAdapter } from "@/lib/crm/builtin-adapter";
import { loadCrmChoice } from "@/lib/crm/crm-choice";
import { CrmUnavailableError } from "@/lib/crm/errors";
import { createHubSpotAdapter } from "@/lib/crm/hubspot/adapter";
import { createSalesforceAdapter } from "@/lib/crm/salesforce/adapter";
import { loadConnectionSettings, type ResolvedConnections } from "@/lib/connections/load-connection-settings";
import { env } from "@/lib/env";

// One adapter per configuration, kept across calls: its caches (owners, the field check, the token)
// and its rate limiter or limit governor outlive a single sync.
const adapters = new Map<string, CrmAdapter>();

/**
 * The CRM chosen on /admin/connections (else CRM_ADAPTER), with its connection settings saved there
 * (else the environment), read on each call: a choice, token or secret changed there reaches the
 * worker without a restart. A chosen CRM that is not configured fails as unavailable (the queue
 * retries) with a message saying what is missing.
 */
export async function configuredCrmAdapter(): Promise<CrmAdapter> {
  const [{ adapter: choice }, settings] = await Promise.all([loadCrmChoice(), loadConnectionSettings()]);
  if (choice === "builtin") return cachedAdapter("builtin", () => createBuiltinAdapter());
  if (choice === "hubspot") {
    const e = env();
    const token = settings.hubspot.accessToken;
    if (!token) throw new CrmUnavailableError({ message: "HubSpot is the chosen CRM but has no access token: save one on /admin/connections." });
    return cachedAdapter(`hubspot\n${settings.hubspot.apiUrl}\n${token}`, () =>
      createHubSpotAdapter({
        baseUrl: settings.hubspot.apiUrl,
        token,
        rateLimit: { max: e.HUBSPOT_RATE_LIMIT_MAX, windowMs: e.HUBSPOT_RATE_LIMIT_WINDOW_MS },
        timeoutMs: e.HUBSPOT_TIMEOUT_MS,
      }),
    );
  }
  return salesforceAdapter(settings.salesforce);
}

function salesforceAdapter(sf: ResolvedConnections["salesforce"]): CrmAdapter {
  if (!sf.instanceUrl || !sf.clientId || !sf.clientSecret)
    throw new CrmUnavailableError({
      message: "Salesforce is the chosen CRM but its My Domain URL, client id or client secret is missing: save them on /admin/connections.",
    });
  const settings = {
    stages: { qualified: sf.stageQualified, in_progress: sf.stageInProgress, won: sf.stageWon, lost: sf.stageLost },
    closeDays: sf.closeDays,
    multiCurrency: false,
  };
  const { instanceUrl, clientId, clientSecret } = sf;
  return cachedAdapter(JSON.stringify(["salesforce", sf]), () =>
    createSalesforceAdapter({ instanceUrl, clientId, clientSecret, apiVersion: sf.apiVersion ?? null, timeoutMs: env().SALESFORCE_TIMEOUT_MS, settings }),
  );
}

function cachedAdapter(key: string, create: () => CrmAdapter): CrmAdapter {
  let adapter = adapters.get(key);
  if (!adapter) {
    adapter = create();
    adapters.set(key, adapter);
  }
  return adapter;
}
