import { and, asc, desc, eq, ne, sql as dsql } from "drizzle-orm";
import { db, type Transaction } from "@/db";
import { issueAccessToken } from "@/db/queries/access-tokens";
import { recordAdminChange } from "@/db/queries/audit";
import { auditLog, teams, users, type User, type UserRole } from "@/db/schema";

export async function findUserByEmail({ email }: { email: string }) {
  const [row] = await db
    .select()
    .from(users)
    .where(eq(dsql`lower(${users.email})`, email.trim().toLowerCase()))
    .limit(1);
  return row ?? null;
}

export async function findUserById({ id }: { id: string }) {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row ?? null;
}

/** Creates the user, or updates the one with that email: the CLI and the seed can run twice. */
export async function upsertUser(input: {
  email: string;
  name: string | null;
  role: UserRole;
  passwordHash: string;
  teamId: string | null;
  capacity?: number;
}) {
  const existing = await findUserByEmail({ email: input.email });
  const values = {
    email: input.email.trim().toLowerCase(),
    name: input.name,
    role: input.role,
    passwordHash: input.passwordHash,
    teamId: input.teamId,
    capacity: input.capacity ?? 10,
    active: true,
  };
  if (existing) {
    const [row] = await db.update(users).set(values).where(eq(users.id, existing.id)).returning();
    return { user: row, created: false };
  }
  const [row] = await db.insert(users).values(values).returning();
  return { user: row, created: true };
}

export async function listActiveUsers({ teamId }: { teamId?: string | null } = {}) {
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, teamId: users.teamId })
    .from(users)
    .where(teamId ? and(eq(users.active, true), eq(users.teamId, teamId)) : eq(users.active, true))
    .orderBy(asc(users.name));
}

type AuditActor = { id: string; email: string };

export type AdminUserRow = Pick<
  User,
  "id" | "name" | "email" | "role" | "teamId" | "capacity" | "active" | "createdAt" | "lastSignInAt" | "lastSignInMethod"
> & {
  teamName: string | null;
  /** No password set yet: invited and not yet accepted (or single sign-on only). */
  passwordSet: boolean;
};

export async function listUsersForAdmin(): Promise<AdminUserRow[]> {
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      teamId: users.teamId,
      capacity: users.capacity,
      active: users.active,
      createdAt: users.createdAt,
      lastSignInAt: users.lastSignInAt,
      lastSignInMethod: users.lastSignInMethod,
      passwordSet: dsql<boolean>`${users.passwordHash} is not null`,
      teamName: teams.name,
    })
    .from(users)
    .leftJoin(teams, eq(teams.id, users.teamId))
    .orderBy(desc(users.active), asc(dsql`lower(coalesce(${users.name}, ${users.email}))`));
}

export type CreateUserResult = { ok: true; user: AdminUserRow } | { ok: false; reason: "email_taken" | "no_team" };

export async function createUserByAdmin({
  actor,
  user,
  invitation,
}: {
  actor: AuditActor;
  user: { name: string; email: string; role: UserRole; teamId: string | null; capacity: number; passwordHash: string | null };
  /** The hash of the invitation link's token, stored with the user in the same transaction. */
  invitation?: { tokenHash: string; ttlMs: number };
}): Promise<CreateUserResult> {
  return db.transaction(async (tx) => {
    if (user.teamId && !(await teamExists(tx, user.teamId))) return { ok: false, reason: "no_team" } as const;
    const [row] = await tx
      .insert(users)
      .values({ ...user, email: user.email.trim().toLowerCase(), active: true })
      .onConflictDoNothing()
      .returning();
    if (!row) return { ok: false, reason: "email_taken" } as const;
    await recordAdminChange(tx, { actor, action: "user.create", entityType: "user", entityId: row.id, after: snapshot(row) });
    if (invitation) {
      await issueAccessToken(tx, { kind: "invitation", userId: row.id, tokenHash: invitation.tokenHash, ttlMs: invitation.ttlMs, createdById: actor.id });
      await recordAdminChange(tx, {
        actor,
        action: "invitation.create",
        entityType: "invitation",
        entityId: row.id,
        after: { email: row.email, role: row.role },
      });
    }
    return { ok: true, user: { ...pickRow(row), teamName: null, passwordSet: row.passwordHash !== null } } as const;
  });
}

export type ChangeUserResult = { ok: true } | { ok: false; reason: "not_found" | "no_team" | "last_admin" };

/**
 * Role, team, capacity and whether the person may sign in. A change that would leave no active
 * admin is refused: the admin rows are locked first, so two admins demoting each other at once
 * cannot both succeed.
 */
export async function changeUserByAdmin({
  actor,
  userId,
  change,
  action,
}: {
  actor: AuditActor;
  userId: string;
  change: Partial<{ role: UserRole; teamId: string | null; capacity: number; active: boolean }>;
  action: string;
}): Promise<ChangeUserResult> {
  return db.transaction(async (tx) => {
    await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, "admin"), eq(users.active, true)))
      .for("update");
    const [before] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
    if (!before) return { ok: false, reason: "not_found" } as const;
    if (change.teamId && !(await teamExists(tx, change.teamId))) return { ok: false, reason: "no_team" } as const;
    const staysAdmin = (change.role ?? before.role) === "admin" && (change.active ?? before.active);
    if (before.role === "admin" && before.active && !staysAdmin) {
      const [admins] = await tx
        .select({ others: dsql<number>`count(*)::int` })
        .from(users)
        .where(and(eq(users.role, "admin"), eq(users.active, true), ne(users.id, userId)));
      if (admins?.others === 0) return { ok: false, reason: "last_admin" } as const;
    }
    const [after] = await tx.update(users).set(change).where(eq(users.id, userId)).returning();
    await recordAdminChange(tx, { actor, action, entityType: "user", entityId: userId, before: snapshot(before), after: snapshot(after!) });
    return { ok: true } as const;
  });
}

async function teamExists(tx: Transaction, teamId: string): Promise<boolean> {
  const [row] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId));
  return Boolean(row);
}

// Never the password hash.
function snapshot(row: User) {
  return { email: row.email, name: row.name, role: row.role, teamId: row.teamId, capacity: row.capacity, active: row.active };
}

function pickRow(row: User): Omit<AdminUserRow, "teamName" | "passwordSet"> {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    teamId: row.teamId,
    capacity: row.capacity,
    active: row.active,
    createdAt: row.createdAt,
    lastSignInAt: row.lastSignInAt,
    lastSignInMethod: row.lastSignInMethod,
  };
}

/** A new invitation link for someone who has not set a password yet (the old link stops working). */
export async function reissueInvitation({ actor, userId, tokenHash, ttlMs }: { actor: AuditActor; userId: string; tokenHash: string; ttlMs: number }) {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
    if (!row) return { ok: false, reason: "not_found" } as const;
    if (!row.active) return { ok: false, reason: "inactive" } as const;
    if (row.passwordHash) return { ok: false, reason: "password_set" } as const;
    await issueAccessToken(tx, { kind: "invitation", userId, tokenHash, ttlMs, createdById: actor.id });
    await recordAdminChange(tx, { actor, action: "invitation.resend", entityType: "invitation", entityId: userId, after: { email: row.email } });
    return { ok: true, user: row } as const;
  });
}

/**
 * Sets the user's password and ends their other sessions: the version goes up, and only
 * `keepSessionId` (the session the change was made from) stays signed in.
 */
export async function changeOwnPassword({ user, passwordHash, keepSessionId }: { user: AuditActor; passwordHash: string; keepSessionId: string | null }) {
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, sessionVersion: dsql`${users.sessionVersion} + 1`, keptSessionId: keepSessionId })
      .where(eq(users.id, user.id));
    await recordAdminChange(tx, { actor: user, action: "password.change", entityType: "session", entityId: user.id, after: { otherSessionsEnded: true } });
  });
}

/** "Sign out everywhere": every session of the user ends at its next request, this one included. */
export async function endAllSessions({ actor, userId }: { actor: AuditActor; userId: string }) {
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ sessionVersion: dsql`${users.sessionVersion} + 1`, keptSessionId: null })
      .where(eq(users.id, userId));
    await recordAdminChange(tx, { actor, action: "session.revoke_all", entityType: "session", entityId: userId });
  });
}

export async function updateOwnName({ user, name }: { user: AuditActor; name: string }) {
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ name: users.name }).from(users).where(eq(users.id, user.id)).for("update");
    await tx.update(users).set({ name }).where(eq(users.id, user.id));
    await recordAdminChange(tx, { actor: user, action: "user.rename_self", entityType: "user", entityId: user.id, before, after: { name } });
  });
}

/** A successful sign-in: stamped on the user (admins see it) and in the audit log. */
export async function recordSignIn({ user, method }: { user: AuditActor; method: "password" | "sso" }) {
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ lastSignInAt: dsql`now()`, lastSignInMethod: method })
      .where(eq(users.id, user.id));
    await recordAdminChange(tx, { actor: user, action: "sign_in.success", entityType: "sign_in", entityId: user.id, after: { method } });
  });
}

/** A refused sign-in, by the address tried (the account may not exist). */
export async function recordSignInFailure({
  email,
  userId,
  method,
  reason,
}: {
  email: string;
  userId: string | null;
  method: "password" | "sso";
  reason: string;
}) {
  await db.insert(auditLog).values({
    actorId: userId,
    actorEmail: email.trim().toLowerCase().slice(0, 320) || "(none)",
    action: "sign_in.failure",
    entityType: "sign_in",
    entityId: userId,
    after: { method, reason },
  });
}

/** A person single sign-on lets in for the first time (the admin allowed it): a rep, no password. */
export async function createUserFromSso({ email, name, teamId }: { email: string; name: string | null; teamId: string }) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({ email: email.trim().toLowerCase(), name, role: "rep", teamId, active: true })
      .onConflictDoNothing()
      .returning();
    if (!row) {
      // Created by a sign-in at the same moment: that one's row.
      const [other] = await tx
        .select()
        .from(users)
        .where(eq(dsql`lower(${users.email})`, email.trim().toLowerCase()));
      return other && other.active ? other : null;
    }
    await recordAdminChange(tx, {
      actor: { id: row.id, email: row.email },
      action: "user.create_by_sso",
      entityType: "user",
      entityId: row.id,
      after: snapshot(row),
    });
    return row;
  });
}
