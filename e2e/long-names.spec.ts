import type { Browser, Page } from "@playwright/test";
import { DEMO_API_KEY } from "../db/seed/seed-demo";
import { expect, test } from "./fixtures";
import { choosePassword, emailedLink, invite } from "./pages/account-emails";
import { LoginPage } from "./pages/login-page";

// 200 characters with no space to break at: what a pasted token or a careless import leaves behind.
const longName = "Maximilian".repeat(20);
const longPassword = "long-name-password-1";
const widths = [1440, 390];

test("[ADMIN] a 200-character unbroken name wraps or truncates with a title wherever names show, at 1440 and 390 px", async ({
  browser,
  page,
  request,
  signInAs,
}, testInfo) => {
  test.setTimeout(120_000);
  const email = `long-${Date.now()}@baton.demo`;
  await signInAs("admin");
  await page.goto("/admin/users");
  // Invited to the form's default team (the demo's); they choose their password from the emailed link.
  await invite(page, { name: longName, email });
  await choosePassword(await (await browser.newContext()).newPage(), await emailedLink(email, "/login/invite"), longPassword);
  await page.goto("/admin/users");
  await expect(page.getByTestId("user-row").filter({ hasText: email })).toBeVisible();

  // A package in the demo team's queue, given to them.
  const intake = await request.post("/api/v1/intake", {
    headers: { Authorization: `Bearer ${DEMO_API_KEY}` },
    data: {
      externalId: `e2e-long-name-${Date.now()}`,
      channel: "form",
      receivedAt: new Date().toISOString(),
      fields: {
        firstname: "Henrike",
        lastname: "Vos",
        email: "henrike@kranich.example",
        company: "Kranich Logistik",
        numemployees: "120",
        message: "We get 800 leads a month and need an AI agent that qualifies them this month.",
      },
    },
  });
  expect(intake.status()).toBe(200);
  const { handoffId } = (await intake.json()) as { handoffId: string };
  await page.goto(`/handoffs/${handoffId}`);
  await page.getByRole("button", { name: "Reassign", exact: true }).click();
  await page.getByLabel("New owner", { exact: true }).selectOption({ label: `${longName} (rep)` });
  await page.getByRole("form", { name: "Reassign package" }).getByRole("button", { name: "Reassign" }).click();
  await expect(page.getByTestId("owner-name")).toHaveText(longName);

  // They open the package too: the admin sees them viewing it.
  const other = await signedIn(browser, email, longPassword);
  await other.goto(`/handoffs/${handoffId}`);
  await page.reload();
  await expect(page.getByTestId("presence-viewers")).toContainText(longName);

  const screens: [string, string, (p: Page) => Promise<void>][] = [
    ["users", "/admin/users", async (p) => expect(p.getByTestId("user-row").filter({ hasText: email })).toBeVisible()],
    [
      "inbox",
      `/inbox?view=all&tab=all&status=all&q=Henrike`,
      // A phone's row card leaves the owner to the package page (name, company, clock, priority, reasons).
      async (p) =>
        expect(
          p.viewportSize()!.width >= 768 ? p.getByTitle(longName, { exact: true }).first() : p.getByTestId("lead-link").filter({ hasText: "Henrike" }).first(),
        ).toBeVisible(),
    ],
    ["package", `/handoffs/${handoffId}`, async (p) => expect(p.getByTestId("presence-viewers")).toContainText(longName)],
    ["audit", "/admin/audit", async (p) => expect(p.getByTestId("audit-entry").first()).toBeVisible()],
  ];
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    for (const [name, path, ready] of screens) {
      await page.goto(path);
      await ready(page);
      await page.screenshot({ path: testInfo.outputPath(`long-name-${name}-${width}.png`), fullPage: false });
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect.soft(scrollWidth, `${name} at ${width} px`).toBeLessThanOrEqual(width);
    }
  }
  // Their own name in the header, on a phone.
  await other.setViewportSize({ width: 390, height: 800 });
  await other.goto("/inbox");
  await expect(other.getByTestId("current-user")).toHaveAttribute("title", longName);
  expect.soft(await other.evaluate(() => document.documentElement.scrollWidth), "their inbox at 390 px").toBeLessThanOrEqual(390);
  // Where a name is cut short, the whole of it is in the title.
  await page.goto(`/inbox?view=all&tab=all&status=all&q=Henrike`);
  await expect(page.getByTitle(longName, { exact: true }).first()).toHaveText(longName);
  await other.context().close();
});

async function signedIn(browser: Browser, email: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(email, password);
  await expect(page).toHaveURL(/\/inbox/);
  return page;
}
