import type { MeetingRow } from "@/db/schema";
import { Badge } from "@/components/ui/badge";
import { CopyLinkButton } from "@/components/meetings/copy-link-button";
import { meetingTimeLabel } from "@/lib/meetings/apply-booking-event";

const statusWords: Record<string, { label: string; tone: "blue" | "slate" | "green" | "red" | "amber" }> = {
  booked: { label: "Booked", tone: "blue" },
  rescheduled: { label: "Moved", tone: "slate" },
  cancelled: { label: "Cancelled", tone: "red" },
  held: { label: "Held", tone: "green" },
  no_show: { label: "No-show", tone: "amber" },
};

/**
 * The package's meetings as the booking webhooks reported them, and the lead's prefilled booking
 * link for a reply. TODO(email composer, issue 21): offer `bookingLink.url` as "insert my link" there.
 */
export function PackageMeetings({ meetings, bookingLink }: { meetings: MeetingRow[]; bookingLink: { url: string; source: string } | null }) {
  const shown = meetings.filter((m) => m.status !== "rescheduled");
  return (
    <div className="space-y-3 text-sm" data-testid="package-meetings">
      {shown.length === 0 ? <p className="text-slate-500">No meeting booked through a booking link yet.</p> : null}
      <ul className="space-y-2">
        {shown.map((m) => {
          const status = statusWords[m.status] ?? { label: m.status, tone: "slate" as const };
          return (
            <li key={m.id} className="flex items-start justify-between gap-2" data-testid="package-meeting">
              <div className="min-w-0">
                <p className="font-medium text-slate-900">{m.startsAt ? meetingTimeLabel(m.startsAt, m.timeZone) : "Time not known yet"}</p>
                <p className="text-xs text-slate-500">
                  {m.provider === "calcom" ? "Cal.com" : "Calendly"}
                  {m.organizerName ? ` · with ${m.organizerName}` : ""}
                  {m.cancellationReason ? ` · “${m.cancellationReason}”` : ""}
                </p>
              </div>
              <Badge tone={status.tone}>{status.label}</Badge>
            </li>
          );
        })}
      </ul>
      {bookingLink ? (
        <div className="border-t border-slate-100 pt-3">
          <p className="mb-1 text-xs text-slate-500">
            The lead&apos;s booking link ({bookingLink.source === "owner" ? "the owner's" : bookingLink.source === "team" ? "the team's" : "the default"}),
            prefilled and traceable:
          </p>
          <p className="mb-2 break-all font-mono text-xs text-slate-700" data-testid="booking-link">
            {bookingLink.url}
          </p>
          <CopyLinkButton url={bookingLink.url} />
        </div>
      ) : (
        <p className="border-t border-slate-100 pt-3 text-xs text-slate-500">
          No booking link is set for the owner, the team or as the default (Notifications, Admin › Meetings).
        </p>
      )}
    </div>
  );
}
