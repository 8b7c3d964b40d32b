import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import type { ExportTable } from "@/lib/metrics/export";
import { ExportLink } from "./export-link";

/** A dashboard section: a title, what it shows in one line, its CSV, then the content. */
export function MetricsCard({
  title,
  definition,
  table,
  search,
  children,
}: {
  title: string;
  definition: string;
  table: ExportTable;
  search: string;
  children: ReactNode;
}) {
  const id = `metrics-${table}`;
  return (
    <Card aria-labelledby={id} data-testid={id} className="min-w-0">
      <header className="flex items-start justify-between gap-3 border-b border-slate-100 px-4 py-3">
        <div>
          <h2 id={id} className="text-sm font-semibold text-slate-900">
            {title}
          </h2>
          <p className="mt-0.5 text-xs text-slate-500">{definition}</p>
        </div>
        <ExportLink table={table} search={search} label={title} />
      </header>
      {children}
    </Card>
  );
}
