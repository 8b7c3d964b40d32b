import postgres from "postgres";
import { handoffPackageSchema } from "@/lib/contract/package";
import { isReusable, recreateBenchDatabase, writeDatasetMark, type BenchDatabase } from "./bench-database";
import { withRollupTriggersOff } from "./metrics-rollups-load";

// Bump when the generated data changes shape, so existing bench databases are rebuilt.
const GENERATOR_VERSION = 2;
const CHUNK = 100_000;
const TEAMS = ["Enterprise", "Mid-Market", "SMB", "Partners", "Public Sector"];
const USERS = 100;

export type HandoffDataset = { rows: number; reused: boolean; seconds: number };

/**
 * A bench database holding `rows` handoffs, reused when an earlier run left exactly that behind
 * (regenerating a million rows takes over a minute), otherwise rebuilt from an empty database.
 */
export async function ensureHandoffs(options: { database: BenchDatabase; rows: number; log: (line: string) => void }): Promise<HandoffDataset> {
  const mark = { dataset: "handoffs", generator: GENERATOR_VERSION, rows: options.rows };
  if ((await isReusable(options.database, mark)) && (await countHandoffs(options.database.url)) === options.rows) {
    options.log(`reusing ${options.rows.toLocaleString("en")} handoffs in the bench database`);
    return { rows: options.rows, reused: true, seconds: 0 };
  }
  const started = performance.now();
  await recreateBenchDatabase(options.database);
  await generateHandoffs({ url: options.database.url, rows: options.rows, log: options.log });
  await writeDatasetMark(options.database, mark);
  const seconds = (performance.now() - started) / 1000;
  options.log(`generated ${options.rows.toLocaleString("en")} handoffs in ${seconds.toFixed(1)} s`);
  return { rows: options.rows, reused: false, seconds };
}

/**
 * Fills an empty, migrated database with teams, users and `rows` handoffs, entirely inside
 * Postgres (generate_series in chunks), then VACUUM ANALYZE so plans and visibility match a
 * settled production table.
 */
export async function generateHandoffs(options: { url: string; rows: number; log: (line: string) => void }) {
  const sql = postgres(options.url, { max: 1, onnotice: () => {} });
  const t0 = performance.now();
  const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
  try {
    // Losing the last commits of a bench load on a crash costs nothing: the mark is written last.
    await sql`set synchronous_commit = off`;
    await sql`set maintenance_work_mem = '512MB'`;
    await insertTeamsAndUsers(sql);

    // Bulk-loading into the seven secondary indexes row by row costs several times what building
    // them once does. Their definitions are read back from the catalogue, so the rebuilt ones are
    // exactly the migrations'.
    const indexes = await sql<{ name: string; definition: string }[]>`
      select indexname as name, indexdef as definition from pg_indexes
      where schemaname = 'public' and tablename = 'handoffs' and indexname <> 'handoffs_pkey'`;
    for (const index of indexes) await sql.unsafe(`drop index "${index.name}"`);

    // One anchor for every chunk: created_at then rises with the row number, as it does in a
    // table filled over a year, and the heap is in roughly the order production's would be.
    const [{ anchor }] = await sql<[{ anchor: Date }]>`select date_trunc('second', now()) as anchor`;
    await withRollupTriggersOff(sql, async () => {
      for (let from = 1; from <= options.rows; from += CHUNK) {
        const to = Math.min(from + CHUNK - 1, options.rows);
        await sql.unsafe(insertHandoffsSql, [from, to, options.rows, anchor.toISOString()]);
        options.log(`handoffs ${to.toLocaleString("en")}/${options.rows.toLocaleString("en")} (${elapsed()})`);
      }

      for (const index of indexes) {
        await sql.unsafe(index.definition);
        options.log(`index ${index.name} (${elapsed()})`);
      }
    });
    options.log(`metrics rollups rebuilt (${elapsed()})`);
    await sql`vacuum analyze`;
    options.log(`vacuum analyze (${elapsed()})`);
    await checkSamplePackage(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function insertTeamsAndUsers(sql: postgres.Sql) {
  await sql`
    insert into teams (name, time_zone, business_hours)
    select name, 'Europe/Madrid', '{"mon":["09:00","18:00"],"tue":["09:00","18:00"],"wed":["09:00","18:00"],"thu":["09:00","18:00"],"fri":["09:00","15:00"]}'::jsonb
    from unnest(${TEAMS}::text[]) as name`;
  // Two admins outside any team, one manager per team, reps spread evenly over the teams.
  await sql`
    insert into users (id, name, email, role, team_id)
    select gen_random_uuid()::text,
           'Bench User ' || i,
           'bench.user' || i || '@baton-bench.example',
           (case when i <= 2 then 'admin' when i <= 2 + t.n then 'manager' else 'rep' end)::user_role,
           case when i <= 2 then null else t.ids[1 + (i % t.n)] end
    from generate_series(1, ${USERS}::int) as i,
         (select array_agg(id order by name) as ids, count(*)::int as n from teams) as t`;
}

async function countHandoffs(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from handoffs`;
    return row!.n;
  } catch {
    return -1;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

// The inbox renders packages parsed with this schema: generated ones must pass it.
async function checkSamplePackage(sql: postgres.Sql) {
  let rows = await sql<{ package: unknown }[]>`select package from handoffs tablesample system (1) limit 50`;
  // A small table's 1% of pages may be none at all.
  if (rows.length === 0) rows = await sql<{ package: unknown }[]>`select package from handoffs limit 50`;
  for (const row of rows) handoffPackageSchema.parse(row.package);
}

/*
 * One chunk of handoffs: $1..$2 are row numbers out of $3, $4 the instant the year ends.
 * Every random draw is made once per row in `d` (a subquery with volatile columns is not
 * flattened), then shaped into the mix:
 * - priority 15% immediate / 50% normal / 35% nurture; SLA 15 min / 4 h / 3 days after creation;
 * - status 30% pending, 15% accepted, 10% in follow-up, 25% converted, 20% discarded. For half the
 *   rows the status follows age (new work is still open, old work is closed), for the other half it
 *   is drawn regardless of age; both halves have the same mix, so the total keeps it too;
 * - ~20% unassigned: only pending or discarded packages can have no owner (a person accepts,
 *   follows up and converts), 40% of those do; 90% of unowned ones still sit in a team queue;
 * - an owned package belongs to its owner's team;
 * - 40% of leads stated a budget (1,000 to 100,000 EUR), which the value sort reads until a conversion sets the value.
 */
const insertHandoffsSql = `
with pool as materialized (
  select (select array_agg(id order by id) from users where role = 'rep') as rep_ids,
         (select array_agg(team_id order by id) from users where role = 'rep') as rep_teams,
         (select count(*)::int from users where role = 'rep') as reps,
         (select array_agg(id order by name) from teams) as team_ids,
         (select count(*)::int from teams) as teams
),
d as (
  select g, random() as r_time, random() as r_priority, random() as r_status, random() as r_mix,
         random() as r_unowned, random() as r_owner, random() as r_team, random() as r_first, random() as r_last,
         random() as r_company, random() as r_intent, random() as r_fit, random() as r_channel,
         random() as r_campaign, random() as r_reason, random() as r_two, random() as r_accept,
         random() as r_close, random() as r_value, random() as r_meeting, random() as r_discard, random() as r_source,
         random() as r_budget
  from generate_series($1::int, $2::int) as g
),
names as (
  select array['Ana','Luis','Marta','Jorge','Lucia','Pablo','Elena','David','Sara','Carlos','Laura','Diego',
               'Paula','Javier','Clara','Hugo','Irene','Mario','Nuria','Oscar','Emma','Liam','Olivia','Noah'] as first,
         array['Garcia','Martin','Lopez','Sanchez','Perez','Gomez','Ruiz','Diaz','Moreno','Alonso','Romero','Navarro',
               'Torres','Dominguez','Vazquez','Ramos','Gil','Serrano','Blanco','Molina','Smith','Brown','Miller','Wilson'] as last,
         array['Acme Logistics','Nordic Freight','Solar Peak','Blue Harbor','Vertex Labs','Iberia Foods','Kappa Retail',
               'Atlas Clinics','Orbit Media','Lumen Energy','Cobalt Legal','Pioneer Farms','Helix Bio','Quanta Cloud',
               'Terra Build','Nimbus Travel','Aurora Hotels','Delta Motors','Summit Finance','Cedar Schools'] as company,
         array['acme-logistics','nordic-freight','solar-peak','blue-harbor','vertex-labs','iberia-foods','kappa-retail',
               'atlas-clinics','orbit-media','lumen-energy','cobalt-legal','pioneer-farms','helix-bio','quanta-cloud',
               'terra-build','nimbus-travel','aurora-hotels','delta-motors','summit-finance','cedar-schools'] as domain,
         array['diagnosis','quote','audit','integration','support','information','partnership','other'] as intent,
         array['spring-webinar','g2-listing','partner-referral','linkedin-ads','newsletter'] as campaign,
         array['not_a_fit','no_budget','unreachable','duplicate','spam','competitor','went_elsewhere','other'] as discard
),
shaped as (
  select d.*,
    $4::timestamptz - interval '365 days' + (d.g - 1 + d.r_time) * (interval '365 days' / $3::int) as created_at,
    case when d.r_priority < 0.15 then 'immediate' when d.r_priority < 0.65 then 'normal' else 'nurture' end as priority,
    case when (case when d.r_mix < 0.5 then 1 - (d.g - 0.5) / $3::int else d.r_status end) < 0.30 then 'pending'
         when (case when d.r_mix < 0.5 then 1 - (d.g - 0.5) / $3::int else d.r_status end) < 0.45 then 'accepted'
         when (case when d.r_mix < 0.5 then 1 - (d.g - 0.5) / $3::int else d.r_status end) < 0.55 then 'in_follow_up'
         when (case when d.r_mix < 0.5 then 1 - (d.g - 0.5) / $3::int else d.r_status end) < 0.80 then 'converted'
         else 'discarded' end as status,
    1 + floor(d.r_owner * p.reps)::int as rep,
    1 + floor(d.r_first * 24)::int as fi, 1 + floor(d.r_last * 24)::int as li, 1 + floor(d.r_company * 20)::int as ci,
    p.rep_ids, p.rep_teams, p.team_ids, p.teams
  from d cross join pool p
),
enriched as (
  select s.*, n.first[s.fi] || ' ' || n.last[s.li] as lead_name, n.company[s.ci] as company_name,
    lower(n.first[s.fi] || '.' || n.last[s.li] || '.' || s.g) || '@' || n.domain[s.ci] || '.example' as lead_email,
    n.intent[1 + floor(s.r_intent * 8)::int] as intent,
    case when s.r_campaign < 0.4 then n.campaign[1 + floor(s.r_campaign * 12.5)::int] end as campaign,
    case when s.r_channel < 0.45 then 'form' when s.r_channel < 0.70 then 'chat' when s.r_channel < 0.90 then 'email' else 'landing_page' end as channel,
    case when s.r_fit < 0.40 then 'good' when s.r_fit < 0.70 then 'partial' when s.r_fit < 0.85 then 'none' else 'unknown' end as fit,
    case s.priority when 'immediate' then interval '15 minutes' when 'normal' then interval '4 hours' else interval '3 days' end as sla,
    (case s.priority when 'immediate' then array['high_value','risk','sensitive_action']
                     when 'normal' then array['ambiguity','missing_data','offer_exception']
                     else array['low_risk_fit','no_fit','missing_data'] end) as reason_pool,
    s.status in ('pending','discarded') and s.r_unowned < 0.4 as unowned,
    n.discard[1 + floor(s.r_discard * 8)::int] as discard_key
  from shaped s cross join names n
),
final as (
  select r.*,
    case when r.r_two < 0.3 then array[r.reason_pool[1 + floor(r.r_reason * 3)::int], r.reason_pool[1 + (floor(r.r_reason * 3)::int + 1) % 3]]
         else array[r.reason_pool[1 + floor(r.r_reason * 3)::int]] end as reasons,
    case when r.unowned then null else r.rep_ids[r.rep] end as owner_id,
    case when not r.unowned then r.rep_teams[r.rep] when r.r_team < 0.9 then r.team_ids[1 + floor(r.r_team / 0.9 * r.teams)::int] end as team_id,
    case when r.status <> 'pending' and not (r.status = 'discarded' and r.unowned)
         then least($4::timestamptz, r.created_at + r.sla * (0.2 + 2 * r.r_accept)) end as accepted_at,
    case when r.status in ('converted','discarded')
         then least($4::timestamptz, r.created_at + r.sla * 2.2 + interval '30 days' * r.r_close) end as closed_at
  from enriched r
)
insert into handoffs (
  decision, priority, status, owner_id, team_id, sla_due_at, reasons, intent, fit, channel, campaign, rule_version,
  agent_source, package, lead_name, lead_email, company_name, summary, value_amount, value_currency, meeting_booked,
  discard_reason, accepted_at, closed_at, created_at, updated_at
)
select 'escalate', f.priority::handoff_priority, f.status::handoff_status, f.owner_id, f.team_id, f.created_at + f.sla,
  f.reasons, f.intent, f.fit, f.channel::channel, f.campaign, 1,
  case when f.r_source < 0.85 then 'deterministic' when f.r_source < 0.98 then 'llm' else 'llm_fallback' end,
  jsonb_build_object(
    'identification', jsonb_build_object('name', f.lead_name, 'email', f.lead_email, 'phone', null,
                                         'company', f.company_name, 'role', null, 'website', null),
    'source', jsonb_build_object('channel', f.channel, 'campaign', f.campaign,
                                 'receivedAt', to_char(f.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
    'need', null, 'intent', f.intent,
    'salesContext', jsonb_build_object('urgency', null, 'timelineDays', null, 'volume', null, 'employees', null,
                                       'monthlyLeads', null,
                                       'budget', case when f.r_budget < 0.4 then jsonb_build_object('amount', round(1000 + f.r_budget * 247500), 'currency', 'EUR') end,
                                       'team', null,
                                       'currentTools', '[]'::jsonb, 'affectedProcess', null),
    'qualification', jsonb_build_object('fit', f.fit, 'whyFits', '[]'::jsonb, 'whyNot', '[]'::jsonb, 'missing', '[]'::jsonb),
    'reasons', (select jsonb_agg(jsonb_build_object('code', c, 'evidence', 'generated', 'rule', c)) from unnest(f.reasons) as c),
    'summary', f.lead_name || ' (' || f.company_name || '): ' || f.intent,
    'facts', jsonb_build_object('confirmed', '[]'::jsonb, 'inferred', '[]'::jsonb, 'openQuestions', '[]'::jsonb),
    'nextStep', jsonb_build_object('action', 'call', 'owner', null, 'why', 'generated'),
    'proposedActions', '[]'::jsonb,
    'traceability', jsonb_build_object('leadId', null, 'conversationId', null, 'intakeId', null,
                                       'crmRecord', null, 'ruleVersion', 1)
  ),
  f.lead_name, f.lead_email, f.company_name, f.lead_name || ' (' || f.company_name || '): ' || f.intent,
  case when f.status = 'converted' then round((500 + f.r_value * 49500)::numeric, 2) end,
  case when f.status = 'converted' then 'EUR' end,
  f.status in ('in_follow_up','converted') and f.r_meeting < 0.6,
  case when f.status = 'discarded' then f.discard_key end,
  f.accepted_at, f.closed_at, f.created_at,
  coalesce(f.closed_at, f.accepted_at, f.created_at)
from final f
`;
