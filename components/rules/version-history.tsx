import type { ActionResult } from "@/lib/action";
import { formatDateTime } from "@/lib/format";
import { RestoreVersionButton } from "./restore-version-button";

type VersionRow = {
  version: number;
  status: "draft" | "published" | "archived";
  note: string | null;
  restoredFrom: number | null;
  createdAt: Date;
  publishedAt: Date | null;
  createdBy: string | null;
};

const statusStyle = {
  published: "bg-green-100 text-green-900",
  archived: "bg-slate-100 text-slate-700",
  draft: "bg-amber-100 text-amber-900",
} as const;

/** Who published what, when and why; any earlier version can be published again as a new one. */
export function VersionHistory({
  versions,
  restore,
}: {
  versions: VersionRow[];
  restore: (input: { version: number }) => Promise<ActionResult<{ version: number; restoredFrom: number }>>;
}) {
  return (
    <ul className="divide-y divide-slate-100" data-testid="rule-versions">
      {versions.map((v) => (
        <li
          key={`${v.status}-${v.version}`}
          className="flex flex-wrap items-start gap-3 px-4 py-3 text-sm"
          data-testid="rule-version"
          data-version={v.status === "draft" ? "draft" : v.version}
        >
          <div className="min-w-0 flex-1">
            <p className="font-medium text-slate-900">
              {v.status === "draft" ? "Draft" : `Version ${v.version}`}
              <span className={`ml-2 rounded-full px-2 py-0.5 text-xs font-medium ${statusStyle[v.status]}`}>{v.status}</span>
              {v.restoredFrom ? <span className="ml-2 text-xs font-normal text-slate-500">copy of version {v.restoredFrom}</span> : null}
            </p>
            <p className="text-xs text-slate-500">
              {v.status === "draft" ? "Saved" : "Published"} {formatDateTime(v.publishedAt ?? v.createdAt)} by {v.createdBy ?? "the system"}
            </p>
            {v.note ? <p className="mt-0.5 break-words text-slate-700">{v.note}</p> : null}
          </div>
          {v.status === "archived" ? <RestoreVersionButton version={v.version} restore={restore} /> : null}
        </li>
      ))}
    </ul>
  );
}
