import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { queues } from "@/lib/jobs/queues";
import { ROUTING_LOCK } from "@/lib/routing/lock";
import type { JobTables } from "./intake-baseline";
import type { IntakeRows } from "./intake-rows";
import { summarise, type LatencySummary } from "./latency";

export type PgbenchResult = { transactions: number; failed: number; seconds: number; tps: number; latencyAverageMs: number; latency: LatencySummary };
export type PgbenchScript = { text: string; plans: number };
export type PgbenchOutcome = { ran: true; result: PgbenchResult; version: string } | { ran: false; reason: string };

// What stands for one intake's ids in the rows, as SQL over this client's pgbench variables: the
// counter `intake_seq` (per client, from -D intake_seq=0) and :client_id make the externalId and mark
// unique. Variable names are longer than their "$n": pgbench 15 rewrites them in place and a
// shorter name overflows its buffer past $9.
const MARK_SQL = "('g' || :client_id || 'x' || :intake_seq)";
const EXTERNAL_ID_SQL = "('pgbench-' || :client_id || '-' || :intake_seq)";

// Plans per script file: pgbench 15 corrupts its heap parsing a script of more than about a hundred
// commands (realloc(): invalid next size), and each plan is a dozen; it takes at most 128 files.
const PLANS_PER_SCRIPT = 4;
const MAX_SCRIPTS = 128;

/**
 * The baseline's statements (bench/intake-baseline.ts writeIntake, recordIntake's order) as pgbench
 * scripts: one transaction per intake; pgbench picks a file at random, weighted by its plans, and
 * the client's counter picks the plan in it, so the corpus's plans come up evenly. The
 * ids the database makes (`returning … \gset`) are carried into the later statements as the baseline carries them.
 */
export function pgbenchScripts(plans: IntakeRows[], ids: { teamId: string; tables: JobTables }): PgbenchScript[] {
  const scripts: PgbenchScript[] = [];
  for (let start = 0; start < plans.length; start += PLANS_PER_SCRIPT) {
    const chunk = plans.slice(start, start + PLANS_PER_SCRIPT);
    const lines = ["\\set intake_seq :intake_seq + 1", `\\set plan :intake_seq % ${chunk.length}`];
    chunk.forEach((plan, i) => {
      lines.push(`${i === 0 ? "\\if" : "\\elif"} :plan = ${i}`);
      lines.push(...planStatements(plan, ids));
    });
    lines.push("\\endif");
    scripts.push({ text: `${lines.join("\n")}\n`, plans: chunk.length });
  }
  if (scripts.length > MAX_SCRIPTS) throw new Error(`${plans.length} plans make ${scripts.length} pgbench scripts; pgbench takes ${MAX_SCRIPTS}`);
  return scripts;
}

/**
 * `pgbench -n -c <clients> -j 2 -T <seconds>` with the script on the same database, in extended
 * protocol as postgres.js sends the baseline's (unnamed statements, no prepare); each
 * transaction's latency from pgbench's own log. Missing pgbench: not an error, a reason.
 */
export async function runPgbench(options: {
  url: string;
  scripts: PgbenchScript[];
  clients: number;
  seconds: number;
  log: (line: string) => void;
}): Promise<PgbenchOutcome> {
  const version = await run("pgbench", ["--version"]).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return null;
    throw error;
  });
  if (version === null) return { ran: false, reason: "pgbench is not on this machine's PATH" };

  const dir = await mkdtemp(path.join(tmpdir(), "baton-pgbench-"));
  try {
    const files = await Promise.all(
      options.scripts.map(async (script, i) => {
        const file = path.join(dir, `intake-${i}.sql`);
        await writeFile(file, script.text);
        return ["-f", `${file}@${script.plans}`];
      }),
    );
    const args = ["-n", "-c", String(options.clients), "-j", "2", "-T", String(options.seconds), "-M", "extended", "-D", "intake_seq=0"];
    const logArgs = ["--log", `--log-prefix=${path.join(dir, "tx")}`, ...files.flat(), options.url];
    options.log(`intake: ${version.trim()}: pgbench ${args.join(" ")} with ${files.length} script files`);
    const output = await run("pgbench", [...args, ...logArgs]);
    const summary = parsePgbenchSummary(output);
    const logs = (await readdir(dir)).filter((name) => name.startsWith("tx."));
    const samples = (await Promise.all(logs.map((name) => readFile(path.join(dir, name), "utf8")))).flatMap(parsePgbenchLog);
    return { ran: true, version: version.trim(), result: { ...summary, latency: summarise(samples) } };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** pgbench's closing summary (PostgreSQL 15's wording): transactions, failures, duration, tps and average latency. */
export function parsePgbenchSummary(output: string): Omit<PgbenchResult, "latency"> {
  const number = (pattern: RegExp, what: string) => {
    const match = pattern.exec(output);
    if (!match) throw new Error(`pgbench's output has no ${what}:\n${output.slice(-800)}`);
    return Number(match[1]);
  };
  return {
    transactions: number(/number of transactions actually processed: (\d+)/, "transaction count"),
    // Older pgbench prints no failure line: it aborts the client instead, and the count is short.
    failed: /number of failed transactions: (\d+)/.exec(output) ? number(/number of failed transactions: (\d+)/, "failure count") : 0,
    seconds: number(/duration: (\d+(?:\.\d+)?) s/, "duration"),
    tps: number(/tps = (\d+(?:\.\d+)?) \((?:without initial connection time|excluding connections establishing)\)/, "tps"),
    latencyAverageMs: number(/latency average = (\d+(?:\.\d+)?) ms/, "average latency"),
  };
}

/** One pgbench transaction log (`--log`): "client_id transaction_no time_us script_no epoch epoch_us …", in milliseconds. */
export function parsePgbenchLog(text: string): number[] {
  const samples: number[] = [];
  for (const line of text.split("\n")) {
    const fields = line.trim().split(/\s+/);
    // A failed transaction logs "failed" (or "skipped") in place of its time.
    if (fields.length < 6 || !/^\d+$/.test(fields[2]!)) continue;
    samples.push(Number(fields[2]) / 1000);
  }
  return samples;
}

function planStatements(rows: IntakeRows, ids: { teamId: string; tables: JobTables }): string[] {
  const out = ["begin;"];
  out.push(
    `insert into intakes (id, external_id, channel, source, raw, received_at) values (gen_random_uuid(), ${EXTERNAL_ID_SQL}, ${text(rows.channel)}, ` +
      `${text(rows.source)}::text::jsonb, ${text(rows.raw)}::text::jsonb, ${text(rows.receivedAt)}) on conflict (external_id) do nothing returning id as intake_id \\gset`,
  );

  let companyId = "null";
  if (rows.company?.domain) {
    out.push(
      `insert into companies (name, domain) values (${text(rows.company.name)}, ${text(rows.company.domain)}) ` +
        "on conflict (domain) where domain is not null do update set updated_at = now() returning id as company_id \\gset",
    );
    companyId = ":company_id";
  } else if (rows.company) {
    out.push(`insert into companies (name) values (${text(rows.company.name)}) returning id as company_id \\gset`);
    companyId = ":company_id";
  }

  const lead = rows.lead;
  const leadValues = `${text(lead.name)}, ${text(lead.email)}, ${text(lead.phone)}, ${text(lead.role)}, ${text(lead.website)}, ${companyId}`;
  out.push(
    lead.email
      ? `insert into leads (name, email, phone, role, website, company_id) values (${leadValues}) on conflict (lower(email)) where email is not null do update set ` +
          "name = coalesce(leads.name, excluded.name), phone = coalesce(leads.phone, excluded.phone), role = coalesce(leads.role, excluded.role), " +
          "company_id = coalesce(leads.company_id, excluded.company_id), updated_at = now() returning id as lead_id \\gset"
      : `insert into leads (name, email, phone, role, website, company_id) values (${leadValues}) returning id as lead_id \\gset`,
  );

  let conversationId = "null";
  if (rows.conversation) {
    out.push(
      `insert into conversations (id, lead_id, channel) values (gen_random_uuid(), :lead_id, ${text(rows.conversation.channel)}) returning id as conversation_id \\gset`,
    );
    conversationId = ":conversation_id";
    const lines = rows.conversation.messages;
    if (lines.length) {
      const values = lines.map(
        (m, i) =>
          `(:conversation_id, ${text(m.author)}, ${text(m.text)}, ${m.at ? `${text(m.at)}::timestamptz` : `clock_timestamp() - interval '${lines.length - i} milliseconds'`})`,
      );
      out.push(`insert into messages (conversation_id, author, text, sent_at) values ${values.join(", ")};`);
    }
  }

  let handoffId = "null";
  const h = rows.handoff;
  if (h) {
    const filtered = h.decision === "filter";
    const pkg = `replace(${text(h.package)}, '"zqxleadzqx"', '"' || :lead_id || '"')`;
    out.push(
      "insert into handoffs (lead_id, company_id, intake_id, conversation_id, decision, priority, status, discard_reason, closed_at, team_id, " +
        "sla_due_at, reasons, intent, fit, channel, campaign, rule_version, agent_source, package, lead_name, lead_email, company_name, summary, created_at, updated_at) " +
        `values (:lead_id, ${companyId}, :intake_id, ${conversationId}, ${text(h.decision)}, ${text(h.priority)}, ${text(filtered ? "discarded" : "pending")}, ` +
        `${text(filtered ? "not_a_fit" : null)}, ${filtered ? "now()" : "null"}, ${text(ids.teamId)}, ${slaDueSql(h.priority)}, ` +
        `array[${h.reasons.map(text).join(", ")}]::text[], ${text(h.intent)}, ${text(h.fit)}, ${text(h.channel)}, ${text(h.campaign)}, ${h.ruleVersion}, ` +
        `'deterministic', ${pkg}::text::jsonb, ${text(h.leadName)}, ${text(h.leadEmail)}, ${text(h.companyName)}, ${text(h.summary)}, now(), now()) ` +
        "returning id as handoff_id \\gset",
    );
    handoffId = ":handoff_id";
    out.push(`insert into handoff_events (handoff_id, type, actor_kind, data) values (:handoff_id, 'created', 'agent', ${text(h.eventData)}::text::jsonb);`);
    out.push(sendJob(ids.tables.crmSync, queues.crmSync.name, `${text('{"handoffId":"')} || :handoff_id || '"}'`, `${text("crm-sync:")} || :handoff_id`));
    if (h.decision === "escalate")
      out.push(
        sendJob(
          ids.tables.notify,
          queues.notify.name,
          `${text('{"handoffId":"')} || :handoff_id || ${text('","event":"created"}')}`,
          `${text("notify:created:")} || :handoff_id`,
        ),
      );
  }

  const handoffJson = handoffId === "null" ? "'null'" : `'"' || :handoff_id || '"'`;
  const response = `replace(replace(${text(rows.response)}, '"zqxleadzqx"', '"' || :lead_id || '"'), '"zqxhandoffzqx"', ${handoffJson})`;
  out.push(`update intakes set lead_id = :lead_id, response = ${response}::text::jsonb where id = :intake_id returning response;`);
  // Routing, as the baseline runs it (bench/intake-baseline.ts): a team with no one to assign.
  if (h && (h.priority !== null || h.decision === "act")) {
    const due = slaDueSql(h.priority);
    out.push("select id, position, name, enabled, match, target, respect_capacity, created_at, updated_at from routing_rules order by position, id;");
    out.push("select id, time_zone, business_hours from teams;");
    if (h.priority) out.push(`select priority, minutes, max_breaches, reassign_on_breach, updated_at from sla_policies where priority = ${text(h.priority)};`);
    out.push(`select pg_advisory_xact_lock(${ROUTING_LOCK});`);
    out.push("select id, team_id, role, active, capacity, last_assigned_at, open_immediate from users where active;");
    out.push(`update handoffs set owner_id = null, team_id = ${text(ids.teamId)}, sla_due_at = ${due}, updated_at = now() where id = :handoff_id;`);
    if (h.priority === "immediate" || h.priority === "normal")
      out.push(
        "insert into handoff_sla_clocks (handoff_id, cycle, stage, owner_id, started_at, remind_at, due_at, next_at, breaches, updated_at) " +
          `values (:handoff_id, 1, 'running', null, now(), ${due}, ${due}, ${due}, 0, now());`,
      );
    // jsonb_build_object, not a JSON literal: pgbench would read the literal's colons as variables.
    const routed = `jsonb_build_object('ownerId', null, 'teamId', ${text(ids.teamId)}, 'ruleId', null, 'ruleName', 'fallback', 'passedOver', '[]'::jsonb, 'slaDueAt', ${due})`;
    out.push(`insert into handoff_events (handoff_id, type, actor_kind, data) values (:handoff_id, 'routed', 'system', ${routed});`);
  }
  out.push("commit;");
  return out;
}

// The baseline's slaFor as SQL: the default window of each priority from now.
function slaDueSql(priority: string | null): string {
  const minutes = priority === "immediate" ? 15 : priority === "normal" ? 240 : priority === "nurture" ? 4320 : 0;
  return `now() + interval '${minutes} minutes'`;
}

// The baseline's pg-boss insert (sendJob), with the same settings read from pgboss.queue.
function sendJob(table: string, name: string, dataSql: string, singletonKeySql: string): string {
  return (
    `insert into pgboss."${table}" (id, name, data, priority, start_after, created_on, singleton_key, singleton_on, group_id, group_tier, ` +
    "expire_seconds, deletion_seconds, keep_until, retry_limit, retry_delay, retry_backoff, retry_delay_max, policy, dead_letter, " +
    "heartbeat_seconds, blocked, blocking, pending_dependencies, trace_context) " +
    `select gen_random_uuid(), ${text(name)}, (${dataSql})::text::jsonb, 0, now(), now(), ${singletonKeySql}, null, null, null, ` +
    "coalesce(q.expire_seconds, 900), coalesce(q.deletion_seconds, 604800), now() + coalesce(q.retention_seconds, 1209600) * interval '1s', " +
    "coalesce(q.retry_limit, 2), coalesce(q.retry_delay, 0), coalesce(q.retry_backoff, false), q.retry_delay_max, q.policy, q.dead_letter, " +
    `q.heartbeat_seconds, false, false, 0, null from (select ${text(name)}::text as name) j left join pgboss.queue q on q.name = j.name ` +
    "on conflict do nothing returning id;"
  );
}

// A string from the rows as SQL: its placeholders replaced by this intake's ids, as fillIntakeRows
// does. pgbench substitutes `:name` even inside quotes, so colons (and line breaks, which would
// split the script's line) go as escapes.
function text(value: string | null): string {
  if (value === null) return "null";
  const escaped = value.replaceAll("\\", "\\\\").replaceAll("'", "''").replaceAll(":", "\\x3a").replaceAll("\n", "\\n").replaceAll("\r", "\\r");
  let sql = `E'${escaped}'`;
  if (value.includes("zqxmarkzqx")) sql = `replace(${sql}, 'zqxmarkzqx', ${MARK_SQL})`;
  if (value.includes("zqxextzqx")) sql = `replace(${sql}, 'zqxextzqx', ${EXTERNAL_ID_SQL})`;
  if (value.includes("zqxintakezqx")) sql = `replace(${sql}, 'zqxintakezqx', :intake_id)`;
  if (value.includes("zqxconvzqx")) sql = `replace(${sql}, 'zqxconvzqx', :conversation_id)`;
  return sql;
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} exited with ${code}:\n${out.slice(-1500)}`))));
  });
}
