import { DEMO_API_KEY } from "../db/seed/seed-demo";
import { expect, test } from "./fixtures";

test("[REP] moves with j/k, opens with Enter, accepts with a", async ({ page, signInAs, inboxPage, packagePage }) => {
  await signInAs("rep");
  await inboxPage.goto("?tab=immediate");
  await expect(inboxPage.focusedRow()).toHaveCount(0);

  await page.keyboard.press("j");
  await expect(inboxPage.rows().nth(0)).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("j");
  await expect(inboxPage.rows().nth(1)).toHaveAttribute("aria-selected", "true");
  await expect(inboxPage.rows().nth(0)).toHaveAttribute("aria-selected", "false");
  await page.keyboard.press("k");
  await expect(inboxPage.rows().nth(0)).toHaveAttribute("aria-selected", "true");
  await expect(inboxPage.focusedRow()).toHaveCount(1);

  const index = await inboxPage.focusFirst("Pending");
  const row = inboxPage.rows().nth(index);
  const leadName = await row.getByTestId("lead-link").innerText();
  const id = await row.getAttribute("data-row-id");

  await page.keyboard.press("a");
  await expect(page.getByText("Accepted: this package is yours.")).toBeVisible();
  const accepted = page.locator(`[data-row-id="${id}"]`);
  await expect(accepted.getByTestId("status-badge")).toHaveText("Accepted");
  await expect(accepted).toHaveAttribute("aria-selected", "true");

  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/handoffs/${id}$`));
  await packagePage.expectLoaded(leadName);
  await expect(packagePage.status()).toHaveText("Accepted");
});

test("[REP] opens a package's discard form with d", async ({ page, signInAs, inboxPage }) => {
  await signInAs("rep");
  await inboxPage.goto("?tab=normal");
  const index = await inboxPage.focusFirst("Pending");
  const id = await inboxPage.rows().nth(index).getAttribute("data-row-id");
  await page.keyboard.press("d");
  await expect(page).toHaveURL(new RegExp(`/handoffs/${id}\\?action=discard$`));
  await expect(page.getByRole("form", { name: "Discard package" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Discard", exact: true })).toHaveAttribute("aria-expanded", "true");
});

test("[REP] sees ? help", async ({ page, signInAs, inboxPage }) => {
  await signInAs("rep");
  await inboxPage.goto("?view=team");
  await expect(inboxPage.rows().first()).toBeVisible();

  await page.keyboard.press("?");
  const dialog = inboxPage.shortcutsDialog();
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Accept the package");
  await expect(dialog).toContainText("Next package");
  // Keys meant for the list do nothing while the help is open.
  await page.keyboard.press("j");
  await expect(inboxPage.focusedRow()).toHaveCount(0);
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);

  // Opened from its button, closing returns focus to the button.
  const button = page.getByTestId("shortcuts-button");
  await button.click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(button).toBeFocused();

  // / jumps to the search box, and keys typed there are text, not shortcuts.
  await page.keyboard.press("/");
  const search = page.locator("[data-inbox-search]");
  await expect(search).toBeFocused();
  await page.keyboard.type("jk");
  await expect(search).toHaveValue("jk");
  await expect(inboxPage.focusedRow()).toHaveCount(0);
});

test("[REP] a new intake appears without a reload", async ({ page, request, signInAs, inboxPage }) => {
  test.setTimeout(60_000);
  await signInAs("rep");
  await inboxPage.goto("?tab=immediate");
  await expect(inboxPage.rows().first()).toBeVisible();
  // Nothing was created after the list was first loaded.
  await expect(page.getByTestId("new-badge")).toHaveCount(0);

  const stamp = Date.now();
  const lastName = `Okafor${stamp}`;
  const response = await request.post("/api/v1/intake", {
    headers: { Authorization: `Bearer ${DEMO_API_KEY}` },
    data: {
      externalId: `e2e-live-${stamp}`,
      channel: "form",
      receivedAt: new Date().toISOString(),
      source: { url: "https://example.com/audit", pageName: "Sales audit", formId: "audit", campaign: "e2e" },
      fields: {
        firstname: "Amara",
        lastname: lastName,
        email: `amara.${stamp}@lagos-logistics.example`,
        company: "Lagos Logistics",
        numemployees: "150",
        message: "We get 900 leads a month and need an AI agent that qualifies them this month.",
      },
    },
  });
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ priority: "immediate" });

  const row = inboxPage.rowFor(`Amara ${lastName}`);
  // One 10 s poll, with room for a busy CI machine; never a reload or navigation before this.
  await expect(row).toBeVisible({ timeout: 25_000 });
  await expect(row.getByTestId("new-badge")).toHaveText("New");
  // Only the new package is new.
  await expect(page.getByTestId("new-badge")).toHaveCount(1);

  // The moment the list was first seen survives a reload of the tab.
  await page.reload();
  await expect(inboxPage.rowFor(`Amara ${lastName}`).getByTestId("new-badge")).toBeVisible();
});
