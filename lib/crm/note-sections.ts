import type { NoteSection, PlanInput } from "@/lib/crm/plan-sync";
import { formatDateTime, formatMoney, humanize, label, reasonLabels } from "@/lib/format";

/** The package as the note's sections: actionable fields first, no transcript. */
export function buildNoteSections({ handoff, pkg, packageUrl }: PlanInput): NoteSection[] {
  const s = pkg.source;
  const ctx = pkg.salesContext;
  const sections: NoteSection[] = [
    { heading: "Summary", lines: [pkg.summary] },
    { heading: "Why the agent escalated", lines: pkg.reasons.map((r) => `${label(reasonLabels, r.code)}: ${r.evidence}`) },
    { heading: "Next step", lines: [`${humanize(pkg.nextStep.action)}: ${pkg.nextStep.why}`] },
    { heading: "Confirmed", lines: pkg.facts.confirmed.map((f) => `${humanize(f.field)}: ${f.value} (“${f.fragment}”)`) },
    { heading: "Inferred", lines: pkg.facts.inferred.map((f) => `${humanize(f.field)}: ${f.value} (${f.basis})`) },
    { heading: "Open questions", lines: pkg.facts.openQuestions },
    {
      heading: "Entry context",
      lines: [
        `Channel: ${humanize(s.channel)}`,
        s.pageName || s.url ? `Page: ${[s.pageName, s.url].filter(Boolean).join(" · ")}` : null,
        s.formId ? `Form: ${s.formId}` : null,
        s.campaign ? `Campaign: ${s.campaign}` : null,
        `Received: ${formatDateTime(s.receivedAt)}`,
      ].filter((line): line is string => line !== null),
    },
    {
      heading: "Sales context",
      lines: [
        `Intent: ${humanize(pkg.intent)} · fit: ${pkg.qualification.fit}`,
        ctx.urgency ? `Urgency: ${ctx.urgency}` : null,
        ctx.volume ? `Volume: ${ctx.volume}` : null,
        ctx.employees !== null ? `Employees: ${ctx.employees}` : null,
        ctx.budget ? `Budget: ${formatMoney(ctx.budget.amount, ctx.budget.currency)}` : null,
        ctx.currentTools.length ? `Tools: ${ctx.currentTools.join(", ")}` : null,
      ].filter((line): line is string => line !== null),
    },
    { heading: "Status", lines: [statusLine(handoff)] },
    { heading: "Package", lines: [packageUrl] },
  ];
  return sections.filter((section) => section.lines.length > 0);
}

function statusLine(handoff: PlanInput["handoff"]): string {
  if (handoff.status === "converted" && handoff.valueAmount !== null) return `Converted: ${formatMoney(handoff.valueAmount, handoff.valueCurrency ?? "EUR")}`;
  if (handoff.status === "discarded") return `Discarded${handoff.discardReason ? `: ${humanize(handoff.discardReason)}` : ""}`;
  return humanize(handoff.status);
}
