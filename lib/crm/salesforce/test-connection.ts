import type { ResolvedConnections } from "@/lib/connections/load-connection-settings";
import { CrmUnavailableError, CrmValidationError } from "@/lib/crm/errors";
import { createSalesforceAdapter } from "@/lib/crm/salesforce/adapter";
import { listVersions } from "@/lib/crm/salesforce/client";
import { defaultSalesforceSettings, fieldHelp } from "@/lib/crm/salesforce/fields";

/**
 * The connection test on /admin/connections: GET /services/data/ (the versions the org lists), the
 * client-credentials token, GET /limits and Baton's custom fields, in words an admin can act on.
 */
export async function testSalesforce(sf: ResolvedConnections["salesforce"], timeoutMs: number): Promise<{ ok: boolean; message: string }> {
  if (!sf.instanceUrl) return { ok: false, message: "Salesforce is not configured: save the org's My Domain URL first." };
  const versions = await listVersions(sf.instanceUrl, timeoutMs).catch((error: unknown) => error);
  if (!Array.isArray(versions)) return { ok: false, message: versions instanceof CrmUnavailableError ? versions.message : String(versions) };
  const newest = [...versions].sort((a, b) => Number(b.version) - Number(a.version))[0];
  const chosen = sf.apiVersion ? versions.find((v) => v.version === sf.apiVersion) : newest;
  if (!chosen)
    return {
      ok: false,
      message: `The org does not list API v${sf.apiVersion} (newest: v${newest?.version ?? "none"}). Leave the version blank to use the newest.`,
    };
  const versionText = `API v${chosen.version} (${chosen.label})`;
  if (!sf.clientId || !sf.clientSecret) return { ok: false, message: `The org answers with ${versionText}, but the client id or secret is missing.` };
  const adapter = createSalesforceAdapter({
    instanceUrl: sf.instanceUrl,
    clientId: sf.clientId,
    clientSecret: sf.clientSecret,
    apiVersion: chosen.version,
    timeoutMs,
    settings: defaultSalesforceSettings,
    maxRetries: 0,
  });
  try {
    const limits = await adapter.client.request<{ DailyApiRequests?: { Max: number; Remaining: number } }>("GET", "/limits");
    const daily = limits.DailyApiRequests;
    const limitsText = daily ? `daily API requests: ${daily.Max - daily.Remaining} of ${daily.Max} used` : "no daily API limit reported";
    const missing = await adapter.missingFields();
    if (missing.length) return { ok: false, message: `Connected with ${versionText}; ${limitsText}. ${fieldHelp(missing)}` };
    return { ok: true, message: `Connected with ${versionText} as org ${await adapter.portal()}; ${limitsText}. Baton's custom fields are all there.` };
  } catch (error) {
    if (error instanceof CrmUnavailableError || error instanceof CrmValidationError) return { ok: false, message: error.message };
    throw error;
  }
}
