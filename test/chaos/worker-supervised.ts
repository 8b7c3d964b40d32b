import { spawn, type ChildProcess } from "node:child_process";
import postgres from "postgres";
import { runMigrations } from "@/db/migrate";
import { generateApiKey } from "@/lib/intake/credentials";
import { startSlackStandIn } from "../stand-ins/slack";
import { startSmtpStandIn } from "../stand-ins/smtp";
import { waitFor } from "../support/wait-for";
import { standInNotifyEnv } from "../support/worker-process";
import { exactlyOnce, type FaultOutcome, type Log } from "./fault-outcome";
import { recreateDatabase, startIntakeProcess, startOwnServer } from "./postgres-restart";

export type SupervisedOptions = { port: number; dataDir: string; intakes: number; drainSeconds: number; log: Log };

const SENDERS = 8;
const REQUEST_TIMEOUT_MS = 5_000;

/**
 * `npm run worker` (the supervisor and its worker process) on a database of its own, under a burst
 * of intakes through the real intake route: a third of the way in the worker is SIGKILLed, two
 * thirds in Postgres is restarted. The supervisor must bring the worker back each time it dies, and
 * every handoff must still reach Slack, email and the in-app list exactly once.
 */
export async function supervisedWorkerSurvives(options: SupervisedOptions): Promise<FaultOutcome> {
  const started = performance.now();
  const log = (line: string) => options.log(`supervised worker: ${line}`);
  let server = await startOwnServer(options, log);
  const slack = await startSlackStandIn();
  const smtp = await startSmtpStandIn();
  const problems: string[] = [];
  let supervisor: ChildProcess | null = null;
  let intake: Awaited<ReturnType<typeof startIntakeProcess>> | null = null;
  const supervisorLog: string[] = [];
  try {
    const url = server.url;
    await recreateDatabase(url);
    await runMigrations(url);
    const apiKey = await insertTeamRepAndKey(url);
    intake = await startIntakeProcess(url);
    const endpoint = `http://127.0.0.1:${intake.port}/api/v1/intake`;

    supervisor = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/worker-supervisor.ts"], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        ...standInNotifyEnv(slack, smtp),
        WORKER_SUPERVISE_SECONDS: "2",
        WORKER_HEARTBEAT_SECONDS: "1",
        LOG_LEVEL: "error",
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    supervisor.stderr!.on("data", (chunk: Buffer) => supervisorLog.push(...chunk.toString().split("\n").filter(Boolean)));

    const watch = postgres(url, { max: 1, onnotice: () => {} });
    const workerPid = async (): Promise<number | null> => {
      try {
        const [row] = await watch<
          { pid: number }[]
        >`select pid from worker_heartbeats where beat_at > now() - interval '3 seconds' order by started_at desc limit 1`;
        return row?.pid ?? null;
      } catch {
        return null;
      }
    };
    const firstPid = await waitFor("the supervised worker to beat", workerPid, 60_000, 200);

    const handoffIds: string[] = [];
    let next = 0;
    let killedPid: number | null = null;
    let restartedAt: number | null = null;
    const post = async (i: number) => {
      const body = JSON.stringify({
        externalId: `sup-${i}`,
        channel: "form",
        receivedAt: new Date().toISOString(),
        fields: {
          email: `lead${i}@supervised${i % 7}.io`,
          company: `Supervised ${i % 7}`,
          numemployees: "120",
          message: "We need an AI agent to qualify our 500 monthly leads this week.",
        },
      });
      for (let attempt = 1; attempt < 200; attempt++) {
        try {
          const response = await fetch(endpoint, {
            method: "POST",
            headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
            body,
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          });
          const reply = (await response.json().catch(() => ({}))) as { handoffId?: string };
          if (response.ok && reply.handoffId) return void handoffIds.push(reply.handoffId);
        } catch {
          // Postgres is down or the answer was lost: the same externalId again settles it.
        }
        await new Promise((r) => setTimeout(r, Math.min(2_000, 50 * 2 ** Math.min(attempt, 5))));
      }
      problems.push(`intake sup-${i} never succeeded`);
    };
    await Promise.all(
      Array.from({ length: SENDERS }, async () => {
        while (next < options.intakes) {
          const i = next++;
          if (i === Math.floor(options.intakes / 3)) {
            killedPid = await workerPid();
            if (killedPid) process.kill(killedPid, "SIGKILL");
            log(`SIGKILLed worker ${killedPid} after ${i} intakes`);
          }
          if (i === Math.floor((2 * options.intakes) / 3)) {
            log(`restarting Postgres after ${i} intakes`);
            await server.stop();
            await new Promise((r) => setTimeout(r, 1_500));
            server = await startOwnServer(options, log);
            restartedAt = Date.now();
          }
          await post(i);
        }
      }),
    );
    if (!killedPid) problems.push("no worker was running to kill");
    if (!restartedAt) problems.push("Postgres was not restarted");
    log(`${handoffIds.length} intakes acknowledged; waiting up to ${options.drainSeconds} s for the queues`);

    const backAfterKill = await waitFor(
      "a new worker process after the kill",
      async () => {
        const pid = await workerPid();
        return pid && pid !== killedPid && pid !== firstPid ? pid : null;
      },
      60_000,
      250,
    ).catch((error: Error) => void problems.push(error.message));

    const unfinished = async () => {
      try {
        const [row] = await watch<{ n: number }[]>`select count(*)::int as n from pgboss.job where name in ('notify', 'crm-sync') and state < 'completed'`;
        return Number(row!.n);
      } catch {
        return -1;
      }
    };
    const drainStarted = performance.now();
    await waitFor("the notify and crm-sync queues to drain", async () => (await unfinished()) === 0, options.drainSeconds * 1000, 500).catch(
      async (error: Error) => {
        const stuck = await watch<{ name: string; state: string; retry_count: number; output: unknown }[]>`
        select name, state::text, retry_count, output from pgboss.job where name in ('notify', 'crm-sync') and state < 'completed' order by created_on limit 3`.catch(
          () => [],
        );
        problems.push(`${error.message} (${await unfinished()} unfinished; first: ${JSON.stringify(stuck).slice(0, 600)})`);
      },
    );
    const drainSeconds = (performance.now() - drainStarted) / 1000;
    if (!supervisorLog.some((l) => l.includes("killed by SIGKILL") && l.includes("restarting")))
      problems.push("the supervisor did not log the crash and its restart");
    if (supervisor.exitCode !== null) problems.push("the supervisor itself ended");

    const byId = (texts: string[]) => {
      const counts = new Map<string, number>();
      for (const text of texts) {
        const id = /\/handoffs\/([0-9a-f-]{36})/.exec(text)?.[1];
        if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      return counts;
    };
    const slackBy = byId(slack.messages.map((m) => JSON.stringify(m.blocks)));
    const mailBy = byId(smtp.mailbox().map((m) => m.text));
    const inApp = await watch<
      { handoff_id: string; n: number }[]
    >`select handoff_id, count(*)::int as n from deliveries where channel = 'in_app' and event = 'created' and status = 'sent' group by 1`;
    const inAppBy = new Map(inApp.map((r) => [r.handoff_id, Number(r.n)]));
    const notes = await watch<{ handoff_id: string; n: number }[]>`select handoff_id, count(*)::int as n from crm_notes group by 1`;
    const notesBy = new Map(notes.map((r) => [r.handoff_id, Number(r.n)]));
    await watch.end({ timeout: 5 });
    const unique = [...new Set(handoffIds)];
    const counts = unique.flatMap((id) => [slackBy.get(id) ?? 0, mailBy.get(id) ?? 0, inAppBy.get(id) ?? 0, notesBy.get(id) ?? 0]);
    const { lost, duplicated } = exactlyOnce(counts);
    log(`${counts.length} records expected, ${lost} lost, ${duplicated} duplicated; drained in ${drainSeconds.toFixed(1)} s`);
    return {
      fault: "worker SIGKILLed, then Postgres restarted, under npm run worker's supervisor during a burst",
      records: counts.length,
      lost,
      duplicated,
      problems,
      seconds: Math.round((performance.now() - started) / 100) / 10,
      details: {
        intakes: unique.length,
        firstPid,
        killedPid,
        backAfterKill: backAfterKill ?? null,
        drainSeconds: Math.round(drainSeconds * 10) / 10,
        supervisorCrashLines: supervisorLog.filter((l) => l.includes("restarting")).length,
      },
    };
  } finally {
    if (supervisor && supervisor.exitCode === null) {
      const exited = new Promise((r) => supervisor!.once("exit", r));
      supervisor.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 25_000))]);
    }
    if (intake && !intake.exited()) intake.child.kill("SIGTERM");
    await slack.close();
    await smtp.close();
    await server.stop();
  }
}

/** A team, a rep who takes every package (one recipient per notice) and a form key. */
async function insertTeamRepAndKey(url: string): Promise<string> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const key = generateApiKey();
    const [team] = await sql<{ id: string }[]>`insert into teams (name) values ('Supervised burst') returning id`;
    await sql`insert into users (id, email, name, role, team_id, capacity) values (gen_random_uuid()::text, 'rep@supervised.test', 'Rep Supervised', 'rep', ${team!.id}, 1000000)`;
    await sql`insert into api_keys (name, prefix, key_hash, team_id) values ('Supervised burst', ${key.prefix}, ${key.hash}, ${team!.id})`;
    return key.key;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
