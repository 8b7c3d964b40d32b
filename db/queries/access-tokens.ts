import { and, eq, isNull, sql as dsql } from "drizzle-orm";
import { db, type Transaction } from "@/db";
import { recordAdminChange } from "@/db/queries/audit";
import { accessTokens, users, type AccessTokenKind } from "@/db/schema";
import type { SpentTokenProblem } from "@/lib/auth/access-token";

type Executor = Transaction | typeof db;

/**
 * A new emailed link for this user. Earlier unused links of the same kind stop working: only the
 * newest invitation or reset link counts.
 */
export async function issueAccessToken(
  executor: Executor,
  input: { kind: AccessTokenKind; userId: string; tokenHash: string; ttlMs: number; createdById: string | null },
): Promise<{ expiresAt: Date }> {
  await executor
    .update(accessTokens)
    .set({ usedAt: dsql`now()` })
    .where(and(eq(accessTokens.userId, input.userId), eq(accessTokens.kind, input.kind), isNull(accessTokens.usedAt)));
  const [row] = await executor
    .insert(accessTokens)
    .values({
      kind: input.kind,
      userId: input.userId,
      tokenHash: input.tokenHash,
      expiresAt: dsql`now() + make_interval(secs => ${input.ttlMs / 1000})`,
      createdById: input.createdById,
    })
    .returning({ expiresAt: accessTokens.expiresAt });
  return { expiresAt: row!.expiresAt };
}

export type TokenHolder = { userId: string; email: string; name: string | null };

/** Whether a link still works, for its page to show the form or say why not. Spends nothing. */
export async function peekAccessToken({
  kind,
  tokenHash,
}: {
  kind: AccessTokenKind;
  tokenHash: string;
}): Promise<{ ok: true; holder: TokenHolder } | { ok: false; problem: SpentTokenProblem }> {
  const [row] = await db
    .select({
      userId: accessTokens.userId,
      usedAt: accessTokens.usedAt,
      expired: dsql<boolean>`${accessTokens.expiresAt} <= now()`,
      email: users.email,
      name: users.name,
      active: users.active,
    })
    .from(accessTokens)
    .innerJoin(users, eq(users.id, accessTokens.userId))
    .where(and(eq(accessTokens.tokenHash, tokenHash), eq(accessTokens.kind, kind)));
  if (!row) return { ok: false, problem: "unknown" };
  if (row.usedAt) return { ok: false, problem: "used" };
  if (row.expired) return { ok: false, problem: "expired" };
  if (!row.active) return { ok: false, problem: "inactive" };
  return { ok: true, holder: { userId: row.userId, email: row.email, name: row.name } };
}

/**
 * Spends the link and sets the password in one transaction: the row is claimed by the same
 * statement that checks it is unused and unexpired, so a second click (or two at once) finds it
 * spent. Every session the user had ends (the version goes up, none is kept).
 */
export async function spendAccessTokenForPassword({
  kind,
  tokenHash,
  passwordHash,
}: {
  kind: AccessTokenKind;
  tokenHash: string;
  passwordHash: string;
}): Promise<{ ok: true; holder: TokenHolder } | { ok: false; problem: SpentTokenProblem }> {
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(accessTokens)
      .set({ usedAt: dsql`now()` })
      .where(
        and(
          eq(accessTokens.tokenHash, tokenHash),
          eq(accessTokens.kind, kind),
          isNull(accessTokens.usedAt),
          dsql`${accessTokens.expiresAt} > now()`,
          dsql`exists (select 1 from ${users} where ${users.id} = ${accessTokens.userId} and ${users.active})`,
        ),
      )
      .returning({ userId: accessTokens.userId });
    if (!claimed) {
      const peeked = await peekAccessToken({ kind, tokenHash });
      return { ok: false, problem: peeked.ok ? "unknown" : peeked.problem } as const;
    }
    const [user] = await tx
      .update(users)
      .set({ passwordHash, sessionVersion: dsql`${users.sessionVersion} + 1`, keptSessionId: null })
      .where(eq(users.id, claimed.userId))
      .returning({ userId: users.id, email: users.email, name: users.name });
    const action = kind === "invitation" ? "invitation.accept" : "password_reset.complete";
    await recordAdminChange(tx, {
      actor: { id: user!.userId, email: user!.email },
      action,
      entityType: kind,
      entityId: user!.userId,
      after: { sessionsEnded: true },
    });
    return { ok: true, holder: user! } as const;
  });
}

/** issueAccessToken in its own transaction (the old links are retired with the new one issued). */
export async function issueAccessTokenAlone(input: Parameters<typeof issueAccessToken>[1]) {
  return db.transaction((tx) => issueAccessToken(tx, input));
}
