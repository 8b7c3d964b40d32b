import type { ReasonCode } from "@/lib/contract/package";

// Plain formatting shared by server and client components: no Node or browser APIs.

export const reasonLabels: Record<ReasonCode, string> = {
  high_value: "High value",
  risk: "Risk",
  ambiguity: "Ambiguity",
  offer_exception: "Offer exception",
  missing_data: "Missing data",
  sensitive_action: "Sensitive action",
  no_fit: "No fit",
  low_risk_fit: "Low-risk fit",
};

export const priorityLabels = { immediate: "Immediate", normal: "Normal", nurture: "Nurture" } as const;

export const channelLabels = { form: "Form", chat: "Chat", email: "Email", landing_page: "Landing page" } as const;

export function label(map: Record<string, string>, key: string | null | undefined): string {
  if (!key) return "—";
  return map[key] ?? humanize(key);
}

export function humanize(key: string): string {
  const text = key.replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "in 12 min", "3 h ago", "in 2 d": short enough for a table cell. */
export function relativeTime(target: Date, now: Date): string {
  const diffMs = target.getTime() - now.getTime();
  const text = durationText(Math.abs(diffMs));
  return diffMs >= 0 ? `in ${text}` : `${text} ago`;
}

/** A span of time as a table cell says it: "<1 min", "12 min", "3 h 5 min", "26 h", "3 d". */
export function durationText(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes < 1) return "<1 min";
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h${minutes % 60 && minutes < 600 ? ` ${minutes % 60} min` : ""}`;
  return `${Math.floor(minutes / 1440)} d`;
}

/**
 * A setting's length of time in words, at most two units: "45 minutes", "4 hours", "1 hour 30 minutes",
 * "3 days", "1 day 2 hours". Settings are kept in minutes; people read them this way.
 */
export function durationInWords(totalMinutes: number): string {
  if (!Number.isFinite(totalMinutes) || totalMinutes < 0) return "—";
  const minutes = Math.round(totalMinutes);
  const unit = (n: number, one: string) => `${n.toLocaleString("en")} ${one}${n === 1 ? "" : "s"}`;
  if (minutes < 60) return unit(minutes, "minute");
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return hours > 0 ? `${unit(days, "day")} ${unit(hours, "hour")}` : unit(days, "day");
  return rest > 0 ? `${unit(hours, "hour")} ${unit(rest, "minute")}` : unit(hours, "hour");
}

export type SlaState = "ok" | "soon" | "urgent" | "breached" | "closed";

/** Amber in the last quarter of an hour-plus window, red in the last 10%, breached after. */
export function slaState(due: Date, now: Date, createdAt: Date, open: boolean): SlaState {
  if (!open) return "closed";
  const left = due.getTime() - now.getTime();
  if (left <= 0) return "breached";
  const window = Math.max(due.getTime() - createdAt.getTime(), 1);
  if (left <= window * 0.1 || left <= 5 * 60_000) return "urgent";
  if (left <= window * 0.25) return "soon";
  return "ok";
}

export function formatDateTime(value: Date | string): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return date.toISOString().replace("T", " ").slice(0, 16) + " UTC";
}

export function formatMoney(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency, maximumFractionDigits: 0 }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}

/** A wait or an age as people say it: "45 s", "8 min", "2.5 h". */
export function formatSeconds(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 360) / 10} h`;
}
