import { and, asc, desc, eq, ne, sql as dsql } from "drizzle-orm";
import { db, type Transaction } from "@/db";
import { recordAdminChange } from "@/db/queries/audit";
import { teams, users, type User, type UserRole } from "@/db/schema";

type AuditActor = { id: string; email: string };

export type AdminUserRow = Pick<User, "id" | "name" | "email" | "role" | "teamId" | "capacity" | "active" | "createdAt"> & { teamName: string | null };

export async function listUsersForAdmin(): Promise<AdminUserRow[]> {
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, teamId: users.teamId, capacity: users.capacity, active: users.active, createdAt: users.createdAt, teamName: teams.name })
    .from(users)
    .leftJoin(teams, eq(teams.id, users.teamId))
    .orderBy(desc(users.active), asc(dsql`lower(coalesce(${users.name}, ${users.email}))`));
}

export type CreateUserResult = { ok: true; user: AdminUserRow } | { ok: false; reason: "email_taken" | "no_team" };

export async function createUserByAdmin({
  actor,
  user,
}: {
  actor: AuditActor;
  user: { name: string; email: string; role: UserRole; teamId: string | null; capacity: number; passwordHash: string };
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
    return { ok: true, user: { ...pickRow(row), teamName: null } } as const;
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
    await tx.select({ id: users.id }).from(users).where(and(eq(users.role, "admin"), eq(users.active, true))).for("update");
    const [before] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
    if (!before) return { ok: false, reason: "not_found" } as const;
    if (change.teamId && !(await teamExists(tx, change.teamId))) return { ok: false, reason: "no_team" } as const;
    const staysAdmin = (change.role ?? before.role) === "admin" && (change.active ?? before.active);
    if (before.role === "admin" && before.active && !staysAdmin) {
      const [{ others }] = await tx
        .select({ others: dsql<number>`count(*)::int` })
        .from(users)
        .where(and(eq(users.role, "admin"), eq(users.active, true), ne(users.id, userId)));
      if (others === 0) return { ok: false, reason: "last_admin" } as const;
    }
    const [after] = await tx.update(users).set(change).where(eq(users.id, userId)).returning();
    await recordAdminChange(tx, { actor, action, entityType: "user", entityId: userId, before: snapshot(before), after: snapshot(after) });
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

function pickRow(row: User): Omit<AdminUserRow, "teamName"> {
  return { id: row.id, name: row.name, email: row.email, role: row.role, teamId: row.teamId, capacity: row.capacity, active: row.active, createdAt: row.createdAt };
}
