import { eq } from "drizzle-orm";
import { db } from "@/db";
import { recordAdminChange } from "@/db/queries/audit";
import { slaPolicies, teams, type BusinessHours, type HandoffPriority, type SlaPolicy } from "@/db/schema";
import { priorities } from "@/lib/contract/package";
import { defaultSlaMinutes } from "@/lib/sla/due-at";

type AuditActor = { id: string; email: string };

/** Each priority's policy, with the built-in default for a priority that has no row yet. */
export async function listSlaPolicies(): Promise<SlaPolicy[]> {
  const rows = await db.select().from(slaPolicies);
  return priorities.map(
    (priority) =>
      rows.find((r) => r.priority === priority) ?? {
        priority,
        minutes: defaultSlaMinutes[priority],
        maxBreaches: 2,
        reassignOnBreach: priority !== "nurture",
        updatedAt: new Date(0),
      },
  );
}

export async function saveSlaPolicy({
  actor,
  policy,
}: {
  actor: AuditActor;
  policy: { priority: HandoffPriority; minutes: number; maxBreaches: number; reassignOnBreach: boolean };
}): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(slaPolicies).where(eq(slaPolicies.priority, policy.priority)).for("update");
    const values = { minutes: policy.minutes, maxBreaches: policy.maxBreaches, reassignOnBreach: policy.reassignOnBreach, updatedAt: new Date() };
    await tx
      .insert(slaPolicies)
      .values({ priority: policy.priority, ...values })
      .onConflictDoUpdate({ target: slaPolicies.priority, set: values });
    const shape = (p: { minutes: number; maxBreaches: number; reassignOnBreach: boolean }) => ({
      minutes: p.minutes,
      maxBreaches: p.maxBreaches,
      reassignOnBreach: p.reassignOnBreach,
    });
    await recordAdminChange(tx, {
      actor,
      action: "sla_policy.update",
      entityType: "sla_policy",
      entityId: policy.priority,
      before: before ? shape(before) : null,
      after: shape(policy),
    });
  });
}

/** Null when the team does not exist. */
export async function saveTeamCalendar({
  actor,
  teamId,
  timeZone,
  businessHours,
}: {
  actor: AuditActor;
  teamId: string;
  timeZone: string;
  businessHours: BusinessHours;
}): Promise<{ name: string } | null> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(teams).where(eq(teams.id, teamId)).for("update");
    if (!before) return null;
    await tx.update(teams).set({ timeZone, businessHours }).where(eq(teams.id, teamId));
    await recordAdminChange(tx, {
      actor,
      action: "team_calendar.update",
      entityType: "team",
      entityId: teamId,
      before: { team: before.name, timeZone: before.timeZone, businessHours: before.businessHours },
      after: { team: before.name, timeZone, businessHours },
    });
    return { name: before.name };
  });
}
