import type { Metadata } from "next";
import { z } from "zod";
import { KeysetPagination } from "@/components/data-table/keyset-pagination";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { Label, Select } from "@/components/ui/field";
import { listAuditEntityTypes, listAuditLog, namesForAuditIds } from "@/db/queries/audit";
import { auditDiff, formatAuditValue, idsIn } from "@/lib/audit/audit-diff";
import { formatDateTime, humanize } from "@/lib/format";
import { pageActorWith } from "../../page-actor";

export const metadata: Metadata = { title: "Audit log" };

const PAGE_SIZE = 50;

// A bad cursor or filter in the address is read as "from the newest", never as an error page.
const searchSchema = z.object({
  type: z
    .string()
    .regex(/^[a-z_]{1,60}$/)
    .optional()
    .catch(undefined),
  after: z
    .string()
    .regex(/^\d{13}_\d+$/)
    .transform((v) => {
      const [ms, id] = v.split("_");
      return { createdAt: new Date(Number(ms)), id: Number(id) };
    })
    .optional()
    .catch(undefined),
});

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await pageActorWith("admin.manage");
  const search = searchSchema.parse(await searchParams);
  const [entries, types] = await Promise.all([listAuditLog({ limit: PAGE_SIZE + 1, entityType: search.type, after: search.after }), listAuditEntityTypes()]);
  const page = entries.slice(0, PAGE_SIZE);
  const ids = new Set<string>();
  for (const entry of page) idsIn([entry.entityId, entry.before, entry.after], ids);
  const names = await namesForAuditIds([...ids]);
  const last = page.at(-1);
  const href = (after?: string) => {
    const params = new URLSearchParams();
    if (search.type) params.set("type", search.type);
    if (after) params.set("after", after);
    const query = params.toString();
    return `/admin/audit${query ? `?${query}` : ""}`;
  };
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-lg font-semibold text-slate-900">Audit log</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Every change made in the admin pages, and every sign-in (success or failure, and how), invitation, password reset and ended session: who, when, and
          what it was before and after. Secrets appear only as set or replaced.
        </p>
      </div>
      <form method="get" action="/admin/audit" className="flex flex-wrap items-end gap-2" aria-label="Filter the audit log">
        <div className="w-56">
          <Label htmlFor="audit-type">What changed</Label>
          <Select id="audit-type" name="type" defaultValue={search.type ?? ""}>
            <option value="">Everything</option>
            {types.map((t) => (
              <option key={t} value={t}>
                {entityName(t)}
              </option>
            ))}
          </Select>
        </div>
        <Button type="submit" size="sm" variant="secondary" className="mb-0.5">
          Filter
        </Button>
      </form>
      <Card>
        {page.length === 0 ? (
          <CardBody>
            <p className="text-sm text-slate-500" data-testid="audit-empty">
              No changes recorded{search.type ? ` for ${entityName(search.type, "inline")}` : ""}
              {search.after ? " before this point" : ""}.
            </p>
          </CardBody>
        ) : (
          <ol className="divide-y divide-slate-100" data-testid="audit-entries">
            {page.map((entry) => {
              const changes = auditDiff(entry.before, entry.after);
              return (
                <li key={entry.id} className="px-4 py-3" data-testid="audit-entry">
                  <p className="flex flex-wrap items-baseline gap-x-2 text-sm wrap-anywhere">
                    <span className="font-mono text-xs font-medium text-slate-900">{entry.action}</span>
                    <span className="text-slate-600">by {entry.actorEmail}</span>
                    <time dateTime={entry.createdAt.toISOString()} className="text-xs text-slate-500">
                      {formatDateTime(entry.createdAt)}
                    </time>
                    {entry.entityId ? (
                      <span className="min-w-0 truncate text-xs text-slate-500" title={names.get(entry.entityId) ?? entry.entityId}>
                        {entityName(entry.entityType)} {names.get(entry.entityId) ?? entry.entityId}
                      </span>
                    ) : null}
                  </p>
                  {changes.length ? (
                    <table className="mt-2 w-full max-w-3xl table-fixed text-xs">
                      <caption className="sr-only">Changes made by {entry.action}</caption>
                      <thead className="text-left text-slate-500">
                        <tr>
                          <th scope="col" className="w-32 py-0.5 pr-2 font-medium">
                            Field
                          </th>
                          <th scope="col" className="py-0.5 pr-2 font-medium">
                            Before
                          </th>
                          <th scope="col" className="py-0.5 font-medium">
                            After
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {changes.map((change) => (
                          <tr key={change.field} className="align-top">
                            <th scope="row" className="py-0.5 pr-2 text-left font-normal text-slate-700">
                              {fieldName(change.field)}
                            </th>
                            <td className="break-words py-0.5 pr-2 text-red-800">
                              {change.before === undefined ? (
                                <span className="text-slate-400">—</span>
                              ) : (
                                <del className="no-underline">{formatAuditValue(change.before, names)}</del>
                              )}
                            </td>
                            <td className="break-words py-0.5 text-emerald-800">
                              {change.after === undefined ? (
                                <span className="text-slate-400">—</span>
                              ) : (
                                <ins className="no-underline">{formatAuditValue(change.after, names)}</ins>
                              )}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  ) : (
                    <p className="mt-1 text-xs text-slate-500">No field changed.</p>
                  )}
                </li>
              );
            })}
          </ol>
        )}
      </Card>
      <KeysetPagination
        summary={`${page.length} change${page.length === 1 ? "" : "s"}${search.after ? ", older ones" : ", newest first"}`}
        firstHref={search.after ? href() : null}
        previousHref={null}
        nextHref={entries.length > PAGE_SIZE && last ? href(`${last.createdAt.getTime()}_${last.id}`) : null}
      />
    </div>
  );
}

// Kinds of record as people say them: "API key", not "Api key"; lower case inside a sentence.
const entityNames: Record<string, string> = { api_key: "API key", sla_policy: "SLA policy", sso_settings: "Single sign-on", sign_in: "Sign-in" };
function entityName(type: string, position: "start" | "inline" = "start"): string {
  const words = humanize(type);
  return entityNames[type] ?? (position === "start" ? words : words.toLowerCase());
}

// "teamId" → "Team" (its value shows as the team's name), "reassignOnBreach" → "Reassign on breach".
function fieldName(field: string): string {
  return humanize(
    field
      .replace(/Id$/, "")
      .replace(/([a-z])([A-Z])/g, "$1_$2")
      .toLowerCase(),
  );
}
