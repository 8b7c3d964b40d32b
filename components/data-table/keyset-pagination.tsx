import Link from "next/link";
import { cn } from "@/lib/cn";

export function KeysetPagination({
  previousHref,
  nextHref,
  firstHref,
  summary,
}: {
  previousHref: string | null;
  nextHref: string | null;
  firstHref: string | null;
  summary: string;
}) {
  const link = (href: string | null, text: string, rel?: string) =>
    href ? (
      <Link href={href} rel={rel} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">
        {text}
      </Link>
    ) : (
      <span aria-disabled className={cn("rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-300")}>
        {text}
      </span>
    );
  return (
    <nav aria-label="Pagination" className="flex items-center justify-between gap-3 text-sm text-slate-600">
      <p>{summary}</p>
      <div className="flex gap-2">
        {firstHref ? link(firstHref, "First") : null}
        {link(previousHref, "Previous", "prev")}
        {link(nextHref, "Next", "next")}
      </div>
    </nav>
  );
}
