import { desc, eq, sql as dsql } from "drizzle-orm";
import { db } from "@/db";
import { ruleSetVersions } from "@/db/schema";

export async function findPublishedRuleSet() {
  const [row] = await db.select().from(ruleSetVersions).where(eq(ruleSetVersions.status, "published")).limit(1);
  return row ?? null;
}

export async function latestRuleSetVersion(): Promise<number> {
  const [row] = await db.select({ version: ruleSetVersions.version }).from(ruleSetVersions).orderBy(desc(ruleSetVersions.version)).limit(1);
  return row?.version ?? 0;
}

/** Publishes the shipped default as version 1 when no rule set exists yet (first start, demo, tests). */
export async function ensureDefaultRuleSet(rules: Record<string, unknown>): Promise<void> {
  await db
    .insert(ruleSetVersions)
    .values({ version: 1, status: "published", rules, note: "Contract default (triage-contract.md section 3)", publishedAt: dsql`now()` })
    .onConflictDoNothing();
}
