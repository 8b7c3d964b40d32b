import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { BrowserContext, Page } from "@playwright/test";

/** One report of the `web-vitals` library, reduced in the page to what crosses to Node as JSON. */
export type VitalReport = {
  name: "LCP" | "FCP" | "TTFB" | "CLS" | "INP";
  value: number;
  attribution: Record<string, string | number | null>;
};

/** A trusted keydown the page saw, by its event time: INP's interactionTime is that same clock. */
export type KeyPress = { key: string; timeStamp: number };

/** An Event Timing entry of an interaction (16 ms or longer: shorter ones are not reported). */
export type EventEntry = { name: string; interactionId: number; startTime: number; processingStart: number; processingEnd: number; duration: number };

export type Visit = {
  page: Page;
  /** Closes the page as a person closes the tab: it turns hidden, so web-vitals reports its final values. */
  flush: (timeoutMs: number) => Promise<{ reports: VitalReport[]; keys: KeyPress[]; events: EventEntry[]; marks: Record<string, number> }>;
};

const BINDING = "__batonVital";

// The library's IIFE build with attribution, read from node_modules: a global `webVitals`, injected
// before any of the page's own scripts, as a site loads it from its <head>.
const webVitalsIife = readFileSync(join(dirname(createRequire(import.meta.url).resolve("web-vitals/attribution")), "web-vitals.attribution.iife.js"), "utf8");

// Plain JavaScript, not a serialised TypeScript function: tsx keeps function names with a
// `__name(...)` helper that does not exist in the page. Every metric reports all its changes; the
// last one before the page is hidden is its final value. INP's threshold is the Event Timing
// minimum (16 ms) rather than the library's 40, so a quick interaction is still the one reported.
const register = `(() => {
  const send = (report) => window.${BINDING} && window.${BINDING}(report);
  const pick = (a, keys) => Object.fromEntries(keys.map((k) => [k, a && a[k] !== undefined ? a[k] : null]));
  const attributionOf = {
    LCP: (a) => pick(a, ["target", "timeToFirstByte", "resourceLoadDelay", "resourceLoadDuration", "elementRenderDelay"]),
    INP: (a) => ({
      ...pick(a, ["interactionTarget", "interactionType", "interactionTime", "nextPaintTime", "inputDelay", "processingDuration", "presentationDelay", "totalScriptDuration", "totalStyleAndLayoutDuration", "loadState"]),
      longestScript: a && a.longestScript ? (a.longestScript.entry.sourceFunctionName || a.longestScript.entry.invoker || "") + " (" + a.longestScript.subpart + ", " + Math.round(a.longestScript.intersectingDuration) + " ms)" : null,
    }),
    CLS: (a) => pick(a, ["largestShiftTarget", "largestShiftValue"]),
    FCP: () => ({}),
    TTFB: () => ({}),
  };
  const report = (metric) => send({ kind: "vital", name: metric.name, value: metric.value, attribution: attributionOf[metric.name](metric.attribution) });
  const all = { reportAllChanges: true };
  webVitals.onLCP(report, all);
  webVitals.onFCP(report, all);
  webVitals.onTTFB(report, all);
  webVitals.onCLS(report, all);
  webVitals.onINP(report, { reportAllChanges: true, durationThreshold: 16 });
  addEventListener("keydown", (event) => event.isTrusted && send({ kind: "key", key: event.key, timeStamp: event.timeStamp }), true);
  // Every interaction's own Event Timing entries: INP keeps only the longest interaction, and the
  // bench also wants the one of a given key.
  const sendEvents = (entries) => {
    for (const e of entries)
      if (e.interactionId) send({ kind: "event", name: e.name, interactionId: e.interactionId, startTime: e.startTime, processingStart: e.processingStart, processingEnd: e.processingEnd, duration: e.duration });
  };
  const events = new PerformanceObserver((list) => sendEvents(list.getEntries()));
  events.observe({ type: "event", durationThreshold: 16, buffered: true });
  // On the document, not in the window's capture phase: the library listens there, including the
  // listeners it adds later for entries still waiting for an idle moment, and all of those run
  // before this one, so "hidden" comes after the last report.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState !== "hidden") return;
    sendEvents(events.takeRecords());
    send({ kind: "hidden" });
  });
  // The bench's marks ("the package is on screen"), by the frame that first painted the element.
  window.__batonMarkWhenShown = (name, selector) => {
    const look = (frameTime) => (document.querySelector(selector) ? send({ kind: "mark", name, time: frameTime }) : requestAnimationFrame(look));
    requestAnimationFrame(look);
  };
})();`;

type Message =
  | ({ kind: "vital" } & VitalReport)
  | ({ kind: "key" } & KeyPress)
  | ({ kind: "event" } & EventEntry)
  | { kind: "mark"; name: string; time: number }
  | { kind: "hidden" };

/** A new page in `context` with web-vitals listening from its first script on. */
export async function openVisit(context: BrowserContext): Promise<Visit> {
  const page = await context.newPage();
  const reports: VitalReport[] = [];
  const keys: KeyPress[] = [];
  const events: EventEntry[] = [];
  const marks: Record<string, number> = {};
  let hidden: () => void = () => {};
  const wasHidden = new Promise<void>((resolve) => (hidden = resolve));
  await page.exposeBinding(BINDING, (_source, message: Message) => {
    if (message.kind === "vital") reports.push({ name: message.name, value: message.value, attribution: message.attribution });
    else if (message.kind === "key") keys.push({ key: message.key, timeStamp: message.timeStamp });
    else if (message.kind === "event") events.push(message);
    else if (message.kind === "mark") marks[message.name] ??= message.time;
    else hidden();
  });
  // One script: Playwright runs each in its own scope, so the IIFE's `var webVitals` is not a global.
  await page.addInitScript({ content: `${webVitalsIife}\n;${register}` });
  // A leave-page prompt would keep the page open (Playwright dismisses dialogs): leave.
  page.on("dialog", (dialog) => void (dialog.type() === "beforeunload" ? dialog.accept() : dialog.dismiss()));

  const flush = async (timeoutMs: number) => {
    // Closing with the unload handlers run is a real (trusted) visibilitychange to hidden, the one
    // signal on which web-vitals finalises LCP and reports CLS and INP; a headless page never turns
    // hidden otherwise, and a dispatched event is untrusted (LCP ignores it).
    await page.close({ runBeforeUnload: true });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the page did not report hidden within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([wasHidden, timeout]);
    } finally {
      clearTimeout(timer);
    }
    return { reports, keys, events, marks };
  };
  return { page, flush };
}

/** A metric's final value: its last report (every change is reported). */
export function finalReport(reports: VitalReport[], name: VitalReport["name"]): VitalReport | undefined {
  return reports.filter((r) => r.name === name).at(-1);
}

/**
 * One key's interaction as INP counts one: the longest of its entries (keydown, keyup), split into
 * input delay, its handlers and the wait for the next paint. Null when no entry reached 16 ms.
 */
export function keyInteraction(
  events: EventEntry[],
  key: KeyPress,
): { latencyMs: number; inputDelay: number; processingDuration: number; presentationDelay: number } | null {
  const keydown = events.find((e) => e.name === "keydown" && Math.abs(e.startTime - key.timeStamp) < 1);
  if (!keydown) return null;
  const longest = events.filter((e) => e.interactionId === keydown.interactionId).sort((a, b) => b.duration - a.duration)[0]!;
  return {
    latencyMs: longest.duration,
    inputDelay: longest.processingStart - longest.startTime,
    processingDuration: longest.processingEnd - longest.processingStart,
    presentationDelay: Math.max(0, longest.startTime + longest.duration - longest.processingEnd),
  };
}
