import postgres from "postgres";
import { spawnWorkerProcess } from "../test/support/worker-process";
import type { BenchModule, Measurement } from "./bench-module";

// The email channel end to end: `npm run worker` (its own process) connected to a real IMAP server
// (Dovecot), then 1,000 lead emails delivered by APPEND, read by its mailbox reader and each one
// triaged through the intake's transaction; timed from the first APPEND to the last package. Counted: every message became
// exactly one package (0 lost, 0 duplicated). Then `mail:parse` over the same 1,000 messages, in
// process (no database): messages parsed, classified and cut to their new words per second.
const MESSAGES = 1_000;
const THROUGHPUT_BUDGET = { kind: "at_least", unit: "msgs/s", value: 50 } as const;
const NONE = (unit: string) => ({ kind: "at_most", unit, value: 0 }) as const;

const needs = [
  "We are {n} people in sales and want to replace our CRM before January. Budget around {b} EUR a year. Can we book a demo this week?",
  "Hi, could you tell me more about your product and its pricing?",
  "Hola, somos un equipo de {n} comerciales y buscamos una herramienta para calificar leads. Presupuesto {b} EUR.",
  "Our agency handles {n} clients; we need routing and SLAs for inbound leads. Please call me.",
];

function benchEmail(i: number, runId: string): { raw: string; messageId: string } {
  const messageId = `bench-${runId}-${i}@mail.company-${i}.example`;
  const body = needs[i % needs.length]!.replace("{n}", String(5 + (i % 90))).replace("{b}", String(5_000 + (i % 50) * 1_000));
  const quoted = i % 3 === 0 ? `\n\nOn Tue, 1 Dec 2026 at 10:00, Sales <sales@baton.bench> wrote:\n> Thanks for your interest.\n> What do you need?` : "";
  const raw = [
    `From: Lead ${i} <lead${i}.${runId}@company-${i}.example>`,
    "To: Sales <sales@baton.bench>",
    `Subject: Enquiry ${i}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${messageId}>`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    `${body}${quoted}\n\n-- \nLead ${i}\n+34 600 000 ${String(i).padStart(3, "0")}`,
    "",
  ].join("\r\n");
  return { raw, messageId };
}

export const emailBench: BenchModule = {
  name: "email",
  async run({ database, log }) {
    const { runMigrations } = await import("@/db/migrate");
    await runMigrations(database.url);
    const { dovecotAvailable, startDovecot } = await import("../test/stand-ins/dovecot");
    const { mailParseLine } = await import("@/lib/email/mail-parse");
    if (!dovecotAvailable()) throw new Error("The email bench needs Dovecot (apt-get install dovecot-imapd).");
    const runId = Date.now().toString(36);
    const mails = Array.from({ length: MESSAGES }, (_, i) => benchEmail(i, runId));
    const dovecot = await startDovecot();
    const sql = postgres(database.url, { max: 2, onnotice: () => {} });
    const measurements: Measurement[] = [];
    try {
      const folder = `Bench${runId}`;
      // The worker runs first, connected to the (empty) folder, as in production; then the mail
      // arrives and is timed from the first APPEND to the last package.
      const probe = new (await import("imapflow")).ImapFlow({
        host: dovecot.host,
        port: dovecot.port,
        secure: false,
        auth: { user: dovecot.user, pass: dovecot.password },
        logger: false,
      });
      await probe.connect();
      await probe.mailboxCreate(folder);
      await probe.logout();
      const worker = spawnWorkerProcess(
        {
          DATABASE_URL: database.url,
          MAILBOX_URL: `imap://${dovecot.user}:${dovecot.password}@127.0.0.1:${dovecot.port}/${folder}?security=none`,
          MAILBOX_ADDRESS: "sales@baton.bench",
          MAILBOX_POLL_SECONDS: "1",
          EMAIL_SENDER_LIMIT_PER_HOUR: "100000",
          WORKER_QUEUES: "sla-check",
          LOG_LEVEL: "warn",
        },
        "inherit",
      );
      const connectBy = Date.now() + 120_000;
      while (Date.now() < connectBy) {
        const [row] = await sql<{ n: number }[]>`select count(*)::int as n from mailbox_cursors where mailbox like ${`%/${folder}`}`;
        if (row!.n > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      log(`email: worker connected; appending ${MESSAGES} messages to Dovecot (${folder})`);
      const started = performance.now();
      await dovecot.appendMany(
        mails.map((m) => m.raw),
        folder,
      );
      const ids = mails.map((m) => `email:${m.messageId}`);
      let done = 0;
      const deadline = Date.now() + 10 * 60_000;
      try {
        while (Date.now() < deadline) {
          [{ done }] = await sql<[{ done: number }]>`select count(*)::int as done from intakes where external_id = any(${ids})`;
          if (done >= MESSAGES) break;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      } finally {
        worker.kill("SIGTERM");
      }
      const seconds = (performance.now() - started) / 1000;
      const [counts] = await sql<{ packages: number; duplicated: number; emails: number }[]>`
        select count(distinct i.external_id)::int as packages,
               (select count(*)::int from (select i2.external_id from intakes i2 join handoffs h2 on h2.intake_id = i2.id where i2.external_id = any(${ids}) group by 1 having count(*) > 1) d) as duplicated,
               (select count(*)::int from email_messages where message_id = any(${mails.map((m) => m.messageId)})) as emails
        from intakes i join handoffs h on h.intake_id = i.id where i.external_id = any(${ids})`;
      const lost = MESSAGES - counts!.packages;
      log(
        `email: ${counts!.packages} packages from ${MESSAGES} messages in ${seconds.toFixed(1)} s (${counts!.emails} email rows, ${counts!.duplicated} duplicated)`,
      );
      measurements.push(
        {
          bench: "email",
          scenario: `${MESSAGES} emails appended to IMAP, read and triaged (worker process)`,
          runs: MESSAGES,
          value: { amount: Math.round((counts!.packages / seconds) * 10) / 10, unit: "msgs/s" },
          budget: THROUGHPUT_BUDGET,
        },
        { bench: "email", scenario: "messages lost", runs: MESSAGES, value: { amount: lost, unit: "messages" }, budget: NONE("messages") },
        {
          bench: "email",
          scenario: "messages duplicated",
          runs: MESSAGES,
          value: { amount: counts!.duplicated + Math.max(0, counts!.emails - counts!.packages), unit: "messages" },
          budget: NONE("messages"),
        },
      );

      const parseStarted = performance.now();
      for (const m of mails) await mailParseLine("bench.eml", Buffer.from(m.raw));
      const parseSeconds = (performance.now() - parseStarted) / 1000;
      measurements.push({
        bench: "email",
        scenario: `mail:parse over the same ${MESSAGES} messages (no database)`,
        runs: MESSAGES,
        value: { amount: Math.round(MESSAGES / parseSeconds), unit: "msgs/s" },
      });
      return { measurements, details: { messages: MESSAGES, seconds: Math.round(seconds * 10) / 10, parseSeconds: Math.round(parseSeconds * 100) / 100 } };
    } finally {
      await sql.end({ timeout: 5 });
      await dovecot.close();
    }
  },
};
