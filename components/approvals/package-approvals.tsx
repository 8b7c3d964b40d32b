import { ApprovalCard } from "@/components/approvals/approval-card";
import type { DecideApprovalAction } from "@/components/approvals/approval-decision-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { ApprovalRow } from "@/db/queries/approvals";
import { mayApprove, type FourEyesSettings } from "@/lib/approvals/four-eyes";

/** The package page's approval requests, pending first; decided ones show who decided, where, and what running them did. */
export function PackageApprovals({
  rows,
  decide,
  actorId,
  fourEyes,
}: {
  rows: ApprovalRow[];
  decide: DecideApprovalAction | null;
  actorId: string;
  fourEyes: FourEyesSettings;
}) {
  if (rows.length === 0) return null;
  const pending = rows.filter((r) => r.approval.status === "pending").length;
  return (
    <Card id="approvals" aria-labelledby="approvals-heading" data-testid="package-approvals">
      <CardHeader id="approvals-heading" title="Approval requests" description={pending ? `${pending} waiting for a person's decision.` : "All decided."} />
      <CardBody>
        <ul className="space-y-3">
          {rows.map((row) => (
            <li key={row.approval.id}>
              <ApprovalCard row={row} showPackage={false} decide={decide} mayApprove={mayApprove(row.approval, actorId, fourEyes)} />
            </li>
          ))}
        </ul>
      </CardBody>
    </Card>
  );
}
