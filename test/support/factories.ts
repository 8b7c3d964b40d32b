import { randomUUID } from "node:crypto";
import { db } from "@/db";
import { handoffEvents, handoffs, teams, users, type HandoffPriority, type HandoffStatus, type UserRole } from "@/db/schema";
import type { Actor } from "@/lib/auth/guard";
import type { HandoffPackage } from "@/lib/contract/package";

// Real rows in the test database; every name is unique so files never collide.

export async function createTeam(name = `Team ${randomUUID().slice(0, 8)}`) {
  const [team] = await db.insert(teams).values({ name }).returning();
  return team;
}

export async function createUser(options: { role: UserRole; teamId: string | null; active?: boolean; name?: string }): Promise<Actor> {
  const suffix = randomUUID().slice(0, 8);
  const [user] = await db
    .insert(users)
    .values({
      email: `${options.role}-${suffix}@example.test`,
      name: options.name ?? `${options.role} ${suffix}`,
      role: options.role,
      teamId: options.teamId,
      active: options.active ?? true,
    })
    .returning();
  return { id: user!.id, name: user!.name, email: user!.email, role: user!.role, teamId: user!.teamId };
}

export async function createHandoff(options: {
  teamId: string | null;
  ownerId?: string | null;
  priority?: HandoffPriority;
  status?: HandoffStatus;
  slaDueAt?: Date;
  createdAt?: Date;
  leadName?: string;
}) {
  const [row] = await db
    .insert(handoffs)
    .values({
      teamId: options.teamId,
      ownerId: options.ownerId ?? null,
      priority: options.priority ?? "immediate",
      status: options.status ?? "pending",
      slaDueAt: options.slaDueAt ?? new Date(Date.now() + 15 * 60_000),
      createdAt: options.createdAt ?? new Date(),
      channel: "form",
      ruleVersion: 1,
      leadName: options.leadName ?? "Ana Ruiz",
      companyName: "Acme",
      reasons: ["high_value"],
      package: minimalPackage(options.leadName ?? "Ana Ruiz"),
      summary: minimalPackage(options.leadName ?? "Ana Ruiz").summary,
    })
    .returning();
  await db.insert(handoffEvents).values({ handoffId: row!.id, type: "created", actorKind: "agent" });
  return row;
}

export function minimalPackage(name: string): HandoffPackage {
  return {
    identification: { name, email: "ana@acme.io", phone: null, company: "Acme", role: null, website: null },
    source: { channel: "form", receivedAt: "2026-11-20T10:15:00Z" },
    need: "Qualify inbound form leads",
    intent: "diagnosis",
    salesContext: {
      urgency: null,
      timelineDays: null,
      volume: null,
      employees: null,
      monthlyLeads: null,
      budget: null,
      team: null,
      currentTools: [],
      affectedProcess: null,
    },
    qualification: { fit: "good", whyFits: [], whyNot: [], missing: [] },
    reasons: [{ code: "high_value", evidence: "400 leads a month", rule: "default.high_value" }],
    summary: "Ana Ruiz at Acme wants to qualify inbound form leads.",
    facts: { confirmed: [], inferred: [], openQuestions: [] },
    nextStep: { action: "call", owner: null, why: "High value" },
    proposedActions: [],
    traceability: { leadId: null, conversationId: null, intakeId: null, crmRecord: null, ruleVersion: 1 },
  };
}
