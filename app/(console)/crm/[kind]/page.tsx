import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CrmNav } from "@/components/crm/crm-nav";
import { Card } from "@/components/ui/card";
import { listBuiltinCompanies, listBuiltinContacts, listBuiltinDeals, listBuiltinTickets } from "@/db/queries/crm-builtin";
import { dealStageLabels, leadStatusLabels, recordPage, recordPages, ticketStageLabels, type RecordPage } from "@/lib/crm/record-pages";
import { formatDateTime, formatMoney, humanize, label } from "@/lib/format";
import { pageActor } from "../../page-actor";

export const metadata: Metadata = { title: "CRM" };

const LIMIT = 200;

export default async function CrmListPage({ params }: { params: Promise<{ kind: string }> }) {
  await pageActor();
  const page = recordPage((await params).kind);
  if (!page) notFound();
  const { columns, rows } = await tableFor(page);

  return (
    <div className="space-y-4">
      <header>
        <h1 className="text-2xl font-semibold text-slate-900">CRM</h1>
        <p className="text-sm text-slate-600">The built-in CRM: what every handoff logged, most recently updated first.</p>
      </header>
      <CrmNav current={page} />
      <Card>
        <table className="w-full text-left text-sm" aria-label={recordPages[page].title}>
          <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col" className="px-4 py-2 font-medium">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={row.id} className="hover:bg-slate-50">
                <td className="px-4 py-2">
                  <Link href={`/crm/${page}/${row.id}`} className="font-medium text-brand-700 underline">
                    {row.name}
                  </Link>
                </td>
                {row.cells.map((cell, i) => (
                  <td key={i} className="px-4 py-2 text-slate-700">
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={columns.length} className="px-4 py-8 text-center text-slate-400">
                  Nothing here yet: records appear as handoffs are synced.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </Card>
      {rows.length === LIMIT && <p className="text-xs text-slate-500">Showing the {LIMIT} most recently updated.</p>}
    </div>
  );
}

type Row = { id: string; name: string; cells: string[] };

async function tableFor(page: RecordPage): Promise<{ columns: string[]; rows: Row[] }> {
  switch (page) {
    case "contacts":
      return {
        columns: ["Name", "Email", "Company", "Lead status", "Intent", "Updated"],
        rows: (await listBuiltinContacts({ limit: LIMIT })).map((c) => ({
          id: c.id,
          name: c.name ?? c.email ?? "Unnamed",
          cells: [
            c.email ?? "—",
            c.companyName ?? "—",
            label(leadStatusLabels, c.leadStatus),
            c.intent ? humanize(c.intent) : "—",
            formatDateTime(c.updatedAt),
          ],
        })),
      };
    case "companies":
      return {
        columns: ["Name", "Domain", "Employees", "Updated"],
        rows: (await listBuiltinCompanies({ limit: LIMIT })).map((c) => ({
          id: c.id,
          name: c.name,
          cells: [c.domain ?? "—", c.employees ?? "—", formatDateTime(c.updatedAt)],
        })),
      };
    case "deals":
      return {
        columns: ["Deal", "Stage", "Amount", "Updated"],
        rows: (await listBuiltinDeals({ limit: LIMIT })).map((d) => ({
          id: d.id,
          name: d.name,
          cells: [label(dealStageLabels, d.stage), d.amount === null ? "—" : formatMoney(d.amount, d.currency ?? "EUR"), formatDateTime(d.updatedAt)],
        })),
      };
    case "tickets":
      return {
        columns: ["Subject", "Stage", "Priority", "Updated"],
        rows: (await listBuiltinTickets({ limit: LIMIT })).map((t) => ({
          id: t.id,
          name: t.subject,
          cells: [label(ticketStageLabels, t.stage), humanize(t.priority.toLowerCase()), formatDateTime(t.updatedAt)],
        })),
      };
  }
}
