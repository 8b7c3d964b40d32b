import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { databaseUrl, db } from "@/db";
import { crmMappings, emailMessages, handoffs, intakes } from "@/db/schema";
import { handleCrmSyncJob, type CrmSyncJobDeps } from "@/lib/crm/handle-crm-sync-job";
import { createHubSpotAdapter } from "@/lib/crm/hubspot/adapter";
import { processInboundEmail } from "@/lib/email/process-inbound";
import { sendRepReply } from "@/lib/email/rep-reply";
import { stopBoss } from "@/lib/jobs/boss";
import { jobHandlers } from "@/lib/jobs/handlers";
import { startWorker, type RunningWorker } from "@/lib/jobs/worker";
import { logger } from "@/lib/logger";
import { startHubSpotStandIn, type HubSpotStandIn } from "../stand-ins/hubspot";
import { rawEmail } from "../support/emails";
import { createTeam, createUser } from "../support/factories";
import { startOutgoingEmail, type OutgoingEmail } from "../support/outgoing-email";
import { waitFor } from "../support/wait-for";

// The thread's emails reach HubSpot as email engagements (POST /crm/v3/objects/emails), one per email,
// linked to the contact, through the crm-sync job against the HubSpot stand-in.

let smtp: OutgoingEmail;
let worker: RunningWorker;
let hub: HubSpotStandIn;
let deps: CrmSyncJobDeps;
const log = logger.child({ test: "crm-hubspot-emails" });
const ctx = (ref: string) => ({ source: "imap:test", sourceRef: ref, ownAddresses: ["sales@baton.test"], log });
const dead: unknown[] = [];

beforeAll(async () => {
  smtp = await startOutgoingEmail();
  worker = await startWorker({
    databaseUrl: databaseUrl(),
    handlers: jobHandlers({ only: ["email-send"] }),
    log,
    pollSeconds: 0.5,
    superviseSeconds: 2,
    slaCheckCron: null,
  });
  hub = await startHubSpotStandIn({ portalId: 7_300_001 });
  deps = {
    adapter: createHubSpotAdapter({ baseUrl: hub.baseUrl, token: hub.token, rateLimit: { max: 100, windowMs: 10_000 }, timeoutMs: 5_000, backoffBaseMs: 100 }),
    appUrl: "http://127.0.0.1:3000",
    log,
    deadLetter: async (payload, failure) => void dead.push({ payload, failure }),
  };
});

afterAll(async () => {
  await worker?.stop();
  await stopBoss();
  await smtp?.restore();
  await hub?.close();
});

const emailsOf = (contactId: string) =>
  hub.records("emails").filter((e) => hub.associationsOf("emails", e.id).some((a) => a.toType === "contacts" && a.toId === contactId && a.typeId === 198));

describe("a lead's email thread in HubSpot", () => {
  it("the lead's email, the rep's reply and the lead's answer are each one email engagement on the contact; retries add none; a card stays masked", async () => {
    const team = await createTeam();
    const rep = await createUser({ role: "rep", teamId: team!.id, name: "Marta Gil" });
    const lead = rawEmail({
      from: "Ana Ruiz <ana@harbour-freight.example>",
      subject: "Pricing for our team",
      body: "We are a logistics company with about 40 people in sales and want to replace our tool before January.\nBudget is around 30,000 EUR a year. Could someone book a call this week?",
    });
    expect((await processInboundEmail(Buffer.from(lead.raw), ctx(lead.messageId))).status).toBe("new");
    const [row] = await db
      .select({ handoff: handoffs })
      .from(intakes)
      .innerJoin(handoffs, eq(handoffs.intakeId, intakes.id))
      .where(eq(intakes.externalId, `email:${lead.messageId}`));
    const handoffId = row!.handoff.id;

    await handleCrmSyncJob({ handoffId }, deps);
    const contact = hub.records("contacts").find((c) => c.properties.email === "ana@harbour-freight.example")!;
    expect(contact).toBeDefined();
    expect(emailsOf(contact.id).map((e) => [e.properties.hs_email_direction, e.properties.hs_email_subject])).toEqual([
      ["INCOMING_EMAIL", "Pricing for our team"],
    ]);
    const first = emailsOf(contact.id)[0]!;
    expect(first.properties.hs_email_text).toContain("logistics company");
    expect(JSON.parse(first.properties.hs_email_headers!)).toMatchObject({
      from: { email: "ana@harbour-freight.example", firstName: "Ana", lastName: "Ruiz" },
    });

    // The rep answers from the package: logged once it is sent, as an outgoing email.
    await db.update(handoffs).set({ ownerId: rep.id, status: "accepted" }).where(eq(handoffs.id, handoffId));
    const { emailId: repEmailId } = await sendRepReply({ actor: rep, handoffId, text: "Hi Ana, Thursday at 11:00 works. Marta" });
    await waitFor(
      "the rep's email sent",
      async () => (await db.select().from(emailMessages).where(eq(emailMessages.id, repEmailId)))[0]!.deliveryStatus === "sent",
    );
    await handleCrmSyncJob({ handoffId }, deps);
    const afterRep = emailsOf(contact.id);
    expect(afterRep).toHaveLength(2);
    const repEngagement = afterRep.find((e) => e.properties.hs_email_direction === "EMAIL")!;
    expect(repEngagement.properties).toMatchObject({ hs_email_subject: "Re: Pricing for our team", hs_email_text: "Hi Ana, Thursday at 11:00 works. Marta" });
    expect(JSON.parse(repEngagement.properties.hs_email_headers!)).toMatchObject({
      from: { email: "sales@baton.test", firstName: "Marta", lastName: "Gil" },
      to: [{ email: "ana@harbour-freight.example" }],
    });

    // The lead answers with a card number: it reaches HubSpot masked, in no request at all in the clear.
    const [repRow] = await db.select().from(emailMessages).where(eq(emailMessages.id, repEmailId));
    const answer = rawEmail({
      from: "Ana Ruiz <ana@harbour-freight.example>",
      subject: "Re: Pricing for our team",
      body: "Perfect. To pay the deposit, my card is 4111 1111 1111 1111.",
      inReplyTo: repRow!.messageId,
      references: [lead.messageId, repRow!.messageId],
    });
    expect((await processInboundEmail(Buffer.from(answer.raw), ctx(answer.messageId))).status).toBe("reply");
    await handleCrmSyncJob({ handoffId }, deps);
    const incoming = emailsOf(contact.id).filter((e) => e.properties.hs_email_direction === "INCOMING_EMAIL");
    expect(incoming).toHaveLength(2);
    const withCard = incoming.find((e) => e.properties.hs_email_text?.includes("deposit"))!;
    expect(withCard.properties.hs_email_text).not.toMatch(/4111[\s-]?1111[\s-]?1111[\s-]?1111/);
    expect(JSON.stringify(hub.requests.filter((r) => r.path === "/crm/v3/objects/emails"))).not.toMatch(/4111[\s-]?1111[\s-]?1111[\s-]?1111/);

    // Retried syncs, and one whose create was lost before its id was stored (a crash): still three.
    await handleCrmSyncJob({ handoffId }, deps);
    await handleCrmSyncJob({ handoffId }, deps);
    await db
      .update(crmMappings)
      .set({ crmId: null })
      .where(and(eq(crmMappings.adapter, "hubspot"), eq(crmMappings.kind, "email"), eq(crmMappings.key, `email:${repEmailId}`)));
    await handleCrmSyncJob({ handoffId }, deps);
    expect(emailsOf(contact.id)).toHaveLength(3);
    expect(hub.records("emails")).toHaveLength(3);
    expect(hub.requests.filter((r) => r.path === "/crm/v3/objects/emails" && r.status === 201)).toHaveLength(3);
    const [restored] = await db
      .select()
      .from(crmMappings)
      .where(and(eq(crmMappings.kind, "email"), eq(crmMappings.key, `email:${repEmailId}`)));
    expect(restored!.crmId).toBe(repEngagement.id);
    expect(dead).toEqual([]);
  });

  it("the stand-in refuses an email engagement without its required properties or with a bad association, in HubSpot's error shape", async () => {
    // Validation, not the rate limit: these direct calls do not go through the adapter's limiter, so
    // the earlier tests' syncs may have used the ten-second window they would otherwise share.
    hub.setRateLimit({ max: 100_000, windowMs: 10_000 });
    onTestFinished(() => hub.setRateLimit({ max: 100, windowMs: 10_000 }));
    const post = (body: unknown) =>
      fetch(`${hub.baseUrl}/crm/v3/objects/emails`, {
        method: "POST",
        headers: { authorization: `Bearer ${hub.token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const missing = await post({ properties: { hs_email_subject: "Hi" } });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ status: "error", category: "VALIDATION_ERROR", message: expect.stringContaining("hs_email_direction") });
    const props = {
      hs_timestamp: new Date().toISOString(),
      hs_email_direction: "EMAIL",
      hs_email_headers: JSON.stringify({ from: { email: "a@b.example" }, to: [] }),
    };
    const badType = await post({
      properties: props,
      associations: [{ to: { id: "1" }, types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: 202 }] }],
    });
    expect(badType.status).toBe(400);
    const noContact = await post({
      properties: props,
      associations: [{ to: { id: "999999" }, types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: 198 }] }],
    });
    expect(noContact.status).toBe(404);
    const badHeaders = await post({ properties: { ...props, hs_email_headers: "not json" } });
    expect(badHeaders.status).toBe(400);
    const ok = await post({ properties: props });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ id: expect.any(String), properties: { hs_email_direction: "EMAIL" }, archived: false });
  });
});
