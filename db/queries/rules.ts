import { desc, eq, sql as dsql } from "drizzle-orm";
import { db, type Transaction } from "@/db";
import { intakes, ruleSetVersions, users, type RuleSetVersion } from "@/db/schema";
import { recordAdminChange } from "./audit";

type Actor = { id: string; email: string };

/** The one draft always has this number; publishing gives it the next real one. */
export const DRAFT_VERSION = 0;

export async function findPublishedRuleSet() {
  const [row] = await db.select().from(ruleSetVersions).where(eq(ruleSetVersions.status, "published")).limit(1);
  return row ?? null;
}

/** Just the published version's number: the intake path asks this per lead (one index lookup). */
export async function publishedRuleSetVersion(): Promise<number | null> {
  const [row] = await db.select({ version: ruleSetVersions.version }).from(ruleSetVersions).where(eq(ruleSetVersions.status, "published")).limit(1);
  return row?.version ?? null;
}

export async function latestRuleSetVersion(): Promise<number> {
  const [row] = await db.select({ version: ruleSetVersions.version }).from(ruleSetVersions).orderBy(desc(ruleSetVersions.version)).limit(1);
  return row?.version ?? 0;
}

export async function findRuleSetVersion(version: number): Promise<RuleSetVersion | null> {
  const [row] = await db.select().from(ruleSetVersions).where(eq(ruleSetVersions.version, version)).limit(1);
  return row ?? null;
}

export async function findRuleSetDraft(): Promise<RuleSetVersion | null> {
  const [row] = await db.select().from(ruleSetVersions).where(eq(ruleSetVersions.status, "draft")).limit(1);
  return row ?? null;
}

/** Every version, newest first, with who made it: the history list. */
export async function listRuleSetVersions() {
  return db
    .select({
      version: ruleSetVersions.version,
      status: ruleSetVersions.status,
      note: ruleSetVersions.note,
      restoredFrom: ruleSetVersions.restoredFrom,
      createdAt: ruleSetVersions.createdAt,
      publishedAt: ruleSetVersions.publishedAt,
      createdBy: dsql<string | null>`coalesce(${users.name}, ${users.email})`,
    })
    .from(ruleSetVersions)
    .leftJoin(users, eq(users.id, ruleSetVersions.createdById))
    .orderBy(dsql`${ruleSetVersions.status} = 'draft' desc`, desc(ruleSetVersions.version));
}

/** Publishes the shipped default as version 1 when no rule set exists yet (first start, demo, tests). */
export async function ensureDefaultRuleSet(rules: Record<string, unknown>): Promise<void> {
  await db
    .insert(ruleSetVersions)
    .values({ version: 1, status: "published", rules, note: "Contract default (triage-contract.md section 3)", publishedAt: dsql`now()` })
    .onConflictDoNothing();
}

/** Writes the working draft (creating it if there is none). The caller has validated `rules`. */
export async function saveRuleSetDraft(input: { actor: Actor; rules: Record<string, unknown>; note: string | null }): Promise<RuleSetVersion> {
  return db.transaction(async (tx) => {
    await lockRuleSets(tx);
    const [before] = await tx.select().from(ruleSetVersions).where(eq(ruleSetVersions.status, "draft"));
    const [row] = await tx
      .insert(ruleSetVersions)
      .values({ version: DRAFT_VERSION, status: "draft", rules: input.rules, note: input.note, createdById: input.actor.id })
      .onConflictDoUpdate({
        target: ruleSetVersions.version,
        set: { rules: input.rules, note: input.note, createdById: input.actor.id, createdAt: dsql`now()` },
      })
      .returning();
    await recordAdminChange(tx, {
      actor: input.actor,
      action: "rules.save_draft",
      entityType: "rule_set",
      entityId: "draft",
      before: before ? { rules: before.rules, note: before.note } : null,
      after: { rules: row!.rules, note: row!.note },
    });
    return row!;
  });
}

/**
 * Publishes `rules` as the next version: the draft becomes it (or a new row, with no draft), the
 * previous published version is archived. One transaction, serialised with every other rules write.
 * With `basedOn`, null when another version was published since the editor loaded that one: an
 * admin never overwrites a colleague's publication unseen.
 */
export async function publishRuleSet(input: {
  actor: Actor;
  rules: Record<string, unknown>;
  note: string | null;
  basedOn?: number;
}): Promise<RuleSetVersion | null> {
  return db.transaction(async (tx) => {
    await lockRuleSets(tx);
    if (input.basedOn !== undefined) {
      const [current] = await tx.select({ version: ruleSetVersions.version }).from(ruleSetVersions).where(eq(ruleSetVersions.status, "published"));
      if (current && current.version !== input.basedOn) return null;
    }
    const previous = await archivePublished(tx);
    const next = await nextVersion(tx);
    const [fromDraft] = await tx
      .update(ruleSetVersions)
      .set({ version: next, status: "published", rules: input.rules, note: input.note, createdById: input.actor.id, publishedAt: dsql`now()` })
      .where(eq(ruleSetVersions.status, "draft"))
      .returning();
    const row =
      fromDraft ??
      (
        await tx
          .insert(ruleSetVersions)
          .values({ version: next, status: "published", rules: input.rules, note: input.note, createdById: input.actor.id, publishedAt: dsql`now()` })
          .returning()
      )[0];
    await recordAdminChange(tx, {
      actor: input.actor,
      action: "rules.publish",
      entityType: "rule_set",
      entityId: String(row!.version),
      before: previous ? { version: previous.version, rules: previous.rules } : null,
      after: { version: row!.version, rules: row!.rules, note: row!.note },
    });
    return row!;
  });
}

/**
 * Restores an earlier version by publishing a new version with its content: numbers only go up,
 * so every package's rule version still names exactly the rules that were in force when it was
 * decided, and the history reads in the order things happened. The draft is left as it was.
 */
export async function restoreRuleSetVersion(input: { actor: Actor; version: number; note: string | null }): Promise<RuleSetVersion | null> {
  return db.transaction(async (tx) => {
    await lockRuleSets(tx);
    const [source] = await tx.select().from(ruleSetVersions).where(eq(ruleSetVersions.version, input.version));
    if (!source || source.status === "draft") return null;
    const previous = await archivePublished(tx);
    const next = await nextVersion(tx);
    const [row] = await tx
      .insert(ruleSetVersions)
      .values({
        version: next,
        status: "published",
        rules: source.rules,
        note: input.note ?? `Restored from version ${source.version}`,
        restoredFrom: source.version,
        createdById: input.actor.id,
        publishedAt: dsql`now()`,
      })
      .returning();
    await recordAdminChange(tx, {
      actor: input.actor,
      action: "rules.restore",
      entityType: "rule_set",
      entityId: String(row!.version),
      before: previous ? { version: previous.version, rules: previous.rules } : null,
      after: { version: row!.version, restoredFrom: source.version, rules: row!.rules, note: row!.note },
    });
    return row!;
  });
}

/** The most recent intakes' raw events, newest first: what the rules simulation replays. */
export async function listRecentIntakeEvents({ limit }: { limit: number }) {
  return db
    .select({ id: intakes.id, raw: intakes.raw, handoffId: dsql<string | null>`${intakes.response}->>'handoffId'` })
    .from(intakes)
    .orderBy(desc(intakes.createdAt))
    .limit(limit);
}

// Every rules write takes this lock first: two admins publishing at once get consecutive versions.
async function lockRuleSets(tx: Transaction) {
  await tx.execute(dsql`select pg_advisory_xact_lock(hashtext('rule_set_versions'))`);
}

async function archivePublished(tx: Transaction) {
  const [previous] = await tx.update(ruleSetVersions).set({ status: "archived" }).where(eq(ruleSetVersions.status, "published")).returning();
  return previous ?? null;
}

async function nextVersion(tx: Transaction): Promise<number> {
  const [row] = await tx.select({ max: dsql<number>`coalesce(max(${ruleSetVersions.version}), 0)::int` }).from(ruleSetVersions);
  return Math.max(row!.max, DRAFT_VERSION) + 1;
}
