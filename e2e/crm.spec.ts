import { expect, test } from "./fixtures";
import { CrmPage } from "./pages/crm-page";

test("[REP] previews the CRM sync on a package, syncs it, and opens the built-in CRM contact with its note and task", async ({ page, signInAs, inboxPage }) => {
  const crm = new CrmPage(page);
  await signInAs("rep");
  await inboxPage.goto("?tab=immediate&status=all");
  const link = page.getByTestId("lead-link").first();
  const leadName = (await link.innerText()).trim();
  await link.click();
  await expect(page.getByRole("heading", { level: 1, name: leadName })).toBeVisible();

  // Before anything is written: exactly what the sync will create, and how it links them.
  await expect(crm.preview()).toContainText("Not synced yet. The sync will do exactly this:");
  await expect(crm.previewItem("contact")).toContainText("Create");
  await expect(crm.previewItem("contact")).toContainText(leadName);
  await expect(crm.previewItem("note")).toContainText(`Create`);
  await expect(crm.previewItem("note")).toContainText(`Handoff package: ${leadName}`);
  await expect(crm.previewItem("task")).toContainText("due at the SLA");
  await expect(page.getByTestId("crm-preview-associations")).toContainText("Note → Contact");
  await expect(page.getByText("Not synced yet", { exact: true })).toBeVisible();
  await page.screenshot({ path: "test-results/playwright/crm-preview.png", fullPage: true });

  await crm.syncNow();
  await expect(crm.previewItem("contact")).toContainText("Update");
  await expect(crm.previewItem("note")).toContainText("Update");

  await crm.openContactFromTraceability();
  await expect(page.getByRole("heading", { level: 1, name: leadName })).toBeVisible();
  await expect(crm.notes()).toContainText(`Handoff package: ${leadName}`);
  await expect(crm.notes()).toContainText("Why the agent escalated");
  await expect(crm.tasks()).toContainText(leadName);
  await expect(crm.tasks()).toContainText("Due ");
  await page.screenshot({ path: "test-results/playwright/crm-contact.png", fullPage: true });

  // The note leads back to the package.
  await crm.notes().getByRole("link", { name: "Open the package" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: leadName })).toBeVisible();
});

test("[REP] browses the built-in CRM from the header: contacts, companies, deals and tickets", async ({ page, signInAs }) => {
  await signInAs("rep");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "CRM" }).click();
  await expect(page).toHaveURL(/\/crm\/contacts$/);
  await expect(page.getByRole("table", { name: "Contacts" })).toBeVisible();
  await page.screenshot({ path: "test-results/playwright/crm-contacts.png", fullPage: true });
  for (const name of ["Companies", "Deals", "Tickets"]) {
    await page.getByRole("navigation", { name: "CRM records" }).getByRole("link", { name }).click();
    await expect(page.getByRole("table", { name })).toBeVisible();
  }
  await page.goto("/crm/widgets");
  await expect(page.getByText(/could not be found|404/i).first()).toBeVisible();
});
