import { expect, test } from "./fixtures";

test("[REP] adds a note that appears on the package's timeline", async ({ page, signInAs, inboxPage }) => {
  await signInAs("rep");
  await inboxPage.goto("?tab=normal&status=all");
  await page.getByTestId("lead-link").first().click();
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByText("Write the note first.")).toBeVisible();
  await page.getByLabel("Note", { exact: true }).fill("Spoke to them: decision next Tuesday.");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByTestId("timeline-entry").first()).toContainText("Dana Reyes added a note");
  await expect(page.getByTestId("timeline-entry").first()).toContainText("Spoke to them: decision next Tuesday.");
});

test("[REP] flags a poor escalation: which reason was wrong and why", async ({ page, signInAs, inboxPage }) => {
  await signInAs("rep");
  await inboxPage.goto("?tab=normal&status=all");
  await page.getByTestId("lead-link").first().click();
  await page.getByText("Flag a poor escalation").click();
  await page.getByRole("button", { name: "Flag it" }).click();
  await expect(page.getByText("Say briefly what was wrong.")).toBeVisible();
  const reason = await page.getByLabel("Which reason was wrong?").locator("option").first().innerText();
  await page.getByLabel("What was wrong?").fill("They are a 5-person shop, not high value.");
  await page.getByRole("button", { name: "Flag it" }).click();
  await expect(page.getByTestId("timeline-entry").first()).toContainText(`Dana Reyes flagged a poor escalation: ${reason.toLowerCase()} was wrong`);
  await expect(page.getByTestId("timeline-entry").first()).toContainText("They are a 5-person shop, not high value.");
});
