import type { Metadata } from "next";
import Link from "next/link";
import { ApprovalCard } from "@/components/approvals/approval-card";
import { Card, CardBody } from "@/components/ui/card";
import { countApprovalsByStatus, getFourEyesSettings, listApprovals, type ApprovalStatus } from "@/db/queries/approvals";
import { mayApprove } from "@/lib/approvals/four-eyes";
import { approvalScopeFor, mayDecide } from "@/lib/approvals/scope";
import { cn } from "@/lib/cn";
import { pageActor } from "../page-actor";
import { decideApprovalAction } from "./actions";

export const metadata: Metadata = { title: "Approvals" };

const filters = [
  { value: "pending", label: "Pending" },
  { value: "approved", label: "Approved" },
  { value: "denied", label: "Denied" },
  { value: "expired", label: "Expired" },
  { value: "all", label: "All" },
] as const;
type Filter = (typeof filters)[number]["value"];

export default async function ApprovalsPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const { actor } = await pageActor();
  const requested = (await searchParams).status;
  const status: Filter = filters.some((f) => f.value === requested) ? (requested as Filter) : "pending";
  const scope = approvalScopeFor(actor);
  const [rows, counts, fourEyes] = await Promise.all([listApprovals({ scope, status }), countApprovalsByStatus({ scope }), getFourEyesSettings()]);
  const total = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);

  return (
    <div className="space-y-4">
      <header>
        <h1 className="text-2xl font-semibold text-slate-900">Approvals</h1>
        <p className="text-sm text-slate-600">
          The agent&apos;s sensitive actions wait here for a person: nothing is sent and the CRM is not changed until someone approves.{" "}
          {actor.role === "rep" ? "You see your packages and your team's queue." : "You see every team's requests."}
        </p>
      </header>
      <nav aria-label="Filter by status" className="flex flex-wrap gap-1">
        {filters.map((f) => {
          const count = f.value === "all" ? total : (counts[f.value as ApprovalStatus] ?? 0);
          const current = f.value === status;
          return (
            <Link
              key={f.value}
              href={`/approvals?status=${f.value}`}
              aria-current={current ? "page" : undefined}
              className={cn(
                "rounded-md px-3 py-1.5 text-sm font-medium",
                current ? "bg-brand-600 text-white" : "bg-white text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50",
              )}
            >
              {f.label} <span className={current ? "text-white" : "text-slate-600"}>({count})</span>
            </Link>
          );
        })}
      </nav>
      {rows.length === 0 ? (
        <Card>
          <CardBody>
            <p className="text-sm text-slate-600">{status === "pending" ? "Nothing is waiting for approval." : "No requests with this status."}</p>
          </CardBody>
        </Card>
      ) : (
        <ul className="grid gap-3 lg:grid-cols-2" data-testid="approval-list">
          {rows.map((row) => (
            <li key={row.approval.id}>
              <ApprovalCard
                row={row}
                showPackage
                decide={mayDecide(actor, row) ? decideApprovalAction : null}
                mayApprove={mayApprove(row.approval, actor.id, fourEyes)}
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
