import { asc, eq } from "drizzle-orm";
import { db } from "@/db";
import { teams } from "@/db/schema";

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

export async function listTeams() {
  return db.select().from(teams).orderBy(asc(teams.name));
}

export async function findTeamById(id: string) {
  const [row] = await db.select().from(teams).where(eq(teams.id, id));
  return row ?? null;
}
