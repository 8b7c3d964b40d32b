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
