import { expect, test, users, PASSWORD } from "./fixtures";
import { InboxPage } from "./pages/inbox-page";
import { LoginPage } from "./pages/login-page";

test("[REP][MANAGER] each sees the other viewing the same package, and who acted on it a moment ago", async ({ page, browser, signInAs, inboxPage }) => {
  test.setTimeout(60_000);
  await signInAs("rep");
  await inboxPage.goto("?tab=immediate");
  const leadName = await inboxPage.openFirst("Pending");
  await expect(page.getByRole("heading", { level: 1, name: leadName })).toBeVisible();
  const packageUrl = page.url();

  const managerContext = await browser.newContext();
  const manager = await managerContext.newPage();
  await new LoginPage(manager).goto();
  await new LoginPage(manager).signIn(users.manager, PASSWORD);
  await expect(manager).toHaveURL(/\/inbox/);
  await manager.goto(packageUrl);
  // The rep's heartbeat is already stored: the manager sees her on the first beat.
  await expect(manager.getByTestId("presence-viewers")).toHaveText("Dana Reyes is viewing this package too.");

  // The rep's next beat (forced now instead of waiting 15 s) brings the manager in.
  await beatNow(page);
  await expect(page.getByTestId("presence-viewers")).toHaveText("Morgan Lee is viewing this package too.");

  await page.getByTestId("primary-action").click();
  await expect(page.getByTestId("status-badge").first()).toHaveText("Accepted");
  await beatNow(manager);
  await expect(manager.getByTestId("presence-acted")).toContainText("Dana Reyes accepted it a moment ago.");
  await manager.getByRole("button", { name: "Show the latest" }).click();
  await expect(manager.getByTestId("status-badge").first()).toHaveText("Accepted");

  // In the manager's inbox, the row shows both: someone viewing it, someone who just acted.
  const managerInbox = new InboxPage(manager);
  await managerInbox.goto("?view=all&tab=immediate&status=all&size=100");
  const row = managerInbox.rowFor(leadName);
  await expect(row.getByTestId("row-viewers")).toHaveAttribute("title", "Dana Reyes viewing now");
  await expect(row.getByTestId("row-acted")).toHaveAttribute("title", "Dana Reyes accepted it a moment ago");

  // Leaving the package page takes the rep off it at once.
  await page.getByRole("main").getByRole("link", { name: "Inbox" }).click();
  await expect(page).toHaveURL(/\/inbox/);
  await expect
    .poll(async () => {
      await manager.reload();
      return managerInbox.rowFor(leadName).getByTestId("row-viewers").count();
    })
    .toBe(0);
  await managerContext.close();
});

// The heartbeat also runs when the tab becomes visible again; that is the hook used here.
async function beatNow(page: import("@playwright/test").Page) {
  await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
}
