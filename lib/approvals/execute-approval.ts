import { getApprovalForDecision, recordExecution, recordExecutionFailure } from "@/db/queries/approvals";
import { checkActionParams, executedSummary } from "@/lib/approvals/action-params";
import { applyCrmAction } from "@/lib/approvals/crm-action";
import type { CrmAdapter } from "@/lib/crm/adapter";
import { PermanentJobError } from "@/lib/jobs/define-job";
import type { Logger } from "@/lib/logger";
import { DeliveryError } from "@/lib/notifications/delivery-error";
import { messageIdFor, sendEmail } from "@/lib/notifications/email";

export type ExecuteDeps = { smtp: { url: string; from: string } | null; crm: () => CrmAdapter | Promise<CrmAdapter>; appUrl: string; log: Logger };
export type ExecuteOutcome = "executed" | "already_executed" | "not_approved" | "gone";

/**
 * Runs one approved request through its real channel and records the result on it. Idempotent: a
 * request already executed is left alone, and an email carries a Message-ID derived from the request,
 * so a resend after a crash between the server's 250 and our record of it is the same message (mail
 * stores keep one copy per Message-ID). A CRM change goes through the sync's mappings: a retry updates.
 */
export async function executeApproval(approvalId: string, deps: ExecuteDeps): Promise<ExecuteOutcome> {
  const found = await getApprovalForDecision({ id: approvalId });
  if (!found) return "gone";
  const { approval, handoff } = found;
  if (approval.executedAt) return "already_executed";
  if (approval.status !== "approved") return "not_approved";

  const check = checkActionParams(approval.actionType, approval.params);
  if (!check.ok) return fail(approvalId, check.problem);

  let result: Record<string, unknown>;
  let summary: string;
  try {
    if (check.action === "send_email") {
      if (!deps.smtp) return fail(approvalId, "Email is not configured (SMTP_URL), so the approved email cannot be sent.");
      const params = check.params as { to: string; subject: string; body: string };
      const messageId = messageIdFor(`approval.${approval.id}`, deps.smtp.from);
      const sent = await sendEmail({
        smtpUrl: deps.smtp.url,
        from: deps.smtp.from,
        to: params.to,
        messageId,
        message: { subject: params.subject, text: params.body, html: htmlOf(params.body) },
      });
      result = { ok: true, channel: "email", to: params.to, subject: params.subject, messageId: sent.ref };
      summary = executedSummary(check.action, params, "");
    } else {
      const adapter = await deps.crm();
      const done = await applyCrmAction({ action: check.action, params: check.params as never, handoffId: handoff.id, adapter, appUrl: deps.appUrl });
      result = { ok: true, channel: "crm", adapter: adapter.name, record: done.kind, crmId: done.crmId, url: done.url, changed: done.changed };
      summary = executedSummary(check.action, check.params, adapter.name);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof DeliveryError && error.permanent) return fail(approvalId, message);
    // Anything else may pass on a later try: the job retries with backoff.
    throw error;
  }

  const recorded = await recordExecution({
    id: approval.id,
    handoffId: handoff.id,
    result,
    event: { type: "approval_executed", actorKind: "system", data: { approvalId: approval.id, actionType: approval.actionType, summary } },
  });
  deps.log.info("approval executed", { approvalId, actionType: approval.actionType, recorded: Boolean(recorded) });
  return recorded ? "executed" : "already_executed";
}

async function fail(approvalId: string, problem: string): Promise<never> {
  await recordExecutionFailure({ id: approvalId, error: problem });
  throw new PermanentJobError(problem);
}

function htmlOf(body: string): string {
  const escaped = body.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#0f172a;max-width:640px">${escaped
    .split(/\n{2,}/)
    .map((p) => `<p>${p.replace(/\n/g, "<br>")}</p>`)
    .join("")}</body></html>`;
}
