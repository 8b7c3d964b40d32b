import { eq, inArray, sql as dsql } from "drizzle-orm";
import type { Database, Transaction } from "@/db";
import {
  apiKeys,
  approvalRequests,
  companies,
  conversations,
  handoffEvents,
  handoffs,
  intakes,
  leads,
  messages,
  ruleSetVersions,
  teams,
  users,
} from "@/db/schema";
import { buildDemoData, DEMO_PASSWORD, demoUuid, type DemoHandoff, type DemoTeam, type DemoUser } from "@/db/seed/demo-data";
import { triageDemoIntake } from "@/db/seed/demo/approval-requests";
import { demoApprovals, type DemoApproval } from "@/db/seed/demo/approvals";
import { seedDemoRouting } from "@/db/seed/demo/routing";
import type { NewApproval } from "@/db/queries/approvals";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { CHAT_WIDGET_KEY_NAME } from "@/lib/chat/chat-widget-key";
import { generateApiKey, hashApiKey } from "@/lib/intake/credentials";
import { compileRuleSet } from "@/lib/rules/compile";
import { defaultRuleSet } from "@/lib/rules/default-rules";
import { handoffColumnsFromPackage } from "@/lib/handoffs/package-columns";

/** The demo's intake key, for trying POST /api/v1/intake against a local demo. Never valid elsewhere: it exists only in demo data. */
export const DEMO_API_KEY = "baton_demo_local_only_0000000000000000000000";
const DEMO_API_KEY_TEAM = "Inbound EMEA";

export type SeedDemoResult = {
  users: { email: string; role: string; name: string }[];
  /** Handoffs in the demo set. */
  handoffs: number;
  /** Handoffs this run inserted: 0 when the demo data was already there. */
  created: number;
};

type IdMap = Map<string, string>;

/**
 * Loads the demo data set in one transaction. Idempotent: rows have ids derived from stable names and
 * are inserted with "on conflict do nothing", timeline events are written only for handoffs this run
 * created, and the demo users are touched only when they no longer match (so their password is always
 * the demo password, and a second run changes nothing). Rows that already exist under another id
 * (a team, user, company, lead or intake with the same natural key) are reused, not duplicated.
 */
export async function seedDemo(db: Database, options: { now?: Date } = {}): Promise<SeedDemoResult> {
  const now = options.now ?? new Date();
  const data = buildDemoData({ now });

  const created = await db.transaction(async (tx) => {
    const teamIds = await upsertTeams(tx, data.teams);
    const userIds = await upsertUsers(tx, data.users, teamIds);
    await seedDemoRouting(tx, teamIds);
    const companyIds = await insertCompanies(tx, data.handoffs);
    const leadIds = await insertLeads(tx, data.handoffs, companyIds);
    const intakeIds = await insertIntakes(tx, data.handoffs, leadIds);
    await insertConversations(tx, data.handoffs, leadIds);
    const { inserted, requests } = await insertHandoffs(tx, data.handoffs, { teamIds, userIds, companyIds, leadIds, intakeIds });
    // The approval requests their sensitive actions opened, and what became of them, with their events.
    const createdHandoffs = data.handoffs
      .filter((h) => inserted.has(h.handoff.id))
      .map((h) => {
        const { handoff } = h;
        const { approvals, events } = demoApprovals({
          handoffId: handoff.id,
          status: handoff.status,
          ownerEmail: h.ownerEmail,
          createdAt: handoff.createdAt,
          acceptedAt: handoff.acceptedAt ?? null,
          closedAt: handoff.closedAt ?? null,
          requests: requests.get(handoff.id) ?? [],
          now,
        });
        return { ...h, events: [...h.events, ...events], approvals };
      });
    await insertApprovals(
      tx,
      createdHandoffs.flatMap((h) => h.approvals),
      userIds,
    );
    await insertEvents(tx, createdHandoffs, userIds);
    // The rule set the demo handoffs cite (version 1) and a key for posting demo intakes.
    await tx
      .insert(ruleSetVersions)
      .values({
        version: 1,
        status: "published",
        rules: defaultRuleSet as Record<string, unknown>,
        note: "Contract default (triage-contract.md section 3)",
        publishedAt: dsql`now()`,
      })
      .onConflictDoNothing();
    await tx
      .insert(apiKeys)
      .values({
        name: "Demo website forms",
        prefix: DEMO_API_KEY.slice(0, 12),
        keyHash: hashApiKey(DEMO_API_KEY),
        teamId: teamIds.get(DEMO_API_KEY_TEAM) ?? null,
      })
      .onConflictDoNothing({ target: apiKeys.keyHash });
    // The public chat's leads go to this key's team (the demo reps' queue). Its secret is thrown away:
    // the key exists to route the chat, not to post intakes.
    const [chatKey] = await tx.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.name, CHAT_WIDGET_KEY_NAME)).limit(1);
    if (!chatKey) {
      const routingOnly = generateApiKey();
      await tx
        .insert(apiKeys)
        .values({ name: CHAT_WIDGET_KEY_NAME, prefix: routingOnly.prefix, keyHash: routingOnly.hash, teamId: teamIds.get(DEMO_API_KEY_TEAM) ?? null });
    }
    return inserted.size;
  });

  return {
    users: data.users.map((u) => ({ email: u.email, role: u.role, name: u.name })),
    handoffs: data.handoffs.length,
    created,
  };
}

async function upsertTeams(tx: Transaction, demoTeams: readonly DemoTeam[]): Promise<IdMap> {
  await tx
    .insert(teams)
    .values([...demoTeams])
    .onConflictDoNothing({ target: teams.name });
  const rows = await tx
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(
      inArray(
        teams.name,
        demoTeams.map((t) => t.name),
      ),
    );
  return new Map(rows.map((r) => [r.name, r.id]));
}

async function upsertUsers(tx: Transaction, demoUsers: readonly DemoUser[], teamIds: IdMap): Promise<IdMap> {
  const ids: IdMap = new Map();
  for (const user of demoUsers) {
    const email = user.email.toLowerCase();
    const teamId = teamIds.get(user.teamName) ?? null;
    const [existing] = await tx
      .select()
      .from(users)
      .where(eq(dsql`lower(${users.email})`, email))
      .limit(1);
    if (!existing) {
      const [row] = await tx
        .insert(users)
        .values({
          id: demoUuid(`user:${email}`),
          email,
          name: user.name,
          role: user.role,
          teamId,
          active: true,
          passwordHash: await hashPassword(DEMO_PASSWORD),
        })
        .returning({ id: users.id });
      ids.set(email, row!.id);
      continue;
    }
    ids.set(email, existing.id);
    // A fresh hash has a fresh salt: rehash only when the stored one no longer verifies.
    const passwordOk = await verifyPassword(DEMO_PASSWORD, existing.passwordHash);
    const unchanged = passwordOk && existing.name === user.name && existing.role === user.role && existing.teamId === teamId && existing.active;
    if (unchanged) continue;
    await tx
      .update(users)
      .set({ name: user.name, role: user.role, teamId, active: true, passwordHash: passwordOk ? existing.passwordHash : await hashPassword(DEMO_PASSWORD) })
      .where(eq(users.id, existing.id));
  }
  return ids;
}

async function insertCompanies(tx: Transaction, demo: DemoHandoff[]): Promise<IdMap> {
  const rows = unique(demo.flatMap((h) => (h.company ? [h.company] : [])));
  if (!rows.length) return new Map();
  await tx.insert(companies).values(rows).onConflictDoNothing();
  const found = await tx
    .select({ id: companies.id, domain: companies.domain })
    .from(companies)
    .where(
      inArray(
        companies.domain,
        rows.map((c) => c.domain),
      ),
    );
  const byDomain = new Map(found.map((r) => [r.domain, r.id]));
  return new Map(rows.map((c) => [c.id, byDomain.get(c.domain) ?? c.id]));
}

async function insertLeads(tx: Transaction, demo: DemoHandoff[], companyIds: IdMap): Promise<IdMap> {
  // A lead who wrote twice appears in two handoffs: keep the first contact's timestamps.
  const byId = new Map<string, DemoHandoff["lead"]>();
  for (const h of demo) {
    const seen = byId.get(h.lead.id);
    if (!seen || (h.lead.createdAt ?? 0) < (seen.createdAt ?? 0)) byId.set(h.lead.id, h.lead);
  }
  const rows = [...byId.values()].map((l) => ({ ...l, companyId: l.companyId ? (companyIds.get(l.companyId) ?? l.companyId) : null }));
  await tx.insert(leads).values(rows).onConflictDoNothing();

  const emails = rows.flatMap((l) => (l.email ? [l.email.toLowerCase()] : []));
  const found = emails.length
    ? await tx
        .select({ id: leads.id, email: dsql<string>`lower(${leads.email})` })
        .from(leads)
        .where(inArray(dsql`lower(${leads.email})`, emails))
    : [];
  const byEmail = new Map(found.map((r) => [r.email, r.id]));
  return new Map(rows.map((l) => [l.id, (l.email && byEmail.get(l.email.toLowerCase())) || l.id]));
}

async function insertIntakes(tx: Transaction, demo: DemoHandoff[], leadIds: IdMap): Promise<IdMap> {
  const rows = demo.map((h) => ({ ...h.intake, leadId: h.intake.leadId ? (leadIds.get(h.intake.leadId) ?? null) : null }));
  await tx.insert(intakes).values(rows).onConflictDoNothing();
  const found = await tx
    .select({ id: intakes.id, externalId: intakes.externalId })
    .from(intakes)
    .where(
      inArray(
        intakes.externalId,
        rows.map((r) => r.externalId),
      ),
    );
  const byExternalId = new Map(found.map((r) => [r.externalId, r.id]));
  return new Map(rows.map((r) => [r.id, byExternalId.get(r.externalId) ?? r.id]));
}

async function insertConversations(tx: Transaction, demo: DemoHandoff[], leadIds: IdMap): Promise<void> {
  const threads = demo.flatMap((h) => (h.conversation ? [{ ...h.conversation, leadId: mapped(leadIds, h.conversation.leadId) }] : []));
  if (!threads.length) return;
  await tx.insert(conversations).values(threads).onConflictDoNothing();
  await tx
    .insert(messages)
    .values(demo.flatMap((h) => h.messages))
    .onConflictDoNothing();
}

async function insertHandoffs(
  tx: Transaction,
  demo: DemoHandoff[],
  ids: { teamIds: IdMap; userIds: IdMap; companyIds: IdMap; leadIds: IdMap; intakeIds: IdMap },
): Promise<{ inserted: Set<string>; requests: Map<string, NewApproval[]> }> {
  const rules = compileRuleSet(defaultRuleSet, 1);
  const requests = new Map<string, NewApproval[]>();
  const rows = demo.map(({ handoff, intake, teamName, ownerEmail }) => {
    const leadId = mapped(ids.leadIds, handoff.leadId);
    const intakeId = mapped(ids.intakeIds, handoff.intakeId);
    // The package is the agent's own work on the demo intake, as it would be for a real lead; the
    // demo plan only decides what people did with it since (status, owner, timeline).
    const { decision, recordPackage, requests: proposed } = triageDemoIntake({ handoff, intake }, rules, { leadId, intakeId });
    const pkg = decision.package ?? recordPackage ?? handoff.package;
    requests.set(handoff.id, proposed);
    return {
      ...handoff,
      teamId: ids.teamIds.get(teamName) ?? null,
      ownerId: ownerEmail ? (ids.userIds.get(ownerEmail) ?? null) : null,
      leadId,
      companyId: mapped(ids.companyIds, handoff.companyId),
      intakeId,
      decision: decision.decision,
      priority: decision.priority,
      reasons: decision.reasons,
      ...handoffColumnsFromPackage(pkg),
    };
  });
  const inserted = await tx.insert(handoffs).values(rows).onConflictDoNothing().returning({ id: handoffs.id });
  return { inserted: new Set(inserted.map((r) => r.id)), requests };
}

async function insertApprovals(tx: Transaction, rows: DemoApproval[], userIds: IdMap): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insert(approvalRequests)
    .values(rows.map(({ deciderEmail, ...row }) => ({ ...row, decidedById: deciderEmail ? (userIds.get(deciderEmail) ?? null) : null })))
    .onConflictDoNothing();
}

async function insertEvents(tx: Transaction, created: DemoHandoff[], userIds: IdMap): Promise<void> {
  const rows = created.flatMap((h) =>
    h.events.map(({ actorEmail, userRefs, data, ...event }) => ({
      ...event,
      handoffId: h.handoff.id,
      actorId: actorEmail ? (userIds.get(actorEmail) ?? null) : null,
      data: { ...data, ...Object.fromEntries(Object.entries(userRefs).map(([key, email]) => [key, email ? (userIds.get(email) ?? null) : null])) },
    })),
  );
  if (rows.length) await tx.insert(handoffEvents).values(rows);
}

function mapped(ids: IdMap, id: string | null | undefined): string | null {
  return id ? (ids.get(id) ?? id) : null;
}

function unique<T extends { id: string }>(rows: T[]): T[] {
  return [...new Map(rows.map((r) => [r.id, r])).values()];
}
