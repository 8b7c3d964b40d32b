import { getHandoff } from "@/db/queries/handoffs";
import type { Actor } from "@/lib/auth/guard";
import { sendLeadEmail } from "@/lib/email/send-lead-email";
import { UserError } from "@/lib/errors";
import { canActOnHandoff } from "@/lib/handoffs/access";

/** A rep answers the lead by email from the package page: whoever may act on the package (its owner, a manager). */
export async function sendRepReply(options: { actor: Actor; handoffId: string; text: string }) {
  const found = await getHandoff({ id: options.handoffId });
  if (!found) throw new UserError("not_found", "That package does not exist (or was removed).");
  if (!canActOnHandoff(options.actor, found.handoff))
    throw new UserError("forbidden", `${found.ownerName ?? "Someone else"} owns this package; only its owner or a manager may write to the lead.`);
  const result = await sendLeadEmail({
    handoffId: options.handoffId,
    author: { kind: "rep", userId: options.actor.id, name: options.actor.name ?? options.actor.email },
    text: options.text,
    purpose: "reply",
  });
  if (!result.sent) throw new UserError("conflict", result.reason);
  return { emailId: result.emailId };
}
