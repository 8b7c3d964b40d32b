import { describe, expect, it } from "vitest";
import { apologyLine, formatPromiseTime, promiseLine } from "@/lib/chat/chat-promise";

describe("the time a person will answer, as the lead reads it", () => {
  const now = new Date("2026-12-04T17:30:00Z"); // Friday 18:30 in Madrid
  it("names the day and the time in the team's zone, never earlier than the deadline", () => {
    expect(formatPromiseTime(new Date("2026-12-07T08:15:00Z"), now, "Europe/Madrid", "en")).toBe("on Monday at 09:15 (GMT+1)");
    expect(formatPromiseTime(new Date("2026-12-04T17:44:10Z"), now, "Europe/Madrid", "en")).toBe("today at 18:45 (GMT+1)");
    expect(formatPromiseTime(new Date("2026-12-05T08:00:00Z"), now, "Europe/Madrid", "es")).toBe("mañana a las 09:00 (GMT+1)");
    expect(formatPromiseTime(new Date("2026-12-20T08:00:00Z"), now, "Europe/Madrid", "en")).toBe("on 20 December at 09:00 (GMT+1)");
    // The day is the team's: 23:30 UTC on Friday is already Saturday in Madrid.
    expect(formatPromiseTime(new Date("2026-12-04T23:30:00Z"), now, "Europe/Madrid", "en")).toBe("tomorrow at 00:30 (GMT+1)");
  });

  it("says why it is not sooner when the team is closed, and apologises with the new time", () => {
    const by = new Date("2026-12-07T08:15:00Z");
    expect(promiseLine({ by, timeZone: "Europe/Madrid", open: false }, now, "en")).toBe(
      "Our team is outside its working hours right now; a person will answer you on Monday at 09:15 (GMT+1).",
    );
    expect(promiseLine({ by, timeZone: "UTC", open: true }, now, "en")).toBe("A person will answer you on Monday at 08:15 (UTC) at the latest.");
    expect(apologyLine({ by, timeZone: "Europe/Madrid", open: true }, now, "es")).toBe(
      "Perdona la espera: está tardando más de lo que te dijimos. Una persona te responderá el lunes a las 09:15 (GMT+1).",
    );
  });
});
