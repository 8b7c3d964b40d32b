"use client";

import Link from "next/link";
import { PersonName } from "@/components/layout/person-name";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { createColumnHelper, rowSortingFeature, tableFeatures, useTable, type SortingState } from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { useInboxSelection } from "@/components/inbox/inbox-bulk";
import { useInboxKeyboard } from "@/components/inbox/inbox-keyboard";
import { useSeenSince } from "@/components/inbox/inbox-live";
import { SlaCountdown } from "@/components/inbox/sla-countdown";
import { PresenceMarks, type RowPresence } from "@/components/presence/presence-marks";
import { PriorityBadge, StatusBadge } from "@/components/inbox/status-badge";
import { Badge } from "@/components/ui/badge";
import type { HandoffPriority, HandoffStatus } from "@/db/schema/handoffs";
import type { ReasonCode } from "@/lib/contract/package";
import { cn } from "@/lib/cn";
import { formatMoney, humanize, label, reasonLabels, relativeTime } from "@/lib/format";
import { inboxHref } from "@/lib/inbox/href";

export type InboxRow = {
  id: string;
  priority: HandoffPriority | null;
  status: HandoffStatus;
  leadName: string | null;
  leadEmail: string | null;
  companyName: string | null;
  intent: string;
  reasons: string[];
  ownerName: string | null;
  dealValue: number | null;
  dealCurrency: string | null;
  slaDueAt: Date;
  /** When a person accepted it: the acceptance clock stopped then. */
  acceptedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  snoozedUntil?: Date | null;
  /** Someone else viewing or acting on it right now (lib/inbox/presence.ts). */
  presence?: RowPresence;
};

type Selection = NonNullable<ReturnType<typeof useInboxSelection>>;
type TableMeta = { now: Date; seenSince: Date | null; selection: Selection | null };

const openStatuses: HandoffStatus[] = ["pending", "accepted", "in_follow_up"];

// Module scope, as TanStack Table v9 asks: features and columns must keep their identity between renders.
const features = tableFeatures({ rowSortingFeature });
const column = createColumnHelper<typeof features, InboxRow>();

const selectColumn = column.display({
  id: "select",
  enableSorting: false,
  header: (ctx) => {
    const { selection } = ctx.table.options.meta as TableMeta;
    if (!selection) return null;
    return (
      <input
        type="checkbox"
        aria-label="Select every open package on this page"
        className="size-4 accent-brand-600"
        checked={selection.allSelected}
        disabled={selection.selectable.length === 0}
        onChange={(e) => selection.setAll(e.target.checked)}
        data-testid="select-all"
      />
    );
  },
  cell: (info) => {
    const { selection } = info.table.options.meta as TableMeta;
    const row = info.row.original;
    if (!selection) return null;
    const open = openStatuses.includes(row.status);
    return (
      <input
        type="checkbox"
        aria-label={`Select ${row.leadName ?? row.leadEmail ?? "this package"}`}
        className="size-4 accent-brand-600"
        checked={selection.selected.has(row.id)}
        disabled={!open}
        title={open ? undefined : "Closed packages cannot be reassigned or discarded"}
        onChange={() => selection.toggle(row.id)}
        data-testid="row-select"
      />
    );
  },
});

const dataColumns = [
  column.accessor("priority", {
    header: "Priority",
    cell: (info) => <PriorityBadge priority={info.getValue()} />,
  }),
  column.accessor("slaDueAt", {
    id: "sla_due_at",
    header: "SLA",
    cell: (info) => <SlaCountdown subject={info.row.original} serverNow={(info.table.options.meta as TableMeta).now} />,
  }),
  column.accessor("leadName", {
    header: "Lead",
    enableSorting: false,
    cell: (info) => {
      const row = info.row.original;
      const { seenSince } = info.table.options.meta as TableMeta;
      return (
        <div className="min-w-0">
          <div className="flex items-center gap-1.5">
            <Link href={`/handoffs/${row.id}`} className="font-medium text-slate-900 hover:underline" data-testid="lead-link">
              {row.leadName ?? row.leadEmail ?? "Unknown lead"}
            </Link>
            {seenSince && row.createdAt > seenSince && (
              <Badge tone="blue" data-testid="new-badge">
                New
              </Badge>
            )}
            <PresenceMarks presence={row.presence} />
          </div>
          <p className="truncate text-xs text-slate-500">{row.companyName ?? row.leadEmail ?? "—"}</p>
        </div>
      );
    },
  }),
  column.accessor("intent", { header: "Intent", enableSorting: false, cell: (info) => humanize(info.getValue()) }),
  column.accessor("reasons", {
    header: "Reasons",
    enableSorting: false,
    cell: (info) => (
      <div className="flex flex-wrap gap-1">
        {info.getValue().map((reason) => (
          <Badge key={reason} tone={reason === "risk" ? "red" : reason === "high_value" ? "green" : "slate"}>
            {label(reasonLabels, reason as ReasonCode)}
          </Badge>
        ))}
      </div>
    ),
  }),
  column.accessor("dealValue", {
    id: "value",
    header: "Value",
    sortDescFirst: true,
    cell: (info) => {
      const value = info.getValue();
      return value === null ? (
        <span className="text-slate-500">—</span>
      ) : (
        <span className="whitespace-nowrap tabular-nums">{formatMoney(value, info.row.original.dealCurrency ?? "EUR")}</span>
      );
    },
  }),
  column.accessor("ownerName", {
    header: "Owner",
    enableSorting: false,
    cell: (info) => {
      const name = info.getValue();
      return name ? <PersonName name={name} truncate className="max-w-[12rem]" /> : <span className="text-slate-500">Unassigned</span>;
    },
  }),
  column.accessor("status", {
    header: "Status",
    enableSorting: false,
    cell: (info) => {
      const until = info.row.original.snoozedUntil;
      const snoozed = until && until > (info.table.options.meta as TableMeta).now;
      return (
        <span className="inline-flex flex-wrap gap-1">
          <StatusBadge status={info.getValue()} />
          {snoozed ? (
            <Badge tone="slate" data-testid="snoozed-badge">
              Snoozed
            </Badge>
          ) : null}
        </span>
      );
    },
  }),
  column.accessor("createdAt", {
    id: "created_at",
    header: "Age",
    cell: (info) => (
      <span className="whitespace-nowrap text-slate-600 tabular-nums">
        {relativeTime(info.getValue(), (info.table.options.meta as TableMeta).now).replace(" ago", "")}
      </span>
    ),
  }),
];
const columns = column.columns(dataColumns);
const selectableColumns = column.columns([selectColumn, ...dataColumns]);

export function InboxTable({
  rows,
  sort,
  dir,
  baseParams,
  now,
  seenSince,
}: {
  rows: InboxRow[];
  sort: string;
  dir: "asc" | "desc";
  baseParams: Record<string, string | undefined>;
  now: Date;
  /** Rows created after this get a "New" badge; by default, when <InboxLive> saw this view first. */
  seenSince?: Date | null;
}) {
  const router = useRouter();
  const keyboard = useInboxKeyboard();
  const liveSeenSince = useSeenSince();
  const selection = useInboxSelection();
  const setKeyboardRows = keyboard?.setRows;
  useEffect(() => {
    setKeyboardRows?.(rows.map((row) => ({ id: row.id, version: row.version })));
  }, [rows, setKeyboardRows]);
  const sorting: SortingState = [{ id: sort, desc: dir === "desc" }];
  const table = useTable({
    features,
    columns: selection ? selectableColumns : columns,
    data: rows,
    getRowId: (row) => row.id,
    manualSorting: true,
    enableSortingRemoval: false,
    state: { sorting },
    meta: { now, seenSince: seenSince === undefined ? liveSeenSince : seenSince, selection } satisfies TableMeta,
    // Sorting happens in Postgres: a header click only changes the URL (and resets to page one).
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const first = next[0];
      if (!first) return;
      router.push(inboxHref({ ...baseParams, sort: first.id, dir: first.desc ? "desc" : "asc", after: undefined, before: undefined }));
    },
  });

  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm" data-testid="inbox-table-scroll" data-inbox-cards>
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="inbox-table">
        <thead className="bg-slate-50">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                    className="px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500"
                  >
                    {header.column.getCanSort() ? (
                      <button
                        type="button"
                        onClick={header.column.getToggleSortingHandler()}
                        className="inline-flex items-center gap-1 uppercase hover:text-slate-900"
                      >
                        <table.FlexRender header={header} />
                        {sorted === "asc" ? (
                          <ArrowUp className="size-3" aria-hidden />
                        ) : sorted === "desc" ? (
                          <ArrowDown className="size-3" aria-hidden />
                        ) : (
                          <ArrowUpDown className="size-3 opacity-40" aria-hidden />
                        )}
                      </button>
                    ) : (
                      <table.FlexRender header={header} />
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody className="divide-y divide-slate-100">
          {table.getRowModel().rows.map((row) => (
            <tr
              key={row.id}
              data-testid="inbox-row"
              data-row-id={row.id}
              aria-selected={keyboard ? keyboard.focusedId === row.id : undefined}
              className={cn(
                "hover:bg-slate-50",
                keyboard?.focusedId === row.id && "bg-brand-50 outline-2 -outline-offset-2 outline-brand-600 hover:bg-brand-50",
              )}
            >
              {row.getAllCells().map((cell) => (
                <td key={cell.id} className="px-3 py-2 align-middle" data-column={cell.column.id}>
                  <table.FlexRender cell={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
