import { seriousViolations } from "./axe";
import { expect, test } from "./fixtures";

test("[REP] the inbox and a package page have no serious or critical axe violations", async ({ page, signInAs, inboxPage }) => {
  await signInAs("rep");
  await inboxPage.goto("?view=team");
  await expect(inboxPage.rows().first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // With the keys dialog open too.
  await page.keyboard.press("?");
  await expect(inboxPage.shortcutsDialog()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press("Escape");

  const leadName = await inboxPage.openFirst("Pending");
  await expect(page.getByRole("heading", { level: 1, name: leadName })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("[MANAGER] the inbox with filters, selection and the bulk discard dialog has no serious or critical axe violations", async ({
  page,
  signInAs,
  inboxPage,
}) => {
  await signInAs("manager");
  await inboxPage.goto("?view=all&tab=all&status=all&sort=value");
  const names = await inboxPage.openRowNames(2);
  await inboxPage.selectRows(names);
  await expect(inboxPage.bulkBar()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await inboxPage.bulkBar().getByRole("button", { name: "Discard…" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test.describe("at 390 px wide", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test("[REP] uses the inbox on a phone: nothing overflows the page, a package opens and can be acted on", async ({ page, signInAs, inboxPage }) => {
    await signInAs("rep2");
    await inboxPage.goto("?view=mine&tab=normal");
    await expect(inboxPage.rows().first()).toBeVisible();
    // Each row is a card that fits the screen; the page itself never scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const box = await page.getByTestId("inbox-table-scroll").boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    const card = inboxPage.rows().first();
    for (const part of [card.getByTestId("lead-link"), card.locator('td[data-column="sla_due_at"]'), card.locator('td[data-column="priority"]')])
      await expect(part).toBeInViewport();
    expect((await card.boundingBox())!.width).toBeLessThanOrEqual(390);
    // The filters sit behind one button, so the first card is on the first screen.
    const filters = page.getByRole("button", { name: /^Filters/ });
    await expect(filters).toBeInViewport();
    await expect(page.getByLabel("Reason")).toBeHidden();
    await filters.tap();
    await expect(page.getByLabel("Reason")).toBeVisible();
    await expect(page.getByLabel("Created from")).toBeVisible();
    await filters.tap();
    expect(await seriousViolations(page)).toEqual([]);

    const leadName = await inboxPage.openFirst("Pending");
    await expect(page.getByRole("heading", { level: 1, name: leadName })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const accept = page.getByTestId("primary-action");
    await accept.scrollIntoViewIfNeeded();
    await accept.tap();
    await expect(page.getByText("Accepted: this package is yours.")).toBeVisible();
    await expect(page.getByTestId("status-badge").first()).toHaveText("Accepted");
    expect(await seriousViolations(page)).toEqual([]);
  });
});
