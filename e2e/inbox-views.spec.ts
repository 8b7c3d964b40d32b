import { DEMO_API_KEY } from "../db/seed/seed-demo";
import { seriousViolations } from "./axe";
import { expect, test } from "./fixtures";

test("[REP][MANAGER] a rep's inbox opens on Mine, then on the view they used last; a manager's on the team queue", async ({ page, signInAs }) => {
  await signInAs("rep");
  await expect(page).toHaveURL(/\/inbox\?view=mine$/);
  await expect(page.getByRole("link", { name: "Mine", exact: true })).toHaveAttribute("aria-current", "true");
  await page.getByRole("link", { name: "Unassigned", exact: true }).click();
  await expect(page).toHaveURL(/view=unassigned/);
  await expect(page.getByRole("link", { name: "Unassigned", exact: true })).toHaveAttribute("aria-current", "true");
  await page.goto("/inbox");
  await expect(page).toHaveURL(/\/inbox\?view=unassigned$/);
  await expect(page.getByRole("link", { name: "Unassigned", exact: true })).toHaveAttribute("aria-current", "true");

  await page.context().clearCookies();
  await signInAs("manager");
  await expect(page).toHaveURL(/\/inbox$/);
  await expect(page.getByRole("link", { name: /^Team queue/ })).toHaveAttribute("aria-current", "true");
});

test("[REP] the Unassigned view lists only packages nobody owns", async ({ page, signInAs, inboxPage }) => {
  await signInAs("rep");
  await inboxPage.goto("?view=unassigned&tab=immediate&status=all");
  await expect(inboxPage.rows().first()).toBeVisible();
  const owners = await inboxPage.rows().locator('td[data-column="ownerName"]').allInnerTexts();
  expect(owners.length).toBeGreaterThan(0);
  expect(owners.every((o) => o.trim() === "Unassigned")).toBe(true);
  await expect(page.getByRole("link", { name: "Unassigned", exact: true })).toHaveAttribute("aria-current", "true");
});

test("[REP] search and a reason filter narrow the list, and survive a reload", async ({ page, signInAs, inboxPage }) => {
  await signInAs("rep");
  await inboxPage.goto("?tab=immediate&status=all");
  const name = (await page.getByTestId("lead-link").first().innerText()).trim();
  await inboxPage.search(name.split(" ")[1] ?? name);
  await expect(page.getByTestId("lead-link").filter({ hasText: name })).toBeVisible();
  const narrowed = await inboxPage.rows().count();

  await page.reload();
  await expect(page.getByRole("searchbox")).toHaveValue(name.split(" ")[1] ?? name);
  expect(await inboxPage.rows().count()).toBe(narrowed);

  await page.getByRole("link", { name: "Clear" }).click();
  // Clear is a navigation: pick the reason once the cleared page is there, or it is re-rendered away.
  await expect(page).not.toHaveURL(/[?&]q=\w/);
  await expect(page.getByRole("searchbox")).toHaveValue("");
  // A filter applies as it is chosen: no Apply button once the page is interactive.
  await page.getByLabel("Reason").selectOption({ label: "Risk" });
  await expect(page).toHaveURL(/reason=risk/);
  await expect(page.getByRole("button", { name: "Apply" })).toHaveCount(0);
  const chips = await inboxPage.rows().locator('td[data-column="reasons"]').allInnerTexts();
  expect(chips.length).toBeGreaterThan(0);
  expect(chips.every((c) => c.includes("Risk"))).toBe(true);

  await inboxPage.search("no-such-lead-anywhere");
  await expect(page.getByTestId("inbox-empty")).toContainText("No package matches these filters");
});

test("[MANAGER] sees what the agent filtered on its own", async ({ page, request, signInAs, inboxPage }) => {
  const response = await request.post("/api/v1/intake", {
    headers: { Authorization: `Bearer ${DEMO_API_KEY}` },
    data: {
      externalId: `e2e-spam-${Date.now()}`,
      channel: "form",
      receivedAt: new Date().toISOString(),
      fields: { email: "deals@pill-promo.biz", message: "Cheap meds online, no prescription, click now" },
    },
  });
  expect(await response.json()).toMatchObject({ decision: "filter" });
  await signInAs("manager");
  await inboxPage.goto("?view=filtered");
  await expect(page.getByRole("link", { name: /^Filtered \(\d+\)$/ })).toHaveAttribute("aria-current", "true");
  await expect(page.getByRole("tablist")).toHaveCount(0);
  await expect(inboxPage.rows().filter({ hasText: "deals@pill-promo.biz" })).toBeVisible();
});

test("[MANAGER] at 1440 px the search and filters fit one line; the rarer filters are behind More filters and apply as chosen", async ({
  page,
  signInAs,
  inboxPage,
}, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInAs("manager");
  await inboxPage.goto("?view=all&tab=all&status=all");
  const bar = page.getByRole("search", { name: "Search and filter" });
  const search = page.getByRole("searchbox");
  const more = page.getByRole("button", { name: /^More filters/ });
  // One line: the search, the filters and More filters share a top and the bar is one control high.
  const tops = await Promise.all([search, page.getByLabel("Reason"), page.getByLabel("Owner"), more].map(async (c) => Math.round((await c.boundingBox())!.y)));
  expect(new Set(tops).size, `tops ${tops.join(", ")}`).toBe(1);
  expect((await bar.boundingBox())!.height).toBeLessThanOrEqual(44);
  // The placeholder is not cut: the box is wider than the text it shows.
  expect(await search.evaluate((el: HTMLInputElement) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await page.screenshot({ path: testInfo.outputPath("inbox-filters-1440.png") });

  await expect(page.getByLabel("Campaign")).toBeHidden();
  await more.click();
  await expect(page.getByLabel("Campaign")).toBeVisible();
  await inboxPage.applyFilters({ team: "Enterprise" });
  await expect(page.getByRole("button", { name: "More filters (1)" })).toHaveAttribute("aria-expanded", "true");
  expect(await seriousViolations(page)).toEqual([]);
});
