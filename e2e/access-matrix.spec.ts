import type { Browser, Page } from "@playwright/test";
import type { UserRole } from "../db/schema/auth";
import { pageExpectations, routeExpectations } from "../test/integration/access-matrix/expectations";
import { LoginPage } from "./pages/login-page";
import { expect, PASSWORD, test, users } from "./fixtures";

// The pages and session-authenticated routes of the access-control matrix, over HTTP with real
// sessions. The table (and the check that it covers every page and route in app/) is shared with
// test/integration/access-matrix/.

const who = { rep: users.rep, manager: users.manager, admin: users.admin } satisfies Record<UserRole, string>;
const callers = ["anonymous", "rep", "manager", "admin"] as const;

async function signedInPage(browser: Browser, caller: (typeof callers)[number]): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  if (caller !== "anonymous") {
    await new LoginPage(page).goto();
    await new LoginPage(page).signIn(who[caller], PASSWORD);
    await expect(page).toHaveURL(/\/inbox/);
  }
  return page;
}

/** Sample ids from the demo data that every signed-in role may see: a package in the rep's own queue, a CRM contact. */
async function samples(browser: Browser) {
  const page = await signedInPage(browser, "rep");
  await page.goto("/inbox?tab=all");
  const handoff = (await page.getByTestId("lead-link").first().getAttribute("href"))!.split("/").pop()!;
  // The package's CRM contact: synced now if the demo has not synced it yet.
  await page.goto(`/handoffs/${handoff}`);
  const contact = page.getByRole("link", { name: "Open contact in CRM" });
  if ((await contact.count()) === 0) {
    await page.getByTestId("crm-preview").getByRole("button", { name: "Sync now" }).click();
    await expect(contact).toBeVisible();
  }
  const crmContact = (await contact.getAttribute("href"))!.split("/").pop()!;
  await page.context().close();
  // A knowledge base article (the demo starts with the default ones): only an admin lists them.
  const adminPage = await signedInPage(browser, "admin");
  await adminPage.goto("/admin/knowledge");
  const article = (await adminPage.getByTestId("article-row").first().getByRole("link").first().getAttribute("href"))!.split("/").pop()!;
  await adminPage.context().close();
  return { handoff, crmContact, article };
}

test("[ANONYMOUS][REP][MANAGER][ADMIN] every console page admits exactly the roles the matrix allows", async ({ browser }) => {
  test.setTimeout(180_000);
  const ids = await samples(browser);
  for (const caller of callers) {
    const page = await signedInPage(browser, caller);
    for (const [pattern, expected] of Object.entries(pageExpectations)) {
      if (expected.kind !== "console") continue;
      const url = expected.sample.replace(":handoff", ids.handoff).replace(":crmContact", ids.crmContact).replace(":article", ids.article);
      const response = await page.goto(url);
      const where = `${caller} on ${pattern} (${url})`;
      if (caller === "anonymous") {
        await expect(page, where).toHaveURL(/\/login\?callbackUrl=/);
      } else if (expected.allowed.includes(caller)) {
        expect(response?.status(), where).toBe(200);
        await expect(page.getByTestId("forbidden"), where).toHaveCount(0);
        await expect(page.locator("main"), where).not.toBeEmpty();
      } else {
        expect(response?.status(), where).toBe(403);
        await expect(page.getByTestId("forbidden"), where).toBeVisible();
      }
    }
    await page.context().close();
  }
});

test("[ANONYMOUS][REP][MANAGER][ADMIN] session-authenticated routes answer 401, 403 or 200 as the matrix says", async ({ browser }) => {
  const sample = await samples(browser);
  for (const caller of callers) {
    const page = await signedInPage(browser, caller);
    for (const [key, expected] of Object.entries(routeExpectations)) {
      if (expected.kind !== "session") continue;
      const response = await page.request.get(expected.path.replace(":handoff", sample.handoff), { maxRedirects: 0 });
      if (caller === "anonymous") {
        // proxy.ts sends a signed-out browser to sign in before the route's own 401 is reached.
        expect([401, 307], `${caller} on ${key}`).toContain(response.status());
        if (response.status() === 307) expect(response.headers().location).toContain("/login");
      } else {
        expect(response.status(), `${caller} on ${key}`).toBe(expected.allowed.includes(caller) ? 200 : 403);
      }
    }
    await page.context().close();
  }
});

test("[ANONYMOUS] public pages render without a session, redirects lead where the matrix says", async ({ page }) => {
  for (const [pattern, expected] of Object.entries(pageExpectations)) {
    if (expected.kind === "public") {
      const url = expected.sample ?? pattern;
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(200);
      await expect(page, url).toHaveURL(new RegExp(`${url.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));
    }
  }
  const signedIn = await signedInPage(page.context().browser()!, "admin");
  for (const [pattern, expected] of Object.entries(pageExpectations)) {
    if (expected.kind !== "redirect") continue;
    await signedIn.goto(pattern);
    await expect(signedIn, pattern).toHaveURL(new RegExp(`${expected.to}(\\?|$)`));
  }
  await signedIn.context().close();
});

test("[REP] a view the role does not have answers 403 with the notice; an unknown page answers 404 with the console's card and a way back", async ({
  browser,
}) => {
  const page = await signedInPage(browser, "rep");
  const allTeams = await page.goto("/inbox?view=all");
  expect(allTeams?.status()).toBe(403);
  await expect(page.getByTestId("forbidden")).toContainText("The all-teams view is for managers and admins.");
  await expect(page.getByTestId("current-user")).toBeVisible();

  // No such package: inside the console, with its header.
  const missingPackage = await page.goto("/handoffs/00000000-0000-4000-8000-000000000000");
  expect(missingPackage?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toContainText("We can't find that page");
  await expect(page.getByTestId("current-user")).toBeVisible();

  // No such route at all.
  const unknown = await page.goto("/no-such-page");
  expect(unknown?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toBeVisible();
  await page.getByRole("link", { name: "Back to your inbox" }).click();
  await expect(page).toHaveURL(/\/inbox/);

  // The favicon the pages point at is served.
  const icon = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(icon).toBeTruthy();
  const served = await page.request.get(icon!);
  expect(served.status()).toBe(200);
  expect(served.headers()["content-type"]).toContain("image/svg+xml");
  await page.context().close();
});
