import { DEMO_API_KEY } from "../db/seed/seed-demo";
import { expect, PASSWORD, test, users } from "./fixtures";

const leadFor = (externalId: string, name: [string, string]) => ({
  externalId,
  channel: "form",
  receivedAt: new Date().toISOString(),
  fields: {
    firstname: name[0],
    lastname: name[1],
    email: `${name[0].toLowerCase()}@${externalId}.example.se`,
    phone: "+46 70 000 0000",
    company: `${name[1]} Logistik`,
    numemployees: "150",
    message: "We get 700 leads a month and need an AI agent that qualifies them this month.",
  },
});

test("[REP] changes notification preferences, then a routed package shows in the in-app list and the bell", async ({
  page,
  request,
  signInAs,
  notificationsPage,
}) => {
  const rejected = await test.step("refuses turning every channel off", async () => {
    await signInAs("rep");
    await notificationsPage.goto();
    await notificationsPage.setChannels({ inApp: false, email: false, slack: false });
    return page.getByText("Keep at least one channel on");
  });
  await expect(rejected).toBeVisible();

  await notificationsPage.setChannels({ inApp: true, email: true, slack: false }, "U024BE7LH");
  await notificationsPage.expectSaved();
  await page.reload();
  const form = page.getByRole("form", { name: "Notification preferences" });
  await expect(form.getByLabel("Slack", { exact: true })).not.toBeChecked();
  await expect(form.getByLabel("Slack member or channel id (optional)")).toHaveValue("U024BE7LH");

  // Routing decides who is told: Dana or Sam (the EMEA reps take turns, skipping one at capacity, and
  // the earlier specs' immediate packages fill capacity), or both when it waits in the team's queue.
  // Whoever has it must find it in their in-app list and on the bell.
  const name: [string, string] = ["Astrid", `Berg${Date.now() % 100_000}`];
  const response = await request.post("/api/v1/intake", {
    headers: { Authorization: `Bearer ${DEMO_API_KEY}` },
    data: leadFor(`e2e-notify-${Date.now()}`, name),
  });
  expect(response.status()).toBe(200);
  const { handoffId } = (await response.json()) as { handoffId: string };
  await page.goto(`/handoffs/${handoffId}`);
  await expect(page.getByTestId("timeline-entry").first()).toContainText("System routed it to");
  await page.screenshot({ path: "test-results/playwright/routed-package.png", fullPage: true });
  const owner = await page.getByTestId("owner-name").innerText();
  expect(["Dana Reyes", "Sam Ortiz", "Unassigned"], `routed to an EMEA rep or their queue, not ${owner}`).toContain(owner);
  if (owner === "Sam Ortiz") await signInAs("rep2");
  const mine = `${name[0]} ${name[1]}`;

  await expect(async () => {
    await notificationsPage.goto();
    await expect(notificationsPage.items().filter({ hasText: mine }).first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(notificationsPage.items().filter({ hasText: mine }).first()).toHaveAttribute("data-unread", "true");
  await expect(page.getByTestId("notification-count")).toBeVisible();
  await page.screenshot({ path: "test-results/playwright/notifications.png", fullPage: true });

  await page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(page.getByTestId("notification-count")).toHaveCount(0);

  // Dana's preferences back as the demo has them (every channel, the default Slack target): the next
  // package routed to her must reach Slack again.
  await signInAs("rep");
  await notificationsPage.goto();
  await notificationsPage.setChannels({ inApp: true, email: true, slack: true });
  await notificationsPage.expectSaved();
});

test("[ADMIN] sees the Slack message and the email the worker sent, and the delivery log", async ({ page, request, signInAs }) => {
  const name: [string, string] = ["Sigrid", `Holm${Date.now() % 100_000}`];
  const response = await request.post("/api/v1/intake", {
    headers: { Authorization: `Bearer ${DEMO_API_KEY}` },
    data: leadFor(`e2e-admin-${Date.now()}`, name),
  });
  expect(response.status()).toBe(200);
  await signInAs("admin");
  const title = `Immediate handoff: ${name.join(" ")}, ${name[1]} Logistik`;
  await expect(async () => {
    await page.goto("/admin/messages");
    await expect(page.getByTestId("demo-slack-message").filter({ hasText: title })).toBeVisible({ timeout: 1_000 });
    // One email, or one to each rep of the team when the package waits in the team's queue.
    await expect(
      page
        .getByTestId("demo-email-message")
        .filter({ hasText: `[Baton] ${title}` })
        .first(),
    ).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(
    page
      .getByTestId("delivery")
      .filter({ hasText: name.join(" ") })
      .first(),
  ).toContainText("sent");
  await page.screenshot({ path: "test-results/playwright/admin-messages.png", fullPage: true });

  await page.goto("/admin/jobs");
  await expect(page.getByTestId("queue-table")).toContainText("notify");
  await page.screenshot({ path: "test-results/playwright/admin-jobs.png", fullPage: true });
});

test("[REP] is refused the admin jobs and messages pages", async ({ page, signInAs }) => {
  await signInAs("rep");
  for (const path of ["/admin/jobs", "/admin/messages"]) {
    await page.goto(path);
    await expect(page.getByTestId("forbidden")).toContainText("needs the admin role");
  }
});

test("[REP] a new immediate package routed to them raises a browser notification while the console is in a background tab, and the bell's popover lists it", async ({
  browser,
  request,
}) => {
  test.setTimeout(90_000);
  // Each rep's console in a tab the browser reports hidden, with the Notifications API recorded
  // (Playwright grants the permission; the hook keeps what the page asked the browser to show).
  const consoleOf = async (email: string) => {
    const context = await browser.newContext();
    await context.grantPermissions(["notifications"]);
    await context.addInitScript(() => {
      const shown: { title: string; body: string }[] = [];
      Object.assign(window, { __shown: shown });
      class RecordedNotification {
        static permission: NotificationPermission = "granted";
        static requestPermission = async () => "granted" as const;
        onclick: (() => void) | null = null;
        constructor(title: string, options?: NotificationOptions) {
          shown.push({ title, body: options?.body ?? "" });
        }
        close() {}
      }
      Object.defineProperty(window, "Notification", { configurable: true, value: RecordedNotification });
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
    });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Work email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/inbox/);
    return page;
  };
  // Routing gives an EMEA package to Dana or Sam (or both hear of it in the team's queue).
  const reps = [await consoleOf(users.rep), await consoleOf(users.rep2)];

  const name: [string, string] = ["Ingrid", `Lund${Date.now() % 100_000}`];
  const response = await request.post("/api/v1/intake", {
    headers: { Authorization: `Bearer ${DEMO_API_KEY}` },
    data: leadFor(`e2e-alert-${Date.now()}`, name),
  });
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ priority: "immediate" });

  const shownOn = (page: (typeof reps)[number]) => page.evaluate(() => (window as unknown as { __shown: { title: string; body: string }[] }).__shown);
  let alerted: (typeof reps)[number] | undefined;
  await expect
    .poll(
      async () => {
        for (const page of reps) if ((await shownOn(page)).some((n) => `${n.title} ${n.body}`.includes(name[1]))) alerted = page;
        return Boolean(alerted);
      },
      { message: `a browser notification about ${name.join(" ")}`, timeout: 60_000 },
    )
    .toBe(true);
  // Once, not on every poll.
  expect((await shownOn(alerted!)).filter((n) => `${n.title} ${n.body}`.includes(name[1]))).toHaveLength(1);

  await alerted!.getByTestId("notification-bell").click();
  const popover = alerted!.getByTestId("notification-popover");
  await expect(popover.getByRole("link", { name: new RegExp(name[1]) })).toBeVisible();
  await alerted!.keyboard.press("Escape");
  await expect(popover).toHaveCount(0);
});
