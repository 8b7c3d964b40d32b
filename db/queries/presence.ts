import { and, eq, gt, inArray, lt, ne, sql as dsql } from "drizzle-orm";
import { db } from "@/db";
import { handoffEvents, handoffViewers, users } from "@/db/schema";

/** Seen within this long: still looking at the package (the page beats every ~15 s). */
export const VIEWING_WINDOW_SECONDS = 30;
/** Acted within this long: "a moment ago". */
export const ACTED_WINDOW_SECONDS = 120;

export type Presence = {
  viewers: string[];
  /** The latest change a person made, if it was a moment ago. */
  acted: { by: string; type: string; toStatus: string | null; at: Date } | null;
};

/**
 * The package page's heartbeat: this person has it open now. Rows of people who closed the tab
 * without leaving the page stay behind; each beat clears this package's stale ones.
 */
export async function recordViewer({ handoffId, userId }: { handoffId: string; userId: string }) {
  await db.transaction(async (tx) => {
    await tx
      .insert(handoffViewers)
      .values({ handoffId, userId })
      .onConflictDoUpdate({ target: [handoffViewers.handoffId, handoffViewers.userId], set: { seenAt: dsql`now()` } });
    await tx.delete(handoffViewers).where(and(eq(handoffViewers.handoffId, handoffId), lt(handoffViewers.seenAt, dsql`now() - interval '1 hour'`)));
  });
}

/** The person left the page: stop showing them at once rather than after the window. */
export async function removeViewer({ handoffId, userId }: { handoffId: string; userId: string }) {
  await db.delete(handoffViewers).where(and(eq(handoffViewers.handoffId, handoffId), eq(handoffViewers.userId, userId)));
}

/**
 * Who else is looking at these packages, and who else changed one of them a moment ago. Both
 * read only the given packages through their primary-key and (handoff, time) indexes.
 */
export async function listPresence({ handoffIds, exceptUserId }: { handoffIds: string[]; exceptUserId: string }): Promise<Map<string, Presence>> {
  const out = new Map<string, Presence>();
  if (handoffIds.length === 0) return out;
  const [viewers, acted] = await Promise.all([
    db
      .select({ handoffId: handoffViewers.handoffId, name: dsql<string>`coalesce(${users.name}, ${users.email})` })
      .from(handoffViewers)
      .innerJoin(users, eq(users.id, handoffViewers.userId))
      .where(
        and(
          inArray(handoffViewers.handoffId, handoffIds),
          ne(handoffViewers.userId, exceptUserId),
          gt(handoffViewers.seenAt, dsql`now() - make_interval(secs => ${VIEWING_WINDOW_SECONDS})`),
        ),
      )
      .orderBy(users.name),
    db
      .selectDistinctOn([handoffEvents.handoffId], {
        handoffId: handoffEvents.handoffId,
        by: dsql<string>`coalesce(${users.name}, ${users.email})`,
        type: handoffEvents.type,
        toStatus: handoffEvents.toStatus,
        at: handoffEvents.createdAt,
      })
      .from(handoffEvents)
      .innerJoin(users, eq(users.id, handoffEvents.actorId))
      .where(
        and(
          inArray(handoffEvents.handoffId, handoffIds),
          ne(handoffEvents.actorId, exceptUserId),
          gt(handoffEvents.createdAt, dsql`now() - make_interval(secs => ${ACTED_WINDOW_SECONDS})`),
        ),
      )
      .orderBy(handoffEvents.handoffId, dsql`${handoffEvents.createdAt} desc`),
  ]);
  const entry = (id: string) => out.get(id) ?? out.set(id, { viewers: [], acted: null }).get(id)!;
  for (const v of viewers) entry(v.handoffId).viewers.push(v.name);
  for (const a of acted) entry(a.handoffId).acted = { by: a.by, type: a.type, toStatus: a.toStatus, at: a.at };
  return out;
}
