"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/action";
import { rolesFor } from "@/lib/auth/roles";
import { changeHandoffStatus, reassignHandoff } from "@/lib/handoffs/change-handoff";
import { addHandoffNote } from "@/lib/handoffs/add-note";
import { flagPoorEscalation } from "@/lib/handoffs/flag-escalation";
import {
  acceptSchema,
  convertSchema,
  discardSchema,
  factReviewSchema,
  flagEscalationSchema,
  handBackSchema,
  noteSchema,
  reassignSchema,
  requestInfoSchema,
  snoozeSchema,
  startFollowUpSchema,
  undoSchema,
  unsnoozeSchema,
} from "@/lib/handoffs/command-schemas";
import { handBackToAgent } from "@/lib/handoffs/hand-back";
import { recordFactReview } from "@/lib/handoffs/record-fact-review";
import { requestMoreInfo } from "@/lib/handoffs/request-info";
import type { FactReview } from "@/lib/handoffs/review-fact";
import { snoozeHandoff } from "@/lib/handoffs/snooze";
import { undoLastAction } from "@/lib/handoffs/undo";

// Each action re-checks the session, the role and the package's version itself (lib/action.ts).

export const acceptHandoff = defineAction({
  name: "handoff.accept",
  roles: rolesFor("handoffs.act"),
  schema: acceptSchema,
  handler: async ({ actor, input }) =>
    done(await changeHandoffStatus({ actor, handoffId: input.handoffId, expectedVersion: input.version, input: { command: "accept" } })),
});

export const startFollowUp = defineAction({
  name: "handoff.start_follow_up",
  roles: rolesFor("handoffs.act"),
  schema: startFollowUpSchema,
  handler: async ({ actor, input }) =>
    done(await changeHandoffStatus({ actor, handoffId: input.handoffId, expectedVersion: input.version, input: { command: "start_follow_up" } })),
});

export const discardHandoff = defineAction({
  name: "handoff.discard",
  roles: rolesFor("handoffs.act"),
  schema: discardSchema,
  handler: async ({ actor, input }) =>
    done(
      await changeHandoffStatus({
        actor,
        handoffId: input.handoffId,
        expectedVersion: input.version,
        input: { command: "discard", reason: input.reason, note: input.note },
      }),
    ),
});

export const convertHandoff = defineAction({
  name: "handoff.convert",
  roles: rolesFor("handoffs.act"),
  schema: convertSchema,
  handler: async ({ actor, input }) =>
    done(
      await changeHandoffStatus({
        actor,
        handoffId: input.handoffId,
        expectedVersion: input.version,
        input: { command: "convert", valueAmount: input.valueAmount, valueCurrency: input.valueCurrency, meetingBooked: input.meetingBooked, note: input.note },
      }),
    ),
});

export const reassignHandoffAction = defineAction({
  name: "handoff.reassign",
  roles: rolesFor("handoffs.reassign"),
  schema: reassignSchema,
  handler: async ({ actor, input }) =>
    done(await reassignHandoff({ actor, handoffId: input.handoffId, expectedVersion: input.version, ownerId: input.ownerId, note: input.note })),
});

export const addNote = defineAction({
  name: "handoff.add_note",
  roles: rolesFor("handoffs.read"),
  schema: noteSchema,
  handler: async ({ actor, input }) => {
    const result = await addHandoffNote({ actor, handoffId: input.handoffId, note: input.note });
    revalidatePath(`/handoffs/${result.id}`);
    return result;
  },
});

export const flagEscalation = defineAction({
  name: "handoff.flag_poor_escalation",
  roles: rolesFor("handoffs.read"),
  schema: flagEscalationSchema,
  handler: async ({ actor, input }) => {
    const result = await flagPoorEscalation({ actor, handoffId: input.handoffId, reason: input.reason, comment: input.comment });
    revalidatePath(`/handoffs/${result.id}`);
    return result;
  },
});

export const requestInfo = defineAction({
  name: "handoff.request_info",
  roles: rolesFor("handoffs.act"),
  schema: requestInfoSchema,
  handler: async ({ actor, input }) =>
    done(await requestMoreInfo({ actor, handoffId: input.handoffId, expectedVersion: input.version, picked: input.questions, extra: input.extra })),
});

export const snooze = defineAction({
  name: "handoff.snooze",
  roles: rolesFor("handoffs.act"),
  schema: snoozeSchema,
  handler: async ({ actor, input }) => done(await snoozeHandoff({ actor, handoffId: input.handoffId, expectedVersion: input.version, until: input.until })),
});

export const unsnooze = defineAction({
  name: "handoff.unsnooze",
  roles: rolesFor("handoffs.act"),
  schema: unsnoozeSchema,
  handler: async ({ actor, input }) => done(await snoozeHandoff({ actor, handoffId: input.handoffId, expectedVersion: input.version, until: null })),
});

/** Undo from the toast: the actor's own accept, discard, convert or snooze, at the version it returned, within seconds. */
export const undoHandoff = defineAction({
  name: "handoff.undo",
  roles: rolesFor("handoffs.act"),
  schema: undoSchema,
  handler: async ({ actor, input }) => done(await undoLastAction({ actor, handoffId: input.handoffId, expectedVersion: input.version })),
});

export const handBack = defineAction({
  name: "handoff.hand_back",
  roles: rolesFor("handoffs.act"),
  schema: handBackSchema,
  handler: async ({ actor, input }) => done(await handBackToAgent({ actor, handoffId: input.handoffId, expectedVersion: input.version, reason: input.reason })),
});

export const reviewFact = defineAction({
  name: "handoff.review_fact",
  roles: rolesFor("handoffs.act"),
  schema: factReviewSchema,
  handler: async ({ actor, input }) => {
    const review: FactReview =
      input.target === "open_question"
        ? { target: "open_question", index: input.index, question: input.key, action: "answer", value: input.value ?? "" }
        : input.action === "correct"
          ? { target: "inferred", index: input.index, field: input.key, action: "correct", value: input.value ?? "" }
          : { target: "inferred", index: input.index, field: input.key, action: "confirm" };
    return done(await recordFactReview({ actor, handoffId: input.handoffId, expectedVersion: input.version, review }));
  },
});

function done(updated: { id: string; status: string; version: number }) {
  revalidatePath(`/handoffs/${updated.id}`);
  revalidatePath("/inbox");
  return { id: updated.id, status: updated.status, version: updated.version };
}
