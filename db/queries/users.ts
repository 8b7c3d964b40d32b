import { and, asc, eq, sql as dsql } from "drizzle-orm";
import { db } from "@/db";
import { teams, users, type UserRole } from "@/db/schema";

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

export async function findTeamByName({ name }: { name: string }) {
  const [row] = await db.select().from(teams).where(eq(teams.name, name)).limit(1);
  return row ?? null;
}

export async function upsertTeam({ name, timeZone }: { name: string; timeZone?: string }) {
  const [row] = await db
    .insert(teams)
    .values({ name, timeZone: timeZone ?? "UTC" })
    .onConflictDoUpdate({ target: teams.name, set: { name } })
    .returning();
  return row;
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

export async function listTeams() {
  return db.select().from(teams).orderBy(asc(teams.name));
}
