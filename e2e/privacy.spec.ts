import { readFileSync } from "node:fs";
import { DEMO_API_KEY } from "../db/seed/seed-demo";
import { expect, test } from "./fixtures";

// The counts the metrics page shows for the whole range: an erasure anonymises, it never drops a package.
const kpis = ["created", "accepted", "inFollowUp", "discarded", "converted", "meetings"] as const;

test("[ADMIN][PRIVACY] exports a lead's data, then erases it: nothing is found by the email afterwards and the metrics keep their counts", async ({
  page,
  request,
  signInAs,
}) => {
  const email = `olga.${Date.now()}@erasure-freight.eu`;
  const intake = await request.post("/api/v1/intake", {
    headers: { Authorization: `Bearer ${DEMO_API_KEY}` },
    data: {
      externalId: `e2e-privacy-${Date.now()}`,
      channel: "form",
      receivedAt: new Date().toISOString(),
      fields: {
        firstname: "Olga",
        lastname: "Erasmus",
        email,
        company: "Erasure Freight",
        numemployees: "120",
        message: "We get 800 leads a month and need an AI agent to qualify them this month. Send me the proposal by email.",
      },
      proposedActions: [{ type: "send_email", params: { to: email, subject: "Your proposal" }, reason: "send the proposal" }],
    },
  });
  expect(intake.status()).toBe(200);
  const decision = await intake.json();
  expect(decision).toMatchObject({ decision: "escalate", priority: "immediate" });

  await signInAs("admin");
  // An open package, its CRM record (synced by the demo's worker) and its queued reminders and approval expiry.
  await page.goto(`/handoffs/${decision.handoffId}`);
  await expect(page.getByTestId("package-summary")).toContainText("Olga Erasmus");
  await expect(async () => {
    await page.goto("/crm/contacts");
    await expect(page.getByRole("table")).toContainText(email, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });

  await page.goto("/metrics");
  const before = await Promise.all(kpis.map((k) => page.getByTestId(`kpi-${k}`).getByTestId("kpi-value").textContent()));

  await page.goto("/admin/privacy");
  const exportForm = page.getByRole("form", { name: "Export a lead's data" });
  await exportForm.getByLabel("Email address").fill(email);
  const [download] = await Promise.all([page.waitForEvent("download"), exportForm.getByRole("button", { name: "Export as JSON" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^baton-personal-data-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(readFileSync((await download.path())!, "utf8"));
  expect(exported.email).toBe(email);
  expect(exported.leads.map((l: { email: string }) => l.email)).toEqual([email]);
  expect(exported.handoffs.map((h: { id: string }) => h.id)).toEqual([decision.handoffId]);
  expect(exported.approvalRequests.length).toBeGreaterThan(0);
  expect(exported.crm.contacts.map((c: { email: string }) => c.email)).toEqual([email]);

  const eraseForm = page.getByRole("form", { name: "Erase a lead's data" });
  await eraseForm.getByLabel("Email address").fill(email);
  page.once("dialog", (dialog) => void dialog.accept());
  await eraseForm.getByRole("button", { name: "Erase" }).click();
  await expect(page.getByTestId("erase-result")).toContainText("Erased 1 lead, 1 package (anonymised)");

  // Nothing by that email: not in the inbox, not in the CRM, not in a second export, not in the package.
  await page.goto(`/inbox?view=all&tab=all&status=all&q=${encodeURIComponent(email)}`);
  await expect(page.getByTestId("lead-link")).toHaveCount(0);
  await page.goto(`/handoffs/${decision.handoffId}`);
  await expect(page.getByTestId("package-summary")).toContainText("Erased at the lead's request");
  await expect(page.locator("body")).not.toContainText(email);
  await expect(page.locator("body")).not.toContainText("Olga Erasmus");
  await page.goto("/crm/contacts");
  await expect(page.getByRole("table")).not.toContainText(email);
  await page.goto("/admin/privacy");
  await exportForm.getByLabel("Email address").fill(email);
  const [second] = await Promise.all([page.waitForEvent("download"), exportForm.getByRole("button", { name: "Export as JSON" }).click()]);
  const after = JSON.parse(readFileSync((await second.path())!, "utf8"));
  expect([after.leads, after.handoffs, after.intakes, after.conversations, after.approvalRequests, after.crm.contacts]).toEqual([[], [], [], [], [], []]);

  // The audit log says an erasure happened, not whose.
  await page.goto("/admin/audit");
  await expect(page.locator("main")).toContainText(/privacy\.erase|erase/i);
  await expect(page.locator("main")).not.toContainText(email);

  await page.goto("/metrics");
  const afterCounts = await Promise.all(kpis.map((k) => page.getByTestId(`kpi-${k}`).getByTestId("kpi-value").textContent()));
  expect(afterCounts).toEqual(before);

  // The queued jobs (reminders, CRM sync, the approval's) were cancelled: the worker brings nothing back.
  await page.goto("/crm/contacts");
  await expect(page.getByRole("table")).not.toContainText(email);
  await page.goto(`/inbox?view=all&tab=all&status=all&q=${encodeURIComponent("Erasmus")}`);
  await expect(page.getByTestId("lead-link")).toHaveCount(0);
});
