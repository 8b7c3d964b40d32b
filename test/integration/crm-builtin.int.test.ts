import { eq, inArray, sql as dsql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { crmAssociations, crmCompanies, crmContacts, crmDeals, crmMappings, crmNotes, crmTasks, handoffs } from "@/db/schema";
import { createBuiltinAdapter } from "@/lib/crm/builtin-adapter";
import { handleCrmSyncJob, type CrmSyncJobDeps } from "@/lib/crm/handle-crm-sync-job";
import { changeHandoffStatus } from "@/lib/handoffs/change-handoff";
import { stopBoss } from "@/lib/jobs/boss";
import { logger } from "@/lib/logger";
import { formIntake } from "../support/crm-intake";
import { startCrmQueueWorker, waitForCrmQueue } from "../support/crm-queue-worker";
import { createHandoff, createTeam, createUser } from "../support/factories";

let send: Awaited<ReturnType<typeof formIntake>>;
let teamId: string;
let worker: Awaited<ReturnType<typeof startCrmQueueWorker>>;
const dead: { payload: unknown; message: string }[] = [];
const deps = (): CrmSyncJobDeps => ({
  adapter: createBuiltinAdapter(),
  appUrl: "http://127.0.0.1:3000",
  log: logger,
  deadLetter: async (payload, failure) => void dead.push({ payload, message: failure.message }),
});

beforeAll(async () => {
  teamId = (await createTeam())!.id;
  send = await formIntake(teamId);
  worker = await startCrmQueueWorker({ deps });
});

afterAll(async () => {
  await worker.stop();
  await stopBoss();
});

async function intake(externalId: string, email: string, message?: string) {
  return send({ externalId, email, message });
}

async function linked(kind: string, id: string) {
  const rows = await db
    .select()
    .from(crmAssociations)
    .where(
      dsql`(${crmAssociations.fromKind} = ${kind} and ${crmAssociations.fromId} = ${id}) or (${crmAssociations.toKind} = ${kind} and ${crmAssociations.toId} = ${id})`,
    );
  return rows.map((r) => (r.fromId === id ? `${r.toKind}` : `${r.fromKind}`)).sort();
}

describe("crm-sync into the built-in CRM", () => {
  it("a handoff creates contact, company, note and task, all associated, through the queued job", async () => {
    const handoffId = await intake("crm-b-1", "ines@harbourline.io");
    await waitForCrmQueue(worker.boss);

    const [contact] = await db.select().from(crmContacts).where(eq(crmContacts.key, "email:ines@harbourline.io"));
    expect(contact).toMatchObject({ name: "Ines Marsh", companyName: "Harbourline", leadStatus: "NEW", source: expect.stringContaining("Sales audit") });
    const [company] = await db.select().from(crmCompanies).where(eq(crmCompanies.key, "domain:harbourline.io"));
    expect(company).toMatchObject({ name: "Harbourline", domain: "harbourline.io" });
    const [note] = await db.select().from(crmNotes).where(eq(crmNotes.handoffId, handoffId));
    expect(note!.body.map((s) => s.heading)).toContain("Why the agent escalated");
    const [task] = await db.select().from(crmTasks).where(eq(crmTasks.handoffId, handoffId));
    const [handoff] = await db.select().from(handoffs).where(eq(handoffs.id, handoffId));
    expect(task).toMatchObject({ status: "NOT_STARTED", priority: "HIGH" });
    expect(task!.dueAt.getTime()).toBe(handoff!.slaDueAt.getTime());

    expect(await linked("contact", contact!.id)).toEqual(expect.arrayContaining(["company", "note", "task"]));
    expect(await linked("note", note!.id)).toEqual(expect.arrayContaining(["company", "contact"]));
    expect(await linked("task", task!.id)).toEqual(expect.arrayContaining(["company", "contact"]));
    expect(handoff!.package.traceability.crmRecord).toBe(`/crm/contacts/${contact!.id}`);
    expect(handoff!.version).toBe(1);
  });

  it("the same handoff synced twice, or its job retried, duplicates nothing; a second handoff of the same person reuses contact and company", async () => {
    const handoffId = await intake("crm-b-2", "ines@harbourline.io", "Our support inbox is broken since the update, please help us fix the form integration.");
    await waitForCrmQueue(worker.boss);
    await handleCrmSyncJob({ handoffId }, deps());
    await Promise.all([handleCrmSyncJob({ handoffId }, deps()), handleCrmSyncJob({ handoffId }, deps())]);

    expect(await db.select().from(crmContacts).where(eq(crmContacts.email, "ines@harbourline.io"))).toHaveLength(1);
    expect(await db.select().from(crmCompanies).where(eq(crmCompanies.domain, "harbourline.io"))).toHaveLength(1);
    expect(await db.select().from(crmNotes).where(eq(crmNotes.handoffId, handoffId))).toHaveLength(1);
    const notes = await db
      .select()
      .from(crmNotes)
      .where(inArray(crmNotes.key, [`handoff:${handoffId}`]));
    expect(notes).toHaveLength(1);
    const mappings = await db
      .select()
      .from(crmMappings)
      .where(eq(crmMappings.key, `handoff:${handoffId}`));
    expect(mappings.every((m) => m.crmId !== null)).toBe(true);
  });

  it("status syncs back: accepting assigns the task, converting wins the deal with its amount", async () => {
    const rep = await createUser({ role: "rep", teamId });
    const handoffId = await intake(
      "crm-b-3",
      "olga@fjordlabs.io",
      "We need an AI agent to qualify 800 leads a month and want a quote this month; budget is 20000 EUR.",
    );
    await waitForCrmQueue(worker.boss);
    const accepted = await changeHandoffStatus({ actor: rep, handoffId, expectedVersion: 1, input: { command: "accept" } });
    // The job was queued in the status change's own transaction.
    const { n } = (
      await db.execute<{ n: number }>(dsql`select count(*)::int as n from pgboss.job where name = 'crm-sync' and data->>'handoffId' = ${handoffId}`)
    )[0]!;
    expect(n).toBe(2);
    await waitForCrmQueue(worker.boss);
    const [task] = await db.select().from(crmTasks).where(eq(crmTasks.handoffId, handoffId));
    expect(task!.ownerId).toBe(rep.id);
    const [contact] = await db.select().from(crmContacts).where(eq(crmContacts.email, "olga@fjordlabs.io"));
    expect(contact!.leadStatus).toBe("IN_PROGRESS");

    await changeHandoffStatus({
      actor: rep,
      handoffId,
      expectedVersion: accepted.version,
      input: { command: "convert", valueAmount: 24000, valueCurrency: "EUR", meetingBooked: true },
    });
    await waitForCrmQueue(worker.boss);
    const deals = await db
      .select()
      .from(crmDeals)
      .where(eq(crmDeals.key, `handoff:${handoffId}`));
    expect(deals).toHaveLength(1);
    expect(deals[0]).toMatchObject({ stage: "won", amount: 24000, currency: "EUR", ownerId: rep.id });
    expect(await linked("deal", deals[0]!.id)).toEqual(expect.arrayContaining(["company", "contact", "note", "task"]));
    const [done] = await db.select().from(crmTasks).where(eq(crmTasks.handoffId, handoffId));
    expect(done!.status).toBe("COMPLETED");
    expect(dead).toEqual([]);
  });

  it("a payload that is not a crm-sync job, or a package that no longer parses, is dead-lettered, not retried", async () => {
    await handleCrmSyncJob({ handoffId: "not-a-uuid" }, deps());
    expect(dead.at(-1)?.message).toMatch(/^Not a crm-sync payload: handoffId: /);

    const broken = await createHandoff({ teamId });
    await db
      .update(handoffs)
      .set({ package: {} as never })
      .where(eq(handoffs.id, broken!.id));
    await handleCrmSyncJob({ handoffId: broken!.id }, deps());
    expect(dead.at(-1)).toEqual({
      payload: { handoffId: broken!.id },
      message: "The package stored for this handoff does not match the package format, so it cannot be logged in the CRM.",
    });
    expect(await db.select().from(crmNotes).where(eq(crmNotes.handoffId, broken!.id))).toHaveLength(0);
  });
});
