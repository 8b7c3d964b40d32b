import type { Actor } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";
import { UserError } from "@/lib/errors";
import { changeHandoffStatus, reassignHandoff } from "@/lib/handoffs/change-handoff";
import type { DiscardReason } from "@/lib/handoffs/discard-reasons";
import type { BulkItem } from "@/lib/inbox/bulk-schemas";
import { logger } from "@/lib/logger";

/** What happened to one selected package. */
export type BulkOutcome = { handoffId: string; outcome: "done" | "conflict" | "refused" | "failed"; message?: string };
export type BulkResult = { outcomes: BulkOutcome[]; summary: string };

/**
 * A manager's reassignment of many packages: each one goes through the same path as a single
 * reassignment (state machine, version check, timeline event), so a package someone changed since
 * the manager's page was drawn is left alone and reported, while the others go ahead.
 */
export async function bulkReassign(options: { actor: Actor; items: BulkItem[]; ownerId: string | null; note?: string | null }): Promise<BulkResult> {
  requireManager(options.actor);
  const outcomes = await eachItem(options.items, (item) =>
    reassignHandoff({ actor: options.actor, handoffId: item.handoffId, expectedVersion: item.version, ownerId: options.ownerId, note: options.note }),
  );
  return { outcomes, summary: summarizeBulk(options.ownerId ? "reassigned" : "returned to the queue", outcomes) };
}

/** A manager's discard of many packages, each through the state machine with the same reason. */
export async function bulkDiscard(options: { actor: Actor; items: BulkItem[]; reason: DiscardReason; note?: string | null }): Promise<BulkResult> {
  requireManager(options.actor);
  const outcomes = await eachItem(options.items, (item) =>
    changeHandoffStatus({
      actor: options.actor,
      handoffId: item.handoffId,
      expectedVersion: item.version,
      input: { command: "discard", reason: options.reason, note: options.note },
    }),
  );
  return { outcomes, summary: summarizeBulk("discarded", outcomes) };
}

/** "12 discarded, 1 changed by someone else, 1 refused": what the toast says. */
export function summarizeBulk(verb: string, outcomes: BulkOutcome[]): string {
  const count = (kind: BulkOutcome["outcome"]) => outcomes.filter((o) => o.outcome === kind).length;
  const parts = [`${count("done")} ${verb}`];
  if (count("conflict")) parts.push(`${count("conflict")} changed by someone else`);
  if (count("refused")) parts.push(`${count("refused")} not allowed`);
  if (count("failed")) parts.push(`${count("failed")} failed`);
  return parts.join(", ");
}

function requireManager(actor: Actor) {
  if (!can(actor.role, "handoffs.reassign")) throw new UserError("forbidden", "Bulk actions are for managers and admins.");
}

// One at a time and each in its own transaction: a package that cannot change must not undo the rest.
async function eachItem(items: BulkItem[], apply: (item: BulkItem) => Promise<unknown>): Promise<BulkOutcome[]> {
  const outcomes: BulkOutcome[] = [];
  for (const item of items) {
    try {
      await apply(item);
      outcomes.push({ handoffId: item.handoffId, outcome: "done" });
    } catch (error) {
      if (error instanceof UserError) {
        outcomes.push({ handoffId: item.handoffId, outcome: error.code === "conflict" ? "conflict" : "refused", message: error.message });
      } else {
        logger.error("bulk action failed for one package", { handoffId: item.handoffId, error });
        outcomes.push({ handoffId: item.handoffId, outcome: "failed" });
      }
    }
  }
  return outcomes;
}
