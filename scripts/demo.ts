import { spawn, spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { parseArgs } from "node:util";

// `npm run demo`: build (unless --skip-build), seed the demo data, start the Slack and SMTP stand-ins
// and the job worker in this process, then run the console with `next start`. With DATABASE_URL unset
// the data lives in embedded Postgres under BATON_DATA_DIR, started here and shared with the app.
const { values } = parseArgs({
  options: {
    port: { type: "string", default: "3000" },
    host: { type: "string", default: "127.0.0.1" },
    "skip-build": { type: "boolean", default: false },
    // Start from empty data (the e2e suite wants a known state).
    fresh: { type: "boolean", default: false },
  },
});

const require = createRequire(import.meta.url);
const nextBin = require.resolve("next/dist/bin/next");
const { env } = await import("@/lib/env");
const settings = env();
const dataDir = resolve(settings.BATON_DATA_DIR);
const say = (line: string) => console.error(`[demo] ${line}`);

if (values.fresh && !settings.DATABASE_URL) {
  say(`removing ${dataDir} for a fresh start`);
  rmSync(dataDir, { recursive: true, force: true });
}

if (!values["skip-build"] || !existsSync(".next/BUILD_ID")) {
  say("building the console (next build)…");
  const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const { localAuthSecret, startDatabase } = await import("@/db/start");
const { drizzle } = await import("drizzle-orm/postgres-js");
const postgres = (await import("postgres")).default;
const schema = await import("@/db/schema");
const { DEMO_API_KEY, seedDemo } = await import("@/db/seed/seed-demo");

const database = await startDatabase(say);
const client = postgres(database.url, { max: 2, onnotice: () => {} });
const result = await seedDemo(drizzle(client, { schema, casing: "snake_case" }));
const { DEMO_CALCOM_SECRET, DEMO_CALENDLY_KEY, seedDemoMeetings, sendDemoBookings } = await import("./demo-meetings");
await seedDemoMeetings(client);
await client.end({ timeout: 5 });
say(`demo data ready: ${result.handoffs} handoffs (${result.created} new)`);

// Slack and email go to local stand-ins (shown on /admin/messages); the worker runs in this process.
// The database stays up for it: the app finds it running and shares it.
const { startSlackStandIn } = await import("../test/stand-ins/slack");
const { startSmtpStandIn } = await import("../test/stand-ins/smtp");
const slack = await startSlackStandIn();
const smtp = await startSmtpStandIn({ inspect: true });
// The sales mailbox: a local Dovecot (when installed) the worker reads, as it would a real one.
const { dovecotAvailable, startDovecot } = await import("../test/stand-ins/dovecot");
const dovecot = dovecotAvailable()
  ? await startDovecot({ password: "demo-imap-password", port: settings.DEMO_IMAP_PORT }).catch(
      (error: unknown) => (say(`no demo mailbox: ${String(error)}`), null),
    )
  : null;
const appUrl = `http://${values.host}:${values.port}`;
const demoSettings = {
  SLACK_BOT_TOKEN: slack.token,
  SLACK_API_URL: slack.apiUrl,
  SLACK_DEFAULT_CHANNEL: "#sales-handoffs",
  SMTP_URL: smtp.url,
  EMAIL_FROM: "Baton <baton@baton.demo>",
  APP_URL: appUrl,
  DEMO_SLACK_OUTBOX_URL: `${slack.url}/__stand-in/messages`,
  DEMO_SMTP_OUTBOX_URL: smtp.inspectUrl ?? "",
  CALCOM_WEBHOOK_SECRET: process.env.CALCOM_WEBHOOK_SECRET ?? DEMO_CALCOM_SECRET,
  CALENDLY_SIGNING_KEY: process.env.CALENDLY_SIGNING_KEY ?? DEMO_CALENDLY_KEY,
  MAILBOX_ADDRESS: "sales@baton.demo",
  ...(dovecot ? { MAILBOX_URL: `imap://${dovecot.user}:${dovecot.password}@127.0.0.1:${dovecot.port}/INBOX?security=none`, MAILBOX_POLL_SECONDS: "2" } : {}),
};
Object.assign(process.env, demoSettings);
// The worker here signs the approval links that the app verifies: both derive the key from one AUTH_SECRET.
process.env.AUTH_SECRET ??= localAuthSecret();
const { resetEnvCache } = await import("@/lib/env");
resetEnvCache();
// The demo's email threads, through the real inbound path (idempotent by Message-ID).
const { seedEmailDemo } = await import("@/lib/email/demo-threads");
const { logger: demoLog } = await import("@/lib/logger");
await seedEmailDemo(demoLog.child({ component: "demo-email" })).catch((error: unknown) => say(`demo email threads not seeded: ${String(error)}`));
// Where the demo's stand-ins listen, for the e2e suite (it appends to the mailbox and reads the SMTP outbox).
const { mkdirSync, writeFileSync } = await import("node:fs");
mkdirSync(dataDir, { recursive: true });
writeFileSync(
  resolve(dataDir, "demo-endpoints.json"),
  JSON.stringify(
    { smtpInspectUrl: smtp.inspectUrl, imap: dovecot ? { host: dovecot.host, port: dovecot.port, user: dovecot.user, password: dovecot.password } : null },
    null,
    2,
  ),
);
// The worker is `npm run worker`'s: its own process, restarted with backoff if it crashes.
const { logger } = await import("@/lib/logger");
const { superviseWorkerProcess } = await import("./worker-child");
const worker = superviseWorkerProcess(logger.child({ component: "worker-supervisor" }), {
  ...process.env,
  WORKER_POLL_SECONDS: process.env.WORKER_POLL_SECONDS ?? "0.5",
});
say(`worker running (supervised); Slack stand-in ${slack.url}, SMTP stand-in ${smtp.url}`);

// The child inherits this environment; only what the demo decided is added.
const childEnv = {
  ...process.env,
  ...demoSettings,
  NODE_ENV: "production" as const,
  AUTH_SECRET: settings.AUTH_SECRET ?? localAuthSecret(),
  BATON_DATA_DIR: dataDir,
  NEXT_TELEMETRY_DISABLED: "1",
};
const app = spawn(process.execPath, [nextBin, "start", "-H", values.host, "-p", values.port], { stdio: "inherit", env: childEnv });
let stopping = false;
const shutdown = async (code: number) => {
  if (stopping) return;
  stopping = true;
  await worker.stop().catch(() => {});
  await Promise.all([slack.close(), smtp.close(), dovecot?.close()]).catch(() => {});
  await database.stop().catch(() => {});
  process.exit(code);
};
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => app.kill(signal));
app.on("exit", (code) => void shutdown(code ?? 0));

const url = `http://${values.host}:${values.port}`;
if (await waitForHealth(`${url}/api/health`, 120_000)) {
  console.log(`\nBaton is running at ${url}\n`);
  console.log("Demo logins (password for all: demo-password):");
  for (const user of result.users) console.log(`  ${user.role.padEnd(8)} ${user.email.padEnd(24)} ${user.name}`);
  console.log(`\nNotifications go to local stand-ins: see them as admin at ${url}/admin/messages`);
  const bookings = postgres(database.url, { max: 1, onnotice: () => {} });
  await sendDemoBookings(bookings, url, say).catch((error: unknown) => say(`demo bookings not sent: ${String(error)}`));
  await bookings.end({ timeout: 5 });
  console.log(`\nTry the intake API (lands in the Inbound EMEA queue):`);
  console.log(`  curl -s ${url}/api/v1/intake -H "Authorization: Bearer ${DEMO_API_KEY}" -H "Content-Type: application/json" \\`);
  console.log(
    `    -d '{"channel":"form","receivedAt":"${new Date().toISOString()}","fields":{"email":"ana@acme.io","company":"Acme","numemployees":"120","message":"We need an AI agent to qualify our 500 monthly leads this week."}}'`,
  );
  console.log("\nPress Ctrl+C to stop.");
} else {
  say("the console did not become healthy within 2 minutes; see the log above");
}

async function waitForHealth(healthUrl: string, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const response = await fetch(healthUrl);
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}
