import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Page } from "@playwright/test";
import postgres from "postgres";
import { embeddedUrl } from "../db/embedded";
import { DEMO_API_KEY } from "../db/seed/seed-demo";
import { approvalLinkKey, signApprovalToken } from "../lib/approvals/email-token";
import { seriousViolations } from "./axe";
import { expect, test, users } from "./fixtures";

const phone = { width: 390, height: 844 };

/** Routing gives a new Inbound EMEA lead to Dana (rep) or Sam (rep2), or leaves it in the queue (Dana may act on it then). */
async function signInAsOwner(page: Page, signInAs: (who: keyof typeof users) => Promise<void>, id: string): Promise<string> {
  await signInAs("rep");
  await page.goto(`/handoffs/${id}`);
  if ((await page.getByTestId("owner-name").innerText()) !== "Sam Ortiz") return "Dana Reyes";
  await signInAs("rep2");
  await page.goto(`/handoffs/${id}`);
  return "Sam Ortiz";
}

test("[REP] an intake proposes an email; the owner edits and approves it in the console; the SMTP server receives exactly that email", async ({
  page,
  request,
  signInAs,
}, testInfo) => {
  // Two axe passes, a worker round trip and three sign-ins on a machine shared with other suites.
  test.slow();
  const stamp = Date.now();
  const leadEmail = `greta.${stamp}@nordvik-approvals.example`;
  const response = await request.post("/api/v1/intake", {
    headers: { Authorization: `Bearer ${DEMO_API_KEY}` },
    data: {
      externalId: `e2e-approvals-${stamp}`,
      channel: "form",
      receivedAt: new Date().toISOString(),
      fields: {
        firstname: "Greta",
        lastname: `Lind${stamp % 1000}`,
        email: leadEmail,
        company: "Nordvik Freight",
        numemployees: "120",
        message: "We get 800 leads a month and need an AI agent that qualifies them this month. Please email me the plan.",
      },
      proposedActions: [
        {
          type: "send_email",
          params: { to: leadEmail, subject: "Your qualification plan", body: "Hi Greta,\n\nHere is the plan we discussed." },
          reason: "The lead asked for the plan by email.",
        },
      ],
    },
  });
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { handoffId: string; actions: { type: string; requiresApproval: boolean }[] };
  expect(body.actions).toContainEqual(expect.objectContaining({ type: "send_email", requiresApproval: true }));

  const owner = await signInAsOwner(page, signInAs, body.handoffId);
  const section = page.getByTestId("package-approvals");
  await expect(section.getByTestId("approval-card")).toHaveCount(1);
  await expect(section.getByTestId("approval-status")).toHaveText("Pending");
  await expect(section).toContainText("The lead asked for the plan by email.");
  await expect(section).toContainText(leadEmail);
  await expect(page.getByTestId("timeline-entry").filter({ hasText: "asked for approval to send an email" })).toHaveCount(1);
  await section.screenshot({ path: testInfo.outputPath("package-approvals.png") });
  expect(await seriousViolations(page)).toEqual([]);

  await page.goto("/approvals");
  await expect(page.getByRole("heading", { level: 1, name: "Approvals" })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Pending/ })).toHaveAttribute("aria-current", "page");
  const card = page.getByTestId("approval-card").filter({ hasText: `Greta Lind${stamp % 1000}` });
  await expect(card).toHaveCount(1);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath("approvals-desktop.png"), fullPage: true });
  await page.setViewportSize(phone);
  await page.screenshot({ path: testInfo.outputPath("approvals-phone.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  const subject = `Your qualification plan, ${stamp}`;
  await card.getByLabel("Subject").fill(subject);
  await card.getByLabel("Body").fill(`Hi Greta,\n\nAs promised, the plan (edited by ${owner}).`);
  await card.getByRole("button", { name: "Approve and send" }).click();
  await expect(page.getByText("Approved: the agent runs it now.")).toBeVisible();

  await page.goto("/approvals?status=approved");
  const approved = page.getByTestId("approval-card").filter({ hasText: `Greta Lind${stamp % 1000}` });
  await expect(approved.getByTestId("approval-status")).toHaveText("Approved");
  await expect(approved).toContainText(`approved by ${owner} in the console`);
  await expect(async () => {
    await page.reload();
    await expect(approved.getByTestId("approval-result")).toContainText("Done", { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });

  await page.goto(`/handoffs/${body.handoffId}`);
  await expect(
    page.getByTestId("timeline-entry").filter({ hasText: `${owner} approved the request to send an email (after editing it) in the console` }),
  ).toHaveCount(1);
  await expect(page.getByTestId("timeline-entry").filter({ hasText: `ran the approved action: sent the email "${subject}" to ${leadEmail}` })).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath("package-after-approval.png"), fullPage: true });
  await page.setViewportSize(phone);
  await page.getByTestId("package-approvals").screenshot({ path: testInfo.outputPath("package-approvals-phone.png") });
  // The proposed email's parameters are one long line of JSON: on a phone they wrap, not scroll.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
  expect(await seriousViolations(page)).toEqual([]);

  // What the SMTP stand-in received: exactly one message to the lead, with the edited subject.
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInAs("admin");
  await page.goto("/admin/messages");
  const toLead = page.getByTestId("demo-email-message").filter({ hasText: `to ${leadEmail}` });
  await expect(toLead).toHaveCount(1);
  await expect(toLead).toContainText(subject);
});

test("[REP] a request on a colleague's package shows without the buttons; a manager sees every team's requests", async ({ page, request, signInAs }) => {
  const stamp = Date.now();
  const response = await request.post("/api/v1/intake", {
    headers: { Authorization: `Bearer ${DEMO_API_KEY}` },
    data: {
      externalId: `e2e-approvals-deal-${stamp}`,
      channel: "form",
      receivedAt: new Date().toISOString(),
      fields: {
        firstname: "Oskar",
        lastname: `Deal${stamp % 1000}`,
        email: `oskar.${stamp}@kestrel-approvals.example`,
        company: "Kestrel Logistics",
        numemployees: "120",
        message: "We get 800 leads a month and need an AI agent that qualifies them this month.",
      },
      proposedActions: [{ type: "create_deal", params: { name: "Kestrel qualification", amount: 18000, currency: "EUR" } }],
    },
  });
  expect(response.status()).toBe(200);
  const { handoffId } = (await response.json()) as { handoffId: string };
  const owner = await signInAsOwner(page, signInAs, handoffId);
  await signInAs(owner === "Dana Reyes" ? "rep2" : "rep");
  await page.goto(`/handoffs/${handoffId}`);
  const section = page.getByTestId("package-approvals");
  // The queue's other rep sees it (same team) but it is the owner's to decide, unless nobody owns it yet.
  if ((await page.getByTestId("owner-name").innerText()) !== "Unassigned") {
    await expect(section.getByRole("button", { name: "Approve" })).toHaveCount(0);
    await expect(section.getByTestId("approval-params")).toContainText("Create a deal 'Kestrel qualification' of €18,000");
  }
  await signInAs("manager");
  await page.goto("/approvals?status=pending");
  await expect(
    page
      .getByTestId("approval-card")
      .filter({ hasText: `Oskar Deal${stamp % 1000}` })
      .getByRole("button", { name: "Approve" }),
  ).toBeVisible();
});

/**
 * The link in the rep's approval email, rebuilt from what the demo stored when it sent it (the token's
 * row) and the demo's own signing secret: the e2e suite cannot read the SMTP stand-in's mail bodies.
 */
async function emailedLink(handoffId: string, decision: "approve" | "deny") {
  const sql = postgres(embeddedUrl(Number(process.env.E2E_PG_PORT ?? 25369)), { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ id: string; approval_id: string; recipient_id: string; expires_at: Date }[]>`
      select t.id, t.approval_id, t.recipient_id, t.expires_at from approval_link_tokens t
      join approval_requests a on a.id = t.approval_id where a.handoff_id = ${handoffId} order by t.created_at limit 1`;
    if (!rows[0]) return null;
    const key = approvalLinkKey({ authSecret: readFileSync(resolve(".data/e2e/auth-secret"), "utf8").trim() });
    const row = rows[0];
    return `/approvals/confirm/${signApprovalToken({ jti: row.id, approvalId: row.approval_id, userId: row.recipient_id, decision, exp: Math.floor(new Date(row.expires_at).getTime() / 1000) }, key)}`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

test("[EMAIL] the approval email's deny link opens a confirmation page; only its button decides, once", async ({ page, request }, testInfo) => {
  const stamp = Date.now();
  const response = await request.post("/api/v1/intake", {
    headers: { Authorization: `Bearer ${DEMO_API_KEY}` },
    data: {
      externalId: `e2e-approvals-link-${stamp}`,
      channel: "form",
      receivedAt: new Date().toISOString(),
      fields: {
        firstname: "Lena",
        lastname: `Link${stamp % 1000}`,
        email: `lena.${stamp}@fjord-approvals.example`,
        company: "Fjord Cargo",
        numemployees: "120",
        message: "We get 800 leads a month and need an AI agent that qualifies them this month.",
      },
      proposedActions: [{ type: "update_crm_status", params: { status: "IN_PROGRESS" }, reason: "The lead replied to our first email." }],
    },
  });
  const { handoffId } = (await response.json()) as { handoffId: string };
  let link: string | null = null;
  await expect(async () => {
    link = await emailedLink(handoffId, "deny");
    expect(link).not.toBeNull();
  }).toPass({ timeout: 20_000 });

  // Signed out: the token is the authority. Opening the page decides nothing.
  await page.goto(link!);
  await expect(page.getByRole("heading", { level: 1, name: "Deny: Change the CRM status" })).toBeVisible();
  await expect(page.getByText("The lead replied to our first email.")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath("confirm-desktop.png"), fullPage: true });
  await page.setViewportSize(phone);
  await page.screenshot({ path: testInfo.outputPath("confirm-phone.png"), fullPage: true });

  await page.getByRole("button", { name: "Deny this action" }).click();
  await expect(page.getByTestId("confirm-outcome")).toContainText("Done: denied in email");
  // The same link again: already decided, no button.
  await page.goto(link!);
  await expect(page.getByTestId("confirm-outcome")).toContainText("Already decided: denied in email");
  await expect(page.getByRole("button", { name: "Deny this action" })).toHaveCount(0);

  // A tampered link is refused by name.
  await page.goto(link!.replace(/.$/, (c) => (c === "A" ? "B" : "A")));
  await expect(page.getByTestId("confirm-error")).toContainText("not issued by Baton");
});

test("[REP] a deal whose stage the CRM does not take is corrected on the card with a stage select, then approved", async ({
  page,
  request,
  signInAs,
}, testInfo) => {
  const stamp = Date.now();
  const response = await request.post("/api/v1/intake", {
    headers: { Authorization: `Bearer ${DEMO_API_KEY}` },
    data: {
      externalId: `e2e-approvals-stage-${stamp}`,
      channel: "form",
      receivedAt: new Date().toISOString(),
      fields: {
        firstname: "Vera",
        lastname: `Stage${stamp % 1000}`,
        email: `vera.${stamp}@kestrel-approvals.example`,
        company: "Kestrel Logistics",
        numemployees: "120",
        message: "We get 800 leads a month and need an AI agent that qualifies them this month.",
      },
      proposedActions: [{ type: "create_deal", params: { name: `Kestrel audit ${stamp}`, stage: "Qualified to buy" } }],
    },
  });
  expect(response.status()).toBe(200);
  const { handoffId } = (await response.json()) as { handoffId: string };
  await signInAsOwner(page, signInAs, handoffId);
  await page.goto("/approvals");
  const card = page.getByTestId("approval-card").filter({ hasText: `Vera Stage${stamp % 1000}` });
  await expect(card.getByTestId("approval-needs-correction")).toContainText("stage must be one of");
  const stage = card.getByLabel("Stage");
  await expect(stage).toHaveAttribute("aria-invalid", "true");
  await card.screenshot({ path: testInfo.outputPath("approval-needs-correction.png") });
  // Approving it as it stands is refused at the field.
  await card.getByRole("button", { name: "Approve" }).click();
  await expect(card.getByText(/stage must be one of/).last()).toBeVisible();
  await stage.selectOption({ label: "Qualified" });
  await card.getByLabel("Amount").fill("18000");
  await card.getByLabel("Currency").fill("EUR");
  await card.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText("Approved: the agent runs it now.")).toBeVisible();
  await page.goto("/approvals?status=approved");
  const approved = page.getByTestId("approval-card").filter({ hasText: `Vera Stage${stamp % 1000}` });
  // The change in words, not the CRM's keys.
  await expect(approved.getByTestId("approval-params")).toContainText("of €18,000 in the CRM at the 'qualified' stage");
  await expect(approved.getByTestId("approval-params")).not.toContainText("stage:");
  expect(await seriousViolations(page)).toEqual([]);
});
