import Link from "next/link";
import { cn } from "@/lib/cn";
import { recordPages, type RecordPage } from "@/lib/crm/record-pages";

export function CrmNav({ current }: { current: RecordPage }) {
  return (
    <nav aria-label="CRM records" className="flex gap-1 border-b border-slate-200 text-sm">
      {(Object.keys(recordPages) as RecordPage[]).map((page) => (
        <Link
          key={page}
          href={`/crm/${page}`}
          aria-current={page === current ? "page" : undefined}
          className={cn(
            "-mb-px border-b-2 px-3 py-2 font-medium",
            page === current ? "border-brand-600 text-slate-900" : "border-transparent text-slate-500 hover:text-slate-800",
          )}
        >
          {recordPages[page].title}
        </Link>
      ))}
    </nav>
  );
}
