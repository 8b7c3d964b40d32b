import postgres from "postgres";
import { queues } from "@/lib/jobs/queues";
import type { Ledger } from "./intake-http";

const SETTLE_POLL_MS = 300;
const SETTLE_MAX_MS = 20_000;

export type IntakeCheck = {
  /** A 2xx whose intake, handoff (where the response names one) or CRM-sync job is missing. */
  lost: number;
  /** Rows beyond what the responses account for: a second handoff or job, or an intake nobody was told about. */
  duplicated: number;
  responses2xx: number;
  intakeRows: number;
  handoffRows: number;
  handoffsExpected: number;
  crmSyncJobs: number;
  /** Requests still in flight when the load stopped: each may have been written once, or not at all. */
  inFlightAtStop: number;
  inFlightWritten: number;
  countsMatch: boolean;
};

/**
 * After the load: every 2xx response's externalId has exactly one intake row, one handoff row when
 * the response named one (none otherwise) and one CRM-sync job for it; no refused request left a
 * row; and the totals equal the 2xx responses (plus whichever in-flight requests got written).
 */
export async function checkIntakes(options: { url: string; prefix: string; ledger: Ledger }): Promise<IntakeCheck> {
  const sql = postgres(options.url, { max: 1, onnotice: () => {} });
  try {
    const like = `${options.prefix}-%`;
    await settle(sql, like);
    const rows = await sql<{ externalId: string; intakes: number; handoffIds: string[] }[]>`
      select i.external_id as "externalId", count(distinct i.id)::int as intakes,
             coalesce(array_agg(h.id::text) filter (where h.id is not null), '{}') as "handoffIds"
      from intakes i left join handoffs h on h.intake_id = i.id
      where i.external_id like ${like}
      group by i.external_id`;
    const jobs = await sql<{ key: string; jobs: number }[]>`
      select singleton_key as key, count(*)::int as jobs from pgboss.job
      where name = ${queues.crmSync.name} group by singleton_key`;
    const jobsFor = new Map(jobs.map((j) => [j.key, j.jobs]));
    const stored = new Map(rows.map((r) => [r.externalId, r]));

    let lost = 0;
    let duplicated = 0;
    let responses2xx = 0;
    let handoffsExpected = 0;
    let inFlightAtStop = 0;
    let inFlightWritten = 0;
    for (const [externalId, sent] of options.ledger) {
      const row = stored.get(externalId);
      const intakes = row?.intakes ?? 0;
      const handoffs = row?.handoffIds ?? [];
      const jobCount = handoffs.reduce((n, id) => n + (jobsFor.get(`${queues.crmSync.name}:${id}`) ?? 0), 0);
      if (sent.status === null) {
        // Abandoned when the time was up: written once or not at all, never twice.
        inFlightAtStop++;
        if (intakes > 0) inFlightWritten++;
        duplicated += Math.max(0, intakes - 1) + Math.max(0, handoffs.length - 1) + Math.max(0, jobCount - handoffs.length);
      } else if (sent.status >= 200 && sent.status < 300) {
        responses2xx++;
        const expected = sent.handoffId ? 1 : 0;
        handoffsExpected += expected;
        if (intakes === 0) lost++;
        duplicated += Math.max(0, intakes - 1);
        if (expected && !handoffs.includes(sent.handoffId!)) lost++;
        duplicated += Math.max(0, handoffs.length - expected);
        if (expected && jobCount < 1) lost++;
        duplicated += Math.max(0, jobCount - expected);
      } else {
        // Refused (or failed) yet written: a row the sender was told does not exist.
        duplicated += intakes;
      }
    }
    // Rows under this run's prefix that no request of the ledger accounts for.
    for (const externalId of stored.keys()) if (!options.ledger.has(externalId)) duplicated++;

    const intakeRows = rows.reduce((n, r) => n + r.intakes, 0);
    const handoffRows = rows.reduce((n, r) => n + r.handoffIds.length, 0);
    const crmSyncJobs = rows.reduce((n, r) => n + r.handoffIds.reduce((m, id) => m + (jobsFor.get(`${queues.crmSync.name}:${id}`) ?? 0), 0), 0);
    return {
      lost,
      duplicated,
      responses2xx,
      intakeRows,
      handoffRows,
      handoffsExpected,
      crmSyncJobs,
      inFlightAtStop,
      inFlightWritten,
      countsMatch: intakeRows === responses2xx + inFlightWritten && lost === 0 && duplicated === 0,
    };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

// Requests abandoned at the end of the load are still being handled by the server: wait until the
// number of intakes stops moving before counting.
async function settle(sql: postgres.Sql, like: string): Promise<void> {
  const until = Date.now() + SETTLE_MAX_MS;
  let last = -1;
  let steady = 0;
  while (Date.now() < until && steady < 3) {
    const [{ n }] = await sql<[{ n: number }]>`select count(*)::int as n from intakes where external_id like ${like}`;
    steady = n === last ? steady + 1 : 0;
    last = n;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
  }
}
