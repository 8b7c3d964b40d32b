import { Eye, History } from "lucide-react";

export type RowPresence = { viewers: string[]; acted: { by: string; what: string } | null };

/**
 * In an inbox row: small marks for someone else viewing the package now, or having just acted on it.
 * Each mark is `relative` so its screen-reader text (absolutely placed) stays inside the table's
 * horizontal scroll instead of widening the page on a phone.
 */
export function PresenceMarks({ presence }: { presence: RowPresence | undefined }) {
  if (!presence) return null;
  return (
    <>
      {presence.viewers.length > 0 ? (
        <span
          className="relative inline-flex items-center gap-0.5 text-xs text-amber-800"
          data-testid="row-viewers"
          title={`${presence.viewers.join(", ")} viewing now`}
        >
          <Eye className="size-3.5" aria-hidden />
          <span className="sr-only">{presence.viewers.join(", ")} viewing now</span>
        </span>
      ) : null}
      {presence.acted ? (
        <span
          className="relative inline-flex items-center gap-0.5 text-xs text-brand-700"
          data-testid="row-acted"
          title={`${presence.acted.by} ${presence.acted.what} a moment ago`}
        >
          <History className="size-3.5" aria-hidden />
          <span className="sr-only">
            {presence.acted.by} {presence.acted.what} a moment ago
          </span>
        </span>
      ) : null}
    </>
  );
}
