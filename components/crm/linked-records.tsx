import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { listLinkedRecords } from "@/db/queries/crm-builtin";
import { dealStageLabels, ticketStageLabels } from "@/lib/crm/record-pages";
import { formatDateTime, label } from "@/lib/format";

type Linked = Awaited<ReturnType<typeof listLinkedRecords>>;

/** A record's notes (the handoff packages), its tasks and the records it is associated with. */
export function LinkedRecords({ linked }: { linked: Linked }) {
  const records = [
    ...linked.contacts.map((c) => ({ href: `/crm/contacts/${c.id}`, kind: "Contact", name: c.name ?? c.email ?? "Unnamed", detail: c.email })),
    ...linked.companies.map((c) => ({ href: `/crm/companies/${c.id}`, kind: "Company", name: c.name, detail: c.domain })),
    ...linked.deals.map((d) => ({ href: `/crm/deals/${d.id}`, kind: "Deal", name: d.name, detail: label(dealStageLabels, d.stage) })),
    ...linked.tickets.map((t) => ({ href: `/crm/tickets/${t.id}`, kind: "Ticket", name: t.name, detail: label(ticketStageLabels, t.stage) })),
  ];
  return (
    <div className="grid gap-4 lg:grid-cols-[1fr_22rem]">
      <Card aria-labelledby="notes-heading" data-testid="crm-notes">
        <CardHeader id="notes-heading" title={`Notes (${linked.notes.length})`} description="Each handoff package, as logged at the sync" />
        <CardBody className="space-y-4">
          {linked.notes.length === 0 && <p className="text-sm text-slate-400">No notes.</p>}
          {linked.notes.map((note) => (
            <article key={note.id} className="rounded-md border border-slate-200 p-3 text-sm">
              <header className="mb-2 flex items-baseline justify-between gap-2">
                <h3 className="font-medium text-slate-900">{note.title}</h3>
                <time className="text-xs text-slate-500">{formatDateTime(note.timestamp)}</time>
              </header>
              <dl className="space-y-2">
                {note.body.map((section) => (
                  <div key={section.heading}>
                    <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500">{section.heading}</dt>
                    {section.lines.map((line, i) => (
                      <dd key={i} className="text-slate-800">
                        {section.heading === "Package" && note.handoffId ? (
                          <Link className="text-brand-700 underline" href={`/handoffs/${note.handoffId}`}>
                            Open the package
                          </Link>
                        ) : (
                          line
                        )}
                      </dd>
                    ))}
                  </div>
                ))}
              </dl>
            </article>
          ))}
        </CardBody>
      </Card>
      <div className="space-y-4">
        <Card aria-labelledby="tasks-heading" data-testid="crm-tasks">
          <CardHeader id="tasks-heading" title={`Tasks (${linked.tasks.length})`} />
          <CardBody>
            <ul className="space-y-3 text-sm">
              {linked.tasks.length === 0 && <li className="text-slate-400">No tasks.</li>}
              {linked.tasks.map(({ task, ownerName, ownerEmail }) => (
                <li key={task.id}>
                  <div className="flex items-start justify-between gap-2">
                    <p className="font-medium text-slate-900">{task.subject}</p>
                    <Badge tone={task.status === "COMPLETED" ? "green" : task.priority === "HIGH" ? "red" : "slate"}>
                      {task.status === "COMPLETED" ? "Done" : `${label({}, task.priority.toLowerCase())} priority`}
                    </Badge>
                  </div>
                  <p className="text-xs text-slate-500">
                    Due {formatDateTime(task.dueAt)} · {ownerName ?? ownerEmail ?? "No owner yet"}
                  </p>
                </li>
              ))}
            </ul>
          </CardBody>
        </Card>
        <Card aria-labelledby="assoc-heading" data-testid="crm-associations">
          <CardHeader id="assoc-heading" title={`Associated records (${records.length})`} />
          <CardBody>
            <ul className="space-y-2 text-sm">
              {records.length === 0 && <li className="text-slate-400">None.</li>}
              {records.map((r) => (
                <li key={r.href} className="flex items-baseline gap-2">
                  <span className="w-16 shrink-0 text-xs text-slate-500">{r.kind}</span>
                  <div className="min-w-0">
                    <Link href={r.href} className="break-words text-brand-700 underline">
                      {r.name}
                    </Link>
                    {r.detail ? <p className="break-words text-xs text-slate-500">{r.detail}</p> : null}
                  </div>
                </li>
              ))}
            </ul>
          </CardBody>
        </Card>
      </div>
    </div>
  );
}
