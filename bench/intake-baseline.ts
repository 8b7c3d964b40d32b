import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { queues } from "@/lib/jobs/queues";
import { ROUTING_LOCK } from "@/lib/routing/lock";
import { webhookEventForTimeline } from "@/lib/webhooks/events";
import { fillIntakeRows, markFor, withRecordIds, type IntakeRows } from "./intake-rows";
import { summarise, type LatencySummary } from "./latency";
import { startLoadProfile, type LoadProfile } from "./load-profile";

// A ceiling on each worker's loop whatever the clock says.
const MAX_PER_WORKER = 1_000_000;

type Tx = postgres.TransactionSql;
export type JobTables = Record<"crmSync" | "notify", string>;

export type BaselineResult = { intakes: number; seconds: number; perSecond: number; latency: LatencySummary; profile: LoadProfile };

/**
 * The floor the endpoint is compared with: recordIntake's statements as plain postgres.js SQL, one
 * transaction per intake, driven by `workers` concurrent loops for `seconds` after a warm-up. No
 * HTTP, validation, authentication, rate limit or triage: the rows come ready from planIntakeRows.
 * Statements go prepared and planned for their parameters, as the app's pool sends drizzle's
 * (db/prepared-statements.ts), so the gap is the layers and not the protocol.
 */
export async function runSqlBaseline(options: {
  url: string;
  plans: IntakeRows[];
  teamId: string;
  workers: number;
  warmupSeconds: number;
  seconds: number;
  /** Prefixes the externalIds, so these intakes are told apart from the endpoint's. */
  prefix: string;
}): Promise<BaselineResult> {
  const sql = postgres(options.url, {
    max: options.workers,
    onnotice: () => {},
    connection: { jit: "off", plan_cache_mode: "force_custom_plan" },
  });
  try {
    const tables = await jobTables(sql);
    let seq = 0;
    const loop = async (until: number, samples: number[] | null) => {
      let done = 0;
      while (done < MAX_PER_WORKER && performance.now() < until) {
        const n = seq++;
        const ids = { mark: markFor(n), externalId: `${options.prefix}-${n}`, intakeId: randomUUID(), conversationId: randomUUID() };
        const rows = fillIntakeRows(options.plans[n % options.plans.length]!, ids);
        const started = performance.now();
        await sql.begin((tx) => writeIntake(tx, rows, { ...ids, teamId: options.teamId, tables }));
        samples?.push(performance.now() - started);
        done++;
      }
      return done;
    };
    const workers = (until: number, samples: number[] | null) => Promise.all(Array.from({ length: options.workers }, () => loop(until, samples)));

    await workers(performance.now() + options.warmupSeconds * 1000, null);
    const samples: number[] = [];
    const profile = startLoadProfile(options.url);
    const started = performance.now();
    const counts = await workers(started + options.seconds * 1000, samples);
    const seconds = (performance.now() - started) / 1000;
    const intakes = counts.reduce((a, b) => a + b, 0);
    return { intakes, seconds, perSecond: intakes / seconds, latency: summarise(samples), profile: await profile.stop() };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Where pg-boss keeps each queue's jobs (created by the app's own getBoss before the baseline runs). */
export async function jobTables(sql: postgres.Sql): Promise<JobTables> {
  const rows = await sql<
    { name: string; table: string }[]
  >`select name, table_name as table from pgboss.queue where name in ${sql([queues.crmSync.name, queues.notify.name])}`;
  const table = (name: string) => {
    const row = rows.find((r) => r.name === name);
    if (!row) throw new Error(`pg-boss has no queue ${name} in the bench database`);
    return row.table;
  };
  return { crmSync: table(queues.crmSync.name), notify: table(queues.notify.name) };
}

// recordIntake's statements in its order (db/queries/intake.ts): claim with company and lead, conversation
// and messages, handoff, its first event with its webhook lookup, the outbox jobs, the stored response.
async function writeIntake(tx: Tx, rows: IntakeRows, ids: { externalId: string; intakeId: string; conversationId: string; teamId: string; tables: JobTables }) {
  // The claim and one company-and-lead statement go out together, as recordIntake sends them.
  const lead = rows.lead;
  const company = !rows.company
    ? null
    : rows.company.domain
      ? tx`insert into companies (name, domain) values (${rows.company.name}, ${rows.company.domain})
          on conflict (domain) where domain is not null do update set updated_at = now() returning id`
      : tx`insert into companies (name) values (${rows.company.name}) returning id`;
  const companyRef = company ? tx`(select id from company)` : tx`null::uuid`;
  const onKnownEmail = lead.email
    ? tx`on conflict (lower(email)) where email is not null do update set
          name = coalesce(leads.name, excluded.name), phone = coalesce(leads.phone, excluded.phone),
          role = coalesce(leads.role, excluded.role), company_id = coalesce(leads.company_id, excluded.company_id), updated_at = now()`
    : tx``;
  const [claimed, [people]] = await Promise.all([
    tx`
      insert into intakes (id, external_id, channel, source, raw, received_at)
      values (${ids.intakeId}, ${ids.externalId}, ${rows.channel}, ${rows.source}::text::jsonb, ${rows.raw}::text::jsonb, ${rows.receivedAt})
      on conflict (external_id) do nothing returning id`.execute(),
    tx<{ lead_id: string; company_id: string | null }[]>`
      ${company ? tx`with company as (${company})` : tx``}
      insert into leads (name, email, phone, role, website, company_id)
      values (${lead.name}, ${lead.email}, ${lead.phone}, ${lead.role}, ${lead.website}, ${companyRef})
      ${onKnownEmail}
      returning id as lead_id, ${companyRef} as company_id`.execute(),
  ]);
  // Every baseline externalId is new: a claim that finds one already there is a bench bug.
  if (claimed.length === 0) throw new Error(`the baseline's intake ${ids.externalId} was claimed twice`);
  const { lead_id: leadId, company_id: companyId } = people!;

  // From here the app pipelines (db/queries/intake.ts): the writes that wait for no id go out
  // together with the outbox jobs, then routing's reads with the lock and the candidates, then
  // routing's writes. The same rounds here, so the gap to the endpoint is the layers and not the round trips.
  const conversationId = rows.conversation ? ids.conversationId : null;
  const h = rows.handoff;
  const handoffId = h ? randomUUID() : null;
  const now = new Date();
  const first: Promise<unknown>[] = [];
  if (rows.conversation) {
    first.push(tx`insert into conversations (id, lead_id, channel) values (${ids.conversationId}, ${leadId}, ${rows.conversation.channel})`.execute());
    const lines = rows.conversation.messages;
    if (lines.length) {
      const values = lines.map((m, i) => ({
        conversation_id: ids.conversationId,
        author: m.author,
        text: m.text,
        sent_at: m.at ? new Date(m.at) : new Date(Date.now() - (lines.length - i)),
      }));
      first.push(tx`insert into messages ${tx(values, "conversation_id", "author", "text", "sent_at")}`.execute());
    }
  }
  if (h) {
    const filtered = h.decision === "filter";
    first.push(
      tx`
      insert into handoffs (id, lead_id, company_id, intake_id, conversation_id, decision, priority, status, discard_reason, closed_at, team_id,
        sla_due_at, reasons, intent, fit, channel, campaign, rule_version, agent_source, package, lead_name, lead_email, company_name, summary, created_at, updated_at)
      values (${handoffId}, ${leadId}, ${companyId}, ${ids.intakeId}, ${conversationId}, ${h.decision}, ${h.priority}, ${filtered ? "discarded" : "pending"},
        ${filtered ? "not_a_fit" : null}, ${filtered ? now : null}, ${ids.teamId}, ${slaFor(h.priority, now)}, ${h.reasons}::text[], ${h.intent}, ${h.fit},
        ${h.channel}, ${h.campaign}, ${h.ruleVersion}, ${"deterministic"}, ${withRecordIds(h.package, { leadId })}::text::jsonb, ${h.leadName}, ${h.leadEmail},
        ${h.companyName}, ${h.summary}, ${now}, ${now})`.execute(),
      tx`insert into handoff_events (handoff_id, type, actor_kind, data) values (${handoffId}, 'created', 'agent', ${h.eventData}::text::jsonb)`.execute(),
    );
    // The event's webhook lookup, right behind it (db/queries/handoffs.ts insertHandoffEvent); the bench has no endpoints.
    const outward = webhookEventForTimeline({ type: "created", data: { decision: h.decision, priority: h.priority } });
    if (outward) first.push(tx`select id from webhook_endpoints where enabled = true and ${outward} = any(events)`.execute());
  }
  first.push(
    tx`update intakes set lead_id = ${leadId}, response = ${withRecordIds(rows.response, { leadId, handoffId })}::text::jsonb where id = ${ids.intakeId} returning response`.execute(),
  );
  if (h && handoffId) {
    first.push(sendJob(tx, ids.tables.crmSync, queues.crmSync.name, { handoffId }, `crm-sync:${handoffId}`));
    if (h.decision === "escalate")
      first.push(sendJob(tx, ids.tables.notify, queues.notify.name, { handoffId, event: "created" }, `notify:created:${handoffId}`));
  }
  await Promise.all(first);
  if (!h || !handoffId) return;
  const routed = h.priority !== null || h.decision === "act";
  if (!routed) return;

  // Routing (db/queries/routing.ts) for a team with no one to assign: the team's queue.
  const second: Promise<unknown>[] = [
    tx`select id, position, name, enabled, match, target, respect_capacity, created_at, updated_at from routing_rules order by position, id`.execute(),
    tx`select id, time_zone, business_hours from teams`.execute(),
  ];
  if (h.priority)
    second.push(tx`select priority, minutes, max_breaches, reassign_on_breach, updated_at from sla_policies where priority = ${h.priority}`.execute());
  second.push(
    tx`select pg_advisory_xact_lock(${ROUTING_LOCK})`.execute(),
    tx`select id, team_id, role, active, capacity, last_assigned_at, open_immediate from users where active`.execute(),
  );
  await Promise.all(second);
  const dueAt = slaFor(h.priority, now);
  const third: Promise<unknown>[] = [
    tx`update handoffs set owner_id = null, team_id = ${ids.teamId}, sla_due_at = ${dueAt}, updated_at = now() where id = ${handoffId}`.execute(),
  ];
  if (h.priority === "immediate" || h.priority === "normal") {
    third.push(
      tx`insert into handoff_sla_clocks (handoff_id, cycle, stage, owner_id, started_at, remind_at, due_at, next_at, breaches, updated_at)
         values (${handoffId}, 1, 'running', null, ${now}, ${dueAt}, ${dueAt}, ${dueAt}, 0, ${now})
         on conflict (handoff_id) do update set cycle = excluded.cycle, stage = excluded.stage, due_at = excluded.due_at, next_at = excluded.next_at`.execute(),
    );
  }
  const routedEvent = { ownerId: null, teamId: ids.teamId, ruleId: null, ruleName: "fallback", passedOver: [], slaDueAt: dueAt.toISOString() };
  third.push(
    tx`insert into handoff_events (handoff_id, type, actor_kind, data) values (${handoffId}, 'routed', 'system', ${JSON.stringify(routedEvent)}::text::jsonb)`.execute(),
  );
  await Promise.all(third);
}

// pg-boss 12's insert for one job (plans.insertJobs, without the LISTEN/NOTIFY these queues do not
// use): the queue's settings are read in the same statement, as pg-boss does.
async function sendJob(tx: Tx, table: string, name: string, data: Record<string, unknown>, singletonKey: string) {
  return tx
    .unsafe(
      `insert into pgboss."${table}" (id, name, data, priority, start_after, created_on, singleton_key, singleton_on, group_id, group_tier,
       expire_seconds, deletion_seconds, keep_until, retry_limit, retry_delay, retry_backoff, retry_delay_max, policy, dead_letter,
       heartbeat_seconds, blocked, blocking, pending_dependencies, trace_context)
     select gen_random_uuid(), $1, $2::text::jsonb, 0, now(), now(), $3, null, null, null,
       coalesce(q.expire_seconds, 900), coalesce(q.deletion_seconds, 604800), now() + coalesce(q.retention_seconds, 1209600) * interval '1s',
       coalesce(q.retry_limit, 2), coalesce(q.retry_delay, 0), coalesce(q.retry_backoff, false), q.retry_delay_max, q.policy, q.dead_letter,
       q.heartbeat_seconds, false, false, 0, null
     from (select $1::text as name) j left join pgboss.queue q on q.name = j.name
     on conflict do nothing returning id`,
      [name, JSON.stringify(data), singletonKey],
    )
    .execute();
}

// db/queries/intake.ts's slaFor.
function slaFor(priority: string | null, from: Date): Date {
  const minutes = priority === "immediate" ? 15 : priority === "normal" ? 240 : priority === "nurture" ? 4320 : 0;
  return new Date(from.getTime() + minutes * 60_000);
}
