import { expect, test, users, PASSWORD } from "./fixtures";
import { LoginPage } from "./pages/login-page";

const priorityRank: Record<string, number> = { Immediate: 0, Normal: 1, Nurture: 2 };
const amount = (text: string) => (text === "—" ? null : Number(text.replace(/[^0-9.]/g, "")));

test("[MANAGER] filters by owner, team and created dates; the URL keeps them through a reload", async ({ page, signInAs, inboxPage }) => {
  await signInAs("manager");
  await inboxPage.goto("?view=all&tab=all&status=all");
  const everything = await inboxPage.rows().count();

  await inboxPage.applyFilters({ owner: "Sam Ortiz" });
  await expect(page).toHaveURL(/owner=/);
  const owners = await inboxPage.columnTexts("ownerName");
  expect(owners.length).toBeGreaterThan(0);
  expect(new Set(owners)).toEqual(new Set(["Sam Ortiz"]));
  await page.reload();
  expect(new Set(await inboxPage.columnTexts("ownerName"))).toEqual(new Set(["Sam Ortiz"]));
  await inboxPage.clearFilters();

  await inboxPage.applyFilters({ owner: "Unassigned" });
  await expect(page).toHaveURL(/owner=none/);
  expect(new Set(await inboxPage.columnTexts("ownerName"))).toEqual(new Set(["Unassigned"]));
  await inboxPage.clearFilters();

  await inboxPage.applyFilters({ team: "Inbound Americas" });
  await expect(page).toHaveURL(/team=/);
  const americas = await inboxPage.columnTexts("ownerName");
  expect(americas.length).toBeGreaterThan(0);
  expect(americas.every((o) => ["Jordan Blake", "Priya Nair", "Unassigned"].includes(o))).toBe(true);
  await inboxPage.clearFilters();

  // The demo's packages were all created in the last weeks: a range long before has none, a range
  // around today has them all.
  await inboxPage.applyFilters({ from: "2020-01-01", to: "2020-12-31" });
  await expect(page).toHaveURL(/from=2020-01-01&to=2020-12-31/);
  await expect(page.getByTestId("inbox-empty")).toContainText("No package matches these filters");
  const today = new Date().toISOString().slice(0, 10);
  await inboxPage.applyFilters({ from: "2020-01-01", to: today });
  await expect(page.getByLabel("Created to")).toHaveValue(today);
  expect(await inboxPage.rows().count()).toBe(everything);
});

test("[REP] has no team filter, and a team in the URL does not widen or narrow the queue", async ({ page, signInAs, inboxPage }) => {
  await signInAs("rep");
  await inboxPage.goto("?tab=all&status=all");
  const queue = await inboxPage.leadNames();
  await expect(page.getByLabel("Team")).toHaveCount(0);
  await inboxPage.goto("?tab=all&status=all&team=00000000-0000-4000-8000-000000000000");
  expect(await inboxPage.leadNames()).toEqual(queue);
});

test("[MANAGER] sorts by value, largest first with unknown values last, and back", async ({ page, signInAs, inboxPage }) => {
  await signInAs("manager");
  await inboxPage.goto("?view=all&tab=all&status=all&size=100");
  await page.getByRole("button", { name: "Value" }).click();
  await expect(page).toHaveURL(/sort=value&dir=desc/);
  const desc = (await inboxPage.columnTexts("value")).map(amount);
  const known = desc.filter((v) => v !== null);
  expect(known.length).toBeGreaterThan(3);
  expect(known).toEqual([...known].sort((a, b) => b! - a!));
  expect(desc.slice(known.length).every((v) => v === null)).toBe(true);

  await page.getByRole("button", { name: "Value" }).click();
  await expect(page).toHaveURL(/sort=value&dir=asc/);
  const asc = (await inboxPage.columnTexts("value")).map(amount);
  const knownAsc = asc.filter((v) => v !== null);
  expect(knownAsc).toEqual([...knownAsc].sort((a, b) => a! - b!));
  expect(asc.slice(knownAsc.length).every((v) => v === null)).toBe(true);
});

test("[MANAGER] sorts the All tab by priority, then SLA, across pages", async ({ page, signInAs, inboxPage }) => {
  await signInAs("manager");
  // The All tab's own order: no sort in the URL, and the Priority header says so.
  await inboxPage.goto("?view=all&tab=all&status=all&size=25");
  await expect(page.getByRole("columnheader", { name: "Priority" })).toHaveAttribute("aria-sort", "ascending");
  const first = (await inboxPage.columnTexts("priority")).map((p) => priorityRank[p]);
  expect(first).toEqual([...first].sort((a, b) => a! - b!));
  const firstNames = await inboxPage.leadNames();

  await page.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/after=/);
  const second = (await inboxPage.columnTexts("priority")).map((p) => priorityRank[p]);
  expect(second.length).toBeGreaterThan(0);
  expect(second[0]).toBeGreaterThanOrEqual(first.at(-1)!);
  expect(second).toEqual([...second].sort((a, b) => a! - b!));
  await page.getByRole("link", { name: "Previous" }).click();
  await expect.poll(() => inboxPage.leadNames()).toEqual(firstNames);
});

test("[MANAGER] bulk reassigns selected packages to a rep", async ({ page, signInAs, inboxPage }) => {
  await signInAs("manager");
  await inboxPage.goto("?view=all&tab=nurture");
  const names = await inboxPage.openRowNames(2);
  await inboxPage.selectRows(names);
  await expect(inboxPage.bulkBar()).toContainText("2 selected");
  await inboxPage.bulkBar().getByLabel("Reassign to").selectOption({ label: "Priya Nair" });
  await inboxPage.bulkBar().getByRole("button", { name: "Reassign" }).click();
  await expect(page.getByText("2 reassigned.")).toBeVisible();
  await expect(inboxPage.bulkBar()).toHaveCount(0);
  for (const name of names) await expect(inboxPage.rowFor(name).locator('td[data-column="ownerName"]')).toHaveText("Priya Nair");
});

test("[MANAGER] bulk discards with a reason after confirming, and reports the package someone changed meanwhile", async ({
  page,
  context,
  signInAs,
  inboxPage,
}) => {
  // Frozen timers: the list must not refresh itself between the other tab's change and the discard.
  await page.clock.install();
  await signInAs("manager");
  // Pending work of the Enterprise team: packages the other specs do not rely on.
  await inboxPage.goto("?view=all&tab=all&status=pending");
  await inboxPage.applyFilters({ team: "Enterprise" });
  const names = await inboxPage.openRowNames(3);
  await inboxPage.selectRows(names);

  // Someone accepts one of them in another tab after this list was drawn.
  const other = await context.newPage();
  await other.goto(
    await inboxPage
      .rowFor(names[2]!)
      .getByTestId("lead-link")
      .getAttribute("href")
      .then((h) => h!),
  );
  // The package's primary action while it waits for an owner.
  await other.getByTestId("primary-action").filter({ hasText: "Accept" }).click();
  await expect(other.getByTestId("status-badge").first()).toHaveText("Accepted");
  await other.close();

  await inboxPage.bulkBar().getByRole("button", { name: "Discard…" }).click();
  const dialog = page.getByRole("dialog", { name: "Discard 3 packages?" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Discard 3" })).toBeDisabled();
  await dialog.getByLabel("Reason").selectOption({ label: "Spam or fake contact" });
  await dialog.getByRole("button", { name: "Discard 3" }).click();
  await expect(page.getByText("2 discarded, 1 changed by someone else. The list now shows the latest state.")).toBeVisible();
  // All three left the pending list; the two are discarded, the one the other tab took is accepted.
  for (const name of names) await expect(inboxPage.rowFor(name)).toHaveCount(0);
  const statusOf = async (name: string) => {
    await inboxPage.goto(`?view=all&tab=all&status=all&q=${encodeURIComponent(name)}`);
    return inboxPage.rowFor(name).getByTestId("status-badge").innerText();
  };
  expect([await statusOf(names[0]!), await statusOf(names[1]!), await statusOf(names[2]!)]).toEqual(["Discarded", "Discarded", "Accepted"]);
});

test("[REP] sees no bulk actions, and the server refuses a rep's replayed bulk discard", async ({ page, browser, signInAs, inboxPage }) => {
  await signInAs("manager");
  await inboxPage.goto("?view=all&tab=immediate");
  const [name = ""] = await inboxPage.openRowNames(1);
  await inboxPage.selectRows([name]);
  // Capture the manager's bulk discard request and stop it before it reaches the server.
  let captured: { headers: Record<string, string>; body: string } | null = null;
  await page.route("**/inbox**", async (route) => {
    const request = route.request();
    if (request.method() === "POST" && request.headers()["next-action"]) {
      captured = { headers: request.headers(), body: request.postData() ?? "" };
      await route.abort();
    } else await route.continue();
  });
  await inboxPage.bulkBar().getByRole("button", { name: "Discard…" }).click();
  await page.getByRole("dialog").getByLabel("Reason").selectOption({ label: "Duplicate of another package" });
  await page.getByRole("dialog").getByRole("button", { name: "Discard 1" }).click();
  await expect.poll(() => captured).not.toBeNull();

  const repContext = await browser.newContext();
  const repPage = await repContext.newPage();
  await new LoginPage(repPage).goto();
  await new LoginPage(repPage).signIn(users.rep, PASSWORD);
  await expect(repPage).toHaveURL(/\/inbox/);
  await expect(repPage.getByTestId("inbox-row").first()).toBeVisible();
  await expect(repPage.getByTestId("row-select")).toHaveCount(0);
  await expect(repPage.getByTestId("select-all")).toHaveCount(0);

  const { headers, body } = captured!;
  const response = await repPage.request.post("/inbox", {
    headers: { "next-action": headers["next-action"] ?? "", "content-type": headers["content-type"] ?? "", accept: headers["accept"] ?? "text/x-component" },
    data: body,
  });
  expect(await response.text()).toContain("you are signed in as rep");
  await repContext.close();

  await page.unroute("**/inbox**");
  await page.reload();
  await expect(inboxPage.rowFor(name).getByTestId("status-badge")).not.toHaveText("Discarded");
});
