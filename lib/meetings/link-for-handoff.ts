import { bookingContextForHandoff } from "@/db/queries/meetings";
import { bookingReference, prefilledBookingLink, resolveBookingLink, type ResolvedBookingLink } from "@/lib/meetings/booking-link";

/**
 * The booking link a package's lead gets, prefilled with their name, email and the package's
 * reference: the owner's, else the team's, else the default; null when none is set. The rep's
 * console shows the same link to copy into a reply.
 */
export async function bookingLinkForHandoff(
  handoffId: string,
  lead?: { name: string | null; email: string | null },
): Promise<(ResolvedBookingLink & { base: string }) | null> {
  const ctx = await bookingContextForHandoff({ handoffId });
  if (!ctx) return null;
  const link = resolveBookingLink({ owner: ctx.ownerLink, team: ctx.teamLink, fallback: ctx.defaultLink });
  if (!link) return null;
  const who = { name: lead?.name ?? ctx.leadName, email: lead?.email ?? ctx.leadEmail };
  return { base: link.url, source: link.source, url: prefilledBookingLink(link.url, who, bookingReference(ctx.id)) };
}
