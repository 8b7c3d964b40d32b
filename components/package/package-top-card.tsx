import type { ReactNode } from "react";
import { Mail, Phone } from "lucide-react";
import { PersonName } from "@/components/layout/person-name";
import { SlaCountdown } from "@/components/inbox/sla-countdown";
import { PriorityBadge, StatusBadge } from "@/components/inbox/status-badge";
import { PrimaryActionButton } from "@/components/package/primary-action-button";
import type { PackageAction } from "@/components/package/use-package-action";
import { Badge } from "@/components/ui/badge";
import type { HandoffPackage } from "@/lib/contract/package";
import { formatDateTime, humanize, label, reasonLabels } from "@/lib/format";
import { telHref, type PrimaryAction } from "@/lib/handoffs/primary-action";
import type { Handoff } from "@/db/schema/handoffs";

type TopCardHandoff = Pick<Handoff, "id" | "version" | "status" | "priority" | "slaDueAt" | "createdAt" | "acceptedAt" | "companyName">;

/**
 * The first screen of a package: who the lead is (with links that reach them), what they need in
 * their words, why it is here now (the reasons in words, the priority, the clock and what it
 * measures) and the one next step as the primary button. The sections below give the detail.
 */
export function PackageTopCard({
  title,
  handoff,
  pkg,
  ownerName,
  teamName,
  snoozedUntil,
  outcome,
  primary,
  now,
  actions,
}: {
  title: string;
  handoff: TopCardHandoff;
  pkg: HandoffPackage | null;
  ownerName: string | null;
  teamName: string | null;
  snoozedUntil: Date | null;
  outcome: ReactNode;
  primary: PrimaryAction | null;
  now: Date;
  actions: { accept: PackageAction; undo: PackageAction };
}) {
  const who = pkg?.identification;
  const dial = who?.phone ? telHref(who.phone) : null;
  const reasons = [...new Set((pkg?.reasons ?? []).map((r) => r.code))];
  return (
    <section aria-labelledby="lead-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5" data-testid="top-card">
      <div className="flex flex-wrap items-start justify-between gap-x-6 gap-y-3">
        <div className="min-w-0 flex-1 basis-80">
          <div className="flex flex-wrap items-center gap-2">
            <PriorityBadge priority={handoff.priority} />
            <StatusBadge status={handoff.status} />
            {snoozedUntil ? (
              <Badge tone="slate" data-testid="snoozed-badge">
                Snoozed until {formatDateTime(snoozedUntil)}
              </Badge>
            ) : null}
          </div>
          <h1 id="lead-heading" className="mt-1 break-words text-2xl font-semibold text-slate-900">
            {title}
          </h1>
          <p className="text-sm text-slate-600" data-testid="top-who">
            {[who?.role, handoff.companyName ?? "No company"].filter(Boolean).join(" at ")} · {teamName ?? "No team"} · Owner:{" "}
            <PersonName name={ownerName ?? "Unassigned"} data-testid="owner-name" />
          </p>
          <p className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm" data-testid="top-contact">
            {who?.email ? (
              <a href={`mailto:${who.email}`} className="inline-flex items-center gap-1 break-all text-brand-700 hover:underline">
                <Mail className="size-3.5" aria-hidden /> {who.email}
              </a>
            ) : (
              <span className="text-slate-500">No email known</span>
            )}
            {who?.phone && dial ? (
              <a href={dial} className="inline-flex items-center gap-1 text-brand-700 hover:underline">
                <Phone className="size-3.5" aria-hidden /> {who.phone}
              </a>
            ) : (
              <span className="text-slate-500">No phone known</span>
            )}
          </p>
        </div>
        <div className="text-sm max-sm:[&>span]:items-start sm:text-right">
          <SlaCountdown subject={handoff} serverNow={now} labelled />
          <p className="text-xs text-slate-500">Created {formatDateTime(handoff.createdAt)}</p>
          {outcome}
        </div>
      </div>

      {pkg ? (
        <dl className="mt-4 grid gap-3 border-t border-slate-100 pt-4 text-sm md:grid-cols-2">
          <div>
            <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500">What they need</dt>
            <dd className="mt-0.5 break-words text-slate-900" data-testid="top-need">
              {pkg.need ? pkg.need : <span className="text-slate-500">Not said yet: an open question below.</span>}
            </dd>
          </div>
          <div>
            <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500">Why it is here now</dt>
            <dd className="mt-0.5 text-slate-900" data-testid="top-why">
              {reasons.length ? reasons.map((code) => label(reasonLabels, code)).join(" · ") : "No escalation reason recorded"}
            </dd>
          </div>
        </dl>
      ) : null}

      {pkg ? (
        <div className="mt-4 flex flex-wrap items-center gap-x-4 gap-y-2 border-t border-slate-100 pt-4" data-testid="top-next-step">
          {primary ? (
            <PrimaryActionButton action={primary} handoffId={handoff.id} version={handoff.version} accept={actions.accept} undo={actions.undo} />
          ) : null}
          <p className="min-w-0 flex-1 basis-64 text-sm text-slate-700">
            <span className="font-medium text-slate-900">
              Next step: {humanize(pkg.nextStep.action)}
              {pkg.nextStep.owner ? <span className="font-normal text-slate-600"> · {pkg.nextStep.owner}</span> : null}.
            </span>{" "}
            {pkg.nextStep.why}
          </p>
        </div>
      ) : null}
    </section>
  );
}
