import { expect, test } from "./fixtures";

test("[ANON] is sent to sign in, and a wrong password says so clearly", async ({ page, loginPage }) => {
  await page.goto("/inbox");
  await expect(page).toHaveURL(/\/login/);
  await loginPage.signIn("rep@baton.demo", "not-the-password");
  await loginPage.expectError("Wrong email or password.");
  await expect(page).toHaveURL(/\/login/);
});

test("[REP] sees the three tabs with counts, opens an immediate package, accepts it and sees it on the timeline", async ({
  page,
  signInAs,
  inboxPage,
  packagePage,
}) => {
  await signInAs("rep");
  await inboxPage.goto("?view=team");
  for (const tab of ["immediate", "normal", "nurture"] as const) {
    await expect(inboxPage.tab(tab)).toBeVisible();
    expect(await inboxPage.count(tab)).toBeGreaterThan(0);
  }
  const before = await inboxPage.count("immediate");
  expect(await inboxPage.rows().count()).toBeGreaterThan(0);

  const leadName = await inboxPage.openFirst("Pending");
  await packagePage.expectLoaded(leadName);
  await expect(page.getByRole("heading", { name: "Summary" })).toBeVisible();
  await expect(page.getByTestId("facts-confirmed")).toBeVisible();
  await expect(page.getByTestId("facts-inferred")).toBeVisible();
  await expect(page.getByTestId("facts-open")).toBeVisible();
  const eventsBefore = await packagePage.timeline().count();

  await packagePage.accept();
  await expect(page.getByText("Accepted: this package is yours.")).toBeVisible();
  await expect(packagePage.status()).toHaveText("Accepted");
  await expect(page.getByTestId("owner-name")).toHaveText("Dana Reyes");
  await expect(packagePage.timeline()).toHaveCount(eventsBefore + 1);
  await expect(packagePage.timeline().first()).toContainText("Dana Reyes moved it from pending to accepted");

  // Accepted work is still open, so the tab count stays until it is closed.
  await inboxPage.goto("?view=team");
  expect(await inboxPage.count("immediate")).toBe(before);
});

test("[REP] cannot discard without a reason, and can with one", async ({ page, signInAs, inboxPage, packagePage }) => {
  await signInAs("rep");
  await inboxPage.goto("?view=team");
  const before = await inboxPage.count("immediate");
  const leadName = await inboxPage.openFirst("Pending");
  await packagePage.expectLoaded(leadName);
  await packagePage.openDiscard();
  await packagePage.submitDiscard();
  await expect(page.getByText("Pick a reason for discarding.").first()).toBeVisible();
  await expect(packagePage.status()).toHaveText("Pending");

  await packagePage.submitDiscard("Spam or fake contact");
  await expect(packagePage.status()).toHaveText("Discarded");
  await expect(packagePage.timeline().first()).toContainText("to discarded: Spam or fake contact");
  await inboxPage.goto("?view=team");
  expect(await inboxPage.count("immediate")).toBe(before - 1);
});

test("[REP] is refused the managers' all-teams view", async ({ page, signInAs }) => {
  await signInAs("rep");
  await page.goto("/inbox?view=all");
  await expect(page.getByTestId("forbidden")).toContainText("You don't have access to this");
  await expect(page.getByTestId("forbidden")).toContainText("for managers and admins");
  await expect(page.getByTestId("inbox-table")).toHaveCount(0);
});

test("[MANAGER] sees all teams and can reassign a package", async ({ page, signInAs, inboxPage }) => {
  await signInAs("manager");
  await inboxPage.goto("?view=all&tab=normal");
  await inboxPage.openFirst("Pending");
  await page.getByRole("button", { name: "Reassign" }).click();
  await page.getByLabel("New owner", { exact: true }).selectOption({ label: "Sam Ortiz (rep)" });
  await page.getByRole("button", { name: "Reassign" }).last().click();
  await expect(page.getByTestId("owner-name")).toHaveText("Sam Ortiz");
  await expect(page.getByTestId("timeline-entry").first()).toContainText("Morgan Lee reassigned it to Sam Ortiz");
});
