import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { actionLabels } from "@/lib/approvals/action-params";
import { paramLines } from "@/lib/approvals/approval-messages";
import { channelLabels } from "@/lib/approvals/decide-approval";
import { readApprovalLink } from "@/lib/approvals/decide-by-link";
import { linkKeyFromEnv } from "@/lib/approvals/settings";
import { formatDateTime, humanize } from "@/lib/format";

export const metadata: Metadata = { title: "Confirm a decision", robots: { index: false, follow: false } };

/**
 * Where an emailed approve/deny link lands. Opening it decides nothing (mail scanners open links);
 * the button posts the token back, which is checked again and used up with the decision.
 */
export default async function ConfirmApprovalPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ outcome?: string }>;
}) {
  const { token } = await params;
  const { outcome } = await searchParams;
  const key = linkKeyFromEnv();
  const state = key
    ? await readApprovalLink(decodeURIComponent(token), { key })
    : { ok: false as const, message: "Approval links are not configured on this server." };

  return (
    <main className="mx-auto max-w-xl px-4 py-10">
      <p className="text-sm font-semibold text-brand-700">Baton</p>
      {!state.ok ? (
        <Panel title="This link can't be used">
          <p role="alert" className="text-sm text-red-700" data-testid="confirm-error">
            {state.message}
          </p>
        </Panel>
      ) : (
        <Decision state={state} token={decodeURIComponent(token)} outcome={outcome} />
      )}
    </main>
  );
}

function Decision({ state, token, outcome }: { state: Extract<Awaited<ReturnType<typeof readApprovalLink>>, { ok: true }>; token: string; outcome?: string }) {
  const { approval, handoff } = state.request;
  const verb = state.claims.decision === "approve" ? "Approve" : "Deny";
  const lead = [handoff.leadName ?? "Unknown lead", handoff.companyName].filter(Boolean).join(", ");
  const decided = approval.status !== "pending";
  return (
    <Panel title={`${verb}: ${actionLabels[approval.actionType] ?? humanize(approval.actionType)}`}>
      <p className="text-sm text-slate-700">
        For {lead}. You are deciding as {state.recipient.name ?? state.recipient.email}.
      </p>
      <p className="mt-3 text-sm text-slate-900">
        <span className="font-medium">What happens: </span>
        {approval.consequence}
      </p>
      {approval.reason ? (
        <p className="mt-1 text-sm text-slate-700">
          <span className="font-medium">Why the agent wants it: </span>
          {approval.reason}
        </p>
      ) : null}
      <pre className="mt-3 whitespace-pre-wrap break-words rounded bg-slate-50 p-3 text-xs text-slate-800">{paramLines(approval).join("\n")}</pre>
      {decided ? (
        <div className="mt-4" data-testid="confirm-outcome" role="status">
          <Badge tone={approval.status === "approved" ? "green" : approval.status === "denied" ? "red" : "slate"}>{humanize(approval.status)}</Badge>
          <p className="mt-2 text-sm text-slate-700">
            {approval.status === "expired"
              ? "This request expired before anyone decided it; nothing was run."
              : `${outcome === "decided" ? "Done: " : "Already decided: "}${approval.status}${approval.decidedVia ? ` in ${channelLabels[approval.decidedVia]}` : ""} ${approval.decidedAt ? formatDateTime(approval.decidedAt) : ""}.`}
          </p>
        </div>
      ) : state.used ? (
        <p role="alert" className="mt-4 text-sm text-red-700" data-testid="confirm-error">
          This link was already used. Each approval link works once.
        </p>
      ) : (
        <form method="post" action="/api/approvals/decide" className="mt-4 space-y-2">
          <input type="hidden" name="token" value={token} />
          {outcome === "refused" ? (
            <p role="alert" className="text-sm text-red-700" data-testid="confirm-error">
              That did not go through: you may no longer be allowed to decide this request. Open it in Baton instead.
            </p>
          ) : null}
          <Button type="submit" variant={state.claims.decision === "approve" ? "primary" : "danger"}>
            {verb} this action
          </Button>
          <p className="text-xs text-slate-600">This link works once, until {formatDateTime(new Date(state.claims.exp * 1000))}.</p>
        </form>
      )}
      <p className="mt-6 text-sm">
        <Link href={`/handoffs/${handoff.id}`} className="text-brand-700 underline">
          Open the package in Baton
        </Link>
      </p>
    </Panel>
  );
}

function Panel({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="mt-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby="confirm-title">
      <h1 id="confirm-title" className="text-lg font-semibold text-slate-900">
        {title}
      </h1>
      <div className="mt-2">{children}</div>
    </section>
  );
}
