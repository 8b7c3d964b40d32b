import { and, desc, eq, inArray, sql as dsql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db, lockSql } from "@/db";
import { companies, crmMappings, handoffs, users } from "@/db/schema";
import { jobSignal } from "@/lib/jobs/job-signal";

export type MappingRow = typeof crmMappings.$inferSelect;

/** Everything planSync needs about these handoffs, in one query. */
export async function loadCrmSyncSources({ handoffIds }: { handoffIds: string[] }) {
  if (handoffIds.length === 0) return [];
  const owner = alias(users, "owner");
  return db
    .select({ handoff: handoffs, companyDomain: companies.domain, ownerEmail: owner.email })
    .from(handoffs)
    .leftJoin(companies, eq(companies.id, handoffs.companyId))
    .leftJoin(owner, eq(owner.id, handoffs.ownerId))
    .where(inArray(handoffs.id, handoffIds));
}

/** The mappings of these records; without `portal`, in any portal of the adapter (newest first). */
export async function listMappings({ adapter, portal, refs }: { adapter: string; portal?: string; refs: { kind: string; key: string }[] }) {
  if (refs.length === 0) return [];
  const wanted = new Set(refs.map((r) => `${r.kind}:${r.key}`));
  // By kind and key lists, which the primary key serves; the exact pairs are picked out here.
  const rows = await db
    .select()
    .from(crmMappings)
    .where(
      and(
        eq(crmMappings.adapter, adapter),
        portal === undefined ? undefined : eq(crmMappings.portal, portal),
        inArray(crmMappings.kind, [...new Set(refs.map((r) => r.kind))]),
        inArray(crmMappings.key, [...new Set(refs.map((r) => r.key))]),
      ),
    )
    .orderBy(desc(crmMappings.updatedAt));
  return rows.filter((m) => wanted.has(`${m.kind}:${m.key}`));
}

/** Written before the CRM call: a create in flight. Rows that already existed are left as they are. */
export async function reserveMappings({ adapter, portal, kind, keys }: { adapter: string; portal: string; kind: string; keys: string[] }) {
  if (keys.length === 0) return;
  await db
    .insert(crmMappings)
    .values(keys.map((key) => ({ adapter, portal, kind, key })))
    .onConflictDoNothing();
}

export async function saveMappings(options: { adapter: string; portal: string; kind: string; rows: { key: string; crmId: string; url: string | null }[] }) {
  if (options.rows.length === 0) return;
  await db
    .insert(crmMappings)
    .values(options.rows.map((r) => ({ adapter: options.adapter, portal: options.portal, kind: options.kind, key: r.key, crmId: r.crmId, url: r.url })))
    .onConflictDoUpdate({
      target: [crmMappings.adapter, crmMappings.portal, crmMappings.kind, crmMappings.key],
      set: { crmId: dsql`excluded.crm_id`, url: dsql`excluded.url`, updatedAt: dsql`now()` },
    });
}

/**
 * Runs `work` holding a session advisory lock per key (sorted, so two syncs never deadlock): two
 * jobs touching the same person, account or handoff take turns instead of both creating it.
 *
 * The locks live on a connection of the lock pool (`lockSql`), never the jobs' pool: `work` needs
 * connections of its own, and a lock holder that waited for a pooled connection while the waiters
 * for its lock held them all would wait forever. A lock wait ends after CRM_LOCK_TIMEOUT_SECONDS
 * (the job fails and retries later), or at once when the running job is given up (its abort
 * signal cancels the wait). A worker that dies releases the locks with its connection.
 */
export async function withCrmLocks<T>(keys: string[], work: () => Promise<T>): Promise<T> {
  const sorted = [...new Set(keys)].sort();
  const signal = jobSignal();
  signal?.throwIfAborted();
  const connection = await lockSql.reserve();
  try {
    const locking = connection`select pg_advisory_lock(hashtextextended(k, 7)) from (select unnest(${sorted}::text[]) as k order by 1) locks`;
    const cancel = () => void locking.cancel();
    signal?.addEventListener("abort", cancel, { once: true });
    try {
      await locking;
    } catch (error) {
      signal?.throwIfAborted();
      if ((error as { code?: string }).code === "55P03") throw new CrmLockTimeoutError(sorted.length);
      throw error;
    } finally {
      signal?.removeEventListener("abort", cancel);
    }
    signal?.throwIfAborted();
    return await work();
  } finally {
    await connection`select pg_advisory_unlock_all()`.catch(() => undefined);
    connection.release();
  }
}

/** Another sync held a record this one needs for longer than the lock timeout: retried later, with backoff. */
export class CrmLockTimeoutError extends Error {
  constructor(keys: number) {
    super(`Another CRM sync of the same records (${keys} keys) did not finish within the lock timeout; this one will retry.`);
    this.name = "CrmLockTimeoutError";
  }
}

/** The packages' "CRM record" links (traceability.crmRecord): system bookkeeping, so no version bump. */
export async function setPackageCrmRecords({ links }: { links: { handoffId: string; url: string }[] }) {
  if (links.length === 0) return;
  const values = dsql.join(
    links.map((l) => dsql`(${l.handoffId}::uuid, ${l.url}::text)`),
    dsql`, `,
  );
  await db.execute(dsql`
    update ${handoffs} set package = jsonb_set(package, '{traceability,crmRecord}', to_jsonb(v.url))
    from (values ${values}) as v(id, url)
    where ${handoffs.id} = v.id and package->'traceability'->>'crmRecord' is distinct from v.url`);
}
