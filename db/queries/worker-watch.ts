import type postgres from "postgres";
import { sql, watchSql } from "@/db";
import { queues } from "@/lib/jobs/queues";

const queueNames = Object.values(queues).map((q) => q.name);

export type QueueLag = {
  queue: string;
  /** Jobs ready to run now (created, or a retry whose delay has passed). */
  ready: number;
  /** How long the oldest ready job has waited, in seconds; 0 with none. */
  oldestReadySeconds: number;
  oldestReadyJobId: string | null;
  running: number;
  /** How long the longest-running job has run, in seconds; 0 with none. */
  longestRunningSeconds: number;
};

/**
 * Each queue's lag: its oldest job that could run and has not started, and its longest-running job.
 * Read by /api/health and /admin/jobs on the app's pool, and by the worker's watchdog on its own
 * connection (`via: "watch"`), which a starved pool cannot block.
 */
export async function readQueueLag({ via = "app" }: { via?: "app" | "watch" } = {}): Promise<QueueLag[]> {
  const client: postgres.Sql = via === "watch" ? watchSql : sql;
  const rows = await client<
    { name: string; ready: number; oldest_ready: number | null; oldest_id: string | null; running: number; longest_running: number | null }[]
  >`
    select name,
      count(*) filter (where state in ('created', 'retry') and start_after <= now())::int as ready,
      extract(epoch from now() - min(start_after) filter (where state in ('created', 'retry') and start_after <= now()))::float8 as oldest_ready,
      (array_agg(id::text order by start_after) filter (where state in ('created', 'retry') and start_after <= now()))[1] as oldest_id,
      count(*) filter (where state = 'active')::int as running,
      extract(epoch from now() - min(started_on) filter (where state = 'active'))::float8 as longest_running
    from pgboss.job
    where name in ${client(queueNames)} and state < 'completed'
    group by name`;
  const byName = new Map(rows.map((r) => [r.name, r]));
  return queueNames.map((queue) => {
    const r = byName.get(queue);
    return {
      queue,
      ready: r?.ready ?? 0,
      oldestReadySeconds: Math.max(0, Math.round(r?.oldest_ready ?? 0)),
      oldestReadyJobId: r?.oldest_id ?? null,
      running: r?.running ?? 0,
      longestRunningSeconds: Math.max(0, Math.round(r?.longest_running ?? 0)),
    };
  });
}

export type HeartbeatInput = { id: string; host: string; pid: number; queues: string[]; capacity: { jobSlots: number; poolMax: number; lockPoolMax: number } };

/** The worker says it is alive, on the watch connection. Beats of processes gone for a day are swept. */
export async function beatWorker(beat: HeartbeatInput): Promise<void> {
  await watchSql`
    insert into worker_heartbeats (id, host, pid, queues, capacity)
    values (${beat.id}, ${beat.host}, ${beat.pid}, ${watchSql.json(beat.queues)}, ${watchSql.json(beat.capacity)})
    on conflict (id) do update set beat_at = now()`;
  await watchSql`delete from worker_heartbeats where beat_at < now() - interval '1 day'`;
}

export async function removeWorkerBeat({ id }: { id: string }): Promise<void> {
  await watchSql`delete from worker_heartbeats where id = ${id}`;
}

export type WorkerBeat = {
  id: string;
  host: string;
  pid: number;
  queues: string[];
  capacity: HeartbeatInput["capacity"];
  startedAt: Date;
  beatAt: Date;
  secondsSinceBeat: number;
};

/** The workers that beat in the last 10 minutes (a stopped one drops off), else the last to beat; newest beat first. */
export async function listWorkerBeats(): Promise<WorkerBeat[]> {
  const rows = await sql<
    { id: string; host: string; pid: number; queues: string[]; capacity: HeartbeatInput["capacity"]; started_at: Date; beat_at: Date; since: number }[]
  >`
    select id, host, pid, queues, capacity, started_at, beat_at, extract(epoch from now() - beat_at)::float8 as since
    from worker_heartbeats
    where beat_at > now() - interval '10 minutes' or id = (select id from worker_heartbeats order by beat_at desc limit 1)
    order by beat_at desc limit 20`;
  return rows.map((r) => ({
    id: r.id,
    host: r.host,
    pid: r.pid,
    queues: r.queues,
    capacity: r.capacity,
    startedAt: new Date(r.started_at),
    beatAt: new Date(r.beat_at),
    secondsSinceBeat: Math.max(0, Math.round(r.since)),
  }));
}

/**
 * Records which queues are stalled now, and forgets those that have not been for `quietSeconds`.
 * Returns the queues whose stall nobody was told of yet, claimed for this caller: of several watching workers,
 * one tells.
 */
export async function claimNewStalls({
  stalled,
  quietSeconds,
}: {
  stalled: { queue: string; oldestJobId: string | null }[];
  quietSeconds: number;
}): Promise<string[]> {
  const names = stalled.map((s) => s.queue);
  await watchSql`delete from queue_stalls where not (queue = any(${names}::text[])) and last_seen_at < now() - make_interval(secs => ${quietSeconds})`;
  if (stalled.length === 0) return [];
  for (const s of stalled) {
    await watchSql`insert into queue_stalls (queue, oldest_job_id) values (${s.queue}, ${s.oldestJobId}) on conflict (queue) do update set oldest_job_id = excluded.oldest_job_id, last_seen_at = now()`;
  }
  const claimed = await watchSql<{ queue: string }[]>`
    update queue_stalls set alerted_at = now() where queue = any(${names}::text[]) and alerted_at is null returning queue`;
  return claimed.map((r) => r.queue);
}

/** The people told about a stuck queue: active managers and admins, with their email. */
export async function listStallRecipients(): Promise<{ id: string; email: string; name: string | null }[]> {
  return watchSql<{ id: string; email: string; name: string | null }[]>`
    select id, email, name from users where role in ('manager', 'admin') and active order by email`;
}

/** The in-app notice of a stuck queue, on the watch connection (the jobs' pool may be what is stuck). */
export async function insertStallNotices({ userIds, title, body }: { userIds: string[]; title: string; body: string }): Promise<void> {
  if (userIds.length === 0) return;
  await watchSql`
    insert into notifications (user_id, event, title, body)
    select u, 'queue_stalled', ${title}, ${body} from unnest(${userIds}::text[]) as u`;
}
