import postgres from "postgres";
import { withRollupTriggersOff } from "./metrics-rollups-load";

const EVENTS_PER_HANDOFF = 5;
const CHUNK = 100_000;

export type EventDataset = { events: number; reused: boolean; seconds: number };

/**
 * Five timeline events per handoff (5,000,000 beside the inbox bench's 1,000,000 handoffs), reused
 * when an earlier run left exactly that many. The metrics triggers are off while they load and the
 * columns and rollups they keep are then filled with the migrations' own back-fills in one pass, as
 * a restore would; the bench then checks the columns against the timeline and the rollups against the raw rows.
 */
export async function ensureEvents(options: { url: string; handoffs: number; log: (line: string) => void }): Promise<EventDataset> {
  const sql = postgres(options.url, { max: 1, onnotice: () => {} });
  const target = options.handoffs * EVENTS_PER_HANDOFF;
  try {
    const [{ n }] = await sql<[{ n: number }]>`select count(*)::int as n from handoff_events`;
    if (n === target) {
      options.log(`reusing ${target.toLocaleString("en")} timeline events`);
      const [{ contacts }] = await sql<[{ contacts: number }]>`select count(first_human_contact_at)::int as contacts from handoffs`;
      // A dataset from before the bench wrote contact times: added in place, the rollups rebuilt.
      if (contacts === 0 && n > 0) {
        await withRollupTriggersOff(sql, () => sql.unsafe(contactBackfillSql).then(() => undefined));
        options.log("first human contact times added, metrics rollups rebuilt");
      }
      return { events: n, reused: true, seconds: 0 };
    }
    const started = performance.now();
    const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
    await sql`set synchronous_commit = off`;
    await sql`set maintenance_work_mem = '512MB'`;
    await sql`truncate handoff_events`;
    const indexes = await sql<{ name: string; definition: string }[]>`
      select indexname as name, indexdef as definition from pg_indexes
      where schemaname = 'public' and tablename = 'handoff_events' and indexname <> 'handoff_events_pkey'`;
    for (const index of indexes) await sql.unsafe(`drop index "${index.name}"`);
    await withRollupTriggersOff(sql, async () => {
      await sql`alter table handoff_events disable trigger handoff_events_track_metrics`;
      try {
        const ids = await sql<{ id: string }[]>`select id from handoffs order by created_at, id`;
        for (let from = 0; from < ids.length; from += CHUNK) {
          const chunk = ids.slice(from, from + CHUNK).map((r) => r.id);
          await sql.unsafe(insertEventsSql, [chunk]);
          options.log(`events for handoffs ${Math.min(from + CHUNK, ids.length).toLocaleString("en")}/${ids.length.toLocaleString("en")} (${elapsed()})`);
        }
      } finally {
        await sql`alter table handoff_events enable trigger handoff_events_track_metrics`;
      }
      for (const index of indexes) {
        await sql.unsafe(index.definition);
        options.log(`index ${index.name} (${elapsed()})`);
      }
      // Rewriting every package costs several times less without its secondary indexes to maintain.
      const handoffIndexes = await sql<{ name: string; definition: string }[]>`
        select indexname as name, indexdef as definition from pg_indexes
        where schemaname = 'public' and tablename = 'handoffs' and indexname <> 'handoffs_pkey'`;
      for (const index of handoffIndexes) await sql.unsafe(`drop index "${index.name}"`);
      await sql.unsafe(backfillSql);
      await sql.unsafe(contactBackfillSql);
      options.log(`first action, first human contact and poor-escalation columns backfilled (${elapsed()})`);
      for (const index of handoffIndexes) await sql.unsafe(index.definition);
      options.log(`handoffs indexes rebuilt (${elapsed()})`);
    });
    options.log(`metrics rollups rebuilt (${elapsed()})`);
    await sql`vacuum analyze handoffs`;
    await sql`vacuum analyze handoff_events`;
    const seconds = (performance.now() - started) / 1000;
    options.log(`generated ${target.toLocaleString("en")} timeline events in ${seconds.toFixed(1)} s`);
    return { events: target, reused: false, seconds };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * How many packages' first-action or poor-escalation column disagrees with their timeline, on a
 * sample: the trigger and the backfill must both give what the events say.
 */
export async function countColumnDrift(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [{ n }] = await sql<[{ n: number }]>`
      select count(*)::int as n
      from (select id, first_action_at, poor_escalation_at from handoffs tablesample system (1)) h
      left join lateral (
        select min(created_at) as first_at, min(created_at) filter (where type = 'poor_escalation_flagged') as flagged_at
        from handoff_events e where e.handoff_id = h.id and e.actor_kind = 'user'
      ) e on true
      where h.first_action_at is distinct from e.first_at or h.poor_escalation_at is distinct from e.flagged_at`;
    return n;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

// The same statement as migration 0005's backfill.
const backfillSql = `
update handoffs h set first_action_at = e.first_at, poor_escalation_at = e.flagged_at
from (
  select handoff_id, min(created_at) as first_at, min(created_at) filter (where type = 'poor_escalation_flagged') as flagged_at
  from handoff_events where actor_kind = 'user' group by handoff_id
) e
where h.id = e.handoff_id`;

// A person wrote to the lead (chat or email) after the first action on about 60% of the owned
// packages, from a minute to two hours later: what messages' trigger (migration 0019) would record.
// The bench writes no messages, so only the column is filled, for the dashboard's second duration.
const contactBackfillSql = `
update handoffs set first_human_contact_at = first_action_at + interval '1 minute' * (1 + 119 * random())
where first_action_at is not null and owner_id is not null and random() < 0.6`;

/*
 * Five events for each handoff in $1, in the order a package lives them: the agent creates it, the
 * system routes it, a person accepts it (or the system reminds), a person notes it (or the SLA
 * check runs), and it closes, or ~3% are flagged as a poor escalation naming their first reason.
 */
const insertEventsSql = `
insert into handoff_events (handoff_id, type, actor_kind, actor_id, from_status, to_status, data, created_at)
select h.id, e.type, e.actor_kind::actor_kind, e.actor_id, e.from_status::handoff_status, e.to_status::handoff_status, e.data, e.at
from (select h.*, random() as r_flag from handoffs h where h.id = any($1::uuid[])) h
cross join lateral (values
  ('created', 'agent', null::text, null::text, null::text, '{}'::jsonb, h.created_at),
  ('routed', 'system', null, null, null, '{}'::jsonb, h.created_at + interval '1 second'),
  (case when h.accepted_at is not null then 'status_changed' else 'reminder_sent' end,
   case when h.accepted_at is not null then 'user' else 'system' end,
   case when h.accepted_at is not null then h.owner_id end,
   case when h.accepted_at is not null then 'pending' end,
   case when h.accepted_at is not null then 'accepted' end,
   '{}'::jsonb,
   coalesce(h.accepted_at, h.created_at + (h.sla_due_at - h.created_at) / 2)),
  (case when h.owner_id is not null then 'note' else 'sla_checked' end,
   case when h.owner_id is not null then 'user' else 'system' end,
   h.owner_id, null, null, '{}'::jsonb,
   case when h.owner_id is not null then coalesce(h.accepted_at, h.created_at) + interval '10 minutes' else h.sla_due_at end),
  (case when h.r_flag < 0.03 then 'poor_escalation_flagged' when h.closed_at is not null then 'status_changed' else 'sla_checked' end,
   case when h.r_flag < 0.03 or h.closed_at is not null then 'user' else 'system' end,
   case when h.r_flag < 0.03 or h.closed_at is not null then h.owner_id end,
   case when h.r_flag >= 0.03 and h.closed_at is not null then 'accepted' end,
   case when h.r_flag >= 0.03 and h.closed_at is not null then h.status::text end,
   case when h.r_flag < 0.03 then jsonb_build_object('reason', h.reasons[1], 'rule', h.reasons[1], 'ruleVersion', h.rule_version) else '{}'::jsonb end,
   case when h.r_flag < 0.03 then h.created_at + interval '1 hour' else coalesce(h.closed_at, h.sla_due_at) end)
) as e(type, actor_kind, actor_id, from_status, to_status, data, at)`;
