import { defineConfig } from "@playwright/test";

// Overridable so two checkouts can run their e2e suites side by side.
const port = Number(process.env.E2E_PORT ?? 3100);
const embeddedPgPort = process.env.E2E_PG_PORT ?? "25369";
const baseURL = `http://127.0.0.1:${port}`;

// Debian's Chromium, never a downloaded browser (no internet here). Flags that work as root.
const chromiumPath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  // Its own folder: Playwright empties outputDir, and test-results/ also holds the vitest reports.
  outputDir: "test-results/playwright",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumPath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic"],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    // The demo path with fresh embedded data: the app starts its own Postgres, as a new user's does.
    command: `node node_modules/tsx/dist/cli.mjs --conditions=react-server scripts/demo.ts --skip-build --fresh --port ${port}`,
    url: `${baseURL}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    // The demo's mailbox (Dovecot) on a port of this checkout's own: the email spec appends to it.
    env: {
      DATABASE_URL: "",
      BATON_DATA_DIR: ".data/e2e",
      EMBEDDED_PG_PORT: embeddedPgPort,
      DEMO_IMAP_PORT: process.env.E2E_IMAP_PORT ?? String(port + 10_000),
      AUTH_SECRET: "",
      LOG_LEVEL: "warn",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
