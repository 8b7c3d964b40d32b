import Link from "next/link";
import { Card } from "@/components/ui/card";
import type { MeetingBreakdown, MeetingBreakdownRow, MeetingCounts } from "@/db/queries/meetings";
import { formatDuration } from "@/lib/metrics/format";

const labels: Record<MeetingBreakdown, string> = { owner: "Owner", rule: "Rule", channel: "Channel", campaign: "Campaign" };

/** Meetings measured from the booking webhooks, not ticked: totals, then one breakdown. */
export function MeetingsCard(props: {
  totals: MeetingCounts;
  breakdown: MeetingBreakdownRow[];
  bookedOutside: number;
  by: MeetingBreakdown;
  hrefFor: (by: MeetingBreakdown) => string;
}) {
  const { totals } = props;
  const figures = [
    { label: "Meetings booked", value: String(totals.booked), testId: "meetings-booked" },
    { label: "Held", value: String(totals.held), testId: "meetings-held" },
    { label: "No-shows", value: String(totals.noShows), testId: "meetings-no-shows" },
    { label: "Cancelled", value: String(totals.cancelled), testId: "meetings-cancelled" },
    { label: "Handoff to booking (median)", value: formatDuration(totals.medianSecondsToBooking), testId: "meetings-time-to-booking" },
  ];
  return (
    <Card aria-labelledby="metrics-meetings" data-testid="metrics-meetings" className="min-w-0">
      <header className="border-b border-slate-100 px-4 py-3">
        <h2 id="metrics-meetings" className="text-sm font-semibold text-slate-900">
          Meetings
        </h2>
        <p className="mt-0.5 text-xs text-slate-500">
          Booked in the range through the booking links, as Cal.com and Calendly report them. Booked outside any integration (ticked when converting):{" "}
          {props.bookedOutside}.
        </p>
      </header>
      <dl className="grid grid-cols-2 gap-3 px-4 py-3 sm:grid-cols-5">
        {figures.map((f) => (
          <div key={f.label}>
            <dt className="text-xs text-slate-500">{f.label}</dt>
            <dd className="text-lg font-semibold text-slate-900" data-testid={f.testId}>
              {f.value}
            </dd>
          </div>
        ))}
      </dl>
      <nav aria-label="Meetings by" className="flex gap-1 border-t border-slate-100 px-4 pt-3 text-xs">
        {(Object.keys(labels) as MeetingBreakdown[]).map((by) => (
          <Link
            key={by}
            href={props.hrefFor(by)}
            aria-current={by === props.by ? "page" : undefined}
            className={by === props.by ? "rounded bg-slate-900 px-2 py-1 text-white" : "rounded px-2 py-1 text-slate-700 hover:bg-slate-100"}
          >
            By {labels[by].toLowerCase()}
          </Link>
        ))}
      </nav>
      <div className="overflow-x-auto px-4 py-3">
        {props.breakdown.length === 0 ? (
          <p className="text-sm text-slate-500">No meetings booked in this range.</p>
        ) : (
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left text-xs text-slate-500">
                <th className="py-1 pr-3 font-medium">{labels[props.by]}</th>
                <th className="py-1 pr-3 text-right font-medium">Booked</th>
                <th className="py-1 pr-3 text-right font-medium">Held</th>
                <th className="py-1 pr-3 text-right font-medium">No-shows</th>
                <th className="py-1 pr-3 text-right font-medium">Cancelled</th>
                <th className="py-1 text-right font-medium">Handoff to booking</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {props.breakdown.map((row) => (
                <tr key={row.key ?? "none"}>
                  <td className="py-1.5 pr-3 text-slate-900">{row.label}</td>
                  <td className="py-1.5 pr-3 text-right tabular-nums">{row.booked}</td>
                  <td className="py-1.5 pr-3 text-right tabular-nums">{row.held}</td>
                  <td className="py-1.5 pr-3 text-right tabular-nums">{row.noShows}</td>
                  <td className="py-1.5 pr-3 text-right tabular-nums">{row.cancelled}</td>
                  <td className="py-1.5 text-right tabular-nums">{formatDuration(row.medianSecondsToBooking)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </Card>
  );
}
