"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/action";
import { decideApproval } from "@/lib/approvals/decide-approval";
import { decideApprovalSchema, editsOf } from "@/lib/approvals/decide-schema";
import { rolesFor } from "@/lib/auth/roles";

// Re-checks the session, the role, the person's hold on the package and the request's version (lib/approvals/decide-approval.ts).
export const decideApprovalAction = defineAction({
  name: "approval.decide",
  roles: rolesFor("approvals.decide"),
  schema: decideApprovalSchema,
  handler: async ({ actor, input, log }) => {
    const decided = await decideApproval({
      approvalId: input.approvalId,
      decision: input.decision,
      actor,
      via: "console",
      expectedVersion: input.version,
      edits: editsOf(input),
    });
    log.info("approval decided", { approvalId: decided.id, status: decided.status });
    revalidatePath("/approvals");
    revalidatePath(`/handoffs/${decided.handoffId}`);
    return { id: decided.id, status: decided.status };
  },
});
