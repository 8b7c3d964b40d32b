import { changeHandoff } from "@/db/queries/handoffs";
import { handoffStatus } from "@/db/schema/handoffs";
import type { Actor } from "@/lib/auth/guard";
import { handoffPackageSchema } from "@/lib/contract/package";
import { UserError } from "@/lib/errors";
import { conflictError, loadForChange } from "@/lib/handoffs/change-handoff";
import { markAnsweredByRep } from "@/lib/handoffs/info-request";
import { applyFactReview, type FactReview } from "@/lib/handoffs/review-fact";

const eventTypes = { confirm: "fact_confirmed", correct: "fact_corrected", answer: "question_answered" } as const;

/**
 * One click on an inferred fact or an open question: the package JSON changes, the correction is
 * stored (who, when, field, before, after, kind) for the agent-accuracy metric, and the timeline
 * says what happened, all together and only on the version the rep was looking at. Closed packages
 * can still be corrected: the record of what the lead really said outlives the deal.
 */
export async function recordFactReview(options: { actor: Actor; handoffId: string; expectedVersion: number; review: FactReview }) {
  const { actor, handoffId, expectedVersion, review } = options;
  const { handoff } = await loadForChange(actor, handoffId, expectedVersion);
  const pkg = handoffPackageSchema.parse(handoff.package);
  const outcome = applyFactReview(pkg, review, actor.name ?? actor.email);
  if (!outcome.ok) throw new UserError("conflict", outcome.message);
  const { correction } = outcome;
  const infoRequest =
    correction.kind === "answer" ? markAnsweredByRep(handoff.infoRequest, correction.field, correction.after, new Date()) : handoff.infoRequest;

  const updated = await changeHandoff({
    id: handoffId,
    expectedVersion,
    fromStatuses: handoffStatus.enumValues,
    change: { package: outcome.pkg, infoRequest },
    event: {
      type: eventTypes[correction.kind],
      actorKind: "user",
      actorId: actor.id,
      data: { field: correction.field, before: correction.before, after: correction.after },
    },
    along: { correction: { actorId: actor.id, ...correction } },
  });
  if (!updated) throw await conflictError(handoffId, correction.kind === "answer" ? "answer" : correction.kind === "confirm" ? "confirmation" : "correction");
  return updated;
}
