"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/action";
import { rolesFor } from "@/lib/auth/roles";
import { changeHandoffStatus, reassignHandoff } from "@/lib/handoffs/change-handoff";
import { addHandoffNote } from "@/lib/handoffs/add-note";
import { flagPoorEscalation } from "@/lib/handoffs/flag-escalation";
import { acceptSchema, convertSchema, discardSchema, flagEscalationSchema, noteSchema, reassignSchema, startFollowUpSchema } from "@/lib/handoffs/command-schemas";

// Each action re-checks the session, the role and the package's version itself (lib/action.ts).

export const acceptHandoff = defineAction({
  name: "handoff.accept",
  roles: rolesFor("handoffs.act"),
  schema: acceptSchema,
  handler: async ({ actor, input }) => done(await changeHandoffStatus({ actor, handoffId: input.handoffId, expectedVersion: input.version, input: { command: "accept" } })),
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

function done(updated: { id: string; status: string; version: number }) {
  revalidatePath(`/handoffs/${updated.id}`);
  revalidatePath("/inbox");
  return { id: updated.id, status: updated.status, version: updated.version };
}
