import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeft } from "lucide-react";
import { z } from "zod";
import { LinkedRecords } from "@/components/crm/linked-records";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { findUserName, getBuiltinRecord, listLinkedRecords } from "@/db/queries/crm-builtin";
import type { CrmCompany, CrmContact, CrmDeal, CrmTicket } from "@/db/schema";
import { dealStageLabels, leadStatusLabels, recordPage, recordPages, ticketStageLabels } from "@/lib/crm/record-pages";
import { formatDateTime, formatMoney, humanize, label } from "@/lib/format";
import { pageActor } from "../../../page-actor";

export const metadata: Metadata = { title: "CRM record" };

export default async function CrmRecordPage({ params }: { params: Promise<{ kind: string; id: string }> }) {
  await pageActor();
  const { kind: segment, id: rawId } = await params;
  const page = recordPage(segment);
  const id = z.uuid().safeParse(rawId);
  if (!page || !id.success) notFound();
  const { kind, singular, title } = recordPages[page];
  const record = await getBuiltinRecord(kind, id.data);
  if (!record) notFound();
  const [linked, ownerName] = await Promise.all([listLinkedRecords({ kind, id: id.data }), "ownerId" in record ? findUserName({ id: record.ownerId }) : null]);
  const { heading, fields } = describe(kind, record, ownerName);

  return (
    <div className="space-y-4">
      <Link href={`/crm/${page}`} className="inline-flex items-center gap-1 text-sm text-slate-600 hover:text-slate-900">
        <ArrowLeft className="size-4" aria-hidden /> {title}
      </Link>
      <header>
        <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{singular} · built-in CRM</p>
        <h1 className="text-2xl font-semibold text-slate-900">{heading}</h1>
      </header>
      <Card aria-labelledby="fields-heading">
        <CardHeader
          id="fields-heading"
          title="Properties"
          description={`Created ${formatDateTime(record.createdAt)} · updated ${formatDateTime(record.updatedAt)}`}
        />
        <CardBody>
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-3">
            {fields.map(([name, value]) => (
              <div key={name}>
                <dt className="text-xs text-slate-500">{name}</dt>
                <dd className="text-slate-900">{value || "—"}</dd>
              </div>
            ))}
          </dl>
        </CardBody>
      </Card>
      <LinkedRecords linked={linked} />
    </div>
  );
}

function describe(
  kind: string,
  record: CrmContact | CrmCompany | CrmDeal | CrmTicket,
  ownerName: string | null,
): { heading: string; fields: [string, string | null][] } {
  if (kind === "contact") {
    const c = record as CrmContact;
    return {
      heading: c.name ?? c.email ?? "Unnamed contact",
      fields: [
        ["Email", c.email],
        ["Phone", c.phone],
        ["Job title", c.jobTitle],
        ["Company", c.companyName],
        ["Website", c.website],
        ["Lifecycle stage", humanize(c.lifecycleStage)],
        ["Lead status", label(leadStatusLabels, c.leadStatus)],
        ["Intent", c.intent ? humanize(c.intent) : null],
        ["Source", c.source],
        ["Owner", ownerName],
      ],
    };
  }
  if (kind === "company") {
    const c = record as CrmCompany;
    return {
      heading: c.name,
      fields: [
        ["Domain", c.domain],
        ["Employees", c.employees],
        ["Industry", c.industry],
      ],
    };
  }
  if (kind === "deal") {
    const d = record as CrmDeal;
    return {
      heading: d.name,
      fields: [
        ["Stage", label(dealStageLabels, d.stage)],
        ["Amount", d.amount === null ? null : formatMoney(d.amount, d.currency ?? "EUR")],
        ["Owner", ownerName],
      ],
    };
  }
  const t = record as CrmTicket;
  return {
    heading: t.subject,
    fields: [
      ["Stage", label(ticketStageLabels, t.stage)],
      ["Priority", humanize(t.priority.toLowerCase())],
      ["Owner", ownerName],
      ["Request", t.content],
    ],
  };
}
