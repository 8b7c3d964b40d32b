import { z } from "zod";
import { editableParamNames } from "@/lib/approvals/action-params";
import { approvalDecisions } from "@/lib/approvals/email-token";

/**
 * The console's approve/deny form. With an approval come the request's parameters as the person
 * corrected them (lib/approvals/action-params.ts names which, per action); they are checked by the
 * action's own schema before it runs, so here only their size is bounded.
 */
const decideBase = z.object({
  approvalId: z.uuid({ error: "approvalId must be a request id" }),
  version: z.coerce.number().int().min(1),
  decision: z.enum(approvalDecisions, { error: "decision must be approve or deny" }),
});
const editShape = Object.fromEntries(editableParamNames.map((name) => [name, z.string().max(20_000, `${name} must be at most 20,000 characters`).optional()]));
// The edit fields are read by name through editsOf; typed as the base so the decision's own fields keep their types.
export const decideApprovalSchema = decideBase.extend(editShape) as unknown as typeof decideBase;

/** The parameter edits in a parsed decide form: every field but the form's own. */
export function editsOf(input: object): Record<string, string | undefined> {
  return Object.fromEntries(
    editableParamNames.map((name) => [
      name,
      typeof (input as Record<string, unknown>)[name] === "string" ? (input as Record<string, string>)[name] : undefined,
    ]),
  );
}
