import { changeHandoff } from "@/db/queries/handoffs";
import type { Actor } from "@/lib/auth/guard";
import { UserError } from "@/lib/errors";
import { conflictError, loadForChange } from "@/lib/handoffs/change-handoff";
import { openStatuses } from "@/lib/handoffs/state-machine";

export const MAX_SNOOZE_DAYS = 90;

/**
 * Out of the default inbox views until `until` (null wakes it now). The status, owner and SLA stay
 * as they are: snoozing hides a package from the list, it does not stop its clock.
 */
export async function snoozeHandoff(options: { actor: Actor; handoffId: string; expectedVersion: number; until: Date | null; now?: Date }) {
  const { actor, handoffId, expectedVersion, until } = options;
  const now = options.now ?? new Date();
  const { handoff } = await loadForChange(actor, handoffId, expectedVersion);
  if (!(openStatuses as readonly string[]).includes(handoff.status))
    throw new UserError("conflict", "This package is closed; only open packages can be snoozed.");
  if (until) {
    const problem = snoozeProblem(until, now);
    if (problem) throw new UserError("bad_request", problem, { until: [problem] });
  } else if (!handoff.snoozedUntil || handoff.snoozedUntil <= now) {
    throw new UserError("conflict", "This package is not snoozed.");
  }

  const updated = await changeHandoff({
    id: handoffId,
    expectedVersion,
    fromStatuses: openStatuses,
    change: { snoozedUntil: until },
    event: until
      ? // `before`: the wake time an undo puts back (lib/handoffs/undo.ts).
        {
          type: "snoozed",
          actorKind: "user",
          actorId: actor.id,
          data: { until: until.toISOString(), before: { snoozedUntil: handoff.snoozedUntil?.toISOString() ?? null } },
        }
      : { type: "unsnoozed", actorKind: "user", actorId: actor.id, data: { was: handoff.snoozedUntil?.toISOString() ?? null } },
  });
  if (!updated) throw await conflictError(handoffId, until ? "snooze" : "un-snooze");
  return updated;
}

/** Why a snooze time cannot be used, or null. */
export function snoozeProblem(until: Date, now: Date): string | null {
  if (until.getTime() <= now.getTime() + 60_000) return "Pick a time in the future.";
  if (until.getTime() > now.getTime() + MAX_SNOOZE_DAYS * 24 * 60 * 60_000) return `Snooze for at most ${MAX_SNOOZE_DAYS} days.`;
  return null;
}
