import { z } from "zod";
import { approvalDecisions } from "@/lib/approvals/email-token";

/** The console's approve/deny form. Subject and body come only with an email; their limits are checked again before it runs. */
export const decideApprovalSchema = z.object({
  approvalId: z.uuid({ error: "approvalId must be a request id" }),
  version: z.coerce.number().int().min(1),
  decision: z.enum(approvalDecisions, { error: "decision must be approve or deny" }),
  subject: z.string().max(200, "subject must be at most 200 characters").optional(),
  body: z.string().max(20_000, "body must be at most 20,000 characters").optional(),
});
