import { Download } from "lucide-react";
import type { ExportTable } from "@/lib/metrics/export";

/** A plain download link: the export route answers with the CSV as an attachment. */
export function ExportLink({ table, search, label }: { table: ExportTable; search: string; label: string }) {
  return (
    <a
      href={`/metrics/export?table=${table}&${search}`}
      download
      data-testid={`export-${table}`}
      className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-xs font-medium text-brand-700 hover:bg-brand-50"
      aria-label={`Download ${label} as CSV`}
    >
      <Download className="size-3.5" aria-hidden />
      CSV
    </a>
  );
}
