import { z } from "zod";
import { checkbox } from "@/lib/forms/form-fields";
import { bookingUrlField } from "@/lib/meetings/booking-link";

// The forms that set booking links and the meetings settings; a blank link removes it.

export const myBookingLinkSchema = z.object({ url: bookingUrlField });

export const teamBookingLinkSchema = z.object({ teamId: z.uuid({ error: "must be a team; reload the page" }), url: bookingUrlField });

export const meetingSettingsSchema = z.object({ defaultBookingUrl: bookingUrlField, emailNeedsApproval: checkbox });

export const attachMeetingSchema = z.object({
  meetingId: z.uuid({ error: "must be a booking from the list; reload the page" }),
  handoffId: z.preprocess((v) => (typeof v === "string" ? extractId(v) : v), z.uuid({ error: "must be a package id or its link (…/handoffs/<id>)" })),
});

/** An admin may paste the package's link or its id. */
function extractId(value: string): string {
  const match = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i.exec(value);
  return match ? match[1]!.toLowerCase() : value.trim();
}
