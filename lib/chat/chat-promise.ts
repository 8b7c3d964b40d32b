import type { Language } from "@/lib/chat/agent-lines";

export type PromiseTime = {
  /** When a person will answer: the package's SLA deadline (never rounded earlier). */
  by: Date;
  /** The team's time zone, in which the lead is told the time. */
  timeZone: string;
  /** Whether the team is within its business hours now. */
  open: boolean;
};

/**
 * The time as the lead reads it, in the team's zone: "today at 16:15", "tomorrow at 09:00", "on
 * Monday at 09:00", or a date further out, with the zone's short name. Seconds round up to the next
 * minute, so the promise is never earlier than the SLA engine's deadline (pure).
 */
export function formatPromiseTime(at: Date, now: Date, timeZone: string, language: Language): string {
  const up = new Date(Math.ceil(at.getTime() / 60_000) * 60_000);
  const locale = language === "es" ? "es-ES" : "en-GB";
  const zone = safeZone(timeZone);
  const time = new Intl.DateTimeFormat(locale, { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(up);
  const zoneName =
    new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "short" }).formatToParts(up).find((p) => p.type === "timeZoneName")?.value ?? zone;
  const days = dayNumber(up, zone) - dayNumber(now, zone);
  const w = words[language];
  const day =
    days <= 0
      ? w.today
      : days === 1
        ? w.tomorrow
        : days < 7
          ? `${w.on} ${new Intl.DateTimeFormat(locale, { timeZone: zone, weekday: "long" }).format(up)}`
          : `${w.on} ${new Intl.DateTimeFormat(locale, { timeZone: zone, day: "numeric", month: "long" }).format(up)}`;
  return `${day} ${w.at} ${time} (${zoneName})`;
}

const words = {
  en: { today: "today", tomorrow: "tomorrow", on: "on", at: "at" },
  es: { today: "hoy", tomorrow: "mañana", on: "el", at: "a las" },
} as const;

/** The sentence the agent adds when it hands a lead over: when a person will answer, and why not sooner. */
export function promiseLine(promise: PromiseTime, now: Date, language: Language): string {
  const when = formatPromiseTime(promise.by, now, promise.timeZone, language);
  if (language === "es")
    return promise.open
      ? `Una persona te responderá como muy tarde ${when}.`
      : `Nuestro equipo está fuera de su horario ahora; una persona te responderá ${when}.`;
  return promise.open
    ? `A person will answer you ${when} at the latest.`
    : `Our team is outside its working hours right now; a person will answer you ${when}.`;
}

/** The one apology when the promised time passed with no answer, with the new time the SLA engine gives. */
export function apologyLine(renewed: PromiseTime, now: Date, language: Language): string {
  const when = formatPromiseTime(renewed.by, now, renewed.timeZone, language);
  return language === "es"
    ? `Perdona la espera: está tardando más de lo que te dijimos. Una persona te responderá ${when}.`
    : `Sorry for the wait: this is taking longer than we said. A person will answer you ${when}.`;
}

function dayNumber(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
  return Math.floor(Date.parse(`${parts}T00:00:00Z`) / 86_400_000);
}

function safeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return timeZone;
  } catch {
    return "UTC";
  }
}
