import Link from "next/link";
import { ApprovalDecisionForm, type DecideApprovalAction } from "@/components/approvals/approval-decision-form";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { ApprovalRow } from "@/db/queries/approvals";
import { actionLabels, checkActionParams } from "@/lib/approvals/action-params";
import { currentConsequence } from "@/lib/approvals/consequence";
import { paramLines } from "@/lib/approvals/approval-messages";
import { channelLabels } from "@/lib/approvals/decide-approval";
import { formatDateTime, humanize } from "@/lib/format";

const statusTones: Record<ApprovalRow["approval"]["status"], BadgeTone> = { pending: "amber", approved: "green", denied: "red", expired: "slate" };

/** One request: what, with which parameters, what it causes, why, for which package; how it was decided and what running it did. */
export function ApprovalCard({
  row,
  showPackage,
  decide,
  mayApprove,
}: {
  row: ApprovalRow;
  showPackage: boolean;
  decide: DecideApprovalAction | null;
  /** Whether this person may approve it (four-eyes), when they may decide it at all. */
  mayApprove?: { ok: true } | { ok: false; reason: string };
}) {
  const { approval } = row;
  const check = approval.status === "pending" && decide ? checkActionParams(approval.actionType, approval.params) : null;
  const headingId = `approval-${approval.id}-title`;
  const lead = [row.leadName ?? row.leadEmail ?? "Unknown lead", row.companyName].filter(Boolean).join(", ");
  const result = approval.result as { ok?: boolean; error?: string; messageId?: string; crmId?: string; url?: string | null } | null;
  return (
    <article
      aria-labelledby={headingId}
      className="rounded-md border border-slate-200 bg-white p-3 text-sm"
      data-testid="approval-card"
      data-status={approval.status}
    >
      <header className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 id={headingId} className="font-medium text-slate-900">
            {actionLabels[approval.actionType] ?? humanize(approval.actionType)}
          </h3>
          {showPackage ? (
            <p className="text-slate-600">
              For{" "}
              <Link href={`/handoffs/${row.handoffId}`} className="font-medium text-brand-700 underline">
                {lead}
              </Link>
              {row.ownerName ? ` · owner ${row.ownerName}` : " · unassigned"}
            </p>
          ) : null}
        </div>
        <Badge tone={statusTones[approval.status]} data-testid="approval-status">
          {humanize(approval.status)}
        </Badge>
      </header>
      <p className="mt-2 text-slate-800">
        <span className="font-medium">What happens: </span>
        {currentConsequence(approval)}
      </p>
      {approval.reason ? (
        <p className="mt-1 text-slate-700">
          <span className="font-medium">Why the agent wants it: </span>
          {approval.reason}
        </p>
      ) : null}
      {approval.status === "pending" && decide ? null : (
        <pre className="mt-2 whitespace-pre-wrap break-words rounded bg-slate-50 p-2 text-xs text-slate-700" data-testid="approval-params">
          {paramLines(approval).join("\n") || "No parameters"}
        </pre>
      )}
      <p className="mt-2 text-xs text-slate-600">
        Requested {formatDateTime(approval.createdAt)}
        {approval.status === "pending" ? ` · expires ${formatDateTime(approval.expiresAt)}` : ""}
        {approval.decidedAt && approval.status !== "pending" ? ` · ${decisionLine(row)}` : ""}
      </p>
      {approval.status === "approved" ? (
        <p className="mt-1 text-xs" data-testid="approval-result">
          {approval.executedAt ? (
            <span className="text-emerald-700">
              Done {formatDateTime(approval.executedAt)}
              {result?.messageId ? ` · Message-ID ${result.messageId}` : result?.crmId ? ` · CRM record ${result.crmId}` : ""}
            </span>
          ) : result?.ok === false ? (
            <span className="text-red-700">Could not run: {result.error}</span>
          ) : (
            <span className="text-slate-600">Running…</span>
          )}
        </p>
      ) : null}
      {approval.status === "pending" && decide ? (
        <>
          {check && !check.ok ? (
            <p className="mt-2 rounded bg-amber-50 p-2 text-xs text-amber-900" data-testid="approval-needs-correction">
              This request cannot run as it stands: {check.problem}. Correct it below, or deny it.
            </p>
          ) : null}
          <ApprovalDecisionForm
            approvalId={approval.id}
            version={approval.version}
            actionType={approval.actionType}
            params={approval.params}
            decide={decide}
            problems={check && !check.ok ? check.fieldErrors : undefined}
            mayApprove={mayApprove}
          />
        </>
      ) : null}
    </article>
  );
}

function decisionLine(row: ApprovalRow): string {
  const { approval } = row;
  if (approval.status === "expired") return `expired ${formatDateTime(approval.decidedAt!)}`;
  const who = row.deciderName ?? row.deciderEmail ?? "someone";
  const where = approval.decidedVia ? ` in ${channelLabels[approval.decidedVia]}` : "";
  return `${approval.status} by ${who}${where} ${formatDateTime(approval.decidedAt!)}`;
}
