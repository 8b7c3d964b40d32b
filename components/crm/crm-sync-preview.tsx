import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { syncToCrmNow } from "@/app/(console)/crm/actions";
import { SyncNowButton } from "@/components/crm/sync-now-button";
import { previewCrmSync, type PreviewAction, type PreviewItem } from "@/lib/crm/preview-sync";
import { crmAdapterLabels } from "@/lib/crm/crm-choice";
import { formatDateTime, humanize } from "@/lib/format";

const actionLabels: Record<PreviewAction, { text: string; tone: BadgeTone }> = {
  create: { text: "Create", tone: "blue" },
  update: { text: "Update", tone: "slate" },
  skip: { text: "Not opened", tone: "slate" },
};

/**
 * The package's CRM records: before the first sync, exactly what it will create; after, what the
 * next sync (a status change) updates, with links to the records. Same plan as the sync itself.
 */
export async function CrmSyncPreview({ handoffId }: { handoffId: string }) {
  const preview = await previewCrmSync({ handoffId });
  if (!preview) return null;
  const crmName = crmAdapterLabels[preview.crm];
  return (
    <Card aria-labelledby="crm-heading" data-testid="crm-preview">
      <CardHeader
        id="crm-heading"
        title={`CRM · ${crmName}`}
        description={
          preview.lastSyncedAt ? `Synced ${formatDateTime(preview.lastSyncedAt)}; the next sync does this:` : "Not synced yet. The sync will do exactly this:"
        }
      />
      <CardBody className="space-y-3 text-sm">
        {preview.failure ? (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-2 text-sm text-red-800" data-testid="crm-sync-failure">
            {crmName} refused the last sync ({formatDateTime(preview.failure.deadSince)}): {preview.failure.message} Fix the data or the CRM, then retry it from
            Jobs or sync now.
          </p>
        ) : null}
        <ul className="space-y-2" aria-label="Records">
          {preview.items.map((item) => (
            <li key={`${item.kind}:${item.key}`} data-testid={`crm-preview-${item.kind}`}>
              <div className="flex min-w-0 items-baseline gap-2">
                <Badge tone={actionLabels[item.action].tone}>{actionLabels[item.action].text}</Badge>
                <span className="text-xs text-slate-500">{item.crmObject ?? humanize(item.kind)}</span>
                <RecordName item={item} />
              </div>
              <p className="ml-1 text-xs text-slate-500">{item.why}</p>
            </li>
          ))}
        </ul>
        {preview.associations.length > 0 && (
          <div>
            <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Associations</h3>
            <ul className="mt-1 space-y-0.5 text-xs text-slate-700" aria-label="Associations" data-testid="crm-preview-associations">
              {preview.associations.map((a) => (
                <li key={`${a.from.kind}:${a.from.key}>${a.to.kind}:${a.to.key}`}>
                  {a.from.crmObject ?? humanize(a.from.kind)} → {a.to.crmObject ?? humanize(a.to.kind)} <span className="text-slate-500">({a.to.label})</span>
                </li>
              ))}
            </ul>
          </div>
        )}
        <SyncNowButton handoffId={handoffId} sync={syncToCrmNow} />
      </CardBody>
    </Card>
  );
}

function RecordName({ item }: { item: PreviewItem }) {
  if (!item.url) return <span className="min-w-0 break-words text-slate-900">{item.label}</span>;
  if (item.url.startsWith("/"))
    return (
      <Link href={item.url} className="min-w-0 break-words text-brand-700 underline">
        {item.label}
      </Link>
    );
  return (
    <a href={item.url} target="_blank" rel="noreferrer" className="min-w-0 break-words text-brand-700 underline">
      {item.label}
    </a>
  );
}
