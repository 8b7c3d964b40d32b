import { getHandoff } from "@/db/queries/handoffs";
import type { Actor } from "@/lib/auth/guard";
import { configuredCrmAdapter } from "@/lib/connections/configured-crm-adapter";
import { crmAdapterLabels, loadCrmChoice } from "@/lib/crm/crm-choice";
import { CrmUnavailableError, CrmValidationError } from "@/lib/crm/errors";
import { syncHandoffs } from "@/lib/crm/sync-handoffs";
import { env } from "@/lib/env";
import { UserError } from "@/lib/errors";
import { canViewHandoff } from "@/lib/handoffs/access";

/**
 * A person's "Sync now": the same idempotent sync the queued job runs, at once, for a package they
 * can see (the worker may be behind, or the CRM was down). The queued job still runs and changes nothing more.
 */
export async function syncHandoffNow({ actor, handoffId }: { actor: Actor; handoffId: string }) {
  const found = await getHandoff({ id: handoffId });
  if (!found) throw new UserError("not_found", "That package does not exist (or was removed).");
  if (!canViewHandoff(actor, found.handoff)) throw new UserError("forbidden", "This package is outside your team's queue.");
  const crm = crmAdapterLabels[(await loadCrmChoice()).adapter];
  try {
    const result = await syncHandoffs([handoffId], { adapter: configuredCrmAdapter, appUrl: env().APP_URL });
    if (result.unparsable.length)
      throw new UserError("bad_request", "This package's stored content does not match the package format, so it cannot be synced.");
  } catch (error) {
    if (error instanceof CrmValidationError) throw new UserError("bad_request", `${crm} refused the records: ${error.failure.message}`);
    if (error instanceof CrmUnavailableError) throw new UserError("rate_limited", `${crm} is not answering right now; the queued sync will retry on its own.`);
    throw error;
  }
}
