import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { HandoffPackage } from "@/lib/contract/package";
import { ruleReferenceInWords } from "@/lib/rules/rule-words";
import { channelLabels, formatDateTime, formatMoney, humanize, label, reasonLabels } from "@/lib/format";

// Sections in the order a rep reads them: what is this, why me, what now, what do we know.

export function SummarySection({ pkg }: { pkg: HandoffPackage }) {
  return (
    <Card aria-labelledby="summary-heading">
      <CardHeader id="summary-heading" title="Summary" />
      <CardBody>
        <div className="space-y-1 text-sm leading-relaxed text-slate-800" data-testid="package-summary">
          {pkg.summary.split("\n").map((line, i) => (
            <p key={i}>{line}</p>
          ))}
        </div>
      </CardBody>
    </Card>
  );
}

export function ReasonsSection({ pkg }: { pkg: HandoffPackage }) {
  return (
    <Card aria-labelledby="reasons-heading">
      <CardHeader id="reasons-heading" title="Why the agent handed it off" />
      <CardBody>
        {pkg.reasons.length === 0 ? (
          <p className="text-sm text-slate-500">No escalation reason recorded.</p>
        ) : (
          <ul className="space-y-3">
            {pkg.reasons.map((reason, i) => (
              <li key={i} className="text-sm">
                <div className="flex items-center gap-2">
                  <Badge tone={reason.code === "risk" ? "red" : reason.code === "high_value" ? "green" : "slate"}>{label(reasonLabels, reason.code)}</Badge>
                  <span className="text-xs text-slate-500" title={reason.rule} data-testid="reason-rule">
                    {ruleReferenceInWords(reason.rule)}
                  </span>
                </div>
                <blockquote className="mt-1 border-l-2 border-slate-200 pl-3 text-slate-700 italic">“{reason.evidence}”</blockquote>
              </li>
            ))}
          </ul>
        )}
      </CardBody>
    </Card>
  );
}

export function IdentificationSection({ pkg }: { pkg: HandoffPackage }) {
  const id = pkg.identification;
  return (
    <Card aria-labelledby="identification-heading">
      <CardHeader id="identification-heading" title="Identification" />
      <CardBody>
        <DefinitionList
          items={[
            ["Name", id.name],
            ["Email", id.email],
            ["Phone", id.phone],
            ["Company", id.company],
            ["Role", id.role],
            ["Website", id.website],
          ]}
        />
      </CardBody>
    </Card>
  );
}

export function SourceSection({ pkg }: { pkg: HandoffPackage }) {
  const s = pkg.source;
  const utm = s.utm
    ? Object.entries(s.utm)
        .map(([k, v]) => `${k}=${v}`)
        .join(" · ")
    : null;
  return (
    <Card aria-labelledby="source-heading">
      <CardHeader id="source-heading" title="Source and entry context" description="Verbatim from the intake." />
      <CardBody>
        <DefinitionList
          items={[
            ["Channel", label(channelLabels, s.channel)],
            ["Received", s.receivedAt ? `${s.receivedAt} (${formatDateTime(s.receivedAt)})` : null],
            ["Page", s.pageName],
            ["URL", s.url],
            ["Form", s.formId],
            ["Campaign", s.campaign],
            ["UTM", utm],
            ["Referrer", s.referrer],
          ]}
        />
      </CardBody>
    </Card>
  );
}

export function SalesContextSection({ pkg }: { pkg: HandoffPackage }) {
  const c = pkg.salesContext;
  return (
    <Card aria-labelledby="sales-heading">
      <CardHeader id="sales-heading" title="Sales context" />
      <CardBody>
        <DefinitionList
          items={[
            ["Intent", humanize(pkg.intent)],
            ["Urgency", c.urgency ?? (c.timelineDays !== null ? `${c.timelineDays} days` : null)],
            ["Volume", c.volume],
            ["Employees", c.employees?.toLocaleString("en") ?? null],
            ["Leads / month", c.monthlyLeads?.toLocaleString("en") ?? null],
            ["Budget", c.budget ? formatMoney(c.budget.amount, c.budget.currency) : null],
            ["Team", c.team],
            ["Current tools", c.currentTools.length ? c.currentTools.join(", ") : null],
            ["Affected process", c.affectedProcess],
          ]}
        />
      </CardBody>
    </Card>
  );
}

export function QualificationSection({ pkg }: { pkg: HandoffPackage }) {
  const q = pkg.qualification;
  const tone = q.fit === "good" ? "green" : q.fit === "partial" ? "amber" : q.fit === "none" ? "red" : "slate";
  return (
    <Card aria-labelledby="qualification-heading">
      <CardHeader id="qualification-heading" title="Qualification" />
      <CardBody className="space-y-3 text-sm">
        <p>
          Fit: <Badge tone={tone}>{humanize(q.fit)}</Badge>
        </p>
        <List title="Why it fits" items={q.whyFits} />
        <List title="Why it may not" items={q.whyNot} />
        <List title="What is missing" items={q.missing} />
        <List title="Why not another decision" items={q.alternatives ?? []} />
      </CardBody>
    </Card>
  );
}

export function ProposedActionsSection({ pkg }: { pkg: HandoffPackage }) {
  if (pkg.proposedActions.length === 0) return null;
  return (
    <Card aria-labelledby="proposed-heading">
      <CardHeader id="proposed-heading" title="Actions the agent proposes" description="Sensitive actions wait for a person's approval." />
      <CardBody>
        <ul className="space-y-3 text-sm">
          {pkg.proposedActions.map((action, i) => (
            <li key={i} className="rounded-md border border-slate-200 p-3">
              <p className="font-medium">{humanize(action.type)}</p>
              <p className="text-slate-600">{action.consequence}</p>
              {/* Wrapped, not scrolled: an email body is read on a phone too, and a scrolling box needs keyboard access. */}
              <pre className="mt-2 whitespace-pre-wrap break-words rounded bg-slate-50 p-2 text-xs text-slate-700">
                {JSON.stringify(action.params, null, 2)}
              </pre>
            </li>
          ))}
        </ul>
      </CardBody>
    </Card>
  );
}

function List({ title, items }: { title: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <div>
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</p>
      <ul className="mt-1 list-disc space-y-0.5 pl-4 text-slate-700">
        {items.map((item, i) => (
          <li key={i}>{item}</li>
        ))}
      </ul>
    </div>
  );
}

function DefinitionList({ items }: { items: [string, string | null | undefined][] }) {
  return (
    <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1.5 text-sm">
      {items.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-slate-500">{term}</dt>
          <dd className="break-words text-slate-900">{value ? value : <span className="text-slate-400">Unknown</span>}</dd>
        </div>
      ))}
    </dl>
  );
}
