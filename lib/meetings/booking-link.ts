import { z } from "zod";

// Booking links: where the agent's `act` sends a lead to pick a time. A link is checked once, as a
// setting (bookingUrlSchema), and prefilled per lead with their name, email and a Baton reference
// the provider hands back in its webhook (INTEGRATIONS.md sections 2 and 3):
//   Cal.com   ?name=&email=&metadata[baton]=<ref>   → payload.metadata.baton
//   Calendly  ?name=&email=&utm_content=<ref>       → payload.tracking.utm_content
// Any other scheduling URL is used as given.

export type BookingProvider = "calcom" | "calendly" | "other";

const BOOKING_EXAMPLE = "https://cal.com/dana-reyes/diagnosis";

/** What is wrong with a booking URL, in words (null when it can be used). */
export function bookingUrlProblem(value: string): string | null {
  if (value.length > 500) return "must be at most 500 characters";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `must be an https:// URL, e.g. ${BOOKING_EXAMPLE}`;
  }
  if (url.protocol !== "https:") return `must be an https:// URL, e.g. ${BOOKING_EXAMPLE}`;
  if (!url.hostname || !url.hostname.includes(".")) return "must name the scheduling page's host, e.g. cal.com";
  if (url.username || url.password) return "must not carry a user name or password";
  if (/\s/.test(value)) return "must not contain spaces";
  return null;
}

/** A booking URL as a form sends it: blank is "none", anything else must be a usable https URL. */
export const bookingUrlField = z.preprocess(
  (v) => (typeof v === "string" ? (v.trim() === "" ? null : v.trim()) : (v ?? null)),
  z
    .string({ error: `must be an https:// URL, e.g. ${BOOKING_EXAMPLE}` })
    .superRefine((value, ctx) => {
      const problem = bookingUrlProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .nullable(),
);

export function bookingProvider(url: string): BookingProvider {
  const host = new URL(url).hostname.toLowerCase();
  if (host === "cal.com" || host.endsWith(".cal.com") || host === "cal.eu" || host.endsWith(".cal.eu")) return "calcom";
  if (host === "calendly.com" || host.endsWith(".calendly.com")) return "calendly";
  return "other";
}

export type BookingLead = { name: string | null; email: string | null };

/**
 * The link one lead gets: the provider's prefill parameters and the package reference added to
 * what the URL already carries (a parameter set in the setting itself is kept).
 */
export function prefilledBookingLink(base: string, lead: BookingLead, reference: string): string {
  const provider = bookingProvider(base);
  if (provider === "other") return base;
  const url = new URL(base);
  const set = (key: string, value: string | null) => {
    if (value && !url.searchParams.has(key)) url.searchParams.set(key, value);
  };
  set("name", lead.name?.trim() || null);
  set("email", lead.email?.trim() || null);
  if (provider === "calcom") url.searchParams.set("metadata[baton]", reference);
  else url.searchParams.set("utm_content", reference);
  return url.toString();
}

export type BookingLinkSource = "owner" | "team" | "default";
export type ResolvedBookingLink = { url: string; source: BookingLinkSource };

/** The routed owner's link wins, then the team's, then the default; with none, no booking is promised (null). */
export function resolveBookingLink(links: { owner: string | null; team: string | null; fallback: string | null }): ResolvedBookingLink | null {
  if (links.owner) return { url: links.owner, source: "owner" };
  if (links.team) return { url: links.team, source: "team" };
  if (links.fallback) return { url: links.fallback, source: "default" };
  return null;
}

/**
 * The reference a booking carries back: the package id, prefixed so a stray UUID in some other
 * tracking field is never mistaken for one. Parsing refuses anything else.
 */
export function bookingReference(handoffId: string): string {
  return `bt_${handoffId}`;
}

export function parseBookingReference(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const match = /^bt_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(value.trim());
  return match ? match[1]!.toLowerCase() : null;
}
