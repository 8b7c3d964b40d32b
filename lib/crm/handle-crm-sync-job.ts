import { CrmValidationError, type CrmFailure } from "@/lib/crm/errors";
import { syncHandoffs, type CrmAdapterSource } from "@/lib/crm/sync-handoffs";
import { queues } from "@/lib/jobs/queues";
import type { Logger } from "@/lib/logger";

export type CrmSyncJobDeps = {
  adapter: CrmAdapterSource;
  appUrl: string;
  log: Logger;
  /** Straight to the dead-letter list, no retries: the payload itself is what the CRM refuses. */
  deadLetter: (payload: unknown, failure: CrmFailure) => Promise<void>;
};

/**
 * The `crm-sync` job: `{ handoffId }`, queued with the intake, a chat update or a status change.
 * It syncs the handoff's current state, so any number of runs leave one set of records. A CRM
 * outage or rate limit throws (pg-boss retries with backoff, then dead-letters); a payload the CRM
 * refuses as invalid is dead-lettered at once with the CRM's message.
 */
export async function handleCrmSyncJob(payload: unknown, deps: CrmSyncJobDeps): Promise<void> {
  await handleCrmSyncJobs([payload], deps);
}

/** A batch of jobs (pg-boss `batchSize`): one CRM call per kind for all of them. */
export async function handleCrmSyncJobs(payloads: unknown[], deps: CrmSyncJobDeps): Promise<void> {
  const valid: { payload: unknown; handoffId: string }[] = [];
  for (const payload of payloads) {
    const parsed = queues.crmSync.schema.safeParse(payload);
    if (parsed.success) valid.push({ payload, handoffId: parsed.data.handoffId });
    else
      await deps.deadLetter(payload, {
        message: `Not a crm-sync payload: ${parsed.error.issues.map((i) => `${i.path.join(".") || "payload"}: ${i.message}`).join("; ")}`,
      });
  }
  if (valid.length === 0) return;
  try {
    const { unparsable } = await syncHandoffs(unique(valid.map((v) => v.handoffId)), deps);
    for (const job of valid.filter((v) => unparsable.includes(v.handoffId))) {
      await deps.deadLetter(job.payload, {
        message: "The package stored for this handoff does not match the package format, so it cannot be logged in the CRM.",
      });
    }
  } catch (error) {
    if (!(error instanceof CrmValidationError)) throw error;
    if (valid.length === 1) {
      deps.log.warn("crm sync refused by the CRM", { handoffId: valid[0]!.handoffId, ...error.failure });
      await deps.deadLetter(valid[0]!.payload, error.failure);
      return;
    }
    // The CRM refused the batch: one handoff at a time finds the one it refuses; the rest go through.
    let retryable: unknown = null;
    for (const job of valid) {
      try {
        await handleCrmSyncJobs([job.payload], deps);
      } catch (inner) {
        retryable ??= inner;
      }
    }
    if (retryable) throw retryable;
  }
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
