import { chromium, type Browser } from "@playwright/test";
import postgres from "postgres";
import { startSignedInBenchApp } from "./app-server";
import type { BenchModule, Measurement } from "./bench-module";
import { ensureHandoffs } from "./generate-handoffs";
import { prepareLogin, signIn } from "./inbox-http";
import { summarise } from "./latency";

const WARMUP = 2;
const MAX_RUNS = 20;
// Google's "good" thresholds for the figures a person feels: the main content painted, and nothing
// jumping under their cursor once it is.
const LCP_BUDGET = { kind: "p95_below_ms", ms: 2_500 } as const;
const CLS_BUDGET = { kind: "at_most", unit: "CLS", value: 0.1 } as const;
const LOAD_TIMEOUT_MS = 30_000;
const SETTLE_MS = 3_000;

type Vitals = { ttfbMs: number; fcpMs: number; lcpMs: number; cls: number };

/**
 * Web vitals of the pages a rep opens all day, in Debian's Chromium against the production build on
 * the bench database: time to first byte, first and largest contentful paint, and cumulative layout
 * shift. Each run is a new browser context (an empty cache: the first open of the day).
 */
export const webVitalsBench: BenchModule = {
  name: "web-vitals",
  async run({ database, rows, runs, log }) {
    await ensureHandoffs({ database, rows, log });
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
    try {
      const cookie = await signIn(server.url);
      const pages = [
        { name: "package page", path: `/handoffs/${handoffId}`, ready: '[data-testid="top-card"], h1' },
        { name: "inbox (team queue)", path: "/inbox?view=team", ready: '[data-testid="inbox-table"]' },
      ];
      const count = Math.min(runs, MAX_RUNS);
      for (const page of pages) {
        log(`web-vitals: ${page.name} (${WARMUP} warm-up + ${count} runs)`);
        const samples: Vitals[] = [];
        for (let i = 0; i < WARMUP + count; i++) {
          const vitals = await measurePage(browser, server.url, page.path, page.ready, cookie);
          if (i >= WARMUP) samples.push(vitals);
        }
        measurements.push(
          { bench: "web-vitals", scenario: `${page.name}: largest contentful paint`, ...summarise(samples.map((s) => s.lcpMs)), budget: LCP_BUDGET },
          { bench: "web-vitals", scenario: `${page.name}: first contentful paint`, ...summarise(samples.map((s) => s.fcpMs)) },
          { bench: "web-vitals", scenario: `${page.name}: time to first byte`, ...summarise(samples.map((s) => s.ttfbMs)) },
          {
            bench: "web-vitals",
            scenario: `${page.name}: cumulative layout shift (worst run)`,
            runs: samples.length,
            value: { amount: Math.round(Math.max(...samples.map((s) => s.cls)) * 1000) / 1000, unit: "CLS" },
            budget: CLS_BUDGET,
          },
        );
      }
    } finally {
      await browser.close();
      await server.stop();
    }
    return { measurements, details: { build: server.build, handoffId } };
  },
};

async function measurePage(browser: Browser, base: string, path: string, ready: string, cookie: string): Promise<Vitals> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const { hostname } = new URL(base);
    await context.addCookies(
      cookie.split("; ").map((pair) => {
        const at = pair.indexOf("=");
        return { name: pair.slice(0, at), value: pair.slice(at + 1), domain: hostname, path: "/" };
      }),
    );
    const page = await context.newPage();
    await page.addInitScript(() => {
      const vitals = { lcp: 0, cls: 0 };
      (window as unknown as { __vitals: typeof vitals }).__vitals = vitals;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) vitals.lcp = entry.startTime;
      }).observe({ type: "largest-contentful-paint", buffered: true });
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[])
          if (!entry.hadRecentInput) vitals.cls += entry.value;
      }).observe({ type: "layout-shift", buffered: true });
    });
    const response = await page.goto(`${base}${path}`, { waitUntil: "load", timeout: LOAD_TIMEOUT_MS });
    if (response?.status() !== 200) throw new Error(`GET ${path}: HTTP ${response?.status()}`);
    await page.locator(ready).first().waitFor({ timeout: LOAD_TIMEOUT_MS });
    // Late shifts count too: the page settles (its clocks start, the bell fetches) before reading.
    await page.waitForLoadState("networkidle", { timeout: SETTLE_MS }).catch(() => undefined);
    return await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      const fcp = performance.getEntriesByName("first-contentful-paint")[0];
      const vitals = (window as unknown as { __vitals: { lcp: number; cls: number } }).__vitals;
      return { ttfbMs: nav.responseStart, fcpMs: fcp?.startTime ?? Number.NaN, lcpMs: vitals.lcp, cls: vitals.cls };
    });
  } finally {
    await context.close();
  }
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
