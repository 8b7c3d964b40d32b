import { chromium, type Browser } from "@playwright/test";
import postgres from "postgres";
import { startSignedInBenchApp } from "./app-server";
import type { BenchModule, Measurement } from "./bench-module";
import { ensureEvents } from "./generate-events";
import { ensureHandoffs } from "./generate-handoffs";
import { prepareLogin, signIn } from "./inbox-http";
import { summarise } from "./latency";
import { finalReport, keyInteraction, openVisit, type KeyPress, type VitalReport, type Visit } from "./web-vitals-page";

const WARMUP = 2;
const MAX_RUNS = 20;
// Issue 29's budgets on this machine: the main content painted within 1.2 s of the first open of
// the day, nothing jumping under the cursor once it is, and opening a package from the keyboard
// answering within 200 ms.
const LCP_BUDGET = { kind: "p95_below_ms", ms: 1_200 } as const;
const CLS_BUDGET = { kind: "at_most", unit: "CLS", value: 0.1 } as const;
const INP_BUDGET = { kind: "p95_below_ms", ms: 200 } as const;
const LOAD_TIMEOUT_MS = 30_000;
const STEP_TIMEOUT_MS = 10_000;
const SETTLE_MS = 3_000;
const FLUSH_TIMEOUT_MS = 5_000;
const PACKAGE_READY = '[data-testid="top-card"]';

type PageVitals = { lcpMs: number; fcpMs: number; ttfbMs: number; cls: number; lcpTarget: string | null };
type KeyboardOpen = {
  inpMs: number;
  setBy: string;
  attribution: VitalReport["attribution"];
  enter: ReturnType<typeof keyInteraction>;
  enterToPackageMs: number;
};
// Event Timing reports nothing shorter: an Enter with no entry took less, and counts as this.
const EVENT_TIMING_FLOOR_MS = 16;

/**
 * The pages as a person sees them, measured by Google's `web-vitals` library (attribution build)
 * in Debian's Chromium against the production build on the bench database: LCP, FCP, TTFB and CLS
 * of the package page, the inbox and /metrics, and the INP of opening a package from the inbox with
 * the keyboard (j, then Enter). Each run is a new browser context (an empty cache: the first open of
 * the day); the warm-up runs are not counted.
 */
export const webVitalsBench: BenchModule = {
  name: "web-vitals",
  async run({ database, rows, runs, log }) {
    await ensureHandoffs({ database, rows, log });
    // /metrics counts the agent's flagged escalations from the timeline: without events it shows none.
    await ensureEvents({ url: database.url, handoffs: rows, log });
    const { teamId } = await prepareLogin(database.url);
    const handoffId = await packageToOpen(database.url, teamId);
    // The package page reads its CRM sync's job state: pg-boss's schema must exist, as the worker makes it.
    const { getBoss, stopBoss } = await import("@/lib/jobs/boss");
    await getBoss(database.url);
    await stopBoss();
    const server = await startSignedInBenchApp(database.url, log);
    const browser = await chromium.launch({
      executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic"],
    });
    const measurements: Measurement[] = [];
    const details: Record<string, unknown> = { handoffId };
    const count = Math.min(runs, MAX_RUNS);
    try {
      const cookie = await signIn(server.url);
      const visit = () => newVisit(browser, server.url, cookie);
      const pages = [
        { name: "package page", path: `/handoffs/${handoffId}`, ready: PACKAGE_READY },
        { name: "inbox (team queue)", path: "/inbox?view=team", ready: '[data-testid="inbox-table"]' },
        { name: "/metrics (manager dashboard)", path: "/metrics", ready: '[data-testid="metrics-kpis"]' },
      ];
      for (const page of pages) {
        log(`web-vitals: ${page.name} (${WARMUP} warm-up + ${count} runs)`);
        const samples: PageVitals[] = [];
        for (let i = 0; i < WARMUP + count; i++) {
          const vitals = await measurePage(await visit(), server.url, page.path, page.ready);
          if (i >= WARMUP) samples.push(vitals);
        }
        const lcp = summarise(samples.map((s) => s.lcpMs));
        measurements.push(
          { bench: "web-vitals", scenario: `${page.name}: largest contentful paint (web-vitals)`, ...lcp, budget: LCP_BUDGET },
          { bench: "web-vitals", scenario: `${page.name}: first contentful paint (web-vitals)`, ...summarise(samples.map((s) => s.fcpMs)) },
          { bench: "web-vitals", scenario: `${page.name}: time to first byte (web-vitals)`, ...summarise(samples.map((s) => s.ttfbMs)) },
          {
            bench: "web-vitals",
            scenario: `${page.name}: cumulative layout shift, worst run (web-vitals)`,
            runs: samples.length,
            value: { amount: Math.round(Math.max(...samples.map((s) => s.cls)) * 1000) / 1000, unit: "CLS" },
            budget: CLS_BUDGET,
          },
        );
        details[page.name] = { lcpElements: tally(samples.map((s) => s.lcpTarget ?? "(none)")) };
      }

      log(`web-vitals: inbox, j then Enter opens a package (${WARMUP} warm-up + ${count} runs)`);
      const opens: KeyboardOpen[] = [];
      for (let i = 0; i < WARMUP + count; i++) {
        const open = await openWithKeyboard(await visit(), server.url);
        if (i >= WARMUP) opens.push(open);
      }
      measurements.push(
        {
          bench: "web-vitals",
          scenario: "inbox: interaction to next paint, j then Enter opens a package (web-vitals)",
          ...summarise(opens.map((o) => o.inpMs)),
          budget: INP_BUDGET,
        },
        {
          bench: "web-vitals",
          scenario: "inbox: Enter (opens the package), its own interaction latency (Event Timing)",
          ...summarise(opens.map((o) => o.enter?.latencyMs ?? EVENT_TIMING_FLOOR_MS)),
          budget: INP_BUDGET,
        },
        {
          bench: "web-vitals",
          scenario: "inbox: Enter to the package page on screen (soft navigation)",
          ...summarise(opens.map((o) => o.enterToPackageMs)),
        },
      );
      // The interaction that set INP each run, with where its time went (input delay, the handlers,
      // then rendering until the next paint).
      details.keyboardOpen = {
        inpSetBy: tally(opens.map((o) => o.setBy)),
        enterUnder16Ms: opens.filter((o) => !o.enter).length,
        runs: opens.map((o) => ({ inp: { ms: o.inpMs, setBy: o.setBy, ...o.attribution }, enter: o.enter, enterToPackageMs: o.enterToPackageMs })),
      };
    } finally {
      await browser.close();
      await server.stop();
    }
    return { measurements, details: { build: server.build, ...details } };
  },
};

async function newVisit(browser: Browser, base: string, cookie: string): Promise<Visit & { close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const { hostname } = new URL(base);
  await context.addCookies(
    cookie.split("; ").map((pair) => {
      const at = pair.indexOf("=");
      return { name: pair.slice(0, at), value: pair.slice(at + 1), domain: hostname, path: "/" };
    }),
  );
  return { ...(await openVisit(context)), close: () => context.close() };
}

async function measurePage(visit: Visit & { close: () => Promise<void> }, base: string, path: string, ready: string): Promise<PageVitals> {
  try {
    const response = await visit.page.goto(`${base}${path}`, { waitUntil: "load", timeout: LOAD_TIMEOUT_MS });
    if (response?.status() !== 200) throw new Error(`GET ${path}: HTTP ${response?.status()}`);
    await visit.page.locator(ready).first().waitFor({ timeout: LOAD_TIMEOUT_MS });
    // Late shifts count too: the page settles (its clocks start, the bell fetches) before it is hidden.
    await visit.page.waitForLoadState("networkidle", { timeout: SETTLE_MS }).catch(() => undefined);
    const { reports } = await visit.flush(FLUSH_TIMEOUT_MS);
    const lcp = finalReport(reports, "LCP");
    return {
      lcpMs: lcp?.value ?? Number.NaN,
      fcpMs: finalReport(reports, "FCP")?.value ?? Number.NaN,
      ttfbMs: finalReport(reports, "TTFB")?.value ?? Number.NaN,
      cls: finalReport(reports, "CLS")?.value ?? Number.NaN,
      lcpTarget: (lcp?.attribution.target as string | null | undefined) ?? null,
    };
  } finally {
    await visit.close();
  }
}

/**
 * A rep's keyboard path: the inbox hydrated (its keys listen), j puts the first row under the
 * keyboard, Enter opens it (a client-side navigation to the package page). The page is then hidden,
 * and web-vitals reports the visit's INP: the longer of the two interactions, each from its keydown
 * to the next paint after its handlers ran (j's re-render of the table is usually the longer). Enter's
 * own interaction is read from the same Event Timing entries web-vitals reads; the package page then
 * arrives frames later, when its server render does, which INP does not count.
 */
async function openWithKeyboard(visit: Visit & { close: () => Promise<void> }, base: string): Promise<KeyboardOpen> {
  const { page } = visit;
  try {
    const response = await page.goto(`${base}/inbox?view=team`, { waitUntil: "load", timeout: LOAD_TIMEOUT_MS });
    if (response?.status() !== 200) throw new Error(`GET /inbox: HTTP ${response?.status()}`);
    await page.locator("[data-keys-ready]").waitFor({ state: "attached", timeout: LOAD_TIMEOUT_MS });
    const first = page.getByTestId("inbox-row").first();
    await page.keyboard.press("j");
    await first.and(page.locator('[aria-selected="true"]')).waitFor({ timeout: STEP_TIMEOUT_MS });
    const id = await first.getAttribute("data-row-id");
    await page.evaluate(
      (selector) => (window as unknown as { __batonMarkWhenShown: (n: string, s: string) => void }).__batonMarkWhenShown("package", selector),
      PACKAGE_READY,
    );
    await page.keyboard.press("Enter");
    await page.waitForURL(`**/handoffs/${id}`, { timeout: STEP_TIMEOUT_MS });
    await page.locator(PACKAGE_READY).waitFor({ timeout: STEP_TIMEOUT_MS });
    const { reports, keys, events, marks } = await visit.flush(FLUSH_TIMEOUT_MS);
    const inp = finalReport(reports, "INP");
    if (!inp) throw new Error("web-vitals reported no INP for j, Enter");
    const enter = keys.find((k) => k.key === "Enter");
    if (!enter || marks.package === undefined) throw new Error("the Enter press or the package's first frame was not seen");
    return {
      inpMs: inp.value,
      setBy: keyAt(keys, inp.attribution.interactionTime ?? null),
      attribution: inp.attribution,
      enter: keyInteraction(events, enter),
      enterToPackageMs: marks.package - enter.timeStamp,
    };
  } finally {
    await visit.close();
  }
}

// The key whose keydown started the interaction: its event time is the interaction's start.
function keyAt(keys: KeyPress[], time: string | number | null): string {
  if (typeof time !== "number") return "(unknown)";
  const nearest = [...keys].sort((a, b) => Math.abs(a.timeStamp - time) - Math.abs(b.timeStamp - time))[0];
  return nearest && Math.abs(nearest.timeStamp - time) < 1 ? nearest.key : "(unknown)";
}

function tally(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/** The newest open package of the bench manager's team: the page a rep opens from a notification. */
async function packageToOpen(url: string, teamId: string): Promise<string> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ id: string }[]>`
      select id from handoffs where team_id = ${teamId} and status in ('pending', 'accepted') order by created_at desc limit 1`;
    if (!row) throw new Error("the bench dataset has no open package in the bench manager's team");
    return row.id;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
